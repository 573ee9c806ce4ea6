//! The dispatch loop proper. It is kept small so that the current frame's state (code, `ip`,
//! `base`) stays in registers: it holds the fast paths of the hottest instructions and sends
//! everything else — generic forms, guard misses, anything unusual — to `step_slow`, which
//! implements every instruction in full. A fast arm either completes its instruction and
//! `continue`s, or leaves everything untouched (the stack, `ip`, the caches) and falls through
//! to the slow path, which runs the same instruction from the start.
//!
//! The frame's saved `ip` is written only where something may look at it: the slow path
//! writes it first, and a fast arm that can raise or push a frame writes it before doing so.

use super::families::{compare_float, compare_ord};
use super::outlined::Fast;
use super::{specialized, Exit};
use crate::bytecode::Opcode;
use crate::runtime::error::PyResult;
use crate::runtime::types::code::PyCode;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::{raw, Value};
use crate::vm::frame::Frame;
use crate::vm::Vm;

/// Goes on as an outlined fast path (`outlined.rs`) says. The loop's labels are passed in
/// because labels in a macro are hygienic.
macro_rules! outlined {
    ($fast:expr, $ip:ident, $instr:lifetime, $slow:lifetime, $frame:lifetime) => {
        match $fast {
            Fast::Next => continue $instr,
            Fast::Slow => break $slow,
            Fast::Jump(to) => {
                $ip = to;
                continue $instr;
            }
            Fast::Frame => continue $frame,
            Fast::Return(v) => return Ok(v),
        }
    };
}

/// The end of a `FOR_ITER` form: the next item pushed, or, the iterator exhausted, the
/// iterator popped and the loop left (`ip` set to the exit). A macro, not a function: the
/// call (even inlined) measured three machine instructions more per item.
macro_rules! for_iter_end {
    ($vm:ident, $item:expr, $ip:ident, $exit:ident) => {
        match $item {
            // SAFETY: within the frame's validated stack depth.
            Some(item) => unsafe { $vm.push_in_room(item) },
            None => {
                $vm.pop_discard();
                $ip = $exit as usize;
            }
        }
    };
}

