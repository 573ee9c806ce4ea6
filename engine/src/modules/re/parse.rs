//! The parser of Python's regular-expression syntax (`re._parser`), with its error messages
//! and positions (in characters of the pattern).

use super::ast::*;
use std::rc::Rc;

pub struct ReError {
    pub msg: String,
    pub pos: Option<usize>,
}

type PResult<T> = Result<T, ReError>;

pub struct Parsed {
    pub node: Node,
    pub groups: usize,
    pub names: Vec<(String, usize)>,
    pub flags: u32,
}

/// Patterns nested deeper than this are refused (the parser and compiler recurse) with a
/// `RecursionError`, as CPython's recursive parser raises for deep nesting.
const MAX_DEPTH: usize = 200;

/// The message of a parse error that is raised as `RecursionError`.
pub const RECURSION: &str = "maximum recursion depth exceeded";

struct Parser<'a> {
    src: &'a [char],
    pos: usize,
    is_bytes: bool,
    groups: usize,
    names: Vec<(String, usize)>,
    open: Vec<usize>,
    global_flags: u32,
    depth: usize,
}

fn err<T>(msg: impl Into<String>, pos: usize) -> PResult<T> {
    Err(ReError {
        msg: msg.into(),
        pos: Some(pos),
    })
}

pub fn parse(src: &[char], flags: u32, is_bytes: bool) -> PResult<Parsed> {
    let mut p = Parser {
        src,
        pos: 0,
        is_bytes,
        groups: 0,
        names: Vec::new(),
        open: Vec::new(),
        global_flags: flags,
        depth: 0,
    };
    let mut node = p.alternation(flags)?;
    if p.pos < src.len() {
        // Only a `)` stops the top level early.
        return err("unbalanced parenthesis", p.pos);
    }
    // Global inline flags read while parsing (verbose must be known from the start: reparse).
    if p.global_flags & FLAG_VERBOSE != 0 && flags & FLAG_VERBOSE == 0 {
        return parse(src, p.global_flags, is_bytes);
    }
    if p.global_flags != flags {
        let again = parse(src, p.global_flags, is_bytes)?;
        node = again.node;
    }
    let mut out_flags = p.global_flags;
    if !is_bytes && out_flags & FLAG_ASCII == 0 {
        out_flags |= FLAG_UNICODE;
    }
    Ok(Parsed {
        node,
        groups: p.groups,
        names: p.names,
        flags: out_flags,
    })
}

