//! Floor division of big ints whose quotient is small (`(3*q + r) // t` in a spigot, Newton
//! steps): the quotient is estimated from the top 64 bits of the divisor and corrected by at
//! most a step or two, which costs one scalar multiply and one subtraction instead of a full
//! long division.

use num_bigint::{BigInt, Sign};
use num_traits::{ToPrimitive, Zero};

/// `(a // b, a % b)` for `a >= 0`, `b > 0` when the quotient is below 2^52; `None` otherwise
/// (the caller then does the general division).
pub fn small_quotient_divmod(a: &BigInt, b: &BigInt) -> Option<(BigInt, BigInt)> {
    if a.sign() == Sign::Minus || b.sign() != Sign::Plus {
        return None;
    }
    let (la, lb) = (a.bits(), b.bits());
    if la < lb {
        return Some((BigInt::zero(), a.clone()));
    }
    if la - lb > 52 || lb < 64 {
        return None;
    }
    let shift = lb - 64;
    let top_b = (b >> shift).to_u64()?;
    let top_a = (a >> shift).to_u128()?;
    let mut q = (top_a / u128::from(top_b)) as u64;
    let mut r = a - b * q;
    // The estimate is within one or two of the true quotient either way.
    while r.sign() == Sign::Minus {
        q = q.checked_sub(1)?;
        r += b;
    }
    while &r >= b {
        q += 1;
        r -= b;
    }
    Some((BigInt::from(q), r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_long_division() {
        let b: BigInt = BigInt::from(3u8).pow(200) + 12345;
        for k in [0u64, 1, 2, 7, 999_999, (1 << 52) - 1] {
            for extra in [BigInt::zero(), BigInt::from(1), b.clone() - 1] {
                let a = &b * k + &extra;
                let (q, r) = small_quotient_divmod(&a, &b).expect("small quotient");
                assert_eq!(q, &a / &b);
                assert_eq!(r, &a % &b);
            }
        }
        assert!(small_quotient_divmod(&(&b << 60), &b).is_none());
        assert!(small_quotient_divmod(&-b.clone(), &b).is_none());
    }
}
