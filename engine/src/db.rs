//! The incremental database (salsa): file texts are inputs, everything an editor asks for is
//! a tracked query derived from them, recomputed only when what it read changed.
//!
//! Per file: [`tokens`], [`parsed`] (the error-recovering parse), [`semantic`] (symbol
//! table and its errors) and [`diagnostics`]. Per top-level function or class:
//! [`chunk_facts`] — lints and compilation of that definition alone, keyed by its text, so
//! an edit inside one function recomputes that function's facts and reuses every other's.
//! Per file, nested too: [`definitions::definitions`], every `def` and `class` with a
//! position-independent fingerprint of its text (what a re-run keeps warm).
//!
//! Architecture invariant: no I/O. The embedder (the language server) reads files and feeds
//! their text in through [`AnalysisDatabase::set_file`]. Paths are plain strings; module
//! resolution only looks at files the workspace input holds.

pub mod definitions;

use crate::analysis::catalog;
use crate::analysis::lints::{self, Diagnostic};
use crate::symtable;
use crate::syntax::ast::{Stmt, StmtKind};
use crate::syntax::lexer::{lex, Lexed};
use crate::syntax::{parse, LineIndex, Mode, Parsed, TextRange};
use crate::vm::import::bundled;
use std::collections::BTreeMap;

/// One source file: its path (absolute, `/` separated) and current text.
#[salsa::input(debug)]
pub struct SourceFile {
    #[returns(ref)]
    pub path: String,
    #[returns(ref)]
    pub text: String,
}

/// Every file the analysis knows, by path, and the workspace roots (for imports).
#[salsa::input]
pub struct Workspace {
    #[returns(ref)]
    pub files: BTreeMap<String, SourceFile>,
    #[returns(ref)]
    pub roots: Vec<String>,
}

#[salsa::db]
pub trait Db: salsa::Database {
    fn workspace(&self) -> Workspace;
    /// The bundled standard library (`engine/lib/`), by path under
    /// [`LIB_ROOT`](crate::vm::import::bundled::LIB_ROOT): files the analysis reads like
    /// workspace files but that no editor shows.
    fn library(&self) -> &BTreeMap<String, SourceFile>;
}

/// The concrete database. Cloning it makes a snapshot for a reader; a write
/// ([`AnalysisDatabase::set_file`]) cancels the readers' queries and waits for them to drop
/// their snapshots.
#[salsa::db]
#[derive(Clone)]
pub struct AnalysisDatabase {
    storage: salsa::Storage<Self>,
    workspace: Option<Workspace>,
    library: std::sync::Arc<BTreeMap<String, SourceFile>>,
}

/// The queries a database executed (not reused), for tests of incrementality.
pub type ExecutionLog = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

#[salsa::db]
impl salsa::Database for AnalysisDatabase {}

#[salsa::db]
impl Db for AnalysisDatabase {
    fn workspace(&self) -> Workspace {
        self.workspace
            .expect("the workspace input is created in AnalysisDatabase::new")
    }

    fn library(&self) -> &BTreeMap<String, SourceFile> {
        &self.library
    }
}

impl Default for AnalysisDatabase {
    fn default() -> Self {
        Self::with_storage(salsa::Storage::default())
    }
}

impl AnalysisDatabase {
    fn with_storage(storage: salsa::Storage<Self>) -> Self {
        let mut db = AnalysisDatabase {
            storage,
            workspace: None,
            library: Default::default(),
        };
        db.workspace = Some(Workspace::new(&db, BTreeMap::new(), Vec::new()));
        // Every bundled module as an input that never changes: parsed only when asked for.
        let library = bundled::MODULES
            .iter()
            .map(|m| {
                let path = bundled::module_path(m);
                let file = SourceFile::new(&db, path.clone(), m.source.to_owned());
                (path, file)
            })
            .collect();
        db.library = std::sync::Arc::new(library);
        db
    }

    /// A database that records every query it executes into `log` (`"chunk_facts"`, …).
    pub fn with_execution_log(log: ExecutionLog) -> Self {
        Self::with_storage(salsa::Storage::new(Some(Box::new(
            move |event: salsa::Event| {
                if let salsa::EventKind::WillExecute { database_key } = event.kind {
                    if let Ok(mut l) = log.lock() {
                        l.push(format!("{database_key:?}"));
                    }
                }
            },
        ))))
    }

    /// The file at `path`, if the database has it.
    pub fn file(&self, path: &str) -> Option<SourceFile> {
        self.workspace().files(self).get(path).copied()
    }

    /// Sets the text of `path`, adding the file if it is new.
    pub fn set_file(&mut self, path: &str, text: String) -> SourceFile {
        use salsa::Setter;
        if let Some(file) = self.file(path) {
            if file.text(self) != &text {
                file.set_text(self).to(text);
            }
            return file;
        }
        let file = SourceFile::new(self, path.to_owned(), text);
        let ws = self.workspace();
        let mut files = ws.files(self).clone();
        files.insert(path.to_owned(), file);
        ws.set_files(self).to(files);
        file
    }

