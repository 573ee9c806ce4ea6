//! The editor features that start from a cursor: hover, definition, references, rename,
//! highlight, completion and signature help. Offsets are byte offsets into the file's text;
//! results are plain data the language server converts to LSP.

use super::catalog::{self, MemberKind};
use super::model::{self, DefNode};
use super::modules::{self, EntryDef, Member};
use super::resolve::{self, Binding, NameAt};
use crate::db::{self, Db, SourceFile};
use crate::symtable::{ScopeId, ScopeKind, SymbolFlags};
use crate::syntax::ast::{ClassDef, Expr, ExprKind, FunctionDef, StmtKind};
use crate::syntax::token::TokenKind;
use crate::syntax::TextRange;

/// A place in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub file: SourceFile,
    /// The whole definition (for editors that show it).
    pub range: TextRange,
    /// The name to put the cursor on.
    pub focus: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: TextRange,
    /// Markdown.
    pub markdown: String,
}

/// What a name at the cursor refers to.
enum Resolved {
    Binding(NameAt, Binding),
    Builtin(NameAt),
    Undefined(NameAt),
}

fn resolve_at(db: &dyn Db, file: SourceFile, offset: u32) -> Option<Resolved> {
    let text = file.text(db);
    let table = &db::semantic(db, file).table;
    let at = resolve::name_at(text, table, offset)?;
    Some(match resolve::resolve(table, at.scope, &at.name) {
        Some(b) => Resolved::Binding(at, b),
        None if catalog::builtin_names().contains(&at.name) => Resolved::Builtin(at),
        None => Resolved::Undefined(at),
    })
}

/// The definition node of a binding (its first binding site).
fn def_of<'a>(
    db: &'a dyn Db,
    file: SourceFile,
    binding: &Binding,
) -> Option<(TextRange, DefNode<'a>)> {
    let text = file.text(db);
    let table = &db::semantic(db, file).table;
    let site = *resolve::definitions(table, text, binding).first()?;
    Some((
        site,
        model::def_at(&db::parsed(db, file).parsed.module, site),
    ))
}

// ---------------------------------------------------------------------------------------
// Go to definition

pub fn definition(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<Target> {
    if let Some(t) = attribute_definition(db, file, offset) {
        if modules::is_library(db, t.file) {
            return Vec::new();
        }
        return vec![t];
    }
    let Some(Resolved::Binding(_, binding)) = resolve_at(db, file, offset) else {
        return Vec::new();
    };
    let text = file.text(db);
    let table = &db::semantic(db, file).table;
    let sites = resolve::definitions(table, text, &binding);
    let module = &db::parsed(db, file).parsed.module;
    let mut out = Vec::new();
    for site in sites {
        // An import: follow it into the workspace file it names.
        if let DefNode::Import {
            module: m,
            name,
            level,
        } = model::def_at(module, site)
        {
            if let Some(t) = import_target(db, file, m, name, level) {
                out.push(t);
                continue;
            }
        }
        out.push(Target {
            file,
            range: site,
            focus: site,
        });
    }
    // The bundled library has no file an editor could open.
    out.retain(|t| !modules::is_library(db, t.file));
    out
}

fn import_target(
    db: &dyn Db,
    file: SourceFile,
    module: &str,
    name: Option<&str>,
    level: u32,
) -> Option<Target> {
    let target = db::resolve_module(db, file, module, level)?;
    let start = TextRange::empty(0);
    let Some(name) = name else {
        return Some(Target {
            file: target,
            range: start,
            focus: start,
        });
    };
    Some(module_member(db, target, name).unwrap_or(Target {
        file: target,
        range: start,
        focus: start,
    }))
}

/// The module-level binding of `name` in `file`.
fn module_member(db: &dyn Db, file: SourceFile, name: &str) -> Option<Target> {
    let binding = Binding {
        scope: ScopeId::MODULE,
        name: name.to_owned(),
    };
    let site =
        *resolve::definitions(&db::semantic(db, file).table, file.text(db), &binding).first()?;
    Some(Target {
        file,
        range: site,
        focus: site,
    })
}

/// The class defined at `site` in `file`.
fn class_def_at(db: &dyn Db, file: SourceFile, site: TextRange) -> Option<&ClassDef> {
    match model::def_at(&db::parsed(db, file).parsed.module, site) {
        DefNode::Class { def, .. } => Some(def),
        _ => None,
    }
}

/// `base.attr` with the cursor on `attr`: a member of an imported module or of a class.
fn attribute_definition(db: &dyn Db, file: SourceFile, offset: u32) -> Option<Target> {
    let (base, attr) = attribute_at(db, file, offset)?;
    match base_kind(db, file, base)? {
        BaseKind::LocalModule(m) => module_member(db, m, &attr),
        BaseKind::Class {
            file: f,
            class_site,
        }
        | BaseKind::Instance {
            file: f,
            class_site,
        } => {
            let def = class_def_at(db, f, class_site)?;
            let m = model::class_members(f.text(db), def)
                .into_iter()
                .find(|m| m.name == attr)?;
            Some(Target {
                file: f,
                range: m.range,
                focus: m.range,
            })
        }
        BaseKind::NativeModule(_) => None,
    }
}

/// The attribute expression whose attribute name covers `offset`: (base, name).
fn attribute_at(db: &dyn Db, file: SourceFile, offset: u32) -> Option<(&Expr, String)> {
    struct Find<'a> {
        offset: u32,
        found: Option<(&'a Expr, String)>,
    }
    impl<'a> super::walk::Visitor<'a> for Find<'a> {
        fn expr(&mut self, e: &'a Expr) -> bool {
            if let ExprKind::Attribute { value, attr, .. } = &e.kind {
                if attr.range.contains_inclusive(self.offset) {
                    self.found = Some((value, attr.id.to_string()));
                }
            }
            e.range.contains_inclusive(self.offset)
        }
    }
    let mut f = Find {
        offset,
        found: None,
    };
    super::walk::walk_body(&mut f, &db::parsed(db, file).parsed.module.body);
    f.found
}

