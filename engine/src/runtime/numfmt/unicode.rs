//! The two Unicode facts number parsing needs, as CPython 3.11 (Unicode 14.0) has them:
//! the value of a decimal digit (`Py_UNICODE_TODECIMAL`) and whitespace (`str.isspace`).

/// The zero of every run of ten decimal digits (general category Nd) in Unicode 14.0; every
/// Nd character is `zero + value` for one of these.
const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The decimal value of `c`, or `None` when it is not a decimal digit.
pub fn decimal_value(c: char) -> Option<u32> {
    let c = c as u32;
    if c < 0x80 {
        return (0x30..=0x39).contains(&c).then(|| c - 0x30);
    }
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= c);
    let zero = DECIMAL_ZEROS[i.checked_sub(1)?];
    (c - zero < 10).then(|| c - zero)
}

/// `str.isspace()` for one character.
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII` followed by stripping ASCII
/// whitespace: non-ASCII decimal digits become ASCII digits, non-ASCII whitespace becomes a
/// space, any other non-ASCII character becomes `?` (so it can never parse).
pub fn to_ascii_number_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if is_space(c) {
            out.push(' ');
        } else if let Some(d) = decimal_value(c) {
            out.push((b'0' + d as u8) as char);
        } else {
            out.push('?');
        }
    }
    out
}

/// `Py_ISSPACE`: the ASCII whitespace C's `isspace` knows (not `\x1c`..`\x1f`).
pub fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r')
}

/// Strips `Py_ISSPACE` bytes from both ends.
pub fn strip_ascii_space(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii() && is_ascii_space(c as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_values() {
        for (c, v) in [
            ('0', Some(0)),
            ('9', Some(9)),
            ('a', None),
            ('\u{663}', Some(3)),
            ('\u{ff19}', Some(9)),
            ('\u{1fbf9}', Some(9)),
            ('\u{1fbfa}', None),
            ('\u{2160}', None),
            ('\u{b2}', None),
            ('\u{65f}', None),
        ] {
            assert_eq!(decimal_value(c), v, "{c:?}");
        }
    }

    #[test]
    fn spaces() {
        for (c, v) in [
            (' ', true),
            ('\x1c', true),
            ('\u{85}', true),
            ('\u{200b}', false),
            ('\u{3000}', true),
            ('a', false),
            ('\u{180e}', false),
        ] {
            assert_eq!(is_space(c), v, "{c:?}");
        }
        assert_eq!(to_ascii_number_text("\u{a0}\u{661}\u{662}é"), " 12?");
    }
}
