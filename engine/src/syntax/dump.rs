//! A normalized, line-per-node dump of the AST, in exactly the format `tests/tools/ast_dump.py`
//! prints for CPython's `ast` (see that script for the format), so trees and positions can be
//! compared line by line. Node kinds, field order and names are CPython's.

use super::ast::*;
use super::text::{LineIndex, TextRange};
use std::fmt::Write;

/// A node to print below its parent.
enum Child<'a> {
    Expr(&'a Expr),
    Stmt(&'a Stmt),
    Pat(&'a Pattern),
    Args(&'a Arguments),
    Arg(&'a Arg),
    Kw(&'a Keyword),
    Alias(&'a Alias),
    With(&'a WithItem),
    Case(&'a MatchCase),
    Handler(&'a ExceptHandler),
    Comp(&'a Comprehension),
    None,
}

enum Field<'a> {
    Scalar(&'static str, String),
    One(&'static str, Child<'a>),
    Many(&'static str, Vec<Child<'a>>),
}

fn opt_expr(e: &Option<Expr>) -> Child<'_> {
    e.as_ref().map_or(Child::None, Child::Expr)
}

fn opt_box(e: &Option<Box<Expr>>) -> Child<'_> {
    e.as_deref().map_or(Child::None, Child::Expr)
}

fn exprs(v: &[Expr]) -> Vec<Child<'_>> {
    v.iter().map(Child::Expr).collect()
}

fn stmts(v: &[Stmt]) -> Vec<Child<'_>> {
    v.iter().map(Child::Stmt).collect()
}

fn pats(v: &[Pattern]) -> Vec<Child<'_>> {
    v.iter().map(Child::Pat).collect()
}

fn ident_list(v: &[Identifier]) -> String {
    let items: Vec<String> = v.iter().map(|i| py_str(&i.id)).collect();
    format!("[{}]", items.join(", "))
}

fn opt_ident(i: &Option<Identifier>) -> String {
    i.as_ref()
        .map_or_else(|| "None".to_string(), |i| py_str(&i.id))
}

/// `ascii(s)`: Python's repr with every non-ASCII character escaped.
pub fn py_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x7f => out.push(c),
            c if (c as u32) < 0x100 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push(quote);
    out
}

/// Python's `repr(bytes)`.
pub fn py_bytes(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            c if !(0x20..0x7f).contains(&c) => {
                let _ = write!(out, "\\x{c:02x}");
            }
            c => out.push(c as char),
        }
    }
    out.push(quote);
    out
}

/// Python's `repr(float)`: shortest round-trip digits, exponent form outside 1e-4..1e16.
pub fn py_float(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sci = format!("{f:e}");
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        } else {
            let point = exp as usize + 1;
            if digits.len() <= point {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', point - digits.len()));
                out.push_str(".0");
            } else {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

fn py_complex(imag: f64) -> String {
    let s = py_float(imag);
    let s = s.strip_suffix(".0").map(str::to_string).unwrap_or(s);
    format!("{s}j")
}

fn constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(Int::Small(v)) => v.to_string(),
        Constant::Int(Int::Big(b)) => b.to_string(),
        Constant::Float(f) => py_float(*f),
        Constant::Complex(f) => py_complex(*f),
        Constant::Str(s) => py_str(s),
        Constant::Bytes(b) => py_bytes(b),
    }
}

fn ctx(c: ExprContext) -> String {
    format!("{c:?}")
}

fn conversion(c: Conversion) -> String {
    match c {
        Conversion::None => "-1",
        Conversion::Str => "115",
        Conversion::Repr => "114",
        Conversion::Ascii => "97",
    }
    .into()
}

fn expr_fields(e: &Expr) -> (&'static str, Vec<Field<'_>>) {
    use Field::*;
    match &e.kind {
        ExprKind::BoolOp { op, values } => (
            "BoolOp",
            vec![
                Scalar("op", format!("{op:?}")),
                Many("values", exprs(values)),
            ],
        ),
        ExprKind::NamedExpr { target, value } => (
            "NamedExpr",
            vec![
                One("target", Child::Expr(target)),
                One("value", Child::Expr(value)),
            ],
        ),
        ExprKind::BinOp { left, op, right } => (
            "BinOp",
            vec![
                One("left", Child::Expr(left)),
                Scalar("op", format!("{op:?}")),
                One("right", Child::Expr(right)),
            ],
        ),
        ExprKind::UnaryOp { op, operand } => (
            "UnaryOp",
            vec![
                Scalar("op", format!("{op:?}")),
                One("operand", Child::Expr(operand)),
            ],
        ),
        ExprKind::Lambda { args, body } => (
            "Lambda",
            vec![
                One("args", Child::Args(args)),
                One("body", Child::Expr(body)),
            ],
        ),
        ExprKind::IfExp { test, body, orelse } => (
            "IfExp",
            vec![
                One("test", Child::Expr(test)),
                One("body", Child::Expr(body)),
                One("orelse", Child::Expr(orelse)),
            ],
        ),
        ExprKind::Dict { keys, values } => (
            "Dict",
            vec![
                Many("keys", keys.iter().map(opt_expr).collect()),
                Many("values", exprs(values)),
            ],
        ),
        ExprKind::Set(elts) => ("Set", vec![Many("elts", exprs(elts))]),
        ExprKind::ListComp { elt, generators } => ("ListComp", comp_fields(elt, generators)),
        ExprKind::SetComp { elt, generators } => ("SetComp", comp_fields(elt, generators)),
        ExprKind::GeneratorExp { elt, generators } => {
            ("GeneratorExp", comp_fields(elt, generators))
        }
        ExprKind::DictComp {
            key,
            value,
            generators,
        } => (
            "DictComp",
            vec![
                One("key", Child::Expr(key)),
                One("value", Child::Expr(value)),
                Many("generators", generators.iter().map(Child::Comp).collect()),
            ],
        ),
        ExprKind::Await(v) => ("Await", vec![One("value", Child::Expr(v))]),
        ExprKind::Yield(v) => ("Yield", vec![One("value", opt_box(v))]),
        ExprKind::YieldFrom(v) => ("YieldFrom", vec![One("value", Child::Expr(v))]),
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } => {
            let ops: Vec<String> = ops.iter().map(|o| format!("{o:?}")).collect();
            (
                "Compare",
                vec![
                    One("left", Child::Expr(left)),
                    Scalar("ops", format!("[{}]", ops.join(", "))),
                    Many("comparators", exprs(comparators)),
                ],
            )
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => (
            "Call",
            vec![
                One("func", Child::Expr(func)),
                Many("args", exprs(args)),
                Many("keywords", keywords.iter().map(Child::Kw).collect()),
            ],
        ),
        ExprKind::FormattedValue {
            value,
            conversion: c,
            format_spec,
        } => (
            "FormattedValue",
            vec![
                One("value", Child::Expr(value)),
                Scalar("conversion", conversion(*c)),
                One("format_spec", opt_box(format_spec)),
            ],
        ),
        ExprKind::JoinedStr(values) => ("JoinedStr", vec![Many("values", exprs(values))]),
        ExprKind::Constant { value, kind } => (
            "Constant",
            vec![
                Scalar("value", constant(value)),
                Scalar(
                    "kind",
                    kind.map_or_else(|| "None".to_string(), |k| py_str(&k.to_string())),
                ),
            ],
        ),
        ExprKind::Attribute {
            value,
            attr,
            ctx: c,
        } => (
            "Attribute",
            vec![
                One("value", Child::Expr(value)),
                Scalar("attr", py_str(&attr.id)),
                Scalar("ctx", ctx(*c)),
            ],
        ),
        ExprKind::Subscript {
            value,
            slice,
            ctx: c,
        } => (
            "Subscript",
            vec![
                One("value", Child::Expr(value)),
                One("slice", Child::Expr(slice)),
                Scalar("ctx", ctx(*c)),
            ],
        ),
        ExprKind::Starred { value, ctx: c } => (
            "Starred",
            vec![One("value", Child::Expr(value)), Scalar("ctx", ctx(*c))],
        ),
        ExprKind::Name { id, ctx: c } => (
            "Name",
            vec![Scalar("id", py_str(id)), Scalar("ctx", ctx(*c))],
        ),
        ExprKind::List { elts, ctx: c } => (
            "List",
            vec![Many("elts", exprs(elts)), Scalar("ctx", ctx(*c))],
        ),
        ExprKind::Tuple { elts, ctx: c } => (
            "Tuple",
            vec![Many("elts", exprs(elts)), Scalar("ctx", ctx(*c))],
        ),
        ExprKind::Slice { lower, upper, step } => (
            "Slice",
            vec![
                One("lower", opt_box(lower)),
                One("upper", opt_box(upper)),
                One("step", opt_box(step)),
            ],
        ),
        ExprKind::Invalid => ("Invalid", vec![]),
    }
}

fn comp_fields<'a>(elt: &'a Expr, generators: &'a [Comprehension]) -> Vec<Field<'a>> {
    vec![
        Field::One("elt", Child::Expr(elt)),
        Field::Many("generators", generators.iter().map(Child::Comp).collect()),
    ]
}

fn stmt_fields(s: &Stmt) -> (&'static str, Vec<Field<'_>>) {
    use Field::*;
    match &s.kind {
        StmtKind::FunctionDef(f) => (
            if f.is_async {
                "AsyncFunctionDef"
            } else {
                "FunctionDef"
            },
            vec![
                Scalar("name", py_str(&f.name.id)),
                One("args", Child::Args(&f.args)),
                Many("body", stmts(&f.body)),
                Many("decorator_list", exprs(&f.decorator_list)),
                One("returns", opt_expr(&f.returns)),
            ],
        ),
        StmtKind::ClassDef(c) => (
            "ClassDef",
            vec![
                Scalar("name", py_str(&c.name.id)),
                Many("bases", exprs(&c.bases)),
                Many("keywords", c.keywords.iter().map(Child::Kw).collect()),
                Many("body", stmts(&c.body)),
                Many("decorator_list", exprs(&c.decorator_list)),
            ],
        ),
        StmtKind::Return(v) => ("Return", vec![One("value", opt_box(v))]),
        StmtKind::Delete(t) => ("Delete", vec![Many("targets", exprs(t))]),
        StmtKind::Assign { targets, value } => (
            "Assign",
            vec![
                Many("targets", exprs(targets)),
                One("value", Child::Expr(value)),
            ],
        ),
        StmtKind::AugAssign { target, op, value } => (
            "AugAssign",
            vec![
                One("target", Child::Expr(target)),
                Scalar("op", format!("{op:?}")),
                One("value", Child::Expr(value)),
            ],
        ),
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            simple,
        } => (
            "AnnAssign",
            vec![
                One("target", Child::Expr(target)),
                One("annotation", Child::Expr(annotation)),
                One("value", opt_box(value)),
                Scalar("simple", (*simple as u8).to_string()),
            ],
        ),
        StmtKind::For(f) => (
            if f.is_async { "AsyncFor" } else { "For" },
            vec![
                One("target", Child::Expr(&f.target)),
                One("iter", Child::Expr(&f.iter)),
                Many("body", stmts(&f.body)),
                Many("orelse", stmts(&f.orelse)),
            ],
        ),
        StmtKind::While { test, body, orelse } => (
            "While",
            vec![
                One("test", Child::Expr(test)),
                Many("body", stmts(body)),
                Many("orelse", stmts(orelse)),
            ],
        ),
        StmtKind::If { test, body, orelse } => (
            "If",
            vec![
                One("test", Child::Expr(test)),
                Many("body", stmts(body)),
                Many("orelse", stmts(orelse)),
            ],
        ),
        StmtKind::With {
            is_async,
            items,
            body,
        } => (
            if *is_async { "AsyncWith" } else { "With" },
            vec![
                Many("items", items.iter().map(Child::With).collect()),
                Many("body", stmts(body)),
            ],
        ),
        StmtKind::Match { subject, cases } => (
            "Match",
            vec![
                One("subject", Child::Expr(subject)),
                Many("cases", cases.iter().map(Child::Case).collect()),
            ],
        ),
        StmtKind::Raise { exc, cause } => (
            "Raise",
            vec![One("exc", opt_box(exc)), One("cause", opt_box(cause))],
        ),
        StmtKind::Try(t) => (
            if t.is_star { "TryStar" } else { "Try" },
            vec![
                Many("body", stmts(&t.body)),
                Many("handlers", t.handlers.iter().map(Child::Handler).collect()),
                Many("orelse", stmts(&t.orelse)),
                Many("finalbody", stmts(&t.finalbody)),
            ],
        ),
        StmtKind::Assert { test, msg } => (
            "Assert",
            vec![One("test", Child::Expr(test)), One("msg", opt_box(msg))],
        ),
        StmtKind::Import(names) => (
            "Import",
            vec![Many("names", names.iter().map(Child::Alias).collect())],
        ),
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => (
            "ImportFrom",
            vec![
                Scalar("module", opt_ident(module)),
                Many("names", names.iter().map(Child::Alias).collect()),
                Scalar("level", level.to_string()),
            ],
        ),
        StmtKind::Global(names) => ("Global", vec![Scalar("names", ident_list(names))]),
        StmtKind::Nonlocal(names) => ("Nonlocal", vec![Scalar("names", ident_list(names))]),
        StmtKind::Expr(v) => ("Expr", vec![One("value", Child::Expr(v))]),
        StmtKind::Pass => ("Pass", vec![]),
        StmtKind::Break => ("Break", vec![]),
        StmtKind::Continue => ("Continue", vec![]),
        StmtKind::Invalid => ("Invalid", vec![]),
    }
}

fn pattern_fields(p: &Pattern) -> (&'static str, Vec<Field<'_>>) {
    use Field::*;
    match &p.kind {
        PatternKind::MatchValue(v) => ("MatchValue", vec![One("value", Child::Expr(v))]),
        PatternKind::MatchSingleton(c) => ("MatchSingleton", vec![Scalar("value", constant(c))]),
        PatternKind::MatchSequence(ps) => ("MatchSequence", vec![Many("patterns", pats(ps))]),
        PatternKind::MatchMapping {
            keys,
            patterns,
            rest,
        } => (
            "MatchMapping",
            vec![
                Many("keys", exprs(keys)),
                Many("patterns", pats(patterns)),
                Scalar("rest", opt_ident(rest)),
            ],
        ),
        PatternKind::MatchClass {
            cls,
            patterns,
            kwd_attrs,
            kwd_patterns,
        } => (
            "MatchClass",
            vec![
                One("cls", Child::Expr(cls)),
                Many("patterns", pats(patterns)),
                Scalar("kwd_attrs", ident_list(kwd_attrs)),
                Many("kwd_patterns", pats(kwd_patterns)),
            ],
        ),
        PatternKind::MatchStar(name) => ("MatchStar", vec![Scalar("name", opt_ident(name))]),
        PatternKind::MatchAs { pattern, name } => (
            "MatchAs",
            vec![
                One(
                    "pattern",
                    pattern.as_deref().map_or(Child::None, Child::Pat),
                ),
                Scalar("name", opt_ident(name)),
            ],
        ),
        PatternKind::MatchOr(ps) => ("MatchOr", vec![Many("patterns", pats(ps))]),
        PatternKind::Invalid => ("Invalid", vec![]),
    }
}

struct Dumper<'a> {
    index: LineIndex,
    out: String,
    _src: &'a str,
}

