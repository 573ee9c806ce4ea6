//! Numeric literals, following CPython 3.11's tokenizer step by step so that every error
//! ("invalid decimal literal", "invalid digit '8' in octal literal", leading zeros …) comes
//! out with the same message and caret position.

use super::ident::is_ident_byte;
use crate::syntax::token::TokenKind;

/// What [`scan_number`] found: the token kind, where it ends, and the error if any.
pub(super) struct NumberScan {
    pub kind: TokenKind,
    pub end: usize,
    pub error: Option<NumberError>,
}

/// A malformed literal: the message and the byte range CPython's caret covers (usually empty:
/// a single caret on `start`).
pub(super) struct NumberError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// Stands for end of input; neither a digit nor an identifier character.
const EOF: u8 = 0;

/// CPython's `tok_nextc`/`tok_backup` over a byte slice. `cur` may run one past `end` after
/// reading EOF, mirroring C's symmetric backup.
struct Cursor<'a> {
    bytes: &'a [u8],
    end: usize,
    cur: usize,
}

impl Cursor<'_> {
    #[inline]
    fn next(&mut self) -> u8 {
        let c = if self.cur < self.end {
            self.bytes[self.cur]
        } else {
            EOF
        };
        self.cur += 1;
        c
    }

    #[inline]
    fn backup(&mut self) {
        self.cur -= 1;
    }

    fn lookahead(&self, text: &[u8]) -> bool {
        let end = self.cur + text.len();
        end <= self.end && &self.bytes[self.cur..end] == text
    }

    /// An error with CPython's caret: on the character before the cursor.
    fn error(&self, message: impl Into<String>) -> NumberError {
        let at = self.cur.saturating_sub(1).min(self.end);
        NumberError {
            message: message.into(),
            start: at,
            end: at,
        }
    }
}

type Scan = Result<TokenKind, NumberError>;

/// Scans the number starting at `start` (a digit, or `.` followed by a digit).
pub(super) fn scan_number(bytes: &[u8], start: usize, end: usize) -> NumberScan {
    let mut t = Cursor {
        bytes,
        end,
        cur: start,
    };
    let c = t.next();
    let result = if c == b'.' {
        let c = t.next();
        fraction(&mut t, c)
    } else if c == b'0' {
        zero(&mut t, start)
    } else {
        decimal(&mut t)
    };
    match result {
        Ok(kind) => NumberScan {
            kind,
            end: t.cur.min(end),
            error: None,
        },
        Err(error) => {
            // Recover by swallowing the rest of the would-be literal.
            let mut stop = t.cur.min(end).max(error.start + 1).min(end);
            while stop < end && (bytes[stop].is_ascii_alphanumeric() || bytes[stop] == b'_') {
                stop += 1;
            }
            NumberScan {
                kind: TokenKind::Error,
                end: stop,
                error: Some(error),
            }
        }
    }
}

/// Digits with single underscores between them; returns the first character after.
fn decimal_tail(t: &mut Cursor) -> Result<u8, NumberError> {
    loop {
        let mut c = t.next();
        while c.is_ascii_digit() {
            c = t.next();
        }
        if c != b'_' {
            return Ok(c);
        }
        c = t.next();
        if !c.is_ascii_digit() {
            t.backup();
            return Err(t.error("invalid decimal literal"));
        }
    }
}

/// A literal may be followed directly by `and`, `else`, `for`, `if`, `in`, `is`, `not`, `or`
/// (a SyntaxWarning in CPython), but not by any other identifier character.
fn verify_end(t: &mut Cursor, c: u8, kind: &str) -> Result<(), NumberError> {
    let keyword_follows = match c {
        b'a' => t.lookahead(b"nd"),
        b'e' => t.lookahead(b"lse"),
        b'f' => t.lookahead(b"or"),
        b'i' => t.cur < t.end && matches!(t.bytes[t.cur], b'f' | b'n' | b's'),
        b'o' => t.lookahead(b"r"),
        b'n' => t.lookahead(b"ot"),
        _ => false,
    };
    if !keyword_follows && c != EOF && is_ident_byte(c) {
        t.backup();
        return Err(t.error(format!("invalid {kind} literal")));
    }
    Ok(())
}

