//! The dispatch loop's heavier fast paths, outlined: each runs one instruction's fast form
//! (or declines) in a function of its own, so that the loop itself stays small enough for
//! the compiler to keep its state (`ip`, the code, the frame's base) in registers. They
//! allocate, hash, call or switch frames anyway, so the call costs little next to their work.

use super::specialized;
use crate::bytecode::Opcode;
use crate::runtime::error::PyResult;
use crate::runtime::types::code::PyCode;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::{raw, Value};
use crate::vm::Vm;

/// What the dispatch loop does after an outlined fast path.
pub(super) enum Fast {
    /// The instruction is done: the next one.
    Next,
    /// Declined (nothing changed): the slow path runs the instruction.
    Slow,
    /// Done, continuing at this instruction index.
    Jump(usize),
    /// A frame was pushed or popped: reload the current frame.
    Frame,
    /// The entry frame returned.
    Return(Value),
}

impl Vm {
    /// `COPY_FREE_VARS`: the closure's cells into the frame's free slots.
    #[inline(never)]
    pub(super) fn op_copy_free_vars(
        &mut self,
        code: &PyCode,
        fi: usize,
        base: usize,
        arg: u32,
    ) -> PyResult<Fast> {
        let frame = &self.frames[fi];
        let Some(closure) = frame.func.as_ref().and_then(|f| f.closure.as_ref()) else {
            return Ok(Fast::Slow);
        };
        let n = arg as usize;
        if closure.len() < n {
            return Ok(Fast::Slow);
        }
        let closure: *const crate::runtime::types::tuple::PyTuple = &**closure;
        let first = base + code.n_localsplus() - n;
        // SAFETY: the frame's function holds the closure tuple.
        for (i, cell) in unsafe { &*closure }.items()[..n].iter().enumerate() {
            let old = std::mem::replace(&mut self.stack[first + i], cell.clone());
            raw::discard(old);
        }
        Ok(Fast::Next)
    }

    /// `GET_ITER`.
    #[inline(never)]
    pub(super) fn op_get_iter(&mut self, fi: usize, ip: usize) -> PyResult<Fast> {
        self.frames[fi].ip = ip;
        let v = self.pop();
        let it = self.get_iter(&v)?;
        self.stack.push(it);
        Ok(Fast::Next)
    }

    /// `BUILD_SLICE`.
    #[inline(never)]
    pub(super) fn op_build_slice(&mut self, code: &PyCode, ip: usize, arg: u32) -> PyResult<Fast> {
        // `seq[a:b]` / `seq[a:b] = v` whose subscript is specialized for slices: done here
        // with the bounds, no slice object (it could not be seen), and the subscript skipped.
        if arg == 2 {
            let next = code.instrs[ip].get().opcode();
            if (next == Opcode::BinarySubscrSlice && self.fused_slice_load())
                || (next == Opcode::StoreSubscrListSlice && self.fused_slice_store())
            {
                self.hit(super::next_cache(code, ip), next);
                return Ok(Fast::Jump(ip + 1));
            }
        }
        let step = if arg == 3 { self.pop() } else { Value::None };
        let stop = self.pop();
        let start = self.pop();
        self.stack.push(Vm::new_slice(start, stop, step));
        Ok(Fast::Next)
    }

    /// `container[start:stop]` of a list or tuple with int or absent bounds, from the stack's
    /// top three; false, with nothing changed, for anything else.
    fn fused_slice_load(&mut self) -> bool {
        let len = self.stack.len();
        let [container, start, stop] = &self.stack[len - 3..] else {
            return false;
        };
        let Some(v) = specialized::slice_bounds(container, start, stop) else {
            return false;
        };
        self.truncate_stack(len - 3);
        // SAFETY: the result goes where the container was.
        unsafe { self.push_in_room(v) };
        true
    }

