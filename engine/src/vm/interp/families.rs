//! The generic paths of the specializable families (what an adaptive instruction runs, and
//! what a specialized one falls back to when its guards fail), and the specialized call
//! forms, which manage frames and so live with the loop.

use super::Flow;
use crate::bytecode::{BinaryOperator, Comparison, Opcode};
use crate::runtime::error::PyResult;
use crate::runtime::types::code::PyCode;
use crate::runtime::types::function::PyFunction;
use crate::runtime::types::native::Args;
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use crate::vm::generator::GenStatus;
use crate::vm::Vm;
use std::cmp::Ordering;
use std::rc::Rc;

/// `COMPARE_OP`'s result for two totally ordered operands.
#[inline]
pub(super) fn compare_ord(arg: u32, ord: Ordering) -> bool {
    match arg {
        0 => ord == Ordering::Less,
        1 => ord != Ordering::Greater,
        2 => ord == Ordering::Equal,
        3 => ord != Ordering::Equal,
        4 => ord == Ordering::Greater,
        _ => ord != Ordering::Less,
    }
}

/// `COMPARE_OP` on floats (NaN compares unequal and unordered).
#[inline]
pub(super) fn compare_float(arg: u32, a: f64, b: f64) -> bool {
    match arg {
        0 => a < b,
        1 => a <= b,
        2 => a == b,
        3 => a != b,
        4 => a > b,
        _ => a >= b,
    }
}

impl Vm {
    #[inline(never)]
    pub(super) fn generic_load_global(
        &mut self,
        code: &PyCode,
        fi: usize,
        arg: u32,
    ) -> PyResult<()> {
        let name = code.names[(arg >> 1) as usize].clone();
        let v = self.load_global(fi, &name)?;
        if arg & 1 != 0 {
            self.stack.push(Value::Null);
        }
        self.stack.push(v);
        Ok(())
    }

    #[inline(never)]
    pub(super) fn generic_binary_op(&mut self, arg: u32) -> PyResult<()> {
        let rhs = self.pop();
        let lhs = self.pop();
        let op = BinaryOperator::from_arg(arg).unwrap_or(BinaryOperator::Add);
        let v = self.binary_op(&lhs, &rhs, op)?;
        self.stack.push(v);
        Ok(())
    }

    #[inline(never)]
    pub(super) fn generic_compare_op(&mut self, arg: u32) -> PyResult<()> {
        let rhs = self.pop();
        let lhs = self.pop();
        let op = Comparison::from_arg(arg).unwrap_or(Comparison::Equal);
        let v = self.compare(&lhs, &rhs, op)?;
        self.stack.push(v);
        Ok(())
    }

    #[inline(never)]
    pub(super) fn generic_binary_subscr(&mut self) -> PyResult<()> {
        let key = self.pop();
        let container = self.pop();
        let v = self.getitem(&container, &key)?;
        self.stack.push(v);
        Ok(())
    }

    #[inline(never)]
    pub(super) fn generic_store_subscr(&mut self) -> PyResult<()> {
        let key = self.pop();
        let container = self.pop();
        let v = self.pop();
        self.setitem(&container, &key, v)
    }

    #[inline(never)]
    pub(super) fn generic_load_attr(&mut self, code: &PyCode, arg: u32) -> PyResult<()> {
        let owner = self.pop();
        let name = code.names[arg as usize].clone();
        let v = self.get_attr(&owner, &name)?;
        self.stack.push(v);
        Ok(())
    }

    #[inline(never)]
    pub(super) fn load_method_op(&mut self, code: &PyCode, arg: u32) -> PyResult<()> {
        let owner = self.pop();
        let name = code.names[arg as usize].clone();
        match self.load_method(&owner, &name)? {
            crate::vm::attr::Method::Unbound(func) => {
                self.stack.push(func);
                self.stack.push(owner);
            }
            crate::vm::attr::Method::Attribute(v) => {
                self.stack.push(Value::Null);
                self.stack.push(v);
            }
        }
        Ok(())
    }