    pub fn set_roots(&mut self, roots: Vec<String>) {
        use salsa::Setter;
        let ws = self.workspace();
        ws.set_roots(self).to(roots);
    }
}

/// A file's parse and its line index.
pub struct ParsedFile {
    pub parsed: Parsed,
    pub lines: LineIndex,
}

/// Every token of the file (trivia included).
#[salsa::tracked(returns(ref), no_eq)]
pub fn tokens(db: &dyn Db, file: SourceFile) -> Lexed {
    lex(file.text(db))
}

#[salsa::tracked(returns(ref), no_eq)]
pub fn parsed(db: &dyn Db, file: SourceFile) -> ParsedFile {
    let text = file.text(db);
    ParsedFile {
        parsed: parse(text, Mode::Module),
        lines: LineIndex::new(text),
    }
}

/// The symbol table (scopes, symbols and every binding and use site) and its errors.
#[salsa::tracked(returns(ref), no_eq)]
pub fn semantic(db: &dyn Db, file: SourceFile) -> symtable::Analysis {
    symtable::build(file.text(db), &parsed(db, file).parsed.module)
}

/// The text of one top-level `def` or `class` (decorators included): the key of the
/// per-definition queries, so equal text means a reused result wherever it moved.
#[salsa::interned]
pub struct Chunk<'db> {
    #[returns(ref)]
    pub text: String,
}

/// What one top-level definition contributes, with ranges relative to its chunk.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ChunkFacts {
    /// Lints local to the definition (unused locals and local imports).
    pub lints: Vec<Diagnostic>,
    /// Names read as globals (module-level or builtin), with each use.
    pub global_reads: Vec<(String, TextRange)>,
    /// Names bound in the module by `global` declarations inside the definition.
    pub global_binds: Vec<String>,
    /// The definition compiled on its own: code objects by qualified name.
    pub compiled: Vec<CompiledCode>,
    /// Why compiling it alone failed (a syntax error elsewhere in the file shows up too).
    pub compile_error: Option<String>,
}

/// A code object's size, from compiling its definition alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompiledCode {
    pub qualname: String,
    /// 1-based line relative to the chunk.
    pub first_line: u32,
    pub instructions: u32,
    pub specializable: u32,
}

#[salsa::tracked(returns(ref))]
pub fn chunk_facts<'db>(db: &'db dyn Db, chunk: Chunk<'db>) -> ChunkFacts {
    let text = chunk.text(db);
    let parsed = parse(text, Mode::Module);
    let table = symtable::build(text, &parsed.module).table;
    let mut facts = ChunkFacts {
        lints: lints::local_lints(text, &table),
        ..ChunkFacts::default()
    };
    lints::global_uses(&table, &mut facts.global_reads, &mut facts.global_binds);
    match crate::compile::compile_source(text, "<chunk>", Mode::Module) {
        Ok(code) => collect_code(&code, &mut facts.compiled),
        Err(e) => facts.compile_error = Some(format!("{e:?}")),
    }
    facts
}

fn collect_code(code: &crate::bytecode::CodeObject, out: &mut Vec<CompiledCode>) {
    for child in code.children() {
        out.push(CompiledCode {
            qualname: child.qualname.to_string(),
            first_line: child.first_line,
            instructions: child.code.len() as u32,
            specializable: child
                .code
                .iter()
                .filter(|i| i.opcode().is_specializable())
                .count() as u32,
        });
        collect_code(child, out);
    }
}

/// Where a `def` or `class` statement's text starts, its decorators included (`None` for
/// other statements).
pub(crate) fn definition_start(s: &Stmt) -> Option<u32> {
    let decorators = match &s.kind {
        StmtKind::FunctionDef(f) => &f.decorator_list,
        StmtKind::ClassDef(c) => &c.decorator_list,
        _ => return None,
    };
    let first = decorators.iter().map(|d| d.range.start).min();
    Some(first.map_or(s.range.start, |d| d.min(s.range.start)))
}

/// The top-level definitions of a file: each one's chunk range (decorators included).
pub fn top_level_chunks(text: &str, lines: &LineIndex, body: &[Stmt]) -> Vec<TextRange> {
    body.iter()
        .filter_map(|s| {
            let start = lines.line_start(lines.line_of(definition_start(s)?));
            let end = (s.range.end as usize).min(text.len()) as u32;
            Some(TextRange::new(start, end))
        })
        .collect()
}

