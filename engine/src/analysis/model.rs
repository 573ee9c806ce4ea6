//! What a binding site is in the syntax tree — a `def`, a `class`, an assignment, an import,
//! a parameter — and what can be said about it without running anything: signature,
//! docstring, members, and the value's type where it is evident.

use super::walk::{walk_body, Visitor};
use crate::syntax::ast::*;
use crate::syntax::TextRange;

/// The syntax behind a binding site.
#[derive(Clone, Copy, Debug)]
pub enum DefNode<'a> {
    /// A `def`; `method` when directly in a class body.
    Function {
        def: &'a FunctionDef,
        stmt: &'a Stmt,
        method: bool,
    },
    Class {
        def: &'a ClassDef,
        stmt: &'a Stmt,
    },
    /// `name = value` (or an annotated assignment with a value).
    Assign {
        value: &'a Expr,
    },
    /// `import module [as name]` (`name: None`) or `from module import name`.
    Import {
        module: &'a str,
        name: Option<&'a str>,
        level: u32,
    },
    Parameter {
        arg: &'a Arg,
    },
    /// Bound some other way (loop target, `with … as`, …).
    Other,
}

/// The node that binds the name at `site` (a binding site's range).
pub fn def_at(module: &Module, site: TextRange) -> DefNode<'_> {
    let mut finder = DefFinder {
        site,
        found: None,
        class_depth: Vec::new(),
    };
    walk_body(&mut finder, &module.body);
    finder.found.unwrap_or(DefNode::Other)
}

struct DefFinder<'a> {
    site: TextRange,
    found: Option<DefNode<'a>>,
    /// For each enclosing statement being a class (true) or function (false).
    class_depth: Vec<bool>,
}

impl<'a> Visitor<'a> for DefFinder<'a> {
    fn stmt(&mut self, s: &'a Stmt) -> bool {
        // Decorators start before the statement: they count as part of it here.
        let decorators = match &s.kind {
            StmtKind::FunctionDef(f) => f.decorator_list.as_slice(),
            StmtKind::ClassDef(c) => c.decorator_list.as_slice(),
            _ => &[],
        };
        let start = decorators
            .iter()
            .map(|d| d.range.start)
            .fold(s.range.start, u32::min);
        let extent = TextRange::new(start, s.range.end.max(start));
        if self.found.is_some() || !extent.contains_inclusive(self.site.start) {
            return false;
        }
        let site = self.site;
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                if f.name.range == site {
                    self.found = Some(DefNode::Function {
                        def: f,
                        stmt: s,
                        method: self.class_depth.last() == Some(&true),
                    });
                    return false;
                }
                let args = &f.args;
                for arg in args
                    .posonlyargs
                    .iter()
                    .chain(&args.args)
                    .chain(&args.vararg)
                    .chain(&args.kwonlyargs)
                    .chain(&args.kwarg)
                {
                    if arg.arg.range == site {
                        self.found = Some(DefNode::Parameter { arg });
                        return false;
                    }
                }
                self.class_depth.push(false);
            }
            StmtKind::ClassDef(c) => {
                if c.name.range == site {
                    self.found = Some(DefNode::Class { def: c, stmt: s });
                    return false;
                }
                self.class_depth.push(true);
            }
            StmtKind::Assign { targets, value }
                if targets
                    .iter()
                    .any(|t| t.range == site && matches!(t.kind, ExprKind::Name { .. })) =>
            {
                self.found = Some(DefNode::Assign { value });
            }
            StmtKind::AnnAssign {
                target,
                value: Some(value),
                ..
            } if target.range == site => {
                self.found = Some(DefNode::Assign { value });
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound = a.asname.as_ref().map_or(a.name.range, |n| n.range);
                    if bound.contains_range(site) || a.name.range.contains_range(site) {
                        self.found = Some(DefNode::Import {
                            module: &a.name.id,
                            name: None,
                            level: 0,
                        });
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                for a in names {
                    let bound = a.asname.as_ref().map_or(a.name.range, |n| n.range);
                    if bound == site || a.name.range == site {
                        self.found = Some(DefNode::Import {
                            module: module.as_ref().map_or("", |m| m.id.as_str()),
                            name: Some(&a.name.id),
                            level: *level,
                        });
                    }
                }
            }
            _ => {}
        }
        true
    }

    fn leave_stmt(&mut self, s: &'a Stmt) {
        if matches!(s.kind, StmtKind::FunctionDef(_) | StmtKind::ClassDef(_)) {
            self.class_depth.pop();
        }
    }

    fn expr(&mut self, e: &'a Expr) -> bool {
        if self.found.is_some() {
            return false;
        }
        if let ExprKind::Lambda { args, .. } = &e.kind {
            for arg in args
                .posonlyargs
                .iter()
                .chain(&args.args)
                .chain(&args.kwonlyargs)
            {
                if arg.arg.range == self.site {
                    self.found = Some(DefNode::Parameter { arg });
                }
            }
        }
        e.range.contains_inclusive(self.site.start)
    }
}

