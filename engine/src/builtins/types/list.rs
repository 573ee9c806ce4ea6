//! `list`: mutation methods, slicing (incl. extended-slice assignment and deletion), a
//! stable merge sort that only uses `<` (as CPython's timsort) and reports "list modified
//! during sort", comparisons, repr with `[...]` for self-reference.

use super::iter::{collect, new_iter, TypeIter};
use super::tuple::{bad_repeat, repeat_count, search_bounds, seq_repr};
use super::{arity, bind, methods, noargs, one_arg, seq_index, value_error, NOT_IMPLEMENTED};
use crate::bytecode::Comparison;
use crate::runtime::error::PyResult;
use crate::runtime::types::list::PyList;
use crate::runtime::types::native::Args;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::cell::Cell;
use std::rc::Rc;

fn this(vm: &mut Vm, v: &Value) -> PyResult<Rc<PyList>> {
    match v {
        Value::List(l) => Ok(l.clone()),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor requires a 'list' object but received a '{t}'"
            )))
        }
    }
}

pub fn install(vm: &mut Vm) {
    let list = vm.types.list.clone();
    methods!(vm, list, "list", {
        "__new__" => list_new,
        "__init__" => |_, _| Ok(Value::None),
        "__len__" => |vm, a| { let v = noargs(vm, a, "list.__len__")?; let l = this(vm, v)?; Ok(Value::Int(l.len() as i64)) },
        "__getitem__" => list_getitem,
        "__setitem__" => list_setitem,
        "__delitem__" => list_delitem,
        "__contains__" => |vm, a| {
            let (l, x) = one_arg(vm, a, "list.__contains__")?;
            let l = this(vm, l)?;
            let x = x.clone();
            let mut i = 0;
            while let Some(item) = l.get(i) {
                if super::eq(vm, &item, &x)? { return Ok(Value::Bool(true)); }
                i += 1;
            }
            Ok(Value::Bool(false))
        },
        "__iter__" => |vm, a| { let v = noargs(vm, a, "list.__iter__")?.clone(); super::iter::iterate(vm, &v) },
        "__reversed__" => |vm, a| {
            let v = noargs(vm, a, "list.__reversed__")?;
            let l = this(vm, v)?;
            let n = l.len();
            Ok(new_iter(TypeIter::ListRev { list: l, next: Cell::new(n) }))
        },
        "__add__" => list_add,
        "__iadd__" => |vm, a| {
            let (l, other) = one_arg(vm, a, "list.__iadd__")?;
            let l = this(vm, l)?;
            let items = collect(vm, other)?;
            l.borrow_mut().extend(items);
            Ok(Value::List(l))
        },
        "__mul__" => list_mul,
        "__rmul__" => list_mul,
        "__imul__" => |vm, a| {
            let (l, n) = one_arg(vm, a, "list.__imul__")?;
            let l = this(vm, l)?;
            let Some(n) = repeat_count(vm, n)? else { return bad_repeat(vm, n) };
            let items = l.to_vec();
            if items.len().checked_mul(n).is_none_or(|t| t > isize::MAX as usize / 16) {
                return Err(super::named_error(vm, "MemoryError", ""));
            }
            let mut out = Vec::with_capacity(items.len() * n);
            for _ in 0..n { out.extend_from_slice(&items); }
            let old = std::mem::replace(&mut *l.borrow_mut(), out);
            drop(old);
            Ok(Value::List(l))
        },
        "__eq__" => |vm, a| compare(vm, a, Comparison::Equal),
        "__ne__" => |vm, a| compare(vm, a, Comparison::NotEqual),
        "__lt__" => |vm, a| compare(vm, a, Comparison::Less),
        "__le__" => |vm, a| compare(vm, a, Comparison::LessEqual),
        "__gt__" => |vm, a| compare(vm, a, Comparison::Greater),
        "__ge__" => |vm, a| compare(vm, a, Comparison::GreaterEqual),
        "__repr__" => |vm, a| {
            let v = noargs(vm, a, "list.__repr__")?.clone();
            let l = this(vm, &v)?;
            let items = l.to_vec();
            seq_repr(vm, &v, &items, "[", "]")
        },
        "append" => |vm, a| {
            let (l, x) = one_arg(vm, a, "list.append")?;
            let l = this(vm, l)?;
            l.push(x.clone());
            Ok(Value::None)
        },
        "extend" => |vm, a| {
            let (l, other) = one_arg(vm, a, "list.extend")?;
            let l = this(vm, l)?;
            let items = collect(vm, other)?;
            l.borrow_mut().extend(items);
            Ok(Value::None)
        },
        "insert" => |vm, a| {
            let (l, rest) = arity(vm, a, "list.insert", 2, 2)?;
            let l = this(vm, l)?;
            let i = super::to_isize(vm, &rest[0])?;
            let n = l.len() as i64;
            let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
            l.borrow_mut().insert(at, rest[1].clone());
            Ok(Value::None)
        },
        "pop" => |vm, a| {
            let (l, rest) = arity(vm, a, "list.pop", 0, 1)?;
            let l = this(vm, l)?;
            if l.is_empty() {
                return Err(super::index_error(vm, "pop from empty list"));
            }
            let i = match rest.first() { Some(i) => super::to_isize(vm, i)?, None => -1 };
            match super::normalize_index(i, l.len()) {
                Some(i) => Ok(l.borrow_mut().remove(i)),
                None => Err(super::index_error(vm, "pop index out of range")),
            }
        },
        "remove" => |vm, a| {
            let (l, x) = one_arg(vm, a, "list.remove")?;
            let l = this(vm, l)?;
            let mut i = 0;
            while let Some(item) = l.get(i) {
                if super::eq(vm, &item, x)? {
                    if i < l.len() { let old = l.borrow_mut().remove(i); drop(old); }
                    return Ok(Value::None);
                }
                i += 1;
            }
            Err(value_error(vm, "list.remove(x): x not in list"))
        },
        "index" => |vm, a| {
            let (l, rest) = arity(vm, a, "list.index", 1, 3)?;
            let l = this(vm, l)?;
            let (lo, hi) = search_bounds(vm, rest, l.len())?;
            let mut i = lo;
            while i < hi {
                let Some(item) = l.get(i) else { break };
                if super::eq(vm, &item, &rest[0])? { return Ok(Value::Int(i as i64)); }
                i += 1;
            }
            let r = vm.repr(&rest[0])?;
            Err(value_error(vm, format!("{r} is not in list")))
        },
        "count" => |vm, a| {
            let (l, x) = one_arg(vm, a, "list.count")?;
            let l = this(vm, l)?;
            let mut n = 0;
            for item in l.to_vec() { if super::eq(vm, &item, x)? { n += 1; } }
            Ok(Value::Int(n))
        },
        "reverse" => |vm, a| { let v = noargs(vm, a, "list.reverse")?; let l = this(vm, v)?; l.borrow_mut().reverse(); Ok(Value::None) },
        "copy" => |vm, a| { let v = noargs(vm, a, "list.copy")?; let l = this(vm, v)?; Ok(Value::list(l.to_vec())) },
        "clear" => |vm, a| {
            let v = noargs(vm, a, "list.clear")?;
            let l = this(vm, v)?;
            let old = std::mem::take(&mut *l.borrow_mut());
            // Last item first, as CPython's `_list_clear` (the order `__del__`s run in).
            crate::runtime::gc::release(old.into_iter().rev());
            Ok(Value::None)
        },
        "sort" => list_sort,
    });
    super::add_attr(vm, &list, "__hash__", Value::None);
}

