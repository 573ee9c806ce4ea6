//! `str.replace`, `str * n`, `str.translate` and `str.maketrans`'s core.

use super::error::{reserve_str, StrError, MAX_SIZE};
use super::index::PyStr;
use super::search;

/// `s.replace(old, new, count)`; `count: None` is Python's -1 (all). An empty `old` inserts
/// `new` before every code point and at the end.
pub fn replace(s: &str, old: &str, new: &str, count: Option<usize>) -> Result<String, StrError> {
    let utf8_len = |b: u8| match b {
        0x00..=0x7F => 1,
        0x80..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let n = matches(
        s.as_bytes(),
        old.as_bytes(),
        count.unwrap_or(usize::MAX),
        utf8_len,
    );
    let mut out = String::new();
    reserve_str(&mut out, replaced_len(s.len(), old.len(), new.len(), n)?)?;
    replace_pieces(
        s.as_bytes(),
        old.as_bytes(),
        n,
        utf8_len,
        |piece| match piece {
            Piece::Src(lo, hi) => out.push_str(&s[lo..hi]),
            Piece::New => out.push_str(new),
        },
    );
    Ok(out)
}

/// `s * n` (a negative Python count is 0 here).
pub fn repeat(s: PyStr<'_>, n: usize) -> Result<String, StrError> {
    if s.len().checked_mul(n).is_none_or(|len| len > MAX_SIZE) {
        return Err(StrError::REPEAT_TOO_LONG);
    }
    let bytes = s.as_str().len().checked_mul(n).ok_or(StrError::NO_MEMORY)?;
    let mut out = String::new();
    reserve_str(&mut out, bytes)?;
    for _ in 0..n {
        out.push_str(s.as_str());
    }
    Ok(out)
}

/// `s.translate(table)`: `map(c, out)` appends what `c` maps to (itself when the table has
/// no entry, nothing for `None`), or fails with the VM's exception.
pub fn translate<E>(
    s: &str,
    mut map: impl FnMut(char, &mut String) -> Result<(), E>,
) -> Result<String, E> {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        map(c, &mut out)?;
    }
    Ok(out)
}

/// `str.maketrans(x, y, z)` with string arguments: `(from, Some(to))` for each pair of `x`
/// and `y`, then `(c, None)` for each char of `z`; the VM builds the dict in this order.
pub fn maketrans(x: &str, y: &str, z: &str) -> Result<Vec<(char, Option<char>)>, StrError> {
    if x.chars().count() != y.chars().count() {
        return Err(StrError::MAKETRANS_LENGTHS);
    }
    let mut out: Vec<_> = x.chars().zip(y.chars().map(Some)).collect();
    out.extend(z.chars().map(|c| (c, None)));
    Ok(out)
}

/// One run of `replace` output.
pub(crate) enum Piece {
    /// Copy of source bytes `lo..hi`.
    Src(usize, usize),
    /// The replacement.
    New,
}

/// How many replacements `replace` will make: matches of a non-empty `old`, or for an empty
/// one every unit boundary (`unit_len(first byte)` gives a unit's length), at most `max`.
pub(crate) fn matches(hay: &[u8], old: &[u8], max: usize, unit_len: impl Fn(u8) -> usize) -> usize {
    if !old.is_empty() {
        return search::count(hay, old, max);
    }
    if max == 0 {
        return 0;
    }
    // Boundaries are one more than units; stop counting once `max` is reached.
    let mut n = 1;
    let mut i = 0;
    while i < hay.len() && n < max {
        i += unit_len(hay[i]);
        n += 1;
    }
    n
}

/// Length of the result of `n` replacements, with CPython's overflow error.
pub(crate) fn replaced_len(
    len: usize,
    old: usize,
    new: usize,
    n: usize,
) -> Result<usize, StrError> {
    let grown = (len - n * old).checked_add(n.checked_mul(new).ok_or(StrError::REPLACE_TOO_LONG)?);
    grown
        .filter(|&l| l <= MAX_SIZE)
        .ok_or(StrError::REPLACE_TOO_LONG)
}

/// Emits the result of making the first `n` replacements (`n` from [`matches`]).
pub(crate) fn replace_pieces(
    hay: &[u8],
    old: &[u8],
    n: usize,
    unit_len: impl Fn(u8) -> usize,
    mut emit: impl FnMut(Piece),
) {
    if n == 0 {
        emit(Piece::Src(0, hay.len()));
        return;
    }
    let mut last = 0;
    if old.is_empty() {
        for k in 0..n {
            if k > 0 {
                let next = last + unit_len(hay[last]);
                emit(Piece::Src(last, next));
                last = next;
            }
            emit(Piece::New);
        }
    } else {
        search::for_each(hay, old, n, |at| {
            emit(Piece::Src(last, at));
            emit(Piece::New);
            last = at + old.len();
        });
    }
    emit(Piece::Src(last, hay.len()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_fixtures() {
        let cases: &[(&str, &str, &str, Option<usize>, &str)] = &[
            ("abcabc", "b", "X", None, "aXcaXc"),
            ("abcabc", "b", "X", Some(1), "aXcabc"),
            ("abcabc", "b", "X", Some(0), "abcabc"),
            ("aaaa", "aa", "b", None, "bb"),
            ("abc", "", "-", None, "-a-b-c-"),
            ("abc", "", "-", Some(2), "-a-bc"),
            ("abc", "", "-", Some(9), "-a-b-c-"),
            ("", "", "x", Some(1), "x"),
            ("", "", "x", Some(0), ""),
            ("éß", "", "|", None, "|é|ß|"),
            ("éß😀", "ß", "ss", None, "éss😀"),
            ("abc", "abc", "", None, ""),
        ];
        for &(s, old, new, count, want) in cases {
            assert_eq!(
                replace(s, old, new, count).as_deref(),
                Ok(want),
                "{s:?}.replace({old:?}, {new:?}, {count:?})"
            );
        }
    }

    #[test]
    fn repeat_and_translate() {
        assert_eq!(repeat(PyStr::new("ab"), 3).as_deref(), Ok("ababab"));
        assert_eq!(repeat(PyStr::new("ab"), 0).as_deref(), Ok(""));
        assert_eq!(
            repeat(PyStr::new("ab"), 1 << 62),
            Err(StrError::REPEAT_TOO_LONG)
        );
        assert_eq!(repeat(PyStr::new("a"), 1 << 61), Err(StrError::NO_MEMORY));
        let got = translate(s_abc(), |c, out| {
            match c {
                'a' => out.push_str("AA"),
                'b' => {}
                _ => out.push(c),
            }
            Ok::<(), ()>(())
        });
        assert_eq!(got.as_deref(), Ok("AAc"));
        assert_eq!(
            maketrans("ab", "xy", "c"),
            Ok(vec![('a', Some('x')), ('b', Some('y')), ('c', None)])
        );
        assert_eq!(maketrans("ab", "x", ""), Err(StrError::MAKETRANS_LENGTHS));
    }

    fn s_abc() -> &'static str {
        "abc"
    }
}
