//! Code-point indexing over UTF-8: Python indexes a `str` by code point, Rust by byte.
//!
//! The VM's str object keeps its code-point length (and so whether it is ASCII); [`PyStr`]
//! carries that length so ASCII strings convert indexes for free and others walk once.

/// A `&str` together with its length in code points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PyStr<'a> {
    text: &'a str,
    len: usize,
}

impl<'a> PyStr<'a> {
    /// Wraps `text`, counting its code points.
    pub fn new(text: &'a str) -> PyStr<'a> {
        let len = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        PyStr { text, len }
    }

    /// Wraps `text` whose code-point length the caller already knows.
    pub fn with_len(text: &'a str, len: usize) -> PyStr<'a> {
        debug_assert_eq!(len, text.chars().count());
        PyStr { text, len }
    }

    pub fn as_str(self) -> &'a str {
        self.text
    }

    /// Length in code points (Python's `len`).
    pub fn len(self) -> usize {
        self.len
    }

    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    /// True when every code point is one byte, so byte and code-point indexes coincide.
    pub fn is_ascii(self) -> bool {
        self.len == self.text.len()
    }

    /// Byte offset of code point `idx` (clamped to the length).
    pub fn byte_offset(self, idx: usize) -> usize {
        if self.is_ascii() || idx == 0 {
            return idx.min(self.text.len());
        }
        if idx >= self.len {
            return self.text.len();
        }
        skip_chars(self.text, 0, idx)
    }

    /// Code-point index of byte offset `byte`, which must be on a char boundary.
    pub fn char_index(self, byte: usize) -> usize {
        if self.is_ascii() {
            byte
        } else {
            count_chars(&self.text[..byte])
        }
    }

    /// The byte range of the code-point window `start..end` after Python's slice clamping
    /// (`end` past the length means the length), or `None` when `start > end`: then even an
    /// empty substring is not found there.
    pub fn window(self, start: usize, end: usize) -> Option<(usize, usize)> {
        let end = end.min(self.len);
        if start > end {
            return None;
        }
        if self.is_ascii() {
            return Some((start, end));
        }
        let lo = self.byte_offset(start);
        // Walk on from `start` rather than from the beginning.
        let hi = if end == self.len {
            self.text.len()
        } else {
            skip_chars(self.text, lo, end - start)
        };
        Some((lo, hi))
    }

    /// The substring of code points `start..end` (clamped; empty when `start >= end`).
    pub fn slice(self, start: usize, end: usize) -> &'a str {
        match self.window(start, end) {
            Some((lo, hi)) => &self.text[lo..hi],
            None => "",
        }
    }
}

/// Byte offset `n` code points after byte offset `from`, a char boundary (or the end).
fn skip_chars(text: &str, from: usize, n: usize) -> usize {
    // Whole chunks first: counting lead bytes vectorizes, decoding chars does not.
    const CHUNK: usize = 64;
    let bytes = text.as_bytes();
    let mut at = from;
    let mut left = n;
    while left >= CHUNK && at + CHUNK <= bytes.len() {
        let leads = bytes[at..at + CHUNK]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count();
        if leads > left {
            break;
        }
        left -= leads;
        at += CHUNK;
    }
    // A chunk may end inside a char: step to the next char start, then char by char.
    while at < bytes.len() && is_continuation(bytes[at]) {
        at += 1;
    }
    while left > 0 && at < bytes.len() {
        at += 1;
        while at < bytes.len() && is_continuation(bytes[at]) {
            at += 1;
        }
        left -= 1;
    }
    at
}

#[inline]
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// Number of code points in `s`.
#[inline]
pub fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows() {
        type Case = (&'static str, usize, usize, Option<(usize, usize)>);
        let cases: &[Case] = &[
            ("abc", 0, 3, Some((0, 3))),
            ("abc", 1, 99, Some((1, 3))),
            ("abc", 3, 3, Some((3, 3))),
            ("abc", 4, 9, None),
            ("abc", 2, 1, None),
            ("aé😀b", 1, 3, Some((1, 7))),
            ("aé😀b", 2, 99, Some((3, 8))),
            ("aé😀b", 4, 4, Some((8, 8))),
            ("aé😀b", 5, 9, None),
        ];
        for &(s, start, end, want) in cases {
            assert_eq!(
                PyStr::new(s).window(start, end),
                want,
                "{s:?}[{start}:{end}]"
            );
        }
        let s = PyStr::new("aé😀b");
        assert_eq!((s.len(), s.byte_offset(3), s.char_index(7)), (4, 7, 3));
        assert_eq!(s.slice(1, 3), "é😀");
    }

    #[test]
    fn long_offsets_agree_with_char_indices() {
        let text = "aé😀bΣ\u{2028}xyz".repeat(40);
        let s = PyStr::new(&text);
        let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
        for (idx, &at) in starts.iter().enumerate() {
            assert_eq!(s.byte_offset(idx), at, "char {idx}");
            assert_eq!(
                s.window(3, idx.max(3)).map(|w| w.1),
                Some(starts[idx.max(3)])
            );
        }
        assert_eq!(s.byte_offset(starts.len()), text.len());
    }
}
