//! Python values of literal constants, just enough for the compiler's duplicate-key check in
//! mapping patterns: equality as Python's `set` sees it (`1 == 1.0 == True`) and `repr`.

use crate::syntax::ast::{Constant, Expr, ExprKind, Int, Operator, UnaryOp};
use num_bigint::BigInt;
use num_traits::{FromPrimitive, ToPrimitive, Zero};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum PyConst {
    None,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
    Str(String),
    Bytes(Vec<u8>),
    Ellipsis,
}

impl PyConst {
    fn from_constant(c: &Constant) -> PyConst {
        match c {
            Constant::None => PyConst::None,
            Constant::Bool(b) => PyConst::Bool(*b),
            Constant::Ellipsis => PyConst::Ellipsis,
            Constant::Int(Int::Small(i)) => PyConst::Int(BigInt::from(*i)),
            Constant::Int(Int::Big(b)) => PyConst::Int((**b).clone()),
            Constant::Float(f) => PyConst::Float(*f),
            Constant::Complex(im) => PyConst::Complex(0.0, *im),
            Constant::Str(s) => PyConst::Str(s.clone()),
            Constant::Bytes(b) => PyConst::Bytes(b.clone()),
        }
    }

    /// The constant an expression folds to, as CPython's AST optimizer folds pattern
    /// values: literals, negated numbers, and `real ± imaginary`.
    pub(crate) fn fold(e: &Expr) -> Option<PyConst> {
        match &e.kind {
            ExprKind::Constant { value, .. } => Some(PyConst::from_constant(value)),
            ExprKind::UnaryOp {
                op: UnaryOp::USub,
                operand,
            } => match PyConst::fold(operand)? {
                PyConst::Int(i) => Some(PyConst::Int(-i)),
                PyConst::Float(f) => Some(PyConst::Float(-f)),
                PyConst::Complex(re, im) => Some(PyConst::Complex(-re, -im)),
                _ => None,
            },
            ExprKind::BinOp { left, op, right } if matches!(op, Operator::Add | Operator::Sub) => {
                let re = match PyConst::fold(left)? {
                    PyConst::Int(i) => i.to_f64()?,
                    PyConst::Float(f) => f,
                    _ => return None,
                };
                let PyConst::Complex(r2, im) = PyConst::fold(right)? else {
                    return None;
                };
                Some(if *op == Operator::Add {
                    PyConst::Complex(re + r2, im)
                } else {
                    PyConst::Complex(re - r2, -im)
                })
            }
            _ => None,
        }
    }

    /// The value as a complex number, for numeric comparison.
    fn numeric(&self) -> Option<Numeric> {
        match self {
            PyConst::Bool(b) => Some(Numeric::Int(BigInt::from(*b as u8))),
            PyConst::Int(i) => Some(Numeric::Int(i.clone())),
            PyConst::Float(f) => Some(Numeric::Float(*f, 0.0)),
            PyConst::Complex(re, im) => Some(Numeric::Float(*re, *im)),
            _ => None,
        }
    }

    /// `a == b` for set membership (NaN is never equal: each literal is its own object).
    pub(crate) fn py_eq(&self, other: &PyConst) -> bool {
        if let (Some(a), Some(b)) = (self.numeric(), other.numeric()) {
            return a.eq(&b);
        }
        match (self, other) {
            (PyConst::None, PyConst::None) | (PyConst::Ellipsis, PyConst::Ellipsis) => true,
            (PyConst::Str(a), PyConst::Str(b)) => a == b,
            (PyConst::Bytes(a), PyConst::Bytes(b)) => a == b,
            _ => false,
        }
    }

    pub(crate) fn repr(&self) -> String {
        match self {
            PyConst::None => "None".into(),
            PyConst::Bool(true) => "True".into(),
            PyConst::Bool(false) => "False".into(),
            PyConst::Ellipsis => "Ellipsis".into(),
            PyConst::Int(i) => i.to_string(),
            PyConst::Float(f) => float_repr(*f, true),
            PyConst::Complex(re, im) => {
                if *re == 0.0 && re.is_sign_positive() {
                    format!("{}j", float_repr(*im, false))
                } else {
                    let imag = float_repr(*im, false);
                    let sign = if imag.starts_with('-') { "" } else { "+" };
                    format!("({}{sign}{imag}j)", float_repr(*re, false))
                }
            }
            PyConst::Str(s) => str_repr(s),
            PyConst::Bytes(b) => bytes_repr(b),
        }
    }
}

