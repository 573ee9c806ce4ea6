//! `python3 -m tokenize`'s text layout for our tokens (what `adder tokens FILE` prints), and
//! Python's `repr()` of a string, which that layout uses.

use super::lex;
use super::printable::is_printable;
use crate::syntax::text::LineIndex;
use crate::syntax::token::TokenKind;
use std::fmt::Write;

/// The tokens of `source` laid out as `python3 -m tokenize` prints them, without its
/// leading ENCODING line: `1,0-1,5:            NAME           'print'        `.
pub fn dump_tokens(source: &str) -> String {
    let lexed = lex(source);
    let index = LineIndex::new(source);
    let eof = source.len() as u32;
    let eof_line = tokenize_eof_line(source);
    let mut out = String::with_capacity(lexed.tokens.len() * 48);
    for token in &lexed.tokens {
        let position = |offset: u32| {
            let line = index.line_of(offset) + 1;
            (line, index.char_col(source, offset))
        };
        let (mut start_line, mut start_col) = position(token.range.start);
        // tokenize ends a token on its last line, one past its last character (even when
        // that character is a line break).
        let (mut end_line, mut end_col) = if token.range.is_empty() {
            (start_line, start_col)
        } else {
            let mut last = token.range.end as usize - 1;
            while !source.is_char_boundary(last) {
                last -= 1;
            }
            let (line, col) = position(last as u32);
            (line, col + 1)
        };
        match token.kind {
            // tokenize's implicit NEWLINE at EOF is one column wide.
            TokenKind::Newline if token.range.is_empty() => end_col += 1,
            TokenKind::Dedent | TokenKind::EndOfFile if token.range.start == eof => {
                (start_line, start_col, end_line, end_col) = (eof_line, 0, eof_line, 0);
            }
            _ => {}
        }
        let span = format!("{start_line},{start_col}-{end_line},{end_col}:");
        let text = python_repr(token.range.slice(source));
        let _ = writeln!(
            out,
            "{span:<20}{:<15}{text:<15}",
            token.kind.tokenize_name()
        );
    }
    out
}

/// The line tokenize gives the ENDMARKER: one past the last line it read (a trailing line of
/// only whitespace stops it without counting).
fn tokenize_eof_line(source: &str) -> usize {
    let bytes = source.as_bytes();
    let mut lines = 0;
    let mut last_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines += 1;
                last_start = i + 1;
            }
            b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                lines += 1;
                last_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    let trailing = &source[last_start..];
    let blank = trailing
        .bytes()
        .all(|b| matches!(b, b' ' | b'\t' | b'\x0c'));
    lines + 1 + usize::from(!blank)
}

/// Python's `repr()` of a `str`.
pub fn python_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c == ' ' || (c.is_ascii_graphic()) || (!c.is_ascii() && is_printable(c)) => {
                out.push(c)
            }
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push(quote);
    out
}
