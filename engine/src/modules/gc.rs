//! The `gc` module: the cycle collector (`runtime::gc`) as Python sees it.

use crate::runtime::error::PyResult;
use crate::runtime::types::list::PyList;
use crate::runtime::types::native::Args;
use crate::runtime::value::Value;
use crate::vm::Vm;

/// `gc.collect(generation=2)`: the number of unreachable objects found. Every collection is
/// a full one here; finalizers (`__del__`) run before the garbage is cleared (PEP 442).
fn collect(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.positional() {
        [] => {}
        [Value::Int(0..=2)] => {}
        [Value::Int(_)] => {
            let class = vm.types.value_error.clone();
            return Err(vm.new_exception(&class, "invalid generation"));
        }
        [other] => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
        more => {
            return Err(vm.type_error(format!(
                "collect() takes at most 1 argument ({} given)",
                more.len()
            )))
        }
    }
    Ok(Value::Int(vm.collect_garbage() as i64))
}

fn enable(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    crate::runtime::gc::set_enabled(true);
    Ok(Value::None)
}

fn disable(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    crate::runtime::gc::set_enabled(false);
    Ok(Value::None)
}

fn isenabled(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Bool(crate::runtime::gc::is_enabled()))
}

pub fn install(vm: &mut Vm) {
    let module = super::new_module(vm, "gc");
    super::add_function(vm, &module, "collect", collect);
    super::add_function(vm, &module, "enable", enable);
    super::add_function(vm, &module, "disable", disable);
    super::add_function(vm, &module, "isenabled", isenabled);
    // Uncollectable objects: always empty, since every finalizer is run (PEP 442).
    let garbage = Value::List(crate::runtime::gc::tracked(PyList::new(Vec::new())));
    super::add_value(vm, &module, "garbage", garbage);
}
