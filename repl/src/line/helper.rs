//! The line editor's Python smarts: completion from the live session (names only; the
//! session never runs user code for it), highlighting from the engine's lexer with the
//! matching bracket marked, and history suggestions shown dimmed after the cursor.

use super::prompts;
use crate::backend::Backend;
use crate::highlight;
use engine::session::worker::{Request, Response};
use rustyline::completion::Completer;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::borrow::Cow;
use std::sync::Arc;

pub struct PyHelper {
    session: Arc<Backend>,
    hinter: HistoryHinter,
    pub color: bool,
    /// The line is code (off while `input()` reads a line: plain text then).
    pub code: bool,
}

impl PyHelper {
    pub fn new(session: Arc<Backend>, color: bool) -> PyHelper {
        PyHelper {
            session,
            hinter: HistoryHinter::new(),
            color,
            code: true,
        }
    }
}

impl Completer for PyHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        if !self.code {
            return Ok((pos, Vec::new()));
        }
        let before = line.get(..pos).unwrap_or(line);
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        // Tab at the start of a line indents, as CPython's REPL does.
        if before[line_start..].trim().is_empty() {
            return Ok((pos, vec!["    ".to_owned()]));
        }
        if before.trim_start().starts_with('%') && !before.contains(' ') {
            let magics = crate::magic::NAMES
                .iter()
                .map(|m| format!("%{m}"))
                .filter(|m| m.starts_with(before.trim_start()))
                .collect();
            return Ok((line.len() - line.trim_start().len(), magics));
        }
        let request = Request::Complete {
            line: line.to_owned(),
            pos,
        };
        match self.session.call(request) {
            Some(Response::Completions { start, candidates }) => Ok((start, candidates)),
            _ => Ok((pos, Vec::new())),
        }
    }
}

impl Hinter for PyHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if line.trim().is_empty() || !self.code {
            return None;
        }
        // A block's hint is the rest of its first line: a whole block popping up under
        // every prefix would bury the screen (Up recalls it whole).
        let mut hint = self.hinter.hint(line, pos, ctx)?;
        if let Some(end) = hint.find('\n') {
            hint.truncate(end);
        }
        (!hint.is_empty()).then_some(hint)
    }
}

impl Highlighter for PyHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.code {
            return Cow::Borrowed(line);
        }
        if !line.contains(prompts::CONT) {
            if !self.color {
                return Cow::Borrowed(line);
            }
            return Cow::Owned(highlight::ansi(line, Some(pos)));
        }
        if !self.color {
            return Cow::Owned(line.replace(prompts::CONT, prompts::SHOWN));
        }
        // A recalled block: colour the code without its prompts, then put them back (plain,
        // the colour in force carried over them).
        let prompted = prompts::prompted_lines(line);
        let code = prompts::strip(line);
        let code_pos = prompts::strip(line.get(..pos).unwrap_or(line)).len();
        let coloured = highlight::ansi(&code, Some(code_pos.min(code.len())));
        let mut out = String::with_capacity(coloured.len() + 16 * prompted.len());
        let mut active = "";
        for (i, text) in coloured.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if prompted.get(i).copied().unwrap_or(false) {
                out.push_str("\x1b[0m");
                out.push_str(prompts::SHOWN);
                out.push_str(active);
            }
            out.push_str(text);
            if let Some(last) = last_sgr(text) {
                active = if last == "\x1b[0m" || last == "\x1b[m" {
                    ""
                } else {
                    last
                };
            }
        }
        Cow::Owned(out)
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if !self.color {
            return Cow::Borrowed(hint);
        }
        Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        // Colours depend on the whole line and the bracket on the cursor: redraw always.
        self.color && self.code
    }
}

/// The last SGR escape sequence in `text`, if any.
fn last_sgr(text: &str) -> Option<&str> {
    let start = text.rfind("\x1b[")?;
    let end = text[start..].find('m')?;
    Some(&text[start..start + end + 1])
}

impl Validator for PyHelper {}

impl Helper for PyHelper {}
