//! Constant folding as CPython 3.11's `Python/ast_opt.c` does it, applied on the fly while
//! generating code: unary and binary operators on constants (with CPython's size limits so
//! that `2**100000` or `"x" * 10**9` stay runtime operations), tuples of constants,
//! subscripts of constants, `__debug__`, `not` folded into `is`/`in` comparisons, lists
//! and sets iterated or tested with `in` turned into tuples and frozensets, and
//! `"%s" % (a,)` turned into an f-string. Anything that would raise at runtime is left alone.

use super::constant::{from_ast, int_const};
use crate::bytecode::Constant;
use crate::syntax::ast::{self, CmpOp, Conversion, Expr, ExprContext, ExprKind, Operator, UnaryOp};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::rc::Rc;

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: i64 = 256;
const MAX_STR_SIZE: i64 = 4096;
const MAX_TOTAL_ITEMS: i64 = 1024;
/// Folding recursion is cut off here; deeper constant expressions are computed at runtime.
const MAX_FOLD_DEPTH: u32 = 200;

/// `BINARY_OP`'s argument for `op` (CPython's `NB_*`; add 13 for the in-place form).
pub(crate) fn binop_arg(op: Operator) -> u32 {
    match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    }
}

/// The value of `e` if CPython's AST optimizer turns it into a constant.
pub(crate) fn const_value(e: &Expr) -> Option<Constant> {
    fold(e, 0)
}

fn fold(e: &Expr, depth: u32) -> Option<Constant> {
    if depth > MAX_FOLD_DEPTH {
        return None;
    }
    match &e.kind {
        ExprKind::Constant { value, .. } => Some(from_ast(value)),
        ExprKind::Name {
            id,
            ctx: ExprContext::Load,
        } if id == "__debug__" => Some(Constant::Bool(true)),
        ExprKind::UnaryOp { op, operand } => {
            let v = fold(operand, depth + 1)?;
            unary(*op, &v)
        }
        ExprKind::BinOp { left, op, right } => {
            let l = fold(left, depth + 1)?;
            let r = fold(right, depth + 1)?;
            binary(&l, *op, &r)
        }
        ExprKind::Tuple {
            elts,
            ctx: ExprContext::Load,
        } => {
            let items: Option<Vec<Constant>> = elts.iter().map(|x| fold(x, depth + 1)).collect();
            Some(Constant::Tuple(items?.into()))
        }
        ExprKind::Subscript {
            value,
            slice,
            ctx: ExprContext::Load,
        } => {
            let v = fold(value, depth + 1)?;
            let i = fold(slice, depth + 1)?;
            subscript(&v, &i)
        }
        _ => None,
    }
}

/// A list or set display of constants used as an iterable or `in` operand.
pub(crate) fn iter_const(e: &Expr) -> Option<Constant> {
    match &e.kind {
        ExprKind::List {
            elts,
            ctx: ExprContext::Load,
        } => {
            let items: Option<Vec<Constant>> = elts.iter().map(const_value).collect();
            Some(Constant::Tuple(items?.into()))
        }
        ExprKind::Set(elts) => {
            let items: Option<Vec<Constant>> = elts.iter().map(const_value).collect();
            Some(frozenset(items?))
        }
        _ => None,
    }
}

/// `not (a is b)` → `a is not b`, likewise for `in` (single comparisons only).
pub(crate) fn not_compare(op: UnaryOp, operand: &Expr) -> Option<Expr> {
    if op != UnaryOp::Not || const_value(operand).is_some() {
        return None;
    }
    let ExprKind::Compare {
        left,
        ops,
        comparators,
    } = &operand.kind
    else {
        return None;
    };
    if ops.len() != 1 {
        return None;
    }
    let inverted = match ops[0] {
        CmpOp::Is => CmpOp::IsNot,
        CmpOp::IsNot => CmpOp::Is,
        CmpOp::In => CmpOp::NotIn,
        CmpOp::NotIn => CmpOp::In,
        _ => return None,
    };
    Some(Expr {
        kind: ExprKind::Compare {
            left: left.clone(),
            ops: vec![inverted],
            comparators: comparators.clone(),
        },
        range: operand.range,
    })
}

