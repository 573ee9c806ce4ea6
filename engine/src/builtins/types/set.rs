//! `set` and `frozenset`: every method and operator, in CPython's algorithms' orders (so the
//! resulting tables iterate as CPython's do), frozenset hashing and reprs.

use super::iter::{collect, iterate, next};
use super::{arity, key_error, methods, noargs, obj, one_arg, NOT_IMPLEMENTED};
use crate::runtime::error::PyResult;
use crate::runtime::types::native::Args;
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::set::PySet;
use crate::runtime::value::Value;
use crate::vm::Vm;

/// The table of a set or frozenset value.
pub fn as_set(v: &Value) -> Option<&PySet> {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::Set(s) | ObjKind::FrozenSet(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

fn is_frozen(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, ObjKind::FrozenSet(_) | ObjKind::FrozenSetConst(_)))
}

pub fn new_set(s: PySet) -> Value {
    obj(ObjKind::Set(s))
}

pub fn new_frozenset(s: PySet) -> Value {
    obj(ObjKind::FrozenSet(s))
}

/// A compiler-made constant frozenset as a real one.
pub fn to_frozenset(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::FrozenSetConst(items) => {
                // CPython's compiler builds the constant from the display's items, then
                // rebuilds it from that set's iteration order when merging constants.
                let first = PySet::new();
                for item in items.clone() {
                    first.add(vm, item)?;
                }
                let s = PySet::new();
                for item in first.to_vec() {
                    s.add(vm, item)?;
                }
                Ok(new_frozenset(s))
            }
            _ => Ok(v.clone()),
        },
        _ => Ok(v.clone()),
    }
}

/// `set_update_internal`: sets merge table to table, dicts add keys with known hashes,
/// anything else is iterated.
pub fn update(vm: &mut Vm, s: &PySet, other: &Value) -> PyResult<()> {
    let other = to_frozenset(vm, other)?;
    if let Some(o) = as_set(&other) {
        return s.update_from_set(vm, o);
    }
    if let Value::Dict(d) = &other {
        let items: Vec<(Value, i64)> = d
            .entries()
            .iter()
            .filter(|e| !e.key.is_null())
            .map(|e| (e.key.clone(), e.hash))
            .collect();
        return s.update_from_hashed(vm, items);
    }
    let it = iterate(vm, &other)?;
    while let Some(x) = next(vm, &it)? {
        s.add(vm, x)?;
    }
    Ok(())
}

/// A new table holding the members of any iterable.
pub fn set_from(vm: &mut Vm, v: &Value) -> PyResult<PySet> {
    let s = PySet::new();
    update(vm, &s, v)?;
    Ok(s)
}

/// The other operand of a set operator: only sets and frozensets (else NotImplemented).
fn operand(vm: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    let v = to_frozenset(vm, v)?;
    Ok(as_set(&v).is_some().then_some(v))
}

/// A result of the receiver's kind (set or frozenset).
fn same_kind(receiver: &Value, s: PySet) -> Value {
    if is_frozen(receiver) {
        new_frozenset(s)
    } else {
        new_set(s)
    }
}

fn this(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let v = to_frozenset(vm, v)?;
    if as_set(&v).is_none() {
        let t = vm.type_name(&v);
        return Err(vm.type_error(format!(
            "descriptor requires a 'set' object but received a '{t}'"
        )));
    }
    Ok(v)
}

fn table(v: &Value) -> &PySet {
    as_set(v).expect("checked by this()")
}

