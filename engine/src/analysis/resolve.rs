//! Name resolution for the editor: which symbol a name at an offset is, where it is bound,
//! and every place that refers to the same binding — scope-correct, from the symbol table.

use crate::symtable::{ScopeId, ScopeKind, Site, SymbolScope, SymbolTable};
use crate::syntax::TextRange;

/// A binding: the scope that owns the name, and the name as stored there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub scope: ScopeId,
    pub name: String,
}

/// A name occurrence at an offset.
#[derive(Clone, Debug)]
pub struct NameAt {
    /// The scope the occurrence is in.
    pub scope: ScopeId,
    pub name: String,
    pub range: TextRange,
    pub site: Site,
}

/// The name whose site covers `offset` (either edge included). Only sites whose text is
/// the name itself count (a `def` binds its name at the name token).
pub fn name_at(text: &str, table: &SymbolTable, offset: u32) -> Option<NameAt> {
    let mut best: Option<NameAt> = None;
    for (i, scope) in table.scopes.iter().enumerate() {
        if scope.kind == ScopeKind::Annotation && !scope.range.contains_inclusive(offset) {
            continue;
        }
        for sym in &scope.symbols {
            for site in &sym.sites {
                if !site.range.contains_inclusive(offset) || !is_name_site(text, site, &sym.name) {
                    continue;
                }
                let better = best
                    .as_ref()
                    .is_none_or(|b| site.range.len() < b.range.len());
                if better {
                    best = Some(NameAt {
                        scope: ScopeId(i as u32),
                        name: sym.name.to_string(),
                        range: site.range,
                        site: *site,
                    });
                }
            }
        }
    }
    best
}

/// Whether the site's range spells the (possibly mangled) name.
fn is_name_site(text: &str, site: &Site, name: &str) -> bool {
    let (s, e) = (site.range.start as usize, site.range.end as usize);
    let Some(spelled) = text.get(s..e) else {
        return false;
    };
    spelled == name
        || (name.starts_with('_') && name.ends_with(spelled) && spelled.starts_with("__"))
}

/// The scope that binds `name` as seen from `scope`, or `None` for a builtin or undefined
/// global (then the module scope does not bind it).
pub fn resolve(table: &SymbolTable, scope: ScopeId, name: &str) -> Option<Binding> {
    let s = table.scope(scope);
    let module = Binding {
        scope: ScopeId::MODULE,
        name: name.to_owned(),
    };
    let bound_in = |id: ScopeId| {
        table.scope(id).symbol(name).is_some_and(|sym| {
            sym.flags.intersects(
                crate::symtable::SymbolFlags::DEF_BOUND | crate::symtable::SymbolFlags::DEF_ANNOT,
            )
        })
    };
    match s.scope_of(name) {
        SymbolScope::GlobalExplicit | SymbolScope::GlobalImplicit => {
            bound_in(ScopeId::MODULE).then_some(module)
        }
        SymbolScope::Free => {
            let mut cur = s.parent;
            while let Some(id) = cur {
                let p = table.scope(id);
                if p.kind != ScopeKind::Class
                    && matches!(p.scope_of(name), SymbolScope::Local | SymbolScope::Cell)
                {
                    return Some(Binding {
                        scope: id,
                        name: name.to_owned(),
                    });
                }
                cur = p.parent;
            }
            None
        }
        SymbolScope::Local | SymbolScope::Cell => {
            if s.kind == ScopeKind::Class && !bound_in(scope) {
                // A class body reading a name it never binds reads the global.
                return bound_in(ScopeId::MODULE).then_some(module);
            }
            Some(Binding {
                scope,
                name: name.to_owned(),
            })
        }
        SymbolScope::Unresolved => bound_in(ScopeId::MODULE).then_some(module),
    }
}

/// Every site (binding or use) that refers to `binding`, in source order.
pub fn references(table: &SymbolTable, text: &str, binding: &Binding) -> Vec<Site> {
    let mut out = Vec::new();
    for (i, scope) in table.scopes.iter().enumerate() {
        let Some(sym) = scope.symbol(&binding.name) else {
            continue;
        };
        let id = ScopeId(i as u32);
        if resolve(table, id, &binding.name).as_ref() != Some(binding) {
            continue;
        }
        out.extend(
            sym.sites
                .iter()
                .filter(|s| is_name_site(text, s, &binding.name))
                .copied(),
        );
    }
    out.sort_by_key(|s| (s.range.start, s.range.end));
    out.dedup_by_key(|s| s.range);
    out
}

/// Where `binding` is bound: its binding sites in the owning scope.
pub fn definitions(table: &SymbolTable, text: &str, binding: &Binding) -> Vec<TextRange> {
    let Some(sym) = table.scope(binding.scope).symbol(&binding.name) else {
        return Vec::new();
    };
    let mut out: Vec<TextRange> = sym
        .sites
        .iter()
        .filter(|s| s.is_binding() && is_name_site(text, s, &binding.name))
        .map(|s| s.range)
        .collect();
    if out.is_empty() {
        // `global x` in a function binds in the module: find the binding there.
        out = references(table, text, binding)
            .into_iter()
            .filter(|s| s.is_binding())
            .map(|s| s.range)
            .collect();
    }
    out
}