enum Numeric {
    Int(BigInt),
    Float(f64, f64),
}

impl Numeric {
    fn eq(&self, other: &Numeric) -> bool {
        match (self, other) {
            (Numeric::Int(a), Numeric::Int(b)) => a == b,
            (Numeric::Float(a, ai), Numeric::Float(b, bi)) => a == b && ai == bi,
            (Numeric::Int(i), Numeric::Float(f, im)) | (Numeric::Float(f, im), Numeric::Int(i)) => {
                *im == 0.0
                    && f.is_finite()
                    && f.fract() == 0.0
                    && BigInt::from_f64(*f).is_some_and(|g| g == *i)
            }
        }
    }
}

/// Python's `repr(float)`: shortest round-trip digits, fixed notation for decimal exponents
/// in -4..16, scientific otherwise; `dot_zero` adds the `.0` of integral values (complex
/// parts omit it).
pub(crate) fn float_repr(f: f64, dot_zero: bool) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if negative { "-" } else { "" };
    if f.is_zero() {
        return format!("{sign}0{}", if dot_zero { ".0" } else { "" });
    }
    if (-4..16).contains(&exp) {
        let point = exp + 1;
        let body = if point <= 0 {
            format!("0.{}{digits}", "0".repeat((-point) as usize))
        } else if point as usize >= digits.len() {
            let zeros = "0".repeat(point as usize - digits.len());
            format!("{digits}{zeros}{}", if dot_zero { ".0" } else { "" })
        } else {
            format!(
                "{}.{}",
                &digits[..point as usize],
                &digits[point as usize..]
            )
        };
        format!("{sign}{body}")
    } else {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{frac}e{esign}{:02}", exp.abs())
    }
}

fn quote_for(has_single: bool, has_double: bool) -> char {
    if has_single && !has_double {
        '"'
    } else {
        '\''
    }
}

pub(crate) fn str_repr(s: &str) -> String {
    let quote = quote_for(s.contains('\''), s.contains('"'));
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa1).contains(&(c as u32)) || c == '\u{ad}' => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

pub(crate) fn bytes_repr(b: &[u8]) -> String {
    let quote = quote_for(b.contains(&b'\''), b.contains(&b'"'));
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(byte as char),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        let cases: &[(f64, &str)] = &[
            (1.5, "1.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (-0.0, "-0.0"),
            (0.1, "0.1"),
            (123.456, "123.456"),
            (1.2345678901234568e16, "1.2345678901234568e+16"),
            (1e300, "1e+300"),
            (2.0, "2.0"),
            (f64::INFINITY, "inf"),
        ];
        for &(f, want) in cases {
            assert_eq!(float_repr(f, true), want, "{f:?}");
        }
        assert_eq!(PyConst::Complex(1.0, 2.0).repr(), "(1+2j)");
        assert_eq!(PyConst::Complex(0.0, 2.0).repr(), "2j");
        assert_eq!(PyConst::Complex(-1.0, -2.5).repr(), "(-1-2.5j)");
    }

    #[test]
    fn reprs_and_equality() {
        assert_eq!(str_repr("a"), "'a'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a'\"\n"), "'a\\'\"\\n'");
        assert_eq!(bytes_repr(b"x\x00'"), "b\"x\\x00'\"");
        assert!(PyConst::Bool(true).py_eq(&PyConst::Int(BigInt::from(1))));
        assert!(PyConst::Float(-0.0).py_eq(&PyConst::Int(BigInt::from(0))));
        assert!(PyConst::Complex(1.0, 0.0).py_eq(&PyConst::Float(1.0)));
        assert!(!PyConst::Str("1".into()).py_eq(&PyConst::Int(BigInt::from(1))));
        assert!(!PyConst::Float(f64::NAN).py_eq(&PyConst::Float(f64::NAN)));
    }
}
