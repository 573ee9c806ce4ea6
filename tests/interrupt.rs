//! Ctrl-C stops every kind of endless loop with CPython's `KeyboardInterrupt` report and exit
//! status: the dispatch loop checks for it on each backward jump, including the conditional
//! jumps that quickening fuses into a compare.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Runs `source` (which prints `start` first), sends SIGINT once it is running, and returns
/// the exit status and stderr.
fn interrupt(source: &str, extra: &[&str]) -> (Option<i32>, Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("adder-interrupt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("spin{}.py", source.len()));
    std::fs::write(&file, source).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_adder"))
        .arg("run")
        .args(extra)
        .arg(&file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    assert_eq!(line, "start\n");
    std::thread::sleep(Duration::from_millis(200));
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    use std::os::unix::process::ExitStatusExt;
    (status.code(), status.signal(), stderr)
}

fn check(source: &str, last_frame: &str) {
    for mode in [&[][..], &["--no-quicken"][..]] {
        let (code, signal, stderr) = interrupt(source, mode);
        // CPython re-raises SIGINT so that the shell sees it (status 130 in a shell).
        assert_eq!((code, signal), (None, Some(2)), "{mode:?}\n{stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.last(), Some(&"KeyboardInterrupt"), "{stderr}");
        assert!(stderr.contains(last_frame), "{mode:?}\n{stderr}");
    }
}

#[test]
fn while_true_loop() {
    check(
        "print('start', flush=True)\nwhile True:\n    pass\n",
        "line 2, in <module>",
    );
}

#[test]
fn while_compare_loop_in_function() {
    // `while x < 10` ends in a compare fused with a backward conditional jump.
    check(
        "def f():\n    x = 0\n    while x < 10:\n        pass\nprint('start', flush=True)\nf()\n",
        "line 3, in f",
    );
}

#[test]
fn while_truth_loop() {
    check(
        "x = [1]\nprint('start', flush=True)\nwhile x:\n    pass\n",
        "line 3, in <module>",
    );
}

#[test]
fn loop_that_is_a_function_body() {
    // The jump's target is the function's first instruction (no line of its own): the
    // interrupt is reported on the loop's line.
    check(
        "def f():\n    while True: pass\nprint('start', flush=True)\nf()\n",
        "line 2, in f",
    );
}
