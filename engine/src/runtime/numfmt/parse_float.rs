//! `float(s)` for str input (CPython's `PyFloat_FromString`): whitespace, any script's
//! decimal digits, single underscores between digits, `inf`/`infinity`/`nan` in any case
//! with a sign; no hex. The decimal itself is converted by Rust's correctly rounded parser.

use super::error::NumError;
use super::unicode::{strip_ascii_space, to_ascii_number_text};

/// Parses `s` as `float(s)`. `repr` produces the repr of the original argument for
/// "could not convert string to float: …".
pub fn parse_float(s: &str, repr: impl FnOnce() -> String) -> Result<f64, NumError> {
    let owned;
    let text = if s.is_ascii() {
        s
    } else {
        owned = to_ascii_number_text(s);
        &owned
    };
    let text = strip_ascii_space(text);
    let parsed = if text.contains('_') {
        remove_underscores(text).and_then(|t| parse_ascii(&t))
    } else {
        parse_ascii(text)
    };
    parsed.ok_or_else(|| NumError::value(format!("could not convert string to float: {}", repr())))
}

/// `_Py_string_to_number_with_underscores`: each `_` must sit between two digits.
fn remove_underscores(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut prev = '\0';
    for c in text.chars() {
        if c == '_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == '_' && !c.is_ascii_digit() {
                return None;
            }
            out.push(c);
        }
        prev = c;
    }
    (prev != '_').then_some(out)
}

/// `_PyOS_ascii_strtod` on a whole string: `[sign] (inf | infinity | nan | decimal)`.
fn parse_ascii(text: &str) -> Option<f64> {
    let b = text.as_bytes();
    let (negative, body) = match b.first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let special = if body.eq_ignore_ascii_case("inf") || body.eq_ignore_ascii_case("infinity") {
        Some(f64::INFINITY)
    } else if body.eq_ignore_ascii_case("nan") {
        Some(f64::NAN)
    } else {
        None
    };
    if let Some(x) = special {
        return Some(if negative { -x } else { x });
    }
    if !is_decimal(body.as_bytes()) {
        return None;
    }
    let x: f64 = body.parse().ok()?;
    Some(if negative { -x } else { x })
}

/// `digits [. digits] [(e|E) [sign] digits]` with at least one mantissa digit.
fn is_decimal(b: &[u8]) -> bool {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut mantissa = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        mantissa += digits(&mut i);
    }
    if mantissa == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        match parse_float(s, || format!("'{s}'")) {
            Ok(x) => super::super::float_repr(x),
            Err(e) => e.message,
        }
    }

    #[test]
    fn cases() {
        let bad = |s: &str| format!("could not convert string to float: '{s}'");
        let cases: Vec<(&str, String)> = vec![
            ("1.5", "1.5".into()),
            (" 1_0.5 ", "10.5".into()),
            ("1_.5", bad("1_.5")),
            ("1._5", bad("1._5")),
            ("1e1_0", "10000000000.0".into()),
            ("_1", bad("_1")),
            ("inf_", bad("inf_")),
            ("1e", bad("1e")),
            (".", bad(".")),
            ("-.5e-3", "-0.0005".into()),
            ("- 1", bad("- 1")),
            ("0x10", bad("0x10")),
            ("infinity", "inf".into()),
            ("-iNF", "-inf".into()),
            ("+nan", "nan".into()),
            ("nan(1)", bad("nan(1)")),
            ("1e500", "inf".into()),
            ("-1e-500", "-0.0".into()),
            ("1.e5", "100000.0".into()),
            ("é", bad("é")),
            ("\u{661}\u{662}.\u{665}", "12.5".into()),
            ("\u{85}1\u{a0}", "1.0".into()),
            ("\x1c1", bad("\x1c1")),
            ("", bad("")),
            ("+-1", bad("+-1")),
            ("1_000_000", "1000000.0".into()),
            ("infinit", bad("infinit")),
            ("2.2250738585072011e-308", "2.225073858507201e-308".into()),
            ("0.1e-400", "0.0".into()),
            (
                "12345678901234567890123456789e-29",
                "0.12345678901234568".into(),
            ),
        ];
        for (s, want) in cases {
            assert_eq!(run(s), want, "{s:?}");
        }
    }
}