    #[inline(never)]
    pub(super) fn generic_for_iter(&mut self, _fi: usize, _ip: usize, arg: u32) -> PyResult<Flow> {
        let it = self.top().clone();
        if let Value::Object(o) = &it {
            if let ObjKind::Generator(g) = &o.kind {
                if g.state.borrow().status == GenStatus::Finished {
                    self.pop();
                    return Ok(Flow::Jump(arg as usize));
                }
                self.push_generator_frame(o, Some(Value::None), false)?;
                return Ok(Flow::Frame);
            }
        }
        match self.next(&it)? {
            Some(v) => {
                self.stack.push(v);
                Ok(Flow::Next)
            }
            None => {
                self.pop();
                Ok(Flow::Jump(arg as usize))
            }
        }
    }

    /// `CALL argc`, any callable. True when a frame was pushed.
    #[inline(never)]
    pub(super) fn generic_call(&mut self, argc: usize) -> PyResult<bool> {
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
            return Ok(true);
        }
        let args = self.take_top(args_at);
        self.truncate_stack(ret_sp);
        // CPython counts calls of one-argument built-ins (METH_O) against the recursion limit.
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
        Ok(false)
    }

    /// The adaptive `CALL`'s specialization attempt: reads the call site off the stack.
    #[inline(never)]
    pub(super) fn specialize_call_site(&mut self, code: &PyCode, at: usize, argc: usize) {
        let callable_at = self.stack.len() - argc - 1;
        let method_call = !self.stack[callable_at - 1].is_null();
        let (callable, receiver) = if method_call {
            (
                self.stack[callable_at - 1].clone(),
                self.stack[callable_at].clone(),
            )
        } else {
            (self.stack[callable_at].clone(), Value::Null)
        };
        let has_kwnames = self.pending_kwnames.as_ref().is_some_and(|k| !k.is_empty());
        self.specialize_call(
            code,
            at,
            &callable,
            method_call,
            argc,
            has_kwnames,
            &receiver,
        );
    }

    /// Pushes a frame for `func` whose `nargs` arguments, exactly its positional parameters,
    /// are the top of the stack (the `CALL_PY_EXACT_ARGS` fast path: no binding).
    #[inline]
    pub(super) fn push_exact_frame(
        &mut self,
        func: Rc<PyFunction>,
        ret_sp: usize,
        nargs: usize,
    ) -> PyResult<()> {
        if self.frame_depth_exceeded() {
            self.truncate_stack(ret_sp);
            return Err(self.recursion_error(""));
        }
        let base = self.stack.len() - nargs;
        for _ in nargs..func.code.n_localsplus() {
            self.push_null();
        }
        self.push_function_frame_in_place(func, base, ret_sp);
        Ok(())
    }

    /// The Python-function call forms. False (stack untouched) when a guard fails.
    pub(super) fn call_py_specialized(
        &mut self,
        code: &PyCode,
        at: usize,
        op: Opcode,
        argc: usize,
    ) -> PyResult<bool> {
        if self.pending_kwnames.is_some() {
            return Ok(false);
        }
        let callable_at = self.stack.len() - argc - 1;
        let method_call = !self.stack[callable_at - 1].is_null();
        let ret_sp = callable_at - 1;
        match op {
            Opcode::CallPyExactArgs | Opcode::CallPyWithDefaults => {
                let (func_at, nargs) = if method_call {
                    (callable_at - 1, argc + 1)
                } else {
                    (callable_at, argc)
                };
                let Value::Function(f) = &self.stack[func_at] else {
                    return Ok(false);
                };
                if f.exact_argcount as usize == nargs {
                    // The frame takes over the stack's reference to the function.
                    let Value::Function(f) = std::mem::take(&mut self.stack[func_at]) else {
                        unreachable!("matched above")
                    };
                    self.push_exact_frame(f, ret_sp, nargs)?;
                    return Ok(true);
                }
                let argcount = f.exact_argcount as usize;
                if op != Opcode::CallPyWithDefaults
                    || argcount == u32::MAX as usize
                    || nargs > argcount
                {
                    return Ok(false);
                }
                let f = f.clone();
                let defaults = f.defaults.borrow().clone();
                let Some(defaults) = defaults else {
                    return Ok(false);
                };
                let missing = argcount - nargs;
                if missing > defaults.len() {
                    return Ok(false);
                }
                self.stack
                    .extend_from_slice(&defaults.items()[defaults.len() - missing..]);
                self.push_exact_frame(f, ret_sp, argcount)?;
                Ok(true)
            }
            Opcode::CallBoundMethodExactArgs => {
                if method_call {
                    return Ok(false);
                }
                let (func, receiver) = match &self.stack[callable_at] {
                    Value::Object(o) => match &o.kind {
                        ObjKind::BoundMethod {
                            func: Value::Function(f),
                            receiver,
                        } if f.code.simple_params && f.code.code.argcount as usize == argc + 1 => {
                            (f.clone(), receiver.clone())
                        }
                        _ => return Ok(false),
                    },
                    _ => return Ok(false),
                };
                self.stack[callable_at - 1] = Value::Function(func.clone());
                self.stack[callable_at] = receiver;
                self.push_exact_frame(func, ret_sp, argc + 1)?;
                Ok(true)
            }
            Opcode::CallAllocAndEnterInit => {
                let c = &code.caches[at];
                if method_call {
                    return Ok(false);
                }
                let class = match &self.stack[callable_at] {
                    Value::Class(k) if k.version.get() == c.version.get() => k.clone(),
                    _ => return Ok(false),
                };
                let Value::Function(init) = c.value.get() else {
                    return Ok(false);
                };
                if init.code.code.argcount as usize != argc + 1 {
                    return Ok(false);
                }
                let instance = self.new_instance(&class, &[]);
                self.stack[callable_at] = instance.clone();
                self.push_exact_frame(init, ret_sp, argc + 1)?;
                if let Some(frame) = self.frames.last_mut() {
                    frame.init_self = instance;
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// The built-in call forms: `Some(result)` when the guards held (the call's stack items
    /// are consumed), `None` to run the generic path.
    #[inline(never)]
    /// `s.add(x)`, `s.remove(x)`, `s.discard(x)` of an exact set and an int or str key, done
    /// in place: pops the method, the set and `x`. `None`, with nothing changed, for anything
    /// else. (Comparing the key with a stored object may still run its `__eq__`; whatever it
    /// raises is the call's error, as it would be the method's.)
    fn set_method(&mut self, which: u32, self_at: usize) -> Option<PyResult<()>> {
        use crate::vm::quicken::{SET_ADD, SET_DISCARD};
        let Value::Object(o) = &self.stack[self_at] else {
            return None;
        };
        let ObjKind::Set(_) = &o.kind else {
            return None;
        };
        let key = &self.stack[self_at + 1];
        if !matches!(key, Value::Int(_) | Value::Str(_)) {
            return None;
        }
        let (o, key) = (o.clone(), key.clone());
        let ObjKind::Set(set) = &o.kind else {
            unreachable!("checked above")
        };
        self.truncate_stack(self_at - 1);
        let hash = crate::runtime::types::set::PySet::hash_of(self, &key);
        Some(match which {
            SET_ADD => hash.and_then(|h| set.add_hashed(self, key, h)).map(drop),
            _ => match hash.and_then(|h| set.discard_hashed(self, &key, h)) {
                Ok(found) if found || which == SET_DISCARD => Ok(()),
                Ok(_) => Err(crate::builtins::types::key_error(self, key)),
                Err(e) => Err(e),
            },
        })
    }

    pub(super) fn call_native_specialized(
        &mut self,
        code: &PyCode,
        at: usize,
        op: Opcode,
        argc: usize,
    ) -> Option<PyResult<Value>> {
        if self.pending_kwnames.is_some() {
            return None;
        }
        let c = &code.caches[at];
        let len = self.stack.len();
        let callable_at = len - argc - 1;
        let method_call = !self.stack[callable_at - 1].is_null();
        let ret_sp = callable_at - 1;
        match op {
            Opcode::CallListAppend => {
                if !method_call || !c.value.with(|v| v.is(&self.stack[callable_at - 1])) {
                    return None;
                }
                let Value::List(l) = &self.stack[callable_at] else {
                    return None;
                };
                let l = l.clone();
                let item = self.pop();
                l.push(item);
                self.truncate_stack(ret_sp);
                Some(Ok(Value::None))
            }
            Opcode::CallMethodDescriptorFast => {
                if !method_call
                    || matches!(
                        self.stack[callable_at],
                        Value::Instance(_) | Value::Class(_)
                    )
                {
                    return None;
                }
                let Value::Native(n) = &self.stack[callable_at - 1] else {
                    return None;
                };
                if !c
                    .value
                    .with(|v| matches!(v, Value::Native(m) if Rc::ptr_eq(m, n)))
                {
                    return None;
                }
                let n = n.clone();
                if c.aux.get() != 0 && argc == 1 {
                    if let Some(done) = self.set_method(c.aux.get(), callable_at) {
                        return Some(done.map(|()| Value::None));
                    }
                }
                let args = self.take_top(callable_at);
                self.truncate_stack(ret_sp);
                Some((n.func)(
                    self,
                    Args {
                        values: &args,
                        kwnames: &[],
                    },
                ))
            }
            _ if method_call => None,
            Opcode::CallLen
            | Opcode::CallIsinstance
            | Opcode::CallBuiltinO
            | Opcode::CallBuiltinFast => {
                let Value::Native(n) = &self.stack[callable_at] else {
                    return None;
                };
                if matches!(op, Opcode::CallLen | Opcode::CallIsinstance)
                    && !c
                        .value
                        .with(|v| matches!(v, Value::Native(m) if Rc::ptr_eq(m, n)))
                {
                    return None;
                }
                let n = n.clone();
                if op == Opcode::CallLen {
                    let v = self.pop();
                    self.truncate_stack(ret_sp);
                    return Some(self.len(&v).map(|n| Value::Int(n as i64)));
                }
                let args = self.take_top(callable_at + 1);
                self.truncate_stack(ret_sp);
                if args.len() == 1 {
                    if let Err(e) = self.enter_native_call(" while calling a Python object") {
                        return Some(Err(e));
                    }
                    let r = self.call_native(&n, &args, &[]);
                    self.leave_native_call();
                    return Some(r);
                }
                Some(self.call_native(&n, &args, &[]))
            }
            Opcode::CallType1 | Opcode::CallBuiltinClass => {
                let Value::Class(k) = &self.stack[callable_at] else {
                    return None;
                };
                if !c
                    .value
                    .with(|v| matches!(v, Value::Class(m) if Rc::ptr_eq(m, k)))
                {
                    return None;
                }
                if op == Opcode::CallType1 {
                    let v = self.pop();
                    self.truncate_stack(ret_sp);
                    return Some(Ok(Value::Class(self.class_of(&v))));
                }
                if Rc::ptr_eq(k, &self.types.range) {
                    if let Some(v) = range_of_ints(&self.stack[callable_at + 1..]) {
                        self.truncate_stack(ret_sp);
                        return Some(Ok(v));
                    }
                }
                if argc == 1 {
                    if let Some(v) = self.copy_sequence(k, &self.stack[callable_at + 1]) {
                        self.truncate_stack(ret_sp);
                        return Some(Ok(v));
                    }
                }
                let k = k.clone();
                let args = self.take_top(callable_at + 1);
                self.truncate_stack(ret_sp);
                Some(self.call_type(&k, &args, &[]))
            }
            _ => None,
        }
    }

    /// `tuple(x)` or `list(x)` of an exact list or tuple: a copy of its items, with no
    /// constructor call (`tuple(t)` of a tuple is `t` itself, as in CPython).
    #[inline]
    fn copy_sequence(&self, class: &Rc<crate::vm::PyClass>, arg: &Value) -> Option<Value> {
        let to_tuple = Rc::ptr_eq(class, &self.types.tuple);
        if !to_tuple && !Rc::ptr_eq(class, &self.types.list) {
            return None;
        }
        Some(match arg {
            Value::Tuple(_) if to_tuple => arg.clone(),
            Value::Tuple(t) => Value::list(t.items().to_vec()),
            Value::List(l) => {
                let items = l.borrow().clone();
                if to_tuple {
                    Value::tuple(items)
                } else {
                    Value::list(items)
                }
            }
            _ => return None,
        })
    }
}

/// `range(...)` of one to three ints with a non-zero step, made directly (the constructor
/// call checks and converts each argument); `None` for anything else.
#[inline]
fn range_of_ints(args: &[Value]) -> Option<Value> {
    let (start, stop, step) = match args {
        [Value::Int(stop)] => (0, *stop, 1),
        [Value::Int(start), Value::Int(stop)] => (*start, *stop, 1),
        [Value::Int(start), Value::Int(stop), Value::Int(step)] if *step != 0 => {
            (*start, *stop, *step)
        }
        _ => return None,
    };
    Some(crate::builtins::types::range::new_range(start, stop, step))
}
