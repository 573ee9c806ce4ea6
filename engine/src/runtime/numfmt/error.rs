//! The error value every fallible function here returns: the Python exception type to raise
//! and CPython's exact message.

use std::fmt;

/// Which Python exception the VM should raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumErrorKind {
    ValueError,
    OverflowError,
    TypeError,
    ZeroDivisionError,
    /// CPython fails to allocate (e.g. a format width of 10**18); the message is empty.
    MemoryError,
}

impl NumErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            NumErrorKind::ValueError => "ValueError",
            NumErrorKind::OverflowError => "OverflowError",
            NumErrorKind::TypeError => "TypeError",
            NumErrorKind::ZeroDivisionError => "ZeroDivisionError",
            NumErrorKind::MemoryError => "MemoryError",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumError {
    pub kind: NumErrorKind,
    pub message: String,
}

impl NumError {
    pub fn new(kind: NumErrorKind, message: impl Into<String>) -> Self {
        NumError {
            kind,
            message: message.into(),
        }
    }

    pub fn value(message: impl Into<String>) -> Self {
        Self::new(NumErrorKind::ValueError, message)
    }

    pub fn overflow(message: impl Into<String>) -> Self {
        Self::new(NumErrorKind::OverflowError, message)
    }

    pub fn zero_division(message: impl Into<String>) -> Self {
        Self::new(NumErrorKind::ZeroDivisionError, message)
    }

    pub fn memory() -> Self {
        Self::new(NumErrorKind::MemoryError, "")
    }
}

impl fmt::Display for NumError {
    /// `ValueError: message`, the last line of a CPython traceback.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(self.kind.name())
        } else {
            write!(f, "{}: {}", self.kind.name(), self.message)
        }
    }
}

impl std::error::Error for NumError {}
