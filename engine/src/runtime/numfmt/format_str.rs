//! `format(s, spec)` for str (CPython's `format_string_internal`): fill, alignment, width and
//! precision (truncation), counted in code points.

use super::error::NumError;
use super::layout::{check_width, pad_text};
use super::spec::{unknown_code, Align, FormatSpec};

/// `format(s, spec)` / `str.__format__`.
pub fn format_str(s: &str, spec: &str) -> Result<String, NumError> {
    format_str_as(s, spec, "str")
}

/// As [`format_str`], naming `type_name` (a str subclass) in messages.
pub fn format_str_as(s: &str, spec: &str, type_name: &str) -> Result<String, NumError> {
    if spec.is_empty() {
        return Ok(s.to_owned());
    }
    let f = FormatSpec::parse(spec, Some('s'), type_name)?;
    let ty = f.ty.unwrap_or('s');
    if ty != 's' {
        return Err(unknown_code(ty, type_name));
    }
    match f.sign {
        Some(' ') => {
            return Err(NumError::value(
                "Space not allowed in string format specifier",
            ))
        }
        Some(_) => {
            return Err(NumError::value(
                "Sign not allowed in string format specifier",
            ))
        }
        None => {}
    }
    if f.no_neg_zero {
        return Err(NumError::value(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if f.alternate {
        return Err(NumError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    let align = f.align_or(Align::Left);
    if align == Align::AfterSign {
        return Err(NumError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    check_width(f.width)?;
    let (text, len) = truncate(s, f.precision);
    Ok(pad_text(
        text,
        len,
        f.fill_char(),
        align,
        f.width.unwrap_or(0),
    ))
}

/// The first `precision` code points of `s` and their count.
pub(crate) fn truncate(s: &str, precision: Option<usize>) -> (&str, usize) {
    match precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((at, _)) => (&s[..at], p),
            None => (s, s.chars().count()),
        },
        None => (s, s.chars().count()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        let cases = [
            ("ab", "", "ab"),
            ("ab", "5", "ab   "),
            ("ab", ">5", "   ab"),
            ("ab", "^5", " ab  "),
            ("ab", "^^5", "^ab^^"),
            ("ab", "05", "ab000"),
            ("ab", "0<5", "ab000"),
            ("ab", "0>5", "000ab"),
            ("héllo", ".2", "hé"),
            ("héllo", "*^9.3", "***hél***"),
            ("ab", "s", "ab"),
            ("ab", "\u{663}", "ab "),
            (
                "ab",
                "=5",
                "'=' alignment not allowed in string format specifier",
            ),
            ("ab", "+", "Sign not allowed in string format specifier"),
            ("ab", " ", "Space not allowed in string format specifier"),
            (
                "ab",
                "z",
                "Negative zero coercion (z) not allowed in string format specifier",
            ),
            (
                "ab",
                "#",
                "Alternate form (#) not allowed in string format specifier",
            ),
            (
                "ab",
                "d",
                "Unknown format code 'd' for object of type 'str'",
            ),
            (
                "ab",
                "+d",
                "Unknown format code 'd' for object of type 'str'",
            ),
            ("ab", ",", "Cannot specify ',' with 's'."),
            (
                "ab",
                "ss",
                "Invalid format specifier 'ss' for object of type 'str'",
            ),
            (
                "ab",
                "\0",
                "Unknown format code '\\x0' for object of type 'str'",
            ),
        ];
        for (s, spec, want) in cases {
            let got = format_str(s, spec).unwrap_or_else(|e| e.message);
            assert_eq!(got, want, "{s:?} {spec:?}");
        }
    }
}
