//! The dispatch loop. It holds fetch, dispatch and the frame transitions (call, return,
//! unwind); what an instruction does beyond moving values lives in the protocol modules.

use super::frame::Frame;
use super::generator::GenStatus;
use super::Vm;
use crate::bytecode::{BinaryOperator, Comparison, Opcode};
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::function::PyFunction;
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

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
        self.frames.push(Frame {
            code,
            func: None,
            globals: globals.clone(),
            builtins: self.builtins.clone(),
            locals: Some(globals),
            ip: 0,
            base,
            ret_sp: base,
            is_entry: true,
        });
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
                self.stack.extend_from_slice(args);
                self.push_function_frame(func.clone(), ret_sp, args.len(), kwnames, true)?;
                self.run()
            }
            Value::Native(native) => self.call_native(native, args, kwnames),
            Value::Object(o) if matches!(o.kind, ObjKind::BoundMethod { .. }) => {
                let ObjKind::BoundMethod { func, receiver } = &o.kind else {
                    unreachable!("matched above")
                };
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(receiver.clone());
                all.extend_from_slice(args);
                self.call_with_keywords(func, &all, kwnames)
            }
            Value::Class(class) => self.call_type(class, args, kwnames),
            other => {
                let name = self.names.call.clone();
                match self.lookup_special(other, &name) {
                    Some(call) if !call.is_none() => {
                        let mut all = Vec::with_capacity(args.len() + 1);
                        all.push(callable.clone());
                        all.extend_from_slice(args);
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

    fn call_native(
        &mut self,
        native: &crate::runtime::types::native::PyNative,
        args: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<Value> {
        use crate::runtime::types::native::Args;
        match &native.bound_self {
            Some(receiver) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(receiver.clone());
                all.extend_from_slice(args);
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
            let values: Vec<Value> = self.stack.drain(base..).collect();
            match self.bind_arguments(&func, &values, kwnames) {
                Ok(slots) => self.stack.extend(slots),
                Err(e) => {
                    self.stack.truncate(ret_sp);
                    return Err(e);
                }
            }
        }
        self.stack.resize(base + code.n_localsplus(), Value::Null);
        self.frames.push(Frame {
            globals: func.globals.clone(),
            builtins: func.builtins.clone(),
            code,
            func: Some(func),
            locals: None,
            ip: 0,
            base,
            ret_sp,
            is_entry,
        });
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
                let code = frame.code.clone();
                self.note_traceback(&err, &code, failed_at);
            }
            first = false;
            let frame = self.frames.last()?;
            if let Some(entry) = frame.code.code.handler_for(failed_at).copied() {
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

    /// The dispatch loop proper.
    fn execute(&mut self) -> PyResult<Value> {
        'frame: loop {
            let fi = self.frames.len() - 1;
            let code = self.frames[fi].code.clone();
            let base = self.frames[fi].base;
            let mut ip = self.frames[fi].ip;
            loop {
                let instr = code.instrs[ip].get();
                ip += 1;
                self.frames[fi].ip = ip;
                let arg = instr.arg();
                match instr.opcode() {
                    Opcode::Nop | Opcode::Resume => {}
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
                        let ns = self.frames[fi]
                            .locals
                            .clone()
                            .unwrap_or_else(|| self.frames[fi].globals.clone());
                        ns.set_str(name, v);
                    }
                    Opcode::DeleteName => {
                        let name = code.names[arg as usize].clone();
                        let ns = self.frames[fi]
                            .locals
                            .clone()
                            .unwrap_or_else(|| self.frames[fi].globals.clone());
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
                        let v = self.pop();
                        let items = match &v {
                            Value::Tuple(t) if t.len() == arg as usize => t.items().to_vec(),
                            Value::List(l) if l.len() == arg as usize => l.to_vec(),
                            _ => self.unpack_items(&v, arg as usize)?,
                        };
                        self.stack.extend(items.into_iter().rev());
                    }
                    Opcode::UnpackEx => {
                        let v = self.pop();
                        self.unpack_ex(&v, (arg & 0xFF) as usize, (arg >> 8) as usize)?;
                    }
                    Opcode::BinarySubscr => {
                        let key = self.pop();
                        let container = self.pop();
                        let v = self.getitem(&container, &key)?;
                        self.stack.push(v);
                    }
                    Opcode::StoreSubscr => {
                        let key = self.pop();
                        let container = self.pop();
                        let v = self.pop();
                        self.setitem(&container, &key, v)?;
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
                        let container = self.pop();
                        let item = self.pop();
                        let found = self.contains(&container, &item)?;
                        self.stack.push(Value::Bool(found != (arg == 1)));
                    }
                    Opcode::LoadGlobal => {
                        let name = code.names[(arg >> 1) as usize].clone();
                        let v = self.load_global(fi, &name)?;
                        if arg & 1 != 0 {
                            self.stack.push(Value::Null);
                        }
                        self.stack.push(v);
                    }
                    Opcode::StoreGlobal => {
                        let name = code.names[arg as usize].clone();
                        let v = self.pop();
                        self.frames[fi].globals.set_str(name, v);
                    }
                    Opcode::DeleteGlobal => {
                        let name = code.names[arg as usize].clone();
                        if self.frames[fi].globals.remove_str(&name).is_none() {
                            return Err(self.name_error(name.as_str()));
                        }
                    }
                    Opcode::BinaryOp => {
                        let rhs = self.pop();
                        let lhs = self.pop();
                        // Small-int add/subtract inline (the commonest case by far).
                        if let (Value::Int(a), Value::Int(b)) = (&lhs, &rhs) {
                            let r = match arg {
                                0 | 13 => a.checked_add(*b),
                                10 | 23 => a.checked_sub(*b),
                                _ => None,
                            };
                            if let Some(r) = r {
                                self.stack.push(Value::Int(r));
                                continue;
                            }
                        }
                        let op = BinaryOperator::from_arg(arg).unwrap_or(BinaryOperator::Add);
                        let v = self.binary_op(&lhs, &rhs, op)?;
                        self.stack.push(v);
                    }
                    Opcode::CompareOp => {
                        let rhs = self.pop();
                        let lhs = self.pop();
                        if let (Value::Int(a), Value::Int(b)) = (&lhs, &rhs) {
                            let r = match arg {
                                0 => a < b,
                                1 => a <= b,
                                2 => a == b,
                                3 => a != b,
                                4 => a > b,
                                _ => a >= b,
                            };
                            self.stack.push(Value::Bool(r));
                            continue;
                        }
                        let op = Comparison::from_arg(arg).unwrap_or(Comparison::Equal);
                        let v = self.compare(&lhs, &rhs, op)?;
                        self.stack.push(v);
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
                    Opcode::ToBool => {
                        let v = self.pop();
                        let truth = self.truthy(&v)?;
                        self.stack.push(Value::Bool(truth));
                    }
                    Opcode::Jump => ip = arg as usize,
                    Opcode::JumpBackward => {
                        ip = arg as usize;
                        if self.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
                            self.frames[fi].ip = ip;
                            return Err(self.keyboard_interrupt());
                        }
                        // A safe point: due collections and queued finalizers run here.
                        if crate::runtime::finalize::attention() {
                            self.safe_point();
                        }
                    }
                    Opcode::PopJumpIfFalse => {
                        let v = self.pop();
                        if let Value::Bool(b) = v {
                            if !b {
                                ip = arg as usize;
                                self.frames[fi].ip = ip;
                            }
                            continue;
                        }
                        if !self.truthy(&v)? {
                            ip = arg as usize;
                        }
                    }
                    Opcode::PopJumpIfTrue => {
                        let v = self.pop();
                        if self.truthy(&v)? {
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
                        let it = self.top().clone();
                        if let Value::Object(o) = &it {
                            if let ObjKind::Generator(g) = &o.kind {
                                if g.state.borrow().status == GenStatus::Finished {
                                    self.pop();
                                    ip = arg as usize;
                                    self.frames[fi].ip = ip;
                                    continue;
                                }
                                self.push_generator_frame(o, Some(Value::None), false)?;
                                continue 'frame;
                            }
                        }
                        match self.next(&it)? {
                            Some(v) => self.stack.push(v),
                            None => {
                                self.pop();
                                ip = arg as usize;
                            }
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
                                    ip = arg as usize;
                                    self.frames[fi].ip = ip;
                                    continue;
                                }
                                self.push_generator_frame(o, Some(v), false)?;
                                continue 'frame;
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
                            return Ok(v);
                        }
                        self.stack.push(v);
                        continue 'frame;
                    }
                    Opcode::ReturnGenerator => {
                        let is_entry = self.frames[fi].is_entry;
                        let generator = self.make_generator();
                        if is_entry {
                            return Ok(generator);
                        }
                        self.stack.push(generator);
                        continue 'frame;
                    }
                    Opcode::LoadAttr => {
                        let owner = self.pop();
                        let name = code.names[arg as usize].clone();
                        let v = self.get_attr(&owner, &name)?;
                        self.stack.push(v);
                    }
                    Opcode::DeleteAttr => {
                        let owner = self.pop();
                        let name = code.names[arg as usize].clone();
                        self.del_attr(&owner, &name)?;
                    }
                    Opcode::LoadMethod => {
                        let owner = self.pop();
                        let name = code.names[arg as usize].clone();
                        match self.load_method(&owner, &name)? {
                            super::attr::Method::Unbound(func) => {
                                self.stack.push(func);
                                self.stack.push(owner);
                            }
                            super::attr::Method::Attribute(v) => {
                                self.stack.push(Value::Null);
                                self.stack.push(v);
                            }
                        }
                    }
                    Opcode::StoreAttr => {
                        let owner = self.pop();
                        let value = self.pop();
                        let name = code.names[arg as usize].clone();
                        self.set_attr(&owner, &name, value)?;
                    }
                    Opcode::RaiseVarargs => {
                        self.frames[fi].ip = ip;
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
                        self.stack[slot] = Value::Object(crate::runtime::gc::tracked(
                            PyObject::new(ObjKind::Cell(RefCell::new(v))),
                        ));
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
                                    return Err(self.unbound_deref(&code, arg as usize));
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
                            return Err(self.unbound_deref(&code, arg as usize));
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
                        self.frames[fi].ip = ip;
                        let argc = arg as usize;
                        let callable_at = self.stack.len() - argc - 1;
                        let (mut callable, mut args_at) = if self.stack[callable_at - 1].is_null() {
                            (self.stack[callable_at].clone(), callable_at + 1)
                        } else {
                            (self.stack[callable_at - 1].clone(), callable_at)
                        };
                        if let Value::Object(o) = &callable {
                            if let ObjKind::BoundMethod { func, receiver } = &o.kind {
                                if args_at == callable_at + 1 {
                                    self.stack[callable_at - 1] = func.clone();
                                    self.stack[callable_at] = receiver.clone();
                                    args_at = callable_at;
                                    callable = func.clone();
                                }
                            }
                        }
                        let ret_sp = callable_at - 1;
                        let kwnames = self.pending_kwnames.take();
                        let kwnames: &[Rc<PyStr>] = kwnames.as_deref().unwrap_or(&[]);
                        if let Value::Function(func) = callable {
                            let nargs = self.stack.len() - args_at;
                            self.push_function_frame(func, ret_sp, nargs, kwnames, false)?;
                            continue 'frame;
                        }
                        let args: Vec<Value> = self.stack.drain(args_at..).collect();
                        self.stack.truncate(ret_sp);
                        // CPython counts calls of one-argument built-ins (METH_O) against the
                        // recursion limit.
                        let counted = args.len() == 1 && kwnames.is_empty();
                        let result = if let (Value::Native(_), true) = (&callable, counted) {
                            self.enter_native_call(" while calling a Python object")?;
                            let r = self.call_with_keywords(&callable, &args, kwnames);
                            self.leave_native_call();
                            r?
                        } else {
                            self.call_with_keywords(&callable, &args, kwnames)?
                        };
                        self.stack.push(result);
                    }
                    Opcode::ReturnValue => {
                        let v = self.pop();
                        if self.top_gen_link().is_some() {
                            if let Some(link) = self.gen_links.pop() {
                                self.finish_generator(link);
                            }
                            let Some(frame) = self.frames.pop() else {
                                return Ok(v);
                            };
                            self.stack.truncate(frame.ret_sp);
                            if frame.is_entry {
                                return Ok(v);
                            }
                            self.generator_returned(v);
                            continue 'frame;
                        }
                        let Some(frame) = self.frames.pop() else {
                            return Ok(v);
                        };
                        self.stack.truncate(frame.ret_sp);
                        if frame.is_entry {
                            return Ok(v);
                        }
                        self.stack.push(v);
                        continue 'frame;
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
                        self.set_add_all(&set, vec![v])?;
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
                            .unwrap_or_else(|| self.frames[fi].globals.clone());
                        self.import_star(&module, &ns)?;
                    }
                    Opcode::SetupAnnotations => {
                        let ns = self.frames[fi]
                            .locals
                            .clone()
                            .unwrap_or_else(|| self.frames[fi].globals.clone());
                        let key = self.names.annotations.clone();
                        if ns.get_str(&key).is_none() {
                            ns.set_str(
                                key,
                                Value::Dict(crate::runtime::gc::tracked(PyDict::new())),
                            );
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
                        return Err(
                            self.type_error(format!("the VM cannot execute {} yet", other.name()))
                        )
                    }
                }
                self.frames[fi].ip = ip;
            }
        }
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

    fn load_global(&mut self, fi: usize, name: &Rc<PyStr>) -> PyResult<Value> {
        let frame = &self.frames[fi];
        if let Some(v) = frame.globals.get_str(name) {
            return Ok(v);
        }
        if let Some(v) = frame.builtins.get_str(name) {
            return Ok(v);
        }
        Err(self.name_error(name.as_str()))
    }

    fn make_function(&mut self, fi: usize, code_value: Value, flags: u32) -> PyResult<Value> {
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
            .globals
            .get_str(&PyStr::new("__name__"))
            .unwrap_or(Value::None);
        Ok(Value::Function(crate::runtime::gc::tracked(PyFunction {
            globals: frame.globals.clone(),
            builtins: frame.builtins.clone(),
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
        })))
    }
}
