//! `int(s, base)` for str input (CPython's `PyLong_FromUnicodeObject` + `PyLong_FromString`):
//! whitespace, sign, `0x`/`0o`/`0b` prefixes, single underscores between digits, base 0's
//! ban on leading zeros, any script's decimal digits, and 3.11's digit limit.

use super::error::NumError;
use super::int_value::IntValue;
use super::unicode::{is_ascii_space, to_ascii_number_text};
use num_bigint::{BigInt, Sign};

/// Parses `s` as `int(s, base)`. `max_digits` is `sys.get_int_max_str_digits()` (0 =
/// unlimited; it only applies to bases that are not powers of two). `repr` produces the
/// repr of the original argument for the "invalid literal" message (CPython truncates it to
/// 200 code points; this function does that).
pub fn parse_int(
    s: &str,
    base: u32,
    max_digits: usize,
    repr: impl FnOnce() -> String,
) -> Result<IntValue, NumError> {
    if base != 0 && !(2..=36).contains(&base) {
        return Err(NumError::value("int() base must be >= 2 and <= 36, or 0"));
    }
    let invalid = || {
        let r: String = repr().chars().take(200).collect();
        NumError::value(format!("invalid literal for int() with base {base}: {r}"))
    };
    let owned;
    let text = if s.is_ascii() {
        s
    } else {
        owned = to_ascii_number_text(s);
        &owned
    };
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_ascii_space(at(i)) {
        i += 1;
    }
    let negative = at(i) == b'-';
    if matches!(at(i), b'+' | b'-') {
        i += 1;
    }
    let mut radix = base;
    let mut error_if_nonzero = false;
    if radix == 0 {
        radix = match (at(i), at(i + 1).to_ascii_lowercase()) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            (b'0', _) => {
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    let prefix = match radix {
        16 => b'x',
        8 => b'o',
        2 => b'b',
        _ => 0,
    };
    if at(i) == b'0' && prefix != 0 && at(i + 1).to_ascii_lowercase() == prefix {
        i += 2;
        if at(i) == b'_' {
            i += 1;
        }
    }
    if at(i) == b'_' {
        return Err(invalid());
    }
    let start = i;
    let mut digits = 0usize;
    let mut prev = 0u8;
    while let Some(&c) = b.get(i) {
        if c == b'_' {
            if prev == b'_' {
                return Err(invalid());
            }
        } else if digit_value(c) < radix {
            digits += 1;
        } else {
            break;
        }
        prev = c;
        i += 1;
    }
    if prev == b'_' || digits == 0 {
        return Err(invalid());
    }
    if !radix.is_power_of_two() && max_digits > 0 && digits > max_digits {
        return Err(NumError::value(format!(
            "Exceeds the limit ({max_digits} digits) for integer string conversion: value has \
             {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    let body = &b[start..i];
    let value = convert(body, radix, negative);
    if error_if_nonzero && value != IntValue::Small(0) {
        return Err(invalid());
    }
    while is_ascii_space(at(i)) {
        i += 1;
    }
    if i != b.len() {
        return Err(invalid());
    }
    Ok(value)
}

fn digit_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'a'..=b'z' => u32::from(c - b'a') + 10,
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 99,
    }
}

/// Converts validated digits (with single underscores) to a value.
fn convert(body: &[u8], radix: u32, negative: bool) -> IntValue {
    let mut small: u64 = 0;
    let mut fits = true;
    for &c in body.iter().filter(|&&c| c != b'_') {
        match small
            .checked_mul(u64::from(radix))
            .and_then(|v| v.checked_add(u64::from(digit_value(c))))
        {
            Some(v) => small = v,
            None => {
                fits = false;
                break;
            }
        }
    }
    if fits {
        if !negative && small <= i64::MAX as u64 {
            return IntValue::Small(small as i64);
        }
        if negative && small <= i64::MAX as u64 + 1 {
            return IntValue::Small((small as i64).wrapping_neg());
        }
    }
    let digits: Vec<u8> = body
        .iter()
        .filter(|&&c| c != b'_')
        .map(|&c| digit_value(c) as u8)
        .collect();
    let mag = BigInt::from_radix_be(Sign::Plus, &digits, radix).unwrap_or_default();
    IntValue::from_big(if negative { -mag } else { mag })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, base: u32) -> String {
        match parse_int(s, base, 4300, || format!("{s:?}")) {
            Ok(v) => v.to_string(),
            Err(e) => e.message,
        }
    }

    #[test]
    fn cases() {
        let cases = [
            ("42", 10, "42"),
            (" -42 ", 10, "-42"),
            ("+7", 10, "7"),
            ("0x_1f", 16, "31"),
            ("0x_1f", 0, "31"),
            ("0_7", 0, "invalid literal for int() with base 0: \"0_7\""),
            ("0_0", 0, "0"),
            ("00", 0, "0"),
            ("08", 0, "invalid literal for int() with base 0: \"08\""),
            ("0x", 16, "invalid literal for int() with base 16: \"0x\""),
            ("_1", 10, "invalid literal for int() with base 10: \"_1\""),
            (
                "1__2",
                10,
                "invalid literal for int() with base 10: \"1__2\"",
            ),
            ("1_2", 10, "12"),
            ("0b1", 16, "177"),
            ("0b1", 0, "1"),
            ("z", 36, "35"),
            ("Z", 36, "35"),
            ("", 10, "invalid literal for int() with base 10: \"\""),
            ("\u{661}\u{662}", 10, "12"),
            ("\u{a0}5\u{3000}", 10, "5"),
            (
                "\x1c1",
                10,
                "invalid literal for int() with base 10: \"\\u{1c}1\"",
            ),
            ("9223372036854775807", 10, "9223372036854775807"),
            ("-9223372036854775808", 10, "-9223372036854775808"),
            ("9223372036854775808", 10, "9223372036854775808"),
            ("-0", 10, "0"),
            ("1", 1, "int() base must be >= 2 and <= 36, or 0"),
            (
                "0o17",
                10,
                "invalid literal for int() with base 10: \"0o17\"",
            ),
            ("-0b11", 0, "-3"),
            ("0xg", 0, "invalid literal for int() with base 0: \"0xg\""),
        ];
        for (s, base, want) in cases {
            assert_eq!(run(s, base), want, "{s:?} {base}");
        }
        let long = "1".repeat(5000);
        assert_eq!(run(&long, 10), "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit");
        assert_eq!(run(&format!("{long}x"), 10).len(), 140);
        assert_eq!(run(&long, 2).len(), 1506);
        assert_eq!(
            parse_int(&long, 10, 0, String::new).map(|v| v.to_string().len()),
            Ok(5000)
        );
        let bad = "x".repeat(300);
        assert_eq!(run(&bad, 10).chars().count(), 240);
    }
}
