//! The recursive-descent parser. (Stub: being written.)

use super::ast::Module;
use super::error::SyntaxError;
use super::text::TextRange;

/// What the source is parsed as: CPython's `compile()` modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module (`exec`).
    Module,
    /// One interactive statement (`single`): the REPL's input.
    Interactive,
    /// A single expression (`eval`); the module body holds one `Expr` statement.
    Expression,
}

/// The result of parsing: the tree (partial where there were errors) and all errors, in
/// source order, the first being the one CPython would raise.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub module: Module,
    pub errors: Vec<SyntaxError>,
}

pub fn parse(source: &str, _mode: Mode) -> Parsed {
    Parsed {
        module: Module {
            body: Vec::new(),
            range: TextRange::new(0, source.len() as u32),
        },
        errors: Vec::new(),
    }
}
