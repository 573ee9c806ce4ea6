//! The line REPL end to end: the real `adder` binary on a pseudo-terminal (rexpect), typed at
//! as a person would — waiting for each prompt before typing, since the line editor, like
//! any readline, owns the terminal only while it shows one.

use rexpect::session::{spawn_command, PtySession};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Generous: the machine running the tests may be loaded.
const TIMEOUT_MS: u64 = 30_000;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("adder-repl-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `adder` on a 40x120 pty, history under `data`, no colours.
fn start(data: &Path) -> PtySession {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "stty rows 40 cols 120; exec {}",
            env!("CARGO_BIN_EXE_adder")
        ))
        .env("XDG_DATA_HOME", data)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn adder");
    p.exp_string(">>> ").expect("first prompt");
    p
}

/// Types `line`, Enter, and waits for the next prompt (`>>> ` or `... `); returns what came
/// before it. The editor redraws the prompt with every keystroke (highlighting, history
/// hints), so the next prompt is the first one after the line is accepted (its `\r\n`).
fn enter(p: &mut PtySession, line: &str, prompt: &str) -> String {
    p.send_line(line).expect("send");
    accepted(p, line, prompt)
}

fn accepted(p: &mut PtySession, line: &str, prompt: &str) -> String {
    p.exp_string("\r\n")
        .unwrap_or_else(|e| panic!("{line:?} was not accepted: {e}"));
    p.exp_string(prompt)
        .unwrap_or_else(|e| panic!("after {line:?}, no {prompt:?}: {e}"))
}

fn quit(mut p: PtySession) {
    p.send_control('d').expect("ctrl-d");
    p.exp_eof().expect("exit on Ctrl-D");
}

#[test]
fn a_function_defined_over_several_lines_then_called() {
    let data = scratch("def");
    let mut p = start(&data);
    enter(&mut p, "def twice(x):", "... ");
    // The continuation line starts indented; the body is typed without indentation.
    enter(&mut p, "y = x * 2", "... ");
    enter(&mut p, "return y", "... ");
    enter(&mut p, "", ">>> ");
    let out = enter(&mut p, "twice(21)", ">>> ");
    assert!(out.contains("42"), "{out:?}");
    // None is not echoed; `_` holds the last result.
    let out = enter(&mut p, "None", ">>> ");
    assert!(!out.contains("None\r\n"), "{out:?}");
    let out = enter(&mut p, "_ + 1", ">>> ");
    assert!(out.contains("43"), "{out:?}");
    quit(p);
}

#[test]
fn tracebacks_as_cpython_prints_them() {
    let data = scratch("tb");
    let mut p = start(&data);
    enter(&mut p, "def f(x):", "... ");
    enter(&mut p, "return 1 / x", "... ");
    enter(&mut p, "", ">>> ");
    let out = enter(&mut p, "f(0)", ">>> ");
    let expected = "Traceback (most recent call last):\r\n  File \"<stdin>\", line 1, in <module>\r\n  File \"<stdin>\", line 2, in f\r\nZeroDivisionError: division by zero\r\n";
    assert!(out.contains(expected), "{out:?}");
    let out = enter(&mut p, "x = = 1", ">>> ");
    assert!(
        out.contains("  File \"<stdin>\", line 1\r\n    x = = 1\r\n        ^\r\nSyntaxError: invalid syntax\r\n"),
        "{out:?}"
    );
    quit(p);
}

#[test]
fn ctrl_c_interrupts_running_code_and_the_session_survives() {
    let data = scratch("intr");
    let mut p = start(&data);
    enter(&mut p, "kept = 'still here'", ">>> ");
    enter(&mut p, "while True: pass", "... ");
    p.send_line("").expect("run the loop");
    p.exp_string("\r\n").expect("accepted");
    // Let it spin, then Ctrl-C.
    std::thread::sleep(std::time::Duration::from_millis(500));
    p.send_control('c').expect("ctrl-c");
    let out = p
        .exp_string("KeyboardInterrupt")
        .expect("the interrupt's traceback");
    assert!(
        out.contains("Traceback (most recent call last):"),
        "{out:?}"
    );
    p.exp_string(">>> ").expect("prompt after the interrupt");
    let out = enter(&mut p, "print(kept)", ">>> ");
    assert!(out.contains("still here"), "{out:?}");
    // Ctrl-C at the prompt drops the line being typed.
    p.send("print('never')").expect("type");
    p.flush().expect("flush");
    p.send_control('c').expect("ctrl-c");
    p.exp_string("KeyboardInterrupt")
        .expect("Ctrl-C at the prompt");
    p.exp_string(">>> ").expect("prompt after Ctrl-C");
    let out = enter(&mut p, "1 + 1", ">>> ");
    assert!(out.contains('2') && !out.contains("never"), "{out:?}");
    quit(p);
}

