//! The VM's window on the outside world. The engine does no I/O itself: `print`, `input` and
//! `sys.stdout` write through the host that the embedder (command line, REPL, language server,
//! tests) supplies.

pub trait Host {
    fn write_stdout(&mut self, text: &str);
    fn write_stderr(&mut self, text: &str);
    fn flush_stdout(&mut self) {}
    /// One line of standard input without its newline; `None` at end of input.
    fn read_line(&mut self) -> Option<String>;
}

/// A host that records output, for tests and for capturing evaluation results.
#[derive(Default)]
pub struct CaptureHost {
    pub stdout: String,
    pub stderr: String,
    pub stdin: std::collections::VecDeque<String>,
}

impl Host for CaptureHost {
    fn write_stdout(&mut self, text: &str) {
        self.stdout.push_str(text);
    }

    fn write_stderr(&mut self, text: &str) {
        self.stderr.push_str(text);
    }

    fn read_line(&mut self) -> Option<String> {
        self.stdin.pop_front()
    }
}
