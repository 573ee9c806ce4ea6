//! Quickening, checked through the inspection API: every `engine/tests/quickening/*.py` runs
//! on a fresh VM, must print exactly its `.out` file (what python3 printed, plus the summary
//! line of an uncaught exception), and then its annotations must hold against
//! `vm.inspect_code` (per instruction) and `vm.spec_report` (per family and form).
//!
//! Annotations are comments in the program:
//!
//! - `#q NAME [(ARG)] [failed "REASON"] [KEY OP N]…` after code: some instruction of that
//!   line, in any code object, currently runs `NAME` (or was emitted as the family `NAME`),
//!   its `dis` argument contains `ARG`, its last attempt failed with exactly `REASON`, and its
//!   per-instruction counters satisfy the comparisons. Keys: `hits`, `misses`, `deopts`,
//!   `attempts`, `successes`, and `state` (`specialized`, `adaptive`, `failed`, `warming`, `fused`)
//!   with `=`. Ops: `=`, `>=`, `<=`. A line may carry several `#q` clauses.
//! - `#stats NAME [failed "REASON"] [KEY OP N]…` on a line of its own: the family or form
//!   `NAME` in `spec_report()` (family keys: `attempts`, `successes`, `failures`, `hits`,
//!   `misses`, `deopts`; form keys: `successes`, `hits`, `misses`, `deopts`), and a family's
//!   failure reasons include `REASON`.
//!
//! Each program also runs with `vm.quicken = false` (trial `NAME.py [no-quicken]`): the same
//! output, no instruction may be specialized or even attempted, and every specializable
//! instruction reports the `disabled` state.

use engine::eval::{compile_for_run, new_module_globals, RunError};
use engine::vm::host::Host;
use engine::vm::quicken::inspect::{CodeInfo, InstrInfo, InstrState, StatsReport};
use engine::vm::Vm;
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/quickening");
    let mut programs: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "py"))
                .collect()
        })
        .unwrap_or_default();
    programs.sort();
    let mut trials = Vec::new();
    for path in programs {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let p = path.clone();
        trials.push(Trial::test(name.clone(), move || judge(&p, true)));
        trials.push(Trial::test(format!("{name} [no-quicken]"), move || {
            judge(&path, false)
        }));
    }
    trials.push(Trial::test("annotation parser", parser_self_test));
    libtest_mimic::run(&args, trials).exit();
}

// ---------------------------------------------------------------------------------------------
// Running a program

struct Captured(Arc<Mutex<String>>);

impl Host for Captured {
    fn write_stdout(&mut self, text: &str) {
        if let Ok(mut out) = self.0.lock() {
            out.push_str(text);
        }
    }
    fn write_stderr(&mut self, _text: &str) {}
    fn read_line(&mut self) -> Option<String> {
        None
    }
}

/// What a run left behind: its output and the quickening state.
struct Outcome {
    stdout: String,
    code: CodeInfo,
    report: StatsReport,
}

fn run(source: &str, filename: &str, quicken: bool) -> Result<Outcome, String> {
    let (source, filename) = (source.to_owned(), filename.to_owned());
    let (sender, receiver) = std::sync::mpsc::channel();
    let stdout = Arc::new(Mutex::new(String::new()));
    let host = Captured(stdout.clone());
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut vm = Vm::new(Box::new(host));
            vm.quicken = quicken;
            let code = match compile_for_run(&mut vm, &source, &filename) {
                Ok(code) => code,
                Err(RunError::Compile(e)) => {
                    let _ = sender.send(Err(format!("does not compile: {e}")));
                    return;
                }
                Err(RunError::Exception(e)) => {
                    let summary = vm.exception_summary(&e.exc);
                    let _ = sender.send(Err(format!("does not compile: {summary}")));
                    return;
                }
            };
            let globals = new_module_globals(&mut vm, "__main__");
            let tail = match vm.run_module_code(code.clone(), globals) {
                Ok(_) => String::new(),
                Err(e) => format!("{}\n", vm.exception_summary(&e.exc)),
            };
            let info = vm.inspect_code(&code);
            let report = vm.spec_report();
            let _ = sender.send(Ok((tail, info, report)));
        })
        .map_err(|e| format!("could not start a thread: {e}"))?;
    let (tail, code, report) = match receiver.recv_timeout(TIMEOUT) {
        Ok(result) => result?,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            return Err(format!("timed out after {} s", TIMEOUT.as_secs()))
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            return Err("the interpreter panicked".to_owned())
        }
    };
    let mut stdout = stdout.lock().map(|s| s.clone()).unwrap_or_default();
    stdout.push_str(&tail);
    Ok(Outcome {
        stdout,
        code,
        report,
    })
}

