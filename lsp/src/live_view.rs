//! The live VM's state shown where the code is: per-line execution counts and
//! specialization status (inlay hints), a line's instructions in their current form (hover),
//! calls / time share / % specialized per function (code lens), instructions that failed to
//! specialize (performance hints), and the `adder/quickening` and `adder/profile` answers.

use crate::live::RunReport;
use engine::vm::quicken::inspect::{CodeInfo, InstrInfo, InstrState};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Every code object of the report, depth first.
pub fn all_code(code: &CodeInfo) -> Vec<&CodeInfo> {
    let mut out = vec![code];
    for c in &code.children {
        out.extend(all_code(c));
    }
    out
}

/// What a run left on one line (1-based).
#[derive(Default, Debug)]
pub struct LineStats {
    /// The most executions of any instruction on the line.
    pub count: u64,
    /// The count is a lower bound (executions while backing off are not counted).
    pub approximate: bool,
    pub specializable: u32,
    pub specialized: u32,
    pub failed: u32,
    pub samples: u64,
}

/// Executions of an instruction as far as its cache counted them, and whether that is
/// exact. `RESUME` counts entries in `hits`. A specializable instruction runs once to warm
/// up, once per attempt, then as hits and misses of its specialized form; what runs while
/// it backs off after a failure or a deopt is not counted.
fn executions(i: &InstrInfo) -> (u64, bool) {
    if !i.state.is_specializable() {
        return (u64::from(i.hits), false);
    }
    let started = u64::from(i.attempts > 0);
    let n = u64::from(i.hits) + u64::from(i.misses) + u64::from(i.attempts) + started;
    let approximate = i.deopts > 0 || matches!(i.state, InstrState::Failed | InstrState::Adaptive);
    (n, approximate)
}

pub fn line_stats(report: &RunReport) -> BTreeMap<u32, LineStats> {
    let mut lines: BTreeMap<u32, LineStats> = BTreeMap::new();
    for code in all_code(&report.code) {
        if code.name == "<module>" {
            // Module-level lines run once; only their specialization status is shown.
        }
        for i in &code.instructions {
            if i.line == 0 {
                continue;
            }
            let s = lines.entry(i.line).or_default();
            let (n, approximate) = executions(i);
            if n > s.count || (n == s.count && !approximate) {
                s.count = n;
                s.approximate = approximate;
            }
            if i.state.is_specializable() {
                s.specializable += 1;
            }
            match i.state {
                InstrState::Specialized => s.specialized += 1,
                InstrState::Failed => s.failed += 1,
                _ => {}
            }
        }
    }
    let filename_lines = report
        .profile
        .lines
        .iter()
        .filter(|((f, _), _)| f == &report.code.filename);
    for ((_, line), samples) in filename_lines {
        lines.entry(*line).or_default().samples = *samples;
    }
    lines
}

pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The inlay hint text for a line: `×10,233 · 3/3 specialized · 41% time`.
pub fn line_label(s: &LineStats, total_samples: u64) -> Option<String> {
    let mut parts = Vec::new();
    if s.count > 0 {
        let mark = if s.approximate { "≥" } else { "×" };
        parts.push(format!("{mark}{}", thousands(s.count)));
    }
    if s.specializable > 0 {
        let mut p = format!("{}/{} specialized", s.specialized, s.specializable);
        if s.failed > 0 {
            p.push_str(&format!(", {} failed", s.failed));
        }
        parts.push(p);
    }
    if s.samples > 0 && total_samples > 0 {
        parts.push(format!(
            "{:.0}% time",
            100.0 * s.samples as f64 / total_samples as f64
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// Markdown listing the instructions of `line` in their current form.
pub fn line_markdown(report: &RunReport, line: u32) -> Option<String> {
    let mut rows = Vec::new();
    for code in all_code(&report.code) {
        for i in code.instructions.iter().filter(|i| i.line == line) {
            let mark = match i.state {
                InstrState::Specialized => "✓",
                InstrState::Failed => "✗",
                InstrState::Warming | InstrState::Adaptive => "…",
                _ => " ",
            };
            let mut row = format!("{:<28} {mark}", i.current);
            if i.state.is_specializable() || i.hits > 0 {
                row.push_str(&format!(" {} hits", thousands(u64::from(i.hits))));
                if i.misses > 0 {
                    row.push_str(&format!(", {} misses", thousands(u64::from(i.misses))));
                }
                if i.deopts > 0 {
                    row.push_str(&format!(", {} deopts", i.deopts));
                }
            }
            if !i.argrepr.is_empty() {
                row.push_str(&format!("  ({})", i.argrepr));
            }
            if let Some(f) = &i.failure {
                row.push_str(&format!("  — {f}"));
            }
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return None;
    }
    Some(format!(
        "**Live VM** (the session now)\n```text\n{}\n```",
        rows.join("\n")
    ))
}

/// Per function (by qualified name): calls, time share, and specialized / specializable.
pub struct FunctionStats {
    pub calls: u64,
    pub time_share: Option<f64>,
    pub specialized: usize,
    pub specializable: usize,
}

pub fn function_stats(report: &RunReport, qualname: &str) -> Option<FunctionStats> {
    let code = all_code(&report.code)
        .into_iter()
        .find(|c| c.qualname == qualname)?;
    let calls = code
        .instructions
        .iter()
        .find(|i| i.original == "RESUME" && i.arg == 0)
        .map_or(0, |i| u64::from(i.hits));
    let total = report.profile.total;
    let time_share = report
        .profile
        .functions
        .iter()
        .find(|(k, _)| k.qualname == qualname && k.filename == code.filename)
        .map(|(_, (_, incl))| 100.0 * *incl as f64 / total.max(1) as f64);
    Some(FunctionStats {
        calls,
        time_share,
        specialized: code.specialized,
        specializable: code.specializable,
    })
}

/// Instructions that failed to specialize: (start, end) byte range in the run's source,
/// and the message.
pub fn performance_hints(report: &RunReport) -> Vec<(u32, u32, String)> {
    let mut out = Vec::new();
    for code in all_code(&report.code) {
        for i in &code.instructions {
            if i.state != InstrState::Failed {
                continue;
            }
            let reason = i
                .failure
                .as_deref()
                .unwrap_or("no specialized form applies");
            let what = if i.argrepr.is_empty() {
                i.original.to_owned()
            } else {
                format!("{} ({})", i.original, i.argrepr)
            };
            out.push((
                i.start,
                i.end,
                format!(
                    "{what} in {} could not be specialized: {reason}. It runs the generic path on every execution.",
                    code.qualname
                ),
            ));
        }
    }
    out
}

/// The `adder/quickening` answer: the structured state of the file's code, or of one
/// function in it.
pub fn quickening_json(report: &RunReport, function: Option<&str>) -> Option<Value> {
    let code = match function {
        None => &report.code,
        Some(name) => all_code(&report.code)
            .into_iter()
            .find(|c| c.qualname == name || c.name == name)?,
    };
    let mut value = serde_json::to_value(code).ok()?;
    // Edit-and-continue: which definitions the last re-run kept warm and which restarted.
    if let (Some(summary), Some(object)) = (&report.reload, value.as_object_mut()) {
        object.insert("reload".into(), serde_json::to_value(summary).ok()?);
    }
    Some(value)
}

/// The `adder/profile` answer: every function of the run with its calls and samples
/// (hottest first), and the hottest lines.
pub fn profile_json(path: &str, report: &RunReport) -> Value {
    let total = report.profile.total.max(1) as f64;
    let mut functions: Vec<Value> = all_code(&report.code)
        .into_iter()
        .map(|code| {
            let samples = report
                .profile
                .functions
                .iter()
                .find(|(k, _)| k.qualname == code.qualname && k.filename == code.filename)
                .map_or((0, 0), |(_, s)| *s);
            let calls = function_stats(report, &code.qualname).map_or(0, |s| s.calls);
            json!({
                "qualname": code.qualname,
                "filename": code.filename,
                "line": code.first_line,
                "calls": calls,
                "self_samples": samples.0,
                "total_samples": samples.1,
                "self_percent": 100.0 * samples.0 as f64 / total,
                "total_percent": 100.0 * samples.1 as f64 / total,
                "specialized": code.specialized,
                "specializable": code.specializable,
            })
        })
        .collect();
    functions.sort_by_key(|f| {
        std::cmp::Reverse((
            f["self_samples"].as_u64().unwrap_or(0),
            f["calls"].as_u64().unwrap_or(0),
        ))
    });
    let mut lines: Vec<Value> = report
        .profile
        .lines
        .iter()
        .map(|((f, l), n)| json!({"filename": f, "line": l, "samples": n, "percent": 100.0 * *n as f64 / total}))
        .collect();
    lines.sort_by_key(|l| std::cmp::Reverse(l["samples"].as_u64().unwrap_or(0)));
    lines.truncate(50);
    json!({
        "path": path,
        "total_samples": report.profile.total,
        "functions": functions,
        "lines": lines,
    })
}