/// What the base of an attribute access is, when it is known.
enum BaseKind {
    NativeModule(&'static catalog::NativeModule),
    LocalModule(SourceFile),
    Class {
        file: SourceFile,
        class_site: TextRange,
    },
    Instance {
        file: SourceFile,
        class_site: TextRange,
    },
}

fn base_kind(db: &dyn Db, file: SourceFile, base: &Expr) -> Option<BaseKind> {
    let ExprKind::Name { id, .. } = &base.kind else {
        // `Class(...).attr`
        if let ExprKind::Call { func, .. } = &base.kind {
            if let Some(BaseKind::Class { file, class_site }) = base_kind(db, file, func) {
                return Some(BaseKind::Instance { file, class_site });
            }
        }
        // `os.path.attr`: a member of a module.
        if let ExprKind::Attribute { value, attr, .. } = &base.kind {
            return match base_kind(db, file, value)? {
                BaseKind::LocalModule(m) => member_base(modules::member(db, m, &attr.id)?),
                _ => None,
            };
        }
        return None;
    };
    let table = &db::semantic(db, file).table;
    let scope = table.scope_at(base.range.start);
    if id == "self" {
        // `self` in a method: the enclosing class.
        let mut cur = Some(scope);
        while let Some(s) = cur {
            let sc = table.scope(s);
            if sc.kind == ScopeKind::Class {
                let module = &db::parsed(db, file).parsed.module;
                let name_site = class_name_site(module, sc.range)?;
                return Some(BaseKind::Instance {
                    file,
                    class_site: name_site,
                });
            }
            cur = sc.parent;
        }
        return None;
    }
    let binding = resolve::resolve(table, scope, id)?;
    let (site, node) = def_of(db, file, &binding)?;
    match node {
        DefNode::Import {
            module,
            name: None,
            level,
        } => {
            // `import a.b` binds `a`.
            let module = match module.split_once('.') {
                Some((first, _)) if first == id.as_str() => first,
                _ => module,
            };
            member_base(modules::module_named(db, file, module, level)?)
        }
        DefNode::Import {
            module,
            name: Some(name),
            level,
        } => {
            let target = db::resolve_module(db, file, module, level)?;
            member_base(modules::member(db, target, name)?)
        }
        DefNode::Class { .. } => Some(BaseKind::Class {
            file,
            class_site: site,
        }),
        DefNode::Assign { value } => match &value.kind {
            ExprKind::Call { func, .. } => match base_kind(db, file, func)? {
                BaseKind::Class { file, class_site } => {
                    Some(BaseKind::Instance { file, class_site })
                }
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// A module member as the base of an attribute access.
fn member_base(m: Member<'_>) -> Option<BaseKind> {
    match m {
        Member::Source(f, e) if matches!(e.def, EntryDef::Class { .. }) => Some(BaseKind::Class {
            file: f,
            class_site: e.site,
        }),
        Member::Module(f) => Some(BaseKind::LocalModule(f)),
        Member::NativeModule(m) => Some(BaseKind::NativeModule(m)),
        _ => None,
    }
}

fn class_name_site(
    module: &crate::syntax::ast::Module,
    class_range: TextRange,
) -> Option<TextRange> {
    struct Find {
        range: TextRange,
        found: Option<TextRange>,
    }
    impl<'a> super::walk::Visitor<'a> for Find {
        fn stmt(&mut self, s: &'a crate::syntax::ast::Stmt) -> bool {
            if let StmtKind::ClassDef(c) = &s.kind {
                if s.range == self.range {
                    self.found = Some(c.name.range);
                }
            }
            self.found.is_none() && s.range.contains_range(self.range)
        }
        fn expr(&mut self, _: &'a Expr) -> bool {
            false
        }
    }
    let mut f = Find {
        range: class_range,
        found: None,
    };
    super::walk::walk_body(&mut f, &module.body);
    f.found
}

// ---------------------------------------------------------------------------------------
// References, highlight, rename

/// Every reference to the name at `offset` in this file (definition included if asked).
pub fn references(
    db: &dyn Db,
    file: SourceFile,
    offset: u32,
    include_declaration: bool,
) -> Vec<(SourceFile, TextRange, bool)> {
    let Some(Resolved::Binding(_, binding)) = resolve_at(db, file, offset) else {
        return Vec::new();
    };
    let table = &db::semantic(db, file).table;
    let mut out: Vec<(SourceFile, TextRange, bool)> =
        resolve::references(table, file.text(db), &binding)
            .into_iter()
            .filter(|s| include_declaration || !s.is_binding())
            .map(|s| (file, s.range, s.is_binding()))
            .collect();
    // A module-level name is also used by workspace files that import it.
    if binding.scope == ScopeId::MODULE {
        out.extend(importers_references(db, file, &binding.name));
    }
    out
}

/// Uses of `name` in other workspace files that `from <file's module> import name`.
fn importers_references(
    db: &dyn Db,
    file: SourceFile,
    name: &str,
) -> Vec<(SourceFile, TextRange, bool)> {
    let mut out = Vec::new();
    for (_, &other) in db.workspace().files(db).iter() {
        if other == file {
            continue;
        }
        let module = &db::parsed(db, other).parsed.module;
        let mut imports_it = false;
        for s in &module.body {
            if let StmtKind::ImportFrom {
                module: Some(m),
                names,
                level,
            } = &s.kind
            {
                if names
                    .iter()
                    .any(|a| a.name.id == name && a.asname.is_none())
                    && db::resolve_module(db, other, &m.id, *level) == Some(file)
                {
                    imports_it = true;
                }
            }
        }
        if !imports_it {
            continue;
        }
        let binding = Binding {
            scope: ScopeId::MODULE,
            name: name.to_owned(),
        };
        let table = &db::semantic(db, other).table;
        out.extend(
            resolve::references(table, other.text(db), &binding)
                .into_iter()
                .map(|s| (other, s.range, s.is_binding())),
        );
    }
    out
}

/// Occurrences in this file, each flagged as a write (binding) or read.
pub fn highlight(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<(TextRange, bool)> {
    let Some(Resolved::Binding(_, binding)) = resolve_at(db, file, offset) else {
        return Vec::new();
    };
    let table = &db::semantic(db, file).table;
    resolve::references(table, file.text(db), &binding)
        .into_iter()
        .map(|s| (s.range, s.is_binding()))
        .collect()
}

/// Why a rename cannot be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenameError(pub String);

/// The range of the name a rename at `offset` would change.
pub fn prepare_rename(
    db: &dyn Db,
    file: SourceFile,
    offset: u32,
) -> Result<TextRange, RenameError> {
    match resolve_at(db, file, offset) {
        Some(Resolved::Binding(at, _)) => Ok(at.range),
        Some(Resolved::Builtin(at)) => Err(RenameError(format!("'{}' is a builtin", at.name))),
        Some(Resolved::Undefined(at)) => Err(RenameError(format!("'{}' is not defined", at.name))),
        None => Err(RenameError("no name at the cursor".to_owned())),
    }
}

/// Every edit renaming the binding at `offset` to `new_name`, across workspace files that
/// import it.
pub fn rename(
    db: &dyn Db,
    file: SourceFile,
    offset: u32,
    new_name: &str,
) -> Result<Vec<(SourceFile, TextRange)>, RenameError> {
    if !is_identifier(new_name) {
        return Err(RenameError(format!(
            "'{new_name}' is not a valid Python identifier"
        )));
    }
    prepare_rename(db, file, offset)?;
    Ok(references(db, file, offset, true)
        .into_iter()
        .map(|(f, r, _)| (f, r))
        .collect())
}

pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first == '_' || unicode_ident::is_xid_start(first))
        && chars.all(unicode_ident::is_xid_continue)
        && TokenKind::keyword(s).is_none()
}

// ---------------------------------------------------------------------------------------
// Hover

pub fn hover(db: &dyn Db, file: SourceFile, offset: u32) -> Option<HoverInfo> {
    if let Some((base, attr)) = attribute_at(db, file, offset) {
        return attribute_hover(db, file, base, &attr, offset);
    }
    let Some(resolved) = resolve_at(db, file, offset) else {
        return import_module_hover(db, file, offset);
    };
    let text = file.text(db);
    Some(match resolved {
        Resolved::Builtin(at) => HoverInfo {
            range: at.range,
            markdown: builtin_markdown(&at.name),
        },
        Resolved::Undefined(at) => HoverInfo {
            range: at.range,
            markdown: format!("```python\n{}\n```\n*not defined*", at.name),
        },
        Resolved::Binding(at, binding) => {
            let table = &db::semantic(db, file).table;
            let (site, node) = def_of(db, file, &binding)?;
            let _ = site;
            let scope_kind = table.scope(binding.scope).kind;
            let markdown = describe(db, file, text, &at.name, node, scope_kind);
            HoverInfo {
                range: at.range,
                markdown,
            }
        }
    })
}

fn builtin_markdown(name: &str) -> String {
    let Some(m) = catalog::builtin(name) else {
        return format!("```python\n{name}\n```");
    };
    let kind = match m.kind {
        MemberKind::Function => "builtin function",
        MemberKind::Class => "builtin class",
        MemberKind::Exception => "builtin exception",
        MemberKind::Module => "builtin module",
        MemberKind::Constant => "builtin constant",
    };
    let mut s = match &m.signature {
        Some(sig) => format!("```python\n({kind}) def {name}{sig}"),
        None => format!("```python\n({kind}) {name}"),
    };
    if let Some(t) = &m.type_name {
        s.push_str(&format!(": {t}"));
    }
    s.push_str("\n```");
    if let Some(doc) = &m.doc {
        s.push_str("\n---\n");
        s.push_str(&modules::first_paragraph(doc, name));
    }
    s
}

/// The module named by the import statement under the cursor (`from collections import`).
fn import_module_hover(db: &dyn Db, file: SourceFile, offset: u32) -> Option<HoverInfo> {
    let body = &db::parsed(db, file).parsed.module.body;
    let mut found = None;
    db::imports_in(body, &mut |name, level, range| {
        if range.contains_inclusive(offset) {
            found = Some((name.to_owned(), level, range));
        }
    });
    let (name, level, range) = found?;
    let m = modules::module_named(db, file, &name, level)?;
    Some(HoverInfo {
        range,
        markdown: module_member_markdown(db, &name, m),
    })
}

fn function_markdown(text: &str, def: &FunctionDef, method: bool) -> String {
    let kind = if method { "method" } else { "function" };
    let mut s = format!("```python\n({kind}) {}", model::signature(text, def));
    if def.returns.is_none() {
        if let Some(t) = model::literal_return_type(def) {
            s.push_str(&format!(" -> {t}"));
        }
    }
    s.push_str("\n```");
    if let Some(doc) = model::docstring(&def.body) {
        s.push_str("\n---\n");
        s.push_str(&doc);
    }
    s
}

fn class_markdown(text: &str, def: &ClassDef) -> String {
    let bases: Vec<&str> = def.bases.iter().map(|b| b.range.slice(text)).collect();
    let mut s = format!("```python\n(class) class {}", def.name.id);
    if !bases.is_empty() {
        s.push_str(&format!("({})", bases.join(", ")));
    }
    s.push_str("\n```");
    if let Some(doc) = model::docstring(&def.body) {
        s.push_str("\n---\n");
        s.push_str(&doc);
    }
    s
}

fn describe(
    db: &dyn Db,
    file: SourceFile,
    text: &str,
    name: &str,
    node: DefNode<'_>,
    scope: ScopeKind,
) -> String {
    match node {
        DefNode::Function { def, method, .. } => function_markdown(text, def, method),
        DefNode::Class { def, .. } => class_markdown(text, def),
        DefNode::Parameter { arg } => {
            let ann = arg
                .annotation
                .as_ref()
                .map(|a| format!(": {}", a.range.slice(text)))
                .unwrap_or_default();
            format!("```python\n(parameter) {name}{ann}\n```")
        }
        DefNode::Import {
            module,
            name: None,
            level,
        } => match modules::module_named(db, file, module, level) {
            Some(m @ Member::Module(f)) if modules::is_library(db, f) => {
                module_member_markdown(db, module, m)
            }
            Some(m @ Member::NativeModule(_)) => module_member_markdown(db, module, m),
            _ => format!("```python\n(module) {module}\n```"),
        },
        DefNode::Import {
            module,
            name: Some(member),
            level,
        } => {
            // Show what the member is in its module.
            if let Some(target) = db::resolve_module(db, file, module, level) {
                if modules::is_library(db, target) {
                    if let Some(m) = modules::member(db, target, member) {
                        return module_member_markdown(db, member, m);
                    }
                }
                if let Some(t) = module_member(db, target, member) {
                    let m = &db::parsed(db, target).parsed.module;
                    let node = model::def_at(m, t.focus);
                    return describe(db, target, target.text(db), member, node, ScopeKind::Module);
                }
            }
            if let Some(m) = catalog::native_module(module) {
                if let Some(mem) = m.members.iter().find(|x| x.name == member) {
                    return member_markdown(module, mem);
                }
            }
            format!("```python\n(import) from {module} import {member}\n```")
        }
        DefNode::Assign { value } => {
            let kind = match scope {
                ScopeKind::Module => "variable",
                ScopeKind::Class => "class attribute",
                _ => "local variable",
            };
            let ty = model::evident_type(value, &|f| call_result_type(db, file, f))
                .map(|t| format!(": {t}"))
                .unwrap_or_default();
            format!("```python\n({kind}) {name}{ty}\n```")
        }
        DefNode::Other => {
            let kind = match scope {
                ScopeKind::Module => "variable",
                _ => "local variable",
            };
            format!("```python\n({kind}) {name}\n```")
        }
    }
}

fn member_markdown(module: &str, m: &catalog::Member) -> String {
    let kind = match m.kind {
        MemberKind::Function => "function",
        MemberKind::Class | MemberKind::Exception => "class",
        MemberKind::Module => "module",
        MemberKind::Constant => "constant",
    };
    let ty = m
        .type_name
        .as_ref()
        .map(|t| format!(": {t}"))
        .unwrap_or_default();
    let mut s = match &m.signature {
        Some(sig) => format!("```python\n({kind}) def {}{sig}\n```", m.name),
        None => format!("```python\n({kind}) {module}.{}{ty}\n```", m.name),
    };
    if let Some(doc) = &m.doc {
        s.push_str("\n---\n");
        s.push_str(&modules::first_paragraph(doc, &m.name));
    }
    s
}

/// Hover text of a module member found by following imports (the library's members, and
/// re-exports).
fn module_member_markdown(db: &dyn Db, name: &str, m: Member<'_>) -> String {
    let code = |s: String| format!("```python\n{s}\n```");
    let with_doc = |mut s: String, doc: Option<String>| {
        if let Some(d) = doc.filter(|d| !d.is_empty()) {
            s.push_str("\n---\n");
            s.push_str(&d);
        }
        s
    };
    match m {
        Member::Source(f, e) => {
            let doc = |d: &Option<String>| shown_doc(db, f, &e.name, d.as_deref());
            match &e.def {
                EntryDef::Function { signature, doc: d } => {
                    with_doc(code(format!("(function) {signature}")), doc(d))
                }
                EntryDef::Class { header, doc: d } => {
                    with_doc(code(format!("(class) {header}")), doc(d))
                }
                EntryDef::Variable { type_name } => code(format!(
                    "(variable) {name}{}",
                    type_name
                        .as_ref()
                        .map(|t| format!(": {t}"))
                        .unwrap_or_default()
                )),
                EntryDef::ImportModule { module } => code(format!("(module) {module}")),
                EntryDef::ImportFrom { module, name, .. } => {
                    code(format!("(import) from {module} import {name}"))
                }
                EntryDef::Other => code(format!("(variable) {name}")),
            }
        }
        Member::Native(module, x) => member_markdown(&module.name, x),
        Member::Module(f) => {
            let doc = modules::module_summary(db, f).doc.as_deref();
            with_doc(
                code(format!("(module) {}", module_display_name(db, f, name))),
                shown_doc(db, f, name, doc),
            )
        }
        Member::NativeModule(m) => {
            format!("```python\n(module) {}\n```\nbuilt into Adder", m.name)
        }
    }
}

/// A docstring as hovers and completions show it: a library's cut to its first paragraph.
fn shown_doc(db: &dyn Db, file: SourceFile, name: &str, doc: Option<&str>) -> Option<String> {
    let doc = doc?;
    Some(if modules::is_library(db, file) {
        modules::first_paragraph(doc, name)
    } else {
        doc.to_owned()
    })
}

/// The dotted name of a library module (`collections.abc`), else `fallback`.
fn module_display_name(db: &dyn Db, file: SourceFile, fallback: &str) -> String {
    let path = file.path(db);
    match path.strip_prefix(crate::vm::import::bundled::LIB_ROOT) {
        Some(rest) => rest
            .trim_start_matches('/')
            .trim_end_matches(".py")
            .trim_end_matches("/__init__")
            .replace('/', "."),
        None => fallback.to_owned(),
    }
}

/// The evident type of calling `func`: a class makes an instance; a function whose
/// returns are all literals returns their type; builtin classes make themselves.
fn call_result_type(db: &dyn Db, file: SourceFile, func: &Expr) -> Option<String> {
    let ExprKind::Name { id, .. } = &func.kind else {
        return None;
    };
    let table = &db::semantic(db, file).table;
    let scope = table.scope_at(func.range.start);
    match resolve::resolve(table, scope, id) {
        Some(b) => match def_of(db, file, &b)?.1 {
            DefNode::Class { def, .. } => Some(def.name.id.to_string()),
            DefNode::Function { def, .. } => match &def.returns {
                Some(r) => Some(r.range.slice(file.text(db)).to_owned()),
                None => model::literal_return_type(def),
            },
            _ => None,
        },
        None => match catalog::builtin(id)?.kind {
            MemberKind::Class | MemberKind::Exception => Some(id.to_string()),
            _ => None,
        },
    }
}

fn attribute_hover(
    db: &dyn Db,
    file: SourceFile,
    base: &Expr,
    attr: &str,
    offset: u32,
) -> Option<HoverInfo> {
    let range = attribute_range(db, file, offset)?;
    let markdown = match base_kind(db, file, base)? {
        BaseKind::NativeModule(m) => {
            let mem = m.members.iter().find(|x| x.name == attr)?;
            member_markdown(&m.name, mem)
        }
        BaseKind::LocalModule(target) => match module_member(db, target, attr) {
            Some(t) if !modules::is_library(db, target) => {
                let m = &db::parsed(db, target).parsed.module;
                describe(
                    db,
                    target,
                    target.text(db),
                    attr,
                    model::def_at(m, t.focus),
                    ScopeKind::Module,
                )
            }
            _ => module_member_markdown(db, attr, modules::member(db, target, attr)?),
        },
        BaseKind::Class {
            file: f,
            class_site,
        }
        | BaseKind::Instance {
            file: f,
            class_site,
        } => {
            let def = class_def_at(db, f, class_site)?;
            let text = f.text(db);
            let member = model::class_members(text, def)
                .into_iter()
                .find(|x| x.name == attr)?;
            match member.function {
                Some(fd) if member.is_property => format!(
                    "```python\n(property) {}.{attr}\n```{}",
                    def.name.id,
                    model::docstring(&fd.body)
                        .map(|d| format!("\n---\n{d}"))
                        .unwrap_or_default()
                ),
                Some(fd) => function_markdown(text, fd, true),
                None => format!("```python\n(attribute) {}.{attr}\n```", def.name.id),
            }
        }
    };
    Some(HoverInfo { range, markdown })
}

fn attribute_range(db: &dyn Db, file: SourceFile, offset: u32) -> Option<TextRange> {
    struct Find {
        offset: u32,
        found: Option<TextRange>,
    }
    impl<'a> super::walk::Visitor<'a> for Find {
        fn expr(&mut self, e: &'a Expr) -> bool {
            if let ExprKind::Attribute { attr, .. } = &e.kind {
                if attr.range.contains_inclusive(self.offset) {
                    self.found = Some(attr.range);
                }
            }
            e.range.contains_inclusive(self.offset)
        }
    }
    let mut f = Find {
        offset,
        found: None,
    };
    super::walk::walk_body(&mut f, &db::parsed(db, file).parsed.module.body);
    f.found
}

// ---------------------------------------------------------------------------------------
// Completion

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Variable,
    Function,
    Method,
    Class,
    Module,
    Keyword,
    Property,
    Field,
    Constant,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// The signature or type.
    pub detail: Option<String>,
    pub documentation: Option<String>,
}

/// Completions at `offset`: attributes after `base.`, otherwise names in scope, builtins
/// and keywords. Nothing inside comments and strings.
pub fn completions(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<Completion> {
    let text = file.text(db);
    let offset = offset.min(text.len() as u32);
    let lexed = db::tokens(db, file);
    let inside_literal = lexed.tokens.iter().any(|t| {
        matches!(t.kind, TokenKind::Comment | TokenKind::String)
            && t.range.start < offset
            && (offset < t.range.end || (t.kind == TokenKind::Comment && offset == t.range.end))
    });
    if inside_literal {
        return Vec::new();
    }
    // The identifier being typed and what precedes it.
    let before = &text[..offset as usize];
    let ident_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_')
        .last()
        .map_or(offset as usize, |(i, _)| i);
    if let Some(c) = import_completions(db, file, before) {
        return c;
    }
    let prefix_end = before[..ident_start].trim_end_matches([' ', '\t']);
    if let Some(dot_prefix) = prefix_end.strip_suffix('.') {
        return attribute_completions(db, file, dot_prefix);
    }
    scope_completions(db, file, offset)
}

/// Completions inside an import statement: module names after `import` and `from`, a
/// module's public names after `from module import`. `None` when not in one.
fn import_completions(db: &dyn Db, file: SourceFile, before: &str) -> Option<Vec<Completion>> {
    let line = before.rsplit('\n').next().unwrap_or(before).trim_start();
    let dotted_tail = |s: &str| {
        s.chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    };
    if let Some(rest) = line.strip_prefix("import ") {
        // `import a, b.c<cursor>`: the last name of the list.
        let last = rest.rsplit(',').next().unwrap_or(rest).trim_start();
        if !dotted_tail(last) {
            return Some(Vec::new());
        }
        return Some(module_name_completions(db, file, last));
    }
    let rest = line.strip_prefix("from ")?;
    let rest = rest.trim_start();
    let Some((module, names)) = rest.split_once(" import") else {
        // `from a.b<cursor>`
        if rest.starts_with('.') || !dotted_tail(rest) {
            return Some(Vec::new());
        }
        return Some(module_name_completions(db, file, rest));
    };
    let names = names.trim_start_matches([' ', '\t', '(']);
    let last = names.rsplit(',').next().unwrap_or(names).trim_start();
    if !last.chars().all(|c| c.is_alphanumeric() || c == '_') {
        // After `as`, or something that is not a name list.
        return Some(Vec::new());
    }
    let module = module.trim();
    let level = module.chars().take_while(|&c| c == '.').count() as u32;
    let name = &module[level as usize..];
    let mut out: Vec<Completion> = Vec::new();
    match modules::module_named(db, file, name, level) {
        Some(Member::NativeModule(m)) => out.extend(
            m.members
                .iter()
                .filter(|x| !x.name.starts_with('_'))
                .map(member_completion),
        ),
        Some(Member::Module(target)) => {
            for n in modules::exports(db, target) {
                if let Some(m) = modules::member(db, target, &n) {
                    out.push(module_member_completion(db, &n, m));
                }
            }
            // A package's submodules.
            if level == 0 && target.path(db).ends_with("/__init__.py") {
                for sub in modules::module_names(db, file, name) {
                    if !out.iter().any(|c| c.label == sub.name) {
                        out.push(module_completion(&sub));
                    }
                }
            }
        }
        _ => {}
    }
    Some(out)
}

/// Module names completing the dotted `typed` (`collections.a` → `abc`).
fn module_name_completions(db: &dyn Db, file: SourceFile, typed: &str) -> Vec<Completion> {
    let package = typed.rsplit_once('.').map_or("", |(p, _)| p);
    let partial = typed.rsplit_once('.').map_or(typed, |(_, n)| n);
    modules::module_names(db, file, package)
        .iter()
        // Private modules only when asked for.
        .filter(|m| !m.name.starts_with('_') || partial.starts_with('_'))
        .map(module_completion)
        .collect()
}

fn module_completion(m: &modules::ModuleName) -> Completion {
    Completion {
        label: m.name.clone(),
        kind: CompletionKind::Module,
        detail: Some(format!("module ({})", m.origin)),
        documentation: None,
    }
}

fn scope_completions(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<Completion> {
    let text = file.text(db);
    let table = &db::semantic(db, file).table;
    let module = &db::parsed(db, file).parsed.module;
    let mut out: Vec<Completion> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let innermost = scope_for_typing(text, table, offset);
    let mut cur = Some(innermost);
    while let Some(id) = cur {
        let scope = table.scope(id);
        // Class bodies are visible only from themselves, not from their methods.
        let visible = scope.kind != ScopeKind::Class || id == innermost;
        if visible {
            for sym in &scope.symbols {
                let bound = sym
                    .flags
                    .intersects(SymbolFlags::DEF_BOUND | SymbolFlags::DEF_ANNOT);
                if !bound || !seen.insert(sym.name.to_string()) {
                    continue;
                }
                let binding = Binding {
                    scope: id,
                    name: sym.name.to_string(),
                };
                let site = resolve::definitions(table, text, &binding).first().copied();
                let node = site.map_or(DefNode::Other, |s| model::def_at(module, s));
                out.push(completion_for(text, &sym.name, node, sym.is_parameter()));
            }
        }
        cur = scope.parent;
    }
    for b in &catalog::catalog().builtins {
        if seen.insert(b.name.clone()) {
            out.push(member_completion(b));
        }
    }
    for kw in TokenKind::KEYWORDS {
        out.push(Completion {
            label: (*kw).to_owned(),
            kind: CompletionKind::Keyword,
            detail: None,
            documentation: None,
        });
    }
    out
}

/// The scope a cursor is typing in: like `scope_at`, but a cursor on an indented line just
/// after a block's last statement is still inside that block.
fn scope_for_typing(text: &str, table: &crate::symtable::SymbolTable, offset: u32) -> ScopeId {
    let line_start = text[..offset as usize].rfind('\n').map_or(0, |i| i + 1);
    let column = offset as usize - line_start;
    let mut current = table.scope_at(offset);
    'descend: loop {
        for &child in &table.scope(current).children {
            let r = table.scope(child).range;
            if r.end > offset || r.end as usize > text.len() {
                continue;
            }
            let gap = &text[r.end as usize..offset as usize];
            let blank = gap
                .lines()
                .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
            let def_line_start = text[..r.start as usize].rfind('\n').map_or(0, |i| i + 1);
            let def_column = r.start as usize - def_line_start;
            if blank && column > def_column {
                current = child;
                continue 'descend;
            }
        }
        return current;
    }
}

fn completion_for(text: &str, name: &str, node: DefNode<'_>, param: bool) -> Completion {
    let (kind, detail, documentation) = match node {
        DefNode::Function { def, method, .. } => (
            if method {
                CompletionKind::Method
            } else {
                CompletionKind::Function
            },
            Some(model::signature(text, def)),
            model::docstring(&def.body),
        ),
        DefNode::Class { def, .. } => (
            CompletionKind::Class,
            Some(format!("class {}", def.name.id)),
            model::docstring(&def.body),
        ),
        DefNode::Import {
            module, name: None, ..
        } => (
            CompletionKind::Module,
            Some(format!("module {module}")),
            None,
        ),
        DefNode::Import {
            module,
            name: Some(n),
            ..
        } => (
            CompletionKind::Variable,
            Some(format!("from {module} import {n}")),
            None,
        ),
        DefNode::Assign { value } => (
            CompletionKind::Variable,
            model::evident_type(value, &|_| None),
            None,
        ),
        _ if param => (CompletionKind::Variable, Some("parameter".to_owned()), None),
        _ => (CompletionKind::Variable, None, None),
    };
    Completion {
        label: name.to_owned(),
        kind,
        detail,
        documentation,
    }
}

fn member_completion(m: &catalog::Member) -> Completion {
    Completion {
        label: m.name.clone(),
        kind: match m.kind {
            MemberKind::Function => CompletionKind::Function,
            MemberKind::Class | MemberKind::Exception => CompletionKind::Class,
            MemberKind::Module => CompletionKind::Module,
            MemberKind::Constant => CompletionKind::Constant,
        },
        detail: m
            .signature
            .as_ref()
            .map(|sig| format!("def {}{sig}", m.name))
            .or_else(|| m.type_name.clone())
            .or_else(|| {
                m.doc
                    .as_ref()
                    .and_then(|d| d.lines().next())
                    .map(str::to_owned)
            }),
        documentation: m.doc.clone(),
    }
}

/// A module member in a completion list.
fn module_member_completion(db: &dyn Db, name: &str, m: Member<'_>) -> Completion {
    let (kind, detail, documentation) = match m {
        Member::Source(f, e) => match &e.def {
            EntryDef::Function { signature, doc } => (
                CompletionKind::Function,
                Some(signature.clone()),
                shown_doc(db, f, &e.name, doc.as_deref()),
            ),
            EntryDef::Class { header, doc } => (
                CompletionKind::Class,
                Some(header.clone()),
                shown_doc(db, f, &e.name, doc.as_deref()),
            ),
            EntryDef::Variable { type_name } => (
                if name.chars().any(|c| c.is_ascii_uppercase())
                    && !name.chars().any(|c| c.is_ascii_lowercase())
                {
                    CompletionKind::Constant
                } else {
                    CompletionKind::Variable
                },
                type_name.clone(),
                None,
            ),
            EntryDef::ImportModule { module } => (
                CompletionKind::Module,
                Some(format!("module {module}")),
                None,
            ),
            EntryDef::ImportFrom { module, name, .. } => (
                CompletionKind::Variable,
                Some(format!("from {module} import {name}")),
                None,
            ),
            EntryDef::Other => (CompletionKind::Variable, None, None),
        },
        Member::Native(_, x) => {
            let mut c = member_completion(x);
            c.label = name.to_owned();
            return c;
        }
        Member::Module(f) => (
            CompletionKind::Module,
            Some(format!("module {}", module_display_name(db, f, name))),
            shown_doc(db, f, name, modules::module_summary(db, f).doc.as_deref()),
        ),
        Member::NativeModule(m) => (
            CompletionKind::Module,
            Some(format!("module {}", m.name)),
            None,
        ),
    };
    Completion {
        label: name.to_owned(),
        kind,
        detail,
        documentation,
    }
}

fn attribute_completions(db: &dyn Db, file: SourceFile, before_dot: &str) -> Vec<Completion> {
    // The base: a dotted name right before the dot (`os.path.`).
    let base_start = before_dot
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
        .last()
        .map_or(before_dot.len(), |(i, _)| i);
    let dotted = &before_dot[base_start..];
    let mut parts = dotted.split('.');
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.starts_with(|c: char| c.is_ascii_digit()) {
        return Vec::new();
    }
    let mut end = base_start + first.len();
    let mut base = Expr {
        kind: ExprKind::Name {
            id: first.into(),
            ctx: crate::syntax::ast::ExprContext::Load,
        },
        range: TextRange::new(base_start as u32, end as u32),
    };
    for part in parts {
        if part.is_empty() {
            return Vec::new();
        }
        let attr_start = end + 1;
        end = attr_start + part.len();
        base = Expr {
            kind: ExprKind::Attribute {
                value: Box::new(base),
                attr: crate::syntax::ast::Identifier {
                    id: part.into(),
                    range: TextRange::new(attr_start as u32, end as u32),
                },
                ctx: crate::syntax::ast::ExprContext::Load,
            },
            range: TextRange::new(base_start as u32, end as u32),
        };
    }
    match base_kind(db, file, &base) {
        Some(BaseKind::NativeModule(m)) => m.members.iter().map(member_completion).collect(),
        Some(BaseKind::LocalModule(target)) => modules::member_names(db, target)
            .into_iter()
            .filter_map(|name| {
                let m = modules::member(db, target, &name)?;
                Some(module_member_completion(db, &name, m))
            })
            .collect(),
        Some(
            BaseKind::Class {
                file: f,
                class_site,
            }
            | BaseKind::Instance {
                file: f,
                class_site,
            },
        ) => {
            let Some(def) = class_def_at(db, f, class_site) else {
                return Vec::new();
            };
            let text = f.text(db);
            model::class_members(text, def)
                .into_iter()
                .map(|mem| Completion {
                    label: mem.name.clone(),
                    kind: match (mem.function, mem.is_property) {
                        (Some(_), true) => CompletionKind::Property,
                        (Some(_), false) => CompletionKind::Method,
                        _ => CompletionKind::Field,
                    },
                    detail: mem.function.map(|fd| model::signature(text, fd)),
                    documentation: mem.function.and_then(|fd| model::docstring(&fd.body)),
                })
                .collect()
        }
        None => Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Signature help

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureInfo {
    /// `name(a, b=2)`.
    pub label: String,
    pub parameters: Vec<String>,
    pub active_parameter: u32,
    pub documentation: Option<String>,
}

/// The signature of the call whose parentheses enclose `offset`.
pub fn signature_help(db: &dyn Db, file: SourceFile, offset: u32) -> Option<SignatureInfo> {
    let text = file.text(db);
    let tokens = &db::tokens(db, file).tokens;
    // Walk tokens before the cursor, tracking bracket depth and commas.
    let end = tokens.partition_point(|t| t.range.end <= offset);
    let mut depth = 0i32;
    let mut commas = 0u32;
    let mut open = None;
    for i in (0..end).rev() {
        let t = &tokens[i];
        match t.range.slice(text) {
            ")" | "]" | "}" => depth += 1,
            "[" | "{" if depth > 0 => depth -= 1,
            "[" | "{" => return None,
            "(" if depth > 0 => depth -= 1,
            "(" => {
                open = Some(i);
                break;
            }
            "," if depth == 0 => commas += 1,
            _ if t.kind == TokenKind::Newline => return None,
            _ => {}
        }
    }
    let open = open?;
    let callee = tokens.get(open.checked_sub(1)?)?;
    if callee.kind != TokenKind::Name {
        return None;
    }
    let callee_expr = Expr {
        kind: ExprKind::Name {
            id: callee.range.slice(text).into(),
            ctx: crate::syntax::ast::ExprContext::Load,
        },
        range: callee.range,
    };
    // `obj.method(`: the attribute's base.
    let dotted = open >= 3 && tokens[open - 2].range.slice(text) == ".";
    let attr_base = dotted.then(|| &tokens[open - 3]);
    let name = callee.range.slice(text);
    let (fd, method, ftext) = if let Some(base_tok) = attr_base {
        let base = Expr {
            kind: ExprKind::Name {
                id: base_tok.range.slice(text).into(),
                ctx: crate::syntax::ast::ExprContext::Load,
            },
            range: base_tok.range,
        };
        match base_kind(db, file, &base)? {
            BaseKind::Class {
                file: f,
                class_site,
            }
            | BaseKind::Instance {
                file: f,
                class_site,
            } => {
                let def = class_def_at(db, f, class_site)?;
                let mem = model::class_members(f.text(db), def)
                    .into_iter()
                    .find(|x| x.name == name)?;
                (mem.function?, true, f.text(db))
            }
            BaseKind::LocalModule(target) => {
                let t = module_member(db, target, name)?;
                let m = &db::parsed(db, target).parsed.module;
                match model::def_at(m, t.focus) {
                    DefNode::Function { def, .. } => (def, false, target.text(db)),
                    _ => return None,
                }
            }
            BaseKind::NativeModule(m) => {
                let mem = m.members.iter().find(|x| x.name == name)?;
                return Some(native_signature(&format!("{}.{name}", m.name), mem, commas));
            }
        }
    } else {
        let table = &db::semantic(db, file).table;
        let scope = table.scope_at(callee.range.start);
        match resolve::resolve(table, scope, name) {
            Some(b) => match def_of(db, file, &b)?.1 {
                DefNode::Function { def, method, .. } => (def, method, text),
                DefNode::Import {
                    module,
                    name: Some(member),
                    level,
                } => {
                    let target = db::resolve_module(db, file, module, level)?;
                    let t = module_member(db, target, member)?;
                    match model::def_at(&db::parsed(db, target).parsed.module, t.focus) {
                        DefNode::Function { def, method, .. } => (def, method, target.text(db)),
                        _ => return None,
                    }
                }
                DefNode::Class { def, .. } => {
                    // The constructor's parameters: `__init__` without `self`.
                    let init = model::class_members(text, def)
                        .into_iter()
                        .find(|m| m.name == "__init__")
                        .and_then(|m| m.function);
                    match init {
                        Some(f) => (f, true, text),
                        None => {
                            return Some(SignatureInfo {
                                label: format!("{}()", def.name.id),
                                parameters: Vec::new(),
                                active_parameter: 0,
                                documentation: model::docstring(&def.body),
                            })
                        }
                    }
                }
                _ => return None,
            },
            None => {
                let m = catalog::builtin(name)?;
                let _ = &callee_expr;
                return Some(native_signature(name, m, commas));
            }
        }
    };
    // A library function shows its private sentinels as `...`.
    let library = db
        .library()
        .values()
        .any(|f| std::ptr::eq(f.text(db).as_str(), ftext.as_str()));
    let mut params = model::parameters_shown(ftext, &fd.args, library);
    params.retain(|p| p != "/" && p != "*");
    if method && !params.is_empty() {
        params.remove(0);
    }
    let label_name = if fd.name.id == "__init__" {
        name
    } else {
        fd.name.id.as_str()
    };
    Some(SignatureInfo {
        label: format!("{label_name}({})", params.join(", ")),
        active_parameter: commas.min(params.len().saturating_sub(1) as u32),
        parameters: params,
        documentation: model::docstring(&fd.body),
    })
}

/// A native's signature: its text signature (`(x, /)`), else its docstring's first line when
/// that is a signature.
fn native_signature(name: &str, m: &catalog::Member, commas: u32) -> SignatureInfo {
    let doc = m.doc.as_deref();
    let first = m
        .signature
        .as_deref()
        .or_else(|| doc.and_then(|d| d.lines().next()))
        .unwrap_or("");
    let (label, parameters) = match first.split_once('(') {
        Some((_, rest)) if first.contains(')') => {
            let inner = rest.rsplit_once(')').map_or(rest, |(a, _)| a);
            let ps: Vec<String> = inner
                .split(',')
                .map(|p| p.trim().to_owned())
                .filter(|p| !p.is_empty() && p != "/" && p != "*")
                .collect();
            (format!("{name}({})", ps.join(", ")), ps)
        }
        _ => (format!("{name}(...)"), Vec::new()),
    };
    SignatureInfo {
        label,
        active_parameter: commas.min(parameters.len().saturating_sub(1) as u32),
        parameters,
        documentation: doc.map(str::to_owned),
    }
}
