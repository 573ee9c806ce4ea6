//! `PyOS_double_to_string`: lays out the digits of a double for the `e`, `f`, `g` and `r`
//! (repr) codes with CPython's rules (exponent at least two digits, `repr` switches to an
//! exponent below 1e-4 and from 1e16, `g` drops trailing zeros unless `#`).

use super::digits::{self, Decimal};

/// The `Py_DTSF_*` flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DtoaFlags {
    /// Always emit a sign (`+` for non-negative numbers, including `+inf`/`+nan`).
    pub sign: bool,
    /// Integers in non-exponent form get `.0` (repr, and `format` with no type).
    pub add_dot_0: bool,
    /// The `#` alternate form: keep the decimal point and `g`'s trailing zeros.
    pub alt: bool,
    /// The `z` option: a result that reads as zero loses its minus sign.
    pub no_neg_0: bool,
}

/// `repr(x)` (and `str(x)`, identical since 3.2).
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        'r',
        0,
        DtoaFlags {
            add_dot_0: true,
            ..DtoaFlags::default()
        },
    )
}

/// `str(x)`; the same as [`float_repr`].
pub fn float_str(x: f64) -> String {
    float_repr(x)
}

/// `PyOS_double_to_string(x, code, precision, flags)` for `code` in `eEfFgGr`; `precision` is
/// ignored for `r`. Any other code is treated as `r`.
pub fn double_to_string(x: f64, code: char, precision: usize, flags: DtoaFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut out = String::new();
    if !x.is_finite() {
        if x.is_infinite() && x < 0.0 {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        out.push_str(match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return out;
    }
    let (decimal, precision) = match code {
        'e' => {
            let p = precision.saturating_add(1);
            (digits::significant(x, p), p)
        }
        'f' => (digits::fixed(x, precision), precision),
        'g' => {
            let p = precision.max(1);
            (digits::significant(x, p), p)
        }
        _ => (digits::shortest(x), 0),
    };
    layout(&mut out, &decimal, code, precision, flags, upper);
    out
}

/// The second half of CPython's `format_float_short`: places `decimal` in a "virtual" digit
/// string padded with zeros on both sides and emits the slice the code asks for.
fn layout(
    out: &mut String,
    d: &Decimal,
    code: char,
    precision: usize,
    flags: DtoaFlags,
    upper: bool,
) {
    let digits = &d.digits;
    let digits_len = digits.len() as i64;
    let precision = precision as i64;
    let mut decpt = d.decpt;
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    let floor = if !use_exp && flags.add_dot_0 {
        decpt + 1
    } else {
        decpt
    };
    vdigits_end = vdigits_end.max(floor);

    let negative = d.negative && !(flags.no_neg_0 && d.is_zero());
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let zeros = |out: &mut String, n: i64| out.extend(std::iter::repeat_n('0', n.max(0) as usize));
    let text = |out: &mut String, bytes: &[u8]| out.extend(bytes.iter().map(|&b| b as char));
    if decpt <= 0 {
        zeros(out, decpt - vdigits_start);
        out.push('.');
        zeros(out, -decpt);
    } else {
        zeros(out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        text(out, &digits[..decpt as usize]);
        out.push('.');
        text(out, &digits[decpt as usize..]);
    } else {
        text(out, digits);
    }
    if digits_len < decpt {
        zeros(out, decpt - digits_len);
        out.push('.');
        zeros(out, vdigits_end - decpt);
    } else {
        zeros(out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let mag = exp.unsigned_abs();
        if mag < 10 {
            out.push('0');
        }
        out.push_str(&mag.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_cases() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (2e16 + 8.0, "2.000000000000001e+16"),
            (0.30000000000000004, "0.30000000000000004"),
            (1.5, "1.5"),
            (-2.5e-7, "-2.5e-07"),
            (9999999999999998.0, "9999999999999998.0"),
        ];
        for &(x, want) in cases {
            assert_eq!(float_repr(x), want, "{x:e}");
        }
    }

    #[test]
    fn codes() {
        let f = DtoaFlags::default();
        let alt = DtoaFlags { alt: true, ..f };
        let cases: &[(f64, char, usize, DtoaFlags, &str)] = &[
            (2.675, 'f', 2, f, "2.67"),
            (0.125, 'f', 2, f, "0.12"),
            (1.0, 'e', 6, f, "1.000000e+00"),
            (1e-300, 'E', 2, f, "1.00E-300"),
            (1.0, 'g', 6, f, "1"),
            (1.0, 'g', 6, alt, "1.00000"),
            (1.0, 'f', 0, alt, "1."),
            (1.0, 'f', 0, f, "1"),
            (123456.0, 'g', 3, f, "1.23e+05"),
            (0.0001, 'g', 6, f, "0.0001"),
            (0.00001, 'g', 6, f, "1e-05"),
            (0.0, 'g', 0, f, "0"),
            (f64::NAN, 'F', 2, DtoaFlags { sign: true, ..f }, "+NAN"),
            (-0.0001, 'f', 2, f, "-0.00"),
            (
                -0.0001,
                'f',
                2,
                DtoaFlags {
                    no_neg_0: true,
                    ..f
                },
                "0.00",
            ),
            (
                100.0,
                'g',
                3,
                DtoaFlags {
                    add_dot_0: true,
                    ..f
                },
                "1e+02",
            ),
            (
                1.5,
                'g',
                3,
                DtoaFlags {
                    add_dot_0: true,
                    ..f
                },
                "1.5",
            ),
            (
                10.0,
                'g',
                3,
                DtoaFlags {
                    add_dot_0: true,
                    ..f
                },
                "10.0",
            ),
        ];
        for &(x, code, p, flags, want) in cases {
            assert_eq!(
                double_to_string(x, code, p, flags),
                want,
                "{x} {code} {p} {flags:?}"
            );
        }
    }
}
