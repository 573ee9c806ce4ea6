//! The iteration and special-method protocols as the built-in functions use them: `iter(x)`,
//! `next(it)`, collecting an iterable, and calling a dunder found on the type (CPython's
//! `_PyObject_LookupSpecial` + call), with fast paths for the built-in containers.
//!
//! The VM's own `GET_ITER`/`FOR_ITER` helpers are private to the dispatch loop; these are the
//! public equivalents, and know the iterator objects of `builtins::iterators` too.

use crate::builtins::iterators;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::native::NativeKind;
use crate::runtime::types::object::{ObjKind, PyObject, RangeIter};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

/// `type(v).name` found through the MRO, without binding (`_PyType_Lookup`).
pub fn lookup_special(vm: &mut Vm, v: &Value, name: &str) -> Option<Value> {
    let key = vm.interner.intern(name);
    vm.class_of(v).lookup(&key)
}

/// Calls `found` (what `lookup_special(v, name)` returned) as a method of `v`.
pub fn call_found(
    vm: &mut Vm,
    found: &Value,
    v: &Value,
    name: &str,
    args: &[Value],
) -> PyResult<Value> {
    let with_self = |args: &[Value]| {
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(v.clone());
        all.extend_from_slice(args);
        all
    };
    match found {
        Value::Function(_) => vm.call(found, &with_self(args)),
        Value::Native(n) if n.kind == NativeKind::Method && n.bound_self.is_none() => {
            vm.call(found, &with_self(args))
        }
        Value::Native(_) => vm.call(found, args),
        Value::Object(o) if matches!(o.kind, ObjKind::StaticMethod(_)) => {
            let ObjKind::StaticMethod(f) = &o.kind else {
                unreachable!("matched above")
            };
            vm.call(f, args)
        }
        _ => {
            // Other descriptors (classmethod, objects with `__get__`): the attribute protocol
            // binds them.
            let key = vm.interner.intern(name);
            let bound = vm.get_attr(v, &key)?;
            vm.call(&bound, args)
        }
    }
}

/// `type(v).name(v, *args)` if the type defines `name`; `None` if it does not.
pub fn call_special(vm: &mut Vm, v: &Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    match lookup_special(vm, v, name) {
        Some(found) if !found.is_none() => call_found(vm, &found, v, name, args).map(Some),
        _ => Ok(None),
    }
}

pub fn is_instance_of(vm: &Vm, err: &PyErr, class: &crate::runtime::types::class::PyClass) -> bool {
    vm.class_of(&err.exc).is_subclass(class)
}

pub fn is_stop_iteration(vm: &Vm, err: &PyErr) -> bool {
    is_instance_of(vm, err, &vm.types.stop_iteration)
}

fn object(kind: ObjKind) -> Value {
    Value::Object(Rc::new(PyObject::new(kind)))
}

