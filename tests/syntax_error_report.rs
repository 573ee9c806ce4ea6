//! `adder run` reports a program that does not compile exactly as python3 3.11 does: the same
//! stderr, byte for byte (file line, source line, carets, message), and exit status 1.
//! Each case is run through both; skipped when `python3` is not CPython 3.11.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// (file name, source): syntax, indentation and tab errors, errors at end of file,
/// multi-line ranges, tabs, non-ASCII text, CRLF line ends, long lines, scope errors.
const CASES: &[(&str, &str)] = &[
    ("binary_op", "x = 1\ny = x +* 2\n"),
    (
        "unclosed_paren",
        "values = [1]\ntotal = sum(values\nprint(total)\n",
    ),
    ("unclosed_at_eof", "x = (1,\n"),
    ("unexpected_indent", "def f():\n    t = 0\n        t += 1\n"),
    ("unexpected_indent_tab", "\tx = = 1\n"),
    ("unindent_mismatch", "if x:\n    a\n  b\n"),
    ("tab_error", "if x:\n\tif y:\n        pass\n"),
    ("expected_block", "def f():\nreturn 1\n"),
    ("expected_block_at_eof", "if x:\n"),
    ("expected_block_no_newline", "if x:"),
    ("try_without_except", "try:\n    pass\n"),
    ("missing_colon", "for x in y:\n    pass\nelse\n"),
    ("eof_in_expression", "x = 1 +\n"),
    ("eof_no_newline", "x = 1 +"),
    ("print_statement", "print \"hello\"\n"),
    ("forgot_comma", "x = (\n  1,\n  2 3)\n"),
    ("generator_argument", "f(a for a in\n  b, c)\n"),
    ("augmented_tuple", "(a,\n b) += 1\n"),
    ("assign_to_call", "foo() = 1\n"),
    ("unterminated_string", "x = \"abc\n"),
    ("unterminated_triple", "x = \"\"\"abc\n\ndef\n"),
    ("leading_zeros", "x = 0777\n"),
    ("invalid_character", "x = $\n"),
    ("unmatched_paren", "x = )\n"),
    ("non_ascii_line", "s = \"é\" +* 2\n"),
    ("crlf", "x = 1\r\ny = = 2\r\n"),
    (
        "latin1_declared",
        "# coding: latin-1\nx = \"\u{e9}\" +* 1\n",
    ),
    ("if_without_else", "x = 1 if y\n"),
    ("duplicate_argument", "def f(x, x): pass\n"),
    ("nonlocal_at_module", "nonlocal x\n"),
    ("continuation_at_eof", "x = 1\n\\"),
];

/// Cases that still differ, each waiting for a piece of the front end. Enforced both ways like
/// tests/conformance/known-failures.txt: a listed case that matches fails until removed.
const PENDING: &[&str] = &[];

#[test]
fn stderr_matches_python3_byte_for_byte() {
    let python_ok = Command::new("python3")
        .args(["-c", "import sys; assert sys.version_info[:2] == (3, 11)"])
        .status()
        .is_ok_and(|s| s.success());
    if !python_ok {
        eprintln!("skipped: python3 is not CPython 3.11");
        return;
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("syntax_error_report");
    std::fs::create_dir_all(&dir).expect("cannot create the case folder");
    let mut mismatches = Vec::new();
    for &(name, source) in CASES {
        let file = format!("{name}.py");
        let bytes = match name {
            // The file itself is in Latin-1.
            "latin1_declared" => source.chars().map(|c| c as u32 as u8).collect(),
            _ => source.as_bytes().to_vec(),
        };
        std::fs::write(dir.join(&file), bytes).expect("cannot write a case");
        let theirs = run(Command::new("python3").arg(&file), &dir);
        let ours = run(
            Command::new(env!("CARGO_BIN_EXE_adder")).args(["run", &file]),
            &dir,
        );
        let same = theirs.stderr == ours.stderr && ours.status.code() == Some(1);
        if same && PENDING.contains(&name) {
            mismatches.push(format!(
                "{name}: matches python3 now: remove it from PENDING\n"
            ));
        } else if !same && !PENDING.contains(&name) {
            mismatches.push(format!(
                "{name} (exit {:?}):\n--- python3\n{}--- adder\n{}",
                ours.status.code(),
                String::from_utf8_lossy(&theirs.stderr),
                String::from_utf8_lossy(&ours.stderr)
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} cases differ from python3:\n\n{}",
        mismatches.len(),
        CASES.len(),
        mismatches.join("\n")
    );
}

fn run(command: &mut Command, dir: &Path) -> Output {
    command
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("cannot run the interpreter")
}
