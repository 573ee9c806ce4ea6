//! The tokenizer. (Stub: being written.)

use super::error::SyntaxError;
use super::text::{TextRange, TextSize};
use super::token::{Token, TokenKind};

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
    let end = source.len() as TextSize;
    Lexed {
        tokens: vec![Token {
            kind: TokenKind::EndOfFile,
            range: TextRange::empty(end),
        }],
        errors: Vec::new(),
    }
}

/// The tokens of `source` laid out as `python3 -m tokenize` prints them.
pub fn dump_tokens(source: &str) -> String {
    let _ = source;
    String::new()
}
