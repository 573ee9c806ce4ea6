//! Assignment and deletion targets: setting `Store`/`Del` contexts and finding the part of an
//! expression that cannot be a target, with CPython's names for expression kinds.

use super::super::ast::*;
use super::super::text::TextRange;
use super::super::token::TokenKind as T;
use super::cursor::Parser;
use super::expr::node;

/// Which statement the targets belong to (CPython's `TARGETS_TYPE`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TargetsKind {
    Star,
    Del,
    For,
}

/// CPython's `_PyPegen_get_expr_name`: how messages name an expression kind.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred { .. } => "starred",
        ExprKind::Name { .. } => "name",
        ExprKind::List { .. } => "list",
        ExprKind::Tuple { .. } => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(false) => "False",
            Constant::Bool(true) => "True",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "compare",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } | ExprKind::Invalid => "expression",
    }
}

/// CPython's `_PyPegen_get_invalid_target`: the first sub-expression that cannot be a target.
pub(crate) fn invalid_target(e: &Expr, kind: TargetsKind) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => {
            elts.iter().find_map(|x| invalid_target(x, kind))
        }
        ExprKind::Starred { value, .. } => {
            if kind == TargetsKind::Del {
                Some(e)
            } else {
                invalid_target(value, kind)
            }
        }
        ExprKind::Compare { left, ops, .. } => {
            if kind == TargetsKind::For {
                if ops.first() == Some(&CmpOp::In) {
                    return invalid_target(left, kind);
                }
                return None;
            }
            Some(e)
        }
        ExprKind::Name { .. } | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        ExprKind::Invalid => None,
        _ => Some(e),
    }
}

/// The message for an invalid target of `kind`.
pub(crate) fn target_message(e: &Expr, kind: TargetsKind) -> String {
    let name = if matches!(e.kind, ExprKind::Compare { .. }) {
        "comparison"
    } else {
        expr_name(e)
    };
    match kind {
        TargetsKind::Del => format!("cannot delete {name}"),
        _ => format!("cannot assign to {name}"),
    }
}

/// Sets `ctx` on a valid target tree (callers check validity first).
pub(crate) fn set_context(e: &mut Expr, ctx: ExprContext) {
    match &mut e.kind {
        ExprKind::Name { ctx: c, .. }
        | ExprKind::Attribute { ctx: c, .. }
        | ExprKind::Subscript { ctx: c, .. } => *c = ctx,
        ExprKind::Starred { value, ctx: c } => {
            *c = ctx;
            set_context(value, ctx);
        }
        ExprKind::List { elts, ctx: c } | ExprKind::Tuple { elts, ctx: c } => {
            *c = ctx;
            for x in elts {
                set_context(x, ctx);
            }
        }
        _ => {}
    }
}

impl<'s> Parser<'s> {
    /// Makes `e` a target of `kind`, reporting CPython's message if it cannot be one.
    pub fn make_target(&mut self, mut e: Expr, kind: TargetsKind) -> Expr {
        if let Some(bad) = invalid_target(&e, kind) {
            let msg = target_message(bad, kind);
            let r = bad.range;
            self.error(msg, r);
            return e;
        }
        let ctx = if kind == TargetsKind::Del {
            ExprContext::Del
        } else {
            ExprContext::Store
        };
        set_context(&mut e, ctx);
        e
    }

    /// `star_targets` of a `for` loop or comprehension: stops before `in`.
    pub fn parse_target_list(&mut self, kind: TargetsKind) -> Expr {
        let start = self.start();
        let first = self.parse_target_element();
        let e = if self.at(T::Comma) {
            let mut elts = vec![first];
            while self.eat(T::Comma) {
                if !self.starts_expr() {
                    break;
                }
                elts.push(self.parse_target_element());
            }
            let end = self.prev_end();
            node(
                ExprKind::Tuple {
                    elts,
                    ctx: ExprContext::Load,
                },
                TextRange::new(start, end),
            )
        } else {
            first
        };
        self.make_target(e, kind)
    }

    fn parse_target_element(&mut self) -> Expr {
        if self.at(T::Star) {
            self.parse_starred()
        } else {
            self.parse_bitwise_or()
        }
    }
}
