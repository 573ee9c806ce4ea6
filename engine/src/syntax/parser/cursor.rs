//! The parser's state: the significant tokens (trivia dropped), a position in them, the errors
//! found so far and the nesting depth. Every other parser module adds methods to `Parser`.

use super::super::ast::{Identifier, Name};
use super::super::error::{SyntaxError, SyntaxErrorType};
use super::super::lexer::normalize_identifier;
use super::super::text::{TextRange, TextSize};
use super::super::token::{Token, TokenKind};

/// An error and the offset of the token the parser was looking at when it found it: CPython
/// lets a tokenizer error win when the tokenizer got there first.
#[derive(Clone, Debug)]
pub(crate) struct ParseError {
    pub error: SyntaxError,
    pub at: TextSize,
}

/// CPython 3.11's parser gives up with `MemoryError` once its rule stack is about 6000 deep,
/// which is 2985 nested unary operators, lambdas, powers or conditionals.
pub(crate) const MAX_DEPTH: u32 = 2985;
const BRACKET_WEIGHT: u32 = 14;

pub(crate) struct Parser<'s> {
    pub src: &'s str,
    toks: Vec<Token>,
    pos: usize,
    pub errors: Vec<ParseError>,
    /// Set once the current logical line has an error: later errors on it are cascades.
    pub line_failed: bool,
    pub depth: u32,
    /// Open brackets around the current position (CPython's tokenizer `level`).
    pub paren_depth: u32,
    /// Parsing a dict key: juxtaposed expressions mean a missing `:`, not a missing comma.
    pub in_dict_key: bool,
    /// Set once the depth limit was hit; everything after is skipped.
    pub too_deep: bool,
}

impl<'s> Parser<'s> {
    pub fn new(src: &'s str, tokens: &[Token]) -> Self {
        let mut toks: Vec<Token> = Vec::with_capacity(tokens.len() + 1);
        toks.extend(tokens.iter().filter(|t| !t.kind.is_trivia()));
        if toks.last().map(|t| t.kind) != Some(TokenKind::EndOfFile) {
            let end = src.len() as TextSize;
            toks.push(Token {
                kind: TokenKind::EndOfFile,
                range: TextRange::empty(end),
            });
        }
        Parser {
            src,
            toks,
            pos: 0,
            errors: Vec::new(),
            line_failed: false,
            depth: 0,
            paren_depth: 0,
            in_dict_key: false,
            too_deep: false,
        }
    }

    #[inline]
    pub fn kind(&self) -> TokenKind {
        self.toks[self.pos].kind
    }

    #[inline]
    pub fn nth(&self, n: usize) -> TokenKind {
        self.toks
            .get(self.pos + n)
            .map_or(TokenKind::EndOfFile, |t| t.kind)
    }

    #[inline]
    pub fn nth_token(&self, n: usize) -> Token {
        let last = self.toks.len() - 1;
        self.toks[(self.pos + n).min(last)]
    }

    #[inline]
    pub fn token(&self) -> Token {
        self.toks[self.pos]
    }

    #[inline]
    pub fn range(&self) -> TextRange {
        self.toks[self.pos].range
    }

    #[inline]
    pub fn start(&self) -> TextSize {
        self.toks[self.pos].range.start
    }

    /// End of the last consumed token.
    #[inline]
    pub fn prev_end(&self) -> TextSize {
        if self.pos == 0 {
            0
        } else {
            self.toks[self.pos - 1].range.end
        }
    }

    /// End of the last consumed token that is not NEWLINE/INDENT/DEDENT: where CPython ends
    /// a compound statement (a trailing `;` included).
    pub fn last_significant_end(&self) -> TextSize {
        self.toks[..self.pos]
            .iter()
            .rev()
            .find(|t| {
                !matches!(
                    t.kind,
                    TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
                )
            })
            .map_or(0, |t| t.range.end)
    }

    #[inline]
    pub fn prev_token(&self) -> Option<Token> {
        self.pos.checked_sub(1).map(|i| self.toks[i])
    }

    #[inline]
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Moves back to a saved position (bounded lookahead only: callers rewind a few tokens).
    #[inline]
    pub fn rewind(&mut self, pos: usize) {
        self.pos = pos;
    }

