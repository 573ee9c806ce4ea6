//! Expressions: CPython 3.11's `expression` family of rules, from `star_expressions` down to
//! `atom`. Binary operators use precedence climbing; prefix operators are folded iteratively so
//! that long chains cost no Rust stack.

use super::super::ast::*;
use super::super::text::TextRange;
use super::super::token::TokenKind as T;
use super::cursor::Parser;

/// Binding power of a binary operator token (higher binds tighter), and its AST operator.
fn binary_op(kind: T) -> Option<(u8, Operator)> {
    Some(match kind {
        T::VBar => (1, Operator::BitOr),
        T::CircumFlex => (2, Operator::BitXor),
        T::Amper => (3, Operator::BitAnd),
        T::LeftShift => (4, Operator::LShift),
        T::RightShift => (4, Operator::RShift),
        T::Plus => (5, Operator::Add),
        T::Minus => (5, Operator::Sub),
        T::Star => (6, Operator::Mult),
        T::Slash => (6, Operator::Div),
        T::DoubleSlash => (6, Operator::FloorDiv),
        T::Percent => (6, Operator::Mod),
        T::At => (6, Operator::MatMult),
        _ => return None,
    })
}

pub(crate) fn node(kind: ExprKind, range: TextRange) -> Expr {
    Expr { kind, range }
}

pub(crate) fn invalid(range: TextRange) -> Expr {
    node(ExprKind::Invalid, range)
}

impl<'s> Parser<'s> {
    /// Can the current token start an expression?
    pub fn starts_expr(&self) -> bool {
        matches!(
            self.kind(),
            T::Name
                | T::Int
                | T::Float
                | T::Imaginary
                | T::String
                | T::LPar
                | T::LSqb
                | T::LBrace
                | T::Minus
                | T::Plus
                | T::Tilde
                | T::Not
                | T::Lambda
                | T::Await
                | T::None
                | T::True
                | T::False
                | T::Ellipsis
                | T::Star
        )
    }

    pub fn range_from(&self, start: u32) -> TextRange {
        TextRange::new(start, self.prev_end().max(start))
    }

    /// `star_expressions`: a tuple when there is a comma (its range then includes a trailing
    /// comma, as CPython's does).
    pub fn parse_star_expressions(&mut self) -> Expr {
        let start = self.start();
        let first = self.parse_star_expression();
        if !self.at(T::Comma) {
            return first;
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if !self.starts_expr() {
                break;
            }
            elts.push(self.parse_star_expression());
        }
        node(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            self.range_from(start),
        )
    }

    /// `star_expression`: `*` bitwise_or | expression.
    pub fn parse_star_expression(&mut self) -> Expr {
        if self.at(T::Star) {
            self.parse_starred()
        } else {
            self.parse_expression()
        }
    }

    pub fn parse_starred(&mut self) -> Expr {
        let start = self.bump().range.start;
        let value = self.parse_bitwise_or();
        let range = self.range_from(start);
        node(
            ExprKind::Starred {
                value: Box::new(value),
                ctx: ExprContext::Load,
            },
            range,
        )
    }

    /// `star_named_expression`: `*` bitwise_or | named_expression.
    pub fn parse_star_named_expression(&mut self) -> Expr {
        if self.at(T::Star) {
            self.parse_starred()
        } else {
            self.parse_named_expression()
        }
    }

    /// `expressions`: expression (',' expression)* [','].
    pub fn parse_expressions(&mut self) -> Expr {
        let start = self.start();
        let first = self.parse_expression();
        if !self.at(T::Comma) {
            return first;
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if !self.starts_expr() || self.at(T::Star) {
                break;
            }
            elts.push(self.parse_expression());
        }
        node(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            self.range_from(start),
        )
    }

