//! `try`/`except`/`else`/`finally`, `except*`, `with` and `async with`, compiled to 3.11's
//! zero-cost exception handling: `SETUP_*`/`POP_BLOCK` pseudo-instructions delimit the
//! protected ranges (turned into the exception table by `assemble`), handlers run with
//! `PUSH_EXC_INFO`/`POP_EXCEPT`, and `finally` bodies are duplicated for the normal and the
//! exceptional path (CPython's `compiler_try_finally` and friends).

use super::codegen::{CResult, Compiler, Ctx};
use super::error::CompileError;
use super::ir::Op;
use super::unit::FBlockKind;
use crate::bytecode::Opcode;
use crate::syntax::ast::{Stmt, Try, WithItem};
use std::rc::Rc;

impl Compiler<'_> {
    pub fn compile_try(&mut self, s: &Stmt, t: &Try) -> CResult {
        if !t.finalbody.is_empty() {
            self.try_finally(s, t)
        } else if t.is_star {
            self.try_star_except(s, t)
        } else {
            self.try_except(s, t)
        }
    }

    /// `COPY 3; POP_EXCEPT; RERAISE 1`: the cleanup handler of an exception handler.
    fn pop_except_and_reraise(&mut self) {
        self.emit(Opcode::Copy, 3);
        self.op(Opcode::PopExcept);
        self.emit(Opcode::Reraise, 1);
    }

    fn try_finally(&mut self, s: &Stmt, t: &Try) -> CResult {
        let body = self.new_label();
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.setup(Op::SetupFinally, end);
        self.bind(body);
        self.push_fblock(
            FBlockKind::FinallyTry(Rc::new(t.finalbody.clone())),
            body,
            Some(end),
        )?;
        if !t.handlers.is_empty() {
            if t.is_star {
                self.try_star_except(s, t)?;
            } else {
                self.try_except(s, t)?;
            }
        } else {
            self.visit_stmts(&t.body)?;
        }
        let saved = self.unit.loc.take();
        self.pop_block();
        self.unit.loc = saved;
        self.pop_fblock();
        self.visit_stmts(&t.finalbody)?;
        self.jump_noloc(Opcode::Jump, exit);
        // The `finally` block reached by an exception.
        self.bind(end);
        self.unit.loc = None;
        self.setup(Op::SetupCleanup, cleanup);
        self.op(Opcode::PushExcInfo);
        self.push_fblock(FBlockKind::FinallyEnd, end, None)?;
        self.visit_stmts(&t.finalbody)?;
        self.pop_fblock();
        self.unit.loc = None;
        self.emit(Opcode::Reraise, 0);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        Ok(())
    }

    fn try_except(&mut self, s: &Stmt, t: &Try) -> CResult {
        let body = self.new_label();
        let mut except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.setup(Op::SetupFinally, except);
        self.bind(body);
        self.push_fblock(FBlockKind::TryExcept, body, None)?;
        self.visit_stmts(&t.body)?;
        self.pop_fblock();
        let saved = self.unit.loc.take();
        self.pop_block();
        self.unit.loc = saved;
        self.visit_stmts(&t.orelse)?;
        self.jump_noloc(Opcode::Jump, end);
        let n = t.handlers.len();
        self.bind(except);
        self.unit.loc = None;
        self.setup(Op::SetupCleanup, cleanup);
        self.op(Opcode::PushExcInfo);
        self.push_fblock(FBlockKind::ExceptionHandler, body, None)?;
        for (i, handler) in t.handlers.iter().enumerate() {
            self.set_loc(handler.range);
            if handler.type_.is_none() && i + 1 < n {
                return Err(CompileError::syntax(
                    "default 'except:' must be last",
                    handler.range,
                ));
            }
            except = self.new_label();
            if let Some(ty) = &handler.type_ {
                self.visit_expr(ty)?;
                self.op(Opcode::CheckExcMatch);
                self.jump(Opcode::PopJumpIfFalse, except);
            }
            match &handler.name {
                Some(name) => {
                    let cleanup_end = self.new_label();
                    let cleanup_body = self.new_label();
                    self.nameop(&name.id, Ctx::Store);
                    // try: body finally: name = None; del name
                    self.setup(Op::SetupCleanup, cleanup_end);
                    self.bind(cleanup_body);
                    self.push_fblock(
                        FBlockKind::HandlerCleanup {
                            name: Some(name.id.clone()),
                        },
                        cleanup_body,
                        None,
                    )?;
                    self.visit_stmts(&handler.body)?;
                    self.pop_fblock();
                    self.unit.loc = None;
                    self.pop_block();
                    self.pop_block();
                    self.op(Opcode::PopExcept);
                    self.load_none();
                    self.nameop(&name.id, Ctx::Store);
                    self.nameop(&name.id, Ctx::Del);
                    self.jump(Opcode::Jump, end);
                    // The handler body raised.
                    self.bind(cleanup_end);
                    self.unit.loc = None;
                    self.load_none();
                    self.nameop(&name.id, Ctx::Store);
                    self.nameop(&name.id, Ctx::Del);
                    self.emit(Opcode::Reraise, 1);
                }
                None => {
                    let cleanup_body = self.new_label();
                    self.op(Opcode::PopTop);
                    self.bind(cleanup_body);
                    self.push_fblock(
                        FBlockKind::HandlerCleanup { name: None },
                        cleanup_body,
                        None,
                    )?;
                    self.visit_stmts(&handler.body)?;
                    self.pop_fblock();
                    self.unit.loc = None;
                    self.pop_block();
                    self.op(Opcode::PopExcept);
                    self.jump(Opcode::Jump, end);
                }
            }
            self.bind(except);
        }
        self.unit.loc = None;
        self.pop_fblock();
        self.emit(Opcode::Reraise, 0);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        let _ = s;
        Ok(())
    }

    fn try_star_except(&mut self, _s: &Stmt, t: &Try) -> CResult {
        let body = self.new_label();
        let mut except = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise_star = self.new_label();
        self.setup(Op::SetupFinally, except);
        self.bind(body);
        self.push_fblock(FBlockKind::TryExcept, body, None)?;
        self.visit_stmts(&t.body)?;
        self.pop_fblock();
        let saved = self.unit.loc.take();
        self.pop_block();
        self.unit.loc = saved;
        self.jump_noloc(Opcode::Jump, orelse);
        let n = t.handlers.len();
        self.bind(except);
        self.unit.loc = None;
        self.setup(Op::SetupCleanup, cleanup);
        self.op(Opcode::PushExcInfo);
        self.push_fblock(FBlockKind::ExceptionGroupHandler, body, None)?;
        for (i, handler) in t.handlers.iter().enumerate() {
            self.set_loc(handler.range);
            except = self.new_label();
            let except_with_error = self.new_label();
            let no_match = self.new_label();
            if i == 0 {
                // [orig, [], exc]: the original group and the list of raised exceptions.
                self.emit(Opcode::Copy, 1);
                self.emit(Opcode::BuildList, 0);
                self.emit(Opcode::Swap, 2);
            }
            if let Some(ty) = &handler.type_ {
                self.visit_expr(ty)?;
                self.op(Opcode::CheckEgMatch);
                self.emit(Opcode::Copy, 1);
                self.jump(Opcode::PopJumpIfNone, no_match);
            }
            let cleanup_end = self.new_label();
            let cleanup_body = self.new_label();
            match &handler.name {
                Some(name) => self.nameop(&name.id, Ctx::Store),
                None => self.op(Opcode::PopTop),
            }
            self.setup(Op::SetupCleanup, cleanup_end);
            self.bind(cleanup_body);
            let name = handler.name.as_ref().map(|n| n.id.clone());
            self.push_fblock(
                FBlockKind::HandlerCleanup { name: name.clone() },
                cleanup_body,
                None,
            )?;
            self.visit_stmts(&handler.body)?;
            self.pop_fblock();
            // The cleanup is artificial: it takes its predecessor's location.
            self.unit.loc = None;
            self.pop_block();
            if let Some(name) = &name {
                self.load_none();
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
            }
            self.jump(Opcode::Jump, except);
            // The handler body raised: collect its exception.
            self.bind(cleanup_end);
            if let Some(name) = &name {
                self.load_none();
                self.nameop(name, Ctx::Store);
                self.nameop(name, Ctx::Del);
            }
            self.emit(Opcode::ListAppend, 3);
            self.op(Opcode::PopTop);
            self.jump(Opcode::Jump, except_with_error);
            self.bind(except);
            self.op(Opcode::Nop);
            self.jump(Opcode::Jump, except_with_error);
            self.bind(no_match);
            self.op(Opcode::PopTop);
            self.bind(except_with_error);
            if i + 1 == n {
                self.emit(Opcode::ListAppend, 1);
                self.jump(Opcode::Jump, reraise_star);
            }
        }
        self.unit.loc = None;
        self.pop_fblock();
        let reraise = self.new_label();
        self.bind(reraise_star);
        self.op(Opcode::PrepReraiseStar);
        self.emit(Opcode::Copy, 1);
        self.jump(Opcode::PopJumpIfNotNone, reraise);
        // Nothing to re-raise.
        self.op(Opcode::PopTop);
        self.pop_block();
        self.op(Opcode::PopExcept);
        self.jump(Opcode::Jump, end);
        self.bind(reraise);
        self.pop_block();
        self.emit(Opcode::Swap, 2);
        self.op(Opcode::PopExcept);
        self.emit(Opcode::Reraise, 0);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(orelse);
        self.visit_stmts(&t.orelse)?;
        self.bind(end);
        Ok(())
    }

    pub fn compile_with(
        &mut self,
        s: &Stmt,
        items: &[WithItem],
        pos: usize,
        body: &[Stmt],
    ) -> CResult {
        let Some(item) = items.get(pos) else {
            return self.visit_stmts(body);
        };
        let block = self.new_label();
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.visit_expr(&item.context_expr)?;
        self.op(Opcode::BeforeWith);
        self.setup(Op::SetupWith, final_);
        self.bind(block);
        self.push_fblock(FBlockKind::With, block, Some(final_))?;
        match &item.optional_vars {
            Some(target) => self.visit_expr(target)?,
            None => self.op(Opcode::PopTop),
        }
        if pos + 1 == items.len() {
            self.visit_stmts(body)?;
        } else {
            self.compile_with(s, items, pos + 1, body)?;
        }
        self.unit.loc = None;
        self.pop_block();
        self.pop_fblock();
        self.set_loc(s.range);
        self.call_exit_with_nones();
        self.op(Opcode::PopTop);
        self.jump(Opcode::Jump, exit);
        self.bind(final_);
        self.setup(Op::SetupCleanup, cleanup);
        self.op(Opcode::PushExcInfo);
        self.op(Opcode::WithExceptStart);
        self.with_except_finish(cleanup);
        self.bind(exit);
        Ok(())
    }

    pub fn compile_async_with(
        &mut self,
        s: &Stmt,
        items: &[WithItem],
        pos: usize,
        body: &[Stmt],
    ) -> CResult {
        let Some(item) = items.get(pos) else {
            return self.visit_stmts(body);
        };
        self.mark_top_level_await(s.range)?;
        let block = self.new_label();
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.visit_expr(&item.context_expr)?;
        self.op(Opcode::BeforeAsyncWith);
        self.emit(Opcode::GetAwaitable, 1);
        self.load_none();
        self.add_yield_from(true);
        self.setup(Op::SetupWith, final_);
        self.bind(block);
        self.push_fblock(FBlockKind::AsyncWith, block, Some(final_))?;
        match &item.optional_vars {
            Some(target) => self.visit_expr(target)?,
            None => self.op(Opcode::PopTop),
        }
        if pos + 1 == items.len() {
            self.visit_stmts(body)?;
        } else {
            self.compile_async_with(s, items, pos + 1, body)?;
        }
        self.pop_fblock();
        self.pop_block();
        self.set_loc(s.range);
        self.call_exit_with_nones();
        self.emit(Opcode::GetAwaitable, 2);
        self.load_none();
        self.add_yield_from(true);
        self.op(Opcode::PopTop);
        self.jump(Opcode::Jump, exit);
        self.bind(final_);
        self.setup(Op::SetupCleanup, cleanup);
        self.op(Opcode::PushExcInfo);
        self.op(Opcode::WithExceptStart);
        self.emit(Opcode::GetAwaitable, 2);
        self.load_none();
        self.add_yield_from(true);
        self.with_except_finish(cleanup);
        self.bind(exit);
        Ok(())
    }

    /// After `WITH_EXCEPT_START`: swallow the exception when `__exit__` returned true.
    fn with_except_finish(&mut self, cleanup: super::ir::Label) {
        self.unit.loc = None;
        let exit = self.new_label();
        self.jump(Opcode::PopJumpIfTrue, exit);
        self.emit(Opcode::Reraise, 2);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        self.op(Opcode::PopTop);
        self.pop_block();
        self.op(Opcode::PopExcept);
        self.op(Opcode::PopTop);
        self.op(Opcode::PopTop);
    }
}
