//! `str.split`, `rsplit`, `splitlines`, `partition` and `rpartition`, returning slices of the
//! input. The cores work on byte offsets and are shared with `bytes`, which differs only in
//! what counts as whitespace and as a line break.

use super::error::StrError;
use super::search;
use super::unicode;

/// `s.split(sep, maxsplit)`; `sep: None` splits on runs of whitespace, `maxsplit: None` is
/// Python's -1 (no limit).
pub fn split<'a>(
    s: &'a str,
    sep: Option<&str>,
    maxsplit: Option<usize>,
) -> Result<Vec<&'a str>, StrError> {
    let max = maxsplit.unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut push = |lo: usize, hi: usize| out.push(&s[lo..hi]);
    match sep {
        None => split_whitespace(&StrUnits(s), max, &mut push),
        Some(sep) => split_sep(s.as_bytes(), sep.as_bytes(), max, &mut push)?,
    }
    Ok(out)
}

/// `s.rsplit(sep, maxsplit)`: like [`split`] but the splits are taken from the right.
pub fn rsplit<'a>(
    s: &'a str,
    sep: Option<&str>,
    maxsplit: Option<usize>,
) -> Result<Vec<&'a str>, StrError> {
    let max = maxsplit.unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut push = |lo: usize, hi: usize| out.push(&s[lo..hi]);
    match sep {
        None => rsplit_whitespace(&StrUnits(s), max, &mut push),
        Some(sep) => rsplit_sep(s.as_bytes(), sep.as_bytes(), max, &mut push)?,
    }
    out.reverse();
    Ok(out)
}

/// `s.splitlines(keepends)`: splits at \n, \r, \r\n, \v, \f, \x1c, \x1d, \x1e, \x85,
/// \u2028 and \u2029.
pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    split_lines(s.as_bytes(), keepends, str_line_break, |lo, hi| {
        out.push(&s[lo..hi])
    });
    out
}

/// `s.partition(sep)`.
pub fn partition<'a>(s: &'a str, sep: &str) -> Result<(&'a str, &'a str, &'a str), StrError> {
    let (lo, hi) = partition_at(s.as_bytes(), sep.as_bytes())?;
    Ok((&s[..lo], &s[lo..hi], &s[hi..]))
}

/// `s.rpartition(sep)`.
pub fn rpartition<'a>(s: &'a str, sep: &str) -> Result<(&'a str, &'a str, &'a str), StrError> {
    let (lo, hi) = rpartition_at(s.as_bytes(), sep.as_bytes())?;
    Ok((&s[..lo], &s[lo..hi], &s[hi..]))
}

/// How a sequence is walked by the whitespace splitter: by code point for `str`, by byte
/// for `bytes`.
pub(crate) trait Units {
    fn len(&self) -> usize;
    /// Whether the unit starting at `at` is whitespace, and its length in bytes.
    fn space_at(&self, at: usize) -> (bool, usize);
    /// Whether the unit ending at `at` is whitespace, and its length in bytes.
    fn space_before(&self, at: usize) -> (bool, usize);
}

struct StrUnits<'a>(&'a str);

impl Units for StrUnits<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }

    #[inline]
    fn space_at(&self, at: usize) -> (bool, usize) {
        let b = self.0.as_bytes()[at];
        if b < 0x80 {
            return (unicode::is_space(char::from(b)), 1);
        }
        match self.0[at..].chars().next() {
            Some(c) => (unicode::is_space(c), c.len_utf8()),
            None => (false, 1),
        }
    }

    #[inline]
    fn space_before(&self, at: usize) -> (bool, usize) {
        let b = self.0.as_bytes()[at - 1];
        if b < 0x80 {
            return (unicode::is_space(char::from(b)), 1);
        }
        match self.0[..at].chars().next_back() {
            Some(c) => (unicode::is_space(c), c.len_utf8()),
            None => (false, 1),
        }
    }
}

