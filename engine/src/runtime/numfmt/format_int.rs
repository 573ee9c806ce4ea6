//! `format(n, spec)` for int (CPython's `format_long_internal`): types `b c d o x X n` and
//! none, float types via a correctly rounded conversion, `#` prefixes, grouping (`_` every
//! four digits for b/o/x), sign, fill/alignment and zero padding.

use super::error::NumError;
use super::format_float::format_float_spec;
use super::int_str::{int_to_str, DEFAULT_MAX_STR_DIGITS};
use super::int_value::IntRef;
use super::layout::{check_width, layout_number, NumberLayout, NumberParts};
use super::spec::{unknown_code, Align, FormatSpec, Grouping};
use super::to_float::int_to_float;
use num_bigint::BigInt;

/// `format(n, spec)` with the default digit limit.
pub fn format_int(n: &BigInt, spec: &str) -> Result<String, NumError> {
    format_int_as(IntRef::Big(n), spec, "int", DEFAULT_MAX_STR_DIGITS)
}

/// `format(n, spec)` for a small int with the default digit limit.
pub fn format_i64(n: i64, spec: &str) -> Result<String, NumError> {
    format_int_as(IntRef::Small(n), spec, "int", DEFAULT_MAX_STR_DIGITS)
}

/// `int.__format__`: `type_name` (`int`, `bool`, a subclass) goes into messages and
/// `max_digits` is `sys.get_int_max_str_digits()` (0 = unlimited) for decimal output.
pub fn format_int_as(
    n: IntRef<'_>,
    spec: &str,
    type_name: &str,
    max_digits: usize,
) -> Result<String, NumError> {
    if spec.is_empty() {
        return decimal(n, max_digits);
    }
    let f = FormatSpec::parse(spec, Some('d'), type_name)?;
    match f.ty.unwrap_or('d') {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long(n, &f, max_digits),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = match n {
                IntRef::Small(v) => v as f64,
                IntRef::Big(b) => int_to_float(b)?,
            };
            format_float_spec(x, &f)
        }
        c => Err(unknown_code(c, type_name)),
    }
}

fn decimal(n: IntRef<'_>, max_digits: usize) -> Result<String, NumError> {
    match n {
        IntRef::Small(v) => Ok(v.to_string()),
        IntRef::Big(b) => int_to_str(b, max_digits),
    }
}

/// The magnitude of `n` in `base`, lowercase.
pub(crate) fn magnitude_digits(
    n: IntRef<'_>,
    base: u32,
    max_digits: usize,
) -> Result<String, NumError> {
    match n {
        IntRef::Small(v) => Ok(match base {
            2 => format!("{:b}", v.unsigned_abs()),
            8 => format!("{:o}", v.unsigned_abs()),
            16 => format!("{:x}", v.unsigned_abs()),
            _ => v.unsigned_abs().to_string(),
        }),
        IntRef::Big(b) if base == 10 => {
            let s = int_to_str(b, max_digits)?;
            Ok(s.trim_start_matches('-').to_owned())
        }
        IntRef::Big(b) => Ok(b.magnitude().to_str_radix(base)),
    }
}