#[test]
fn history_is_recalled_after_a_restart() {
    let data = scratch("hist");
    let mut p = start(&data);
    enter(&mut p, "remembered = 41", ">>> ");
    quit(p);
    let history = std::fs::read_to_string(data.join("adder/history")).unwrap_or_default();
    assert!(history.contains("remembered = 41"), "{history:?}");
    let mut p = start(&data);
    // Up arrow recalls the last entry of the previous session.
    p.send("\x1b[A").expect("up");
    p.flush().expect("flush");
    p.exp_string("remembered = 41").expect("recalled");
    p.send_line("").expect("enter");
    accepted(&mut p, "(recalled)", ">>> ");
    let out = enter(&mut p, "remembered + 1", ">>> ");
    assert!(out.contains("42"), "{out:?}");
    quit(p);
}

#[test]
fn tab_completes_names_and_attributes() {
    let data = scratch("tab");
    let mut p = start(&data);
    // Names no history entry starts with, so no history hint shows the same text.
    enter(&mut p, "import math", ">>> ");
    // A one-line compound statement still waits for an empty line, as in CPython.
    enter(&mut p, "def helper_fn(): return 6", "... ");
    enter(&mut p, "", ">>> ");
    p.send("math.sq\t").expect("type");
    p.flush().expect("flush");
    p.exp_string("sqrt(").expect("completed attribute");
    let out = enter(&mut p, "16)", ">>> ");
    assert!(out.contains("4.0"), "{out:?}");
    p.send("x = helper_f\t").expect("type");
    p.flush().expect("flush");
    p.exp_string("helper_fn(").expect("completed global");
    enter(&mut p, ")", ">>> ");
    let out = enter(&mut p, "x + 1", ">>> ");
    assert!(out.contains('7'), "{out:?}");
    quit(p);
}

#[test]
fn dis_after_a_hot_loop_shows_specialized_instructions() {
    let data = scratch("dis");
    let mut p = start(&data);
    enter(&mut p, "def total(n):", "... ");
    enter(&mut p, "s = 0", "... ");
    enter(&mut p, "for i in range(n):", "... ");
    enter(&mut p, "s = s + i", "... ");
    // Back to the function's level: the auto-indent is 8 here, so clear it first.
    p.send("\x15").expect("ctrl-u");
    enter(&mut p, "    return s", "... ");
    enter(&mut p, "", ">>> ");
    let out = enter(&mut p, "total(10000)", ">>> ");
    assert!(out.contains("49995000"), "{out:?}");
    let out = enter(&mut p, "%dis total", ">>> ");
    assert!(out.contains("Adaptive disassembly of total"), "{out:?}");
    assert!(out.contains("BINARY_OP_ADD_INT"), "{out:?}");
    assert!(out.contains("FOR_ITER_RANGE"), "{out:?}");
    let out = enter(&mut p, "%timeit total(10)", ">>> ");
    // (rexpect reads the output as Latin-1: match around the `±`.)
    assert!(out.contains(" per loop (mean "), "{out:?}");
    assert!(out.contains(" std. dev. of 7 runs, "), "{out:?}");
    let out = enter(&mut p, "%stats", ">>> ");
    assert!(out.contains("BINARY_OP"), "{out:?}");
    let out = enter(&mut p, "%who", ">>> ");
    assert!(out.contains("total"), "{out:?}");
    quit(p);
}

