//! String literals: splitting a String token into prefix, quotes and body, and decoding the
//! escapes of str and bytes bodies with CPython 3.11's rules and error messages.
//!
//! Bodies may contain CRLF or lone CR line breaks; like CPython (which reads source with
//! universal newlines) both become `\n` in the value, raw or not.

use std::fmt::Write;

/// Which prefix letters a literal has (any case, any order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StringPrefix {
    pub raw: bool,
    pub bytes: bool,
    pub fstring: bool,
    pub unicode: bool,
}

/// A bad escape: CPython's message and the byte range of the escape within the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StringError {
    pub message: String,
    pub start: usize,
    pub end: usize,
}

/// Splits a String token's text: prefix flags, the byte offset where the body starts (after the
/// opening quote(s)) and where it ends (before the closing quotes), relative to the token start.
/// Tolerates an unterminated literal (an `Error` token's text): the body then runs to the end.
pub fn split_string_token(text: &str) -> (StringPrefix, usize, usize) {
    let bytes = text.as_bytes();
    let mut prefix = StringPrefix::default();
    let mut q = 0;
    while q < bytes.len() && bytes[q] != b'"' && bytes[q] != b'\'' {
        match bytes[q].to_ascii_lowercase() {
            b'r' => prefix.raw = true,
            b'b' => prefix.bytes = true,
            b'f' => prefix.fstring = true,
            b'u' => prefix.unicode = true,
            _ => {}
        }
        q += 1;
    }
    if q >= bytes.len() {
        return (prefix, bytes.len(), bytes.len());
    }
    let quote = bytes[q];
    // `""` (length 2) is an empty single-quoted string, not a triple quote.
    let triple = bytes.len() >= q + 3 && bytes[q + 1] == quote && bytes[q + 2] == quote;
    let (open, close) = if triple { (3, 3) } else { (1, 1) };
    let body_start = q + open;
    let closed = bytes.len() >= body_start + close
        && bytes[bytes.len() - close..].iter().all(|&b| b == quote);
    let body_end = if closed {
        bytes.len() - close
    } else {
        bytes.len()
    };
    (prefix, body_start, body_end.max(body_start))
}

/// Decodes escapes of a (non-f) str body (or a literal part of an f-string); raw=true keeps
/// them. Errors carry CPython's message and the byte range within `body` of the bad escape.
/// Lone surrogates (`"\ud800"`) cannot be held in a Rust string and become U+FFFD.
pub fn decode_str(body: &str, raw: bool) -> Result<String, StringError> {
    if raw || !body.contains('\\') {
        return Ok(normalize_newlines(body));
    }
    let bytes = body.as_bytes();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    while i < bytes.len() {
        let run = i;
        while i < bytes.len() && bytes[i] != b'\\' && bytes[i] != b'\r' {
            i += 1;
        }
        out.push_str(&body[run..i]);
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'\r' {
            out.push('\n');
            i += 1 + usize::from(bytes.get(i + 1) == Some(&b'\n'));
            continue;
        }
        let start = i;
        let Some(&c) = bytes.get(i + 1) else {
            out.push('\\');
            break;
        };
        i += 2;
        match c {
            b'\n' => {}
            b'\r' => i += usize::from(bytes.get(i) == Some(&b'\n')),
            b'0'..=b'7' => {
                let (value, end) = octal(bytes, start + 1);
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
                i = end;
            }
            b'x' | b'u' | b'U' => {
                let digits = match c {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let (value, count) = hex(bytes, i, digits);
                if count < digits {
                    let name = match c {
                        b'x' => "\\xXX",
                        b'u' => "\\uXXXX",
                        _ => "\\UXXXXXXXX",
                    };
                    return Err(unicode_error(
                        body,
                        start,
                        i + count,
                        &format!("truncated {name} escape"),
                    ));
                }
                i += count;
                if value > 0x10ffff {
                    return Err(unicode_error(body, start, i, "illegal Unicode character"));
                }
                out.push(char::from_u32(value).unwrap_or('\u{fffd}'));
            }
            b'N' => {
                let malformed = "malformed \\N character escape";
                if bytes.get(i) != Some(&b'{') {
                    return Err(unicode_error(body, start, i, malformed));
                }
                let name_start = i + 1;
                let Some(len) = bytes[name_start..].iter().position(|&b| b == b'}') else {
                    return Err(unicode_error(body, start, bytes.len(), malformed));
                };
                let name_end = name_start + len;
                if len == 0 {
                    return Err(unicode_error(body, start, name_end, malformed));
                }
                match unicode_names2::character(&body[name_start..name_end]) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(unicode_error(
                            body,
                            start,
                            name_end + 1,
                            "unknown Unicode character name",
                        ))
                    }
                }
                i = name_end + 1;
            }
            _ => match simple_escape(c) {
                Some(b) => out.push(b as char),
                None => {
                    // Unknown escapes stay as written (CPython warns, DeprecationWarning).
                    out.push('\\');
                    i -= 1;
                }
            },
        }
    }
    Ok(out)
}