    /// `named_expression`: NAME ':=' expression | expression.
    pub fn parse_named_expression(&mut self) -> Expr {
        if self.at(T::Name) && self.nth(1) == T::ColonEqual {
            let t = self.bump();
            self.bump();
            let target = node(
                ExprKind::Name {
                    id: self.name_of(t),
                    ctx: ExprContext::Store,
                },
                t.range,
            );
            let value = self.parse_expression();
            let range = self.range_from(t.range.start);
            return node(
                ExprKind::NamedExpr {
                    target: Box::new(target),
                    value: Box::new(value),
                },
                range,
            );
        }
        let e = self.parse_expression();
        if self.at(T::Equal) && !self.line_failed {
            self.check_named_equal(&e);
        }
        if self.at(T::ColonEqual) {
            let msg = format!(
                "cannot use assignment expressions with {}",
                super::target::expr_name(&e)
            );
            self.error(msg, e.range);
        }
        e
    }

    /// `expression`: a conditional expression or a lambda.
    pub fn parse_expression(&mut self) -> Expr {
        if self.at(T::Lambda) {
            return self.parse_lambda();
        }
        let start_tok = self.token();
        let start = start_tok.range.start;
        let body = self.parse_disjunction();
        if self.at(T::If) {
            self.bump();
            let test = self.parse_disjunction();
            if !self.eat(T::Else) {
                if !self.at(T::Colon) {
                    let r = TextRange::new(body.range.start, test.range.end);
                    self.error("expected 'else' after 'if' expression", r);
                } else {
                    self.invalid_syntax();
                }
                return invalid(TextRange::new(body.range.start, self.prev_end()));
            }
            if !self.enter() {
                self.leave();
                return invalid(self.range());
            }
            let orelse = self.parse_expression();
            self.leave();
            let range = self.range_from(start);
            return node(
                ExprKind::IfExp {
                    test: Box::new(test),
                    body: Box::new(body),
                    orelse: Box::new(orelse),
                },
                range,
            );
        }
        self.check_missing_comma(start_tok, &body);
        body
    }

    /// CPython's `invalid_expression`: two expressions side by side inside brackets.
    fn check_missing_comma(&mut self, start_tok: super::super::token::Token, a: &Expr) {
        if self.paren_depth == 0
            || self.in_dict_key
            || self.line_failed
            || !self.starts_expr()
            || self.at(T::Star)
        {
            return;
        }
        if matches!(a.kind, ExprKind::Invalid) {
            return;
        }
        // Not after a soft keyword or `NAME STRING` (e.g. a string prefix typo), nor after
        // `print`/`exec`, which have their own message.
        if start_tok.kind == T::Name {
            let text = self.text(start_tok);
            if matches!(text, "match" | "case" | "_" | "print" | "exec")
                && a.range == start_tok.range
            {
                return;
            }
            if self.nth_token(0).kind == T::String && a.range == start_tok.range {
                return;
            }
        }
        let save_errors = self.errors.len();
        let b = self.parse_expression();
        self.errors.truncate(save_errors);
        self.line_failed = false;
        self.error(
            "invalid syntax. Perhaps you forgot a comma?",
            TextRange::new(a.range.start, b.range.end),
        );
    }

    /// `disjunction`: conjunction ('or' conjunction)*.
    pub fn parse_disjunction(&mut self) -> Expr {
        let start = self.start();
        let first = self.parse_conjunction();
        if !self.at(T::Or) {
            return first;
        }
        let mut values = vec![first];
        while self.eat(T::Or) {
            values.push(self.parse_conjunction());
        }
        let end = self.prev_end();
        node(
            ExprKind::BoolOp {
                op: BoolOp::Or,
                values,
            },
            TextRange::new(start, end),
        )
    }

    fn parse_conjunction(&mut self) -> Expr {
        let start = self.start();
        let first = self.parse_inversion();
        if !self.at(T::And) {
            return first;
        }
        let mut values = vec![first];
        while self.eat(T::And) {
            values.push(self.parse_inversion());
        }
        let end = self.prev_end();
        node(
            ExprKind::BoolOp {
                op: BoolOp::And,
                values,
            },
            TextRange::new(start, end),
        )
    }