#[test]
fn help_exit_and_syntax_continuation() {
    let data = scratch("help");
    let mut p = start(&data);
    enter(&mut p, "def area(w, h=2):", "... ");
    enter(&mut p, "'''Width times height.'''", "... ");
    enter(&mut p, "return w * h", "... ");
    enter(&mut p, "", ">>> ");
    let out = enter(&mut p, "help(area)", ">>> ");
    assert!(
        out.contains("Help on function area in module __main__:\r\n\r\narea(w, h=2)\r\n    Width times height.\r\n"),
        "{out:?}"
    );
    // An open bracket continues the statement.
    enter(&mut p, "(1 +", "... ");
    let out = enter(&mut p, "2)", ">>> ");
    assert!(out.contains('3'), "{out:?}");
    p.send_line("exit(3)").expect("exit");
    p.exp_eof().expect("exit() ends the session");
    let status = p.process_mut().wait().expect("status");
    assert!(format!("{status:?}").contains('3'), "{status:?}");
}

/// Sends `text` in one write, as a terminal delivers a paste.
fn paste(p: &mut PtySession, text: &str) {
    p.send(text).expect("paste");
    p.flush().expect("flush");
}

/// What `python3 -i` prints for [`NESTED`] typed at it: the body's own indentation kept.
const NESTED: &str =
    "def f(x):\r    y = 1\r    if x:\r        y = 2\r    return y\r\rprint(f(1), f(0))\r";

#[test]
fn a_block_pasted_in_one_write_runs_line_by_line() {
    let data = scratch("paste");
    let mut p = start(&data);
    // A terminal without bracketed paste: the lines arrive as keystrokes, all at once, and
    // the editor reads them in one go; none may be lost between one prompt and the next.
    paste(&mut p, "def g(n):\r    return n + 1\r\rprint(g(41))\r");
    p.exp_string("\r\n42\r\n").expect("the call's result");
    p.exp_string(">>> ").expect("prompt");
    // Nested blocks keep their own indentation (the auto-indent gives way to it).
    paste(&mut p, NESTED);
    p.exp_string("\r\n2 1\r\n")
        .expect("the nested block's result");
    p.exp_string(">>> ").expect("prompt");
    let out = enter(&mut p, "1 + 1", ">>> ");
    assert!(out.contains('2'), "{out:?}");
    quit(p);
}

#[test]
fn a_bracketed_paste_of_several_statements_runs_them_as_typed() {
    let data = scratch("bpaste");
    let mut p = start(&data);
    // The editor asks for bracketed paste; the paste comes between ESC[200~ and ESC[201~.
    paste(
        &mut p,
        &format!("\x1b[200~{NESTED}a = 1\rb = a + 1\rprint(a, b)\r\x1b[201~"),
    );
    p.exp_string("\r\n2 1\r\n").expect("the block's result");
    p.exp_string("\r\n1 2\r\n")
        .expect("the last statement's result");
    p.exp_string(">>> ").expect("prompt");
    // A paste ending inside a block leaves the next line auto-indented; a paste's tab is
    // text, not completion.
    paste(&mut p, "\x1b[200~def h():\r\ty = 3\r\x1b[201~");
    p.exp_string("... ").expect("continuation");
    enter(&mut p, "return y", "... ");
    enter(&mut p, "", ">>> ");
    let out = enter(&mut p, "h()", ">>> ");
    assert!(out.contains('3'), "{out:?}");
    quit(p);
}

#[test]
fn lines_typed_ahead_without_waiting_for_prompts() {
    let data = scratch("ahead");
    let mut p = start(&data);
    // Each line its own write, none waiting for a prompt; the first keeps the session busy
    // while the rest arrive (the terminal is out of raw mode then). Typed as for the
    // auto-indenting editor: the body unindented.
    for line in [
        "n = 0\r",
        "for i in range(300000): n += i\r",
        "\r",
        "if n:\r",
        "print('sum', n)\r",
        "\r",
        "print(n + 1)\r",
    ] {
        paste(&mut p, line);
    }
    p.exp_string("sum 44999850000\r\n")
        .expect("the block typed ahead");
    p.exp_string("\r\n44999850001\r\n")
        .expect("the last line typed ahead");
    p.exp_string(">>> ").expect("prompt");
    quit(p);
}

