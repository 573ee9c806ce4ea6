//! Statements (CPython 3.11's `compiler_visit_stmt` and friends): assignments, loops,
//! conditionals, imports, `assert`, `raise`, `return`, `break`/`continue`, annotations.
//! Functions, classes, `try` and `with`, and `match` have their own modules.

use super::codegen::{CResult, Compiler, Ctx};
use super::error::CompileError;
use super::fold;
use super::ir::Op;
use super::unit::{FBlockKind, UnitKind};
use crate::bytecode::{Constant, Opcode};
use crate::syntax::ast::{Alias, BoolOp, CmpOp, Expr, ExprKind, Stmt, StmtKind, UnaryOp};
use crate::syntax::text::TextRange;
use std::rc::Rc;

impl Compiler<'_> {
    pub fn visit_stmt(&mut self, s: &Stmt) -> CResult {
        self.enter_nested(s.range)?;
        self.set_loc(s.range);
        let result = self.visit_stmt_inner(s);
        self.leave_nested();
        result
    }

    fn visit_stmt_inner(&mut self, s: &Stmt) -> CResult {
        match &s.kind {
            StmtKind::FunctionDef(f) => self.compile_function(s, f),
            StmtKind::ClassDef(c) => self.compile_class(s, c),
            StmtKind::Return(value) => self.compile_return(s, value.as_deref()),
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::Assign { targets, value } => {
                self.visit_expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Opcode::Copy, 1);
                    }
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => {
                self.compile_augassign(s, target, *op, value)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.compile_annassign(target, annotation, value.as_deref(), *simple),
            StmtKind::For(f) => {
                if f.is_async {
                    self.compile_async_for(s, f)
                } else {
                    self.compile_for(f)
                }
            }
            StmtKind::While { test, body, orelse } => self.compile_while(s, test, body, orelse),
            StmtKind::If { .. } => self.compile_if(s),
            StmtKind::With {
                is_async,
                items,
                body,
            } => {
                if *is_async {
                    self.compile_async_with(s, items, 0, body)
                } else {
                    self.compile_with(s, items, 0, body)
                }
            }
            StmtKind::Match { subject, cases } => self.compile_match(subject, cases),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(exc) = exc {
                    self.visit_expr(exc)?;
                    n += 1;
                    if let Some(cause) = cause {
                        self.visit_expr(cause)?;
                        n += 1;
                    }
                }
                self.emit(Opcode::RaiseVarargs, n);
                Ok(())
            }
            StmtKind::Try(t) => self.compile_try(s, t),
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, end, true)?;
                self.op(Opcode::LoadAssertionError);
                if let Some(msg) = msg {
                    self.visit_expr(msg)?;
                    self.emit(Opcode::Call, 0);
                }
                self.emit(Opcode::RaiseVarargs, 1);
                self.bind(end);
                Ok(())
            }
            StmtKind::Import(names) => {
                self.compile_import(names);
                Ok(())
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                self.load_const(Constant::Int(i64::from(*level)));
                let fromlist: Vec<Constant> = names
                    .iter()
                    .map(|a| Constant::Str(Rc::from(a.name.id.as_str())))
                    .collect();
                self.load_const(Constant::Tuple(fromlist.into()));
                let module = module.as_ref().map_or("", |m| m.id.as_str());
                self.emit_name(Opcode::ImportName, module);
                for (i, alias) in names.iter().enumerate() {
                    if i == 0 && alias.name.id.starts_with('*') {
                        self.op(Opcode::ImportStar);
                        return Ok(());
                    }
                    self.emit_name(Opcode::ImportFrom, &alias.name.id);
                    let store = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.nameop(&store.id, Ctx::Store);
                }
                self.op(Opcode::PopTop);
                Ok(())
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Expr(value) => self.compile_stmt_expr(value),
            StmtKind::Pass => {
                self.op(Opcode::Nop);
                Ok(())
            }
            StmtKind::Break => {
                self.op(Opcode::Nop);
                let here = s.range;
                let Some(lp) = self.unwind_fblock_stack(false, true)? else {
                    return Err(CompileError::syntax("'break' outside loop", here));
                };
                self.unwind_fblock(&lp, false)?;
                if let Some(exit) = lp.exit {
                    self.jump(Opcode::Jump, exit);
                }
                Ok(())
            }
            StmtKind::Continue => {
                self.op(Opcode::Nop);
                let here = s.range;
                let Some(lp) = self.unwind_fblock_stack(false, true)? else {
                    return Err(CompileError::syntax(
                        "'continue' not properly in loop",
                        here,
                    ));
                };
                self.jump(Opcode::Jump, lp.block);
                Ok(())
            }
            StmtKind::Invalid => Err(CompileError::syntax("invalid syntax", s.range)),
        }
    }

    /// `if`/`elif`/`else`. An `elif` chain is an `If` nested in `orelse`; it is walked in a
    /// loop (same code as CPython's recursion) so that long chains cannot exhaust the stack.
    fn compile_if(&mut self, s: &Stmt) -> CResult {
        let mut ends = Vec::new();
        let mut cur = s;
        while let StmtKind::If { test, body, orelse } = &cur.kind {
            self.set_loc(cur.range);
            let end = self.new_label();
            ends.push(end);
            let next = if orelse.is_empty() {
                end
            } else {
                self.new_label()
            };
            self.jump_if(test, next, false)?;
            self.visit_stmts(body)?;
            if orelse.is_empty() {
                break;
            }
            self.jump_noloc(Opcode::Jump, end);
            self.bind(next);
            match orelse.as_slice() {
                [elif @ Stmt {
                    kind: StmtKind::If { .. },
                    ..
                }] => cur = elif,
                _ => {
                    self.visit_stmts(orelse)?;
                    break;
                }
            }
        }
        for end in ends.into_iter().rev() {
            self.bind(end);
        }
        Ok(())
    }

    fn compile_stmt_expr(&mut self, value: &Expr) -> CResult {
        if self.interactive && self.outer.is_empty() {
            self.visit_expr(value)?;
            self.op(Opcode::PrintExpr);
            return Ok(());
        }
        if fold::const_value(value).is_some() {
            // A constant statement (a docstring-like string, `...`) compiles to nothing.
            self.op(Opcode::Nop);
            return Ok(());
        }
        self.visit_expr(value)?;
        self.op_noloc(Opcode::PopTop, 0);
        Ok(())
    }

    fn compile_return(&mut self, s: &Stmt, value: Option<&Expr>) -> CResult {
        let scope = self.table.scope(self.unit.scope);
        if !scope.kind.is_function_like() {
            return Err(CompileError::syntax("'return' outside function", s.range));
        }
        if value.is_some() && scope.is_coroutine && scope.is_generator {
            return Err(CompileError::syntax(
                "'return' with value in async generator",
                s.range,
            ));
        }
        let folded = value.and_then(fold::const_value);
        let preserve_tos = value.is_some() && folded.is_none();
        if preserve_tos {
            if let Some(v) = value {
                self.visit_expr(v)?;
            }
        } else if let Some(v) = value {
            self.set_loc(v.range);
            self.op(Opcode::Nop);
        }
        let same_line =
            value.is_some_and(|v| self.line_of(v.range.start) == self.line_of(s.range.start));
        if !same_line {
            self.set_loc(s.range);
            self.op(Opcode::Nop);
        }
        self.unwind_fblock_stack(preserve_tos, false)?;
        match folded {
            Some(c) => self.load_const(c),
            None if value.is_none() => self.load_none(),
            None => {}
        }
        self.op(Opcode::ReturnValue);
        Ok(())
    }

    fn compile_augassign(
        &mut self,
        s: &Stmt,
        target: &Expr,
        op: crate::syntax::ast::Operator,
        value: &Expr,
    ) -> CResult {
        self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute {
                value: obj, attr, ..
            } => {
                self.visit_expr(obj)?;
                self.emit(Opcode::Copy, 1);
                self.emit_name(Opcode::LoadAttr, &attr.id);
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } => {
                self.visit_expr(obj)?;
                self.visit_expr(slice)?;
                self.emit(Opcode::Copy, 2);
                self.emit(Opcode::Copy, 2);
                self.op(Opcode::BinarySubscr);
            }
            ExprKind::Name { id, .. } => self.nameop(id, Ctx::Load),
            _ => {
                return Err(CompileError::syntax(
                    "illegal expression for augmented assignment",
                    target.range,
                ))
            }
        }
        self.set_loc(s.range);
        self.visit_expr(value)?;
        self.emit(Opcode::BinaryOp, fold::binop_arg(op) + 13);
        self.set_loc(target.range);
        match &target.kind {
            ExprKind::Attribute { attr, .. } => {
                self.emit(Opcode::Swap, 2);
                self.emit_name(Opcode::StoreAttr, &attr.id);
            }
            ExprKind::Subscript { .. } => {
                self.emit(Opcode::Swap, 3);
                self.emit(Opcode::Swap, 2);
                self.op(Opcode::StoreSubscr);
            }
            ExprKind::Name { id, .. } => self.nameop(id, Ctx::Store),
            _ => {}
        }
        Ok(())
    }

    fn compile_annassign(
        &mut self,
        target: &Expr,
        annotation: &Expr,
        value: Option<&Expr>,
        simple: bool,
    ) -> CResult {
        if let Some(v) = value {
            self.visit_expr(v)?;
            self.visit_expr(target)?;
        }
        let module_or_class = matches!(self.unit.kind, UnitKind::Module | UnitKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } if simple && module_or_class => {
                self.visit_annotation(annotation)?;
                self.emit_name(Opcode::LoadName, "__annotations__");
                let mangled = self.mangle(id);
                self.load_str(&mangled);
                self.op(Opcode::StoreSubscr);
            }
            ExprKind::Attribute { value: obj, .. } if value.is_none() => {
                self.check_ann_expr(obj)?;
            }
            ExprKind::Subscript {
                value: obj, slice, ..
            } if value.is_none() => {
                self.check_ann_expr(obj)?;
                self.check_ann_subscr(slice)?;
            }
            _ => {}
        }
        if !simple && module_or_class && !self.table.future_annotations {
            self.check_ann_expr(annotation)?;
        }
        Ok(())
    }

    fn check_ann_expr(&mut self, e: &Expr) -> CResult {
        self.visit_expr(e)?;
        self.op(Opcode::PopTop);
        Ok(())
    }

    fn check_ann_subscr(&mut self, e: &Expr) -> CResult {
        match &e.kind {
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.check_ann_expr(part)?;
                }
                Ok(())
            }
            ExprKind::Tuple { elts, .. } => {
                for elt in elts {
                    self.check_ann_subscr(elt)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(e),
        }
    }

    /// An annotation's value: the expression, or its source text under
    /// `from __future__ import annotations`.
    pub fn visit_annotation(&mut self, e: &Expr) -> CResult {
        if self.table.future_annotations {
            let text = super::unparse::unparse(e, self.source);
            self.load_str(&text);
            Ok(())
        } else {
            self.visit_expr(e)
        }
    }

    fn compile_import(&mut self, names: &[Alias]) {
        for alias in names {
            self.load_const(Constant::Int(0));
            self.load_none();
            self.emit_name(Opcode::ImportName, &alias.name.id);
            let name = alias.name.id.as_str();
            match &alias.asname {
                Some(asname) => {
                    if let Some(dot) = name.find('.') {
                        let mut parts = name[dot + 1..].split('.').peekable();
                        while let Some(attr) = parts.next() {
                            let i = self.unit.add_name(attr);
                            self.emit(Opcode::ImportFrom, i);
                            if parts.peek().is_none() {
                                break;
                            }
                            self.emit(Opcode::Swap, 2);
                            self.op(Opcode::PopTop);
                        }
                        self.nameop(&asname.id, Ctx::Store);
                        self.op(Opcode::PopTop);
                    } else {
                        self.nameop(&asname.id, Ctx::Store);
                    }
                }
                None => {
                    let head = name.split('.').next().unwrap_or(name);
                    self.nameop(head, Ctx::Store);
                }
            }
        }
    }

    fn compile_for(&mut self, f: &crate::syntax::ast::For) -> CResult {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.push_fblock(FBlockKind::ForLoop, start, Some(end))?;
        self.visit_iter(&f.iter)?;
        self.op(Opcode::GetIter);
        self.bind(start);
        self.jump(Opcode::ForIter, cleanup);
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        self.jump_noloc(Opcode::Jump, start);
        self.bind(cleanup);
        self.pop_fblock();
        self.visit_stmts(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_async_for(&mut self, s: &Stmt, f: &crate::syntax::ast::For) -> CResult {
        self.mark_top_level_await(s.range)?;
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.visit_expr(&f.iter)?;
        self.op(Opcode::GetAiter);
        self.bind(start);
        self.push_fblock(FBlockKind::ForLoop, start, Some(end))?;
        self.setup(Op::SetupFinally, except);
        self.op(Opcode::GetAnext);
        self.load_none();
        self.add_yield_from(true);
        self.pop_block();
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        self.jump_noloc(Opcode::Jump, start);
        self.pop_fblock();
        self.bind(except);
        self.set_loc(f.iter.range);
        self.op(Opcode::EndAsyncFor);
        self.visit_stmts(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    /// `async` constructs are legal only in coroutines; at the top level of an interactive
    /// or `PyCF_ALLOW_TOP_LEVEL_AWAIT` compile they would mark the module a coroutine,
    /// which Adder does not support.
    pub fn mark_top_level_await(&mut self, _range: TextRange) -> CResult {
        Ok(())
    }

    fn compile_while(&mut self, s: &Stmt, test: &Expr, body: &[Stmt], orelse: &[Stmt]) -> CResult {
        let lp = self.new_label();
        let body_label = self.new_label();
        let end = self.new_label();
        let anchor = self.new_label();
        self.bind(lp);
        self.push_fblock(FBlockKind::WhileLoop, lp, Some(end))?;
        self.jump_if(test, anchor, false)?;
        self.bind(body_label);
        self.visit_stmts(body)?;
        self.set_loc(s.range);
        self.jump_if_backward(test, body_label)?;
        self.pop_fblock();
        self.bind(anchor);
        self.visit_stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    /// The loop-bottom test of `while`: a jump back to the body when true.
    fn jump_if_backward(&mut self, test: &Expr, body: crate::compile::ir::Label) -> CResult {
        self.jump_if(test, body, true)
    }

    /// CPython's `compiler_jump_if`: evaluate `e` and jump to `next` when its truth is `cond`.
    pub fn jump_if(&mut self, e: &Expr, next: crate::compile::ir::Label, cond: bool) -> CResult {
        self.enter_nested(e.range)?;
        let r = self.jump_if_inner(e, next, cond);
        self.leave_nested();
        r
    }

    fn jump_if_inner(&mut self, e: &Expr, next: crate::compile::ir::Label, cond: bool) -> CResult {
        // CPython 3.11 moves the location to a tested comparison (and leaves it there), so
        // its jump and the jumps after it in the same condition carry its line.
        if matches!(e.kind, ExprKind::Compare { .. }) && fold::const_value(e).is_none() {
            self.set_loc(e.range);
        }
        if fold::const_value(e).is_none() {
            match &e.kind {
                // `not (a in b)` is folded into `a not in b` and compiled as a value.
                ExprKind::UnaryOp {
                    op: UnaryOp::Not,
                    operand,
                } if fold::not_compare(UnaryOp::Not, operand).is_none() => {
                    return self.jump_if(operand, next, !cond);
                }
                ExprKind::BoolOp { op, values } if !values.is_empty() => {
                    let cond2 = *op == BoolOp::Or;
                    let next2 = if cond2 != cond {
                        self.new_label()
                    } else {
                        next
                    };
                    let (last, rest) = values
                        .split_last()
                        .ok_or_else(|| CompileError::syntax("empty boolean operation", e.range))?;
                    for v in rest {
                        self.jump_if(v, next2, cond2)?;
                    }
                    self.jump_if(last, next, cond)?;
                    if next2 != next {
                        self.bind(next2);
                    }
                    return Ok(());
                }
                ExprKind::IfExp { test, body, orelse } => {
                    let end = self.new_label();
                    let next2 = self.new_label();
                    self.jump_if(test, next2, false)?;
                    self.jump_if(body, next, cond)?;
                    self.jump_noloc(Opcode::Jump, end);
                    self.bind(next2);
                    self.jump_if(orelse, next, cond)?;
                    self.bind(end);
                    return Ok(());
                }
                ExprKind::Compare {
                    left,
                    ops,
                    comparators,
                } if ops.len() > 1 => {
                    let cleanup = self.new_label();
                    self.visit_expr(left)?;
                    let n = ops.len() - 1;
                    for i in 0..n {
                        self.visit_expr(&comparators[i])?;
                        self.emit(Opcode::Swap, 2);
                        self.emit(Opcode::Copy, 2);
                        self.compare_op(ops[i]);
                        self.jump(Opcode::PopJumpIfFalse, cleanup);
                    }
                    self.visit_expr(&comparators[n])?;
                    self.compare_op(ops[n]);
                    self.jump(
                        if cond {
                            Opcode::PopJumpIfTrue
                        } else {
                            Opcode::PopJumpIfFalse
                        },
                        next,
                    );
                    let end = self.new_label();
                    self.jump_noloc(Opcode::Jump, end);
                    self.bind(cleanup);
                    self.op(Opcode::PopTop);
                    if !cond {
                        self.jump_noloc(Opcode::Jump, next);
                    }
                    self.bind(end);
                    return Ok(());
                }
                _ => {}
            }
        }
        self.visit_expr(e)?;
        self.jump(
            if cond {
                Opcode::PopJumpIfTrue
            } else {
                Opcode::PopJumpIfFalse
            },
            next,
        );
        Ok(())
    }

    pub fn compare_op(&mut self, op: CmpOp) {
        match op {
            CmpOp::Eq => self.emit(Opcode::CompareOp, 2),
            CmpOp::NotEq => self.emit(Opcode::CompareOp, 3),
            CmpOp::Lt => self.emit(Opcode::CompareOp, 0),
            CmpOp::LtE => self.emit(Opcode::CompareOp, 1),
            CmpOp::Gt => self.emit(Opcode::CompareOp, 4),
            CmpOp::GtE => self.emit(Opcode::CompareOp, 5),
            CmpOp::Is => self.emit(Opcode::IsOp, 0),
            CmpOp::IsNot => self.emit(Opcode::IsOp, 1),
            CmpOp::In => self.emit(Opcode::ContainsOp, 0),
            CmpOp::NotIn => self.emit(Opcode::ContainsOp, 1),
        }
    }

    /// Whether the body of a module or class annotates a simple name anywhere (CPython's
    /// `find_ann`), so that it needs `SETUP_ANNOTATIONS`.
    pub fn find_ann(body: &[Stmt]) -> bool {
        body.iter().any(|s| match &s.kind {
            StmtKind::AnnAssign { .. } => true,
            StmtKind::For(f) => Self::find_ann(&f.body) || Self::find_ann(&f.orelse),
            StmtKind::While { body, orelse, .. } | StmtKind::If { body, orelse, .. } => {
                Self::find_ann(body) || Self::find_ann(orelse)
            }
            StmtKind::With { body, .. } => Self::find_ann(body),
            StmtKind::Try(t) => {
                Self::find_ann(&t.body)
                    || Self::find_ann(&t.orelse)
                    || Self::find_ann(&t.finalbody)
                    || t.handlers.iter().any(|h| Self::find_ann(&h.body))
            }
            StmtKind::Match { cases, .. } => cases.iter().any(|c| Self::find_ann(&c.body)),
            _ => false,
        })
    }

    /// Module and class bodies: `SETUP_ANNOTATIONS`, the docstring as `__doc__`, then the
    /// statements (CPython's `compiler_body`).
    pub fn compile_body(&mut self, body: &[Stmt]) -> CResult {
        if self.unit.kind == UnitKind::Module {
            if let Some(first) = body.first() {
                self.set_loc(first.range);
            }
        }
        if Self::find_ann(body) {
            self.op(Opcode::SetupAnnotations);
        }
        let mut rest = body;
        if let (Some(doc), Some(first)) = (Self::docstring_of(body), body.first()) {
            self.set_loc(first.range);
            self.load_str(doc);
            self.unit.loc = None;
            self.nameop("__doc__", Ctx::Store);
            rest = &body[1..];
        }
        self.visit_stmts(rest)
    }
}
