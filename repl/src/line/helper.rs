//! The line editor's Python smarts: completion from the live session (names only; the
//! session never runs user code for it), highlighting from the engine's lexer with the
//! matching bracket marked, and history suggestions shown dimmed after the cursor.

use crate::highlight;
use engine::session::worker::{Request, Response, SessionHandle};
use rustyline::completion::Completer;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::Validator;
use rustyline::{Context, Helper};
use std::borrow::Cow;
use std::sync::Arc;

pub struct PyHelper {
    session: Arc<SessionHandle>,
    hinter: HistoryHinter,
    pub color: bool,
    /// The line is code (off while `input()` reads a line: plain text then).
    pub code: bool,
}

impl PyHelper {
    pub fn new(session: Arc<SessionHandle>, color: bool) -> PyHelper {
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
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for PyHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color || !self.code {
            return Cow::Borrowed(line);
        }
        Cow::Owned(highlight::ansi(line, Some(pos)))
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

impl Validator for PyHelper {}

impl Helper for PyHelper {}
