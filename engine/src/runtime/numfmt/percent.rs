//! The core of printf-style `%` formatting for numbers (CPython's `formatlong`,
//! `formatfloat`, `formatchar` and `unicode_format_arg_output`). The VM parses the format
//! string, fetches arguments (tuple/dict, `*` widths) and handles `%s`/`%r`/`%a` itself,
//! using [`percent_pad_str`] for their width/precision.

use super::dtoa::{double_to_string, DtoaFlags};
use super::error::{NumError, NumErrorKind};
use super::format_int::{char_of, magnitude_digits};
use super::format_str::truncate;
use super::int_value::IntRef;
use super::layout::check_width;
use super::to_float::{float_to_int, int_to_float};

/// The conversion flags: `-`, `+`, ` `, `#`, `0`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PercentFlags {
    pub left: bool,
    pub sign: bool,
    pub space: bool,
    pub alt: bool,
    pub zero: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PercentSpec {
    pub flags: PercentFlags,
    pub width: Option<usize>,
    pub precision: Option<usize>,
}

/// The argument of a numeric conversion, already unwrapped by the VM (`__index__`,
/// `__float__`, `__int__` are its business).
#[derive(Clone, Copy, Debug)]
pub enum PercentValue<'a> {
    Int(IntRef<'a>),
    Float(f64),
    /// A one-character str, for `%c`.
    Char(char),
}

/// Formats one `%` conversion `conv` (`d i u o x X e E f F g G c %`). `max_digits` is the
/// int→str digit limit for decimal conversions (0 = unlimited). Type errors carry CPython's
/// messages (e.g. "%x format: an integer is required, not float"); for other wrong types
/// the VM produces the message itself.
pub fn percent_format_number(
    conv: char,
    spec: &PercentSpec,
    value: PercentValue<'_>,
    max_digits: usize,
) -> Result<String, NumError> {
    check_width(spec.width)?;
    let text = match conv {
        '%' => return Ok("%".to_owned()),
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let owned;
            let n = match value {
                PercentValue::Int(n) => n,
                PercentValue::Float(x) if matches!(conv, 'd' | 'i' | 'u') => {
                    owned = float_to_int(x)?;
                    IntRef::from(&owned)
                }
                PercentValue::Float(_) => {
                    return Err(NumError::new(
                        NumErrorKind::TypeError,
                        format!("%{conv} format: an integer is required, not float"),
                    ))
                }
                PercentValue::Char(_) => {
                    let what = if matches!(conv, 'd' | 'i' | 'u') {
                        "a real number"
                    } else {
                        "an integer"
                    };
                    return Err(NumError::new(
                        NumErrorKind::TypeError,
                        format!("%{conv} format: {what} is required, not str"),
                    ));
                }
            };
            format_long(conv, spec, n, max_digits)?
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = match value {
                PercentValue::Float(x) => x,
                PercentValue::Int(IntRef::Small(v)) => v as f64,
                PercentValue::Int(IntRef::Big(b)) => int_to_float(b)?,
                PercentValue::Char(_) => {
                    return Err(NumError::new(
                        NumErrorKind::TypeError,
                        "must be real number, not str",
                    ))
                }
            };
            let precision = spec.precision.unwrap_or(6);
            if precision > i32::MAX as usize {
                return Err(NumError::value("precision too big"));
            }
            double_to_string(
                x,
                conv,
                precision,
                DtoaFlags {
                    alt: spec.flags.alt,
                    ..DtoaFlags::default()
                },
            )
        }
        'c' => {
            let c = match value {
                PercentValue::Char(c) => c,
                PercentValue::Int(n) => char_of(n)?,
                PercentValue::Float(_) => {
                    return Err(NumError::new(
                        NumErrorKind::TypeError,
                        "%c requires int or char",
                    ))
                }
            };
            return Ok(pad_plain(&c.to_string(), 1, spec));
        }
        _ => {
            return Err(NumError::value(format!(
                "unsupported format character '{conv}' (0x{:x})",
                conv as u32
            )));
        }
    };
    Ok(output_number(conv, &text, spec))
}

/// `%s`/`%r`/`%a` after the VM has produced the text: precision truncates, width pads with
/// spaces (on the right with `-`).
pub fn percent_pad_str(text: &str, spec: &PercentSpec) -> Result<String, NumError> {
    check_width(spec.width)?;
    let (text, len) = truncate(text, spec.precision);
    Ok(pad_plain(text, len, spec))
}

fn pad_plain(text: &str, len: usize, spec: &PercentSpec) -> String {
    let pad = spec.width.unwrap_or(0).saturating_sub(len);
    let mut out = String::with_capacity(text.len() + pad);
    if !spec.flags.left {
        out.extend(std::iter::repeat_n(' ', pad));
    }
    out.push_str(text);
    if spec.flags.left {
        out.extend(std::iter::repeat_n(' ', pad));
    }
    out
}

/// `_PyUnicode_FormatLong`: `[-][0x]` then the digits, zero-extended to `precision`.
fn format_long(
    conv: char,
    spec: &PercentSpec,
    n: IntRef<'_>,
    max_digits: usize,
) -> Result<String, NumError> {
    let base = match conv {
        'o' => 8,
        'x' | 'X' => 16,
        _ => 10,
    };
    let digits = magnitude_digits(n, base, max_digits)?;
    let mut out = String::with_capacity(digits.len() + 4);
    if n.is_negative() {
        out.push('-');
    }
    if spec.flags.alt && base != 10 {
        out.push('0');
        out.push(if base == 8 { 'o' } else { 'x' });
    }
    let precision = spec.precision.unwrap_or(0);
    out.extend(std::iter::repeat_n(
        '0',
        precision.saturating_sub(digits.len()),
    ));
    out.push_str(&digits);
    if conv == 'X' {
        out.make_ascii_uppercase();
    }
    Ok(out)
}

