//! Standard-library modules implemented natively, registered in `sys.modules` at start-up.
//! Modules written in Python are bundled separately (`vm/import/bundled.rs`, `engine/lib/`).

pub mod gc;
pub mod imp;
pub mod math;
pub mod posix;
pub mod time;

use crate::runtime::types::dict::PyDict;
use crate::runtime::types::native::{NativeFn, PyNative};
use crate::runtime::types::object::{ObjKind, PyModule, PyObject};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub fn install(vm: &mut Vm) {
    gc::install(vm);
    imp::install(vm);
    math::install(vm);
    posix::install(vm);
    time::install(vm);
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
