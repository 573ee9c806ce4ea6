//! The features that describe a whole file: document and workspace symbols, folding and
//! selection ranges, semantic tokens, and the list of functions code lenses sit on.

use super::catalog;
use super::resolve;
use super::walk::{walk_body, Visitor};
use crate::db::{self, Db, SourceFile};
use crate::symtable::{ScopeId, ScopeKind, SymbolFlags, SymbolScope};
use crate::syntax::ast::*;
use crate::syntax::token::TokenKind;
use crate::syntax::{LineIndex, TextRange};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Class,
    Function,
    Method,
    Property,
    Variable,
    Constant,
    Module,
}

/// A symbol of the outline, with its children (methods of a class, nested functions).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The whole definition.
    pub range: TextRange,
    /// The name.
    pub selection: TextRange,
    pub detail: Option<String>,
    pub children: Vec<OutlineSymbol>,
}

pub fn document_symbols(db: &dyn Db, file: SourceFile) -> Vec<OutlineSymbol> {
    let text = file.text(db);
    outline_body(text, &db::parsed(db, file).parsed.module.body, false)
}

fn outline_body(text: &str, body: &[Stmt], in_class: bool) -> Vec<OutlineSymbol> {
    let mut out = Vec::new();
    for s in body {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                let is_property = f
                    .decorator_list
                    .iter()
                    .any(|d| d.range.slice(text) == "property");
                out.push(OutlineSymbol {
                    name: f.name.id.to_string(),
                    kind: match (in_class, is_property) {
                        (true, true) => SymbolKind::Property,
                        (true, false) => SymbolKind::Method,
                        _ => SymbolKind::Function,
                    },
                    range: s.range,
                    selection: f.name.range,
                    detail: Some(super::model::signature(text, f)),
                    children: outline_body(text, &f.body, false)
                        .into_iter()
                        .filter(|c| {
                            c.kind != SymbolKind::Variable && c.kind != SymbolKind::Constant
                        })
                        .collect(),
                });
            }
            StmtKind::ClassDef(c) => out.push(OutlineSymbol {
                name: c.name.id.to_string(),
                kind: SymbolKind::Class,
                range: s.range,
                selection: c.name.range,
                detail: None,
                children: outline_body(text, &c.body, true),
            }),
            StmtKind::Assign { targets, .. } => {
                for t in targets {
                    if let ExprKind::Name { id, .. } = &t.kind {
                        out.push(variable(id, s.range, t.range));
                    }
                }
            }
            StmtKind::AnnAssign { target, .. } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    out.push(variable(id, s.range, target.range));
                }
            }
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                out.extend(outline_body(text, body, in_class));
                out.extend(outline_body(text, orelse, in_class));
            }
            StmtKind::Try(t) => {
                out.extend(outline_body(text, &t.body, in_class));
                for h in &t.handlers {
                    out.extend(outline_body(text, &h.body, in_class));
                }
            }
            _ => {}
        }
    }
    // Keep the first binding of a name (re-assignments are not new symbols).
    let mut seen = std::collections::HashSet::new();
    out.retain(|s| {
        s.kind != SymbolKind::Variable && s.kind != SymbolKind::Constant
            || seen.insert(s.name.clone())
    });
    out
}

fn variable(id: &str, range: TextRange, selection: TextRange) -> OutlineSymbol {
    let constant = id.len() > 1
        && id
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '_');
    OutlineSymbol {
        name: id.to_owned(),
        kind: if constant {
            SymbolKind::Constant
        } else {
            SymbolKind::Variable
        },
        range,
        selection,
        detail: None,
        children: Vec::new(),
    }
}