fn list_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("list() takes no keyword arguments"));
    }
    let rest = &args.positional()[1..];
    super::check_count(vm, rest.len(), "list", 0, 1)?;
    match rest.first() {
        None => Ok(Value::list(Vec::new())),
        Some(v) => Ok(Value::list(collect(vm, v)?)),
    }
}

fn list_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, key) = one_arg(vm, args, "list.__getitem__")?;
    let l = this(vm, l)?;
    if super::slice::as_slice(key).is_some() {
        let (start, _, step, n) = super::slice::indices(vm, key, l.len())?;
        let items = l.borrow();
        let out = super::slice::positions(start, step, n)
            .filter_map(|i| items.get(i).cloned())
            .collect();
        return Ok(Value::list(out));
    }
    if !super::is_index(vm, key) {
        let k = vm.type_name(key);
        return Err(vm.type_error(format!("list indices must be integers or slices, not {k}")));
    }
    match seq_index(vm, key, l.len())? {
        Some(i) => Ok(l.get(i).unwrap_or_default()),
        None => Err(super::index_error(vm, "list index out of range")),
    }
}

fn list_setitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, rest) = arity(vm, args, "list.__setitem__", 2, 2)?;
    let l = this(vm, l)?;
    let (key, value) = (&rest[0], &rest[1]);
    if super::slice::as_slice(key).is_some() {
        // The new items first: `value` may be the list itself.
        let items = match value {
            Value::List(v) => v.to_vec(),
            Value::Tuple(t) => t.items().to_vec(),
            other => collect(vm, other).map_err(|e| {
                if vm.class_of(&e.exc).is_subclass(&vm.types.type_error) {
                    vm.type_error("can only assign an iterable")
                } else {
                    e
                }
            })?,
        };
        let (start, stop, step, n) = super::slice::indices(vm, key, l.len())?;
        if step == 1 {
            let start = start as usize;
            let stop = (stop.max(start as i64)) as usize;
            let removed: Vec<Value> = l.borrow_mut().splice(start..stop, items).collect();
            drop(removed);
            return Ok(Value::None);
        }
        if items.len() != n {
            return Err(value_error(
                vm,
                format!(
                    "attempt to assign sequence of size {} to extended slice of size {n}",
                    items.len()
                ),
            ));
        }
        let mut old = Vec::with_capacity(n);
        {
            let mut v = l.borrow_mut();
            for (i, item) in super::slice::positions(start, step, n).zip(items) {
                old.push(std::mem::replace(&mut v[i], item));
            }
        }
        drop(old);
        return Ok(Value::None);
    }
    if !super::is_index(vm, key) {
        let k = vm.type_name(key);
        return Err(vm.type_error(format!("list indices must be integers or slices, not {k}")));
    }
    match seq_index(vm, key, l.len())? {
        Some(i) => {
            let old = std::mem::replace(&mut l.borrow_mut()[i], value.clone());
            drop(old);
            Ok(Value::None)
        }
        None => Err(super::index_error(vm, "list assignment index out of range")),
    }
}