/// A frozenset constant: duplicates (by Python equality) dropped, first occurrence kept.
pub(crate) fn frozenset(items: Vec<Constant>) -> Constant {
    let mut unique: Vec<Constant> = Vec::with_capacity(items.len());
    for item in items {
        if !unique.iter().any(|u| py_eq(u, &item)) {
            unique.push(item);
        }
    }
    Constant::FrozenSet(unique.into())
}

// ---- numbers ------------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum Num {
    Int(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn as_num(c: &Constant) -> Option<Num> {
    match c {
        Constant::Bool(b) => Some(Num::Int(BigInt::from(i64::from(*b)))),
        Constant::Int(i) => Some(Num::Int(BigInt::from(*i))),
        Constant::BigInt(b) => Some(Num::Int((**b).clone())),
        Constant::Float(f) => Some(Num::Float(*f)),
        Constant::Complex { real, imag } => Some(Num::Complex(*real, *imag)),
        _ => None,
    }
}

fn num_const(n: Num) -> Constant {
    match n {
        Num::Int(i) => int_const(i),
        Num::Float(f) => Constant::Float(f),
        Num::Complex(real, imag) => Constant::Complex { real, imag },
    }
}

/// `float(i)`, refusing ints too large for an exact `i64` (CPython rounds those itself).
fn int_to_float(i: &BigInt) -> Option<f64> {
    let small = i.to_i64()?;
    Some(small as f64)
}

fn py_eq(a: &Constant, b: &Constant) -> bool {
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return match (x, y) {
            (Num::Int(x), Num::Int(y)) => x == y,
            (x, y) => {
                let cx = to_complex(&x);
                let cy = to_complex(&y);
                matches!((cx, cy), (Some(p), Some(q)) if p == q)
            }
        };
    }
    match (a, b) {
        (Constant::None, Constant::None) | (Constant::Ellipsis, Constant::Ellipsis) => true,
        (Constant::Str(x), Constant::Str(y)) => x == y,
        (Constant::Bytes(x), Constant::Bytes(y)) => x == y,
        (Constant::Tuple(x), Constant::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| py_eq(p, q))
        }
        (Constant::FrozenSet(x), Constant::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| py_eq(p, q)))
        }
        _ => false,
    }
}

fn to_complex(n: &Num) -> Option<(f64, f64)> {
    match n {
        Num::Int(i) => Some((int_to_float(i)?, 0.0)),
        Num::Float(f) => Some((*f, 0.0)),
        Num::Complex(r, i) => Some((*r, *i)),
    }
}

fn unary(op: UnaryOp, v: &Constant) -> Option<Constant> {
    if op == UnaryOp::Not {
        return super::constant::truth(v).map(|t| Constant::Bool(!t));
    }
    let n = as_num(v)?;
    let r = match (op, n) {
        (UnaryOp::USub, Num::Int(i)) => Num::Int(-i),
        (UnaryOp::USub, Num::Float(f)) => Num::Float(-f),
        (UnaryOp::USub, Num::Complex(r, i)) => Num::Complex(-r, -i),
        (UnaryOp::UAdd, n) => n,
        (UnaryOp::Invert, Num::Int(i)) => Num::Int(-i - 1),
        _ => return None,
    };
    Some(num_const(r))
}

fn bits(i: &BigInt) -> u64 {
    i.bits()
}

fn floor_divmod(a: &BigInt, b: &BigInt) -> Option<(BigInt, BigInt)> {
    if b.is_zero() {
        return None;
    }
    let mut q = a / b;
    let mut r = a % b;
    if !r.is_zero() && (r.is_negative() != b.is_negative()) {
        q -= 1;
        r += b;
    }
    Some((q, r))
}

