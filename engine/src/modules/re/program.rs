//! Compiles the parsed pattern into instructions for the backtracking matcher.

use super::ast::*;
use super::parse::ReError;
use std::rc::Rc;

/// A one-character test.
#[derive(Clone, Debug)]
pub enum Single {
    Char(char),
    /// Unicode case-insensitive: the character's case key (`case_key`).
    CharI(char),
    /// ASCII case-insensitive: the character, ASCII-lowercased.
    CharAsciiI(char),
    Any,
    AnyNoNewline,
    Set(Rc<CharSet>, Case),
}

#[derive(Clone, Debug)]
pub enum Inst {
    One(Single),
    /// `single` repeated `min..=max` times, greedily or lazily (or possessively: no
    /// backtracking into it).
    RepeatOne {
        single: Single,
        min: usize,
        max: usize,
        kind: RepeatKind,
    },
    Bol,
    BolMultiline,
    Eol,
    EolMultiline,
    StartText,
    EndText,
    WordBoundary {
        ascii: bool,
        negated: bool,
    },
    Save(usize),
    /// Try `.0` first; on failure resume at `.1`.
    Split(usize, usize),
    Jmp(usize),
    Backref {
        group: usize,
        case: Case,
    },
    /// A lookaround whose body starts at the next instruction and ends with `SubMatch`;
    /// `next` follows the body.
    Look {
        behind: Option<usize>,
        negated: bool,
        next: usize,
    },
    /// An atomic group: its body (next instruction on, ending with `SubMatch`) matches once.
    Atomic {
        next: usize,
    },
    Cond {
        group: usize,
        no: usize,
    },
    /// Records the position in register `.0` (loop bodies that can match empty).
    Mark(usize),
    /// After such a body: back to the loop head `.1` if it advanced, else on to `.2`.
    LoopIfProgress(usize, usize, usize),
    SubMatch,
    Match,
}

pub struct Program {
    pub insts: Vec<Inst>,
    pub registers: usize,
}

const MAX_INSTS: usize = 500_000;

