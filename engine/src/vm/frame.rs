//! Frames: where a code object's execution stands. The frame's fast locals and value stack
//! live in the VM's shared stack from `base`; the frame itself holds only indexes.

use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::function::PyFunction;
use std::rc::Rc;

pub struct Frame {
    pub code: Rc<PyCode>,
    pub func: Option<Rc<PyFunction>>,
    pub globals: Rc<PyDict>,
    pub builtins: Rc<PyDict>,
    /// The namespace of `LOAD_NAME`/`STORE_NAME` (module and class bodies).
    pub locals: Option<Rc<PyDict>>,
    /// Index of the next instruction.
    pub ip: usize,
    /// Where the fast locals start in `Vm::stack`.
    pub base: usize,
    /// The stack height to restore when the frame returns (below the callable and NULL).
    pub ret_sp: usize,
    /// When this frame returns, the loop returns to its Rust caller.
    pub is_entry: bool,
    /// For an `__init__` frame pushed by `CALL_ALLOC_AND_ENTER_INIT`: the new instance, which
    /// the call evaluates to (`__init__` itself must return None). `Null` otherwise.
    pub init_self: crate::runtime::value::Value,
}

impl Frame {
    /// Where the value stack starts in `Vm::stack`.
    #[inline]
    pub fn stack_base(&self) -> usize {
        self.base + self.code.n_localsplus()
    }
}
