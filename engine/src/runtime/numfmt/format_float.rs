//! `format(x, spec)` for float (CPython's `format_float_internal`): types `e E f F g G n %`
//! and none, with sign, `z`, `#`, fill/alignment, zero padding and grouping.

use super::dtoa::{double_to_string, float_repr, DtoaFlags};
use super::error::NumError;
use super::layout::{check_width, layout_number, NumberLayout, NumberParts};
use super::spec::{unknown_code, Align, FormatSpec};

/// `format(x, spec)` / `float.__format__`.
pub fn format_float(x: f64, spec: &str) -> Result<String, NumError> {
    format_float_as(x, spec, "float")
}

/// As [`format_float`], naming `type_name` (a float subclass) in messages.
pub fn format_float_as(x: f64, spec: &str, type_name: &str) -> Result<String, NumError> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let f = FormatSpec::parse(spec, None, type_name)?;
    match f.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => format_float_spec(x, &f),
        Some(c) => Err(unknown_code(c, type_name)),
    }
}

/// Formats with an already parsed spec whose type is a float type (also used for ints
/// formatted with float types).
pub(crate) fn format_float_spec(x: f64, f: &FormatSpec) -> Result<String, NumError> {
    let precision = match f.precision {
        Some(p) if p > i32::MAX as usize => return Err(NumError::value("precision too big")),
        p => p,
    };
    check_width(f.width)?;
    let mut flags = DtoaFlags {
        alt: f.alternate,
        no_neg_0: f.no_neg_zero,
        ..DtoaFlags::default()
    };
    let mut code = f.ty.unwrap_or('r');
    let mut default_precision = 6;
    let mut value = x;
    if f.ty.is_none() {
        flags.add_dot_0 = true;
        default_precision = 0;
    }
    if code == 'n' {
        code = 'g';
    }
    let percent = code == '%';
    if percent {
        code = 'f';
        value *= 100.0;
    }
    let precision = match precision {
        None => default_precision,
        Some(p) => {
            if code == 'r' {
                code = 'g';
            }
            p
        }
    };
    let mut text = double_to_string(value, code, precision, flags);
    if percent {
        text.push('%');
    }
    let simple = !matches!(f.sign, Some('+' | ' '))
        && f.width.is_none()
        && f.ty != Some('n')
        && f.grouping.is_none();
    if simple {
        return Ok(text);
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let n_digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(n_digits);
    let (has_decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    // 'n' uses the C locale: no grouping.
    let grouping = match (f.ty, f.grouping) {
        (Some('n'), _) | (_, None) => None,
        (_, Some(g)) => Some((g.char(), 3)),
    };
    let layout = NumberLayout {
        fill: f.fill_char(),
        align: f.align_or(Align::Right),
        sign: f.sign,
        width: f.width.unwrap_or(0),
        grouping,
    };
    Ok(layout_number(
        &NumberParts {
            negative,
            prefix: "",
            digits,
            has_decimal,
            remainder,
        },
        &layout,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        let nan = f64::NAN;
        let cases: &[(f64, &str, &str)] = &[
            (1e16, "", "1e+16"),
            (1.5, ".3", "1.5"),
            (1e16, ".3", "1e+16"),
            (100.0, ".3", "1e+02"),
            (1234.0, ".3", "1.23e+03"),
            (12345678.9, ",.2f", "12,345,678.90"),
            (1.0, "#", "1.0"),
            (1.0, "#.0f", "1."),
            (1.0, "#g", "1.00000"),
            (1.0, "#.3", "1.00"),
            (nan, "010", "0000000nan"),
            (f64::NEG_INFINITY, "=+10", "-      inf"),
            (f64::INFINITY, "010,", "0000000inf"),
            (0.0001, ".3", "0.0001"),
            (123.0, ".0", "1e+02"),
            (1e22, "n", "1e+22"),
            (-0.0, "z", "0.0"),
            (-0.001, "z.1f", "0.0"),
            (-0.0, "+z", "+0.0"),
            (-1e-9, "z.2%", "0.00%"),
            (2.675, ".2f", "2.67"),
            (0.125, ".2f", "0.12"),
            (1.5, "010", "00000001.5"),
            (1234.5, "012,.1f", "00,001,234.5"),
            (-1234.5, "=12,.1f", "-    1,234.5"),
            (1234.5, "_e", "1.234500e+03"),
            (1e6, "_", "1_000_000.0"),
            (0.5, "%", "50.000000%"),
            (1.5, " ", " 1.5"),
            (-1.5, "^+9.2f", "  -1.50  "),
            (1.5, "x<6", "1.5xxx"),
            (
                1.5,
                "d",
                "Unknown format code 'd' for object of type 'float'",
            ),
            (1.5, ".2147483648f", "precision too big"),
            (1.5, "_n", "Cannot specify '_' with 'n'."),
            (1e300, ".2E", "1.00E+300"),
            (5e-324, "g", "4.94066e-324"),
            (123456.0, "G", "123456"),
            (1234567.0, "G", "1.23457E+06"),
            (1e-5, "", "1e-05"),
            (1.0, "F", "1.000000"),
            (f64::INFINITY, "F", "INF"),
        ];
        for &(x, spec, want) in cases {
            let got = format_float(x, spec).unwrap_or_else(|e| e.message);
            assert_eq!(got, want, "{x} {spec:?}");
        }
    }

    /// Any spec, however odd, gives a result or an error, never a panic.
    #[test]
    fn no_panics() {
        const ALPHABET: &[char] = &[
            '<',
            '>',
            '^',
            '=',
            '+',
            '-',
            ' ',
            'z',
            '#',
            '0',
            '1',
            '2',
            ',',
            '_',
            '.',
            'e',
            'f',
            'g',
            'n',
            '%',
            'x',
            'c',
            'd',
            's',
            '\u{663}',
            '\u{e9}',
            '\0',
            '\u{1f600}',
        ];
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 7) as usize;
            let spec: String = (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect();
            let x = f64::from_bits(next());
            let _ = format_float(x, &spec);
            let _ = crate::runtime::numfmt::format_i64(next() as i64, &spec);
            let _ = crate::runtime::numfmt::format_str("abc", &spec);
        }
    }
}