    /// `list[start:stop] = value` (a list or tuple) with int or absent bounds, from the
    /// stack's top four; false, with nothing changed, for anything else.
    fn fused_slice_store(&mut self) -> bool {
        let len = self.stack.len();
        let [value, Value::List(l), start, stop] = &self.stack[len - 4..] else {
            return false;
        };
        let ints = |v: &Value| matches!(v, Value::Int(_) | Value::None);
        if !ints(start) || !ints(stop) || !matches!(value, Value::List(_) | Value::Tuple(_)) {
            return false;
        }
        let (l, start, stop) = (l.clone(), start.clone(), stop.clone());
        let value = std::mem::take(&mut self.stack[len - 4]);
        self.truncate_stack(len - 4);
        if let Some(value) =
            crate::vm::subscript::assign_bounds_fast(&l, &start, &stop, &Value::None, value)
        {
            // Declined after all (the value is the list itself): the stack as it was.
            self.stack.push(value);
            self.stack.push(Value::List(l));
            self.stack.push(start);
            self.stack.push(stop);
            return false;
        }
        true
    }

    /// `BUILD_SET`.
    #[inline(never)]
    pub(super) fn op_build_set(&mut self, fi: usize, ip: usize, arg: u32) -> PyResult<Fast> {
        self.frames[fi].ip = ip;
        let items = self.stack.split_off(self.stack.len() - arg as usize);
        let set = self.new_set(items)?;
        self.stack.push(set);
        Ok(Fast::Next)
    }

    /// `SET_ADD` (set comprehensions).
    #[inline(never)]
    pub(super) fn op_set_add(&mut self, fi: usize, ip: usize, arg: u32) -> PyResult<Fast> {
        self.frames[fi].ip = ip;
        let v = self.pop();
        let set = self.stack[self.stack.len() - arg as usize].clone();
        self.set_add_all(&set, [v])?;
        Ok(Fast::Next)
    }

    /// `BINARY_OP_ADD_TUPLE`, `_LIST` and `_UNICODE`: concatenation.
    #[inline(never)]
    pub(super) fn op_concat(&mut self, code: &PyCode, ip: usize, op: Opcode) -> PyResult<Fast> {
        let len = self.stack.len();
        let Some(r) = specialized::concat_sequences(op, &self.stack[len - 2], &self.stack[len - 1])
        else {
            return Ok(Fast::Slow);
        };
        self.hit(super::running_cache(code, ip), op);
        self.pop_discard();
        let old = std::mem::replace(&mut self.stack[len - 2], r);
        raw::discard(old);
        Ok(Fast::Next)
    }

    /// `BUILD_LIST`.
    #[inline(never)]
    pub(super) fn op_build_list(&mut self, arg: u32) -> PyResult<Fast> {
        let items = self.stack.split_off(self.stack.len() - arg as usize);
        self.stack.push(Value::list(items));
        Ok(Fast::Next)
    }

    /// `MAKE_FUNCTION`.
    #[inline(never)]
    pub(super) fn op_make_function(&mut self, fi: usize, ip: usize, arg: u32) -> PyResult<Fast> {
        self.frames[fi].ip = ip;
        let code_value = self.pop();
        let func = self.make_function(fi, code_value, arg)?;
        self.stack.push(func);
        Ok(Fast::Next)
    }

    /// `LIST_APPEND` (list comprehensions).
    #[inline(never)]
    pub(super) fn op_list_append(&mut self, arg: u32) -> PyResult<Fast> {
        let v = self.pop();
        let at = self.stack.len() - arg as usize;
        if let Value::List(l) = &self.stack[at] {
            l.push(v);
        }
        Ok(Fast::Next)
    }

    /// `BINARY_SUBSCR_SLICE` and `STORE_SUBSCR_LIST_SLICE`.
    #[inline(never)]
    pub(super) fn op_slice(
        &mut self,
        code: &PyCode,
        fi: usize,
        ip: usize,
        op: Opcode,
    ) -> PyResult<Fast> {
        let len = self.stack.len();
        if !specialized::slice_operands(op, &self.stack[len - 2], &self.stack[len - 1]) {
            return Ok(Fast::Slow);
        }
        if op == Opcode::BinarySubscrSlice {
            if let Some(v) = specialized::slice_step1(&self.stack[len - 2], &self.stack[len - 1]) {
                self.hit(super::running_cache(code, ip), op);
                self.pop_discard();
                let old = std::mem::replace(&mut self.stack[len - 2], v);
                raw::discard(old);
                return Ok(Fast::Next);
            }
        }
        self.frames[fi].ip = ip;
        self.hit(super::running_cache(code, ip), op);
        if op == Opcode::BinarySubscrSlice {
            self.generic_binary_subscr()?;
        } else {
            self.generic_store_subscr()?;
        }
        Ok(Fast::Next)
    }

