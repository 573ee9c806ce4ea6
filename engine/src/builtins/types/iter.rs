//! Iterators and views of the built-in types (str, bytes, reversed list, set, dict views and
//! their iterators), plus the iteration helpers the type modules use: `iterate` (any
//! iterable to an iterator), `next` (one step, `None` at the end) and `collect`.

use super::{methods, noargs, obj, stop_iteration};
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::list::PyList;
use crate::runtime::types::native::Args;
use crate::runtime::types::object::{ObjKind, RangeIter};
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use crate::vm::types::Types;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DictPart {
    Keys,
    Values,
    Items,
}

pub enum TypeIter {
    /// `pos` is a byte offset into the text.
    Str {
        s: Rc<PyStr>,
        pos: Cell<usize>,
    },
    Bytes {
        data: Value,
        index: Cell<usize>,
    },
    /// `reversed(list)`: `next` is the index of the next item plus one (0 = finished).
    ListRev {
        list: Rc<PyList>,
        next: Cell<usize>,
    },
    /// Walks the set table; `used` is the size the set must keep.
    Set {
        set: Value,
        pos: Cell<usize>,
        used: Cell<usize>,
        done: Cell<bool>,
    },
    DictView {
        dict: Rc<PyDict>,
        part: DictPart,
    },
    /// Walks the dict's dense entries (backwards when `reversed`); `used` is the size the
    /// dict must keep, `remaining` how many items are left.
    Dict {
        dict: Rc<PyDict>,
        part: DictPart,
        pos: Cell<usize>,
        used: Cell<usize>,
        remaining: Cell<usize>,
        reversed: bool,
        done: Cell<bool>,
    },
}

impl TypeIter {
    pub fn name(&self) -> &'static str {
        match self {
            TypeIter::Str { s, .. } if s.is_ascii() => "str_ascii_iterator",
            TypeIter::Str { .. } => "str_iterator",
            TypeIter::Bytes { .. } => "bytes_iterator",
            TypeIter::ListRev { .. } => "list_reverseiterator",
            TypeIter::Set { .. } => "set_iterator",
            TypeIter::DictView { part, .. } => match part {
                DictPart::Keys => "dict_keys",
                DictPart::Values => "dict_values",
                DictPart::Items => "dict_items",
            },
            TypeIter::Dict { part, reversed, .. } => match (part, reversed) {
                (DictPart::Keys, false) => "dict_keyiterator",
                (DictPart::Values, false) => "dict_valueiterator",
                (DictPart::Items, false) => "dict_itemiterator",
                (DictPart::Keys, true) => "dict_reversekeyiterator",
                (DictPart::Values, true) => "dict_reversevalueiterator",
                (DictPart::Items, true) => "dict_reverseitemiterator",
            },
        }
    }

    pub fn class(&self, t: &Types) -> Rc<crate::runtime::types::class::PyClass> {
        match self {
            TypeIter::Str { s, .. } if s.is_ascii() => t.str_ascii_iterator.clone(),
            TypeIter::Str { .. } => t.str_iterator.clone(),
            TypeIter::Bytes { .. } => t.bytes_iterator.clone(),
            TypeIter::ListRev { .. } => t.list_reverseiterator.clone(),
            TypeIter::Set { .. } => t.set_iterator.clone(),
            TypeIter::DictView { part, .. } => match part {
                DictPart::Keys => t.dict_keys.clone(),
                DictPart::Values => t.dict_values.clone(),
                DictPart::Items => t.dict_items.clone(),
            },
            TypeIter::Dict { part, reversed, .. } => match (part, reversed) {
                (DictPart::Keys, false) => t.dict_keyiterator.clone(),
                (DictPart::Values, false) => t.dict_valueiterator.clone(),
                (DictPart::Items, false) => t.dict_itemiterator.clone(),
                (DictPart::Keys, true) => t.dict_reversekeyiterator.clone(),
                (DictPart::Values, true) => t.dict_reversevalueiterator.clone(),
                (DictPart::Items, true) => t.dict_reverseitemiterator.clone(),
            },
        }
    }
}

