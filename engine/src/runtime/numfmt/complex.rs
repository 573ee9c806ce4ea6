//! `repr`/`str` of a complex number (CPython's `complex_repr`): parts in repr style without
//! `.0`, the imaginary part always signed, parentheses unless the real part is +0.0.

use super::dtoa::{double_to_string, DtoaFlags};

/// `repr(complex(re, im))`: `1j`, `(1+2j)`, `(-0-0j)`, `(nan+infj)`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let plain = DtoaFlags::default();
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", double_to_string(im, 'r', 0, plain));
    }
    let re_text = double_to_string(re, 'r', 0, plain);
    let im_text = double_to_string(
        im,
        'r',
        0,
        DtoaFlags {
            sign: true,
            ..plain
        },
    );
    format!("({re_text}{im_text}j)")
}

/// `str(complex(re, im))`; the same as [`complex_repr`].
pub fn complex_str(re: f64, im: f64) -> String {
    complex_repr(re, im)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases() {
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        let cases: &[(f64, f64, &str)] = &[
            (1.0, 2.0, "(1+2j)"),
            (0.0, 1.0, "1j"),
            (0.0, -0.0, "-0j"),
            (-0.0, -0.0, "(-0-0j)"),
            (-0.0, 0.0, "(-0+0j)"),
            (nan, inf, "(nan+infj)"),
            (0.0, 0.0, "0j"),
            (1.5, -2.5e-7, "(1.5-2.5e-07j)"),
            (1e16, 1.0, "(1e+16+1j)"),
            (-inf, -nan, "(-inf+nanj)"),
            (0.0, nan, "nanj"),
        ];
        for &(re, im, want) in cases {
            assert_eq!(complex_repr(re, im), want, "{re} {im}");
        }
    }
}