    #[inline]
    pub fn at(&self, kind: TokenKind) -> bool {
        self.kind() == kind
    }

    #[inline]
    pub fn bump(&mut self) -> Token {
        let t = self.toks[self.pos];
        if t.kind != TokenKind::EndOfFile {
            self.pos += 1;
        }
        t
    }

    #[inline]
    pub fn eat(&mut self, kind: TokenKind) -> bool {
        if self.kind() == kind {
            self.bump();
            true
        } else {
            false
        }
    }

    #[inline]
    pub fn text(&self, t: Token) -> &'s str {
        let s: &'s str = self.src;
        s.get(t.range.start as usize..t.range.end as usize)
            .unwrap_or("")
    }

    #[inline]
    pub fn cur_text(&self) -> &'s str {
        self.text(self.token())
    }

    /// Is the current token the soft keyword `kw` (a Name spelled so)?
    #[inline]
    pub fn at_soft(&self, kw: &str) -> bool {
        self.kind() == TokenKind::Name && self.cur_text() == kw
    }

    pub fn name_of(&self, t: Token) -> Name {
        Name::from(normalize_identifier(self.text(t)).as_ref())
    }

    /// Consumes a Name token as an identifier.
    pub fn ident(&mut self) -> Option<Identifier> {
        if self.at(TokenKind::Name) {
            let t = self.bump();
            Some(Identifier {
                id: self.name_of(t),
                range: t.range,
            })
        } else {
            None
        }
    }

    /// Records an error unless the line already has one.
    pub fn error(&mut self, message: impl Into<String>, range: TextRange) {
        self.error_typed(SyntaxErrorType::SyntaxError, message, range);
    }

    pub fn error_typed(
        &mut self,
        ty: SyntaxErrorType,
        message: impl Into<String>,
        range: TextRange,
    ) {
        if self.line_failed {
            return;
        }
        self.line_failed = true;
        // The tokenizer has produced the current token: its errors up to there came first.
        let at = self.range().end.max(range.start);
        self.errors.push(ParseError {
            error: SyntaxError {
                error_type: ty,
                message: message.into(),
                range,
            },
            at,
        });
    }

    /// CPython's generic error at the current token.
    pub fn invalid_syntax(&mut self) {
        let t = self.token();
        match t.kind {
            TokenKind::Indent => self.error_typed(
                SyntaxErrorType::IndentationError,
                "unexpected indent",
                // CPython's offset for an INDENT is the indentation width.
                TextRange::empty(t.range.end.saturating_sub(1).max(t.range.start)),
            ),
            TokenKind::Dedent => self.error_typed(
                SyntaxErrorType::IndentationError,
                "unexpected unindent",
                TextRange::empty(t.range.start),
            ),
            // A NEWLINE token's range is the line break; CPython points just past the line.
            _ => self.error("invalid syntax", t.range),
        }
    }

    /// Enters one level of nesting; false (and one MemoryError) past CPython's limit.
    pub fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                let r = self.range();
                self.line_failed = false;
                self.error_typed(SyntaxErrorType::MemoryError, "", r);
            }
            return false;
        }
        true
    }

    #[inline]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Enters a bracket, which costs CPython about 14 rule levels (and far more Rust stack
    /// than a unary operator): 199 nested brackets (the tokenizer's limit) still fit.
    pub fn enter_bracket(&mut self) -> bool {
        self.depth += BRACKET_WEIGHT - 1;
        self.enter()
    }

    #[inline]
    pub fn leave_bracket(&mut self) {
        self.depth -= BRACKET_WEIGHT;
    }

    pub fn at_eof(&self) -> bool {
        self.kind() == TokenKind::EndOfFile
    }

    /// Skips to the end of the logical line (consuming its NEWLINE), tracking brackets the
    /// lexer left open.
    pub fn skip_line(&mut self) {
        loop {
            match self.kind() {
                TokenKind::EndOfFile => return,
                TokenKind::Newline => {
                    self.bump();
                    return;
                }
                TokenKind::Indent | TokenKind::Dedent if self.pos > 0 => {
                    // A block boundary: stop before it so the block structure survives.
                    if matches!(self.toks[self.pos - 1].kind, TokenKind::Newline) {
                        return;
                    }
                    self.bump();
                }
                _ => {
                    self.bump();
                }
            }
        }
    }
}