/// Symbols of every workspace file whose name contains `query` (case-insensitive);
/// classes, functions and methods, with the container's name.
pub fn workspace_symbols(
    db: &dyn Db,
    query: &str,
) -> Vec<(SourceFile, OutlineSymbol, Option<String>)> {
    let q = query.to_lowercase();
    let mut out = Vec::new();
    for (_, &file) in db.workspace().files(db).iter() {
        fn visit(
            file: SourceFile,
            syms: Vec<OutlineSymbol>,
            container: Option<&str>,
            q: &str,
            out: &mut Vec<(SourceFile, OutlineSymbol, Option<String>)>,
        ) {
            for mut s in syms {
                let children = std::mem::take(&mut s.children);
                let name = s.name.clone();
                if s.name.to_lowercase().contains(q) {
                    out.push((file, s, container.map(str::to_owned)));
                }
                visit(file, children, Some(&name), q, out);
            }
        }
        visit(file, document_symbols(db, file), None, &q, &mut out);
        if out.len() > 1000 {
            break;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Folding and selection

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Region,
    Imports,
    Comment,
}

/// Folding ranges as (first line, last line, kind), 0-based lines.
pub fn folding_ranges(db: &dyn Db, file: SourceFile) -> Vec<(u32, u32, FoldKind)> {
    let text = file.text(db);
    let pf = db::parsed(db, file);
    let lines = &pf.lines;
    struct Folds<'l> {
        lines: &'l LineIndex,
        text_len: u32,
        out: Vec<(u32, u32, FoldKind)>,
    }
    impl<'a> Visitor<'a> for Folds<'_> {
        fn stmt(&mut self, s: &'a Stmt) -> bool {
            let compound = s.is_compound();
            if compound {
                let end = s
                    .range
                    .end
                    .min(self.text_len)
                    .saturating_sub(1)
                    .max(s.range.start);
                let (a, b) = (self.lines.line_of(s.range.start), self.lines.line_of(end));
                if b > a {
                    self.out.push((a as u32, b as u32, FoldKind::Region));
                }
            }
            true
        }
        fn expr(&mut self, _: &'a Expr) -> bool {
            false
        }
    }
    let mut f = Folds {
        lines,
        text_len: text.len() as u32,
        out: Vec::new(),
    };
    walk_body(&mut f, &pf.parsed.module.body);
    // Runs of import statements, and of comment lines.
    let mut run: Option<(usize, usize)> = None;
    let body = &pf.parsed.module.body;
    for s in body {
        let is_import = matches!(s.kind, StmtKind::Import(_) | StmtKind::ImportFrom { .. });
        let (a, b) = (
            lines.line_of(s.range.start),
            lines.line_of(s.range.end.saturating_sub(1).max(s.range.start)),
        );
        match (&mut run, is_import) {
            (Some((_, end)), true) => *end = b,
            (None, true) => run = Some((a, b)),
            (Some((x, y)), false) => {
                if *y > *x {
                    f.out.push((*x as u32, *y as u32, FoldKind::Imports));
                }
                run = None;
            }
            (None, false) => {}
        }
    }
    if let Some((x, y)) = run {
        if y > x {
            f.out.push((x as u32, y as u32, FoldKind::Imports));
        }
    }
    let mut comment_run: Option<(usize, usize)> = None;
    for t in db::tokens(db, file)
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Comment)
    {
        let l = lines.line_of(t.range.start);
        match &mut comment_run {
            Some((_, end)) if *end + 1 == l => *end = l,
            _ => {
                if let Some((x, y)) = comment_run {
                    if y > x {
                        f.out.push((x as u32, y as u32, FoldKind::Comment));
                    }
                }
                comment_run = Some((l, l));
            }
        }
    }
    if let Some((x, y)) = comment_run {
        if y > x {
            f.out.push((x as u32, y as u32, FoldKind::Comment));
        }
    }
    f.out
}

