//! Diagnostics beyond syntax: undefined names, unused imports and variables. All of them
//! read the symbol table, whose sites say where every name is bound and used.

use crate::symtable::{ScopeKind, SymbolFlags, SymbolScope, SymbolTable};
use crate::syntax::TextRange;
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

/// One diagnostic in byte offsets; the language server turns it into LSP's.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub range: TextRange,
    pub severity: Severity,
    pub message: String,
    /// A short stable name (`undefined-name`, `unused-import`, `SyntaxError`, …).
    pub code: String,
    /// Rendered faded by editors (LSP's `Unnecessary` tag).
    pub unnecessary: bool,
}

impl Diagnostic {
    pub fn new(range: TextRange, severity: Severity, message: &str, code: &str) -> Self {
        Diagnostic {
            range,
            severity,
            message: message.to_owned(),
            code: code.to_owned(),
            unnecessary: false,
        }
    }

    pub fn error(range: TextRange, message: &str, code: &str) -> Self {
        Self::new(range, Severity::Error, message, code)
    }

    pub fn warning(range: TextRange, message: &str, code: &str) -> Self {
        Self::new(range, Severity::Warning, message, code)
    }

    /// The same diagnostic `by` bytes later (chunk-relative → file offsets).
    pub fn shifted(&self, by: u32) -> Self {
        Diagnostic {
            range: shift(self.range, by),
            ..self.clone()
        }
    }
}

pub fn shift(r: TextRange, by: u32) -> TextRange {
    TextRange::new(r.start + by, r.end + by)
}

/// Names that are conventionally unused (`_`, `_x`, dunders bound for the runtime).
fn deliberately_unused(name: &str) -> bool {
    name.starts_with('_')
}

/// Unused local variables and unused imports inside functions.
pub fn local_lints(text: &str, table: &SymbolTable) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for scope in &table.scopes {
        if scope.kind != ScopeKind::Function {
            continue;
        }
        for sym in &scope.symbols {
            if sym.is_used()
                || sym.is_parameter()
                || deliberately_unused(&sym.name)
                || matches!(sym.scope, SymbolScope::GlobalExplicit | SymbolScope::Free)
                || sym.flags.contains(SymbolFlags::DEF_NONLOCAL)
            {
                continue;
            }
            // A cell is read by a nested function.
            if sym.scope == SymbolScope::Cell {
                continue;
            }
            let Some(site) = sym.sites.iter().find(|s| s.is_binding()) else {
                continue;
            };
            // `def f` / `class C` inside a function: a nested definition is usually called.
            let text_at = site.range.slice(text);
            if text_at != sym.name.as_str() {
                continue;
            }
            let (msg, code, sev) = if sym.is_imported() {
                (
                    format!("'{}' is imported but never used", sym.name),
                    "unused-import",
                    Severity::Warning,
                )
            } else {
                (
                    format!("local variable '{}' is assigned but never used", sym.name),
                    "unused-variable",
                    Severity::Hint,
                )
            };
            let mut d = Diagnostic::new(site.range, sev, &msg, code);
            d.unnecessary = true;
            out.push(d);
        }
    }
    out
}

/// Every read of a global or builtin name (from any scope) and every name a `global`
/// declaration binds.
pub fn global_uses(
    table: &SymbolTable,
    reads: &mut Vec<(String, TextRange)>,
    binds: &mut Vec<String>,
) {
    for scope in &table.scopes {
        let is_module = scope.kind == ScopeKind::Module;
        for sym in &scope.symbols {
            let global = match sym.scope {
                SymbolScope::GlobalImplicit | SymbolScope::GlobalExplicit => true,
                // Module scope: names are global there; class bodies fall back to globals
                // for names they read but never bind.
                SymbolScope::Local if is_module => true,
                _ => false,
            };
            if !global && (scope.kind != ScopeKind::Class || sym.is_assigned()) {
                continue;
            }
            if sym.scope == SymbolScope::GlobalExplicit && sym.is_assigned() {
                binds.push(sym.name.to_string());
            }
            let bound_here = sym
                .flags
                .intersects(SymbolFlags::DEF_BOUND | SymbolFlags::DEF_ANNOT);
            if is_module && bound_here {
                // Reads of a module-level name bound at module level are fine wherever
                // they are (a use before the binding is a run-time matter).
                continue;
            }
            for site in &sym.sites {
                if site.flags.contains(SymbolFlags::USE) && !site.is_binding() {
                    reads.push((sym.name.to_string(), site.range));
                }
            }
        }
    }
}

/// Undefined names (reads of globals bound nowhere in the module and not builtins) and
/// unused module-level imports. `reads`/`binds` come from every definition's facts.
pub fn module_lints(
    table: &SymbolTable,
    reads: &[(String, TextRange)],
    binds: &[String],
    builtins: &HashSet<String>,
) -> Vec<Diagnostic> {
    let module = table.module();
    let mut out = Vec::new();
    let bound = |name: &str| {
        module.symbol(name).is_some_and(|s| {
            s.flags
                .intersects(SymbolFlags::DEF_BOUND | SymbolFlags::DEF_ANNOT)
        }) || binds.iter().any(|b| b == name)
    };
    let star_import = module.symbols.iter().any(|s| s.name == "*");
    let mut read_names: HashSet<&str> = HashSet::new();
    let mut all_reads: Vec<(&str, TextRange)> =
        reads.iter().map(|(n, r)| (n.as_str(), *r)).collect();
    // Module-level reads (outside definitions) come from the whole file's module scope.
    for sym in &module.symbols {
        for site in &sym.sites {
            if site.flags.contains(SymbolFlags::USE) && !site.is_binding() {
                all_reads.push((sym.name.as_str(), site.range));
            }
        }
    }
    all_reads.sort_by_key(|(_, r)| (r.start, r.end));
    all_reads.dedup();
    for (name, range) in &all_reads {
        read_names.insert(name);
        if bound(name) || builtins.contains(*name) || star_import {
            continue;
        }
        out.push(Diagnostic::error(
            *range,
            &format!("name '{name}' is not defined"),
            "undefined-name",
        ));
    }
    let exported = module.symbol("__all__").is_some();
    for sym in &module.symbols {
        if !sym.is_imported() || read_names.contains(sym.name.as_str()) || exported {
            continue;
        }
        if deliberately_unused(&sym.name) || sym.name == "*" {
            continue;
        }
        if let Some(site) = sym.sites.iter().find(|s| s.is_binding()) {
            let mut d = Diagnostic::warning(
                site.range,
                &format!("'{}' is imported but never used", sym.name),
                "unused-import",
            );
            d.unnecessary = true;
            out.push(d);
        }
    }
    out
}
