//! The same algorithms for `bytes`/`bytearray` (over `&[u8]`): byte indexes, ASCII
//! whitespace (" \t\n\r\x0b\x0c") and ASCII-only case, sharing the byte-level cores.

use super::error::{reserve, StrError};
use super::pad::{self, Align, TabPiece};
use super::replace::{self, Piece};
use super::search;
use super::split::{self, Units};
use super::strip::Side;

/// `partition`'s result: before, separator, after.
pub type Parts<'a> = (&'a [u8], &'a [u8], &'a [u8]);

/// `b.find(sub, start, end)`; `None` is -1.
pub fn find(b: &[u8], sub: &[u8], start: usize, end: usize) -> Option<usize> {
    let (lo, hi) = window(b, start, end)?;
    search::find(&b[lo..hi], sub).map(|at| lo + at)
}

/// `b.rfind(sub, start, end)`; `None` is -1.
pub fn rfind(b: &[u8], sub: &[u8], start: usize, end: usize) -> Option<usize> {
    let (lo, hi) = window(b, start, end)?;
    search::rfind(&b[lo..hi], sub).map(|at| lo + at)
}

/// `b.index(sub, start, end)`.
pub fn index(b: &[u8], sub: &[u8], start: usize, end: usize) -> Result<usize, StrError> {
    find(b, sub, start, end).ok_or(StrError::SUBSECTION_NOT_FOUND)
}

/// `b.rindex(sub, start, end)`.
pub fn rindex(b: &[u8], sub: &[u8], start: usize, end: usize) -> Result<usize, StrError> {
    rfind(b, sub, start, end).ok_or(StrError::SUBSECTION_NOT_FOUND)
}

/// `b.count(sub, start, end)`.
pub fn count(b: &[u8], sub: &[u8], start: usize, end: usize) -> usize {
    match window(b, start, end) {
        None => 0,
        Some((lo, hi)) if sub.is_empty() => hi - lo + 1,
        Some((lo, hi)) => search::count(&b[lo..hi], sub, usize::MAX),
    }
}

/// `b.startswith(prefix, start, end)` for one prefix.
pub fn startswith(b: &[u8], prefix: &[u8], start: usize, end: usize) -> bool {
    window(b, start, end).is_some_and(|(lo, hi)| b[lo..hi].starts_with(prefix))
}

/// `b.endswith(suffix, start, end)` for one suffix.
pub fn endswith(b: &[u8], suffix: &[u8], start: usize, end: usize) -> bool {
    window(b, start, end).is_some_and(|(lo, hi)| b[lo..hi].ends_with(suffix))
}

/// `sub in b`.
pub fn contains(b: &[u8], sub: &[u8]) -> bool {
    search::find(b, sub).is_some()
}

/// `b.split(sep, maxsplit)`; `None`s as for `str`.
pub fn split<'a>(
    b: &'a [u8],
    sep: Option<&[u8]>,
    maxsplit: Option<usize>,
) -> Result<Vec<&'a [u8]>, StrError> {
    let max = maxsplit.unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut push = |lo: usize, hi: usize| out.push(&b[lo..hi]);
    match sep {
        None => split::split_whitespace(&ByteUnits(b), max, &mut push),
        Some(sep) => split::split_sep(b, sep, max, &mut push)?,
    }
    Ok(out)
}

/// `b.rsplit(sep, maxsplit)`.
pub fn rsplit<'a>(
    b: &'a [u8],
    sep: Option<&[u8]>,
    maxsplit: Option<usize>,
) -> Result<Vec<&'a [u8]>, StrError> {
    let max = maxsplit.unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut push = |lo: usize, hi: usize| out.push(&b[lo..hi]);
    match sep {
        None => split::rsplit_whitespace(&ByteUnits(b), max, &mut push),
        Some(sep) => split::rsplit_sep(b, sep, max, &mut push)?,
    }
    out.reverse();
    Ok(out)
}

