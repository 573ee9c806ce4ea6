//! Expressions back to source text, as CPython 3.11's `Python/ast_unparse.c` writes them:
//! the string an annotation becomes under `from __future__ import annotations`.

use crate::bytecode::dis::const_repr;
use crate::syntax::ast::{
    Arguments, BoolOp, CmpOp, Comprehension, Constant, Conversion, Expr, ExprKind, Operator,
    UnaryOp,
};

// Precedence levels (CPython's `PR_*`).
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_BOR: u8 = 6;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// Nesting beyond this is cut short (the compiler's own depth guard fires far earlier).
const MAX_DEPTH: u32 = 1000;

/// `_PyAST_ExprAsUnicode(e)`. `_source` is kept for callers that may want exact slices.
pub(crate) fn unparse(e: &Expr, _source: &str) -> String {
    let mut out = String::new();
    expr(&mut out, e, PR_TEST, 0);
    out
}

fn paren_if(out: &mut String, cond: bool, s: &str) {
    if cond {
        out.push_str(s);
    }
}

fn constant(out: &mut String, c: &Constant) {
    match c {
        Constant::Ellipsis => out.push_str("..."),
        Constant::Float(_) | Constant::Complex(_) => {
            let r = const_repr(&super::constant::from_ast(c));
            out.push_str(&r.replace("inf", "1e309"));
        }
        _ => out.push_str(&const_repr(&super::constant::from_ast(c))),
    }
}

