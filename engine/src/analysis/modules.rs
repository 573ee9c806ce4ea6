//! What a module offers to code that imports it, read from its source without running it:
//! its members (each with kind, signature and docstring), its public names (`__all__`, else
//! the names without a leading underscore, `from x import *` followed), and the module
//! names an `import` statement can complete. Workspace files and the bundled library
//! (`engine/lib/`, [`Db::library`]) are read the same way; native modules come from the
//! catalog.
//!
//! [`module_summary`] is the salsa-cached part, local to one file; following imports from
//! one module into another happens per request with a depth limit, so modules that import
//! each other cannot make a query cycle.

use super::catalog::{self, MemberKind, NativeModule};
use super::model::{self, DefNode};
use super::resolve::{self, Binding};
use crate::db::{self, Db, SourceFile};
use crate::symtable::{ScopeId, SymbolFlags};
use crate::syntax::ast::{Constant, Expr, ExprKind, Operator, Stmt, StmtKind};
use crate::syntax::TextRange;
use crate::vm::import::bundled::LIB_ROOT;

/// How far re-exports are followed (`from a import x` where `a` has `from b import x`, …).
const MAX_DEPTH: u32 = 8;

/// A module-level name and what binds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// The first binding site.
    pub site: TextRange,
    pub def: EntryDef,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EntryDef {
    /// `def`: its signature as shown (`def reduce(function, sequence, initial=...)`).
    Function {
        signature: String,
        doc: Option<String>,
    },
    /// `class`: `class deque` or `class Counter(dict)`.
    Class {
        header: String,
        doc: Option<String>,
    },
    /// An assignment, with the value's evident type.
    Variable {
        type_name: Option<String>,
    },
    /// `import module [as name]`.
    ImportModule {
        module: String,
    },
    /// `from module import name [as other]`.
    ImportFrom {
        module: String,
        name: String,
        level: u32,
    },
    Other,
}

/// What `__all__` is, when it can be read without running the module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllSpec {
    Names(Vec<String>),
    /// `from x import __all__`.
    From {
        module: String,
        level: u32,
    },
}

/// One file's module-level names (first binding of each), `__all__` and star imports.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ModuleSummary {
    /// The module's docstring.
    pub doc: Option<String>,
    pub entries: Vec<Entry>,
    pub all: Option<AllSpec>,
    /// `from module import *` (module, level).
    pub star_imports: Vec<(String, u32)>,
}

impl ModuleSummary {
    pub fn entry(&self, name: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.name == name)
    }
}

/// A file of the bundled library (no editor shows it; its docs are cut to a paragraph).
pub fn is_library(db: &dyn Db, file: SourceFile) -> bool {
    file.path(db).starts_with(LIB_ROOT)
}

#[salsa::tracked(returns(ref))]
pub fn module_summary(db: &dyn Db, file: SourceFile) -> ModuleSummary {
    let text = file.text(db);
    let table = &db::semantic(db, file).table;
    let module = &db::parsed(db, file).parsed.module;
    let library = is_library(db, file);
    let mut entries = Vec::new();
    for sym in &table.module().symbols {
        if !sym.flags.intersects(SymbolFlags::DEF_BOUND) || sym.name.as_str() == "*" {
            continue;
        }
        let binding = Binding {
            scope: ScopeId::MODULE,
            name: sym.name.to_string(),
        };
        let site = resolve::definitions(table, text, &binding).first().copied();
        let node = site.map_or(DefNode::Other, |site| model::def_at(module, site));
        let def = match node {
            DefNode::Function { def, .. } => {
                let mut signature = model::signature_shown(text, def, library);
                if def.returns.is_none() {
                    if let Some(t) = model::literal_return_type(def) {
                        signature.push_str(&format!(" -> {t}"));
                    }
                }
                EntryDef::Function {
                    signature,
                    doc: model::docstring(&def.body),
                }
            }
            DefNode::Class { def, .. } => {
                let bases: Vec<&str> = def.bases.iter().map(|b| b.range.slice(text)).collect();
                let mut header = format!("class {}", def.name.id);
                if !bases.is_empty() {
                    header.push_str(&format!("({})", bases.join(", ")));
                }
                EntryDef::Class {
                    header,
                    doc: model::docstring(&def.body),
                }
            }
            DefNode::Assign { value } => EntryDef::Variable {
                type_name: model::evident_type(value, &|_| None),
            },
            DefNode::Import {
                module, name: None, ..
            } => EntryDef::ImportModule {
                module: module.to_owned(),
            },
            DefNode::Import {
                module,
                name: Some(name),
                level,
            } => EntryDef::ImportFrom {
                module: module.to_owned(),
                name: name.to_owned(),
                level,
            },
            DefNode::Parameter { .. } | DefNode::Other => EntryDef::Other,
        };
        entries.push(Entry {
            name: sym.name.to_string(),
            site: site.unwrap_or_default(),
            def,
        });
    }
    let mut summary = ModuleSummary {
        doc: model::docstring(&module.body),
        entries,
        all: None,
        star_imports: Vec::new(),
    };
    top_level(&module.body, &mut |s| {
        read_statement(s, &module.body, &mut summary)
    });
    summary
}

