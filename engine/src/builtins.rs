//! The `builtins` module: built-in classes and functions, installed into every VM.

mod descriptors;
pub mod functions;
pub mod iterators;
#[rustfmt::skip]
pub mod native_docs;
pub mod sys;
pub mod types;

use crate::runtime::value::Value;
use crate::vm::Vm;

pub fn install(vm: &mut Vm) {
    descriptors::install(vm);
    types::install(vm);
    sys::install(vm);
    iterators::install(vm);
    let classes: Vec<_> = vm.types.all().into_iter().cloned().collect();
    for class in classes {
        let name = class.name.borrow().clone();
        vm.builtins.set_str(name, Value::Class(class));
    }
    functions::install(vm);
}