pub fn install(vm: &mut Vm) {
    let iterators = [
        vm.types.str_ascii_iterator.clone(),
        vm.types.str_iterator.clone(),
        vm.types.bytes_iterator.clone(),
        vm.types.list_reverseiterator.clone(),
        vm.types.set_iterator.clone(),
        vm.types.dict_keyiterator.clone(),
        vm.types.dict_valueiterator.clone(),
        vm.types.dict_itemiterator.clone(),
        vm.types.dict_reversekeyiterator.clone(),
        vm.types.dict_reversevalueiterator.clone(),
        vm.types.dict_reverseitemiterator.clone(),
        vm.types.range_iterator.clone(),
        vm.types.list_iterator.clone(),
        vm.types.tuple_iterator.clone(),
    ];
    for class in iterators {
        methods!(vm, class, "iterator", {
            "__iter__" => |vm, a| noargs(vm, a, "__iter__").cloned(),
            "__next__" => iter_next,
            "__length_hint__" => length_hint,
        });
    }
}

fn iter_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let it = noargs(vm, args, "__next__")?.clone();
    match next(vm, &it)? {
        Some(v) => Ok(v),
        None => Err(stop_iteration(vm)),
    }
}

fn length_hint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let it = noargs(vm, args, "__length_hint__")?;
    let Value::Object(o) = it else {
        return Ok(Value::Int(0));
    };
    let n = match &o.kind {
        ObjKind::RangeIter(s) => {
            let s = s.borrow();
            range_remaining(s.next, s.stop, s.step)
        }
        ObjKind::ListIter {
            list: Value::List(l),
            index,
        } => l.len().saturating_sub(index.get()),
        ObjKind::TupleIter {
            tuple: Value::Tuple(t),
            index,
        } => t.len().saturating_sub(index.get()),
        ObjKind::TypeIter(t) => match t {
            TypeIter::Str { s, pos } => s.as_str()[pos.get().min(s.as_str().len())..]
                .chars()
                .count(),
            TypeIter::Bytes { data, index } => bytes_of(data).len().saturating_sub(index.get()),
            TypeIter::ListRev { list, next } => next.get().min(list.len()),
            TypeIter::Set {
                set, used, done, ..
            } => {
                if done.get() || set_len(set) != used.get() {
                    0
                } else {
                    // CPython: si_used - (items already returned); approximate with the
                    // number of live entries after the position.
                    remaining_in_set(set, t)
                }
            }
            TypeIter::Dict {
                remaining,
                done,
                dict,
                used,
                ..
            } => {
                if done.get() || dict.len() != used.get() {
                    0
                } else {
                    remaining.get()
                }
            }
            TypeIter::DictView { dict, .. } => dict.len(),
        },
        _ => 0,
    };
    Ok(Value::Int(n as i64))
}

fn remaining_in_set(set: &Value, it: &TypeIter) -> usize {
    let TypeIter::Set { pos, .. } = it else {
        return 0;
    };
    let Some(s) = super::set::as_set(set) else {
        return 0;
    };
    let mut n = 0;
    let mut p = pos.get();
    while let Some((next, _)) = s.next_from(p) {
        n += 1;
        p = next;
    }
    n
}

fn set_len(set: &Value) -> usize {
    super::set::as_set(set).map_or(0, |s| s.len())
}

pub(crate) fn bytes_of(v: &Value) -> &[u8] {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::Bytes(b) => b,
            _ => &[],
        },
        _ => &[],
    }
}

pub(crate) fn range_remaining(next: i64, stop: i64, step: i64) -> usize {
    let (lo, hi, step) = if step > 0 {
        (next as i128, stop as i128, step as i128)
    } else {
        (stop as i128, next as i128, -(step as i128))
    };
    if lo >= hi {
        0
    } else {
        ((hi - lo - 1) / step + 1) as usize
    }
}

/// A new iterator object over a built-in container's own `TypeIter` state.
pub(crate) fn new_iter(state: TypeIter) -> Value {
    obj(ObjKind::TypeIter(state))
}

pub(crate) fn dict_iter(dict: Rc<PyDict>, part: DictPart, reversed: bool) -> Value {
    let used = dict.len();
    let pos = if reversed { dict.dense_len() } else { 0 };
    new_iter(TypeIter::Dict {
        dict,
        part,
        pos: Cell::new(pos),
        used: Cell::new(used),
        remaining: Cell::new(used),
        reversed,
        done: Cell::new(false),
    })
}

