//! Every static diagnostic of a source text: syntax errors and symbol-table errors.
//! (Stub: being written.)

use crate::syntax::{parse, Mode, SyntaxError};

/// Every error CPython's compiler could raise before running the code, in source order; the
/// first is the one CPython raises.
pub fn check_source(source: &str) -> Vec<SyntaxError> {
    parse(source, Mode::Module).errors
}