impl Dumper<'_> {
    fn pos(&mut self, r: TextRange) {
        let a = self.index.line_col(r.start);
        let b = self.index.line_col(r.end);
        let _ = write!(self.out, " L{}:C{}-L{}:C{}", a.line, a.col, b.line, b.col);
    }

    fn child(&mut self, label: &str, depth: usize, c: &Child) {
        let (kind, fields, range): (&str, Vec<Field>, Option<TextRange>) = match c {
            Child::Expr(e) => {
                let (k, f) = expr_fields(e);
                (k, f, Some(e.range))
            }
            Child::Stmt(s) => {
                let (k, f) = stmt_fields(s);
                (k, f, Some(s.range))
            }
            Child::Pat(p) => {
                let (k, f) = pattern_fields(p);
                (k, f, Some(p.range))
            }
            Child::Args(a) => (
                "arguments",
                vec![
                    Field::Many(
                        "posonlyargs",
                        a.posonlyargs.iter().map(Child::Arg).collect(),
                    ),
                    Field::Many("args", a.args.iter().map(Child::Arg).collect()),
                    Field::One("vararg", a.vararg.as_ref().map_or(Child::None, Child::Arg)),
                    Field::Many("kwonlyargs", a.kwonlyargs.iter().map(Child::Arg).collect()),
                    Field::Many("kw_defaults", a.kw_defaults.iter().map(opt_expr).collect()),
                    Field::One("kwarg", a.kwarg.as_ref().map_or(Child::None, Child::Arg)),
                    Field::Many("defaults", exprs(&a.defaults)),
                ],
                None,
            ),
            Child::Arg(a) => (
                "arg",
                vec![
                    Field::Scalar("arg", py_str(&a.arg.id)),
                    Field::One("annotation", opt_box(&a.annotation)),
                ],
                Some(a.range),
            ),
            Child::Kw(k) => (
                "keyword",
                vec![
                    Field::Scalar("arg", opt_ident(&k.arg)),
                    Field::One("value", Child::Expr(&k.value)),
                ],
                Some(k.range),
            ),
            Child::Alias(a) => (
                "alias",
                vec![
                    Field::Scalar("name", py_str(&a.name.id)),
                    Field::Scalar("asname", opt_ident(&a.asname)),
                ],
                Some(a.range),
            ),
            Child::With(w) => (
                "withitem",
                vec![
                    Field::One("context_expr", Child::Expr(&w.context_expr)),
                    Field::One("optional_vars", opt_expr(&w.optional_vars)),
                ],
                None,
            ),
            Child::Case(m) => (
                "match_case",
                vec![
                    Field::One("pattern", Child::Pat(&m.pattern)),
                    Field::One("guard", opt_expr(&m.guard)),
                    Field::Many("body", stmts(&m.body)),
                ],
                None,
            ),
            Child::Handler(h) => (
                "ExceptHandler",
                vec![
                    Field::One("type", opt_expr(&h.type_)),
                    Field::Scalar("name", opt_ident(&h.name)),
                    Field::Many("body", stmts(&h.body)),
                ],
                Some(h.range),
            ),
            Child::Comp(c) => (
                "comprehension",
                vec![
                    Field::One("target", Child::Expr(&c.target)),
                    Field::One("iter", Child::Expr(&c.iter)),
                    Field::Many("ifs", exprs(&c.ifs)),
                    Field::Scalar("is_async", (c.is_async as u8).to_string()),
                ],
                None,
            ),
            Child::None => {
                let _ = writeln!(self.out, "{}{label}None", "  ".repeat(depth));
                return;
            }
        };
        let mut head: Vec<String> = Vec::new();
        let mut kids: Vec<(String, &Child)> = Vec::new();
        for f in &fields {
            match f {
                Field::Scalar(n, v) => head.push(format!("{n}={v}")),
                Field::One(n, Child::None) => head.push(format!("{n}=None")),
                Field::One(n, c) => kids.push((format!("{n}="), c)),
                Field::Many(n, v) => {
                    if v.iter().any(|c| !matches!(c, Child::None)) {
                        for (i, c) in v.iter().enumerate() {
                            kids.push((format!("{n}[{i}]="), c));
                        }
                    } else {
                        let items = vec!["None"; v.len()].join(", ");
                        head.push(format!("{n}=[{items}]"));
                    }
                }
            }
        }
        let _ = write!(
            self.out,
            "{}{label}{kind}({})",
            "  ".repeat(depth),
            head.join(", ")
        );
        if let Some(r) = range {
            self.pos(r);
        }
        self.out.push('\n');
        for (lab, c) in kids {
            self.child(&lab, depth + 1, c);
        }
    }
}

