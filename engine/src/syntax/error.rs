//! Syntax errors as values: the parser never fails, it returns the tree it could build plus
//! every error it found, each with CPython 3.11's exception type and message.

use super::text::TextRange;
use std::fmt;

/// Which exception CPython raises for the error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorType {
    SyntaxError,
    IndentationError,
    TabError,
    /// CPython 3.11's parser raises `MemoryError` (no message) when its rule stack overflows on
    /// deeply nested input.
    MemoryError,
}

impl SyntaxErrorType {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorType::SyntaxError => "SyntaxError",
            SyntaxErrorType::IndentationError => "IndentationError",
            SyntaxErrorType::TabError => "TabError",
            SyntaxErrorType::MemoryError => "MemoryError",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub error_type: SyntaxErrorType,
    pub message: String,
    /// Where CPython puts the caret(s): `start` is its (lineno, offset), `end` its
    /// (end_lineno, end_offset).
    pub range: TextRange,
}

impl SyntaxError {
    pub fn new(message: impl Into<String>, range: TextRange) -> Self {
        SyntaxError {
            error_type: SyntaxErrorType::SyntaxError,
            message: message.into(),
            range,
        }
    }

    pub fn indentation(message: impl Into<String>, range: TextRange) -> Self {
        SyntaxError {
            error_type: SyntaxErrorType::IndentationError,
            message: message.into(),
            range,
        }
    }

    pub fn tab(message: impl Into<String>, range: TextRange) -> Self {
        SyntaxError {
            error_type: SyntaxErrorType::TabError,
            message: message.into(),
            range,
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.error_type.name(), self.message)
    }
}

impl std::error::Error for SyntaxError {}
