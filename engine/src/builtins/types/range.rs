//! `range`: O(1) length, indexing, slicing, membership, `index`/`count`, equality and hash
//! as sequences, reversed iteration, repr.

use super::iter::{iterate, range_remaining};
use super::{getters, index_value, methods, noargs, obj, one_arg, value_error, NOT_IMPLEMENTED};
use crate::runtime::error::PyResult;
use crate::runtime::types::native::Args;
use crate::runtime::types::object::{ObjKind, RangeIter};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;

fn parts(v: &Value) -> Option<(i64, i64, i64)> {
    match v {
        Value::Object(o) => match o.kind {
            ObjKind::Range { start, stop, step } => Some((start, stop, step)),
            _ => None,
        },
        _ => None,
    }
}

fn this(vm: &mut Vm, v: &Value) -> PyResult<(i64, i64, i64)> {
    match parts(v) {
        Some(p) => Ok(p),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor requires a 'range' object but received a '{t}'"
            )))
        }
    }
}

pub fn new_range(start: i64, stop: i64, step: i64) -> Value {
    obj(ObjKind::Range { start, stop, step })
}

fn len_of((start, stop, step): (i64, i64, i64)) -> usize {
    range_remaining(start, stop, step)
}

fn arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match index_value(vm, v)? {
        Value::Int(i) => Ok(i),
        _ => Err(super::overflow_error(
            vm,
            "Python int too large to convert to C ssize_t",
        )),
    }
}

/// The position of int `x` in the range, if present.
fn position(r: (i64, i64, i64), x: i64) -> Option<usize> {
    let (start, stop, step) = r;
    let inside = if step > 0 {
        x >= start && x < stop
    } else {
        x <= start && x > stop
    };
    if !inside {
        return None;
    }
    let off = x as i128 - start as i128;
    (off % step as i128 == 0).then(|| (off / step as i128) as usize)
}

pub fn install(vm: &mut Vm) {
    let range = vm.types.range.clone();
    methods!(vm, range, "range", {
        "__new__" => range_new,
        "__len__" => |vm, a| { let v = noargs(vm, a, "range.__len__")?; let r = this(vm, v)?; Ok(Value::Int(len_of(r) as i64)) },
        "__bool__" => |vm, a| { let v = noargs(vm, a, "range.__bool__")?; let r = this(vm, v)?; Ok(Value::Bool(len_of(r) > 0)) },
        "__iter__" => |vm, a| { let v = noargs(vm, a, "range.__iter__")?.clone(); iterate(vm, &v) },
        "__reversed__" => |vm, a| {
            let v = noargs(vm, a, "range.__reversed__")?;
            let (start, _, step) = this(vm, v)?;
            let n = len_of(this(vm, v)?) as i64;
            let last = start.wrapping_add((n - 1).wrapping_mul(step));
            Ok(obj(ObjKind::RangeIter(RefCell::new(RangeIter {
                next: last,
                stop: if n == 0 { last } else { start.saturating_sub(step) },
                step: -step,
            }))))
        },
        "__getitem__" => range_getitem,
        "__contains__" => |vm, a| {
            let (r, x) = one_arg(vm, a, "range.__contains__")?;
            let r = this(vm, r)?;
            Ok(Value::Bool(contains(vm, r, x)?))
        },
        "index" => |vm, a| {
            let (r, x) = one_arg(vm, a, "range.index")?;
            let r = this(vm, r)?;
            if let Value::Int(i) = x {
                if let Some(p) = position(r, *i) { return Ok(Value::Int(p as i64)); }
            } else if let Value::Bool(b) = x {
                if let Some(p) = position(r, i64::from(*b)) { return Ok(Value::Int(p as i64)); }
            } else {
                let (start, _, step) = r;
                for k in 0..len_of(r) {
                    let item = Value::Int(start + k as i64 * step);
                    if super::eq(vm, &item, x)? { return Ok(Value::Int(k as i64)); }
                }
            }
            let rep = vm.repr(x)?;
            Err(value_error(vm, format!("{rep} is not in range")))
        },
        "count" => |vm, a| {
            let (r, x) = one_arg(vm, a, "range.count")?;
            let r = this(vm, r)?;
            match x {
                Value::Int(_) | Value::Bool(_) => Ok(Value::Int(i64::from(contains(vm, r, x)?))),
                _ => {
                    let (start, _, step) = r;
                    let mut n = 0;
                    for k in 0..len_of(r) {
                        if super::eq(vm, &Value::Int(start + k as i64 * step), x)? { n += 1; }
                    }
                    Ok(Value::Int(n))
                }
            }
        },
        "__eq__" => |vm, a| range_eq(vm, a, true),
        "__ne__" => |vm, a| range_eq(vm, a, false),
        "__hash__" => |vm, a| {
            let v = noargs(vm, a, "range.__hash__")?;
            let r = this(vm, v)?;
            let n = len_of(r);
            let t = match n {
                0 => Value::tuple(vec![Value::Int(0), Value::None, Value::None]),
                1 => Value::tuple(vec![Value::Int(1), Value::Int(r.0), Value::None]),
                _ => Value::tuple(vec![Value::Int(n as i64), Value::Int(r.0), Value::Int(r.2)]),
            };
            Ok(Value::Int(vm.hash_value(&t)?))
        },
        "__repr__" => |vm, a| {
            let v = noargs(vm, a, "range.__repr__")?;
            let (start, stop, step) = this(vm, v)?;
            Ok(Value::str(&if step == 1 { format!("range({start}, {stop})") } else { format!("range({start}, {stop}, {step})") }))
        },
    });
    getters!(vm, range, "range", {
        "start" => |vm, a| { let v = noargs(vm, a, "range.start")?; Ok(Value::Int(this(vm, v)?.0)) },
        "stop" => |vm, a| { let v = noargs(vm, a, "range.stop")?; Ok(Value::Int(this(vm, v)?.1)) },
        "step" => |vm, a| { let v = noargs(vm, a, "range.step")?; Ok(Value::Int(this(vm, v)?.2)) },
    });
}