/// `iter(v)`: built-in containers get their iterator directly; anything else through
/// `__iter__` (which must return an iterator).
pub fn iterate(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let kind = match v {
        Value::List(_) => ObjKind::ListIter {
            list: v.clone(),
            index: Cell::new(0),
        },
        Value::Tuple(_) => ObjKind::TupleIter {
            tuple: v.clone(),
            index: Cell::new(0),
        },
        Value::Str(s) => ObjKind::TypeIter(TypeIter::Str {
            s: s.clone(),
            pos: Cell::new(0),
        }),
        Value::Dict(d) => return Ok(dict_iter(d.clone(), DictPart::Keys, false)),
        Value::Object(o) => match &o.kind {
            ObjKind::Range { start, stop, step } => ObjKind::RangeIter(RefCell::new(RangeIter {
                next: *start,
                stop: *stop,
                step: *step,
            })),
            ObjKind::Bytes(_) => ObjKind::TypeIter(TypeIter::Bytes {
                data: v.clone(),
                index: Cell::new(0),
            }),
            ObjKind::Set(s) | ObjKind::FrozenSet(s) => ObjKind::TypeIter(TypeIter::Set {
                set: v.clone(),
                pos: Cell::new(0),
                used: Cell::new(s.len()),
                done: Cell::new(false),
            }),
            ObjKind::FrozenSetConst(_) => {
                let set = super::set::to_frozenset(vm, v)?;
                return iterate(vm, &set);
            }
            ObjKind::TypeIter(TypeIter::DictView { dict, part }) => {
                return Ok(dict_iter(dict.clone(), *part, false))
            }
            ObjKind::TypeIter(_)
            | ObjKind::RangeIter(_)
            | ObjKind::ListIter { .. }
            | ObjKind::TupleIter { .. } => return Ok(v.clone()),
            _ => return generic_iter(vm, v),
        },
        _ => return generic_iter(vm, v),
    };
    Ok(obj(kind))
}

fn generic_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match super::lookup_dunder(vm, v, "__iter__") {
        Some(f) if !f.is_none() => {
            let it = vm.call(&f, std::slice::from_ref(v))?;
            if super::lookup_dunder(vm, &it, "__next__").is_none() {
                let t = vm.type_name(&it);
                return Err(vm.type_error(format!("iter() returned non-iterator of type '{t}'")));
            }
            Ok(it)
        }
        _ => {
            if super::lookup_dunder(vm, v, "__getitem__").is_some() && !matches!(v, Value::Dict(_))
            {
                return sequence_iter(vm, v);
            }
            let t = vm.type_name(v);
            Err(vm.type_error(format!("'{t}' object is not iterable")))
        }
    }
}

/// The old sequence protocol (`__getitem__` with 0, 1, 2… until IndexError): collected
/// eagerly into a list iterator, since there is no lazy iterator type for it here.
fn sequence_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let mut items = Vec::new();
    let getitem = super::lookup_dunder(vm, v, "__getitem__").unwrap_or(Value::None);
    let index_error = vm.types.index_error.clone();
    let stop = vm.types.stop_iteration.clone();
    for i in 0.. {
        match vm.call(&getitem, &[v.clone(), Value::Int(i)]) {
            Ok(x) => items.push(x),
            Err(e) => {
                let c = vm.class_of(&e.exc);
                if c.is_subclass(&index_error) || c.is_subclass(&stop) {
                    break;
                }
                return Err(e);
            }
        }
    }
    iterate(vm, &Value::list(items))
}

/// Whether `err` is a `StopIteration`.
pub(crate) fn is_stop_iteration(vm: &Vm, err: &PyErr) -> bool {
    vm.class_of(&err.exc).is_subclass(&vm.types.stop_iteration)
}

/// One step of any iterator: `Ok(None)` when exhausted.
pub fn next(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
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
            ObjKind::TypeIter(t) => return type_iter_next(vm, t),
            // map, filter, zip, enumerate, … and generators: no `__next__` lookup and call,
            // and no `StopIteration` object at the end.
            ObjKind::BuiltinIter(b) if b.subclass.is_none() => {
                return crate::builtins::iterators::next_item(vm, b)
            }
            ObjKind::Generator(_) => return vm.next(it),
            _ => {}
        }
    }
    let Some(f) = super::lookup_dunder(vm, it, "__next__") else {
        let t = vm.type_name(it);
        return Err(vm.type_error(format!("'{t}' object is not an iterator")));
    };
    match vm.call(&f, std::slice::from_ref(it)) {
        Ok(v) => Ok(Some(v)),
        Err(e) if is_stop_iteration(vm, &e) => Ok(None),
        Err(e) => Err(e),
    }
}

