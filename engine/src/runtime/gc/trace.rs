//! `Trace` for every container type, and the `Drop` impls that route their contents through
//! the trashcan (`gc::release`). Kept together so the collector's view of each type is in one
//! place: a container missing here is invisible to cycle collection.
//!
//! Sequences release their items last to first, as CPython's `list_dealloc` and
//! `tupledealloc` do (visible in the order `__del__` methods run). An instance whose class
//! defines `__del__` is not released at all on its first drop: its contents move to a fresh
//! instance that goes to the finalizer queue (`runtime::finalize`).

use super::{release, Trace};
use crate::runtime::types::class::PyClass;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::function::PyFunction;
use crate::runtime::types::instance::{Attrs, Payload, PyInstance};
use crate::runtime::types::list::PyList;
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::tuple::PyTuple;
use crate::runtime::value::Value;
use std::rc::Rc;

impl Trace for PyList {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        self.borrow().iter().for_each(visit);
    }

    fn clear(&self) {
        let items = std::mem::take(&mut *self.borrow_mut());
        release(items.into_iter().rev());
    }
}

impl Drop for PyList {
    fn drop(&mut self) {
        let items = std::mem::take(&mut *self.borrow_mut());
        release_items(items);
    }
}

/// Drops a sequence's items last to first through the trashcan, or, when none of them can
/// own anything (ints, floats, strs, …: nothing to recurse into and no `__del__` to order),
/// simply frees them.
fn release_items(items: Vec<Value>) {
    if items.iter().all(is_leaf) {
        drop(items);
    } else {
        release(items.into_iter().rev());
    }
}

#[inline]
fn is_leaf(v: &Value) -> bool {
    matches!(
        v,
        Value::Null
            | Value::None
            | Value::NotImplemented
            | Value::Ellipsis
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::BigInt(_)
            | Value::Str(_)
    )
}

impl Trace for PyTuple {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        self.items().iter().for_each(visit);
    }

    /// Tuples are immutable: a cycle through a tuple always passes through a mutable object,
    /// whose clearing breaks it.
    fn clear(&self) {}
}

impl Drop for PyTuple {
    fn drop(&mut self) {
        release_items(self.take_items());
    }
}

impl Trace for PyDict {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        for e in self.entries().iter() {
            visit(&e.key);
            visit(&e.value);
        }
    }

    fn clear(&self) {
        PyDict::clear(self);
    }
}

impl Trace for PyInstance {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&Value::Class(self.class().clone()));
        match &*self.attrs.borrow() {
            Attrs::Shaped { values, .. } => values.iter().for_each(&mut *visit),
            Attrs::Dict(d) => visit(&Value::Dict(d.clone())),
        }
        if let Payload::Exception(state) = &self.payload {
            let s = state.borrow();
            for v in [&s.args, &s.cause, &s.context] {
                visit(v);
            }
        }
    }

    fn clear(&self) {
        let old = std::mem::replace(
            &mut *self.attrs.borrow_mut(),
            Attrs::Shaped {
                shape: self.class().root_shape.clone(),
                values: Vec::new(),
            },
        );
        if let Payload::Exception(state) = &self.payload {
            let mut s = state.borrow_mut();
            let taken = [
                std::mem::take(&mut s.args),
                std::mem::take(&mut s.cause),
                std::mem::take(&mut s.context),
            ];
            drop(s);
            release(taken);
        }
        drop_attrs(old);
    }

    fn take_finalizer(self: Rc<Self>) -> Option<Value> {
        if !self.owes_finalizer() {
            return None;
        }
        self.finalized.set(true);
        Some(Value::Instance(self))
    }

    fn owes_finalizer(&self) -> bool {
        !self.finalized.get() && crate::runtime::finalize::class_has_del(self.class())
    }
}

impl Drop for PyInstance {
    fn drop(&mut self) {
        if !self.finalized.get() && crate::runtime::finalize::class_has_del(self.class()) {
            // The last reference went before `__del__` ran: a fresh instance takes over the
            // contents and waits for the VM to call it (and frees them after, unless
            // `__del__` stored `self` somewhere).
            let payload = std::mem::replace(&mut self.payload, Payload::None);
            let mut rescued = PyInstance::new(self.class().clone(), payload);
            std::mem::swap(rescued.attrs.get_mut(), self.attrs.get_mut());
            std::mem::swap(rescued.slot_values.get_mut(), self.slot_values.get_mut());
            rescued.finalized.set(true);
            crate::runtime::finalize::schedule(Value::Instance(super::tracked(rescued)));
            return;
        }
        let root = self.class().root_shape.clone();
        let old = std::mem::replace(
            self.attrs.get_mut(),
            Attrs::Shaped {
                shape: root,
                values: Vec::new(),
            },
        );
        drop_attrs(old);
    }
}

