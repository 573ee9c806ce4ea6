//! The backtracking matcher: an explicit stack of choice points (no recursion per input
//! character, so no pattern or subject can overflow the Rust stack; only lookarounds and
//! atomic groups recurse, as deep as the pattern nests them).

use super::ast::{Case, CharSet, RepeatKind, SetItem};
use super::program::{case_key, simple_lower, simple_upper, Inst, Program, Single};
use crate::runtime::strings::unicode;

pub struct Matcher<'a> {
    prog: &'a Program,
    input: &'a [char],
    /// The end of the subject (`endpos`).
    end: usize,
    pub caps: Vec<Option<usize>>,
    regs: Vec<usize>,
    stack: Vec<Choice>,
    /// An empty match at this position is refused (after an empty match, in iteration).
    pub reject_empty_at: Option<usize>,
    /// The group that closed last (`Match.lastindex`).
    pub last_group: Option<usize>,
}

enum Choice {
    /// Resume at `pc` at `pos`.
    Alt(usize, usize),
    /// A greedy single-character repeat: it can give back characters down to `min_pos`.
    GiveBack {
        pc: usize,
        min_pos: usize,
        pos: usize,
    },
    /// A lazy single-character repeat: it can take one more character (up to `max_pos`).
    TakeMore {
        pc: usize,
        max_pos: usize,
        pos: usize,
    },
    Cap(usize, Option<usize>, Option<usize>),
    Reg(usize, usize),
    Caps(Vec<Option<usize>>, Option<usize>),
}

fn is_word(c: char, ascii: bool) -> bool {
    if ascii {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        c == '_' || unicode::is_alnum(c)
    }
}

fn category(cat: super::ast::Category, ascii: bool, c: char) -> bool {
    use super::ast::Category::*;
    match cat {
        Digit => digit(c, ascii),
        NotDigit => !digit(c, ascii),
        Word => is_word(c, ascii),
        NotWord => !is_word(c, ascii),
        Space => space(c, ascii),
        NotSpace => !space(c, ascii),
    }
}

fn digit(c: char, ascii: bool) -> bool {
    if ascii || c.is_ascii() {
        c.is_ascii_digit()
    } else {
        unicode::is_decimal(c)
    }
}

fn space(c: char, ascii: bool) -> bool {
    if ascii || c.is_ascii() {
        matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{b}' | '\u{c}')
            || (!ascii && ('\u{1c}'..='\u{1f}').contains(&c))
    } else {
        unicode::is_space(c)
    }
}

fn set_matches(set: &CharSet, case: Case, c: char) -> bool {
    let hit = |c: char| {
        set.items.iter().any(|item| match item {
            SetItem::Char(x) => *x == c,
            SetItem::Range(a, b) => *a <= c && c <= *b,
            SetItem::Category(cat, ascii) => category(*cat, *ascii, c),
        })
    };
    let found = match case {
        Case::Sensitive => hit(c),
        Case::Ascii => {
            hit(c) || (c.is_ascii() && (hit(c.to_ascii_lowercase()) || hit(c.to_ascii_uppercase())))
        }
        Case::Unicode => {
            let key = case_key(c);
            let lower = simple_lower(c);
            let upper = simple_upper(c);
            let alt = simple_lower(upper);
            set.items.iter().any(|item| match item {
                SetItem::Char(x) => *x == c || case_key(*x) == key,
                SetItem::Range(a, b) => {
                    [c, lower, upper, alt].iter().any(|x| *a <= *x && *x <= *b)
                        // Other members of the case class (`µ` for `μ`): small non-ASCII
                        // ranges are scanned.
                        || (*b > '\u{7f}'
                            && (*b as u32) - (*a as u32) <= 256
                            && (*a..=*b).any(|x| case_key(x) == key))
                }
                SetItem::Category(cat, ascii) => category(*cat, *ascii, c),
            })
        }
    };
    found != set.negated
}

/// Whether two characters are equal under `case`.
fn same_char(a: char, b: char, case: Case) -> bool {
    a == b
        || match case {
            Case::Sensitive => false,
            Case::Ascii => a.is_ascii() && b.is_ascii() && a.eq_ignore_ascii_case(&b),
            Case::Unicode => case_key(a) == case_key(b),
        }
}

