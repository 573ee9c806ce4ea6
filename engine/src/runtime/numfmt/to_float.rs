//! Exact conversions between ints and floats: int→float and int/int correctly rounded
//! (half-even, subnormals included, as CPython's `PyLong_AsDouble` and `long_true_divide`),
//! and float→int truncation.

use super::error::NumError;
use super::int_value::IntValue;
use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{ToPrimitive, Zero};

/// 2**e as a double, for -1022 <= e <= 1023.
fn pow2(e: i64) -> f64 {
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// Rounds `(m + sticky·ε) · 2**exp2` to the nearest double, ties to even, where `sticky`
/// says nonzero bits were dropped below `m`'s last bit (callers give `m` at least 55 bits
/// then). `None` when the result overflows.
pub(crate) fn round_to_f64(m: &BigUint, exp2: i64, sticky: bool) -> Option<f64> {
    let bits = m.bits() as i64;
    if bits == 0 {
        return Some(0.0);
    }
    let top = bits + exp2;
    if top > 1024 {
        return None;
    }
    let lsb = (top - 53).max(-1074);
    let shift = lsb - exp2;
    let q: u64 = if shift <= 0 {
        (m << (-shift) as u64).to_u64()?
    } else {
        let shift = shift as u64;
        let mut q = (m >> shift).to_u64()?;
        let half_bit = m.bit(shift - 1);
        let below_half = sticky || m.trailing_zeros().is_some_and(|tz| tz < shift - 1);
        if half_bit && (below_half || q & 1 == 1) {
            q += 1;
        }
        q
    };
    let mut x = q as f64;
    let mut e = lsb;
    if e < -1022 {
        x *= pow2(-1022);
        e += 1022;
    }
    if e > 1023 {
        x *= pow2(1023);
        e -= 1023;
    }
    x *= pow2(e);
    x.is_finite().then_some(x)
}

/// `float(n)`: correctly rounded; "int too large to convert to float" past the double range.
pub fn int_to_float(n: &BigInt) -> Result<f64, NumError> {
    if let Some(v) = n.to_i64() {
        return Ok(v as f64);
    }
    let x = round_to_f64(n.magnitude(), 0, false)
        .ok_or_else(|| NumError::overflow("int too large to convert to float"))?;
    Ok(if n.sign() == Sign::Minus { -x } else { x })
}

/// `a / b` for ints: the correctly rounded quotient.
pub fn int_true_divide(a: &BigInt, b: &BigInt) -> Result<f64, NumError> {
    if b.is_zero() {
        return Err(NumError::zero_division("division by zero"));
    }
    const EXACT: u64 = 1 << 53;
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() <= EXACT && y.unsigned_abs() <= EXACT {
            return Ok(x as f64 / y as f64);
        }
    }
    let negative = (a.sign() == Sign::Minus) != (b.sign() == Sign::Minus);
    let signed = |x: f64| if negative { -x } else { x };
    let (na, nb) = (a.magnitude(), b.magnitude());
    if na.is_zero() {
        return Ok(signed(0.0));
    }
    let (ba, bb) = (na.bits() as i64, nb.bits() as i64);
    let too_large = || NumError::overflow("integer division result too large for a float");
    // The quotient lies in [2**(ba-bb-1), 2**(ba-bb+1)).
    if ba - bb > 1025 {
        return Err(too_large());
    }
    if bb - ba > 1080 {
        return Ok(signed(0.0));
    }
    // Scale so the integer quotient has at least 55 bits, remembering the shift.
    let shift = (55 + bb - ba).max(0);
    let (q, r) = (na << shift as u64).div_rem(nb);
    let x = round_to_f64(&q, -shift, !r.is_zero()).ok_or_else(too_large)?;
    Ok(signed(x))
}

