//! The iteration protocol: `iter(v)` (`__iter__`, or the `__getitem__` sequence protocol)
//! and `next(it)` (`__next__`, with `StopIteration` turned into "exhausted"), with fast paths
//! for the built-in iterators and generators before any lookup.

use super::generator::{generator_of, GenResult};
use super::Vm;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::object::{ObjKind, PyObject, RangeIter};
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};

fn object(kind: ObjKind) -> Value {
    Value::Object(crate::runtime::gc::tracked(PyObject::new(kind)))
}

impl Vm {
    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::List(_) => {
                return Ok(object(ObjKind::ListIter {
                    list: v.clone(),
                    index: Cell::new(0),
                }))
            }
            Value::Tuple(_) => {
                return Ok(object(ObjKind::TupleIter {
                    tuple: v.clone(),
                    index: Cell::new(0),
                }))
            }
            Value::Object(o) => match &o.kind {
                ObjKind::Range { start, stop, step } => {
                    return Ok(object(ObjKind::RangeIter(RefCell::new(RangeIter {
                        next: *start,
                        stop: *stop,
                        step: *step,
                    }))))
                }
                ObjKind::RangeIter(_)
                | ObjKind::ListIter { .. }
                | ObjKind::TupleIter { .. }
                | ObjKind::Generator(_)
                | ObjKind::SeqIter { .. } => return Ok(v.clone()),
                ObjKind::BuiltinIter(b) if b.subclass.is_none() => return Ok(v.clone()),
                _ => {}
            },
            _ => {}
        }
        let name = self.names.iter.clone();
        match self.lookup_special(v, &name) {
            Some(Value::None) => Err(self.not_iterable(v)),
            Some(m) => {
                let it = self.call_special_found(&m, v, &[])?;
                let next = self.names.next.clone();
                if self.lookup_special(&it, &next).is_none() && !is_builtin_iterator(&it) {
                    let t = self.type_name(&it);
                    return Err(
                        self.type_error(format!("iter() returned non-iterator of type '{t}'"))
                    );
                }
                Ok(it)
            }
            None => {
                let getitem = self.names.getitem.clone();
                if self
                    .lookup_special(v, &getitem)
                    .is_some_and(|m| !m.is_none())
                {
                    return Ok(object(ObjKind::SeqIter {
                        seq: RefCell::new(v.clone()),
                        index: RefCell::new(0),
                    }));
                }
                Err(self.not_iterable(v))
            }
        }
    }

    pub fn not_iterable(&mut self, v: &Value) -> PyErr {
        let name = self.type_name(v);
        self.type_error(format!("'{name}' object is not iterable"))
    }

    /// The next item of an iterator; `None` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        if let Value::Object(o) = it {
            match &o.kind {
                ObjKind::RangeIter(state) => {
                    return Ok(state.borrow_mut().advance().map(Value::Int));
                }
                ObjKind::ListIter { list, index } => {
                    let Value::List(l) = list else {
                        return Ok(None);
                    };
                    return Ok(l.iter_next(index));
                }
                ObjKind::TupleIter { tuple, index } => {
                    let Value::Tuple(t) = tuple else {
                        return Ok(None);
                    };
                    return Ok(t.iter_next(index));
                }
                ObjKind::Generator(_) => {
                    return match self.resume_generator(o, Value::None, None)? {
                        GenResult::Yielded(v) => Ok(Some(v)),
                        GenResult::Returned(_) => Ok(None),
                    };
                }
                ObjKind::SeqIter { seq, index } => return self.seq_iter_next(seq, index),
                // str, bytes, set, dict iterators: native, no `__next__` lookup.
                ObjKind::TypeIter(t) => {
                    return crate::builtins::types::iter::type_iter_next(self, t)
                }
                // enumerate, zip, map, … (a Python subclass may override `__next__`).
                ObjKind::BuiltinIter(b) if b.subclass.is_none() => {
                    return crate::builtins::iterators::next_item(self, b)
                }
                _ => {}
            }
        }
        let name = self.names.next.clone();
        let Some(m) = self.lookup_special(it, &name) else {
            let t = self.type_name(it);
            return Err(self.type_error(format!("'{t}' object is not an iterator")));
        };
        match self.call_special_found(&m, it, &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.is_stop_iteration(&e) => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn is_stop_iteration(&self, err: &PyErr) -> bool {
        self.class_of(&err.exc)
            .is_subclass(&self.types.stop_iteration)
    }

    /// The sequence protocol: `seq[i]` for i = 0, 1, … until `IndexError` or `StopIteration`.
    fn seq_iter_next(
        &mut self,
        seq: &RefCell<Value>,
        index: &RefCell<usize>,
    ) -> PyResult<Option<Value>> {
        let target = seq.borrow().clone();
        if target.is_none() {
            return Ok(None);
        }
        let i = *index.borrow();
        match self.getitem(&target, &Value::Int(i as i64)) {
            Ok(v) => {
                *index.borrow_mut() = i + 1;
                Ok(Some(v))
            }
            Err(e) => {
                let index_error = self.types.index_error.clone();
                if self.class_of(&e.exc).is_subclass(&index_error) || self.is_stop_iteration(&e) {
                    *seq.borrow_mut() = Value::None;
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    /// Every item of an iterable, in order.
    pub fn collect_iterable(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.to_vec()),
            Value::Tuple(t) => return Ok(t.items().to_vec()),
            _ => {}
        }
        let it = self.get_iter(v)?;
        let mut items = Vec::new();
        while let Some(x) = self.next(&it)? {
            items.push(x);
        }
        Ok(items)
    }

    /// Whether `v` is a generator object.
    pub fn is_generator(v: &Value) -> bool {
        matches!(v, Value::Object(o) if generator_of(o).is_some())
    }
}

fn is_builtin_iterator(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(
        o.kind,
        ObjKind::RangeIter(_)
            | ObjKind::ListIter { .. }
            | ObjKind::TupleIter { .. }
            | ObjKind::Generator(_)
            | ObjKind::SeqIter { .. }
    ))
}
