//! Replacement templates of `sub` and `Match.expand` (`re._parser.parse_template`): `\1`,
//! `\g<name>`, `\g<0>`, octal and character escapes, with CPython's errors.

use super::parse::{is_identifier, ReError};
use super::Regex;

pub enum Part {
    Lit(Vec<char>),
    Group(usize),
}

/// Why a template is refused: a `re.error` (message, position) or an `IndexError`.
pub enum TemplateError {
    Re(ReError),
    Index(String),
}

fn re_err<T>(msg: impl Into<String>, pos: usize) -> Result<T, TemplateError> {
    Err(TemplateError::Re(ReError {
        msg: msg.into(),
        pos: Some(pos),
    }))
}

pub fn parse_template(t: &[char], regex: &Regex) -> Result<Vec<Part>, TemplateError> {
    let mut parts = Vec::new();
    let mut lit: Vec<char> = Vec::new();
    let mut i = 0;
    let flush = |lit: &mut Vec<char>, parts: &mut Vec<Part>| {
        if !lit.is_empty() {
            parts.push(Part::Lit(std::mem::take(lit)));
        }
    };
    while i < t.len() {
        let c = t[i];
        if c != '\\' {
            lit.push(c);
            i += 1;
            continue;
        }
        let start = i;
        let Some(&e) = t.get(i + 1) else {
            return re_err("bad escape (end of pattern)", start);
        };
        i += 2;
        match e {
            'g' => {
                if t.get(i) != Some(&'<') {
                    return re_err("missing <", i);
                }
                i += 1;
                let name_start = i;
                let mut name = String::new();
                loop {
                    match t.get(i) {
                        Some('>') => {
                            i += 1;
                            break;
                        }
                        Some(&ch) => {
                            name.push(ch);
                            i += 1;
                        }
                        None => return re_err("missing >, unterminated name", name_start),
                    }
                }
                if name.is_empty() {
                    return re_err("missing group name", name_start);
                }
                let group = if name.chars().all(|c| c.is_ascii_digit()) {
                    let g: usize = name.parse().unwrap_or(usize::MAX);
                    if g > regex.groups {
                        return re_err(format!("invalid group reference {g}"), name_start);
                    }
                    g
                } else {
                    if !is_identifier(&name) {
                        return re_err(format!("bad character in group name '{name}'"), name_start);
                    }
                    match regex.group_index(&name) {
                        Some(g) => g,
                        None => {
                            return Err(TemplateError::Index(format!(
                                "unknown group name '{name}'"
                            )))
                        }
                    }
                };
                flush(&mut lit, &mut parts);
                parts.push(Part::Group(group));
            }
            '0' => {
                let mut v = 0u32;
                for _ in 0..2 {
                    match t.get(i) {
                        Some(d @ '0'..='7') => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            i += 1;
                        }
                        _ => break,
                    }
                }
                lit.push(char::from_u32(v).unwrap_or('\0'));
            }
            '1'..='9' => {
                let d2 = t.get(i).copied();
                let d3 = t.get(i + 1).copied();
                if let (Some(b @ '0'..='7'), Some(c @ '0'..='7')) = (d2, d3) {
                    if e <= '7' {
                        let text: String = [e, b, c].iter().collect();
                        let v = u32::from_str_radix(&text, 8).unwrap_or(0);
                        if v > 0o377 {
                            return re_err(
                                format!("octal escape value \\{text} outside of range 0-0o377"),
                                start,
                            );
                        }
                        i += 2;
                        lit.push(char::from_u32(v).unwrap_or('\0'));
                        continue;
                    }
                }
                let mut g = e.to_digit(10).unwrap_or(0) as usize;
                if let Some(d @ '0'..='9') = d2 {
                    g = g * 10 + d.to_digit(10).unwrap_or(0) as usize;
                    i += 1;
                }
                if g > regex.groups {
                    return re_err(format!("invalid group reference {g}"), start + 1);
                }
                flush(&mut lit, &mut parts);
                parts.push(Part::Group(g));
            }
            'a' => lit.push('\u{7}'),
            'b' => lit.push('\u{8}'),
            'f' => lit.push('\u{c}'),
            'n' => lit.push('\n'),
            'r' => lit.push('\r'),
            't' => lit.push('\t'),
            'v' => lit.push('\u{b}'),
            '\\' => lit.push('\\'),
            c if c.is_ascii_alphabetic() => return re_err(format!("bad escape \\{c}"), start),
            c => {
                lit.push('\\');
                lit.push(c);
            }
        }
    }
    flush(&mut lit, &mut parts);
    Ok(parts)
}