#[inline]
fn single_matches(s: &Single, c: char) -> bool {
    match s {
        Single::Char(x) => *x == c,
        Single::CharI(x) => case_key(c) == *x,
        Single::CharAsciiI(x) => c == *x || (c.is_ascii() && c.to_ascii_lowercase() == *x),
        Single::Any => true,
        Single::AnyNoNewline => c != '\n',
        Single::Set(set, case) => set_matches(set, *case, c),
    }
}

impl<'a> Matcher<'a> {
    pub fn new(prog: &'a Program, input: &'a [char], end: usize, groups: usize) -> Matcher<'a> {
        Matcher {
            prog,
            input,
            end,
            caps: vec![None; 2 * (groups + 1)],
            regs: vec![0; prog.registers],
            stack: Vec::new(),
            reject_empty_at: None,
            last_group: None,
        }
    }

    /// A match starting exactly at `start`: its end, with `caps` filled in.
    pub fn match_at(&mut self, start: usize, full: bool) -> Option<usize> {
        self.caps.iter_mut().for_each(|c| *c = None);
        self.stack.clear();
        self.last_group = None;
        let end = self.run(0, start, full)?;
        self.caps[0] = Some(start);
        self.caps[1] = Some(end);
        Some(end)
    }

    /// Runs from `pc` at `pos` until `Match` or `SubMatch`; `None` when every choice fails.
    /// `full` requires a `Match` to end at the end of the subject.
    fn run(&mut self, pc: usize, pos: usize, full: bool) -> Option<usize> {
        let base = self.stack.len();
        let mut pc = pc;
        let mut pos = pos;
        let input = self.input;
        let end = self.end;
        loop {
            let ok = match &self.prog.insts[pc] {
                Inst::One(s) => {
                    if pos < end && single_matches(s, input[pos]) {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::RepeatOne {
                    single,
                    min,
                    max,
                    kind,
                } => {
                    let limit = end.min(pos.saturating_add(*max));
                    match kind {
                        RepeatKind::Greedy | RepeatKind::Possessive => {
                            let mut p = pos;
                            while p < limit && single_matches(single, input[p]) {
                                p += 1;
                            }
                            if p - pos < *min {
                                false
                            } else {
                                if *kind == RepeatKind::Greedy && p > pos + min {
                                    self.stack.push(Choice::GiveBack {
                                        pc: pc + 1,
                                        min_pos: pos + min,
                                        pos: p,
                                    });
                                }
                                pos = p;
                                pc += 1;
                                true
                            }
                        }
                        RepeatKind::Lazy => {
                            let mut p = pos;
                            let need = pos + min;
                            while p < need && p < end && single_matches(single, input[p]) {
                                p += 1;
                            }
                            if p < need {
                                false
                            } else {
                                if p < limit {
                                    self.stack.push(Choice::TakeMore {
                                        pc,
                                        max_pos: limit,
                                        pos: p,
                                    });
                                }
                                pos = p;
                                pc += 1;
                                true
                            }
                        }
                    }
                }
                Inst::Bol => {
                    pc += 1;
                    pos == 0
                }
                Inst::BolMultiline => {
                    pc += 1;
                    pos == 0 || input[pos - 1] == '\n'
                }
                Inst::Eol => {
                    pc += 1;
                    pos == end || (pos + 1 == end && input[pos] == '\n')
                }
                Inst::EolMultiline => {
                    pc += 1;
                    pos == end || input[pos] == '\n'
                }
                Inst::StartText => {
                    pc += 1;
                    pos == 0
                }
                Inst::EndText => {
                    pc += 1;
                    pos == end
                }
                Inst::WordBoundary { ascii, negated } => {
                    pc += 1;
                    if end == 0 {
                        false
                    } else {
                        let left = pos > 0 && is_word(input[pos - 1], *ascii);
                        let right = pos < end && is_word(input[pos], *ascii);
                        (left != right) != *negated
                    }
                }
                Inst::Save(slot) => {
                    let slot = *slot;
                    self.stack
                        .push(Choice::Cap(slot, self.caps[slot], self.last_group));
                    self.caps[slot] = Some(pos);
                    if slot % 2 == 1 {
                        self.last_group = Some(slot / 2);
                    }
                    pc += 1;
                    true
                }
                Inst::Split(a, b) => {
                    self.stack.push(Choice::Alt(*b, pos));
                    pc = *a;
                    true
                }
                Inst::Jmp(t) => {
                    pc = *t;
                    true
                }
                Inst::Backref { group, case } => {
                    match (self.caps[2 * group], self.caps[2 * group + 1]) {
                        (Some(s), Some(e)) if e >= s => {
                            let len = e - s;
                            if pos + len <= end
                                && (0..len).all(|k| {
                                    let (a, b) = (input[s + k], input[pos + k]);
                                    same_char(a, b, *case)
                                })
                            {
                                pos += len;
                                pc += 1;
                                true
                            } else {
                                false
                            }
                        }
                        _ => false,
                    }
                }
                Inst::Look {
                    behind,
                    negated,
                    next,
                } => {
                    let (negated, next) = (*negated, *next);
                    let at = match behind {
                        Some(w) => pos.checked_sub(*w),
                        None => Some(pos),
                    };
                    let saved = self.caps.clone();
                    let saved_last = self.last_group;
                    let found = match at {
                        Some(at) => {
                            let r = self.run(pc + 1, at, false);
                            r.is_some_and(|e| behind.is_none() || e == pos)
                        }
                        None => false,
                    };
                    if found == negated {
                        self.caps = saved;
                        self.last_group = saved_last;
                        false
                    } else {
                        if !negated {
                            self.stack.push(Choice::Caps(saved, saved_last));
                        }
                        pc = next;
                        true
                    }
                }
                Inst::Atomic { next } => {
                    let next = *next;
                    let saved = self.caps.clone();
                    let saved_last = self.last_group;
                    match self.run(pc + 1, pos, false) {
                        Some(e) => {
                            self.stack.push(Choice::Caps(saved, saved_last));
                            pos = e;
                            pc = next;
                            true
                        }
                        None => false,
                    }
                }
                Inst::Cond { group, no } => {
                    let matched = self.caps.get(2 * group + 1).is_some_and(|c| c.is_some());
                    pc = if matched { pc + 1 } else { *no };
                    true
                }
                Inst::Mark(r) => {
                    let r = *r;
                    self.stack.push(Choice::Reg(r, self.regs[r]));
                    self.regs[r] = pos;
                    pc += 1;
                    true
                }
                Inst::LoopIfProgress(r, head, exit) => {
                    pc = if self.regs[*r] == pos { *exit } else { *head };
                    true
                }
                Inst::SubMatch => {
                    // Lookaround and atomic bodies keep their first match: drop their choices.
                    self.stack.truncate(base);
                    return Some(pos);
                }
                Inst::Match => {
                    if full && pos != end || self.reject_empty_at == Some(pos) {
                        false
                    } else {
                        self.stack.truncate(base);
                        return Some(pos);
                    }
                }
            };
            if ok {
                continue;
            }
            // Backtrack to the latest choice of this run.
            loop {
                if self.stack.len() <= base {
                    return None;
                }
                match self.stack.pop() {
                    Some(Choice::Alt(p, at)) => {
                        pc = p;
                        pos = at;
                        break;
                    }
                    Some(Choice::GiveBack {
                        pc: p,
                        min_pos,
                        pos: at,
                    }) => {
                        let back = at - 1;
                        if back > min_pos {
                            self.stack.push(Choice::GiveBack {
                                pc: p,
                                min_pos,
                                pos: back,
                            });
                        }
                        pc = p;
                        pos = back;
                        break;
                    }
                    Some(Choice::TakeMore {
                        pc: p,
                        max_pos,
                        pos: at,
                    }) => {
                        let Inst::RepeatOne { single, .. } = &self.prog.insts[p] else {
                            continue;
                        };
                        if at < max_pos && single_matches(single, input[at]) {
                            let more = at + 1;
                            if more < max_pos {
                                self.stack.push(Choice::TakeMore {
                                    pc: p,
                                    max_pos,
                                    pos: more,
                                });
                            }
                            pc = p + 1;
                            pos = more;
                            break;
                        }
                    }
                    Some(Choice::Cap(slot, old, last)) => {
                        self.caps[slot] = old;
                        self.last_group = last;
                    }
                    Some(Choice::Reg(r, old)) => self.regs[r] = old,
                    Some(Choice::Caps(old, last)) => {
                        self.caps = old;
                        self.last_group = last;
                    }
                    None => return None,
                }
            }
        }
    }
}
