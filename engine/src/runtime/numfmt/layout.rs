//! Field layout shared by the numeric formatters (CPython's `calc_number_widths` +
//! `fill_number`, with `_PyUnicode_InsertThousandsGrouping`) and the str formatter
//! (`calc_padding`): sign, prefix, padding, grouping with zero padding that extends the groups.

use super::error::NumError;
use super::spec::Align;

/// Widths past this are treated as an allocation failure (CPython's would fail there too on
/// any ordinary machine; ours would abort the process instead of raising).
const MAX_WIDTH: usize = 1 << 32;

pub(crate) fn check_width(width: Option<usize>) -> Result<(), NumError> {
    match width {
        Some(w) if w > MAX_WIDTH => Err(NumError::memory()),
        _ => Ok(()),
    }
}

/// How to lay out one number.
pub(crate) struct NumberLayout {
    pub fill: char,
    pub align: Align,
    /// The spec's sign option (`+`, ` `, `-` or none).
    pub sign: Option<char>,
    pub width: usize,
    /// Separator and group size (3 for `,`/`_` on decimals, 4 for `_` on b/o/x).
    pub grouping: Option<(char, usize)>,
}

/// The pieces of a formatted number: `[-]<prefix><digits>[.<remainder>]`.
pub(crate) struct NumberParts<'a> {
    pub negative: bool,
    pub prefix: &'a str,
    /// The integer digits (ASCII); empty for inf/nan and `c`.
    pub digits: &'a str,
    pub has_decimal: bool,
    /// Everything after the decimal point (or after the digits): fraction, exponent, `%`,
    /// `inf`, or the character of `c`.
    pub remainder: &'a str,
}

pub(crate) fn layout_number(parts: &NumberParts<'_>, l: &NumberLayout) -> String {
    let sign = match l.sign {
        Some('+') => Some(if parts.negative { '-' } else { '+' }),
        Some(' ') => Some(if parts.negative { '-' } else { ' ' }),
        _ => parts.negative.then_some('-'),
    };
    let n_remainder = parts.remainder.chars().count() as i64;
    let non_digit =
        sign.is_some() as i64 + parts.prefix.len() as i64 + parts.has_decimal as i64 + n_remainder;
    let width = l.width as i64;
    let min_width = if l.fill == '0' && l.align == Align::AfterSign {
        width - non_digit
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        String::new()
    } else {
        group_digits(parts.digits.as_bytes(), min_width, l.grouping)
    };
    let padding = (width - non_digit - grouped.len() as i64).max(0) as usize;
    let (left, middle, right) = match l.align {
        Align::Left => (0, 0, padding),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
        Align::Right => (padding, 0, 0),
    };
    let mut out = String::with_capacity(l.width.max(16) + grouped.len());
    push_fill(&mut out, l.fill, left);
    out.extend(sign);
    out.push_str(parts.prefix);
    push_fill(&mut out, l.fill, middle);
    out.push_str(&grouped);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_fill(&mut out, l.fill, right);
    out
}

/// `calc_padding` + `fill_padding` for str: pads `text` (of `len` code points) to `width`.
pub(crate) fn pad_text(text: &str, len: usize, fill: char, align: Align, width: usize) -> String {
    let total = width.max(len);
    let left = match align {
        Align::Right => total - len,
        Align::Center => (total - len) / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let mut out = String::with_capacity(text.len() + total - len);
    push_fill(&mut out, fill, left);
    out.push_str(text);
    push_fill(&mut out, fill, total - len - left);
    out
}

fn push_fill(out: &mut String, fill: char, n: usize) {
    out.extend(std::iter::repeat_n(fill, n));
}

/// `_PyUnicode_InsertThousandsGrouping`: groups `digits` from the right and, while
/// `min_width` is not reached, keeps adding zeros (and separators between groups of them).
fn group_digits(digits: &[u8], min_width: i64, grouping: Option<(char, usize)>) -> String {
    let mut rev: Vec<u8> = Vec::with_capacity(digits.len() + digits.len() / 3 + 4);
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width;
    let mut use_sep = false;
    let sep = grouping.map_or(b',', |(c, _)| c as u8);
    let emit = |rev: &mut Vec<u8>, remaining: i64, l: i64, use_sep: bool| -> i64 {
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        if use_sep {
            rev.push(sep);
        }
        let end = remaining as usize;
        rev.extend(digits[end - n_chars as usize..end].iter().rev());
        rev.extend(std::iter::repeat_n(b'0', n_zeros as usize));
        n_chars
    };
    let mut broken = false;
    if let Some((_, size)) = grouping {
        let size = size as i64;
        loop {
            let l = size.min(remaining.max(min_width).max(1));
            let n_chars = emit(&mut rev, remaining, l, use_sep);
            use_sep = true;
            remaining -= n_chars;
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let l = remaining.max(min_width).max(1);
        emit(&mut rev, remaining, l, use_sep);
    }
    rev.reverse();
    rev.into_iter().map(char::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouping() {
        type Case = (&'static str, i64, Option<(char, usize)>, &'static str);
        let cases: &[Case] = &[
            ("1234", 0, Some((',', 3)), "1,234"),
            ("1234", 10, Some((',', 3)), "00,001,234"),
            ("1234", 9, Some((',', 3)), "0,001,234"),
            ("123", 0, Some((',', 3)), "123"),
            ("1234567", 0, Some(('_', 4)), "123_4567"),
            ("12", 5, None, "00012"),
            ("12", 0, None, "12"),
            ("0", 4, Some((',', 3)), "0,000"),
        ];
        for &(d, w, g, want) in cases {
            assert_eq!(group_digits(d.as_bytes(), w, g), want, "{d} {w}");
        }
    }
}
