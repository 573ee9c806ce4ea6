//! Python exceptions as Rust values: every fallible runtime operation returns `PyResult`, whose
//! error is the raised exception object. A Rust panic is never a Python error.

use super::value::Value;

/// A raised Python exception. `exc` is an instance of `BaseException` (or, before the VM has
/// instantiated it, a class plus arguments: see `PyErr::new`).
#[derive(Clone, Debug)]
pub struct PyErr {
    pub exc: Value,
}

pub type PyResult<T = Value> = Result<T, PyErr>;
