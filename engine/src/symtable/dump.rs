//! A line-per-entry text dump of a symbol table, in the format `tests/tools/symtable_dump.py`
//! prints for CPython's `symtable` module, so the two can be compared as text.
//!
//! ```text
//! function f line 3 nested=0 params=a,b
//!   a LOCAL DEF_LOCAL|DEF_PARAM|USE
//! ```
//! Scopes are listed depth-first in CPython's child order, symbols sorted by name, flags as
//! `SymbolFlags`' debug form (the bits below CPython's `SCOPE_OFF`).

use super::scope::{ScopeId, SymbolTable};
use crate::syntax::text::LineIndex;
use std::fmt::Write;

pub fn dump_table(source: &str, table: &SymbolTable) -> String {
    let lines = LineIndex::new(source);
    let mut out = String::new();
    dump_scope(table, ScopeId::MODULE, &lines, 0, &mut out);
    out
}

fn dump_scope(table: &SymbolTable, id: ScopeId, lines: &LineIndex, depth: usize, out: &mut String) {
    let scope = table.scope(id);
    let indent = "  ".repeat(depth);
    let line = if id == ScopeId::MODULE {
        0
    } else {
        lines.line_of(scope.range.start) + 1
    };
    let params: Vec<&str> = scope.params.iter().map(|p| p.as_str()).collect();
    let _ = writeln!(
        out,
        "{indent}{} {} line {line} nested={} params={}",
        scope.kind.cpython_type(),
        scope.name,
        u8::from(scope.is_nested),
        params.join(",")
    );
    let mut symbols: Vec<_> = scope.symbols.iter().collect();
    symbols.sort_by(|a, b| a.name.cmp(&b.name));
    for symbol in symbols {
        let _ = writeln!(
            out,
            "{indent}  {} {} {:?}",
            symbol.name,
            symbol.scope.name(),
            symbol.flags
        );
    }
    for &child in &scope.children {
        dump_scope(table, child, lines, depth + 1, out);
    }
}
