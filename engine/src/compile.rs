//! The bytecode compiler: AST + symbol table → code objects, generating what CPython 3.11's
//! `Python/compile.c` generates (after `Python/ast_opt.c`'s constant folding), in Adder's
//! instruction format (32-bit words, absolute jump targets, no caches or `PRECALL`).
//!
//! Layout: `codegen` holds the compiler state and shared helpers; `stmt`, `expr`, `func`,
//! `exc` and `pattern` generate code for statements, expressions, nested scopes,
//! exception handling and `match`; `fold` is the constant folder, `unparse` turns
//! annotations into strings under `from __future__ import annotations`; `unit` and `ir` are
//! the code under construction and `assemble` turns it into a `CodeObject`; `validate`
//! checks the structural invariants of the result.

mod assemble;
mod codegen;
mod constant;
pub mod error;
mod exc;
mod expr;
mod fold;
mod func;
pub(crate) mod ir;
mod pattern;
mod stmt;
mod unit;
mod unparse;
pub mod validate;

pub use error::CompileError;
pub use ir::{is_jump_opcode, stack_effect};

use crate::bytecode::{CodeObject, Location, Opcode};
use crate::symtable::SymbolTable;
use crate::syntax::ast::{Module, StmtKind};
use crate::syntax::{parse, Mode};
use codegen::Compiler;
use std::rc::Rc;

/// Compiles a parsed module whose symbol table has been built (and which had no syntax
/// errors) into the code object of its top level; nested functions, classes, lambdas and
/// comprehensions are `Constant::Code` entries of their parents' `consts`.
///
/// `mode` selects CPython's `compile()` mode: `Module` (`exec`), `Interactive` (`single`:
/// expression statements print their value with `PRINT_EXPR`) or `Expression` (`eval`:
/// the code returns the expression's value).
pub fn compile_module(
    source: &str,
    parsed: &Module,
    symtable: &SymbolTable,
    filename: &str,
    mode: Mode,
) -> Result<Rc<CodeObject>, CompileError> {
    let mut c = Compiler::new(source, symtable, filename);
    // The module's RESUME has no line (CPython gives it line 0).
    c.unit.loc = Some(Location::default());
    c.emit(Opcode::Resume, 0);
    match mode {
        Mode::Module => {
            c.compile_body(&parsed.body)?;
            c.implicit_return();
        }
        Mode::Interactive => {
            c.interactive = true;
            c.visit_stmts(&parsed.body)?;
            c.implicit_return();
        }
        Mode::Expression => {
            let Some(StmtKind::Expr(e)) = parsed.body.first().map(|s| &s.kind) else {
                return Err(CompileError::syntax("invalid syntax", parsed.range));
            };
            c.visit_expr(e)?;
            c.op_noloc(Opcode::ReturnValue, 0);
        }
    }
    let code = assemble::assemble(c.unit, &c.filename)?;
    Ok(Rc::new(code))
}

/// Parses, analyses and compiles `source`: the first error CPython would report (syntax,
/// symbol table or compiler) is returned as the error.
pub fn compile_source(
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<Rc<CodeObject>, CompileError> {
    let parsed = parse(source, mode);
    if let Some(e) = parsed.errors.into_iter().next() {
        return Err(CompileError::Syntax(e));
    }
    let analysis = crate::symtable::build(source, &parsed.module);
    if let Some(e) = analysis.errors.into_iter().next() {
        if e.message == error::RECURSION_MESSAGE {
            return Err(CompileError::Recursion { range: e.range });
        }
        return Err(CompileError::Syntax(e));
    }
    compile_module(source, &parsed.module, &analysis.table, filename, mode)
}
