//! Generators: a suspended frame kept outside the VM stack (its locals and value stack saved
//! in the generator object) and put back on top of the stack to resume.
//!
//! Driven by `FOR_ITER` or `SEND` the generator frame is pushed as an ordinary frame of the
//! running loop — no Rust recursion; driven from Rust (`next(g)`, `list(g)`, `g.send(v)`) it is
//! pushed as an entry frame and the loop returns at its next `yield` or `return`. While a
//! generator runs, the exception it handles (`sys.exc_info()`) is its own, as in CPython.

use super::frame::SavedFrame;
use super::Vm;
use crate::bytecode::Opcode;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::class::Layout;
use crate::runtime::types::native::{Args, PyNative};
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::str::PyStr;
use crate::runtime::value::{raw, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenStatus {
    Created,
    Suspended,
    Running,
    Finished,
}

pub struct GenState {
    pub status: GenStatus,
    /// The suspended frame (none while it runs, nor once it is finished).
    pub frame: SavedFrame,
    /// The suspended frame's fast locals and value stack. While the frame runs, the empty
    /// buffer the next suspension moves them into (no allocation per `yield`).
    pub values: Vec<Value>,
    /// The exception the generator's own `except` block was handling when it yielded.
    pub exc_state: Value,
}

pub struct Generator {
    pub name: Rc<PyStr>,
    pub qualname: Rc<PyStr>,
    /// `gi_code`: its function's code.
    pub code: Option<Rc<crate::runtime::types::code::PyCode>>,
    pub state: RefCell<GenState>,
    /// Its close-on-drop has run or is queued: it runs once.
    pub finalized: Cell<bool>,
}

/// A generator frame on the VM's frame stack: which generator it runs, and the handled
/// exception of whoever resumed it (restored when it yields or finishes).
pub(crate) struct GenLink {
    pub frame_index: usize,
    pub generator: Rc<PyObject>,
    pub caller_exc: Value,
}

/// The consumer `drain_generator` feeds (lifetime erased while it is installed).
pub(crate) type SinkPtr = *mut (dyn FnMut(Value) -> Option<Value> + 'static);

/// What a resumption from Rust ended with.
pub enum GenResult {
    Yielded(Value),
    Returned(Value),
}

impl Generator {
    /// Whether it must be closed before it goes: suspended at a `yield` inside a `try` or
    /// `with`, whose `finally`/`__exit__` a `GeneratorExit` would run. (Anywhere else the
    /// exception would only unwind the frame, which dropping it does just the same.)
    fn owes_close(state: &GenState) -> bool {
        state.status == GenStatus::Suspended
            && state.frame.get().is_some_and(|frame| {
                frame
                    .code()
                    .code
                    .handler_for(frame.ip.saturating_sub(1) as u32)
                    .is_some()
            })
    }

    /// Whether it can be resumed now (suspended, or not started and sent `None`): the
    /// dispatch loop's fast resumption; anything else goes the long way, which raises.
    #[inline]
    pub(crate) fn resumable(&self, sending_none: bool) -> bool {
        self.state.try_borrow().is_ok_and(|s| {
            s.status == GenStatus::Suspended || (s.status == GenStatus::Created && sending_none)
        })
    }

    /// Whether `take_close_debt` would answer true (nothing marked).
    pub(crate) fn owes_close_now(&self) -> bool {
        !self.finalized.get()
            && self
                .state
                .try_borrow()
                .is_ok_and(|state| Generator::owes_close(&state))
    }

    /// For the collector and exit-time finalization: true once if it owes a close (which
    /// the caller then queues), marking it finalized.
    pub(crate) fn take_close_debt(&self) -> bool {
        if self.finalized.get() {
            return false;
        }
        let owes = self
            .state
            .try_borrow()
            .is_ok_and(|state| Generator::owes_close(&state));
        if owes {
            self.finalized.set(true);
        }
        owes
    }

    /// The values its suspended frame holds (the collector's view).
    pub(crate) fn trace_frame(&self, visit: &mut dyn FnMut(&Value)) {
        let Ok(state) = self.state.try_borrow() else {
            return;
        };
        if let Some(frame) = state.frame.get() {
            state.values.iter().for_each(&mut *visit);
            if let Some(f) = &frame.func {
                visit(&Value::Function(f.clone()));
            }
            if let Some(l) = &frame.locals {
                visit(&Value::Dict(l.clone()));
            }
        }
        visit(&state.exc_state);
    }

    /// The collector clearing it: it is finished and hands over what its frame held.
    pub(crate) fn take_frame_values(&self) -> Vec<Value> {
        let Ok(mut state) = self.state.try_borrow_mut() else {
            return Vec::new();
        };
        if state.status == GenStatus::Running {
            return Vec::new();
        }
        state.status = GenStatus::Finished;
        let frame = state.frame.take();
        let locals = std::mem::take(&mut state.values);
        let exc = std::mem::take(&mut state.exc_state);
        drop(state);
        let mut values = Vec::new();
        if let Some(frame) = frame {
            values.extend(locals);
            values.extend(frame.func.map(Value::Function));
            values.extend(frame.locals.map(Value::Dict));
        }
        values.push(exc);
        values
    }
}

impl Drop for Generator {
    fn drop(&mut self) {
        if self.finalized.get() || !Generator::owes_close(self.state.get_mut()) {
            return;
        }
        // The last reference went while it owes a close: a fresh generator object takes the
        // frame over and waits in the finalizer queue for the VM to close it.
        let state = self.state.get_mut();
        let rescued = Generator {
            name: self.name.clone(),
            qualname: self.qualname.clone(),
            code: self.code.clone(),
            state: RefCell::new(GenState {
                status: GenStatus::Suspended,
                frame: std::mem::replace(&mut state.frame, SavedFrame::empty()),
                values: std::mem::take(&mut state.values),
                exc_state: std::mem::take(&mut state.exc_state),
            }),
            finalized: Cell::new(true),
        };
        let obj = crate::runtime::gc::tracked(PyObject::new(ObjKind::Generator(Box::new(rescued))));
        crate::runtime::finalize::schedule(Value::Object(obj));
    }
}

/// Moves `src[from..]` to the end of `dst` in one copy: `split_off` without allocating a
/// vector for each suspension (`dst` is the generator's reused buffer).
fn move_tail(src: &mut Vec<Value>, from: usize, dst: &mut Vec<Value>) {
    let from = from.min(src.len());
    let n = src.len() - from;
    dst.reserve(n);
    // SAFETY: `src` is shortened to `from` first, so the `n` values past it are owned only by
    // the bitwise copy into `dst`'s spare capacity (reserved above); nothing is dropped twice
    // and nothing can panic between the two `set_len`s.
    unsafe {
        src.set_len(from);
        raw::move_words(src.as_ptr().add(from), dst.as_mut_ptr().add(dst.len()), n);
        dst.set_len(dst.len() + n);
    }
}

pub fn generator_of(o: &PyObject) -> Option<&Generator> {
    match &o.kind {
        ObjKind::Generator(g) => Some(&**g),
        _ => None,
    }
}

impl Vm {
    /// `RETURN_GENERATOR`: the running frame becomes a generator object.
    pub(crate) fn make_generator(&mut self) -> Value {
        let Some(frame) = self.frames.pop() else {
            return Value::None;
        };
        let values = self.stack.split_off(frame.base.min(self.stack.len()));
        self.stack.truncate(frame.ret_sp);
        let (name, qualname) = match &frame.func {
            Some(f) => (f.name.borrow().clone(), f.qualname.borrow().clone()),
            None => (frame.code().name.clone(), frame.code().qualname.clone()),
        };
        let code = frame.func.as_ref().map(|f| f.code.clone());
        let generator = Generator {
            name,
            qualname,
            code,
            state: RefCell::new(GenState {
                status: GenStatus::Created,
                frame: SavedFrame::new(frame),
                values,
                exc_state: Value::None,
            }),
            finalized: Cell::new(false),
        };
        Value::Object(crate::runtime::gc::tracked(PyObject::new(
            ObjKind::Generator(Box::new(generator)),
        )))
    }

    /// Puts a suspended generator's frame back on the stack, with `sent` pushed as the value of
    /// the `yield` (unless an exception is thrown in instead). Errors when it cannot run.
    pub(crate) fn push_generator_frame(
        &mut self,
        gen_obj: &Rc<PyObject>,
        sent: Option<Value>,
        is_entry: bool,
    ) -> PyResult<()> {
        let Some(generator) = generator_of(gen_obj) else {
            return Err(self.type_error("not a generator"));
        };
        let mut state = generator.state.borrow_mut();
        match state.status {
            GenStatus::Running => {
                drop(state);
                let class = self.types.value_error.clone();
                return Err(self.new_exception(&class, "generator already executing"));
            }
            GenStatus::Created => {
                if let Some(v) = &sent {
                    if !v.is_none() {
                        drop(state);
                        return Err(self
                            .type_error("can't send non-None value to a just-started generator"));
                    }
                }
            }
            GenStatus::Suspended => {}
            GenStatus::Finished => {
                drop(state);
                return Err(self.type_error("cannot resume a finished generator"));
            }
        }
        if self.frame_depth_exceeded() {
            drop(state);
            return Err(self.recursion_error(""));
        }
        let frame_index = self.frames.len();
        if !state.frame.push_onto(&mut self.frames) {
            drop(state);
            return Err(self.type_error("cannot resume a finished generator"));
        }
        state.status = GenStatus::Running;
        // The exception the generator was handling when it yielded (rarely any).
        let own_exc = if state.exc_state.is_none() {
            None
        } else {
            Some(std::mem::replace(&mut state.exc_state, Value::None))
        };
        let base = self.stack.len();
        let n = state.values.len();
        self.stack.reserve(n + 1);
        // SAFETY: the saved values move into the reserved space past the stack's end; the
        // buffer is emptied first, so each has one owner.
        unsafe {
            state.values.set_len(0);
            raw::move_words(state.values.as_ptr(), self.stack.as_mut_ptr().add(base), n);
            self.stack.set_len(base + n);
        }
        drop(state);
        if let Some(v) = sent {
            // SAFETY: the room was reserved with the saved values' above.
            unsafe { self.push_in_room(v) };
        }
        let caller_exc = match own_exc {
            Some(own) => std::mem::replace(&mut self.handled_exception, own),
            None => raw::clone_whole(&self.handled_exception),
        };
        // Written field by field in place: built on the stack and then copied, the link is
        // reloaded in wider pieces than it was stored in, which stalls.
        self.gen_links.reserve(1);
        let len = self.gen_links.len();
        // SAFETY: the slot past the end is reserved; every field is written once before the
        // length covers it.
        unsafe {
            use std::ptr::addr_of_mut;
            let slot = self.gen_links.as_mut_ptr().add(len);
            addr_of_mut!((*slot).frame_index).write(frame_index);
            addr_of_mut!((*slot).generator).write(gen_obj.clone());
            addr_of_mut!((*slot).caller_exc).write(caller_exc);
            self.gen_links.set_len(len + 1);
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.base = base;
            frame.ret_sp = base;
            frame.is_entry = is_entry;
        }
        Ok(())
    }

    /// The generator link of the innermost frame, if it is a generator frame.
    #[inline]
    pub(crate) fn top_gen_link(&self) -> Option<&GenLink> {
        self.gen_links
            .last()
            .filter(|l| l.frame_index + 1 == self.frames.len())
    }

    /// `YIELD_VALUE`: saves the innermost (generator) frame into its generator and pops it.
    pub(crate) fn suspend_generator(&mut self) -> bool {
        let Some(GenLink {
            generator: gen_obj,
            caller_exc,
            ..
        }) = self.gen_links.pop()
        else {
            return false;
        };
        let Some(frame) = self.frames.last() else {
            return false;
        };
        let base = frame.base.min(self.stack.len());
        let ret_sp = frame.ret_sp;
        let is_entry = frame.is_entry;
        // The resumer's handled exception comes back; the generator keeps its own only when
        // it is handling one (usually neither is, and nothing is cloned or dropped).
        let own = if self.handled_exception.is(&caller_exc) {
            drop(caller_exc);
            Value::None
        } else {
            std::mem::replace(&mut self.handled_exception, caller_exc)
        };
        if let Some(generator) = generator_of(&gen_obj) {
            let mut state = generator.state.borrow_mut();
            move_tail(&mut self.stack, base, &mut state.values);
            state.frame.pop_from(&mut self.frames);
            self.truncate_stack(ret_sp);
            state.status = GenStatus::Suspended;
            if !(own.is_none() && state.exc_state.is_none()) {
                state.exc_state = own;
            }
        } else {
            self.frames.pop();
            self.stack.truncate(base.min(ret_sp));
        }
        is_entry
    }

    /// A generator frame has been popped by `return` or by an exception: the generator is
    /// finished and the resumer's handled exception comes back.
    pub(crate) fn finish_generator(&mut self, link: GenLink) {
        self.handled_exception = link.caller_exc;
        if let Some(generator) = generator_of(&link.generator) {
            let mut state = generator.state.borrow_mut();
            state.status = GenStatus::Finished;
            state.frame.clear();
            state.values.clear();
            state.exc_state = Value::None;
        }
    }

    /// An exception leaving a generator frame: `StopIteration` becomes `RuntimeError`
    /// (PEP 479).
    pub(crate) fn generator_error(&mut self, err: PyErr) -> PyErr {
        let stop = self.types.stop_iteration.clone();
        if !self.class_of(&err.exc).is_subclass(&stop) {
            return err;
        }
        let new = self.runtime_error("generator raised StopIteration");
        if let Some(mut state) = super::exceptions::exception_state(&new.exc) {
            state.cause = err.exc.clone();
            state.context = err.exc.clone();
            state.suppress_context = true;
        }
        new
    }

    /// A generator resumed inline by `FOR_ITER` or `SEND` returned `value`: the resuming
    /// instruction finishes as it would for an exhausted iterator.
    pub(crate) fn generator_returned(&mut self, value: Value) {
        let Some(caller) = self.frames.last_mut() else {
            return;
        };
        let Some(instr) = caller
            .ip
            .checked_sub(1)
            .and_then(|i| caller.code().instrs.get(i))
        else {
            return;
        };
        let instr = instr.get();
        let target = instr.arg() as usize;
        match instr.opcode().base() {
            Opcode::ForIter => {
                caller.ip = target;
                self.stack.pop();
            }
            Opcode::Send => {
                caller.ip = target;
                if let Some(top) = self.stack.last_mut() {
                    *top = value;
                }
            }
            _ => self.stack.push(value),
        }
    }

    /// `SEND` to an iterator that is not a generator: `next(it)` for `None`, else
    /// `it.send(v)`. `Ok(None)` when a built-in iterator is exhausted; `StopIteration` from
    /// `__next__`/`send` is left for the caller, which reads its value.
    pub(crate) fn send_to_iterator(&mut self, it: &Value, v: Value) -> PyResult<Option<Value>> {
        if v.is_none() {
            let next = self.names.next.clone();
            return match self.lookup_special(it, &next) {
                Some(m) => self.call_special_found(&m, it, &[]).map(Some),
                None => self.next(it),
            };
        }
        let send = self.interner.intern("send");
        let method = self.get_attr(it, &send)?;
        self.call(&method, &[v]).map(Some)
    }

    /// Resumes a generator from Rust until it yields, returns or raises.
    pub fn resume_generator(
        &mut self,
        gen_obj: &Rc<PyObject>,
        sent: Value,
        thrown: Option<PyErr>,
    ) -> PyResult<GenResult> {
        self.resume_from_rust(gen_obj, sent, thrown, None)
    }

    /// Resumes a generator from Rust like `resume_generator(g, None, None)`, except that each
    /// value its own frame yields goes to `sink` while the frame keeps running: a consumer
    /// that takes every item (`list(g)`, `sum(g)`) pays no suspension and resumption per
    /// item. The sink runs no Python code, so nothing can observe the frame still running;
    /// a value it hands back (one it cannot take without Python code, or the one that ends
    /// an `any`) is yielded the ordinary way and returned as `Yielded`.
    pub(crate) fn drain_generator(
        &mut self,
        gen_obj: &Rc<PyObject>,
        sink: &mut dyn FnMut(Value) -> Option<Value>,
    ) -> PyResult<GenResult> {
        // SAFETY: only the lifetime is erased; `resume_from_rust` removes the pointer again
        // before returning, so before `sink` goes out of scope.
        let sink: SinkPtr = unsafe { std::mem::transmute(sink as *mut _) };
        self.resume_from_rust(gen_obj, Value::None, None, Some(sink))
    }

    fn resume_from_rust(
        &mut self,
        gen_obj: &Rc<PyObject>,
        sent: Value,
        thrown: Option<PyErr>,
        sink: Option<SinkPtr>,
    ) -> PyResult<GenResult> {
        if let Some(generator) = generator_of(gen_obj) {
            let status = generator.state.borrow().status;
            if status == GenStatus::Finished {
                return match thrown {
                    Some(e) => Err(e),
                    None => Ok(GenResult::Returned(Value::None)),
                };
            }
        }
        self.enter_native_call("")?;
        let is_thrown = thrown.is_some();
        let result = match self.push_generator_frame(gen_obj, (!is_thrown).then_some(sent), true) {
            Err(e) => Err(e),
            Ok(()) => {
                // A drain marks the frame it feeds; a nested drain restores the outer one's.
                let saved_frame = self.sink_frame;
                let saved_sink = self.sink;
                if sink.is_some() {
                    self.sink_frame = self.frames.len() - 1;
                    self.sink = sink;
                }
                self.gen_yielded = false;
                let result = match thrown {
                    Some(err) => match self.unwind(err) {
                        Some(err) => Err(err),
                        None => self.run(),
                    },
                    None => self.run(),
                };
                self.sink_frame = saved_frame;
                self.sink = saved_sink;
                let yielded = std::mem::take(&mut self.gen_yielded);
                result.map(|v| {
                    if yielded {
                        GenResult::Yielded(v)
                    } else {
                        GenResult::Returned(v)
                    }
                })
            }
        };
        self.leave_native_call();
        result
    }

    /// `YIELD_VALUE` in the frame being drained: the value goes to the sink, and the yield
    /// evaluates to `None` as if `next()` had resumed it. True when the sink took it; when it
    /// did not, the value is back on top and the yield suspends as usual.
    #[inline(never)]
    pub(crate) fn yield_to_sink(&mut self) -> bool {
        let Some(sink) = self.sink else {
            return false;
        };
        let v = self.stack.pop().unwrap_or_default();
        // SAFETY: `drain_generator` keeps the sink alive while `sink_frame` names this frame.
        match unsafe { (*sink)(v) } {
            None => {
                self.stack.push(Value::None);
                true
            }
            Some(back) => {
                self.stack.push(back);
                false
            }
        }
    }

    /// `StopIteration(value)` (no arguments for `None`).
    pub fn stop_iteration(&mut self, value: Value) -> PyErr {
        let class = self.types.stop_iteration.clone();
        let args: Vec<Value> = if value.is_none() { vec![] } else { vec![value] };
        let exc = self.new_instance(&class, &args);
        PyErr { exc }
    }

    /// The sub-iterator a generator suspended in `yield from` delegates to.
    fn yield_from_target(&self, gen_obj: &Rc<PyObject>) -> Option<Value> {
        let generator = generator_of(gen_obj)?;
        let state = generator.state.borrow();
        if state.status != GenStatus::Suspended {
            return None;
        }
        let frame = state.frame.get()?;
        let values = &state.values;
        let next = frame.code().instrs.get(frame.ip)?.get();
        if next.opcode() != Opcode::Resume || next.arg() < 2 {
            return None;
        }
        values.last().cloned()
    }

    /// After a delegated `throw` ended the sub-iterator: pops it and moves the frame to the
    /// end of its `yield from` loop (`SEND`'s target).
    fn leave_yield_from(&self, gen_obj: &Rc<PyObject>) {
        let Some(generator) = generator_of(gen_obj) else {
            return;
        };
        let mut state = generator.state.borrow_mut();
        let state = &mut *state;
        if let Some(frame) = state.frame.get_mut() {
            state.values.pop();
            if let Some(send) = frame
                .ip
                .checked_sub(2)
                .and_then(|i| frame.code().instrs.get(i))
            {
                let send = send.get();
                if send.opcode() == Opcode::Send {
                    frame.ip = send.arg() as usize;
                }
            }
        }
    }

    /// `gen.throw(exc)`.
    pub fn generator_throw(&mut self, gen_obj: &Rc<PyObject>, exc: PyErr) -> PyResult<Value> {
        if let Some(target) = self.yield_from_target(gen_obj) {
            let gen_exit = self.types.generator_exit.clone();
            let is_exit = self.class_of(&exc.exc).is_subclass(&gen_exit);
            let delegated = if is_exit {
                self.set_gen_running(gen_obj, true);
                let r = self.close_iterator(&target);
                self.set_gen_running(gen_obj, false);
                r.err()
            } else {
                self.set_gen_running(gen_obj, true);
                let r = self.throw_into(&target, exc.clone());
                self.set_gen_running(gen_obj, false);
                match r {
                    Ok(Some(v)) => return Ok(v),
                    Ok(None) => Some(exc.clone()),
                    Err(e) => Some(e),
                }
            };
            match delegated {
                None if is_exit => {}
                None => {}
                Some(e) if is_exit && e.exc.is(&exc.exc) => {}
                Some(e) => {
                    self.leave_yield_from(gen_obj);
                    let stop = self.types.stop_iteration.clone();
                    if self.class_of(&e.exc).is_subclass(&stop) {
                        let value = stop_value(&e.exc);
                        return self.generator_send(gen_obj, value);
                    }
                    return self.generator_result(gen_obj, Value::None, Some(e));
                }
            }
        }
        self.generator_result(gen_obj, Value::None, Some(exc))
    }

    fn set_gen_running(&self, gen_obj: &Rc<PyObject>, running: bool) {
        if let Some(g) = generator_of(gen_obj) {
            let mut s = g.state.borrow_mut();
            if running && s.status == GenStatus::Suspended {
                s.status = GenStatus::Running;
            } else if !running && s.status == GenStatus::Running {
                s.status = GenStatus::Suspended;
            }
        }
    }

    /// Throws into a delegate: `Ok(Some(v))` when it yielded `v`, `Ok(None)` when it has no
    /// `throw` (the exception is raised in the delegating generator), `Err` when it raised.
    fn throw_into(&mut self, target: &Value, exc: PyErr) -> PyResult<Option<Value>> {
        if let Value::Object(o) = target {
            if generator_of(o).is_some() {
                return self.generator_throw(o, exc).map(Some);
            }
        }
        let name = self.interner.intern("throw");
        match self.get_attr(target, &name) {
            Ok(meth) => self.call(&meth, &[exc.exc]).map(Some),
            Err(_) => Ok(None),
        }
    }

    /// Closes a delegate of `yield from` (`gen_close_iter`).
    fn close_iterator(&mut self, target: &Value) -> PyResult<()> {
        if let Value::Object(o) = target {
            if generator_of(o).is_some() {
                return self.generator_close(o).map(|_| ());
            }
        }
        let name = self.interner.intern("close");
        if let Ok(meth) = self.get_attr(target, &name) {
            self.call(&meth, &[])?;
        }
        Ok(())
    }

    /// `gen.send(value)`.
    pub fn generator_send(&mut self, gen_obj: &Rc<PyObject>, value: Value) -> PyResult<Value> {
        self.generator_result(gen_obj, value, None)
    }

    /// Resumes and turns the outcome into what `send`/`throw`/`__next__` return: the yielded
    /// value, or `StopIteration(return value)`.
    fn generator_result(
        &mut self,
        gen_obj: &Rc<PyObject>,
        value: Value,
        thrown: Option<PyErr>,
    ) -> PyResult<Value> {
        match self.resume_generator(gen_obj, value, thrown)? {
            GenResult::Yielded(v) => Ok(v),
            GenResult::Returned(v) => Err(self.stop_iteration(v)),
        }
    }

    /// `gen.close()`.
    pub fn generator_close(&mut self, gen_obj: &Rc<PyObject>) -> PyResult<Value> {
        let Some(generator) = generator_of(gen_obj) else {
            return Ok(Value::None);
        };
        let status = generator.state.borrow().status;
        match status {
            GenStatus::Created | GenStatus::Finished => {
                let mut s = generator.state.borrow_mut();
                s.status = GenStatus::Finished;
                s.frame.clear();
                s.values.clear();
                return Ok(Value::None);
            }
            GenStatus::Running => {
                let class = self.types.value_error.clone();
                return Err(self.new_exception(&class, "generator already executing"));
            }
            GenStatus::Suspended => {}
        }
        let mut pending = None;
        if let Some(target) = self.yield_from_target(gen_obj) {
            self.set_gen_running(gen_obj, true);
            let r = self.close_iterator(&target);
            self.set_gen_running(gen_obj, false);
            pending = r.err();
        }
        let exc = match pending {
            Some(e) => e,
            None => {
                let class = self.types.generator_exit.clone();
                PyErr {
                    exc: self.new_instance(&class, &[]),
                }
            }
        };
        match self.resume_generator(gen_obj, Value::None, Some(exc)) {
            Ok(GenResult::Yielded(_)) => Err(self.runtime_error("generator ignored GeneratorExit")),
            Ok(GenResult::Returned(_)) => Ok(Value::None),
            Err(e) => {
                let stop = self.types.stop_iteration.clone();
                let exit = self.types.generator_exit.clone();
                let class = self.class_of(&e.exc);
                if class.is_subclass(&stop) || class.is_subclass(&exit) {
                    Ok(Value::None)
                } else {
                    Err(e)
                }
            }
        }
    }

    /// The exception `gen.throw(typ[, val[, tb]])` raises.
    fn throw_args(&mut self, args: &[Value]) -> PyResult<PyErr> {
        let (typ, val) = match args {
            [t] => (t.clone(), Value::None),
            [t, v] | [t, v, _] => (t.clone(), v.clone()),
            _ => {
                return Err(self.type_error(format!(
                    "throw expected at least 1 argument, got {}",
                    args.len()
                )))
            }
        };
        let exc = match &typ {
            Value::Class(c) if c.layout == Layout::Exception => {
                if matches!(&val, Value::Instance(i) if i.class().is_subclass(c)) {
                    val
                } else {
                    let class = c.clone();
                    let args = match &val {
                        Value::None => vec![],
                        Value::Tuple(t) => t.items().to_vec(),
                        other => vec![other.clone()],
                    };
                    self.call_class(&class, &args, &[])?
                }
            }
            Value::Instance(i) if i.class().layout == Layout::Exception => {
                if !val.is_none() {
                    return Err(self.type_error("instance exception may not have a separate value"));
                }
                typ.clone()
            }
            other => {
                let t = self.type_name(other);
                return Err(self.type_error(format!(
                    "exceptions must be classes or instances deriving from BaseException, not {t}"
                )));
            }
        };
        Ok(PyErr { exc })
    }
}

/// `StopIteration.value` of an exception instance (`None` without arguments).
pub fn stop_value(exc: &Value) -> Value {
    match super::exceptions::exception_state(exc) {
        Some(state) => match &state.args {
            Value::Tuple(t) => t.items().first().cloned().unwrap_or(Value::None),
            _ => Value::None,
        },
        None => Value::None,
    }
}

fn receiver(vm: &mut Vm, args: &Args<'_>, method: &str) -> PyResult<Rc<PyObject>> {
    match args.positional().first() {
        Some(Value::Object(o)) if generator_of(o).is_some() => Ok(o.clone()),
        other => {
            let t = other.map_or_else(|| "nothing".to_owned(), |v| vm.type_name(v));
            Err(vm.type_error(format!(
                "descriptor '{method}' for 'generator' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

fn gen_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let g = receiver(vm, &args, "__next__")?;
    vm.generator_send(&g, Value::None)
}

fn gen_send(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let g = receiver(vm, &args, "send")?;
    match args.positional() {
        [_, v] => vm.generator_send(&g, v.clone()),
        other => Err(vm.type_error(format!(
            "generator.send() takes exactly one argument ({} given)",
            other.len().saturating_sub(1)
        ))),
    }
}

fn gen_throw(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let g = receiver(vm, &args, "throw")?;
    let exc = vm.throw_args(&args.positional()[1..])?;
    vm.generator_throw(&g, exc)
}

fn gen_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let g = receiver(vm, &args, "close")?;
    vm.generator_close(&g)
}

fn gen_iter(_vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(args.positional().first().cloned().unwrap_or(Value::None))
}

/// Installs the generator type's methods.
pub fn install(vm: &mut Vm) {
    let class = vm.types.generator.clone();
    let methods: [(&str, &'static str, crate::runtime::types::native::NativeFn); 5] = [
        ("__next__", "generator.__next__", gen_next),
        ("send", "generator.send", gen_send),
        ("throw", "generator.throw", gen_throw),
        ("close", "generator.close", gen_close),
        ("__iter__", "generator.__iter__", gen_iter),
    ];
    for (name, qualname, func) in methods {
        let key = vm.interner.intern(name);
        class.dict.set_str(
            key,
            Value::Native(Rc::new(PyNative::method(qualname, func))),
        );
    }
}