fn flag_of(c: char) -> Option<u32> {
    Some(match c {
        'i' => FLAG_IGNORECASE,
        'L' => FLAG_LOCALE,
        'm' => FLAG_MULTILINE,
        's' => FLAG_DOTALL,
        'x' => FLAG_VERBOSE,
        'a' => FLAG_ASCII,
        'u' => FLAG_UNICODE,
        _ => return None,
    })
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<char> {
        self.src.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.src.get(self.pos + k).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn ascii(&self, flags: u32) -> bool {
        self.is_bytes || flags & FLAG_ASCII != 0
    }

    fn alternation(&mut self, flags: u32) -> PResult<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return err(RECURSION, self.pos);
        }
        let mut branches = vec![self.sequence(flags)?];
        while self.eat('|') {
            branches.push(self.sequence(flags)?);
        }
        self.depth -= 1;
        Ok(if branches.len() == 1 {
            branches.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(branches)
        })
    }

    fn skip_verbose(&mut self, flags: u32) {
        if flags & FLAG_VERBOSE == 0 {
            return;
        }
        loop {
            match self.peek() {
                Some(c) if " \t\n\r\x0b\x0c".contains(c) => self.pos += 1,
                Some('#') => {
                    while let Some(c) = self.peek() {
                        self.pos += 1;
                        if c == '\n' {
                            break;
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn sequence(&mut self, flags: u32) -> PResult<Node> {
        let mut items: Vec<Node> = Vec::new();
        loop {
            self.skip_verbose(flags);
            let Some(c) = self.peek() else { break };
            if c == '|' || c == ')' {
                break;
            }
            let start = self.pos;
            let atom = match c {
                '*' | '+' | '?' => return err("nothing to repeat", start),
                '{' if self.repeat_spec_at(start).is_some() => {
                    return err("nothing to repeat", start)
                }
                _ => self.atom(flags)?,
            };
            let Some(atom) = atom else { continue };
            let atom = self.quantifiers(atom, flags)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    /// `{m,n}` at `at`: (min, max, end index) when it is a repeat (otherwise a literal `{`).
    fn repeat_spec_at(&self, at: usize) -> Option<(Option<String>, Option<String>, bool, usize)> {
        let mut i = at + 1;
        if self.src.get(i) == Some(&'}') {
            return None;
        }
        let mut lo = String::new();
        while let Some(c) = self.src.get(i).filter(|c| c.is_ascii_digit()) {
            lo.push(*c);
            i += 1;
        }
        let mut hi = String::new();
        let comma = self.src.get(i) == Some(&',');
        if comma {
            i += 1;
            while let Some(c) = self.src.get(i).filter(|c| c.is_ascii_digit()) {
                hi.push(*c);
                i += 1;
            }
        }
        if self.src.get(i) != Some(&'}') {
            return None;
        }
        let lo = (!lo.is_empty()).then_some(lo);
        let hi = (!hi.is_empty()).then_some(hi);
        Some((lo, hi, comma, i + 1))
    }

    fn quantifiers(&mut self, atom: Node, flags: u32) -> PResult<Node> {
        let mut atom = atom;
        let mut repeated = false;
        loop {
            self.skip_verbose(flags);
            let start = self.pos;
            let (min, max) = match self.peek() {
                Some('*') => {
                    self.pos += 1;
                    (0, None)
                }
                Some('+') => {
                    self.pos += 1;
                    (1, None)
                }
                Some('?') => {
                    self.pos += 1;
                    (0, Some(1))
                }
                Some('{') => match self.repeat_spec_at(start) {
                    Some((lo, hi, comma, end)) => {
                        self.pos = end;
                        let parse_n = |s: &str| -> PResult<u32> {
                            match s.parse::<u64>() {
                                Ok(n) if n < u64::from(u32::MAX) => Ok(n as u32),
                                _ => Err(ReError {
                                    msg: "the repetition number is too large".into(),
                                    pos: None,
                                }),
                            }
                        };
                        let min = match &lo {
                            Some(s) => parse_n(s)?,
                            None => 0,
                        };
                        let max = match (&hi, comma) {
                            (Some(s), _) => Some(parse_n(s)?),
                            (None, true) => None,
                            (None, false) => Some(min),
                        };
                        if let Some(m) = max {
                            if m < min {
                                return err("min repeat greater than max repeat", start + 1);
                            }
                        }
                        (min, max)
                    }
                    None => return Ok(atom),
                },
                _ => return Ok(atom),
            };
            if repeated {
                return err("multiple repeat", start);
            }
            if matches!(
                atom,
                Node::Bol { .. }
                    | Node::Eol { .. }
                    | Node::StartText
                    | Node::EndText
                    | Node::WordBoundary { .. }
                    | Node::Empty
            ) {
                return err("nothing to repeat", start);
            }
            let kind = if self.eat('?') {
                RepeatKind::Lazy
            } else if self.eat('+') {
                RepeatKind::Possessive
            } else {
                RepeatKind::Greedy
            };
            atom = Node::Repeat {
                node: Box::new(atom),
                min,
                max,
                kind,
            };
            repeated = true;
        }
    }

    /// One atom; `None` for something that matches nothing at all (a comment, flags).
    fn atom(&mut self, flags: u32) -> PResult<Option<Node>> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        self.pos += 1;
        let case = Case::of(flags, self.is_bytes);
        Ok(Some(match c {
            '.' => Node::Any {
                dotall: flags & FLAG_DOTALL != 0,
            },
            '^' => Node::Bol {
                multiline: flags & FLAG_MULTILINE != 0,
            },
            '$' => Node::Eol {
                multiline: flags & FLAG_MULTILINE != 0,
            },
            '[' => self.class(start, flags)?,
            '(' => return self.group(start, flags),
            '\\' => self.escape(start, flags)?,
            c => Node::Lit { c, case },
        }))
    }

    fn group(&mut self, start: usize, flags: u32) -> PResult<Option<Node>> {
        let mut inner_flags = flags;
        let mut capture: Option<usize> = None;
        let mut name: Option<String> = None;
        enum Kind {
            Plain,
            Look(bool, bool),
            Atomic,
        }
        let mut kind = Kind::Plain;
        if self.eat('?') {
            let Some(c) = self.peek() else {
                return err("unexpected end of pattern", self.pos);
            };
            self.pos += 1;
            match c {
                ':' => {}
                'P' => {
                    if self.eat('<') {
                        let n = self.group_name('>')?;
                        name = Some(n);
                    } else if self.eat('=') {
                        let name_start = self.pos;
                        let n = self.group_name(')')?;
                        let Some(&(_, g)) = self.names.iter().find(|(k, _)| *k == n) else {
                            return err(format!("unknown group name '{n}'"), name_start);
                        };
                        if self.open.contains(&g) {
                            return err("cannot refer to an open group", start);
                        }
                        return Ok(Some(Node::Backref {
                            group: g,
                            case: Case::of(flags, self.is_bytes),
                        }));
                    } else {
                        let shown = self.peek().map(String::from).unwrap_or_default();
                        return match self.peek() {
                            None => err("unexpected end of pattern", self.pos),
                            Some(_) => err(format!("unknown extension ?P{shown}"), start + 1),
                        };
                    }
                }
                '#' => {
                    while let Some(c) = self.peek() {
                        self.pos += 1;
                        if c == ')' {
                            return Ok(None);
                        }
                    }
                    return err("missing ), unterminated comment", start);
                }
                '=' => kind = Kind::Look(false, false),
                '!' => kind = Kind::Look(false, true),
                '<' => match self.peek() {
                    Some('=') => {
                        self.pos += 1;
                        kind = Kind::Look(true, false);
                    }
                    Some('!') => {
                        self.pos += 1;
                        kind = Kind::Look(true, true);
                    }
                    Some(other) => return err(format!("unknown extension ?<{other}"), start + 1),
                    None => return err("unexpected end of pattern", self.pos),
                },
                '>' => kind = Kind::Atomic,
                '(' => return self.conditional(start, flags).map(Some),
                c if flag_of(c).is_some() || c == '-' => {
                    self.pos -= 1;
                    match self.inline_flags(start, flags)? {
                        None => return Ok(None),
                        Some(f) => inner_flags = f,
                    }
                }
                other => return err(format!("unknown extension ?{other}"), start + 1),
            }
        }
        if matches!(kind, Kind::Plain) && self.src.get(start + 1) != Some(&'?') || name.is_some() {
            self.groups += 1;
            let g = self.groups;
            if let Some(n) = &name {
                if let Some(&(_, old)) = self.names.iter().find(|(k, _)| k == n) {
                    return err(
                        format!("redefinition of group name '{n}' as group {g}; was group {old}"),
                        start + 4,
                    );
                }
                self.names.push((n.clone(), g));
            }
            capture = Some(g);
            self.open.push(g);
        }
        let body = self.alternation(inner_flags)?;
        if !self.eat(')') {
            return err("missing ), unterminated subpattern", start);
        }
        if let Some(g) = capture {
            self.open.retain(|&o| o != g);
            return Ok(Some(Node::Group(g, Box::new(body))));
        }
        Ok(Some(match kind {
            // Wrapped: a group of an anchor can be repeated, a bare anchor cannot.
            Kind::Plain => Node::Concat(vec![body]),
            Kind::Atomic => Node::Atomic(Box::new(body)),
            Kind::Look(behind, negated) => {
                if behind {
                    let (lo, hi) = body.width();
                    if hi != Some(lo) {
                        return Err(ReError {
                            msg: "look-behind requires fixed-width pattern".into(),
                            pos: None,
                        });
                    }
                }
                Node::Look {
                    behind,
                    negated,
                    node: Box::new(body),
                }
            }
        }))
    }

    /// `(?aiLmsux-imsx:...)` or a global `(?aiLmsux)`; returns the flags for the group
    /// body, or `None` for a global setting (which must come first).
    fn inline_flags(&mut self, start: usize, flags: u32) -> PResult<Option<u32>> {
        let mut add = 0u32;
        let mut remove = 0u32;
        while let Some(f) = self.peek().and_then(flag_of) {
            self.pos += 1;
            add |= f;
        }
        if self.eat('-') {
            loop {
                match self.peek() {
                    Some(c) if flag_of(c).is_some() => {
                        let f = flag_of(c).unwrap_or(0);
                        if matches!(c, 'a' | 'L' | 'u') {
                            return err(
                                "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                                self.pos,
                            );
                        }
                        remove |= f;
                        self.pos += 1;
                    }
                    Some(':') if remove != 0 => break,
                    Some(c) if c.is_ascii_alphabetic() => return err("unknown flag", self.pos),
                    None => return err("missing flag", self.pos),
                    _ => return err("missing flag", self.pos),
                }
            }
        }
        match self.peek() {
            Some(')') if remove == 0 => {
                self.pos += 1;
                if start != 0 {
                    return err("global flags not at the start of the expression", start);
                }
                self.global_flags |= add;
                Ok(None)
            }
            Some(':') => {
                self.pos += 1;
                Ok(Some((flags | add) & !remove))
            }
            Some(c) if c.is_ascii_alphabetic() => err("unknown flag", self.pos),
            None => err("missing -, : or )", self.pos),
            _ => err("missing -, : or )", self.pos),
        }
    }

    fn conditional(&mut self, start: usize, flags: u32) -> PResult<Node> {
        let name_start = self.pos;
        let name = self.group_name_raw(')')?;
        let group = match name.parse::<usize>() {
            Ok(g) if name.chars().all(|c| c.is_ascii_digit()) => {
                if g == 0 {
                    return err("bad group number", name_start);
                }
                g
            }
            _ => match self.names.iter().find(|(k, _)| *k == name) {
                Some(&(_, g)) => g,
                None => {
                    if !is_identifier(&name) {
                        return err(format!("bad character in group name '{name}'"), name_start);
                    }
                    return err(format!("unknown group name '{name}'"), name_start);
                }
            },
        };
        let yes = self.sequence(flags)?;
        let no = if self.eat('|') {
            let no = self.sequence(flags)?;
            if self.peek() == Some('|') {
                return err("conditional backref with more than two branches", self.pos);
            }
            no
        } else {
            Node::Empty
        };
        if !self.eat(')') {
            return err("missing ), unterminated subpattern", start);
        }
        Ok(Node::Cond {
            group,
            yes: Box::new(yes),
            no: Box::new(no),
        })
    }

    fn group_name_raw(&mut self, terminator: char) -> PResult<String> {
        let start = self.pos;
        let mut name = String::new();
        loop {
            match self.peek() {
                None => {
                    return err(
                        if terminator == '>' {
                            "missing >, unterminated name"
                        } else {
                            "missing ), unterminated name"
                        },
                        start,
                    )
                }
                Some(c) if c == terminator => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    name.push(c);
                    self.pos += 1;
                }
            }
        }
        if name.is_empty() {
            return err("missing group name", start);
        }
        Ok(name)
    }

    fn group_name(&mut self, terminator: char) -> PResult<String> {
        let start = self.pos;
        let name = self.group_name_raw(terminator)?;
        if !is_identifier(&name) {
            return err(format!("bad character in group name '{name}'"), start);
        }
        Ok(name)
    }

    fn class(&mut self, start: usize, flags: u32) -> PResult<Node> {
        let negated = self.eat('^');
        let mut items = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return err("unterminated character set", start);
            };
            if c == ']' && !first {
                self.pos += 1;
                break;
            }
            first = false;
            let item_start = self.pos;
            let lo = self.class_item(flags)?;
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                self.pos += 1;
                let hi = self.class_item(flags)?;
                match (lo, hi) {
                    (SetItem::Char(a), SetItem::Char(b)) => {
                        if b < a {
                            return err(format!("bad character range {a}-{b}"), item_start);
                        }
                        items.push(SetItem::Range(a, b));
                    }
                    _ => {
                        let text: String = self.src[item_start..self.pos].iter().collect();
                        return err(format!("bad character range {text}"), item_start);
                    }
                }
            } else if self.peek() == Some('-') && self.peek_at(1).is_none() {
                return err("unterminated character set", start);
            } else {
                items.push(lo);
            }
        }
        Ok(Node::Set {
            set: Rc::new(CharSet { items, negated }),
            case: Case::of(flags, self.is_bytes),
        })
    }

    fn class_item(&mut self, flags: u32) -> PResult<SetItem> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return err("unterminated character set", start);
        };
        self.pos += 1;
        if c != '\\' {
            return Ok(SetItem::Char(c));
        }
        let Some(e) = self.peek() else {
            return err("bad escape (end of pattern)", start);
        };
        self.pos += 1;
        let ascii = self.ascii(flags);
        Ok(match e {
            'd' => SetItem::Category(Category::Digit, ascii),
            'D' => SetItem::Category(Category::NotDigit, ascii),
            'w' => SetItem::Category(Category::Word, ascii),
            'W' => SetItem::Category(Category::NotWord, ascii),
            's' => SetItem::Category(Category::Space, ascii),
            'S' => SetItem::Category(Category::NotSpace, ascii),
            'b' => SetItem::Char('\u{8}'),
            _ => SetItem::Char(self.char_escape(e, start, true)?),
        })
    }

    /// The character of a simple escape whose letter `e` was just read (`\n`, `\x41`, …).
    fn char_escape(&mut self, e: char, start: usize, in_class: bool) -> PResult<char> {
        Ok(match e {
            'a' => '\u{7}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\u{b}',
            '\\' => '\\',
            'x' => return self.hex_escape(2, start, 'x'),
            'u' if !self.is_bytes => return self.hex_escape(4, start, 'u'),
            'U' if !self.is_bytes => {
                let c = self.hex_escape(8, start, 'U')?;
                return Ok(c);
            }
            'N' if !self.is_bytes => {
                if !self.eat('{') {
                    return err("missing {", self.pos);
                }
                let name_start = self.pos;
                let mut name = String::new();
                loop {
                    match self.peek() {
                        Some('}') => {
                            self.pos += 1;
                            break;
                        }
                        Some(c) => {
                            name.push(c);
                            self.pos += 1;
                        }
                        None => return err("missing }, unterminated name", name_start),
                    }
                }
                if name.is_empty() {
                    return err("missing character name", name_start);
                }
                return match unicode_names2::character(&name) {
                    Some(c) => Ok(c),
                    None => err(format!("undefined character name '{name}'"), start),
                };
            }
            '0' => {
                let mut value = 0u32;
                for _ in 0..2 {
                    match self.peek() {
                        Some(d @ '0'..='7') => {
                            value = value * 8 + d.to_digit(8).unwrap_or(0);
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                char::from_u32(value).unwrap_or('\0')
            }
            d @ '1'..='9' if in_class => {
                // In a class, digits can only be octal.
                let mut text = String::from(d);
                while text.len() < 3 {
                    match self.peek() {
                        Some(x @ '0'..='7') => {
                            text.push(x);
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                if text.len() == 3 && text.chars().all(|c| c.is_digit(8)) {
                    let v = u32::from_str_radix(&text, 8).unwrap_or(0);
                    if v > 0o377 {
                        return err(
                            format!("octal escape value \\{text} outside of range 0-0o377"),
                            start,
                        );
                    }
                    return Ok(char::from_u32(v).unwrap_or('\0'));
                }
                return err(format!("bad escape \\{text}"), start);
            }
            c if c.is_ascii_alphanumeric() => return err(format!("bad escape \\{c}"), start),
            c => c,
        })
    }

    fn hex_escape(&mut self, n: usize, start: usize, letter: char) -> PResult<char> {
        let mut text = String::new();
        for _ in 0..n {
            match self.peek() {
                Some(c) if c.is_ascii_hexdigit() => {
                    text.push(c);
                    self.pos += 1;
                }
                _ => break,
            }
        }
        if text.len() != n {
            return err(format!("incomplete escape \\{letter}{text}"), start);
        }
        let v = u32::from_str_radix(&text, 16).unwrap_or(0);
        match char::from_u32(v) {
            Some(c) => Ok(c),
            None => err(format!("bad escape \\{letter}{text}"), start),
        }
    }

    fn escape(&mut self, start: usize, flags: u32) -> PResult<Node> {
        let Some(e) = self.peek() else {
            return err("bad escape (end of pattern)", start);
        };
        self.pos += 1;
        let ascii = self.ascii(flags);
        let case = Case::of(flags, self.is_bytes);
        let cat = |c: Category| Node::Set {
            set: Rc::new(CharSet {
                items: vec![SetItem::Category(c, ascii)],
                negated: false,
            }),
            case: Case::Sensitive,
        };
        Ok(match e {
            'A' => Node::StartText,
            'Z' => Node::EndText,
            'b' => Node::WordBoundary {
                ascii,
                negated: false,
            },
            'B' => Node::WordBoundary {
                ascii,
                negated: true,
            },
            'd' => cat(Category::Digit),
            'D' => cat(Category::NotDigit),
            'w' => cat(Category::Word),
            'W' => cat(Category::NotWord),
            's' => cat(Category::Space),
            'S' => cat(Category::NotSpace),
            '1'..='9' => {
                // Octal if three octal digits, else a group reference of one or two digits.
                let d2 = self.peek();
                let d3 = self.peek_at(1);
                if let (Some(b @ '0'..='7'), Some(c @ '0'..='7')) = (d2, d3) {
                    if e <= '7' {
                        self.pos += 2;
                        let text: String = [e, b, c].iter().collect();
                        let v = u32::from_str_radix(&text, 8).unwrap_or(0);
                        if v > 0o377 {
                            return err(
                                format!("octal escape value \\{text} outside of range 0-0o377"),
                                start,
                            );
                        }
                        return Ok(Node::Lit {
                            c: char::from_u32(v).unwrap_or('\0'),
                            case,
                        });
                    }
                }
                let mut text = String::from(e);
                if let Some(d @ '0'..='9') = d2 {
                    text.push(d);
                    self.pos += 1;
                }
                let g: usize = text.parse().unwrap_or(0);
                if g > self.groups {
                    return err(format!("invalid group reference {g}"), start + 1);
                }
                if self.open.contains(&g) {
                    return err("cannot refer to an open group", start);
                }
                Node::Backref { group: g, case }
            }
            _ => Node::Lit {
                c: self.char_escape(e, start, false)?,
                case,
            },
        })
    }
}

pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode_ident::is_xid_start(c) => {}
        _ => return false,
    }
    chars.all(unicode_ident::is_xid_continue)
}
