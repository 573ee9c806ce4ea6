//! Every static diagnostic of a source text: syntax errors, then the errors CPython's
//! symbol table and compiler raise before running anything.

use crate::symtable;
use crate::syntax::{parse, Mode, SyntaxError};

/// Every error CPython's compiler could raise before running the code. The first is the one
/// CPython raises: parse errors come first (CPython builds the symbol table only for a tree
/// that parsed), then symbol-table and compiler errors (see [`symtable::build`]).
pub fn check_source(source: &str) -> Vec<SyntaxError> {
    let parsed = parse(source, Mode::Module);
    let analysis = symtable::build(source, &parsed.module);
    let mut errors = parsed.errors;
    errors.extend(analysis.errors);
    errors
}
