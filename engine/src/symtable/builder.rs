//! Pass 1 of CPython's symtable: walk the tree in `symtable.c`'s order, open a scope for each
//! module/class/function/lambda/comprehension, and record every name's raw flags and sites.
//! Errors CPython raises during this walk are collected in walk order.

use super::flags::SymbolFlags;
use super::mangle::mangle;
use super::scope::{ComprehensionKind, Scope, ScopeId, ScopeKind, Site, SymbolTable};
use crate::syntax::ast::*;
use crate::syntax::error::SyntaxError;
use crate::syntax::text::TextRange;

/// Deeper trees than this are refused (CPython raises RecursionError near 3000 levels).
pub(crate) const MAX_DEPTH: u32 = 2900;

pub(crate) const RECURSION_MESSAGE: &str = "maximum recursion depth exceeded during compilation";

/// Walk state CPython keeps per scope entry but never exposes.
#[derive(Clone, Copy, Default)]
struct WalkState {
    /// Visiting a comprehension's iteration target (`ste_comp_iter_target`).
    comp_iter_target: bool,
    /// Nesting count of comprehension iterable expressions (`ste_comp_iter_expr`).
    comp_iter_expr: u32,
}

pub(crate) struct Builder {
    pub table: SymbolTable,
    pub errors: Vec<SyntaxError>,
    cur: ScopeId,
    stack: Vec<ScopeId>,
    state: Vec<WalkState>,
    /// The enclosing class name, for mangling (`st_private`).
    private: Option<Name>,
    depth: u32,
    too_deep: bool,
}

impl Builder {
    pub(crate) fn new(module_range: TextRange, future_annotations: bool) -> Self {
        let mut table = SymbolTable::new();
        table.future_annotations = future_annotations;
        let module = Scope::new(ScopeKind::Module, Name::from("top"), module_range, None);
        let id = table.push_scope(module, true);
        Builder {
            table,
            errors: Vec::new(),
            cur: id,
            stack: vec![id],
            state: vec![WalkState::default()],
            private: None,
            depth: 0,
            too_deep: false,
        }
    }

    pub(crate) fn visit_module(&mut self, body: &[Stmt]) {
        for stmt in body {
            self.visit_stmt(stmt);
        }
    }

    fn error(&mut self, message: impl Into<String>, range: TextRange) {
        self.errors.push(SyntaxError::new(message, range));
    }

    fn cur(&self) -> &Scope {
        self.table.scope(self.cur)
    }

    fn cur_mut(&mut self) -> &mut Scope {
        self.table.scope_mut(self.cur)
    }

    fn state(&mut self) -> &mut WalkState {
        &mut self.state[self.cur.index()]
    }

    fn comprehension_kind(&self, id: ScopeId) -> Option<ComprehensionKind> {
        match self.table.scope(id).kind {
            ScopeKind::Comprehension(kind) => Some(kind),
            _ => None,
        }
    }

    // ---- scopes ---------------------------------------------------------------------

    fn enter(&mut self, kind: ScopeKind, name: &str, range: TextRange) {
        let parent = self.cur;
        let parent_scope = self.table.scope(parent);
        let nested = parent_scope.is_nested || parent_scope.kind.is_function_like();
        let mut scope = Scope::new(kind, Name::from(name), range, Some(parent));
        scope.is_nested = nested;
        // Annotation blocks are not attached to their parent (CPython's
        // symtable_enter_block returns before appending them to ste_children).
        let id = self.table.push_scope(scope, kind != ScopeKind::Annotation);
        let inherited = self.state[parent.index()].comp_iter_expr;
        self.state.push(WalkState {
            comp_iter_target: false,
            comp_iter_expr: inherited,
        });
        self.stack.push(id);
        self.cur = id;
    }

    fn exit(&mut self) {
        self.stack.pop();
        self.cur = *self.stack.last().unwrap_or(&ScopeId::MODULE);
    }

    // ---- definitions ----------------------------------------------------------------

    fn mangled(&self, name: &str) -> Name {
        mangle(self.private.as_deref(), name).unwrap_or_else(|| Name::from(name))
    }

    /// CPython's `symtable_lookup`: the flags of `name` (mangled) in the current scope.
    fn lookup(&self, name: &str) -> SymbolFlags {
        self.cur().flags_of(&self.mangled(name))
    }

