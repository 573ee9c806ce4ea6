//! The VM's host in a terminal session: output written as it happens (flushed at each
//! newline, as CPython's line-buffered stdout on a terminal), `input()` reading stdin.

use engine::vm::host::Host;
use std::io::{self, BufRead, Write};

pub struct TerminalHost;

impl Host for TerminalHost {
    fn write_stdout(&mut self, text: &str) {
        let mut out = io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        if text.contains('\n') {
            let _ = out.flush();
        }
    }

    fn write_stderr(&mut self, text: &str) {
        let _ = io::stdout().flush();
        let _ = io::stderr().write_all(text.as_bytes());
    }

    fn flush_stdout(&mut self) {
        let _ = io::stdout().flush();
    }

    fn read_line(&mut self) -> Option<String> {
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