/// Ranges to grow a selection through at `offset`: innermost first, ending with the file.
pub fn selection_ranges(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<TextRange> {
    let text = file.text(db);
    let module = &db::parsed(db, file).parsed.module;
    let mut ranges = super::model::enclosing_nodes(module, offset);
    // The word under the cursor first.
    let bytes = text.as_bytes();
    let (mut s, mut e) = (offset as usize, offset as usize);
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    while s > 0 && word(bytes[s - 1]) {
        s -= 1;
    }
    while e < bytes.len() && word(bytes[e]) {
        e += 1;
    }
    if e > s {
        ranges.push(TextRange::new(s as u32, e as u32));
    }
    ranges.push(TextRange::new(0, text.len() as u32));
    ranges.sort_by_key(|r| std::cmp::Reverse(r.len()));
    ranges.dedup();
    ranges.reverse();
    ranges
}

// ---------------------------------------------------------------------------------------
// Semantic tokens

/// Token types in the legend's order (the language server sends this legend).
pub const TOKEN_TYPES: &[&str] = &[
    "parameter",
    "variable",
    "function",
    "method",
    "class",
    "property",
    "namespace",
];
/// Modifier bits in the legend's order.
pub const TOKEN_MODIFIERS: &[&str] = &["declaration", "defaultLibrary", "local", "global"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    pub range: TextRange,
    /// Index into [`TOKEN_TYPES`].
    pub kind: u32,
    /// Bits of [`TOKEN_MODIFIERS`].
    pub modifiers: u32,
}

const PARAMETER: u32 = 0;
const VARIABLE: u32 = 1;
const FUNCTION: u32 = 2;
const METHOD: u32 = 3;
const CLASS: u32 = 4;
const PROPERTY: u32 = 5;
const NAMESPACE: u32 = 6;
const DECLARATION: u32 = 1;
const BUILTIN: u32 = 2;
const LOCAL: u32 = 4;
const GLOBAL: u32 = 8;

/// Every name and attribute classified: parameter, local, global, builtin, class,
/// function, method, property, module. In source order.
pub fn semantic_tokens(db: &dyn Db, file: SourceFile) -> Vec<SemanticToken> {
    let text = file.text(db);
    let table = &db::semantic(db, file).table;
    let module = &db::parsed(db, file).parsed.module;
    // What each binding is, from its definition.
    let defs = definition_kinds(module, text);
    let mut out = Vec::new();
    for (i, scope) in table.scopes.iter().enumerate() {
        for sym in &scope.symbols {
            let binding = resolve::resolve(table, ScopeId(i as u32), &sym.name);
            let (kind, mods) = match &binding {
                None if catalog::builtin_names().contains(sym.name.as_str()) => (
                    match catalog::builtin(&sym.name).map(|m| m.kind) {
                        Some(catalog::MemberKind::Class | catalog::MemberKind::Exception) => CLASS,
                        Some(catalog::MemberKind::Function) => FUNCTION,
                        _ => VARIABLE,
                    },
                    BUILTIN,
                ),
                None => (VARIABLE, GLOBAL),
                Some(b) => {
                    let owner = table.scope(b.scope);
                    let owner_sym = owner.symbol(&b.name);
                    let first_site = owner_sym
                        .and_then(|s| s.sites.iter().find(|x| x.is_binding()))
                        .map(|x| x.range);
                    let def_kind = first_site
                        .and_then(|r| defs.iter().find(|d| d.0 == r))
                        .map(|d| d.1);
                    let is_param =
                        owner_sym.is_some_and(|s| s.flags.contains(SymbolFlags::DEF_PARAM));
                    let scope_mod = if b.scope == ScopeId::MODULE {
                        GLOBAL
                    } else {
                        LOCAL
                    };
                    match def_kind {
                        Some(k) => (k, scope_mod),
                        None if is_param => (PARAMETER, LOCAL),
                        None if owner.kind == ScopeKind::Class => (PROPERTY, 0),
                        None => (VARIABLE, scope_mod),
                    }
                }
            };
            let _ = SymbolScope::Local;
            for site in &sym.sites {
                if site.range.slice(text) != sym.name.as_str() {
                    continue;
                }
                let decl = if site.is_binding() { DECLARATION } else { 0 };
                out.push(SemanticToken {
                    range: site.range,
                    kind,
                    modifiers: mods | decl,
                });
            }
        }
    }
    // Attribute names.
    struct Attrs<'t> {
        text: &'t str,
        out: Vec<SemanticToken>,
    }
    impl<'a> Visitor<'a> for Attrs<'_> {
        fn expr(&mut self, e: &'a Expr) -> bool {
            if let ExprKind::Attribute { attr, .. } = &e.kind {
                let kind = match self.text.as_bytes().get(attr.range.end as usize) {
                    Some(b'(') => METHOD,
                    _ => PROPERTY,
                };
                self.out.push(SemanticToken {
                    range: attr.range,
                    kind,
                    modifiers: 0,
                });
            }
            true
        }
    }
    let mut attrs = Attrs {
        text,
        out: Vec::new(),
    };
    walk_body(&mut attrs, &module.body);
    out.extend(attrs.out);
    out.sort_by_key(|t| (t.range.start, t.range.end));
    out.dedup_by_key(|t| t.range);
    out
}

