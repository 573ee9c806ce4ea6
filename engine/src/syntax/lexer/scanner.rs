//! The scanner: one pass over the bytes producing tokens, trivia and errors, with CPython
//! 3.11's indentation, bracket and line-continuation rules.

use super::ident::{first_invalid_char, is_ident_byte};
use super::lines::LineCounter;
use super::number::scan_number;
use super::printable::is_printable;
use super::{LexError, Lexed};
use crate::syntax::error::SyntaxError;
use crate::syntax::text::{TextRange, TextSize};
use crate::syntax::token::{Token, TokenKind};

/// CPython's MAXINDENT: the indentation stack holds at most this many levels (0 included).
const MAX_INDENT: usize = 100;
/// CPython's MAXLEVEL: at most this many brackets may be open.
const MAX_LEVEL: usize = 200;
const TAB_SIZE: u32 = 8;

pub(super) struct Scanner<'s> {
    src: &'s str,
    bytes: &'s [u8],
    pos: usize,
    end: usize,
    /// An f-string expression: no indentation, every newline is non-logical.
    fragment: bool,
    tokens: Vec<Token>,
    errors: Vec<LexError>,
    /// Open indentation levels: (column with tabs to 8, column with tabs to 1), for
    /// CPython's tab/space consistency check.
    indents: Vec<(u32, u32)>,
    /// Open brackets: the byte and its offset.
    parens: Vec<(u8, usize)>,
    at_bol: bool,
    /// Whether the logical line has a token the parser sees (so it needs a NEWLINE).
    line_has_content: bool,
    lines: LineCounter,
}

#[inline]
fn range(start: usize, end: usize) -> TextRange {
    TextRange::new(start as TextSize, end as TextSize)
}

impl<'s> Scanner<'s> {
    pub(super) fn new(src: &'s str, start: usize, end: usize, fragment: bool) -> Self {
        Scanner {
            src,
            bytes: src.as_bytes(),
            pos: start,
            end,
            fragment,
            // Source code averages about one token per 4-5 bytes.
            tokens: Vec::with_capacity((end - start) / 4 + 8),
            errors: Vec::new(),
            indents: vec![(0, 0)],
            parens: Vec::new(),
            at_bol: !fragment,
            line_has_content: false,
            lines: LineCounter::default(),
        }
    }

    pub(super) fn run(mut self) -> Lexed {
        if self.bytes[self.pos..self.end].contains(&0) {
            self.report_null();
        }
        loop {
            if self.at_bol {
                self.at_bol = false;
                self.line_start();
            }
            while self.pos < self.end && CLASS[self.bytes[self.pos] as usize] == SPACE {
                self.pos += 1;
            }
            if self.pos >= self.end {
                break;
            }
            let start = self.pos;
            match self.bytes[start] {
                b'a'..=b'z' | b'A'..=b'Z' | b'_' | 0x80..=0xff => self.name_or_string(start),
                b'0'..=b'9' => self.number(start),
                b'"' | b'\'' => self.string(start, start),
                b'\n' => self.newline(start, 1),
                b'\r' => {
                    let len = if self.peek_at(start + 1) == b'\n' {
                        2
                    } else {
                        1
                    };
                    self.newline(start, len)
                }
                b'#' => self.comment(start),
                b'\\' => self.continuation(start),
                b'.' => {
                    if self.peek_at(start + 1).is_ascii_digit() {
                        self.number(start)
                    } else if self.peek_at(start + 1) == b'.' && self.peek_at(start + 2) == b'.' {
                        self.push(TokenKind::Ellipsis, start, start + 3)
                    } else {
                        self.push(TokenKind::Dot, start, start + 1)
                    }
                }
                b'(' | b'[' | b'{' => self.open_bracket(start),
                b')' | b']' | b'}' => self.close_bracket(start),
                0 => self.push(TokenKind::Error, start, start + 1),
                _ => self.operator(start),
            }
        }
        self.finish()
    }

    /// The byte at `at`, or 0 past the end.
    #[inline]
    fn peek_at(&self, at: usize) -> u8 {
        if at < self.end {
            self.bytes[at]
        } else {
            0
        }
    }

    /// Length of the line terminator at `at` (0 if none).
    #[inline]
    fn newline_len(&self, at: usize) -> usize {
        match self.peek_at(at) {
            b'\n' => 1,
            b'\r' if self.peek_at(at + 1) == b'\n' => 2,
            b'\r' => 1,
            _ => 0,
        }
    }

