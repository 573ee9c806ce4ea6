//! `len`, `iter`, `next`, `sorted`, `any`, `all`, and `range` until the range type has a
//! constructor of its own.

use super::args;
use super::iterate;
use crate::builtins::iterators;
use crate::bytecode::Comparison;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::native::{Args, NativeFn, PyNative};
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("len", builtin_len),
    ("iter", builtin_iter),
    ("next", builtin_next),
    ("sorted", builtin_sorted),
    ("any", |vm, a| any_all(vm, a, "any", true)),
    ("all", |vm, a| any_all(vm, a, "all", false)),
];

/// Gives the `range` class a constructor if its own module has not installed one.
pub fn install_range(vm: &mut Vm) {
    let key = vm.interner.intern("__new__");
    let class = vm.types.range.clone();
    if class.dict.get_str(&key).is_none() {
        let new = PyNative::method("range.__new__", |vm, a| {
            builtin_range(
                vm,
                Args {
                    values: a.values.get(1..).unwrap_or(&[]),
                    kwnames: a.kwnames,
                },
            )
        });
        class.dict.set_str(key, Value::Native(Rc::new(new)));
    }
}

fn builtin_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "len")?;
    Ok(Value::Int(vm.len(v)? as i64))
}

/// `iter(obj)` / `iter(callable, sentinel)`.
fn builtin_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args::positional(vm, &args, "iter", 1, 2)? {
        [v] => iterate::get_iter(vm, v),
        [func, sentinel] => {
            if !super::reflection::is_callable(vm, func) {
                return Err(vm.type_error("iter(v, w): v must be callable"));
            }
            Ok(iterators::callable_iter(func.clone(), sentinel.clone()))
        }
        _ => unreachable!("checked: one or two arguments"),
    }
}

/// `next(iterator[, default])`. A `StopIteration` raised by `__next__` propagates as it is
/// (with its value) when there is no default.
fn builtin_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = args::positional(vm, &args, "next", 1, 2)?;
    let (it, default) = (&values[0], values.get(1));
    if !iterate::is_iterator(vm, it) {
        let t = vm.type_name(it);
        return Err(vm.type_error(format!("'{t}' object is not an iterator")));
    }
    // Iterators the VM steps natively; others (generators too, whose StopIteration carries
    // the return value) through `__next__`, so the StopIteration propagates as raised.
    let native = match it {
        Value::Object(o) => match &o.kind {
            ObjKind::BuiltinIter(b) => b.subclass.is_none(),
            ObjKind::ListIter { .. }
            | ObjKind::TupleIter { .. }
            | ObjKind::RangeIter(_)
            | ObjKind::SeqIter { .. } => true,
            _ => false,
        },
        _ => false,
    };
    let result = if native {
        match iterate::next(vm, it) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(stop_iteration(vm)),
            Err(e) => Err(e),
        }
    } else {
        match iterate::lookup_special(vm, it, "__next__") {
            Some(f) => iterate::call_found(vm, &f, it, "__next__", &[]),
            None => Err(stop_iteration(vm)),
        }
    };
    match (result, default) {
        (Err(e), Some(d)) if iterate::is_stop_iteration(vm, &e) => Ok(d.clone()),
        (r, _) => r,
    }
}

fn stop_iteration(vm: &mut Vm) -> PyErr {
    let class = vm.types.stop_iteration.clone();
    PyErr {
        exc: vm.new_instance(&class, &[]),
    }
}

fn any_all(vm: &mut Vm, args: Args<'_>, name: &str, any: bool) -> PyResult<Value> {
    let v = args::one(vm, &args, name)?;
    let it = iterate::get_iter(vm, v)?;
    // Items whose truth needs no `__bool__`/`__len__` call and does not decide the answer
    // are taken as a generator yields them.
    let mut undecided = |v: Value| match v {
        Value::Bool(b) if b != any => None,
        Value::None if any => None,
        Value::Int(i) if (i != 0) != any => None,
        _ => Some(v),
    };
    while let Some(item) = iterate::next_absorbing(vm, &it, &mut undecided)? {
        if vm.truthy(&item)? == any {
            return Ok(Value::Bool(any));
        }
    }
    Ok(Value::Bool(!any))
}

/// `sorted(iterable, /, *, key=None, reverse=False)`: a new list, sorted by `list.sort`.
fn builtin_sorted(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let positional = args.positional();
    args::check_count(vm, "sorted", positional.len(), 1, 1)?;
    let items = iterate::collect(vm, &positional[0])?;
    let list = Value::list(items);
    let sort_key = vm.interner.intern("sort");
    if let Some(sort @ Value::Native(_)) = vm.types.list.dict.get_str(&sort_key) {
        let mut call_args = Vec::with_capacity(1 + args.kwnames.len());
        call_args.push(list.clone());
        call_args.extend(args.keywords().map(|(_, v)| v.clone()));
        vm.call_with_keywords(&sort, &call_args, args.kwnames)?;
        return Ok(list);
    }
    sort_list(vm, &list, args.kwnames, &args.values[1..])?;
    Ok(list)
}

