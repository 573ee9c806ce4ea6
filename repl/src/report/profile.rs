//! `%prof`: the profile of one statement as two tables — functions (exact calls, sampled self
//! and total time, specialization coverage) and the hottest lines with their source.

use engine::session::report::ProfileReport;
use engine::session::timing::format_time;
use std::fmt::Write;

/// Lines shown in the hot-lines table.
const HOT_LINES: usize = 10;

pub fn format_profile(p: &ProfileReport, color: bool) -> String {
    let mut out = String::new();
    // The sampler asks for a period; a loaded machine wakes it later, so say what it got.
    let period = if p.samples > 0 {
        p.elapsed / p.samples as f64
    } else {
        engine::session::SAMPLE_PERIOD.as_secs_f64()
    };
    let _ = writeln!(
        out,
        "{} samples in {} (one every {})",
        p.samples,
        format_time(p.elapsed),
        format_time(period)
    );
    if p.samples == 0 {
        out.push_str("(too short to sample: no function was caught running)\n");
        return out;
    }
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    };
    let pct = |n: u64| 100.0 * n as f64 / p.samples as f64;
    let _ = writeln!(
        out,
        "{}",
        bold(&format!(
            "{:>10} {:>10} {:>7} {:>10} {:>7} {:>7}  function",
            "calls", "self", "self%", "total", "total%", "spec"
        ))
    );
    for f in &p.functions {
        let calls = f.calls.map_or("?".to_owned(), |c| c.to_string());
        let spec = if f.specializable > 0 {
            format!("{}/{}", f.specialized, f.specializable)
        } else {
            "-".to_owned()
        };
        let _ = writeln!(
            out,
            "{calls:>10} {:>10} {:>6.1}% {:>10} {:>6.1}% {spec:>7}  {} ({}:{})",
            format_time(f.self_time),
            pct(f.self_samples),
            format_time(f.total_time),
            pct(f.total_samples),
            f.qualname,
            f.filename,
            f.first_line
        );
    }
    let _ = writeln!(
        out,
        "\n{}",
        bold(&format!(
            "{:>8} {:>10} {:>6}  {:<24} source",
            "samples", "time", "line", "function"
        ))
    );
    for l in p.lines.iter().take(HOT_LINES) {
        let _ = writeln!(
            out,
            "{:>8} {:>10} {:>6}  {:<24} {}",
            l.samples,
            format_time(l.time),
            l.line,
            l.qualname,
            l.text
        );
    }
    out
}
