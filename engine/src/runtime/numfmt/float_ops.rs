//! Float arithmetic whose edge cases Python defines itself (CPython's floatobject.c):
//! `/`, `//`, `%`, `divmod` with Python's sign rules, `**`, `round`, `as_integer_ratio`,
//! `is_integer`.

use super::error::NumError;
use super::int_value::IntValue;
use super::to_float::float_to_int;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};

/// `x / y`.
pub fn float_div(x: f64, y: f64) -> Result<f64, NumError> {
    if y == 0.0 {
        return Err(NumError::zero_division("float division by zero"));
    }
    Ok(x / y)
}

/// `_float_div_mod`: the floor quotient snapped to an integral value and the remainder with
/// the sign of the divisor. `y` must be nonzero.
fn div_mod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

/// `x // y`.
pub fn float_floordiv(x: f64, y: f64) -> Result<f64, NumError> {
    if y == 0.0 {
        return Err(NumError::zero_division("float floor division by zero"));
    }
    Ok(div_mod(x, y).0)
}

/// `x % y` (the result has the sign of `y`; `math.fmod` is Rust's `%`).
pub fn float_mod(x: f64, y: f64) -> Result<f64, NumError> {
    if y == 0.0 {
        return Err(NumError::zero_division("float modulo"));
    }
    let mut m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    Ok(m)
}

/// `divmod(x, y)`.
pub fn float_divmod(x: f64, y: f64) -> Result<(f64, f64), NumError> {
    if y == 0.0 {
        return Err(NumError::zero_division("float divmod()"));
    }
    Ok(div_mod(x, y))
}

/// The result of `float ** float`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FloatPow {
    Float(f64),
    /// A negative base to a non-integral power: CPython computes it as a complex power.
    NeedsComplex,
}

fn is_odd_integer(x: f64) -> bool {
    x.abs() % 2.0 == 1.0
}

