//! `tuple`, plus the sequence helpers `list` shares: element-wise equality, lexicographic
//! comparison, repr, `index`/`count`, repetition counts.

use super::iter::{collect, iterate};
use super::{arity, methods, noargs, one_arg, repr_guard, seq_index, value_error, NOT_IMPLEMENTED};
use crate::bytecode::Comparison;
use crate::runtime::error::PyResult;
use crate::runtime::types::list::PyList;
use crate::runtime::types::native::Args;
use crate::runtime::value::Value;
use crate::vm::Vm;

/// The items of a tuple or list (a snapshot: comparisons may run Python code).
pub fn seq_items(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Tuple(t) => Some(t.items().to_vec()),
        Value::List(l) => Some(l.to_vec()),
        _ => None,
    }
}

/// `a == b` for two sequences of the same type.
pub fn seq_eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let (Some(x), Some(y)) = (seq_items(a), seq_items(b)) else {
        return Ok(false);
    };
    if x.len() != y.len() {
        return Ok(false);
    }
    for (p, q) in x.iter().zip(&y) {
        if !super::eq(vm, p, q)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Lexicographic rich comparison (CPython's `list_richcompare` / `tuplerichcompare`).
pub fn seq_compare(vm: &mut Vm, x: &[Value], y: &[Value], op: Comparison) -> PyResult<Value> {
    let mut i = 0;
    while i < x.len() && i < y.len() {
        if !super::eq(vm, &x[i], &y[i])? {
            break;
        }
        i += 1;
    }
    if i >= x.len() || i >= y.len() {
        let (a, b) = (x.len(), y.len());
        return Ok(Value::Bool(match op {
            Comparison::Less => a < b,
            Comparison::LessEqual => a <= b,
            Comparison::Equal => a == b,
            Comparison::NotEqual => a != b,
            Comparison::Greater => a > b,
            Comparison::GreaterEqual => a >= b,
        }));
    }
    match op {
        Comparison::Equal => Ok(Value::Bool(false)),
        Comparison::NotEqual => Ok(Value::Bool(true)),
        _ => vm.compare(&x[i], &y[i], op),
    }
}

/// Lexicographic rich comparison of two lists (`list_richcompare`): the items are read live,
/// with the lengths re-checked after every comparison (an `__eq__` may mutate either list).
pub fn list_compare(vm: &mut Vm, a: &PyList, b: &PyList, op: Comparison) -> PyResult<Value> {
    if matches!(op, Comparison::Equal | Comparison::NotEqual) && a.len() != b.len() {
        return Ok(Value::Bool(op == Comparison::NotEqual));
    }
    let mut i = 0;
    loop {
        let (Some(x), Some(y)) = (a.get(i), b.get(i)) else {
            break;
        };
        if !super::eq(vm, &x, &y)? {
            return match op {
                Comparison::Equal => Ok(Value::Bool(false)),
                Comparison::NotEqual => Ok(Value::Bool(true)),
                _ => vm.compare(&x, &y, op),
            };
        }
        i += 1;
    }
    let (a, b) = (a.len(), b.len());
    Ok(Value::Bool(match op {
        Comparison::Less => a < b,
        Comparison::LessEqual => a <= b,
        Comparison::Equal => a == b,
        Comparison::NotEqual => a != b,
        Comparison::Greater => a > b,
        Comparison::GreaterEqual => a >= b,
    }))
}

/// `repr` of items between `open` and `close`, with the recursion guard (`[...]`).
pub fn seq_repr(
    vm: &mut Vm,
    v: &Value,
    items: &[Value],
    open: &str,
    close: &str,
) -> PyResult<Value> {
    let ptr = v.heap_ptr().unwrap_or(0);
    if !repr_guard::enter(ptr) {
        return Ok(Value::str(&format!("{open}...{close}")));
    }
    let mut out = String::from(open);
    let mut result = Ok(());
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match vm.repr(item) {
            Ok(r) => out.push_str(&r),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    repr_guard::leave(ptr);
    result?;
    out.push_str(close);
    Ok(Value::str(&out))
}

/// The reprs of `items` joined by ", ".
pub fn join_reprs(vm: &mut Vm, items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&vm.repr(item)?);
    }
    Ok(out)
}

/// A repeat count for `seq * n` (`None`: not an int, so NotImplemented).
pub fn repeat_count(vm: &mut Vm, n: &Value) -> PyResult<Option<usize>> {
    if !super::is_index(vm, n) {
        return Ok(None);
    }
    match super::index_value(vm, n)? {
        Value::Int(i) => Ok(Some(i.max(0) as usize)),
        Value::BigInt(b) if b.sign() == num_bigint::Sign::Minus => Ok(Some(0)),
        _ => Err(super::overflow_error(
            vm,
            "cannot fit 'int' into an index-sized integer",
        )),
    }
}

/// Raises CPython's message for `seq * float` (user classes get NotImplemented so their
/// `__rmul__` can run).
pub fn bad_repeat(vm: &mut Vm, n: &Value) -> PyResult<Value> {
    if matches!(n, Value::Instance(_)) {
        return NOT_IMPLEMENTED;
    }
    let t = vm.type_name(n);
    Err(vm.type_error(format!("can't multiply sequence by non-int of type '{t}'")))
}

/// `start`/`stop` arguments of `index` (clamped like slice bounds).
pub fn search_bounds(vm: &mut Vm, rest: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let clamp = |i: i64| -> usize {
        if i < 0 {
            (i + len as i64).max(0) as usize
        } else {
            (i as usize).min(len)
        }
    };
    let get = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None => Ok(default),
            Some(v) => match super::index_value(vm, v)? {
                Value::Int(i) => Ok(i),
                Value::BigInt(b) => Ok(if b.sign() == num_bigint::Sign::Minus {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                }),
                _ => Ok(default),
            },
        }
    };
    let start = get(vm, rest.get(1), 0)?;
    let stop = get(vm, rest.get(2), len as i64)?;
    Ok((clamp(start), clamp(stop)))
}