fn drop_attrs(attrs: Attrs) {
    match attrs {
        Attrs::Shaped { values, .. } => release(values),
        Attrs::Dict(d) => release([Value::Dict(d)]),
    }
}

impl Trace for PyFunction {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&Value::Dict(self.globals.clone()));
        if let Some(d) = self.defaults.borrow().as_ref() {
            visit(&Value::Tuple(d.clone()));
        }
        if let Some(d) = self.kwdefaults.borrow().as_ref() {
            visit(&Value::Dict(d.clone()));
        }
        if let Some(c) = &self.closure {
            visit(&Value::Tuple(c.clone()));
        }
        if let Some(d) = self.dict.borrow().as_ref() {
            visit(&Value::Dict(d.clone()));
        }
        visit(&self.doc.borrow());
        if let Some(a) = self.annotations.borrow().as_ref() {
            visit(a);
        }
    }

    fn clear(&self) {
        let defaults = self.defaults.borrow_mut().take();
        let kwdefaults = self.kwdefaults.borrow_mut().take();
        let dict = self.dict.borrow_mut().take();
        let annotations = self.annotations.borrow_mut().take();
        drop((defaults, kwdefaults, dict, annotations));
    }
}

impl Trace for PyClass {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&Value::Dict(self.dict.clone()));
        for c in self.bases.borrow().iter().chain(self.mro.borrow().iter()) {
            visit(&Value::Class(c.clone()));
        }
    }

    fn clear(&self) {
        self.dict.clear();
    }
}

impl PyObject {
    /// The values this object holds directly.
    fn for_each_value(&self, visit: &mut dyn FnMut(&Value)) {
        match &self.kind {
            ObjKind::FrozenSetConst(items) => items.iter().for_each(visit),
            ObjKind::Cell(c) => visit(&c.borrow()),
            ObjKind::BoundMethod { func, receiver } => {
                visit(func);
                visit(receiver);
            }
            ObjKind::Slice { start, stop, step } => {
                visit(start);
                visit(stop);
                visit(step);
            }
            ObjKind::Set(s) | ObjKind::FrozenSet(s) => s.for_each(visit),
            ObjKind::Module(m) => visit(&Value::Dict(m.dict.clone())),
            ObjKind::ListIter { list: v, .. } | ObjKind::TupleIter { tuple: v, .. } => visit(v),
            ObjKind::Property {
                fget,
                fset,
                fdel,
                doc,
            } => {
                visit(fget);
                visit(fset);
                visit(fdel);
                visit(doc);
            }
            ObjKind::ClassMethod(v) | ObjKind::StaticMethod(v) => visit(v),
            ObjKind::Super { class, obj } => {
                visit(&Value::Class(class.clone()));
                visit(obj);
            }
            ObjKind::Generator(g) => g.trace_frame(visit),
            _ => {}
        }
    }
}

impl Trace for PyObject {
    fn trace(&self, visit: &mut dyn FnMut(&Value)) {
        self.for_each_value(visit);
    }

    fn clear(&self) {
        match &self.kind {
            ObjKind::Cell(c) => {
                let old = std::mem::take(&mut *c.borrow_mut());
                release([old]);
            }
            ObjKind::Module(m) => m.dict.clear(),
            ObjKind::Generator(g) => release(g.take_frame_values()),
            _ => {}
        }
    }

    fn take_finalizer(self: Rc<Self>) -> Option<Value> {
        match &self.kind {
            ObjKind::Generator(g) if g.take_close_debt() => Some(Value::Object(self)),
            _ => None,
        }
    }

    fn owes_finalizer(&self) -> bool {
        match &self.kind {
            ObjKind::Generator(g) => g.owes_close_now(),
            _ => false,
        }
    }
}

impl Drop for PyObject {
    fn drop(&mut self) {
        if let ObjKind::Cell(c) = &mut self.kind {
            release([std::mem::take(c.get_mut())]);
        }
    }
}
