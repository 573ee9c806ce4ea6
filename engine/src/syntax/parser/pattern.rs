//! `match` statement patterns (PEP 634), as CPython 3.11's `patterns` rule family.

use super::super::ast::*;
use super::super::text::TextRange;
use super::super::token::TokenKind as T;
use super::cursor::Parser;
use super::expr::node;

fn pat(kind: PatternKind, range: TextRange) -> Pattern {
    Pattern { kind, range }
}

impl<'s> Parser<'s> {
    /// `patterns`: an open sequence (tuple without brackets) or one pattern.
    pub fn parse_patterns(&mut self) -> Pattern {
        let start = self.start();
        let first = self.parse_maybe_star_pattern();
        if !self.at(T::Comma) {
            if matches!(first.kind, PatternKind::MatchStar(_)) {
                return pat(
                    PatternKind::MatchSequence(vec![first]),
                    self.range_from_start(start),
                );
            }
            return first;
        }
        let mut items = vec![first];
        while self.eat(T::Comma) {
            if matches!(self.kind(), T::Colon | T::If) {
                break;
            }
            items.push(self.parse_maybe_star_pattern());
        }
        pat(
            PatternKind::MatchSequence(items),
            self.range_from_start(start),
        )
    }

    fn range_from_start(&self, start: u32) -> TextRange {
        TextRange::new(start, self.prev_end().max(start))
    }

    fn parse_maybe_star_pattern(&mut self) -> Pattern {
        if self.at(T::Star) {
            let start = self.bump().range.start;
            let name = match self.ident() {
                Some(n) if n.id == "_" => None,
                Some(n) => Some(n),
                None => {
                    self.invalid_syntax();
                    None
                }
            };
            return pat(PatternKind::MatchStar(name), self.range_from_start(start));
        }
        self.parse_pattern()
    }

    /// `pattern`: or_pattern ['as' NAME].
    fn parse_pattern(&mut self) -> Pattern {
        if !self.enter() {
            self.leave();
            return pat(PatternKind::Invalid, self.range());
        }
        let p = self.parse_as_pattern();
        self.leave();
        p
    }

    fn parse_as_pattern(&mut self) -> Pattern {
        let start = self.start();
        let or = self.parse_or_pattern();
        if !self.at(T::As) {
            return or;
        }
        self.bump();
        if self.at_soft("_") {
            let r = self.range();
            self.error("cannot use '_' as a target", r);
            self.bump();
            return or;
        }
        if !self.at(T::Name) || matches!(self.nth(1), T::Dot | T::LPar | T::LSqb) {
            let save = self.pos();
            let e = self.parse_expression();
            if self.pos() > save {
                self.error("invalid pattern target", e.range);
            } else {
                self.invalid_syntax();
            }
            return or;
        }
        let name = self.ident();
        let range = self.range_from_start(start);
        pat(
            PatternKind::MatchAs {
                pattern: Some(Box::new(or)),
                name,
            },
            range,
        )
    }

    fn parse_or_pattern(&mut self) -> Pattern {
        let start = self.start();
        let first = self.parse_closed_pattern();
        if !self.at(T::VBar) {
            return first;
        }
        let mut alts = vec![first];
        while self.eat(T::VBar) {
            alts.push(self.parse_closed_pattern());
        }
        pat(PatternKind::MatchOr(alts), self.range_from_start(start))
    }

    fn parse_closed_pattern(&mut self) -> Pattern {
        let t = self.token();
        match t.kind {
            T::None | T::True | T::False => {
                self.bump();
                let value = match t.kind {
                    T::None => Constant::None,
                    T::True => Constant::Bool(true),
                    _ => Constant::Bool(false),
                };
                pat(PatternKind::MatchSingleton(value), t.range)
            }
            T::Int | T::Float | T::Imaginary | T::Minus | T::String => {
                let e = self.parse_literal_pattern_expr();
                let r = e.range;
                pat(PatternKind::MatchValue(Box::new(e)), r)
            }
            T::LPar => self.parse_group_or_sequence(T::RPar),
            T::LSqb => self.parse_group_or_sequence(T::RSqb),
            T::LBrace => self.parse_mapping_pattern(),
            T::Name => self.parse_name_pattern(),
            _ => {
                self.invalid_syntax();
                pat(PatternKind::Invalid, TextRange::empty(t.range.start))
            }
        }
    }