/// `a & b`: iterates the smaller operand, as CPython's `set_intersection`.
fn intersection(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<PySet> {
    let result = PySet::new();
    if let Some(bs) = as_set(b) {
        let a_s = table(a);
        let (small, large) = if a_s.len() > bs.len() {
            (bs, a_s)
        } else {
            (a_s, bs)
        };
        for (key, hash) in small.entries() {
            if large.contains_hashed(vm, &key, hash)? {
                result.add_hashed(vm, key, hash)?;
            }
        }
        return Ok(result);
    }
    let a_s = table(a);
    let it = iterate(vm, b)?;
    while let Some(x) = next(vm, &it)? {
        let h = vm.hash_value(&x)?;
        if a_s.contains_hashed(vm, &x, h)? {
            result.add_hashed(vm, x, h)?;
        }
    }
    Ok(result)
}

/// `a - b` (`set_difference`).
fn difference(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<PySet> {
    let a_s = table(a);
    let other = match as_set(b) {
        Some(_) => b.clone(),
        None => new_set(set_from(vm, b)?),
    };
    let bs = table(&other);
    let result = PySet::new();
    for (key, hash) in a_s.entries() {
        if !bs.contains_hashed(vm, &key, hash)? {
            result.add_hashed(vm, key, hash)?;
        }
    }
    Ok(result)
}

/// `a ^ b`: a copy of `b` updated symmetrically with `a` (`set_symmetric_difference`).
fn symmetric_difference(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<PySet> {
    let result = set_from(vm, b)?;
    symmetric_update(vm, &result, table(a))?;
    Ok(result)
}

fn symmetric_update(vm: &mut Vm, s: &PySet, other: &PySet) -> PyResult<()> {
    for (key, hash) in other.entries() {
        if !s.discard_hashed(vm, &key, hash)? {
            s.add_hashed(vm, key, hash)?;
        }
    }
    Ok(())
}

fn union(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<PySet> {
    let result = table(a).copy();
    update(vm, &result, b)?;
    Ok(result)
}

fn is_subset(vm: &mut Vm, a: &PySet, b: &PySet) -> PyResult<bool> {
    if a.len() > b.len() {
        return Ok(false);
    }
    for (key, hash) in a.entries() {
        if !b.contains_hashed(vm, &key, hash)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Hashing a set member: an unhashable set argument is looked up as a frozenset
/// (`{frozenset()} .__contains__(set())` works in CPython).
fn member_hash(vm: &mut Vm, key: &Value) -> PyResult<(Value, i64)> {
    if let Value::Object(o) = key {
        if let ObjKind::Set(s) = &o.kind {
            let f = new_frozenset(s.copy());
            let h = table(&f).frozen_hash();
            return Ok((f, h));
        }
    }
    let h = vm.hash_value(key)?;
    Ok((key.clone(), h))
}

pub fn install(vm: &mut Vm) {
    let set = vm.types.set.clone();
    let frozenset = vm.types.frozenset.clone();
    for class in [&set, &frozenset] {
        methods!(vm, class, "set", {
            "__len__" => |vm, a| { let v = noargs(vm, a, "set.__len__")?; let v = this(vm, v)?; Ok(Value::Int(table(&v).len() as i64)) },
            "__contains__" => |vm, a| {
                let (s, x) = one_arg(vm, a, "set.__contains__")?;
                let s = this(vm, s)?;
                let (x, h) = member_hash(vm, x)?;
                Ok(Value::Bool(table(&s).contains_hashed(vm, &x, h)?))
            },
            "__iter__" => |vm, a| { let v = noargs(vm, a, "set.__iter__")?.clone(); iterate(vm, &v) },
            "__or__" => |vm, a| setop(vm, a, union, false),
            "__ror__" => |vm, a| setop(vm, a, union, true),
            "__and__" => |vm, a| setop(vm, a, intersection, false),
            "__rand__" => |vm, a| setop(vm, a, intersection, true),
            "__sub__" => |vm, a| setop(vm, a, difference, false),
            "__rsub__" => |vm, a| setop(vm, a, difference, true),
            "__xor__" => |vm, a| setop(vm, a, symmetric_difference, false),
            "__rxor__" => |vm, a| setop(vm, a, symmetric_difference, true),
            "__eq__" => |vm, a| compare(vm, a, 0),
            "__ne__" => |vm, a| compare(vm, a, 1),
            "__le__" => |vm, a| compare(vm, a, 2),
            "__lt__" => |vm, a| compare(vm, a, 3),
            "__ge__" => |vm, a| compare(vm, a, 4),
            "__gt__" => |vm, a| compare(vm, a, 5),
            "__repr__" => set_repr,
            "copy" => |vm, a| {
                let v = noargs(vm, a, "set.copy")?;
                let v = this(vm, v)?;
                if is_frozen(&v) { return Ok(v); }
                Ok(new_set(table(&v).copy()))
            },
            "union" => |vm, a| multi(vm, a, "union", union),
            "intersection" => |vm, a| multi(vm, a, "intersection", intersection),
            "difference" => |vm, a| multi(vm, a, "difference", difference),
            "symmetric_difference" => |vm, a| {
                let (s, o) = one_arg(vm, a, "set.symmetric_difference")?;
                let s = this(vm, s)?;
                let o = o.clone();
                let r = symmetric_difference(vm, &s, &o)?;
                // CPython builds the result from `other` then flips; the receiver's kind wins.
                Ok(same_kind(&s, r))
            },
            "issubset" => |vm, a| {
                let (s, o) = one_arg(vm, a, "set.issubset")?;
                let s = this(vm, s)?;
                let o = match operand(vm, o)? { Some(o) => o, None => new_set(set_from(vm, o)?) };
                Ok(Value::Bool(is_subset(vm, table(&s), table(&o))?))
            },
            "issuperset" => |vm, a| {
                let (s, o) = one_arg(vm, a, "set.issuperset")?;
                let s = this(vm, s)?;
                let o = match operand(vm, o)? { Some(o) => o, None => new_set(set_from(vm, o)?) };
                Ok(Value::Bool(is_subset(vm, table(&o), table(&s))?))
            },
            "isdisjoint" => |vm, a| {
                let (s, o) = one_arg(vm, a, "set.isdisjoint")?;
                let s = this(vm, s)?;
                let o = o.clone();
                let inter = intersection(vm, &s, &o)?;
                Ok(Value::Bool(inter.is_empty()))
            },
        });
    }
    methods!(vm, set, "set", {
        "__new__" => |vm, a| {
            if !a.kwnames.is_empty() { return Err(vm.type_error("set() takes no keyword arguments")); }
            let rest = &a.positional()[1..];
            super::check_count(vm, rest.len(), "set", 0, 1)?;
            match rest.first() {
                None => Ok(new_set(PySet::new())),
                Some(v) => Ok(new_set(set_from(vm, v)?)),
            }
        },
        "__init__" => |_, _| Ok(Value::None),
        "add" => |vm, a| {
            let (s, x) = one_arg(vm, a, "set.add")?;
            let s = this_mut(vm, s)?;
            table(&s).add(vm, x.clone())?;
            Ok(Value::None)
        },
        "discard" => |vm, a| {
            let (s, x) = one_arg(vm, a, "set.discard")?;
            let s = this_mut(vm, s)?;
            let (x, h) = member_hash(vm, x)?;
            table(&s).discard_hashed(vm, &x, h)?;
            Ok(Value::None)
        },
        "remove" => |vm, a| {
            let (s, x) = one_arg(vm, a, "set.remove")?;
            let s = this_mut(vm, s)?;
            let (k, h) = member_hash(vm, x)?;
            if !table(&s).discard_hashed(vm, &k, h)? {
                return Err(key_error(vm, x.clone()));
            }
            Ok(Value::None)
        },
        "pop" => |vm, a| {
            let v = noargs(vm, a, "set.pop")?;
            let s = this_mut(vm, v)?;
            match table(&s).pop() {
                Some(x) => Ok(x),
                None => Err(key_error(vm, Value::str("pop from an empty set"))),
            }
        },
        "clear" => |vm, a| { let v = noargs(vm, a, "set.clear")?; let s = this_mut(vm, v)?; table(&s).clear(); Ok(Value::None) },
        "update" => |vm, a| {
            let (s, rest) = arity(vm, a, "set.update", 0, usize::MAX)?;
            let s = this_mut(vm, s)?;
            for o in rest { update(vm, table(&s), o)?; }
            Ok(Value::None)
        },
        "intersection_update" => |vm, a| inplace_multi(vm, a, "intersection_update", intersection),
        "difference_update" => |vm, a| inplace_multi(vm, a, "difference_update", difference),
        "symmetric_difference_update" => |vm, a| {
            let (s, o) = one_arg(vm, a, "set.symmetric_difference_update")?;
            let s = this_mut(vm, s)?;
            let o = match operand(vm, o)? { Some(o) => o, None => new_set(set_from(vm, o)?) };
            symmetric_update(vm, table(&s), table(&o))?;
            Ok(Value::None)
        },
        "__ior__" => |vm, a| inplace_op(vm, a, 0),
        "__iand__" => |vm, a| inplace_op(vm, a, 1),
        "__isub__" => |vm, a| inplace_op(vm, a, 2),
        "__ixor__" => |vm, a| inplace_op(vm, a, 3),
    });
    super::add_attr(vm, &set, "__hash__", Value::None);
    methods!(vm, frozenset, "frozenset", {
        "__new__" => |vm, a| {
            if !a.kwnames.is_empty() { return Err(vm.type_error("frozenset() takes no keyword arguments")); }
            let rest = &a.positional()[1..];
            super::check_count(vm, rest.len(), "frozenset", 0, 1)?;
            match rest.first() {
                None => Ok(new_frozenset(PySet::new())),
                Some(v) if is_frozen(v) => to_frozenset(vm, v),
                Some(v) => Ok(new_frozenset(set_from(vm, v)?)),
            }
        },
        "__hash__" => |vm, a| {
            let v = noargs(vm, a, "frozenset.__hash__")?;
            let v = this(vm, v)?;
            Ok(Value::Int(table(&v).frozen_hash()))
        },
    });
}

fn this_mut(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::Object(o) if matches!(o.kind, ObjKind::Set(_)) => Ok(v.clone()),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor requires a 'set' object but received a '{t}'"
            )))
        }
    }
}

type SetOp = fn(&mut Vm, &Value, &Value) -> PyResult<PySet>;

fn setop(vm: &mut Vm, args: Args<'_>, op: SetOp, reflected: bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "set.__op__")?;
    let a = this(vm, a)?;
    let Some(b) = operand(vm, b)? else {
        return NOT_IMPLEMENTED;
    };
    let (x, y) = if reflected { (&b, &a) } else { (&a, &b) };
    let r = op(vm, x, y)?;
    Ok(same_kind(x, r))
}

fn multi(vm: &mut Vm, args: Args<'_>, _name: &str, op: SetOp) -> PyResult<Value> {
    let (s, rest) = arity(vm, args, "set.op", 0, usize::MAX)?;
    let s = this(vm, s)?;
    let mut acc = same_kind(&s, table(&s).copy());
    for o in rest {
        let r = op(vm, &acc, o)?;
        acc = same_kind(&s, r);
    }
    Ok(acc)
}

fn inplace_multi(vm: &mut Vm, args: Args<'_>, _name: &str, op: SetOp) -> PyResult<Value> {
    let (s, rest) = arity(vm, args, "set.op", 0, usize::MAX)?;
    let s = this_mut(vm, s)?;
    for o in rest {
        let r = op(vm, &s, o)?;
        replace(vm, &s, r)?;
    }
    Ok(Value::None)
}

/// Makes `target`'s members those of `r`.
fn replace(vm: &mut Vm, target: &Value, r: PySet) -> PyResult<()> {
    let t = table(target);
    t.clear();
    t.update_from_set(vm, &r)
}

fn inplace_op(vm: &mut Vm, args: Args<'_>, which: u8) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "set.__iop__")?;
    let s = this_mut(vm, a)?;
    let Some(b) = operand(vm, b)? else {
        return NOT_IMPLEMENTED;
    };
    match which {
        0 => update(vm, table(&s), &b)?,
        1 => {
            let r = intersection(vm, &s, &b)?;
            replace(vm, &s, r)?;
        }
        2 => {
            let entries = table(&b).entries();
            for (key, hash) in entries {
                table(&s).discard_hashed(vm, &key, hash)?;
            }
        }
        _ => symmetric_update(vm, table(&s), table(&b))?,
    }
    Ok(s)
}

fn compare(vm: &mut Vm, args: Args<'_>, op: u8) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "set.__cmp__")?;
    let a = this(vm, a)?;
    let Some(b) = operand(vm, b)? else {
        return NOT_IMPLEMENTED;
    };
    let (x, y) = (table(&a), table(&b));
    let r = match op {
        0 => x.len() == y.len() && is_subset(vm, x, y)?,
        1 => !(x.len() == y.len() && is_subset(vm, x, y)?),
        2 => is_subset(vm, x, y)?,
        3 => x.len() < y.len() && is_subset(vm, x, y)?,
        4 => is_subset(vm, y, x)?,
        _ => x.len() > y.len() && is_subset(vm, y, x)?,
    };
    Ok(Value::Bool(r))
}

fn set_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = noargs(vm, args, "set.__repr__")?.clone();
    let s = this(vm, &v)?;
    let items = table(&s).to_vec();
    let frozen = is_frozen(&s);
    let name = vm.type_name(&s);
    if items.is_empty() {
        return Ok(Value::str(&format!("{name}()")));
    }
    let ptr = v.heap_ptr().unwrap_or(0);
    if !super::repr_guard::enter(ptr) {
        return Ok(Value::str(&format!("{name}(...)")));
    }
    let inner = super::tuple::join_reprs(vm, &items);
    super::repr_guard::leave(ptr);
    let inner = format!("{{{}}}", inner?);
    Ok(Value::str(&if frozen || name != "set" {
        format!("{name}({inner})")
    } else {
        inner
    }))
}

/// Members of a dict view as a new set (for `keys() & other` and friends).
pub fn view_to_set(vm: &mut Vm, v: &Value) -> PyResult<PySet> {
    let items = collect(vm, v)?;
    let s = PySet::new();
    for x in items {
        s.add(vm, x)?;
    }
    Ok(s)
}
