//! Line numbers for error messages ("detected at line N", "on line N"), computed lazily:
//! the lexer itself never tracks lines, errors are rare.

/// Counts line terminators (`\n`, `\r\n`, lone `\r`) up to an offset, remembering the last
/// answer so that queries in increasing order cost one pass in total.
#[derive(Default)]
pub(super) struct LineCounter {
    offset: usize,
    line: u32,
}

impl LineCounter {
    /// 1-based line number containing byte `offset` of `bytes`.
    pub(super) fn line_of(&mut self, bytes: &[u8], offset: usize) -> u32 {
        let offset = offset.min(bytes.len());
        if offset < self.offset {
            *self = LineCounter::default();
        }
        let mut line = self.line;
        let mut i = self.offset;
        while i < offset {
            match bytes[i] {
                b'\n' => line += 1,
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => line += 1,
                _ => {}
            }
            i += 1;
        }
        self.offset = offset;
        self.line = line;
        line + 1
    }
}
