//! The shared conformance corpus (tests/conformance, vendored from ../shared), one trial per
//! program, judged exactly as tests/conformance/check.sh judges: `adder run NAME.py` from the
//! program's folder with empty stdin and a 10 s limit must give the expected stdout bytes,
//! exit status and last stderr line.
//!
//! tests/conformance/known-failures.txt lists the programs expected to fail for now. It is
//! enforced both ways, so it can only shrink: a listed program that passes fails its trial
//! until it is removed from the list, and a name that matches no program fails too.
//!
//! Every program is judged twice: as `adder run NAME.py` and as `adder run --no-quicken
//! NAME.py` (trial `NAME.py [no-quicken]`), against the same expectations. The specializing
//! interpreter must never change what a program does, and a program that fails in only one
//! mode points at quickening (or at the generic path it falls back to).

use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(10);

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let known = known_failures(&root);
    let programs = programs(&root);

    let mut trials: Vec<Trial> = programs
        .iter()
        .flat_map(|(name, path)| {
            let expected_failure = known.contains(name);
            [Mode::Quickened, Mode::NoQuicken].map(|mode| {
                let path = path.clone();
                Trial::test(format!("{name}{}", mode.suffix()), move || {
                    judge(&path, mode, expected_failure)
                })
            })
        })
        .collect();
    let names: BTreeSet<String> = programs.into_iter().map(|(name, _)| name).collect();
    trials.push(Trial::test(
        "known-failures.txt names only existing programs",
        move || {
            let stale: Vec<_> = known.difference(&names).collect();
            if stale.is_empty() {
                Ok(())
            } else {
                Err(format!("remove from known-failures.txt (no such program): {stale:?}").into())
            }
        },
    ));
    libtest_mimic::run(&args, trials).exit();
}

/// `tier/NNN_topic.py` → its path, for every program of every tier, sorted.
fn programs(root: &Path) -> Vec<(String, PathBuf)> {
    let mut programs = Vec::new();
    for tier in sorted_entries(root) {
        let tier_name = file_name(&tier);
        if !tier.is_dir() || !tier_name.starts_with('t') {
            continue;
        }
        for file in sorted_entries(&tier) {
            let name = file_name(&file);
            if name.ends_with(".py") && name.starts_with(|c: char| c.is_ascii_digit()) {
                programs.push((format!("{tier_name}/{name}"), file));
            }
        }
    }
    programs
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The program names listed in known-failures.txt (one per line, `#` starts a comment).
fn known_failures(root: &Path) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root.join("known-failures.txt")).unwrap_or_default();
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

/// How `adder run` runs the program.
#[derive(Clone, Copy)]
enum Mode {
    /// The default: the specializing adaptive interpreter.
    Quickened,
    /// `--no-quicken`: the same bytecode, never specialized.
    NoQuicken,
}

impl Mode {
    fn suffix(self) -> &'static str {
        match self {
            Mode::Quickened => "",
            Mode::NoQuicken => " [no-quicken]",
        }
    }

    fn flags(self) -> &'static [&'static str] {
        match self {
            Mode::Quickened => &[],
            Mode::NoQuicken => &["--no-quicken"],
        }
    }
}

fn judge(program: &Path, mode: Mode, expected_failure: bool) -> Result<(), Failed> {
    match (conforms(program, mode), expected_failure) {
        (Ok(()), false) | (Err(_), true) => Ok(()),
        (Err(problems), false) => Err(problems.into()),
        (Ok(()), true) => {
            Err("passes now: remove it from tests/conformance/known-failures.txt".into())
        }
    }
}

/// Ok when the program conforms, else the problems found, as check.sh words them.
fn conforms(program: &Path, mode: Mode) -> Result<(), String> {
    let dir = program.parent().ok_or("program has no folder")?;
    let stem = program
        .file_stem()
        .ok_or("program has no name")?
        .to_string_lossy()
        .into_owned();
    let expected = |ext: &str| std::fs::read(dir.join(format!("{stem}.{ext}"))).ok();
    let run = run_with_timeout(program, mode)?;

    let mut problems = Vec::new();
    match expected("out") {
        None => problems.push(format!("missing expected file {stem}.out")),
        Some(out) if out != run.stdout => problems.push(first_difference(&out, &run.stdout)),
        Some(_) => {}
    }
    let expected_status: i32 = expected("exit")
        .map(|s| String::from_utf8_lossy(&s).trim().parse().unwrap_or(-1))
        .unwrap_or(0);
    if run.status != Some(expected_status) {
        let got = run
            .status
            .map_or("killed by a signal".to_string(), |s| s.to_string());
        problems.push(format!("exit status {got}, expected {expected_status}"));
    }
    if let Some(err) = expected("err") {
        let want = last_line(&err);
        let got = last_line(&run.stderr);
        if want != got {
            problems.push(format!(
                "last stderr line differs\n    expected stderr: {}\n    got stderr:      {}",
                String::from_utf8_lossy(want),
                String::from_utf8_lossy(got)
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// What `tail -n 1` prints, without its newline.
fn last_line(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.rsplit(|&b| b == b'\n').next().unwrap_or(bytes)
}

fn first_difference(expected: &[u8], got: &[u8]) -> String {
    let (e, g) = (
        String::from_utf8_lossy(expected),
        String::from_utf8_lossy(got),
    );
    let mut lines = e.lines().zip(g.lines()).enumerate();
    match lines.find(|(_, (a, b))| a != b) {
        Some((n, (a, b))) => format!(
            "stdout differs at line {}\n    expected: {a}\n    got:      {b}",
            n + 1
        ),
        None if e.lines().count() != g.lines().count() => format!(
            "stdout differs at line {}",
            e.lines().count().min(g.lines().count()) + 1
        ),
        None => "stdout differs at end of output (final newline)".to_string(),
    }
}

struct Run {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Option<i32>,
}

fn run_with_timeout(program: &Path, mode: Mode) -> Result<Run, String> {
    let dir = program.parent().ok_or("program has no folder")?;
    let mut child = Command::new(env!("CARGO_BIN_EXE_adder"))
        .arg("run")
        .args(mode.flags())
        .arg(program.file_name().ok_or("program has no name")?)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start adder: {e}"))?;
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut buf);
            }
            buf
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("timed out after {}s", TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("cannot wait for adder: {e}")),
        }
    };
    Ok(Run {
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        status: status.code(),
    })
}
