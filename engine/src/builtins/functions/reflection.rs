//! Built-ins that inspect objects and namespaces: `isinstance`, `issubclass`, `callable`,
//! `getattr`/`setattr`/`hasattr`/`delattr`, `id`, `hash`, `vars`, `dir`, `globals`, `locals`,
//! and the one-argument `type(x)` until the type's own constructor is installed.

use super::args;
use super::iterate;
use crate::bytecode::LocalKind;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::class::PyClass;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::native::{Args, NativeFn, PyNative};
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("isinstance", builtin_isinstance),
    ("issubclass", builtin_issubclass),
    ("callable", builtin_callable),
    ("getattr", builtin_getattr),
    ("setattr", builtin_setattr),
    ("hasattr", builtin_hasattr),
    ("delattr", builtin_delattr),
    ("id", builtin_id),
    ("hash", builtin_hash),
    ("vars", builtin_vars),
    ("dir", builtin_dir),
    ("globals", builtin_globals),
    ("locals", builtin_locals),
];

/// Gives `type` a constructor (`type(x)`, `type(name, bases, dict)`) if its own module has not
/// installed one.
pub fn install_type(vm: &mut Vm) {
    let key = vm.interner.intern("__new__");
    let class = vm.types.type_.clone();
    if class.dict.get_str(&key).is_none() {
        let new = PyNative::method("type.__new__", type_new);
        class.dict.set_str(key, Value::Native(Rc::new(new)));
    }
    let or: [(&str, &'static str, NativeFn); 2] = [
        ("__or__", "type.__or__", |vm, a| type_or(vm, a, false)),
        ("__ror__", "type.__ror__", |vm, a| type_or(vm, a, true)),
    ];
    for (name, qualname, func) in or {
        let key = vm.interner.intern(name);
        class.dict.set_str(
            key,
            Value::Native(Rc::new(PyNative::method(qualname, func))),
        );
    }
}

/// `type.__or__`/`type.__ror__`: `int | None` (PEP 604), built by the bundled `types`
/// module's `UnionType`, imported on first use.
fn type_or(vm: &mut Vm, args: Args<'_>, reflected: bool) -> PyResult<Value> {
    let [a, b] = args.positional() else {
        return Err(vm.type_error("expected 1 argument"));
    };
    let (left, right) = if reflected { (b, a) } else { (a, b) };
    let types = vm.import_absolute("types")?;
    let union = vm.interner.intern("_union");
    let union = vm.get_attr(&types, &union)?;
    vm.call(&union, &[left.clone(), right.clone()])
}

fn type_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let positional = args.positional();
    match positional.get(1..).unwrap_or(&[]) {
        [v] if args.kwnames.is_empty() => Ok(Value::Class(vm.class_of(v))),
        [Value::Str(name), Value::Tuple(bases), Value::Dict(ns)] => {
            let mut classes = Vec::with_capacity(bases.len());
            for b in bases.items() {
                match b {
                    Value::Class(c) => classes.push(c.clone()),
                    other => {
                        let t = vm.type_name(other);
                        return Err(vm.type_error(format!("bases must be types, not '{t}'")));
                    }
                }
            }
            let ns = Rc::new(ns.copy());
            vm.new_class(name.clone(), classes, ns).map(Value::Class)
        }
        [_, _, _] => Err(vm.type_error("type.__new__() argument 1 must be str")),
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

fn builtin_isinstance(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [obj, cls] = args::positional(vm, &args, "isinstance", 2, 2)? else {
        unreachable!("checked: two arguments")
    };
    isinstance(vm, obj, cls, 0).map(Value::Bool)
}

fn builtin_issubclass(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [derived, cls] = args::positional(vm, &args, "issubclass", 2, 2)? else {
        unreachable!("checked: two arguments")
    };
    issubclass(vm, derived, cls, 0).map(Value::Bool)
}

/// Nesting of class tuples is bounded like CPython's recursion check.
const MAX_TUPLE_DEPTH: usize = 500;

fn too_deep(vm: &mut Vm, what: &str) -> PyErr {
    let class = vm.types.recursion_error.clone();
    vm.new_exception(
        &class,
        &format!("maximum recursion depth exceeded in {what}"),
    )
}

/// Whether `class` is a class whose metaclass is exactly `type` (no `__instancecheck__`
/// override possible).
fn plain_metaclass(class: &PyClass) -> bool {
    class.metaclass.borrow().is_none()
}

/// `isinstance(obj, cls)` (`PyObject_IsInstance`).
pub fn isinstance(vm: &mut Vm, obj: &Value, cls: &Value, depth: usize) -> PyResult<bool> {
    match cls {
        Value::Class(c) => {
            let own = vm.class_of(obj);
            if Rc::ptr_eq(&own, c) {
                return Ok(true);
            }
            if !plain_metaclass(c) {
                if let Some(check) = iterate::lookup_special(vm, cls, "__instancecheck__") {
                    if !matches!(check, Value::Native(_)) {
                        let r = iterate::call_found(
                            vm,
                            &check,
                            cls,
                            "__instancecheck__",
                            std::slice::from_ref(obj),
                        )?;
                        return vm.truthy(&r);
                    }
                }
            }
            Ok(own.is_subclass(c))
        }
        Value::Tuple(t) => {
            if depth > MAX_TUPLE_DEPTH {
                return Err(too_deep(vm, "__instancecheck__"));
            }
            let items = t.items().to_vec();
            for item in &items {
                if isinstance(vm, obj, item, depth + 1)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            if let Some(check) = iterate::lookup_special(vm, cls, "__instancecheck__") {
                if !matches!(check, Value::Native(_)) {
                    let r = iterate::call_found(
                        vm,
                        &check,
                        cls,
                        "__instancecheck__",
                        std::slice::from_ref(obj),
                    )?;
                    return vm.truthy(&r);
                }
            }
            Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
        }
    }
}

/// `issubclass(derived, cls)` (`PyObject_IsSubclass`).
pub fn issubclass(vm: &mut Vm, derived: &Value, cls: &Value, depth: usize) -> PyResult<bool> {
    if let Value::Tuple(t) = cls {
        if depth > MAX_TUPLE_DEPTH {
            return Err(too_deep(vm, "__subclasscheck__"));
        }
        let items = t.items().to_vec();
        for item in &items {
            if issubclass(vm, derived, item, depth + 1)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    let overridable = match cls {
        Value::Class(c) => !plain_metaclass(c),
        _ => true,
    };
    if overridable {
        if let Some(check) = iterate::lookup_special(vm, cls, "__subclasscheck__") {
            if !matches!(check, Value::Native(_)) {
                let r = iterate::call_found(
                    vm,
                    &check,
                    cls,
                    "__subclasscheck__",
                    std::slice::from_ref(derived),
                )?;
                return vm.truthy(&r);
            }
        }
    }
    let Value::Class(d) = derived else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    let Value::Class(c) = cls else {
        return Err(
            vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")
        );
    };
    Ok(d.is_subclass(c))
}

/// `callable(v)`.
pub fn is_callable(vm: &mut Vm, v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Native(_) | Value::Class(_) => true,
        Value::Object(o) if matches!(o.kind, ObjKind::BoundMethod { .. }) => true,
        Value::Instance(_) | Value::Object(_) => {
            iterate::lookup_special(vm, v, "__call__").is_some_and(|c| !c.is_none())
        }
        _ => false,
    }
}

fn builtin_callable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "callable")?;
    Ok(Value::Bool(is_callable(vm, v)))
}

/// The attribute name argument, interned.
fn attr_name(vm: &mut Vm, name: &Value) -> PyResult<Rc<PyStr>> {
    match name {
        Value::Str(s) => Ok(vm.interner.intern(s.as_str())),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("attribute name must be string, not '{t}'")))
        }
    }
}