    /// `BINARY_SUBSCR_DICT`.
    #[inline(never)]
    pub(super) fn op_subscr_dict(
        &mut self,
        code: &PyCode,
        fi: usize,
        ip: usize,
        op: Opcode,
    ) -> PyResult<Fast> {
        let len = self.stack.len();
        let Value::Dict(d) = &self.stack[len - 2] else {
            return Ok(Fast::Slow);
        };
        let d: *const crate::runtime::types::dict::PyDict = &**d;
        // Hashing and comparing keys may run Python code.
        self.frames[fi].ip = ip;
        self.hit(super::running_cache(code, ip), op);
        let key = self.pop();
        // SAFETY: the stack holds the dict until it is replaced below.
        match unsafe { &*d }.get(self, &key)? {
            Some(v) => {
                let old = std::mem::replace(&mut self.stack[len - 2], v);
                raw::discard(old);
            }
            None => return Err(self.key_error(&key)),
        }
        Ok(Fast::Next)
    }

    /// `STORE_SUBSCR_DICT`.
    #[inline(never)]
    pub(super) fn op_store_subscr_dict(
        &mut self,
        code: &PyCode,
        fi: usize,
        ip: usize,
        op: Opcode,
    ) -> PyResult<Fast> {
        let len = self.stack.len();
        if !matches!(self.stack[len - 2], Value::Dict(_)) {
            return Ok(Fast::Slow);
        }
        self.frames[fi].ip = ip;
        self.hit(super::running_cache(code, ip), op);
        let key = self.pop();
        let Value::Dict(d) = self.pop() else {
            unreachable!("checked above")
        };
        let v = self.pop();
        d.set(self, key, v)?;
        Ok(Fast::Next)
    }

    /// `LOAD_ATTR_NONDESCRIPTOR`, `_MODULE` and `_CLASS`.
    #[inline(never)]
    pub(super) fn op_load_attr_other(
        &mut self,
        code: &PyCode,
        ip: usize,
        op: Opcode,
        arg: u32,
    ) -> PyResult<Fast> {
        let c = super::running_cache(code, ip);
        let owner = self.top();
        let found = match (op, owner) {
            (Opcode::LoadAttrNondescriptor, _) => {
                Vm::class_attr_lookup(owner, c, &code.names[arg as usize])
            }
            (Opcode::LoadAttrModule, Value::Object(o)) => match &o.kind {
                ObjKind::Module(m) if m.dict.keys_version() == c.version.get() => {
                    m.dict.value_ptr_at(c.index.get() as usize)
                }
                _ => None,
            },
            (Opcode::LoadAttrClass, Value::Class(k)) if k.version.get() == c.version.get() => {
                Some(c.value.as_ptr())
            }
            _ => None,
        };
        let Some(v) = found else {
            return Ok(Fast::Slow);
        };
        self.hit(c, op);
        // SAFETY: the cache and the module dict do not change before the
        // copy; the copy is taken before the owner is dropped.
        unsafe { self.replace_top_clone(v) };
        Ok(Fast::Next)
    }

    /// `LOAD_METHOD_NO_DICT`.
    #[inline(never)]
    pub(super) fn op_load_method_no_dict(
        &mut self,
        code: &PyCode,
        ip: usize,
        op: Opcode,
    ) -> PyResult<Fast> {
        let c = super::running_cache(code, ip);
        let owner = self.operand();
        if matches!(owner, Value::Instance(_) | Value::Class(_))
            || self.types.class_version_of(owner) != c.version.get()
        {
            return Ok(Fast::Slow);
        }
        self.hit(c, op);
        // SAFETY: the cache does not change before the copy.
        unsafe { self.insert_below_top_clone(c.value.as_ptr()) };
        Ok(Fast::Next)
    }

