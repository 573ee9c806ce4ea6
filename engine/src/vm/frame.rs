//! Frames: where a code object's execution stands. The frame's fast locals and value stack
//! live in the VM's shared stack from `base`; the frame itself holds only indexes.
//!
//! A function frame owns one reference, to its function, and borrows the function's code,
//! globals and builtins (a function's fields never change), so a call costs no reference
//! count traffic beyond the function itself — which `CALL` moves off the value stack. Frames
//! without a function (module, `exec`) own their code and namespaces in a side box.

use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::function::PyFunction;
use crate::runtime::value::{raw, Value};
use std::mem::MaybeUninit;
use std::ptr::NonNull;
use std::rc::Rc;

/// What a frame without a function keeps alive.
struct Owned {
    _code: Rc<PyCode>,
    _globals: Rc<PyDict>,
    _builtins: Rc<PyDict>,
}

pub struct Frame {
    /// The function running (`None` for module code and `exec`).
    pub func: Option<Rc<PyFunction>>,
    _owned: Option<Box<Owned>>,
    // Borrowed from `func` or `owned`, which live as long as the frame.
    code: NonNull<PyCode>,
    globals: NonNull<PyDict>,
    builtins: NonNull<PyDict>,
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
    pub init_self: Value,
}

impl Frame {
    /// A frame running `func`'s code.
    #[inline]
    pub fn for_function(func: Rc<PyFunction>, base: usize, ret_sp: usize, is_entry: bool) -> Frame {
        Frame {
            code: NonNull::from(&*func.code),
            globals: NonNull::from(&*func.globals),
            builtins: NonNull::from(&*func.builtins),
            func: Some(func),
            _owned: None,
            locals: None,
            ip: 0,
            base,
            ret_sp,
            is_entry,
            init_self: Value::Null,
        }
    }

    /// `for_function` written field by field into `slot`: built whole and then moved, the
    /// frame would be stored piecewise and reloaded 16 bytes at a time, which stalls.
    ///
    /// # Safety
    /// `slot` must be valid for writing a `Frame` and hold nothing that needs dropping.
    #[inline(always)]
    pub unsafe fn write_for_function(
        slot: *mut Frame,
        func: Rc<PyFunction>,
        base: usize,
        ret_sp: usize,
        is_entry: bool,
    ) {
        use std::ptr::addr_of_mut;
        // SAFETY: the caller guarantees `slot`; every field is written exactly once.
        unsafe {
            addr_of_mut!((*slot).code).write(NonNull::from(&*func.code));
            addr_of_mut!((*slot).globals).write(NonNull::from(&*func.globals));
            addr_of_mut!((*slot).builtins).write(NonNull::from(&*func.builtins));
            addr_of_mut!((*slot).func).write(Some(func));
            addr_of_mut!((*slot)._owned).write(None);
            addr_of_mut!((*slot).locals).write(None);
            addr_of_mut!((*slot).ip).write(0);
            addr_of_mut!((*slot).base).write(base);
            addr_of_mut!((*slot).ret_sp).write(ret_sp);
            addr_of_mut!((*slot).is_entry).write(is_entry);
            crate::runtime::value::raw::write_null(addr_of_mut!((*slot).init_self));
        }
    }

    /// Drops the frame at `p` in place. A function frame owns only its function, so its drop
    /// is one reference count, inline (the full drop glue is an out-of-line call per return).
    ///
    /// # Safety
    /// `p` must point to a valid frame, which is dropped: the caller treats it as moved out.
    #[inline(always)]
    pub unsafe fn drop_at(p: *mut Frame) {
        // SAFETY: the caller guarantees `p`; each field is dropped once.
        unsafe {
            let f = &mut *p;
            if f._owned.is_none() && f.locals.is_none() && f.init_self.is_null() {
                std::ptr::drop_in_place(&mut f.func);
            } else {
                std::ptr::drop_in_place(p);
            }
        }
    }

    /// A frame running code that belongs to no function (a module, `exec`).
    pub fn for_code(
        code: Rc<PyCode>,
        globals: Rc<PyDict>,
        builtins: Rc<PyDict>,
        base: usize,
        is_entry: bool,
    ) -> Frame {
        Frame {
            code: NonNull::from(&*code),
            globals: NonNull::from(&*globals),
            builtins: NonNull::from(&*builtins),
            func: None,
            _owned: Some(Box::new(Owned {
                _code: code,
                _globals: globals,
                _builtins: builtins,
            })),
            locals: None,
            ip: 0,
            base,
            ret_sp: base,
            is_entry,
            init_self: Value::Null,
        }
    }

