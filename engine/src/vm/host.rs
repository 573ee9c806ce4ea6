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

    /// Opens the file at `path` (`open()`): a directory is refused with `EISDIR`, as CPython
    /// refuses it.
    fn open_file(&mut self, path: &str, mode: OpenMode) -> std::io::Result<Box<dyn HostFile>> {
        let file = std::fs::OpenOptions::new()
            .read(mode.read)
            .write(mode.write && !mode.append)
            .append(mode.append)
            .truncate(mode.truncate)
            .create(mode.create && !mode.create_new)
            .create_new(mode.create_new)
            .open(path)?;
        if file.metadata()?.is_dir() {
            return Err(std::io::Error::from_raw_os_error(EISDIR));
        }
        Ok(Box::new(file))
    }

    /// `os.remove`.
    fn remove_file(&mut self, path: &str) -> std::io::Result<()> {
        std::fs::remove_file(path)
    }

    /// `os.rmdir`.
    fn remove_dir(&mut self, path: &str) -> std::io::Result<()> {
        std::fs::remove_dir(path)
    }

    /// `os.mkdir`.
    fn create_dir(&mut self, path: &str) -> std::io::Result<()> {
        std::fs::create_dir(path)
    }

    /// `os.rename`.
    fn rename(&mut self, from: &str, to: &str) -> std::io::Result<()> {
        std::fs::rename(from, to)
    }

    /// `os.chdir`.
    fn set_current_dir(&mut self, path: &str) -> std::io::Result<()> {
        std::env::set_current_dir(path)
    }

    /// The size in bytes of what is at `path` (`os.path.getsize`).
    fn file_size(&mut self, path: &str) -> std::io::Result<u64> {
        std::fs::metadata(path).map(|m| m.len())
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

/// Linux's `EISDIR`.
const EISDIR: i32 = 21;

/// An open file as the host hands it to the VM.
pub trait HostFile: std::io::Read + std::io::Write + std::io::Seek {}

impl<T: std::io::Read + std::io::Write + std::io::Seek> HostFile for T {}

/// How `open()` opens a file (the flags its mode string stands for).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenMode {
    pub read: bool,
    pub write: bool,
    pub append: bool,
    pub truncate: bool,
    pub create: bool,
    /// `x`: fail if the file exists.
    pub create_new: bool,
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
