//! `dict` and its views: lookup and mutation methods, `update`'s three argument forms with
//! CPython's messages, `|`/`|=`, equality, repr with `{...}` recursion, and the
//! `keys()`/`values()`/`items()` views with their set operations.

use super::iter::{collect, dict_iter, iterate, new_iter, next, DictPart, TypeIter};
use super::{add_native, arity, key_error, methods, noargs, one_arg, repr_guard, NOT_IMPLEMENTED};
use crate::runtime::error::PyResult;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::native::{Args, NativeKind};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

fn this(vm: &mut Vm, v: &Value) -> PyResult<Rc<PyDict>> {
    match v {
        Value::Dict(d) => Ok(d.clone()),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor requires a 'dict' object but received a '{t}'"
            )))
        }
    }
}

/// Live `(key, value, hash)` entries in order.
pub fn entries(d: &PyDict) -> Vec<(Value, Value, i64)> {
    d.entries()
        .iter()
        .filter(|e| !e.key.is_null())
        .map(|e| (e.key.clone(), e.value.clone(), e.hash))
        .collect()
}

/// `d.update(other)`: a dict, anything with `keys()`, or an iterable of pairs.
pub fn update_from(vm: &mut Vm, d: &PyDict, other: &Value) -> PyResult<()> {
    if let Value::Dict(o) = other {
        for (k, v, h) in entries(o) {
            d.set_hashed(vm, k, h, v)?;
        }
        return Ok(());
    }
    if let Some(keys) = super::lookup_dunder(vm, other, "keys") {
        let ks = vm.call(&keys, std::slice::from_ref(other))?;
        let ks = collect(vm, &ks)?;
        for k in ks {
            let v = subscript(vm, other, &k)?;
            d.set(vm, k, v)?;
        }
        return Ok(());
    }
    let it = iterate(vm, other)?;
    let mut n = 0;
    while let Some(item) = next(vm, &it)? {
        let pair = match &item {
            Value::Tuple(t) => t.items().to_vec(),
            Value::List(l) => l.to_vec(),
            other => match iterate(vm, other) {
                Ok(_) => collect(vm, other)?,
                Err(_) => {
                    return Err(vm.type_error(format!(
                        "cannot convert dictionary update sequence element #{n} to a sequence"
                    )))
                }
            },
        };
        if pair.len() != 2 {
            return Err(super::value_error(
                vm,
                format!(
                    "dictionary update sequence element #{n} has length {}; 2 is required",
                    pair.len()
                ),
            ));
        }
        let mut pair = pair.into_iter();
        let (k, v) = (
            pair.next().unwrap_or_default(),
            pair.next().unwrap_or_default(),
        );
        d.set(vm, k, v)?;
        n += 1;
    }
    Ok(())
}

