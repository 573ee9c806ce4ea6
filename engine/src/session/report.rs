//! A profile joined with what the session knows: exact call counts (each function's
//! `RESUME` counts its entries), time per function and per line from the samples, the source
//! text of each hot line, and each function's specialization coverage. Plain data, for the
//! REPL's `%prof` table, the TUI's profile pane and the flame graph writers.

use super::Session;
use crate::bytecode::Opcode;
use crate::runtime::types::code::PyCode;
use crate::vm::profile::{FunctionKey, Profile};
use crate::vm::Vm;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

/// One function of a profile.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct FunctionRow {
    pub qualname: String,
    pub filename: String,
    pub first_line: u32,
    /// Calls during the profiled run (exact), when the function's code is known.
    pub calls: Option<u64>,
    pub self_samples: u64,
    pub total_samples: u64,
    pub self_time: f64,
    pub total_time: f64,
    pub specialized: usize,
    pub specializable: usize,
}

/// One line of a profile.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct LineRow {
    pub qualname: String,
    pub line: u32,
    pub samples: u64,
    pub time: f64,
    pub text: String,
}

/// A profile, ready to show.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct ProfileReport {
    pub samples: u64,
    /// Wall time of the run, seconds.
    pub elapsed: f64,
    /// Hottest first (by total time).
    pub functions: Vec<FunctionRow>,
    /// Hottest first.
    pub lines: Vec<LineRow>,
    /// Call stacks (outermost first, as `qualname (file:line)`) and their samples.
    pub stacks: Vec<(Vec<String>, u64)>,
}

/// Entries per code object, by address: the baseline for exact call counts.
pub type CallCounts = HashMap<usize, u64>;

/// How often the code's `RESUME` ran.
fn entries(code: &PyCode) -> Option<u64> {
    let i = code
        .code
        .code
        .iter()
        .position(|instr| instr.opcode() == Opcode::Resume)?;
    Some(u64::from(code.caches[i].hits.get()))
}

/// A display name for a profiled function.
pub fn frame_name(key: &FunctionKey) -> String {
    format!("{} ({}:{})", key.qualname, key.filename, key.first_line)
}

impl Session {
    /// Every known code object's entry count (take one before a profiled run).
    pub fn call_counts(&self) -> CallCounts {
        self.all_codes()
            .iter()
            .filter_map(|(c, _)| Some((Rc::as_ptr(c) as usize, entries(c)?)))
            .collect()
    }

    /// Joins `profile` (of a run that took `elapsed`) with the code the session ran;
    /// `before` is the [`Session::call_counts`] taken before the run.
    pub fn profile_report(
        &self,
        profile: &Profile,
        elapsed: Duration,
        before: &CallCounts,
    ) -> ProfileReport {
        report(&self.vm, &self.all_codes(), profile, elapsed, before)
    }
}

/// `code` and every code object nested in it, each with `source` (for [`report`]).
pub fn codes_of(code: &Rc<PyCode>, source: &str) -> Vec<(Rc<PyCode>, Rc<str>)> {
    let source: Rc<str> = source.into();
    let mut out = Vec::new();
    super::walk(code, &mut |c| out.push((c.clone(), source.clone())));
    out
}

/// Joins `profile` with the code objects that ran (`codes`, outermost first, with the
/// source text each came from) on `vm`; `before` holds entry counts taken before the run
/// (empty for a whole program).
pub fn report(
    vm: &Vm,
    codes: &[(Rc<PyCode>, Rc<str>)],
    profile: &Profile,
    elapsed: Duration,
    before: &CallCounts,
) -> ProfileReport {
    let elapsed_s = elapsed.as_secs_f64();
    let per_sample = if profile.total > 0 {
        elapsed_s / profile.total as f64
    } else {
        0.0
    };
    let find = |key: &FunctionKey| {
        codes.iter().rev().find(|(c, _)| {
            c.code.qualname.as_str() == key.qualname
                && c.first_line() == key.first_line
                && c.code.filename.as_ref() == key.filename
        })
    };
    let mut functions: Vec<FunctionRow> = profile
        .functions
        .iter()
        .map(|(key, &(self_samples, total_samples))| {
            let mut row = FunctionRow {
                qualname: key.qualname.clone(),
                filename: key.filename.clone(),
                first_line: key.first_line,
                self_samples,
                total_samples,
                self_time: self_samples as f64 * per_sample,
                total_time: total_samples as f64 * per_sample,
                ..FunctionRow::default()
            };
            if let Some((code, _)) = find(key) {
                let now = entries(code).unwrap_or(0);
                let was = before
                    .get(&(Rc::as_ptr(code) as usize))
                    .copied()
                    .unwrap_or(0);
                row.calls = Some(now.saturating_sub(was));
                let info = vm.inspect_code(code);
                row.specialized = info.specialized;
                row.specializable = info.specializable;
            }
            row
        })
        .collect();
    functions.sort_by(|a, b| {
        b.total_samples
            .cmp(&a.total_samples)
            .then(b.self_samples.cmp(&a.self_samples))
            .then(a.qualname.cmp(&b.qualname))
    });
    let mut lines: Vec<LineRow> = profile
        .function_lines
        .iter()
        .map(|((key, line), &samples)| {
            let text = find(key)
                .and_then(|(_, source)| {
                    source
                        .lines()
                        .nth((*line as usize).saturating_sub(1))
                        .map(|l| l.trim().to_owned())
                })
                .unwrap_or_default();
            LineRow {
                qualname: key.qualname.clone(),
                line: *line,
                samples,
                time: samples as f64 * per_sample,
                text,
            }
        })
        .collect();
    lines.sort_by(|a, b| {
        b.samples
            .cmp(&a.samples)
            .then(a.qualname.cmp(&b.qualname))
            .then(a.line.cmp(&b.line))
    });
    let mut stacks: Vec<(Vec<String>, u64)> = profile
        .stacks()
        .iter()
        .map(|(path, &n)| (path.iter().map(frame_name).collect(), n))
        .collect();
    stacks.sort();
    ProfileReport {
        samples: profile.total,
        elapsed: elapsed_s,
        functions,
        lines,
        stacks,
    }
}
