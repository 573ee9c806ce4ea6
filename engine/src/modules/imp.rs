//! `_imp`: the import system's hooks that the bundled `importlib` needs from Rust.

use crate::runtime::error::PyResult;
use crate::runtime::types::native::Args;
use crate::runtime::value::Value;
use crate::vm::Vm;

/// `_imp.reload(module)`: `importlib.reload`.
fn reload(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.positional() {
        [module] => vm.reload_module(module),
        more => Err(vm.type_error(format!(
            "reload() takes exactly one argument ({} given)",
            more.len()
        ))),
    }
}

pub fn install(vm: &mut Vm) {
    let module = super::new_module(vm, "_imp");
    super::add_function(vm, &module, "reload", reload);
}