/// Decodes a bytes body: ASCII characters only; `\N`, `\u`, `\U` are not escapes in bytes.
pub fn decode_bytes(body: &str, raw: bool) -> Result<Vec<u8>, StringError> {
    if let Some((at, c)) = body.char_indices().find(|&(_, c)| !c.is_ascii()) {
        return Err(StringError {
            message: "bytes can only contain ASCII literal characters".into(),
            start: at,
            end: at + c.len_utf8(),
        });
    }
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c == b'\r' {
            out.push(b'\n');
            i += 1 + usize::from(bytes.get(i + 1) == Some(&b'\n'));
            continue;
        }
        if c != b'\\' || raw {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let Some(&e) = bytes.get(i + 1) else {
            out.push(b'\\');
            break;
        };
        i += 2;
        match e {
            b'\n' => {}
            b'\r' => i += usize::from(bytes.get(i) == Some(&b'\n')),
            b'0'..=b'7' => {
                let (value, end) = octal(bytes, start + 1);
                out.push(value as u8);
                i = end;
            }
            b'x' => {
                let (value, count) = hex(bytes, i, 2);
                if count < 2 {
                    return Err(StringError {
                        message: format!("(value error) invalid \\x escape at position {start}"),
                        start,
                        end: i + count,
                    });
                }
                out.push(value as u8);
                i += 2;
            }
            _ => match simple_escape(e) {
                Some(b) => out.push(b),
                None => {
                    out.push(b'\\');
                    i -= 1;
                }
            },
        }
    }
    Ok(out)
}

/// The character of a one-letter escape (`\n`, `\t`, `\\` …).
fn simple_escape(c: u8) -> Option<u8> {
    Some(match c {
        b'\\' => b'\\',
        b'\'' => b'\'',
        b'"' => b'"',
        b'a' => 0x07,
        b'b' => 0x08,
        b'f' => 0x0c,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'v' => 0x0b,
        _ => return None,
    })
}

/// Up to three octal digits starting at `at`: the value and the offset after them.
fn octal(bytes: &[u8], at: usize) -> (u32, usize) {
    let mut value = 0;
    let mut i = at;
    while i < bytes.len() && i < at + 3 && (b'0'..=b'7').contains(&bytes[i]) {
        value = value * 8 + u32::from(bytes[i] - b'0');
        i += 1;
    }
    (value, i)
}

/// Up to `max` hex digits starting at `at`: the value and how many there were.
fn hex(bytes: &[u8], at: usize, max: usize) -> (u32, usize) {
    let mut value = 0u32;
    let mut count = 0;
    while count < max {
        let Some(d) = bytes
            .get(at + count)
            .and_then(|&b| (b as char).to_digit(16))
        else {
            break;
        };
        value = value.wrapping_mul(16).wrapping_add(d);
        count += 1;
    }
    (value, count)
}

/// CPython's "(unicode error) 'unicodeescape' codec can't decode bytes in position S-E: …".
/// CPython decodes a buffer where each non-ASCII character was rewritten as a 10-byte
/// `\UXXXXXXXX` escape and line breaks were normalized, so positions count that way.
fn unicode_error(body: &str, start: usize, end: usize, reason: &str) -> StringError {
    let end = end.min(body.len()).max(start + 1);
    let position = |offset: usize| {
        let mut pos = 0;
        let bytes = body.as_bytes();
        for (at, c) in body.char_indices() {
            if at >= offset {
                break;
            }
            if c == '\n' && at > 0 && bytes[at - 1] == b'\r' {
                continue;
            }
            pos += if c.is_ascii() { 1 } else { 10 };
        }
        pos
    };
    let mut message = String::from("(unicode error) 'unicodeescape' codec can't decode bytes in ");
    let _ = write!(
        message,
        "position {}-{}: {reason}",
        position(start),
        position(end) - 1
    );
    StringError {
        message,
        start,
        end,
    }
}

