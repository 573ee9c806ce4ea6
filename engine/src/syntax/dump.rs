//! A normalized, line-per-node dump of the AST, in the format `tests/tools/ast_dump.py` prints
//! for CPython's `ast`. (Stub: being written.)

use super::ast::Module;

pub fn dump_module(source: &str, module: &Module) -> String {
    let _ = (source, module);
    String::new()
}
