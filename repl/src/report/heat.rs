//! `%heat FUNC`: the function's source with each expression coloured by how its
//! specializable instruction fares — green specialized, yellow adaptive (warming up or backing
//! off), red failed — the innermost expression winning, as the `specialist` tool shows
//! CPython's quickening. Without colour a marker line under each source line says the same
//! (`+` specialized, `~` adaptive, `!` failed); failure reasons follow each line.

use engine::syntax::LineIndex;
use engine::vm::quicken::inspect::{CodeInfo, InstrInfo, InstrState};
use std::fmt::Write;

/// How a stretch of source fared.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Heat {
    Specialized,
    Adaptive,
    Failed,
}

impl Heat {
    fn of(state: InstrState) -> Option<Heat> {
        match state {
            InstrState::Specialized => Some(Heat::Specialized),
            InstrState::Warming | InstrState::Adaptive => Some(Heat::Adaptive),
            InstrState::Failed => Some(Heat::Failed),
            InstrState::Plain | InstrState::Disabled | InstrState::Fused => None,
        }
    }

    fn sgr(self) -> &'static str {
        match self {
            Heat::Specialized => "30;42",
            Heat::Adaptive => "30;43",
            Heat::Failed => "97;41",
        }
    }

    fn marker(self) -> char {
        match self {
            Heat::Specialized => '+',
            Heat::Adaptive => '~',
            Heat::Failed => '!',
        }
    }
}

fn collect<'a>(code: &'a CodeInfo, out: &mut Vec<&'a InstrInfo>) {
    out.extend(code.instructions.iter());
    for c in &code.children {
        collect(c, out);
    }
}

/// Per line (1-based) of the function: the heat of each byte of the line.
pub fn heat_map(code: &CodeInfo, source: &str) -> Vec<(u32, String, Vec<Option<Heat>>)> {
    let mut instrs = Vec::new();
    collect(code, &mut instrs);
    let index = LineIndex::new(source);
    let first = code.first_line.max(1);
    let last = instrs
        .iter()
        .map(|i| i.line)
        .max()
        .unwrap_or(first)
        .max(first);
    // Widest ranges first, so inner expressions paint over the ones that contain them.
    let mut hot: Vec<(&InstrInfo, Heat)> = instrs
        .iter()
        .filter_map(|i| Heat::of(i.state).map(|h| (*i, h)))
        .filter(|(i, _)| i.end > i.start)
        .collect();
    hot.sort_by_key(|(i, _)| std::cmp::Reverse(i.end - i.start));
    let mut out = Vec::new();
    for line in first..=last {
        let l = line as usize - 1;
        if l >= index.line_count() {
            break;
        }
        let start = index.line_start(l) as usize;
        let text = index.line_text(source, l).trim_end_matches(['\r', '\n']);
        let mut heat = vec![None; text.len()];
        for (i, h) in &hot {
            let (s, e) = (i.start as usize, i.end as usize);
            for (k, slot) in heat.iter_mut().enumerate() {
                let at = start + k;
                if at >= s && at < e {
                    *slot = Some(*h);
                }
            }
        }
        out.push((line, text.to_owned(), heat));
    }
    out
}

pub fn format_heat(code: &CodeInfo, source: &str, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}, line {}): {} of {} specializable instructions specialized, {} failed",
        code.qualname,
        code.filename,
        code.first_line,
        code.specialized,
        code.specializable,
        code.failed
    );
    if color {
        let _ = writeln!(
            out,
            "\x1b[{}m specialized \x1b[0m \x1b[{}m adaptive \x1b[0m \x1b[{}m failed \x1b[0m",
            Heat::Specialized.sgr(),
            Heat::Adaptive.sgr(),
            Heat::Failed.sgr()
        );
    } else {
        out.push_str("markers: + specialized, ~ adaptive, ! failed\n");
    }
    let mut instrs = Vec::new();
    collect(code, &mut instrs);
    if source.is_empty() {
        out.push_str("(source not available)\n");
        return out;
    }
    for (line, text, heat) in heat_map(code, source) {
        let mut rendered = String::new();
        if color {
            let mut current: Option<Heat> = None;
            for (k, ch) in text.char_indices() {
                let h = heat.get(k).copied().flatten();
                if h != current {
                    rendered.push_str("\x1b[0m");
                    if let Some(h) = h {
                        let _ = write!(rendered, "\x1b[{}m", h.sgr());
                    }
                    current = h;
                }
                rendered.push(ch);
            }
            if current.is_some() {
                rendered.push_str("\x1b[0m");
            }
        } else {
            rendered.push_str(&text);
        }
        let _ = writeln!(out, "{line:>5}  {rendered}");
        if !color && heat.iter().any(Option::is_some) {
            let mut markers = String::new();
            for (k, ch) in text.char_indices() {
                let m = heat.get(k).copied().flatten().map_or(' ', Heat::marker);
                markers.push(if ch == '\t' { '\t' } else { m });
            }
            let _ = writeln!(out, "       {}", markers.trim_end());
        }
        for i in instrs.iter().filter(|i| i.line == line) {
            if let (InstrState::Failed, Some(reason)) = (i.state, &i.failure) {
                let _ = writeln!(out, "       └ {} not specialized: {reason}", i.original);
            }
        }
    }
    out
}
