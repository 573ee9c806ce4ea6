//! Subscripts and membership: `v[k]`, `v[k] = x`, `del v[k]`, `x in v`, with inline fast
//! paths for lists, tuples, strings and dicts indexed by ints or keys, and otherwise
//! `__getitem__`/`__setitem__`/`__delitem__`/`__contains__` on the type (`__class_getitem__`
//! for classes).

use super::Vm;
use crate::builtins::types::slice;
use crate::builtins::types::str as str_type;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::list::PyList;
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::rc::Rc;

/// `i` as an index into a sequence of `len` items (negative counts from the end).
#[inline]
fn seq_index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

/// The items a clamped slice selects (`n` positions from `start` by `step`).
fn slice_items(items: &[Value], start: i64, step: i64, n: usize) -> Vec<Value> {
    if step == 1 {
        let lo = start as usize;
        return items
            .get(lo..lo + n)
            .map_or_else(Vec::new, <[Value]>::to_vec);
    }
    if step == -1 && n > 0 {
        // `x[i::-1]`, `x[::-1]`: one reversed copy of a contiguous run.
        let hi = start as usize;
        if let Some(run) = hi.checked_sub(n - 1).and_then(|lo| items.get(lo..=hi)) {
            return run.iter().rev().cloned().collect();
        }
    }
    let mut out = Vec::with_capacity(n);
    out.extend(slice::positions(start, step, n).filter_map(|i| items.get(i).cloned()));
    out
}

/// `list[a:b] = other` without a call: a slice of int/None bounds with step 1, and a list or
/// tuple (not the target itself) on the right. Returns the value back when the general path
/// (`list.__setitem__`) must run instead.
fn assign_slice_fast(l: &PyList, key: &Value, value: Value) -> PyResult<Option<Value>> {
    let Value::Object(o) = key else {
        return Ok(Some(value));
    };
    let ObjKind::Slice { start, stop, step } = &o.kind else {
        return Ok(Some(value));
    };
    Ok(assign_bounds_fast(l, start, stop, step, value))
}

/// `assign_slice_fast` of the slice `start:stop:step` given as its parts (`BUILD_SLICE`'s
/// operands, fused with the store that follows). Returns the value back when the general path
/// must run.
pub(crate) fn assign_bounds_fast(
    l: &PyList,
    start: &Value,
    stop: &Value,
    step: &Value,
    value: Value,
) -> Option<Value> {
    if !matches!(&value, Value::List(_) | Value::Tuple(_)) {
        return Some(value);
    }
    let len = l.len();
    let Some((start, stop, 1, n)) = slice::bounds_indices(start, stop, step, len) else {
        return Some(value);
    };
    let mut new_items = match &value {
        // A temporary list (`x[:k] = x[k::-1]`) that only this call holds gives its items up
        // instead of being copied.
        Value::List(v) if Rc::strong_count(v) == 1 && !std::ptr::eq(&**v, l) => {
            std::mem::take(&mut *v.borrow_mut())
        }
        Value::List(v) if !std::ptr::eq(&**v, l) => v.to_vec(),
        Value::Tuple(t) => t.items().to_vec(),
        _ => return Some(value),
    };
    let start = start as usize;
    let stop = (stop.max(start as i64)) as usize;
    // Replaced items are dropped only after the borrow ends (a `__del__` may touch the list).
    if new_items.len() == n {
        l.borrow_mut()[start..stop].swap_with_slice(&mut new_items);
        drop(new_items);
    } else {
        let removed: Vec<Value> = l.borrow_mut().splice(start..stop, new_items).collect();
        drop(removed);
    }
    None
}

impl Vm {
    fn index_error(&mut self, message: &str) -> PyErr {
        let class = self.types.index_error.clone();
        self.new_exception(&class, message)
    }

    pub fn key_error(&mut self, key: &Value) -> PyErr {
        let class = self.types.key_error.clone();
        let exc = self.new_instance(&class, std::slice::from_ref(key));
        PyErr { exc }
    }

