//! `repr(str)`, `ascii(str)` and `repr(bytes)`, byte for byte as CPython 3.11 writes them.

use std::fmt::Write;

use super::unicode;

/// `repr(s)`.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str_repr(&mut out, s, false);
    out
}

/// `ascii(s)`: like `repr` but every non-ASCII char escaped.
pub fn ascii_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str_repr(&mut out, s, true);
    out
}

/// `repr(b)` for `bytes`: `b'...'`.
pub fn bytes_repr(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len() + 3);
    write_bytes_repr(&mut out, b);
    out
}

/// Appends `repr(s)` (or `ascii(s)` when `ascii_only`) to `out`.
pub fn write_str_repr(out: &mut String, s: &str, ascii_only: bool) {
    let quote = quote_for(s.as_bytes());
    out.push(quote);
    let mut rest = s;
    while !rest.is_empty() {
        // Copy the longest run of ASCII that needs no escape in one go.
        let plain = |b: &u8| (b' '..=b'~').contains(b) && *b != b'\\' && char::from(*b) != quote;
        let run = rest.bytes().position(|b| !plain(&b)).unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        let mut chars = rest[run..].chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ if c == quote => {
                out.push('\\');
                out.push(c);
            }
            _ if !ascii_only && !c.is_ascii() && unicode::is_printable(c) => out.push(c),
            _ => push_escape(out, c),
        }
    }
    out.push(quote);
}

/// Appends `repr(b)` for `bytes` to `out` (the VM wraps it for `bytearray(...)`).
pub fn write_bytes_repr(out: &mut String, b: &[u8]) {
    let quote = quote_for(b);
    out.push('b');
    out.push(quote);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ if char::from(byte) == quote => {
                out.push('\\');
                out.push(quote);
            }
            b' '..=b'~' => out.push(char::from(byte)),
            _ => push_escape(out, char::from(byte)),
        }
    }
    out.push(quote);
}

/// CPython's choice: single quotes unless the text has a ' and no ".
fn quote_for(b: &[u8]) -> char {
    if memchr::memchr(b'\'', b).is_some() && memchr::memchr(b'"', b).is_none() {
        '"'
    } else {
        '\''
    }
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, lowercase hex, by the size of the code point.
fn push_escape(out: &mut String, c: char) {
    let cp = c as u32;
    // Writing to a String cannot fail.
    let _ = if cp < 0x100 {
        write!(out, "\\x{cp:02x}")
    } else if cp < 0x10000 {
        write!(out, "\\u{cp:04x}")
    } else {
        write!(out, "\\U{cp:08x}")
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_fixtures() {
        let cases: &[(&str, &str, &str)] = &[
            ("", "''", "''"),
            ("abc", "'abc'", "'abc'"),
            ("it's", "\"it's\"", "\"it's\""),
            ("'\"", "'\\'\"'", "'\\'\"'"),
            ("\"", "'\"'", "'\"'"),
            ("a\\b\n\r\t", "'a\\\\b\\n\\r\\t'", "'a\\\\b\\n\\r\\t'"),
            ("\x00\x1f\x7f", "'\\x00\\x1f\\x7f'", "'\\x00\\x1f\\x7f'"),
            ("é\u{a0}\u{ad}", "'é\\xa0\\xad'", "'\\xe9\\xa0\\xad'"),
            (
                "€\u{2028}\u{e000}",
                "'€\\u2028\\ue000'",
                "'\\u20ac\\u2028\\ue000'",
            ),
            (
                "😀\u{e0001}\u{10ffff}",
                "'😀\\U000e0001\\U0010ffff'",
                "'\\U0001f600\\U000e0001\\U0010ffff'",
            ),
            ("\u{3000} ", "'\\u3000 '", "'\\u3000 '"),
        ];
        for &(s, repr, ascii) in cases {
            assert_eq!(str_repr(s), repr, "repr({s:?})");
            assert_eq!(ascii_repr(s), ascii, "ascii({s:?})");
        }
    }

    #[test]
    fn bytes_fixtures() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "b''"),
            (b"abc", "b'abc'"),
            (b"it's", "b\"it's\""),
            (b"'\"", "b'\\'\"'"),
            (
                b"\\\n\r\t\x00\x7f\x80\xff",
                "b'\\\\\\n\\r\\t\\x00\\x7f\\x80\\xff'",
            ),
        ];
        for &(b, want) in cases {
            assert_eq!(bytes_repr(b), want, "repr({b:?})");
        }
    }
}
