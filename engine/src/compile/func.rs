//! Code objects for nested scopes: `def`, `lambda`, `class` and comprehensions (CPython
//! 3.11's `compiler_function`, `compiler_lambda`, `compiler_class`,
//! `compiler_comprehension`), with decorators, defaults, keyword-only defaults, the
//! annotations tuple and closures.

use super::codegen::{CResult, Compiler, Ctx};
use super::error::CompileError;
use super::fold;
use super::unit::{FBlockKind, UnitKind};
use crate::bytecode::code::CodeFlags;
use crate::bytecode::{CodeObject, Constant, Opcode};
use crate::symtable::{ScopeId, ScopeKind};
use crate::syntax::ast::{Arguments, ClassDef, Comprehension, Expr, ExprKind, FunctionDef, Stmt};
use crate::syntax::text::TextRange;
use std::rc::Rc;

/// `co_flags` bit for `from __future__ import annotations`.
const CO_FUTURE_ANNOTATIONS: u32 = 0x100_0000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl Compiler<'_> {
    fn scope_for(&self, range: TextRange) -> CResult<ScopeId> {
        self.table
            .scope_of_node(range)
            .ok_or_else(|| CompileError::System {
                message: format!(
                    "compiler: no symbol table for the scope at line {}",
                    self.line_of(range.start)
                ),
            })
    }

    /// `co_flags` of the unit for `scope` (CPython's `compute_code_flags`).
    fn code_flags(&self, scope: ScopeId) -> u32 {
        let s = self.table.scope(scope);
        let mut flags = 0;
        if s.kind.is_function_like() {
            flags |= CodeFlags::NEWLOCALS | CodeFlags::OPTIMIZED;
            if s.is_nested {
                flags |= CodeFlags::NESTED;
            }
            flags |= match (s.is_generator, s.is_coroutine) {
                (true, false) => CodeFlags::GENERATOR,
                (false, true) => CodeFlags::COROUTINE,
                (true, true) => CodeFlags::ASYNC_GENERATOR,
                (false, false) => 0,
            };
            if s.has_varargs {
                flags |= CodeFlags::VARARGS;
            }
            if s.has_varkeywords {
                flags |= CodeFlags::VARKEYWORDS;
            }
        }
        if self.table.future_annotations {
            flags |= CO_FUTURE_ANNOTATIONS;
        }
        flags
    }

    /// Finishes the current unit and leaves `MAKE_FUNCTION` for it in the parent.
    fn finish_closure(&mut self, flags: u32) -> CResult {
        let code = self.exit_scope()?;
        self.make_closure(code, flags)
    }

    /// CPython's `compiler_make_closure`.
    fn make_closure(&mut self, code: Rc<CodeObject>, mut flags: u32) -> CResult {
        let frees: Vec<_> = code
            .localsplus
            .iter()
            .zip(&code.localsplus_kinds)
            .filter(|(_, k)| **k == crate::bytecode::LocalKind::Free)
            .map(|(n, _)| n.clone())
            .collect();
        if !frees.is_empty() {
            for name in &frees {
                let range = self.unit.loc.unwrap_or_default().range;
                self.load_closure(name, range)?;
            }
            flags |= 0x08;
            self.emit(Opcode::BuildTuple, frees.len() as u32);
        }
        self.load_const(Constant::Code(code));
        self.emit(Opcode::MakeFunction, flags);
        Ok(())
    }

    /// Positional defaults tuple and keyword-only defaults dict; returns the flags.
    fn default_arguments(&mut self, args: &Arguments) -> CResult<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.visit_expr(d)?;
            }
            self.emit(Opcode::BuildTuple, args.defaults.len() as u32);
            flags |= 0x01;
        }
        let mut keys = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = default {
                keys.push(Constant::Str(Rc::from(self.mangle(&arg.arg.id).as_str())));
                self.visit_expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Constant::Tuple(keys.into()));
            self.emit(Opcode::BuildConstKeyMap, n);
            flags |= 0x02;
        }
        Ok(flags)
    }

    /// The annotations tuple `(name, value, …)`; returns whether one was pushed.
    fn visit_annotations(&mut self, args: &Arguments, returns: Option<&Expr>) -> CResult<bool> {
        let mut n = 0;
        let all = args
            .args
            .iter()
            .chain(&args.posonlyargs)
            .chain(&args.vararg)
            .chain(&args.kwonlyargs)
            .chain(&args.kwarg);
        for arg in all {
            if let Some(ann) = &arg.annotation {
                self.arg_annotation(&arg.arg.id, ann)?;
                n += 2;
            }
        }
        if let Some(ret) = returns {
            self.arg_annotation("return", ret)?;
            n += 2;
        }
        if n > 0 {
            self.emit(Opcode::BuildTuple, n);
        }
        Ok(n > 0)
    }

    fn arg_annotation(&mut self, name: &str, ann: &Expr) -> CResult {
        let mangled = self.mangle(name);
        self.load_str(&mangled);
        match &ann.kind {
            ExprKind::Starred { value, .. } if !self.table.future_annotations => {
                // `*args: *Ts` is `[value] = [*Ts]`.
                self.visit_expr(value)?;
                self.emit(Opcode::UnpackSequence, 1);
                Ok(())
            }
            _ => self.visit_annotation(ann),
        }
    }

    fn first_line_with_decorators(&self, s: &Stmt, decorators: &[Expr]) -> u32 {
        match decorators.first() {
            Some(d) => self.line_of(d.range.start),
            None => self.line_of(s.range.start),
        }
    }

    /// Applies decorators innermost first, each call at its decorator's location.
    fn apply_decorators(&mut self, s: &Stmt, decorators: &[Expr]) {
        for d in decorators.iter().rev() {
            self.set_loc(d.range);
            self.emit(Opcode::Call, 0);
        }
        self.set_loc(s.range);
    }

    pub fn compile_function(&mut self, s: &Stmt, f: &FunctionDef) -> CResult {
        for d in &f.decorator_list {
            self.visit_expr(d)?;
        }
        let first_line = self.first_line_with_decorators(s, &f.decorator_list);
        let mut flags = self.default_arguments(&f.args)?;
        if self.visit_annotations(&f.args, f.returns.as_ref())? {
            flags |= 0x04;
        }
        let scope = self.scope_for(s.range)?;
        self.enter_scope(scope, UnitKind::Function, &f.name.id, s.range, first_line);
        self.unit.flags = self.code_flags(scope);
        let doc = Self::docstring_of(&f.body);
        self.unit.add_const(match doc {
            Some(d) => Constant::Str(Rc::from(d)),
            None => Constant::None,
        });
        self.unit.docstring = doc.map(Rc::from);
        self.unit.argcount = (f.args.posonlyargs.len() + f.args.args.len()) as u32;
        self.unit.posonlyargcount = f.args.posonlyargs.len() as u32;
        self.unit.kwonlyargcount = f.args.kwonlyargs.len() as u32;
        let body = if doc.is_some() {
            &f.body[1..]
        } else {
            &f.body[..]
        };
        self.visit_stmts(body)?;
        self.implicit_return();
        self.finish_closure(flags)?;
        self.apply_decorators(s, &f.decorator_list);
        self.nameop(&f.name.id, Ctx::Store);
        Ok(())
    }

    /// `return None` at the end of a body that can fall off its end.
    pub fn implicit_return(&mut self) {
        if !self.unit.ends_in_return() {
            self.unit.loc = None;
            self.load_none();
            self.op(Opcode::ReturnValue);
        }
    }

    pub fn compile_lambda(&mut self, e: &Expr, args: &Arguments, body: &Expr) -> CResult {
        let flags = self.default_arguments(args)?;
        let scope = self.scope_for(e.range)?;
        let line = self.line_of(e.range.start);
        self.enter_scope(scope, UnitKind::Lambda, "<lambda>", e.range, line);
        self.unit.flags = self.code_flags(scope);
        // None first, so a lambda never has a docstring.
        self.unit.add_const(Constant::None);
        self.unit.argcount = (args.posonlyargs.len() + args.args.len()) as u32;
        self.unit.posonlyargcount = args.posonlyargs.len() as u32;
        self.unit.kwonlyargcount = args.kwonlyargs.len() as u32;
        self.visit_expr(body)?;
        if self.table.scope(scope).is_generator {
            self.op_noloc(Opcode::ReturnValue, 0);
        } else {
            self.op(Opcode::ReturnValue);
        }
        self.finish_closure(flags)
    }

    pub fn compile_class(&mut self, s: &Stmt, c: &ClassDef) -> CResult {
        for d in &c.decorator_list {
            self.visit_expr(d)?;
        }
        let first_line = self.first_line_with_decorators(s, &c.decorator_list);
        let scope = self.scope_for(s.range)?;
        self.enter_scope(scope, UnitKind::Class, &c.name.id, s.range, first_line);
        self.unit.flags = self.code_flags(scope);
        self.nameop("__name__", Ctx::Load);
        self.nameop("__module__", Ctx::Store);
        let qualname = self.unit.qualname.clone();
        self.load_str(&qualname);
        self.nameop("__qualname__", Ctx::Store);
        self.compile_body(&c.body)?;
        self.unit.docstring = Self::docstring_of(&c.body).map(Rc::from);
        self.unit.loc = None;
        if self.table.scope(scope).needs_class_closure {
            self.load_closure("__class__", s.range)?;
            self.emit(Opcode::Copy, 1);
            self.nameop("__classcell__", Ctx::Store);
        } else {
            self.load_none();
        }
        self.op(Opcode::ReturnValue);
        let code = self.exit_scope()?;
        self.set_loc(s.range);
        self.op(Opcode::PushNull);
        self.op(Opcode::LoadBuildClass);
        self.make_closure(code, 0)?;
        self.load_str(&c.name.id);
        self.call_helper(2, &c.bases, &c.keywords)?;
        self.apply_decorators(s, &c.decorator_list);
        self.nameop(&c.name.id, Ctx::Store);
        Ok(())
    }

    pub fn compile_comprehension(&mut self, e: &Expr) -> CResult {
        let (kind, name, generators, elt, val) = match &e.kind {
            ExprKind::ListComp { elt, generators } => {
                (CompKind::List, "<listcomp>", generators, &**elt, None)
            }
            ExprKind::SetComp { elt, generators } => {
                (CompKind::Set, "<setcomp>", generators, &**elt, None)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => (
                CompKind::Dict,
                "<dictcomp>",
                generators,
                &**key,
                Some(&**value),
            ),
            ExprKind::GeneratorExp { elt, generators } => {
                (CompKind::Generator, "<genexpr>", generators, &**elt, None)
            }
            _ => return Err(CompileError::syntax("not a comprehension", e.range)),
        };
        let Some(outermost) = generators.first() else {
            return Err(CompileError::syntax(
                "comprehension without generators",
                e.range,
            ));
        };
        let parent_kind = self.scope_kind();
        let parent_async = self.table.scope(self.unit.scope).is_async;
        let scope = self.scope_for(e.range)?;
        let line = self.line_of(e.range.start);
        self.enter_scope(scope, UnitKind::Comprehension, name, e.range, line);
        self.set_loc(e.range);
        self.unit.flags = self.code_flags(scope);
        let is_async_gen = self.table.scope(scope).is_coroutine;
        if is_async_gen
            && kind != CompKind::Generator
            && !parent_async
            && !matches!(parent_kind, ScopeKind::Comprehension(_))
        {
            return Err(CompileError::syntax(
                "asynchronous comprehension outside of an asynchronous function",
                e.range,
            ));
        }
        match kind {
            CompKind::List => self.emit(Opcode::BuildList, 0),
            CompKind::Set => self.emit(Opcode::BuildSet, 0),
            CompKind::Dict => self.emit(Opcode::BuildMap, 0),
            CompKind::Generator => {}
        }
        self.comprehension_generator(generators, 0, 0, elt, val, kind)?;
        if kind != CompKind::Generator {
            self.op(Opcode::ReturnValue);
        } else {
            self.implicit_return();
        }
        self.finish_closure(0)?;
        self.visit_iter(&outermost.iter)?;
        self.op(if outermost.is_async {
            Opcode::GetAiter
        } else {
            Opcode::GetIter
        });
        self.emit(Opcode::Call, 0);
        if is_async_gen && kind != CompKind::Generator {
            self.emit(Opcode::GetAwaitable, 0);
            self.load_none();
            self.add_yield_from(true);
        }
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        gens: &[Comprehension],
        index: usize,
        depth: u32,
        elt: &Expr,
        val: Option<&Expr>,
        kind: CompKind,
    ) -> CResult {
        self.enter_nested(elt.range)?;
        let r = if gens[index].is_async {
            self.async_comprehension_generator(gens, index, depth, elt, val, kind)
        } else {
            self.sync_comprehension_generator(gens, index, depth, elt, val, kind)
        };
        self.leave_nested();
        r
    }

    fn comprehension_element(
        &mut self,
        depth: u32,
        elt: &Expr,
        val: Option<&Expr>,
        kind: CompKind,
    ) -> CResult {
        match kind {
            CompKind::Generator => {
                self.visit_expr(elt)?;
                let s = self.table.scope(self.unit.scope);
                if s.is_generator && s.is_coroutine {
                    self.op(Opcode::AsyncGenWrap);
                }
                self.emit(Opcode::YieldValue, 0);
                self.emit(Opcode::Resume, 1);
                self.op(Opcode::PopTop);
            }
            CompKind::List => {
                self.visit_expr(elt)?;
                self.emit(Opcode::ListAppend, depth + 1);
            }
            CompKind::Set => {
                self.visit_expr(elt)?;
                self.emit(Opcode::SetAdd, depth + 1);
            }
            CompKind::Dict => {
                self.visit_expr(elt)?;
                if let Some(v) = val {
                    self.visit_expr(v)?;
                }
                self.emit(Opcode::MapAdd, depth + 1);
            }
        }
        Ok(())
    }

    fn sync_comprehension_generator(
        &mut self,
        gens: &[Comprehension],
        index: usize,
        mut depth: u32,
        elt: &Expr,
        val: Option<&Expr>,
        kind: CompKind,
    ) -> CResult {
        let gen = &gens[index];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        let mut has_loop = true;
        if index == 0 {
            self.unit.argcount = 1;
            self.emit(Opcode::LoadFast, 0);
        } else {
            // `for y in [f(x)]` binds without a loop.
            let single = match &gen.iter.kind {
                ExprKind::List { elts, .. } | ExprKind::Tuple { elts, .. }
                    if elts.len() == 1
                        && fold::iter_const(&gen.iter).is_none()
                        && fold::const_value(&gen.iter).is_none() =>
                {
                    elts.first()
                        .filter(|x| !matches!(x.kind, ExprKind::Starred { .. }))
                }
                _ => None,
            };
            match single {
                Some(x) => {
                    self.visit_expr(x)?;
                    has_loop = false;
                }
                None => {
                    self.visit_iter(&gen.iter)?;
                    self.op(Opcode::GetIter);
                }
            }
        }
        if has_loop {
            depth += 1;
            self.bind(start);
            self.jump(Opcode::ForIter, anchor);
        }
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if index + 1 < gens.len() {
            self.comprehension_generator(gens, index + 1, depth, elt, val, kind)?;
        } else {
            self.comprehension_element(depth, elt, val, kind)?;
        }
        self.bind(if_cleanup);
        if has_loop {
            self.jump(Opcode::Jump, start);
            self.bind(anchor);
        }
        Ok(())
    }

    fn async_comprehension_generator(
        &mut self,
        gens: &[Comprehension],
        index: usize,
        mut depth: u32,
        elt: &Expr,
        val: Option<&Expr>,
        kind: CompKind,
    ) -> CResult {
        let gen = &gens[index];
        let start = self.new_label();
        let except = self.new_label();
        let if_cleanup = self.new_label();
        if index == 0 {
            self.unit.argcount = 1;
            self.emit(Opcode::LoadFast, 0);
        } else {
            self.visit_iter(&gen.iter)?;
            self.op(Opcode::GetAiter);
        }
        self.bind(start);
        self.push_fblock(FBlockKind::AsyncComprehensionGenerator, start, None)?;
        self.setup(super::ir::Op::SetupFinally, except);
        self.op(Opcode::GetAnext);
        self.load_none();
        self.add_yield_from(true);
        self.pop_block();
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        if index + 1 < gens.len() {
            self.comprehension_generator(gens, index + 1, depth, elt, val, kind)?;
        } else {
            self.comprehension_element(depth, elt, val, kind)?;
        }
        self.bind(if_cleanup);
        self.jump(Opcode::Jump, start);
        self.pop_fblock();
        self.bind(except);
        self.op(Opcode::EndAsyncFor);
        Ok(())
    }
}