fn format_long(n: IntRef<'_>, f: &FormatSpec, max_digits: usize) -> Result<String, NumError> {
    if f.precision.is_some() {
        return Err(NumError::value(
            "Precision not allowed in integer format specifier",
        ));
    }
    if f.no_neg_zero {
        return Err(NumError::value(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    let ty = f.ty.unwrap_or('d');
    check_width(f.width)?;
    let layout = |grouping| NumberLayout {
        fill: f.fill_char(),
        align: f.align_or(Align::Right),
        sign: f.sign,
        width: f.width.unwrap_or(0),
        grouping,
    };
    if ty == 'c' {
        if f.sign.is_some() {
            return Err(NumError::value(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if f.alternate {
            return Err(NumError::value(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let text = char_of(n)?.to_string();
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: &text,
        };
        return Ok(layout_number(&parts, &layout(None)));
    }
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = magnitude_digits(n, base, max_digits)?;
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let grouping = match (ty, f.grouping) {
        ('n', _) | (_, None) => None,
        (_, Some(Grouping::Comma)) => Some((',', 3)),
        (_, Some(Grouping::Underscore)) => Some(('_', if base == 10 { 3 } else { 4 })),
    };
    let parts = NumberParts {
        negative: n.is_negative(),
        prefix: if f.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    Ok(layout_number(&parts, &layout(grouping)))
}

/// The character for `%c`/`:c`: "%c arg not in range(0x110000)" outside the code space,
/// and CPython's C-long overflow message beyond 64 bits.
pub(crate) fn char_of(n: IntRef<'_>) -> Result<char, NumError> {
    let v = n
        .to_i64()
        .ok_or_else(|| NumError::overflow("Python int too large to convert to C long"))?;
    if !(0..=0x10ffff).contains(&v) {
        return Err(NumError::overflow("%c arg not in range(0x110000)"));
    }
    // Lone surrogates are valid Python str characters but not Rust chars.
    char::from_u32(v as u32)
        .ok_or_else(|| NumError::value("surrogate code points are not supported in this build"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        let cases: &[(i64, &str, &str)] = &[
            (5, "", "5"),
            (-5, "", "-5"),
            (255, "x", "ff"),
            (255, "#X", "0XFF"),
            (255, "#010x", "0x000000ff"),
            (-255, "#010b", "-0b11111111"),
            (1234567, ",", "1,234,567"),
            (1234567, "_", "1_234_567"),
            (0x123456, "_x", "12_3456"),
            (5, "_b", "101"),
            (1234, "010,", "00,001,234"),
            (1234, "09,", "0,001,234"),
            (65, "c", "A"),
            (65, "05c", "0000A"),
            (65, "^5c", "  A  "),
            (-1, "c", "%c arg not in range(0x110000)"),
            (0x110000, "c", "%c arg not in range(0x110000)"),
            (
                5,
                "+c",
                "Sign not allowed with integer format specifier 'c'",
            ),
            (
                5,
                "#c",
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ),
            (5, ".2", "Precision not allowed in integer format specifier"),
            (5, ".2f", "5.00"),
            (
                5,
                "z",
                "Negative zero coercion (z) not allowed in integer format specifier",
            ),
            (5, "z.2f", "5.00"),
            (5, "%", "500.000000%"),
            (5, "s", "Unknown format code 's' for object of type 'int'"),
            (5, ",c", "Cannot specify ',' with 'c'."),
            (5, ",x", "Cannot specify ',' with 'x'."),
            (5, "a=+#010,.3f", "+aaaa5.000"),
            (5, "x=010", "xxxxxxxxx5"),
            (5, " ", " 5"),
            (-5, " ", "-5"),
            (5, "+", "+5"),
            (-5, "=+5", "-   5"),
            (1234, "n", "1234"),
            (-1234, "08n", "-0001234"),
            (i64::MIN, "x", "-8000000000000000"),
            (i64::MIN, "", "-9223372036854775808"),
            (5, "^^5", "^^5^^"),
            (1, "e", "1.000000e+00"),
            (255, "#o", "0o377"),
            (10, "_o", "12"),
            (
                1 << 40,
                "_b",
                "1_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000",
            ),
        ];
        for &(n, spec, want) in cases {
            let got = format_i64(n, spec).unwrap_or_else(|e| e.message);
            assert_eq!(got, want, "{n} {spec:?}");
            let got = format_int(&BigInt::from(n), spec).unwrap_or_else(|e| e.message);
            assert_eq!(got, want, "big {n} {spec:?}");
        }
        let p = |e: usize| num_traits::pow(BigInt::from(10), e);
        assert_eq!(format_int(&p(20), "e").as_deref(), Ok("1.000000e+20"));
        assert_eq!(
            format_int(&p(400), "e").map_err(|e| e.message),
            Err("int too large to convert to float".into())
        );
        assert!(format_int(&p(5000), "d").is_err());
        assert!(format_int(&p(5000), "x").is_ok());
        assert_eq!(
            format_int(&p(30), "c").map_err(|e| e.message),
            Err("Python int too large to convert to C long".into())
        );
    }
}