    /// `container[key]`.
    pub fn getitem(&mut self, container: &Value, key: &Value) -> PyResult<Value> {
        match (container, key) {
            (Value::List(l), Value::Int(i)) => {
                return match seq_index(*i, l.len()) {
                    Some(i) => Ok(l.get(i).unwrap_or_default()),
                    None => Err(self.index_error("list index out of range")),
                }
            }
            (Value::Tuple(t), Value::Int(i)) => {
                return match seq_index(*i, t.len()) {
                    Some(i) => Ok(t.items()[i].clone()),
                    None => Err(self.index_error("tuple index out of range")),
                }
            }
            (Value::Str(s), Value::Int(i)) => {
                return match seq_index(*i, s.char_len()) {
                    Some(i) => Ok(Value::Str(PyStr::from_char(
                        s.char_at(i).unwrap_or_default(),
                    ))),
                    None => Err(self.index_error("string index out of range")),
                }
            }
            (Value::List(l), Value::Object(_)) => {
                let items = l.borrow();
                if let Some((start, _, step, n)) = slice::fast_indices(key, items.len()) {
                    let out = slice_items(&items, start, step, n);
                    drop(items);
                    return Ok(Value::list(out));
                }
            }
            (Value::Tuple(t), Value::Object(_)) => {
                if let Some((start, _, step, n)) = slice::fast_indices(key, t.len()) {
                    if step == 1 && n == t.len() {
                        return Ok(container.clone());
                    }
                    return Ok(Value::tuple(slice_items(t.items(), start, step, n)));
                }
            }
            (Value::Str(s), Value::Object(_)) => {
                if let Some((start, stop, step, n)) = slice::fast_indices(key, s.char_len()) {
                    return Ok(str_type::slice_str(s, start, stop, step, n));
                }
            }
            (Value::Dict(d), _) => {
                return match d.get(self, key)? {
                    Some(v) => Ok(v),
                    None => Err(self.key_error(key)),
                }
            }
            _ => {}
        }
        let name = self.names.getitem.clone();
        if let Value::Class(class) = container {
            // The metaclass's `__getitem__` first, then `__class_getitem__` (`list[int]`).
            let meta = self.class_of(container);
            if let Some(m) = meta.lookup_rc(&name) {
                return self.call_special_found(&m, container, std::slice::from_ref(key));
            }
            let cgi = self.names.class_getitem.clone();
            if let Some(m) = class.lookup_rc(&cgi) {
                let f = match &m {
                    Value::Object(o) => match &o.kind {
                        ObjKind::ClassMethod(f) => f.clone(),
                        _ => m.clone(),
                    },
                    _ => m.clone(),
                };
                return self.call(&f, &[container.clone(), key.clone()]);
            }
            // `list[int]`, `dict[str, int]` in annotations: a generic alias in CPython; here
            // the origin class stands in for it (calls and isinstance-free uses behave alike).
            if class.builtin
                && matches!(
                    class.name().as_str(),
                    "list" | "dict" | "tuple" | "set" | "frozenset" | "type"
                )
            {
                return Ok(container.clone());
            }
            let n = class.name();
            return Err(self.type_error(format!("type '{n}' is not subscriptable")));
        }
        if let Some(Value::Dict(d)) = super::subclass::builtin_payload(container) {
            // `dict.__getitem__` of a dict subclass calls `__missing__` for absent keys.
            let d = d.clone();
            let found = self.lookup_special(container, &name);
            let is_dict_getitem =
                matches!(&found, Some(Value::Native(n)) if n.qualname == "dict.__getitem__");
            if is_dict_getitem {
                if let Some(v) = d.get(self, key)? {
                    return Ok(v);
                }
                let missing = self.interner.intern("__missing__");
                return match self.call_special(container, &missing, std::slice::from_ref(key))? {
                    Some(v) => Ok(v),
                    None => Err(self.key_error(key)),
                };
            }
        }
        match self.call_special(container, &name, std::slice::from_ref(key))? {
            Some(v) => Ok(v),
            None => {
                let t = self.type_name(container);
                Err(self.type_error(format!("'{t}' object is not subscriptable")))
            }
        }
    }

    /// `container[key] = value`.
    pub fn setitem(&mut self, container: &Value, key: &Value, value: Value) -> PyResult<()> {
        match (container, key) {
            (Value::List(l), Value::Int(i)) => {
                let len = l.len();
                return match seq_index(*i, len) {
                    Some(i) => {
                        let old = std::mem::replace(&mut l.borrow_mut()[i], value);
                        drop(old);
                        Ok(())
                    }
                    None => Err(self.index_error("list assignment index out of range")),
                };
            }
            (Value::Dict(d), _) => return d.set(self, key.clone(), value),
            (Value::List(l), Value::Object(_)) => {
                if let Some(value) = assign_slice_fast(l, key, value)? {
                    return self.setitem_slow(container, key, value);
                }
                return Ok(());
            }
            _ => {}
        }
        self.setitem_slow(container, key, value)
    }

