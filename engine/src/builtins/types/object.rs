//! `object`: the root of every class — construction argument checks, identity equality and
//! hashing, the default `repr`/`str`/`format`, and the generic attribute natives.

use super::{add_native, arity, call_dunder, methods, noargs, one_arg, NOT_IMPLEMENTED};
use crate::runtime::error::PyResult;
use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::{Args, NativeKind};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub fn install(vm: &mut Vm) {
    let object = vm.types.object.clone();
    methods!(vm, object, "object", {
        "__new__" => object_new,
        "__init__" => object_init,
        "__eq__" => object_eq,
        "__ne__" => object_ne,
        "__lt__" => |_, _| NOT_IMPLEMENTED,
        "__le__" => |_, _| NOT_IMPLEMENTED,
        "__gt__" => |_, _| NOT_IMPLEMENTED,
        "__ge__" => |_, _| NOT_IMPLEMENTED,
        "__hash__" => object_hash,
        "__repr__" => object_repr,
        "__str__" => object_str,
        "__format__" => object_format,
        "__dir__" => object_dir,
        "__getattribute__" => object_getattribute,
        "__setattr__" => object_setattr,
        "__delattr__" => object_delattr,
        "__sizeof__" => |vm, a| noargs(vm, a, "object.__sizeof__").map(|_| Value::Int(16)),
    });
    add_native(
        vm,
        &object,
        "__init_subclass__",
        "object.__init_subclass__",
        |vm, a| {
            if a.kwnames.is_empty() {
                return Ok(Value::None);
            }
            let name = match a.positional().first() {
                Some(Value::Class(c)) => c.name(),
                _ => "object".to_owned(),
            };
            Err(vm.type_error(format!(
                "{name}.__init_subclass__() takes no keyword arguments"
            )))
        },
        NativeKind::ClassMethod,
    );
    add_native(
        vm,
        &object,
        "__subclasshook__",
        "object.__subclasshook__",
        |_, _| NOT_IMPLEMENTED,
        NativeKind::ClassMethod,
    );
}

/// Whether `class` finds `name` in `object` itself (not overridden).
fn inherits_from_object(vm: &mut Vm, class: &Rc<PyClass>, name: &str) -> bool {
    let key = vm.interner.intern(name);
    match (class.lookup(&key), vm.types.object.dict.get_str(&key)) {
        (Some(a), Some(b)) => a.is(&b),
        _ => false,
    }
}

fn object_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let positional = args.positional();
    let Some(Value::Class(cls)) = positional.first() else {
        return Err(vm.type_error("object.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let excess = positional.len() > 1 || !args.kwnames.is_empty();
    if excess {
        if !inherits_from_object(vm, &cls, "__new__") {
            return Err(vm.type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if inherits_from_object(vm, &cls, "__init__") {
            let name = cls.name();
            return Err(vm.type_error(format!("{name}() takes no arguments")));
        }
    }
    Ok(vm.new_instance(&cls, &positional[1..]))
}

fn object_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let positional = args.positional();
    let Some(this) = positional.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'object' object needs an argument"));
    };
    let excess = positional.len() > 1 || !args.kwnames.is_empty();
    if excess {
        let cls = vm.class_of(this);
        if !inherits_from_object(vm, &cls, "__init__") {
            return Err(vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if inherits_from_object(vm, &cls, "__new__") {
            let name = cls.name();
            return Err(vm.type_error(format!("{name}() takes no arguments")));
        }
    }
    Ok(Value::None)
}

fn object_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "object.__eq__")?;
    if a.is(b) {
        Ok(Value::Bool(true))
    } else {
        NOT_IMPLEMENTED
    }
}

/// `__ne__` inverts `__eq__` unless that is `NotImplemented`.
fn object_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "object.__ne__")?;
    let (a, b) = (a.clone(), b.clone());
    match call_dunder(vm, &a, "__eq__", &[b])? {
        Some(Value::NotImplemented) | None => NOT_IMPLEMENTED,
        Some(r) => Ok(Value::Bool(!vm.truthy(&r)?)),
    }
}

/// The identity hash (CPython: the address rotated by 4 bits).
pub(crate) fn identity_hash(v: &Value) -> i64 {
    let p = v.heap_ptr().unwrap_or(0);
    (p.rotate_right(4)) as i64
}

fn object_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = noargs(vm, args, "object.__hash__")?;
    let h = identity_hash(this);
    Ok(Value::Int(if h == -1 { -2 } else { h }))
}

/// `module.qualname` of a class, without the module for built-ins.
pub(crate) fn class_path(vm: &mut Vm, class: &Rc<PyClass>) -> String {
    let qualname = class.qualname.borrow().as_str().to_owned();
    let key = vm.interner.intern("__module__");
    match class.dict.get_str(&key) {
        Some(Value::Str(m)) if m.as_str() != "builtins" => format!("{}.{qualname}", m.as_str()),
        _ => qualname,
    }
}

fn object_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = noargs(vm, args, "object.__repr__")?;
    let class = vm.class_of(this);
    let path = class_path(vm, &class);
    let addr = this.heap_ptr().unwrap_or(0);
    Ok(Value::str(&format!("<{path} object at {addr:#x}>")))
}

fn object_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = noargs(vm, args, "object.__str__")?.clone();
    match call_dunder(vm, &this, "__repr__", &[])? {
        Some(r) => Ok(r),
        None => Ok(Value::str(&vm.repr(&this)?)),
    }
}

fn object_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, spec) = one_arg(vm, args, "object.__format__")?;
    let Value::Str(spec) = spec else {
        let t = vm.type_name(spec);
        return Err(vm.type_error(format!("__format__() argument must be str, not {t}")));
    };
    if !spec.as_str().is_empty() {
        let t = vm.class_of(this).qualname.borrow().as_str().to_owned();
        return Err(vm.type_error(format!(
            "unsupported format string passed to {t}.__format__"
        )));
    }
    let this = this.clone();
    Ok(Value::str(&vm.str(&this)?))
}

fn object_dir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = noargs(vm, args, "object.__dir__")?.clone();
    let mut names: Vec<Value> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut push = |k: &Value| {
        if let Value::Str(s) = k {
            if seen.insert(s.as_str().to_owned()) {
                names.push(k.clone());
            }
        }
    };
    if let Value::Instance(inst) = &this {
        let d = inst.materialize_dict();
        for e in d.entries().iter() {
            push(&e.key);
        }
    }
    let class = vm.class_of(&this);
    for c in class.mro_with_self() {
        for e in c.dict.entries().iter() {
            push(&e.key);
        }
    }
    Ok(Value::list(names))
}

fn attr_name<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Rc<crate::runtime::types::str::PyStr>> {
    match v {
        Value::Str(s) => Ok(s),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("attribute name must be string, not '{t}'")))
        }
    }
}

fn object_getattribute(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = arity(vm, args, "object.__getattribute__", 1, 1)?;
    let name = attr_name(vm, &rest[0])?.clone();
    let this = this.clone();
    vm.generic_get_attr(&this, &name)
}

fn object_setattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = arity(vm, args, "object.__setattr__", 2, 2)?;
    let name = attr_name(vm, &rest[0])?.clone();
    let (this, value) = (this.clone(), rest[1].clone());
    vm.generic_set_attr(&this, &name, value)?;
    Ok(Value::None)
}

fn object_delattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = arity(vm, args, "object.__delattr__", 1, 1)?;
    let name = attr_name(vm, &rest[0])?.clone();
    let this = this.clone();
    vm.generic_del_attr(&this, &name)?;
    Ok(Value::None)
}
