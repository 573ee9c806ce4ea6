//! Python `str` (and `bytes`) method algorithms over Rust strings, with CPython 3.11's exact
//! results and error messages; the VM's str/bytes objects call these.
//!
//! Python indexes a `str` by code point: functions taking `start`/`end` take code-point
//! indexes (after the VM's negative-index adjustment) through [`PyStr`], which carries the
//! code-point length so ASCII strings need no conversion. Results that are pieces of the
//! input (`split`, `strip`, `partition`) are slices; new text is a `String`.

pub mod bytes;
pub mod case;
pub mod error;
pub mod find;
pub mod index;
pub mod pad;
pub mod predicates;
pub mod replace;
pub mod repr;
mod search;
pub mod split;
pub mod strip;
pub mod unicode;
mod unicode_tables;

pub use error::{StrError, StrErrorKind};
pub use index::PyStr;
pub use repr::{ascii_repr, bytes_repr, str_repr};