    #[inline]
    fn push(&mut self, kind: TokenKind, start: usize, end: usize) {
        self.tokens.push(Token {
            kind,
            range: range(start, end),
        });
        self.pos = end;
        if !kind.is_trivia() {
            self.line_has_content = true;
        }
    }

    fn push_error(&mut self, error: SyntaxError, detected_at: usize) {
        self.errors.push(LexError {
            error,
            detected_at: detected_at as TextSize,
        });
    }

    /// A SyntaxError with CPython's single caret on `at`.
    fn error_at(&mut self, message: impl Into<String>, at: usize) {
        self.push_error(SyntaxError::new(message, range(at, at)), at);
    }

    fn line_of(&mut self, offset: usize) -> u32 {
        self.lines.line_of(self.bytes, offset)
    }

    fn report_null(&mut self) {
        if let Some(at) = self.bytes[self.pos..self.end].iter().position(|&b| b == 0) {
            let at = self.pos + at;
            self.error_at("source code cannot contain null bytes", at);
        }
    }

    /// Start of a physical line outside a continuation: measure the indentation and emit
    /// INDENT/DEDENT tokens, unless the line is blank, a comment, or inside brackets.
    fn line_start(&mut self) {
        if self.fragment {
            return;
        }
        let line_start = self.pos;
        let (mut col, mut altcol, mut cont_col) = (0u32, 0u32, 0u32);
        while self.pos < self.end {
            match self.bytes[self.pos] {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / TAB_SIZE + 1) * TAB_SIZE;
                    altcol += 1;
                }
                b'\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                b'\\' => {
                    // Indentation cannot be split by a backslash: the column where the
                    // first one is found counts. Errors are left to the main loop.
                    let nl = self.newline_len(self.pos + 1);
                    if nl == 0 || self.pos + 1 + nl >= self.end {
                        break;
                    }
                    if cont_col == 0 {
                        cont_col = col;
                    }
                    self.pos += 1 + nl;
                    continue;
                }
                _ => break,
            }
            self.pos += 1;
        }
        if self.pos >= self.end
            || matches!(self.bytes[self.pos], b'#' | b'\n' | b'\r')
            || !self.parens.is_empty()
        {
            return;
        }
        if cont_col != 0 {
            col = cont_col;
            altcol = cont_col;
        }
        let (top_col, top_alt) = self.indents[self.indents.len() - 1];
        let at = self.pos;
        if col == top_col {
            if altcol != top_alt {
                self.tab_error(line_start, at);
            }
        } else if col > top_col {
            if self.indents.len() >= MAX_INDENT {
                self.push_error(
                    SyntaxError::indentation(
                        "too many levels of indentation",
                        range(line_start, line_start),
                    ),
                    at,
                );
                return;
            }
            if altcol <= top_alt {
                self.tab_error(line_start, at);
            }
            self.indents.push((col, altcol));
            self.tokens.push(Token {
                kind: TokenKind::Indent,
                range: range(line_start, at),
            });
        } else {
            while self.indents.len() > 1 && col < self.indents[self.indents.len() - 1].0 {
                self.indents.pop();
                self.tokens.push(Token {
                    kind: TokenKind::Dedent,
                    range: range(at, at),
                });
            }
            let (top_col, top_alt) = self.indents[self.indents.len() - 1];
            if col != top_col {
                // CPython puts the caret at the end of the offending line.
                let mut eol = at;
                while eol < self.end && !matches!(self.bytes[eol], b'\n' | b'\r') {
                    eol += 1;
                }
                self.push_error(
                    SyntaxError::indentation(
                        "unindent does not match any outer indentation level",
                        range(eol, eol),
                    ),
                    at,
                );
            } else if altcol != top_alt {
                self.tab_error(line_start, at);
            }
        }
    }

    fn tab_error(&mut self, line_start: usize, detected_at: usize) {
        self.push_error(
            SyntaxError::tab(
                "inconsistent use of tabs and spaces in indentation",
                range(line_start, line_start),
            ),
            detected_at,
        );
    }

    fn newline(&mut self, start: usize, len: usize) {
        let logical = !self.fragment && self.parens.is_empty() && self.line_has_content;
        let kind = if logical {
            TokenKind::Newline
        } else {
            TokenKind::NonLogicalNewline
        };
        self.push(kind, start, start + len);
        self.line_has_content = false;
        self.at_bol = true;
    }

    fn comment(&mut self, start: usize) {
        let mut i = start + 1;
        while i < self.end && !matches!(self.bytes[i], b'\n' | b'\r') {
            i += 1;
        }
        self.push(TokenKind::Comment, start, i);
    }

    /// A backslash: joins the next line, or is an error.
    fn continuation(&mut self, start: usize) {
        let after = start + 1;
        if after >= self.end {
            self.pos = self.end;
            self.unexpected_eof(after);
            return;
        }
        let nl = self.newline_len(after);
        if nl == 0 {
            self.error_at(
                "unexpected character after line continuation character",
                after,
            );
            self.push(TokenKind::Error, start, after);
            return;
        }
        self.pos = after + nl;
        if self.pos >= self.end {
            self.unexpected_eof(after);
        }
    }

    /// End of input right after a line continuation. Inside brackets CPython reports the
    /// unclosed bracket instead.
    fn unexpected_eof(&mut self, at: usize) {
        if self.parens.is_empty() && !self.fragment {
            let end = self.end;
            self.push_error(
                SyntaxError::new("unexpected EOF while parsing", range(at, at)),
                end,
            );
        }
    }

    fn open_bracket(&mut self, start: usize) {
        if self.parens.len() == MAX_LEVEL {
            self.error_at("too many nested parentheses", start);
        }
        self.parens.push((self.bytes[start], start));
        let kind = match self.bytes[start] {
            b'(' => TokenKind::LPar,
            b'[' => TokenKind::LSqb,
            _ => TokenKind::LBrace,
        };
        self.push(kind, start, start + 1);
    }

    fn close_bracket(&mut self, start: usize) {
        let close = self.bytes[start];
        match self.parens.pop() {
            None => self.error_at(format!("unmatched '{}'", close as char), start),
            Some((open, open_at)) => {
                if !matches!((open, close), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                    let open_line = self.line_of(open_at);
                    let line = self.line_of(start);
                    let mut message = format!(
                        "closing parenthesis '{}' does not match opening parenthesis '{}'",
                        close as char, open as char
                    );
                    if open_line != line {
                        message.push_str(&format!(" on line {open_line}"));
                    }
                    self.error_at(message, start);
                }
            }
        }
        let kind = match close {
            b')' => TokenKind::RPar,
            b']' => TokenKind::RSqb,
            _ => TokenKind::RBrace,
        };
        self.push(kind, start, start + 1);
    }

    fn name_or_string(&mut self, start: usize) {
        let bytes = self.bytes;
        let mut i = start;
        while i < self.end && CLASS[bytes[i] as usize] == NAME {
            i += 1;
        }
        if i < self.end && bytes[i] >= 0x80 {
            return self.unicode_name(start, i);
        }
        if i < self.end
            && (bytes[i] == b'"' || bytes[i] == b'\'')
            && is_string_prefix(&bytes[start..i])
        {
            return self.string(start, i);
        }
        let text = &bytes[start..i];
        let kind = if (2..=8).contains(&text.len())
            && matches!(bytes[start], b'a'..=b'z' | b'F' | b'N' | b'T')
        {
            keyword(text).unwrap_or(TokenKind::Name)
        } else {
            TokenKind::Name
        };
        self.push(kind, start, i);
    }

    /// An identifier with non-ASCII characters: all of it must be XID.
    fn unicode_name(&mut self, start: usize, mut i: usize) {
        while i < self.end && is_ident_byte(self.bytes[i]) {
            i += 1;
        }
        match first_invalid_char(&self.src[start..i]) {
            None => self.push(TokenKind::Name, start, i),
            Some((offset, c)) => {
                let message = if is_printable(c) {
                    format!("invalid character '{c}' (U+{:04X})", c as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", c as u32)
                };
                self.error_at(message, start + offset);
                self.push(TokenKind::Error, start, i);
            }
        }
    }

    fn number(&mut self, start: usize) {
        let scan = scan_number(self.bytes, start, self.end);
        if let Some(error) = scan.error {
            self.push_error(
                SyntaxError::new(error.message, range(error.start, error.end)),
                error.start,
            );
        }
        self.push(scan.kind, start, scan.end);
    }

    /// A string literal whose prefix starts at `start` and opening quote is at `quote_at`.
    /// Finds the end like CPython 3.11 (f-strings included: their expressions cannot
    /// contain the closing quote).
    fn string(&mut self, start: usize, quote_at: usize) {
        let bytes = self.bytes;
        let end = self.end;
        let quote = bytes[quote_at];
        let mut i = quote_at + 1;
        let triple = self.peek_at(i) == quote && self.peek_at(i + 1) == quote;
        if triple {
            i += 2;
            while i < end {
                let c = bytes[i];
                if c == quote {
                    if self.peek_at(i + 1) == quote && self.peek_at(i + 2) == quote {
                        return self.push(TokenKind::String, start, i + 3);
                    }
                    i += 1;
                } else if c == b'\\' {
                    i += 1 + self.escaped_len(i + 1);
                } else {
                    i += 1;
                }
            }
            let detected_line = self.line_of(end.saturating_sub(1).max(start));
            let message = format!(
                "unterminated triple-quoted string literal (detected at line {detected_line})"
            );
            self.push_error(SyntaxError::new(message, range(start, start)), end);
            self.push(TokenKind::Error, start, end);
        } else {
            while i < end {
                let c = bytes[i];
                if c == quote {
                    return self.push(TokenKind::String, start, i + 1);
                } else if c == b'\\' {
                    i += 1 + self.escaped_len(i + 1);
                } else if c == b'\n' || c == b'\r' {
                    break;
                } else {
                    i += 1;
                }
            }
            let i = i.min(end);
            let detected_line = if i < end {
                self.line_of(i)
            } else {
                self.line_of(end.saturating_sub(1).max(start))
            };
            let message = format!("unterminated string literal (detected at line {detected_line})");
            self.push_error(SyntaxError::new(message, range(start, start)), i);
            self.push(TokenKind::Error, start, i);
        }
    }

    /// Bytes taken by the character after a backslash in a string (a CRLF counts as one).
    #[inline]
    fn escaped_len(&self, at: usize) -> usize {
        if self.peek_at(at) == b'\r' && self.peek_at(at + 1) == b'\n' {
            2
        } else {
            1
        }
    }

    fn operator(&mut self, start: usize) {
        use TokenKind::*;
        let c = self.bytes[start];
        let c1 = self.peek_at(start + 1);
        let c2 = self.peek_at(start + 2);
        let (kind, len) = match c {
            b':' if c1 == b'=' => (ColonEqual, 2),
            b':' => (Colon, 1),
            b',' => (Comma, 1),
            b';' => (Semi, 1),
            b'~' => (Tilde, 1),
            b'+' if c1 == b'=' => (PlusEqual, 2),
            b'+' => (Plus, 1),
            b'-' if c1 == b'=' => (MinEqual, 2),
            b'-' if c1 == b'>' => (RArrow, 2),
            b'-' => (Minus, 1),
            b'*' if c1 == b'*' && c2 == b'=' => (DoubleStarEqual, 3),
            b'*' if c1 == b'*' => (DoubleStar, 2),
            b'*' if c1 == b'=' => (StarEqual, 2),
            b'*' => (Star, 1),
            b'/' if c1 == b'/' && c2 == b'=' => (DoubleSlashEqual, 3),
            b'/' if c1 == b'/' => (DoubleSlash, 2),
            b'/' if c1 == b'=' => (SlashEqual, 2),
            b'/' => (Slash, 1),
            b'|' if c1 == b'=' => (VBarEqual, 2),
            b'|' => (VBar, 1),
            b'&' if c1 == b'=' => (AmperEqual, 2),
            b'&' => (Amper, 1),
            b'<' if c1 == b'<' && c2 == b'=' => (LeftShiftEqual, 3),
            b'<' if c1 == b'<' => (LeftShift, 2),
            b'<' if c1 == b'=' => (LessEqual, 2),
            // `<>` is one token for CPython (PEP 401) that only the parser rejects.
            b'<' if c1 == b'>' => {
                self.push_error(
                    SyntaxError::new("invalid syntax", range(start, start + 2)),
                    start,
                );
                (Error, 2)
            }
            b'<' => (Less, 1),
            b'>' if c1 == b'>' && c2 == b'=' => (RightShiftEqual, 3),
            b'>' if c1 == b'>' => (RightShift, 2),
            b'>' if c1 == b'=' => (GreaterEqual, 2),
            b'>' => (Greater, 1),
            b'=' if c1 == b'=' => (EqEqual, 2),
            b'=' => (Equal, 1),
            b'%' if c1 == b'=' => (PercentEqual, 2),
            b'%' => (Percent, 1),
            b'^' if c1 == b'=' => (CircumflexEqual, 2),
            b'^' => (CircumFlex, 1),
            b'@' if c1 == b'=' => (AtEqual, 2),
            b'@' => (At, 1),
            b'!' if c1 == b'=' => (NotEqual, 2),
            b'!' => (Exclamation, 1),
            _ => {
                // `$`, `?`, `` ` `` become one-character tokens the parser rejects with
                // "invalid syntax"; other ASCII controls are tokenizer errors.
                if c.is_ascii_graphic() {
                    self.push_error(
                        SyntaxError::new("invalid syntax", range(start, start + 1)),
                        start,
                    );
                } else {
                    self.error_at(
                        format!("invalid non-printable character U+{:04X}", c as u32),
                        start,
                    );
                }
                (Error, 1)
            }
        };
        self.push(kind, start, start + len);
    }

    fn finish(mut self) -> Lexed {
        let end = self.end;
        if !self.fragment {
            if self.line_has_content {
                self.push(TokenKind::Newline, end, end);
            } else if let Some(last) = self.tokens.last() {
                // A comment on the last line, without a line break: tokenize ends it with
                // an empty NL.
                if last.kind == TokenKind::Comment && last.range.end as usize == end {
                    self.push(TokenKind::NonLogicalNewline, end, end);
                }
            }
        }
        if let Some(&(open, open_at)) = self.parens.last() {
            self.push_error(
                SyntaxError::new(
                    format!("'{}' was never closed", open as char),
                    range(open_at, open_at),
                ),
                end,
            );
        }
        if !self.fragment {
            for _ in 1..self.indents.len() {
                self.tokens.push(Token {
                    kind: TokenKind::Dedent,
                    range: range(end, end),
                });
            }
        }
        self.tokens.push(Token {
            kind: TokenKind::EndOfFile,
            range: range(end, end),
        });
        Lexed {
            tokens: self.tokens,
            errors: self.errors,
        }
    }
}

