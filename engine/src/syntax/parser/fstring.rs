//! String literals: implicit concatenation, bytes/str mixing, and 3.11 f-strings (one token
//! whose inside the parser splits into literal parts and replacement fields, each field's
//! expression lexed in place with `lex_fragment` so its nodes carry true source positions).

use super::super::ast::*;
use super::super::lexer::lex_fragment;
use super::super::string::{decode_bytes, decode_str, split_string_token, StringError};
use super::super::text::TextRange;
use super::super::token::{Token, TokenKind as T};
use super::cursor::Parser;
use super::expr::{invalid, node};

/// Builds the values of a JoinedStr: adjacent literal text merges into one Constant.
struct Parts {
    values: Vec<Expr>,
    literal: String,
    /// Range every Constant and FormattedValue gets: the whole concatenation, as in 3.11.
    whole: TextRange,
}

impl Parts {
    /// Emits pending literal text. CPython gives text before a field the whole
    /// concatenation's range, and a format spec's trailing text its own token's range.
    fn flush(&mut self, range: TextRange) {
        if !self.literal.is_empty() {
            let value = Constant::Str(std::mem::take(&mut self.literal));
            self.values
                .push(node(ExprKind::Constant { value, kind: None }, range));
        }
    }
}

/// The f-string error raised by CPython's string parser, and where it points.
struct FError {
    message: String,
}

fn ferr(message: impl Into<String>) -> FError {
    FError {
        message: message.into(),
    }
}

impl<'s> Parser<'s> {
    /// One or more adjacent string tokens.
    pub fn parse_strings(&mut self) -> Expr {
        // Fast path: one plain (non-f, non-bytes) literal.
        if self.nth(1) != T::String {
            let t = self.token();
            let (prefix, bs, be) = split_string_token(self.text(t));
            if !prefix.fstring && !prefix.bytes {
                self.bump();
                let body = &self.text(t)[bs..be];
                return match decode_str(body, prefix.raw) {
                    Ok(s) => {
                        let kind = if prefix.unicode { Some('u') } else { None };
                        node(
                            ExprKind::Constant {
                                value: Constant::Str(s),
                                kind,
                            },
                            t.range,
                        )
                    }
                    Err(e) => {
                        self.string_error(t, bs, e);
                        invalid(t.range)
                    }
                };
            }
        }
        let first = self.pos();
        let mut toks: Vec<Token> = Vec::new();
        while self.at(T::String) {
            toks.push(self.bump());
        }
        let _ = first;
        let whole = TextRange::new(toks[0].range.start, toks[toks.len() - 1].range.end);
        let infos: Vec<_> = toks
            .iter()
            .map(|&t| (t, split_string_token(self.text(t))))
            .collect();
        let any_bytes = infos.iter().any(|(_, (p, _, _))| p.bytes);
        let all_bytes = infos.iter().all(|(_, (p, _, _))| p.bytes);
        if any_bytes && !all_bytes {
            let r = TextRange::empty(self.start());
            self.error("cannot mix bytes and nonbytes literals", r);
            return invalid(whole);
        }
        if all_bytes {
            let mut out = Vec::new();
            for (t, (prefix, bs, be)) in &infos {
                let body = &self.text(*t)[*bs..*be];
                match decode_bytes(body, prefix.raw) {
                    Ok(mut b) => out.append(&mut b),
                    Err(e) => {
                        self.string_error(*t, *bs, e);
                        return invalid(whole);
                    }
                }
            }
            return node(
                ExprKind::Constant {
                    value: Constant::Bytes(out),
                    kind: None,
                },
                whole,
            );
        }
        if !infos.iter().any(|(_, (p, _, _))| p.fstring) {
            let mut out = String::new();
            for (t, (prefix, bs, be)) in &infos {
                let body = &self.text(*t)[*bs..*be];
                match decode_str(body, prefix.raw) {
                    Ok(s) => out.push_str(&s),
                    Err(e) => {
                        self.string_error(*t, *bs, e);
                        return invalid(whole);
                    }
                }
            }
            let kind = if infos[0].1 .0.unicode {
                Some('u')
            } else {
                None
            };
            return node(
                ExprKind::Constant {
                    value: Constant::Str(out),
                    kind,
                },
                whole,
            );
        }
        let mut parts = Parts {
            values: Vec::new(),
            literal: String::new(),
            whole,
        };
        for (t, (prefix, bs, be)) in &infos {
            let base = t.range.start as usize;
            let (bs, be) = (base + bs, base + be);
            if !prefix.fstring {
                match decode_str(&self.src[bs..be], prefix.raw) {
                    Ok(s) => parts.literal.push_str(&s),
                    Err(e) => {
                        self.string_error(*t, bs - base, e);
                        return invalid(whole);
                    }
                }
                continue;
            }
            if let Err(e) = self.parse_fstring_body(&mut parts, *t, bs, be, prefix.raw, 0) {
                let r = TextRange::empty(self.start());
                self.error(e.message, r);
                return invalid(whole);
            }
        }
        parts.flush(whole);
        node(ExprKind::JoinedStr(parts.values), whole)
    }

