//! Byte-level substring search shared by `str` and `bytes`: memchr for one-byte needles,
//! memchr's two-way/SIMD `memmem` otherwise. UTF-8 is self-synchronizing, so a match of a
//! valid UTF-8 needle in a valid UTF-8 haystack always starts on a char boundary.

use memchr::memmem;

/// First match of a non-empty `needle`.
#[inline]
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle {
        [] => Some(0),
        [b] => memchr::memchr(*b, hay),
        _ => memmem::find(hay, needle),
    }
}

/// Last match of `needle` (an empty needle matches at the end).
#[inline]
pub(crate) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    match needle {
        [] => Some(hay.len()),
        [b] => memchr::memrchr(*b, hay),
        _ => memmem::rfind(hay, needle),
    }
}

/// Calls `f` with the start of each non-overlapping match of a non-empty `needle`, left to
/// right, at most `max` times; returns how many.
pub(crate) fn for_each(hay: &[u8], needle: &[u8], max: usize, mut f: impl FnMut(usize)) -> usize {
    debug_assert!(!needle.is_empty());
    let mut n = 0;
    if max == 0 {
        return 0;
    }
    match needle {
        [b] => {
            for at in memchr::memchr_iter(*b, hay) {
                f(at);
                n += 1;
                if n == max {
                    break;
                }
            }
        }
        _ => {
            for at in memmem::find_iter(hay, needle) {
                f(at);
                n += 1;
                if n == max {
                    break;
                }
            }
        }
    }
    n
}

/// Like [`for_each`] but right to left (matches chosen from the end, as `rsplit` does).
pub(crate) fn for_each_rev(
    hay: &[u8],
    needle: &[u8],
    max: usize,
    mut f: impl FnMut(usize),
) -> usize {
    debug_assert!(!needle.is_empty());
    let mut n = 0;
    if max == 0 {
        return 0;
    }
    match needle {
        [b] => {
            for at in memchr::memrchr_iter(*b, hay) {
                f(at);
                n += 1;
                if n == max {
                    break;
                }
            }
        }
        _ => {
            for at in memmem::rfind_iter(hay, needle) {
                f(at);
                n += 1;
                if n == max {
                    break;
                }
            }
        }
    }
    n
}

/// Number of non-overlapping matches of a non-empty `needle`, at most `max`.
pub(crate) fn count(hay: &[u8], needle: &[u8], max: usize) -> usize {
    match needle {
        [b] if max == usize::MAX => memchr::memchr_iter(*b, hay).count(),
        _ => for_each(hay, needle, max, |_| {}),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cores() {
        assert_eq!(find(b"abcabc", b"ca"), Some(2));
        assert_eq!(rfind(b"abcabc", b"bc"), Some(4));
        assert_eq!(rfind(b"abc", b""), Some(3));
        assert_eq!(count(b"aaaaa", b"aa", usize::MAX), 2);
        assert_eq!(count(b"aaaaa", b"a", 3), 3);
        let mut rev = Vec::new();
        for_each_rev(b"aaa", b"aa", usize::MAX, |at| rev.push(at));
        assert_eq!(rev, [1]);
    }
}
