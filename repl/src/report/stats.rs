//! The specialization statistics as a table (`adder run --stats`, the REPL's `%stats`), one family per block: its
//! totals, then each specialized form it used, then why attempts failed.

use engine::vm::quicken::inspect::StatsReport;
use std::fmt::Write;

pub fn format_stats(report: &StatsReport) -> String {
    let mut out = String::new();
    out.push_str("\nSpecialization statistics\n");
    let _ = writeln!(
        out,
        "{:<36} {:>9} {:>8} {:>9} {:>13} {:>10} {:>7} {:>8}",
        "family / form", "attempts", "success", "failures", "hits", "misses", "deopts", "hit rate"
    );
    let (mut attempts, mut successes, mut hits, mut misses) = (0, 0, 0, 0);
    for f in report.families.iter().filter(|f| f.attempts > 0) {
        attempts += f.attempts;
        successes += f.successes;
        hits += f.hits;
        misses += f.misses;
        let _ = writeln!(
            out,
            "{:<36} {:>9} {:>7.1}% {:>9} {:>13} {:>10} {:>7} {:>7.1}%",
            f.family,
            f.attempts,
            100.0 * f.success_rate(),
            f.failures,
            f.hits,
            f.misses,
            f.deopts,
            100.0 * f.hit_rate()
        );
        for form in &f.forms {
            let _ = writeln!(
                out,
                "  {:<34} {:>9} {:>8} {:>9} {:>13} {:>10} {:>7}",
                form.form, form.successes, "", "", form.hits, form.misses, form.deopts
            );
        }
        for (reason, n) in &f.failure_reasons {
            let _ = writeln!(out, "  failed {n:>5}×  {reason}");
        }
    }
    let rate = |a: u64, b: u64| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let _ = writeln!(
        out,
        "total: {attempts} attempts, {:.1}% specialized; {hits} hits, {misses} misses ({:.1}% hit rate)",
        rate(successes, attempts),
        rate(hits, hits + misses)
    );
    out
}
