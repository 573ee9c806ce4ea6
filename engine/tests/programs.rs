//! Python-level tests: every `engine/tests/programs/<area>/*.py` runs through
//! `engine::eval::run_source` on a fresh VM and must print exactly its `.out` file.
//!
//! A `.out` file is what python3 (3.11) printed on stdout, followed, when the program ended with
//! an uncaught exception, by the last line of its traceback (`ValueError: msg`). Regenerate one
//! with `engine/tests/programs/expect.sh FILE.py…`. One trial per program (libtest-mimic), so
//! `cargo test -p adder-engine --test programs -- builtins/` runs one area.

use engine::eval::{new_module_globals, run_source, RunError};
use engine::vm::host::Host;
use engine::vm::Vm;
use libtest_mimic::{Arguments, Failed, Trial};
use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut programs = Vec::new();
    collect(&root, &mut programs);
    programs.sort();
    let trials = programs
        .into_iter()
        .map(|path| {
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            Trial::test(name, move || judge(&path))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

/// Output shared between the host the VM owns and the test.
#[derive(Clone, Default)]
struct Captured(Rc<RefCell<String>>, Rc<RefCell<Vec<String>>>);

impl Host for Captured {
    fn write_stdout(&mut self, text: &str) {
        self.0.borrow_mut().push_str(text);
    }
    fn write_stderr(&mut self, _text: &str) {}
    fn read_line(&mut self) -> Option<String> {
        let mut lines = self.1.borrow_mut();
        (!lines.is_empty()).then(|| lines.remove(0))
    }
}

fn judge(path: &Path) -> Result<(), Failed> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expected_path = path.with_extension("out");
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    // `<name>.in`, when present, is the program's standard input.
    let stdin = std::fs::read_to_string(path.with_extension("in")).unwrap_or_default();
    let actual = run(&source, &path.file_name().unwrap_or_default().to_string_lossy(), &stdin);
    if actual == expected {
        return Ok(());
    }
    Err(first_difference(&expected, &actual).into())
}

/// Runs a program; its stdout, then the summary line of an uncaught exception.
fn run(source: &str, filename: &str, stdin: &str) -> String {
    let (source, filename) = (source.to_owned(), filename.to_owned());
    let lines: Vec<String> = stdin.lines().map(str::to_owned).collect();
    // A thread with a large stack: deep-recursion tests must not overflow the harness.
    let outcome = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let host = Captured::default();
            *host.1.borrow_mut() = lines;
            let mut vm = Vm::new(Box::new(host.clone()));
            let globals = new_module_globals(&mut vm, "__main__");
            let tail = match run_source(&mut vm, &source, &filename, globals) {
                Ok(_) => String::new(),
                Err(RunError::Compile(e)) => format!("{e}\n"),
                Err(RunError::Exception(e)) => format!("{}\n", vm.exception_summary(&e.exc)),
            };
            let mut out = host.0.borrow().clone();
            out.push_str(&tail);
            out
        })
        .map(|t| t.join());
    match outcome {
        Ok(Ok(out)) => out,
        Ok(Err(_)) => "<the interpreter panicked>\n".to_owned(),
        Err(e) => format!("<could not start a thread: {e}>\n"),
    }
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
