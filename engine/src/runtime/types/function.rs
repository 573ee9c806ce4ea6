//! Functions defined in Python: code, globals, defaults and closure.

use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::str::PyStr;
use crate::runtime::types::tuple::PyTuple;
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub struct PyFunction {
    pub code: Rc<PyCode>,
    pub globals: Rc<PyDict>,
    pub builtins: Rc<PyDict>,
    pub name: RefCell<Rc<PyStr>>,
    pub qualname: RefCell<Rc<PyStr>>,
    /// Positional defaults (`__defaults__`).
    pub defaults: RefCell<Option<Rc<PyTuple>>>,
    /// Keyword-only defaults (`__kwdefaults__`).
    pub kwdefaults: RefCell<Option<Rc<PyDict>>>,
    /// The cells of the free variables, in `co_freevars` order.
    pub closure: Option<Rc<PyTuple>>,
    pub doc: RefCell<Value>,
    pub annotations: RefCell<Option<Value>>,
    /// `__dict__`, created on first attribute store.
    pub dict: RefCell<Option<Rc<PyDict>>>,
    pub module: Value,
    /// Bumped whenever `__code__` or `__defaults__` changes: `CALL` specializations guard on it.
    pub version: Cell<u32>,
    /// The number of arguments a call binds as they are (the code has only plain positional
    /// parameters), `u32::MAX` otherwise: `CALL_PY_EXACT_ARGS`'s guard, one load away.
    pub exact_argcount: u32,
}

impl PyFunction {
    pub fn qualname(&self) -> String {
        self.qualname.borrow().as_str().to_owned()
    }
}
