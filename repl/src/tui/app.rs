//! The inspector's state, apart from any terminal: the input being edited, the output so
//! far, and the latest inspection data (profile, functions with their quickening state,
//! family stats), plus what the keys do to it. Drawing is `ui.rs`; the loop that talks to the
//! session and the terminal is `tui.rs`.

use crate::host::Stream;
use engine::session::report::ProfileReport;
use engine::session::worker::FunctionInfo;
use engine::syntax::completeness::{completeness, Completeness};
use engine::vm::profile::Profile;
use engine::vm::quicken::inspect::StatsReport;
use std::collections::VecDeque;

/// The panes that take keys, in focus order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Input,
    Output,
    Profile,
    Quickening,
    Stats,
}

impl Focus {
    const ORDER: [Focus; 5] = [
        Focus::Input,
        Focus::Output,
        Focus::Profile,
        Focus::Quickening,
        Focus::Stats,
    ];

    fn step(self, by: isize) -> Focus {
        let i = Self::ORDER.iter().position(|f| *f == self).unwrap_or(0) as isize;
        let n = Self::ORDER.len() as isize;
        Self::ORDER[((i + by).rem_euclid(n)) as usize]
    }
}

/// A row of the live profile pane.
#[derive(Clone, Debug, PartialEq)]
pub struct HotFunction {
    pub name: String,
    pub calls: Option<u64>,
    pub self_samples: u64,
    pub total_samples: u64,
    /// Seconds (from the run's elapsed time; 0 while it runs).
    pub self_time: f64,
    pub total_time: f64,
}

/// A key, as the app sees it (so tests need no terminal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
    Delete,
    Left,
    Right,
    Up,
    Down,
    Home,
    End,
    PageUp,
    PageDown,
    Tab,
    BackTab,
    CtrlC,
    CtrlD,
    CtrlL,
    Esc,
}

/// What a key asks the loop to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    None,
    /// Run this input (code, or a `%magic`).
    Run(String),
    Interrupt,
    Quit,
}

pub struct App {
    pub focus: Focus,
    /// The input, one string per line, and the cursor (line, byte column).
    pub input: Vec<String>,
    pub cursor: (usize, usize),
    /// Output lines with their stream.
    pub output: Vec<(Stream, String)>,
    /// Lines scrolled up from the bottom of the output.
    pub output_scroll: usize,
    /// The last output line has no newline yet.
    line_open: bool,
    pub running: Option<String>,
    /// Inputs entered while code ran, to run in turn after it (typed ahead, as at a
    /// terminal); Ctrl-C drops them with the run it interrupts.
    pub queued: VecDeque<String>,
    /// Inputs run, for Up/Down recall in an empty editor.
    pub history: Vec<String>,
    history_pos: Option<usize>,
    pub hot: Vec<HotFunction>,
    pub samples: u64,
    pub functions: Vec<FunctionInfo>,
    /// Index into `functions`.
    pub selected_function: usize,
    /// Index into the selected function's instructions.
    pub selected_instr: usize,
    pub stats: Option<StatsReport>,
    pub stats_scroll: usize,
}

impl Default for App {
    fn default() -> App {
        App {
            focus: Focus::Input,
            input: vec![String::new()],
            cursor: (0, 0),
            output: Vec::new(),
            output_scroll: 0,
            line_open: false,
            running: None,
            queued: VecDeque::new(),
            history: Vec::new(),
            history_pos: None,
            hot: Vec::new(),
            samples: 0,
            functions: Vec::new(),
            selected_function: 0,
            selected_instr: 0,
            stats: None,
            stats_scroll: 0,
        }
    }
}

impl App {
    pub fn input_text(&self) -> String {
        self.input.join("\n")
    }

    pub fn set_input(&mut self, text: &str) {
        self.input = text.split('\n').map(str::to_owned).collect();
        let last = self.input.len() - 1;
        self.cursor = (last, self.input[last].len());
    }

    /// Appends program output (split into lines; a partial last line continues later).
    pub fn push_output(&mut self, stream: Stream, text: &str) {
        let ends = text.ends_with('\n');
        let body = text.strip_suffix('\n').unwrap_or(text);
        for (i, part) in body.split('\n').enumerate() {
            match self.output.last_mut() {
                Some((s, line)) if i == 0 && self.line_open && *s == stream => line.push_str(part),
                _ => self.output.push((stream, part.to_owned())),
            }
        }
        self.line_open = !ends;
        self.output_scroll = 0;
        const MAX_LINES: usize = 10_000;
        if self.output.len() > MAX_LINES {
            self.output.drain(..self.output.len() - MAX_LINES);
        }
    }

