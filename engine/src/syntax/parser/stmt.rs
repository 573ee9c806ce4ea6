//! Statements and blocks: simple statements, compound statements, decorators, and recovery at
//! statement boundaries (a broken line becomes `StmtKind::Invalid` and parsing goes on).

use super::super::ast::*;
use super::super::error::SyntaxErrorType;
use super::super::text::TextRange;
use super::super::token::TokenKind as T;
use super::cursor::Parser;
use super::expr::{invalid, node};
use super::target::{expr_name, invalid_target, target_message, TargetsKind};

fn stmt(kind: StmtKind, range: TextRange) -> Stmt {
    Stmt { kind, range }
}

fn aug_op(kind: T) -> Option<Operator> {
    Some(match kind {
        T::PlusEqual => Operator::Add,
        T::MinEqual => Operator::Sub,
        T::StarEqual => Operator::Mult,
        T::AtEqual => Operator::MatMult,
        T::SlashEqual => Operator::Div,
        T::PercentEqual => Operator::Mod,
        T::AmperEqual => Operator::BitAnd,
        T::VBarEqual => Operator::BitOr,
        T::CircumflexEqual => Operator::BitXor,
        T::LeftShiftEqual => Operator::LShift,
        T::RightShiftEqual => Operator::RShift,
        T::DoubleStarEqual => Operator::Pow,
        T::DoubleSlashEqual => Operator::FloorDiv,
        _ => return None,
    })
}

impl<'s> Parser<'s> {
    /// Statements until end of file.
    pub fn parse_module_body(&mut self) -> Vec<Stmt> {
        let mut body = Vec::new();
        while !self.at_eof() {
            if self.too_deep {
                break;
            }
            match self.kind() {
                T::Indent => {
                    self.line_failed = false;
                    self.invalid_syntax();
                    self.bump();
                    // Parse the stray block's statements as if they were at top level.
                    continue;
                }
                T::Dedent | T::Newline => {
                    self.bump();
                    continue;
                }
                _ => {}
            }
            self.parse_statement_into(&mut body);
        }
        body
    }

    /// One statement line (a compound statement or `;`-separated simple statements), appended
    /// to `body`. Always consumes at least one token.
    pub fn parse_statement_into(&mut self, body: &mut Vec<Stmt>) {
        self.line_failed = false;
        let before = self.pos();
        let failed_before = self.errors.len();
        match self.kind() {
            T::Def | T::Class | T::At | T::If | T::While | T::For | T::Try | T::With => {
                body.push(self.parse_compound())
            }
            T::Async if matches!(self.nth(1), T::Def | T::For | T::With) => {
                body.push(self.parse_compound())
            }
            T::Async => {
                let start = self.bump().range.start;
                self.invalid_syntax();
                body.push(stmt(StmtKind::Invalid, self.range_to_prev(start)));
            }
            T::Name if self.at_soft("match") => {
                if let Some(s) = self.try_parse_match() {
                    body.push(s);
                } else {
                    self.parse_simple_statements(body);
                }
            }
            _ => self.parse_simple_statements(body),
        }
        if self.errors.len() > failed_before && self.line_failed {
            // Resynchronize at the end of the logical line.
            if !matches!(self.prev_token().map(|t| t.kind), Some(T::Newline))
                || self.pos() == before
            {
                let start = self.start();
                self.skip_line();
                if self.pos() > before && body.is_empty() {
                    body.push(stmt(
                        StmtKind::Invalid,
                        TextRange::new(start, self.prev_end().max(start)),
                    ));
                }
            }
        }
        if self.pos() == before {
            self.bump();
        }
    }

    /// `simple_stmts`: simple statements separated by `;`, then NEWLINE.
    fn parse_simple_statements(&mut self, body: &mut Vec<Stmt>) {
        loop {
            let s = self.parse_simple_statement();
            body.push(s);
            if self.line_failed {
                return;
            }
            if self.eat(T::Semi) {
                if self.at(T::Newline) || self.at_eof() {
                    break;
                }
                continue;
            }
            break;
        }
        if self.at_eof() {
            return;
        }
        if !self.eat(T::Newline) {
            self.invalid_syntax();
        }
    }