/// The simple (one-character) lowercase mapping, as `sre` uses.
pub fn simple_lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == '\u{130}' {
        return 'i';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// The simple uppercase mapping.
pub fn simple_upper(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_uppercase();
    }
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

/// Two characters match case-insensitively when their lowercases have the same uppercase
/// (`k`/`K`/KELVIN SIGN, `s`/LONG S, `σ`/`ς`: CPython's lowercase plus `_casefix`).
pub fn case_key(c: char) -> char {
    simple_upper(simple_lower(c))
}

pub fn compile(node: &Node) -> Result<Program, ReError> {
    let mut c = Compiler {
        insts: Vec::new(),
        registers: 0,
    };
    c.emit_node(node)?;
    c.insts.push(Inst::Match);
    Ok(Program {
        insts: c.insts,
        registers: c.registers,
    })
}

struct Compiler {
    insts: Vec<Inst>,
    registers: usize,
}

fn single_of(node: &Node) -> Option<Single> {
    Some(match node {
        Node::Lit {
            c,
            case: Case::Sensitive,
        } => Single::Char(*c),
        Node::Lit {
            c,
            case: Case::Ascii,
        } => {
            if c.is_ascii_alphabetic() {
                Single::CharAsciiI(c.to_ascii_lowercase())
            } else {
                Single::Char(*c)
            }
        }
        Node::Lit {
            c,
            case: Case::Unicode,
        } => Single::CharI(case_key(*c)),
        Node::Any { dotall: true } => Single::Any,
        Node::Any { dotall: false } => Single::AnyNoNewline,
        Node::Set { set, case } => Single::Set(set.clone(), *case),
        _ => return None,
    })
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> Result<usize, ReError> {
        if self.insts.len() >= MAX_INSTS {
            return Err(ReError {
                msg: "pattern too large".into(),
                pos: None,
            });
        }
        self.insts.push(inst);
        Ok(self.insts.len() - 1)
    }

    fn emit_node(&mut self, node: &Node) -> Result<(), ReError> {
        if let Some(s) = single_of(node) {
            self.push(Inst::One(s))?;
            return Ok(());
        }
        match node {
            Node::Empty => {}
            Node::Bol { multiline } => {
                self.push(if *multiline {
                    Inst::BolMultiline
                } else {
                    Inst::Bol
                })?;
            }
            Node::Eol { multiline } => {
                self.push(if *multiline {
                    Inst::EolMultiline
                } else {
                    Inst::Eol
                })?;
            }
            Node::StartText => {
                self.push(Inst::StartText)?;
            }
            Node::EndText => {
                self.push(Inst::EndText)?;
            }
            Node::WordBoundary { ascii, negated } => {
                self.push(Inst::WordBoundary {
                    ascii: *ascii,
                    negated: *negated,
                })?;
            }
            Node::Group(g, body) => {
                self.push(Inst::Save(2 * g))?;
                self.emit_node(body)?;
                self.push(Inst::Save(2 * g + 1))?;
            }
            Node::Concat(items) => {
                for n in items {
                    self.emit_node(n)?;
                }
            }
            Node::Alt(branches) => {
                let mut jumps = Vec::new();
                for (i, b) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = self.push(Inst::Split(0, 0))?;
                        self.emit_node(b)?;
                        jumps.push(self.push(Inst::Jmp(0))?);
                        let next = self.insts.len();
                        self.insts[split] = Inst::Split(split + 1, next);
                    } else {
                        self.emit_node(b)?;
                    }
                }
                let end = self.insts.len();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Node::Repeat {
                node,
                min,
                max,
                kind,
            } => self.emit_repeat(node, *min, *max, *kind)?,
            Node::Backref { group, case } => {
                self.push(Inst::Backref {
                    group: *group,
                    case: *case,
                })?;
            }
            Node::Look {
                behind,
                negated,
                node,
            } => {
                let at = self.push(Inst::Look {
                    behind: None,
                    negated: *negated,
                    next: 0,
                })?;
                self.emit_node(node)?;
                self.push(Inst::SubMatch)?;
                let next = self.insts.len();
                let width = behind.then(|| node.width().0);
                self.insts[at] = Inst::Look {
                    behind: width,
                    negated: *negated,
                    next,
                };
            }
            Node::Atomic(body) => {
                let at = self.push(Inst::Atomic { next: 0 })?;
                self.emit_node(body)?;
                self.push(Inst::SubMatch)?;
                let next = self.insts.len();
                self.insts[at] = Inst::Atomic { next };
            }
            Node::Cond { group, yes, no } => {
                let at = self.push(Inst::Cond {
                    group: *group,
                    no: 0,
                })?;
                self.emit_node(yes)?;
                let jmp = self.push(Inst::Jmp(0))?;
                let no_start = self.insts.len();
                self.emit_node(no)?;
                let end = self.insts.len();
                self.insts[at] = Inst::Cond {
                    group: *group,
                    no: no_start,
                };
                self.insts[jmp] = Inst::Jmp(end);
            }
            Node::Lit { .. } | Node::Set { .. } | Node::Any { .. } => {}
        }
        Ok(())
    }

    fn emit_repeat(
        &mut self,
        node: &Node,
        min: u32,
        max: Option<u32>,
        kind: RepeatKind,
    ) -> Result<(), ReError> {
        if let Some(single) = single_of(node) {
            self.push(Inst::RepeatOne {
                single,
                min: min as usize,
                max: max.map_or(usize::MAX, |m| m as usize),
                kind,
            })?;
            return Ok(());
        }
        if kind == RepeatKind::Possessive {
            let greedy = Node::Repeat {
                node: Box::new(node.clone()),
                min,
                max,
                kind: RepeatKind::Greedy,
            };
            return self.emit_node(&Node::Atomic(Box::new(greedy)));
        }
        let lazy = kind == RepeatKind::Lazy;
        for _ in 0..min {
            self.emit_node(node)?;
        }
        let nullable = node.width().0 == 0;
        match max {
            None => {
                let head = self.push(Inst::Split(0, 0))?;
                let reg = if nullable {
                    let r = self.registers;
                    self.registers += 1;
                    self.push(Inst::Mark(r))?;
                    Some(r)
                } else {
                    None
                };
                self.emit_node(node)?;
                let tail = match reg {
                    Some(r) => self.push(Inst::LoopIfProgress(r, head, 0))?,
                    None => self.push(Inst::Jmp(head))?,
                };
                let exit = self.insts.len();
                self.insts[head] = if lazy {
                    Inst::Split(exit, head + 1)
                } else {
                    Inst::Split(head + 1, exit)
                };
                if let Some(r) = reg {
                    self.insts[tail] = Inst::LoopIfProgress(r, head, exit);
                }
            }
            Some(max) => {
                let mut splits = Vec::new();
                for _ in min..max {
                    splits.push(self.push(Inst::Split(0, 0))?);
                    self.emit_node(node)?;
                }
                let exit = self.insts.len();
                for s in splits {
                    self.insts[s] = if lazy {
                        Inst::Split(exit, s + 1)
                    } else {
                        Inst::Split(s + 1, exit)
                    };
                }
            }
        }
        Ok(())
    }
}
