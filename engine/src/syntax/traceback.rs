//! A syntax error printed exactly as CPython 3.11 prints one that stops a program from
//! compiling: `  File "NAME", line N`, the source line, a caret line, `SyntaxError: msg`.
//!
//! The layout follows CPython's `print_exception`/`print_error_text` (Python/pythonrun.c),
//! quirks included: offsets are UTF-8 byte columns unless the file declares an encoding,
//! leading whitespace is stripped and the caret moved with it (no caret when it would land
//! left of the text), only plain `SyntaxError`s get a caret range, and a file's line is read
//! back in 999-byte chunks so a long line shows only its last chunk.
//!
//! Shared by `adder run` and the REPL (which reports its input as `<stdin>`, not a file).

use super::{LineIndex, SyntaxError, SyntaxErrorType, TextSize};
use std::fmt::Write;

/// The text an error is reported against, and how CPython got it.
#[derive(Clone, Copy)]
pub struct SourceFile<'a> {
    /// The name shown in `File "NAME"`.
    pub name: &'a str,
    pub text: &'a str,
    /// Column offsets in characters rather than UTF-8 bytes (the file declares an encoding).
    pub char_offsets: bool,
    /// Read from a real file, which CPython re-reads for the error line and which changes
    /// where it puts errors found at end of file.
    pub from_file: bool,
}

/// The full stderr text CPython prints for `error` raised while compiling `file`.
pub fn format_syntax_error(file: &SourceFile<'_>, error: &SyntaxError) -> String {
    let mut out = String::new();
    let loc = Location::of(file, error);
    let _ = writeln!(out, "  File \"{}\", line {}", file.name, loc.lineno);
    if let Some(text) = &loc.text {
        let line_size = text.len() as i64;
        let mut end_offset = loc.end_offset;
        if loc.end_lineno > loc.lineno {
            end_offset = line_size;
        }
        end_offset = end_offset.min(line_size + 1);
        print_error_text(&mut out, loc.offset, end_offset, text);
    }
    let _ = writeln!(out, "{}: {}", error.error_type.name(), error.message);
    out
}

/// CPython's (lineno, offset, end_lineno, end_offset, text) for an error: 1-based line,
/// 1-based column (0 when CPython has none), and the source line with its newline.
struct Location {
    lineno: usize,
    offset: i64,
    end_lineno: usize,
    end_offset: i64,
    text: Option<String>,
}

impl Location {
    fn of(file: &SourceFile<'_>, error: &SyntaxError) -> Location {
        let source = file.text;
        let index = LineIndex::new(source);
        let last = end_of_last_line(source);
        let start = error.range.start.min(last);
        let end = error.range.end.clamp(start, last);
        let line = index.line_of(start);
        let end_line = index.line_of(end);
        let column = |offset: TextSize, line: usize| -> i64 {
            let byte_col = offset - index.line_start(line);
            if file.char_offsets {
                index.char_col(source, offset) as i64
            } else {
                i64::from(byte_col)
            }
        };
        let mut offset = column(start, line) + 1;
        let end_offset = match error.error_type {
            SyntaxErrorType::SyntaxError => column(end, end_line) + 1,
            // CPython drops the end of SyntaxError subclasses: one caret.
            _ => -1,
        };
        if file.from_file && reported_at_end_marker(source, start, error) {
            offset = 0;
        }
        Location {
            lineno: line + 1,
            offset,
            end_lineno: end_line + 1,
            end_offset,
            text: line_text(file, &index, line, error),
        }
    }
}

/// The end of the last line's text: CPython puts errors found at end of file on the last
/// line, never on the empty one after a final newline.
fn end_of_last_line(source: &str) -> TextSize {
    let trimmed = source
        .strip_suffix("\r\n")
        .or_else(|| source.strip_suffix(['\n', '\r']))
        .unwrap_or(source);
    trimmed.len() as TextSize
}

/// Errors CPython raises on the end-of-file token get column 0 (no caret) when the program
/// is read from a file, unlike in `compile()`, which the engine's positions follow.
fn reported_at_end_marker(source: &str, start: TextSize, error: &SyntaxError) -> bool {
    let rest = source.get(start as usize..).unwrap_or("");
    let at_end = rest.chars().all(|c| c.is_whitespace());
    let message = error.message.as_str();
    message == "source code cannot contain null bytes"
        || at_end
            && (message.starts_with("expected an indented block")
                || message == "unexpected EOF while parsing"
                || message == "expected 'except' or 'finally' block")
}

/// The source line as CPython has it: with its newline (line ends normalized to `\n`), up to
/// a NUL (it is a C string), and for a file only the last 999-byte chunk of a long line,
/// which is what its line re-reading keeps. Tokenizer errors carry the whole line.
fn line_text(
    file: &SourceFile<'_>,
    index: &LineIndex,
    line: usize,
    error: &SyntaxError,
) -> Option<String> {
    if line >= index.line_count() {
        return None;
    }
    let content = index.line_text(file.text, line);
    let line_end = index.line_start(line) as usize + content.len();
    let mut text = content.split('\0').next().unwrap_or("").to_string();
    if line_end < file.text.len() {
        text.push('\n');
    }
    let from_tokenizer = error.message.starts_with("unterminated");
    if file.from_file && !from_tokenizer && text.len() > 999 {
        let tail = match text.len() % 999 {
            0 => 999,
            n => n,
        };
        let mut cut = text.len() - tail;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.drain(..cut);
    }
    Some(text)
}

