//! Functions and methods implemented in Rust.
//!
//! The calling convention is CPython's vectorcall: positional arguments and then keyword
//! argument values in one slice, plus the keyword names; nothing is allocated per call.

use crate::runtime::error::PyResult;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

/// Arguments of a call: `args[..args.len() - kwnames.len()]` are positional, the rest are the
/// values of the keywords named in `kwnames`.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub values: &'a [Value],
    pub kwnames: &'a [Rc<PyStr>],
}

impl<'a> Args<'a> {
    pub fn positional_only(values: &'a [Value]) -> Args<'a> {
        Args {
            values,
            kwnames: &[],
        }
    }

    #[inline]
    pub fn positional(&self) -> &'a [Value] {
        &self.values[..self.values.len() - self.kwnames.len()]
    }

    /// `(name, value)` for each keyword argument.
    pub fn keywords(&self) -> impl Iterator<Item = (&'a str, &'a Value)> {
        let start = self.values.len() - self.kwnames.len();
        self.kwnames
            .iter()
            .map(|n| n.as_str())
            .zip(&self.values[start..])
    }
}

pub type NativeFn = fn(&mut Vm, Args<'_>) -> PyResult<Value>;

/// How a native is bound when found on a class (the descriptor behaviour of CPython's
/// `builtin_function_or_method` vs `method_descriptor` vs `classmethod_descriptor`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NativeKind {
    /// A plain function (`len`): never binds.
    Function,
    /// A method of a built-in type (`list.append`): binds `self` like a Python function.
    Method,
    /// A class method of a built-in type (`dict.fromkeys`): binds the class.
    ClassMethod,
    /// A static method of a built-in type (`str.maketrans`).
    StaticMethod,
}

pub struct PyNative {
    pub name: &'static str,
    /// `list.append` for methods, `len` for functions.
    pub qualname: &'static str,
    pub func: NativeFn,
    pub kind: NativeKind,
    /// The receiver of a bound native (`[].append`), or the module of a module function.
    pub bound_self: Option<Value>,
    pub doc: Option<&'static str>,
    /// The module of a module-level function (`math`), `None` for `builtins` and methods.
    pub module: Option<Rc<PyStr>>,
}

impl PyNative {
    pub fn function(name: &'static str, func: NativeFn) -> PyNative {
        PyNative {
            name,
            qualname: name,
            func,
            kind: NativeKind::Function,
            bound_self: None,
            doc: None,
            module: None,
        }
    }

    pub fn method(qualname: &'static str, func: NativeFn) -> PyNative {
        let name = qualname.rsplit('.').next().unwrap_or(qualname);
        PyNative {
            name,
            qualname,
            func,
            kind: NativeKind::Method,
            bound_self: None,
            doc: None,
            module: None,
        }
    }

    /// This native as a function of `module` (for its name, docstring and help).
    pub fn in_module(&self, module: Rc<PyStr>) -> PyNative {
        PyNative {
            name: self.name,
            qualname: self.qualname,
            func: self.func,
            kind: self.kind,
            bound_self: self.bound_self.clone(),
            doc: self.doc,
            module: Some(module),
        }
    }

    /// CPython's `(text signature, docstring)` for this native (`native_docs`).
    fn doc_entry(&self) -> Option<(&'static str, &'static str)> {
        let key = match &self.module {
            Some(m) => format!("{}.{}", m.as_str(), self.qualname),
            None => self.qualname.to_owned(),
        };
        let table = crate::builtins::native_docs::NATIVE_DOCS;
        let i = table.binary_search_by(|e| e.0.cmp(key.as_str())).ok()?;
        Some((table[i].1, table[i].2))
    }

    /// `__doc__`: the docstring given at construction, else CPython's.
    pub fn docstring(&self) -> Option<&'static str> {
        self.doc.or_else(|| self.doc_entry().map(|e| e.1))
    }

    /// `__text_signature__` as CPython gives it (`($module, obj, /)`), if it has one.
    pub fn text_signature(&self) -> Option<&'static str> {
        self.doc_entry().map(|e| e.0).filter(|s| !s.is_empty())
    }

    /// This native method bound to `receiver`.
    pub fn bind(&self, receiver: Value) -> PyNative {
        PyNative {
            name: self.name,
            qualname: self.qualname,
            func: self.func,
            kind: NativeKind::Function,
            bound_self: Some(receiver),
            doc: self.doc,
            module: self.module.clone(),
        }
    }
}