fn is_attribute_error(vm: &Vm, e: &PyErr) -> bool {
    iterate::is_instance_of(vm, e, &vm.types.attribute_error)
}

fn builtin_getattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = args::positional(vm, &args, "getattr", 2, 3)?;
    let name = attr_name(vm, &values[1])?;
    match (vm.get_attr(&values[0], &name), values.get(2)) {
        (Err(e), Some(default)) if is_attribute_error(vm, &e) => Ok(default.clone()),
        (r, _) => r,
    }
}

fn builtin_setattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [obj, name, value] = args::positional(vm, &args, "setattr", 3, 3)? else {
        unreachable!("checked: three arguments")
    };
    let name = attr_name(vm, name)?;
    vm.set_attr(obj, &name, value.clone())?;
    Ok(Value::None)
}

fn builtin_hasattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [obj, name] = args::positional(vm, &args, "hasattr", 2, 2)? else {
        unreachable!("checked: two arguments")
    };
    let name = attr_name(vm, name)?;
    match vm.get_attr(obj, &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if is_attribute_error(vm, &e) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn builtin_delattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [obj, name] = args::positional(vm, &args, "delattr", 2, 2)? else {
        unreachable!("checked: two arguments")
    };
    let name = attr_name(vm, name)?;
    vm.del_attr(obj, &name)?;
    Ok(Value::None)
}

/// `id(v)`: the heap address of objects. Unboxed values get a fixed address per value in a
/// range no heap object can have (above the 47-bit user address space), so `id(1) == id(1)`
/// as with CPython's small-int cache.
pub fn id_of(v: &Value) -> i64 {
    const UNBOXED: u64 = 1 << 60;
    let id = match v {
        Value::Null | Value::None => UNBOXED,
        Value::NotImplemented => UNBOXED + 16,
        Value::Ellipsis => UNBOXED + 32,
        Value::Bool(b) => UNBOXED + 48 + 16 * u64::from(*b),
        Value::Int(i) => (1 << 61) | ((*i as u64).wrapping_mul(16) & ((1 << 60) - 1)),
        Value::Float(f) => (3 << 60) | (f.to_bits() >> 4),
        other => other.heap_ptr().unwrap_or(0) as u64,
    };
    id as i64
}

