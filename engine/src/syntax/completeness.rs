//! Is a REPL buffer a complete statement? CPython's `codeop.compile_command` decides it, and
//! this module reproduces its answer for `single` mode.
//!
//! `codeop` compiles the buffer with `PyCF_ALLOW_INCOMPLETE_INPUT | PyCF_DONT_IMPLY_DEDENT`:
//! success means complete; otherwise it compiles the buffer plus `"\n"`, and success or an
//! "incomplete input" error means incomplete; anything else is invalid. Under those flags the
//! parser calls any failure "incomplete input" once the tokenizer has reached the end of the
//! text, and single mode turns the first end marker into a NEWLINE without implying DEDENTs,
//! so a compound statement only ends at an unindented end of text.
//!
//! The REPL should pass its lines joined by `"\n"` without a final newline, as
//! `code.InteractiveConsole` does: `"def f():\n    pass"` is incomplete, and the empty line
//! that follows makes it `"def f():\n    pass\n"`, which is complete.

use super::lexer::lex;
use super::parser::{parse, Mode};
use super::text::LineIndex;
use super::token::{Token, TokenKind};
use super::SyntaxError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completeness {
    /// Run it.
    Complete,
    /// Ask for another line.
    Incomplete,
    /// Report the syntax error now.
    Invalid,
}

/// What one `compile(…, 'single', PyCF_ALLOW_INCOMPLETE_INPUT)` call does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Attempt {
    Compiles,
    IncompleteInput,
    Fails,
}

pub fn completeness(source: &str) -> Completeness {
    // Only blank lines and comments: codeop compiles `pass` instead.
    if source.split('\n').all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#')
    }) {
        return Completeness::Complete;
    }
    match attempt(source) {
        Attempt::Compiles => return Completeness::Complete,
        Attempt::IncompleteInput | Attempt::Fails => {}
    }
    let mut with_newline = String::with_capacity(source.len() + 1);
    with_newline.push_str(source);
    with_newline.push('\n');
    match attempt(&with_newline) {
        Attempt::Compiles | Attempt::IncompleteInput => Completeness::Incomplete,
        Attempt::Fails => Completeness::Invalid,
    }
}

fn attempt(text: &str) -> Attempt {
    let parsed = parse(text, Mode::Module);
    let tokens = lex(text).tokens;
    let body = &parsed.module.body;
    let lines = LineIndex::new(text);
    let first_error = parsed.errors.first();
    // Single mode stops after one statement (simple statements joined by `;` on one logical
    // line); anything after it is "multiple statements found".
    if let Some(first) = body.first() {
        let first_is_clean = first_error.is_none_or(|e| e.range.start >= first.range.end);
        let mut prev = first;
        for s in body.iter().skip(1) {
            let same_line = lines.line_of(s.range.start) == lines.line_of(prev.range.end);
            if first_is_clean && (prev.is_compound() || s.is_compound() || !same_line) {
                return Attempt::Fails;
            }
            prev = s;
        }
    }
    if first_error.is_some() {
        return if failed_at_end(&tokens, &parsed.errors) {
            Attempt::IncompleteInput
        } else {
            Attempt::Fails
        };
    }
    let Some(last) = body.last() else {
        return Attempt::Compiles;
    };
    if text.ends_with('\n') || text.ends_with('\r') || !last.is_compound() {
        return Attempt::Compiles;
    }
    // The compound statement needs the NEWLINE the end marker becomes; what is left of the
    // last line decides whether the tokenizer still has one to give.
    let last_line_start = lines.line_start(lines.line_count() - 1) as usize;
    let last_line = &text[last_line_start..];
    let after_statement = last_line_start as u32 >= last.range.end;
    let has_block = tokens
        .iter()
        .any(|t| t.kind == TokenKind::Indent && last.range.contains(t.range.start));
    if !after_statement || has_block {
        return Attempt::IncompleteInput;
    }
    // An inline body (`if x: pass`) then a blank last line: indentation there becomes an
    // INDENT the statement cannot take; a comment is skipped.
    if last_line.trim_start().starts_with('#') {
        Attempt::Compiles
    } else {
        Attempt::IncompleteInput
    }
}

