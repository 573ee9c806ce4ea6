//! A syntax error shown linter-style for `adder check` and `adder parse`:
//! `FILE:LINE:COL: error: message`, then the source line with the range underlined.
//! Columns are 1-based and count characters. Colour is the caller's choice.

use engine::syntax::{LineIndex, SyntaxError, TextSize};
use std::fmt::Write;

const RED_BOLD: &str = "\x1b[1;31m";
const BLUE_BOLD: &str = "\x1b[1;34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Renders one diagnostic (several lines, each ending in `\n`).
pub fn render(
    path: &str,
    source: &str,
    index: &LineIndex,
    error: &SyntaxError,
    color: bool,
) -> String {
    let paint = |style: &'static str| if color { style } else { "" };
    let (red, blue, bold, reset) = (paint(RED_BOLD), paint(BLUE_BOLD), paint(BOLD), paint(RESET));
    let len = source.len() as TextSize;
    let start = error.range.start.min(len);
    let end = error.range.end.clamp(start, len);
    let line = index.line_of(start);
    let col = index.char_col(source, start);
    let text = index.line_text(source, line);
    let line_start = index.line_start(line) as usize;
    // Underline to the range's end, or to the end of the line when it goes on past it.
    let end_in_line = (end as usize)
        .min(line_start + text.len())
        .max(start as usize);
    let prefix = text.get(..start as usize - line_start).unwrap_or("");
    let marked = source.get(start as usize..end_in_line).unwrap_or("");
    let number = (line + 1).to_string();
    let gutter = " ".repeat(number.len());

    let mut out = String::new();
    let _ = writeln!(
        out,
        "{bold}{path}:{}:{}:{reset} {red}error{reset}{bold}: {}{reset}",
        line + 1,
        col + 1,
        error.message
    );
    let _ = writeln!(out, "{blue}{gutter} |{reset}");
    let _ = writeln!(
        out,
        "{blue}{number} |{reset} {}",
        text.replace('\t', "    ")
    );
    let _ = writeln!(
        out,
        "{blue}{gutter} |{reset} {}{red}{}{reset}",
        " ".repeat(display_width(prefix)),
        "^".repeat(display_width(marked).max(1))
    );
    out
}

/// Columns a piece of one line takes once tabs are shown as four spaces.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::syntax::TextRange;

    fn check(source: &str, start: u32, end: u32, expected: &str) {
        let error = SyntaxError::new("bad", TextRange::new(start, end));
        let got = render("x.py", source, &LineIndex::new(source), &error, false);
        assert_eq!(got, expected, "{source:?}");
    }

    #[test]
    fn layout() {
        check(
            "y = x +* 2\n",
            7,
            8,
            "x.py:1:8: error: bad\n  |\n1 | y = x +* 2\n  |        ^\n",
        );
        check(
            "a\n\tb c\n",
            5,
            6,
            "x.py:2:4: error: bad\n  |\n2 |     b c\n  |       ^\n",
        );
        check(
            "é = (\n1\n",
            5,
            9,
            "x.py:1:5: error: bad\n  |\n1 | é = (\n  |     ^\n",
        );
        check(
            "x = 1 +",
            7,
            7,
            "x.py:1:8: error: bad\n  |\n1 | x = 1 +\n  |        ^\n",
        );
        check("x\n", 2, 2, "x.py:2:1: error: bad\n  |\n2 | \n  | ^\n");
    }
}