/// Every statement that runs at module level: the body, and the blocks of its `if`, `try`,
/// `for`, `while` and `with` statements.
fn top_level<'a>(body: &'a [Stmt], f: &mut dyn FnMut(&'a Stmt)) {
    for s in body {
        f(s);
        match &s.kind {
            StmtKind::If { body, orelse, .. } | StmtKind::While { body, orelse, .. } => {
                top_level(body, f);
                top_level(orelse, f);
            }
            StmtKind::For(x) => {
                top_level(&x.body, f);
                top_level(&x.orelse, f);
            }
            StmtKind::With { body, .. } => top_level(body, f),
            StmtKind::Try(t) => {
                top_level(&t.body, f);
                for h in &t.handlers {
                    top_level(&h.body, f);
                }
                top_level(&t.orelse, f);
                top_level(&t.finalbody, f);
            }
            _ => {}
        }
    }
}

/// `__all__ = …`, `__all__ += …`, `__all__.extend(…)`/`.append(…)`, `from x import *`,
/// `from x import __all__`.
fn read_statement(s: &Stmt, body: &[Stmt], summary: &mut ModuleSummary) {
    let is_all = |e: &Expr| matches!(&e.kind, ExprKind::Name { id, .. } if id == "__all__");
    match &s.kind {
        StmtKind::Assign { targets, value } if targets.iter().any(is_all) => {
            if let Some(names) = string_list(value, body, 0) {
                summary.all = Some(AllSpec::Names(names));
            }
        }
        StmtKind::AnnAssign {
            target,
            value: Some(value),
            ..
        } if is_all(target) => {
            if let Some(names) = string_list(value, body, 0) {
                summary.all = Some(AllSpec::Names(names));
            }
        }
        StmtKind::AugAssign {
            target,
            op: Operator::Add,
            value,
        } if is_all(target) => extend_all(summary, string_list(value, body, 0)),
        StmtKind::Expr(e) => {
            if let ExprKind::Call { func, args, .. } = &e.kind {
                if let ExprKind::Attribute { value, attr, .. } = &func.kind {
                    if is_all(value) {
                        match (attr.id.as_str(), args.first()) {
                            ("extend", Some(a)) => extend_all(summary, string_list(a, body, 0)),
                            ("append", Some(a)) => extend_all(
                                summary,
                                string_list(a, body, 0)
                                    .or_else(|| string_constant(a).map(|s| vec![s])),
                            ),
                            _ => {}
                        }
                    }
                }
            }
        }
        StmtKind::ImportFrom {
            module: Some(m),
            names,
            level,
        } => {
            for a in names {
                if a.name.id == "*" {
                    summary.star_imports.push((m.id.to_string(), *level));
                } else if a.name.id == "__all__" && a.asname.is_none() {
                    summary.all = Some(AllSpec::From {
                        module: m.id.to_string(),
                        level: *level,
                    });
                }
            }
        }
        _ => {}
    }
}

fn extend_all(summary: &mut ModuleSummary, more: Option<Vec<String>>) {
    if let (Some(AllSpec::Names(names)), Some(more)) = (&mut summary.all, more) {
        names.extend(more);
    }
}

fn string_constant(e: &Expr) -> Option<String> {
    match &e.kind {
        ExprKind::Constant {
            value: Constant::Str(s),
            ..
        } => Some(s.to_string()),
        _ => None,
    }
}

/// A list or tuple of string literals, `+` of such, or a module-level name assigned one.
fn string_list(e: &Expr, body: &[Stmt], depth: u32) -> Option<Vec<String>> {
    if depth > MAX_DEPTH {
        return None;
    }
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().map(string_constant).collect()
        }
        ExprKind::BinOp {
            left,
            op: Operator::Add,
            right,
        } => {
            let mut l = string_list(left, body, depth + 1)?;
            l.extend(string_list(right, body, depth + 1)?);
            Some(l)
        }
        ExprKind::Name { id, .. } => body.iter().find_map(|s| match &s.kind {
            StmtKind::Assign { targets, value }
                if targets
                    .iter()
                    .any(|t| matches!(&t.kind, ExprKind::Name { id: t, .. } if t == id)) =>
            {
                string_list(value, body, depth + 1)
            }
            _ => None,
        }),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Following names across modules