    fn parse_simple_statement(&mut self) -> Stmt {
        let t = self.token();
        let start = t.range.start;
        let simple = |p: &mut Self, kind: StmtKind| {
            p.bump();
            stmt(kind, t.range)
        };
        match t.kind {
            T::Pass => simple(self, StmtKind::Pass),
            T::Break => simple(self, StmtKind::Break),
            T::Continue => simple(self, StmtKind::Continue),
            T::Return => {
                self.bump();
                let value = if self.starts_expr() {
                    Some(Box::new(self.parse_star_expressions()))
                } else {
                    None
                };
                stmt(StmtKind::Return(value), self.range_to_prev(start))
            }
            T::Raise => {
                self.bump();
                let mut exc = None;
                let mut cause = None;
                if self.starts_expr() {
                    exc = Some(Box::new(self.parse_expression()));
                    if self.eat(T::From) {
                        cause = Some(Box::new(self.parse_expression()));
                    }
                }
                stmt(StmtKind::Raise { exc, cause }, self.range_to_prev(start))
            }
            T::Global | T::Nonlocal => {
                self.bump();
                let mut names = Vec::new();
                loop {
                    match self.ident() {
                        Some(n) => names.push(n),
                        None => {
                            self.invalid_syntax();
                            break;
                        }
                    }
                    if !self.eat(T::Comma) {
                        break;
                    }
                }
                let kind = if t.kind == T::Global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                };
                stmt(kind, self.range_to_prev(start))
            }
            T::Del => self.parse_del(),
            T::Assert => {
                self.bump();
                let test = Box::new(self.parse_expression());
                let msg = if self.eat(T::Comma) {
                    Some(Box::new(self.parse_expression()))
                } else {
                    None
                };
                stmt(StmtKind::Assert { test, msg }, self.range_to_prev(start))
            }
            T::Import => self.parse_import(),
            T::From => self.parse_from_import(),
            _ => self.parse_expression_statement(),
        }
    }

    fn range_to_prev(&self, start: u32) -> TextRange {
        TextRange::new(start, self.prev_end().max(start))
    }

    fn parse_del(&mut self) -> Stmt {
        let start = self.bump().range.start;
        let mut targets = Vec::new();
        loop {
            let e = self.parse_star_expression();
            let e = self.make_target(e, TargetsKind::Del);
            targets.push(e);
            if !self.eat(T::Comma) || !self.starts_expr() {
                break;
            }
        }
        if !self.line_failed && !matches!(self.kind(), T::Newline | T::Semi | T::EndOfFile) {
            self.invalid_syntax();
        }
        stmt(StmtKind::Delete(targets), self.range_to_prev(start))
    }

    fn dotted_name(&mut self) -> Option<Identifier> {
        let first = self.ident()?;
        if !self.at(T::Dot) {
            return Some(first);
        }
        let mut id = first.id.to_string();
        let mut end = first.range.end;
        while self.at(T::Dot) && self.nth(1) == T::Name {
            self.bump();
            if let Some(n) = self.ident() {
                id.push('.');
                id.push_str(&n.id);
                end = n.range.end;
            }
        }
        Some(Identifier {
            id: Name::from(id),
            range: TextRange::new(first.range.start, end),
        })
    }

    fn parse_alias(&mut self, dotted: bool) -> Option<Alias> {
        let name = if dotted {
            self.dotted_name()
        } else {
            self.ident()
        };
        let Some(name) = name else {
            self.invalid_syntax();
            return None;
        };
        let asname = if self.eat(T::As) {
            match self.ident() {
                Some(n) => Some(n),
                None => {
                    self.invalid_syntax();
                    return None;
                }
            }
        } else {
            None
        };
        let end = asname.as_ref().map_or(name.range.end, |a| a.range.end);
        let range = TextRange::new(name.range.start, end);
        Some(Alias {
            name,
            asname,
            range,
        })
    }

    fn parse_import(&mut self) -> Stmt {
        let start = self.bump().range.start;
        let mut names = Vec::new();
        loop {
            match self.parse_alias(true) {
                Some(a) => names.push(a),
                None => break,
            }
            if !self.eat(T::Comma) {
                break;
            }
        }
        stmt(StmtKind::Import(names), self.range_to_prev(start))
    }

    fn parse_from_import(&mut self) -> Stmt {
        let start = self.bump().range.start;
        let mut level = 0;
        loop {
            match self.kind() {
                T::Dot => level += 1,
                T::Ellipsis => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if self.at(T::Name) {
            self.dotted_name()
        } else {
            None
        };
        if module.is_none() && level == 0 {
            self.invalid_syntax();
            return stmt(StmtKind::Invalid, self.range_to_prev(start));
        }
        if !self.eat(T::Import) {
            self.invalid_syntax();
            return stmt(StmtKind::Invalid, self.range_to_prev(start));
        }
        let mut names = Vec::new();
        if self.at(T::Star) {
            let t = self.bump();
            let name = Identifier {
                id: Name::from("*"),
                range: t.range,
            };
            names.push(Alias {
                name,
                asname: None,
                range: t.range,
            });
        } else {
            let paren = self.eat(T::LPar);
            loop {
                match self.parse_alias(false) {
                    Some(a) => names.push(a),
                    None => break,
                }
                if !self.eat(T::Comma) {
                    break;
                }
                if paren && self.at(T::RPar) {
                    break;
                }
                if !paren && matches!(self.kind(), T::Newline | T::EndOfFile) {
                    let r = TextRange::empty(self.start());
                    self.error(
                        "trailing comma not allowed without surrounding parentheses",
                        r,
                    );
                    break;
                }
            }
            if paren && !self.line_failed {
                self.expect_closing(T::RPar);
            }
        }
        stmt(
            StmtKind::ImportFrom {
                module,
                names,
                level,
            },
            self.range_to_prev(start),
        )
    }

    /// Expression statements and every kind of assignment.
    fn parse_expression_statement(&mut self) -> Stmt {
        let start = self.start();
        let first_tok = self.token();
        let first = if self.at(T::Yield) {
            self.parse_yield()
        } else {
            self.parse_star_expressions()
        };
        match self.kind() {
            T::Equal => self.parse_assignment(start, first),
            T::Colon => self.parse_ann_assign(start, first),
            k if aug_op(k).is_some() => {
                let op = aug_op(k).unwrap_or(Operator::Add);
                if !matches!(
                    first.kind,
                    ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                ) {
                    let msg = format!(
                        "'{}' is an illegal expression for augmented assignment",
                        expr_name(&first)
                    );
                    self.error(msg, first.range);
                }
                self.bump();
                let value = if self.at(T::Yield) {
                    self.parse_yield()
                } else {
                    self.parse_star_expressions()
                };
                let mut target = first;
                super::target::set_context(&mut target, ExprContext::Store);
                let kind = StmtKind::AugAssign {
                    target: Box::new(target),
                    op,
                    value: Box::new(value),
                };
                stmt(kind, self.range_to_prev(start))
            }
            T::ColonEqual if !matches!(first.kind, ExprKind::Name { .. }) => {
                let msg = format!(
                    "cannot use assignment expressions with {}",
                    expr_name(&first)
                );
                self.error(msg, first.range);
                stmt(StmtKind::Expr(Box::new(first)), self.range_to_prev(start))
            }
            _ => {
                if !self.line_failed && !matches!(self.kind(), T::Newline | T::Semi | T::EndOfFile)
                {
                    self.legacy_or_generic(first_tok, &first);
                }
                let range = self.range_to_prev(start);
                stmt(StmtKind::Expr(Box::new(first)), range)
            }
        }
    }

    /// `print x` / `exec x` get CPython's hint; anything else is generic.
    fn legacy_or_generic(&mut self, first_tok: super::super::token::Token, first: &Expr) {
        if let ExprKind::Name { id, .. } = &first.kind {
            if (id == "print" || id == "exec")
                && first_tok.range == first.range
                && self.starts_expr()
            {
                let id = id.clone();
                let save = self.pos();
                let errs = self.errors.len();
                let b = self.parse_star_expressions();
                self.errors.truncate(errs);
                self.line_failed = false;
                self.rewind(save);
                let msg = format!("Missing parentheses in call to '{id}'. Did you mean {id}(...)?");
                self.error(msg, TextRange::new(first.range.start, b.range.end));
                return;
            }
        }
        self.invalid_syntax();
    }

    fn parse_assignment(&mut self, start: u32, first: Expr) -> Stmt {
        let mut parts = vec![first];
        while self.eat(T::Equal) {
            let e = if self.at(T::Yield) {
                self.parse_yield()
            } else {
                self.parse_star_expressions()
            };
            parts.push(e);
        }
        let value = parts
            .pop()
            .unwrap_or_else(|| invalid(TextRange::empty(start)));
        if !self.line_failed {
            self.check_assignment_targets(&parts, &value);
        }
        let targets = parts
            .into_iter()
            .map(|mut t| {
                super::target::set_context(&mut t, ExprContext::Store);
                t
            })
            .collect();
        stmt(
            StmtKind::Assign {
                targets,
                value: Box::new(value),
            },
            self.range_to_prev(start),
        )
    }

    /// CPython's `invalid_assignment` and `invalid_named_expression` for `targets = value`.
    fn check_assignment_targets(&mut self, targets: &[Expr], value: &Expr) {
        if targets.len() == 1 {
            // `a = b` where `a` (or the last element of an unparenthesized tuple) cannot be
            // assigned: CPython suggests `==`.
            let t = &targets[0];
            let last = match &t.kind {
                ExprKind::Tuple { elts, .. }
                    if self.src.as_bytes().get(t.range.start as usize) != Some(&b'(') =>
                {
                    elts.last()
                }
                _ => Some(t),
            };
            if let Some(e) = last {
                let bitwise = !matches!(
                    e.kind,
                    ExprKind::Compare { .. }
                        | ExprKind::BoolOp { .. }
                        | ExprKind::IfExp { .. }
                        | ExprKind::Lambda { .. }
                        | ExprKind::NamedExpr { .. }
                        | ExprKind::Starred { .. }
                        | ExprKind::Yield(_)
                        | ExprKind::YieldFrom(_)
                        | ExprKind::UnaryOp {
                            op: UnaryOp::Not,
                            ..
                        }
                );
                let excluded = matches!(
                    e.kind,
                    ExprKind::List { .. }
                        | ExprKind::Tuple { .. }
                        | ExprKind::GeneratorExp { .. }
                        | ExprKind::Constant {
                            value: Constant::Bool(_) | Constant::None,
                            ..
                        }
                ) || matches!(
                    e.kind,
                    ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                );
                let value_ok = !matches!(
                    value.kind,
                    ExprKind::Yield(_)
                        | ExprKind::YieldFrom(_)
                        | ExprKind::Starred { .. }
                        | ExprKind::Tuple { .. }
                ) || matches!(&value.kind, ExprKind::Tuple { elts, .. } if elts.first().is_some_and(|x| !matches!(x.kind, ExprKind::Starred { .. })));
                if bitwise && !excluded && value_ok {
                    let msg = format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        expr_name(e)
                    );
                    self.error(msg, e.range);
                    return;
                }
            }
        }
        for t in targets {
            if matches!(t.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_))
                && !self.preceded_by_paren(t.range.start)
            {
                self.error("assignment to yield expression not possible", t.range);
                return;
            }
            if let Some(bad) = invalid_target(t, TargetsKind::Star) {
                let msg = target_message(bad, TargetsKind::Star);
                let r = bad.range;
                self.error(msg, r);
                return;
            }
        }
    }

    fn parse_ann_assign(&mut self, start: u32, target: Expr) -> Stmt {
        match &target.kind {
            ExprKind::Name { .. } | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
            ExprKind::Tuple { .. } => self.error(
                "only single target (not tuple) can be annotated",
                target.range,
            ),
            ExprKind::List { .. } => self.error(
                "only single target (not list) can be annotated",
                target.range,
            ),
            _ => self.error("illegal target for annotation", target.range),
        }
        self.bump();
        let annotation = self.parse_expression();
        let value = if self.eat(T::Equal) {
            Some(Box::new(if self.at(T::Yield) {
                self.parse_yield()
            } else {
                self.parse_star_expressions()
            }))
        } else {
            None
        };
        let simple = matches!(target.kind, ExprKind::Name { .. }) && target.range.start == start;
        let mut target = target;
        super::target::set_context(&mut target, ExprContext::Store);
        let kind = StmtKind::AnnAssign {
            target: Box::new(target),
            annotation: Box::new(annotation),
            value,
            simple,
        };
        stmt(kind, self.range_to_prev(start))
    }

    fn parse_compound(&mut self) -> Stmt {
        if !self.enter() {
            self.leave();
            let r = self.range();
            self.skip_line();
            return stmt(StmtKind::Invalid, r);
        }
        let s = match self.kind() {
            T::At => self.parse_decorated(),
            T::Def => self.parse_def(None, Vec::new()),
            T::Class => self.parse_class(Vec::new()),
            T::If => self.parse_if(),
            T::While => self.parse_while(),
            T::For => self.parse_for(None),
            T::Try => self.parse_try(),
            T::With => self.parse_with(None),
            T::Async => {
                let start = self.bump().range.start;
                match self.kind() {
                    T::Def => self.parse_def(Some(start), Vec::new()),
                    T::For => self.parse_for(Some(start)),
                    _ => self.parse_with(Some(start)),
                }
            }
            _ => {
                self.invalid_syntax();
                stmt(StmtKind::Invalid, self.range())
            }
        };
        self.leave();
        s
    }

    /// `:` then a block; `what` names the statement for the indentation message.
    fn parse_colon_block(&mut self, what: &str, line_of: u32, colon_forced: bool) -> Vec<Stmt> {
        if !self.at(T::Colon) {
            if colon_forced || self.at(T::Newline) {
                let r = if self.at(T::Newline) {
                    TextRange::empty(self.start())
                } else {
                    self.range()
                };
                self.error("expected ':'", r);
            } else {
                self.invalid_syntax();
            }
            return Vec::new();
        }
        self.bump();
        self.parse_block(what, line_of)
    }

    fn line_number(&self, offset: u32) -> usize {
        self.src.as_bytes()[..(offset as usize).min(self.src.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    /// A block after `:`: an indented suite or simple statements on the same line.
    pub fn parse_block(&mut self, what: &str, line_of: u32) -> Vec<Stmt> {
        let mut body = Vec::new();
        if !self.at(T::Newline) {
            if self.line_failed {
                return body;
            }
            self.parse_simple_statements(&mut body);
            return body;
        }
        self.bump();
        if !self.at(T::Indent) {
            let line = self.line_number(line_of);
            let msg = format!("expected an indented block after {what} on line {line}");
            let r = TextRange::empty(self.start());
            self.line_failed = false;
            self.error_typed(SyntaxErrorType::IndentationError, msg, r);
            return body;
        }
        self.bump();
        while !self.at(T::Dedent) && !self.at_eof() {
            if self.too_deep {
                break;
            }
            if self.at(T::Indent) {
                self.line_failed = false;
                self.invalid_syntax();
                self.bump();
                continue;
            }
            self.parse_statement_into(&mut body);
        }
        self.eat(T::Dedent);
        self.line_failed = false;
        body
    }

    fn parse_decorated(&mut self) -> Stmt {
        let mut decorators = Vec::new();
        while self.eat(T::At) {
            decorators.push(self.parse_named_expression());
            if !self.eat(T::Newline) {
                self.invalid_syntax();
                return stmt(StmtKind::Invalid, self.range());
            }
            self.line_failed = false;
        }
        match self.kind() {
            T::Def => self.parse_def(None, decorators),
            T::Class => self.parse_class(decorators),
            T::Async if self.nth(1) == T::Def => {
                let start = self.bump().range.start;
                self.parse_def(Some(start), decorators)
            }
            _ => {
                self.invalid_syntax();
                stmt(StmtKind::Invalid, self.range())
            }
        }
    }

    fn parse_def(&mut self, async_start: Option<u32>, decorator_list: Vec<Expr>) -> Stmt {
        let def = self.bump().range;
        let start = async_start.unwrap_or(def.start);
        let name = match self.ident() {
            Some(n) => n,
            None => {
                self.invalid_syntax();
                return stmt(StmtKind::Invalid, self.range_to_prev(start));
            }
        };
        if !self.at(T::LPar) {
            let r = self.range();
            self.error("expected '('", r);
            return stmt(StmtKind::Invalid, self.range_to_prev(start));
        }
        self.bump();
        self.paren_depth += 1;
        let args = self.parse_parameters(false);
        self.paren_depth -= 1;
        if !self.line_failed {
            self.expect_closing(T::RPar);
        }
        if self.at(T::RArrow) && !self.line_failed {
            let save = self.pos();
            self.bump();
            let ok = self.starts_expr();
            self.rewind(save);
            if !ok {
                let r = self.range();
                self.error("expected ':'", r);
            }
        }
        let returns = if !self.line_failed && self.eat(T::RArrow) {
            Some(self.parse_expression())
        } else {
            None
        };
        let body = if self.line_failed {
            Vec::new()
        } else {
            self.parse_colon_block("function definition", def.start, true)
        };
        let f = FunctionDef {
            is_async: async_start.is_some(),
            name,
            args,
            body,
            decorator_list,
            returns,
        };
        let end = self.last_significant_end();
        stmt(
            StmtKind::FunctionDef(Box::new(f)),
            TextRange::new(start, end),
        )
    }

    fn parse_class(&mut self, decorator_list: Vec<Expr>) -> Stmt {
        let class = self.bump().range;
        let Some(name) = self.ident() else {
            self.invalid_syntax();
            return stmt(StmtKind::Invalid, self.range_to_prev(class.start));
        };
        let (bases, keywords) = if self.at(T::LPar) {
            let open = self.bump().range.start;
            self.parse_arguments(open, false)
        } else {
            (Vec::new(), Vec::new())
        };
        let body = if self.line_failed {
            Vec::new()
        } else {
            self.parse_colon_block("class definition", class.start, false)
        };
        let c = ClassDef {
            name,
            bases,
            keywords,
            body,
            decorator_list,
        };
        let end = self.last_significant_end();
        stmt(
            StmtKind::ClassDef(Box::new(c)),
            TextRange::new(class.start, end),
        )
    }

    fn parse_if(&mut self) -> Stmt {
        let kw = self.bump().range;
        let what = if self.src.get(kw.start as usize..kw.end as usize) == Some("elif") {
            "'elif' statement"
        } else {
            "'if' statement"
        };
        let test = self.parse_named_expression();
        let body = if self.line_failed {
            Vec::new()
        } else {
            self.parse_colon_block(what, kw.start, false)
        };
        let orelse = match self.kind() {
            T::Elif if !self.line_failed => vec![self.parse_if()],
            T::Else if !self.line_failed => self.parse_else(),
            _ => Vec::new(),
        };
        let end = self.last_significant_end();
        stmt(
            StmtKind::If {
                test: Box::new(test),
                body,
                orelse,
            },
            TextRange::new(kw.start, end),
        )
    }

    fn parse_else(&mut self) -> Vec<Stmt> {
        let kw = self.bump().range;
        self.parse_colon_block("'else' statement", kw.start, true)
    }

    fn parse_while(&mut self) -> Stmt {
        let kw = self.bump().range;
        let test = self.parse_named_expression();
        let body = if self.line_failed {
            Vec::new()
        } else {
            self.parse_colon_block("'while' statement", kw.start, false)
        };
        let orelse = if self.at(T::Else) && !self.line_failed {
            self.parse_else()
        } else {
            Vec::new()
        };
        let end = self.last_significant_end();
        stmt(
            StmtKind::While {
                test: Box::new(test),
                body,
                orelse,
            },
            TextRange::new(kw.start, end),
        )
    }

    fn parse_for(&mut self, async_start: Option<u32>) -> Stmt {
        let kw = self.bump().range;
        let start = async_start.unwrap_or(kw.start);
        let target = self.parse_target_list(TargetsKind::For);
        let iter = if self.line_failed {
            invalid(self.range())
        } else if self.eat(T::In) {
            self.parse_star_expressions()
        } else {
            self.invalid_syntax();
            invalid(self.range())
        };
        let body = if self.line_failed {
            Vec::new()
        } else {
            self.parse_colon_block("'for' statement", kw.start, false)
        };
        let orelse = if self.at(T::Else) && !self.line_failed {
            self.parse_else()
        } else {
            Vec::new()
        };
        let end = self.last_significant_end();
        let f = For {
            is_async: async_start.is_some(),
            target,
            iter,
            body,
            orelse,
        };
        stmt(StmtKind::For(Box::new(f)), TextRange::new(start, end))
    }

    fn parse_with_item(&mut self) -> WithItem {
        let context_expr = self.parse_expression();
        let optional_vars = if self.eat(T::As) {
            let e = if self.at(T::Star) {
                self.parse_starred()
            } else {
                self.parse_expression()
            };
            Some(self.make_target(e, TargetsKind::Star))
        } else {
            None
        };
        WithItem {
            context_expr,
            optional_vars,
        }
    }

    /// `with ( items ) :` — tried first, as CPython's PEG does; None if it is not that form.
    fn try_parenthesized_with_items(&mut self) -> Option<Vec<WithItem>> {
        let save = self.pos();
        let errs = self.errors.len();
        let failed = self.line_failed;
        self.bump();
        self.paren_depth += 1;
        let mut items = Vec::new();
        loop {
            items.push(self.parse_with_item());
            if !self.eat(T::Comma) || self.at(T::RPar) {
                break;
            }
        }
        self.paren_depth -= 1;
        if self.errors.len() == errs && self.eat(T::RPar) && self.at(T::Colon) {
            return Some(items);
        }
        self.errors.truncate(errs);
        self.line_failed = failed;
        self.rewind(save);
        None
    }

    fn parse_with(&mut self, async_start: Option<u32>) -> Stmt {
        let kw = self.bump().range;
        let start = async_start.unwrap_or(kw.start);
        let items = match if self.at(T::LPar) {
            self.try_parenthesized_with_items()
        } else {
            None
        } {
            Some(items) => items,
            None => {
                let mut items = Vec::new();
                loop {
                    items.push(self.parse_with_item());
                    if !self.eat(T::Comma) {
                        break;
                    }
                }
                items
            }
        };
        let body = if self.line_failed {
            Vec::new()
        } else {
            self.parse_colon_block("'with' statement", kw.start, false)
        };
        let end = self.last_significant_end();
        stmt(
            StmtKind::With {
                is_async: async_start.is_some(),
                items,
                body,
            },
            TextRange::new(start, end),
        )
    }

    fn parse_try(&mut self) -> Stmt {
        let kw = self.bump().range;
        let body = self.parse_colon_block("'try' statement", kw.start, true);
        let mut handlers = Vec::new();
        let mut is_star = None;
        while self.at(T::Except) && !self.line_failed {
            let ex = self.bump().range;
            let star = self.eat(T::Star);
            match is_star {
                None => is_star = Some(star),
                Some(s) if s != star => {
                    let r = if star {
                        TextRange::new(ex.start, self.prev_end())
                    } else {
                        ex
                    };
                    self.error(
                        "cannot have both 'except' and 'except*' on the same 'try'",
                        r,
                    );
                }
                _ => {}
            }
            let mut type_ = None;
            let mut name = None;
            if !self.at(T::Colon) {
                if star && matches!(self.kind(), T::Newline) {
                    self.error("expected one or more exception types", self.range());
                }
                let e = self.parse_expression();
                if self.at(T::Comma) {
                    let save = self.pos();
                    self.bump();
                    self.parse_expressions();
                    let ok = self.at(T::Colon) || self.at(T::As);
                    self.rewind(save);
                    if ok {
                        let r = TextRange::new(e.range.start, e.range.end);
                        self.error("multiple exception types must be parenthesized", r);
                    }
                }
                type_ = Some(e);
                if self.eat(T::As) {
                    match self.ident() {
                        Some(n) => name = Some(n),
                        None => self.invalid_syntax(),
                    }
                }
            } else if star {
                let r = self.range();
                self.error("expected one or more exception types", r);
            }
            let what = if star {
                "'except*' statement"
            } else {
                "'except' statement"
            };
            let hbody = if self.line_failed {
                Vec::new()
            } else {
                self.parse_colon_block(what, ex.start, false)
            };
            let end = self.last_significant_end();
            handlers.push(ExceptHandler {
                type_,
                name,
                body: hbody,
                range: TextRange::new(ex.start, end),
            });
        }
        let orelse = if !handlers.is_empty() && self.at(T::Else) && !self.line_failed {
            self.parse_else()
        } else {
            Vec::new()
        };
        let finalbody = if self.at(T::Finally) && !self.line_failed {
            let f = self.bump().range;
            self.parse_colon_block("'finally' statement", f.start, true)
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() && !self.line_failed && !self.at(T::Finally)
        {
            let r = self.range();
            self.error("expected 'except' or 'finally' block", r);
        }
        let end = self.last_significant_end();
        let t = Try {
            is_star: is_star.unwrap_or(false),
            body,
            handlers,
            orelse,
            finalbody,
        };
        stmt(StmtKind::Try(Box::new(t)), TextRange::new(kw.start, end))
    }

    /// `match` is a soft keyword: commit to a match statement only when `match subject :`
    /// parses (bounded re-parse of the subject otherwise).
    fn try_parse_match(&mut self) -> Option<Stmt> {
        let save = self.pos();
        let errs = self.errors.len();
        let kw = self.bump().range;
        if !self.starts_expr() {
            self.rewind(save);
            return None;
        }
        let subject = self.parse_subject();
        if self.errors.len() != errs || !(self.at(T::Colon) || self.at(T::Newline)) {
            self.errors.truncate(errs);
            self.line_failed = false;
            self.rewind(save);
            return None;
        }
        if self.at(T::Newline) {
            let r = TextRange::empty(self.start());
            self.error("expected ':'", r);
            return Some(stmt(
                StmtKind::Invalid,
                TextRange::new(kw.start, self.prev_end()),
            ));
        }
        self.bump();
        let mut cases = Vec::new();
        if !self.eat(T::Newline) {
            self.invalid_syntax();
            return Some(stmt(
                StmtKind::Match {
                    subject: Box::new(subject),
                    cases,
                },
                self.range_to_prev(kw.start),
            ));
        }
        if !self.eat(T::Indent) {
            let line = self.line_number(kw.start);
            let msg = format!("expected an indented block after 'match' statement on line {line}");
            let r = TextRange::empty(self.start());
            self.error_typed(SyntaxErrorType::IndentationError, msg, r);
            return Some(stmt(
                StmtKind::Match {
                    subject: Box::new(subject),
                    cases,
                },
                self.range_to_prev(kw.start),
            ));
        }
        while !self.at(T::Dedent) && !self.at_eof() {
            self.line_failed = false;
            let before = self.pos();
            if self.at_soft("case") {
                if let Some(c) = self.parse_case() {
                    cases.push(c);
                } else if !matches!(self.prev_token().map(|t| t.kind), Some(T::Newline)) {
                    self.skip_line();
                }
            } else {
                self.invalid_syntax();
                self.skip_line();
            }
            if self.pos() == before {
                self.bump();
            }
        }
        self.eat(T::Dedent);
        self.line_failed = false;
        let end = self.last_significant_end();
        Some(stmt(
            StmtKind::Match {
                subject: Box::new(subject),
                cases,
            },
            TextRange::new(kw.start, end),
        ))
    }

    /// `subject_expr`: star_named_expression ',' star_named_expressions? | named_expression.
    fn parse_subject(&mut self) -> Expr {
        let start = self.start();
        let first = self.parse_star_named_expression();
        if !self.at(T::Comma) {
            return first;
        }
        let mut elts = vec![first];
        while self.eat(T::Comma) {
            if !self.starts_expr() {
                break;
            }
            elts.push(self.parse_star_named_expression());
        }
        node(
            ExprKind::Tuple {
                elts,
                ctx: ExprContext::Load,
            },
            self.range_to_prev(start),
        )
    }

    fn parse_case(&mut self) -> Option<MatchCase> {
        let kw = self.bump().range;
        let pattern = self.parse_patterns();
        let guard = if self.eat(T::If) {
            Some(self.parse_named_expression())
        } else {
            None
        };
        if self.line_failed {
            return None;
        }
        let body = self.parse_colon_block("'case' statement", kw.start, false);
        Some(MatchCase {
            pattern,
            guard,
            body,
        })
    }
}
