//! The tokenizer: turns source text into the token stream Python's `tokenize` module would
//! produce (trivia included), plus CPython 3.11's tokenizer errors, in one pass over the bytes.
//!
//! Tokens are kind + byte range, so lexing allocates nothing per token. After an error the
//! lexer recovers (emitting an `Error` token or nothing) and keeps going, so the parser can
//! report later errors too.

mod dump;
mod ident;
mod lines;
mod number;
mod printable;
mod scanner;
#[cfg(test)]
mod tests;

use super::error::SyntaxError;
use super::text::{TextRange, TextSize};
use super::token::Token;

pub use dump::{dump_tokens, python_repr};
pub use ident::normalize_identifier;
pub use printable::is_printable;

/// A tokenizer error, with the offset at which the tokenizer noticed it (CPython reports
/// tokenizer errors as soon as the parser pulls the token at that point: an unclosed bracket
/// is noticed at end of file but points at the bracket).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub error: SyntaxError,
    pub detected_at: TextSize,
}

/// Every token of a source text, trivia included, and every tokenizer error.
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub errors: Vec<LexError>,
}

/// Tokenizes a whole module.
pub fn lex(source: &str) -> Lexed {
    scanner::Scanner::new(source, 0, source.len(), false).run()
}

/// Tokens of a fragment found at `range` of `source` (an f-string replacement field's
/// expression): no INDENT/DEDENT/NEWLINE logic (newlines inside are non-logical, as inside
/// brackets); token ranges are absolute offsets into `source`; ends with one EndOfFile token
/// at `range.end`.
pub fn lex_fragment(source: &str, range: TextRange) -> Lexed {
    let end = (range.end as usize).min(source.len());
    let start = (range.start as usize).min(end);
    scanner::Scanner::new(source, start, end, true).run()
}
