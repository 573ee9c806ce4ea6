//! Value-stack primitives of the dispatch loop's fast paths: pushes that write the new value
//! with one store (`runtime::value::raw` explains why), and unchecked access to the items an
//! instruction's stack effect guarantees (the compiler checks every code object's depths).

use crate::runtime::value::{raw, Value};
use crate::vm::Vm;

impl Vm {
    /// The slot above the top, with room guaranteed.
    #[inline(always)]
    fn next_slot(&mut self) -> *mut Value {
        if self.stack.len() == self.stack.capacity() {
            self.grow_stack();
        }
        // SAFETY: `len < capacity`.
        unsafe { self.stack.as_mut_ptr().add(self.stack.len()) }
    }

    #[cold]
    #[inline(never)]
    fn grow_stack(&mut self) {
        self.stack.reserve(self.stack.len().max(64));
    }

    /// Pushes a frame for `func`, written in place (`Frame::write_for_function`).
    #[inline(always)]
    pub(crate) fn push_function_frame_in_place(
        &mut self,
        func: std::rc::Rc<crate::runtime::types::function::PyFunction>,
        base: usize,
        ret_sp: usize,
    ) {
        let len = self.frames.len();
        if len == self.frames.capacity() {
            self.frames.reserve(len.max(16));
        }
        // SAFETY: `len < capacity`, so the slot is free.
        unsafe {
            let slot = self.frames.as_mut_ptr().add(len);
            crate::vm::frame::Frame::write_for_function(slot, func, base, ret_sp, false);
            self.frames.set_len(len + 1);
        }
    }

    /// Pushes a clone of local slot `slot` (which the caller checked is bound).
    #[inline(always)]
    pub(super) fn push_local(&mut self, slot: usize) {
        let dst = self.next_slot();
        let src = &self.stack[slot];
        // SAFETY: `dst` is the free slot above the top, so it does not overlap `src`.
        unsafe {
            raw::clone_to(src, dst);
            self.stack.set_len(self.stack.len() + 1);
        }
    }

    /// Pushes a clone of `v`, which must not live in the stack.
    #[inline(always)]
    pub(super) fn push_clone(&mut self, v: &Value) {
        let dst = self.next_slot();
        // SAFETY: `dst` is the free slot above the top; `v` is not in the stack.
        unsafe {
            raw::clone_to(v, dst);
            self.stack.set_len(self.stack.len() + 1);
        }
    }

    /// Pushes an unboxed value given as its two words (see `raw`).
    #[inline(always)]
    pub(super) fn push_words(&mut self, head: u64, payload: u64) {
        let dst = self.next_slot();
        // SAFETY: `dst` is the free slot above the top.
        unsafe {
            raw::write_words(dst, head, payload);
            self.stack.set_len(self.stack.len() + 1);
        }
    }

    #[inline(always)]
    pub(super) fn push_null(&mut self) {
        self.push_words(raw::TAG_NULL, 0);
    }

    #[inline(always)]
    pub(super) fn push_bool(&mut self, b: bool) {
        self.push_words(raw::TAG_BOOL | (u64::from(b) << 8), 0);
    }

    /// Replaces the top two items, which own nothing (ints, floats, bools), by an int.
    #[inline(always)]
    pub(super) fn set_top2_int(&mut self, r: i64) {
        let len = self.stack.len();
        assert!(len >= 2);
        // SAFETY: `len >= 2`; the two items own nothing, so overwriting and forgetting them
        // leaks nothing.
        unsafe {
            self.stack.set_len(len - 1);
            raw::write_int(self.stack.as_mut_ptr().add(len - 2), r);
        }
    }

    /// As `set_top2_int`, for a float.
    #[inline(always)]
    pub(super) fn set_top2_float(&mut self, r: f64) {
        let len = self.stack.len();
        assert!(len >= 2);
        // SAFETY: as in `set_top2_int`.
        unsafe {
            self.stack.set_len(len - 1);
            raw::write_float(self.stack.as_mut_ptr().add(len - 2), r);
        }
    }
}