/// Whether the parser failed only because the text ended (CPython's `_is_end_of_source`).
/// Tokenizer errors found at the end (an unclosed bracket or string) say so unless the
/// parser failed earlier, which a further error then shows.
fn failed_at_end(tokens: &[Token], errors: &[SyntaxError]) -> bool {
    let mut eof_error = false;
    for error in errors {
        let message = error.message.as_str();
        // A string left open runs to the end: whatever else failed, failed there.
        if message.starts_with("unterminated triple-quoted string")
            || message.starts_with("unexpected EOF")
        {
            return true;
        }
        if message.contains("was never closed") {
            eof_error = true;
            continue;
        }
        return error_at_end(tokens, error);
    }
    eof_error
}

fn error_at_end(tokens: &[Token], error: &SyntaxError) -> bool {
    let message = error.message.as_str();
    let at = error.range.start;
    let mut rest = tokens.iter().filter(|t| {
        t.range.start >= at && !t.kind.is_trivia() && !matches!(t.kind, TokenKind::Dedent)
    });
    if message.starts_with("expected an indented block") {
        // Reported at the NEWLINE; the parser failed on the token after it.
        return rest.all(|t| matches!(t.kind, TokenKind::Newline | TokenKind::EndOfFile));
    }
    match rest.next() {
        None => true,
        Some(t) => match t.kind {
            TokenKind::EndOfFile => true,
            // The NEWLINE made up at the end of a text without one.
            TokenKind::Newline => t.range.is_empty(),
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{completeness, Completeness};

    /// Each case was checked with `codeop.compile_command(src, '<input>', 'single')`.
    #[test]
    fn matches_codeop() {
        use Completeness::{Complete as C, Incomplete as I, Invalid as X};
        let cases: &[(&str, Completeness)] = &[
            ("if x:", I),
            ("if x:\n", I),
            ("x = (1,", I),
            ("def f():\n    pass\n", C),
            ("def f():\n    pass", I),
            ("def f():\n    pass\n\n", C),
            (")", X),
            ("\"\"\"abc", I),
            ("x = 1 \\", I),
            ("1 +", X),
            ("@dec", I),
            ("@dec\n", I),
            ("x = 1", C),
            ("x = 1\n", C),
            ("", C),
            ("\n", C),
            ("# c", C),
            ("  ", C),
            ("if x:\n    pass\nelse:", I),
            ("if x:\n    pass\nelse:\n    pass\n", C),
            ("x = [1,\n2]", C),
            ("x = [1,\n2", I),
            ("'abc", X),
            ("'''abc'''", C),
            ("f(", I),
            ("1 + (", I),
            ("if x:\n  pass\n  ", I),
            ("if x:\n    y = (1,", I),
            ("class C:", I),
            ("class C:\n    def f(self):\n        pass\n", C),
            ("x = 1\ny = 2", X),
            ("if x:\npass", X),
            ("  x = 1", X),
            ("1 2", X),
            ("def f(:", X),
            ("import", X),
            ("from x import (a,", I),
            ("lambda:", X),
            ("x +=", X),
            ("try:\n    pass\n", I),
            ("try:\n    pass\nexcept:\n    pass\n", C),
            ("match x:", I),
            ("match x:\n    case 1:\n        pass\n", C),
            ("if x:\n    pass\n\nelse:", I),
            ("x = 1;", C),
            ("x = \\\n1", C),
            ("(", I),
            ("def f():\n    return 1\nf()", X),
            ("if 1:\n  x\n y", X),
            ("$", X),
            ("x = 1 # comment", C),
            ("def f():\n    '''doc", I),
            ("@dec\ndef f(): pass", I),
            ("@dec\ndef f(): pass\n", C),
            ("if x: pass", I),
            ("if x: pass\n", C),
            ("for x in y: pass\nelse:", I),
            ("x = 1\n\n", C),
            ("x = 1\n   ", C),
            ("x = 1\n# c", C),
            ("if x:\n    pass\n    ", I),
            ("if x:\n    pass\n# c", I),
            ("if x: pass\n# c", C),
            ("if x: pass\n   ", I),
            ("x = 1 \\\n", I),
            ("x = 1\nif y:", X),
            ("x = 1;y = 2", C),
            ("if x: pass; y\n", C),
            ("\n\nx = 1", C),
            ("x = (1,\n  2,", I),
            ("if x:\n    pass\nelif y:\n    pass", I),
            ("def f(a,\n      b):\n    pass\n", C),
        ];
        let mut failures = Vec::new();
        for &(source, want) in cases {
            let got = completeness(source);
            if got != want {
                failures.push(format!("{source:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