/// What a module member finally is, once imports are followed.
#[derive(Clone, Copy, Debug)]
pub enum Member<'db> {
    /// Defined in a source module (workspace or library).
    Source(SourceFile, &'db Entry),
    /// A native module's member.
    Native(&'static NativeModule, &'static catalog::Member),
    /// A module written in Python.
    Module(SourceFile),
    NativeModule(&'static NativeModule),
}

/// The module `import name` (level dots) in `from` names: native or a source file.
pub fn module_named<'db>(
    db: &'db dyn Db,
    from: SourceFile,
    name: &str,
    level: u32,
) -> Option<Member<'db>> {
    if level == 0 {
        if let Some(m) = catalog::native_module(name) {
            return Some(Member::NativeModule(m));
        }
    }
    db::resolve_module(db, from, name, level).map(Member::Module)
}

/// Member `name` of the module in `file`, imports followed.
pub fn member<'db>(db: &'db dyn Db, file: SourceFile, name: &str) -> Option<Member<'db>> {
    member_at_depth(db, file, name, 0)
}

fn member_at_depth<'db>(
    db: &'db dyn Db,
    file: SourceFile,
    name: &str,
    depth: u32,
) -> Option<Member<'db>> {
    if depth > MAX_DEPTH {
        return None;
    }
    let summary = module_summary(db, file);
    if let Some(entry) = summary.entry(name) {
        return Some(follow(db, file, entry, depth).unwrap_or(Member::Source(file, entry)));
    }
    if !name.starts_with('_') {
        for (module, level) in &summary.star_imports {
            match module_named(db, file, module, *level) {
                Some(Member::NativeModule(m)) => {
                    if let Some(x) = m.members.iter().find(|x| x.name == name) {
                        return Some(Member::Native(m, x));
                    }
                }
                Some(Member::Module(target)) if target != file => {
                    if let Some(found) = member_at_depth(db, target, name, depth + 1) {
                        return Some(found);
                    }
                }
                _ => {}
            }
        }
    }
    // A submodule of a package (`collections.abc`).
    if file.path(db).ends_with("/__init__.py") {
        if let Some(sub) = db::resolve_module(db, file, name, 1) {
            return Some(Member::Module(sub));
        }
    }
    None
}

/// An import entry: what it imports.
fn follow<'db>(
    db: &'db dyn Db,
    file: SourceFile,
    entry: &Entry,
    depth: u32,
) -> Option<Member<'db>> {
    match &entry.def {
        EntryDef::ImportModule { module } => {
            // `import a.b` binds `a`; `import a.b as c` binds `a.b`.
            let first = module.split('.').next().unwrap_or(module);
            let named = if entry.name == first { first } else { module };
            module_named(db, file, named, 0)
        }
        EntryDef::ImportFrom {
            module,
            name,
            level,
        } => match module_named(db, file, module, *level)? {
            Member::NativeModule(m) => m
                .members
                .iter()
                .find(|x| &x.name == name)
                .map(|x| Member::Native(m, x)),
            Member::Module(target) => {
                if target == file && entry.name == *name {
                    return None;
                }
                member_at_depth(db, target, name, depth + 1).or_else(|| {
                    // `from pkg import submodule`.
                    let dotted = if module.is_empty() {
                        name.clone()
                    } else {
                        format!("{module}.{name}")
                    };
                    db::resolve_module(db, file, &dotted, *level).map(Member::Module)
                })
            }
            _ => None,
        },
        _ => None,
    }
}

/// The names `module.` offers: every module-level name without a leading underscore, and
/// those its star imports bring.
pub fn member_names(db: &dyn Db, file: SourceFile) -> Vec<String> {
    let mut out = Vec::new();
    collect_public(db, file, 0, &mut out);
    out
}

fn collect_public(db: &dyn Db, file: SourceFile, depth: u32, out: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    let summary = module_summary(db, file);
    for e in &summary.entries {
        if !e.name.starts_with('_') && !out.contains(&e.name) {
            out.push(e.name.clone());
        }
    }
    for (module, level) in &summary.star_imports {
        star_names(db, file, module, *level, depth, out);
    }
}