/// `list.sort(*, key=None, reverse=False)` for `list`: the fallback `sorted` uses while the
/// list type has no `sort` method of its own.
fn sort_list(vm: &mut Vm, list: &Value, kwnames: &[Rc<PyStr>], kwvalues: &[Value]) -> PyResult<()> {
    let (mut key, mut reverse) = (None, false);
    for (name, value) in kwnames.iter().zip(kwvalues) {
        match name.as_str() {
            "key" => key = Some(value.clone()).filter(|k| !k.is_none()),
            "reverse" => {
                let n = vm.index_value(value)?;
                reverse = vm.truthy(&n)?;
            }
            other => return Err(args::invalid_keyword(vm, other, "sort")),
        }
    }
    let Value::List(l) = list else { return Ok(()) };
    let items = std::mem::take(&mut *l.borrow_mut());
    let sorted = sort_values(vm, items, key.as_ref(), reverse);
    match sorted {
        Ok(items) => {
            *l.borrow_mut() = items;
            Ok(())
        }
        Err((items, e)) => {
            *l.borrow_mut() = items;
            Err(e)
        }
    }
}

/// A stable sort by `key(item)` with `<` through the VM's comparison protocol. On error the
/// items come back (in some order) with the exception, as CPython leaves the list.
pub fn sort_values(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> Result<Vec<Value>, (Vec<Value>, PyErr)> {
    let mut keys = Vec::with_capacity(items.len());
    match key {
        Some(f) => {
            for item in &items {
                match vm.call(f, std::slice::from_ref(item)) {
                    Ok(k) => keys.push(k),
                    Err(e) => return Err((items, e)),
                }
            }
        }
        None => keys.clone_from(&items),
    }
    let mut pairs: Vec<(Value, Value)> = keys.into_iter().zip(items).collect();
    // Reversing before and after a stable sort keeps equal items in their original order.
    if reverse {
        pairs.reverse();
    }
    let mut error = None;
    merge_sort(&mut pairs, &mut |a, b| {
        if error.is_some() {
            return false;
        }
        match vm
            .compare(a, b, Comparison::Less)
            .and_then(|r| vm.truthy(&r))
        {
            Ok(lt) => lt,
            Err(e) => {
                error = Some(e);
                false
            }
        }
    });
    if reverse {
        pairs.reverse();
    }
    let items = pairs.into_iter().map(|(_, v)| v).collect();
    match error {
        Some(e) => Err((items, e)),
        None => Ok(items),
    }
}

/// Stable merge sort; `lt` may be inconsistent (user `__lt__`) without breaking anything.
fn merge_sort(v: &mut [(Value, Value)], lt: &mut dyn FnMut(&Value, &Value) -> bool) {
    let n = v.len();
    if n < 2 {
        return;
    }
    // Binary insertion sort of short runs, then bottom-up merges.
    const RUN: usize = 16;
    for start in (0..n).step_by(RUN) {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let (mut lo, mut hi) = (start, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if lt(&v[i].0, &v[mid].0) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            v[lo..=i].rotate_right(1);
        }
    }
    let mut width = RUN;
    let mut buf: Vec<(Value, Value)> = Vec::with_capacity(n);
    while width < n {
        let mut start = 0;
        while start + width < n {
            let (mid, end) = (start + width, (start + 2 * width).min(n));
            buf.clear();
            let (mut i, mut j) = (start, mid);
            while i < mid && j < end {
                // Take from the right only when strictly less: stability.
                if lt(&v[j].0, &v[i].0) {
                    buf.push(v[j].clone());
                    j += 1;
                } else {
                    buf.push(v[i].clone());
                    i += 1;
                }
            }
            buf.extend_from_slice(&v[i..mid]);
            buf.extend_from_slice(&v[j..end]);
            v[start..end].clone_from_slice(&buf);
            start = end;
        }
        width *= 2;
    }
}

/// `range(stop)` / `range(start, stop[, step])` over machine-sized ints.
fn builtin_range(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("range() takes no keyword arguments"));
    }
    let mut ints = Vec::with_capacity(3);
    for v in args.positional() {
        match vm.index_value(v)? {
            Value::Int(i) => ints.push(i),
            _ => {
                let class = vm.types.overflow_error.clone();
                return Err(
                    vm.new_exception(&class, "Python int too large to convert to C ssize_t")
                );
            }
        }
    }
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        [] => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        more => {
            return Err(vm.type_error(format!(
                "range expected at most 3 arguments, got {}",
                more.len()
            )))
        }
    };
    if step == 0 {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "range() arg 3 must not be zero"));
    }
    Ok(Value::Object(crate::runtime::gc::tracked(PyObject::new(
        ObjKind::Range { start, stop, step },
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyed(pairs: &[(i64, i64)]) -> Vec<(Value, Value)> {
        pairs
            .iter()
            .map(|&(k, v)| (Value::Int(k), Value::Int(v)))
            .collect()
    }

    fn lt(a: &Value, b: &Value) -> bool {
        matches!((a, b), (Value::Int(x), Value::Int(y)) if x < y)
    }

    #[test]
    fn merge_sort_is_stable_across_runs() {
        // 100 items, keys 0..5 interleaved: equal keys must keep their original order.
        let pairs: Vec<(i64, i64)> = (0..100).map(|i| ((i * 7) % 5, i)).collect();
        let mut v = keyed(&pairs);
        merge_sort(&mut v, &mut lt);
        let mut expected = pairs.clone();
        expected.sort_by_key(|&(k, _)| k);
        let got: Vec<(i64, i64)> = v
            .iter()
            .map(|(k, x)| match (k, x) {
                (Value::Int(k), Value::Int(x)) => (*k, *x),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn merge_sort_survives_an_inconsistent_order() {
        let mut v = keyed(&(0..50).map(|i| (i, i)).collect::<Vec<_>>());
        let mut flip = false;
        merge_sort(&mut v, &mut |_, _| {
            flip = !flip;
            flip
        });
        assert_eq!(v.len(), 50);
    }
}
