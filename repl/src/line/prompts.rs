//! `... ` prompts on the continuation lines of a recalled multi-line entry, as CPython 3.13's
//! REPL shows them.
//!
//! rustyline lays out the raw buffer (the cursor's row and column come from its text), so a
//! highlighter cannot add prompt text without moving every cursor position after it. Instead
//! the prompt is *in the buffer*: history hands out entries with `... ` after each newline
//! ([`PromptedHistory`]), the buffer's widths are then exactly what the screen shows (so the
//! cursor, line wrapping and Up/Down between lines stay right: `>>> ` and `... ` are equally
//! wide), the key bindings keep the cursor and edits out of the prompts ([`guard`]), and the
//! accepted text has them taken out again ([`strip`]). History on disk stays plain code.

use rustyline::history::{FileHistory, History, SearchDirection, SearchResult};
use rustyline::{CharSearch, Cmd, KeyCode, KeyEvent, Modifiers, Movement};
use std::borrow::Cow;
use std::path::Path;

/// The continuation prompt as kept in the buffer: its last character is a no-break space, which
/// code hardly ever holds, so the bindings can find the end of a prompt by searching for it
/// (rustyline resets the count of any movement a binding returns, but not a character
/// search's target).
pub const CONT: &str = "...\u{a0}";
/// The continuation prompt as shown (as wide as [`CONT`]).
pub const SHOWN: &str = "... ";
const END: char = '\u{a0}';

/// `entry` as the editor holds it: a prompt after each newline.
pub fn show(entry: &str) -> Cow<'_, str> {
    if entry.contains('\n') {
        Cow::Owned(entry.replace('\n', "\n...\u{a0}"))
    } else {
        Cow::Borrowed(entry)
    }
}

/// The code of an edited buffer: the prompts after newlines taken out.
pub fn strip(buffer: &str) -> String {
    let mut lines = buffer.split('\n');
    let mut out = lines.next().unwrap_or("").to_owned();
    for line in lines {
        out.push('\n');
        out.push_str(line.strip_prefix(CONT).unwrap_or(line));
    }
    out
}

/// For each line of `buffer`, whether it starts with a prompt (never the first line).
pub fn prompted_lines(buffer: &str) -> Vec<bool> {
    buffer
        .split('\n')
        .enumerate()
        .map(|(i, line)| i > 0 && line.starts_with(CONT))
        .collect()
}

/// The byte offset in `buffer` of the start of the code on the line holding `pos`, and
/// whether a prompt comes before it.
fn code_start(buffer: &str, pos: usize) -> (usize, bool) {
    let start = buffer
        .get(..pos)
        .and_then(|b| b.rfind('\n'))
        .map_or(0, |i| i + 1);
    if start > 0 && buffer[start..].starts_with(CONT) {
        (start + CONT.len(), true)
    } else {
        (start, false)
    }
}

/// Whether a newline and a prompt come right after `pos`.
fn prompt_after(buffer: &str, pos: usize) -> bool {
    buffer
        .get(pos..)
        .is_some_and(|rest| rest.starts_with('\n') && rest[1..].starts_with(CONT))
}

/// The command that keeps `key` from moving into or editing a prompt, if it would.
pub fn guard(key: &KeyEvent, buffer: &str, pos: usize) -> Option<Cmd> {
    if !buffer.contains('\n') {
        return None;
    }
    let (code, prompted) = code_start(buffer, pos);
    let at_code_start = prompted && code == pos;
    let before_prompt = prompt_after(buffer, pos);
    let ctrl = |c| *key == KeyEvent(KeyCode::Char(c), Modifiers::CTRL);
    let plain = |k| *key == KeyEvent(k, Modifiers::NONE);
    let back_to_newline = Movement::ViCharSearch(1, CharSearch::Backward('\n'));
    let over_prompt = Movement::ViCharSearch(1, CharSearch::Forward(END));
    let to_code_start = Movement::ViCharSearch(1, CharSearch::BackwardAfter(END));
    let left = plain(KeyCode::Left) || ctrl('B');
    let right = plain(KeyCode::Right) || ctrl('F');
    let backspace = plain(KeyCode::Backspace) || ctrl('H');
    let home = plain(KeyCode::Home) || ctrl('A');
    let kill_home = ctrl('U');
    if at_code_start && left {
        // Over the prompt to the end of the line above.
        return Some(Cmd::Move(back_to_newline));
    }
    if at_code_start && backspace {
        // Joins the line to the one above, prompt and all.
        return Some(Cmd::Kill(back_to_newline));
    }
    if at_code_start && (home || kill_home) {
        return Some(Cmd::Noop);
    }
    if before_prompt && right {
        // Rustyline has no "move after the character found": find the first character of
        // the code instead (prompts hold no space, newline or code; only a line starting
        // with `.` stops one column early, on the prompt's last character).
        let target = pos + 1 + CONT.len();
        return Some(Cmd::Move(match buffer[target..].chars().next() {
            None => Movement::EndOfBuffer,
            Some('.') => Movement::ViCharSearch(1, CharSearch::Forward(END)),
            Some(first) => Movement::ViCharSearch(1, CharSearch::Forward(first)),
        }));
    }
    if before_prompt && plain(KeyCode::Delete) {
        return Some(Cmd::Kill(over_prompt));
    }
    if prompted && pos > code && home {
        return Some(Cmd::Move(to_code_start));
    }
    if prompted && pos > code && kill_home {
        return Some(Cmd::Kill(to_code_start));
    }
    None
}

/// Rustyline's file history, handing entries to the editor with their prompts (see the
/// module doc) and keeping them plain on disk.
pub struct PromptedHistory {
    inner: FileHistory,
}