fn this(vm: &mut Vm, v: &Value) -> PyResult<std::rc::Rc<crate::runtime::types::tuple::PyTuple>> {
    match v {
        Value::Tuple(t) => Ok(t.clone()),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor requires a 'tuple' object but received a '{t}'"
            )))
        }
    }
}

pub fn install(vm: &mut Vm) {
    let tuple = vm.types.tuple.clone();
    methods!(vm, tuple, "tuple", {
        "__new__" => tuple_new,
        "__len__" => |vm, a| { let v = noargs(vm, a, "tuple.__len__")?; let t = this(vm, v)?; Ok(Value::Int(t.len() as i64)) },
        "__getitem__" => tuple_getitem,
        "__contains__" => |vm, a| {
            let (t, x) = one_arg(vm, a, "tuple.__contains__")?;
            let t = this(vm, t)?;
            let x = x.clone();
            for item in t.items() {
                if super::eq(vm, item, &x)? { return Ok(Value::Bool(true)); }
            }
            Ok(Value::Bool(false))
        },
        "__iter__" => |vm, a| { let v = noargs(vm, a, "tuple.__iter__")?.clone(); iterate(vm, &v) },
        "__add__" => tuple_add,
        "__mul__" => tuple_mul,
        "__rmul__" => tuple_mul,
        "__eq__" => |vm, a| compare(vm, a, Comparison::Equal),
        "__ne__" => |vm, a| compare(vm, a, Comparison::NotEqual),
        "__lt__" => |vm, a| compare(vm, a, Comparison::Less),
        "__le__" => |vm, a| compare(vm, a, Comparison::LessEqual),
        "__gt__" => |vm, a| compare(vm, a, Comparison::Greater),
        "__ge__" => |vm, a| compare(vm, a, Comparison::GreaterEqual),
        "__hash__" => |vm, a| {
            let v = noargs(vm, a, "tuple.__hash__")?;
            let t = this(vm, v)?;
            let t = Value::Tuple(t);
            Ok(Value::Int(vm.hash_value(&t)?))
        },
        "__repr__" => |vm, a| {
            let v = noargs(vm, a, "tuple.__repr__")?.clone();
            let t = this(vm, &v)?;
            if t.len() == 1 {
                let r = vm.repr(&t.items()[0])?;
                return Ok(Value::str(&format!("({r},)")));
            }
            seq_repr(vm, &v, t.items(), "(", ")")
        },
        "__getnewargs__" => |vm, a| { let v = noargs(vm, a, "tuple.__getnewargs__")?; let t = this(vm, v)?; Ok(Value::tuple(vec![Value::Tuple(t)])) },
        "index" => |vm, a| {
            let (t, rest) = arity(vm, a, "tuple.index", 1, 3)?;
            let t = this(vm, t)?;
            let (lo, hi) = search_bounds(vm, rest, t.len())?;
            for i in lo..hi.min(t.len()) {
                if super::eq(vm, &t.items()[i], &rest[0])? { return Ok(Value::Int(i as i64)); }
            }
            Err(value_error(vm, "tuple.index(x): x not in tuple"))
        },
        "count" => |vm, a| {
            let (t, x) = one_arg(vm, a, "tuple.count")?;
            let t = this(vm, t)?;
            let mut n = 0;
            for item in t.items() { if super::eq(vm, item, x)? { n += 1; } }
            Ok(Value::Int(n))
        },
    });
}

