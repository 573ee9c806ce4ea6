//! `float.hex()` and `float.fromhex()` (CPython's `float_hex`, `float_fromhex`).

use super::dtoa::float_repr;
use super::error::NumError;
use super::to_float::round_to_f64;
use super::unicode::is_ascii_space;
use num_bigint::BigUint;

/// `x.hex()`: `0x1.<13 hex digits>p<exp>` for normals, `0x0.<13>p-1022` for subnormals.
pub fn float_hex(x: f64) -> String {
    if !x.is_finite() {
        return float_repr(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    format!("{sign}0x{lead}.{frac:013x}p{exp:+}")
}

/// `float.fromhex(s)`.
pub fn float_fromhex(s: &str) -> Result<f64, NumError> {
    let invalid = || NumError::value("invalid hexadecimal floating-point string");
    let overflow = || NumError::overflow("hexadecimal value too large to represent as a float");
    let b = s.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    while is_ascii_space(at(i)) {
        i += 1;
    }
    let negative = at(i) == b'-';
    if matches!(at(i), b'-' | b'+') {
        i += 1;
    }
    let finish = |mut i: usize, x: f64| {
        while is_ascii_space(at(i)) {
            i += 1;
        }
        if i == b.len() {
            Ok(if negative { -x } else { x })
        } else {
            Err(invalid())
        }
    };
    let word = |i: usize, w: &str| {
        b.len() >= i + w.len() && b[i..i + w.len()].eq_ignore_ascii_case(w.as_bytes())
    };
    if word(i, "inf") {
        let end = if word(i, "infinity") { i + 8 } else { i + 3 };
        return finish(end, f64::INFINITY);
    }
    if word(i, "nan") {
        return finish(i + 3, f64::NAN);
    }
    if at(i) == b'0' && matches!(at(i + 1), b'x' | b'X') {
        i += 2;
    }
    let hex = |c: u8| (c as char).to_digit(16);
    let mut mantissa: Vec<u8> = Vec::new();
    let mut frac_digits: i64 = 0;
    while let Some(d) = hex(at(i)) {
        mantissa.push(d as u8);
        i += 1;
    }
    if at(i) == b'.' {
        i += 1;
        while let Some(d) = hex(at(i)) {
            mantissa.push(d as u8);
            frac_digits += 1;
            i += 1;
        }
    }
    if mantissa.is_empty() {
        return Err(invalid());
    }
    let mut exp: i64 = 0;
    if matches!(at(i), b'p' | b'P') {
        i += 1;
        let exp_negative = at(i) == b'-';
        if matches!(at(i), b'-' | b'+') {
            i += 1;
        }
        if !at(i).is_ascii_digit() {
            return Err(invalid());
        }
        while at(i).is_ascii_digit() {
            // strtol saturates; anything this large under- or overflows anyway.
            exp = exp
                .saturating_mul(10)
                .saturating_add(i64::from(at(i) - b'0'));
            i += 1;
        }
        if exp_negative {
            exp = -exp;
        }
    }
    let first = mantissa.iter().position(|&d| d != 0);
    let Some(first) = first else {
        return finish(i, 0.0);
    };
    let digits = &mantissa[first..];
    let exp2 = exp.saturating_sub(frac_digits.saturating_mul(4));
    // The value lies in [2**(top-4), 2**top).
    let top = exp2.saturating_add(4 * digits.len() as i64);
    if top > 1024 + 4 {
        return Err(overflow());
    }
    if top < -1080 {
        return finish(i, 0.0);
    }
    let m = BigUint::from_radix_be(digits, 16).unwrap_or_default();
    let x = round_to_f64(&m, exp2, false).ok_or_else(overflow)?;
    finish(i, x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex() {
        let cases: &[(f64, &str)] = &[
            (1.0, "0x1.0000000000000p+0"),
            (-0.0, "-0x0.0p+0"),
            (0.0, "0x0.0p+0"),
            (5e-324, "0x0.0000000000001p-1022"),
            (0.1, "0x1.999999999999ap-4"),
            (f64::MAX, "0x1.fffffffffffffp+1023"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (-2.5, "-0x1.4000000000000p+1"),
        ];
        for &(x, want) in cases {
            assert_eq!(float_hex(x), want);
        }
    }

    #[test]
    fn fromhex() {
        let run = |s: &str| {
            float_fromhex(s)
                .map(float_repr)
                .unwrap_or_else(|e| e.message)
        };
        let bad = "invalid hexadecimal floating-point string";
        let big = "hexadecimal value too large to represent as a float";
        let cases: &[(&str, &str)] = &[
            ("0x1.8p1", "3.0"),
            (" -0x.8 ", "-0.5"),
            ("1", "1.0"),
            ("0x", bad),
            ("x", bad),
            (".", bad),
            ("0x.p1", bad),
            ("0x1p99999 x", big),
            ("0x1p1024", big),
            ("0x1.fffffffffffff8p1023", big),
            ("0x1.fffffffffffff7p1023", "1.7976931348623157e+308"),
            ("-Infinity", "-inf"),
            ("nan", "nan"),
            ("0x1p-1074", "5e-324"),
            ("0x1p-1075", "0.0"),
            ("0x1.8p-1074", "1e-323"),
            ("0x3p-1076", "5e-324"),
            ("0x0p99999999999999999999", "0.0"),
            ("0x1p-99999999999999999999", "0.0"),
            ("0x1p", bad),
            ("0x1p+", bad),
            ("0X1P+3", "8.0"),
            ("1.", "1.0"),
            ("0x1.0000000000000800000p0", "1.0"),
            ("0x1.0000000000000800001p0", "1.0000000000000002"),
            ("0x1.00000000000018p0", "1.0000000000000004"),
        ];
        for &(s, want) in cases {
            assert_eq!(run(s), want, "{s:?}");
        }
        let long = format!("0x{}1", "0".repeat(100_000));
        assert_eq!(run(&long), "1.0");
    }
}
