//! Adaptive disassembly (`adder dis --adaptive FILE`, the REPL's `%dis`): instructions as they are
//! now — the specialized form each one settled on, its counters and cache, or why it could not
//! be specialized — under the source line each group belongs to (CPython's
//! `dis.dis(adaptive=True)` plus what pystats knows per instruction).

use engine::vm::quicken::inspect::{CodeInfo, InstrInfo, InstrState};
use std::fmt::Write;

pub fn format_adaptive(
    code: &CodeInfo,
    source: &str,
    function: Option<&str>,
    color: bool,
) -> String {
    let mut out = String::new();
    let mut all = Vec::new();
    collect(code, &mut all);
    let shown: Vec<&CodeInfo> = all
        .into_iter()
        .filter(|c| function.is_none_or(|f| c.name == f || c.qualname == f))
        .collect();
    let lines: Vec<&str> = source.lines().collect();
    for (i, c) in shown.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "Adaptive disassembly of {} ({}, line {}): {} of {} specializable instructions specialized, {} failed",
            c.qualname, c.filename, c.first_line, c.specialized, c.specializable, c.failed
        );
        let mut last_line = 0;
        for instr in &c.instructions {
            if instr.line != 0 && instr.line != last_line {
                last_line = instr.line;
                let text = lines.get(instr.line as usize - 1).map_or("", |l| l.trim());
                let _ = writeln!(out, "{:>5}  {}", instr.line, paint(text, "2", color));
            }
            out.push_str(&format_instr(instr, color));
            out.push('\n');
        }
    }
    out
}

fn collect<'a>(code: &'a CodeInfo, out: &mut Vec<&'a CodeInfo>) {
    out.push(code);
    for child in &code.children {
        collect(child, out);
    }
}

fn paint(text: &str, sgr: &str, color: bool) -> String {
    if color && !text.is_empty() {
        format!("\x1b[{sgr}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

fn format_instr(i: &InstrInfo, color: bool) -> String {
    let arg = if i.argrepr.is_empty() {
        format!("{}", i.arg)
    } else {
        format!("{} ({})", i.arg, i.argrepr)
    };
    let name = format!("{:<32}", i.current);
    let (name, detail) = match i.state {
        InstrState::Plain => (name, String::new()),
        InstrState::Specialized => (
            paint(&name, "32", color),
            format!(
                "hits {} misses {} deopts {}  [{}]",
                i.hits, i.misses, i.deopts, i.cache
            ),
        ),
        InstrState::Failed => (
            paint(&name, "31", color),
            format!(
                "not specialized: {}",
                i.failure.as_deref().unwrap_or("unknown reason")
            ),
        ),
        InstrState::Warming => (paint(&name, "33", color), "warming up".to_owned()),
        InstrState::Adaptive => (
            paint(&name, "33", color),
            format!(
                "adaptive (next attempt in {}; {} deopts, {} misses)",
                i.counter, i.deopts, i.misses
            ),
        ),
        InstrState::Disabled => (name, "quickening disabled".to_owned()),
        InstrState::Fused => (
            paint(&name, "36", color),
            "superinstruction: runs the next instruction too".to_owned(),
        ),
    };
    format!("       {:>5} {} {:<28} {}", i.index, name, arg, detail)
        .trim_end()
        .to_owned()
}