    /// A decoding error: CPython points just past the string literal(s).
    fn string_error(&mut self, t: Token, body_start: usize, e: StringError) {
        let _ = body_start;
        // Escape errors point past the literal(s); the bytes check at the literal itself.
        let r = if e.message.starts_with("bytes can only") {
            t.range
        } else {
            TextRange::empty(self.start())
        };
        self.error(e.message, r);
    }

    /// Parses `src[start..end]` of f-string token `t` into `parts`; at `level` 1 this is a
    /// format spec and stops at its closing `}` (returned position).
    fn parse_fstring_body(
        &mut self,
        parts: &mut Parts,
        t: Token,
        start: usize,
        end: usize,
        raw: bool,
        level: u32,
    ) -> Result<usize, FError> {
        let bytes = self.src.as_bytes();
        let mut i = start;
        let mut lit_start = start;
        while i < end {
            let c = bytes[i];
            if !raw && c == b'\\' && i + 1 < end {
                // `\N{…}` braces belong to the escape.
                if bytes[i + 1] == b'N' && i + 2 < end && bytes[i + 2] == b'{' {
                    let mut j = i + 3;
                    while j < end && bytes[j] != b'}' {
                        j += 1;
                    }
                    i = (j + 1).min(end);
                    continue;
                }
                i += 2;
                continue;
            }
            if c == b'{' || c == b'}' {
                if level == 0 && i + 1 < end && bytes[i + 1] == c {
                    self.push_literal(parts, lit_start, i + 1, raw)?;
                    i += 2;
                    lit_start = i;
                    continue;
                }
                if c == b'}' {
                    if level == 0 {
                        return Err(ferr("f-string: single '}' is not allowed"));
                    }
                    self.push_literal(parts, lit_start, i, raw)?;
                    return Ok(i);
                }
                self.push_literal(parts, lit_start, i, raw)?;
                i = self.parse_fstring_field(parts, t, i, end, raw, level)?;
                lit_start = i;
                continue;
            }
            i += 1;
        }
        self.push_literal(parts, lit_start, end, raw)?;
        if level > 0 {
            return Err(ferr("f-string: expecting '}'"));
        }
        Ok(end)
    }

    fn push_literal(
        &mut self,
        parts: &mut Parts,
        start: usize,
        end: usize,
        raw: bool,
    ) -> Result<(), FError> {
        if start >= end {
            return Ok(());
        }
        match decode_str(&self.src[start..end], raw) {
            Ok(s) => {
                parts.literal.push_str(&s);
                Ok(())
            }
            Err(e) => Err(ferr(e.message)),
        }
    }

