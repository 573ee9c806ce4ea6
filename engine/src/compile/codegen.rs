//! The code generator's state and shared helpers (CPython's `struct compiler`): the stack of
//! units being built, locations, name resolution through the symbol table, scope entry and
//! exit, the recursion guard, and frame-block unwinding for `break`/`continue`/`return`.
//! The statement, expression, function, exception and pattern generators are `impl`
//! blocks in sibling modules.

use super::assemble::assemble;
use super::error::CompileError;
use super::ir::{Label, Op};
use super::unit::{FBlock, FBlockKind, Unit, UnitKind};
use crate::bytecode::{CodeObject, Constant, Location, Opcode};
use crate::symtable::{mangle, NameOp, ScopeId, ScopeKind, SymbolScope, SymbolTable};
use crate::syntax::ast::{ExprKind, Name, Stmt, StmtKind};
use crate::syntax::text::{LineIndex, TextRange};
use std::rc::Rc;

/// Nesting deeper than this is refused with `RecursionError` before the Rust stack is at
/// risk (CPython's limit is about 3000 levels).
const MAX_DEPTH: u32 = 3000;

/// CPython's `CO_MAXBLOCKS`: more statically nested blocks is a `SyntaxError`.
const MAX_BLOCKS: usize = 20;

pub(crate) type CResult<T = ()> = Result<T, CompileError>;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Ctx {
    Load,
    Store,
    Del,
}

pub(crate) struct Compiler<'a> {
    pub source: &'a str,
    pub lines: LineIndex,
    pub table: &'a SymbolTable,
    pub filename: Rc<str>,
    /// The unit being built; `outer` holds the enclosing ones.
    pub unit: Unit,
    pub outer: Vec<Unit>,
    depth: u32,
    /// `Mode::Interactive`: top-level expression statements print their value.
    pub interactive: bool,
}

impl<'a> Compiler<'a> {
    pub fn new(source: &'a str, table: &'a SymbolTable, filename: &str) -> Self {
        let mut unit = Unit::new(
            ScopeId::MODULE,
            UnitKind::Module,
            Name::from("<module>"),
            Name::from("<module>"),
        );
        unit.first_line = 1;
        Compiler {
            source,
            lines: LineIndex::new(source),
            table,
            filename: Rc::from(filename),
            unit,
            outer: Vec::new(),
            depth: 0,
            interactive: false,
        }
    }

    // ---- locations --------------------------------------------------------------------

    pub fn line_of(&self, offset: u32) -> u32 {
        self.lines.line_of(offset.min(self.source.len() as u32)) as u32 + 1
    }

    pub fn loc(&self, range: TextRange) -> Location {
        Location {
            line: self.line_of(range.start),
            range,
        }
    }

    pub fn set_loc(&mut self, range: TextRange) {
        self.unit.loc = Some(self.loc(range));
    }

    // ---- emission shorthands ------------------------------------------------------------

    pub fn emit(&mut self, op: Opcode, arg: u32) {
        self.unit.emit(op, arg);
    }

    pub fn op(&mut self, op: Opcode) {
        self.unit.emit(op, 0);
    }

    /// Emits `op` without a location (it takes its predecessor's, as CPython's `UNSET_LOC`).
    pub fn op_noloc(&mut self, op: Opcode, arg: u32) {
        let saved = self.unit.loc.take();
        self.unit.emit(op, arg);
        self.unit.loc = saved;
    }

    pub fn jump(&mut self, op: Opcode, target: Label) {
        self.unit.emit_jump(op, target);
    }

    pub fn jump_noloc(&mut self, op: Opcode, target: Label) {
        let saved = self.unit.loc.take();
        self.unit.emit_jump(op, target);
        self.unit.loc = saved;
    }

    pub fn setup(&mut self, op: Op, target: Label) {
        self.unit.emit_op(op, 0, Some(target));
    }

    pub fn pop_block(&mut self) {
        self.unit.emit_op(Op::PopBlock, 0, None);
    }

    pub fn new_label(&mut self) -> Label {
        self.unit.new_label()
    }

    pub fn bind(&mut self, label: Label) {
        self.unit.bind(label);
    }

    pub fn load_const(&mut self, c: Constant) {
        let i = self.unit.add_const(c);
        self.emit(Opcode::LoadConst, i);
    }

    pub fn load_none(&mut self) {
        self.load_const(Constant::None);
    }

    pub fn load_str(&mut self, s: &str) {
        self.load_const(Constant::Str(Rc::from(s)));
    }

    pub fn name_arg(&mut self, name: &str) -> u32 {
        let mangled = self.mangle(name);
        self.unit.add_name(&mangled)
    }

    /// An op whose argument indexes `co_names` (attribute, import, …), mangled.
    pub fn emit_name(&mut self, op: Opcode, name: &str) {
        let i = self.name_arg(name);
        self.emit(op, i);
    }

    // ---- recursion guard ----------------------------------------------------------------