/// `print_error_text` of pythonrun.c: byte-oriented, like the C it mirrors.
fn print_error_text(out: &mut String, offset: i64, end_offset: i64, text: &str) {
    let carets = if end_offset > 0 && end_offset > offset {
        end_offset - offset
    } else {
        1
    };
    let mut offset = offset - 1;
    let mut text = text;
    let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
    offset -= (text.len() - stripped.len()) as i64;
    text = stripped;
    let len = text.len() as i64 - i64::from(text.ends_with('\n'));
    offset = offset.min(len);
    // Skip lines before the caret when the text holds several (multi-line tokens).
    while let Some(nl) = text.find('\n') {
        let nl = nl as i64;
        if nl >= offset {
            break;
        }
        text = &text[nl as usize + 1..];
        offset -= nl + 1;
    }
    out.push_str("    ");
    out.push_str(text);
    if !text.ends_with('\n') {
        out.push('\n');
    }
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    out.extend(std::iter::repeat_n(' ', offset as usize));
    out.extend(std::iter::repeat_n('^', carets as usize));
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::TextRange;

    /// Renders an error at byte range `start..end` of `source` (read from a file named x.py).
    fn render(
        source: &str,
        start: u32,
        end: u32,
        error_type: SyntaxErrorType,
        msg: &str,
    ) -> String {
        let file = SourceFile {
            name: "x.py",
            text: source,
            char_offsets: false,
            from_file: true,
        };
        let error = SyntaxError {
            error_type,
            message: msg.into(),
            range: TextRange::new(start, end),
        };
        let full = format_syntax_error(&file, &error);
        let body = full.strip_prefix("  File \"x.py\", ").unwrap_or(&full);
        body.strip_suffix(&format!("{}: {msg}\n", error_type.name()))
            .unwrap_or(body)
            .into()
    }

    use SyntaxErrorType::{IndentationError as Indent, SyntaxError as Syntax, TabError as Tab};

    // Each expected text is what python3 3.11.7 prints for the same file.
    #[test]
    fn matches_cpython() {
        let cases: &[(&str, u32, u32, SyntaxErrorType, &str)] = &[
            (
                "x = 1\ny = x +* 2\n",
                13,
                14,
                Syntax,
                "line 2\n    y = x +* 2\n           ^\n",
            ),
            (
                "x = (1,\n",
                4,
                4,
                Syntax,
                "line 1\n    x = (1,\n        ^\n",
            ),
            (
                "print \"hello\"\n",
                0,
                13,
                Syntax,
                "line 1\n    print \"hello\"\n    ^^^^^^^^^^^^^\n",
            ),
            (
                "x = (\n  1,\n  2 3)\n",
                13,
                16,
                Syntax,
                "line 3\n    2 3)\n    ^^^\n",
            ),
            (
                "def f():\nreturn 1\n",
                9,
                15,
                Indent,
                "line 2\n    return 1\n    ^\n",
            ),
            (
                "if x:\n    a\n  b\n",
                15,
                15,
                Indent,
                "line 3\n    b\n     ^\n",
            ),
            ("\tx = = 1\n", 0, 0, Indent, "line 1\n    x = = 1\n"),
            (
                "if x:\n\tif y:\n        pass\n",
                13,
                13,
                Tab,
                "line 3\n    pass\n",
            ),
            ("if x:\n", 5, 5, Indent, "line 1\n    if x:\n"),
            ("if x:\n", 6, 6, Indent, "line 1\n    if x:\n"),
            ("try:\n    pass\n", 14, 14, Syntax, "line 2\n    pass\n"),
            (
                "x = 1 +\n",
                7,
                7,
                Syntax,
                "line 1\n    x = 1 +\n           ^\n",
            ),
            (
                "x = 1 +",
                7,
                7,
                Syntax,
                "line 1\n    x = 1 +\n           ^\n",
            ),
            (
                "s = \"é\" +* 2\n",
                10,
                11,
                Syntax,
                "line 1\n    s = \"é\" +* 2\n              ^\n",
            ),
            (
                "x = 1\r\ny = = 2\r\n",
                11,
                12,
                Syntax,
                "line 2\n    y = = 2\n        ^\n",
            ),
            ("try:\n    pass\n", 13, 13, Syntax, "line 2\n    pass\n"),
            ("x = 1\0\n", 5, 5, Syntax, "line 1\n    x = 1\n"),
            (
                "f(a for a in\n  b, c)\n",
                2,
                16,
                Syntax,
                "line 1\n    f(a for a in\n      ^^^^^^^^^^\n",
            ),
            (
                "(a,\n b) += 1\n",
                0,
                7,
                Syntax,
                "line 1\n    (a,\n    ^^^\n",
            ),
        ];
        for &(source, start, end, ty, expected) in cases {
            let msg = match (source, ty) {
                ("try:\n    pass\n", _) => "expected 'except' or 'finally' block",
                ("x = 1\0\n", _) => "source code cannot contain null bytes",
                ("if x:\n", _) => "expected an indented block after 'if' statement on line 1",
                _ => "m",
            };
            assert_eq!(render(source, start, end, ty, msg), expected, "{source:?}");
        }
    }

    #[test]
    fn long_lines_show_their_last_chunk() {
        let source = format!("x = {} 2 +* 3\n", "1+".repeat(1500));
        let star = source.find('*').unwrap_or(0) as u32;
        let got = render(&source, star, star + 1, Syntax, "m");
        assert_eq!(got, "line 1\n    +1+1+1+ 2 +* 3\n                  ^\n");
    }
}