/// `int(x)` for a float: truncates toward zero.
pub fn float_to_int(x: f64) -> Result<IntValue, NumError> {
    if x.is_nan() {
        return Err(NumError::value("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(NumError::overflow(
            "cannot convert float infinity to integer",
        ));
    }
    let t = x.trunc();
    if t.abs() < 9_223_372_036_854_775_808.0 {
        return Ok(IntValue::Small(t as i64));
    }
    // |t| >= 2**63: an integer mantissa times a positive power of two.
    let bits = t.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    let mag = BigInt::from(mantissa) << exp as u64;
    Ok(IntValue::from_big(if t < 0.0 { -mag } else { mag }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Num;

    fn big(s: &str) -> BigInt {
        BigInt::from_str_radix(s, 10).unwrap_or_default()
    }

    #[test]
    fn int_to_float_cases() {
        let ten = BigInt::from(10);
        let cases: &[(BigInt, Result<f64, ()>)] = &[
            (BigInt::from(1) << 53u32, Ok(9007199254740992.0)),
            ((BigInt::from(1) << 53u32) + 1, Ok(9007199254740992.0)),
            ((BigInt::from(1) << 53u32) + 3, Ok(9007199254740996.0)),
            (
                big("123456789012345678901234567890"),
                Ok(1.2345678901234568e29),
            ),
            (
                -big("123456789012345678901234567890"),
                Ok(-1.2345678901234568e29),
            ),
            (num_traits::pow(ten.clone(), 308), Ok(1e308)),
            (num_traits::pow(ten, 309), Err(())),
            (
                (BigInt::from(1) << 1024u32) - (BigInt::from(1) << 970u32),
                Err(()),
            ),
            (
                (BigInt::from(1) << 1024u32) - (BigInt::from(1) << 971u32),
                Ok(f64::MAX),
            ),
        ];
        for (n, want) in cases {
            assert_eq!(int_to_float(n).map_err(|_| ()), *want, "{n}");
        }
    }

    #[test]
    fn true_divide_cases() {
        let p = |e: usize| num_traits::pow(BigInt::from(10), e);
        let cases: &[(BigInt, BigInt, Result<f64, &str>)] = &[
            (p(400), p(399), Ok(10.0)),
            (BigInt::from(1), BigInt::from(3), Ok(1.0 / 3.0)),
            (BigInt::from(-1), p(400), Ok(-0.0)),
            (BigInt::from(1), p(320), Ok(1e-320)),
            (
                p(400),
                BigInt::from(1),
                Err("integer division result too large for a float"),
            ),
            (BigInt::from(1), BigInt::from(0), Err("division by zero")),
            (
                (BigInt::from(1) << 60u32) + 1,
                BigInt::from(1) << 7u32,
                Ok(9007199254740992.0),
            ),
            (p(30) + 1, p(20), Ok(1e10)),
        ];
        for (a, b, want) in cases {
            let got = int_true_divide(a, b).map_err(|e| e.message);
            match (got, want) {
                (Ok(x), Ok(y)) => assert!(
                    x == *y && x.is_sign_negative() == y.is_sign_negative(),
                    "{a}/{b}: {x:e}"
                ),
                (Err(m), Err(w)) => assert_eq!(m, *w),
                (g, w) => panic!("{a}/{b}: {g:?} vs {w:?}"),
            }
        }
    }

    #[test]
    fn float_to_int_cases() {
        assert_eq!(float_to_int(-2.7), Ok(IntValue::Small(-2)));
        assert_eq!(
            float_to_int(1e19),
            Ok(IntValue::Big(big("10000000000000000000")))
        );
        assert_eq!(
            float_to_int(-9_223_372_036_854_775_808.0),
            Ok(IntValue::Small(i64::MIN))
        );
        assert_eq!(
            float_to_int(f64::NAN).map_err(|e| e.message),
            Err("cannot convert float NaN to integer".into())
        );
        assert_eq!(
            float_to_int(f64::NEG_INFINITY).map_err(|e| e.kind),
            Err(super::super::NumErrorKind::OverflowError)
        );
    }
}
