//! `str` objects: immutable UTF-8 text with a cached hash and code-point length, so indexing an
//! ASCII string is O(1) and hashing happens once. Text of up to 24 bytes (most words, keys
//! and identifiers) is stored inline, so such a string is one allocation, not two.

use compact_str::CompactString;
use std::cell::Cell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

pub struct PyStr {
    text: CompactString,
    /// Number of code points; equals `text.len()` exactly when the string is ASCII.
    char_len: usize,
    /// 0 until computed (a computed hash is never 0; see `hash`).
    hash: Cell<i64>,
}

impl PyStr {
    pub fn new(text: &str) -> PyStr {
        let char_len = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        PyStr {
            text: CompactString::new(text),
            char_len,
            hash: Cell::new(0),
        }
    }

    pub fn from_string(text: String) -> PyStr {
        let char_len = if text.is_ascii() {
            text.len()
        } else {
            text.chars().count()
        };
        PyStr {
            text: CompactString::from(text),
            char_len,
            hash: Cell::new(0),
        }
    }

    /// A string holding `piece`, a substring of `whole`: when `whole` is ASCII so is the
    /// piece, and its code points need no counting.
    pub fn part_of(whole: &PyStr, piece: &str) -> PyStr {
        if whole.is_ascii() {
            return PyStr {
                text: CompactString::new(piece),
                char_len: piece.len(),
                hash: Cell::new(0),
            };
        }
        PyStr::new(piece)
    }

    /// A one-character string. ASCII characters come from a per-thread table, so indexing and
    /// iterating over text does not allocate (and, as in CPython, `s[0] is s[0]`).
    pub fn from_char(c: char) -> Rc<PyStr> {
        thread_local! {
            static ASCII: Vec<Rc<PyStr>> = (0u8..128)
                .map(|b| Rc::new(PyStr::new((b as char).encode_utf8(&mut [0; 4]))))
                .collect();
        }
        if c.is_ascii() {
            if let Some(s) = ASCII.with(|t| t.get(c as usize).cloned()) {
                return s;
            }
        }
        Rc::new(PyStr::new(c.encode_utf8(&mut [0; 4])))
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// Length in code points, as Python's `len`.
    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.text.len()
    }

    /// The code point at `index` (already bounds-checked and non-negative).
    pub fn char_at(&self, index: usize) -> Option<char> {
        if self.is_ascii() {
            self.text.as_bytes().get(index).map(|&b| b as char)
        } else {
            self.text.chars().nth(index)
        }
    }

    /// Byte offset of code point `index` (`index <= char_len`).
    pub fn byte_offset(&self, index: usize) -> usize {
        if self.is_ascii() {
            index
        } else {
            self.text
                .char_indices()
                .nth(index)
                .map_or(self.text.len(), |(i, _)| i)
        }
    }

    /// Python's `hash(str)`: stable within a process (CPython randomizes it per process, so no
    /// program may depend on its value). Never returns -1 (CPython's error marker) or 0.
    pub fn hash(&self) -> i64 {
        let cached = self.hash.get();
        if cached != 0 {
            return cached;
        }
        let mut hasher = FxHasher::default();
        self.text.as_str().hash(&mut hasher);
        let mut h = hasher.finish() as i64;
        if h == -1 || h == 0 {
            h = -2;
        }
        self.hash.set(h);
        h
    }
}

impl PartialEq for PyStr {
    /// Identity, then the code-point length stored beside the text, and only then the bytes:
    /// unequal names (a shape's attribute scan) usually differ in length, and reading the
    /// length needs no look at the (inline or heap) text.
    fn eq(&self, other: &PyStr) -> bool {
        std::ptr::eq(self, other)
            || (self.char_len == other.char_len && self.text.as_str() == other.text.as_str())
    }
}

/// The Fx hash (rustc's): fast, and good enough for hash tables keyed by identifiers.
#[derive(Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
        }
        for &b in chunks.remainder() {
            self.hash = (self.hash.rotate_left(5) ^ u64::from(b)).wrapping_mul(SEED);
        }
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_indexing() {
        let ascii = PyStr::new("hello");
        assert!(ascii.is_ascii());
        assert_eq!(ascii.char_at(1), Some('e'));
        let wide = PyStr::new("héllo😀");
        assert_eq!(wide.char_len(), 6);
        assert_eq!(wide.char_at(5), Some('😀'));
        assert_eq!(wide.byte_offset(2), 3);
    }

    #[test]
    fn hash_is_cached_and_content_based() {
        let a = PyStr::new("abc");
        let b = PyStr::new("abc");
        assert_eq!(a.hash(), b.hash());
        assert_ne!(a.hash(), PyStr::new("abd").hash());
        assert_ne!(a.hash(), -1);
    }
}