    /// The live profile pane's rows from a profile being recorded.
    pub fn update_live(&mut self, profile: &Profile) {
        let mut hot: Vec<HotFunction> = profile
            .functions
            .iter()
            .map(|(k, &(s, t))| HotFunction {
                name: format!("{} ({}:{})", k.qualname, k.filename, k.first_line),
                calls: None,
                self_samples: s,
                total_samples: t,
                self_time: s as f64 * engine::session::SAMPLE_PERIOD.as_secs_f64(),
                total_time: t as f64 * engine::session::SAMPLE_PERIOD.as_secs_f64(),
            })
            .collect();
        hot.sort_by(|a, b| {
            b.total_samples
                .cmp(&a.total_samples)
                .then(b.self_samples.cmp(&a.self_samples))
                .then(a.name.cmp(&b.name))
        });
        self.hot = hot;
        self.samples = profile.total;
    }

    /// The profile pane's rows from a finished run's report (exact calls, real times).
    pub fn update_report(&mut self, report: &ProfileReport) {
        self.samples = report.samples;
        self.hot = report
            .functions
            .iter()
            .map(|f| HotFunction {
                name: format!("{} ({}:{})", f.qualname, f.filename, f.first_line),
                calls: f.calls,
                self_samples: f.self_samples,
                total_samples: f.total_samples,
                self_time: f.self_time,
                total_time: f.total_time,
            })
            .collect();
    }

    pub fn set_functions(&mut self, functions: Vec<FunctionInfo>) {
        // Keep the selection on the same function when it is still there.
        let current = self
            .functions
            .get(self.selected_function)
            .map(|f| f.info.qualname.clone());
        self.functions = functions;
        self.selected_function = current
            .and_then(|q| self.functions.iter().position(|f| f.info.qualname == q))
            .unwrap_or(0);
        let n = self.selected().map_or(0, |f| f.info.instructions.len());
        self.selected_instr = self.selected_instr.min(n.saturating_sub(1));
    }

    pub fn selected(&self) -> Option<&FunctionInfo> {
        self.functions.get(self.selected_function)
    }

    /// Handles one key.
    pub fn key(&mut self, key: Key) -> Action {
        match key {
            Key::CtrlC if self.running.is_some() => {
                self.queued.clear();
                return Action::Interrupt;
            }
            Key::CtrlC => {
                self.set_input("");
                return Action::None;
            }
            Key::CtrlD => return Action::Quit,
            Key::Esc if self.input_text().is_empty() || self.focus != Focus::Input => {
                return Action::Quit
            }
            Key::Esc => {
                self.set_input("");
                return Action::None;
            }
            Key::Tab => {
                self.focus = self.focus.step(1);
                return Action::None;
            }
            Key::BackTab => {
                self.focus = self.focus.step(-1);
                return Action::None;
            }
            Key::CtrlL => {
                self.output.clear();
                return Action::None;
            }
            _ => {}
        }
        match self.focus {
            Focus::Input => self.edit(key),
            Focus::Output => {
                let max = self.output.len();
                self.output_scroll = scroll(self.output_scroll, key, max);
                Action::None
            }
            Focus::Profile => {
                // Up/Down choose the function the quickening pane shows.
                let n = self.functions.len();
                self.selected_function = select(self.selected_function, key, n);
                self.selected_instr = 0;
                Action::None
            }
            Focus::Quickening => {
                let n = self.selected().map_or(0, |f| f.info.instructions.len());
                self.selected_instr = select(self.selected_instr, key, n);
                Action::None
            }
            Focus::Stats => {
                self.stats_scroll = scroll_down(self.stats_scroll, key);
                Action::None
            }
        }
    }