fn contains(vm: &mut Vm, r: (i64, i64, i64), x: &Value) -> PyResult<bool> {
    match x {
        Value::Int(i) => Ok(position(r, *i).is_some()),
        Value::Bool(b) => Ok(position(r, i64::from(*b)).is_some()),
        Value::BigInt(_) => Ok(false),
        _ => {
            let (start, _, step) = r;
            for k in 0..len_of(r) {
                if super::eq(vm, &Value::Int(start + k as i64 * step), x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

fn range_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("range() takes no keyword arguments"));
    }
    let rest = &args.positional()[1..];
    let (start, stop, step) = match rest {
        [] => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        [stop] => (0, arg(vm, stop)?, 1),
        [start, stop] => (arg(vm, start)?, arg(vm, stop)?, 1),
        [start, stop, step] => (arg(vm, start)?, arg(vm, stop)?, arg(vm, step)?),
        more => {
            return Err(vm.type_error(format!(
                "range expected at most 3 arguments, got {}",
                more.len()
            )))
        }
    };
    if step == 0 {
        return Err(value_error(vm, "range() arg 3 must not be zero"));
    }
    Ok(new_range(start, stop, step))
}

fn range_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (r, key) = one_arg(vm, args, "range.__getitem__")?;
    let r = this(vm, r)?;
    let (start, _, step) = r;
    let n = len_of(r);
    if super::slice::as_slice(key).is_some() {
        let (s, e, st, _) = super::slice::indices(vm, key, n)?;
        let at = |i: i64| start as i128 + i as i128 * step as i128;
        let clamp = |x: i128| x.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
        return Ok(new_range(
            clamp(at(s)),
            clamp(at(e)),
            clamp(st as i128 * step as i128),
        ));
    }
    if !super::is_index(vm, key) {
        let k = vm.type_name(key);
        return Err(vm.type_error(format!("range indices must be integers or slices, not {k}")));
    }
    match super::seq_index(vm, key, n)? {
        Some(i) => Ok(Value::Int(start + i as i64 * step)),
        None => Err(super::index_error(vm, "range object index out of range")),
    }
}

fn range_eq(vm: &mut Vm, args: Args<'_>, want: bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "range.__eq__")?;
    let a = this(vm, a)?;
    let Some(b) = parts(b) else {
        return NOT_IMPLEMENTED;
    };
    let (la, lb) = (len_of(a), len_of(b));
    let eq = la == lb && (la == 0 || (a.0 == b.0 && (la == 1 || a.2 == b.2)));
    Ok(Value::Bool(eq == want))
}
