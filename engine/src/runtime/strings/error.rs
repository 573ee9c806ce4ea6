//! The exceptions a `str`/`bytes` algorithm can raise, with CPython's exact messages.

use std::fmt;

/// The Python exception type to raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrErrorKind {
    ValueError,
    TypeError,
    OverflowError,
    MemoryError,
}

/// A Python exception raised by a string algorithm: the VM maps it to the exception object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrError {
    pub kind: StrErrorKind,
    pub message: &'static str,
}

impl StrError {
    pub const EMPTY_SEPARATOR: StrError = StrError::value("empty separator");
    pub const SUBSTRING_NOT_FOUND: StrError = StrError::value("substring not found");
    pub const SUBSECTION_NOT_FOUND: StrError = StrError::value("subsection not found");
    pub const FILL_CHAR: StrError = StrError {
        kind: StrErrorKind::TypeError,
        message: "The fill character must be exactly one character long",
    };
    pub const REPEAT_TOO_LONG: StrError = StrError::overflow("repeated string is too long");
    pub const REPLACE_TOO_LONG: StrError = StrError::overflow("replace string is too long");
    pub const EXPANDTABS_TOO_LONG: StrError = StrError::overflow("new string is too long");
    pub const MAKETRANS_LENGTHS: StrError =
        StrError::value("the first two maketrans arguments must have equal length");
    pub const BYTES_MAKETRANS_LENGTHS: StrError =
        StrError::value("maketrans arguments must have same length");
    pub const TRANSLATE_TABLE_LENGTH: StrError =
        StrError::value("translation table must be 256 characters long");
    /// CPython raises a bare `MemoryError` when a result cannot be allocated.
    pub const NO_MEMORY: StrError = StrError {
        kind: StrErrorKind::MemoryError,
        message: "",
    };

    const fn value(message: &'static str) -> StrError {
        StrError {
            kind: StrErrorKind::ValueError,
            message,
        }
    }

    const fn overflow(message: &'static str) -> StrError {
        StrError {
            kind: StrErrorKind::OverflowError,
            message,
        }
    }
}

impl fmt::Display for StrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            write!(f, "{:?}", self.kind)
        } else {
            write!(f, "{:?}: {}", self.kind, self.message)
        }
    }
}

impl std::error::Error for StrError {}

/// Reserves `additional` bytes, turning an impossible size into Python's `MemoryError`
/// instead of aborting the process.
pub(crate) fn reserve<T>(buf: &mut Vec<T>, additional: usize) -> Result<(), StrError> {
    buf.try_reserve_exact(additional)
        .map_err(|_| StrError::NO_MEMORY)
}

/// [`reserve`] for a `String`.
pub(crate) fn reserve_str(buf: &mut String, additional: usize) -> Result<(), StrError> {
    buf.try_reserve_exact(additional)
        .map_err(|_| StrError::NO_MEMORY)
}

/// Python's `Py_ssize_t` bound on any object size.
pub(crate) const MAX_SIZE: usize = isize::MAX as usize;
