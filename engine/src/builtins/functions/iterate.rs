//! The VM's iteration and special-method protocols in the form the built-in functions use
//! them: dunder names as text, and the iterators of `builtins::iterators` taken directly.

use crate::builtins::iterators;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::class::PyClass;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;

/// `type(v).name` found through the MRO, without binding (`_PyType_Lookup`).
pub fn lookup_special(vm: &mut Vm, v: &Value, name: &str) -> Option<Value> {
    let key = vm.interner.intern(name);
    vm.lookup_special(v, &key)
}

/// Calls `found` (what `lookup_special(v, name)` returned) as a method of `v`.
pub fn call_found(
    vm: &mut Vm,
    found: &Value,
    v: &Value,
    _name: &str,
    args: &[Value],
) -> PyResult<Value> {
    vm.call_special_found(found, v, args)
}

/// `type(v).name(v, *args)` if the type defines `name`; `None` if it does not.
pub fn call_special(vm: &mut Vm, v: &Value, name: &str, args: &[Value]) -> PyResult<Option<Value>> {
    let key = vm.interner.intern(name);
    vm.call_special(v, &key, args)
}

pub fn is_instance_of(vm: &Vm, err: &PyErr, class: &PyClass) -> bool {
    vm.class_of(&err.exc).is_subclass(class)
}

pub fn is_stop_iteration(vm: &Vm, err: &PyErr) -> bool {
    vm.is_stop_iteration(err)
}

/// `iter(v)`.
pub fn get_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Value::Object(o) = v {
        if let ObjKind::BuiltinIter(it) = &o.kind {
            if it.subclass.is_none() {
                return Ok(v.clone());
            }
        }
    }
    vm.get_iter(v)
}

/// Whether `v` is an iterator (`PyIter_Check`: its type has `__next__`).
pub fn is_iterator(vm: &mut Vm, v: &Value) -> bool {
    lookup_special(vm, v, "__next__").is_some_and(|f| !f.is_none())
}

/// `next(it)`: `None` when the iterator is exhausted (StopIteration is absorbed).
pub fn next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    if let Value::Object(o) = it {
        if let ObjKind::BuiltinIter(b) = &o.kind {
            if b.subclass.is_none() {
                return iterators::next_item(vm, b);
            }
        }
    }
    vm.next(it)
}

/// `next(it)` for a consumer that can take some items without running Python code: while
/// `it` is a generator, the items `sink` accepts are taken as the generator yields them
/// (`Vm::drain_generator`), and the first one it hands back is returned. Any other iterator
/// returns every item, as `next` does. `None` at the end.
pub fn next_absorbing(
    vm: &mut Vm,
    it: &Value,
    sink: &mut dyn FnMut(Value) -> Option<Value>,
) -> PyResult<Option<Value>> {
    if let Value::Object(o) = it {
        if let ObjKind::Generator(_) = &o.kind {
            return match vm.drain_generator(o, sink)? {
                crate::vm::generator::GenResult::Yielded(v) => Ok(Some(v)),
                crate::vm::generator::GenResult::Returned(_) => Ok(None),
            };
        }
    }
    next(vm, it)
}

/// Every item of an iterable, in order (`list(v)`).
pub fn collect(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => return Ok(l.to_vec()),
        Value::Tuple(t) => return Ok(t.items().to_vec()),
        _ => {}
    }
    let it = get_iter(vm, v)?;
    let mut items = Vec::new();
    loop {
        let item = next_absorbing(vm, &it, &mut |v| {
            items.push(v);
            None
        })?;
        match item {
            Some(item) => items.push(item),
            None => return Ok(items),
        }
    }
}
