//! `slice` objects and the slice arithmetic every sequence shares (CPython's
//! `PySlice_Unpack` + `PySlice_AdjustIndices`).

use super::{getters, index_value, methods, noargs, one_arg, value_error, NOT_IMPLEMENTED};
use crate::runtime::error::PyResult;
use crate::runtime::types::native::Args;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::{Signed, Zero};

/// The `(start, stop, step)` of a slice value, if it is one.
pub fn as_slice(v: &Value) -> Option<(&Value, &Value, &Value)> {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::Slice { start, stop, step } => Some((start, stop, step)),
            _ => None,
        },
        _ => None,
    }
}

/// A slice bound as an i64 clamped to the i64 range (CPython clamps to `Py_ssize_t`).
fn bound(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    if !super::is_index(vm, v) {
        return Err(
            vm.type_error("slice indices must be integers or None or have an __index__ method")
        );
    }
    Ok(match index_value(vm, v)? {
        Value::Int(i) => i,
        Value::BigInt(b) => {
            if b.is_negative() {
                i64::MIN
            } else {
                i64::MAX
            }
        }
        _ => 0,
    })
}

/// `slice.indices(len)` semantics: `(start, stop, step, slicelength)`.
pub fn indices(vm: &mut Vm, slice: &Value, len: usize) -> PyResult<(i64, i64, i64, usize)> {
    if let Some(fast) = fast_indices(slice, len) {
        return Ok(fast);
    }
    let Some((start, stop, step)) = as_slice(slice) else {
        return Err(vm.type_error("expected a slice"));
    };
    let (start, stop, step) = (start.clone(), stop.clone(), step.clone());
    let step = if step.is_none() { 1 } else { bound(vm, &step)? };
    if step == 0 {
        return Err(value_error(vm, "slice step cannot be zero"));
    }
    let step = step.max(-i64::MAX);
    let len = len as i64;
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |v: i64| -> i64 {
        if v < 0 {
            let v = v.saturating_add(len);
            if v < 0 {
                lower
            } else {
                v
            }
        } else if v >= len {
            upper
        } else {
            v
        }
    };
    let start = if start.is_none() {
        if step < 0 {
            upper
        } else {
            lower
        }
    } else {
        clamp(bound(vm, &start)?)
    };
    let stop = if stop.is_none() {
        if step < 0 {
            lower
        } else {
            upper
        }
    } else {
        clamp(bound(vm, &stop)?)
    };
    Ok((start, stop, step, slice_len(start, stop, step)))
}

/// `indices` for the common case of a slice whose bounds are ints or `None` (what
/// `BUILD_SLICE` makes from literals): no call into Python, no error possible except a zero
/// step. `None` means "take the general path" (which also raises the errors).
#[inline]
pub fn fast_indices(slice: &Value, len: usize) -> Option<(i64, i64, i64, usize)> {
    let (start, stop, step) = as_slice(slice)?;
    bounds_indices(start, stop, step, len)
}

/// `fast_indices` of the slice `start:stop:step` given as its parts (`BUILD_SLICE`'s operands).
#[inline]
pub fn bounds_indices(
    start: &Value,
    stop: &Value,
    step: &Value,
    len: usize,
) -> Option<(i64, i64, i64, usize)> {
    let step = match step {
        Value::None => 1,
        Value::Int(i) if *i != 0 => (*i).max(-i64::MAX),
        _ => return None,
    };
    let len = len as i64;
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |v: i64| -> i64 {
        if v < 0 {
            let v = v.saturating_add(len);
            if v < 0 {
                lower
            } else {
                v
            }
        } else if v >= len {
            upper
        } else {
            v
        }
    };
    let start = match start {
        Value::None => {
            if step < 0 {
                upper
            } else {
                lower
            }
        }
        Value::Int(i) => clamp(*i),
        _ => return None,
    };
    let stop = match stop {
        Value::None => {
            if step < 0 {
                lower
            } else {
                upper
            }
        }
        Value::Int(i) => clamp(*i),
        _ => return None,
    };
    Some((start, stop, step, slice_len(start, stop, step)))
}

