//! The dispatch loop. It holds fetch, dispatch and the frame transitions (call, return,
//! unwind); what an instruction does beyond moving values lives in the protocol modules.

use super::frame::Frame;
use super::generator::GenStatus;
use super::quicken;
use super::Vm;
use crate::bytecode::{BinaryOperator, Instr, Opcode};
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::function::PyFunction;
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

mod dispatch;
mod families;
mod outlined;
use families::{compare_float, compare_ord};
pub(crate) mod specialized;
mod stack;

/// The cache of the running instruction (`ip` is the index after it), for the dispatch loop
/// and its outlined fast paths: every `ip` they hold is past an instruction of `code`.
#[inline(always)]
fn running_cache(code: &PyCode, ip: usize) -> &crate::vm::quicken::cache::InlineCache {
    debug_assert!(ip >= 1 && ip <= code.instrs.len());
    // SAFETY: `ip - 1` is the index of the instruction running.
    unsafe { code.cache_at(ip - 1) }
}

/// The cache of the instruction at `ip`: a superinstruction's second half (never past the
/// end: a superinstruction is never last).
#[inline(always)]
fn next_cache(code: &PyCode, ip: usize) -> &crate::vm::quicken::cache::InlineCache {
    debug_assert!(ip < code.instrs.len());
    // SAFETY: as said.
    unsafe { code.cache_at(ip) }
}

/// Where the dispatch loop goes after the slow path ran an instruction.
pub(super) enum Exit {
    /// Continue the current frame at this instruction.
    Jump(usize),
    /// A frame was pushed or popped: reload the current frame.
    Frame,
    /// The entry frame returned (or its generator yielded) this value.
    Return(Value),
}

/// What a family's generic path did to control flow.
pub(super) enum Flow {
    Next,
    Jump(usize),
    /// A frame was pushed (or popped): the loop reloads the current frame.
    Frame,
}

/// The contents of a cell (`Value::Null` when empty or not a cell).
fn cell_contents(cell: &Value) -> Value {
    match cell {
        Value::Object(o) => match &o.kind {
            ObjKind::Cell(c) => c.borrow().clone(),
            _ => Value::Null,
        },
        _ => Value::Null,
    }
}

fn set_cell(cell: &Value, value: Value) {
    if let Value::Object(o) = cell {
        if let ObjKind::Cell(c) = &o.kind {
            let old = std::mem::replace(&mut *c.borrow_mut(), value);
            drop(old);
        }
    }
}

impl Vm {
    /// Runs module-level code with `globals` as its namespace.
    pub fn run_module_code(&mut self, code: Rc<PyCode>, globals: Rc<PyDict>) -> PyResult<Value> {
        let base = self.stack.len();
        self.stack.resize(base + code.n_localsplus(), Value::Null);
        let mut frame = Frame::for_code(code, globals.clone(), self.builtins.clone(), base, true);
        frame.locals = Some(globals);
        self.frames.push(frame);
        let r = self.run();
        if r.is_ok() {
            self.run_finalizers();
        }
        r
    }

    /// Calls any callable from Rust with positional arguments.
    pub fn call(&mut self, callable: &Value, args: &[Value]) -> PyResult<Value> {
        self.call_with_keywords(callable, args, &[])
    }

