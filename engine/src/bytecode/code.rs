//! Code objects as the compiler produces them: instructions, constants, names, the location
//! table and the exception table. The VM wraps a `CodeObject` with its runtime state (constant
//! values, quickened instructions, inline caches); this type is immutable and VM-independent.

use super::opcodes::{Instr, Opcode};
use crate::syntax::ast::Name;
use crate::syntax::text::TextRange;
use num_bigint::BigInt;
use std::rc::Rc;

/// `co_flags`, with CPython's bit values.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    pub const NOFREE: u32 = 0x0040;
    pub const COROUTINE: u32 = 0x0080;
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    pub const ASYNC_GENERATOR: u32 = 0x0200;

    #[inline]
    pub fn has(self, bit: u32) -> bool {
        self.0 & bit != 0
    }
}

/// A compile-time constant (`co_consts` entry).
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Ellipsis,
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Constant]>),
    /// A frozenset of constants (`x in {1, 2}` is compiled to a constant frozenset).
    FrozenSet(Rc<[Constant]>),
    Code(Rc<CodeObject>),
}

/// One row of the exception table: an exception raised by an instruction in `start..end` jumps
/// to `target` with the value stack cut to `depth` (plus the offending instruction's index
/// pushed first when `push_lasti`). Rows are sorted by `start`; ranges do not overlap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub push_lasti: bool,
}

/// Where an instruction came from: the source range of the AST node it was compiled for, and
/// that range's first line (1-based), kept so tracebacks need no line index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Location {
    pub line: u32,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    /// `co_name`: the function's name, or `<module>`, `<lambda>`, `<listcomp>`, …
    pub name: Name,
    /// `co_qualname`, e.g. `Outer.method.<locals>.inner`.
    pub qualname: Name,
    pub filename: Rc<str>,
    pub first_line: u32,
    pub flags: CodeFlags,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub code: Vec<Instr>,
    pub consts: Vec<Constant>,
    /// Global, attribute and imported names (`co_names`).
    pub names: Vec<Name>,
    /// Local slots in order: parameters, other locals, then cell and free variables — the
    /// frame's "fast locals" (CPython 3.11's `co_localsplusnames`).
    pub localsplus: Vec<Name>,
    /// Kind of each `localsplus` slot.
    pub localsplus_kinds: Vec<LocalKind>,
    /// Parallel to `code`.
    pub locations: Vec<Location>,
    pub exception_table: Vec<ExceptionEntry>,
    /// The most value-stack slots the code can use at once.
    pub stack_size: u32,
    pub docstring: Option<Rc<str>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocalKind {
    /// An ordinary local (or parameter).
    Local,
    /// A local that inner scopes capture: the slot holds a cell.
    Cell,
    /// A variable of an enclosing scope: the slot holds the closure's cell.
    Free,
}

impl CodeObject {
    pub fn is_generator(&self) -> bool {
        self.flags.has(CodeFlags::GENERATOR)
    }

    /// Number of parameters including `*args`, keyword-only and `**kwargs`.
    pub fn total_params(&self) -> u32 {
        self.argcount
            + self.kwonlyargcount
            + u32::from(self.flags.has(CodeFlags::VARARGS))
            + u32::from(self.flags.has(CodeFlags::VARKEYWORDS))
    }

    /// The exception-table row covering instruction `index`, if any.
    pub fn handler_for(&self, index: u32) -> Option<&ExceptionEntry> {
        let pos = self
            .exception_table
            .partition_point(|entry| entry.start <= index);
        let entry = self.exception_table.get(pos.checked_sub(1)?)?;
        (index < entry.end).then_some(entry)
    }

    /// The line of instruction `index` (0 when it has none).
    pub fn line_of(&self, index: usize) -> u32 {
        self.locations.get(index).map_or(0, |loc| loc.line)
    }

    /// Nested code objects (functions, lambdas, comprehensions, class bodies) in `consts`.
    pub fn children(&self) -> impl Iterator<Item = &Rc<CodeObject>> {
        self.consts.iter().filter_map(|c| match c {
            Constant::Code(code) => Some(code),
            _ => None,
        })
    }

    /// Whether any instruction is `op`.
    pub fn contains(&self, op: Opcode) -> bool {
        self.code.iter().any(|i| i.opcode() == op)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code_with_table(table: Vec<ExceptionEntry>) -> CodeObject {
        CodeObject {
            name: "f".into(),
            qualname: "f".into(),
            filename: "<test>".into(),
            first_line: 1,
            flags: CodeFlags::default(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            code: vec![Instr::new(Opcode::Nop, 0); 10],
            consts: Vec::new(),
            names: Vec::new(),
            localsplus: Vec::new(),
            localsplus_kinds: Vec::new(),
            locations: Vec::new(),
            exception_table: table,
            stack_size: 0,
            docstring: None,
        }
    }

    #[test]
    fn handler_lookup_respects_ranges() {
        let row = |start, end, target| ExceptionEntry {
            start,
            end,
            target,
            depth: 0,
            push_lasti: false,
        };
        let code = code_with_table(vec![row(1, 3, 7), row(4, 6, 8)]);
        let found = |i| code.handler_for(i).map(|e| e.target);
        assert_eq!(found(0), None);
        assert_eq!(found(1), Some(7));
        assert_eq!(found(2), Some(7));
        assert_eq!(found(3), None);
        assert_eq!(found(5), Some(8));
        assert_eq!(found(6), None);
    }
}
