//! The VM's host for a program run from the command line: stdout block-buffered (as CPython's
//! is when it is not a terminal; line-buffered when it is), stderr unbuffered, stdin lines.

use engine::vm::host::Host;
use std::io::{self, BufRead, IsTerminal, Write};

pub struct OsHost {
    stdout: io::BufWriter<io::Stdout>,
    line_buffered: bool,
}

impl OsHost {
    pub fn new() -> OsHost {
        OsHost {
            stdout: io::BufWriter::with_capacity(1 << 16, io::stdout()),
            line_buffered: io::stdout().is_terminal(),
        }
    }
}

impl Host for OsHost {
    fn write_stdout(&mut self, text: &str) {
        // A closed pipe is not the program's error; CPython reports it at exit, we drop it.
        let _ = self.stdout.write_all(text.as_bytes());
        if self.line_buffered && text.contains('\n') {
            let _ = self.stdout.flush();
        }
    }

    fn write_stderr(&mut self, text: &str) {
        // As in CPython, stderr does not flush a block-buffered stdout.
        let _ = io::stderr().write_all(text.as_bytes());
    }

    fn flush_stdout(&mut self) {
        let _ = self.stdout.flush();
    }

    fn read_line(&mut self) -> Option<String> {
        let _ = self.stdout.flush();
        let mut line = String::new();
        match io::stdin().lock().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                if line.ends_with('\n') {
                    line.pop();
                    if line.ends_with('\r') {
                        line.pop();
                    }
                }
                Some(line)
            }
        }
    }
}

impl Drop for OsHost {
    fn drop(&mut self) {
        let _ = self.stdout.flush();
    }
}