fn expr(out: &mut String, e: &Expr, level: u8, depth: u32) {
    if depth > MAX_DEPTH {
        out.push_str("...");
        return;
    }
    let d = depth + 1;
    match &e.kind {
        ExprKind::BoolOp { op, values } => {
            let (pr, sep) = match op {
                BoolOp::And => (PR_AND, " and "),
                BoolOp::Or => (PR_OR, " or "),
            };
            paren_if(out, level > pr, "(");
            for (i, v) in values.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                expr(out, v, pr + 1, d);
            }
            paren_if(out, level > pr, ")");
        }
        ExprKind::BinOp { left, op, right } => {
            let (pr, s) = match op {
                Operator::Add => (PR_ARITH, " + "),
                Operator::Sub => (PR_ARITH, " - "),
                Operator::Mult => (PR_TERM, " * "),
                Operator::MatMult => (PR_TERM, " @ "),
                Operator::Div => (PR_TERM, " / "),
                Operator::Mod => (PR_TERM, " % "),
                Operator::FloorDiv => (PR_TERM, " // "),
                Operator::LShift => (PR_SHIFT, " << "),
                Operator::RShift => (PR_SHIFT, " >> "),
                Operator::BitOr => (PR_BOR, " | "),
                Operator::BitXor => (PR_BXOR, " ^ "),
                Operator::BitAnd => (PR_BAND, " & "),
                Operator::Pow => (PR_POWER, " ** "),
            };
            let rassoc = u8::from(*op == Operator::Pow);
            paren_if(out, level > pr, "(");
            expr(out, left, pr + rassoc, d);
            out.push_str(s);
            expr(out, right, pr + 1 - rassoc, d);
            paren_if(out, level > pr, ")");
        }
        ExprKind::UnaryOp { op, operand } => {
            let (pr, s) = match op {
                UnaryOp::Not => (PR_NOT, "not "),
                UnaryOp::Invert => (PR_FACTOR, "~"),
                UnaryOp::UAdd => (PR_FACTOR, "+"),
                UnaryOp::USub => (PR_FACTOR, "-"),
            };
            paren_if(out, level > pr, "(");
            out.push_str(s);
            expr(out, operand, pr, d);
            paren_if(out, level > pr, ")");
        }
        ExprKind::Lambda { args, body } => {
            paren_if(out, level > PR_TEST, "(");
            let mut a = String::new();
            arguments(&mut a, args, d);
            if a.is_empty() {
                out.push_str("lambda: ");
            } else {
                out.push_str("lambda ");
                out.push_str(&a);
                out.push_str(": ");
            }
            expr(out, body, PR_TEST, d);
            paren_if(out, level > PR_TEST, ")");
        }
        ExprKind::IfExp { test, body, orelse } => {
            paren_if(out, level > PR_TEST, "(");
            expr(out, body, PR_TEST + 1, d);
            out.push_str(" if ");
            expr(out, test, PR_TEST + 1, d);
            out.push_str(" else ");
            expr(out, orelse, PR_TEST, d);
            paren_if(out, level > PR_TEST, ")");
        }
        ExprKind::Dict { keys, values } => {
            out.push('{');
            for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(out, k, PR_TEST, d);
                        out.push_str(": ");
                        expr(out, v, PR_TEST, d);
                    }
                    None => {
                        out.push_str("**");
                        expr(out, v, PR_EXPR_LEVEL, d);
                    }
                }
            }
            out.push('}');
        }
        ExprKind::Set(elts) => {
            if elts.is_empty() {
                out.push_str("{*()}");
            } else {
                out.push('{');
                seq(out, elts, d);
                out.push('}');
            }
        }
        ExprKind::ListComp { elt, generators } => {
            out.push('[');
            expr(out, elt, PR_TEST, d);
            comprehensions(out, generators, d);
            out.push(']');
        }
        ExprKind::SetComp { elt, generators } => {
            out.push('{');
            expr(out, elt, PR_TEST, d);
            comprehensions(out, generators, d);
            out.push('}');
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => {
            out.push('{');
            expr(out, key, PR_TEST, d);
            out.push_str(": ");
            expr(out, value, PR_TEST, d);
            comprehensions(out, generators, d);
            out.push('}');
        }
        ExprKind::GeneratorExp { elt, generators } => {
            out.push('(');
            expr(out, elt, PR_TEST, d);
            comprehensions(out, generators, d);
            out.push(')');
        }
        ExprKind::Await(v) => {
            paren_if(out, level > PR_AWAIT, "(");
            out.push_str("await ");
            expr(out, v, PR_ATOM, d);
            paren_if(out, level > PR_AWAIT, ")");
        }
        ExprKind::Yield(v) => match v {
            None => out.push_str("(yield)"),
            Some(v) => {
                out.push_str("(yield ");
                expr(out, v, PR_TEST, d);
                out.push(')');
            }
        },
        ExprKind::YieldFrom(v) => {
            out.push_str("(yield from ");
            expr(out, v, PR_TEST, d);
            out.push(')');
        }
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            paren_if(out, level > PR_CMP, "(");
            expr(out, left, PR_CMP + 1, d);
            for (op, c) in ops.iter().zip(comparators) {
                out.push_str(match op {
                    CmpOp::Eq => " == ",
                    CmpOp::NotEq => " != ",
                    CmpOp::Lt => " < ",
                    CmpOp::LtE => " <= ",
                    CmpOp::Gt => " > ",
                    CmpOp::GtE => " >= ",
                    CmpOp::Is => " is ",
                    CmpOp::IsNot => " is not ",
                    CmpOp::In => " in ",
                    CmpOp::NotIn => " not in ",
                });
                expr(out, c, PR_CMP + 1, d);
            }
            paren_if(out, level > PR_CMP, ")");
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            expr(out, func, PR_ATOM, d);
            if let (
                [only @ Expr {
                    kind: ExprKind::GeneratorExp { .. },
                    ..
                }],
                [],
            ) = (args.as_slice(), keywords.as_slice())
            {
                expr(out, only, PR_TEST, d);
                return;
            }
            out.push('(');
            let mut first = true;
            for a in args {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                expr(out, a, PR_TEST, d);
            }
            for k in keywords {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                match &k.arg {
                    Some(name) => {
                        out.push_str(&name.id);
                        out.push('=');
                    }
                    None => out.push_str("**"),
                }
                expr(out, &k.value, PR_TEST, d);
            }
            out.push(')');
        }
        ExprKind::FormattedValue { .. } | ExprKind::JoinedStr(_) => {
            let mut body = String::new();
            fstring_body(&mut body, e, d);
            out.push('f');
            out.push_str(&crate::runtime::strings::repr::str_repr(&body));
        }
        ExprKind::Constant { value, kind } => {
            if *kind == Some('u') {
                out.push('u');
            }
            constant(out, value);
        }
        ExprKind::Attribute { value, attr, .. } => {
            expr(out, value, PR_ATOM, d);
            let int_const = matches!(
                value.kind,
                ExprKind::Constant {
                    value: Constant::Int(_),
                    ..
                }
            );
            out.push_str(if int_const { " ." } else { "." });
            out.push_str(&attr.id);
        }
        ExprKind::Subscript { value, slice, .. } => {
            expr(out, value, PR_ATOM, d);
            let mut lvl = PR_TUPLE;
            if let ExprKind::Tuple { elts, .. } = &slice.kind {
                if elts
                    .iter()
                    .any(|x| matches!(x.kind, ExprKind::Starred { .. }))
                {
                    lvl += 1;
                }
            }
            out.push('[');
            expr(out, slice, lvl, d);
            out.push(']');
        }
        ExprKind::Starred { value, .. } => {
            out.push('*');
            expr(out, value, PR_EXPR_LEVEL, d);
        }
        ExprKind::Name { id, .. } => out.push_str(id),
        ExprKind::List { elts, .. } => {
            out.push('[');
            seq(out, elts, d);
            out.push(']');
        }
        ExprKind::Tuple { elts, .. } => {
            if elts.is_empty() {
                out.push_str("()");
                return;
            }
            paren_if(out, level > PR_TUPLE, "(");
            seq(out, elts, d);
            if elts.len() == 1 {
                out.push(',');
            }
            paren_if(out, level > PR_TUPLE, ")");
        }
        ExprKind::Slice { lower, upper, step } => {
            if let Some(l) = lower {
                expr(out, l, PR_TEST, d);
            }
            out.push(':');
            if let Some(u) = upper {
                expr(out, u, PR_TEST, d);
            }
            if let Some(s) = step {
                out.push(':');
                expr(out, s, PR_TEST, d);
            }
        }
        ExprKind::NamedExpr { target, value } => {
            paren_if(out, level > PR_TUPLE, "(");
            expr(out, target, PR_ATOM, d);
            out.push_str(" := ");
            expr(out, value, PR_ATOM, d);
            paren_if(out, level > PR_TUPLE, ")");
        }
        ExprKind::Invalid => {}
    }
}

