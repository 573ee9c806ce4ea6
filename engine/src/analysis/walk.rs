//! A pre-order walk over the syntax tree, for the editor features that look for nodes.
//!
//! Recursion is bounded by the parser's nesting limit, so the walk cannot overflow the stack.

use crate::syntax::ast::*;

/// Callbacks of the walk. Returning `false` from `stmt`/`expr` skips the node's children.
pub trait Visitor<'a> {
    fn stmt(&mut self, _s: &'a Stmt) -> bool {
        true
    }
    fn leave_stmt(&mut self, _s: &'a Stmt) {}
    fn expr(&mut self, _e: &'a Expr) -> bool {
        true
    }
    fn leave_expr(&mut self, _e: &'a Expr) {}
}

pub fn walk_body<'a>(v: &mut impl Visitor<'a>, body: &'a [Stmt]) {
    for s in body {
        walk_stmt(v, s);
    }
}

pub fn walk_stmt<'a>(v: &mut impl Visitor<'a>, s: &'a Stmt) {
    if !v.stmt(s) {
        return;
    }
    match &s.kind {
        StmtKind::FunctionDef(f) => {
            walk_exprs(v, &f.decorator_list);
            walk_arguments(v, &f.args);
            if let Some(r) = &f.returns {
                walk_expr(v, r);
            }
            walk_body(v, &f.body);
        }
        StmtKind::ClassDef(c) => {
            walk_exprs(v, &c.decorator_list);
            walk_exprs(v, &c.bases);
            for k in &c.keywords {
                walk_expr(v, &k.value);
            }
            walk_body(v, &c.body);
        }
        StmtKind::Return(e) => walk_opt(v, e.as_deref()),
        StmtKind::Delete(es) => walk_exprs(v, es),
        StmtKind::Assign { targets, value } => {
            walk_exprs(v, targets);
            walk_expr(v, value);
        }
        StmtKind::AugAssign { target, value, .. } => {
            walk_expr(v, target);
            walk_expr(v, value);
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            walk_expr(v, target);
            walk_expr(v, annotation);
            walk_opt(v, value.as_deref());
        }
        StmtKind::For(f) => {
            walk_expr(v, &f.target);
            walk_expr(v, &f.iter);
            walk_body(v, &f.body);
            walk_body(v, &f.orelse);
        }
        StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
            walk_expr(v, test);
            walk_body(v, body);
            walk_body(v, orelse);
        }
        StmtKind::With { items, body, .. } => {
            for item in items {
                walk_expr(v, &item.context_expr);
                walk_opt(v, item.optional_vars.as_ref());
            }
            walk_body(v, body);
        }
        StmtKind::Match { subject, cases } => {
            walk_expr(v, subject);
            for case in cases {
                walk_pattern(v, &case.pattern);
                walk_opt(v, case.guard.as_ref());
                walk_body(v, &case.body);
            }
        }
        StmtKind::Raise { exc, cause } => {
            walk_opt(v, exc.as_deref());
            walk_opt(v, cause.as_deref());
        }
        StmtKind::Try(t) => {
            walk_body(v, &t.body);
            for h in &t.handlers {
                walk_opt(v, h.type_.as_ref());
                walk_body(v, &h.body);
            }
            walk_body(v, &t.orelse);
            walk_body(v, &t.finalbody);
        }
        StmtKind::Assert { test, msg } => {
            walk_expr(v, test);
            walk_opt(v, msg.as_deref());
        }
        StmtKind::Expr(e) => walk_expr(v, e),
        StmtKind::Import(_)
        | StmtKind::ImportFrom { .. }
        | StmtKind::Global(_)
        | StmtKind::Nonlocal(_)
        | StmtKind::Pass
        | StmtKind::Break
        | StmtKind::Continue
        | StmtKind::Invalid => {}
    }
    v.leave_stmt(s);
}

fn walk_opt<'a>(v: &mut impl Visitor<'a>, e: Option<&'a Expr>) {
    if let Some(e) = e {
        walk_expr(v, e);
    }
}

fn walk_exprs<'a>(v: &mut impl Visitor<'a>, es: &'a [Expr]) {
    for e in es {
        walk_expr(v, e);
    }
}