    /// One `{…}` field starting at `open`; returns the offset after its `}`.
    fn parse_fstring_field(
        &mut self,
        parts: &mut Parts,
        t: Token,
        open: usize,
        end: usize,
        raw: bool,
        level: u32,
    ) -> Result<usize, FError> {
        if level >= 2 {
            return Err(ferr("f-string: expressions nested too deeply"));
        }
        let bytes = self.src.as_bytes();
        let expr_start = open + 1;
        let mut i = expr_start;
        let mut quote: u8 = 0;
        let mut triple = false;
        let mut stack: Vec<u8> = Vec::new();
        while i < end {
            let c = bytes[i];
            if c == b'\\' {
                return Err(ferr("f-string expression part cannot include a backslash"));
            }
            if quote != 0 {
                if c == quote {
                    if triple {
                        if i + 2 < end && bytes[i + 1] == c && bytes[i + 2] == c {
                            i += 3;
                            quote = 0;
                            continue;
                        }
                    } else {
                        quote = 0;
                    }
                }
                i += 1;
                continue;
            }
            match c {
                b'\'' | b'"' => {
                    triple = i + 2 < end && bytes[i + 1] == c && bytes[i + 2] == c;
                    quote = c;
                    i += if triple { 3 } else { 1 };
                    continue;
                }
                b'[' | b'(' | b'{' => {
                    if stack.len() >= 200 {
                        return Err(ferr("f-string: too many nested parenthesis"));
                    }
                    stack.push(c);
                }
                b'#' => return Err(ferr("f-string expression part cannot include '#'")),
                b'!' | b':' | b'}' | b'=' | b'<' | b'>' if stack.is_empty() => {
                    let next = bytes.get(i + 1).copied().filter(|_| i + 1 < end);
                    if next == Some(b'=') && matches!(c, b'!' | b'=' | b'<' | b'>') {
                        i += 2;
                        continue;
                    }
                    if matches!(c, b'<' | b'>') {
                        i += 1;
                        continue;
                    }
                    break;
                }
                b']' | b'}' | b')' => {
                    let Some(o) = stack.pop() else {
                        return Err(ferr(format!("f-string: unmatched '{}'", c as char)));
                    };
                    if !matches!((o, c), (b'(', b')') | (b'[', b']') | (b'{', b'}')) {
                        return Err(ferr(format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            c as char, o as char
                        )));
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if quote != 0 {
            return Err(ferr("f-string: unterminated string"));
        }
        if let Some(&o) = stack.last() {
            return Err(ferr(format!("f-string: unmatched '{}'", o as char)));
        }
        if i >= end {
            return Err(ferr("f-string: expecting '}'"));
        }
        let expr_end = i;
        if bytes[expr_start..expr_end]
            .iter()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            return Err(ferr("f-string: empty expression not allowed"));
        }
        let value = self.parse_field_expression(expr_start, expr_end)?;
        let mut conversion = Conversion::None;
        let mut debug = false;
        if bytes[i] == b'=' {
            i += 1;
            while i < end && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
                i += 1;
            }
            parts.literal.push_str(&self.src[expr_start..i]);
            debug = true;
        }
        if i >= end {
            return Err(ferr("f-string: expecting '}'"));
        }
        if bytes[i] == b'!' {
            i += 1;
            if i >= end {
                return Err(ferr("f-string: expecting '}'"));
            }
            conversion = match bytes[i] {
                b's' => Conversion::Str,
                b'r' => Conversion::Repr,
                b'a' => Conversion::Ascii,
                _ => {
                    return Err(ferr(
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    ));
                }
            };
            i += 1;
        }
        if i >= end {
            return Err(ferr("f-string: expecting '}'"));
        }
        let mut format_spec = None;
        if bytes[i] == b':' {
            let mut spec = Parts {
                values: Vec::new(),
                literal: String::new(),
                whole: parts.whole,
            };
            let close = self.parse_fstring_body(&mut spec, t, i + 1, end, raw, level + 1)?;
            spec.flush(t.range);
            format_spec = Some(Box::new(node(ExprKind::JoinedStr(spec.values), t.range)));
            i = close;
        }
        if i >= end || bytes[i] != b'}' {
            return Err(ferr("f-string: expecting '}'"));
        }
        if debug && conversion == Conversion::None && format_spec.is_none() {
            conversion = Conversion::Repr;
        }
        parts.flush(parts.whole);
        let kind = ExprKind::FormattedValue {
            value: Box::new(value),
            conversion,
            format_spec,
        };
        parts.values.push(node(kind, parts.whole));
        Ok(i + 1)
    }

    /// Parses a replacement field's expression in place, as CPython parses `(expr)`.
    fn parse_field_expression(&mut self, start: usize, end: usize) -> Result<Expr, FError> {
        let range = TextRange::new(start as u32, end as u32);
        let lexed = lex_fragment(self.src, range);
        if let Some(e) = lexed.errors.first() {
            return Err(ferr(e.error.message.clone()));
        }
        let toks: Vec<Token> = lexed
            .tokens
            .into_iter()
            .filter(|t| !matches!(t.kind, T::Newline | T::Indent | T::Dedent))
            .collect();
        let mut sub = Parser::new(self.src, &toks);
        sub.paren_depth = 1;
        sub.depth = self.depth;
        // CPython parses the field as `(expr)`: a bare tuple spans those parentheses, which
        // sit where the `{` and the character after the expression are.
        let e = if sub.at(T::Yield) {
            sub.parse_yield()
        } else {
            let first = sub.parse_star_expression();
            if sub.at(T::Comma) {
                let mut elts = vec![first];
                while sub.eat(T::Comma) {
                    if !sub.starts_expr() {
                        break;
                    }
                    elts.push(sub.parse_star_expression());
                }
                let range = TextRange::new(start as u32 - 1, end as u32 + 1);
                node(
                    ExprKind::Tuple {
                        elts,
                        ctx: ExprContext::Load,
                    },
                    range,
                )
            } else {
                first
            }
        };
        if !sub.at_eof() && sub.errors.is_empty() {
            sub.invalid_syntax();
        }
        if let Some(err) = sub.errors.first() {
            let m = &err.error.message;
            let message = if m.starts_with("f-string") {
                m.clone()
            } else {
                format!("f-string: {m}")
            };
            return Err(FError { message });
        }
        Ok(e)
    }
}