/// `b.splitlines(keepends)`: only \n, \r and \r\n break lines in bytes.
pub fn splitlines(b: &[u8], keepends: bool) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let line_break = |hay: &[u8], i: usize| usize::from(matches!(hay[i], b'\n' | b'\r'));
    split::split_lines(b, keepends, line_break, |lo, hi| out.push(&b[lo..hi]));
    out
}

/// `b.partition(sep)`.
pub fn partition<'a>(b: &'a [u8], sep: &[u8]) -> Result<Parts<'a>, StrError> {
    let (lo, hi) = split::partition_at(b, sep)?;
    Ok((&b[..lo], &b[lo..hi], &b[hi..]))
}

/// `b.rpartition(sep)`.
pub fn rpartition<'a>(b: &'a [u8], sep: &[u8]) -> Result<Parts<'a>, StrError> {
    let (lo, hi) = split::rpartition_at(b, sep)?;
    Ok((&b[..lo], &b[lo..hi], &b[hi..]))
}

/// `b.strip(chars)` / `lstrip` / `rstrip`; `chars: None` strips ASCII whitespace.
pub fn strip_side<'a>(b: &'a [u8], chars: Option<&[u8]>, side: Side) -> &'a [u8] {
    let mut set = [false; 256];
    match chars {
        None => b" \t\n\r\x0b\x0c"
            .iter()
            .for_each(|&c| set[usize::from(c)] = true),
        Some(chars) => chars.iter().for_each(|&c| set[usize::from(c)] = true),
    }
    let keep = |c: &u8| !set[usize::from(*c)];
    let lo = if side == Side::Right {
        0
    } else {
        b.iter().position(keep).unwrap_or(b.len())
    };
    let hi = if side == Side::Left {
        b.len()
    } else {
        b.iter().rposition(keep).map_or(lo, |i| i + 1)
    };
    &b[lo..hi.max(lo)]
}

/// `b.removeprefix(prefix)`.
pub fn removeprefix<'a>(b: &'a [u8], prefix: &[u8]) -> &'a [u8] {
    b.strip_prefix(prefix).unwrap_or(b)
}

/// `b.removesuffix(suffix)`.
pub fn removesuffix<'a>(b: &'a [u8], suffix: &[u8]) -> &'a [u8] {
    b.strip_suffix(suffix).unwrap_or(b)
}

/// `b.replace(old, new, count)`; an empty `old` inserts `new` between bytes.
pub fn replace(
    b: &[u8],
    old: &[u8],
    new: &[u8],
    count: Option<usize>,
) -> Result<Vec<u8>, StrError> {
    let n = replace::matches(b, old, count.unwrap_or(usize::MAX), |_| 1);
    let mut out = Vec::new();
    reserve(
        &mut out,
        replace::replaced_len(b.len(), old.len(), new.len(), n)?,
    )?;
    replace::replace_pieces(
        b,
        old,
        n,
        |_| 1,
        |piece| match piece {
            Piece::Src(lo, hi) => out.extend_from_slice(&b[lo..hi]),
            Piece::New => out.extend_from_slice(new),
        },
    );
    Ok(out)
}

/// `b * n`.
pub fn repeat(b: &[u8], n: usize) -> Result<Vec<u8>, StrError> {
    let len = b
        .len()
        .checked_mul(n)
        .filter(|&l| l <= super::error::MAX_SIZE)
        .ok_or(StrError::REPEAT_TOO_LONG)?;
    let mut out = Vec::new();
    reserve(&mut out, len)?;
    for _ in 0..n {
        out.extend_from_slice(b);
    }
    Ok(out)
}

/// `b.translate(table, delete)`: `table` must be 256 bytes long (`None` is identity).
pub fn translate(b: &[u8], table: Option<&[u8]>, delete: &[u8]) -> Result<Vec<u8>, StrError> {
    if table.is_some_and(|t| t.len() != 256) {
        return Err(StrError::TRANSLATE_TABLE_LENGTH);
    }
    let mut deleted = [false; 256];
    delete.iter().for_each(|&c| deleted[usize::from(c)] = true);
    let map = |c: u8| table.map_or(c, |t| t[usize::from(c)]);
    Ok(b.iter()
        .filter(|&&c| !deleted[usize::from(c)])
        .map(|&c| map(c))
        .collect())
}