/// After a leading `0`: hex, octal, binary, or a decimal made of zeros (or a float).
fn zero(t: &mut Cursor, start: usize) -> Scan {
    let mut c = t.next();
    match c {
        b'x' | b'X' => radix(t, 16, "hexadecimal"),
        b'o' | b'O' => radix(t, 8, "octal"),
        b'b' | b'B' => radix(t, 2, "binary"),
        _ => {
            loop {
                if c == b'_' {
                    c = t.next();
                    if !c.is_ascii_digit() {
                        t.backup();
                        return Err(t.error("invalid decimal literal"));
                    }
                }
                if c != b'0' {
                    break;
                }
                c = t.next();
            }
            let zeros_end = t.cur;
            let nonzero = c.is_ascii_digit();
            if nonzero {
                c = decimal_tail(t)?;
            }
            if c == b'.' {
                let c = t.next();
                fraction(t, c)
            } else if c == b'e' || c == b'E' {
                exponent(t, c, false)
            } else if c == b'j' || c == b'J' {
                imaginary(t)
            } else if nonzero {
                t.backup();
                Err(NumberError {
                    message: "leading zeros in decimal integer literals are not permitted; \
                              use an 0o prefix for octal integers"
                        .into(),
                    start,
                    end: zeros_end - 1,
                })
            } else {
                verify_end(t, c, "decimal")?;
                t.backup();
                Ok(TokenKind::Int)
            }
        }
    }
}

/// Digits of a hex/octal/binary literal after its prefix.
fn radix(t: &mut Cursor, radix: u32, name: &str) -> Scan {
    let is_digit = |c: u8| (c as char).is_digit(radix);
    let mut c = t.next();
    loop {
        if c == b'_' {
            c = t.next();
        }
        if !is_digit(c) {
            if radix != 16 && c.is_ascii_digit() {
                return Err(t.error(format!("invalid digit '{}' in {name} literal", c as char)));
            }
            t.backup();
            return Err(t.error(format!("invalid {name} literal")));
        }
        c = t.next();
        while is_digit(c) {
            c = t.next();
        }
        if c != b'_' {
            break;
        }
    }
    if radix != 16 && c.is_ascii_digit() {
        return Err(t.error(format!("invalid digit '{}' in {name} literal", c as char)));
    }
    verify_end(t, c, name)?;
    t.backup();
    Ok(TokenKind::Int)
}

fn decimal(t: &mut Cursor) -> Scan {
    let c = decimal_tail(t)?;
    if c == b'.' {
        let c = t.next();
        fraction(t, c)
    } else {
        exponent(t, c, false)
    }
}

/// After the `.`; `c` is the character following it.
fn fraction(t: &mut Cursor, mut c: u8) -> Scan {
    if c.is_ascii_digit() {
        c = decimal_tail(t)?;
    }
    exponent(t, c, true)
}

/// An optional exponent, then an optional `j`; `c` is the current character.
fn exponent(t: &mut Cursor, mut c: u8, mut float: bool) -> Scan {
    let kind = |float| {
        if float {
            TokenKind::Float
        } else {
            TokenKind::Int
        }
    };
    if c == b'e' || c == b'E' {
        let e = c;
        c = t.next();
        if c == b'+' || c == b'-' {
            c = t.next();
            if !c.is_ascii_digit() {
                t.backup();
                return Err(t.error("invalid decimal literal"));
            }
        } else if !c.is_ascii_digit() {
            t.backup();
            verify_end(t, e, "decimal")?;
            t.backup();
            return Ok(kind(float));
        }
        c = decimal_tail(t)?;
        float = true;
    }
    if c == b'j' || c == b'J' {
        return imaginary(t);
    }
    verify_end(t, c, "decimal")?;
    t.backup();
    Ok(kind(float))
}

fn imaginary(t: &mut Cursor) -> Scan {
    let c = t.next();
    verify_end(t, c, "imaginary")?;
    t.backup();
    Ok(TokenKind::Imaginary)
}