    fn add_def(&mut self, name: &str, flag: SymbolFlags, site: TextRange) {
        self.add_def_in(self.cur, name, flag, site, site);
    }

    /// CPython's `symtable_add_def_helper`: `site` is recorded for the editor, `at` is
    /// where CPython reports an error about this definition.
    fn add_def_in(
        &mut self,
        id: ScopeId,
        name: &str,
        flag: SymbolFlags,
        site: TextRange,
        at: TextRange,
    ) {
        let mangled = self.mangled(name);
        let comp_iter_target = self.state[id.index()].comp_iter_target;
        let scope = self.table.scope_mut(id);
        let old = scope.flags_of(&mangled);
        if flag.contains(SymbolFlags::DEF_PARAM) && old.contains(SymbolFlags::DEF_PARAM) {
            self.error(
                format!("duplicate argument '{name}' in function definition"),
                at,
            );
            return;
        }
        let mut add = flag;
        if comp_iter_target {
            if (old | flag).intersects(SymbolFlags::DEF_GLOBAL | SymbolFlags::DEF_NONLOCAL) {
                self.error(
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                    at,
                );
                return;
            }
            add |= SymbolFlags::DEF_COMP_ITER;
        }
        let scope = self.table.scope_mut(id);
        let index = scope.add_flags(&mangled, add);
        scope.symbols[index].sites.push(Site {
            range: site,
            flags: flag,
        });
        if flag.contains(SymbolFlags::DEF_PARAM) {
            scope.params.push(mangled);
        } else if flag.contains(SymbolFlags::DEF_GLOBAL) {
            // A global declaration anywhere also marks the name in the module's table.
            self.table
                .scope_mut(ScopeId::MODULE)
                .add_flags(&mangled, flag);
        }
    }

    fn record_directive(&mut self, name: &str, at: TextRange) {
        let mangled = self.mangled(name);
        self.cur_mut().directives.push((mangled, at));
    }

    // ---- statements -----------------------------------------------------------------

    fn visit_body(&mut self, body: &[Stmt]) {
        for stmt in body {
            self.visit_stmt(stmt);
        }
    }

