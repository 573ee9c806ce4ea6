//! Pass 2 of CPython's symtable (`symtable_analyze`): resolve every name to LOCAL, GLOBAL
//! (explicit or implicit), FREE or CELL, walking the scope tree with the sets of names bound
//! in enclosing functions, declared global, and free in nested blocks.

use super::flags::{SymbolFlags, SymbolScope};
use super::hash::FxHashSet;
use super::scope::{ScopeId, ScopeKind, SymbolTable};
use crate::syntax::ast::Name;
use crate::syntax::error::SyntaxError;

type NameSet = FxHashSet<Name>;

pub(crate) fn analyze(table: &mut SymbolTable, errors: &mut Vec<SyntaxError>) {
    let mut free = NameSet::default();
    let mut global = NameSet::default();
    analyze_block(table, ScopeId::MODULE, None, &mut free, &mut global, errors);
}

fn directive_error(table: &SymbolTable, id: ScopeId, name: &Name, message: String) -> SyntaxError {
    let scope = table.scope(id);
    let range = scope
        .directives
        .iter()
        .find(|(n, _)| n == name)
        .map_or(scope.range, |&(_, range)| range);
    SyntaxError::new(message, range)
}

/// CPython's `analyze_name`: decides one symbol's scope and updates the working sets.
#[allow(clippy::too_many_arguments)]
fn analyze_name(
    table: &mut SymbolTable,
    id: ScopeId,
    index: usize,
    bound: Option<&mut NameSet>,
    local: &mut NameSet,
    free: &mut NameSet,
    global: &mut NameSet,
    errors: &mut Vec<SyntaxError>,
) {
    let symbol = &table.scope(id).symbols[index];
    let name = symbol.name.clone();
    let flags = symbol.flags;
    let resolved = if flags.contains(SymbolFlags::DEF_GLOBAL) {
        if flags.contains(SymbolFlags::DEF_NONLOCAL) {
            errors.push(directive_error(
                table,
                id,
                &name,
                format!("name '{name}' is nonlocal and global"),
            ));
        }
        global.insert(name.clone());
        if let Some(bound) = bound {
            bound.remove(&name);
        }
        SymbolScope::GlobalExplicit
    } else if flags.contains(SymbolFlags::DEF_NONLOCAL) {
        match bound {
            None => {
                let message = "nonlocal declaration not allowed at module level".to_string();
                errors.push(directive_error(table, id, &name, message));
                SymbolScope::Local
            }
            Some(bound) if !bound.contains(&name) => {
                let message = format!("no binding for nonlocal '{name}' found");
                errors.push(directive_error(table, id, &name, message));
                SymbolScope::Local
            }
            Some(_) => {
                table.scope_mut(id).has_free = true;
                free.insert(name.clone());
                SymbolScope::Free
            }
        }
    } else if flags.intersects(SymbolFlags::DEF_BOUND) {
        local.insert(name.clone());
        global.remove(&name);
        SymbolScope::Local
    } else if bound.as_ref().is_some_and(|b| b.contains(&name)) {
        table.scope_mut(id).has_free = true;
        free.insert(name.clone());
        SymbolScope::Free
    } else if global.contains(&name) {
        SymbolScope::GlobalImplicit
    } else {
        if table.scope(id).is_nested {
            table.scope_mut(id).has_free = true;
        }
        SymbolScope::GlobalImplicit
    };
    table.scope_mut(id).symbols[index].scope = resolved;
}

/// CPython's `analyze_block`.
fn analyze_block(
    table: &mut SymbolTable,
    id: ScopeId,
    mut bound: Option<&mut NameSet>,
    free: &mut NameSet,
    global: &mut NameSet,
    errors: &mut Vec<SyntaxError>,
) {
    let kind = table.scope(id).kind;
    let mut local = NameSet::default();
    let mut new_global = NameSet::default();
    let mut new_bound = NameSet::default();
    let mut new_free = NameSet::default();

    // Class bindings are not visible in methods: what children see is fixed before the
    // class's own names are analysed.
    if kind == ScopeKind::Class {
        new_global.extend(global.iter().cloned());
        if let Some(bound) = bound.as_deref() {
            new_bound.extend(bound.iter().cloned());
        }
    }

    for index in 0..table.scope(id).symbols.len() {
        analyze_name(
            table,
            id,
            index,
            bound.as_deref_mut(),
            &mut local,
            free,
            global,
            errors,
        );
    }

    if kind != ScopeKind::Class {
        if kind.is_function_like() {
            new_bound.extend(local.iter().cloned());
        }
        if let Some(bound) = bound.as_deref() {
            new_bound.extend(bound.iter().cloned());
        }
        new_global.extend(global.iter().cloned());
    } else {
        new_bound.insert(Name::from("__class__"));
    }

    let mut all_free = NameSet::default();
    let children = table.scope(id).children.clone();
    for child in children {
        // analyze_child_block: each child works on copies of the sets.
        let mut child_bound = new_bound.clone();
        let mut child_free = new_free.clone();
        let mut child_global = new_global.clone();
        analyze_block(
            table,
            child,
            Some(&mut child_bound),
            &mut child_free,
            &mut child_global,
            errors,
        );
        all_free.extend(child_free);
        let c = table.scope(child);
        if c.has_free || c.child_free {
            table.scope_mut(id).child_free = true;
        }
    }
    new_free.extend(all_free);

    if kind.is_function_like() {
        // analyze_cells: locals that children need become cells.
        for symbol in &mut table.scope_mut(id).symbols {
            if symbol.scope == SymbolScope::Local && new_free.remove(&symbol.name) {
                symbol.scope = SymbolScope::Cell;
            }
        }
    } else if kind == ScopeKind::Class && new_free.remove("__class__") {
        table.scope_mut(id).needs_class_closure = true;
    }

    update_symbols(
        table,
        id,
        bound.as_deref(),
        &new_free,
        kind == ScopeKind::Class,
    );
    free.extend(new_free);
}

/// CPython's `update_symbols`: names free in children that this block does not bind are
/// free here too (so an enclosing function can provide the cell).
fn update_symbols(
    table: &mut SymbolTable,
    id: ScopeId,
    bound: Option<&NameSet>,
    free: &NameSet,
    class: bool,
) {
    // Iterate in a stable order: CPython iterates a set (hash order), which only decides
    // where propagated free names land in the symbol dict.
    let mut names: Vec<&Name> = free.iter().collect();
    names.sort();
    let scope = table.scope_mut(id);
    for name in names {
        if let Some(i) = scope.symbol_index(name) {
            let symbol = &mut scope.symbols[i];
            if class
                && symbol
                    .flags
                    .intersects(SymbolFlags::DEF_BOUND | SymbolFlags::DEF_GLOBAL)
            {
                symbol.flags |= SymbolFlags::DEF_FREE_CLASS;
            }
            continue;
        }
        if bound.is_some_and(|b| !b.contains(name)) {
            continue;
        }
        let i = scope.add_flags(name, SymbolFlags::EMPTY);
        scope.symbols[i].scope = SymbolScope::Free;
    }
}
