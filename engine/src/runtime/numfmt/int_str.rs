//! int → text in a base, with 3.11's limit on decimal conversions
//! (`sys.set_int_max_str_digits`, CVE-2020-10735).

use super::error::NumError;
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// CPython's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// `str(n)` with the digit limit `max_digits` (0 = unlimited): "Exceeds the limit (4300
/// digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the
/// limit" when `n` has more decimal digits (the sign does not count).
pub fn int_to_str(n: &BigInt, max_digits: usize) -> Result<String, NumError> {
    if let Some(v) = n.to_i64() {
        return Ok(v.to_string());
    }
    let too_many = || {
        NumError::value(format!(
            "Exceeds the limit ({max_digits} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        ))
    };
    // A number of `bits` bits has at least floor((bits-1)·log10 2) + 1 digits: refuse the
    // clearly oversized ones before spending time converting them.
    if max_digits > 0
        && ((n.bits() - 1) as f64 * std::f64::consts::LOG10_2) as u64 + 1 > max_digits as u64 + 1
    {
        return Err(too_many());
    }
    let text = n.to_str_radix(10);
    let digits = text.len() - usize::from(text.starts_with('-'));
    if max_digits > 0 && digits > max_digits {
        return Err(too_many());
    }
    Ok(text)
}

/// `n` in `base` (2..=36) with lowercase digits and a `-` sign, no prefix; no limit (CPython
/// applies it only to decimal).
pub fn int_to_str_radix(n: &BigInt, base: u32) -> String {
    n.to_str_radix(base.clamp(2, 36))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits() {
        let p = |e: usize| num_traits::pow(BigInt::from(10), e);
        assert_eq!(int_to_str(&-p(4299), 4300).map(|s| s.len()), Ok(4301));
        assert_eq!(int_to_str(&(p(4300) - 1), 4300).map(|s| s.len()), Ok(4300));
        assert!(int_to_str(&p(4300), 4300).is_err());
        assert!(int_to_str(&p(100_000), 4300).is_err());
        assert_eq!(int_to_str(&p(4300), 0).map(|s| s.len()), Ok(4301));
        assert_eq!(
            int_to_str(&p(5000), 4300).map_err(|e| e.message),
            Err("Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit".into())
        );
        assert_eq!(int_to_str_radix(&BigInt::from(-255), 16), "-ff");
    }
}

#[cfg(test)]
mod timing {
    use super::*;
    use crate::runtime::numfmt::parse_int;
    use std::time::Instant;

    #[test]
    fn decimal_conversion_speed() {
        for digits in [4300usize, 100_000] {
            let n = num_traits::pow(BigInt::from(7), (digits as f64 / 0.845) as usize);
            let t = Instant::now();
            let s = int_to_str(&n, 0).unwrap_or_default();
            let to_str = t.elapsed();
            let t = Instant::now();
            let back = parse_int(&s, 10, 0, String::new).map(|v| v.to_big());
            let parse = t.elapsed();
            assert_eq!(back.as_ref(), Ok(&n));
            eprintln!("{} digits: str {:?}, int {:?}", s.len(), to_str, parse);
        }
    }
}