    fn descend(&mut self, range: TextRange) -> bool {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            if !self.too_deep {
                self.too_deep = true;
                self.error(RECURSION_MESSAGE, range);
            }
            return false;
        }
        true
    }

    fn visit_stmt(&mut self, s: &Stmt) {
        if self.descend(s.range) {
            self.visit_stmt_inner(s);
        }
        self.depth -= 1;
    }

    fn visit_stmt_inner(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.add_def_in(
                    self.cur,
                    &f.name.id,
                    SymbolFlags::DEF_LOCAL,
                    f.name.range,
                    s.range,
                );
                self.visit_exprs(&f.args.defaults);
                for d in f.args.kw_defaults.iter().flatten() {
                    self.visit_expr(d);
                }
                self.visit_annotations(s.range, &f.args, f.returns.as_ref());
                self.visit_exprs(&f.decorator_list);
                self.enter(ScopeKind::Function, &f.name.id, s.range);
                if f.is_async {
                    let scope = self.cur_mut();
                    scope.is_async = true;
                    scope.is_coroutine = true;
                }
                self.visit_params(&f.args);
                self.visit_body(&f.body);
                self.exit();
            }
            StmtKind::ClassDef(c) => {
                self.add_def_in(
                    self.cur,
                    &c.name.id,
                    SymbolFlags::DEF_LOCAL,
                    c.name.range,
                    s.range,
                );
                self.visit_exprs(&c.bases);
                for k in &c.keywords {
                    self.visit_expr(&k.value);
                }
                self.visit_exprs(&c.decorator_list);
                self.enter(ScopeKind::Class, &c.name.id, s.range);
                let saved = self.private.replace(c.name.id.clone());
                self.visit_body(&c.body);
                self.private = saved;
                self.exit();
            }
            StmtKind::Return(value) => {
                if let Some(value) = value {
                    self.visit_expr(value);
                    self.cur_mut().returns_value = true;
                }
            }
            StmtKind::Delete(targets) => self.visit_exprs(targets),
            StmtKind::Assign { targets, value } => {
                self.visit_exprs(targets);
                self.visit_expr(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let ExprKind::Name { id, .. } = &target.kind {
                    let cur = self.lookup(id);
                    if cur.intersects(SymbolFlags::DEF_GLOBAL | SymbolFlags::DEF_NONLOCAL)
                        && self.cur != ScopeId::MODULE
                        && *simple
                    {
                        let what = if cur.contains(SymbolFlags::DEF_GLOBAL) {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        self.error(format!("annotated name '{id}' can't be {what}"), s.range);
                    }
                    if *simple {
                        self.add_def(
                            id,
                            SymbolFlags::DEF_ANNOT | SymbolFlags::DEF_LOCAL,
                            target.range,
                        );
                    } else if value.is_some() {
                        self.add_def(id, SymbolFlags::DEF_LOCAL, target.range);
                    }
                } else {
                    self.visit_expr(target);
                }
                self.visit_annotation(annotation);
                if let Some(value) = value {
                    self.visit_expr(value);
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_expr(target);
                self.visit_expr(value);
            }
            StmtKind::For(f) => {
                self.visit_expr(&f.target);
                self.visit_expr(&f.iter);
                self.visit_body(&f.body);
                self.visit_body(&f.orelse);
            }
            StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
                self.visit_expr(test);
                self.visit_body(body);
                self.visit_body(orelse);
            }
            StmtKind::With { items, body, .. } => {
                for item in items {
                    self.visit_expr(&item.context_expr);
                    if let Some(vars) = &item.optional_vars {
                        self.visit_expr(vars);
                    }
                }
                self.visit_body(body);
            }
            StmtKind::Match { subject, cases } => {
                self.visit_expr(subject);
                for case in cases {
                    self.visit_pattern(&case.pattern);
                    if let Some(guard) = &case.guard {
                        self.visit_expr(guard);
                    }
                    self.visit_body(&case.body);
                }
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(exc) = exc {
                    self.visit_expr(exc);
                    if let Some(cause) = cause {
                        self.visit_expr(cause);
                    }
                }
            }
            StmtKind::Try(t) => {
                self.visit_body(&t.body);
                self.visit_body(&t.orelse);
                for h in &t.handlers {
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty);
                    }
                    if let Some(name) = &h.name {
                        self.add_def_in(
                            self.cur,
                            &name.id,
                            SymbolFlags::DEF_LOCAL,
                            name.range,
                            h.range,
                        );
                    }
                    self.visit_body(&h.body);
                }
                self.visit_body(&t.finalbody);
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test);
                if let Some(msg) = msg {
                    self.visit_expr(msg);
                }
            }
            StmtKind::Import(names) | StmtKind::ImportFrom { names, .. } => {
                for alias in names {
                    self.visit_alias(alias);
                }
            }
            StmtKind::Global(names) => self.visit_directive(names, s.range, true),
            StmtKind::Nonlocal(names) => self.visit_directive(names, s.range, false),
            StmtKind::Expr(value) => self.visit_expr(value),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue | StmtKind::Invalid => {}
        }
    }

    fn visit_directive(&mut self, names: &[Identifier], at: TextRange, global: bool) {
        let (keyword, flag) = if global {
            ("global", SymbolFlags::DEF_GLOBAL)
        } else {
            ("nonlocal", SymbolFlags::DEF_NONLOCAL)
        };
        for name in names {
            let cur = self.lookup(&name.id);
            if cur.intersects(
                SymbolFlags::DEF_PARAM
                    | SymbolFlags::DEF_LOCAL
                    | SymbolFlags::USE
                    | SymbolFlags::DEF_ANNOT,
            ) {
                let n = &name.id;
                let message = if cur.contains(SymbolFlags::DEF_PARAM) {
                    format!("name '{n}' is parameter and {keyword}")
                } else if cur.contains(SymbolFlags::USE) {
                    format!("name '{n}' is used prior to {keyword} declaration")
                } else if cur.contains(SymbolFlags::DEF_ANNOT) {
                    format!("annotated name '{n}' can't be {keyword}")
                } else {
                    format!("name '{n}' is assigned to before {keyword} declaration")
                };
                self.error(message, at);
                continue;
            }
            self.add_def_in(self.cur, &name.id, flag, name.range, at);
            self.record_directive(&name.id, at);
        }
    }

    fn visit_alias(&mut self, alias: &Alias) {
        let (name, range) = match &alias.asname {
            Some(asname) => (&asname.id, asname.range),
            None => (&alias.name.id, alias.name.range),
        };
        if name == "*" {
            if self.cur().kind != ScopeKind::Module {
                self.error("import * only allowed at module level", alias.range);
            }
            return;
        }
        // `import a.b` binds `a`.
        let (stored, site) = match name.find('.') {
            Some(dot) => (
                &name[..dot],
                TextRange::new(range.start, range.start + dot as u32),
            ),
            None => (name.as_str(), range),
        };
        self.add_def_in(self.cur, stored, SymbolFlags::DEF_IMPORT, site, alias.range);
    }

    // ---- functions ------------------------------------------------------------------

    /// Parameter annotations and the return annotation, evaluated in the enclosing scope
    /// (or in an annotation scope under `from __future__ import annotations`).
    fn visit_annotations(
        &mut self,
        def_range: TextRange,
        args: &Arguments,
        returns: Option<&Expr>,
    ) {
        let future = self.table.future_annotations;
        if future {
            self.enter(ScopeKind::Annotation, "_annotation", def_range);
        }
        for arg in args.posonlyargs.iter().chain(&args.args) {
            if let Some(a) = &arg.annotation {
                self.visit_expr(a);
            }
        }
        if let Some(a) = args.vararg.as_ref().and_then(|v| v.annotation.as_ref()) {
            self.visit_expr(a);
        }
        if let Some(a) = args.kwarg.as_ref().and_then(|v| v.annotation.as_ref()) {
            self.visit_expr(a);
        }
        for arg in &args.kwonlyargs {
            if let Some(a) = &arg.annotation {
                self.visit_expr(a);
            }
        }
        if future {
            self.exit();
        }
        if let Some(returns) = returns {
            self.visit_annotation(returns);
        }
    }

    fn visit_annotation(&mut self, annotation: &Expr) {
        let future = self.table.future_annotations;
        if future {
            self.enter(ScopeKind::Annotation, "_annotation", annotation.range);
        }
        self.visit_expr(annotation);
        if future {
            self.exit();
        }
    }

    /// Parameters in CPython's order: positional-only, positional, keyword-only, `*args`,
    /// `**kwargs`.
    fn visit_params(&mut self, args: &Arguments) {
        for arg in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
        {
            self.add_def_in(
                self.cur,
                &arg.arg.id,
                SymbolFlags::DEF_PARAM,
                arg.arg.range,
                arg.range,
            );
        }
        if let Some(arg) = &args.vararg {
            self.add_def_in(
                self.cur,
                &arg.arg.id,
                SymbolFlags::DEF_PARAM,
                arg.arg.range,
                arg.range,
            );
            self.cur_mut().has_varargs = true;
        }
        if let Some(arg) = &args.kwarg {
            self.add_def_in(
                self.cur,
                &arg.arg.id,
                SymbolFlags::DEF_PARAM,
                arg.arg.range,
                arg.range,
            );
            self.cur_mut().has_varkeywords = true;
        }
    }

    // ---- expressions ----------------------------------------------------------------

    fn visit_exprs(&mut self, exprs: &[Expr]) {
        for e in exprs {
            self.visit_expr(e);
        }
    }

    fn visit_expr(&mut self, e: &Expr) {
        if self.descend(e.range) {
            self.visit_expr_inner(e);
        }
        self.depth -= 1;
    }

    fn raise_if_annotation(&mut self, what: &str, e: &Expr) -> bool {
        if self.cur().kind == ScopeKind::Annotation {
            self.error(
                format!("'{what}' can not be used within an annotation"),
                e.range,
            );
            return true;
        }
        false
    }

    fn visit_expr_inner(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                if self.raise_if_annotation("named expression", e) {
                    return;
                }
                self.visit_named_expr(e, target, value);
            }
            ExprKind::BoolOp { values, .. } => self.visit_exprs(values),
            ExprKind::BinOp { left, right, .. } => {
                self.visit_expr(left);
                self.visit_expr(right);
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand),
            ExprKind::Lambda { args, body } => {
                self.visit_exprs(&args.defaults);
                for d in args.kw_defaults.iter().flatten() {
                    self.visit_expr(d);
                }
                self.enter(ScopeKind::Lambda, "lambda", e.range);
                self.visit_params(args);
                self.visit_expr(body);
                self.exit();
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test);
                self.visit_expr(body);
                self.visit_expr(orelse);
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.visit_expr(k);
                }
                self.visit_exprs(values);
            }
            ExprKind::Set(elts) => self.visit_exprs(elts),
            ExprKind::ListComp { elt, generators } => {
                self.visit_comprehension(e, ComprehensionKind::List, generators, elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comprehension(e, ComprehensionKind::Set, generators, elt, None)
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comprehension(e, ComprehensionKind::Generator, generators, elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comprehension(e, ComprehensionKind::Dict, generators, key, Some(value)),
            ExprKind::Yield(value) => {
                if self.raise_if_annotation("yield expression", e) {
                    return;
                }
                if let Some(v) = value {
                    self.visit_expr(v);
                }
                self.yield_seen(e);
            }
            ExprKind::YieldFrom(value) => {
                if self.raise_if_annotation("yield expression", e) {
                    return;
                }
                self.visit_expr(value);
                self.yield_seen(e);
            }
            ExprKind::Await(value) => {
                if self.raise_if_annotation("await expression", e) {
                    return;
                }
                self.visit_expr(value);
                self.cur_mut().is_coroutine = true;
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
                self.visit_exprs(args);
                for k in keywords {
                    self.visit_expr(&k.value);
                }
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
            ExprKind::Attribute { value, .. } => self.visit_expr(value),
            ExprKind::Subscript { value, slice, .. } => {
                self.visit_expr(value);
                self.visit_expr(slice);
            }
            ExprKind::Starred { value, .. } => self.visit_expr(value),
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(part);
                }
            }
            ExprKind::Name { id, ctx } => {
                let flag = if *ctx == ExprContext::Load {
                    SymbolFlags::USE
                } else {
                    SymbolFlags::DEF_LOCAL
                };
                self.add_def(id, flag, e.range);
                // `super()` needs the implicit `__class__` cell.
                if *ctx == ExprContext::Load && self.cur().kind.is_function_like() && id == "super"
                {
                    self.add_def("__class__", SymbolFlags::USE, e.range);
                }
            }
            ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. } => self.visit_exprs(elts),
        }
    }

    fn yield_seen(&mut self, e: &Expr) {
        self.cur_mut().is_generator = true;
        if let Some(kind) = self.comprehension_kind(self.cur) {
            let what = match kind {
                ComprehensionKind::List => "list comprehension",
                ComprehensionKind::Set => "set comprehension",
                ComprehensionKind::Dict => "dict comprehension",
                ComprehensionKind::Generator => "generator expression",
            };
            self.error(format!("'yield' inside {what}"), e.range);
        }
    }

    fn visit_named_expr(&mut self, e: &Expr, target: &Expr, value: &Expr) {
        if self.state[self.cur.index()].comp_iter_expr > 0 {
            self.error(
                "assignment expression cannot be used in a comprehension iterable expression",
                e.range,
            );
            return;
        }
        if self.comprehension_kind(self.cur).is_some() {
            if let ExprKind::Name { id, .. } = &target.kind {
                if !self.extend_named_expr_scope(id, target.range) {
                    return;
                }
            }
        }
        self.visit_expr(value);
        self.visit_expr(target);
    }

    /// A walrus target inside a comprehension binds in the nearest enclosing function or
    /// module scope (CPython's `symtable_extend_namedexpr_scope`).
    fn extend_named_expr_scope(&mut self, name: &Name, at: TextRange) -> bool {
        for i in (0..self.stack.len()).rev() {
            let id = self.stack[i];
            let scope = self.table.scope(id);
            match scope.kind {
                ScopeKind::Comprehension(_) => {
                    if scope
                        .flags_of(&self.mangled(name))
                        .contains(SymbolFlags::DEF_COMP_ITER)
                    {
                        self.error(
                            format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                            at,
                        );
                        return false;
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let flag = if scope
                        .flags_of(&self.mangled(name))
                        .contains(SymbolFlags::DEF_GLOBAL)
                    {
                        SymbolFlags::DEF_GLOBAL
                    } else {
                        SymbolFlags::DEF_NONLOCAL
                    };
                    self.add_def_in(self.cur, name, flag, at, at);
                    self.record_directive(name, at);
                    self.add_def_in(id, name, SymbolFlags::DEF_LOCAL, at, at);
                    return true;
                }
                ScopeKind::Module => {
                    self.add_def_in(self.cur, name, SymbolFlags::DEF_GLOBAL, at, at);
                    self.record_directive(name, at);
                    self.add_def_in(id, name, SymbolFlags::DEF_GLOBAL, at, at);
                    return true;
                }
                ScopeKind::Class => {
                    self.error(
                        "assignment expression within a comprehension cannot be used in a class body",
                        at,
                    );
                    return false;
                }
                // CPython's loop skips nothing else; an annotation scope never encloses a
                // comprehension that reaches here without first erroring on the walrus.
                ScopeKind::Annotation => return false,
            }
        }
        false
    }

    fn visit_comprehension(
        &mut self,
        e: &Expr,
        kind: ComprehensionKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) {
        let Some((outermost, rest)) = generators.split_first() else {
            return;
        };
        // The outermost iterable is evaluated in the enclosing scope.
        self.state().comp_iter_expr += 1;
        self.visit_expr(&outermost.iter);
        self.state().comp_iter_expr -= 1;

        self.enter(ScopeKind::Comprehension(kind), kind.scope_name(), e.range);
        if outermost.is_async {
            self.cur_mut().is_coroutine = true;
        }
        // The outermost iterator arrives as the implicit parameter `.0`.
        self.add_def(".0", SymbolFlags::DEF_PARAM, outermost.iter.range);
        self.state().comp_iter_target = true;
        self.visit_expr(&outermost.target);
        self.state().comp_iter_target = false;
        self.visit_exprs(&outermost.ifs);
        for generator in rest {
            self.state().comp_iter_target = true;
            self.visit_expr(&generator.target);
            self.state().comp_iter_target = false;
            self.state().comp_iter_expr += 1;
            self.visit_expr(&generator.iter);
            self.state().comp_iter_expr -= 1;
            self.visit_exprs(&generator.ifs);
            if generator.is_async {
                self.cur_mut().is_coroutine = true;
            }
        }
        if let Some(value) = value {
            self.visit_expr(value);
        }
        self.visit_expr(elt);
        let is_generator = kind == ComprehensionKind::Generator;
        self.cur_mut().is_generator = is_generator;
        let is_async = self.cur().is_coroutine && !is_generator;
        self.exit();
        if is_async {
            self.cur_mut().is_coroutine = true;
        }
    }

    // ---- patterns -------------------------------------------------------------------

    fn visit_pattern(&mut self, p: &Pattern) {
        if self.descend(p.range) {
            self.visit_pattern_inner(p);
        }
        self.depth -= 1;
    }

    fn visit_pattern_inner(&mut self, p: &Pattern) {
        match &p.kind {
            PatternKind::MatchValue(value) => self.visit_expr(value),
            PatternKind::MatchSingleton(_) | PatternKind::Invalid => {}
            PatternKind::MatchSequence(patterns) | PatternKind::MatchOr(patterns) => {
                for sub in patterns {
                    self.visit_pattern(sub);
                }
            }
            PatternKind::MatchStar(name) => {
                if let Some(name) = name {
                    self.add_def_in(
                        self.cur,
                        &name.id,
                        SymbolFlags::DEF_LOCAL,
                        name.range,
                        p.range,
                    );
                }
            }
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                self.visit_exprs(keys);
                for sub in patterns {
                    self.visit_pattern(sub);
                }
                if let Some(rest) = rest {
                    self.add_def_in(
                        self.cur,
                        &rest.id,
                        SymbolFlags::DEF_LOCAL,
                        rest.range,
                        p.range,
                    );
                }
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.visit_expr(cls);
                for sub in patterns.iter().chain(kwd_patterns) {
                    self.visit_pattern(sub);
                }
            }
            PatternKind::MatchAs { pattern, name } => {
                if let Some(pattern) = pattern {
                    self.visit_pattern(pattern);
                }
                if let Some(name) = name {
                    self.add_def_in(
                        self.cur,
                        &name.id,
                        SymbolFlags::DEF_LOCAL,
                        name.range,
                        p.range,
                    );
                }
            }
        }
    }
}
