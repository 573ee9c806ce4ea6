//! The built-in functions (`print`, `len`, `sorted`, `getattr`, `eval`, …), grouped by theme in
//! the submodules, plus the argument checking they share. Each reproduces CPython 3.11's
//! behaviour and error messages, including which argument-parsing convention (METH_O,
//! `_PyArg_CheckPositional`, Argument Clinic) the CPython function uses, since the messages differ.

pub(crate) mod args;
pub(crate) mod exec;
mod io;
pub(crate) mod iterate;
mod iteration;
mod numeric;
mod reflection;
mod text;

use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::{NativeFn, PyNative};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub use args::{ArgSpec, Parsed};

/// Installs every built-in function and constant into `vm.builtins`.
pub fn install(vm: &mut Vm) {
    let groups: [&[(&'static str, NativeFn)]; 7] = [
        io::FUNCTIONS,
        iteration::FUNCTIONS,
        numeric::FUNCTIONS,
        text::FUNCTIONS,
        reflection::FUNCTIONS,
        exec::FUNCTIONS,
        &[("__build_class__", |vm, args| vm.build_class(args))],
    ];
    for (name, func) in groups.into_iter().flatten() {
        let key = vm.interner.intern(name);
        vm.builtins
            .set_str(key, Value::Native(Rc::new(PyNative::function(name, *func))));
    }
    let constants = [
        ("None", Value::None),
        ("True", Value::Bool(true)),
        ("False", Value::Bool(false)),
        ("NotImplemented", Value::NotImplemented),
        ("Ellipsis", Value::Ellipsis),
        ("__debug__", Value::Bool(true)),
        ("__name__", Value::str("builtins")),
        ("__doc__", Value::None),
    ];
    for (name, value) in constants {
        let key = vm.interner.intern(name);
        vm.builtins.set_str(key, value);
    }
    iteration::install_range(vm);
    reflection::install_type(vm);
}

/// The built-in exception class called `name`, or `Exception` if this VM lacks it.
pub fn builtin_exception(vm: &mut Vm, name: &str) -> Rc<PyClass> {
    let key = vm.interner.intern(name);
    match vm.builtins.get_str(&key) {
        Some(Value::Class(c)) => c,
        _ => vm.types.exception.clone(),
    }
}