/// `bytes.maketrans(from, to)`: the identity table with `from[i]` mapped to `to[i]`.
pub fn maketrans(from: &[u8], to: &[u8]) -> Result<[u8; 256], StrError> {
    if from.len() != to.len() {
        return Err(StrError::BYTES_MAKETRANS_LENGTHS);
    }
    let mut table = [0u8; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        *slot = i as u8;
    }
    for (&f, &t) in from.iter().zip(to) {
        table[usize::from(f)] = t;
    }
    Ok(table)
}

/// `b.ljust(width, fill)` / `rjust` / `center`.
pub fn justify(b: &[u8], width: usize, fill: u8, align: Align) -> Result<Vec<u8>, StrError> {
    let (left, right) = pad::margins(b.len(), width, align);
    let mut out = Vec::new();
    reserve(&mut out, left.saturating_add(right).saturating_add(b.len()))?;
    out.resize(left, fill);
    out.extend_from_slice(b);
    out.resize(out.len() + right, fill);
    Ok(out)
}

/// `b.zfill(width)`.
pub fn zfill(b: &[u8], width: usize) -> Result<Vec<u8>, StrError> {
    let fill = width.saturating_sub(b.len());
    let mut out = Vec::new();
    reserve(&mut out, fill.saturating_add(b.len()))?;
    let (sign, rest) = match b.first() {
        Some(b'+' | b'-') if fill > 0 => b.split_at(1),
        _ => (&b[..0], b),
    };
    out.extend_from_slice(sign);
    out.resize(out.len() + fill, b'0');
    out.extend_from_slice(rest);
    Ok(out)
}

/// `b.expandtabs(tabsize)`.
pub fn expandtabs(b: &[u8], tabsize: i32) -> Result<Vec<u8>, StrError> {
    let extra = pad::expand_tabs(b, tabsize, |_| true, |_| {})?;
    let mut out = Vec::new();
    reserve(&mut out, b.len().saturating_add(extra))?;
    pad::expand_tabs(
        b,
        tabsize,
        |_| true,
        |piece| match piece {
            TabPiece::Copy(lo, hi) => out.extend_from_slice(&b[lo..hi]),
            TabPiece::Spaces(n) => out.resize(out.len() + n, b' '),
        },
    )?;
    Ok(out)
}

/// `b.upper()`.
pub fn upper(b: &[u8]) -> Vec<u8> {
    b.to_ascii_uppercase()
}

/// `b.lower()`.
pub fn lower(b: &[u8]) -> Vec<u8> {
    b.to_ascii_lowercase()
}

/// `b.swapcase()`.
pub fn swapcase(b: &[u8]) -> Vec<u8> {
    b.iter()
        .map(|&c| if c.is_ascii_alphabetic() { c ^ 0x20 } else { c })
        .collect()
}

/// `b.capitalize()`: first byte uppercased, the rest lowercased.
pub fn capitalize(b: &[u8]) -> Vec<u8> {
    let mut out = b.to_ascii_lowercase();
    if let Some(first) = out.first_mut() {
        first.make_ascii_uppercase();
    }
    out
}

/// `b.title()`.
pub fn title(b: &[u8]) -> Vec<u8> {
    let mut previous_is_cased = false;
    b.iter()
        .map(|&c| {
            let cased = c.is_ascii_alphabetic();
            let out = if previous_is_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            previous_is_cased = cased;
            out
        })
        .collect()
}

/// `b.isalpha()`.
pub fn isalpha(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_alphabetic)
}

/// `b.isalnum()`.
pub fn isalnum(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric)
}