/// The dump of every top-level statement of `module`, one line per node.
pub fn dump_module(source: &str, module: &Module) -> String {
    let mut d = Dumper {
        index: LineIndex::new(source),
        out: String::new(),
        _src: source,
    };
    for s in &module.body {
        d.child("", 0, &Child::Stmt(s));
    }
    d.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr() {
        let cases = [
            (1.5e20, "1.5e+20"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (3.0, "3.0"),
            (123.456, "123.456"),
            (f64::INFINITY, "inf"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (f, want) in cases {
            assert_eq!(py_float(f), want);
        }
        assert_eq!(py_complex(1.0), "1j");
        assert_eq!(py_complex(1e20), "1e+20j");
        assert_eq!(py_complex(2.5), "2.5j");
    }

    #[test]
    fn str_repr() {
        let cases = [
            ("a", "'a'"),
            ("it's", "\"it's\""),
            ("'\"", "'\\'\"'"),
            ("é\n\x00", "'\\xe9\\n\\x00'"),
            ("😀", "'\\U0001f600'"),
            ("\u{2028}", "'\\u2028'"),
        ];
        for (s, want) in cases {
            assert_eq!(py_str(s), want);
        }
        assert_eq!(py_bytes(b"a'\xff"), "b\"a'\\xff\"");
    }
}
