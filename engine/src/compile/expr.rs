//! Expressions (CPython 3.11's `compiler_visit_expr1`): operators with constant folding,
//! boolean and comparison chains, containers and starred unpacking, calls (the method-call
//! form, keyword names, `CALL_FUNCTION_EX`), attributes, subscripts, slices, f-strings,
//! `yield`/`await`, and assignment targets.

use super::codegen::{CResult, Compiler, Ctx};
use super::error::CompileError;
use super::fold;
use crate::bytecode::{Constant, Location, Opcode};
use crate::syntax::ast::{
    BoolOp, CmpOp, Conversion, Expr, ExprContext, ExprKind, Keyword, UnaryOp,
};
use std::rc::Rc;

/// CPython's `STACK_USE_GUIDELINE`: longer displays and calls are built incrementally.
const STACK_USE_GUIDELINE: usize = 30;

fn ctx_of(c: ExprContext) -> Ctx {
    match c {
        ExprContext::Load => Ctx::Load,
        ExprContext::Store => Ctx::Store,
        ExprContext::Del => Ctx::Del,
    }
}

impl Compiler<'_> {
    /// Compiles `e`; its instructions carry its location (CPython's `compiler_visit_expr`).
    pub fn visit_expr(&mut self, e: &Expr) -> CResult {
        self.enter_nested(e.range)?;
        let saved = self.unit.loc;
        self.set_loc(e.range);
        let r = self.visit_expr_inner(e);
        self.unit.loc = saved;
        self.leave_nested();
        r
    }

    fn visit_expr_inner(&mut self, e: &Expr) -> CResult {
        if let Some(c) = fold::const_value(e) {
            self.load_const(c);
            return Ok(());
        }
        match &e.kind {
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.emit(Opcode::Copy, 1);
                self.visit_expr(target)
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let jump = match op {
                    BoolOp::And => Opcode::JumpIfFalseOrPop,
                    BoolOp::Or => Opcode::JumpIfTrueOrPop,
                };
                let Some((last, rest)) = values.split_last() else {
                    return Err(CompileError::syntax("empty boolean operation", e.range));
                };
                for v in rest {
                    self.visit_expr(v)?;
                    self.jump(jump, end);
                }
                self.visit_expr(last)?;
                self.bind(end);
                Ok(())
            }
            ExprKind::BinOp { left, op, right } => {
                if let Some(parts) = fold::percent_format(left, *op, right) {
                    return self.compile_percent_format(&parts);
                }
                self.visit_expr(left)?;
                self.visit_expr(right)?;
                self.emit(Opcode::BinaryOp, fold::binop_arg(*op));
                Ok(())
            }
            ExprKind::UnaryOp { op, operand } => {
                if let Some(inverted) = fold::not_compare(*op, operand) {
                    return self.compile_compare(&inverted);
                }
                self.visit_expr(operand)?;
                self.op(match op {
                    UnaryOp::Invert => Opcode::UnaryInvert,
                    UnaryOp::Not => Opcode::UnaryNot,
                    UnaryOp::UAdd => Opcode::UnaryPositive,
                    UnaryOp::USub => Opcode::UnaryNegative,
                });
                Ok(())
            }
            ExprKind::Lambda { args, body } => self.compile_lambda(e, args, body),
            ExprKind::IfExp { test, body, orelse } => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(test, next, false)?;
                self.visit_expr(body)?;
                self.jump_noloc(Opcode::Jump, end);
                self.bind(next);
                self.visit_expr(orelse)?;
                self.bind(end);
                Ok(())
            }
            ExprKind::Dict { keys, values } => self.compile_dict(keys, values),
            ExprKind::Set(elts) => self.starunpack(
                elts,
                0,
                Opcode::BuildSet,
                Opcode::SetAdd,
                Opcode::SetUpdate,
                false,
            ),
            ExprKind::ListComp { .. }
            | ExprKind::SetComp { .. }
            | ExprKind::DictComp { .. }
            | ExprKind::GeneratorExp { .. } => self.compile_comprehension(e),
            ExprKind::Await(value) => {
                let scope = self.table.scope(self.unit.scope);
                if !scope.kind.is_function_like() {
                    return Err(CompileError::syntax("'await' outside function", e.range));
                }
                self.visit_expr(value)?;
                self.emit(Opcode::GetAwaitable, 0);
                self.load_none();
                self.add_yield_from(true);
                Ok(())
            }
            ExprKind::Yield(value) => {
                let scope = self.table.scope(self.unit.scope);
                if !scope.kind.is_function_like() {
                    return Err(CompileError::syntax("'yield' outside function", e.range));
                }
                let async_gen = scope.is_generator && scope.is_coroutine;
                match value {
                    Some(v) => self.visit_expr(v)?,
                    None => self.load_none(),
                }
                if async_gen {
                    self.op(Opcode::AsyncGenWrap);
                }
                self.emit(Opcode::YieldValue, 0);
                self.emit(Opcode::Resume, 1);
                Ok(())
            }
            ExprKind::YieldFrom(value) => {
                let scope = self.table.scope(self.unit.scope);
                if !scope.kind.is_function_like() {
                    return Err(CompileError::syntax("'yield' outside function", e.range));
                }
                if scope.is_async {
                    return Err(CompileError::syntax(
                        "'yield from' inside async function",
                        e.range,
                    ));
                }
                self.visit_expr(value)?;
                self.op(Opcode::GetYieldFromIter);
                self.load_none();
                self.add_yield_from(false);
                Ok(())
            }
            ExprKind::Compare { .. } => self.compile_compare(e),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.compile_call(e, func, args, keywords),
            ExprKind::FormattedValue {
                value,
                conversion,
                format_spec,
            } => {
                self.visit_expr(value)?;
                let mut arg = match conversion {
                    Conversion::None => 0,
                    Conversion::Str => 1,
                    Conversion::Repr => 2,
                    Conversion::Ascii => 3,
                };
                if let Some(spec) = format_spec {
                    self.visit_expr(spec)?;
                    arg |= 4;
                }
                self.emit(Opcode::FormatValue, arg);
                Ok(())
            }
            ExprKind::JoinedStr(values) => self.compile_joined_str(values),
            ExprKind::Constant { value, .. } => {
                self.load_const(super::constant::from_ast(value));
                Ok(())
            }
            ExprKind::Attribute { value, attr, ctx } => {
                self.visit_expr(value)?;
                let saved = self.unit.loc;
                if *ctx != ExprContext::Del {
                    self.set_end_line(e);
                }
                let op = match ctx {
                    ExprContext::Load => Opcode::LoadAttr,
                    ExprContext::Store => Opcode::StoreAttr,
                    ExprContext::Del => Opcode::DeleteAttr,
                };
                self.emit_name(op, &attr.id);
                self.unit.loc = saved;
                Ok(())
            }
            ExprKind::Subscript { value, slice, ctx } => {
                self.visit_expr(value)?;
                self.visit_expr(slice)?;
                self.op(match ctx {
                    ExprContext::Load => Opcode::BinarySubscr,
                    ExprContext::Store => Opcode::StoreSubscr,
                    ExprContext::Del => Opcode::DeleteSubscr,
                });
                Ok(())
            }
            ExprKind::Starred { ctx, .. } => match ctx {
                ExprContext::Store => Err(CompileError::syntax(
                    "starred assignment target must be in a list or tuple",
                    e.range,
                )),
                _ => Err(CompileError::syntax(
                    "can't use starred expression here",
                    e.range,
                )),
            },
            ExprKind::Name { id, ctx } => {
                self.nameop(id, ctx_of(*ctx));
                Ok(())
            }
            ExprKind::List { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack(
                    elts,
                    0,
                    Opcode::BuildList,
                    Opcode::ListAppend,
                    Opcode::ListExtend,
                    false,
                ),
                ExprContext::Store => self.assignment_helper(elts, e),
                ExprContext::Del => {
                    for elt in elts {
                        self.visit_expr(elt)?;
                    }
                    Ok(())
                }
            },
            ExprKind::Tuple { elts, ctx } => match ctx {
                ExprContext::Load => self.starunpack(
                    elts,
                    0,
                    Opcode::BuildList,
                    Opcode::ListAppend,
                    Opcode::ListExtend,
                    true,
                ),
                ExprContext::Store => self.assignment_helper(elts, e),
                ExprContext::Del => {
                    for elt in elts {
                        self.visit_expr(elt)?;
                    }
                    Ok(())
                }
            },
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.visit_expr(p)?,
                        None => self.load_none(),
                    }
                }
                let mut n = 2;
                if let Some(step) = step {
                    self.visit_expr(step)?;
                    n = 3;
                }
                self.emit(Opcode::BuildSlice, n);
                Ok(())
            }
            ExprKind::Invalid => Err(CompileError::syntax("invalid syntax", e.range)),
        }
    }

    /// Attribute and method instructions report the line where the attribute expression
    /// ends (`a\n.b` is on the `.b` line), as CPython 3.11 does.
    fn set_end_line(&mut self, e: &Expr) {
        let end = e.range.end.saturating_sub(1).max(e.range.start);
        self.unit.loc = Some(Location {
            line: self.line_of(end),
            range: e.range,
        });
    }

    /// A `for` loop's or comprehension's iterable: a list display becomes a tuple, and a
    /// display of constants a constant tuple or frozenset (CPython's `fold_iter`).
    pub fn visit_iter(&mut self, e: &Expr) -> CResult {
        if let Some(c) = fold::iter_const(e) {
            self.enter_nested(e.range)?;
            let saved = self.unit.loc;
            self.set_loc(e.range);
            self.load_const(c);
            self.unit.loc = saved;
            self.leave_nested();
            return Ok(());
        }
        if let ExprKind::List {
            elts,
            ctx: ExprContext::Load,
        } = &e.kind
        {
            if !elts
                .iter()
                .any(|x| matches!(x.kind, ExprKind::Starred { .. }))
            {
                self.enter_nested(e.range)?;
                let saved = self.unit.loc;
                self.set_loc(e.range);
                let r = self.starunpack(
                    elts,
                    0,
                    Opcode::BuildList,
                    Opcode::ListAppend,
                    Opcode::ListExtend,
                    true,
                );
                self.unit.loc = saved;
                self.leave_nested();
                return r;
            }
        }
        self.visit_expr(e)
    }

    pub fn compile_compare(&mut self, e: &Expr) -> CResult {
        let ExprKind::Compare {
            left,
            ops,
            comparators,
        } = &e.kind
        else {
            return self.visit_expr(e);
        };
        if ops.is_empty() || ops.len() != comparators.len() {
            return Err(CompileError::syntax("invalid comparison", e.range));
        }
        self.visit_expr(left)?;
        let n = ops.len() - 1;
        let last_is_in = matches!(ops[n], CmpOp::In | CmpOp::NotIn);
        if n == 0 {
            self.visit_comparator(&comparators[0], last_is_in)?;
            self.compare_op(ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n {
            self.visit_expr(&comparators[i])?;
            self.emit(Opcode::Swap, 2);
            self.emit(Opcode::Copy, 2);
            self.compare_op(ops[i]);
            self.jump(Opcode::JumpIfFalseOrPop, cleanup);
        }
        self.visit_comparator(&comparators[n], last_is_in)?;
        self.compare_op(ops[n]);
        let end = self.new_label();
        self.jump_noloc(Opcode::Jump, end);
        self.bind(cleanup);
        self.emit(Opcode::Swap, 2);
        self.op(Opcode::PopTop);
        self.bind(end);
        Ok(())
    }

    fn visit_comparator(&mut self, e: &Expr, is_in: bool) -> CResult {
        if is_in {
            self.visit_iter(e)
        } else {
            self.visit_expr(e)
        }
    }

    /// CPython's `starunpack_helper`: a list/tuple/set display (or positional arguments)
    /// with `pushed` items already on the stack.
    pub fn starunpack(
        &mut self,
        elts: &[Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult {
        let n = elts.len();
        if n > 2 {
            let consts: Option<Vec<Constant>> = elts.iter().map(fold::const_value).collect();
            if let Some(items) = consts {
                if tuple && pushed == 0 {
                    self.load_const(Constant::Tuple(items.into()));
                } else {
                    let folded = if add == Opcode::SetAdd {
                        fold::frozenset(items)
                    } else {
                        Constant::Tuple(items.into())
                    };
                    self.emit(build, pushed);
                    self.load_const(folded);
                    self.emit(extend, 1);
                    if tuple {
                        self.op(Opcode::ListToTuple);
                    }
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts
            .iter()
            .any(|x| matches!(x.kind, ExprKind::Starred { .. }));
        if !seen_star && !big {
            for elt in elts {
                self.visit_expr(elt)?;
            }
            let total = n as u32 + pushed;
            self.emit(if tuple { Opcode::BuildTuple } else { build }, total);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(build, pushed);
            built = true;
        }
        for (i, elt) in elts.iter().enumerate() {
            if let ExprKind::Starred { value, .. } = &elt.kind {
                if !built {
                    self.emit(build, i as u32 + pushed);
                    built = true;
                }
                self.visit_expr(value)?;
                self.emit(extend, 1);
            } else {
                self.visit_expr(elt)?;
                if built {
                    self.emit(add, 1);
                }
            }
        }
        if tuple {
            self.op(Opcode::ListToTuple);
        }
        Ok(())
    }

    /// Unpacking assignment to a tuple or list target.
    fn assignment_helper(&mut self, elts: &[Expr], e: &Expr) -> CResult {
        let n = elts.len();
        let mut seen_star = false;
        for (i, elt) in elts.iter().enumerate() {
            if matches!(elt.kind, ExprKind::Starred { .. }) {
                if seen_star {
                    return Err(CompileError::syntax(
                        "multiple starred expressions in assignment",
                        e.range,
                    ));
                }
                let after = n - i - 1;
                if i >= 1 << 8 || after >= 1 << 16 {
                    return Err(CompileError::syntax(
                        "too many expressions in star-unpacking assignment",
                        e.range,
                    ));
                }
                self.emit(Opcode::UnpackEx, (i + (after << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit(Opcode::UnpackSequence, n as u32);
        }
        for elt in elts {
            match &elt.kind {
                ExprKind::Starred { value, .. } => self.visit_expr(value)?,
                _ => self.visit_expr(elt)?,
            }
        }
        Ok(())
    }

    fn compile_dict(&mut self, keys: &[Option<Expr>], values: &[Expr]) -> CResult {
        let n = values.len();
        let mut have_dict = false;
        let mut elements = 0usize;
        for i in 0..n {
            let is_unpacking = keys.get(i).is_none_or(|k| k.is_none());
            if is_unpacking {
                if elements > 0 {
                    self.subdict(keys, values, i - elements, i)?;
                    if have_dict {
                        self.emit(Opcode::DictUpdate, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(Opcode::BuildMap, 0);
                    have_dict = true;
                }
                self.visit_expr(&values[i])?;
                self.emit(Opcode::DictUpdate, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(keys, values, i - elements, i + 1)?;
                if have_dict {
                    self.emit(Opcode::DictUpdate, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(keys, values, n - elements, n)?;
            if have_dict {
                self.emit(Opcode::DictUpdate, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Opcode::BuildMap, 0);
        }
        Ok(())
    }

    fn subdict(
        &mut self,
        keys: &[Option<Expr>],
        values: &[Expr],
        begin: usize,
        end: usize,
    ) -> CResult {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let const_keys: Option<Vec<Constant>> = keys[begin..end]
                .iter()
                .map(|k| k.as_ref().and_then(fold::const_value))
                .collect();
            if let Some(const_keys) = const_keys {
                for v in &values[begin..end] {
                    self.visit_expr(v)?;
                }
                self.load_const(Constant::Tuple(const_keys.into()));
                self.emit(Opcode::BuildConstKeyMap, n as u32);
                return Ok(());
            }
        }
        if big {
            self.emit(Opcode::BuildMap, 0);
        }
        for i in begin..end {
            if let Some(k) = &keys[i] {
                self.visit_expr(k)?;
            }
            self.visit_expr(&values[i])?;
            if big {
                self.emit(Opcode::MapAdd, 1);
            }
        }
        if !big {
            self.emit(Opcode::BuildMap, n as u32);
        }
        Ok(())
    }

    pub fn compile_joined_str(&mut self, values: &[Expr]) -> CResult {
        if values.len() > STACK_USE_GUIDELINE {
            self.load_str("");
            self.emit_name_raw(Opcode::LoadMethod, "join");
            self.emit(Opcode::BuildList, 0);
            for v in values {
                self.visit_expr(v)?;
                self.emit(Opcode::ListAppend, 1);
            }
            self.emit(Opcode::Call, 1);
        } else {
            for v in values {
                self.visit_expr(v)?;
            }
            if values.len() != 1 {
                self.emit(Opcode::BuildString, values.len() as u32);
            }
        }
        Ok(())
    }

    /// `'%s' % (a,)` rewritten as an f-string: the literal parts and format specs CPython
    /// synthesizes have no location (they take their predecessor's).
    fn compile_percent_format(&mut self, parts: &[Expr]) -> CResult {
        for part in parts {
            match &part.kind {
                ExprKind::Constant { value, .. } => {
                    let saved = self.unit.loc.take();
                    self.load_const(super::constant::from_ast(value));
                    self.unit.loc = saved;
                }
                ExprKind::FormattedValue {
                    value,
                    conversion,
                    format_spec,
                } => {
                    let saved = self.unit.loc;
                    self.set_loc(part.range);
                    self.visit_expr(value)?;
                    let mut arg = match conversion {
                        Conversion::None => 0,
                        Conversion::Str => 1,
                        Conversion::Repr => 2,
                        Conversion::Ascii => 3,
                    };
                    if let Some(ExprKind::Constant { value, .. }) =
                        format_spec.as_ref().map(|s| &s.kind)
                    {
                        self.unit.loc = None;
                        self.load_const(super::constant::from_ast(value));
                        self.set_loc(part.range);
                        arg |= 4;
                    }
                    self.emit(Opcode::FormatValue, arg);
                    self.unit.loc = saved;
                }
                _ => self.visit_expr(part)?,
            }
        }
        if parts.len() != 1 {
            self.emit(Opcode::BuildString, parts.len() as u32);
        }
        Ok(())
    }

    /// An op on `co_names` without mangling (CPython's `ADDOP_N` with an interned name).
    pub fn emit_name_raw(&mut self, op: Opcode, name: &str) {
        let i = self.unit.add_name(name);
        self.emit(op, i);
    }

    fn compile_call(
        &mut self,
        e: &Expr,
        func: &Expr,
        args: &[Expr],
        keywords: &[Keyword],
    ) -> CResult {
        if self.maybe_method_call(func, args, keywords)? {
            return Ok(());
        }
        self.set_loc(func.range);
        self.op(Opcode::PushNull);
        self.set_loc(e.range);
        self.visit_expr(func)?;
        self.call_helper(0, args, keywords)
    }

    fn maybe_method_call(
        &mut self,
        func: &Expr,
        args: &[Expr],
        keywords: &[Keyword],
    ) -> CResult<bool> {
        let ExprKind::Attribute {
            value,
            attr,
            ctx: ExprContext::Load,
        } = &func.kind
        else {
            return Ok(false);
        };
        if self.is_import_originated(value) {
            return Ok(false);
        }
        let nk = keywords.len();
        if args.len() + nk + usize::from(nk != 0) >= STACK_USE_GUIDELINE
            || args
                .iter()
                .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        self.visit_expr(value)?;
        let saved = self.unit.loc;
        self.set_end_line(func);
        self.emit_name(Opcode::LoadMethod, &attr.id);
        for a in args {
            self.visit_expr(a)?;
        }
        if nk > 0 {
            for k in keywords {
                self.visit_expr(&k.value)?;
            }
            self.kw_names(keywords);
        }
        self.emit(Opcode::Call, (args.len() + nk) as u32);
        self.unit.loc = saved;
        Ok(true)
    }

    /// A name the module imports: CPython 3.11 calls its attributes with `LOAD_ATTR`
    /// rather than `LOAD_METHOD` (modules have no methods to bind).
    fn is_import_originated(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Name { id, .. } => self
                .table
                .module()
                .flags_of(id)
                .contains(crate::symtable::SymbolFlags::DEF_IMPORT),
            _ => false,
        }
    }

    fn kw_names(&mut self, keywords: &[Keyword]) {
        let names: Vec<Constant> = keywords
            .iter()
            .map(|k| Constant::Str(Rc::from(k.arg.as_ref().map_or("", |a| a.id.as_str()))))
            .collect();
        let i = self.unit.add_const(Constant::Tuple(names.into()));
        self.emit(Opcode::KwNames, i);
    }

    /// CPython's `compiler_call_helper`: arguments after `n` already-pushed ones.
    pub fn call_helper(&mut self, n: u32, args: &[Expr], keywords: &[Keyword]) -> CResult {
        let nelts = args.len();
        let nkw = keywords.len();
        let ex_call = nelts + nkw * 2 > STACK_USE_GUIDELINE
            || args
                .iter()
                .any(|a| matches!(a.kind, ExprKind::Starred { .. }))
            || keywords.iter().any(|k| k.arg.is_none());
        if !ex_call {
            for a in args {
                self.visit_expr(a)?;
            }
            if nkw > 0 {
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                self.kw_names(keywords);
            }
            self.emit(Opcode::Call, n + (nelts + nkw) as u32);
            return Ok(());
        }
        match args {
            [Expr {
                kind: ExprKind::Starred { value, .. },
                ..
            }] if n == 0 => self.visit_expr(value)?,
            _ => self.starunpack(
                args,
                n,
                Opcode::BuildList,
                Opcode::ListAppend,
                Opcode::ListExtend,
                true,
            )?,
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, kw) in keywords.iter().enumerate() {
                if kw.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(&keywords[i - nseen..i])?;
                        if have_dict {
                            self.emit(Opcode::DictMerge, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.emit(Opcode::BuildMap, 0);
                        have_dict = true;
                    }
                    self.visit_expr(&kw.value)?;
                    self.emit(Opcode::DictMerge, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(&keywords[nkw - nseen..])?;
                if have_dict {
                    self.emit(Opcode::DictMerge, 1);
                }
            }
        }
        self.emit(Opcode::CallFunctionEx, u32::from(nkw > 0));
        Ok(())
    }

    fn subkwargs(&mut self, kws: &[Keyword]) -> CResult {
        let n = kws.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        let name =
            |k: &Keyword| Constant::Str(Rc::from(k.arg.as_ref().map_or("", |a| a.id.as_str())));
        if n > 1 && !big {
            for k in kws {
                self.visit_expr(&k.value)?;
            }
            let keys: Vec<Constant> = kws.iter().map(name).collect();
            self.load_const(Constant::Tuple(keys.into()));
            self.emit(Opcode::BuildConstKeyMap, n as u32);
            return Ok(());
        }
        if big {
            self.op_noloc(Opcode::BuildMap, 0);
        }
        for k in kws {
            self.load_const(name(k));
            self.visit_expr(&k.value)?;
            if big {
                self.op_noloc(Opcode::MapAdd, 1);
            }
        }
        if !big {
            self.emit(Opcode::BuildMap, n as u32);
        }
        Ok(())
    }
}