/// `def name(a, b=2, *args, c, **kw) -> R` as written (defaults and annotations shown from
/// the source).
pub fn signature(text: &str, f: &FunctionDef) -> String {
    signature_shown(text, f, false)
}

/// [`signature`], with defaults that are private names (`initial=_initial_missing`, a
/// library's sentinels) shown as `...`, as stubs show them.
pub fn signature_shown(text: &str, f: &FunctionDef, elide_private: bool) -> String {
    let params = parameters_shown(text, &f.args, elide_private);
    let ret = f
        .returns
        .as_ref()
        .map(|r| format!(" -> {}", r.range.slice(text)))
        .unwrap_or_default();
    let kw = if f.is_async { "async def" } else { "def" };
    format!("{kw} {}({}){ret}", f.name.id, params.join(", "))
}

/// Each parameter as written, with `/` and `*` markers where Python needs them.
pub fn parameters(text: &str, a: &Arguments) -> Vec<String> {
    parameters_shown(text, a, false)
}

/// [`parameters`], optionally with private-name defaults shown as `...`.
pub fn parameters_shown(text: &str, a: &Arguments, elide_private: bool) -> Vec<String> {
    let default_text = |d: &Expr| match &d.kind {
        ExprKind::Name { id, .. } if elide_private && id.starts_with('_') => "...",
        _ => d.range.slice(text),
    };
    let show = |arg: &Arg, default: Option<&Expr>| {
        let mut s = arg.arg.id.to_string();
        if let Some(ann) = &arg.annotation {
            s.push_str(": ");
            s.push_str(ann.range.slice(text));
        }
        if let Some(d) = default {
            s.push_str(if arg.annotation.is_some() { " = " } else { "=" });
            s.push_str(default_text(d));
        }
        s
    };
    let positional: Vec<&Arg> = a.posonlyargs.iter().chain(&a.args).collect();
    let first_default = positional.len().saturating_sub(a.defaults.len());
    let mut out = Vec::new();
    for (i, arg) in positional.iter().enumerate() {
        let default = i.checked_sub(first_default).and_then(|j| a.defaults.get(j));
        out.push(show(arg, default));
        if i + 1 == a.posonlyargs.len() {
            out.push("/".to_owned());
        }
    }
    if let Some(v) = &a.vararg {
        out.push(format!("*{}", show(v, None)));
    } else if !a.kwonlyargs.is_empty() {
        out.push("*".to_owned());
    }
    for (i, arg) in a.kwonlyargs.iter().enumerate() {
        out.push(show(arg, a.kw_defaults.get(i).and_then(|d| d.as_ref())));
    }
    if let Some(k) = &a.kwarg {
        out.push(format!("**{}", show(k, None)));
    }
    out
}

/// The docstring of a body (its first statement, when a string literal), dedented.
pub fn docstring(body: &[Stmt]) -> Option<String> {
    let StmtKind::Expr(e) = &body.first()?.kind else {
        return None;
    };
    let ExprKind::Constant {
        value: Constant::Str(s),
        ..
    } = &e.kind
    else {
        return None;
    };
    Some(dedent_doc(s))
}

fn dedent_doc(s: &str) -> String {
    let mut lines = s.lines();
    let first = lines.next().unwrap_or("").trim().to_owned();
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out = vec![first];
    out.extend(
        rest.iter()
            .map(|l| l.get(indent..).unwrap_or("").trim_end().to_owned()),
    );
    out.join("\n").trim().to_owned()
}

/// The type of an expression's value when it is evident from the syntax: literals,
/// displays, comprehensions, f-strings, and calls of a class or of a known function.
pub fn evident_type(e: &Expr, call_type: &dyn Fn(&Expr) -> Option<String>) -> Option<String> {
    Some(match &e.kind {
        ExprKind::Constant { value, .. } => match value {
            Constant::None => "None",
            Constant::Bool(_) => "bool",
            Constant::Ellipsis => "ellipsis",
            Constant::Int(_) => "int",
            Constant::Float(_) => "float",
            Constant::Complex(_) => "complex",
            Constant::Str(_) => "str",
            Constant::Bytes(_) => "bytes",
        }
        .to_owned(),
        ExprKind::JoinedStr(_) => "str".to_owned(),
        ExprKind::List { .. } | ExprKind::ListComp { .. } => "list".to_owned(),
        ExprKind::Tuple { .. } => "tuple".to_owned(),
        ExprKind::Dict { .. } | ExprKind::DictComp { .. } => "dict".to_owned(),
        ExprKind::Set(_) | ExprKind::SetComp { .. } => "set".to_owned(),
        ExprKind::GeneratorExp { .. } => "generator".to_owned(),
        ExprKind::Lambda { .. } => "function".to_owned(),
        ExprKind::Compare { .. } => "bool".to_owned(),
        ExprKind::UnaryOp {
            op: UnaryOp::Not, ..
        } => "bool".to_owned(),
        ExprKind::Call { func, .. } => return call_type(func),
        _ => return None,
    })
}

