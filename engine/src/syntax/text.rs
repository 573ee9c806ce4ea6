//! Source positions: byte offsets into the UTF-8 text, and a line index that turns them into
//! CPython's (1-based line, 0-based UTF-8 byte column) pairs or editor (line, UTF-16 column) pairs.

use std::fmt;

/// A byte offset into source text. `u32` keeps AST nodes small; files over 4 GiB are refused.
pub type TextSize = u32;

/// A half-open byte range `start..end` into the source text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct TextRange {
    pub start: TextSize,
    pub end: TextSize,
}

impl TextRange {
    #[inline]
    pub const fn new(start: TextSize, end: TextSize) -> Self {
        debug_assert!(start <= end);
        TextRange { start, end }
    }

    #[inline]
    pub const fn empty(at: TextSize) -> Self {
        TextRange { start: at, end: at }
    }

    #[inline]
    pub const fn len(self) -> TextSize {
        self.end - self.start
    }

    #[inline]
    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest range covering both.
    #[inline]
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange::new(self.start.min(other.start), self.end.max(other.end))
    }

    #[inline]
    pub fn contains(self, offset: TextSize) -> bool {
        self.start <= offset && offset < self.end
    }

    #[inline]
    pub fn contains_inclusive(self, offset: TextSize) -> bool {
        self.start <= offset && offset <= self.end
    }

    #[inline]
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    #[inline]
    pub fn slice(self, text: &str) -> &str {
        &text[self.start as usize..self.end as usize]
    }
}

impl fmt::Debug for TextRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A position as CPython reports it: 1-based line, 0-based column counted in UTF-8 bytes
/// (what `ast` nodes' `col_offset` holds).
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Maps byte offsets to lines. Built once per text; lookups are a binary search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<TextSize>,
}

impl LineIndex {
    /// Lines end at `\n`, `\r\n` or a lone `\r`, as in CPython's tokenizer.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push((i + 1) as TextSize),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push((i + 1) as TextSize);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based line number containing `offset`.
    pub fn line_of(&self, offset: TextSize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Start offset of 0-based `line`.
    pub fn line_start(&self, line: usize) -> TextSize {
        self.line_starts[line]
    }

    /// The text of 0-based `line`, without its line terminator.
    pub fn line_text<'a>(&self, text: &'a str, line: usize) -> &'a str {
        let start = self.line_starts[line] as usize;
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |&e| e as usize);
        text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// CPython's position for `offset`: 1-based line, 0-based byte column.
    pub fn line_col(&self, offset: TextSize) -> LineCol {
        let line = self.line_of(offset);
        LineCol {
            line: line as u32 + 1,
            col: offset - self.line_starts[line],
        }
    }

    /// Column of `offset` counted in characters (code points), 0-based; what CPython prints
    /// as a SyntaxError's `offset` minus one.
    pub fn char_col(&self, text: &str, offset: TextSize) -> usize {
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(text.len());
        text.get(start..end)
            .map_or(end - start, |s| s.chars().count())
    }

    /// Column of `offset` in UTF-16 code units, 0-based (the LSP default encoding).
    pub fn utf16_col(&self, text: &str, offset: TextSize) -> usize {
        let line = self.line_of(offset);
        let start = self.line_starts[line] as usize;
        let end = (offset as usize).min(text.len());
        text.get(start..end)
            .map_or(end - start, |s| s.chars().map(char::len_utf16).sum())
    }

    /// The byte offset of 0-based `line` and UTF-16 column `col`, clamped to the line's end.
    pub fn offset_of_utf16(&self, text: &str, line: usize, col: usize) -> TextSize {
        if line >= self.line_starts.len() {
            return text.len() as TextSize;
        }
        let start = self.line_starts[line] as usize;
        let line_text = self.line_text(text, line);
        let mut units = 0;
        for (i, c) in line_text.char_indices() {
            if units >= col {
                return (start + i) as TextSize;
            }
            units += c.len_utf16();
        }
        (start + line_text.len()) as TextSize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_handles_all_line_endings() {
        let text = "a\nbc\r\nd\re";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(0), LineCol { line: 1, col: 0 });
        assert_eq!(idx.line_col(3), LineCol { line: 2, col: 1 });
        assert_eq!(idx.line_col(6), LineCol { line: 3, col: 0 });
        assert_eq!(idx.line_col(8), LineCol { line: 4, col: 0 });
        assert_eq!(idx.line_text(text, 1), "bc");
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs() {
        let text = "x = '😀é'";
        let idx = LineIndex::new(text);
        let end = text.len() as TextSize;
        assert_eq!(idx.utf16_col(text, end), 9);
        assert_eq!(idx.char_col(text, end), 8);
        assert_eq!(idx.offset_of_utf16(text, 0, 9), end);
    }
}
