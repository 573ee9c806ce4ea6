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

    /// Makes room for a frame of `code` at `base` (see `PyCode::frame_size`).
    #[inline(always)]
    pub(super) fn reserve_frame(
        &mut self,
        base: usize,
        code: &crate::runtime::types::code::PyCode,
    ) {
        let need = base + code.frame_size;
        if need > self.stack.capacity() {
            self.grow_stack_to(need);
        }
    }

    #[cold]
    #[inline(never)]
    fn grow_stack_to(&mut self, need: usize) {
        self.stack
            .reserve(need.max(2 * self.stack.capacity()) - self.stack.len());
    }

    /// The top item, for an instruction that has an operand: the compiler checks every code
    /// object's stack depths, so it is there.
    #[inline(always)]
    pub(super) fn operand(&self) -> &Value {
        let len = self.stack.len();
        debug_assert!(len > 0);
        // SAFETY: as said, `len > 0`.
        unsafe { self.stack.get_unchecked(len - 1) }
    }

    /// Pushes a clone of local slot `slot` of the running frame (bound, checked by the
    /// caller) within the frame's reserved room (`reserve_frame`): no capacity or bounds
    /// checks, for `LOAD_FAST`.
    ///
    /// # Safety
    /// `slot < len`, and the push stays within the frame's validated stack depth.
    #[inline(always)]
    pub(super) unsafe fn push_local_in_frame(&mut self, slot: usize) {
        let len = self.stack.len();
        debug_assert!(slot < len && len < self.stack.capacity());
        // SAFETY: the caller guarantees both; `len` and `slot` differ.
        unsafe {
            let p = self.stack.as_mut_ptr();
            raw::clone_to(&*p.add(slot), p.add(len));
            self.stack.set_len(len + 1);
        }
    }

    /// `push_clone` within the frame's reserved room (see `push_local_in_frame`).
    ///
    /// # Safety
    /// The push stays within the frame's validated stack depth; `v` is not in the stack.
    #[inline(always)]
    pub(super) unsafe fn push_clone_in_frame(&mut self, v: &Value) {
        let len = self.stack.len();
        debug_assert!(len < self.stack.capacity());
        // SAFETY: the caller guarantees the room.
        unsafe {
            raw::clone_to(v, self.stack.as_mut_ptr().add(len));
            self.stack.set_len(len + 1);
        }
    }

    /// Pushes `v` into room the caller knows is there (below a popped frame's height).
    ///
    /// # Safety
    /// `len < capacity`.
    #[inline(always)]
    pub(crate) unsafe fn push_in_room(&mut self, v: Value) {
        let len = self.stack.len();
        debug_assert!(len < self.stack.capacity());
        let v = std::mem::ManuallyDrop::new(v);
        // SAFETY: the caller guarantees the room; the value moves in whole (two words).
        unsafe {
            raw::move_to(&*v, self.stack.as_mut_ptr().add(len));
            self.stack.set_len(len + 1);
        }
    }

    #[cold]
    #[inline(never)]
    fn grow_stack(&mut self) {
        self.stack.reserve(self.stack.len().max(64));
    }

    /// Moves the items from `from` to the top off the stack into an inline buffer: the
    /// arguments of a call into Rust, which may itself use (and reallocate) the stack. No heap
    /// allocation for the usual few arguments.
    #[inline(always)]
    pub(crate) fn take_top(&mut self, from: usize) -> Operands {
        let len = self.stack.len();
        assert!(from <= len);
        let n = len - from;
        let mut out = smallvec::SmallVec::<[Value; 4]>::with_capacity(n);
        // SAFETY: the `n` items are initialized and move to the buffer, which has room for
        // them; cutting the stack's length first makes them moved-out there.
        unsafe {
            self.stack.set_len(from);
            std::ptr::copy_nonoverlapping(self.stack.as_ptr().add(from), out.as_mut_ptr(), n);
            out.set_len(n);
        }
        Operands(out)
    }

    /// Pushes a frame for `func`, written in place (`Frame::write_for_function`).
    #[inline(always)]
    pub(crate) fn push_function_frame_in_place(
        &mut self,
        func: std::rc::Rc<crate::runtime::types::function::PyFunction>,
        base: usize,
        ret_sp: usize,
    ) {
        self.push_function_frame_at(func, base, ret_sp, false);
    }

    /// `push_function_frame_in_place`, saying whether the frame is an entry frame (its
    /// return ends the dispatch loop that runs it: a call from Rust).
    #[inline(always)]
    pub(crate) fn push_function_frame_at(
        &mut self,
        func: std::rc::Rc<crate::runtime::types::function::PyFunction>,
        base: usize,
        ret_sp: usize,
        is_entry: bool,
    ) {
        let len = self.frames.len();
        if len == self.frames.capacity() {
            self.frames.reserve(len.max(16));
        }
        // SAFETY: `len < capacity`, so the slot is free.
        unsafe {
            let slot = self.frames.as_mut_ptr().add(len);
            crate::vm::frame::Frame::write_for_function(slot, func, base, ret_sp, is_entry);
            self.frames.set_len(len + 1);
        }
    }

    /// Drops the items above `height` in stack order, like `Vec::truncate` (a frame's locals
    /// on return), with items that own nothing costing no call.
    #[inline(always)]
    pub(crate) fn truncate_stack(&mut self, height: usize) {
        let len = self.stack.len();
        if len <= height {
            return;
        }
        // SAFETY: the items at `height..len` are initialized; the length is cut first, so
        // each is dropped exactly once.
        unsafe {
            self.stack.set_len(height);
            let p = self.stack.as_mut_ptr();
            for i in height..len {
                raw::drop_at(p.add(i));
            }
        }
    }

    /// Pops and drops the top item.
    #[inline(always)]
    pub(super) fn pop_discard(&mut self) {
        let len = self.stack.len();
        assert!(len > 0);
        // SAFETY: the top item is initialized; the length is cut first.
        unsafe {
            self.stack.set_len(len - 1);
            raw::drop_at(self.stack.as_mut_ptr().add(len - 1));
        }
    }

    /// Pops the top item into slot `slot` (below the top), dropping what the slot held.
    #[inline(always)]
    pub(super) fn pop_into(&mut self, slot: usize) {
        let len = self.stack.len();
        assert!(slot + 1 < len);
        // SAFETY: both indexes are in bounds and distinct; the slot's old value is dropped
        // before the top is moved over it, and the length cut makes the top moved-out.
        unsafe {
            let p = self.stack.as_mut_ptr();
            raw::drop_at(p.add(slot));
            raw::move_to(p.add(len - 1), p.add(slot));
            self.stack.set_len(len - 1);
        }
    }

    /// Replaces the top item by a clone of `*src`. The clone is taken before the old top is
    /// dropped, so `src` may point into the old top (an attribute of the instance replaced).
    ///
    /// # Safety
    /// `src` must point to a valid value outside the stack.
    #[inline(always)]
    pub(super) unsafe fn replace_top_clone(&mut self, src: *const Value) {
        let len = self.stack.len();
        assert!(len > 0);
        let mut old = std::mem::MaybeUninit::<Value>::uninit();
        // SAFETY: the top is initialized; it is moved to `old`, overwritten by the clone,
        // and `old` is dropped last.
        unsafe {
            let top = self.stack.as_mut_ptr().add(len - 1);
            raw::move_to(top, old.as_mut_ptr());
            raw::clone_to(&*src, top);
            raw::drop_at(old.as_mut_ptr());
        }
    }

    /// `LOAD_METHOD`'s result: the top item `owner` becomes `method, owner`.
    ///
    /// # Safety
    /// `method` must point to a valid value outside the stack.
    #[inline(always)]
    pub(super) unsafe fn insert_below_top_clone(&mut self, method: *const Value) {
        let next = self.next_slot();
        // SAFETY: `next` is the free slot above the top (`len >= 1` for LOAD_METHOD).
        unsafe {
            let top = next.sub(1);
            raw::move_to(top, next);
            raw::clone_to(&*method, top);
            self.stack.set_len(self.stack.len() + 1);
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
        self.push_words(raw::TAG_BOOL, u64::from(b));
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

/// Values moved off the stack by `take_top`. Dropped item by item with `raw::drop_at`, whose
/// inline tag test makes the usual int and `None` operands free (the generic slice drop is a
/// call per item).
pub(crate) struct Operands(smallvec::SmallVec<[Value; 4]>);

impl std::ops::Deref for Operands {
    type Target = [Value];

    #[inline(always)]
    fn deref(&self) -> &[Value] {
        &self.0
    }
}

impl Drop for Operands {
    #[inline(always)]
    fn drop(&mut self) {
        let n = self.0.len();
        // SAFETY: the length is cut first, so each item is dropped exactly once, here.
        unsafe {
            self.0.set_len(0);
            let p = self.0.as_mut_ptr();
            for i in 0..n {
                raw::drop_at(p.add(i));
            }
        }
    }
}