/// CPython's `split_whitespace`: skips leading whitespace, then emits up to `max` words;
/// after the last split the rest (leading whitespace skipped) is one more piece.
pub(crate) fn split_whitespace(u: &impl Units, max: usize, push: &mut impl FnMut(usize, usize)) {
    let len = u.len();
    let mut i = 0;
    let mut splits = 0;
    while splits < max {
        while i < len {
            let (space, n) = u.space_at(i);
            if !space {
                break;
            }
            i += n;
        }
        if i == len {
            return;
        }
        let word = i;
        while i < len {
            let (space, n) = u.space_at(i);
            if space {
                break;
            }
            i += n;
        }
        push(word, i);
        splits += 1;
    }
    while i < len {
        let (space, n) = u.space_at(i);
        if !space {
            push(i, len);
            return;
        }
        i += n;
    }
}

/// The mirror image of [`split_whitespace`]; pieces are pushed right to left.
pub(crate) fn rsplit_whitespace(u: &impl Units, max: usize, push: &mut impl FnMut(usize, usize)) {
    let mut i = u.len();
    let mut splits = 0;
    while splits < max {
        while i > 0 {
            let (space, n) = u.space_before(i);
            if !space {
                break;
            }
            i -= n;
        }
        if i == 0 {
            return;
        }
        let word_end = i;
        while i > 0 {
            let (space, n) = u.space_before(i);
            if space {
                break;
            }
            i -= n;
        }
        push(i, word_end);
        splits += 1;
    }
    while i > 0 {
        let (space, n) = u.space_before(i);
        if !space {
            push(0, i);
            return;
        }
        i -= n;
    }
}

/// Splits at each of at most `max` non-overlapping `sep`s, left to right.
pub(crate) fn split_sep(
    hay: &[u8],
    sep: &[u8],
    max: usize,
    push: &mut impl FnMut(usize, usize),
) -> Result<(), StrError> {
    if sep.is_empty() {
        return Err(StrError::EMPTY_SEPARATOR);
    }
    let mut last = 0;
    search::for_each(hay, sep, max, |at| {
        push(last, at);
        last = at + sep.len();
    });
    push(last, hay.len());
    Ok(())
}

/// Splits at each of at most `max` non-overlapping `sep`s chosen from the right; pieces are
/// pushed right to left.
pub(crate) fn rsplit_sep(
    hay: &[u8],
    sep: &[u8],
    max: usize,
    push: &mut impl FnMut(usize, usize),
) -> Result<(), StrError> {
    if sep.is_empty() {
        return Err(StrError::EMPTY_SEPARATOR);
    }
    let mut last = hay.len();
    search::for_each_rev(hay, sep, max, |at| {
        push(at + sep.len(), last);
        last = at;
    });
    push(0, last);
    Ok(())
}

/// CPython's `splitlines` over bytes; `line_break(hay, i)` is the length of the line break
/// starting at `i`, or 0. A \r\n pair is one break.
pub(crate) fn split_lines(
    hay: &[u8],
    keepends: bool,
    line_break: fn(&[u8], usize) -> usize,
    mut push: impl FnMut(usize, usize),
) {
    let len = hay.len();
    let mut i = 0;
    while i < len {
        let start = i;
        let mut brk = 0;
        while i < len {
            brk = line_break(hay, i);
            if brk > 0 {
                break;
            }
            i += 1;
        }
        let mut eol = i;
        if i < len {
            if hay[i] == b'\r' && hay.get(i + 1) == Some(&b'\n') {
                brk = 2;
            }
            i += brk;
            if keepends {
                eol = i;
            }
        }
        push(start, eol);
    }
}

/// `str` line breaks, matched on UTF-8 bytes: only their first byte starts a match, so the
/// scan never stops inside a character.
fn str_line_break(hay: &[u8], i: usize) -> usize {
    match hay[i] {
        b'\n' | b'\r' | b'\x0b' | b'\x0c' | b'\x1c' | b'\x1d' | b'\x1e' => 1,
        0xC2 if hay.get(i + 1) == Some(&0x85) => 2,
        0xE2 if hay.get(i + 1) == Some(&0x80) && matches!(hay.get(i + 2), Some(0xA8 | 0xA9)) => 3,
        _ => 0,
    }
}

