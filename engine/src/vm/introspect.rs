//! The introspection attributes of functions and code objects that everyday code reads:
//! `f.__annotations__` (built on first use from the flat name/value tuple `MAKE_FUNCTION`
//! stores, then kept as the dict, as CPython does), `f.__code__`, and the `co_*` basics of a
//! code object.

use crate::bytecode::LocalKind;
use crate::runtime::gc::{tracked, tracked_tuple};
use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::function::PyFunction;
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::tuple::PyTuple;
use crate::runtime::value::Value;
use std::rc::Rc;

/// `f.__annotations__`: the dict of the function's annotations (a new empty one, kept,
/// when it has none).
pub fn annotations(f: &PyFunction) -> Value {
    let mut slot = f.annotations.borrow_mut();
    if let Some(Value::Dict(d)) = slot.as_ref() {
        return Value::Dict(d.clone());
    }
    let dict = tracked(PyDict::new());
    if let Some(Value::Tuple(pairs)) = slot.as_ref() {
        for pair in pairs.items().chunks(2) {
            if let [Value::Str(name), value] = pair {
                dict.set_str(name.clone(), value.clone());
            }
        }
    }
    *slot = Some(Value::Dict(dict.clone()));
    Value::Dict(dict)
}

/// `f.__code__`: the function's code object.
pub fn code_object(f: &PyFunction) -> Value {
    Value::Object(tracked(PyObject::new(ObjKind::Code(f.code.clone()))))
}

fn str_tuple(names: impl Iterator<Item = Value>) -> Value {
    Value::Tuple(tracked_tuple(PyTuple::new(names.collect())))
}

/// A code object's `co_*` attribute, if `name` is one it has.
pub fn code_attr(code: &Rc<PyCode>, name: &str) -> Option<Value> {
    let c = &code.code;
    let names_of = |wanted: &dyn Fn(usize, LocalKind) -> bool| {
        str_tuple(
            code.localsplus_names
                .iter()
                .zip(&c.localsplus_kinds)
                .enumerate()
                .filter(|(i, (_, k))| wanted(*i, **k))
                .map(|(_, (n, _))| Value::Str(n.clone())),
        )
    };
    let params = c.total_params() as usize;
    Some(match name {
        "co_name" => Value::Str(code.name.clone()),
        "co_qualname" => Value::Str(code.qualname.clone()),
        "co_filename" => Value::str(&c.filename),
        "co_firstlineno" => Value::Int(i64::from(code.first_line())),
        "co_argcount" => Value::Int(i64::from(c.argcount)),
        "co_posonlyargcount" => Value::Int(i64::from(c.posonlyargcount)),
        "co_kwonlyargcount" => Value::Int(i64::from(c.kwonlyargcount)),
        "co_flags" => Value::Int(i64::from(c.flags.0)),
        "co_stacksize" => Value::Int(i64::from(c.stack_size)),
        // Parameters come first, whether or not an inner scope captures them.
        "co_varnames" => names_of(&|i, k| k == LocalKind::Local || i < params),
        "co_nlocals" => Value::Int(
            c.localsplus_kinds
                .iter()
                .enumerate()
                .filter(|(i, k)| **k == LocalKind::Local || *i < params)
                .count() as i64,
        ),
        "co_cellvars" => names_of(&|_, k| k == LocalKind::Cell),
        "co_freevars" => names_of(&|_, k| k == LocalKind::Free),
        "co_names" => str_tuple(code.names.iter().map(|n| Value::Str(n.clone()))),
        "co_consts" => Value::Tuple(tracked_tuple(PyTuple::new(code.consts.to_vec()))),
        _ => return None,
    })
}