pub(crate) fn type_iter_next(vm: &mut Vm, t: &TypeIter) -> PyResult<Option<Value>> {
    Ok(match t {
        TypeIter::Str { s, pos } => {
            let text = s.as_str();
            let p = pos.get();
            match text.get(p..).and_then(|rest| rest.chars().next()) {
                Some(c) => {
                    pos.set(p + c.len_utf8());
                    Some(Value::Str(crate::runtime::types::str::PyStr::from_char(c)))
                }
                None => None,
            }
        }
        TypeIter::Bytes { data, index } => {
            let b = bytes_of(data);
            let i = index.get();
            let item = b.get(i).map(|&x| Value::Int(i64::from(x)));
            index.set(i.saturating_add(1));
            item
        }
        TypeIter::ListRev { list, next } => {
            let n = next.get();
            if n == 0 {
                return Ok(None);
            }
            match list.get(n - 1) {
                Some(v) => {
                    next.set(n - 1);
                    Some(v)
                }
                None => {
                    next.set(0);
                    None
                }
            }
        }
        TypeIter::Set {
            set,
            pos,
            used,
            done,
        } => {
            if done.get() {
                return Ok(None);
            }
            let Some(s) = super::set::as_set(set) else {
                return Ok(None);
            };
            if s.len() != used.get() {
                done.set(true);
                return Err(super::runtime_error(
                    vm,
                    "Set changed size during iteration",
                ));
            }
            match s.next_from(pos.get()) {
                Some((p, key)) => {
                    pos.set(p);
                    Some(key)
                }
                None => {
                    done.set(true);
                    None
                }
            }
        }
        TypeIter::DictView { .. } => {
            return Err(vm.type_error(format!("'{}' object is not an iterator", t.name())))
        }
        TypeIter::Dict {
            dict,
            part,
            pos,
            used,
            remaining,
            reversed,
            done,
        } => {
            if done.get() {
                return Ok(None);
            }
            if dict.len() != used.get() {
                done.set(true);
                return Err(super::runtime_error(
                    vm,
                    "dictionary changed size during iteration",
                ));
            }
            let mut p = pos.get();
            let found = if *reversed {
                loop {
                    if p == 0 {
                        break None;
                    }
                    p -= 1;
                    if let Some(kv) = dict.entry_at(p) {
                        break Some(kv);
                    }
                }
            } else {
                let n = dict.dense_len();
                loop {
                    if p >= n {
                        break None;
                    }
                    p += 1;
                    if let Some(kv) = dict.entry_at(p - 1) {
                        break Some(kv);
                    }
                }
            };
            pos.set(p);
            match found {
                None => {
                    done.set(true);
                    None
                }
                Some((k, v)) => {
                    if remaining.get() == 0 {
                        done.set(true);
                        return Err(super::runtime_error(
                            vm,
                            "dictionary keys changed during iteration",
                        ));
                    }
                    remaining.set(remaining.get() - 1);
                    Some(match part {
                        DictPart::Keys => k,
                        DictPart::Values => v,
                        DictPart::Items => Value::tuple(vec![k, v]),
                    })
                }
            }
        }
    })
}

/// Every item of an iterable, in order.
pub fn collect(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => return Ok(l.to_vec()),
        Value::Tuple(t) => return Ok(t.items().to_vec()),
        Value::Str(s) => {
            return Ok(s
                .as_str()
                .chars()
                .map(|c| Value::Str(crate::runtime::types::str::PyStr::from_char(c)))
                .collect())
        }
        Value::Dict(d) => {
            return Ok(d
                .entries()
                .iter()
                .filter(|e| !e.key.is_null())
                .map(|e| e.key.clone())
                .collect())
        }
        Value::Object(o) => match &o.kind {
            ObjKind::Set(s) | ObjKind::FrozenSet(s) => return Ok(s.to_vec()),
            ObjKind::Bytes(b) => return Ok(b.iter().map(|&x| Value::Int(i64::from(x))).collect()),
            _ => {}
        },
        _ => {}
    }
    let it = iterate(vm, v)?;
    let mut out = Vec::new();
    while let Some(x) = next(vm, &it)? {
        out.push(x);
    }
    Ok(out)
}