/// The types of every `return` value of a function body, when each is evident without
/// calls; `None` when any is not. A body without `return value` returns `None`.
pub fn literal_return_type(f: &FunctionDef) -> Option<String> {
    struct Returns<'a> {
        values: Vec<Option<&'a Expr>>,
        yields: bool,
    }
    impl<'a> Visitor<'a> for Returns<'a> {
        fn stmt(&mut self, s: &'a Stmt) -> bool {
            match &s.kind {
                StmtKind::Return(v) => {
                    self.values.push(v.as_deref());
                    true
                }
                StmtKind::FunctionDef(_) | StmtKind::ClassDef(_) => false,
                _ => true,
            }
        }
        fn expr(&mut self, e: &'a Expr) -> bool {
            if matches!(e.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
                self.yields = true;
            }
            !matches!(e.kind, ExprKind::Lambda { .. })
        }
    }
    let mut r = Returns {
        values: Vec::new(),
        yields: false,
    };
    walk_body(&mut r, &f.body);
    if r.yields || f.is_async {
        return None;
    }
    let mut types: Vec<String> = Vec::new();
    for v in r.values {
        let t = match v {
            None => "None".to_owned(),
            Some(e) => evident_type(e, &|_| None)?,
        };
        if !types.contains(&t) {
            types.push(t);
        }
    }
    if types.is_empty() {
        return Some("None".to_owned());
    }
    Some(types.join(" | "))
}

/// The members a class body defines: methods, class attributes, and (from methods)
/// attributes assigned on `self`.
pub fn class_members<'a>(text: &'a str, c: &'a ClassDef) -> Vec<ClassMember<'a>> {
    let mut out: Vec<ClassMember<'a>> = Vec::new();
    let mut push = |m: ClassMember<'a>| {
        if !out.iter().any(|o| o.name == m.name) {
            out.push(m);
        }
    };
    for s in &c.body {
        match &s.kind {
            StmtKind::FunctionDef(f) => push(ClassMember {
                name: f.name.id.to_string(),
                range: f.name.range,
                function: Some(f),
                is_property: f
                    .decorator_list
                    .iter()
                    .any(|d| d.range.slice(text) == "property"),
            }),
            StmtKind::Assign { targets, .. } => {
                for t in targets {
                    if let ExprKind::Name { id, .. } = &t.kind {
                        push(ClassMember {
                            name: id.to_string(),
                            range: t.range,
                            function: None,
                            is_property: false,
                        });
                    }
                }
            }
            StmtKind::AnnAssign { target, .. } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    push(ClassMember {
                        name: id.to_string(),
                        range: target.range,
                        function: None,
                        is_property: false,
                    });
                }
            }
            _ => {}
        }
    }
    // `self.x = …` in methods.
    struct SelfAttrs<'a> {
        found: Vec<(String, TextRange)>,
        _m: std::marker::PhantomData<&'a ()>,
    }
    impl<'a> Visitor<'a> for SelfAttrs<'a> {
        fn expr(&mut self, e: &'a Expr) -> bool {
            if let ExprKind::Attribute {
                value,
                attr,
                ctx: ExprContext::Store,
            } = &e.kind
            {
                if matches!(&value.kind, ExprKind::Name { id, .. } if id == "self") {
                    self.found.push((attr.id.to_string(), attr.range));
                }
            }
            true
        }
    }
    let mut v = SelfAttrs {
        found: Vec::new(),
        _m: std::marker::PhantomData,
    };
    for s in &c.body {
        if let StmtKind::FunctionDef(f) = &s.kind {
            walk_body(&mut v, &f.body);
        }
    }
    for (name, range) in v.found {
        push(ClassMember {
            name,
            range,
            function: None,
            is_property: false,
        });
    }
    out
}

#[derive(Clone, Debug)]
pub struct ClassMember<'a> {
    pub name: String,
    /// The name's range at its definition.
    pub range: TextRange,
    pub function: Option<&'a FunctionDef>,
    pub is_property: bool,
}

/// The innermost statements and expressions containing `offset`, outermost first.
pub fn enclosing_nodes(module: &Module, offset: u32) -> Vec<TextRange> {
    struct Enclosing {
        offset: u32,
        found: Vec<TextRange>,
    }
    impl<'a> Visitor<'a> for Enclosing {
        fn stmt(&mut self, s: &'a Stmt) -> bool {
            let inside = s.range.contains_inclusive(self.offset);
            if inside {
                self.found.push(s.range);
            }
            inside
        }
        fn expr(&mut self, e: &'a Expr) -> bool {
            let inside = e.range.contains_inclusive(self.offset);
            if inside {
                self.found.push(e.range);
            }
            inside
        }
    }
    let mut v = Enclosing {
        offset,
        found: Vec::new(),
    };
    walk_body(&mut v, &module.body);
    v.found
}