/// Byte range of the first `sep`, or `(len, len)` when absent.
pub(crate) fn partition_at(hay: &[u8], sep: &[u8]) -> Result<(usize, usize), StrError> {
    if sep.is_empty() {
        return Err(StrError::EMPTY_SEPARATOR);
    }
    Ok(match search::find(hay, sep) {
        Some(at) => (at, at + sep.len()),
        None => (hay.len(), hay.len()),
    })
}

/// Byte range of the last `sep`, or `(0, 0)` when absent.
pub(crate) fn rpartition_at(hay: &[u8], sep: &[u8]) -> Result<(usize, usize), StrError> {
    if sep.is_empty() {
        return Err(StrError::EMPTY_SEPARATOR);
    }
    Ok(match search::rfind(hay, sep) {
        Some(at) => (at, at + sep.len()),
        None => (0, 0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(op: &str, s: &str, sep: Option<&str>, max: Option<usize>, want: &[&str]) {
        let got = match op {
            "split" => split(s, sep, max),
            "rsplit" => rsplit(s, sep, max),
            _ => unreachable!(),
        };
        assert_eq!(got, Ok(want.to_vec()), "{s:?}.{op}({sep:?}, {max:?})");
    }

    #[test]
    fn splits() {
        type Case = (
            &'static str,
            &'static str,
            Option<&'static str>,
            Option<usize>,
            &'static [&'static str],
        );
        let cases: &[Case] = &[
            ("split", "  a b  ", None, None, &["a", "b"]),
            ("split", "  a b  ", None, Some(1), &["a", "b  "]),
            ("split", "  a b  ", None, Some(0), &["a b  "]),
            ("split", "   ", None, Some(0), &[]),
            ("split", "", None, None, &[]),
            (
                "split",
                "a\u{85}b\u{3000}c\x1fd",
                None,
                None,
                &["a", "b", "c", "d"],
            ),
            ("split", "a\u{200b}b", None, None, &["a\u{200b}b"]),
            ("rsplit", "  a b  ", None, Some(1), &["  a", "b"]),
            (
                "rsplit",
                " a\u{2028}b c ",
                None,
                Some(1),
                &[" a\u{2028}b", "c"],
            ),
            ("split", "a,b,,c", Some(","), None, &["a", "b", "", "c"]),
            ("split", "a,b,,c", Some(","), Some(2), &["a", "b", ",c"]),
            ("split", "", Some(","), None, &[""]),
            ("split", "aaa", Some("aa"), None, &["", "a"]),
            ("rsplit", "aaa", Some("aa"), None, &["a", ""]),
            ("rsplit", "a,b,,c", Some(","), Some(2), &["a,b", "", "c"]),
            ("split", "αβγβδ", Some("β"), None, &["α", "γ", "δ"]),
        ];
        for &(op, s, sep, max, want) in cases {
            check(op, s, sep, max, want);
        }
        assert_eq!(split("a", Some(""), None), Err(StrError::EMPTY_SEPARATOR));
    }

    #[test]
    fn lines() {
        let cases: &[(&str, bool, &[&str])] = &[
            ("", false, &[]),
            ("a\nb", false, &["a", "b"]),
            ("a\r\nb\r\r\n", true, &["a\r\n", "b\r", "\r\n"]),
            (
                "a\u{2028}b\u{85}c\x1cd\x0be",
                false,
                &["a", "b", "c", "d", "e"],
            ),
            ("a\u{2029}", true, &["a\u{2029}"]),
            ("\n\n", false, &["", ""]),
            ("é\u{2027}", false, &["é\u{2027}"]),
        ];
        for &(s, keep, want) in cases {
            assert_eq!(splitlines(s, keep), want, "{s:?}.splitlines({keep})");
        }
    }

    #[test]
    fn partitions() {
        assert_eq!(partition("a=b=c", "="), Ok(("a", "=", "b=c")));
        assert_eq!(rpartition("a=b=c", "="), Ok(("a=b", "=", "c")));
        assert_eq!(partition("abc", "x"), Ok(("abc", "", "")));
        assert_eq!(rpartition("abc", "x"), Ok(("", "", "abc")));
        assert_eq!(partition("abc", ""), Err(StrError::EMPTY_SEPARATOR));
    }
}
