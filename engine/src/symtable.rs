//! Symbol tables exactly as CPython 3.11's `Python/symtable.c` computes them, plus the
//! compile-time errors CPython raises between parsing and code generation.
//!
//! [`build`] runs CPython's phases in its order: `__future__` imports (`future.c`), the
//! symbol-gathering walk (pass 1), scope analysis (pass 2), then the compiler's own checks
//! (`compile.c`). CPython stops at the first error; we collect all of them, and put first
//! the one CPython raises.
//!
//! The compiler uses the table through [`SymbolTable::scope_of_node`] and
//! [`SymbolTable::name_op`]; the language server through scopes, symbols and their
//! [`Site`]s (every binding and use with its range).

mod analyze;
mod builder;
mod compile_checks;
mod dump;
mod flags;
mod future;
mod hash;
mod mangle;
mod patterns;
mod pyconst;
mod scope;

pub use dump::dump_table;
pub use flags::{SymbolFlags, SymbolScope};
pub use mangle::mangle;
pub use scope::{ComprehensionKind, NameOp, Scope, ScopeId, ScopeKind, Site, Symbol, SymbolTable};

use crate::syntax::ast::Module;
use crate::syntax::error::SyntaxError;
use crate::syntax::text::LineIndex;

/// A module's symbol table and every compile-time error found in it.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub table: SymbolTable,
    /// CPython's error first (if any), then the others in source order.
    pub errors: Vec<SyntaxError>,
}

/// Builds the symbol table of a parsed module and runs the compiler's early checks.
pub fn build(source: &str, module: &Module) -> Analysis {
    let lines = LineIndex::new(source);
    let future = future::scan(&module.body, &lines);

    let mut builder = builder::Builder::new(module.range, future.annotations);
    builder.visit_module(&module.body);
    let mut table = builder.table;
    let mut analysis_errors = Vec::new();
    analyze::analyze(&mut table, &mut analysis_errors);

    let mut checker = compile_checks::Checker::new(&table, &lines, future.line);
    checker.visit_module(&module.body);
    let compile_errors = checker.errors;

    let phases = [
        future.errors,
        builder.errors,
        analysis_errors,
        compile_errors,
    ];
    Analysis {
        errors: order_errors(phases.into_iter().flatten().collect()),
        table,
    }
}

/// `errors` in CPython's phase order: keep the first (what CPython raises), sort the rest by
/// position.
fn order_errors(mut errors: Vec<SyntaxError>) -> Vec<SyntaxError> {
    if errors.len() > 1 {
        errors[1..].sort_by_key(|e| (e.range.start, e.range.end));
        // A later phase may report the same problem again at the same place.
        errors.dedup();
    }
    errors
}

#[cfg(test)]
mod tests;