    /// signed numbers, complex literals (`-1 + 2j`) and strings.
    fn parse_literal_pattern_expr(&mut self) -> Expr {
        if self.at(T::String) {
            return self.parse_strings();
        }
        let start = self.start();
        let neg = self.eat(T::Minus);
        let t = self.token();
        if !matches!(t.kind, T::Int | T::Float | T::Imaginary) {
            self.invalid_syntax();
            return super::expr::invalid(self.range());
        }
        self.bump();
        let value = super::literal::number(t.kind, self.text(t));
        let mut e = node(ExprKind::Constant { value, kind: None }, t.range);
        if neg {
            e = node(
                ExprKind::UnaryOp {
                    op: UnaryOp::USub,
                    operand: Box::new(e),
                },
                TextRange::new(start, t.range.end),
            );
        }
        if matches!(self.kind(), T::Plus | T::Minus) {
            let op = if self.bump().kind == T::Plus {
                Operator::Add
            } else {
                Operator::Sub
            };
            let r = self.token();
            if r.kind != T::Imaginary {
                self.error("imaginary number required in complex literal", r.range);
            }
            self.bump();
            let value = super::literal::number(r.kind, self.text(r));
            let right = node(ExprKind::Constant { value, kind: None }, r.range);
            e = node(
                ExprKind::BinOp {
                    left: Box::new(e),
                    op,
                    right: Box::new(right),
                },
                TextRange::new(start, r.range.end),
            );
        }
        e
    }

    fn parse_group_or_sequence(&mut self, close: T) -> Pattern {
        let start = self.bump().range.start;
        self.paren_depth += 1;
        let mut items = Vec::new();
        let mut comma = false;
        while !self.at(close) {
            items.push(self.parse_maybe_star_pattern());
            if !self.eat(T::Comma) {
                break;
            }
            comma = true;
        }
        self.paren_depth -= 1;
        self.expect_closing(close);
        if close == T::RPar
            && items.len() == 1
            && !comma
            && !matches!(items[0].kind, PatternKind::MatchStar(_))
        {
            return items
                .pop()
                .unwrap_or_else(|| pat(PatternKind::Invalid, TextRange::empty(start)));
        }
        pat(
            PatternKind::MatchSequence(items),
            self.range_from_start(start),
        )
    }

    fn parse_mapping_pattern(&mut self) -> Pattern {
        let start = self.bump().range.start;
        self.paren_depth += 1;
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at(T::RBrace) {
            if self.eat(T::DoubleStar) {
                rest = self.ident();
                if rest.is_none() {
                    self.invalid_syntax();
                }
            } else {
                let key = match self.kind() {
                    T::None | T::True | T::False => {
                        let t = self.bump();
                        let value = match t.kind {
                            T::None => Constant::None,
                            T::True => Constant::Bool(true),
                            _ => Constant::Bool(false),
                        };
                        node(ExprKind::Constant { value, kind: None }, t.range)
                    }
                    T::Name => self.parse_dotted_value(),
                    _ => self.parse_literal_pattern_expr(),
                };
                keys.push(key);
                if !self.eat(T::Colon) {
                    self.invalid_syntax();
                    break;
                }
                patterns.push(self.parse_pattern());
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.paren_depth -= 1;
        self.expect_closing(T::RBrace);
        pat(
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            },
            self.range_from_start(start),
        )
    }

    /// `name_or_attr`: NAME ('.' NAME)*, as a Load expression.
    fn parse_dotted_value(&mut self) -> Expr {
        let t = self.bump();
        let mut e = node(
            ExprKind::Name {
                id: self.name_of(t),
                ctx: ExprContext::Load,
            },
            t.range,
        );
        while self.at(T::Dot) {
            self.bump();
            let Some(attr) = self.ident() else {
                self.invalid_syntax();
                break;
            };
            let range = TextRange::new(e.range.start, attr.range.end);
            e = node(
                ExprKind::Attribute {
                    value: Box::new(e),
                    attr,
                    ctx: ExprContext::Load,
                },
                range,
            );
        }
        e
    }

    fn parse_name_pattern(&mut self) -> Pattern {
        let t = self.token();
        if !matches!(self.nth(1), T::Dot | T::LPar) {
            self.bump();
            let id = self.name_of(t);
            if id == "_" {
                return pat(
                    PatternKind::MatchAs {
                        pattern: None,
                        name: None,
                    },
                    t.range,
                );
            }
            let name = Identifier { id, range: t.range };
            return pat(
                PatternKind::MatchAs {
                    pattern: None,
                    name: Some(name),
                },
                t.range,
            );
        }
        let value = self.parse_dotted_value();
        if !self.at(T::LPar) {
            let r = value.range;
            return pat(PatternKind::MatchValue(Box::new(value)), r);
        }
        self.bump();
        self.paren_depth += 1;
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns: Vec<Pattern> = Vec::new();
        while !self.at(T::RPar) {
            if self.at(T::Name) && self.nth(1) == T::Equal {
                if let Some(n) = self.ident() {
                    kwd_attrs.push(n);
                }
                self.bump();
                kwd_patterns.push(self.parse_pattern());
            } else {
                let p = self.parse_pattern();
                if !kwd_patterns.is_empty() {
                    let r = p.range;
                    self.error("positional patterns follow keyword patterns", r);
                }
                patterns.push(p);
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        self.paren_depth -= 1;
        self.expect_closing(T::RPar);
        let kind = PatternKind::MatchClass {
            cls: Box::new(value),
            patterns,
            kwd_attrs,
            kwd_patterns,
        };
        pat(kind, self.range_from_start(t.range.start))
    }
}