    /// Calls any callable from Rust; the last `kwnames.len()` of `args` are keyword values.
    pub fn call_with_keywords(
        &mut self,
        callable: &Value,
        args: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<Value> {
        match callable {
            Value::Function(func) => {
                let ret_sp = self.stack.len();
                if kwnames.is_empty()
                    && func.exact_argcount as usize == args.len()
                    && !self.frame_depth_exceeded()
                    && !self.stack_exhausted()
                {
                    // Positional arguments that fill the parameters exactly (a callback from
                    // `map`, a sort key, …): no binding, the frame written in place.
                    let n_locals = func.code.n_localsplus();
                    self.stack.reserve(n_locals.max(args.len()));
                    for a in args {
                        self.push_clone(a);
                    }
                    for _ in args.len()..n_locals {
                        self.push_null();
                    }
                    self.push_function_frame_at(func.clone(), ret_sp, ret_sp, true);
                    return self.run();
                }
                self.stack.extend_from_slice(args);
                self.push_function_frame(func.clone(), ret_sp, args.len(), kwnames, true)?;
                self.run()
            }
            Value::Native(native) => self.call_native(native, args, kwnames),
            Value::Object(o) if matches!(o.kind, ObjKind::BoundMethod { .. }) => {
                let ObjKind::BoundMethod { func, receiver } = &o.kind else {
                    unreachable!("matched above")
                };
                let all = crate::vm::call::prepended(receiver.clone(), args);
                self.call_with_keywords(func, &all, kwnames)
            }
            Value::Class(class) => self.call_type(class, args, kwnames),
            other => {
                let name = self.names.call.clone();
                match self.lookup_special(other, &name) {
                    Some(call) if !call.is_none() => {
                        let all = crate::vm::call::prepended(callable.clone(), args);
                        match &call {
                            Value::Function(_) | Value::Native(_) => {
                                self.call_with_keywords(&call, &all, kwnames)
                            }
                            _ => {
                                let class = self.class_of(other);
                                let bound = self.descr_get(&call, other, &class)?;
                                self.call_with_keywords(&bound, args, kwnames)
                            }
                        }
                    }
                    _ => {
                        let t = self.type_name(other);
                        Err(self.type_error(format!("'{t}' object is not callable")))
                    }
                }
            }
        }
    }

    pub(crate) fn call_native(
        &mut self,
        native: &crate::runtime::types::native::PyNative,
        args: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<Value> {
        use crate::runtime::types::native::Args;
        match &native.bound_self {
            Some(receiver) => {
                let all = crate::vm::call::prepended(receiver.clone(), args);
                if matches!(receiver, Value::Instance(_)) {
                    if let Some(r) = self.call_native_subclass_aware(native, &all, kwnames) {
                        return r;
                    }
                }
                (native.func)(
                    self,
                    Args {
                        values: &all,
                        kwnames,
                    },
                )
            }
            None => {
                if matches!(args.first(), Some(Value::Instance(_) | Value::Class(_))) {
                    if let Some(r) = self.call_native_subclass_aware(native, args, kwnames) {
                        return r;
                    }
                }
                (native.func)(
                    self,
                    Args {
                        values: args,
                        kwnames,
                    },
                )
            }
        }
    }

    /// Pushes a frame for `func` whose arguments (`nargs` values, the last `kwnames.len()` of
    /// them keyword values) are the top of the stack.
    fn push_function_frame(
        &mut self,
        func: Rc<PyFunction>,
        ret_sp: usize,
        nargs: usize,
        kwnames: &[Rc<PyStr>],
        is_entry: bool,
    ) -> PyResult<()> {
        if self.frame_depth_exceeded() || (is_entry && self.stack_exhausted()) {
            self.stack.truncate(ret_sp);
            return Err(self.recursion_error(""));
        }
        let code = func.code.clone();
        let base = self.stack.len() - nargs;
        let simple = kwnames.is_empty()
            && nargs == code.code.argcount as usize
            && code.code.total_params() == code.code.argcount;
        if !simple {
            let values = self.take_top(base);
            match self.bind_arguments(&func, &values, kwnames) {
                Ok(slots) => self.stack.extend(slots),
                Err(e) => {
                    self.stack.truncate(ret_sp);
                    return Err(e);
                }
            }
        }
        self.stack.resize(base + code.n_localsplus(), Value::Null);
        self.frames
            .push(Frame::for_function(func, base, ret_sp, is_entry));
        Ok(())
    }

    /// Runs frames until the entry frame returns (its value) or an exception leaves it.
    pub(crate) fn run(&mut self) -> PyResult<Value> {
        loop {
            match self.execute() {
                Ok(value) => return Ok(value),
                Err(err) => {
                    if let Some(err) = self.unwind(err) {
                        return Err(err);
                    }
                }
            }
        }
    }

    /// Finds a handler for `err` in the frames above the nearest entry frame. `None` means a
    /// handler was found and execution can continue; otherwise the entry frame was popped too
    /// and the exception goes to the Rust caller.
    pub(crate) fn unwind(&mut self, mut err: PyErr) -> Option<PyErr> {
        let reraise = std::mem::take(&mut self.reraising);
        if crate::runtime::finalize::attention() {
            self.safe_point();
        }
        if !reraise {
            self.chain_context(&err);
        }
        let mut first = true;
        loop {
            let frame = self.frames.last()?;
            let failed_at = frame.ip.saturating_sub(1) as u32;
            if !(reraise && first) {
                let code = frame.code_rc();
                self.note_traceback(&err, &code, failed_at);
            }
            first = false;
            let frame = self.frames.last()?;
            if let Some(entry) = frame.code().code.handler_for(failed_at).copied() {
                let stack_base = frame.stack_base();
                self.stack.truncate(stack_base + entry.depth as usize);
                if entry.push_lasti {
                    self.stack.push(Value::Int(i64::from(failed_at)));
                }
                self.stack.push(err.exc);
                if let Some(frame) = self.frames.last_mut() {
                    frame.ip = entry.target as usize;
                }
                return None;
            }
            let is_gen = self.top_gen_link().is_some();
            let frame = self.frames.pop()?;
            self.stack.truncate(frame.ret_sp);
            if is_gen {
                if let Some(link) = self.gen_links.pop() {
                    self.finish_generator(link);
                }
                err = self.generator_error(err);
                // The converted error is a new exception raised in the caller.
                self.chain_context(&err);
            }
            if frame.is_entry {
                return Some(err);
            }
        }
    }

    #[inline]
    fn pop(&mut self) -> Value {
        self.stack.pop().unwrap_or_default()
    }

    #[inline]
    fn top(&self) -> &Value {
        self.stack.last().unwrap_or(&Value::Null)
    }

    /// The slow path of the dispatch loop: every instruction in full (generic forms, guard
    /// misses, frame transitions). `ip` is the index after `instr`; the frame's saved `ip` is
    /// set first, so errors, tracebacks and nested calls see where this frame stands.
    #[inline(never)]
    fn step_slow(
        &mut self,
        code: &PyCode,
        fi: usize,
        base: usize,
        mut ip: usize,
        instr: Instr,
    ) -> PyResult<Exit> {
        self.frames[fi].ip = ip;
        let arg = instr.arg();
        // A superinstruction whose fast path declined runs its first half only; the second
        // is dispatched on its own next.
        let instr = if instr.opcode().is_super() {
            Instr::new(instr.opcode().base(), arg)
        } else {
            instr
        };
        match instr.opcode() {
            Opcode::Nop => {}
            Opcode::Resume => {
                // Counts entries (the profile's calls); samples at calls too.
                code.caches[ip - 1].hit();
                if self.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
                    self.sample_at_entry();
                }
            }
            Opcode::PopTop => {
                self.pop();
            }
            Opcode::PushNull => self.stack.push(Value::Null),
            Opcode::Copy => {
                let v = self.stack[self.stack.len() - arg as usize].clone();
                self.stack.push(v);
            }
            Opcode::Swap => {
                let len = self.stack.len();
                self.stack.swap(len - 1, len - arg as usize);
            }
            Opcode::LoadConst => self.stack.push(code.consts[arg as usize].clone()),
            Opcode::LoadFast => {
                let v = self.stack[base + arg as usize].clone();
                if v.is_null() {
                    let name = code.localsplus_names[arg as usize].as_str().to_owned();
                    let class = self.types.unbound_local_error.clone();
                    return Err(self.new_exception(
                        &class,
                        &format!(
                            "cannot access local variable '{name}' where it is not \
                             associated with a value"
                        ),
                    ));
                }
                self.stack.push(v);
            }
            Opcode::StoreFast => {
                let v = self.pop();
                self.stack[base + arg as usize] = v;
            }
            Opcode::DeleteFast => self.stack[base + arg as usize] = Value::Null,
            Opcode::LoadName => {
                let name = code.names[arg as usize].clone();
                let v = self.load_name(fi, &name)?;
                self.stack.push(v);
            }
            Opcode::StoreName => {
                let name = code.names[arg as usize].clone();
                let v = self.pop();
                if let Some(m) = self.class_namespace(fi) {
                    // A `__prepare__` namespace that is a dict subclass.
                    self.setitem(&m, &Value::Str(name), v)?;
                } else {
                    let ns = self.frames[fi]
                        .locals
                        .clone()
                        .unwrap_or_else(|| self.frames[fi].globals_rc());
                    ns.set_str(name, v);
                }
            }
            Opcode::DeleteName => {
                let name = code.names[arg as usize].clone();
                let ns = self.frames[fi]
                    .locals
                    .clone()
                    .unwrap_or_else(|| self.frames[fi].globals_rc());
                if ns.remove_str(&name).is_none() {
                    return Err(self.name_error(name.as_str()));
                }
            }
            Opcode::BuildMap => {
                let items = self.stack.split_off(self.stack.len() - 2 * arg as usize);
                let dict = crate::runtime::gc::tracked(PyDict::new());
                let mut it = items.into_iter();
                while let (Some(k), Some(v)) = (it.next(), it.next()) {
                    dict.set(self, k, v)?;
                }
                self.stack.push(Value::Dict(dict));
            }
            Opcode::BuildConstKeyMap => {
                let keys = self.pop();
                let values = self.stack.split_off(self.stack.len() - arg as usize);
                let dict = crate::runtime::gc::tracked(PyDict::new());
                if let Value::Tuple(keys) = keys {
                    for (k, v) in keys.items().iter().zip(values) {
                        dict.set(self, k.clone(), v)?;
                    }
                }
                self.stack.push(Value::Dict(dict));
            }
            Opcode::ListAppend => {
                let v = self.pop();
                let at = self.stack.len() - arg as usize;
                if let Value::List(l) = &self.stack[at] {
                    l.push(v);
                }
            }
            Opcode::MapAdd => {
                let v = self.pop();
                let k = self.pop();
                let at = self.stack.len() - arg as usize;
                if let Value::Dict(d) = self.stack[at].clone() {
                    d.set(self, k, v)?;
                }
            }
            Opcode::ListToTuple => {
                let v = self.pop();
                let items = match &v {
                    Value::List(l) => l.to_vec(),
                    _ => Vec::new(),
                };
                self.stack.push(Value::tuple(items));
            }
            Opcode::UnpackSequence => {
                if quicken::due(code, ip - 1) {
                    let seq = self.top().clone();
                    self.specialize_unpack_sequence(code, ip - 1, &seq, arg as usize);
                }
                let v = self.pop();
                let items = self.unpack_items(&v, arg as usize)?;
                self.stack.extend(items.into_iter().rev());
            }
            Opcode::UnpackSequenceTwoTuple
            | Opcode::UnpackSequenceTuple
            | Opcode::UnpackSequenceList => {
                let v = self.pop();
                let n = arg as usize;
                let done = match (instr.opcode(), &v) {
                    (Opcode::UnpackSequenceTwoTuple, Value::Tuple(t)) if t.len() == 2 => {
                        let items = t.items();
                        self.stack.push(items[1].clone());
                        self.stack.push(items[0].clone());
                        true
                    }
                    (Opcode::UnpackSequenceTuple, Value::Tuple(t)) if t.len() == n => {
                        self.stack.extend(t.items().iter().rev().cloned());
                        true
                    }
                    (Opcode::UnpackSequenceList, Value::List(l)) if l.len() == n => {
                        self.stack.extend(l.borrow().iter().rev().cloned());
                        true
                    }
                    _ => false,
                };
                if done {
                    self.hit(&code.caches[ip - 1], instr.opcode());
                } else {
                    self.miss(code, ip - 1);
                    let items = self.unpack_items(&v, n)?;
                    self.stack.extend(items.into_iter().rev());
                }
            }
            Opcode::UnpackEx => {
                let v = self.pop();
                self.unpack_ex(&v, (arg & 0xFF) as usize, (arg >> 8) as usize)?;
            }
            Opcode::BinarySubscr => {
                if quicken::due(code, ip - 1) {
                    let len = self.stack.len();
                    let (c, k) = (self.stack[len - 2].clone(), self.stack[len - 1].clone());
                    self.specialize_binary_subscr(code, ip - 1, &c, &k);
                }
                self.generic_binary_subscr()?;
            }
            Opcode::BinarySubscrListInt
            | Opcode::BinarySubscrTupleInt
            | Opcode::BinarySubscrStrInt => {
                let len = self.stack.len();
                let r = match (instr.opcode(), &self.stack[len - 2], &self.stack[len - 1]) {
                    (Opcode::BinarySubscrListInt, Value::List(l), Value::Int(i)) => {
                        specialized::seq_index(*i, l.len()).and_then(|i| l.get(i))
                    }
                    (Opcode::BinarySubscrTupleInt, Value::Tuple(t), Value::Int(i)) => {
                        specialized::seq_index(*i, t.len()).map(|i| t.items()[i].clone())
                    }
                    (Opcode::BinarySubscrStrInt, Value::Str(s), Value::Int(i)) => {
                        specialized::seq_index(*i, s.char_len())
                            .and_then(|i| s.char_at(i))
                            .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                    }
                    _ => None,
                };
                match r {
                    Some(r) => {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        self.stack.pop();
                        self.stack[len - 2] = r;
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.generic_binary_subscr()?;
                    }
                }
            }
            Opcode::BinarySubscrDict => {
                let len = self.stack.len();
                if let Value::Dict(d) = &self.stack[len - 2] {
                    let d = d.clone();
                    self.hit(&code.caches[ip - 1], instr.opcode());
                    let key = self.pop();
                    match d.get(self, &key)? {
                        Some(v) => self.stack[len - 2] = v,
                        None => return Err(self.key_error(&key)),
                    }
                } else {
                    self.miss(code, ip - 1);
                    self.generic_binary_subscr()?;
                }
            }
            Opcode::StoreSubscr => {
                if quicken::due(code, ip - 1) {
                    let len = self.stack.len();
                    let (c, k) = (self.stack[len - 2].clone(), self.stack[len - 1].clone());
                    self.specialize_store_subscr(code, ip - 1, &c, &k);
                }
                self.generic_store_subscr()?;
            }
            Opcode::BinarySubscrSlice | Opcode::StoreSubscrListSlice => {
                let len = self.stack.len();
                if specialized::slice_operands(
                    instr.opcode(),
                    &self.stack[len - 2],
                    &self.stack[len - 1],
                ) {
                    self.hit(&code.caches[ip - 1], instr.opcode());
                } else {
                    self.miss(code, ip - 1);
                }
                if instr.opcode() == Opcode::BinarySubscrSlice {
                    self.generic_binary_subscr()?;
                } else {
                    self.generic_store_subscr()?;
                }
            }
            Opcode::StoreSubscrListInt => {
                let len = self.stack.len();
                let done = match (&self.stack[len - 2], &self.stack[len - 1]) {
                    (Value::List(l), Value::Int(i)) => match specialized::seq_index(*i, l.len()) {
                        Some(i) => {
                            let l = l.clone();
                            let v = std::mem::take(&mut self.stack[len - 3]);
                            let old = std::mem::replace(&mut l.borrow_mut()[i], v);
                            drop(old);
                            true
                        }
                        None => false,
                    },
                    _ => false,
                };
                if done {
                    self.hit(&code.caches[ip - 1], instr.opcode());
                    self.stack.truncate(len - 3);
                } else {
                    self.miss(code, ip - 1);
                    self.generic_store_subscr()?;
                }
            }
            Opcode::StoreSubscrDict => {
                let len = self.stack.len();
                if let Value::Dict(d) = &self.stack[len - 2] {
                    let d = d.clone();
                    self.hit(&code.caches[ip - 1], instr.opcode());
                    let key = self.pop();
                    self.pop();
                    let v = self.pop();
                    d.set(self, key, v)?;
                } else {
                    self.miss(code, ip - 1);
                    self.generic_store_subscr()?;
                }
            }
            Opcode::DeleteSubscr => {
                let key = self.pop();
                let container = self.pop();
                self.delitem(&container, &key)?;
            }
            Opcode::BuildSlice => {
                let step = if arg == 3 { self.pop() } else { Value::None };
                let stop = self.pop();
                let start = self.pop();
                self.stack.push(Vm::new_slice(start, stop, step));
            }
            Opcode::ContainsOp => {
                if quicken::due(code, ip - 1) {
                    let container = self.top().clone();
                    self.specialize_contains_op(code, ip - 1, &container);
                }
                let container = self.pop();
                let item = self.pop();
                let found = self.contains(&container, &item)?;
                self.stack.push(Value::Bool(found != (arg == 1)));
            }
            Opcode::ContainsOpDict | Opcode::ContainsOpSet => {
                let container = self.pop();
                let item = self.pop();
                let found = match (instr.opcode(), &container) {
                    (Opcode::ContainsOpDict, Value::Dict(d)) => {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        d.get(self, &item)?.is_some()
                    }
                    (Opcode::ContainsOpSet, Value::Object(o))
                        if matches!(o.kind, ObjKind::Set(_) | ObjKind::FrozenSet(_)) =>
                    {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        let (ObjKind::Set(s) | ObjKind::FrozenSet(s)) = &o.kind else {
                            unreachable!("matched above")
                        };
                        s.contains(self, &item)?
                    }
                    _ => {
                        self.miss(code, ip - 1);
                        self.contains(&container, &item)?
                    }
                };
                self.stack.push(Value::Bool(found != (arg == 1)));
            }
            Opcode::LoadGlobal => {
                if quicken::due(code, ip - 1) {
                    let name = code.names[(arg >> 1) as usize].clone();
                    self.specialize_load_global(code, ip - 1, fi, &name);
                }
                self.generic_load_global(code, fi, arg)?;
            }
            Opcode::LoadGlobalModule | Opcode::LoadGlobalBuiltin => {
                let c = &code.caches[ip - 1];
                let frame = &self.frames[fi];
                let found = if instr.opcode() == Opcode::LoadGlobalModule {
                    if frame.globals().keys_version() == c.version.get() {
                        frame.globals().value_at(c.index.get() as usize)
                    } else {
                        None
                    }
                } else if frame.globals().keys_version() == c.version.get()
                    && frame.builtins().keys_version() == c.aux.get()
                {
                    frame.builtins().value_at(c.index.get() as usize)
                } else {
                    None
                };
                match found {
                    Some(v) => {
                        self.hit(c, instr.opcode());
                        if arg & 1 != 0 {
                            self.stack.push(Value::Null);
                        }
                        self.stack.push(v);
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.generic_load_global(code, fi, arg)?;
                    }
                }
            }
            Opcode::StoreGlobal => {
                let name = code.names[arg as usize].clone();
                let v = self.pop();
                self.frames[fi].globals().set_str(name, v);
            }
            Opcode::DeleteGlobal => {
                let name = code.names[arg as usize].clone();
                if self.frames[fi].globals().remove_str(&name).is_none() {
                    return Err(self.name_error(name.as_str()));
                }
            }
            Opcode::BinaryOp => {
                if quicken::due(code, ip - 1) {
                    let len = self.stack.len();
                    let (lhs, rhs) = (self.stack[len - 2].clone(), self.stack[len - 1].clone());
                    self.specialize_binary_op(code, ip - 1, &lhs, &rhs, arg);
                }
                self.generic_binary_op(arg)?;
            }
            Opcode::BinaryOpAddInt
            | Opcode::BinaryOpSubtractInt
            | Opcode::BinaryOpMultiplyInt
            | Opcode::BinaryOpFloorDivideInt
            | Opcode::BinaryOpRemainderInt
            | Opcode::BinaryOpBitwiseInt => {
                let len = self.stack.len();
                let r = specialized::int_operands(
                    instr.opcode(),
                    &self.stack[len - 2],
                    &self.stack[len - 1],
                )
                .map(|(a, b)| specialized::int_op(instr.opcode(), arg, a, b));
                match r {
                    Some(Some(r)) => {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        self.set_top2_int(r);
                    }
                    // Ints whose result leaves the machine range (or a zero
                    // divisor): the guard held, the generic path computes it.
                    Some(None) => {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        self.generic_binary_op(arg)?;
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.generic_binary_op(arg)?;
                    }
                }
            }
            Opcode::BinaryOpAddFloat
            | Opcode::BinaryOpSubtractFloat
            | Opcode::BinaryOpMultiplyFloat
            | Opcode::BinaryOpTrueDivideFloat
            | Opcode::BinaryOpRemainderFloat => {
                let len = self.stack.len();
                let r =
                    crate::vm::quicken::float_operands(&self.stack[len - 2], &self.stack[len - 1])
                        .and_then(|(a, b)| specialized::float_op(instr.opcode(), a, b));
                match r {
                    Some(r) => {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        self.set_top2_float(r);
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.generic_binary_op(arg)?;
                    }
                }
            }
            Opcode::BinaryOpPyMethod => {
                let len = self.stack.len();
                let c = &code.caches[ip - 1];
                match specialized::py_binary_method(c, &self.stack[len - 2], &self.stack[len - 1]) {
                    Some(func) => {
                        self.hit(c, instr.opcode());
                        let rhs = self.pop();
                        let lhs = self.pop();
                        let op = BinaryOperator::from_arg(arg).unwrap_or(BinaryOperator::Add);
                        let r = self.call_with_keywords(&func, &[lhs.clone(), rhs.clone()], &[])?;
                        let r = if matches!(r, Value::NotImplemented) {
                            self.binary_reflected(&lhs, &rhs, op)?
                        } else {
                            r
                        };
                        self.stack.push(r);
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.generic_binary_op(arg)?;
                    }
                }
            }
            Opcode::BinaryOpAddUnicode | Opcode::BinaryOpAddList | Opcode::BinaryOpAddTuple => {
                let len = self.stack.len();
                let r = specialized::concat_sequences(
                    instr.opcode(),
                    &self.stack[len - 2],
                    &self.stack[len - 1],
                );
                match r {
                    Some(r) => {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        self.stack.pop();
                        self.stack[len - 2] = r;
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.generic_binary_op(arg)?;
                    }
                }
            }
            Opcode::CompareOp => {
                if quicken::due(code, ip - 1) {
                    let len = self.stack.len();
                    let (lhs, rhs) = (self.stack[len - 2].clone(), self.stack[len - 1].clone());
                    self.specialize_compare_op(code, ip - 1, &lhs, &rhs);
                }
                self.generic_compare_op(arg)?;
            }
            Opcode::CompareOpInt | Opcode::CompareOpFloat | Opcode::CompareOpStr => {
                let len = self.stack.len();
                let r = match (&self.stack[len - 2], &self.stack[len - 1]) {
                    (Value::Int(a), Value::Int(b)) if instr.opcode() == Opcode::CompareOpInt => {
                        Some(compare_ord(arg, a.cmp(b)))
                    }
                    (Value::Float(a), Value::Float(b))
                        if instr.opcode() == Opcode::CompareOpFloat =>
                    {
                        Some(compare_float(arg, *a, *b))
                    }
                    (Value::Str(a), Value::Str(b)) if instr.opcode() == Opcode::CompareOpStr => {
                        Some(compare_ord(arg, a.as_str().cmp(b.as_str())))
                    }
                    _ => None,
                };
                match r {
                    Some(r) => {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        if instr.opcode() == Opcode::CompareOpStr {
                            self.stack.truncate(len - 2);
                        } else {
                            self.pop2_unboxed();
                        }
                        // Fused with the conditional jump that follows (no bool
                        // pushed and popped).
                        let next = code.instrs[ip].get();
                        match next.opcode().base() {
                            Opcode::PopJumpIfFalse => {
                                ip = if r { ip + 1 } else { next.arg() as usize };
                            }
                            Opcode::PopJumpIfTrue => {
                                ip = if r { next.arg() as usize } else { ip + 1 };
                            }
                            _ => self.stack.push(Value::Bool(r)),
                        }
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.generic_compare_op(arg)?;
                    }
                }
            }
            Opcode::IsOp => {
                let rhs = self.pop();
                let lhs = self.pop();
                self.stack.push(Value::Bool(lhs.is(&rhs) != (arg == 1)));
            }
            Opcode::UnaryNot => {
                let v = self.pop();
                let truth = self.truthy(&v)?;
                self.stack.push(Value::Bool(!truth));
            }
            Opcode::UnaryNegative => {
                let v = self.pop();
                let r = self.negate(&v)?;
                self.stack.push(r);
            }
            Opcode::UnaryPositive => {
                let v = self.pop();
                let r = self.positive(&v)?;
                self.stack.push(r);
            }
            Opcode::UnaryInvert => {
                let v = self.pop();
                let r = self.invert(&v)?;
                self.stack.push(r);
            }
            Opcode::Jump => ip = arg as usize,
            // The dispatch loop checks for Ctrl-C and runs the safe point on backward jumps.
            Opcode::JumpBackward => ip = arg as usize,
            Opcode::PopJumpIfFalse | Opcode::PopJumpIfTrue => {
                if quicken::due(code, ip - 1) {
                    let v = self.top().clone();
                    self.specialize_truth(code, ip - 1, &v);
                }
                let v = self.pop();
                if self.truthy(&v)? == (instr.opcode() == Opcode::PopJumpIfTrue) {
                    ip = arg as usize;
                }
            }
            Opcode::PopJumpIfFalseBool
            | Opcode::PopJumpIfFalseInt
            | Opcode::PopJumpIfFalseNone
            | Opcode::PopJumpIfFalseList
            | Opcode::PopJumpIfFalseStr
            | Opcode::PopJumpIfTrueBool
            | Opcode::PopJumpIfTrueInt
            | Opcode::PopJumpIfTrueNone
            | Opcode::PopJumpIfTrueList
            | Opcode::PopJumpIfTrueStr => {
                use Opcode::*;
                let op = instr.opcode();
                let truth = match (op, self.top()) {
                    (PopJumpIfFalseBool | PopJumpIfTrueBool, Value::Bool(b)) => Some(*b),
                    (PopJumpIfFalseInt | PopJumpIfTrueInt, Value::Int(i)) => Some(*i != 0),
                    (PopJumpIfFalseNone | PopJumpIfTrueNone, Value::None) => Some(false),
                    (PopJumpIfFalseList | PopJumpIfTrueList, Value::List(l)) => Some(!l.is_empty()),
                    (PopJumpIfFalseStr | PopJumpIfTrueStr, Value::Str(s)) => {
                        Some(!s.as_str().is_empty())
                    }
                    _ => None,
                };
                let v = self.pop();
                let truth = match truth {
                    Some(t) => {
                        self.hit(&code.caches[ip - 1], op);
                        t
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.truthy(&v)?
                    }
                };
                if truth == (op.base() == Opcode::PopJumpIfTrue) {
                    ip = arg as usize;
                }
            }
            Opcode::PopJumpIfNone => {
                if self.pop().is_none() {
                    ip = arg as usize;
                }
            }
            Opcode::PopJumpIfNotNone => {
                if !self.pop().is_none() {
                    ip = arg as usize;
                }
            }
            Opcode::JumpIfFalseOrPop => {
                let v = self.top().clone();
                if self.truthy(&v)? {
                    self.pop();
                } else {
                    ip = arg as usize;
                }
            }
            Opcode::JumpIfTrueOrPop => {
                let v = self.top().clone();
                if self.truthy(&v)? {
                    ip = arg as usize;
                } else {
                    self.pop();
                }
            }
            Opcode::BuildTuple => {
                let items = self.stack.split_off(self.stack.len() - arg as usize);
                self.stack.push(Value::tuple(items));
            }
            Opcode::BuildList => {
                let items = self.stack.split_off(self.stack.len() - arg as usize);
                self.stack.push(Value::list(items));
            }
            Opcode::GetIter => {
                let v = self.pop();
                let it = self.get_iter(&v)?;
                self.stack.push(it);
            }
            Opcode::GetYieldFromIter => {
                let v = self.pop();
                let it = if Vm::is_generator(&v) {
                    v
                } else {
                    self.get_iter(&v)?
                };
                self.stack.push(it);
            }
            Opcode::ForIter => {
                if quicken::due(code, ip - 1) {
                    let it = self.top().clone();
                    self.specialize_for_iter(code, ip - 1, &it);
                }
                match self.generic_for_iter(fi, ip, arg)? {
                    Flow::Next => {}
                    Flow::Jump(to) => ip = to,
                    Flow::Frame => return Ok(Exit::Frame),
                }
            }
            Opcode::ForIterRange | Opcode::ForIterList | Opcode::ForIterTuple => {
                let kind_ok = match (instr.opcode(), self.top()) {
                    (Opcode::ForIterRange, Value::Object(o)) => {
                        matches!(o.kind, ObjKind::RangeIter(_))
                    }
                    (Opcode::ForIterList, Value::Object(o)) => {
                        matches!(o.kind, ObjKind::ListIter { .. })
                    }
                    (Opcode::ForIterTuple, Value::Object(o)) => {
                        matches!(o.kind, ObjKind::TupleIter { .. })
                    }
                    _ => false,
                };
                match kind_ok.then(|| Vm::next_builtin(self.top())).flatten() {
                    Some(item) => {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        match item {
                            Some(v) => self.stack.push(v),
                            None => {
                                self.pop();
                                ip = arg as usize;
                            }
                        }
                    }
                    None => {
                        self.miss(code, ip - 1);
                        match self.generic_for_iter(fi, ip, arg)? {
                            Flow::Next => {}
                            Flow::Jump(to) => ip = to,
                            Flow::Frame => return Ok(Exit::Frame),
                        }
                    }
                }
            }
            Opcode::ForIterGen | Opcode::ForIterNative => {
                let guard = match self.top() {
                    Value::Object(o) => match &o.kind {
                        ObjKind::Generator(_) => instr.opcode() == Opcode::ForIterGen,
                        ObjKind::BuiltinIter(b) => {
                            b.subclass.is_none() && instr.opcode() == Opcode::ForIterNative
                        }
                        ObjKind::TypeIter(_) => instr.opcode() == Opcode::ForIterNative,
                        _ => false,
                    },
                    _ => false,
                };
                if guard {
                    self.hit(&code.caches[ip - 1], instr.opcode());
                } else {
                    self.miss(code, ip - 1);
                }
                match self.generic_for_iter(fi, ip, arg)? {
                    Flow::Next => {}
                    Flow::Jump(to) => ip = to,
                    Flow::Frame => return Ok(Exit::Frame),
                }
            }
            Opcode::Send => {
                let v = self.pop();
                let receiver = self.top().clone();
                if let Value::Object(o) = &receiver {
                    if let ObjKind::Generator(g) = &o.kind {
                        if g.state.borrow().status == GenStatus::Finished {
                            // Exhausted already: `yield from` evaluates to None.
                            let top = self.stack.len() - 1;
                            self.stack[top] = Value::None;
                            return Ok(Exit::Jump(arg as usize));
                        }
                        self.push_generator_frame(o, Some(v), false)?;
                        return Ok(Exit::Frame);
                    }
                }
                match self.send_to_iterator(&receiver, v) {
                    Ok(Some(r)) => self.stack.push(r),
                    Ok(None) => {
                        let top = self.stack.len() - 1;
                        self.stack[top] = Value::None;
                        ip = arg as usize;
                    }
                    Err(e) if self.is_stop_iteration(&e) => {
                        let top = self.stack.len() - 1;
                        self.stack[top] = super::generator::stop_value(&e.exc);
                        ip = arg as usize;
                    }
                    Err(e) => return Err(e),
                }
            }
            Opcode::YieldValue => {
                let v = self.pop();
                if self.top_gen_link().is_none() {
                    return Err(self.runtime_error("yield outside a generator frame"));
                }
                let is_entry = self.suspend_generator();
                if is_entry {
                    self.gen_yielded = true;
                    return Ok(Exit::Return(v));
                }
                self.stack.push(v);
                return Ok(Exit::Frame);
            }
            Opcode::ReturnGenerator => {
                let is_entry = self.frames[fi].is_entry;
                let generator = self.make_generator();
                if is_entry {
                    return Ok(Exit::Return(generator));
                }
                self.stack.push(generator);
                return Ok(Exit::Frame);
            }
            Opcode::LoadAttr => {
                if quicken::due(code, ip - 1) {
                    let owner = self.top().clone();
                    let name = code.names[arg as usize].clone();
                    self.specialize_load_attr(code, ip - 1, &owner, &name);
                }
                self.generic_load_attr(code, arg)?;
            }
            Opcode::LoadAttrInstanceValue
            | Opcode::LoadAttrNondescriptor
            | Opcode::LoadAttrModule
            | Opcode::LoadAttrClass
            | Opcode::LoadAttrSlot => {
                let c = &code.caches[ip - 1];
                let owner = self.top();
                let mut found = match instr.opcode() {
                    Opcode::LoadAttrInstanceValue => {
                        self.load_instance_value(owner, c, &code.names[arg as usize])
                    }
                    Opcode::LoadAttrNondescriptor => {
                        // SAFETY: read at once, before anything can change the cache.
                        Vm::class_attr_lookup(owner, c, &code.names[arg as usize])
                            .map(|v| unsafe { (*v).clone() })
                    }
                    Opcode::LoadAttrModule => Vm::load_module_attr(owner, c),
                    Opcode::LoadAttrClass => Vm::load_class_attr(owner, c),
                    _ => match owner {
                        Value::Instance(inst) if inst.class().version.get() == c.version.get() => {
                            inst.get_slot(&code.names[arg as usize])
                        }
                        _ => None,
                    },
                };
                if found.is_none()
                    && instr.opcode() == Opcode::LoadAttrNondescriptor
                    && self.retarget(code, ip - 1, self.top(), &code.names[arg as usize])
                {
                    // SAFETY: as above.
                    found = Vm::class_attr_lookup(self.top(), c, &code.names[arg as usize])
                        .map(|v| unsafe { (*v).clone() });
                }
                match found {
                    Some(v) => {
                        self.hit(c, instr.opcode());
                        let top = self.stack.len() - 1;
                        self.stack[top] = v;
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.generic_load_attr(code, arg)?;
                    }
                }
            }
            Opcode::LoadAttrProperty => {
                let c = &code.caches[ip - 1];
                let fget = match (self.top(), c.value.get()) {
                    (Value::Instance(inst), Value::Function(f))
                        if inst.class().version.get() == c.version.get() =>
                    {
                        Some(f)
                    }
                    _ => None,
                };
                match fget {
                    Some(f) => {
                        self.hit(c, instr.opcode());
                        let ret_sp = self.stack.len() - 1;
                        self.push_exact_frame(f, ret_sp, 1)?;
                        return Ok(Exit::Frame);
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.generic_load_attr(code, arg)?;
                    }
                }
            }
            Opcode::DeleteAttr => {
                let owner = self.pop();
                let name = code.names[arg as usize].clone();
                self.del_attr(&owner, &name)?;
            }
            Opcode::LoadMethod => {
                if quicken::due(code, ip - 1) {
                    let owner = self.top().clone();
                    let name = code.names[arg as usize].clone();
                    self.specialize_load_method(code, ip - 1, &owner, &name);
                }
                self.load_method_op(code, arg)?;
            }
            Opcode::LoadMethodWithValues | Opcode::LoadMethodNoDict => {
                let c = &code.caches[ip - 1];
                let owner = self.top();
                let name = &code.names[arg as usize];
                let method = if instr.opcode() == Opcode::LoadMethodWithValues {
                    let found = Vm::class_attr_lookup(owner, c, name).or_else(|| {
                        self.retarget(code, ip - 1, owner, name)
                            .then(|| Vm::class_attr_lookup(owner, c, name))
                            .flatten()
                    });
                    // SAFETY: read at once, before anything can change the cache.
                    found.map(|v| unsafe { (*v).clone() })
                } else {
                    (!matches!(owner, Value::Instance(_) | Value::Class(_))
                        && self.class_of(owner).version.get() == c.version.get())
                    .then(|| c.value.get())
                };
                if let Some(method) = method {
                    self.hit(c, instr.opcode());
                    let owner = self.top().clone();
                    let top = self.stack.len() - 1;
                    self.stack[top] = method;
                    self.stack.push(owner);
                } else {
                    self.miss(code, ip - 1);
                    self.load_method_op(code, arg)?;
                }
            }
            Opcode::LoadMethodModule | Opcode::LoadMethodClass => {
                let c = &code.caches[ip - 1];
                let owner = self.top();
                let found = if instr.opcode() == Opcode::LoadMethodModule {
                    Vm::load_module_attr(owner, c)
                } else {
                    Vm::load_class_attr(owner, c)
                };
                match found {
                    Some(v) => {
                        self.hit(c, instr.opcode());
                        let top = self.stack.len() - 1;
                        self.stack[top] = Value::Null;
                        self.stack.push(v);
                    }
                    None => {
                        self.miss(code, ip - 1);
                        self.load_method_op(code, arg)?;
                    }
                }
            }
            Opcode::StoreAttr => {
                if quicken::due(code, ip - 1) {
                    let owner = self.top().clone();
                    let name = code.names[arg as usize].clone();
                    self.specialize_store_attr(code, ip - 1, &owner, &name);
                }
                let owner = self.pop();
                let value = self.pop();
                let name = code.names[arg as usize].clone();
                self.set_attr(&owner, &name, value)?;
            }
            Opcode::StoreAttrInstanceValue | Opcode::StoreAttrSlot => {
                let c = &code.caches[ip - 1];
                let owner = self.pop();
                let value = self.pop();
                let name = &code.names[arg as usize];
                let result = if instr.opcode() == Opcode::StoreAttrInstanceValue {
                    self.store_instance_value(&owner, value, c, name)
                } else {
                    match &owner {
                        Value::Instance(inst) if inst.class().version.get() == c.version.get() => {
                            inst.set_slot(name, value);
                            Ok(())
                        }
                        _ => Err(value),
                    }
                };
                match result {
                    Ok(()) => self.hit(c, instr.opcode()),
                    Err(value) => {
                        self.miss(code, ip - 1);
                        let name = name.clone();
                        self.set_attr(&owner, &name, value)?;
                    }
                }
            }
            Opcode::RaiseVarargs => {
                return Err(match arg {
                    0 => {
                        let handled = self.handled_exception.clone();
                        if handled.is_none() {
                            let class = self.types.runtime_error.clone();
                            self.new_exception(&class, "No active exception to reraise")
                        } else {
                            self.reraising = true;
                            PyErr { exc: handled }
                        }
                    }
                    1 => {
                        let exc = self.pop();
                        self.raise(exc, None)
                    }
                    _ => {
                        let cause = self.pop();
                        let exc = self.pop();
                        self.raise(exc, Some(cause))
                    }
                });
            }
            Opcode::Reraise => {
                // The handler is looked up at this instruction (CPython restores
                // `f_lasti` from the stack only for introspection), and the exception
                // already has this frame in its traceback.
                let exc = self.pop();
                self.reraising = true;
                return Err(PyErr { exc });
            }
            Opcode::PushExcInfo => {
                let exc = self.pop();
                let prev = std::mem::replace(&mut self.handled_exception, exc.clone());
                self.stack.push(prev);
                self.stack.push(exc);
            }
            Opcode::PopExcept => {
                self.handled_exception = self.pop();
            }
            Opcode::CheckExcMatch => {
                let class = self.pop();
                let exc = self.top().clone();
                let matched = self.exception_matches(&exc, &class)?;
                self.stack.push(Value::Bool(matched));
            }
            Opcode::LoadAssertionError => self
                .stack
                .push(Value::Class(self.types.assertion_error.clone())),
            Opcode::MakeCell => {
                use crate::runtime::types::object::PyObject;
                let slot = base + arg as usize;
                let v = std::mem::take(&mut self.stack[slot]);
                self.stack[slot] = Value::Object(crate::runtime::gc::tracked(PyObject::new(
                    ObjKind::Cell(RefCell::new(v)),
                )));
            }
            Opcode::LoadClosure => {
                let cell = self.stack[base + arg as usize].clone();
                self.stack.push(cell);
            }
            Opcode::LoadDeref | Opcode::LoadClassderef => {
                let name = code.localsplus_names[arg as usize].clone();
                let from_class = if instr.opcode() == Opcode::LoadClassderef {
                    self.frames[fi]
                        .locals
                        .as_ref()
                        .and_then(|l| l.get_str(&name))
                } else {
                    None
                };
                let v = match from_class {
                    Some(v) => v,
                    None => {
                        let v = cell_contents(&self.stack[base + arg as usize]);
                        if v.is_null() {
                            return Err(self.unbound_deref(code, arg as usize));
                        }
                        v
                    }
                };
                self.stack.push(v);
            }
            Opcode::StoreDeref => {
                let v = self.pop();
                set_cell(&self.stack[base + arg as usize], v);
            }
            Opcode::DeleteDeref => {
                let old = cell_contents(&self.stack[base + arg as usize]);
                if old.is_null() {
                    return Err(self.unbound_deref(code, arg as usize));
                }
                set_cell(&self.stack[base + arg as usize], Value::Null);
            }
            Opcode::CopyFreeVars => {
                let closure = self.frames[fi]
                    .func
                    .as_ref()
                    .and_then(|f| f.closure.clone());
                if let Some(closure) = closure {
                    let n = arg as usize;
                    let first = base + code.n_localsplus() - n;
                    for (i, cell) in closure.items().iter().take(n).enumerate() {
                        self.stack[first + i] = cell.clone();
                    }
                }
            }
            Opcode::LoadBuildClass => {
                let v = self
                    .builtins
                    .get_str(&PyStr::new("__build_class__"))
                    .unwrap_or(Value::None);
                self.stack.push(v);
            }
            Opcode::KwNames => {
                let names = match &code.consts[arg as usize] {
                    Value::Tuple(t) => t
                        .items()
                        .iter()
                        .filter_map(|v| match v {
                            Value::Str(s) => Some(s.clone()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                self.pending_kwnames = Some(names);
            }
            Opcode::MakeFunction => {
                let code_value = self.pop();
                let func = self.make_function(fi, code_value, arg)?;
                self.stack.push(func);
            }
            Opcode::Call => {
                // A safe point before any call's effects (`__del__` output first).
                if crate::runtime::finalize::attention() {
                    self.safe_point();
                }
                if quicken::due(code, ip - 1) {
                    self.specialize_call_site(code, ip - 1, arg as usize);
                }
                if self.generic_call(arg as usize)? {
                    return Ok(Exit::Frame);
                }
            }
            Opcode::CallPyExactArgs
            | Opcode::CallPyWithDefaults
            | Opcode::CallBoundMethodExactArgs
            | Opcode::CallAllocAndEnterInit => {
                // A safe point before any call's effects (`__del__` output first).
                if crate::runtime::finalize::attention() {
                    self.safe_point();
                }
                if self.call_py_specialized(code, ip - 1, instr.opcode(), arg as usize)? {
                    self.hit(&code.caches[ip - 1], instr.opcode());
                    return Ok(Exit::Frame);
                }
                self.miss(code, ip - 1);
                if self.generic_call(arg as usize)? {
                    return Ok(Exit::Frame);
                }
            }
            Opcode::CallLen
            | Opcode::CallIsinstance
            | Opcode::CallType1
            | Opcode::CallBuiltinO
            | Opcode::CallBuiltinFast
            | Opcode::CallBuiltinClass
            | Opcode::CallListAppend
            | Opcode::CallMethodDescriptorFast => {
                // A safe point before any call's effects (`__del__` output first).
                if crate::runtime::finalize::attention() {
                    self.safe_point();
                }
                match self.call_native_specialized(code, ip - 1, instr.opcode(), arg as usize) {
                    Some(result) => {
                        self.hit(&code.caches[ip - 1], instr.opcode());
                        let v = result?;
                        self.stack.push(v);
                    }
                    None => {
                        self.miss(code, ip - 1);
                        if self.generic_call(arg as usize)? {
                            return Ok(Exit::Frame);
                        }
                    }
                }
            }
            Opcode::ReturnValue => {
                let v = self.pop();
                if self.top_gen_link().is_some() {
                    if let Some(link) = self.gen_links.pop() {
                        self.finish_generator(link);
                    }
                    let Some(frame) = self.frames.pop() else {
                        return Ok(Exit::Return(v));
                    };
                    self.stack.truncate(frame.ret_sp);
                    if frame.is_entry {
                        return Ok(Exit::Return(v));
                    }
                    self.generator_returned(v);
                    return Ok(Exit::Frame);
                }
                let Some(frame) = self.frames.pop() else {
                    return Ok(Exit::Return(v));
                };
                self.stack.truncate(frame.ret_sp);
                let v = if frame.init_self.is_null() {
                    v
                } else if v.is_none() {
                    frame.init_self
                } else {
                    let t = self.type_name(&v);
                    return Err(
                        self.type_error(format!("__init__() should return None, not '{t}'"))
                    );
                };
                if frame.is_entry {
                    return Ok(Exit::Return(v));
                }
                self.stack.push(v);
                return Ok(Exit::Frame);
            }
            Opcode::CallFunctionEx => {
                if crate::runtime::finalize::attention() {
                    self.safe_point();
                }
                let kwargs = if arg & 1 != 0 { Some(self.pop()) } else { None };
                let args = self.pop();
                let func = self.pop();
                let null = self.pop();
                let func = if null.is_null() { func } else { null };
                // A Python function (the usual `f(*args, **kwargs)` of a wrapper) gets a
                // frame of this loop, as `CALL` does, rather than a nested run.
                if let Value::Function(f) = &func {
                    let (values, kwnames) =
                        self.function_ex_arguments(&func, &args, kwargs.as_ref())?;
                    let ret_sp = self.stack.len();
                    let nargs = values.len();
                    self.stack.extend(values);
                    self.push_function_frame(f.clone(), ret_sp, nargs, &kwnames, false)?;
                    return Ok(Exit::Frame);
                }
                let r = self.call_function_ex(&func, &args, kwargs.as_ref())?;
                self.stack.push(r);
            }
            Opcode::BuildSet => {
                let items = self.stack.split_off(self.stack.len() - arg as usize);
                let set = self.new_set(items)?;
                self.stack.push(set);
            }
            Opcode::SetAdd => {
                let v = self.pop();
                let set = self.stack[self.stack.len() - arg as usize].clone();
                self.set_add_all(&set, [v])?;
            }
            Opcode::SetUpdate => {
                let iterable = self.pop();
                let items = self.starred_items(&iterable)?;
                let set = self.stack[self.stack.len() - arg as usize].clone();
                self.set_add_all(&set, items)?;
            }
            Opcode::ListExtend => {
                let iterable = self.pop();
                let items = self.starred_items(&iterable)?;
                if let Value::List(l) = &self.stack[self.stack.len() - arg as usize] {
                    l.borrow_mut().extend(items);
                }
            }
            Opcode::DictUpdate => {
                let mapping = self.pop();
                let dict = self.stack[self.stack.len() - arg as usize].clone();
                self.dict_update(&dict, &mapping)?;
            }
            Opcode::DictMerge => {
                let mapping = self.pop();
                let len = self.stack.len();
                let dict = self.stack[len - arg as usize].clone();
                let func = self.stack[len - 2 - arg as usize].clone();
                self.dict_merge(&func, &dict, &mapping)?;
            }
            Opcode::FormatValue => {
                use crate::bytecode::oparg::format_value as fv;
                let spec = if arg & fv::HAVE_SPEC != 0 {
                    Some(self.pop())
                } else {
                    None
                };
                let v = self.pop();
                let r = self.format_value(v, arg & fv::CONVERSION_MASK, spec)?;
                self.stack.push(r);
            }
            Opcode::BuildString => {
                let parts = self.stack.split_off(self.stack.len() - arg as usize);
                let mut out = String::new();
                for p in &parts {
                    if let Value::Str(s) = p {
                        out.push_str(s.as_str());
                    }
                }
                self.stack.push(Value::str(&out));
            }
            Opcode::ImportName => {
                let fromlist = self.pop();
                let level = self.pop();
                let name = code.names[arg as usize].clone();
                let m = self.import_name(&name, &fromlist, &level)?;
                self.stack.push(m);
            }
            Opcode::ImportFrom => {
                let module = self.top().clone();
                let name = code.names[arg as usize].clone();
                let v = self.import_from(&module, &name)?;
                self.stack.push(v);
            }
            Opcode::ImportStar => {
                let module = self.pop();
                let ns = self.frames[fi]
                    .locals
                    .clone()
                    .unwrap_or_else(|| self.frames[fi].globals_rc());
                self.import_star(&module, &ns)?;
            }
            Opcode::SetupAnnotations => {
                let ns = self.frames[fi]
                    .locals
                    .clone()
                    .unwrap_or_else(|| self.frames[fi].globals_rc());
                let key = self.names.annotations.clone();
                if ns.get_str(&key).is_none() {
                    ns.set_str(key, Value::Dict(crate::runtime::gc::tracked(PyDict::new())));
                }
            }
            Opcode::PrintExpr => {
                let v = self.pop();
                if !v.is_none() {
                    let text = self.repr(&v)?;
                    self.host.write_stdout(&text);
                    self.host.write_stdout("\n");
                    let key = self.interner.intern("_");
                    self.builtins.set_str(key, v);
                }
            }
            Opcode::BeforeWith => {
                let mgr = self.pop();
                let (exit, res) = self.before_with(&mgr)?;
                self.stack.push(exit);
                self.stack.push(res);
            }
            Opcode::WithExceptStart => {
                let len = self.stack.len();
                let exit = self.stack[len - 4].clone();
                let exc = self.stack[len - 1].clone();
                let r = self.with_except_start(&exit, &exc)?;
                self.stack.push(r);
            }
            Opcode::GetLen => {
                let v = self.top().clone();
                let n = self.len(&v)?;
                self.stack.push(Value::Int(n as i64));
            }
            Opcode::MatchMapping => {
                let v = self.top().clone();
                let r = self.is_mapping_subject(&v);
                self.stack.push(Value::Bool(r));
            }
            Opcode::MatchSequence => {
                let v = self.top().clone();
                let r = self.is_sequence_subject(&v);
                self.stack.push(Value::Bool(r));
            }
            Opcode::MatchKeys => {
                let len = self.stack.len();
                let keys = self.stack[len - 1].clone();
                let subject = self.stack[len - 2].clone();
                let r = self.match_keys(&subject, &keys)?;
                self.stack.push(r);
            }
            Opcode::MatchClass => {
                let names = self.pop();
                let class = self.pop();
                let subject = self.pop();
                let r = self.match_class(&subject, &class, arg as usize, &names)?;
                self.stack.push(r);
            }
            Opcode::CheckEgMatch => {
                let match_type = self.pop();
                let exc = self.pop();
                let (rest, matched) = self.exception_group_match(&exc, &match_type)?;
                if !matched.is_none() {
                    self.handled_exception = matched.clone();
                }
                self.stack.push(rest);
                self.stack.push(matched);
            }
            Opcode::PrepReraiseStar => {
                let excs = self.pop();
                let orig = self.pop();
                let r = self.prep_reraise_star(&orig, &excs)?;
                self.stack.push(r);
            }
            other => {
                return Err(self.type_error(format!("the VM cannot execute {} yet", other.name())))
            }
        }
        Ok(Exit::Jump(ip))
    }

    fn unbound_deref(&mut self, code: &PyCode, slot: usize) -> PyErr {
        let name = code.localsplus_names[slot].as_str().to_owned();
        if code.code.localsplus_kinds.get(slot) == Some(&crate::bytecode::LocalKind::Free) {
            let class = self.types.name_error.clone();
            self.new_exception(
                &class,
                &format!(
                    "cannot access free variable '{name}' where it is not associated with a \
                     value in enclosing scope"
                ),
            )
        } else {
            let class = self.types.unbound_local_error.clone();
            self.new_exception(
                &class,
                &format!(
                    "cannot access local variable '{name}' where it is not associated with a \
                     value"
                ),
            )
        }
    }

    /// `isinstance(exc, class)` for `except class:` (a class or a tuple of classes).
    fn exception_matches(&mut self, exc: &Value, class: &Value) -> PyResult<bool> {
        match class {
            Value::Class(c) if c.layout == crate::runtime::types::class::Layout::Exception => {
                Ok(self.class_of(exc).is_subclass(c))
            }
            Value::Tuple(t) => {
                let items = t.items().to_vec();
                for item in &items {
                    if self.exception_matches(exc, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    fn load_name(&mut self, fi: usize, name: &Rc<PyStr>) -> PyResult<Value> {
        let frame = &self.frames[fi];
        if let Some(v) = frame.locals.as_ref().and_then(|l| l.get_str(name)) {
            return Ok(v);
        }
        self.load_global(fi, name)
    }

    pub(super) fn load_global(&mut self, fi: usize, name: &Rc<PyStr>) -> PyResult<Value> {
        let frame = &self.frames[fi];
        if let Some(v) = frame.globals().get_str(name) {
            return Ok(v);
        }
        if let Some(v) = frame.builtins().get_str(name) {
            return Ok(v);
        }
        Err(self.name_error(name.as_str()))
    }

    pub(super) fn make_function(
        &mut self,
        fi: usize,
        code_value: Value,
        flags: u32,
    ) -> PyResult<Value> {
        use crate::bytecode::oparg::make_function as mf;
        let Value::Object(obj) = &code_value else {
            return Err(self.type_error("MAKE_FUNCTION expects a code object"));
        };
        let ObjKind::Code(code) = &obj.kind else {
            return Err(self.type_error("MAKE_FUNCTION expects a code object"));
        };
        let closure = if flags & mf::CLOSURE != 0 {
            match self.pop() {
                Value::Tuple(t) => Some(t),
                _ => None,
            }
        } else {
            None
        };
        let annotations = (flags & mf::ANNOTATIONS != 0).then(|| self.pop());
        let kwdefaults = if flags & mf::KWDEFAULTS != 0 {
            match self.pop() {
                Value::Dict(d) => Some(d),
                _ => None,
            }
        } else {
            None
        };
        let defaults = if flags & mf::DEFAULTS != 0 {
            match self.pop() {
                Value::Tuple(t) => Some(t),
                _ => None,
            }
        } else {
            None
        };
        let frame = &self.frames[fi];
        let doc = code
            .code
            .docstring
            .as_ref()
            .map_or(Value::None, |d| Value::str(d));
        let module = frame
            .globals()
            .get_str(&PyStr::new("__name__"))
            .unwrap_or(Value::None);
        Ok(Value::Function(crate::runtime::gc::tracked(PyFunction {
            globals: frame.globals_rc(),
            builtins: frame.builtins_rc(),
            name: RefCell::new(code.name.clone()),
            qualname: RefCell::new(code.qualname.clone()),
            code: code.clone(),
            defaults: RefCell::new(defaults),
            kwdefaults: RefCell::new(kwdefaults),
            closure,
            doc: RefCell::new(doc),
            annotations: RefCell::new(annotations),
            dict: RefCell::new(None),
            module,
            version: std::cell::Cell::new(1),
            exact_argcount: if code.simple_params {
                code.code.argcount
            } else {
                u32::MAX
            },
        })))
    }
}