/// `unicode_format_arg_output` for numbers: sign flags, then zero or space padding around
/// the sign and the `0x`/`0o` prefix.
fn output_number(conv: char, text: &str, spec: &PercentSpec) -> String {
    let flags = spec.flags;
    let fill = if flags.zero { '0' } else { ' ' };
    let (sign, body) = match text.as_bytes().first() {
        Some(b'-') => (Some('-'), &text[1..]),
        Some(b'+') => (Some('+'), &text[1..]),
        _ if flags.sign => (Some('+'), text),
        _ if flags.space => (Some(' '), text),
        _ => (None, text),
    };
    let has_prefix = flags.alt && matches!(conv, 'x' | 'X' | 'o');
    let (prefix, body) = if has_prefix {
        body.split_at(2.min(body.len()))
    } else {
        ("", body)
    };
    let len = sign.is_some() as usize + prefix.len() + body.len();
    let pad = spec.width.unwrap_or(0).saturating_sub(len);
    let mut out = String::with_capacity(len + pad);
    if flags.left {
        out.extend(sign);
        out.push_str(prefix);
        out.push_str(body);
        out.extend(std::iter::repeat_n(' ', pad));
    } else if fill == '0' {
        out.extend(sign);
        out.push_str(prefix);
        out.extend(std::iter::repeat_n('0', pad));
        out.push_str(body);
    } else {
        out.extend(std::iter::repeat_n(' ', pad));
        out.extend(sign);
        out.push_str(prefix);
        out.push_str(body);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigInt;

    fn spec(s: &str) -> (char, PercentSpec) {
        let mut p = PercentSpec::default();
        let mut chars = s.chars().peekable();
        while let Some(&c) = chars.peek() {
            match c {
                '-' => p.flags.left = true,
                '+' => p.flags.sign = true,
                ' ' => p.flags.space = true,
                '#' => p.flags.alt = true,
                '0' => p.flags.zero = true,
                _ => break,
            }
            chars.next();
        }
        let rest: String = chars.collect();
        let conv = rest.chars().last().unwrap_or('%');
        let body = &rest[..rest.len() - conv.len_utf8()];
        let (w, pr) = body
            .split_once('.')
            .map_or((body, None), |(w, p)| (w, Some(p)));
        p.width = w.parse().ok();
        p.precision = pr.map(|p| p.parse().unwrap_or(0));
        (conv, p)
    }

    #[test]
    fn cases() {
        let i = |v: i64| PercentValue::Int(IntRef::Small(v));
        let f = PercentValue::Float;
        let cases: Vec<(&str, PercentValue, &str)> = vec![
            ("-05d", i(-3), "-3   "),
            ("#x", i(0), "0x0"),
            ("#5X", i(255), " 0XFF"),
            ("#05x", i(255), "0x0ff"),
            ("+#o", i(8), "+0o10"),
            (" 08.3d", i(5), " 0000005"),
            (".3x", i(-5), "-005"),
            ("#.3x", i(-5), "-0x005"),
            ("c", i(65), "A"),
            ("5c", i(65), "    A"),
            ("-5c", PercentValue::Char('a'), "a    "),
            ("c", i(0x110000), "%c arg not in range(0x110000)"),
            ("c", f(1.5), "%c requires int or char"),
            ("x", f(1.5), "%x format: an integer is required, not float"),
            ("d", f(1.9), "1"),
            ("d", f(-1e20), "-100000000000000000000"),
            ("d", f(f64::NAN), "cannot convert float NaN to integer"),
            ("f", f(2.675), "2.675000"),
            (".2f", f(2.675), "2.67"),
            ("#.0e", f(1.0), "1.e+00"),
            ("g", f(1e16), "1e+16"),
            ("G", f(f64::NAN), "NAN"),
            ("+F", f(f64::INFINITY), "+INF"),
            ("010.2f", f(-1.5), "-000001.50"),
            ("-010.2f", f(-1.5), "-1.50     "),
            (" f", f(1.0), " 1.000000"),
            ("+ d", i(5), "+5"),
            (".0f", f(0.5), "0"),
            ("u", i(-3), "-3"),
            ("o", i(-8), "-10"),
            ("#o", i(-8), "-0o10"),
            ("%", i(0), "%"),
            ("e", i(10), "1.000000e+01"),
            ("010x", i(-255), "-0000000ff"),
            ("#010x", i(-255), "-0x00000ff"),
            ("#10x", i(-255), "     -0xff"),
        ];
        for (s, v, want) in cases {
            let (conv, p) = spec(s);
            let got = percent_format_number(conv, &p, v, 4300).unwrap_or_else(|e| e.message);
            assert_eq!(got, want, "%{s}");
        }
        let big = num_traits::pow(BigInt::from(10), 400);
        let (conv, p) = spec("e");
        assert_eq!(
            percent_format_number(conv, &p, PercentValue::Int(IntRef::Big(&big)), 4300)
                .map_err(|e| e.message),
            Err("int too large to convert to float".to_owned())
        );
        let (_, p) = spec("5.1s");
        assert_eq!(percent_pad_str("abc", &p).as_deref(), Ok("    a"));
    }
}