fn builtin_id(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "id")?;
    Ok(Value::Int(id_of(v)))
}

fn builtin_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "hash")?;
    vm.hash_value(v).map(Value::Int)
}

/// `vars()` / `vars(obj)`: the caller's locals, or `obj.__dict__`.
fn builtin_vars(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = args::positional(vm, &args, "vars", 0, 1)?;
    let Some(obj) = values.first() else {
        return Ok(Value::Dict(current_locals(vm)));
    };
    let key = vm.interner.intern("__dict__");
    match vm.get_attr(obj, &key) {
        Err(e) if is_attribute_error(vm, &e) => {
            Err(vm.type_error("vars() argument must have __dict__ attribute"))
        }
        r => r,
    }
}

/// `dir()` / `dir(obj)`: a sorted list of names.
fn builtin_dir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = args::positional(vm, &args, "dir", 0, 1)?;
    let names = match values.first() {
        None => dict_keys(&current_locals(vm)),
        Some(obj) => match iterate::lookup_special(vm, obj, "__dir__") {
            Some(f @ Value::Function(_)) => {
                let r = iterate::call_found(vm, &f, obj, "__dir__", &[])?;
                iterate::collect(vm, &r)?
            }
            _ => default_dir(vm, obj),
        },
    };
    let sorted = super::iteration::sort_values(vm, names, None, false).map_err(|(_, e)| e)?;
    Ok(Value::list(sorted))
}

fn dict_keys(d: &PyDict) -> Vec<Value> {
    (0..d.dense_len())
        .filter_map(|i| d.entry_at(i).map(|(k, _)| k))
        .collect()
}

/// The names `object.__dir__` / `type.__dir__` / `module.__dir__` list.
fn default_dir(vm: &mut Vm, obj: &Value) -> Vec<Value> {
    let mut names: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |keys: Vec<Value>, names: &mut Vec<Value>| {
        for k in keys {
            let text = match &k {
                Value::Str(s) => s.as_str().to_owned(),
                _ => continue,
            };
            if seen.insert(text) {
                names.push(k);
            }
        }
    };
    let classes = match obj {
        Value::Class(c) => c.mro_with_self(),
        Value::Object(o) if matches!(o.kind, ObjKind::Module(_)) => {
            if let ObjKind::Module(m) = &o.kind {
                add(dict_keys(&m.dict), &mut names);
            }
            return names;
        }
        _ => {
            let key = vm.interner.intern("__dict__");
            if let Ok(Value::Dict(d)) = vm.get_attr(obj, &key) {
                add(dict_keys(&d), &mut names);
            }
            vm.class_of(obj).mro_with_self()
        }
    };
    for class in classes {
        add(dict_keys(&class.dict), &mut names);
    }
    names
}

fn builtin_globals(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    args::none(vm, &args, "globals")?;
    Ok(match vm.frames.last() {
        Some(frame) => Value::Dict(frame.globals_rc()),
        None => Value::Dict(crate::runtime::gc::tracked(PyDict::new())),
    })
}

fn builtin_locals(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    args::none(vm, &args, "locals")?;
    Ok(Value::Dict(current_locals(vm)))
}

/// The calling frame's local namespace: its dict for module and class bodies, a snapshot of
/// the fast locals (cells read through) for functions.
pub fn current_locals(vm: &mut Vm) -> Rc<PyDict> {
    let Some(frame) = vm.frames.last() else {
        return crate::runtime::gc::tracked(PyDict::new());
    };
    if let Some(locals) = &frame.locals {
        return locals.clone();
    }
    let code = frame.code_rc();
    let base = frame.base;
    let dict = crate::runtime::gc::tracked(PyDict::new());
    for (i, name) in code.localsplus_names.iter().enumerate() {
        let is_cell = code.code.localsplus_kinds.get(i) != Some(&LocalKind::Local);
        let value = match vm.stack.get(base + i) {
            Some(Value::Object(o)) if is_cell => match &o.kind {
                ObjKind::Cell(c) => c.borrow().clone(),
                _ => Value::Object(o.clone()),
            },
            Some(v) => v.clone(),
            None => Value::Null,
        };
        if !value.is_null() {
            dict.set_str(name.clone(), value);
        }
    }
    dict
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unboxed_ids_are_stable_and_distinct() {
        assert_eq!(id_of(&Value::Int(5)), id_of(&Value::Int(5)));
        assert_ne!(id_of(&Value::Int(5)), id_of(&Value::Int(6)));
        assert_ne!(id_of(&Value::Int(1)), id_of(&Value::Bool(true)));
        assert_ne!(id_of(&Value::Float(1.0)), id_of(&Value::Int(1)));
        assert!(id_of(&Value::Int(-1)) > 0 && id_of(&Value::Float(-0.0)) > 0);
        let s = Value::str("x");
        assert_eq!(id_of(&s), s.heap_ptr().unwrap() as i64);
    }
}
