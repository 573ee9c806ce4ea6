//! The front end never panics, hangs or overflows its stack, whatever it is given.
//!
//! * A bounded-time fuzz run calls the engine in-process (decode → check → parse → dump →
//!   tokens) on random bytes, random token soup, and mutated conformance and stdlib files,
//!   on a thread with the default 2 MiB test-thread stack so that deep recursion shows up.
//!   It is deterministic for a seed: set `ADDER_FUZZ_SEED` to replay one and
//!   `ADDER_FUZZ_SECONDS` to run longer. A failing input is saved under target/.
//! * Pathological programs (100,000 nested brackets, unary operators, lambdas, attribute
//!   chains, deep indentation, a 1 MB line...) go through the real `adder run`, which must
//!   exit normally, with CPython's own error where CPython raises a SyntaxError.

use engine::check::check_source;
use engine::syntax::dump::dump_module;
use engine::syntax::lexer::dump_tokens;
use engine::syntax::source::decode_source;
use engine::syntax::{parse, Mode};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Stack size of the fuzz thread: the default for test threads.
const STACK: usize = 2 << 20;
/// Any single input taking longer than this counts as a hang.
const PER_INPUT_LIMIT: Duration = Duration::from_secs(5);

// ---------------------------------------------------------------------------------------------
// (a) In-process fuzzing

/// SplitMix64: small, fast and reproducible, which is all a fuzzer's dice need.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// Pieces of Python, valid and broken, that random programs are glued from.
const SOUP: &[&str] = &[
    "def",
    "class",
    "if",
    "elif",
    "else",
    "while",
    "for",
    "in",
    "try",
    "except",
    "finally",
    "with",
    "as",
    "return",
    "yield",
    "lambda",
    "await",
    "async",
    "import",
    "from",
    "global",
    "nonlocal",
    "del",
    "pass",
    "break",
    "continue",
    "raise",
    "assert",
    "match",
    "case",
    "not",
    "and",
    "or",
    "is",
    "None",
    "True",
    "False",
    "_",
    "x",
    "y",
    "self",
    "é",
    "ℕ",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ";",
    ".",
    "...",
    "=",
    ":=",
    "==",
    "+",
    "-",
    "*",
    "**",
    "/",
    "//",
    "%",
    "@",
    "->",
    "<<",
    ">>",
    "&",
    "|",
    "^",
    "~",
    "<",
    ">",
    "!=",
    "+=",
    "**=",
    "\n",
    "\n",
    "\n    ",
    "\n        ",
    "\n\t",
    "\r\n",
    "\\\n",
    " ",
    " ",
    "#c\n",
    "0",
    "1_000",
    "0x1f",
    "1e10",
    "1j",
    "0777",
    "1.5",
    "1__0",
    "'s'",
    "\"s\"",
    "'''t'''",
    "\"\"\"t",
    "'",
    "\"",
    "f'{x}'",
    "f'{",
    "f\"{x!r:>{w}}\"",
    "rb'\\x00'",
    "u'x'",
    "b'é'",
    "f'{x=}'",
    "'\\N{DASH}'",
    "$",
    "?",
    "!",
    "`",
    "\u{0}",
    "\u{feff}",
    "\x0c",
];

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    let len = rng.below(300);
    (0..len)
        .map(|_| match rng.below(4) {
            0 => rng.next() as u8,
            _ => rng.pick(b"()[]{}:'\"\\\n\t #=+-*/.,;@abcxyz019 \r\x0cfr"),
        })
        .collect()
}

fn token_soup(rng: &mut Rng) -> Vec<u8> {
    let len = rng.below(200);
    let mut out = String::new();
    for _ in 0..len {
        out.push_str(rng.pick(SOUP));
        if rng.below(3) == 0 {
            out.push(' ');
        }
    }
    out.into_bytes()
}

