//! Numeric hashes exactly as CPython computes them (`sys.hash_info`: 64-bit, modulus
//! 2**61 - 1): a number's hash is its value reduced modulo the prime, so equal ints, floats
//! and complexes hash alike.

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// `sys.hash_info.modulus`.
pub const HASH_MODULUS: u64 = (1 << 61) - 1;
/// `sys.hash_info.inf`.
pub const HASH_INF: i64 = 314_159;
/// `sys.hash_info.imag`.
pub const HASH_IMAG: u64 = 1_000_003;
const BITS: u32 = 61;

/// -1 is reserved for errors in CPython's C API, so hashes never return it.
fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(n)` for a small int.
#[inline]
pub fn i64_hash(n: i64) -> i64 {
    // Small non-negative ints (nearly all) are their own hash: no division.
    if (n as u64) < HASH_MODULUS {
        return n;
    }
    let m = (n.unsigned_abs() % HASH_MODULUS) as i64;
    fix(if n < 0 { -m } else { m })
}

/// `hash(n)`.
pub fn int_hash(n: &BigInt) -> i64 {
    if let Some(v) = n.to_i64() {
        return i64_hash(v);
    }
    let m = (n.magnitude() % HASH_MODULUS).to_u64().unwrap_or(0) as i64;
    fix(if n.sign() == Sign::Minus { -m } else { m })
}

/// `hash(x)`. NaN hashes by identity since 3.10: `nan_hash` is called only for NaN and
/// should return what CPython's `_Py_HashPointer(obj)` would (the VM passes the object's id).
pub fn float_hash(x: f64, nan_hash: impl FnOnce() -> i64) -> i64 {
    if x.is_nan() {
        return nan_hash();
    }
    if x.is_infinite() {
        return if x > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    };
    // m · 2**e mod P, where 2**61 ≡ 1 (mod P) makes 2**e a rotation by e mod 61.
    let m = m % HASH_MODULUS;
    let e = e.rem_euclid(i64::from(BITS)) as u32;
    let rotated = if e == 0 {
        m
    } else {
        ((m << e) & HASH_MODULUS) | (m >> (BITS - e))
    };
    let h = (rotated % HASH_MODULUS) as i64;
    fix(if x < 0.0 { -h } else { h })
}

/// `hash(complex(re, im))` from the hashes of its parts.
pub fn complex_hash(re_hash: i64, im_hash: i64) -> i64 {
    let combined = (re_hash as u64).wrapping_add(HASH_IMAG.wrapping_mul(im_hash as u64));
    fix(combined as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes() {
        let ints: &[(i64, i64)] = &[
            (0, 0),
            (1, 1),
            (-1, -2),
            (-2, -2),
            ((1 << 61) - 1, 0),
            (1 << 61, 1),
            (i64::MIN, -4),
            (i64::MAX, 3),
        ];
        for &(n, h) in ints {
            assert_eq!(i64_hash(n), h, "{n}");
            assert_eq!(int_hash(&BigInt::from(n)), h, "big {n}");
        }
        assert_eq!(int_hash(&(BigInt::from(1) << 100u32)), 549_755_813_888);
        assert_eq!(int_hash(&-(BigInt::from(1) << 100u32)), -549_755_813_888);
        let nan = || 7;
        let floats: &[(f64, i64)] = &[
            (1.0, 1),
            (-1.0, -2),
            (0.5, 1_152_921_504_606_846_976),
            (1.5, 1_152_921_504_606_846_977),
            (f64::INFINITY, 314_159),
            (f64::NEG_INFINITY, -314_159),
            (0.1, 230_584_300_921_369_408),
            (-0.0, 0),
            (5e-324, 16_777_216),
        ];
        for &(x, h) in floats {
            assert_eq!(float_hash(x, nan), h, "{x}");
        }
        assert_eq!(float_hash(f64::NAN, nan), 7);
        assert_eq!(
            float_hash(2f64.powi(70), nan),
            int_hash(&(BigInt::from(1) << 70u32))
        );
        assert_eq!(
            complex_hash(float_hash(1.0, nan), float_hash(2.0, nan)),
            2_000_007
        );
        assert_eq!(complex_hash(i64_hash(0), i64_hash(0)), 0);
    }
}