/// `PR_EXPR` (the level of `|`, used after `*` and `**`).
const PR_EXPR_LEVEL: u8 = PR_BOR;

fn seq(out: &mut String, elts: &[Expr], d: u32) {
    for (i, x) in elts.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        expr(out, x, PR_TEST, d);
    }
}

fn comprehensions(out: &mut String, gens: &[Comprehension], d: u32) {
    for g in gens {
        out.push_str(if g.is_async { " async for " } else { " for " });
        expr(out, &g.target, PR_TUPLE, d);
        out.push_str(" in ");
        expr(out, &g.iter, PR_TEST + 1, d);
        for cond in &g.ifs {
            out.push_str(" if ");
            expr(out, cond, PR_TEST + 1, d);
        }
    }
}

fn arguments(out: &mut String, a: &Arguments, d: u32) {
    let mut first = true;
    let mut sep = |out: &mut String| {
        if !first {
            out.push_str(", ");
        }
        first = false;
    };
    let positional: Vec<_> = a.posonlyargs.iter().chain(&a.args).collect();
    let ndefault_start = positional.len().saturating_sub(a.defaults.len());
    for (i, arg) in positional.iter().enumerate() {
        sep(out);
        out.push_str(&arg.arg.id);
        if i >= ndefault_start {
            out.push('=');
            expr(out, &a.defaults[i - ndefault_start], PR_TEST, d);
        }
        if i + 1 == a.posonlyargs.len() {
            out.push_str(", /");
        }
    }
    if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
        sep(out);
        out.push('*');
        if let Some(v) = &a.vararg {
            out.push_str(&v.arg.id);
        }
    }
    for (arg, default) in a.kwonlyargs.iter().zip(&a.kw_defaults) {
        sep(out);
        out.push_str(&arg.arg.id);
        if let Some(dflt) = default {
            out.push('=');
            expr(out, dflt, PR_TEST, d);
        }
    }
    if let Some(k) = &a.kwarg {
        sep(out);
        out.push_str("**");
        out.push_str(&k.arg.id);
    }
}

/// The text between the quotes of an f-string.
fn fstring_body(out: &mut String, e: &Expr, d: u32) {
    match &e.kind {
        ExprKind::JoinedStr(values) => {
            for v in values {
                fstring_body(out, v, d);
            }
        }
        ExprKind::Constant {
            value: Constant::Str(s),
            ..
        } => {
            out.push_str(&s.replace('{', "{{").replace('}', "}}"));
        }
        ExprKind::FormattedValue {
            value,
            conversion,
            format_spec,
        } => {
            let mut inner = String::new();
            expr(&mut inner, value, PR_TEST + 1, d);
            out.push('{');
            if inner.starts_with('{') {
                out.push(' ');
            }
            out.push_str(&inner);
            match conversion {
                Conversion::None => {}
                Conversion::Str => out.push_str("!s"),
                Conversion::Repr => out.push_str("!r"),
                Conversion::Ascii => out.push_str("!a"),
            }
            if let Some(spec) = format_spec {
                out.push(':');
                fstring_body(out, spec, d);
            }
            out.push('}');
        }
        _ => {}
    }
}
