//! Syntax highlighting of Python input from the engine's own lexer (the same tokens the
//! compiler sees), shared by the line editor (ANSI) and the TUI (ratatui styles), plus the
//! bracket matching that both show at the cursor.

use engine::syntax::lexer::lex;
use engine::syntax::token::TokenKind;

/// What a stretch of input is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Keyword,
    /// A builtin name or constant (`print`, `len`, `None`).
    Builtin,
    String,
    Number,
    Comment,
    /// A `%magic` at the start of the input.
    Magic,
    /// The bracket matching the one at the cursor.
    Bracket,
}

impl Class {
    /// The SGR parameters of this class in a terminal.
    pub fn sgr(self) -> &'static str {
        match self {
            Class::Keyword => "1;35",
            Class::Builtin => "36",
            Class::String => "32",
            Class::Number => "33",
            Class::Comment => "2;3",
            Class::Magic => "1;34",
            Class::Bracket => "1;4;33",
        }
    }
}

const BUILTINS: &[&str] = &[
    "abs",
    "all",
    "any",
    "ascii",
    "bin",
    "bool",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "list",
    "locals",
    "map",
    "max",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
    "self",
];

/// The coloured stretches of `text` (byte ranges, in order, not overlapping), with the
/// bracket matching the one at or just before byte `cursor` marked.
pub fn classify(text: &str, cursor: Option<usize>) -> Vec<(usize, usize, Class)> {
    let mut out = Vec::new();
    let trimmed = text.trim_start();
    if trimmed.starts_with('%') {
        let start = text.len() - trimmed.len();
        let end = trimmed
            .find(char::is_whitespace)
            .map_or(text.len(), |i| start + i);
        out.push((start, end, Class::Magic));
        return out;
    }
    let tokens = lex(text).tokens;
    let bracket = cursor.and_then(|c| matching_bracket(text, c));
    for t in &tokens {
        let (s, e) = (t.range.start as usize, t.range.end as usize);
        if e <= s || e > text.len() {
            continue;
        }
        let class = match t.kind {
            k if k.is_keyword() => match &text[s..e] {
                "True" | "False" | "None" => Some(Class::Builtin),
                _ => Some(Class::Keyword),
            },
            TokenKind::Name => match &text[s..e] {
                "match" | "case" | "_" => None,
                name if BUILTINS.contains(&name) => Some(Class::Builtin),
                _ => None,
            },
            TokenKind::String => Some(Class::String),
            TokenKind::Int | TokenKind::Float | TokenKind::Imaginary => Some(Class::Number),
            TokenKind::Comment => Some(Class::Comment),
            _ => None,
        };
        let class = match bracket {
            Some((a, b)) if s == a || s == b => Some(Class::Bracket),
            _ => class,
        };
        if let Some(class) = class {
            out.push((s, e, class));
        }
    }
    // An unterminated string is not a token: colour the rest of its line as a string.
    if let Some(start) = open_string_start(text) {
        out.retain(|(s, _, _)| *s < start);
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        out.push((start, end, Class::String));
    }
    out
}

fn open_string_start(text: &str) -> Option<usize> {
    let line_start = text.rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..];
    let mut quote: Option<(usize, char)> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some((_, q)) if !escaped && c == q => quote = None,
            Some(_) => escaped = !escaped && c == '\\',
            None if c == '#' => return None,
            None if c == '\'' || c == '"' => {
                // Triple-quoted strings span lines: leave them to the lexer.
                if line[i..].starts_with("'''") || line[i..].starts_with("\"\"\"") {
                    return None;
                }
                quote = Some((i, c));
            }
            None => {}
        }
    }
    quote.map(|(i, _)| line_start + i)
}

/// The byte offsets of the bracket at (or just before) `cursor` and its partner.
pub fn matching_bracket(text: &str, cursor: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied().filter(|b| b"()[]{}".contains(b));
    let pos = at(cursor)
        .map(|_| cursor)
        .or_else(|| cursor.checked_sub(1).filter(|&i| at(i).is_some()))?;
    let tokens = lex(text).tokens;
    // Brackets outside strings and comments only: the lexer's operator tokens.
    let brackets: Vec<(usize, u8)> = tokens
        .iter()
        .filter(|t| t.range.end == t.range.start + 1)
        .map(|t| t.range.start as usize)
        .filter_map(|i| at(i).map(|b| (i, b)))
        .collect();
    let index = brackets.iter().position(|&(i, _)| i == pos)?;
    let (_, b) = brackets[index];
    let (open, close, forward) = match b {
        b'(' => (b'(', b')', true),
        b'[' => (b'[', b']', true),
        b'{' => (b'{', b'}', true),
        b')' => (b'(', b')', false),
        b']' => (b'[', b']', false),
        _ => (b'{', b'}', false),
    };
    let mut depth = 0i32;
    let candidates: Box<dyn Iterator<Item = &(usize, u8)>> = if forward {
        Box::new(brackets[index..].iter())
    } else {
        Box::new(brackets[..=index].iter().rev())
    };
    for &(i, c) in candidates {
        if c == open {
            depth += if forward { 1 } else { -1 };
        } else if c == close {
            depth += if forward { -1 } else { 1 };
        }
        if depth == 0 {
            return Some((pos.min(i), pos.max(i)));
        }
    }
    None
}

/// `text` with ANSI colours.
pub fn ansi(text: &str, cursor: Option<usize>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut last = 0;
    for (s, e, class) in classify(text, cursor) {
        if s < last {
            continue;
        }
        out.push_str(&text[last..s]);
        out.push_str("\x1b[");
        out.push_str(class.sgr());
        out.push('m');
        out.push_str(&text[s..e]);
        out.push_str("\x1b[0m");
        last = e;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_a_line() {
        let got: Vec<(String, Class)> = classify("if x: print('a', 1)  # c", None)
            .into_iter()
            .map(|(s, e, c)| ("if x: print('a', 1)  # c"[s..e].to_owned(), c))
            .collect();
        assert_eq!(
            got,
            vec![
                ("if".into(), Class::Keyword),
                ("print".into(), Class::Builtin),
                ("'a'".into(), Class::String),
                ("1".into(), Class::Number),
                ("# c".into(), Class::Comment),
            ]
        );
    }

    #[test]
    fn brackets_match_outside_strings() {
        let text = "f(a[1], ')') + 2";
        assert_eq!(matching_bracket(text, 1), Some((1, 11)));
        assert_eq!(matching_bracket(text, 12), Some((1, 11)));
        assert_eq!(matching_bracket(text, 4), Some((3, 5)));
        assert_eq!(matching_bracket("x = (1, 2", 5), None);
    }

    #[test]
    fn unterminated_strings_and_magics() {
        let c = classify("x = 'abc", None);
        assert_eq!(c.last(), Some(&(4, 8, Class::String)));
        assert_eq!(classify("%timeit f(1)", None), vec![(0, 7, Class::Magic)]);
        assert_eq!(ansi("1", None), "\x1b[33m1\x1b[0m");
    }
}