/// `iter(v)`.
pub fn get_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::List(_) => {
            return Ok(object(ObjKind::ListIter {
                list: v.clone(),
                index: RefCell::new(0),
            }))
        }
        Value::Tuple(_) => {
            return Ok(object(ObjKind::TupleIter {
                tuple: v.clone(),
                index: RefCell::new(0),
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
            ObjKind::RangeIter(_) | ObjKind::ListIter { .. } | ObjKind::TupleIter { .. } => {
                return Ok(v.clone())
            }
            ObjKind::BuiltinIter(it) if it.subclass.is_none() => return Ok(v.clone()),
            _ => {}
        },
        _ => {}
    }
    if let Some(found) = lookup_special(vm, v, "__iter__") {
        if found.is_none() {
            return Err(not_iterable(vm, v));
        }
        let it = call_found(vm, &found, v, "__iter__", &[])?;
        if !is_iterator(vm, &it) {
            let t = vm.type_name(&it);
            return Err(vm.type_error(format!("iter() returned non-iterator of type '{t}'")));
        }
        return Ok(it);
    }
    // Built-in containers whose classes do not define `__iter__` (yet): iterate a snapshot.
    if let Some(items) = snapshot(v) {
        return Ok(object(ObjKind::ListIter {
            list: Value::list(items),
            index: RefCell::new(0),
        }));
    }
    if lookup_special(vm, v, "__getitem__").is_some() {
        return Ok(iterators::sequence_iter(v.clone()));
    }
    Err(not_iterable(vm, v))
}

/// The items of built-in containers, for those whose type has no `__iter__` installed.
fn snapshot(v: &Value) -> Option<Vec<Value>> {
    Some(match v {
        Value::Str(s) => s
            .as_str()
            .chars()
            .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
            .collect(),
        Value::Dict(d) => (0..d.dense_len())
            .filter_map(|i| d.entry_at(i).map(|(k, _)| k))
            .collect(),
        Value::Object(o) => match &o.kind {
            ObjKind::Set(s) | ObjKind::FrozenSet(s) => s.to_vec(),
            ObjKind::FrozenSetConst(items) => items.clone(),
            ObjKind::Bytes(b) => b.iter().map(|&x| Value::Int(i64::from(x))).collect(),
            _ => return None,
        },
        _ => return None,
    })
}

pub fn not_iterable(vm: &mut Vm, v: &Value) -> PyErr {
    let t = vm.type_name(v);
    vm.type_error(format!("'{t}' object is not iterable"))
}

/// Whether `v` is an iterator (`PyIter_Check`: its type has `__next__`).
pub fn is_iterator(vm: &mut Vm, v: &Value) -> bool {
    if let Value::Object(o) = v {
        if matches!(
            o.kind,
            ObjKind::RangeIter(_)
                | ObjKind::ListIter { .. }
                | ObjKind::TupleIter { .. }
                | ObjKind::BuiltinIter(_)
        ) {
            return true;
        }
    }
    lookup_special(vm, v, "__next__").is_some_and(|f| !f.is_none())
}

/// `next(it)`: `None` when the iterator is exhausted (StopIteration is absorbed).
pub fn next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    if let Value::Object(o) = it {
        match &o.kind {
            ObjKind::ListIter { list, index } => {
                let Value::List(l) = list else {
                    return Ok(None);
                };
                let mut i = index.borrow_mut();
                let item = l.get(*i);
                if item.is_some() {
                    *i += 1;
                } else {
                    *i = usize::MAX;
                }
                return Ok(item);
            }
            ObjKind::TupleIter { tuple, index } => {
                let Value::Tuple(t) = tuple else {
                    return Ok(None);
                };
                let mut i = index.borrow_mut();
                let item = t.items().get(*i).cloned();
                *i = i.saturating_add(1);
                return Ok(item);
            }
            ObjKind::RangeIter(state) => {
                let mut s = state.borrow_mut();
                let more = if s.step > 0 {
                    s.next < s.stop
                } else {
                    s.next > s.stop
                };
                if !more {
                    return Ok(None);
                }
                let v = s.next;
                s.next = s.next.saturating_add(s.step);
                return Ok(Some(Value::Int(v)));
            }
            ObjKind::BuiltinIter(it) if it.subclass.is_none() => {
                // A StopIteration escaping from inside (a `map` function raising it) ends
                // the iteration, as it does for CPython's `tp_iternext` callers.
                return match iterators::next(vm, &it.state) {
                    Err(e) if is_stop_iteration(vm, &e) => Ok(None),
                    r => r,
                };
            }
            _ => {}
        }
    }
    match lookup_special(vm, it, "__next__") {
        Some(found) if !found.is_none() => match call_found(vm, &found, it, "__next__", &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if is_stop_iteration(vm, &e) => Ok(None),
            Err(e) => Err(e),
        },
        _ => {
            let t = vm.type_name(it);
            Err(vm.type_error(format!("'{t}' object is not an iterator")))
        }
    }
}

/// Every item of an iterable, in order (`list(v)`); the built-in sequences are copied directly.
pub fn collect(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => return Ok(l.to_vec()),
        Value::Tuple(t) => return Ok(t.items().to_vec()),
        _ => {}
    }
    let it = get_iter(vm, v)?;
    let mut items = Vec::new();
    while let Some(item) = next(vm, &it)? {
        items.push(item);
    }
    Ok(items)
}