impl PromptedHistory {
    pub fn new(inner: FileHistory) -> PromptedHistory {
        PromptedHistory { inner }
    }

    fn shown<'a>(&self, found: Option<SearchResult<'a>>) -> Option<SearchResult<'a>> {
        found.map(|r| SearchResult {
            entry: match r.entry {
                Cow::Borrowed(e) => show(e),
                Cow::Owned(e) => Cow::Owned(show(&e).into_owned()),
            },
            idx: r.idx,
            pos: r.pos,
        })
    }

    /// Searches the entries as shown: the term may hold prompts, and the match position
    /// counts them.
    fn find(
        &self,
        term: &str,
        start: usize,
        dir: SearchDirection,
        test: impl Fn(&str, &str) -> Option<usize>,
    ) -> rustyline::Result<Option<SearchResult<'_>>> {
        if term.is_empty() || start >= self.inner.len() {
            return Ok(None);
        }
        let mut idx = start;
        loop {
            if let Some(found) = self.inner.get(idx, dir)? {
                let entry = show(&found.entry).into_owned();
                if let Some(pos) = test(&entry, term) {
                    return Ok(Some(SearchResult {
                        entry: Cow::Owned(entry),
                        idx,
                        pos,
                    }));
                }
            }
            match dir {
                SearchDirection::Forward if idx + 1 < self.inner.len() => idx += 1,
                SearchDirection::Reverse if idx > 0 => idx -= 1,
                _ => return Ok(None),
            }
        }
    }
}

impl History for PromptedHistory {
    fn get(
        &self,
        index: usize,
        dir: SearchDirection,
    ) -> rustyline::Result<Option<SearchResult<'_>>> {
        let found = self.inner.get(index, dir)?;
        Ok(self.shown(found))
    }

    fn add(&mut self, line: &str) -> rustyline::Result<bool> {
        self.inner.add(&strip(line))
    }

    fn add_owned(&mut self, line: String) -> rustyline::Result<bool> {
        self.inner.add_owned(strip(&line))
    }

    fn len(&self) -> usize {
        self.inner.len()
    }

    fn is_empty(&self) -> bool {
        self.inner.is_empty()
    }

    fn set_max_len(&mut self, len: usize) -> rustyline::Result<()> {
        self.inner.set_max_len(len)
    }

    fn ignore_dups(&mut self, yes: bool) -> rustyline::Result<()> {
        self.inner.ignore_dups(yes)
    }

    fn ignore_space(&mut self, yes: bool) {
        self.inner.ignore_space(yes);
    }

    fn save(&mut self, path: &Path) -> rustyline::Result<()> {
        self.inner.save(path)
    }

    fn append(&mut self, path: &Path) -> rustyline::Result<()> {
        self.inner.append(path)
    }

    fn load(&mut self, path: &Path) -> rustyline::Result<()> {
        self.inner.load(path)
    }

    fn clear(&mut self) -> rustyline::Result<()> {
        self.inner.clear()
    }

    fn search(
        &self,
        term: &str,
        start: usize,
        dir: SearchDirection,
    ) -> rustyline::Result<Option<SearchResult<'_>>> {
        self.find(term, start, dir, |entry, term| entry.find(term))
    }

    fn starts_with(
        &self,
        term: &str,
        start: usize,
        dir: SearchDirection,
    ) -> rustyline::Result<Option<SearchResult<'_>>> {
        self.find(term, start, dir, |entry, term| {
            entry.starts_with(term).then_some(term.len())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_and_stripped() {
        let code = "def f():\n    return 1";
        let shown = show(code);
        assert_eq!(shown, "def f():\n...\u{a0}    return 1");
        assert_eq!(strip(&shown), code);
        assert_eq!(strip("x = 1"), "x = 1");
        assert_eq!(prompted_lines(&shown), vec![false, true]);
    }

    #[test]
    fn the_cursor_steps_over_prompts() {
        let b = "if x:\n...\u{a0}    y\n...\u{a0}z";
        let key = |k| KeyEvent(k, Modifiers::NONE);
        let code = b.find("    y").unwrap_or(0);
        let back = Movement::ViCharSearch(1, CharSearch::Backward('\n'));
        assert_eq!(
            guard(&key(KeyCode::Left), b, code),
            Some(Cmd::Move(back.clone()))
        );
        assert_eq!(guard(&key(KeyCode::Left), b, code + 1), None);
        assert_eq!(
            guard(&key(KeyCode::Backspace), b, code),
            Some(Cmd::Kill(back.clone()))
        );
        assert_eq!(
            guard(&key(KeyCode::Right), b, 5),
            Some(Cmd::Move(Movement::ViCharSearch(
                1,
                CharSearch::Forward(' ')
            )))
        );
        let end = b.rfind('z').unwrap_or(0);
        assert_eq!(
            guard(&key(KeyCode::Right), b, code + 5),
            Some(Cmd::Move(Movement::ViCharSearch(
                1,
                CharSearch::Forward('z')
            )))
        );
        assert_eq!(
            guard(&key(KeyCode::Left), b, end),
            Some(Cmd::Move(back.clone()))
        );
        assert_eq!(
            guard(&key(KeyCode::Home), b, b.len()),
            Some(Cmd::Move(Movement::ViCharSearch(
                1,
                CharSearch::BackwardAfter(END)
            )))
        );
        assert_eq!(guard(&key(KeyCode::Home), b, code), Some(Cmd::Noop));
        assert_eq!(guard(&key(KeyCode::Backspace), "x = 1", 3), None);
    }
}