    /// `inversion`: 'not'* comparison, folded without recursion.
    fn parse_inversion(&mut self) -> Expr {
        let mut starts = Vec::new();
        while self.at(T::Not) {
            starts.push(self.bump().range.start);
            if self.depth + starts.len() as u32 > super::cursor::MAX_DEPTH {
                self.enter_overflow();
                return invalid(self.range());
            }
        }
        let mut e = self.parse_comparison();
        for start in starts.into_iter().rev() {
            let range = self.range_from(start);
            e = node(
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand: Box::new(e),
                },
                range,
            );
        }
        e
    }

    /// Reports the depth overflow as `enter` does.
    pub fn enter_overflow(&mut self) {
        let saved = self.depth;
        self.depth = super::cursor::MAX_DEPTH;
        self.enter();
        self.depth = saved;
    }

    fn compare_op(&self) -> Option<(CmpOp, usize)> {
        Some(match self.kind() {
            T::EqEqual => (CmpOp::Eq, 1),
            T::NotEqual => (CmpOp::NotEq, 1),
            T::Less => (CmpOp::Lt, 1),
            T::LessEqual => (CmpOp::LtE, 1),
            T::Greater => (CmpOp::Gt, 1),
            T::GreaterEqual => (CmpOp::GtE, 1),
            T::In => (CmpOp::In, 1),
            T::Is if self.nth(1) == T::Not => (CmpOp::IsNot, 2),
            T::Is => (CmpOp::Is, 1),
            T::Not if self.nth(1) == T::In => (CmpOp::NotIn, 2),
            _ => return None,
        })
    }

    fn parse_comparison(&mut self) -> Expr {
        let start = self.start();
        let left = self.parse_bitwise_or();
        let Some(_) = self.compare_op() else {
            return left;
        };
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some((op, n)) = self.compare_op() {
            for _ in 0..n {
                self.bump();
            }
            ops.push(op);
            comparators.push(self.parse_bitwise_or());
        }
        let end = self.prev_end();
        node(
            ExprKind::Compare {
                left: Box::new(left),
                ops,
                comparators,
            },
            TextRange::new(start, end),
        )
    }

    /// `bitwise_or` and everything binary below it.
    pub fn parse_bitwise_or(&mut self) -> Expr {
        self.parse_binary(1)
    }

    fn parse_binary(&mut self, min_bp: u8) -> Expr {
        let start = self.start();
        let mut left = self.parse_factor();
        while let Some((bp, op)) = binary_op(self.kind()) {
            if bp < min_bp {
                break;
            }
            self.bump();
            let right = self.parse_binary(bp + 1);
            let range = self.range_from(start);
            left = node(
                ExprKind::BinOp {
                    left: Box::new(left),
                    op,
                    right: Box::new(right),
                },
                range,
            );
        }
        left
    }

    /// `factor`: prefix `+`, `-`, `~` folded iteratively, then `power`.
    pub fn parse_factor(&mut self) -> Expr {
        let mut ops: Vec<(u32, UnaryOp)> = Vec::new();
        loop {
            let op = match self.kind() {
                T::Plus => UnaryOp::UAdd,
                T::Minus => UnaryOp::USub,
                T::Tilde => UnaryOp::Invert,
                _ => break,
            };
            ops.push((self.bump().range.start, op));
            if self.depth + ops.len() as u32 > super::cursor::MAX_DEPTH {
                self.enter_overflow();
                return invalid(self.range());
            }
        }
        if ops.is_empty() {
            return self.parse_power();
        }
        self.depth += ops.len() as u32;
        let mut e = self.parse_power();
        self.depth -= ops.len() as u32;
        for (start, op) in ops.into_iter().rev() {
            let range = self.range_from(start);
            e = node(
                ExprKind::UnaryOp {
                    op,
                    operand: Box::new(e),
                },
                range,
            );
        }
        e
    }

    fn parse_power(&mut self) -> Expr {
        let start = self.start();
        let base = self.parse_await_primary();
        if !self.at(T::DoubleStar) {
            return base;
        }
        self.bump();
        if !self.enter() {
            self.leave();
            return invalid(self.range());
        }
        let exp = self.parse_factor();
        self.leave();
        let range = self.range_from(start);
        node(
            ExprKind::BinOp {
                left: Box::new(base),
                op: Operator::Pow,
                right: Box::new(exp),
            },
            range,
        )
    }

    fn parse_await_primary(&mut self) -> Expr {
        if self.at(T::Await) {
            let start = self.bump().range.start;
            let value = self.parse_primary();
            let range = self.range_from(start);
            return node(ExprKind::Await(Box::new(value)), range);
        }
        self.parse_primary()
    }

    /// `primary`: an atom followed by attribute accesses, calls and subscripts.
    pub fn parse_primary(&mut self) -> Expr {
        let start = self.start();
        let mut e = self.parse_atom();
        loop {
            match self.kind() {
                T::Dot => {
                    self.bump();
                    let Some(attr) = self.ident() else {
                        self.invalid_syntax();
                        return invalid(self.range_from(start));
                    };
                    let _ = attr.range;
                    let range = self.range_from(start);
                    e = node(
                        ExprKind::Attribute {
                            value: Box::new(e),
                            attr,
                            ctx: ExprContext::Load,
                        },
                        range,
                    );
                }
                T::LPar => e = self.parse_call(start, e),
                T::LSqb => {
                    self.bump();
                    let Some(slice) = self.inside_bracket(Self::parse_slices) else {
                        return invalid(self.range_from(start));
                    };
                    self.expect_closing(T::RSqb);
                    let range = self.range_from(start);
                    e = node(
                        ExprKind::Subscript {
                            value: Box::new(e),
                            slice: Box::new(slice),
                            ctx: ExprContext::Load,
                        },
                        range,
                    );
                }
                _ => return e,
            }
        }
    }

    /// Expects a closing bracket; on failure reports the generic error.
    pub fn expect_closing(&mut self, kind: T) -> bool {
        if self.eat(kind) {
            return true;
        }
        self.invalid_syntax();
        false
    }

    /// `slices`: one slice, or a tuple of slices and starred expressions.
    fn parse_slices(&mut self) -> Expr {
        let start = self.start();
        let first = self.parse_slice();
        if !self.at(T::Comma) {
            if matches!(first.kind, ExprKind::Starred { .. }) {
                // 3.11: a lone `*x` subscript is a one-element tuple.
                let range = first.range;
                return node(
                    ExprKind::Tuple {
                        elts: vec![first],
                        ctx: ExprContext::Load,
                    },
                    range,
                );
            }
            return first;
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if self.at(T::RSqb) {
                break;
            }
            elts.push(self.parse_slice());
        }
        node(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            self.range_from(start),
        )
    }

    fn parse_slice(&mut self) -> Expr {
        let start = self.start();
        if self.at(T::Star) {
            return self.parse_starred();
        }
        let lower = if self.at(T::Colon) {
            None
        } else {
            Some(self.parse_named_expression())
        };
        if !self.at(T::Colon) {
            return lower.unwrap_or_else(|| invalid(self.range()));
        }
        self.bump();
        let upper = if matches!(self.kind(), T::Colon | T::Comma | T::RSqb) {
            None
        } else {
            Some(Box::new(self.parse_expression()))
        };
        let mut step = None;
        if self.eat(T::Colon) && !matches!(self.kind(), T::Comma | T::RSqb) {
            step = Some(Box::new(self.parse_expression()));
        }
        node(
            ExprKind::Slice {
                lower: lower.map(Box::new),
                upper,
                step,
            },
            self.range_from(start),
        )
    }

    /// `atom`, including displays, comprehensions and parenthesized forms.
    pub fn parse_atom(&mut self) -> Expr {
        let t = self.token();
        match t.kind {
            T::Name => {
                self.bump();
                node(
                    ExprKind::Name {
                        id: self.name_of(t),
                        ctx: ExprContext::Load,
                    },
                    t.range,
                )
            }
            T::True | T::False | T::None => {
                self.bump();
                let value = match t.kind {
                    T::True => Constant::Bool(true),
                    T::False => Constant::Bool(false),
                    _ => Constant::None,
                };
                node(ExprKind::Constant { value, kind: None }, t.range)
            }
            T::Ellipsis => {
                self.bump();
                node(
                    ExprKind::Constant {
                        value: Constant::Ellipsis,
                        kind: None,
                    },
                    t.range,
                )
            }
            T::Int | T::Float | T::Imaginary => {
                self.bump();
                let value = super::literal::number(t.kind, self.text(t));
                node(ExprKind::Constant { value, kind: None }, t.range)
            }
            T::String => self.parse_strings(),
            T::LPar => self.parse_paren(),
            T::LSqb => self.parse_list(),
            T::LBrace => self.parse_brace(),
            _ => {
                self.invalid_syntax();
                invalid(TextRange::empty(t.range.start))
            }
        }
    }

    fn parse_paren(&mut self) -> Expr {
        let start = self.bump().range.start;
        self.paren_depth += 1;
        let e = self.parse_paren_inner(start);
        self.paren_depth -= 1;
        e
    }

    fn parse_paren_inner(&mut self, start: u32) -> Expr {
        if self.eat(T::RPar) {
            return node(
                ExprKind::Tuple {
                    elts: Vec::new(),
                    ctx: ExprContext::Load,
                },
                self.range_from(start),
            );
        }
        if !self.enter_bracket() {
            self.leave_bracket();
            return invalid(self.range());
        }
        let e = self.parse_paren_body(start);
        self.leave_bracket();
        e
    }

    fn parse_paren_body(&mut self, start: u32) -> Expr {
        if self.at(T::DoubleStar) {
            let r = self.range();
            self.error("cannot use double starred expression here", r);
            return invalid(r);
        }
        if self.at(T::Yield) {
            let y = self.parse_yield();
            self.expect_closing(T::RPar);
            return y;
        }
        let first = self.parse_star_named_expression();
        match self.kind() {
            T::RPar => {
                self.bump();
                if matches!(first.kind, ExprKind::Starred { .. }) {
                    self.error("cannot use starred expression here", first.range);
                }
                first
            }
            T::For | T::Async => {
                let generators = self.parse_comprehension_clauses();
                self.expect_closing(T::RPar);
                let range = self.range_from(start);
                node(
                    ExprKind::GeneratorExp {
                        elt: Box::new(first),
                        generators,
                    },
                    range,
                )
            }
            T::Comma => {
                let mut elts = vec![first];
                while self.eat(T::Comma) {
                    if self.at(T::RPar) {
                        break;
                    }
                    elts.push(self.parse_star_named_expression());
                }
                self.expect_closing(T::RPar);
                node(
                    ExprKind::Tuple {
                        elts,
                        ctx: ExprContext::Load,
                    },
                    self.range_from(start),
                )
            }
            _ => {
                self.expect_closing(T::RPar);
                first
            }
        }
    }

    fn parse_list(&mut self) -> Expr {
        let start = self.bump().range.start;
        self.inside_bracket(|p| p.parse_list_body(start))
            .unwrap_or_else(|| invalid(self.range()))
    }

    /// Runs `body` one bracket level deeper (nesting depth and the parser's depth limit both
    /// accounted); `None` when the depth limit is hit.
    fn inside_bracket<T>(&mut self, body: impl FnOnce(&mut Self) -> T) -> Option<T> {
        self.paren_depth += 1;
        let result = self.enter_bracket().then(|| body(self));
        self.leave_bracket();
        self.paren_depth -= 1;
        result
    }

    fn parse_list_body(&mut self, start: u32) -> Expr {
        if self.eat(T::RSqb) {
            return node(
                ExprKind::List {
                    elts: Vec::new(),
                    ctx: ExprContext::Load,
                },
                self.range_from(start),
            );
        }
        let first = self.parse_star_named_expression();
        if matches!(self.kind(), T::For | T::Async) {
            let generators = self.parse_comprehension_clauses();
            self.expect_closing(T::RSqb);
            return node(
                ExprKind::ListComp {
                    elt: Box::new(first),
                    generators,
                },
                self.range_from(start),
            );
        }
        let elts = self.parse_display_rest(first, T::RSqb);
        self.expect_closing(T::RSqb);
        node(
            ExprKind::List {
                elts,
                ctx: ExprContext::Load,
            },
            self.range_from(start),
        )
    }

    /// The elements after the first of a list or set display.
    fn parse_display_rest(&mut self, first: Expr, close: T) -> Vec<Expr> {
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if self.at(close) {
                break;
            }
            elts.push(self.parse_star_named_expression());
            if matches!(self.kind(), T::For | T::Async) && !self.line_failed {
                // CPython's invalid_comprehension: `[a, b for …]`.
                let r = TextRange::new(elts[0].range.start, self.prev_end());
                self.error(
                    "did you forget parentheses around the comprehension target?",
                    r,
                );
            }
        }
        elts
    }

    fn parse_brace(&mut self) -> Expr {
        let start = self.bump().range.start;
        self.inside_bracket(|p| p.parse_brace_body(start))
            .unwrap_or_else(|| invalid(self.range()))
    }

    fn parse_brace_body(&mut self, start: u32) -> Expr {
        if self.eat(T::RBrace) {
            let kind = ExprKind::Dict {
                keys: Vec::new(),
                values: Vec::new(),
            };
            return node(kind, self.range_from(start));
        }
        if self.at(T::DoubleStar) {
            return self.parse_dict_rest(start, Vec::new(), Vec::new());
        }
        let first = self.parse_star_named_expression();
        if self.at(T::Colon) && !matches!(first.kind, ExprKind::Starred { .. }) {
            self.bump();
            let value = self.parse_dict_value();
            if matches!(self.kind(), T::For | T::Async) {
                let generators = self.parse_comprehension_clauses();
                self.expect_closing(T::RBrace);
                let kind = ExprKind::DictComp {
                    key: Box::new(first),
                    value: Box::new(value),
                    generators,
                };
                return node(kind, self.range_from(start));
            }
            if self.at(T::Comma) || self.at(T::RBrace) {
                return self.parse_dict_rest(start, vec![Some(first)], vec![value]);
            }
            self.expect_closing(T::RBrace);
            return invalid(self.range_from(start));
        }
        if matches!(self.kind(), T::For | T::Async) {
            let generators = self.parse_comprehension_clauses();
            self.expect_closing(T::RBrace);
            return node(
                ExprKind::SetComp {
                    elt: Box::new(first),
                    generators,
                },
                self.range_from(start),
            );
        }
        let elts = self.parse_display_rest(first, T::RBrace);
        self.expect_closing(T::RBrace);
        node(ExprKind::Set(elts), self.range_from(start))
    }

    fn parse_dict_value(&mut self) -> Expr {
        if self.at(T::Star) {
            let e = self.parse_starred();
            self.error(
                "cannot use a starred expression in a dictionary value",
                e.range,
            );
            return e;
        }
        if matches!(self.kind(), T::RBrace | T::Comma) {
            let r = TextRange::new(self.prev_token().map_or(0, |t| t.range.start), self.start());
            self.error("expression expected after dictionary key and ':'", r);
            return invalid(TextRange::empty(self.start()));
        }
        self.parse_expression()
    }

    /// Remaining `key: value` / `**mapping` entries of a dict display, then the `}`.
    fn parse_dict_rest(
        &mut self,
        start: u32,
        mut keys: Vec<Option<Expr>>,
        mut values: Vec<Expr>,
    ) -> Expr {
        let mut first = keys.is_empty();
        loop {
            if !first {
                if !self.eat(T::Comma) {
                    break;
                }
                if self.at(T::RBrace) {
                    break;
                }
            }
            first = false;
            if self.eat(T::DoubleStar) {
                keys.push(None);
                values.push(self.parse_bitwise_or());
                continue;
            }
            self.in_dict_key = true;
            let key = self.parse_expression();
            self.in_dict_key = false;
            if !self.eat(T::Colon) {
                if matches!(self.kind(), T::RBrace | T::Comma) || self.starts_expr() {
                    self.error("':' expected after dictionary key", key.range);
                } else {
                    self.invalid_syntax();
                }
                keys.push(Some(key));
                values.push(invalid(TextRange::empty(self.start())));
                continue;
            }
            let value = self.parse_dict_value();
            keys.push(Some(key));
            values.push(value);
        }
        if matches!(self.kind(), T::For | T::Async) && keys.len() == 1 && keys[0].is_none() {
            let r = values[0].range;
            self.error(
                "dict unpacking cannot be used in dict comprehension",
                TextRange::new(start, r.end),
            );
        }
        self.expect_closing(T::RBrace);
        node(ExprKind::Dict { keys, values }, self.range_from(start))
    }

    /// `for_if_clauses`: one or more `[async] for targets in disjunction (if disjunction)*`.
    pub fn parse_comprehension_clauses(&mut self) -> Vec<Comprehension> {
        let mut out = Vec::new();
        loop {
            let is_async = if self.at(T::Async) && self.nth(1) == T::For {
                self.bump();
                true
            } else {
                false
            };
            if !self.eat(T::For) {
                break;
            }
            let target = self.parse_target_list(super::target::TargetsKind::For);
            if !self.eat(T::In) {
                self.invalid_syntax();
                out.push(Comprehension {
                    target,
                    iter: invalid(self.range()),
                    ifs: Vec::new(),
                    is_async,
                });
                break;
            }
            let iter = self.parse_disjunction();
            let mut ifs = Vec::new();
            while self.eat(T::If) {
                ifs.push(self.parse_disjunction());
            }
            out.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
            if !matches!(self.kind(), T::For | T::Async) {
                break;
            }
        }
        out
    }

    /// `yield_expr`: `yield from x` or `yield [star_expressions]`.
    pub fn parse_yield(&mut self) -> Expr {
        let start = self.bump().range.start;
        if self.eat(T::From) {
            let value = self.parse_expression();
            let range = self.range_from(start);
            return node(ExprKind::YieldFrom(Box::new(value)), range);
        }
        if self.starts_expr() {
            let value = self.parse_star_expressions();
            let range = self.range_from(start);
            return node(ExprKind::Yield(Some(Box::new(value))), range);
        }
        node(ExprKind::Yield(None), self.range_from(start))
    }

    /// `lambdef`.
    fn parse_lambda(&mut self) -> Expr {
        let start = self.bump().range.start;
        if !self.enter() {
            self.leave();
            return invalid(self.range());
        }
        let args = self.parse_parameters(true);
        let body = if self.eat(T::Colon) {
            self.parse_expression()
        } else {
            self.invalid_syntax();
            invalid(self.range())
        };
        self.leave();
        let range = self.range_from(start);
        node(
            ExprKind::Lambda {
                args: Box::new(args),
                body: Box::new(body),
            },
            range,
        )
    }
}