fn float_mod(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    Some(m)
}

fn float_floordiv(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    let m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 && (wx < 0.0) != (m < 0.0) {
        div -= 1.0;
    }
    if div != 0.0 {
        let mut fd = div.floor();
        if div - fd > 0.5 {
            fd += 1.0;
        }
        Some(fd)
    } else {
        Some(0.0f64.copysign(vx / wx))
    }
}

fn int_binop(a: &BigInt, op: Operator, b: &BigInt) -> Option<BigInt> {
    Some(match op {
        Operator::Add => a + b,
        Operator::Sub => a - b,
        Operator::Mult => {
            if !a.is_zero() && !b.is_zero() && bits(a) + bits(b) > MAX_INT_SIZE {
                return None;
            }
            a * b
        }
        Operator::FloorDiv => floor_divmod(a, b)?.0,
        Operator::Mod => floor_divmod(a, b)?.1,
        Operator::Pow => {
            if b.is_negative() {
                return None;
            }
            if !a.is_zero() && b.is_positive() {
                let wbits = b.to_u64()?;
                if bits(a) > MAX_INT_SIZE / wbits {
                    return None;
                }
            }
            let e = b.to_u32()?;
            num_traits::pow::pow(a.clone(), e as usize)
        }
        Operator::LShift => {
            if b.is_negative() {
                return None;
            }
            if a.is_zero() {
                return Some(BigInt::zero());
            }
            let w = b.to_u64()?;
            if w > MAX_INT_SIZE || bits(a) > MAX_INT_SIZE - w {
                return None;
            }
            a << w as usize
        }
        Operator::RShift => {
            if b.is_negative() {
                return None;
            }
            let w = b.to_u64().unwrap_or(u64::MAX).min(1 << 20) as usize;
            if a.is_negative() {
                -((-a - 1u32) >> w) - 1u32
            } else {
                a >> w
            }
        }
        Operator::BitAnd => a & b,
        Operator::BitOr => a | b,
        Operator::BitXor => a ^ b,
        Operator::Div | Operator::MatMult => return None,
    })
}

fn float_binop(x: f64, op: Operator, y: f64) -> Option<f64> {
    Some(match op {
        Operator::Add => x + y,
        Operator::Sub => x - y,
        Operator::Mult => x * y,
        Operator::Div => {
            if y == 0.0 {
                return None;
            }
            x / y
        }
        Operator::FloorDiv => float_floordiv(x, y)?,
        Operator::Mod => float_mod(x, y)?,
        Operator::Pow => {
            // Only the plain case: positive finite base, finite exponent, finite result.
            if !(x > 0.0 && x.is_finite() && y.is_finite()) {
                return None;
            }
            let r = x.powf(y);
            if !r.is_finite() {
                return None;
            }
            r
        }
        _ => return None,
    })
}

fn num_binop(a: Num, op: Operator, b: Num) -> Option<Num> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => {
            if op == Operator::Div {
                if y.is_zero() {
                    return None;
                }
                let (fx, fy) = (x.to_i64()?, y.to_i64()?);
                const EXACT: i64 = 1 << 53;
                if fx.abs() > EXACT || fy.abs() > EXACT {
                    return None;
                }
                return Some(Num::Float(fx as f64 / fy as f64));
            }
            int_binop(&x, op, &y).map(Num::Int)
        }
        (Num::Complex(..), _) | (_, Num::Complex(..)) => None,
        (x, y) => {
            let fx = match x {
                Num::Int(i) => int_to_float(&i)?,
                Num::Float(f) => f,
                Num::Complex(..) => return None,
            };
            let fy = match y {
                Num::Int(i) => int_to_float(&i)?,
                Num::Float(f) => f,
                Num::Complex(..) => return None,
            };
            float_binop(fx, op, fy).map(Num::Float)
        }
    }
}

