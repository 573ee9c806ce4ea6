//! Runtime code objects: a compiled `CodeObject` plus what the VM needs at run time — the
//! instruction array it quickens in place, constants as values, and interned names.

use crate::bytecode::{CodeObject, Constant, Instr};
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::str::PyStr;
use crate::runtime::types::tuple::PyTuple;
use crate::runtime::value::Value;
use crate::runtime::Interner;
use crate::vm::quicken::cache::InlineCache;
use std::cell::Cell;
use std::rc::Rc;

pub struct PyCode {
    pub code: Rc<CodeObject>,
    /// The instructions as executed: specialized forms are written here (never into `code`).
    pub instrs: Box<[Cell<Instr>]>,
    pub consts: Box<[Value]>,
    pub names: Box<[Rc<PyStr>]>,
    pub localsplus_names: Box<[Rc<PyStr>]>,
    pub name: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    /// One inline cache per instruction (quickening state; see `vm::quicken`).
    pub caches: Box<[InlineCache]>,
    /// Whether a call with exactly `argcount` positional arguments binds them as they are
    /// (no `*args`, `**kwargs` or keyword-only parameters): the `CALL_PY_EXACT_ARGS` guard.
    pub simple_params: bool,
    /// Whether frames of this code are generator (or coroutine) frames, whose return goes
    /// through the generator machinery.
    pub is_generator: bool,
    /// Locals plus the deepest value stack (`stack_size`, which the compiler guarantees) plus
    /// a little slack: the dispatch loop reserves this much stack capacity on entering a frame,
    /// so its hottest pushes need no capacity check.
    pub frame_size: usize,
}

impl PyCode {
    pub fn new(code: Rc<CodeObject>, interner: &mut Interner) -> Rc<PyCode> {
        assert_stays_in_bounds(&code);
        let instrs = code.code.iter().map(|&i| Cell::new(i)).collect();
        let consts = code
            .consts
            .iter()
            .map(|c| constant_value(c, interner))
            .collect();
        let names = code.names.iter().map(|n| interner.intern(n)).collect();
        let localsplus_names = code.localsplus.iter().map(|n| interner.intern(n)).collect();
        let name = interner.intern(&code.name);
        let qualname = interner.intern(&code.qualname);
        let caches = code
            .code
            .iter()
            .map(|i| {
                let cache = InlineCache::default();
                if i.opcode().is_specializable() {
                    cache.counter.set(crate::vm::quicken::counter::WARMUP);
                }
                cache
            })
            .collect();
        let simple_params = code.total_params() == code.argcount;
        let frame_size = code.localsplus.len() + code.stack_size as usize + 4;
        Rc::new(PyCode {
            frame_size,
            caches,
            simple_params,
            is_generator: code.flags.has(
                crate::bytecode::CodeFlags::GENERATOR
                    | crate::bytecode::CodeFlags::COROUTINE
                    | crate::bytecode::CodeFlags::ASYNC_GENERATOR,
            ),
            code,
            instrs,
            consts,
            names,
            localsplus_names,
            name,
            qualname,
        })
    }

    #[inline]
    pub fn n_localsplus(&self) -> usize {
        self.localsplus_names.len()
    }
}

/// The value of a compile-time constant.
pub fn constant_value(c: &Constant, interner: &mut Interner) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Ellipsis => Value::Ellipsis,
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(n) => Value::BigInt(n.clone()),
        Constant::Float(f) => Value::Float(*f),
        Constant::Complex { real, imag } => Value::Object(crate::runtime::gc::tracked(
            PyObject::new(ObjKind::Complex {
                real: *real,
                imag: *imag,
            }),
        )),
        // Short constant strings are interned so that attribute and key lookups with them hit
        // the identity fast path.
        Constant::Str(s) if s.len() <= 40 => Value::Str(interner.intern(s)),
        Constant::Str(s) => Value::str(s),
        Constant::Bytes(b) => Value::Object(crate::runtime::gc::tracked(PyObject::new(
            ObjKind::Bytes(b.to_vec().into()),
        ))),
        Constant::Tuple(items) => Value::Tuple(crate::runtime::gc::tracked_tuple(PyTuple::new(
            items.iter().map(|c| constant_value(c, interner)).collect(),
        ))),
        Constant::FrozenSet(items) => Value::Object(crate::runtime::gc::tracked(PyObject::new(
            ObjKind::FrozenSetConst(items.iter().map(|c| constant_value(c, interner)).collect()),
        ))),
        Constant::Code(code) => Value::Object(crate::runtime::gc::tracked(PyObject::new(
            ObjKind::Code(PyCode::new(code.clone(), interner)),
        ))),
    }
}

/// The dispatch loop fetches instructions without a bounds check, which is sound because no
/// path leads past the last instruction: it is a terminator, and every jump and handler
/// target is an instruction. The compiler guarantees this; a code object that broke it would
/// be a compiler bug, stopped here rather than read out of bounds later.
fn assert_stays_in_bounds(code: &CodeObject) {
    use crate::bytecode::Opcode;
    let n = code.code.len();
    let ends = code.code.last().is_some_and(|i| {
        matches!(
            i.opcode().base(),
            Opcode::Jump
                | Opcode::JumpBackward
                | Opcode::ReturnValue
                | Opcode::RaiseVarargs
                | Opcode::Reraise
        )
    });
    let jumps = code
        .code
        .iter()
        .all(|i| !crate::compile::ir::is_jump_opcode(i.opcode()) || (i.arg() as usize) < n);
    let handlers = code.exception_table.iter().all(|e| (e.target as usize) < n);
    assert!(
        ends && jumps && handlers,
        "compiler bug: code object {} can run past its end",
        code.name
    );
}
