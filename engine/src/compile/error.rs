//! Errors the compiler itself raises (after parsing and symbol analysis succeeded): the
//! few `SyntaxError`s CPython's `compile.c` reports, and `RecursionError` for trees too deep
//! to compile without overflowing the Rust stack.

use crate::syntax::error::SyntaxError;
use crate::syntax::text::TextRange;
use std::fmt;

/// The message CPython uses when the compiler's recursion guard trips.
pub const RECURSION_MESSAGE: &str = "maximum recursion depth exceeded during compilation";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompileError {
    /// A `SyntaxError` found while generating code (`'return' outside function`, …).
    Syntax(SyntaxError),
    /// `RecursionError: maximum recursion depth exceeded during compilation`.
    Recursion { range: TextRange },
    /// A compiler invariant failed (CPython raises `SystemError` for an invalid CFG).
    System { message: String },
}

impl CompileError {
    pub fn syntax(message: impl Into<String>, range: TextRange) -> Self {
        CompileError::Syntax(SyntaxError::new(message, range))
    }

    /// The Python exception type name.
    pub fn type_name(&self) -> &'static str {
        match self {
            CompileError::Syntax(e) => e.error_type.name(),
            CompileError::Recursion { .. } => "RecursionError",
            CompileError::System { .. } => "SystemError",
        }
    }

    pub fn message(&self) -> &str {
        match self {
            CompileError::Syntax(e) => &e.message,
            CompileError::Recursion { .. } => RECURSION_MESSAGE,
            CompileError::System { message } => message,
        }
    }

    pub fn range(&self) -> TextRange {
        match self {
            CompileError::Syntax(e) => e.range,
            CompileError::Recursion { range } => *range,
            CompileError::System { .. } => TextRange::default(),
        }
    }
}

impl fmt::Display for CompileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.type_name(), self.message())
    }
}

impl std::error::Error for CompileError {}

impl From<SyntaxError> for CompileError {
    fn from(e: SyntaxError) -> Self {
        CompileError::Syntax(e)
    }
}
