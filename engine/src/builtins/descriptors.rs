//! `property`, `classmethod`, `staticmethod` and `super`.

use crate::runtime::error::PyResult;
use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::{Args, PyNative};
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub fn install(vm: &mut Vm) {
    let super_class = vm.types.super_.clone();
    add_method(vm, &super_class, "__new__", "super.__new__", super_new);
    let property = vm.types.property.clone();
    add_method(vm, &property, "__new__", "property.__new__", property_new);
    add_method(vm, &property, "getter", "property.getter", |vm, a| {
        property_with(vm, a, 0)
    });
    add_method(vm, &property, "setter", "property.setter", |vm, a| {
        property_with(vm, a, 1)
    });
    add_method(vm, &property, "deleter", "property.deleter", |vm, a| {
        property_with(vm, a, 2)
    });
    let classmethod = vm.types.classmethod.clone();
    add_method(
        vm,
        &classmethod,
        "__new__",
        "classmethod.__new__",
        |vm, a| wrap_one(vm, a, "classmethod", ObjKind::ClassMethod),
    );
    let staticmethod = vm.types.staticmethod.clone();
    add_method(
        vm,
        &staticmethod,
        "__new__",
        "staticmethod.__new__",
        |vm, a| wrap_one(vm, a, "staticmethod", ObjKind::StaticMethod),
    );
}

fn add_method(
    vm: &mut Vm,
    class: &Rc<PyClass>,
    name: &'static str,
    qualname: &'static str,
    func: crate::runtime::types::native::NativeFn,
) {
    let key = vm.interner.intern(name);
    class.dict.set_str(
        key,
        Value::Native(Rc::new(PyNative::method(qualname, func))),
    );
}

/// `property(fget=None, fset=None, fdel=None, doc=None)`; `args[0]` is the class.
fn property_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut slots = [Value::None, Value::None, Value::None, Value::None];
    for (i, v) in args.positional().iter().skip(1).enumerate() {
        if i >= 4 {
            return Err(vm.type_error(format!(
                "property expected at most 4 arguments, got {}",
                args.positional().len() - 1
            )));
        }
        slots[i] = v.clone();
    }
    for (name, v) in args.keywords() {
        let i = match name {
            "fget" => 0,
            "fset" => 1,
            "fdel" => 2,
            "doc" => 3,
            _ => {
                return Err(vm.type_error(format!(
                    "property() got an unexpected keyword argument '{name}'"
                )))
            }
        };
        slots[i] = v.clone();
    }
    let [fget, fset, fdel, mut doc] = slots;
    if doc.is_none() {
        if let Value::Function(f) = &fget {
            doc = f.doc.borrow().clone();
        }
    }
    Ok(new_property(fget, fset, fdel, doc))
}

fn new_property(fget: Value, fset: Value, fdel: Value, doc: Value) -> Value {
    Value::Object(crate::runtime::gc::tracked(PyObject::new(
        ObjKind::Property {
            fget,
            fset,
            fdel,
            doc,
        },
    )))
}

/// `prop.getter(f)` / `.setter(f)` / `.deleter(f)`: a copy with one accessor replaced.
fn property_with(vm: &mut Vm, args: Args<'_>, which: usize) -> PyResult<Value> {
    let [Value::Object(prop), func] = args.positional() else {
        return Err(vm.type_error("property accessor expects one argument"));
    };
    let ObjKind::Property {
        fget,
        fset,
        fdel,
        doc,
    } = &prop.kind
    else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let mut parts = [fget.clone(), fset.clone(), fdel.clone()];
    parts[which] = func.clone();
    let [fget, fset, fdel] = parts;
    Ok(new_property(fget, fset, fdel, doc.clone()))
}

fn wrap_one(
    vm: &mut Vm,
    args: Args<'_>,
    name: &str,
    make: fn(Value) -> ObjKind,
) -> PyResult<Value> {
    match args.positional() {
        [_, f] => Ok(Value::Object(crate::runtime::gc::tracked(PyObject::new(
            make(f.clone()),
        )))),
        other => Err(vm.type_error(format!(
            "{name} expected 1 argument, got {}",
            other.len().saturating_sub(1)
        ))),
    }
}

/// `super()` (reading `__class__` and the first argument of the calling frame) or
/// `super(class, obj)`.
fn super_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (class, obj) = match args.positional() {
        [_] => vm.zero_arg_super()?,
        [_, Value::Class(c), obj] => (c.clone(), obj.clone()),
        [_, _, _] => return Err(vm.type_error("super() argument 1 must be a type")),
        _ => return Err(vm.type_error("super() takes 0 or 2 arguments")),
    };
    Ok(Value::Object(crate::runtime::gc::tracked(PyObject::new(
        ObjKind::Super { class, obj },
    ))))
}
