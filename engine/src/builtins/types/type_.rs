//! `type`: the class repr, `mro()`,
//! `__subclasses__()`, `__instancecheck__`/`__subclasscheck__`, and the `isinstance` /
//! `issubclass` cores the builtin functions use.

use super::object::class_path;
use super::{methods, noargs, one_arg};
use crate::runtime::error::PyResult;
use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::Args;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::{Rc, Weak};

/// (`type.__new__`/`__init__` — `type(x)` and class creation — live with the VM's class
/// machinery in `vm/class.rs`.)
pub fn install(vm: &mut Vm) {
    let type_ = vm.types.type_.clone();
    methods!(vm, type_, "type", {
        "__repr__" => type_repr,
        "__call__" => type_call,
        "mro" => type_mro,
        "__subclasses__" => type_subclasses,
        "__instancecheck__" => type_instancecheck,
        "__subclasscheck__" => type_subclasscheck,
    });
}

fn as_class<'a>(vm: &mut Vm, v: &'a Value, what: &str) -> PyResult<&'a Rc<PyClass>> {
    match v {
        Value::Class(c) => Ok(c),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor '{what}' requires a 'type' object but received a '{t}'"
            )))
        }
    }
}

fn type_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = noargs(vm, args, "type.__repr__")?;
    let class = as_class(vm, this, "__repr__")?.clone();
    let path = class_path(vm, &class);
    Ok(Value::str(&format!("<class '{path}'>")))
}

fn type_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let positional = args.positional();
    let Some((this, _)) = positional.split_first() else {
        return Err(vm.type_error("descriptor '__call__' of 'type' object needs an argument"));
    };
    let class = as_class(vm, this, "__call__")?.clone();
    vm.call_class(&class, &args.values[1..], args.kwnames)
}

fn type_mro(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = noargs(vm, args, "type.mro")?;
    let class = as_class(vm, this, "mro")?;
    Ok(Value::list(
        class
            .mro_with_self()
            .into_iter()
            .map(Value::Class)
            .collect(),
    ))
}

fn type_subclasses(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = noargs(vm, args, "type.__subclasses__")?;
    let class = as_class(vm, this, "__subclasses__")?;
    let subs = class
        .subclasses
        .borrow()
        .iter()
        .filter_map(Weak::upgrade)
        .map(Value::Class)
        .collect();
    Ok(Value::list(subs))
}

fn type_instancecheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, obj) = one_arg(vm, args, "type.__instancecheck__")?;
    let class = as_class(vm, this, "__instancecheck__")?;
    Ok(Value::Bool(vm.class_of(obj).is_subclass(class)))
}

fn type_subclasscheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, sub) = one_arg(vm, args, "type.__subclasscheck__")?;
    let class = as_class(vm, this, "__subclasscheck__")?;
    match sub {
        Value::Class(s) => Ok(Value::Bool(s.is_subclass(class))),
        _ => Err(vm.type_error("issubclass() arg 1 must be a class")),
    }
}

/// A user-defined metaclass hook (`__instancecheck__`/`__subclasscheck__` overridden on the
/// class's metaclass), if any.
fn meta_hook(vm: &mut Vm, class: &Rc<PyClass>, name: &str) -> Option<Value> {
    let meta = class.metaclass.borrow().clone()?;
    if meta.builtin {
        return None;
    }
    let key = vm.interner.intern(name);
    let hook = meta.lookup(&key)?;
    let default = vm.types.type_.dict.get_str(&key);
    match default {
        Some(d) if d.is(&hook) => None,
        _ => Some(hook),
    }
}

/// `isinstance(obj, classinfo)`: a class, a tuple of them (nested), honouring metaclass
/// `__instancecheck__`.
pub fn isinstance(vm: &mut Vm, obj: &Value, classinfo: &Value) -> PyResult<bool> {
    match classinfo {
        Value::Class(c) => {
            if vm.class_of(obj).is_subclass(c) {
                return Ok(true);
            }
            if let Some(hook) = meta_hook(vm, c, "__instancecheck__") {
                let r = vm.call(&hook, &[classinfo.clone(), obj.clone()])?;
                return vm.truthy(&r);
            }
            // An instance whose `__class__` claims otherwise (proxies) is not modelled.
            Ok(false)
        }
        Value::Tuple(t) => {
            for item in t.items().to_vec() {
                if isinstance(vm, obj, &item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union")),
    }
}

/// `issubclass(cls, classinfo)`.
pub fn issubclass(vm: &mut Vm, cls: &Value, classinfo: &Value) -> PyResult<bool> {
    match classinfo {
        Value::Class(c) => {
            if let Some(hook) = meta_hook(vm, c, "__subclasscheck__") {
                let r = vm.call(&hook, &[classinfo.clone(), cls.clone()])?;
                return vm.truthy(&r);
            }
            match cls {
                Value::Class(sub) => Ok(sub.is_subclass(c)),
                _ => Err(vm.type_error("issubclass() arg 1 must be a class")),
            }
        }
        Value::Tuple(t) => {
            for item in t.items().to_vec() {
                if issubclass(vm, cls, &item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            if !matches!(cls, Value::Class(_)) {
                return Err(vm.type_error("issubclass() arg 1 must be a class"));
            }
            Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        }
    }
}
