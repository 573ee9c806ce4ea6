//! The SyntaxErrors CPython 3.11's compiler (`compile.c`) raises after the symbol table is
//! built: misplaced `return`/`break`/`continue`/`yield`/`await`/`async`, block nesting depth,
//! `except:` order, starred targets, repeated keywords, `__debug__` assignments, late
//! `__future__` imports, and (in `patterns.rs`) match-pattern checks.
//!
//! The walk follows the compiler's code-generation order (e.g. an assignment's value before
//! its targets, a class body before its bases, a comprehension's body before its first
//! iterable) and tracks the compiler's "current location", so the first error collected is
//! the one CPython raises and every error sits where CPython puts it.

use super::builder::MAX_DEPTH;
use super::scope::{ScopeId, SymbolTable};
use crate::syntax::ast::*;
use crate::syntax::error::SyntaxError;
use crate::syntax::text::{LineIndex, TextRange};

/// CPython's `CO_MAXBLOCKS`.
const MAX_BLOCKS: usize = 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FBlock {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    AsyncWith,
    HandlerCleanup,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

/// CPython's `compiler_scope_type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

struct Unit {
    scope: Option<ScopeId>,
    kind: UnitKind,
    fblocks: Vec<FBlock>,
}

pub(crate) struct Checker<'a> {
    table: &'a SymbolTable,
    lines: &'a LineIndex,
    pub errors: Vec<SyntaxError>,
    unit: Unit,
    /// The compiler's current location (`u_lineno`…): set by statements, expressions and
    /// patterns; errors are reported here.
    pub(super) loc: TextRange,
    /// Line (0-based) of the last leading `from __future__` import (`ff_lineno`).
    future_line: Option<usize>,
    depth: u32,
}

impl<'a> Checker<'a> {
    pub(crate) fn new(
        table: &'a SymbolTable,
        lines: &'a LineIndex,
        future_line: Option<usize>,
    ) -> Self {
        Checker {
            table,
            lines,
            errors: Vec::new(),
            unit: Unit {
                scope: Some(ScopeId::MODULE),
                kind: UnitKind::Module,
                fblocks: Vec::new(),
            },
            loc: TextRange::default(),
            future_line,
            depth: 0,
        }
    }

    pub(super) fn error(&mut self, message: impl Into<String>) {
        self.errors.push(SyntaxError::new(message, self.loc));
    }

    fn error_at(&mut self, message: impl Into<String>, range: TextRange) {
        self.errors.push(SyntaxError::new(message, range));
    }

    fn is_function_block(&self) -> bool {
        self.unit
            .scope
            .is_some_and(|id| self.table.scope(id).kind.is_function_like())
    }

    fn scope_flags(&self) -> (bool, bool) {
        self.unit.scope.map_or((false, false), |id| {
            let s = self.table.scope(id);
            (s.is_coroutine, s.is_generator)
        })
    }

    /// Runs `f` inside the code unit of the scope opened by the node at `range`.
    fn in_unit(&mut self, range: TextRange, kind: UnitKind, f: impl FnOnce(&mut Self)) {
        let scope = self.table.scope_of_node(range);
        let saved = std::mem::replace(
            &mut self.unit,
            Unit {
                scope,
                kind,
                fblocks: Vec::new(),
            },
        );
        f(self);
        self.unit = saved;
    }

    fn push_fblock(&mut self, block: FBlock) {
        if self.unit.fblocks.len() == MAX_BLOCKS {
            self.error("too many statically nested blocks");
        }
        self.unit.fblocks.push(block);
    }

    fn pop_fblock(&mut self) {
        self.unit.fblocks.pop();
    }

    pub(super) fn forbidden_store(&mut self, name: &str) -> bool {
        if name == "__debug__" {
            self.error("cannot assign to __debug__");
            return true;
        }
        false
    }

    fn line(&self, offset: u32) -> usize {
        self.lines.line_of(offset)
    }

    // ---- statements -----------------------------------------------------------------