/// `x ** y` with CPython's special cases, "0.0 cannot be raised to a negative power" and
/// the errno-style overflow message.
pub fn float_pow(x: f64, y: f64) -> Result<FloatPow, NumError> {
    use FloatPow::Float;
    if y == 0.0 {
        return Ok(Float(1.0));
    }
    if x.is_nan() {
        return Ok(Float(x));
    }
    if y.is_nan() {
        return Ok(Float(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(Float(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            f64::INFINITY
        } else {
            0.0
        }));
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(Float(if y > 0.0 {
            if odd {
                x
            } else {
                x.abs()
            }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(NumError::zero_division(
                "0.0 cannot be raised to a negative power",
            ));
        }
        return Ok(Float(if is_odd_integer(y) { x } else { 0.0 }));
    }
    let mut base = x;
    let mut negate = false;
    if x < 0.0 {
        if y != y.floor() {
            return Ok(FloatPow::NeedsComplex);
        }
        base = -x;
        negate = is_odd_integer(y);
    }
    if base == 1.0 {
        return Ok(Float(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return Err(NumError::overflow("(34, 'Numerical result out of range')"));
    }
    Ok(Float(if negate { -r } else { r }))
}

/// `round(x)`: half-even to an int.
pub fn float_round_to_int(x: f64) -> Result<IntValue, NumError> {
    float_to_int(x.round_ties_even())
}

/// `round(x, ndigits)`: correctly rounded through the exact decimal value, half-even
/// (`round(2.675, 2) == 2.67`).
pub fn float_round(x: f64, ndigits: i64) -> Result<f64, NumError> {
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let magnitude = if ndigits >= 0 {
        let text = format!("{:.*}", ndigits as usize, x.abs());
        text.parse::<f64>().unwrap_or(f64::INFINITY)
    } else {
        // Round |x| / 10**k to an integer exactly, then scale back up.
        let k = (-ndigits) as usize;
        let (m, e) = mantissa_exponent(x.abs());
        let ten_k = num_traits::pow(BigInt::from(10), k);
        let (num, den) = if e >= 0 {
            (BigInt::from(m) << e as u64, ten_k)
        } else {
            (BigInt::from(m), ten_k << (-e) as u64)
        };
        let (mut q, r) = num.div_rem(&den);
        let twice: BigInt = r << 1u32;
        if twice > den || (twice == den && q.is_odd()) {
            q += 1;
        }
        if q.is_zero() {
            0.0
        } else {
            format!("{q}e{k}").parse::<f64>().unwrap_or(f64::INFINITY)
        }
    };
    if magnitude.is_infinite() {
        return Err(NumError::overflow("rounded value too large to represent"));
    }
    Ok(magnitude.copysign(x))
}

/// `|x| = m · 2**e` with an integer `m` (finite `x`).
fn mantissa_exponent(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    }
}

/// `x.as_integer_ratio()`: the exact value as a reduced fraction with positive denominator.
pub fn float_as_integer_ratio(x: f64) -> Result<(BigInt, BigInt), NumError> {
    if x.is_infinite() {
        return Err(NumError::overflow(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x.is_nan() {
        return Err(NumError::value("cannot convert NaN to integer ratio"));
    }
    let (m, e) = mantissa_exponent(x);
    let sign = |v: BigInt| if x < 0.0 { -v } else { v };
    if m == 0 {
        return Ok((BigInt::zero(), BigInt::from(1)));
    }
    if e >= 0 {
        return Ok((sign(BigInt::from(m) << e as u64), BigInt::from(1)));
    }
    let shift = (m.trailing_zeros() as i64).min(-e);
    let num = BigInt::from(m >> shift);
    let den = BigInt::from(1) << (-e - shift) as u64;
    debug_assert!(den.is_positive());
    Ok((sign(num), den))
}

/// `x.is_integer()`.
pub fn float_is_integer(x: f64) -> bool {
    x.is_finite() && x.fract() == 0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::numfmt::float_repr;

    fn r(v: Result<f64, NumError>) -> String {
        v.map(float_repr).unwrap_or_else(|e| e.message)
    }

    #[test]
    fn division() {
        let inf = f64::INFINITY;
        let cases: &[(f64, f64, &str, &str)] = &[
            (-7.5, 2.0, "-4.0", "0.5"),
            (7.5, -2.0, "-4.0", "-0.5"),
            (-0.0, 5.0, "-0.0", "0.0"),
            (0.0, -5.0, "-0.0", "-0.0"),
            (1e308, 1e-308, "inf", "3.498445546245627e-309"),
            (inf, 1.0, "nan", "nan"),
            (1.0, inf, "0.0", "1.0"),
            (-1.0, inf, "-1.0", "inf"),
            (5.0, 0.0, "float floor division by zero", "float modulo"),
        ];
        for &(x, y, q, m) in cases {
            assert_eq!(r(float_floordiv(x, y)), q, "{x} // {y}");
            assert_eq!(r(float_mod(x, y)), m, "{x} % {y}");
        }
        assert_eq!(
            float_divmod(1.0, 0.0).map_err(|e| e.message),
            Err("float divmod()".into())
        );
        assert_eq!(r(float_div(1.0, 0.0)), "float division by zero");
    }

    #[test]
    fn power() {
        let p = |x: f64, y: f64| match float_pow(x, y) {
            Ok(FloatPow::Float(v)) => float_repr(v),
            Ok(FloatPow::NeedsComplex) => "complex".to_owned(),
            Err(e) => e.message,
        };
        let inf = f64::INFINITY;
        let cases: &[(f64, f64, &str)] = &[
            (0.0, -1.0, "0.0 cannot be raised to a negative power"),
            (10.0, 400.0, "(34, 'Numerical result out of range')"),
            (-8.0, 1.0 / 3.0, "complex"),
            (10.0, -400.0, "0.0"),
            (-10.0, 401.0, "(34, 'Numerical result out of range')"),
            (-2.0, 3.0, "-8.0"),
            (-2.0, 2.0, "4.0"),
            (f64::NAN, 0.0, "1.0"),
            (1.0, f64::NAN, "1.0"),
            (-1.0, inf, "1.0"),
            (0.5, inf, "0.0"),
            (2.0, -inf, "0.0"),
            (-inf, 3.0, "-inf"),
            (-inf, -3.0, "-0.0"),
            (-inf, 2.0, "inf"),
            (-0.0, 3.0, "-0.0"),
            (-0.0, 2.0, "0.0"),
            (-1.0, 1e300, "1.0"),
            (2.0, 0.5, "1.4142135623730951"),
        ];
        for &(x, y, want) in cases {
            assert_eq!(p(x, y), want, "{x} ** {y}");
        }
    }

    #[test]
    fn rounding() {
        let cases: &[(f64, i64, &str)] = &[
            (2.675, 2, "2.67"),
            (0.125, 2, "0.12"),
            (0.375, 2, "0.38"),
            (-0.4, 0, "-0.0"),
            (5.5, -1, "10.0"),
            (15.0, -1, "20.0"),
            (25.0, -1, "20.0"),
            (4.9, -1, "0.0"),
            (-25.0, -1, "-20.0"),
            (1.5, 400, "1.5"),
            (123.0, -400, "0.0"),
            (
                1.7976931348623157e308,
                -308,
                "rounded value too large to represent",
            ),
            (1e300, -299, "1e+300"),
            (5e-324, 323, "0.0"),
            (f64::INFINITY, 2, "inf"),
            (0.5, 0, "0.0"),
            (1.5, 0, "2.0"),
        ];
        for &(x, n, want) in cases {
            assert_eq!(r(float_round(x, n)), want, "round({x}, {n})");
        }
        assert_eq!(float_round_to_int(0.5), Ok(IntValue::Small(0)));
        assert_eq!(float_round_to_int(1.5), Ok(IntValue::Small(2)));
        assert_eq!(float_round_to_int(-2.5), Ok(IntValue::Small(-2)));
        assert_eq!(
            float_round_to_int(f64::INFINITY).map_err(|e| e.message),
            Err("cannot convert float infinity to integer".into())
        );
    }

    #[test]
    fn ratios() {
        let ratio = |x: f64| {
            float_as_integer_ratio(x)
                .map(|(n, d)| format!("{n}/{d}"))
                .unwrap_or_else(|e| e.message)
        };
        assert_eq!(ratio(0.5), "1/2");
        assert_eq!(ratio(-0.75), "-3/4");
        assert_eq!(ratio(0.0), "0/1");
        assert_eq!(ratio(1e20), "100000000000000000000/1");
        assert_eq!(ratio(0.1), "3602879701896397/36028797018963968");
        assert_eq!(ratio(f64::NAN), "cannot convert NaN to integer ratio");
        assert!(
            float_is_integer(2.0) && !float_is_integer(2.5) && !float_is_integer(f64::INFINITY)
        );
    }
}