    pub fn enter_nested(&mut self, range: TextRange) -> CResult {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(CompileError::Recursion { range });
        }
        Ok(())
    }

    pub fn leave_nested(&mut self) {
        self.depth -= 1;
    }

    // ---- names --------------------------------------------------------------------------

    pub fn mangle(&self, name: &str) -> Name {
        mangle(self.unit.private.as_deref(), name).unwrap_or_else(|| Name::from(name))
    }

    pub fn scope_kind(&self) -> ScopeKind {
        self.table.scope(self.unit.scope).kind
    }

    /// CPython's `compiler_nameop`.
    pub fn nameop(&mut self, name: &str, ctx: Ctx) {
        let mangled = self.mangle(name);
        let op = self
            .table
            .name_op(self.unit.scope, &mangled, ctx == Ctx::Load);
        let op = match op {
            // A name the symbol table never saw (only in trees it did not fully analyse).
            NameOp::Deref | NameOp::ClassDeref if self.unit.deref_index(&mangled).is_none() => {
                NameOp::Name
            }
            other => other,
        };
        match op {
            NameOp::Fast => {
                let i = self.unit.add_varname(&mangled);
                let code = match ctx {
                    Ctx::Load => Opcode::LoadFast,
                    Ctx::Store => Opcode::StoreFast,
                    Ctx::Del => Opcode::DeleteFast,
                };
                self.emit(code, i);
            }
            NameOp::Deref | NameOp::ClassDeref => {
                let i = self.unit.deref_index(&mangled).unwrap_or(0);
                let code = match ctx {
                    Ctx::Load if op == NameOp::ClassDeref => Opcode::LoadClassderef,
                    Ctx::Load => Opcode::LoadDeref,
                    Ctx::Store => Opcode::StoreDeref,
                    Ctx::Del => Opcode::DeleteDeref,
                };
                self.emit(code, i);
            }
            NameOp::Global => {
                let i = self.unit.add_name(&mangled);
                match ctx {
                    Ctx::Load => self.emit(Opcode::LoadGlobal, i << 1),
                    Ctx::Store => self.emit(Opcode::StoreGlobal, i),
                    Ctx::Del => self.emit(Opcode::DeleteGlobal, i),
                }
            }
            NameOp::Name => {
                let i = self.unit.add_name(&mangled);
                let code = match ctx {
                    Ctx::Load => Opcode::LoadName,
                    Ctx::Store => Opcode::StoreName,
                    Ctx::Del => Opcode::DeleteName,
                };
                self.emit(code, i);
            }
        }
    }

    /// `LOAD_CLOSURE` for `name`, which must be a cell or free variable here.
    pub fn load_closure(&mut self, name: &str, range: TextRange) -> CResult {
        match self.unit.deref_index(name) {
            Some(i) => {
                self.emit(Opcode::LoadClosure, i);
                Ok(())
            }
            None => Err(CompileError::System {
                message: format!(
                    "compiler: no cell for free variable {name:?} at {}",
                    self.line_of(range.start)
                ),
            }),
        }
    }

    // ---- units --------------------------------------------------------------------------

    /// Opens the unit for `scope` (CPython's `compiler_enter_scope`) and emits `RESUME`.
    pub fn enter_scope(
        &mut self,
        scope: ScopeId,
        kind: UnitKind,
        name: &str,
        range: TextRange,
        first_line: u32,
    ) {
        let qualname = self.qualname_for(scope, name);
        let mut unit = Unit::new(scope, kind, Name::from(name), qualname);
        let s = self.table.scope(scope);
        unit.varnames.clear();
        for p in &s.params {
            unit.add_varname(p);
        }
        unit.cellvars = s.cellvars();
        unit.freevars = s.freevars();
        unit.private = match kind {
            UnitKind::Class => Some(Name::from(name)),
            _ => self.unit.private.clone(),
        };
        unit.first_line = first_line;
        let parent = std::mem::replace(&mut self.unit, unit);
        self.outer.push(parent);
        self.unit.loc = Some(Location {
            line: first_line,
            range,
        });
        self.emit(Opcode::Resume, 0);
    }

    /// Closes the current unit and assembles it.
    pub fn exit_scope(&mut self) -> CResult<Rc<CodeObject>> {
        let Some(parent) = self.outer.pop() else {
            return Err(CompileError::System {
                message: "compiler: unit stack underflow".into(),
            });
        };
        let unit = std::mem::replace(&mut self.unit, parent);
        Ok(Rc::new(assemble(unit, &self.filename)?))
    }

    /// CPython's `compiler_set_qualname`.
    fn qualname_for(&self, scope: ScopeId, name: &str) -> Name {
        if self.outer.is_empty() && self.unit.kind == UnitKind::Module {
            return Name::from(name);
        }
        let parent = &self.unit;
        if parent.kind == UnitKind::Module {
            return Name::from(name);
        }
        // A name declared global in the enclosing scope gets no dotted prefix.
        let kind = self.table.scope(scope).kind;
        if matches!(kind, ScopeKind::Function | ScopeKind::Class) {
            let mangled =
                mangle(parent.private.as_deref(), name).unwrap_or_else(|| Name::from(name));
            let ps = self.table.scope(parent.scope);
            if ps.scope_of(&mangled) == SymbolScope::GlobalExplicit {
                return Name::from(name);
            }
        }
        let base = match parent.kind {
            UnitKind::Function | UnitKind::Lambda => format!("{}.<locals>", parent.qualname),
            _ => parent.qualname.to_string(),
        };
        Name::from(format!("{base}.{name}"))
    }

    // ---- frame blocks -------------------------------------------------------------------

    pub fn push_fblock(&mut self, kind: FBlockKind, block: Label, exit: Option<Label>) -> CResult {
        let loc = self.unit.loc.unwrap_or_default();
        if self.unit.fblocks.len() >= MAX_BLOCKS {
            return Err(CompileError::syntax(
                "too many statically nested blocks",
                loc.range,
            ));
        }
        self.unit.fblocks.push(FBlock {
            kind,
            block,
            exit,
            loc,
        });
        Ok(())
    }

    pub fn pop_fblock(&mut self) {
        self.unit.fblocks.pop();
    }

    /// CPython's `compiler_unwind_fblock`: the code leaving `fb` early needs. Returns
    /// whether it is a loop (for `break`/`continue`).
    pub fn unwind_fblock(&mut self, fb: &FBlock, preserve_tos: bool) -> CResult {
        match &fb.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator => {}
            FBlockKind::ForLoop => {
                // Pop the iterator.
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.op(Opcode::PopTop);
            }
            FBlockKind::TryExcept => self.pop_block(),
            FBlockKind::FinallyTry(body) => {
                // This POP_BLOCK gets the line number of the unwinding statement.
                self.pop_block();
                if preserve_tos {
                    self.push_fblock(FBlockKind::PopValue, fb.block, None)?;
                }
                // Emit the finally block.
                let body = body.clone();
                self.visit_stmts(&body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                self.unit.loc = None;
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.op(Opcode::PopTop); // exc_value
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.pop_block();
                self.op(Opcode::PopExcept);
            }
            FBlockKind::With | FBlockKind::AsyncWith => {
                self.unit.loc = Some(fb.loc);
                self.pop_block();
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                // Call __exit__(None, None, None).
                self.call_exit_with_nones();
                if matches!(fb.kind, FBlockKind::AsyncWith) {
                    self.emit(Opcode::GetAwaitable, 2);
                    self.load_none();
                    self.add_yield_from(true);
                }
                self.op(Opcode::PopTop);
                // The exit call appears to run after the unwinding statement.
                self.unit.loc = None;
            }
            FBlockKind::HandlerCleanup { name } => {
                if name.is_some() {
                    self.pop_block();
                }
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.pop_block();
                self.op(Opcode::PopExcept);
                if let Some(name) = name {
                    self.load_none();
                    self.nameop(name, Ctx::Store);
                    self.nameop(name, Ctx::Del);
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.emit(Opcode::Swap, 2);
                }
                self.op(Opcode::PopTop);
            }
        }
        Ok(())
    }

    /// Unwinds every frame block up to the innermost loop (`loop_only`) or function
    /// boundary; returns the loop block found, if any.
    pub fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        loop_only: bool,
    ) -> CResult<Option<FBlock>> {
        let Some(top) = self.unit.fblocks.last().cloned() else {
            return Ok(None);
        };
        if matches!(top.kind, FBlockKind::ExceptionGroupHandler) {
            let here = self.unit.loc.unwrap_or_default().range;
            return Err(CompileError::syntax(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                here,
            ));
        }
        if loop_only && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(top));
        }
        self.unit.fblocks.pop();
        self.unwind_fblock(&top, preserve_tos)?;
        let found = self.unwind_fblock_stack(preserve_tos, loop_only);
        self.unit.fblocks.push(top);
        found
    }

    /// `__exit__(None, None, None)` on the exit callable on the stack (CPython's
    /// `compiler_call_exit_with_nones`).
    pub fn call_exit_with_nones(&mut self) {
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(Opcode::Call, 2);
    }

    /// The `SEND`/`YIELD_VALUE` loop of `yield from` and `await`.
    pub fn add_yield_from(&mut self, is_await: bool) {
        let start = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.jump(Opcode::Send, exit);
        self.emit(Opcode::YieldValue, 0);
        self.emit(Opcode::Resume, if is_await { 3 } else { 2 });
        self.unit.emit_op(Op::JumpNoInterrupt, 0, Some(start));
        self.bind(exit);
    }

    pub fn visit_stmts(&mut self, body: &[Stmt]) -> CResult {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    /// The docstring of a body: its first statement when that is a string constant.
    pub fn docstring_of(body: &[Stmt]) -> Option<&str> {
        let first = body.first()?;
        if let StmtKind::Expr(e) = &first.kind {
            if let ExprKind::Constant {
                value: crate::syntax::ast::Constant::Str(s),
                ..
            } = &e.kind
            {
                return Some(s);
            }
        }
        None
    }
}