fn tuple_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("tuple() takes no keyword arguments"));
    }
    let rest = &args.positional()[1..];
    super::check_count(vm, rest.len(), "tuple", 0, 1)?;
    match rest.first() {
        None => Ok(Value::tuple(Vec::new())),
        Some(v @ Value::Tuple(_)) => Ok(v.clone()),
        Some(v) => Ok(Value::tuple(collect(vm, v)?)),
    }
}

fn tuple_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (t, key) = one_arg(vm, args, "tuple.__getitem__")?;
    let t = this(vm, t)?;
    if super::slice::as_slice(key).is_some() {
        let (start, _, step, n) = super::slice::indices(vm, key, t.len())?;
        if step == 1 && n == t.len() {
            return Ok(Value::Tuple(t));
        }
        let items = super::slice::positions(start, step, n)
            .map(|i| t.items()[i].clone())
            .collect();
        return Ok(Value::tuple(items));
    }
    if !super::is_index(vm, key) {
        let k = vm.type_name(key);
        return Err(vm.type_error(format!("tuple indices must be integers or slices, not {k}")));
    }
    match seq_index(vm, key, t.len())? {
        Some(i) => Ok(t.items()[i].clone()),
        None => Err(super::index_error(vm, "tuple index out of range")),
    }
}

fn tuple_add(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "tuple.__add__")?;
    let t = this(vm, a)?;
    match b {
        Value::Tuple(u) => {
            let mut items = t.items().to_vec();
            items.extend_from_slice(u.items());
            Ok(Value::tuple(items))
        }
        Value::Instance(_) => NOT_IMPLEMENTED,
        other => {
            let k = vm.type_name(other);
            Err(vm.type_error(format!("can only concatenate tuple (not \"{k}\") to tuple")))
        }
    }
}

fn tuple_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, n) = one_arg(vm, args, "tuple.__mul__")?;
    let t = this(vm, a)?;
    let Some(n) = repeat_count(vm, n)? else {
        return bad_repeat(vm, n);
    };
    if n == 1 {
        return Ok(Value::Tuple(t));
    }
    if t.len()
        .checked_mul(n)
        .is_none_or(|total| total > isize::MAX as usize / 16)
    {
        return Err(super::named_error(vm, "MemoryError", ""));
    }
    let mut items = Vec::with_capacity(t.len() * n);
    for _ in 0..n {
        items.extend_from_slice(t.items());
    }
    Ok(Value::tuple(items))
}

fn compare(vm: &mut Vm, args: Args<'_>, op: Comparison) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "tuple.__cmp__")?;
    // The other operand may be an instance of a tuple subclass (named tuples).
    let b = crate::vm::subclass::builtin_payload(b).unwrap_or(b);
    let (Value::Tuple(x), Value::Tuple(y)) = (a, b) else {
        return NOT_IMPLEMENTED;
    };
    seq_compare(vm, x.items(), y.items(), op)
}
