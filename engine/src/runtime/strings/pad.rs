//! `str.center`, `ljust`, `rjust`, `zfill` and `expandtabs`. Widths count code points; the
//! arithmetic is shared with `bytes`.

use super::error::{reserve_str, StrError, MAX_SIZE};
use super::index::PyStr;

/// Where the original text goes inside the padded result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `ljust`: padding on the right.
    Left,
    /// `rjust`: padding on the left.
    Right,
    /// `center`.
    Center,
}

/// Validates `center`/`ljust`/`rjust`'s `fillchar` argument.
pub fn fill_char(arg: &str) -> Result<char, StrError> {
    let mut chars = arg.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(StrError::FILL_CHAR),
    }
}

/// `s.ljust(width, fill)` / `rjust` / `center`. A negative Python width is 0 here; when
/// `width <= len(s)` the VM may return `s` itself, as CPython does.
pub fn justify(s: PyStr<'_>, width: usize, fill: char, align: Align) -> Result<String, StrError> {
    let (left, right) = margins(s.len(), width, align);
    let fill_len = fill.len_utf8();
    let mut out = String::new();
    reserve_str(
        &mut out,
        (left + right)
            .saturating_mul(fill_len)
            .saturating_add(s.as_str().len()),
    )?;
    push_fill(&mut out, fill, left);
    out.push_str(s.as_str());
    push_fill(&mut out, fill, right);
    Ok(out)
}

/// `s.zfill(width)`: pads with '0' on the left, keeping a leading sign in front.
pub fn zfill(s: PyStr<'_>, width: usize) -> Result<String, StrError> {
    let fill = width.saturating_sub(s.len());
    let mut out = String::new();
    reserve_str(&mut out, fill.saturating_add(s.as_str().len()))?;
    let text = s.as_str();
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'+' | b'-') if fill > 0 => text.split_at(1),
        _ => ("", text),
    };
    out.push_str(sign);
    push_fill(&mut out, '0', fill);
    out.push_str(rest);
    Ok(out)
}

/// `s.expandtabs(tabsize)`: each tab becomes spaces up to the next multiple of `tabsize`
/// columns (none if `tabsize <= 0`); the column restarts after \n and \r.
pub fn expandtabs(s: &str, tabsize: i32) -> Result<String, StrError> {
    let src = s.as_bytes();
    // UTF-8 continuation bytes do not start a column.
    let counts = |b: u8| b & 0xC0 != 0x80;
    let extra = expand_tabs(src, tabsize, counts, |_| {})?;
    let mut out = String::new();
    reserve_str(&mut out, src.len().saturating_add(extra))?;
    expand_tabs(src, tabsize, counts, |piece| match piece {
        TabPiece::Copy(lo, hi) => out.push_str(&s[lo..hi]),
        TabPiece::Spaces(n) => push_fill(&mut out, ' ', n),
    })?;
    Ok(out)
}

/// `(left, right)` padding to bring `len` units to `width`, CPython's way: `center` puts the
/// odd unit on the left only when both the margin and the width are odd.
pub(crate) fn margins(len: usize, width: usize, align: Align) -> (usize, usize) {
    let marg = width.saturating_sub(len);
    match align {
        Align::Left => (0, marg),
        Align::Right => (marg, 0),
        Align::Center => {
            let left = marg / 2 + (marg & width & 1);
            (left, marg - left)
        }
    }
}

/// One run of `expandtabs` output.
pub(crate) enum TabPiece {
    /// Copy of source bytes `lo..hi`.
    Copy(usize, usize),
    /// `n` spaces.
    Spaces(usize),
}

/// CPython's `expandtabs` over bytes; `counts(b)` says whether byte `b` starts a column.
/// Emits the output as pieces and returns how many spaces were added in all.
pub(crate) fn expand_tabs(
    src: &[u8],
    tabsize: i32,
    counts: impl Fn(u8) -> bool,
    mut emit: impl FnMut(TabPiece),
) -> Result<usize, StrError> {
    let tabsize = usize::try_from(tabsize).unwrap_or(0);
    let mut col: usize = 0;
    let mut total: usize = 0;
    let mut run = 0;
    for (i, &b) in src.iter().enumerate() {
        match b {
            b'\t' => {
                emit(TabPiece::Copy(run, i));
                run = i + 1;
                if tabsize > 0 {
                    let incr = tabsize - col % tabsize;
                    col += incr;
                    total = total
                        .checked_add(incr)
                        .filter(|&t| t <= MAX_SIZE - src.len())
                        .ok_or(StrError::EXPANDTABS_TOO_LONG)?;
                    emit(TabPiece::Spaces(incr));
                }
            }
            b'\n' | b'\r' => col = 0,
            _ if counts(b) => col += 1,
            _ => {}
        }
    }
    emit(TabPiece::Copy(run, src.len()));
    Ok(total)
}

fn push_fill(out: &mut String, fill: char, n: usize) {
    if fill.is_ascii() {
        out.extend(std::iter::repeat_n(fill, n));
    } else {
        for _ in 0..n {
            out.push(fill);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn justify_fixtures() {
        let cases: &[(&str, usize, char, Align, &str)] = &[
            ("a", 4, ' ', Align::Center, " a  "),
            ("a", 5, '*', Align::Center, "**a**"),
            ("ab", 5, '*', Align::Center, "**ab*"),
            ("abc", 6, '*', Align::Center, "*abc**"),
            ("ab", 7, '*', Align::Center, "***ab**"),
            ("é", 3, 'ß', Align::Left, "éßß"),
            ("é", 3, '-', Align::Right, "--é"),
            ("abc", 2, '-', Align::Right, "abc"),
        ];
        for &(s, width, fill, align, want) in cases {
            assert_eq!(
                justify(PyStr::new(s), width, fill, align).as_deref(),
                Ok(want),
                "{s:?} {width} {align:?}"
            );
        }
        assert_eq!(fill_char("ab"), Err(StrError::FILL_CHAR));
        assert_eq!(fill_char(""), Err(StrError::FILL_CHAR));
        assert_eq!(fill_char("é"), Ok('é'));
        assert_eq!(
            justify(PyStr::new("a"), usize::MAX, ' ', Align::Left),
            Err(StrError::NO_MEMORY)
        );
    }

    #[test]
    fn zfill_fixtures() {
        let cases: &[(&str, usize, &str)] = &[
            ("-12", 5, "-0012"),
            ("+", 3, "+00"),
            ("12", 1, "12"),
            ("-12", 3, "-12"),
            ("ab", 4, "00ab"),
            ("", 2, "00"),
            ("é", 2, "0é"),
        ];
        for &(s, width, want) in cases {
            assert_eq!(
                zfill(PyStr::new(s), width).as_deref(),
                Ok(want),
                "{s:?}.zfill({width})"
            );
        }
    }

    #[test]
    fn expandtabs_fixtures() {
        let cases: &[(&str, i32, &str)] = &[
            ("a\tb", 8, "a       b"),
            ("a\tb\r\tc\n\td", 4, "a   b\r    c\n    d"),
            ("é\tb", 4, "é   b"),
            ("\t", 0, ""),
            ("\t", -1, ""),
            ("ab\t\t", 2, "ab    "),
            ("", 8, ""),
        ];
        for &(s, tab, want) in cases {
            assert_eq!(
                expandtabs(s, tab).as_deref(),
                Ok(want),
                "{s:?}.expandtabs({tab})"
            );
        }
    }
}