fn walk_arguments<'a>(v: &mut impl Visitor<'a>, a: &'a Arguments) {
    let all = a
        .posonlyargs
        .iter()
        .chain(&a.args)
        .chain(&a.vararg)
        .chain(&a.kwonlyargs)
        .chain(&a.kwarg);
    for arg in all {
        walk_opt(v, arg.annotation.as_deref());
    }
    walk_exprs(v, &a.defaults);
    for d in a.kw_defaults.iter().flatten() {
        walk_expr(v, d);
    }
}

fn walk_comprehensions<'a>(v: &mut impl Visitor<'a>, gens: &'a [Comprehension]) {
    for g in gens {
        walk_expr(v, &g.target);
        walk_expr(v, &g.iter);
        walk_exprs(v, &g.ifs);
    }
}

fn walk_pattern<'a>(v: &mut impl Visitor<'a>, p: &'a Pattern) {
    match &p.kind {
        PatternKind::MatchValue(e) => walk_expr(v, e),
        PatternKind::MatchSequence(ps) | PatternKind::MatchOr(ps) => {
            for p in ps {
                walk_pattern(v, p);
            }
        }
        PatternKind::MatchMapping { keys, patterns, .. } => {
            walk_exprs(v, keys);
            for p in patterns {
                walk_pattern(v, p);
            }
        }
        PatternKind::MatchClass {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            walk_expr(v, cls);
            for p in patterns.iter().chain(kwd_patterns) {
                walk_pattern(v, p);
            }
        }
        PatternKind::MatchAs {
            pattern: Some(p), ..
        } => walk_pattern(v, p),
        _ => {}
    }
}

pub fn walk_expr<'a>(v: &mut impl Visitor<'a>, e: &'a Expr) {
    if !v.expr(e) {
        return;
    }
    match &e.kind {
        ExprKind::BoolOp { values, .. } => walk_exprs(v, values),
        ExprKind::NamedExpr { target, value } => {
            walk_expr(v, target);
            walk_expr(v, value);
        }
        ExprKind::BinOp { left, right, .. } => {
            walk_expr(v, left);
            walk_expr(v, right);
        }
        ExprKind::UnaryOp { operand, .. } => walk_expr(v, operand),
        ExprKind::Lambda { args, body } => {
            walk_arguments(v, args);
            walk_expr(v, body);
        }
        ExprKind::IfExp { test, body, orelse } => {
            walk_expr(v, test);
            walk_expr(v, body);
            walk_expr(v, orelse);
        }
        ExprKind::Dict { keys, values } => {
            for (k, val) in keys.iter().zip(values) {
                walk_opt(v, k.as_ref());
                walk_expr(v, val);
            }
        }
        ExprKind::Set(es) => walk_exprs(v, es),
        ExprKind::ListComp { elt, generators }
        | ExprKind::SetComp { elt, generators }
        | ExprKind::GeneratorExp { elt, generators } => {
            walk_comprehensions(v, generators);
            walk_expr(v, elt);
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            walk_comprehensions(v, generators);
            walk_expr(v, key);
            walk_expr(v, value);
        }
        ExprKind::Await(x) | ExprKind::YieldFrom(x) => walk_expr(v, x),
        ExprKind::Yield(x) => walk_opt(v, x.as_deref()),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            walk_expr(v, left);
            walk_exprs(v, comparators);
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            walk_expr(v, func);
            walk_exprs(v, args);
            for k in keywords {
                walk_expr(v, &k.value);
            }
        }
        ExprKind::FormattedValue {
            value, format_spec, ..
        } => {
            walk_expr(v, value);
            walk_opt(v, format_spec.as_deref());
        }
        ExprKind::JoinedStr(es) => walk_exprs(v, es),
        ExprKind::Attribute { value, .. } => walk_expr(v, value),
        ExprKind::Subscript { value, slice, .. } => {
            walk_expr(v, value);
            walk_expr(v, slice);
        }
        ExprKind::Starred { value, .. } => walk_expr(v, value),
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => walk_exprs(v, elts),
        ExprKind::Slice { lower, upper, step } => {
            walk_opt(v, lower.as_deref());
            walk_opt(v, upper.as_deref());
            walk_opt(v, step.as_deref());
        }
        ExprKind::Constant { .. } | ExprKind::Name { .. } | ExprKind::Invalid => {}
    }
    v.leave_expr(e);
}
