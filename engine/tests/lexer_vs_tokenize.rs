//! Lexes a sample of CPython's stdlib and compares our token dump with `python3 -m tokenize`
//! (kinds, positions and text; tokenize's ENCODING line is dropped). Files our lexer rejects
//! (CPython rejects them too) are skipped. `ADDER_LEXER_ALL=1` compares every file.

use engine::syntax::lexer::{dump_tokens, lex};
use engine::syntax::source::decode_source;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const STDLIB: &str = "/root/.pyenv/versions/3.11.7/lib/python3.11";
const SAMPLE: usize = 100;

/// Files where the pure-Python `tokenize` module disagrees with CPython's own tokenizer, which
/// we follow: its `\w` regex does not take every XID_Continue character (U+E0100 here).
const KNOWN_TOKENIZE_BUGS: &[&str] = &["test/test_unicode_identifiers.py"];

/// Prints each file's tokenize output after a `=== path` line (or `=== path` + `!ERROR`).
const TOKENIZE_ALL: &str = r#"
import sys, tokenize
for path in sys.stdin.read().splitlines():
    print("=== " + path)
    try:
        with open(path, "rb") as f:
            for tok in tokenize.tokenize(f.readline):
                if tok.type == tokenize.ENCODING:
                    continue
                span = "%d,%d-%d,%d:" % (tok.start + tok.end)
                print("%-20s%-15s%-15r" % (span, tokenize.tok_name[tok.type], tok.string))
    except Exception as e:
        print("!ERROR", type(e).__name__)
"#;

fn python_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "site-packages") {
                python_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "py") {
            out.push(path);
        }
    }
}

#[test]
fn stdlib_tokens_match_python_tokenize() {
    let root = Path::new(STDLIB);
    if !root.exists() {
        eprintln!("skipped: no CPython stdlib at {STDLIB}");
        return;
    }
    let mut files = Vec::new();
    python_files(root, &mut files);
    files.sort();
    let all = std::env::var_os("ADDER_LEXER_ALL").is_some();
    let step = if all {
        1
    } else {
        (files.len() / SAMPLE).max(1)
    };
    let sample: Vec<&PathBuf> = files.iter().step_by(step).collect();

    let mut child = Command::new("python3")
        .args(["-c", TOKENIZE_ALL])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be installed");
    let list: String = sample
        .iter()
        .map(|p| format!("{}\n", p.display()))
        .collect();
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(list.as_bytes())
        .expect("write file list");
    let output = child.wait_with_output().expect("python3 tokenize");
    let expected = String::from_utf8_lossy(&output.stdout);

    let (mut compared, mut skipped, mut failures) = (0, 0, Vec::new());
    for chunk in expected
        .split("\n=== ")
        .map(|c| c.trim_start_matches("=== "))
    {
        let (path, want) = chunk.split_once('\n').unwrap_or((chunk, ""));
        let want = format!("{}\n", want.trim_end_matches('\n'));
        let bytes = std::fs::read(path).expect("read stdlib file");
        let Ok(text) = decode_source(&bytes) else {
            skipped += 1;
            continue;
        };
        let errors = lex(&text).errors;
        if want.starts_with("!ERROR") || !errors.is_empty() {
            eprintln!("skipped {path}: {:?}", errors.first().map(|e| &e.error));
            skipped += 1;
            continue;
        }
        if KNOWN_TOKENIZE_BUGS
            .iter()
            .any(|known| path.ends_with(known))
        {
            continue;
        }
        compared += 1;
        let got = dump_tokens(&text);
        if got != want {
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(got.lines().count().min(want.lines().count()));
            failures.push(format!(
                "{path}: first difference at token {line}:\n  ours:     {:?}\n  tokenize: {:?}",
                got.lines().nth(line).unwrap_or("<end>"),
                want.lines().nth(line).unwrap_or("<end>"),
            ));
        }
    }
    eprintln!(
        "compared {compared} files, skipped {skipped}, {} differ",
        failures.len()
    );
    assert!(compared >= sample.len() * 9 / 10, "too many files skipped");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Lexing throughput over the whole stdlib; run with
/// `cargo test --release -p adder-engine --test lexer_vs_tokenize -- --ignored --nocapture`.
#[test]
#[ignore]
fn stdlib_lexing_throughput() {
    let mut files = Vec::new();
    python_files(Path::new(STDLIB), &mut files);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| decode_source(&std::fs::read(p).ok()?).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut tokens = 0;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        tokens = texts.iter().map(|t| lex(t).tokens.len()).sum::<usize>();
        best = best.min(start.elapsed().as_secs_f64());
    }
    eprintln!(
        "lexed {} files, {:.1} MB, {tokens} tokens in {:.1} ms: {:.0} MB/s",
        texts.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best
    );
}