fn list_delitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (l, key) = one_arg(vm, args, "list.__delitem__")?;
    let l = this(vm, l)?;
    if super::slice::as_slice(key).is_some() {
        let (start, _, step, n) = super::slice::indices(vm, key, l.len())?;
        let mut doomed: Vec<usize> = super::slice::positions(start, step, n).collect();
        doomed.sort_unstable();
        let removed: Vec<Value> = {
            let mut v = l.borrow_mut();
            let mut k = 0;
            let mut kept = Vec::with_capacity(v.len() - n);
            let mut removed = Vec::with_capacity(n);
            for (idx, item) in v.drain(..).enumerate() {
                if k < doomed.len() && doomed[k] == idx {
                    removed.push(item);
                    k += 1;
                } else {
                    kept.push(item);
                }
            }
            *v = kept;
            removed
        };
        drop(removed);
        return Ok(Value::None);
    }
    if !super::is_index(vm, key) {
        let k = vm.type_name(key);
        return Err(vm.type_error(format!("list indices must be integers or slices, not {k}")));
    }
    match seq_index(vm, key, l.len())? {
        Some(i) => {
            let old = l.borrow_mut().remove(i);
            drop(old);
            Ok(Value::None)
        }
        None => Err(super::index_error(vm, "list assignment index out of range")),
    }
}

fn list_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "list.__add__")?;
    let l = this(vm, a)?;
    match b {
        Value::List(m) => {
            let mut items = l.to_vec();
            items.extend(m.to_vec());
            Ok(Value::list(items))
        }
        Value::Instance(_) => NOT_IMPLEMENTED,
        other => {
            let k = vm.type_name(other);
            Err(vm.type_error(format!("can only concatenate list (not \"{k}\") to list")))
        }
    }
}

fn list_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, n) = one_arg(vm, args, "list.__mul__")?;
    let l = this(vm, a)?;
    let Some(n) = repeat_count(vm, n)? else {
        return bad_repeat(vm, n);
    };
    let items = l.to_vec();
    if items
        .len()
        .checked_mul(n)
        .is_none_or(|t| t > isize::MAX as usize / 16)
    {
        return Err(super::named_error(vm, "MemoryError", ""));
    }
    let mut out = Vec::with_capacity(items.len() * n);
    for _ in 0..n {
        out.extend_from_slice(&items);
    }
    Ok(Value::list(out))
}

