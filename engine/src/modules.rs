//! Standard-library modules implemented natively, registered in `sys.modules` at start-up.
//! Modules written in Python are bundled separately (`vm/import/bundled.rs`, `engine/lib/`).

pub mod fileio;
pub mod gc;
pub mod imp;
pub mod json;
pub mod math;
pub mod posix;
pub mod random;
pub mod re;
pub mod time;

use crate::runtime::types::dict::PyDict;
use crate::runtime::types::native::{NativeFn, PyNative};
use crate::runtime::types::object::{ObjKind, PyModule, PyObject};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub fn install(vm: &mut Vm) {
    gc::install(vm);
    fileio::install(vm);
    imp::install(vm);
    math::install(vm);
    random::install(vm);
    json::install(vm);
    re::install(vm);
    posix::install(vm);
    time::install(vm);
    name_functions(vm);
    document_builtin_classes(vm);
}

/// `__doc__` of the built-in classes (CPython's docstrings, `native_docs`), where the class
/// has none of its own.
fn document_builtin_classes(vm: &mut Vm) {
    let classes: Vec<_> = vm
        .builtins
        .entries()
        .iter()
        .filter_map(|e| match &e.value {
            Value::Class(c) if c.builtin => Some(c.clone()),
            _ => None,
        })
        .collect();
    let key = vm.interner.intern("__doc__");
    for class in classes {
        if class.dict.get_str(&key).is_some_and(|d| !d.is_none()) {
            continue;
        }
        let name = class.name();
        let table = crate::builtins::native_docs::NATIVE_DOCS;
        if let Ok(i) = table.binary_search_by(|e| e.0.cmp(name.as_str())) {
            class.dict.set_str(key.clone(), Value::str(table[i].2));
        }
    }
}

/// Tells every native function of a native module which module it belongs to (for `help`,
/// `__doc__` and `__text_signature__`, which CPython keys by module).
fn name_functions(vm: &mut Vm) {
    let modules: Vec<Value> = vm
        .modules
        .entries()
        .iter()
        .map(|e| e.value.clone())
        .collect();
    for module in modules {
        let Value::Object(o) = &module else { continue };
        let ObjKind::Module(m) = &o.kind else {
            continue;
        };
        if m.name.as_str() == "builtins" {
            continue;
        }
        let functions: Vec<_> = m
            .dict
            .entries()
            .iter()
            .filter_map(|e| match (&e.key, &e.value) {
                (Value::Str(key), Value::Native(n))
                    if n.module.is_none() && n.bound_self.is_none() =>
                {
                    Some((key.clone(), n.in_module(m.name.clone())))
                }
                _ => None,
            })
            .collect();
        for (key, named) in functions {
            m.dict.set_str(key, Value::Native(Rc::new(named)));
        }
    }
}

/// A new module object named `name`, registered in `sys.modules`; returns its namespace.
pub(crate) fn new_module(vm: &mut Vm, name: &'static str) -> Rc<PyDict> {
    let dict = crate::runtime::gc::tracked(PyDict::new());
    let key = vm.interner.intern(name);
    dict.set_str(vm.interner.intern("__name__"), Value::Str(key.clone()));
    dict.set_str(vm.interner.intern("__doc__"), Value::None);
    let module = Value::Object(crate::runtime::gc::tracked(PyObject::new(ObjKind::Module(
        PyModule {
            name: key.clone(),
            dict: dict.clone(),
        },
    ))));
    vm.modules.set_str(key, module);
    dict
}

pub(crate) fn add_function(vm: &mut Vm, module: &Rc<PyDict>, name: &'static str, func: NativeFn) {
    let key = vm.interner.intern(name);
    module.set_str(key, Value::Native(Rc::new(PyNative::function(name, func))));
}

pub(crate) fn add_value(vm: &mut Vm, module: &Rc<PyDict>, name: &str, value: Value) {
    let key = vm.interner.intern(name);
    module.set_str(key, value);
}

/// A class of native module `module` whose instances are `ObjKind::Native` objects; its
/// methods are added with `builtins::types::methods!`.
pub(crate) fn native_class(
    vm: &mut Vm,
    module: &Rc<PyDict>,
    module_name: &str,
    name: &str,
) -> Rc<crate::runtime::types::class::PyClass> {
    let object = vm.types.object.clone();
    let class = crate::vm::types::builtin_class(
        &mut vm.interner,
        name,
        crate::runtime::types::class::Layout::Other,
        &[&object],
    );
    let key = vm.interner.intern("__module__");
    class.dict.set_str(key, Value::str(module_name));
    add_value(vm, module, name, Value::Class(class.clone()));
    class
}

/// A new native object of `class` holding `state`.
pub(crate) fn native_object<T: 'static>(
    class: Rc<crate::runtime::types::class::PyClass>,
    state: T,
) -> Value {
    Value::Object(Rc::new(PyObject::new(ObjKind::Native(
        crate::runtime::types::object::NativeObject {
            class,
            state: Box::new(state),
        },
    ))))
}

/// The state of `v` if it is a native object holding a `T`.
pub(crate) fn native_state<T: 'static>(v: &Value) -> Option<&T> {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::Native(n) => n.state.downcast_ref::<T>(),
            _ => None,
        },
        _ => None,
    }
}

/// A class `module.name` deriving from `base`, created as a Python class would be (so Python
/// code can subclass it and its instances take attributes).
pub(crate) fn new_python_class(
    vm: &mut Vm,
    module: &Rc<PyDict>,
    module_name: &str,
    name: &'static str,
    base: Rc<crate::runtime::types::class::PyClass>,
) -> Rc<crate::runtime::types::class::PyClass> {
    let ns = crate::runtime::gc::tracked(PyDict::new());
    let key = vm.interner.intern("__module__");
    ns.set_str(key, Value::str(module_name));
    let cname = vm.interner.intern(name);
    let class = match vm.new_class(cname, vec![base.clone()], ns) {
        Ok(c) => c,
        Err(_) => base,
    };
    add_value(vm, module, name, Value::Class(class.clone()));
    class
}

/// Gives module functions their documentation (first line the signature, as the editor's
/// signature help reads it).
pub(crate) fn set_docs(vm: &mut Vm, module: &Rc<PyDict>, docs: &[(&str, &'static str)]) {
    for (name, doc) in docs {
        let key = vm.interner.intern(name);
        if let Some(Value::Native(n)) = module.get_str(&key) {
            let documented = PyNative {
                name: n.name,
                qualname: n.qualname,
                func: n.func,
                kind: n.kind,
                bound_self: n.bound_self.clone(),
                doc: Some(doc),
                module: n.module.clone(),
            };
            module.set_str(key, Value::Native(Rc::new(documented)));
        }
    }
}