/// (name range, token type) for every def, class and module import.
fn definition_kinds(module: &Module, text: &str) -> Vec<(TextRange, u32)> {
    struct Defs<'t> {
        text: &'t str,
        in_class: Vec<bool>,
        out: Vec<(TextRange, u32)>,
    }
    impl<'a> Visitor<'a> for Defs<'_> {
        fn stmt(&mut self, s: &'a Stmt) -> bool {
            match &s.kind {
                StmtKind::FunctionDef(f) => {
                    let in_class = self.in_class.last() == Some(&true);
                    let prop = f
                        .decorator_list
                        .iter()
                        .any(|d| d.range.slice(self.text) == "property");
                    let k = match (in_class, prop) {
                        (true, true) => PROPERTY,
                        (true, false) => METHOD,
                        _ => FUNCTION,
                    };
                    self.out.push((f.name.range, k));
                    self.in_class.push(false);
                }
                StmtKind::ClassDef(c) => {
                    self.out.push((c.name.range, CLASS));
                    self.in_class.push(true);
                }
                StmtKind::Import(aliases) => {
                    for a in aliases {
                        let r = a.asname.as_ref().map_or(a.name.range, |n| n.range);
                        self.out.push((r, NAMESPACE));
                    }
                }
                _ => {}
            }
            true
        }
        fn leave_stmt(&mut self, s: &'a Stmt) {
            if matches!(s.kind, StmtKind::FunctionDef(_) | StmtKind::ClassDef(_)) {
                self.in_class.pop();
            }
        }
        fn expr(&mut self, _: &'a Expr) -> bool {
            false
        }
    }
    let mut d = Defs {
        text,
        in_class: Vec::new(),
        out: Vec::new(),
    };
    walk_body(&mut d, &module.body);
    d.out
}

// ---------------------------------------------------------------------------------------
// Functions (for code lenses)

/// A function definition: qualified name as the compiler names it, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FunctionItem {
    pub qualname: String,
    pub name_range: TextRange,
    pub def_range: TextRange,
    /// 1-based line of the `def` (the code object's first line, decorators aside).
    pub line: u32,
    /// Instructions and specializable ones, from compiling the definition alone.
    pub instructions: Option<(u32, u32)>,
}

pub fn functions(db: &dyn Db, file: SourceFile) -> Vec<FunctionItem> {
    let text = file.text(db);
    let pf = db::parsed(db, file);
    struct Funcs<'l> {
        lines: &'l LineIndex,
        path: Vec<(String, bool)>,
        out: Vec<FunctionItem>,
    }
    impl<'a> Visitor<'a> for Funcs<'_> {
        fn stmt(&mut self, s: &'a Stmt) -> bool {
            match &s.kind {
                StmtKind::FunctionDef(f) => {
                    let mut q = String::new();
                    for (name, is_fn) in &self.path {
                        q.push_str(name);
                        q.push('.');
                        if *is_fn {
                            q.push_str("<locals>.");
                        }
                    }
                    q.push_str(&f.name.id);
                    self.out.push(FunctionItem {
                        qualname: q,
                        name_range: f.name.range,
                        def_range: s.range,
                        line: self.lines.line_of(s.range.start) as u32 + 1,
                        instructions: None,
                    });
                    self.path.push((f.name.id.to_string(), true));
                }
                StmtKind::ClassDef(c) => self.path.push((c.name.id.to_string(), false)),
                _ => {}
            }
            true
        }
        fn leave_stmt(&mut self, s: &'a Stmt) {
            if matches!(s.kind, StmtKind::FunctionDef(_) | StmtKind::ClassDef(_)) {
                self.path.pop();
            }
        }
        fn expr(&mut self, _: &'a Expr) -> bool {
            false
        }
    }
    let mut f = Funcs {
        lines: &pf.lines,
        path: Vec::new(),
        out: Vec::new(),
    };
    walk_body(&mut f, &pf.parsed.module.body);
    // Sizes from the per-definition compilation (memoized per definition).
    for range in db::top_level_chunks(text, &pf.lines, &pf.parsed.module.body) {
        let chunk = db::Chunk::new(db, range.slice(text).to_owned());
        let facts = db::chunk_facts(db, chunk);
        for item in f
            .out
            .iter_mut()
            .filter(|i| range.contains_range(i.def_range))
        {
            if let Some(c) = facts.compiled.iter().find(|c| c.qualname == item.qualname) {
                item.instructions = Some((c.instructions, c.specializable));
            }
        }
    }
    f.out
}
