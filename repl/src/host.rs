//! The VM's host in a terminal session: output written as it happens (flushed at each
//! newline, as CPython's line-buffered stdout on a terminal), `input()` reading stdin. While
//! the TUI owns the screen, output goes to it through a channel instead (and `input()` reads
//! end of file: the keyboard belongs to the TUI).

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

#[derive(Default)]
pub struct TerminalHost {
    sink: Sink,
}

impl TerminalHost {
    pub fn new(sink: Sink) -> TerminalHost {
        TerminalHost { sink }
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
    }

    fn write_stderr(&mut self, text: &str) {
        if self.divert(Stream::Stderr, text) {
            return;
        }
        let _ = io::stdout().flush();
        let _ = io::stderr().write_all(text.as_bytes());
    }

    fn flush_stdout(&mut self) {
        let _ = io::stdout().flush();
    }

    fn read_line(&mut self) -> Option<String> {
        if self.diverted() {
            return None;
        }
        let _ = io::stdout().flush();
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
