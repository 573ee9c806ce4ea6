//! Python-level tests: every `engine/tests/programs/<area>/*.py` runs through
//! `engine::eval::run_source` on a fresh VM and must print exactly its `.out` file.
//!
//! A `.out` file is what python3 (3.11) printed on stdout, followed, when the program ended with
//! an uncaught exception, by the last line of its traceback (`ValueError: msg`). Regenerate one
//! with `engine/tests/programs/expect.sh FILE.py…`. One trial per program (libtest-mimic), so
//! `cargo test -p adder-engine --test programs -- builtins/` runs one area. Programs listed in
//! `known-failures.txt` are ignored trials until what they wait for lands.
//!
//! Every program runs twice, on a quickening VM and on one with `vm.quicken = false` (trial
//! `NAME.py [no-quicken]`): specialization must never change a program's output.

use engine::eval::{finalize_main, new_module_globals, run_source, RunError};
use engine::vm::host::Host;
use engine::vm::Vm;
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut programs = Vec::new();
    collect(&root, &mut programs);
    programs.sort();
    let known = known_failures(&root);
    let trials = programs
        .into_iter()
        .flat_map(|path| {
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            let ignored = known.contains(&name);
            [(true, ""), (false, " [no-quicken]")].map(|(quicken, suffix)| {
                let path = path.clone();
                Trial::test(format!("{name}{suffix}"), move || judge(&path, quicken))
                    .with_ignored_flag(ignored)
            })
        })
        .collect::<Vec<_>>();
    libtest_mimic::run(&args, trials).exit();
}

/// `known-failures.txt`: programs waiting for a feature another area owns, one per line
/// (`area/name.py  # why`). They are ignored trials: `--include-ignored` runs them.
fn known_failures(root: &Path) -> Vec<String> {
    std::fs::read_to_string(root.join("known-failures.txt"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.split('#').next())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Every program under `dir`. The `imports` area also holds the modules its programs import:
/// there a `.py` without a `.out` beside it, or inside a package, is a module, not a program.
fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let fixtures = dir.components().any(|c| c.as_os_str() == "imports");
    if fixtures && dir.join("__init__.py").exists() {
        return;
    }
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "py")
            && (!fixtures || path.with_extension("out").exists())
        {
            out.push(path);
        }
    }
}

/// The program's stdout, shared with the test (which reads it even after a time-out), and
/// its remaining stdin lines.
struct Captured(Arc<Mutex<String>>, Vec<String>);

impl Host for Captured {
    fn write_stdout(&mut self, text: &str) {
        if let Ok(mut out) = self.0.lock() {
            out.push_str(text);
        }
    }
    fn write_stderr(&mut self, _text: &str) {}
    fn read_line(&mut self) -> Option<String> {
        (!self.1.is_empty()).then(|| self.1.remove(0))
    }
}

fn judge(path: &Path, quicken: bool) -> Result<(), Failed> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expected_path = path.with_extension("out");
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    // `<name>.in`, when present, is the program's standard input.
    let stdin = std::fs::read_to_string(path.with_extension("in")).unwrap_or_default();
    let actual = run(
        &source,
        &path.file_name().unwrap_or_default().to_string_lossy(),
        path.parent().unwrap_or(path),
        &stdin,
        quicken,
    );
    if actual == expected {
        return Ok(());
    }
    Err(first_difference(&expected, &actual).into())
}

/// Runs a program (specializing or not); its stdout, then the summary line of an uncaught
/// exception.
/// `dir` is the program's directory: `sys.path[0]`, where its imports are found first.
fn run(source: &str, filename: &str, dir: &Path, stdin: &str, quicken: bool) -> String {
    // The working directory is the process's: programs that change it (the two modes of one
    // file run at once) take turns, or one's relative paths land in the other's directory.
    static CWD: Mutex<()> = Mutex::new(());
    let _cwd = source.contains("os.chdir(").then(|| {
        CWD.lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    });
    let (source, filename) = (source.to_owned(), filename.to_owned());
    let dir = dir.to_string_lossy().into_owned();
    let lines: Vec<String> = stdin.lines().map(str::to_owned).collect();
    // A thread with a large stack: deep-recursion tests must not overflow the harness. A
    // program that runs too long is reported (its thread is abandoned).
    let (sender, receiver) = std::sync::mpsc::channel();
    let stdout = Arc::new(Mutex::new(String::new()));
    let host = Captured(stdout.clone(), lines);
    let spawned = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut vm = Vm::new(Box::new(host));
            vm.quicken = quicken;
            engine::builtins::sys::set_path0(&mut vm, &dir);
            let globals = new_module_globals(&mut vm, "__main__");
            let tail = match run_source(&mut vm, &source, &filename, globals.clone()) {
                Ok(_) => String::new(),
                Err(RunError::Compile(e)) => format!("{e}\n"),
                Err(RunError::Exception(e)) => format!("{}\n", vm.exception_summary(&e.exc)),
            };
            finalize_main(&mut vm, &globals);
            let _ = sender.send(tail);
        });
    if let Err(e) = spawned {
        return format!("<could not start a thread: {e}>\n");
    }
    let tail = match receiver.recv_timeout(TIMEOUT) {
        Ok(tail) => tail,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            format!("<timed out after {} s>\n", TIMEOUT.as_secs())
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            "<the interpreter panicked>\n".to_owned()
        }
    };
    let mut out = stdout.lock().map(|s| s.clone()).unwrap_or_default();
    out.push_str(&tail);
    out
}

fn first_difference(expected: &str, actual: &str) -> String {
    let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), actual.lines().collect());
    let line = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    format!(
        "first difference at line {}:\n  expected: {:?}\n  actual:   {:?}\n--- actual output ---\n{actual}",
        line + 1,
        e.get(line).copied().unwrap_or("<end>"),
        a.get(line).copied().unwrap_or("<end>"),
    )
}