fn subscript(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Value> {
    if let Value::Dict(d) = obj {
        return match d.get(vm, key)? {
            Some(v) => Ok(v),
            None => Err(key_error(vm, key.clone())),
        };
    }
    match super::call_dunder(vm, obj, "__getitem__", std::slice::from_ref(key))? {
        Some(v) => Ok(v),
        None => {
            let t = vm.type_name(obj);
            Err(vm.type_error(format!("'{t}' object is not subscriptable")))
        }
    }
}

fn dict_eq(vm: &mut Vm, a: &PyDict, b: &PyDict) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (k, v, h) in entries(a) {
        match b.get_hashed(vm, &k, h)? {
            Some(w) => {
                if !super::eq(vm, &v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

fn view(d: Rc<PyDict>, part: DictPart) -> Value {
    new_iter(TypeIter::DictView { dict: d, part })
}

pub fn install(vm: &mut Vm) {
    let dict = vm.types.dict.clone();
    methods!(vm, dict, "dict", {
        "__new__" => dict_new,
        "__init__" => |_, _| Ok(Value::None),
        "__len__" => |vm, a| { let v = noargs(vm, a, "dict.__len__")?; let d = this(vm, v)?; Ok(Value::Int(d.len() as i64)) },
        "__getitem__" => |vm, a| {
            let (d, k) = one_arg(vm, a, "dict.__getitem__")?;
            let dv = d.clone();
            let d = this(vm, d)?;
            match d.get(vm, k)? {
                Some(v) => Ok(v),
                None => {
                    if let Some(r) = super::call_dunder(vm, &dv, "__missing__", std::slice::from_ref(k))? {
                        return Ok(r);
                    }
                    Err(key_error(vm, k.clone()))
                }
            }
        },
        "__setitem__" => |vm, a| {
            let (d, rest) = arity(vm, a, "dict.__setitem__", 2, 2)?;
            let d = this(vm, d)?;
            d.set(vm, rest[0].clone(), rest[1].clone())?;
            Ok(Value::None)
        },
        "__delitem__" => |vm, a| {
            let (d, k) = one_arg(vm, a, "dict.__delitem__")?;
            let d = this(vm, d)?;
            match d.remove(vm, k)? {
                Some(old) => { drop(old); Ok(Value::None) }
                None => Err(key_error(vm, k.clone())),
            }
        },
        "__contains__" => |vm, a| {
            let (d, k) = one_arg(vm, a, "dict.__contains__")?;
            let d = this(vm, d)?;
            Ok(Value::Bool(d.get(vm, k)?.is_some()))
        },
        "__iter__" => |vm, a| { let v = noargs(vm, a, "dict.__iter__")?; let d = this(vm, v)?; Ok(dict_iter(d, DictPart::Keys, false)) },
        "__reversed__" => |vm, a| { let v = noargs(vm, a, "dict.__reversed__")?; let d = this(vm, v)?; Ok(dict_iter(d, DictPart::Keys, true)) },
        "__eq__" => |vm, a| cmp(vm, a, true),
        "__ne__" => |vm, a| cmp(vm, a, false),
        "__or__" => |vm, a| {
            let (d, o) = one_arg(vm, a, "dict.__or__")?;
            let d = this(vm, d)?;
            let Value::Dict(o) = o else { return NOT_IMPLEMENTED };
            let r = d.copy();
            update_from(vm, &r, &Value::Dict(o.clone()))?;
            Ok(Value::Dict(Rc::new(r)))
        },
        "__ror__" => |vm, a| {
            let (d, o) = one_arg(vm, a, "dict.__ror__")?;
            let d = this(vm, d)?;
            let Value::Dict(o) = o else { return NOT_IMPLEMENTED };
            let r = o.copy();
            update_from(vm, &r, &Value::Dict(d))?;
            Ok(Value::Dict(Rc::new(r)))
        },
        "__ior__" => |vm, a| {
            let (d, o) = one_arg(vm, a, "dict.__ior__")?;
            let dv = this(vm, d)?;
            update_from(vm, &dv, o)?;
            Ok(Value::Dict(dv))
        },
        "__repr__" => dict_repr,
        "keys" => |vm, a| { let v = noargs(vm, a, "dict.keys")?; let d = this(vm, v)?; Ok(view(d, DictPart::Keys)) },
        "values" => |vm, a| { let v = noargs(vm, a, "dict.values")?; let d = this(vm, v)?; Ok(view(d, DictPart::Values)) },
        "items" => |vm, a| { let v = noargs(vm, a, "dict.items")?; let d = this(vm, v)?; Ok(view(d, DictPart::Items)) },
        "get" => |vm, a| {
            let (d, rest) = arity(vm, a, "dict.get", 1, 2)?;
            let d = this(vm, d)?;
            Ok(d.get(vm, &rest[0])?.unwrap_or_else(|| rest.get(1).cloned().unwrap_or(Value::None)))
        },
        "setdefault" => |vm, a| {
            let (d, rest) = arity(vm, a, "dict.setdefault", 1, 2)?;
            let d = this(vm, d)?;
            if let Some(v) = d.get(vm, &rest[0])? { return Ok(v); }
            let default = rest.get(1).cloned().unwrap_or(Value::None);
            d.set(vm, rest[0].clone(), default.clone())?;
            Ok(default)
        },
        "pop" => |vm, a| {
            let (d, rest) = arity(vm, a, "dict.pop", 1, 2)?;
            let d = this(vm, d)?;
            match d.remove(vm, &rest[0])? {
                Some(v) => Ok(v),
                None => match rest.get(1) {
                    Some(default) => Ok(default.clone()),
                    None => Err(key_error(vm, rest[0].clone())),
                },
            }
        },
        "popitem" => |vm, a| {
            let v = noargs(vm, a, "dict.popitem")?;
            let d = this(vm, v)?;
            let mut i = d.dense_len();
            while i > 0 {
                i -= 1;
                if let Some((k, v)) = d.entry_at(i) {
                    d.remove(vm, &k)?;
                    return Ok(Value::tuple(vec![k, v]));
                }
            }
            Err(key_error(vm, Value::str("popitem(): dictionary is empty")))
        },
        "update" => |vm, a| {
            let positional = a.positional();
            let Some(d) = positional.first() else { return Err(vm.type_error("descriptor 'update' of 'dict' object needs an argument")) };
            let d = this(vm, d)?;
            super::check_count(vm, positional.len() - 1, "update", 0, 1)?;
            if let Some(o) = positional.get(1) { update_from(vm, &d, o)?; }
            for (k, v) in a.keywords() {
                d.set(vm, Value::str(k), v.clone())?;
            }
            Ok(Value::None)
        },
        "copy" => |vm, a| { let v = noargs(vm, a, "dict.copy")?; let d = this(vm, v)?; Ok(Value::Dict(Rc::new(d.copy()))) },
        "clear" => |vm, a| { let v = noargs(vm, a, "dict.clear")?; let d = this(vm, v)?; d.clear(); Ok(Value::None) },
    });
    add_native(
        vm,
        &dict,
        "fromkeys",
        "dict.fromkeys",
        dict_fromkeys,
        NativeKind::ClassMethod,
    );
    super::add_attr(vm, &dict, "__hash__", Value::None);

    for (class, name) in [
        (vm.types.dict_keys.clone(), "dict_keys"),
        (vm.types.dict_values.clone(), "dict_values"),
        (vm.types.dict_items.clone(), "dict_items"),
    ] {
        methods!(vm, class, "dict_view", {
            "__len__" => |vm, a| { let v = noargs(vm, a, "__len__")?; let (d, _) = view_parts(vm, v)?; Ok(Value::Int(d.len() as i64)) },
            "__iter__" => |vm, a| { let v = noargs(vm, a, "__iter__")?; let (d, p) = view_parts(vm, v)?; Ok(dict_iter(d, p, false)) },
            "__reversed__" => |vm, a| { let v = noargs(vm, a, "__reversed__")?; let (d, p) = view_parts(vm, v)?; Ok(dict_iter(d, p, true)) },
            "__contains__" => view_contains,
            "__repr__" => view_repr,
        });
        if name != "dict_values" {
            methods!(vm, class, "dict_view", {
                "__and__" => |vm, a| view_setop(vm, a, "__and__", false),
                "__rand__" => |vm, a| view_setop(vm, a, "__and__", true),
                "__or__" => |vm, a| view_setop(vm, a, "__or__", false),
                "__ror__" => |vm, a| view_setop(vm, a, "__or__", true),
                "__sub__" => |vm, a| view_setop(vm, a, "__sub__", false),
                "__rsub__" => |vm, a| view_setop(vm, a, "__sub__", true),
                "__xor__" => |vm, a| view_setop(vm, a, "__xor__", false),
                "__rxor__" => |vm, a| view_setop(vm, a, "__xor__", true),
                "__eq__" => |vm, a| view_setop(vm, a, "__eq__", false),
                "__ne__" => |vm, a| view_setop(vm, a, "__ne__", false),
                "__le__" => |vm, a| view_setop(vm, a, "__le__", false),
                "__lt__" => |vm, a| view_setop(vm, a, "__lt__", false),
                "__ge__" => |vm, a| view_setop(vm, a, "__ge__", false),
                "__gt__" => |vm, a| view_setop(vm, a, "__gt__", false),
                "isdisjoint" => |vm, a| {
                    let (v, o) = one_arg(vm, a, "isdisjoint")?;
                    let (v, o) = (v.clone(), o.clone());
                    for x in collect(vm, &o)? {
                        if view_has(vm, &v, &x)? { return Ok(Value::Bool(false)); }
                    }
                    Ok(Value::Bool(true))
                },
            });
            super::add_attr(vm, &class, "__hash__", Value::None);
        }
    }
}

fn view_parts(vm: &mut Vm, v: &Value) -> PyResult<(Rc<PyDict>, DictPart)> {
    if let Value::Object(o) = v {
        if let ObjKind::TypeIter(TypeIter::DictView { dict, part }) = &o.kind {
            return Ok((dict.clone(), *part));
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(format!(
        "descriptor requires a dict view but received a '{t}'"
    )))
}

fn view_has(vm: &mut Vm, v: &Value, x: &Value) -> PyResult<bool> {
    let (d, part) = view_parts(vm, v)?;
    match part {
        DictPart::Keys => Ok(d.get(vm, x)?.is_some()),
        DictPart::Items => {
            let Value::Tuple(t) = x else { return Ok(false) };
            let [k, want] = t.items() else {
                return Ok(false);
            };
            match d.get(vm, k)? {
                Some(found) => super::eq(vm, &found, want),
                None => Ok(false),
            }
        }
        DictPart::Values => {
            for (_, v, _) in entries(&d) {
                if super::eq(vm, &v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

fn view_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (v, x) = one_arg(vm, args, "__contains__")?;
    Ok(Value::Bool(view_has(vm, v, x)?))
}

fn view_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = noargs(vm, args, "__repr__")?.clone();
    let (d, _) = view_parts(vm, &v)?;
    let name = vm.type_name(&v);
    let ptr = Rc::as_ptr(&d) as usize;
    if !repr_guard::enter(ptr) {
        return Ok(Value::str("..."));
    }
    let items = collect(vm, &v);
    let r = items.and_then(|items| super::tuple::join_reprs(vm, &items));
    repr_guard::leave(ptr);
    Ok(Value::str(&format!("{name}([{}])", r?)))
}

/// Set operations on key and item views go through sets, as CPython's `dictviews_*` do.
fn view_setop(vm: &mut Vm, args: Args<'_>, op: &str, reflected: bool) -> PyResult<Value> {
    let (v, o) = one_arg(vm, args, "view op")?;
    let is_setlike = |x: &Value| {
        super::set::as_set(x).is_some()
            || matches!(x, Value::Object(ob) if matches!(&ob.kind, ObjKind::TypeIter(TypeIter::DictView { part, .. }) if *part != DictPart::Values))
    };
    if op.starts_with("__e")
        || op.starts_with("__n")
        || op.starts_with("__l")
        || op.starts_with("__g")
    {
        if !is_setlike(o) {
            return NOT_IMPLEMENTED;
        }
        let a = super::set::new_set(super::set::view_to_set(vm, v)?);
        let b = super::set::new_set(super::set::set_from(vm, o)?);
        let f = super::lookup_dunder(vm, &a, op).unwrap_or(Value::None);
        return vm.call(&f, &[a, b]);
    }
    if super::iter::iterate(vm, o).is_err() {
        return NOT_IMPLEMENTED;
    }
    let a = super::set::new_set(super::set::view_to_set(vm, v)?);
    let b = super::set::new_set(super::set::set_from(vm, o)?);
    let (x, y) = if reflected { (b, a) } else { (a, b) };
    let f = super::lookup_dunder(vm, &x, op).unwrap_or(Value::None);
    vm.call(&f, &[x, y])
}

fn dict_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let positional = &args.positional()[1..];
    super::check_count(vm, positional.len(), "dict", 0, 1)?;
    let d = PyDict::new();
    if let Some(o) = positional.first() {
        update_from(vm, &d, o)?;
    }
    for (k, v) in args.keywords() {
        d.set(vm, Value::str(k), v.clone())?;
    }
    Ok(Value::Dict(Rc::new(d)))
}

fn dict_fromkeys(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_cls, rest) = arity(vm, args, "dict.fromkeys", 1, 2)?;
    let value = rest.get(1).cloned().unwrap_or(Value::None);
    let d = PyDict::new();
    for k in collect(vm, &rest[0])? {
        d.set(vm, k, value.clone())?;
    }
    Ok(Value::Dict(Rc::new(d)))
}

fn cmp(vm: &mut Vm, args: Args<'_>, want: bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "dict.__eq__")?;
    let a = this(vm, a)?;
    let Value::Dict(b) = b else {
        return NOT_IMPLEMENTED;
    };
    let b = b.clone();
    Ok(Value::Bool(dict_eq(vm, &a, &b)? == want))
}

fn dict_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = noargs(vm, args, "dict.__repr__")?.clone();
    let d = this(vm, &v)?;
    let ptr = Rc::as_ptr(&d) as usize;
    if !repr_guard::enter(ptr) {
        return Ok(Value::str("{...}"));
    }
    let mut out = String::from("{");
    let mut result = Ok(());
    for (i, (k, val, _)) in entries(&d).into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match vm.repr(&k).and_then(|kr| Ok((kr, vm.repr(&val)?))) {
            Ok((kr, vr)) => {
                out.push_str(&kr);
                out.push_str(": ");
                out.push_str(&vr);
            }
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    repr_guard::leave(ptr);
    result?;
    out.push('}');
    Ok(Value::str(&out))
}