    pub(crate) fn visit_module(&mut self, body: &[Stmt]) {
        self.visit_body(body);
    }

    fn visit_body(&mut self, body: &[Stmt]) {
        for stmt in body {
            self.visit_stmt(stmt);
        }
    }

    fn visit_stmt(&mut self, s: &Stmt) {
        self.depth += 1;
        if self.depth <= MAX_DEPTH {
            self.loc = s.range;
            self.visit_stmt_inner(s);
        }
        self.depth -= 1;
    }

    fn visit_stmt_inner(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(f) => self.visit_function(s, f),
            StmtKind::ClassDef(c) => {
                self.visit_exprs(&c.decorator_list);
                self.in_unit(s.range, UnitKind::Class, |me| me.visit_body(&c.body));
                self.loc = s.range;
                self.visit_call_args(&c.bases, &c.keywords);
                self.loc = s.range;
                self.forbidden_store(&c.name.id);
            }
            StmtKind::Return(value) => self.visit_return(s, value.as_deref()),
            StmtKind::Delete(targets) => self.visit_exprs(targets),
            StmtKind::Assign { targets, value } => {
                self.visit_expr(value);
                self.visit_exprs(targets);
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.loc = target.range;
                match &target.kind {
                    ExprKind::Attribute { value, .. } => self.visit_expr(value),
                    ExprKind::Subscript { value, slice, .. } => {
                        self.visit_expr(value);
                        self.visit_expr(slice);
                    }
                    _ => {}
                }
                self.loc = s.range;
                self.visit_expr(value);
                self.loc = target.range;
                if let ExprKind::Name { id, .. } = &target.kind {
                    self.forbidden_store(id);
                }
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => self.visit_ann_assign(target, annotation, value.as_deref(), *simple),
            StmtKind::For(f) => {
                if f.is_async && self.unit.kind != UnitKind::AsyncFunction {
                    self.error("'async for' outside async function");
                }
                self.push_fblock(FBlock::ForLoop);
                self.visit_expr(&f.iter);
                self.visit_expr(&f.target);
                self.visit_body(&f.body);
                self.pop_fblock();
                self.visit_body(&f.orelse);
            }
            StmtKind::While { test, body, orelse } => {
                self.push_fblock(FBlock::WhileLoop);
                self.visit_expr(test);
                self.visit_body(body);
                self.pop_fblock();
                self.visit_body(orelse);
            }
            StmtKind::If { test, body, orelse } => {
                self.visit_expr(test);
                self.visit_body(body);
                self.visit_body(orelse);
            }
            StmtKind::With {
                is_async,
                items,
                body,
            } => self.visit_with(s, *is_async, items, body, 0),
            StmtKind::Match { subject, cases } => self.visit_match(subject, cases),
            StmtKind::Raise { exc, cause } => {
                if let Some(exc) = exc {
                    self.visit_expr(exc);
                    if let Some(cause) = cause {
                        self.visit_expr(cause);
                    }
                }
            }
            StmtKind::Try(t) => self.visit_try(t),
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test);
                if let Some(msg) = msg {
                    self.visit_expr(msg);
                }
            }
            StmtKind::Import(names) => {
                for alias in names {
                    let stored = alias.asname.as_ref().unwrap_or(&alias.name);
                    let first = stored.id.split('.').next().unwrap_or_default();
                    self.loc = s.range;
                    self.forbidden_store(first);
                }
            }
            StmtKind::ImportFrom { module, names, .. } => {
                let is_future = module.as_ref().is_some_and(|m| m.id == "__future__");
                if is_future
                    && self
                        .future_line
                        .is_none_or(|line| self.line(s.range.start) > line)
                {
                    self.error("from __future__ imports must occur at the beginning of the file");
                }
                for alias in names {
                    if alias.name.id == "*" {
                        continue;
                    }
                    let stored = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.loc = s.range;
                    self.forbidden_store(&stored.id);
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass | StmtKind::Invalid => {}
            StmtKind::Expr(value) => {
                if !matches!(value.kind, ExprKind::Constant { .. }) {
                    self.visit_expr(value);
                }
            }
            StmtKind::Break => self.visit_break_continue(true),
            StmtKind::Continue => self.visit_break_continue(false),
        }
    }

