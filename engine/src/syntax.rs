//! The Python 3.11 front end: source decoding, lexer, error-recovering parser and AST.
//!
//! Architecture invariant: this layer knows nothing of the compiler, the VM, salsa or the
//! editor. The parser never fails: it returns the tree it could build and every error found.

pub mod ast;
pub mod completeness;
pub mod dump;
pub mod error;
pub mod lexer;
pub mod parser;
pub mod source;
pub mod string;
pub mod text;
pub mod token;
pub mod traceback;

pub use error::{SyntaxError, SyntaxErrorType};
pub use parser::{parse, Mode, Parsed};
pub use text::{LineCol, LineIndex, TextRange, TextSize};