/// Number of positions `range(start, stop, step)` selects (already clamped bounds).
fn slice_len(start: i64, stop: i64, step: i64) -> usize {
    let n = if step < 0 {
        if stop < start {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    } else if start < stop {
        (stop - start - 1) / step + 1
    } else {
        0
    };
    n as usize
}

/// The positions a slice selects, in order.
pub fn positions(start: i64, step: i64, n: usize) -> impl Iterator<Item = usize> {
    (0..n as i64).map(move |k| (start + k * step) as usize)
}

pub fn new_slice(start: Value, stop: Value, step: Value) -> Value {
    super::obj(ObjKind::Slice { start, stop, step })
}

pub fn install(vm: &mut Vm) {
    let slice = vm.types.slice.clone();
    methods!(vm, slice, "slice", {
        "__new__" => slice_new,
        "indices" => slice_indices,
        "__repr__" => slice_repr,
        "__eq__" => |vm, a| slice_cmp(vm, a, true),
        "__ne__" => |vm, a| slice_cmp(vm, a, false),
    });
    super::add_attr(vm, &slice, "__hash__", Value::None);
    getters!(vm, slice, "slice", {
        "start" => |vm, a| part(vm, a, 0),
        "stop" => |vm, a| part(vm, a, 1),
        "step" => |vm, a| part(vm, a, 2),
    });
}

fn part(vm: &mut Vm, args: Args<'_>, which: usize) -> PyResult<Value> {
    let s = noargs(vm, args, "slice.attr")?;
    match as_slice(s) {
        Some((a, b, c)) => Ok([a, b, c][which].clone()),
        None => Err(vm.type_error("descriptor requires a 'slice' object")),
    }
}

fn slice_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("slice() takes no keyword arguments"));
    }
    let rest = &args.positional()[1..];
    match rest {
        [] => Err(vm.type_error("slice expected at least 1 argument, got 0")),
        [stop] => Ok(new_slice(Value::None, stop.clone(), Value::None)),
        [start, stop] => Ok(new_slice(start.clone(), stop.clone(), Value::None)),
        [start, stop, step] => Ok(new_slice(start.clone(), stop.clone(), step.clone())),
        more => Err(vm.type_error(format!(
            "slice expected at most 3 arguments, got {}",
            more.len()
        ))),
    }
}

fn slice_indices(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, len) = one_arg(vm, args, "slice.indices")?;
    let len = index_value(vm, len)?;
    let len = match len {
        Value::Int(i) if i >= 0 => i as usize,
        Value::Int(_) => return Err(value_error(vm, "length should not be negative")),
        _ => {
            let big = match &len {
                Value::BigInt(b) => (**b).clone(),
                _ => BigInt::zero(),
            };
            if big.is_negative() {
                return Err(value_error(vm, "length should not be negative"));
            }
            usize::MAX >> 1
        }
    };
    let (start, stop, step, _) = indices(vm, s, len)?;
    Ok(Value::tuple(vec![
        Value::Int(start),
        Value::Int(stop),
        Value::Int(step),
    ]))
}

fn slice_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let s = noargs(vm, args, "slice.__repr__")?;
    let Some((a, b, c)) = as_slice(s) else {
        return Err(vm.type_error("descriptor requires a 'slice' object"));
    };
    let (a, b, c) = (a.clone(), b.clone(), c.clone());
    let parts = [vm.repr(&a)?, vm.repr(&b)?, vm.repr(&c)?];
    Ok(Value::str(&format!(
        "slice({}, {}, {})",
        parts[0], parts[1], parts[2]
    )))
}

fn slice_cmp(vm: &mut Vm, args: Args<'_>, want_eq: bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "slice.__eq__")?;
    let (Some(x), Some(y)) = (as_slice(a), as_slice(b)) else {
        return NOT_IMPLEMENTED;
    };
    let x = Value::tuple(vec![x.0.clone(), x.1.clone(), x.2.clone()]);
    let y = Value::tuple(vec![y.0.clone(), y.1.clone(), y.2.clone()]);
    let eq = super::tuple::seq_eq(vm, &x, &y)?;
    Ok(Value::Bool(eq == want_eq))
}