    fn check_debug_args(&mut self, args: &Arguments) {
        let all = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg);
        for arg in all {
            if self.forbidden_store(&arg.arg.id) {
                return;
            }
        }
    }

    fn visit_defaults(&mut self, args: &Arguments) {
        self.visit_exprs(&args.defaults);
        for d in args.kw_defaults.iter().flatten() {
            self.visit_expr(d);
        }
    }

    fn visit_function(&mut self, s: &Stmt, f: &FunctionDef) {
        self.check_debug_args(&f.args);
        self.visit_exprs(&f.decorator_list);
        self.visit_defaults(&f.args);
        if !self.table.future_annotations {
            // compiler_visit_annotations: args, posonlyargs, *args, kwonlyargs, **kwargs,
            // return.
            let a = &f.args;
            for arg in a.args.iter().chain(&a.posonlyargs) {
                self.visit_arg_annotation(arg);
            }
            if let Some(arg) = &a.vararg {
                self.visit_arg_annotation(arg);
            }
            for arg in &a.kwonlyargs {
                self.visit_arg_annotation(arg);
            }
            if let Some(arg) = &a.kwarg {
                self.visit_arg_annotation(arg);
            }
            if let Some(returns) = &f.returns {
                self.visit_expr(returns);
            }
        }
        let kind = if f.is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        self.in_unit(s.range, kind, |me| me.visit_body(&f.body));
        self.loc = s.range;
        self.forbidden_store(&f.name.id);
    }

    fn visit_arg_annotation(&mut self, arg: &Arg) {
        if let Some(annotation) = &arg.annotation {
            // `*args: *Ts` unpacks rather than evaluating a starred expression.
            match &annotation.kind {
                ExprKind::Starred { value, .. } => self.visit_expr(value),
                _ => self.visit_expr(annotation),
            }
        }
    }

    fn visit_ann_assign(
        &mut self,
        target: &Expr,
        annotation: &Expr,
        value: Option<&Expr>,
        simple: bool,
    ) {
        if let Some(value) = value {
            self.visit_expr(value);
            self.visit_expr(target);
        }
        let evaluates = !self.table.future_annotations
            && matches!(self.unit.kind, UnitKind::Module | UnitKind::Class);
        match &target.kind {
            ExprKind::Name { id, .. } => {
                if self.forbidden_store(id) {
                    return;
                }
                if simple && evaluates {
                    self.visit_expr(annotation);
                }
            }
            ExprKind::Attribute {
                value: object,
                attr,
                ..
            } => {
                if self.forbidden_store(&attr.id) {
                    return;
                }
                if value.is_none() {
                    self.visit_expr(object);
                }
            }
            ExprKind::Subscript {
                value: object,
                slice,
                ..
            } if value.is_none() => {
                self.visit_expr(object);
                self.visit_ann_subscript(slice);
            }
            _ => {}
        }
        if !simple && evaluates {
            self.visit_expr(annotation);
        }
    }

    fn visit_ann_subscript(&mut self, slice: &Expr) {
        match &slice.kind {
            ExprKind::Tuple { elts, .. } => {
                for e in elts {
                    self.visit_ann_subscript(e);
                }
            }
            _ => self.visit_expr(slice),
        }
    }

    fn visit_return(&mut self, s: &Stmt, value: Option<&Expr>) {
        if !self.is_function_block() {
            self.error("'return' outside function");
            return;
        }
        let (coroutine, generator) = self.scope_flags();
        if value.is_some() && coroutine && generator {
            self.error("'return' with value in async generator");
            return;
        }
        match value {
            Some(v) if !matches!(v.kind, ExprKind::Constant { .. }) => self.visit_expr(v),
            Some(v) => self.loc = v.range,
            None => {}
        }
        if value.is_none_or(|v| self.line(v.range.start) != self.line(s.range.start)) {
            self.loc = s.range;
        }
        if self.unit.fblocks.contains(&FBlock::ExceptionGroupHandler) {
            self.error("'break', 'continue' and 'return' cannot appear in an except* block");
        }
    }

    fn visit_break_continue(&mut self, is_break: bool) {
        // compiler_unwind_fblock_stack: walk down to the nearest loop.
        for block in self.unit.fblocks.iter().rev() {
            match block {
                FBlock::ExceptionGroupHandler => {
                    self.error(
                        "'break', 'continue' and 'return' cannot appear in an except* block",
                    );
                    return;
                }
                FBlock::WhileLoop | FBlock::ForLoop => return,
                _ => {}
            }
        }
        if is_break {
            self.error("'break' outside loop");
        } else {
            self.error("'continue' not properly in loop");
        }
    }

    fn visit_with(
        &mut self,
        s: &Stmt,
        is_async: bool,
        items: &[WithItem],
        body: &[Stmt],
        pos: usize,
    ) {
        if is_async && self.unit.kind != UnitKind::AsyncFunction {
            self.error("'async with' outside async function");
            return;
        }
        let Some(item) = items.get(pos) else {
            self.visit_body(body);
            return;
        };
        self.visit_expr(&item.context_expr);
        self.push_fblock(if is_async {
            FBlock::AsyncWith
        } else {
            FBlock::With
        });
        if let Some(vars) = &item.optional_vars {
            self.visit_expr(vars);
        }
        if pos + 1 >= items.len() {
            self.visit_body(body);
        } else {
            self.loc = s.range;
            self.visit_with(s, is_async, items, body, pos + 1);
        }
        self.pop_fblock();
    }

    fn visit_try(&mut self, t: &Try) {
        let has_finally = !t.finalbody.is_empty();
        if has_finally {
            self.push_fblock(FBlock::FinallyTry);
        }
        if !t.handlers.is_empty() {
            if t.is_star {
                self.visit_try_star_except(t);
            } else {
                self.visit_try_except(t);
            }
        } else {
            self.visit_body(&t.body);
        }
        if has_finally {
            self.pop_fblock();
            // The finally body is compiled for the normal exit, then for the exceptional
            // one inside a FINALLY_END block; only the deeper copy can add an error.
            self.push_fblock(FBlock::FinallyEnd);
            self.visit_body(&t.finalbody);
            self.pop_fblock();
        }
    }

    fn visit_handler_head(&mut self, h: &ExceptHandler) {
        self.loc = h.range;
        if let Some(ty) = &h.type_ {
            self.visit_expr(ty);
        }
        if let Some(name) = &h.name {
            self.forbidden_store(&name.id);
        }
    }

    fn visit_try_except(&mut self, t: &Try) {
        self.push_fblock(FBlock::TryExcept);
        self.visit_body(&t.body);
        self.pop_fblock();
        self.visit_body(&t.orelse);
        self.push_fblock(FBlock::ExceptionHandler);
        let n = t.handlers.len();
        for (i, h) in t.handlers.iter().enumerate() {
            self.loc = h.range;
            if h.type_.is_none() && i + 1 < n {
                self.error("default 'except:' must be last");
            }
            self.visit_handler_head(h);
            self.push_fblock(FBlock::HandlerCleanup);
            self.visit_body(&h.body);
            self.pop_fblock();
        }
        self.pop_fblock();
    }

    fn visit_try_star_except(&mut self, t: &Try) {
        self.push_fblock(FBlock::TryExcept);
        self.visit_body(&t.body);
        self.pop_fblock();
        self.push_fblock(FBlock::ExceptionGroupHandler);
        for h in &t.handlers {
            self.visit_handler_head(h);
            self.push_fblock(FBlock::HandlerCleanup);
            self.visit_body(&h.body);
            self.pop_fblock();
        }
        self.pop_fblock();
        self.visit_body(&t.orelse);
    }

    fn visit_match(&mut self, subject: &Expr, cases: &[MatchCase]) {
        self.visit_expr(subject);
        let Some(last) = cases.last() else {
            return;
        };
        let has_default = is_wildcard(&last.pattern) && cases.len() > 1;
        let checked = cases.len() - usize::from(has_default);
        for (i, case) in cases[..checked].iter().enumerate() {
            self.loc = case.pattern.range;
            let allow_irrefutable = case.guard.is_some() || i + 1 == cases.len();
            let mut stores = Vec::new();
            self.visit_pattern(&case.pattern, allow_irrefutable, &mut stores);
            if let Some(guard) = &case.guard {
                self.visit_expr(guard);
            }
            self.visit_body(&case.body);
        }
        if has_default {
            self.loc = last.pattern.range;
            if let Some(guard) = &last.guard {
                self.visit_expr(guard);
            }
            self.visit_body(&last.body);
        }
    }

    // ---- expressions ----------------------------------------------------------------

    fn visit_exprs(&mut self, exprs: &[Expr]) {
        for e in exprs {
            self.visit_expr(e);
        }
    }

    pub(super) fn visit_expr(&mut self, e: &Expr) {
        self.depth += 1;
        if self.depth <= MAX_DEPTH {
            let saved = self.loc;
            self.loc = e.range;
            self.visit_expr_inner(e);
            self.loc = saved;
        }
        self.depth -= 1;
    }

    /// Elements of a list/tuple/set display or call arguments, where `*x` is allowed.
    fn visit_starred_ok(&mut self, elts: &[Expr]) {
        for e in elts {
            match &e.kind {
                ExprKind::Starred { value, .. } => self.visit_expr(value),
                _ => self.visit_expr(e),
            }
        }
    }

    fn visit_call_args(&mut self, args: &[Expr], keywords: &[Keyword]) {
        // validate_keywords
        for (i, k) in keywords.iter().enumerate() {
            let Some(arg) = &k.arg else { continue };
            if self.forbidden_store(&arg.id) {
                break;
            }
            if let Some(other) = keywords[i + 1..]
                .iter()
                .find(|o| o.arg.as_ref().is_some_and(|a| a.id == arg.id))
            {
                self.error_at(
                    format!("keyword argument repeated: {}", arg.id),
                    other.range,
                );
                break;
            }
        }
        self.visit_starred_ok(args);
        for k in keywords {
            self.visit_expr(&k.value);
        }
    }

    fn visit_expr_inner(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value);
                self.visit_expr(target);
            }
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values),
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left);
                self.visit_expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand),
            ExprKind::Lambda { args, body } => {
                self.check_debug_args(args);
                self.visit_defaults(args);
                self.in_unit(e.range, UnitKind::Lambda, |me| me.visit_expr(body));
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test);
                self.visit_expr(body);
                self.visit_expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for (k, v) in keys.iter().zip(values) {
                    if let Some(k) = k {
                        self.visit_expr(k);
                    }
                    self.visit_expr(v);
                }
            }
            ExprKind::Set(elts) => self.visit_starred_ok(elts),
            ExprKind::ListComp { elt, generators } => {
                self.visit_comprehension(e, generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comprehension(e, generators, elt, None)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(e, generators, elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comprehension(e, generators, key, Some(value)),
            ExprKind::Yield(value) => {
                if !self.is_function_block() {
                    self.error("'yield' outside function");
                    return;
                }
                if let Some(v) = value {
                    self.visit_expr(v);
                }
            }
            ExprKind::YieldFrom(value) => {
                if !self.is_function_block() {
                    self.error("'yield' outside function");
                    return;
                }
                if self.unit.kind == UnitKind::AsyncFunction {
                    self.error("'yield from' inside async function");
                    return;
                }
                self.visit_expr(value);
            }
            ExprKind::Await(value) => {
                if !self.is_function_block() {
                    self.error("'await' outside function");
                    return;
                }
                if !matches!(
                    self.unit.kind,
                    UnitKind::AsyncFunction | UnitKind::Comprehension
                ) {
                    self.error("'await' outside async function");
                    return;
                }
                self.visit_expr(value);
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.visit_expr(left);
                self.visit_exprs(comparators);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.visit_expr(func);
                self.visit_call_args(args, keywords);
            }
            ExprKind::FormattedValue {
                value, format_spec, ..
            } => {
                self.visit_expr(value);
                if let Some(spec) = format_spec {
                    self.visit_expr(spec);
                }
            }
            ExprKind::JoinedStr(values) => self.visit_exprs(values),
            ExprKind::Constant { .. } | ExprKind::Invalid => {}
            ExprKind::Attribute { value, attr, ctx } => {
                self.visit_expr(value);
                if *ctx == ExprContext::Store {
                    self.forbidden_store(&attr.id);
                }
            }
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value);
                self.visit_expr(slice);
            }
            ExprKind::Starred { ctx, .. } => {
                if *ctx == ExprContext::Store {
                    self.error("starred assignment target must be in a list or tuple");
                } else {
                    self.error("can't use starred expression here");
                }
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(part);
                }
            }
            ExprKind::Name { id, ctx } => match ctx {
                ExprContext::Store => {
                    self.forbidden_store(id);
                }
                ExprContext::Del if id == "__debug__" => self.error("cannot delete __debug__"),
                _ => {}
            },
            ExprKind::List { elts, ctx } | ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Store => self.visit_unpack_target(elts),
                ExprContext::Load => self.visit_starred_ok(elts),
                ExprContext::Del => self.visit_exprs(elts),
            },
        }
    }

    /// CPython's `assignment_helper`.
    fn visit_unpack_target(&mut self, elts: &[Expr]) {
        let mut seen_star = false;
        for (i, e) in elts.iter().enumerate() {
            if !matches!(e.kind, ExprKind::Starred { .. }) {
                continue;
            }
            if seen_star {
                self.error("multiple starred expressions in assignment");
                return;
            }
            if i >= 1 << 8 || elts.len() - i > (i32::MAX >> 8) as usize {
                self.error("too many expressions in star-unpacking assignment");
                return;
            }
            seen_star = true;
        }
        self.visit_starred_ok(elts);
    }

    fn visit_comprehension(
        &mut self,
        e: &Expr,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) {
        let Some(outermost) = generators.first() else {
            return;
        };
        let outer_kind = self.unit.kind;
        let is_genexp = matches!(e.kind, ExprKind::GeneratorExp { .. });
        self.in_unit(e.range, UnitKind::Comprehension, |me| {
            me.loc = e.range;
            let is_async = me.scope_flags().0;
            if is_async
                && !is_genexp
                && !matches!(
                    outer_kind,
                    UnitKind::AsyncFunction | UnitKind::Comprehension
                )
            {
                me.error("asynchronous comprehension outside of an asynchronous function");
                return;
            }
            me.visit_generators(generators, 0, elt, value);
        });
        self.visit_expr(&outermost.iter);
    }

    fn visit_generators(
        &mut self,
        generators: &[Comprehension],
        index: usize,
        elt: &Expr,
        value: Option<&Expr>,
    ) {
        let Some(g) = generators.get(index) else {
            self.visit_expr(elt);
            if let Some(value) = value {
                self.visit_expr(value);
            }
            return;
        };
        if index > 0 {
            self.visit_expr(&g.iter);
        }
        if g.is_async {
            self.push_fblock(FBlock::AsyncComprehensionGenerator);
        }
        self.visit_expr(&g.target);
        self.visit_exprs(&g.ifs);
        self.visit_generators(generators, index + 1, elt, value);
        if g.is_async {
            self.pop_fblock();
        }
    }
}

/// `case _:` — CPython's `WILDCARD_CHECK`.
pub(super) fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        &p.kind,
        PatternKind::MatchAs {
            pattern: None,
            name: None
        }
    )
}