/// Applies 1–4 edits of the kinds that break real code: lost or extra brackets, quotes,
/// colons and indentation, duplicated or swapped spans.
fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut text = original.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(text.len() + 1);
        match rng.below(7) {
            0 if !text.is_empty() => {
                let end = (at + 1 + rng.below(40)).min(text.len());
                text.drain(at.min(end)..end);
            }
            1 if !text.is_empty() => {
                let end = (at + 1 + rng.below(200)).min(text.len());
                let span = text[at.min(end)..end].to_vec();
                let to = rng.below(text.len() + 1);
                text.splice(to..to, span);
            }
            2 if text.len() > 2 => {
                let (a, b) = (rng.below(text.len()), rng.below(text.len()));
                text.swap(a, b);
            }
            3 => {
                let piece =
                    rng.pick(&["(", ")", "[", "]", "{", "}", "'", "\"", "\"\"\"", ":", "\\"]);
                text.splice(at..at, piece.bytes());
            }
            4 => {
                let piece = rng.pick(&["\n", "\n    ", "    ", "\t", "\n  ", " "]);
                text.splice(at..at, piece.bytes());
            }
            5 => {
                // Delete the next syntactically loaded byte after `at`.
                if let Some(i) = text[at..].iter().position(|b| b"()[]{}:'\"\n ".contains(b)) {
                    text.remove(at + i);
                }
            }
            _ => {
                let piece = rng.pick(SOUP);
                text.splice(at..at, piece.bytes());
            }
        }
    }
    text
}

/// Everything the front end offers, on one input.
fn exercise(bytes: &[u8]) {
    let Ok(text) = decode_source(bytes) else {
        return;
    };
    let _ = check_source(&text);
    let parsed = parse(&text, Mode::Module);
    let _ = dump_module(&text, &parsed.module);
    let _ = dump_tokens(&text);
}

/// Conformance programs and a deterministic sample of stdlib files, as mutation seeds.
fn corpus(rng: &mut Rng) -> Vec<Vec<u8>> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = python_files(&repo.join("tests/conformance"));
    let mut stdlib = python_files(Path::new(STDLIB));
    stdlib.retain(|p| std::fs::metadata(p).is_ok_and(|m| m.len() < 40_000));
    for _ in 0..60.min(stdlib.len()) {
        let i = rng.below(stdlib.len());
        files.push(stdlib.swap_remove(i));
    }
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

const STDLIB: &str = "/root/.pyenv/versions/3.11.7/lib/python3.11";

fn python_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if path.file_name().is_some_and(|n| n == "site-packages") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "py") {
                out.push(path);
            }
        }
    }
    out
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok()?.parse().ok()
}

/// The input being worked on, so a hang or panic can be reported with it.
type Current = Arc<Mutex<(usize, Vec<u8>)>>;

#[test]
fn fuzz_front_end() {
    let seed = env_number("ADDER_FUZZ_SEED").unwrap_or(0x00AD_DE25);
    let budget = Duration::from_secs(env_number("ADDER_FUZZ_SECONDS").unwrap_or(3));
    let current: Current = Arc::new(Mutex::new((0, Vec::new())));
    let (done_tx, done_rx) = mpsc::channel();
    // Panics on the fuzz thread are reported with their input instead of by the default hook.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some("fuzz") {
            default_hook(info);
        }
    }));
    let worker_current = Arc::clone(&current);
    let worker = std::thread::Builder::new()
        .name("fuzz".into())
        .stack_size(STACK)
        .spawn(move || {
            let result = fuzz(seed, budget, &worker_current);
            let _ = done_tx.send(result);
        })
        .expect("cannot start the fuzz thread");

    let limit = budget + 2 * PER_INPUT_LIMIT;
    let failure = match done_rx.recv_timeout(limit) {
        Ok(Ok(cases)) => {
            let _ = worker.join();
            eprintln!("fuzzed {cases} inputs (seed {seed})");
            return;
        }
        Ok(Err(message)) => message,
        Err(_) => "no result in time: the front end hangs".to_string(),
    };
    let (case, input) = current.lock().map(|c| c.clone()).unwrap_or_default();
    let saved = save_failure(&input);
    panic!(
        "{failure}\n  seed {seed} (ADDER_FUZZ_SEED={seed}), case {case}, input saved to {saved}"
    );
}