fn judge(path: &Path, quicken: bool) -> Result<(), Failed> {
    let source = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let expected_path = path.with_extension("out");
    let expected = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let outcome = run(&source, &name, quicken)?;
    let mut problems = Vec::new();
    if outcome.stdout != expected {
        problems.push(first_difference(&expected, &outcome.stdout));
    }
    let (clauses, stats) = parse_annotations(&source)?;
    let mut all = Vec::new();
    collect(&outcome.code, &mut all);
    if quicken {
        if clauses.is_empty() && stats.is_empty() {
            problems.push("the program has no #q or #stats annotation".to_owned());
        }
        for clause in &clauses {
            if let Err(e) = check_clause(clause, &all) {
                problems.push(e);
            }
        }
        for s in &stats {
            if let Err(e) = check_stats(s, &outcome.report) {
                problems.push(e);
            }
        }
    } else {
        for (code, i) in &all {
            let disabled = matches!(i.state, InstrState::Plain | InstrState::Disabled);
            if !disabled || i.current != i.original || i.attempts != 0 {
                problems.push(format!(
                    "with quickening off, {} instruction {} ({}) is {:?}",
                    code.qualname, i.index, i.current, i.state
                ));
            }
        }
        for f in &outcome.report.families {
            if f.attempts != 0 || f.hits != 0 {
                problems.push(format!(
                    "with quickening off, {} has {} attempts",
                    f.family, f.attempts
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n").into())
    }
}

/// Every instruction of `code` and the code objects nested in it, with its code object.
fn collect<'a>(code: &'a CodeInfo, out: &mut Vec<(&'a CodeInfo, &'a InstrInfo)>) {
    for i in &code.instructions {
        out.push((code, i));
    }
    for child in &code.children {
        collect(child, out);
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
        "output differs at line {}:\n  expected: {:?}\n  actual:   {:?}",
        line + 1,
        e.get(line).copied().unwrap_or("<end>"),
        a.get(line).copied().unwrap_or("<end>"),
    )
}

// ---------------------------------------------------------------------------------------------
// Annotations

#[derive(Debug, PartialEq)]
enum Op {
    Eq,
    Ge,
    Le,
}

#[derive(Debug, PartialEq)]
struct Condition {
    key: String,
    op: Op,
    value: String,
}

/// One `#q` (with its line) or `#stats` clause.
#[derive(Debug, PartialEq)]
struct Clause {
    line: u32,
    name: String,
    arg: Option<String>,
    failed: Option<String>,
    conditions: Vec<Condition>,
}

fn parse_annotations(source: &str) -> Result<(Vec<Clause>, Vec<Clause>), String> {
    let (mut clauses, mut stats) = (Vec::new(), Vec::new());
    for (n, text) in source.lines().enumerate() {
        let line = n as u32 + 1;
        let trimmed = text.trim_start();
        if let Some(rest) = trimmed.strip_prefix("#stats ") {
            stats.push(parse_clause(rest, line)?);
            continue;
        }
        let mut parts = text.split("#q ");
        parts.next();
        for part in parts {
            clauses.push(parse_clause(part, line)?);
        }
    }
    Ok((clauses, stats))
}

/// `NAME[(ARG)] [failed "REASON"] [KEY OP VALUE]…`
fn parse_clause(text: &str, line: u32) -> Result<Clause, String> {
    let bad = |why: &str| format!("line {line}: bad annotation {text:?}: {why}");
    let text = text.trim();
    let name_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    let (name, mut rest) = text.split_at(name_end);
    if name.is_empty() {
        return Err(bad("no instruction name"));
    }
    let mut clause = Clause {
        line,
        name: name.to_owned(),
        arg: None,
        failed: None,
        conditions: Vec::new(),
    };
    if let Some(r) = rest.strip_prefix('(') {
        let close = r.find(')').ok_or_else(|| bad("unclosed ("))?;
        clause.arg = Some(r[..close].to_owned());
        rest = &r[close + 1..];
    }
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(r) = rest.strip_prefix("failed") {
            let r = r.trim_start();
            let r = r
                .strip_prefix('"')
                .ok_or_else(|| bad("failed needs \"REASON\""))?;
            let close = r.find('"').ok_or_else(|| bad("unclosed \""))?;
            clause.failed = Some(r[..close].to_owned());
            rest = &r[close + 1..];
            continue;
        }
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let (word, r) = rest.split_at(word_end);
        rest = r;
        let (key, op, value) = if let Some((k, v)) = word.split_once(">=") {
            (k, Op::Ge, v)
        } else if let Some((k, v)) = word.split_once("<=") {
            (k, Op::Le, v)
        } else if let Some((k, v)) = word.split_once('=') {
            (k, Op::Eq, v)
        } else {
            return Err(bad(&format!(
                "expected KEY=N, KEY>=N or KEY<=N, got {word:?}"
            )));
        };
        clause.conditions.push(Condition {
            key: key.to_owned(),
            op,
            value: value.to_owned(),
        });
    }
    Ok(clause)
}

fn compare(key: &str, actual: u64, op: &Op, want: &str) -> Result<bool, String> {
    let want: u64 = want
        .parse()
        .map_err(|_| format!("{key}: {want:?} is not a number"))?;
    Ok(match op {
        Op::Eq => actual == want,
        Op::Ge => actual >= want,
        Op::Le => actual <= want,
    })
}

fn state_name(s: InstrState) -> &'static str {
    match s {
        InstrState::Plain => "plain",
        InstrState::Warming => "warming",
        InstrState::Adaptive => "adaptive",
        InstrState::Specialized => "specialized",
        InstrState::Failed => "failed",
        InstrState::Disabled => "disabled",
        InstrState::Fused => "fused",
    }
}

/// Whether instruction `i` satisfies `clause` (an error for a malformed clause).
fn instr_matches(clause: &Clause, i: &InstrInfo) -> Result<bool, String> {
    if i.current != clause.name && i.original != clause.name {
        return Ok(false);
    }
    if let Some(arg) = &clause.arg {
        if !i.argrepr.contains(arg.as_str()) {
            return Ok(false);
        }
    }
    if let Some(reason) = &clause.failed {
        if i.state != InstrState::Failed || i.failure.as_deref() != Some(reason.as_str()) {
            return Ok(false);
        }
    }
    for c in &clause.conditions {
        let actual = match c.key.as_str() {
            "state" => {
                if c.op != Op::Eq {
                    return Err("state takes =".to_owned());
                }
                if state_name(i.state) != c.value {
                    return Ok(false);
                }
                continue;
            }
            "hits" => u64::from(i.hits),
            "misses" => u64::from(i.misses),
            "deopts" => u64::from(i.deopts),
            "attempts" => u64::from(i.attempts),
            "successes" => u64::from(i.successes),
            other => return Err(format!("unknown instruction key {other:?}")),
        };
        if !compare(&c.key, actual, &c.op, &c.value)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn check_clause(clause: &Clause, all: &[(&CodeInfo, &InstrInfo)]) -> Result<(), String> {
    let on_line: Vec<&InstrInfo> = all
        .iter()
        .filter(|(_, i)| i.line == clause.line)
        .map(|(_, i)| *i)
        .collect();
    for i in &on_line {
        if instr_matches(clause, i).map_err(|e| format!("line {}: {e}", clause.line))? {
            return Ok(());
        }
    }
    let seen: Vec<String> = on_line
        .iter()
        .filter(|i| i.original != i.current || i.state != InstrState::Plain)
        .map(|i| {
            let mut s = format!(
                "{} [{}] hits {} misses {} deopts {} attempts {}",
                i.current,
                state_name(i.state),
                i.hits,
                i.misses,
                i.deopts,
                i.attempts
            );
            if !i.argrepr.is_empty() {
                s.push_str(&format!(" arg {:?}", i.argrepr));
            }
            if let Some(f) = &i.failure {
                s.push_str(&format!(" failure {f:?}"));
            }
            s
        })
        .collect();
    Err(format!(
        "line {}: no instruction matches {:?}; specializable instructions there: {}",
        clause.line,
        clause,
        if seen.is_empty() {
            "none".to_owned()
        } else {
            seen.join("; ")
        }
    ))
}

fn check_stats(clause: &Clause, report: &StatsReport) -> Result<(), String> {
    let fail = |why: String| {
        Err(format!(
            "line {}: #stats {}: {why}",
            clause.line, clause.name
        ))
    };
    if let Some(f) = report.families.iter().find(|f| f.family == clause.name) {
        if let Some(reason) = &clause.failed {
            if !f.failure_reasons.iter().any(|(r, _)| r == reason) {
                return fail(format!(
                    "no failure {reason:?} among {:?}",
                    f.failure_reasons
                ));
            }
        }
        for c in &clause.conditions {
            let actual = match c.key.as_str() {
                "attempts" => f.attempts,
                "successes" => f.successes,
                "failures" => f.failures,
                "hits" => f.hits,
                "misses" => f.misses,
                "deopts" => f.deopts,
                other => return fail(format!("unknown family key {other:?}")),
            };
            if !compare(&c.key, actual, &c.op, &c.value)? {
                return fail(format!("{} is {actual}", c.key));
            }
        }
        return Ok(());
    }
    let form = report
        .families
        .iter()
        .flat_map(|f| f.forms.iter())
        .find(|s| s.form == clause.name);
    let Some(form) = form else {
        return fail("no such family, or the form was never used".to_owned());
    };
    if clause.failed.is_some() {
        return fail("failure reasons belong to families".to_owned());
    }
    for c in &clause.conditions {
        let actual = match c.key.as_str() {
            "successes" => form.successes,
            "hits" => form.hits,
            "misses" => form.misses,
            "deopts" => form.deopts,
            other => return fail(format!("unknown form key {other:?}")),
        };
        if !compare(&c.key, actual, &c.op, &c.value)? {
            return fail(format!("{} is {actual}", c.key));
        }
    }
    Ok(())
}

fn parser_self_test() -> Result<(), Failed> {
    let source = "x = a + b  #q BINARY_OP_ADD_INT hits>=3 #q LOAD_ATTR(y) failed \"attribute not found\" state=failed\n#stats CALL deopts<=0\n";
    let (clauses, stats) = parse_annotations(source)?;
    let want = vec![
        Clause {
            line: 1,
            name: "BINARY_OP_ADD_INT".into(),
            arg: None,
            failed: None,
            conditions: vec![Condition {
                key: "hits".into(),
                op: Op::Ge,
                value: "3".into(),
            }],
        },
        Clause {
            line: 1,
            name: "LOAD_ATTR".into(),
            arg: Some("y".into()),
            failed: Some("attribute not found".into()),
            conditions: vec![Condition {
                key: "state".into(),
                op: Op::Eq,
                value: "failed".into(),
            }],
        },
    ];
    if clauses != want {
        return Err(format!("parsed {clauses:?}").into());
    }
    if stats.len() != 1 || stats[0].name != "CALL" || stats[0].conditions[0].op != Op::Le {
        return Err(format!("parsed {stats:?}").into());
    }
    if parse_clause("X hits", 1).is_ok() || parse_clause("(y)", 1).is_ok() {
        return Err("malformed clauses were accepted".into());
    }
    Ok(())
}
