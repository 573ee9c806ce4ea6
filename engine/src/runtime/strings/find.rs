//! `str.find`, `rfind`, `index`, `rindex`, `count`, `startswith`, `endswith` and `in`.
//!
//! `start`/`end` are code-point indexes after the VM has applied Python's negative-index
//! adjustment (so non-negative, possibly past the end); results are code-point indexes.

use super::error::StrError;
use super::index::{count_chars, PyStr};
use super::search;

/// `s.find(sub, start, end)`; `None` is Python's -1.
pub fn find(s: PyStr<'_>, sub: &str, start: usize, end: usize) -> Option<usize> {
    let (lo, hi) = s.window(start, end)?;
    let at = search::find(&s.as_str().as_bytes()[lo..hi], sub.as_bytes())?;
    Some(start + cp_offset(s, lo, lo + at))
}

/// `s.rfind(sub, start, end)`; `None` is Python's -1.
pub fn rfind(s: PyStr<'_>, sub: &str, start: usize, end: usize) -> Option<usize> {
    let (lo, hi) = s.window(start, end)?;
    let at = search::rfind(&s.as_str().as_bytes()[lo..hi], sub.as_bytes())?;
    Some(start + cp_offset(s, lo, lo + at))
}

/// `s.index(sub, start, end)`.
pub fn index(s: PyStr<'_>, sub: &str, start: usize, end: usize) -> Result<usize, StrError> {
    find(s, sub, start, end).ok_or(StrError::SUBSTRING_NOT_FOUND)
}

/// `s.rindex(sub, start, end)`.
pub fn rindex(s: PyStr<'_>, sub: &str, start: usize, end: usize) -> Result<usize, StrError> {
    rfind(s, sub, start, end).ok_or(StrError::SUBSTRING_NOT_FOUND)
}

/// `s.count(sub, start, end)`: non-overlapping; the empty string occurs between every two
/// code points and at both ends (`'abc'.count('') == 4`).
pub fn count(s: PyStr<'_>, sub: &str, start: usize, end: usize) -> usize {
    let Some((lo, hi)) = s.window(start, end) else {
        return 0;
    };
    if sub.is_empty() {
        return s.char_index(hi) - s.char_index(lo) + 1;
    }
    search::count(&s.as_str().as_bytes()[lo..hi], sub.as_bytes(), usize::MAX)
}

/// `s.startswith(prefix, start, end)` for one prefix (the VM loops over a tuple).
pub fn startswith(s: PyStr<'_>, prefix: &str, start: usize, end: usize) -> bool {
    match s.window(start, end) {
        Some((lo, hi)) => s.as_str().as_bytes()[lo..hi].starts_with(prefix.as_bytes()),
        None => false,
    }
}

/// `s.endswith(suffix, start, end)` for one suffix.
pub fn endswith(s: PyStr<'_>, suffix: &str, start: usize, end: usize) -> bool {
    match s.window(start, end) {
        Some((lo, hi)) => s.as_str().as_bytes()[lo..hi].ends_with(suffix.as_bytes()),
        None => false,
    }
}

/// `sub in s`.
pub fn contains(s: &str, sub: &str) -> bool {
    search::find(s.as_bytes(), sub.as_bytes()).is_some()
}

/// Code points between byte offsets `from` and `to` of `s`.
fn cp_offset(s: PyStr<'_>, from: usize, to: usize) -> usize {
    if s.is_ascii() {
        to - from
    } else {
        count_chars(&s.as_str()[from..to])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(op: &str, s: &str, sub: &str, start: usize, end: usize, want: i64) {
        let s = PyStr::new(s);
        let opt = |r: Option<usize>| r.map_or(-1, |i| i as i64);
        let got = match op {
            "find" => opt(find(s, sub, start, end)),
            "rfind" => opt(rfind(s, sub, start, end)),
            "count" => count(s, sub, start, end) as i64,
            "startswith" => startswith(s, sub, start, end) as i64,
            "endswith" => endswith(s, sub, start, end) as i64,
            _ => unreachable!(),
        };
        assert_eq!(got, want, "{:?}.{op}({sub:?}, {start}, {end})", s.as_str());
    }

    #[test]
    fn fixtures() {
        const E: usize = usize::MAX;
        let cases: &[(&str, &str, &str, usize, usize, i64)] = &[
            ("find", "abcabc", "c", 0, E, 2),
            ("find", "abcabc", "c", 3, E, 5),
            ("find", "abcabc", "c", 3, 5, -1),
            ("find", "abc", "", 5, E, -1),
            ("find", "abc", "", 3, E, 3),
            ("find", "abc", "", 2, 1, -1),
            ("find", "αβγαβγ", "γα", 0, E, 2),
            ("find", "αβγαβγ", "β", 2, E, 4),
            ("rfind", "αβγαβγ", "β", 0, 4, 1),
            ("rfind", "abc", "", 1, 2, 2),
            ("rfind", "😀a😀a", "a", 0, E, 3),
            ("count", "abc", "", 0, E, 4),
            ("count", "abc", "", 5, E, 0),
            ("count", "ααα", "", 1, E, 3),
            ("count", "aaaa", "aa", 0, E, 2),
            ("count", "aaaa", "aa", 1, E, 1),
            ("startswith", "abc", "", 3, E, 1),
            ("startswith", "abc", "", 4, E, 0),
            ("startswith", "éabc", "ab", 1, E, 1),
            ("startswith", "éabc", "ab", 1, 2, 0),
            ("endswith", "éabc", "é", 0, 1, 1),
            ("endswith", "abc", "", 4, E, 0),
        ];
        for &(op, s, sub, start, end, want) in cases {
            check(op, s, sub, start, end, want);
        }
        assert_eq!(
            index(PyStr::new("a"), "b", 0, 1),
            Err(StrError::SUBSTRING_NOT_FOUND)
        );
        assert!(contains("héllo", "él") && !contains("abc", "d") && contains("", ""));
    }
}
