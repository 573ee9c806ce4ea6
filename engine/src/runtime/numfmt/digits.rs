//! Decimal digits of a finite double, as David Gay's `dtoa` hands them to CPython: a digit
//! string without trailing zeros and the position of the decimal point (`value = 0.DIGITS ×
//! 10**decpt`). Rust's float formatting already implements the three modes CPython uses
//! (shortest round-trip, N significant digits, N digits after the point), all correctly
//! rounded half-even on the exact binary value, so we read its output back.

/// The exact decimal expansion of any double ends within 1074 digits after the point and has
/// at most 767 significant digits, so larger precisions only add zeros (and Rust's formatter
/// caps precision at `u16::MAX`).
const MAX_FIXED: usize = 1100;
const MAX_SIGNIFICANT: usize = 800;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Decimal {
    /// ASCII digits, no trailing zeros; exactly `"0"` for a zero result.
    pub digits: Vec<u8>,
    pub decpt: i64,
    pub negative: bool,
}

impl Decimal {
    pub fn is_zero(&self) -> bool {
        self.digits.iter().all(|&d| d == b'0')
    }
}

/// Mode 0: the shortest digit string that reads back as `x` (closest to `x` among those,
/// the even one when `x` lies exactly halfway between two).
pub(crate) fn shortest(x: f64) -> Decimal {
    let mut d = from_scientific(&format!("{:e}", x.abs()), x.is_sign_negative());
    // Rust breaks an exact tie between two shortest candidates upwards, dtoa to even. A tie
    // needs the exact value to have one digit more than the candidates, ending in 5; that
    // is only possible once the candidates are long.
    if d.digits.len() >= 15 {
        if let Some(exact) = exact_significand(x.abs()) {
            let text = exact.to_string();
            if text.len() == d.digits.len() + 1 && text.ends_with('5') {
                let q = exact / 10;
                let q = if q % 2 == 1 { q + 1 } else { q };
                let q = q.to_string();
                // The even candidate may fall outside the rounding interval when the
                // interval is lopsided (x a power of two): then it does not read back.
                let reads_back = format!("0.{q}e{}", d.decpt).parse::<f64>() == Ok(x.abs());
                if q.len() == d.digits.len() && reads_back {
                    d.digits = q.into_bytes();
                    while d.digits.last() == Some(&b'0') {
                        d.digits.pop();
                    }
                }
            }
        }
    }
    d
}

/// The significant digits of the exact decimal value of a positive finite `x` as an
/// integer (trailing zeros removed), when they fit in a `u128`.
fn exact_significand(x: f64) -> Option<u128> {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mut m, mut e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    };
    if m == 0 {
        return None;
    }
    let tz = m.trailing_zeros();
    m >>= tz;
    e += i64::from(tz);
    let mut r = u128::from(m);
    if e < 0 {
        // m / 2**k == m·5**k / 10**k
        for _ in 0..-e {
            r = r.checked_mul(5)?;
        }
    } else {
        // m·2**e, with the factors of ten it contains removed.
        let mut twos = e;
        while twos > 0 && r % 5 == 0 {
            r /= 5;
            twos -= 1;
        }
        r = r.checked_mul(1u128.checked_shl(u32::try_from(twos).ok()?)?)?;
    }
    while r % 10 == 0 {
        r /= 10;
    }
    Some(r)
}

/// Mode 2: `n >= 1` significant digits.
pub(crate) fn significant(x: f64, n: usize) -> Decimal {
    let n = n.clamp(1, MAX_SIGNIFICANT);
    from_scientific(&format!("{:.*e}", n - 1, x.abs()), x.is_sign_negative())
}

/// Mode 3: `p` digits after the decimal point.
pub(crate) fn fixed(x: f64, p: usize) -> Decimal {
    let text = format!("{:.*}", p.min(MAX_FIXED), x.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let all: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
    let leading = all.iter().take_while(|&&d| d == b'0').count();
    let decpt = int_part.len() as i64 - leading as i64;
    finish(all[leading..].to_vec(), decpt, x.is_sign_negative())
}

/// Parses Rust's `d.ddde±x` output.
fn from_scientific(text: &str, negative: bool) -> Decimal {
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let digits: Vec<u8> = mantissa.bytes().filter(|b| b.is_ascii_digit()).collect();
    let exp: i64 = exp.parse().unwrap_or(0);
    finish(digits, exp + 1, negative)
}

fn finish(mut digits: Vec<u8>, decpt: i64, negative: bool) -> Decimal {
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        return Decimal {
            digits: vec![b'0'],
            decpt: 1,
            negative,
        };
    }
    Decimal {
        digits,
        decpt,
        negative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(d: Decimal) -> String {
        format!(
            "{}{}@{}",
            if d.negative { "-" } else { "" },
            String::from_utf8_lossy(&d.digits),
            d.decpt
        )
    }

    /// Literals with more digits than their shortest repr (exact ties), which clippy rejects.
    fn exact(s: &str) -> f64 {
        s.parse().unwrap_or(f64::NAN)
    }

    #[test]
    fn modes() {
        let cases: &[(Decimal, &str)] = &[
            (shortest(0.1), "1@0"),
            (shortest(1e16), "1@17"),
            (shortest(-0.0), "-0@1"),
            (shortest(123.456), "123456@3"),
            (shortest(5e-324), "5@-323"),
            (
                shortest(exact("-117189862178133.625")),
                "-11718986217813362@15",
            ),
            (shortest(exact("8.2497711181640625")), "8249771118164062@1"),
            (shortest(2.0f64.powi(60)), "1152921504606847@19"),
            (shortest(2.0f64.powi(-24)), "5960464477539063@-7"),
            (significant(2.675, 3), "267@1"),
            (significant(0.125, 2), "12@0"),
            (significant(9.99, 2), "1@2"),
            (significant(1.0, 5), "1@1"),
            (fixed(0.125, 2), "12@0"),
            (fixed(0.000123, 4), "1@-3"),
            (fixed(0.4, 0), "0@1"),
            (fixed(9.96, 1), "1@2"),
            (fixed(1e22, 2), "1@23"),
            (
                fixed(5e-324, 2000),
                "4940656458412465441765687928682213723650@-323",
            ),
        ];
        for (i, (got, want)) in cases.iter().enumerate() {
            let got = show(got.clone());
            let got = if got.len() > 50 {
                format!("{}@{}", &got[..40], got.rsplit('@').next().unwrap_or(""))
            } else {
                got
            };
            assert_eq!(&got, want, "case {i}");
        }
    }
}