impl<'s> Parser<'s> {
    /// A call argument: `named_expression` without CPython's `=` diagnostics (a keyword
    /// argument's `=` is legal there).
    pub fn parse_arg_expression(&mut self) -> Expr {
        if self.at(T::Name) && self.nth(1) == T::ColonEqual {
            return self.parse_named_expression();
        }
        self.parse_expression()
    }

    /// Is `offset` directly preceded (ignoring whitespace) by `(`?
    pub fn preceded_by_paren(&self, offset: u32) -> bool {
        self.src.as_bytes()[..offset as usize]
            .iter()
            .rev()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'(')
    }

    /// CPython's `invalid_named_expression` for `e = …` where a named expression was expected.
    fn check_named_equal(&mut self, e: &Expr) {
        let save = self.pos();
        let errs = self.errors.len();
        self.bump();
        let b = self.parse_bitwise_or();
        let followed_by_assign = matches!(self.kind(), T::Equal | T::ColonEqual);
        self.errors.truncate(errs);
        self.line_failed = false;
        self.rewind(save);
        if followed_by_assign {
            return;
        }
        if matches!(e.kind, ExprKind::Name { .. }) && !self.preceded_by_paren(e.range.start) {
            let msg = "invalid syntax. Maybe you meant '==' or ':=' instead of '='?";
            self.error(msg, TextRange::new(e.range.start, b.range.end));
            return;
        }
        let excluded = matches!(
            e.kind,
            ExprKind::List { .. }
                | ExprKind::Tuple { .. }
                | ExprKind::GeneratorExp { .. }
                | ExprKind::Constant {
                    value: Constant::Bool(_) | Constant::None,
                    ..
                }
                | ExprKind::Compare { .. }
                | ExprKind::BoolOp { .. }
                | ExprKind::IfExp { .. }
                | ExprKind::Lambda { .. }
                | ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    ..
                }
        );
        if !excluded {
            let msg = format!(
                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                super::target::expr_name(e)
            );
            self.error(msg, e.range);
        }
    }
}