    #[inline(always)]
    pub fn code(&self) -> &PyCode {
        // SAFETY: `func` or `owned` holds a strong reference for the frame's lifetime.
        unsafe { self.code.as_ref() }
    }

    #[inline(always)]
    pub fn globals(&self) -> &PyDict {
        // SAFETY: as in `code`.
        unsafe { self.globals.as_ref() }
    }

    #[inline(always)]
    pub fn builtins(&self) -> &PyDict {
        // SAFETY: as in `code`.
        unsafe { self.builtins.as_ref() }
    }

    /// A new strong reference to the code.
    pub fn code_rc(&self) -> Rc<PyCode> {
        // SAFETY: `code` came from an `Rc` that is alive (see `code`).
        unsafe {
            Rc::increment_strong_count(self.code.as_ptr());
            Rc::from_raw(self.code.as_ptr())
        }
    }

    /// A new strong reference to the globals.
    pub fn globals_rc(&self) -> Rc<PyDict> {
        // SAFETY: as in `code_rc`.
        unsafe {
            Rc::increment_strong_count(self.globals.as_ptr());
            Rc::from_raw(self.globals.as_ptr())
        }
    }

    /// A new strong reference to the builtins.
    pub fn builtins_rc(&self) -> Rc<PyDict> {
        // SAFETY: as in `code_rc`.
        unsafe {
            Rc::increment_strong_count(self.builtins.as_ptr());
            Rc::from_raw(self.builtins.as_ptr())
        }
    }

    /// Where the value stack starts in `Vm::stack`.
    #[inline]
    pub fn stack_base(&self) -> usize {
        self.base + self.code().n_localsplus()
    }
}

/// A frame kept off the frame stack: a suspended generator's. It moves on and off the stack
/// word by word (`raw::move_words`), with no temporary copy: a generator that yields every
/// few instructions would otherwise stall on reloading the frame it has just stored.
pub struct SavedFrame {
    slot: MaybeUninit<Frame>,
    present: bool,
}

impl SavedFrame {
    pub fn new(frame: Frame) -> SavedFrame {
        SavedFrame {
            slot: MaybeUninit::new(frame),
            present: true,
        }
    }

    pub fn empty() -> SavedFrame {
        SavedFrame {
            slot: MaybeUninit::uninit(),
            present: false,
        }
    }

    pub fn get(&self) -> Option<&Frame> {
        // SAFETY: `present` says the slot holds a frame.
        self.present.then(|| unsafe { self.slot.assume_init_ref() })
    }

    pub fn get_mut(&mut self) -> Option<&mut Frame> {
        // SAFETY: as in `get`.
        self.present.then(|| unsafe { self.slot.assume_init_mut() })
    }

    pub fn take(&mut self) -> Option<Frame> {
        // SAFETY: as in `get`; `present` is cleared, so it is read out once.
        std::mem::take(&mut self.present).then(|| unsafe { self.slot.assume_init_read() })
    }

    /// Drops the frame, if any.
    #[inline]
    pub fn clear(&mut self) {
        if self.present {
            self.clear_present();
        }
    }

    #[inline(never)]
    fn clear_present(&mut self) {
        drop(self.take());
    }

    /// Moves the frame onto the top of `frames`; false when there is none.
    #[inline]
    pub fn push_onto(&mut self, frames: &mut Vec<Frame>) -> bool {
        if !self.present {
            return false;
        }
        frames.reserve(1);
        let len = frames.len();
        // SAFETY: the slot holds a frame (`present`), which is moved into the reserved
        // space past the end; clearing `present` leaves the stack its only owner.
        unsafe {
            raw::move_words(self.slot.as_ptr(), frames.as_mut_ptr().add(len), 1);
            frames.set_len(len + 1);
        }
        self.present = false;
        true
    }

    /// Moves the top frame of `frames` in, dropping any frame held before.
    #[inline]
    pub fn pop_from(&mut self, frames: &mut Vec<Frame>) {
        let Some(last) = frames.len().checked_sub(1) else {
            return;
        };
        self.clear();
        // SAFETY: the stack is shortened first, so the slot becomes the frame's only owner.
        unsafe {
            frames.set_len(last);
            raw::move_words(frames.as_ptr().add(last), self.slot.as_mut_ptr(), 1);
        }
        self.present = true;
    }
}

impl Drop for SavedFrame {
    fn drop(&mut self) {
        self.clear();
    }
}
