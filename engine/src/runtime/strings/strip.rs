//! `str.strip`, `lstrip`, `rstrip`, `removeprefix` and `removesuffix`, returning slices.

use super::unicode;

/// Which end(s) to strip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Left,
    Right,
    Both,
}

/// `s.strip(chars)`; `chars: None` strips Python whitespace.
pub fn strip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    strip_side(s, chars, Side::Both)
}

/// `s.lstrip(chars)`.
pub fn lstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    strip_side(s, chars, Side::Left)
}

/// `s.rstrip(chars)`.
pub fn rstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    strip_side(s, chars, Side::Right)
}

/// Strips `chars` (or whitespace) from `side` of `s`.
pub fn strip_side<'a>(s: &'a str, chars: Option<&str>, side: Side) -> &'a str {
    match chars {
        None => trim(s, side, unicode::is_space),
        Some(set) if set.is_ascii() => {
            let mask = ascii_mask(set.as_bytes());
            trim(s, side, |c| {
                c.is_ascii() && mask & (1u128 << (c as u32)) != 0
            })
        }
        Some(set) => trim(s, side, |c| set.contains(c)),
    }
}

/// `s.removeprefix(prefix)`.
pub fn removeprefix<'a>(s: &'a str, prefix: &str) -> &'a str {
    s.strip_prefix(prefix).unwrap_or(s)
}

/// `s.removesuffix(suffix)`.
pub fn removesuffix<'a>(s: &'a str, suffix: &str) -> &'a str {
    s.strip_suffix(suffix).unwrap_or(s)
}

/// Bit set of ASCII bytes.
fn ascii_mask(set: &[u8]) -> u128 {
    set.iter()
        .filter(|b| b.is_ascii())
        .fold(0, |m, &b| m | 1u128 << b)
}

fn trim(s: &str, side: Side, pred: impl Fn(char) -> bool) -> &str {
    match side {
        Side::Left => s.trim_start_matches(pred),
        Side::Right => s.trim_end_matches(pred),
        Side::Both => s.trim_matches(pred),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures() {
        let cases: &[(&str, Option<&str>, Side, &str)] = &[
            ("  a b \t\n", None, Side::Both, "a b"),
            ("\u{85}\x1ca\u{3000}", None, Side::Both, "a"),
            ("\u{200b}a", None, Side::Both, "\u{200b}a"),
            ("  a  ", None, Side::Left, "a  "),
            ("  a  ", None, Side::Right, "  a"),
            ("xyaxy", Some("yx"), Side::Both, "a"),
            ("xyaxy", Some(""), Side::Both, "xyaxy"),
            ("ééaé", Some("é"), Side::Left, "aé"),
            ("ééaé", Some("aé"), Side::Right, ""),
            ("\x7fa\x7f", Some("\x7f"), Side::Both, "a"),
        ];
        for &(s, chars, side, want) in cases {
            assert_eq!(strip_side(s, chars, side), want, "{s:?} {chars:?} {side:?}");
        }
        assert_eq!(removeprefix("abc", "ab"), "c");
        assert_eq!(removeprefix("abc", "b"), "abc");
        assert_eq!(removesuffix("abc", "bc"), "a");
        assert_eq!(removesuffix("abc", ""), "abc");
    }
}