fn star_names(
    db: &dyn Db,
    file: SourceFile,
    module: &str,
    level: u32,
    depth: u32,
    out: &mut Vec<String>,
) {
    match module_named(db, file, module, level) {
        Some(Member::NativeModule(m)) => {
            for x in &m.members {
                if !x.name.starts_with('_') && !out.contains(&x.name) {
                    out.push(x.name.clone());
                }
            }
        }
        Some(Member::Module(target)) if target != file => {
            for n in exports_at_depth(db, target, depth + 1) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        _ => {}
    }
}

/// The names `from module import *` binds: `__all__` when it can be read, else the public
/// names.
pub fn exports(db: &dyn Db, file: SourceFile) -> Vec<String> {
    exports_at_depth(db, file, 0)
}

fn exports_at_depth(db: &dyn Db, file: SourceFile, depth: u32) -> Vec<String> {
    if depth > MAX_DEPTH {
        return Vec::new();
    }
    match &module_summary(db, file).all {
        Some(AllSpec::Names(names)) => names.clone(),
        Some(AllSpec::From { module, level }) => match module_named(db, file, module, *level) {
            Some(Member::Module(target)) if target != file => {
                exports_at_depth(db, target, depth + 1)
            }
            _ => Vec::new(),
        },
        None => {
            let mut out = Vec::new();
            collect_public(db, file, depth, &mut out);
            out
        }
    }
}

// ---------------------------------------------------------------------------------------
// Module names, for `import` and `from` statements

/// A module an import statement can name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleName {
    pub name: String,
    /// Where it comes from: `native`, `library` or `workspace`.
    pub origin: &'static str,
}

/// The modules `import <prefix>.` can complete: top-level modules when `package` is empty,
/// else the submodules of `package` (dotted).
pub fn module_names(db: &dyn Db, from: SourceFile, package: &str) -> Vec<ModuleName> {
    let mut out: Vec<ModuleName> = Vec::new();
    let mut push = |name: &str, origin: &'static str| {
        if !name.is_empty() && !out.iter().any(|m| m.name == name) {
            out.push(ModuleName {
                name: name.to_owned(),
                origin,
            });
        }
    };
    let from_path = from.path(db);
    let from_dir = from_path.rsplit_once('/').map_or("", |(d, _)| d);
    let rel = package.replace('.', "/");
    let mut dirs: Vec<String> = vec![from_dir.to_owned()];
    dirs.push(LIB_ROOT.to_owned());
    dirs.extend(db.workspace().roots(db).iter().cloned());
    let dirs: Vec<String> = dirs
        .into_iter()
        .map(|d| {
            if rel.is_empty() {
                d
            } else {
                format!("{d}/{rel}")
            }
        })
        .collect();
    if package.is_empty() {
        for m in &catalog::catalog().modules {
            push(&m.name, "native");
        }
    }
    let ws = db.workspace();
    let sources = db
        .library()
        .keys()
        .map(|p| (p, "library"))
        .chain(ws.files(db).keys().map(|p| (p, "workspace")));
    for (path, origin) in sources {
        for dir in &dirs {
            let Some(rest) = path.strip_prefix(dir.as_str()) else {
                continue;
            };
            let Some(rest) = rest.strip_prefix('/') else {
                continue;
            };
            // `name.py` or `name/__init__.py`, directly in the directory.
            let name = match rest.split_once('/') {
                Some((pkg, "__init__.py")) => pkg,
                Some(_) => continue,
                None => match rest.strip_suffix(".py") {
                    Some(n) if n != "__init__" => n,
                    _ => continue,
                },
            };
            if super::ide::is_identifier(name) && path != from_path {
                push(name, origin);
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The first paragraph of a docstring, after a leading `name(...)` signature paragraph
/// (`reduce(function, iterable[, initial]) -> value`).
pub fn first_paragraph(doc: &str, name: &str) -> String {
    let mut paragraphs = doc.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let first = paragraphs.next().unwrap_or("");
    let looks_like_signature = first.starts_with(&format!("{name}(")) && !first.contains('\n');
    match (looks_like_signature, paragraphs.next()) {
        (true, Some(next)) => next.to_owned(),
        _ => first.to_owned(),
    }
}

/// The kind a member shows in completion lists.
pub fn member_kind(m: &Member<'_>) -> MemberKind {
    match m {
        Member::Source(_, e) => match &e.def {
            EntryDef::Function { .. } => MemberKind::Function,
            EntryDef::Class { .. } => MemberKind::Class,
            EntryDef::ImportModule { .. } => MemberKind::Module,
            _ => MemberKind::Constant,
        },
        Member::Native(_, x) => x.kind,
        Member::Module(_) | Member::NativeModule(_) => MemberKind::Module,
    }
}
