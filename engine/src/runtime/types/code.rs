//! Runtime code objects: a compiled `CodeObject` plus what the VM needs at run time — the
//! instruction array it quickens in place, constants as values, and interned names.

use crate::bytecode::{CodeObject, Constant, Instr, Location};
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
    /// How far the text that defined this code has moved since it was compiled: a function
    /// kept warm across a re-run of its file (`session::reload`) keeps its code object, and
    /// every reader of lines and positions goes through the accessors below, which add this.
    shift: Cell<LineShift>,
}

/// A displacement of source text: lines and bytes (both zero for code as compiled).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LineShift {
    pub lines: i64,
    pub bytes: i64,
}

impl LineShift {
    pub fn plus(self, other: LineShift) -> LineShift {
        LineShift {
            lines: self.lines + other.lines,
            bytes: self.bytes + other.bytes,
        }
    }

    /// `location` moved by this shift (an instruction without a line stays without one).
    pub fn apply(self, location: Location) -> Location {
        if location.line == 0 {
            return location;
        }
        let bytes = |b: u32| clamp_u32(i64::from(b) + self.bytes);
        Location {
            line: clamp_u32(i64::from(location.line) + self.lines),
            range: crate::syntax::TextRange::new(
                bytes(location.range.start),
                bytes(location.range.end),
            ),
        }
    }

    /// A line number moved by this shift (0, "no line", stays 0).
    pub fn line(self, line: u32) -> u32 {
        if line == 0 {
            return 0;
        }
        clamp_u32(i64::from(line) + self.lines)
    }
}

fn clamp_u32(n: i64) -> u32 {
    n.clamp(0, i64::from(u32::MAX)) as u32
}

impl PyCode {
    pub fn new(code: Rc<CodeObject>, interner: &mut Interner) -> Rc<PyCode> {
        PyCode::new_reusing(code, interner, &mut |_| None)
    }

    /// Like [`PyCode::new`], but each nested code object is first offered to `reuse`, which
    /// may answer with an existing runtime code object to stand in for it (a function kept
    /// warm across a re-run); the ones it declines are built here, their children offered
    /// in turn.
    pub fn new_reusing(
        code: Rc<CodeObject>,
        interner: &mut Interner,
        reuse: &mut dyn FnMut(&Rc<CodeObject>) -> Option<Rc<PyCode>>,
    ) -> Rc<PyCode> {
        assert_stays_in_bounds(&code);
        let instrs = code.code.iter().map(|&i| Cell::new(i)).collect();
        let consts = code
            .consts
            .iter()
            .map(|c| match c {
                Constant::Code(child) => {
                    let child = match reuse(child) {
                        Some(old) => old,
                        None => PyCode::new_reusing(child.clone(), interner, reuse),
                    };
                    Value::Object(crate::runtime::gc::tracked(PyObject::new(ObjKind::Code(
                        child,
                    ))))
                }
                other => constant_value(other, interner),
            })
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
            shift: Cell::new(LineShift::default()),
        })
    }

    /// The inline cache of instruction `at`, without a bounds check (the dispatch loop's).
    ///
    /// # Safety
    /// `at` must be an instruction index: `caches` parallels `instrs`.
    #[inline(always)]
    pub unsafe fn cache_at(&self, at: usize) -> &InlineCache {
        debug_assert!(at < self.caches.len());
        // SAFETY: the caller guarantees the index.
        unsafe { self.caches.get_unchecked(at) }
    }

    /// How far this code's text has moved since it was compiled.
    pub fn shift(&self) -> LineShift {
        self.shift.get()
    }

    /// Moves this code and every code object nested in it by `by` (their text moved with it).
    pub fn shift_tree(&self, by: LineShift) {
        self.shift.set(self.shift.get().plus(by));
        for v in self.consts.iter() {
            if let Value::Object(o) = v {
                if let ObjKind::Code(child) = &o.kind {
                    child.shift_tree(by);
                }
            }
        }
    }

    /// `co_firstlineno`, where the text is now.
    pub fn first_line(&self) -> u32 {
        self.shift.get().line(self.code.first_line)
    }

    /// The line of instruction `index` (0 when it has none), where the text is now.
    pub fn line_of(&self, index: usize) -> u32 {
        self.shift.get().line(self.code.line_of(index))
    }

    /// The source location of instruction `index`, where the text is now.
    pub fn location(&self, index: usize) -> Option<Location> {
        let location = *self.code.locations.get(index)?;
        Some(self.shift.get().apply(location))
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
