//! The parsed form of a regular expression, with each node's flags resolved (a scoped
//! `(?i:...)` only changes the nodes inside it).

use std::rc::Rc;

pub const FLAG_TEMPLATE: u32 = 1;
pub const FLAG_IGNORECASE: u32 = 2;
pub const FLAG_LOCALE: u32 = 4;
pub const FLAG_MULTILINE: u32 = 8;
pub const FLAG_DOTALL: u32 = 16;
pub const FLAG_UNICODE: u32 = 32;
pub const FLAG_VERBOSE: u32 = 64;
pub const FLAG_DEBUG: u32 = 128;
pub const FLAG_ASCII: u32 = 256;

/// A class escape (`\d`, `\W`, …); `ascii` restricts it to ASCII (the `ASCII` flag, bytes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Category {
    Digit,
    NotDigit,
    Word,
    NotWord,
    Space,
    NotSpace,
}

#[derive(Clone, Debug)]
pub enum SetItem {
    Char(char),
    Range(char, char),
    Category(Category, bool),
}

#[derive(Clone, Debug)]
pub struct CharSet {
    pub items: Vec<SetItem>,
    pub negated: bool,
}

/// How letters compare: exactly, by Unicode simple case (`IGNORECASE`), or by ASCII case
/// only (`IGNORECASE` with `ASCII`, and bytes patterns).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Case {
    Sensitive,
    Unicode,
    Ascii,
}

impl Case {
    pub fn of(flags: u32, is_bytes: bool) -> Case {
        if flags & FLAG_IGNORECASE == 0 {
            Case::Sensitive
        } else if is_bytes || flags & FLAG_ASCII != 0 {
            Case::Ascii
        } else {
            Case::Unicode
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RepeatKind {
    Greedy,
    Lazy,
    Possessive,
}

#[derive(Clone, Debug)]
pub enum Node {
    Empty,
    Lit {
        c: char,
        case: Case,
    },
    Set {
        set: Rc<CharSet>,
        case: Case,
    },
    Any {
        dotall: bool,
    },
    /// `^`: the start, or after any newline when `multiline`.
    Bol {
        multiline: bool,
    },
    /// `$`: the end or before a final newline, or before any newline when `multiline`.
    Eol {
        multiline: bool,
    },
    StartText,
    EndText,
    WordBoundary {
        ascii: bool,
        negated: bool,
    },
    Group(usize, Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        kind: RepeatKind,
    },
    Backref {
        group: usize,
        case: Case,
    },
    Look {
        behind: bool,
        negated: bool,
        node: Box<Node>,
    },
    Atomic(Box<Node>),
    /// `(?(group)yes|no)`.
    Cond {
        group: usize,
        yes: Box<Node>,
        no: Box<Node>,
    },
}

impl Node {
    /// The (min, max) number of characters the node can match; `None` max is unbounded.
    pub fn width(&self) -> (usize, Option<usize>) {
        match self {
            Node::Empty
            | Node::Bol { .. }
            | Node::Eol { .. }
            | Node::StartText
            | Node::EndText
            | Node::WordBoundary { .. }
            | Node::Look { .. } => (0, Some(0)),
            Node::Lit { .. } | Node::Set { .. } | Node::Any { .. } => (1, Some(1)),
            Node::Group(_, n) | Node::Atomic(n) => n.width(),
            Node::Concat(items) => items.iter().fold((0, Some(0)), |(lo, hi), n| {
                let (a, b) = n.width();
                (lo + a, hi.zip(b).map(|(x, y)| x + y))
            }),
            Node::Alt(items) => {
                let mut lo = usize::MAX;
                let mut hi = Some(0);
                for n in items {
                    let (a, b) = n.width();
                    lo = lo.min(a);
                    hi = hi.zip(b).map(|(x, y)| x.max(y));
                }
                (if items.is_empty() { 0 } else { lo }, hi)
            }
            Node::Repeat { node, min, max, .. } => {
                let (a, b) = node.width();
                (
                    a.saturating_mul(*min as usize),
                    match (b, max) {
                        (Some(0), _) => Some(0),
                        (Some(b), Some(m)) => Some(b.saturating_mul(*m as usize)),
                        _ => None,
                    },
                )
            }
            Node::Backref { .. } => (0, None),
            Node::Cond { yes, no, .. } => {
                let (a, b) = yes.width();
                let (c, d) = no.width();
                (a.min(c), b.zip(d).map(|(x, y)| x.max(y)))
            }
        }
    }
}