/// Every diagnostic of the file: syntax errors (all of them, by recovery), symbol-table
/// errors, undefined names, unused imports and variables, imports that cannot be found.
#[salsa::tracked(returns(ref))]
pub fn diagnostics(db: &dyn Db, file: SourceFile) -> Vec<Diagnostic> {
    let text = file.text(db);
    let pf = parsed(db, file);
    let sem = semantic(db, file);
    let mut out: Vec<Diagnostic> = Vec::new();
    for e in pf.parsed.errors.iter().chain(&sem.errors) {
        out.push(Diagnostic::error(e.range, &e.message, e.error_type.name()));
    }
    // Per definition: memoized by text.
    let mut global_reads = Vec::new();
    let mut global_binds = Vec::new();
    for range in top_level_chunks(text, &pf.lines, &pf.parsed.module.body) {
        let chunk = Chunk::new(db, range.slice(text).to_owned());
        let facts = chunk_facts(db, chunk);
        out.extend(facts.lints.iter().map(|d| d.shifted(range.start)));
        global_reads.extend(
            facts
                .global_reads
                .iter()
                .map(|(n, r)| (n.clone(), lints::shift(*r, range.start))),
        );
        global_binds.extend(facts.global_binds.iter().cloned());
    }
    let builtins = catalog::builtin_names();
    out.extend(lints::module_lints(
        &sem.table,
        &global_reads,
        &global_binds,
        builtins,
    ));
    out.extend(unresolved_imports(db, file));
    out.sort_by_key(|d| (d.range.start, d.range.end));
    out
}

/// `import x` / `from x import y` whose module is neither built into Adder nor a file of the
/// workspace.
fn unresolved_imports(db: &dyn Db, file: SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let body = &parsed(db, file).parsed.module.body;
    let mut visit = |name: &str, level: u32, range: TextRange| {
        if level == 0 && catalog::is_native_module(name) {
            return;
        }
        if resolve_module(db, file, name, level).is_none() {
            let shown = format!("{}{}", ".".repeat(level as usize), name);
            out.push(Diagnostic::warning(
                range,
                &format!("cannot find module '{shown}' (not built into Adder, and no such file in the workspace)"),
                "unresolved-import",
            ));
        }
    };
    imports_in(body, &mut visit);
    out
}

/// Every import statement's module (dotted name, level, range of the name) in `body`,
/// nested blocks included.
pub fn imports_in(body: &[Stmt], f: &mut dyn FnMut(&str, u32, TextRange)) {
    for s in body {
        match &s.kind {
            StmtKind::Import(aliases) => {
                for a in aliases {
                    f(&a.name.id, 0, a.name.range);
                }
            }
            StmtKind::ImportFrom {
                module,
                level,
                names,
            } => match module {
                Some(m) => f(&m.id, *level, m.range),
                None => {
                    // `from . import x`: each name is a module of the package.
                    for a in names {
                        f(&a.name.id, *level, a.name.range);
                    }
                }
            },
            StmtKind::FunctionDef(d) => imports_in(&d.body, f),
            StmtKind::ClassDef(c) => imports_in(&c.body, f),
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                imports_in(body, f);
                imports_in(orelse, f);
            }
            StmtKind::For(x) => {
                imports_in(&x.body, f);
                imports_in(&x.orelse, f);
            }
            StmtKind::With { body, .. } => imports_in(body, f),
            StmtKind::Try(t) => {
                imports_in(&t.body, f);
                for h in &t.handlers {
                    imports_in(&h.body, f);
                }
                imports_in(&t.orelse, f);
                imports_in(&t.finalbody, f);
            }
            _ => {}
        }
    }
}

/// The file that `import name` (with `level` leading dots) in `from` refers to: `name` as a
/// `.py` file or package `__init__.py` next to `from`, then in the bundled library, then
/// under a workspace root (`adder run`'s order: the script's directory, the library, the
/// rest of `sys.path`).
pub fn resolve_module(db: &dyn Db, from: SourceFile, name: &str, level: u32) -> Option<SourceFile> {
    let ws = db.workspace();
    let files = ws.files(db);
    let library = db.library();
    let rel = name.replace('.', "/");
    let mut bases: Vec<String> = Vec::new();
    let mut dir = parent_dir(from.path(db)).to_owned();
    if level > 0 {
        for _ in 1..level {
            dir = parent_dir(&dir).to_owned();
        }
        bases.push(dir);
    } else {
        bases.push(dir);
        bases.push(bundled::LIB_ROOT.to_owned());
        bases.extend(ws.roots(db).iter().cloned());
    }
    for base in bases {
        let stem = if rel.is_empty() {
            base.clone()
        } else {
            format!("{base}/{rel}")
        };
        for candidate in [format!("{stem}.py"), format!("{stem}/__init__.py")] {
            if let Some(f) = files.get(&candidate).or_else(|| library.get(&candidate)) {
                return Some(*f);
            }
        }
    }
    None
}

fn parent_dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}
