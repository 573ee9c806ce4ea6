//! The VM's window on the outside world. The engine does no I/O itself: `print`, `input` and
//! `sys.stdout` write through the host that the embedder (command line, REPL, language server,
//! tests) supplies. The file-system methods (imports, `os`) default to the local file system,
//! which every embedder so far wants; a sandboxing host overrides them.

pub trait Host {
    fn write_stdout(&mut self, text: &str);
    fn write_stderr(&mut self, text: &str);
    fn flush_stdout(&mut self) {}
    /// One line of standard input without its newline; `None` at end of input.
    fn read_line(&mut self) -> Option<String>;

    /// The bytes of the file at `path` (imports read module sources through this).
    fn read_file(&mut self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    /// What is at `path`: `None` when nothing (or nothing readable) is there.
    fn path_kind(&mut self, path: &str) -> Option<PathKind> {
        let meta = std::fs::metadata(path).ok()?;
        Some(if meta.is_dir() {
            PathKind::Dir
        } else {
            PathKind::File
        })
    }

    /// The names in directory `path`, in the order the system lists them.
    fn list_dir(&mut self, path: &str) -> std::io::Result<Vec<String>> {
        std::fs::read_dir(path)?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect()
    }

    /// The working directory (what `''` on `sys.path` and `os.getcwd()` mean).
    fn current_dir(&mut self) -> Option<String> {
        std::env::current_dir()
            .ok()
            .map(|p| p.to_string_lossy().into_owned())
    }

    /// Seconds since the Unix epoch (`time.time()`).
    fn wall_time(&mut self) -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    }

    /// Seconds on a clock that never goes back (`time.monotonic()`, `time.perf_counter()`).
    fn monotonic_time(&mut self) -> f64 {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_secs_f64()
    }

    /// CPU seconds used by the process (`time.process_time()`): Linux's scheduler
    /// statistics, else the monotonic clock.
    fn process_time(&mut self) -> f64 {
        std::fs::read_to_string("/proc/self/schedstat")
            .ok()
            .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
            .map_or_else(|| self.monotonic_time(), |ns| ns as f64 / 1e9)
    }

    /// Blocks for `seconds` (`time.sleep`).
    fn sleep(&mut self, seconds: f64) {
        std::thread::sleep(std::time::Duration::from_secs_f64(seconds));
    }

    /// The process environment, for `os.environ`.
    fn environment(&mut self) -> Vec<(String, String)> {
        std::env::vars_os()
            .map(|(k, v)| {
                (
                    k.to_string_lossy().into_owned(),
                    v.to_string_lossy().into_owned(),
                )
            })
            .collect()
    }
}

/// What a path names, as far as imports care.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PathKind {
    File,
    Dir,
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
