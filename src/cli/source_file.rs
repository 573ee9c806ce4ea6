//! Reading a program from a file or stdin: bytes → text (PEP 263), with the file name as
//! CPython prints it and python3's wording when the file cannot be read.

use engine::syntax::source::decode_source;
use engine::syntax::SyntaxError;
use std::io::{self, Read};
use std::path::Path;

/// A program's decoded text and the name its errors are reported under.
#[derive(Clone)]
pub struct SourceFile {
    /// As CPython shows a script's name: a relative path is joined to the working directory
    /// verbatim (`/cwd/./x.py`, no normalization).
    pub name: String,
    pub text: String,
    /// Whether CPython reports column offsets in characters rather than UTF-8 bytes: it does
    /// when the file declares its encoding, since its tokenizer then keeps the encoding.
    pub char_offsets: bool,
    /// Whether this came from a real file, which CPython re-reads for the error line and
    /// which changes where it puts errors found at end of file.
    pub from_file: bool,
}

/// Why a program could not be turned into text.
pub enum LoadError {
    /// python3's message, e.g. `can't open file '/x.py': [Errno 2] No such file or directory`.
    Io(String),
    /// Undecodable bytes or a bad encoding declaration: CPython prints only the last line.
    Decode(SyntaxError),
}

impl SourceFile {
    /// The view of this file that syntax-error reports need.
    pub fn reported(&self) -> engine::syntax::traceback::SourceFile<'_> {
        engine::syntax::traceback::SourceFile {
            name: &self.name,
            text: &self.text,
            char_offsets: self.char_offsets,
            from_file: self.from_file,
        }
    }

    pub fn read(path: &Path) -> Result<SourceFile, LoadError> {
        let name = cpython_script_name(path);
        let bytes = std::fs::read(path)
            .map_err(|e| LoadError::Io(format!("can't open file '{name}': {}", errno_text(&e))))?;
        Self::decode(name, &bytes, true)
    }

    pub fn read_stdin() -> Result<SourceFile, LoadError> {
        let mut bytes = Vec::new();
        io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| LoadError::Io(format!("can't read <stdin>: {}", errno_text(&e))))?;
        Self::decode("<stdin>".to_string(), &bytes, false)
    }

    /// A `-c` program: already text, reported as `<string>`.
    pub fn from_code(code: &str) -> SourceFile {
        SourceFile {
            name: "<string>".to_string(),
            char_offsets: declares_encoding(code.as_bytes()),
            text: code.to_string(),
            from_file: false,
        }
    }

    fn decode(name: String, bytes: &[u8], from_file: bool) -> Result<SourceFile, LoadError> {
        let text = decode_source(bytes).map_err(LoadError::Decode)?;
        Ok(SourceFile {
            name,
            char_offsets: declares_encoding(bytes),
            text,
            from_file,
        })
    }
}

/// The script name CPython 3.11 reports: relative paths are made absolute by plain joining.
pub fn cpython_script_name(path: &Path) -> String {
    if path.is_absolute() {
        return path.display().to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => format!("{}/{}", cwd.display(), path.display()),
        Err(_) => path.display().to_string(),
    }
}

/// `[Errno 2] No such file or directory`, as Python formats an OSError.
pub fn errno_text(error: &io::Error) -> String {
    let text = error.to_string();
    match error.raw_os_error() {
        Some(code) => {
            let suffix = format!(" (os error {code})");
            format!(
                "[Errno {code}] {}",
                text.strip_suffix(&suffix).unwrap_or(&text)
            )
        }
        None => text,
    }
}

/// Whether one of the first two lines is a PEP 263 coding declaration
/// (`^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+`); the second counts only after a blank or comment line.
fn declares_encoding(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut lines = bytes.split(|&b| b == b'\n' || b == b'\r');
    let Some(first) = lines.next() else {
        return false;
    };
    if is_coding_line(first) {
        return true;
    }
    let first_is_trivia = first
        .iter()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\x0c'))
        .is_none_or(|&b| b == b'#');
    first_is_trivia && lines.next().is_some_and(is_coding_line)
}

fn is_coding_line(line: &[u8]) -> bool {
    let start = line
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t' | b'\x0c'));
    let Some(comment) = start.map(|s| &line[s..]).filter(|l| l.starts_with(b"#")) else {
        return false;
    };
    comment.windows(7).enumerate().any(|(i, w)| {
        w.starts_with(b"coding")
            && matches!(w[6], b':' | b'=')
            && comment[i + 7..]
                .iter()
                .find(|b| !matches!(b, b' ' | b'\t'))
                .is_some_and(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coding_declarations() {
        let cases: &[(&str, bool)] = &[
            ("# -*- coding: latin-1 -*-\n", true),
            ("#!/usr/bin/python\n# vim: set fileencoding=utf-8 :\n", true),
            ("x = 1\n# coding: latin-1\n", false),
            ("  # coding=utf-8", true),
            ("# coding:\n", false),
            ("x = 1\n", false),
            ("", false),
            ("\n\n# coding: latin-1\n", false),
        ];
        for &(text, expected) in cases {
            assert_eq!(declares_encoding(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn errno_wording() {
        let e = io::Error::from_raw_os_error(2);
        assert_eq!(errno_text(&e), "[Errno 2] No such file or directory");
    }
}