    fn edit(&mut self, key: Key) -> Action {
        let (row, col) = self.cursor;
        match key {
            Key::Char(c) => {
                self.input[row].insert(col, c);
                self.cursor.1 += c.len_utf8();
            }
            Key::Enter => {
                let text = self.input_text();
                let at_end = row + 1 == self.input.len() && col == self.input[row].len();
                let is_magic = text.trim_start().starts_with('%');
                let last_blank = self.input[row].trim().is_empty() && row > 0;
                let ready = is_magic
                    || (at_end && (last_blank || completeness(&text) != Completeness::Incomplete));
                if ready && !text.trim().is_empty() {
                    let text = text.trim_end().to_owned();
                    self.history.push(text.clone());
                    self.history_pos = None;
                    self.set_input("");
                    if self.running.is_some() || !self.queued.is_empty() {
                        self.queued.push_back(text);
                        return Action::None;
                    }
                    return Action::Run(text);
                }
                if text.trim().is_empty() {
                    return Action::None;
                }
                let before: String = self.input[row][..col].to_owned();
                let after = self.input[row][col..].to_owned();
                let indent = crate::line::next_indent(&before);
                self.input[row] = before;
                self.input.insert(row + 1, format!("{indent}{after}"));
                self.cursor = (row + 1, indent.len());
            }
            Key::Backspace if col > 0 => {
                let prev = self.input[row][..col]
                    .char_indices()
                    .last()
                    .map_or(0, |(i, _)| i);
                self.input[row].replace_range(prev..col, "");
                self.cursor.1 = prev;
            }
            Key::Backspace if row > 0 => {
                let line = self.input.remove(row);
                let len = self.input[row - 1].len();
                self.input[row - 1].push_str(&line);
                self.cursor = (row - 1, len);
            }
            Key::Delete if col < self.input[row].len() => {
                let next = self.input[row][col..]
                    .chars()
                    .next()
                    .map_or(col, |c| col + c.len_utf8());
                self.input[row].replace_range(col..next, "");
            }
            Key::Left if col > 0 => {
                self.cursor.1 = self.input[row][..col]
                    .char_indices()
                    .last()
                    .map_or(0, |(i, _)| i);
            }
            Key::Right if col < self.input[row].len() => {
                self.cursor.1 = self.input[row][col..]
                    .chars()
                    .next()
                    .map_or(col, |c| col + c.len_utf8());
            }
            Key::Home => self.cursor.1 = 0,
            Key::End => self.cursor.1 = self.input[row].len(),
            Key::Up if row > 0 => {
                self.cursor = (row - 1, col.min(self.input[row - 1].len()));
            }
            Key::Down if row + 1 < self.input.len() => {
                self.cursor = (row + 1, col.min(self.input[row + 1].len()));
            }
            // Up/Down on the first/last line walk the history.
            Key::Up if !self.history.is_empty() => {
                let pos = self
                    .history_pos
                    .map_or(self.history.len() - 1, |p| p.saturating_sub(1));
                self.history_pos = Some(pos);
                let text = self.history[pos].clone();
                self.set_input(&text);
            }
            Key::Down if self.history_pos.is_some() => {
                let pos = self.history_pos.map_or(0, |p| p + 1);
                if pos < self.history.len() {
                    self.history_pos = Some(pos);
                    let text = self.history[pos].clone();
                    self.set_input(&text);
                } else {
                    self.history_pos = None;
                    self.set_input("");
                }
            }
            Key::PageUp | Key::PageDown => {
                let max = self.output.len();
                self.output_scroll = scroll(self.output_scroll, key, max);
            }
            _ => {}
        }
        Action::None
    }
}

fn select(current: usize, key: Key, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    match key {
        Key::Up => current.saturating_sub(1),
        Key::Down => (current + 1).min(n - 1),
        Key::PageUp => current.saturating_sub(20),
        Key::PageDown => (current + 20).min(n - 1),
        Key::Home => 0,
        Key::End => n - 1,
        _ => current,
    }
}

fn scroll(current: usize, key: Key, max: usize) -> usize {
    match key {
        Key::Up => (current + 1).min(max),
        Key::Down => current.saturating_sub(1),
        Key::PageUp => (current + 20).min(max),
        Key::PageDown => current.saturating_sub(20),
        Key::Home => max,
        Key::End => 0,
        _ => current,
    }
}

fn scroll_down(current: usize, key: Key) -> usize {
    match key {
        Key::Up => current.saturating_sub(1),
        Key::Down => current + 1,
        Key::PageUp => current.saturating_sub(20),
        Key::PageDown => current + 20,
        Key::Home => 0,
        _ => current,
    }
}