#[test]
fn input_reads_lines_pasted_with_the_code() {
    let data = scratch("input");
    let mut p = start(&data);
    // The answer arrives with the code, before `input()` runs: it sits in the line
    // editor's read buffer, where `input()` must find it.
    paste(&mut p, "name = input('Name: ')\rBob\rprint('hi', name)\r");
    p.exp_string("\r\nhi Bob\r\n")
        .expect("input() got the pasted line");
    p.exp_string(">>> ").expect("prompt");
    // Ctrl-C while input() waits interrupts the loop around it; the session goes on.
    enter(&mut p, "while True: last = input('? ')", "... ");
    enter(&mut p, "", "? ");
    enter(&mut p, "a", "? ");
    // The session printed the prompt; Ctrl-C once the editor reads (it turns bracketed
    // paste on after taking the terminal raw).
    p.exp_string("\x1b[?2004h").expect("the editor reads");
    p.send_control('c').expect("ctrl-c");
    p.exp_string("KeyboardInterrupt")
        .expect("interrupted input()");
    p.exp_string(">>> ").expect("prompt");
    let out = enter(&mut p, "name * 2", ">>> ");
    assert!(out.contains("'BobBob'"), "{out:?}");
    quit(p);
}

#[test]
fn piped_stdin_runs_as_a_program() {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_adder"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"x = 6\nprint(x * 7)\n")
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
    assert!(out.status.success());
}

#[test]
fn run_twice_after_an_edit_keeps_the_untouched_function_warm() {
    let data = scratch("reload");
    let file = data.join("demo.py");
    let v1 = "def f(n):\n    s = 0\n    for i in range(n):\n        s = s + i\n    return s\n\ndef g(n):\n    return n * 2\n";
    std::fs::write(&file, v1).expect("write demo.py");
    let path = file.display().to_string();
    let mut p = start(&data);
    let out = enter(&mut p, &format!("%run {path}"), ">>> ");
    assert!(
        !out.contains("reloaded"),
        "nothing on the first run: {out:?}"
    );
    enter(&mut p, "_ = [(f(50), g(50)) for _ in range(100)]", ">>> ");
    let before = enter(&mut p, "%dis f", ">>> ");
    assert!(before.contains("BINARY_OP_ADD_INT"), "{before:?}");
    assert!(enter(&mut p, "%dis g", ">>> ").contains("BINARY_OP_MULTIPLY_INT"));

    // Edit g only, and run the file again.
    std::fs::write(&file, v1.replace("n * 2", "n * 3")).expect("edit demo.py");
    let out = enter(&mut p, &format!("%run {path}"), ">>> ");
    assert!(
        out.contains(&format!(
            "reloaded {path}: 1 function replaced (g), 1 kept warm (f)"
        )),
        "{out:?}"
    );
    // f was not called since: its disassembly (specialized forms, counts) is unchanged, but
    // for the globals' keys version its LOAD_GLOBAL was re-pointed at.
    let after = enter(&mut p, "%dis f", ">>> ");
    assert!(after.contains("BINARY_OP_ADD_INT"), "{after:?}");
    let forms = |text: &str| -> Vec<String> {
        text.lines()
            .skip(1)
            .map(|l| l.split('[').next().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(forms(&after), forms(&before));
    let g = enter(&mut p, "%dis g", ">>> ");
    assert!(
        !g.contains("BINARY_OP_MULTIPLY_INT"),
        "g starts cold: {g:?}"
    );
    assert!(enter(&mut p, "g(2)", ">>> ").contains('6'));
    let out = enter(&mut p, "%stats", ">>> ");
    assert!(out.contains("BINARY_OP"), "{out:?}");

    // Lines added above: `%reload` (the last %run file) keeps both, moved.
    std::fs::write(
        &file,
        format!("# a comment\n\n{}", v1.replace("n * 2", "n * 3")),
    )
    .expect("edit demo.py");
    let out = enter(&mut p, "%reload", ">>> ");
    assert!(
        out.contains(&format!("reloaded {path}: 2 functions kept warm (f, g)")),
        "{out:?}"
    );
    let moved = enter(&mut p, "%dis f", ">>> ");
    assert!(moved.contains("BINARY_OP_ADD_INT"), "{moved:?}");
    assert!(moved.contains(&format!("{path}, line 3)")), "{moved:?}");
    assert!(
        moved.contains("    6  s = s + i"),
        "its lines moved with it: {moved:?}"
    );
    assert!(enter(&mut p, "%help", ">>> ").contains("%reload [FILE]"));
    quit(p);
}