/// `b.isdigit()`.
pub fn isdigit(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(u8::is_ascii_digit)
}

/// `b.isspace()`.
pub fn isspace(b: &[u8]) -> bool {
    !b.is_empty() && b.iter().all(|&c| is_space(c))
}

/// `b.isascii()`.
pub fn isascii(b: &[u8]) -> bool {
    b.is_ascii()
}

/// `b.islower()`.
pub fn islower(b: &[u8]) -> bool {
    !b.iter().any(u8::is_ascii_uppercase) && b.iter().any(u8::is_ascii_lowercase)
}

/// `b.isupper()`.
pub fn isupper(b: &[u8]) -> bool {
    !b.iter().any(u8::is_ascii_lowercase) && b.iter().any(u8::is_ascii_uppercase)
}

/// `b.istitle()`.
pub fn istitle(b: &[u8]) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for &c in b {
        if c.is_ascii_uppercase() {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    cased
}

/// CPython's `Py_ISSPACE`.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

/// The byte window `start..end` with slice clamping; `None` when `start > end`.
fn window(b: &[u8], start: usize, end: usize) -> Option<(usize, usize)> {
    let end = end.min(b.len());
    (start <= end).then_some((start, end))
}

struct ByteUnits<'a>(&'a [u8]);

impl Units for ByteUnits<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    fn space_at(&self, at: usize) -> (bool, usize) {
        (is_space(self.0[at]), 1)
    }

    fn space_before(&self, at: usize) -> (bool, usize) {
        (is_space(self.0[at - 1]), 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures() {
        assert_eq!(find(b"abcabc", b"c", 3, usize::MAX), Some(5));
        assert_eq!(count(b"abc", b"", 0, usize::MAX), 4);
        assert_eq!(index(b"a", b"b", 0, 1), Err(StrError::SUBSECTION_NOT_FOUND));
        assert_eq!(
            split(b" a\x1cb  c ", None, None),
            Ok(vec![&b"a\x1cb"[..], b"c"])
        );
        assert_eq!(rsplit(b"a b c", None, Some(1)), Ok(vec![&b"a b"[..], b"c"]));
        assert_eq!(
            splitlines(b"a\x0bb\r\nc\x85", true),
            vec![&b"a\x0bb\r\n"[..], b"c\x85"]
        );
        assert_eq!(strip_side(b" \x0ba\x1c ", None, Side::Both), b"a\x1c");
        assert_eq!(strip_side(b"xxaxx", Some(b"x"), Side::Left), b"axx");
        assert_eq!(strip_side(b"xxxx", Some(b"x"), Side::Both), b"");
        assert_eq!(replace(b"abc", b"", b"-", None), Ok(b"-a-b-c-".to_vec()));
        assert_eq!(title(b"hello wORLD's"), b"Hello World'S");
        assert_eq!(capitalize(b"hELLO"), b"Hello");
        assert_eq!(swapcase(b"aB1\xe9"), b"Ab1\xe9");
        assert_eq!(
            justify(b"ab", 5, b'*', Align::Center),
            Ok(b"**ab*".to_vec())
        );
        assert_eq!(zfill(b"-1", 4), Ok(b"-001".to_vec()));
        assert_eq!(expandtabs(b"a\tb\xe9\t", 4), Ok(b"a   b\xe9  ".to_vec()));
        assert_eq!(translate(b"abc", None, b"b"), Ok(b"ac".to_vec()));
        assert_eq!(
            translate(b"abc", Some(b"x"), b""),
            Err(StrError::TRANSLATE_TABLE_LENGTH)
        );
        assert_eq!(
            maketrans(b"a", b"bc"),
            Err(StrError::BYTES_MAKETRANS_LENGTHS)
        );
        assert!(istitle(b"Ab Cd") && !istitle(b"AB") && isspace(b" \x0c") && !isspace(b"\x1c"));
        assert!(islower(b"a1") && !islower(b"1") && isupper(b"A1"));
    }
}
