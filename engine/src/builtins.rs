//! The `builtins` module: built-in classes and functions, installed into every VM.

mod descriptors;
pub mod sys;

use crate::runtime::error::PyResult;
use crate::runtime::types::native::{Args, PyNative};
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

pub fn install(vm: &mut Vm) {
    descriptors::install(vm);
    sys::install(vm);
    let classes: Vec<_> = vm.types.all().into_iter().cloned().collect();
    for class in classes {
        let name = class.name.borrow().clone();
        vm.builtins.set_str(name, Value::Class(class));
    }
    let functions: [(&'static str, crate::runtime::types::native::NativeFn); 4] = [
        ("print", builtin_print),
        ("len", builtin_len),
        ("range", builtin_range),
        ("__build_class__", |vm, args| vm.build_class(args)),
    ];
    for (name, func) in functions {
        let key = vm.interner.intern(name);
        vm.builtins
            .set_str(key, Value::Native(Rc::new(PyNative::function(name, func))));
    }
}

fn builtin_print(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut sep = " ".to_owned();
    let mut end = "\n".to_owned();
    for (name, value) in args.keywords() {
        let text = match value {
            Value::None => continue,
            Value::Str(s) => s.as_str().to_owned(),
            other => {
                let t = vm.type_name(other);
                return Err(vm.type_error(format!("{name} must be None or a string, not {t}")));
            }
        };
        match name {
            "sep" => sep = text,
            "end" => end = text,
            _ => {
                return Err(vm.type_error(format!(
                    "'{name}' is an invalid keyword argument for print()"
                )))
            }
        }
    }
    let mut out = String::new();
    for (i, v) in args.positional().iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&vm.str(v)?);
    }
    out.push_str(&end);
    vm.host.write_stdout(&out);
    Ok(Value::None)
}

fn builtin_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [v] = args.positional() else {
        let n = args.positional().len();
        return Err(vm.type_error(format!("len() takes exactly one argument ({n} given)")));
    };
    let n = match v {
        Value::Str(s) => s.char_len(),
        Value::List(l) => l.len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => d.len(),
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("object of type '{t}' has no len()")));
        }
    };
    Ok(Value::Int(n as i64))
}

fn builtin_range(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut ints = Vec::with_capacity(3);
    for v in args.positional() {
        match v {
            Value::Int(i) => ints.push(*i),
            Value::Bool(b) => ints.push(i64::from(*b)),
            other => {
                let t = vm.type_name(other);
                return Err(vm.type_error(format!(
                    "'{t}' object cannot be interpreted as an integer"
                )));
            }
        }
    }
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        [] => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        more => {
            return Err(vm.type_error(format!(
                "range expected at most 3 arguments, got {}",
                more.len()
            )))
        }
    };
    if step == 0 {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "range() arg 3 must not be zero"));
    }
    Ok(Value::Object(Rc::new(PyObject::new(ObjKind::Range {
        start,
        stop,
        step,
    }))))
}
