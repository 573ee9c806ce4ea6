//! One code object under construction (CPython's `compiler_unit`): its instructions and
//! labels, constant/name/variable tables, the frame-block stack used to unwind `break`,
//! `continue` and `return`, and the location new instructions get.

use super::constant::{key_of, ConstKey};
use super::ir::{IrInstr, Label, Op};
use crate::bytecode::{Constant, Location, Opcode};
use crate::symtable::ScopeId;
use crate::syntax::ast::Name;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

/// What a frame block is (CPython's `fblocktype`), with what unwinding it needs.
#[derive(Clone, Debug)]
pub(crate) enum FBlockKind {
    WhileLoop,
    ForLoop,
    /// `try` body with an `except` clause.
    TryExcept,
    /// `try` body of a `try/finally`: unwinding runs a copy of the final body.
    FinallyTry(Rc<Vec<crate::syntax::ast::Stmt>>),
    /// Inside a `finally` block reached by an exception (the exception is on the stack).
    FinallyEnd,
    With,
    AsyncWith,
    /// Inside an `except` handler (prev exc on the stack).
    HandlerCleanup {
        name: Option<Name>,
    },
    /// A `match` case body with the subject still on the stack.
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

#[derive(Clone, Debug)]
pub(crate) struct FBlock {
    pub kind: FBlockKind,
    /// Loop head (`continue` target) for loops.
    pub block: Label,
    /// Loop exit (`break` target) for loops.
    pub exit: Option<Label>,
    /// The statement's location, restored while unwinding through it.
    pub loc: Location,
}

pub(crate) struct Unit {
    pub scope: ScopeId,
    pub kind: UnitKind,
    pub name: Name,
    pub qualname: Name,
    pub first_line: u32,
    pub flags: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub instrs: Vec<IrInstr>,
    /// Position each label is bound to (`u32::MAX` while unbound).
    pub labels: Vec<u32>,
    pub consts: Vec<Constant>,
    const_map: HashMap<ConstKey, u32>,
    pub names: Vec<Name>,
    name_map: HashMap<Name, u32>,
    pub varnames: Vec<Name>,
    var_map: HashMap<Name, u32>,
    pub cellvars: Vec<Name>,
    pub freevars: Vec<Name>,
    pub fblocks: Vec<FBlock>,
    /// The class whose private names are mangled here (`u_private`).
    pub private: Option<Name>,
    pub docstring: Option<Rc<str>>,
    /// Location given to the next emitted instruction; `None` emits location-less code.
    pub loc: Option<Location>,
}

impl Unit {
    pub fn new(scope: ScopeId, kind: UnitKind, name: Name, qualname: Name) -> Self {
        Unit {
            scope,
            kind,
            name,
            qualname,
            first_line: 1,
            flags: 0,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            instrs: Vec::new(),
            labels: Vec::new(),
            consts: Vec::new(),
            const_map: HashMap::new(),
            names: Vec::new(),
            name_map: HashMap::new(),
            varnames: Vec::new(),
            var_map: HashMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            fblocks: Vec::new(),
            private: None,
            docstring: None,
            loc: None,
        }
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(u32::MAX);
        Label(self.labels.len() as u32 - 1)
    }

    pub fn bind(&mut self, label: Label) {
        self.labels[label.0 as usize] = self.instrs.len() as u32;
    }

    pub fn emit_op(&mut self, op: Op, arg: u32, target: Option<Label>) {
        self.instrs.push(IrInstr {
            op,
            arg,
            target,
            loc: self.loc,
        });
    }

    pub fn emit(&mut self, op: Opcode, arg: u32) {
        self.emit_op(Op::Real(op), arg, None);
    }

    pub fn emit_jump(&mut self, op: Opcode, target: Label) {
        self.emit_op(Op::Real(op), 0, Some(target));
    }

    /// Index of `c` in `co_consts`, adding it if new.
    pub fn add_const(&mut self, c: Constant) -> u32 {
        let key = key_of(&c);
        if let Some(&i) = self.const_map.get(&key) {
            return i;
        }
        let i = self.consts.len() as u32;
        self.consts.push(c);
        self.const_map.insert(key, i);
        i
    }

    pub fn add_name(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_map.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(Name::from(name));
        self.name_map.insert(Name::from(name), i);
        i
    }

    pub fn add_varname(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.var_map.get(name) {
            return i;
        }
        let i = self.varnames.len() as u32;
        self.varnames.push(Name::from(name));
        self.var_map.insert(Name::from(name), i);
        i
    }

    pub fn varname_index(&self, name: &str) -> Option<u32> {
        self.var_map.get(name).copied()
    }

    /// Index of a cell or free variable in `cellvars ++ freevars` (CPython's pre-assembly
    /// deref numbering; `assemble` maps it to a `localsplus` slot).
    pub fn deref_index(&self, name: &str) -> Option<u32> {
        if let Some(i) = self.cellvars.iter().position(|n| n == name) {
            return Some(i as u32);
        }
        self.freevars
            .iter()
            .position(|n| n == name)
            .map(|i| (i + self.cellvars.len()) as u32)
    }

    /// Whether the last emitted instruction never falls through (no implicit return needed).
    pub fn ends_in_return(&self) -> bool {
        match self.instrs.last() {
            Some(last) => {
                last.op == Op::Real(Opcode::ReturnValue)
                    && !self.labels.iter().any(|&p| p as usize == self.instrs.len())
            }
            None => false,
        }
    }
}
