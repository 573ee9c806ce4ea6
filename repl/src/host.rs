//! The VM's host in a terminal session: output written as it happens (flushed at each
//! newline, as CPython's line-buffered stdout on a terminal), `input()` reading a line. While
//! the line REPL runs code, `input()` asks the REPL's line editor for the line, as CPython's
//! `input()` goes through readline: input typed or pasted ahead may already sit in the
//! editor's read buffer, where a plain read of stdin would not see it. While the TUI owns the
//! screen, output goes to it through a channel instead (and `input()` reads end of file: the
//! keyboard belongs to the TUI).

use engine::vm::host::Host;
use std::io::{self, BufRead, Write};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

/// Which stream a piece of output was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Where output goes while the TUI shows it.
pub type Sink = Arc<Mutex<Option<Sender<(Stream, String)>>>>;

/// `input()` asking the line editor for a line: the text already on the cursor's line (the
/// prompt, for the editor to redraw) and where the answer goes (`None`: end of input).
pub struct LineRequest {
    pub prompt: String,
    pub reply: Sender<Option<String>>,
}

/// The line editor as `input()` sees it.
#[derive(Default)]
pub struct EditorLink {
    /// Where `input()` asks for lines while the line REPL runs code (else it reads stdin).
    pub requests: Option<Sender<LineRequest>>,
    /// The editor left the cursor at the start of a line: output since is the prompt.
    pub fresh_line: bool,
}

pub type Lines = Arc<Mutex<EditorLink>>;

/// How much of an unfinished output line is kept as the next prompt.
const PROMPT_MAX: usize = 256;

#[derive(Default)]
pub struct TerminalHost {
    sink: Sink,
    lines: Lines,
    /// Stdout written since its last newline.
    partial: String,
}

impl TerminalHost {
    pub fn new(sink: Sink, lines: Lines) -> TerminalHost {
        TerminalHost {
            sink,
            lines,
            partial: String::new(),
        }
    }

    /// Sends `text` to the TUI if it is showing; false if output goes to the terminal.
    fn divert(&self, stream: Stream, text: &str) -> bool {
        match self.sink.lock() {
            Ok(sink) => match sink.as_ref() {
                Some(tx) => {
                    let _ = tx.send((stream, text.to_owned()));
                    true
                }
                None => false,
            },
            Err(_) => false,
        }
    }

    /// Follows what the cursor's line holds, for `input()`'s prompt.
    fn track(&mut self, text: &str) {
        if let Ok(mut link) = self.lines.lock() {
            if std::mem::take(&mut link.fresh_line) {
                self.partial.clear();
            }
        }
        match text.rfind('\n') {
            Some(at) => self.partial = text[at + 1..].to_owned(),
            None => self.partial.push_str(text),
        }
        if self.partial.len() > PROMPT_MAX {
            self.partial.clear();
        }
    }

    fn diverted(&self) -> bool {
        self.sink.lock().map(|s| s.is_some()).unwrap_or(false)
    }
}

impl Host for TerminalHost {
    fn write_stdout(&mut self, text: &str) {
        if self.divert(Stream::Stdout, text) {
            return;
        }
        let mut out = io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        if text.contains('\n') {
            let _ = out.flush();
        }
        self.track(text);
    }

    fn write_stderr(&mut self, text: &str) {
        if self.divert(Stream::Stderr, text) {
            return;
        }
        let _ = io::stdout().flush();
        let _ = io::stderr().write_all(text.as_bytes());
        self.track(text);
    }

    fn flush_stdout(&mut self) {
        let _ = io::stdout().flush();
    }

    fn read_line(&mut self) -> Option<String> {
        if self.diverted() {
            return None;
        }
        let _ = io::stdout().flush();
        self.track("");
        let editor = self.lines.lock().ok().and_then(|l| l.requests.clone());
        if let Some(editor) = editor {
            let (reply, answer) = std::sync::mpsc::channel();
            let prompt = std::mem::take(&mut self.partial);
            if editor.send(LineRequest { prompt, reply }).is_ok() {
                return answer.recv().ok().flatten();
            }
        }
        let mut line = String::new();
        match io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                let trimmed = line.trim_end_matches(['\n', '\r']).len();
                line.truncate(trimmed);
                Some(line)
            }
        }
    }
}