fn complex_binop(a: &Num, op: Operator, b: &Num) -> Option<Num> {
    let (ar, ai) = to_complex(a)?;
    let (br, bi) = to_complex(b)?;
    Some(match op {
        Operator::Add => Num::Complex(ar + br, ai + bi),
        Operator::Sub => Num::Complex(ar - br, ai - bi),
        Operator::Mult => Num::Complex(ar * br - ai * bi, ar * bi + ai * br),
        _ => return None,
    })
}

/// Total items of a (nested) tuple or frozenset, CPython's `check_complexity`.
fn check_complexity(c: &Constant, mut limit: i64) -> i64 {
    if let Constant::Tuple(items) | Constant::FrozenSet(items) = c {
        limit -= items.len() as i64;
        for item in items.iter() {
            if limit < 0 {
                break;
            }
            limit = check_complexity(item, limit);
        }
    }
    limit
}

fn as_count(c: &Constant) -> Option<i64> {
    match c {
        Constant::Bool(b) => Some(i64::from(*b)),
        Constant::Int(i) => Some(*i),
        Constant::BigInt(_) => Some(-1),
        _ => None,
    }
}

/// Sequence repetition with CPython's `safe_multiply` limits.
fn repeat(seq: &Constant, count: &Constant) -> Option<Constant> {
    let n = as_count(count)?;
    match seq {
        Constant::Str(s) => {
            let size = s.chars().count() as i64;
            if size > 0 && (n < 0 || n > MAX_STR_SIZE / size) {
                return None;
            }
            Some(Constant::Str(Rc::from(s.repeat(n.max(0) as usize))))
        }
        Constant::Bytes(b) => {
            let size = b.len() as i64;
            if size > 0 && (n < 0 || n > MAX_STR_SIZE / size) {
                return None;
            }
            Some(Constant::Bytes(Rc::from(b.repeat(n.max(0) as usize))))
        }
        Constant::Tuple(items) => {
            let size = items.len() as i64;
            if size > 0 {
                if n < 0 || n > MAX_COLLECTION_SIZE / size {
                    return None;
                }
                if n > 0 && check_complexity(seq, MAX_TOTAL_ITEMS / n) < 0 {
                    return None;
                }
            }
            let mut out = Vec::with_capacity((size * n.max(0)) as usize);
            for _ in 0..n.max(0) {
                out.extend(items.iter().cloned());
            }
            Some(Constant::Tuple(out.into()))
        }
        _ => None,
    }
}

fn binary(l: &Constant, op: Operator, r: &Constant) -> Option<Constant> {
    // Sequences.
    match (l, op, r) {
        (Constant::Str(a), Operator::Add, Constant::Str(b)) => {
            return Some(Constant::Str(Rc::from(format!("{a}{b}"))));
        }
        (Constant::Bytes(a), Operator::Add, Constant::Bytes(b)) => {
            let mut v = a.to_vec();
            v.extend_from_slice(b);
            return Some(Constant::Bytes(v.into()));
        }
        (Constant::Tuple(a), Operator::Add, Constant::Tuple(b)) => {
            let v: Vec<Constant> = a.iter().chain(b.iter()).cloned().collect();
            return Some(Constant::Tuple(v.into()));
        }
        (Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_), Operator::Mult, _) => {
            return repeat(l, r);
        }
        (_, Operator::Mult, Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_)) => {
            return repeat(r, l);
        }
        _ => {}
    }
    let a = as_num(l)?;
    let b = as_num(r)?;
    // bool & | ^ bool stays a bool.
    if let (Constant::Bool(x), Constant::Bool(y)) = (l, r) {
        match op {
            Operator::BitAnd => return Some(Constant::Bool(*x & *y)),
            Operator::BitOr => return Some(Constant::Bool(*x | *y)),
            Operator::BitXor => return Some(Constant::Bool(*x ^ *y)),
            _ => {}
        }
    }
    if matches!(a, Num::Complex(..)) || matches!(b, Num::Complex(..)) {
        return complex_binop(&a, op, &b).map(num_const);
    }
    num_binop(a, op, b).map(num_const)
}