impl Vm {
    /// Runs frames from the top of the frame stack until the entry frame returns.
    pub(super) fn execute(&mut self) -> PyResult<Value> {
        'frame: loop {
            let fi = self.frames.len() - 1;
            // SAFETY: the frame owns an `Rc` to its code, and this loop leaves the frame (by
            // `continue 'frame` or `return`) before anything can pop it; nested execution only
            // pops frames above its own entry frame. Borrowing instead of cloning saves a
            // reference-count round trip per call and return.
            let code: &PyCode = unsafe { &*(self.frames[fi].code() as *const PyCode) };
            let base = self.frames[fi].base;
            let mut ip = self.frames[fi].ip;
            self.reserve_frame(base, code);
            let instrs = code.instrs.as_ptr();
            debug_assert!(ip < code.instrs.len());
            'instr: loop {
                debug_assert!(ip < code.instrs.len());
                // SAFETY: `ip` stays inside the code: every code object ends in a terminator
                // (`PyCode::new` checks it) and every jump, handler and resume target is an
                // instruction index (checked there too), so no path steps past the end.
                let instr = unsafe { (*instrs.add(ip)).get() };
                ip += 1;
                let arg = instr.arg();
                let op = instr.opcode();
                'slow: {
                    match op {
                        Opcode::Nop => continue 'instr,
                        Opcode::Resume => {
                            // The interrupt flag also asks for a profile sample (slow path).
                            if self.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
                                break 'slow;
                            }
                            // Counts entries: the profile's call counts.
                            super::running_cache(code, ip).hit();
                            continue 'instr;
                        }
                        Opcode::LoadFast => {
                            let slot = base + arg as usize;
                            debug_assert!(slot < self.stack.len());
                            // SAFETY: the compiler gives `LOAD_FAST` only indexes of the
                            // frame's locals, which sit below its value stack.
                            if unsafe { self.stack.get_unchecked(slot) }.is_null() {
                                break 'slow;
                            }
                            // SAFETY: as above; the push is within the frame's stack depth.
                            unsafe { self.push_local_in_frame(slot) };
                            continue 'instr;
                        }
                        Opcode::StoreFast => {
                            self.pop_into(base + arg as usize);
                            continue 'instr;
                        }
                        // Superinstructions: the second half's argument is read from the
                        // next slot, whose instruction has the second half's meaning.
                        Opcode::LoadFastLoadFast => {
                            // SAFETY: a superinstruction is never last (see `superinstr`).
                            let second = unsafe { (*instrs.add(ip)).get() }.arg();
                            let (a, b) = (base + arg as usize, base + second as usize);
                            // SAFETY: local slots, below the frame's value stack.
                            if unsafe { self.stack.get_unchecked(a) }.is_null()
                                || unsafe { self.stack.get_unchecked(b) }.is_null()
                            {
                                break 'slow;
                            }
                            // SAFETY: as for `LOAD_FAST`, twice.
                            unsafe {
                                self.push_local_in_frame(a);
                                self.push_local_in_frame(b);
                            }
                            ip += 1;
                            continue 'instr;
                        }
                        Opcode::LoadFastLoadConst => {
                            // SAFETY: as above.
                            let second = unsafe { (*instrs.add(ip)).get() }.arg();
                            let a = base + arg as usize;
                            if unsafe { self.stack.get_unchecked(a) }.is_null() {
                                break 'slow;
                            }
                            // SAFETY: as for `LOAD_FAST` and `LOAD_CONST`.
                            unsafe {
                                self.push_local_in_frame(a);
                                self.push_clone_in_frame(&code.consts[second as usize]);
                            }
                            ip += 1;
                            continue 'instr;
                        }
                        Opcode::LoadConstLoadFast => {
                            // SAFETY: as above.
                            let second = unsafe { (*instrs.add(ip)).get() }.arg();
                            let b = base + second as usize;
                            if unsafe { self.stack.get_unchecked(b) }.is_null() {
                                break 'slow;
                            }
                            // SAFETY: as for `LOAD_CONST` and `LOAD_FAST`.
                            unsafe {
                                self.push_clone_in_frame(&code.consts[arg as usize]);
                                self.push_local_in_frame(b);
                            }
                            ip += 1;
                            continue 'instr;
                        }
                        Opcode::StoreFastLoadFast => {
                            // SAFETY: as above.
                            let second = unsafe { (*instrs.add(ip)).get() }.arg();
                            self.pop_into(base + arg as usize);
                            let b = base + second as usize;
                            // An unbound local: `LOAD_FAST` raises on its own.
                            if !unsafe { self.stack.get_unchecked(b) }.is_null() {
                                // SAFETY: as for `LOAD_FAST`.
                                unsafe { self.push_local_in_frame(b) };
                                ip += 1;
                            }
                            continue 'instr;
                        }
                        Opcode::StoreFastStoreFast => {
                            // SAFETY: as above.
                            let second = unsafe { (*instrs.add(ip)).get() }.arg();
                            self.pop_into(base + arg as usize);
                            self.pop_into(base + second as usize);
                            ip += 1;
                            continue 'instr;
                        }
                        Opcode::LoadFastLoadAttr | Opcode::LoadFastLoadMethod => {
                            let slot = base + arg as usize;
                            // SAFETY: a local slot, below the frame's value stack.
                            let local: *const Value = unsafe { self.stack.get_unchecked(slot) };
                            // SAFETY: the stack does not move before the last use of `local`.
                            if unsafe { &*local }.is_null() {
                                break 'slow;
                            }
                            // SAFETY: a superinstruction is never last.
                            let next = unsafe { (*instrs.add(ip)).get() };
                            let c = super::next_cache(code, ip);
                            let name = || &code.names[next.arg() as usize];
                            match next.opcode() {
                                Opcode::LoadAttrInstanceValue => {
                                    // The name is read only off the monomorphic path.
                                    let found =
                                        Vm::shaped_slot(unsafe { &*local }, c).or_else(|| {
                                            self.instance_value_ptr_poly(
                                                unsafe { &*local },
                                                c,
                                                name(),
                                            )
                                        });
                                    if let Some(v) = found {
                                        self.hit(c, Opcode::LoadAttrInstanceValue);
                                        // SAFETY: within the frame's stack depth; nothing
                                        // changes the instance before the copy.
                                        unsafe { self.push_clone_in_frame(&*v) };
                                        ip += 1;
                                        continue 'instr;
                                    }
                                }
                                Opcode::LoadMethodWithValues => {
                                    if let Some(m) =
                                        Vm::class_attr_lookup(unsafe { &*local }, c, name())
                                    {
                                        self.hit(c, Opcode::LoadMethodWithValues);
                                        // SAFETY: within the frame's stack depth (the two
                                        // pushes are the pair's); the cache does not change.
                                        unsafe {
                                            self.push_clone_in_frame(&*m);
                                            self.push_local_in_frame(slot);
                                        }
                                        ip += 1;
                                        continue 'instr;
                                    }
                                }
                                _ => {}
                            }
                            // Any other form (or a guard that failed): the load alone, and
                            // the second instruction dispatched as usual.
                            // SAFETY: as for `LOAD_FAST`.
                            unsafe { self.push_local_in_frame(slot) };
                            continue 'instr;
                        }
                        Opcode::LoadConst => {
                            // SAFETY: within the frame's stack depth; constants are not on
                            // the stack.
                            unsafe { self.push_clone_in_frame(&code.consts[arg as usize]) };
                            continue 'instr;
                        }
                        Opcode::PopTop => {
                            self.pop_discard();
                            continue 'instr;
                        }
                        Opcode::Copy => {
                            let at = self.stack.len() - arg as usize;
                            self.push_local(at);
                            continue 'instr;
                        }
                        Opcode::Swap => {
                            let len = self.stack.len();
                            self.stack.swap(len - 1, len - arg as usize);
                            continue 'instr;
                        }
                        Opcode::PopJumpIfNone | Opcode::PopJumpIfNotNone => {
                            let is_none = self.operand().is_none();
                            self.pop_discard();
                            if is_none == (op == Opcode::PopJumpIfNone) {
                                self.take_jump(fi, &mut ip, arg as usize)?;
                            }
                            continue 'instr;
                        }
                        Opcode::JumpIfFalseOrPop | Opcode::JumpIfTrueOrPop => {
                            let truth = match self.operand() {
                                Value::Bool(b) => *b,
                                Value::None => false,
                                Value::Int(i) => *i != 0,
                                _ => break 'slow,
                            };
                            if truth == (op == Opcode::JumpIfTrueOrPop) {
                                self.take_jump(fi, &mut ip, arg as usize)?;
                            } else {
                                self.pop_discard();
                            }
                            continue 'instr;
                        }
                        Opcode::UnaryNot => {
                            let Value::Bool(b) = *self.operand() else {
                                break 'slow;
                            };
                            let top = self.stack.len() - 1;
                            // SAFETY: the top is a bool, which owns nothing.
                            unsafe { raw::write_bool(self.stack.as_mut_ptr().add(top), !b) };
                            continue 'instr;
                        }
                        Opcode::IsOp => {
                            let len = self.stack.len();
                            let same = self.stack[len - 2].is(&self.stack[len - 1]);
                            self.pop_discard();
                            self.pop_discard();
                            self.push_bool(same != (arg == 1));
                            continue 'instr;
                        }
                        Opcode::CopyFreeVars => {
                            outlined!(self.op_copy_free_vars(code, fi, base, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        // Allocating instructions that cannot fail, kept off the slow path.
                        Opcode::GetIter => {
                            outlined!(self.op_get_iter(fi, ip)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::BuildSlice => {
                            outlined!(self.op_build_slice(code, ip, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::BuildSet => {
                            outlined!(self.op_build_set(fi, ip, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::SetAdd => {
                            outlined!(self.op_set_add(fi, ip, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::LoadClosure => {
                            self.push_local(base + arg as usize);
                            continue 'instr;
                        }
                        Opcode::BinaryOpAddTuple
                        | Opcode::BinaryOpAddList
                        | Opcode::BinaryOpAddUnicode => {
                            outlined!(self.op_concat(code, ip, op)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::BuildList => {
                            outlined!(self.op_build_list(arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::MakeFunction => {
                            outlined!(self.op_make_function(fi, ip, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::BuildTuple => {
                            let items = self.stack.split_off(self.stack.len() - arg as usize);
                            // SAFETY: within the frame's validated stack depth.
                            unsafe { self.push_in_room(Value::tuple(items)) };
                            continue 'instr;
                        }
                        Opcode::ListAppend => {
                            outlined!(self.op_list_append(arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::LoadDeref => {
                            let Value::Object(o) = &self.stack[base + arg as usize] else {
                                break 'slow;
                            };
                            let ObjKind::Cell(cell) = &o.kind else {
                                break 'slow;
                            };
                            let contents = cell.borrow();
                            if contents.is_null() {
                                break 'slow;
                            }
                            let v: *const Value = &*contents;
                            drop(contents);
                            // SAFETY: the cell lives on the heap (held by the frame) and does
                            // not change before the copy.
                            self.push_clone(unsafe { &*v });
                            continue 'instr;
                        }
                        Opcode::StoreDeref => {
                            let Value::Object(o) = &self.stack[base + arg as usize] else {
                                break 'slow;
                            };
                            let ObjKind::Cell(cell) = &o.kind else {
                                break 'slow;
                            };
                            let cell: *const std::cell::RefCell<Value> = cell;
                            let v = self.pop();
                            // SAFETY: the frame's slot keeps the cell alive.
                            let old = std::mem::replace(&mut *unsafe { &*cell }.borrow_mut(), v);
                            raw::discard(old);
                            continue 'instr;
                        }
                        Opcode::ForIterRange => {
                            let Value::Object(o) = self.operand() else {
                                break 'slow;
                            };
                            let ObjKind::RangeIter(state) = &o.kind else {
                                break 'slow;
                            };
                            let next = state.borrow_mut().advance();
                            self.hit(super::running_cache(code, ip), op);
                            match next {
                                Some(v) => self.push_words(raw::TAG_INT, v as u64),
                                None => {
                                    // Exhausted: the loop ends (a forward jump).
                                    self.pop_discard();
                                    ip = arg as usize;
                                }
                            }
                            continue 'instr;
                        }
                        Opcode::ForIterList => {
                            let Value::Object(o) = self.operand() else {
                                break 'slow;
                            };
                            let ObjKind::ListIter {
                                list: Value::List(l),
                                index,
                            } = &o.kind
                            else {
                                break 'slow;
                            };
                            let item = l.iter_next(index);
                            self.hit(super::running_cache(code, ip), op);
                            for_iter_end!(self, item, ip, arg);
                            continue 'instr;
                        }
                        Opcode::ForIterTuple => {
                            let Value::Object(o) = self.operand() else {
                                break 'slow;
                            };
                            let ObjKind::TupleIter {
                                tuple: Value::Tuple(t),
                                index,
                            } = &o.kind
                            else {
                                break 'slow;
                            };
                            let item = t.iter_next(index);
                            self.hit(super::running_cache(code, ip), op);
                            for_iter_end!(self, item, ip, arg);
                            continue 'instr;
                        }
                        Opcode::UnpackSequenceTwoTuple => {
                            let Value::Tuple(t) = self.operand() else {
                                break 'slow;
                            };
                            if t.len() != 2 {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            let Value::Tuple(t) = self.pop() else {
                                unreachable!("checked above")
                            };
                            let items = t.items();
                            self.push_clone(&items[1]);
                            self.push_clone(&items[0]);
                            continue 'instr;
                        }
                        Opcode::PushNull => {
                            self.push_null();
                            continue 'instr;
                        }
                        Opcode::Jump => {
                            ip = arg as usize;
                            continue 'instr;
                        }
                        Opcode::JumpBackward => {
                            self.take_jump(fi, &mut ip, arg as usize)?;
                            continue 'instr;
                        }
                        Opcode::PopJumpIfFalseBool
                        | Opcode::PopJumpIfFalseInt
                        | Opcode::PopJumpIfFalseNone
                        | Opcode::PopJumpIfTrueBool
                        | Opcode::PopJumpIfTrueInt
                        | Opcode::PopJumpIfTrueNone => {
                            use Opcode::*;
                            let truth = match (op, self.operand()) {
                                (PopJumpIfFalseBool | PopJumpIfTrueBool, Value::Bool(b)) => *b,
                                (PopJumpIfFalseInt | PopJumpIfTrueInt, Value::Int(i)) => *i != 0,
                                (PopJumpIfFalseNone | PopJumpIfTrueNone, Value::None) => false,
                                _ => break 'slow,
                            };
                            self.hit(super::running_cache(code, ip), op);
                            // SAFETY: the top is a bool, an int or None: it owns nothing.
                            unsafe { self.stack.set_len(self.stack.len() - 1) };
                            if truth == (op.base() == Opcode::PopJumpIfTrue) {
                                self.take_jump(fi, &mut ip, arg as usize)?;
                            }
                            continue 'instr;
                        }
                        Opcode::PopJumpIfFalseList
                        | Opcode::PopJumpIfFalseStr
                        | Opcode::PopJumpIfTrueList
                        | Opcode::PopJumpIfTrueStr => {
                            use Opcode::*;
                            let truth = match (op, self.operand()) {
                                (PopJumpIfFalseList | PopJumpIfTrueList, Value::List(l)) => {
                                    !l.is_empty()
                                }
                                (PopJumpIfFalseStr | PopJumpIfTrueStr, Value::Str(s)) => {
                                    !s.as_str().is_empty()
                                }
                                _ => break 'slow,
                            };
                            self.hit(super::running_cache(code, ip), op);
                            self.pop_discard();
                            if truth == (op.base() == Opcode::PopJumpIfTrue) {
                                self.take_jump(fi, &mut ip, arg as usize)?;
                            }
                            continue 'instr;
                        }
                        Opcode::LoadGlobalModule | Opcode::LoadGlobalBuiltin => {
                            let c = super::running_cache(code, ip);
                            let frame = &self.frames[fi];
                            if frame.globals().keys_version() != c.version.get() {
                                break 'slow;
                            }
                            let dict = if op == Opcode::LoadGlobalModule {
                                frame.globals()
                            } else if frame.builtins().keys_version() == c.aux.get() {
                                frame.builtins()
                            } else {
                                break 'slow;
                            };
                            let Some(v) = dict.value_ptr_at(c.index.get() as usize) else {
                                break 'slow;
                            };
                            self.hit(c, op);
                            // SAFETY: both pushes are the instruction's, within the frame's
                            // validated stack depth; nothing runs between the lookup and the
                            // copy that could change the dict.
                            unsafe {
                                if arg & 1 != 0 {
                                    self.push_in_room(Value::Null);
                                }
                                self.push_clone_in_frame(&*v);
                            }
                            continue 'instr;
                        }
                        Opcode::BinaryOpAddInt => {
                            if !self.fast_int_op(Opcode::BinaryOpAddInt, arg) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::BinaryOpSubtractInt => {
                            if !self.fast_int_op(Opcode::BinaryOpSubtractInt, arg) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::BinaryOpMultiplyInt => {
                            if !self.fast_int_op(Opcode::BinaryOpMultiplyInt, arg) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::BinaryOpFloorDivideInt => {
                            if !self.fast_int_op(Opcode::BinaryOpFloorDivideInt, arg) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::BinaryOpRemainderInt => {
                            if !self.fast_int_op(Opcode::BinaryOpRemainderInt, arg) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::BinaryOpBitwiseInt => {
                            if !self.fast_int_op(Opcode::BinaryOpBitwiseInt, arg) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::BinaryOpAddFloat => {
                            if !self.fast_float_op(Opcode::BinaryOpAddFloat) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::BinaryOpSubtractFloat => {
                            if !self.fast_float_op(Opcode::BinaryOpSubtractFloat) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::BinaryOpMultiplyFloat => {
                            if !self.fast_float_op(Opcode::BinaryOpMultiplyFloat) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        // Slicing allocates and may raise (a bad step, a wrong-size
                        // assignment); the forms save the adaptive path's bookkeeping.
                        Opcode::BinarySubscrSlice | Opcode::StoreSubscrListSlice => {
                            outlined!(self.op_slice(code, fi, ip, op)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::BinaryOpTrueDivideFloat => {
                            if !self.fast_float_op(Opcode::BinaryOpTrueDivideFloat) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::BinaryOpRemainderFloat => {
                            if !self.fast_float_op(Opcode::BinaryOpRemainderFloat) {
                                break 'slow;
                            }
                            self.hit(super::running_cache(code, ip), op);
                            continue 'instr;
                        }
                        Opcode::CompareOpInt | Opcode::CompareOpFloat | Opcode::CompareOpStr => {
                            let len = self.stack.len();
                            let r = match (&self.stack[len - 2], &self.stack[len - 1]) {
                                (Value::Str(a), Value::Str(b)) if op == Opcode::CompareOpStr => {
                                    compare_ord(arg, a.as_str().cmp(b.as_str()))
                                }
                                (Value::Int(a), Value::Int(b)) if op == Opcode::CompareOpInt => {
                                    compare_ord(arg, a.cmp(b))
                                }
                                (Value::Float(a), Value::Float(b))
                                    if op == Opcode::CompareOpFloat =>
                                {
                                    compare_float(arg, *a, *b)
                                }
                                _ => break 'slow,
                            };
                            self.hit(super::running_cache(code, ip), op);
                            if op == Opcode::CompareOpStr {
                                self.pop_discard();
                                self.pop_discard();
                            } else {
                                self.pop2_unboxed();
                            }
                            // Fused with the conditional jump that follows.
                            let next = code.instrs[ip].get();
                            match next.opcode().base() {
                                Opcode::PopJumpIfFalse if r => ip += 1,
                                Opcode::PopJumpIfTrue if !r => ip += 1,
                                Opcode::PopJumpIfFalse | Opcode::PopJumpIfTrue => {
                                    self.take_jump(fi, &mut ip, next.arg() as usize)?;
                                }
                                _ => self.push_bool(r),
                            }
                            continue 'instr;
                        }
                        Opcode::BinarySubscrListInt | Opcode::BinarySubscrTupleInt => {
                            let len = self.stack.len();
                            debug_assert!(len >= 2);
                            // SAFETY: the two operands (the compiler's depth check).
                            let (c, i) = unsafe {
                                (
                                    self.stack.get_unchecked(len - 2),
                                    self.stack.get_unchecked(len - 1),
                                )
                            };
                            let item: Option<*const Value> = match (c, i) {
                                (Value::List(l), Value::Int(i)) => l.item_ptr(*i),
                                (Value::Tuple(t), Value::Int(i)) => {
                                    specialized::seq_index(*i, t.len())
                                        .map(|i| &t.items()[i] as *const Value)
                                }
                                _ => None,
                            };
                            let Some(item) = item else { break 'slow };
                            self.hit(super::running_cache(code, ip), op);
                            // SAFETY: the top is an int (it owns nothing); the item is copied
                            // before anything can change the container, which is dropped last.
                            unsafe {
                                self.stack.set_len(len - 1);
                                self.replace_top_clone(item);
                            }
                            continue 'instr;
                        }
                        Opcode::BinarySubscrDict => {
                            outlined!(self.op_subscr_dict(code, fi, ip, op)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::StoreSubscrDict => {
                            outlined!(self.op_store_subscr_dict(code, fi, ip, op)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::StoreSubscrListInt => {
                            let len = self.stack.len();
                            let (Value::List(l), Value::Int(i)) =
                                (&self.stack[len - 2], &self.stack[len - 1])
                            else {
                                break 'slow;
                            };
                            let mut items = l.borrow_mut();
                            let Some(i) = specialized::seq_index(*i, items.len()) else {
                                break 'slow;
                            };
                            let slot: *mut Value = &mut items[i];
                            drop(items);
                            self.hit(super::running_cache(code, ip), op);
                            // SAFETY: the list is alive (on the stack) and unchanged since the
                            // index check; the old item is moved out before the new one is
                            // moved in, and dropped after the stack no longer holds the list.
                            unsafe {
                                let mut old = std::mem::MaybeUninit::<Value>::uninit();
                                raw::move_to(slot, old.as_mut_ptr());
                                let p = self.stack.as_mut_ptr();
                                raw::move_to(p.add(len - 3), slot);
                                raw::write_null(p.add(len - 3));
                                self.truncate_stack(len - 3);
                                raw::drop_at(old.as_mut_ptr());
                            }
                            continue 'instr;
                        }
                        Opcode::LoadAttrInstanceValue => {
                            let c = super::running_cache(code, ip);
                            let Some(v) = Vm::shaped_slot(self.operand(), c).or_else(|| {
                                self.instance_value_ptr_poly(
                                    self.operand(),
                                    c,
                                    &code.names[arg as usize],
                                )
                            }) else {
                                break 'slow;
                            };
                            self.hit(c, op);
                            // SAFETY: nothing changes the instance before the copy.
                            unsafe { self.replace_top_clone(v) };
                            continue 'instr;
                        }
                        Opcode::LoadAttrNondescriptor
                        | Opcode::LoadAttrModule
                        | Opcode::LoadAttrClass => {
                            outlined!(self.op_load_attr_other(code, ip, op, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::LoadMethodNoDict => {
                            outlined!(self.op_load_method_no_dict(code, ip, op)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::LoadMethodModule | Opcode::LoadMethodClass => {
                            outlined!(self.op_load_method_owner(code, ip, op)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::StoreAttrInstanceValue => {
                            let c = super::running_cache(code, ip);
                            if self.store_shaped(c) {
                                self.hit(c, op);
                                continue 'instr;
                            }
                            let owner = self.pop();
                            let value = self.pop();
                            match self.store_instance_value(
                                &owner,
                                value,
                                c,
                                &code.names[arg as usize],
                            ) {
                                Ok(()) => {
                                    self.hit(c, op);
                                    continue 'instr;
                                }
                                Err(value) => {
                                    // Put the stack back as it was for the slow path.
                                    self.stack.push(value);
                                    self.stack.push(owner);
                                    break 'slow;
                                }
                            }
                        }
                        Opcode::ContainsOpSet | Opcode::ContainsOpDict => {
                            outlined!(self.op_contains(code, fi, ip, op, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::CallLen | Opcode::CallIsinstance => {
                            outlined!(self.op_call_len_isinstance(code, fi, ip, op, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::CallType1
                        | Opcode::CallBuiltinO
                        | Opcode::CallBuiltinFast
                        | Opcode::CallBuiltinClass
                        | Opcode::CallListAppend
                        | Opcode::CallMethodDescriptorFast => {
                            outlined!(self.op_call_native(code, fi, ip, op, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::LoadMethodWithValues => {
                            let c = super::running_cache(code, ip);
                            let Some(method) =
                                Vm::class_attr_lookup(self.operand(), c, &code.names[arg as usize])
                            else {
                                break 'slow;
                            };
                            self.hit(c, op);
                            // SAFETY: the cache does not change before the copy.
                            unsafe { self.insert_below_top_clone(method) };
                            continue 'instr;
                        }
                        Opcode::CallPyExactArgs => {
                            if crate::runtime::finalize::attention()
                                || self.pending_kwnames.is_some()
                                || self.frame_depth_exceeded()
                            {
                                break 'slow;
                            }
                            let argc = arg as usize;
                            let len = self.stack.len();
                            let callable_at = len - argc - 1;
                            let (func_at, nargs) = if self.stack[callable_at - 1].is_null() {
                                (callable_at, argc)
                            } else {
                                (callable_at - 1, argc + 1)
                            };
                            let Value::Function(f) = &self.stack[func_at] else {
                                break 'slow;
                            };
                            if f.exact_argcount as usize != nargs {
                                break 'slow;
                            }
                            self.frames[fi].ip = ip;
                            self.hit(super::running_cache(code, ip), op);
                            // The frame takes over the stack's reference to the function.
                            let Value::Function(f) = std::mem::take(&mut self.stack[func_at])
                            else {
                                unreachable!("checked above")
                            };
                            for _ in nargs..f.code.n_localsplus() {
                                self.push_null();
                            }
                            let callee: *const PyCode = &*f.code;
                            self.push_function_frame_in_place(f, len - nargs, callable_at - 1);
                            // The callee's `RESUME` done here (unless a sample or Ctrl-C
                            // waits, which its slow path handles): one dispatch less per call.
                            // SAFETY: the new frame holds the function, which holds its code.
                            let callee = unsafe { &*callee };
                            if callee.instrs[0].get().opcode() == Opcode::Resume
                                && !self.interrupt.load(std::sync::atomic::Ordering::Relaxed)
                            {
                                callee.caches[0].hit();
                                if let Some(frame) = self.frames.last_mut() {
                                    frame.ip = 1;
                                }
                            }
                            continue 'frame;
                        }
                        Opcode::CallPyWithDefaults
                        | Opcode::CallBoundMethodExactArgs
                        | Opcode::CallAllocAndEnterInit => {
                            outlined!(self.op_call_py(code, fi, ip, op, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::ForIterNative => {
                            outlined!(self.op_for_iter_native(code, fi, ip, op, arg)?, ip, 'instr, 'slow, 'frame)
                        }
                        // Generators driven by this loop: resuming one and suspending it
                        // are frame switches.
                        Opcode::ForIterGen => {
                            let Value::Object(o) = self.operand() else {
                                break 'slow;
                            };
                            match &o.kind {
                                ObjKind::Generator(g) if g.resumable(true) => {}
                                _ => break 'slow,
                            }
                            let generator = o.clone();
                            self.frames[fi].ip = ip;
                            self.hit(super::running_cache(code, ip), op);
                            self.push_generator_frame(&generator, Some(Value::None), false)?;
                            continue 'frame;
                        }
                        Opcode::Send => {
                            let len = self.stack.len();
                            let Value::Object(o) = &self.stack[len - 2] else {
                                break 'slow;
                            };
                            match &o.kind {
                                ObjKind::Generator(g)
                                    if g.resumable(self.stack[len - 1].is_none()) => {}
                                _ => break 'slow,
                            }
                            let generator = o.clone();
                            self.frames[fi].ip = ip;
                            let sent = self.pop();
                            self.push_generator_frame(&generator, Some(sent), false)?;
                            continue 'frame;
                        }
                        Opcode::YieldValue => {
                            if fi == self.sink_frame && self.yield_to_sink() {
                                continue 'instr;
                            }
                            if self.top_gen_link().is_none() {
                                break 'slow;
                            }
                            self.frames[fi].ip = ip;
                            let v = self.pop();
                            if self.suspend_generator() {
                                // Resumed from Rust (`next(g)`, `sum(g)`): the value goes back.
                                self.gen_yielded = true;
                                return Ok(v);
                            }
                            // SAFETY: below the generator frame's popped height.
                            unsafe { self.push_in_room(v) };
                            continue 'frame;
                        }
                        Opcode::ReturnGenerator if !self.frames[fi].is_entry => {
                            outlined!(self.op_return_generator(fi, ip)?, ip, 'instr, 'slow, 'frame)
                        }
                        // A generator returns: to Rust when resumed from there, else the
                        // resuming `FOR_ITER`/`SEND` ends as for an exhausted iterator.
                        Opcode::ReturnValue
                            if code.is_generator && self.top_gen_link().is_some() =>
                        {
                            outlined!(self.op_return_from_generator(fi, ip)?, ip, 'instr, 'slow, 'frame)
                        }
                        Opcode::GetYieldFromIter if Vm::is_generator(self.operand()) => {
                            continue 'instr;
                        }
                        Opcode::ReturnValue => {
                            let frame = &self.frames[fi];
                            if code.is_generator
                                || !(frame.init_self.is_null() || self.operand().is_none())
                            {
                                break 'slow;
                            }
                            let is_entry = frame.is_entry;
                            let frame = &mut self.frames[fi];
                            let ret_sp = frame.ret_sp;
                            let result = if frame.init_self.is_null() {
                                self.pop()
                            } else {
                                // `__init__` returned None: the call gives the new instance.
                                std::mem::take(&mut frame.init_self)
                            };
                            // SAFETY: `fi` is the last frame; the length is cut first, so it
                            // is dropped exactly once, in place.
                            unsafe {
                                self.frames.set_len(fi);
                                Frame::drop_at(self.frames.as_mut_ptr().add(fi));
                            }
                            self.truncate_stack(ret_sp);
                            if is_entry {
                                return Ok(result);
                            }
                            // SAFETY: the callee's frame stood above `ret_sp`, so the slot
                            // is within the stack's capacity.
                            unsafe { self.push_in_room(result) };
                            continue 'frame;
                        }
                        _ => {}
                    }
                }
                match self.step_slow(code, fi, base, ip, instr)? {
                    Exit::Jump(to) => self.take_jump(fi, &mut ip, to)?,
                    Exit::Frame => continue 'frame,
                    Exit::Return(v) => return Ok(v),
                }
            }
        }
    }

    /// Moves `ip` to `to`. A backward jump is where a loop can spin forever, so it is where
    /// Ctrl-C and pending finalizers are noticed (what CPython's backward jumps check).
    #[inline(always)]
    fn take_jump(&mut self, fi: usize, ip: &mut usize, to: usize) -> PyResult<()> {
        if to < *ip
            && (self.interrupt.load(std::sync::atomic::Ordering::Relaxed)
                || crate::runtime::finalize::attention())
        {
            self.backward_edge_event(fi, *ip)?;
        }
        *ip = to;
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn backward_edge_event(&mut self, fi: usize, at: usize) -> PyResult<()> {
        // The jump itself is where the frame stands: a `KeyboardInterrupt` is reported on
        // the loop's line (its target may be the first instruction, at no line).
        self.frames[fi].ip = at;
        // The flag is Ctrl-C, or the profiler asking for a sample.
        if self.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
            if let Some(e) = self.interrupt_or_sample() {
                return Err(e);
            }
        }
        if crate::runtime::finalize::attention() {
            self.safe_point();
        }
        Ok(())
    }

    /// An int form's fast path with the form known at compile time (each arm passes its
    /// own, so the operator is not dispatched again). False: the slow path takes over.
    #[inline(always)]
    fn fast_int_op(&mut self, form: Opcode, arg: u32) -> bool {
        let len = self.stack.len();
        let Some((a, b)) =
            specialized::int_operands(form, &self.stack[len - 2], &self.stack[len - 1])
        else {
            return false;
        };
        let Some(r) = specialized::int_op(form, arg, a, b) else {
            return false;
        };
        self.set_top2_int(r);
        true
    }

    /// As `fast_int_op`, for the float forms (an exact int operand is converted).
    #[inline(always)]
    fn fast_float_op(&mut self, form: Opcode) -> bool {
        let len = self.stack.len();
        let Some(r) =
            crate::vm::quicken::float_operands(&self.stack[len - 2], &self.stack[len - 1])
                .and_then(|(a, b)| specialized::float_op(form, a, b))
        else {
            return false;
        };
        self.set_top2_float(r);
        true
    }
}