/// `\r\n` and lone `\r` become `\n`.
fn normalize_newlines(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (String, &str) {
        let (p, s, e) = split_string_token(text);
        let mut flags = String::new();
        for (on, f) in [
            (p.raw, 'r'),
            (p.bytes, 'b'),
            (p.fstring, 'f'),
            (p.unicode, 'u'),
        ] {
            if on {
                flags.push(f);
            }
        }
        (flags, &text[s..e])
    }

    #[test]
    fn splits_every_form() {
        for (text, flags, body) in [
            ("'a'", "", "a"),
            ("\"\"", "", ""),
            ("''''''", "", ""),
            ("'''a'b'''", "", "a'b"),
            ("Rb'x'", "rb", "x"),
            ("bR\"\"\"x\ny\"\"\"", "rb", "x\ny"),
            ("f'{x}'", "f", "{x}"),
            ("rF'a'", "rf", "a"),
            ("U'a'", "u", "a"),
            ("'abc", "", "abc"),
            ("'''ab", "", "ab"),
        ] {
            assert_eq!(split(text), (flags.to_string(), body), "{text}");
        }
    }

    fn s(body: &str) -> String {
        match decode_str(body, false) {
            Ok(v) => v,
            Err(e) => format!("ERR {} @{}..{}", e.message, e.start, e.end),
        }
    }

    #[test]
    fn decodes_str_escapes() {
        for (body, want) in [
            ("abc", "abc"),
            (r"a\nb\tc", "a\nb\tc"),
            (r#"\\\'\""#, "\\'\""),
            (r"\a\b\f\v\r", "\x07\x08\x0c\x0b\r"),
            (r"\0\101\1011", "\0AA1"),
            (r"\x41\u00e9\U0001F600", "Aé😀"),
            (r"\N{LATIN SMALL LETTER A}\N{EURO SIGN}", "a€"),
            (r"\d\ ", "\\d\\ "),
            ("a\\\nb", "ab"),
            ("a\\\r\nb", "ab"),
            ("a\r\nb\rc", "a\nb\nc"),
            (r"\777", "\u{1ff}"),
            (r"\x", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: truncated \\xXX escape @0..2"),
            (r"ab\x4g", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 2-4: truncated \\xXX escape @2..5"),
            (r"é\x4g", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 10-12: truncated \\xXX escape @2..5"),
            (r"\u12", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-3: truncated \\uXXXX escape @0..4"),
            (r"\U1234", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-5: truncated \\UXXXXXXXX escape @0..6"),
            (r"\U00110000", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character @0..10"),
            (r"\N{foo}", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-6: unknown Unicode character name @0..7"),
            (r"\N", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape @0..2"),
            (r"\Nx", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-1: malformed \\N character escape @0..2"),
            (r"\N{abc", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-5: malformed \\N character escape @0..6"),
            (r"\N{}", "ERR (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \\N character escape @0..3"),
        ] {
            assert_eq!(s(body), want, "{body:?}");
        }
    }

    #[test]
    fn raw_str_keeps_escapes() {
        assert_eq!(decode_str(r"\n\x", true), Ok(r"\n\x".to_string()));
        assert_eq!(decode_str("a\r\nb", true), Ok("a\nb".to_string()));
    }

    fn b(body: &str, raw: bool) -> String {
        match decode_bytes(body, raw) {
            Ok(v) => format!("{v:?}"),
            Err(e) => format!("ERR {} @{}..{}", e.message, e.start, e.end),
        }
    }

    #[test]
    fn decodes_bytes() {
        for (body, raw, want) in [
            ("ab", false, "[97, 98]"),
            (r"\x41\n\0\777", false, "[65, 10, 0, 255]"),
            (r"\u1234\N", false, "[92, 117, 49, 50, 51, 52, 92, 78]"),
            (r"\x41", true, "[92, 120, 52, 49]"),
            (
                r"\x4",
                false,
                "ERR (value error) invalid \\x escape at position 0 @0..3",
            ),
            (
                r"ab\xg",
                false,
                "ERR (value error) invalid \\x escape at position 2 @2..4",
            ),
            (
                "aé",
                false,
                "ERR bytes can only contain ASCII literal characters @1..3",
            ),
        ] {
            assert_eq!(b(body, raw), want, "{body:?}");
        }
    }
}