fn subscript(v: &Constant, i: &Constant) -> Option<Constant> {
    let index = as_count(i)?;
    if matches!(i, Constant::BigInt(_)) {
        return None;
    }
    let pick = |len: usize| -> Option<usize> {
        let len = len as i64;
        let k = if index < 0 { index + len } else { index };
        (0..len).contains(&k).then_some(k as usize)
    };
    match v {
        Constant::Str(s) => {
            let n = s.chars().count();
            let k = pick(n)?;
            s.chars()
                .nth(k)
                .map(|c| Constant::Str(Rc::from(c.to_string())))
        }
        Constant::Bytes(b) => pick(b.len()).map(|k| Constant::Int(i64::from(b[k]))),
        Constant::Tuple(items) => pick(items.len()).map(|k| items[k].clone()),
        _ => None,
    }
}

// ---- "%s" % (a, b) ---------------------------------------------------------------------------

/// CPython's `optimize_format`: `'…%s…%r…' % (x, y)` with a non-constant tuple becomes the
/// parts of an f-string. `None` when the format uses anything but `%s`/`%r`/`%a` with an
/// optional `-`, width and precision, or the counts do not match.
pub(crate) fn percent_format(left: &Expr, op: Operator, right: &Expr) -> Option<Vec<Expr>> {
    if op != Operator::Mod {
        return None;
    }
    let ExprKind::Tuple {
        elts,
        ctx: ExprContext::Load,
    } = &right.kind
    else {
        return None;
    };
    if elts
        .iter()
        .any(|e| matches!(e.kind, ExprKind::Starred { .. }))
        || const_value(right).is_some()
    {
        return None;
    }
    let Some(Constant::Str(fmt)) = const_value(left) else {
        return None;
    };
    let range = left.range.cover(right.range);
    let lit = |s: String| Expr {
        kind: ExprKind::Constant {
            value: ast::Constant::Str(s),
            kind: None,
        },
        range,
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut pos = 0;
    let mut parts = Vec::new();
    let mut cnt = 0;
    loop {
        let mut text = String::new();
        while pos < chars.len() {
            if chars[pos] == '%' {
                if pos + 1 < chars.len() && chars[pos + 1] == '%' {
                    text.push('%');
                    pos += 2;
                    continue;
                }
                break;
            }
            text.push(chars[pos]);
            pos += 1;
        }
        if !text.is_empty() {
            parts.push(lit(text));
        }
        if pos >= chars.len() {
            break;
        }
        if cnt >= elts.len() {
            return None;
        }
        pos += 1;
        let (spec, ljust, width, prec) = simple_format_arg(&chars, &mut pos)?;
        let conversion = match spec {
            's' => Conversion::Str,
            'r' => Conversion::Repr,
            'a' => Conversion::Ascii,
            _ => return None,
        };
        let mut spec_text = String::new();
        if !ljust && width > 0 {
            spec_text.push('>');
        }
        if width >= 0 {
            spec_text.push_str(&width.to_string());
        }
        if prec >= 0 {
            spec_text.push_str(&format!(".{prec}"));
        }
        let arg = &elts[cnt];
        cnt += 1;
        let format_spec = (!spec_text.is_empty()).then(|| Box::new(lit(spec_text)));
        parts.push(Expr {
            kind: ExprKind::FormattedValue {
                value: Box::new(arg.clone()),
                conversion,
                format_spec,
            },
            range: arg.range,
        });
    }
    if cnt < elts.len() {
        return None;
    }
    Some(parts)
}

/// Flags, width and precision of one `%` unit (at most two digits each, as CPython).
fn simple_format_arg(chars: &[char], pos: &mut usize) -> Option<(char, bool, i32, i32)> {
    const MAXDIGITS: u32 = 3;
    let mut next = || -> Option<char> {
        let c = *chars.get(*pos)?;
        *pos += 1;
        Some(c)
    };
    let mut ljust = false;
    let mut ch;
    loop {
        ch = next()?;
        match ch {
            '-' => ljust = true,
            '+' | ' ' | '#' | '0' => {}
            _ => break,
        }
    }
    let mut width = -1;
    if ch.is_ascii_digit() {
        width = 0;
        let mut digits = 0;
        while ch.is_ascii_digit() {
            width = width * 10 + ch as i32 - '0' as i32;
            ch = next()?;
            digits += 1;
            if digits >= MAXDIGITS {
                return None;
            }
        }
    }
    let mut prec = -1;
    if ch == '.' {
        ch = next()?;
        prec = 0;
        let mut digits = 0;
        while ch.is_ascii_digit() {
            prec = prec * 10 + ch as i32 - '0' as i32;
            ch = next()?;
            digits += 1;
            if digits >= MAXDIGITS {
                return None;
            }
        }
    }
    Some((ch, ljust, width, prec))
}

#[cfg(test)]
mod tests {
    use super::const_value;
    use crate::bytecode::dis::const_repr;
    use crate::syntax::ast::StmtKind;
    use crate::syntax::{parse, Mode};

    /// The folded value of the expression `src`, as `repr()` shows it, or `None`.
    fn folded(src: &str) -> Option<String> {
        let parsed = parse(src, Mode::Expression);
        assert!(parsed.errors.is_empty(), "{src}: {:?}", parsed.errors);
        match &parsed.module.body[0].kind {
            StmtKind::Expr(e) => const_value(e).map(|c| const_repr(&c)),
            _ => panic!("{src}: not an expression"),
        }
    }

    #[test]
    fn folds_like_ast_opt() {
        let cases: &[(&str, Option<&str>)] = &[
            ("1 + 2", Some("3")),
            ("-5", Some("-5")),
            ("--5", Some("5")),
            ("~5", Some("-6")),
            ("not 0", Some("True")),
            ("-True", Some("-1")),
            ("True | False", Some("True")),
            ("True + True", Some("2")),
            ("7 // -2", Some("-4")),
            ("7 % -2", Some("-1")),
            ("-7.5 % 2", Some("0.5")),
            ("7.0 // 2", Some("3.0")),
            ("1 / 4", Some("0.25")),
            ("2 ** 10", Some("1024")),
            ("2 ** -1", None),
            ("2 ** 200", None),
            ("1 << 100", Some("1267650600228229401496703205376")),
            ("1 << 200", None),
            ("-9 >> 1", Some("-5")),
            ("1 / 0", None),
            ("1 % 0", None),
            ("1 + 2j", Some("(1+2j)")),
            ("2j * 3", Some("6j")),
            ("-1j", Some("(-0-1j)")),
            ("'ab' * 3", Some("'ababab'")),
            ("'a' * 5000", None),
            ("3 * 'ab'", Some("'ababab'")),
            ("'%s' % 'x'", None),
            ("(1, 2) + (3,)", Some("(1, 2, 3)")),
            ("(1,) * 257", None),
            ("'abc'[1]", Some("'b'")),
            ("'abc'[-1]", Some("'c'")),
            ("'abc'[5]", None),
            ("b'ab'[0]", Some("97")),
            ("(1, (2, 3))", Some("(1, (2, 3))")),
            ("(1, x)", None),
            ("__debug__", Some("True")),
            ("not __debug__", Some("False")),
            ("1 < 2", None),
            ("[1, 2]", None),
            ("1.5 * 2", Some("3.0")),
            ("0.1 + 0.2", Some("0.30000000000000004")),
            ("2.0 ** 0.5", Some("1.4142135623730951")),
            ("(-8.0) ** 0.5", None),
            ("'a' + 'b'", Some("'ab'")),
            ("b'a' + 'b'", None),
        ];
        for &(src, want) in cases {
            assert_eq!(folded(src).as_deref(), want, "{src}");
        }
    }
}