    /// `LOAD_METHOD_MODULE` and `_CLASS`.
    #[inline(never)]
    pub(super) fn op_load_method_owner(
        &mut self,
        code: &PyCode,
        ip: usize,
        op: Opcode,
    ) -> PyResult<Fast> {
        let c = super::running_cache(code, ip);
        let owner = self.top();
        let found = if op == Opcode::LoadMethodModule {
            Vm::load_module_attr(owner, c)
        } else {
            Vm::load_class_attr(owner, c)
        };
        let Some(v) = found else {
            return Ok(Fast::Slow);
        };
        self.hit(c, op);
        let top = self.stack.len() - 1;
        self.stack[top] = Value::Null;
        self.stack.push(v);
        Ok(Fast::Next)
    }

    /// `CONTAINS_OP_SET` and `_DICT`.
    #[inline(never)]
    pub(super) fn op_contains(
        &mut self,
        code: &PyCode,
        fi: usize,
        ip: usize,
        op: Opcode,
        arg: u32,
    ) -> PyResult<Fast> {
        // An int or str in a set: decided without a hashing call.
        let len = self.stack.len();
        if let Value::Object(o) = &self.stack[len - 1] {
            if let ObjKind::Set(s) | ObjKind::FrozenSet(s) = &o.kind {
                if let Some(found) = s.contains_quick(&self.stack[len - 2]) {
                    self.hit(super::running_cache(code, ip), op);
                    self.pop_discard();
                    self.pop_discard();
                    self.push_bool(found != (arg == 1));
                    return Ok(Fast::Next);
                }
            }
        }
        let matched = match (op, self.top()) {
            (Opcode::ContainsOpDict, Value::Dict(_)) => true,
            (Opcode::ContainsOpSet, Value::Object(o)) => {
                matches!(o.kind, ObjKind::Set(_) | ObjKind::FrozenSet(_))
            }
            _ => false,
        };
        if !matched {
            return Ok(Fast::Slow);
        }
        // Hashing and comparing may run Python code.
        self.frames[fi].ip = ip;
        self.hit(super::running_cache(code, ip), op);
        let container = self.pop();
        let item = self.pop();
        let found = match &container {
            Value::Dict(d) => d.get(self, &item)?.is_some(),
            Value::Object(o) => match &o.kind {
                ObjKind::Set(s) | ObjKind::FrozenSet(s) => s.contains(self, &item)?,
                _ => unreachable!("checked above"),
            },
            _ => unreachable!("checked above"),
        };
        self.push_bool(found != (arg == 1));
        Ok(Fast::Next)
    }

    /// `CALL_LEN` and `CALL_ISINSTANCE` of the common operands, computed in place: the len of
    /// a built-in container, `isinstance` against a class of the plain metaclass. Anything
    /// else goes through `op_call_native` (a `__len__`, a tuple of classes, …).
    #[inline(never)]
    pub(super) fn op_call_len_isinstance(
        &mut self,
        code: &PyCode,
        fi: usize,
        ip: usize,
        op: Opcode,
        arg: u32,
    ) -> PyResult<Fast> {
        let c = super::running_cache(code, ip);
        let len = self.stack.len();
        let want = if op == Opcode::CallLen { 1 } else { 2 };
        if arg != want || self.pending_kwnames.is_some() {
            return self.op_call_native(code, fi, ip, op, arg);
        }
        // The compiler's depth check: NULL, the callable and `want` arguments are there.
        let at = len - want as usize - 2;
        let s = &self.stack[at..];
        let cached = matches!((&s[0], &s[1]), (Value::Null, Value::Native(n))
            if c.value.with(|v| matches!(v, Value::Native(m) if std::rc::Rc::ptr_eq(m, n))));
        let r = match (cached, op, &s[2..]) {
            (false, ..) => None,
            (_, Opcode::CallLen, [x]) => match x {
                Value::Str(x) => Some(x.char_len()),
                Value::List(x) => Some(x.len()),
                Value::Tuple(x) => Some(x.len()),
                Value::Dict(x) => Some(x.len()),
                Value::Object(o) => match &o.kind {
                    ObjKind::Set(x) | ObjKind::FrozenSet(x) => Some(x.len()),
                    _ => None,
                },
                _ => None,
            }
            .map(|n| Value::Int(n as i64)),
            (_, _, [x, Value::Class(k)]) if k.metaclass.borrow().is_none() => {
                let own = self.class_of(x);
                Some(Value::Bool(own.is_subclass(k)))
            }
            _ => None,
        };
        let Some(r) = r else {
            return self.op_call_native(code, fi, ip, op, arg);
        };
        self.hit(c, op);
        self.truncate_stack(at);
        // SAFETY: the result goes where the NULL was.
        unsafe { self.push_in_room(r) };
        Ok(Fast::Next)
    }