    /// `container[key] = value` through `__setitem__`.
    fn setitem_slow(&mut self, container: &Value, key: &Value, value: Value) -> PyResult<()> {
        let name = self.names.setitem.clone();
        match self.call_special(container, &name, &[key.clone(), value])? {
            Some(_) => Ok(()),
            None => {
                let t = self.type_name(container);
                Err(self.type_error(format!("'{t}' object does not support item assignment")))
            }
        }
    }

    /// `del container[key]`.
    pub fn delitem(&mut self, container: &Value, key: &Value) -> PyResult<()> {
        match (container, key) {
            (Value::List(l), Value::Int(i)) => {
                let len = l.len();
                return match seq_index(*i, len) {
                    Some(i) => {
                        let old = l.borrow_mut().remove(i);
                        drop(old);
                        Ok(())
                    }
                    None => Err(self.index_error("list assignment index out of range")),
                };
            }
            (Value::Dict(d), _) => {
                return match d.remove(self, key)? {
                    Some(_) => Ok(()),
                    None => Err(self.key_error(key)),
                }
            }
            _ => {}
        }
        let name = self.names.delitem.clone();
        match self.call_special(container, &name, std::slice::from_ref(key))? {
            Some(_) => Ok(()),
            None => {
                let t = self.type_name(container);
                Err(self.type_error(format!("'{t}' object doesn't support item deletion")))
            }
        }
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Dict(d) => return Ok(d.get(self, item)?.is_some()),
            Value::Str(s) => {
                return match item {
                    Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
                    other => {
                        let t = self.type_name(other);
                        Err(self.type_error(format!(
                            "'in <string>' requires string as left operand, not {t}"
                        )))
                    }
                };
            }
            Value::List(_) | Value::Tuple(_) => {
                let mut i = 0;
                loop {
                    let x = match container {
                        Value::List(l) => l.get(i),
                        Value::Tuple(t) => t.items().get(i).cloned(),
                        _ => None,
                    };
                    let Some(x) = x else { return Ok(false) };
                    if x.is(item) || self.values_equal(&x, item)? {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Value::Object(o) => match &o.kind {
                ObjKind::FrozenSetConst(items) => {
                    let items = items.clone();
                    for x in &items {
                        if x.is(item) || self.values_equal(x, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                ObjKind::Set(s) | ObjKind::FrozenSet(s) => return s.contains(self, item),
                _ => {}
            },
            _ => {}
        }
        let name = self.names.contains.clone();
        match self.lookup_special(container, &name) {
            Some(m) if !m.is_none() => {
                let r = self.call_special_found(&m, container, std::slice::from_ref(item))?;
                self.truthy(&r)
            }
            _ => {
                // No `__contains__`: search by iteration.
                let iterable = self.names.iter.clone();
                let getitem = self.names.getitem.clone();
                let has_iter = self.lookup_special(container, &iterable).is_some()
                    || self.lookup_special(container, &getitem).is_some()
                    || matches!(container, Value::Object(_));
                if !has_iter {
                    let t = self.type_name(container);
                    return Err(self.type_error(format!("argument of type '{t}' is not iterable")));
                }
                let it = match self.get_iter(container) {
                    Ok(it) => it,
                    Err(_) => {
                        let t = self.type_name(container);
                        return Err(
                            self.type_error(format!("argument of type '{t}' is not iterable"))
                        );
                    }
                };
                while let Some(x) = self.next(&it)? {
                    if x.is(item) || self.values_equal(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// `slice(start, stop, step)` (`BUILD_SLICE`).
    pub fn new_slice(start: Value, stop: Value, step: Value) -> Value {
        // A slice of ints and Nones (nearly all) can be part of no cycle: not tracked.
        let atomic = [&start, &stop, &step]
            .iter()
            .all(|v| matches!(v, Value::None | Value::Int(_)));
        let object = PyObject::new(ObjKind::Slice { start, stop, step });
        Value::Object(if atomic {
            Rc::new(object)
        } else {
            crate::runtime::gc::tracked(object)
        })
    }
}