const NAME: u8 = 1;
const SPACE: u8 = 2;

/// Byte classes for the hot loops: ASCII identifier characters and blanks.
static CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            class[b] = NAME;
        } else if c == b' ' || c == b'\t' || c == 0x0c {
            class[b] = SPACE;
        }
        b += 1;
    }
    class
};

/// The hard keyword spelled `text`: [`TokenKind::keyword`], dispatched on length first.
#[inline]
fn keyword(text: &[u8]) -> Option<TokenKind> {
    use TokenKind::*;
    Some(match text.len() {
        2 => match text {
            b"if" => If,
            b"in" => In,
            b"is" => Is,
            b"or" => Or,
            b"as" => As,
            _ => return Option::None,
        },
        3 => match text {
            b"def" => Def,
            b"for" => For,
            b"not" => Not,
            b"and" => And,
            b"try" => Try,
            b"del" => Del,
            _ => return Option::None,
        },
        4 => match text {
            b"None" => None,
            b"True" => True,
            b"else" => Else,
            b"elif" => Elif,
            b"from" => From,
            b"pass" => Pass,
            b"with" => With,
            _ => return Option::None,
        },
        5 => match text {
            b"False" => False,
            b"class" => Class,
            b"raise" => Raise,
            b"while" => While,
            b"yield" => Yield,
            b"break" => Break,
            b"async" => Async,
            b"await" => Await,
            _ => return Option::None,
        },
        6 => match text {
            b"return" => Return,
            b"import" => Import,
            b"lambda" => Lambda,
            b"except" => Except,
            b"global" => Global,
            b"assert" => Assert,
            _ => return Option::None,
        },
        7 => match text {
            b"finally" => Finally,
            _ => return Option::None,
        },
        8 => match text {
            b"continue" => Continue,
            b"nonlocal" => Nonlocal,
            _ => return Option::None,
        },
        _ => return Option::None,
    })
}

/// The string prefixes Python 3.11 accepts, in any case: r u b br rb f fr rf.
#[inline]
fn is_string_prefix(prefix: &[u8]) -> bool {
    match prefix {
        [a] => matches!(a.to_ascii_lowercase(), b'r' | b'u' | b'b' | b'f'),
        [a, b] => matches!(
            [a.to_ascii_lowercase(), b.to_ascii_lowercase()],
            [b'b', b'r'] | [b'r', b'b'] | [b'f', b'r'] | [b'r', b'f']
        ),
        _ => false,
    }
}