    /// The `CALL` forms that call into Rust (`CALL_LEN`, `CALL_BUILTIN_*`, …).
    #[inline(never)]
    pub(super) fn op_call_native(
        &mut self,
        code: &PyCode,
        fi: usize,
        ip: usize,
        op: Opcode,
        arg: u32,
    ) -> PyResult<Fast> {
        if crate::runtime::finalize::attention() {
            return Ok(Fast::Slow);
        }
        self.frames[fi].ip = ip;
        let Some(result) = self.call_native_specialized(code, ip - 1, op, arg as usize) else {
            return Ok(Fast::Slow);
        };
        self.hit(super::running_cache(code, ip), op);
        let v = result?;
        self.stack.push(v);
        Ok(Fast::Next)
    }

    /// The `CALL` forms that push a Python frame, other than `CALL_PY_EXACT_ARGS`.
    #[inline(never)]
    pub(super) fn op_call_py(
        &mut self,
        code: &PyCode,
        fi: usize,
        ip: usize,
        op: Opcode,
        arg: u32,
    ) -> PyResult<Fast> {
        if crate::runtime::finalize::attention() {
            return Ok(Fast::Slow);
        }
        self.frames[fi].ip = ip;
        if !self.call_py_specialized(code, ip - 1, op, arg as usize)? {
            return Ok(Fast::Slow);
        }
        self.hit(super::running_cache(code, ip), op);
        Ok(Fast::Frame)
    }

    /// `FOR_ITER_NATIVE`.
    #[inline(never)]
    pub(super) fn op_for_iter_native(
        &mut self,
        code: &PyCode,
        fi: usize,
        ip: usize,
        op: Opcode,
        arg: u32,
    ) -> PyResult<Fast> {
        let Value::Object(o) = self.top() else {
            return Ok(Fast::Slow);
        };
        match &o.kind {
            ObjKind::BuiltinIter(b) if b.subclass.is_none() => {}
            ObjKind::TypeIter(_) => {}
            _ => return Ok(Fast::Slow),
        }
        // Its `next` may run Python code (`map`'s function): the
        // iterator is held here, and the frame's position saved.
        let it = o.clone();
        self.frames[fi].ip = ip;
        self.hit(super::running_cache(code, ip), op);
        let next = match &it.kind {
            ObjKind::BuiltinIter(b) => crate::builtins::iterators::next_item(self, b)?,
            ObjKind::TypeIter(t) => crate::builtins::types::iter::type_iter_next(self, t)?,
            _ => unreachable!("checked above"),
        };
        match next {
            Some(v) => self.stack.push(v),
            None => {
                self.pop_discard();
                return Ok(Fast::Jump(arg as usize));
            }
        }
        Ok(Fast::Next)
    }

    /// `RETURN_GENERATOR` in a frame that is not an entry frame.
    #[inline(never)]
    pub(super) fn op_return_generator(&mut self, fi: usize, ip: usize) -> PyResult<Fast> {
        self.frames[fi].ip = ip;
        let generator = self.make_generator();
        self.stack.push(generator);
        Ok(Fast::Frame)
    }

    /// `RETURN_VALUE` of a generator resumed by the dispatch loop.
    #[inline(never)]
    pub(super) fn op_return_from_generator(&mut self, fi: usize, ip: usize) -> PyResult<Fast> {
        self.frames[fi].ip = ip;
        let v = self.pop();
        if let Some(link) = self.gen_links.pop() {
            self.finish_generator(link);
        }
        let is_entry = self.frames[fi].is_entry;
        if let Some(frame) = self.frames.pop() {
            self.truncate_stack(frame.ret_sp);
        }
        if is_entry {
            return Ok(Fast::Return(v));
        }
        self.generator_returned(v);
        Ok(Fast::Frame)
    }
}