/// Runs cases until the budget is spent; Ok(number of cases) or the first problem.
fn fuzz(seed: u64, budget: Duration, current: &Current) -> Result<usize, String> {
    let corpus = corpus(&mut Rng(seed));
    let started = Instant::now();
    let mut case = 0;
    while started.elapsed() < budget {
        let mut rng = Rng(seed ^ (case as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let input = match case % 4 {
            0 => random_bytes(&mut rng),
            1 => token_soup(&mut rng),
            _ if corpus.is_empty() => token_soup(&mut rng),
            _ => {
                let original = &corpus[rng.below(corpus.len())];
                mutate(&mut rng, original)
            }
        };
        if let Ok(mut slot) = current.lock() {
            *slot = (case, input.clone());
        }
        let t0 = Instant::now();
        if let Err(payload) = catch_unwind(AssertUnwindSafe(|| exercise(&input))) {
            let message = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return Err(format!("the front end panicked: {message}"));
        }
        if t0.elapsed() > PER_INPUT_LIMIT {
            return Err(format!("one input took {:?}", t0.elapsed()));
        }
        case += 1;
    }
    Ok(case)
}

fn save_failure(input: &[u8]) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/robustness-failure.py");
    match std::fs::write(&path, input) {
        Ok(()) => path.display().to_string(),
        Err(e) => format!("(not saved: {e})"),
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Pathological programs through the binary

/// What `adder run` must do with a program.
enum Expect {
    /// CPython's last stderr line, exit status 1.
    Error(&'static str),
    /// Whatever CPython does (a MemoryError or RecursionError of its own limits, or running),
    /// adder may report an error or accept the program; it must only exit normally.
    NoCrash,
}

fn check_program(name: &str, source: &str, expect: Expect) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("robustness");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("{name}.py"));
    std::fs::write(&path, source).expect("cannot write the test program");
    let out = run_with_timeout(&path, Duration::from_secs(20))
        .unwrap_or_else(|| panic!("{name}: adder did not finish in 20 s (a hang)"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last = stderr.lines().last().unwrap_or("");
    let Some(status) = out.status.code() else {
        panic!(
            "{name}: adder was killed by a signal ({:?})\n{stderr}",
            out.status
        );
    };
    assert!(
        !stderr.contains("panicked"),
        "{name}: adder panicked:\n{stderr}"
    );
    match expect {
        Expect::Error(line) => {
            assert_eq!(
                (status, last),
                (1, line),
                "{name}: stderr was\n{}",
                tail(&stderr)
            )
        }
        Expect::NoCrash => assert!(
            matches!(status, 0..=2),
            "{name}: exit status {status}, stderr:\n{}",
            tail(&stderr)
        ),
    }
}

/// `adder run PATH`, killed after `limit`; None if it had to be killed.
fn run_with_timeout(path: &Path, limit: Duration) -> Option<std::process::Output> {
    // Output goes to files, not pipes: a full pipe would stall adder and look like a hang.
    let (out_path, err_path) = (path.with_extension("stdout"), path.with_extension("stderr"));
    let file = |p: &Path| Stdio::from(std::fs::File::create(p).expect("cannot create output file"));
    let mut child = Command::new(env!("CARGO_BIN_EXE_adder"))
        .arg("run")
        .arg(path)
        .stdin(Stdio::null())
        .stdout(file(&out_path))
        .stderr(file(&err_path))
        .spawn()
        .expect("cannot run adder");
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) => {
                return Some(std::process::Output {
                    status,
                    stdout: std::fs::read(&out_path).unwrap_or_default(),
                    stderr: std::fs::read(&err_path).unwrap_or_default(),
                })
            }
            Ok(None) if started.elapsed() < limit => std::thread::sleep(Duration::from_millis(10)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

fn tail(text: &str) -> String {
    let start = text.len().saturating_sub(2000);
    text.get(start..).unwrap_or(text).to_string()
}

const N: usize = 100_000;

/// One test per program; each expectation is what python3 3.11.7 does with it.
macro_rules! pathological {
    ($($(#[$attr:meta])* $name:ident: $source:expr => $expect:expr;)*) => {$(
        #[test]
        $(#[$attr])*
        fn $name() {
            check_program(stringify!($name), &$source, $expect);
        }
    )*};
}

pathological! {
    nested_parens: "(".repeat(N) => Expect::Error("SyntaxError: too many nested parentheses");
    nested_parens_closed: "(".repeat(N) + &")".repeat(N)
        => Expect::Error("SyntaxError: too many nested parentheses");
    nested_brackets: "[".repeat(N) => Expect::Error("SyntaxError: too many nested parentheses");
    nested_braces: "{".repeat(N) => Expect::Error("SyntaxError: too many nested parentheses");
    parens_at_limit: "(".repeat(199) + &")".repeat(199) => Expect::NoCrash;
    unary_minus: "-".repeat(N) + "1" => Expect::NoCrash; // CPython: MemoryError
    unary_tilde: "~".repeat(N) + "1" => Expect::NoCrash; // CPython: MemoryError
    not_chain: "not ".repeat(N) => Expect::NoCrash; // CPython: MemoryError
    not_chain_complete: "not ".repeat(N) + "x" => Expect::NoCrash; // CPython: MemoryError
    power_tower: "2".to_string() + &"**2".repeat(N) => Expect::NoCrash; // CPython: MemoryError
    lambdas: "lambda:".repeat(N) + "0" => Expect::NoCrash; // CPython: MemoryError
    conditional_chain: "1 if 1 else ".repeat(N) + "1" => Expect::NoCrash; // MemoryError
    attribute_chain: "a.".repeat(N) + "a" => Expect::NoCrash; // CPython: RecursionError
    subscript_chain: "a".to_string() + &"[1]".repeat(N) => Expect::NoCrash; // RecursionError
    call_chain: "f".to_string() + &"()".repeat(N) => Expect::NoCrash; // RecursionError
    long_sum: "1".to_string() + &"+1".repeat(N) => Expect::NoCrash; // RecursionError
    string_concatenation: "\"a\" ".repeat(N) => Expect::NoCrash;
    await_chain: "await ".repeat(N) + "x" => Expect::Error("SyntaxError: invalid syntax");
    star_chain: "*".repeat(N) + "a = 1" => Expect::Error("SyntaxError: invalid syntax");
    deep_indentation: (0..1000).map(|i| " ".repeat(i) + "if x:\n").collect::<String>()
        + &" ".repeat(1000) + "pass\n"
        => Expect::Error("IndentationError: too many levels of indentation");
    indentation_over_100: (0..100).map(|i| " ".repeat(i) + "if x:\n").collect::<String>()
        + &" ".repeat(100) + "pass\n"
        => Expect::Error("IndentationError: too many levels of indentation");
    nested_defs: (0..99).map(|i| "    ".repeat(i) + "def f():\n").collect::<String>()
        + &"    ".repeat(99) + "pass\n"
        => Expect::NoCrash;
    megabyte_string: "x = \"".to_string() + &"a".repeat(1 << 20) + "\"\n" => Expect::NoCrash;
    megabyte_unterminated_string: "x = \"".to_string() + &"a".repeat(1 << 20) + "\n"
        => Expect::Error("SyntaxError: unterminated string literal (detected at line 1)");
    many_lines: "x = 1\n".repeat(200_000) => Expect::NoCrash;
    nested_fstrings: "f\"{".repeat(10) + "x" + &"}\"".repeat(10)
        => Expect::Error("SyntaxError: f-string: expecting '}'");
    nested_walrus: "(a:=".repeat(100) + "1" + &")".repeat(100) => Expect::NoCrash;
    // Found by the fuzzer: the parser looped forever on `case` used as a pattern.
    match_case_case: "match x:\n    case   case [a]:\n        pass\n"
        => Expect::Error("SyntaxError: invalid syntax");
    nested_comprehensions: "[".to_string() + &"x for x in ".repeat(10_000) + "y]" => Expect::NoCrash;
}