fn compare(vm: &mut Vm, args: Args<'_>, op: Comparison) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "list.__cmp__")?;
    // The other operand may be an instance of a list subclass.
    let b = crate::vm::subclass::builtin_payload(b).unwrap_or(b);
    let (Value::List(x), Value::List(y)) = (a, b) else {
        return NOT_IMPLEMENTED;
    };
    super::tuple::list_compare(vm, x, y, op)
}

fn list_sort(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.positional().len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let (l, [key, reverse]) = bind(vm, args, "sort", ["key", "reverse"], 0, true)?;
    let l = this(vm, l.unwrap_or(&Value::None))?;
    let key = key.filter(|k| !k.is_none()).cloned();
    // Argument Clinic's `int` converter: any object with `__index__`.
    let reverse = match reverse {
        Some(r) => !matches!(super::index_value(vm, r)?, Value::Int(0)),
        None => false,
    };
    // CPython empties the list while sorting, so mutations made by key functions or
    // comparisons are detected (and discarded) afterwards.
    let mut items = std::mem::take(&mut *l.borrow_mut());
    let result = sort_values(vm, &mut items, key.as_ref(), reverse);
    let modified = !l.is_empty();
    let old = std::mem::replace(&mut *l.borrow_mut(), items);
    drop(old);
    result?;
    if modified {
        return Err(value_error(vm, "list modified during sort"));
    }
    Ok(Value::None)
}

/// Sorts `items` stably by `key(item)` (or the items), with `reverse` keeping stability as
/// CPython does (reverse, sort, reverse). On an exception the order is unspecified.
pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<()> {
    if reverse {
        items.reverse();
    }
    let keys: Vec<Value> = match key {
        Some(f) => {
            let mut keys = Vec::with_capacity(items.len());
            for item in items.iter() {
                keys.push(vm.call(f, std::slice::from_ref(item))?);
            }
            keys
        }
        None => items.clone(),
    };
    let order = sort_order(vm, &keys)?;
    let mut taken: Vec<Option<Value>> = std::mem::take(items).into_iter().map(Some).collect();
    *items = order
        .into_iter()
        .map(|i| taken[i].take().unwrap_or_default())
        .collect();
    if reverse {
        items.reverse();
    }
    Ok(())
}

/// A stable permutation that sorts `keys` ascending by `<`.
fn sort_order(vm: &mut Vm, keys: &[Value]) -> PyResult<Vec<usize>> {
    let n = keys.len();
    let mut idx: Vec<usize> = (0..n).collect();
    // Fast paths for homogeneous keys with a total order: the result equals the stable
    // `<`-based sort.
    if keys.iter().all(|k| matches!(k, Value::Int(_))) {
        let ints: Vec<i64> = keys
            .iter()
            .map(|k| if let Value::Int(i) = k { *i } else { 0 })
            .collect();
        idx.sort_by(|&a, &b| ints[a].cmp(&ints[b]));
        return Ok(idx);
    }
    if keys.iter().all(|k| matches!(k, Value::Str(_))) {
        let strs: Vec<&str> = keys
            .iter()
            .map(|k| k.as_str().map_or("", |s| s.as_str()))
            .collect();
        idx.sort_by(|&a, &b| strs[a].cmp(strs[b]));
        return Ok(idx);
    }
    merge_sort(vm, keys, &mut idx)?;
    Ok(idx)
}

const RUN: usize = 16;

fn merge_sort(vm: &mut Vm, keys: &[Value], idx: &mut Vec<usize>) -> PyResult<()> {
    let n = idx.len();
    // Binary insertion sort of short runs.
    let mut lo = 0;
    while lo < n {
        let hi = (lo + RUN).min(n);
        for i in lo + 1..hi {
            let x = idx[i];
            let (mut l, mut r) = (lo, i);
            while l < r {
                let m = (l + r) / 2;
                if super::lt(vm, &keys[x], &keys[idx[m]])? {
                    r = m;
                } else {
                    l = m + 1;
                }
            }
            idx.copy_within(l..i, l + 1);
            idx[l] = x;
        }
        lo = hi;
    }
    let mut width = RUN;
    let mut buf = vec![0usize; n];
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if super::lt(vm, &keys[idx[j]], &keys[idx[i]])? {
                    buf[k] = idx[j];
                    j += 1;
                } else {
                    buf[k] = idx[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&idx[i..mid]);
            k += mid - i;
            buf[k..k + (hi - j)].copy_from_slice(&idx[j..hi]);
            lo = hi;
        }
        std::mem::swap(idx, &mut buf);
        width *= 2;
    }
    Ok(())
}
