//! Binding call arguments to a Python function's parameters, as CPython's
//! `initialize_locals` does, with its exact error messages.

use super::Vm;
use crate::bytecode::CodeFlags;
use crate::runtime::error::PyResult;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::function::PyFunction;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::rc::Rc;

/// `first` followed by `rest`: the argument list of a call that adds a receiver (a bound
/// method, `__new__`'s class, `__init__`'s instance), inline for the usual few arguments.
#[inline]
pub(crate) fn prepended(first: Value, rest: &[Value]) -> smallvec::SmallVec<[Value; 4]> {
    let mut all = smallvec::SmallVec::with_capacity(rest.len() + 1);
    all.push(first);
    all.extend(rest.iter().cloned());
    all
}

impl Vm {
    /// The values of `func`'s parameter slots (positional, keyword-only, `*args`, `**kwargs`,
    /// in `co_varnames` order) for a call with `values` (positional then keyword values) and
    /// the keyword names `kwnames`.
    pub(crate) fn bind_arguments(
        &mut self,
        func: &PyFunction,
        values: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<Vec<Value>> {
        let code = &func.code.code;
        let names = &func.code.localsplus_names;
        let argcount = code.argcount as usize;
        let posonly = code.posonlyargcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let has_varargs = code.flags.has(CodeFlags::VARARGS);
        let has_varkw = code.flags.has(CodeFlags::VARKEYWORDS);
        let total = argcount + kwonly + usize::from(has_varargs) + usize::from(has_varkw);
        let n_positional = values.len() - kwnames.len();
        let mut slots = vec![Value::Null; total];

        let taken = n_positional.min(argcount);
        slots[..taken].clone_from_slice(&values[..taken]);
        let varargs_at = argcount + kwonly;
        if has_varargs {
            slots[varargs_at] = Value::tuple(values[taken..n_positional].to_vec());
        } else if n_positional > argcount {
            return Err(self.too_many_positional(func, n_positional, kwnames, values));
        }

        let kwargs = has_varkw.then(|| crate::runtime::gc::tracked(PyDict::new()));
        let mut posonly_as_keyword = Vec::new();
        for (name, value) in kwnames.iter().zip(&values[n_positional..]) {
            let found = names[posonly..argcount + kwonly]
                .iter()
                .position(|n| Rc::ptr_eq(n, name) || **n == **name)
                .map(|i| i + posonly);
            match found {
                Some(slot) => {
                    if !slots[slot].is_null() {
                        return Err(self.type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            self.func_name(func),
                            name.as_str()
                        )));
                    }
                    slots[slot] = value.clone();
                }
                None => match &kwargs {
                    Some(d) => d.set_str(name.clone(), value.clone()),
                    None => {
                        if names[..posonly].iter().any(|n| **n == **name) {
                            posonly_as_keyword.push(name.as_str().to_owned());
                        } else {
                            return Err(self.type_error(format!(
                                "{}() got an unexpected keyword argument '{}'",
                                self.func_name(func),
                                name.as_str()
                            )));
                        }
                    }
                },
            }
        }
        if !posonly_as_keyword.is_empty() {
            return Err(self.type_error(format!(
                "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                self.func_name(func),
                posonly_as_keyword.join(", ")
            )));
        }
        if let Some(d) = kwargs {
            slots[total - 1] = Value::Dict(d);
        }

        // Positional defaults fill the last `defaults.len()` positional slots.
        if taken < argcount {
            let defaults = func.defaults.borrow().clone();
            let n_defaults = defaults.as_ref().map_or(0, |d| d.len());
            let first_default = argcount - n_defaults;
            let missing: Vec<&str> = (taken..first_default)
                .filter(|&i| slots[i].is_null())
                .map(|i| names[i].as_str())
                .collect();
            if !missing.is_empty() {
                return Err(self.missing_arguments(func, "positional", &missing));
            }
            if let Some(defaults) = defaults {
                let start = first_default.max(taken);
                for (i, slot) in slots.iter_mut().enumerate().take(argcount).skip(start) {
                    if slot.is_null() {
                        *slot = defaults.items()[i - first_default].clone();
                    }
                }
            }
        }
        if kwonly > 0 {
            let kwdefaults = func.kwdefaults.borrow().clone();
            let mut missing = Vec::new();
            for i in argcount..argcount + kwonly {
                if slots[i].is_null() {
                    match kwdefaults.as_ref().and_then(|d| d.get_str(&names[i])) {
                        Some(v) => slots[i] = v,
                        None => missing.push(names[i].as_str()),
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.missing_arguments(func, "keyword-only", &missing));
            }
        }
        Ok(slots)
    }

    fn func_name(&self, func: &PyFunction) -> String {
        func.qualname.borrow().as_str().to_owned()
    }

    fn too_many_positional(
        &mut self,
        func: &PyFunction,
        given: usize,
        kwnames: &[Rc<PyStr>],
        _values: &[Value],
    ) -> crate::runtime::error::PyErr {
        let code = &func.code.code;
        let argcount = code.argcount as usize;
        let n_defaults = func.defaults.borrow().as_ref().map_or(0, |d| d.len());
        let takes = if n_defaults > 0 {
            format!("from {} to {}", argcount - n_defaults, argcount)
        } else {
            argcount.to_string()
        };
        let plural = if n_defaults > 0 || argcount != 1 {
            "s"
        } else {
            ""
        };
        let kwonly_names =
            &func.code.localsplus_names[argcount..argcount + code.kwonlyargcount as usize];
        let kwonly_given = kwnames
            .iter()
            .filter(|k| kwonly_names.iter().any(|n| ***k == **n))
            .count();
        let given_text = if kwonly_given > 0 {
            format!(
                "{given} positional argument{} (and {kwonly_given} keyword-only argument{}) were",
                if given == 1 { "" } else { "s" },
                if kwonly_given == 1 { "" } else { "s" }
            )
        } else {
            format!("{given} {}", if given == 1 { "was" } else { "were" })
        };
        let message = format!(
            "{}() takes {takes} positional argument{plural} but {given_text} given",
            self.func_name(func)
        );
        self.type_error(message)
    }

    fn missing_arguments(
        &mut self,
        func: &PyFunction,
        kind: &str,
        missing: &[&str],
    ) -> crate::runtime::error::PyErr {
        let quoted: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.as_slice() {
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
            [] => String::new(),
        };
        let n = missing.len();
        let message = format!(
            "{}() missing {n} required {kind} argument{}: {list}",
            self.func_name(func),
            if n == 1 { "" } else { "s" }
        );
        self.type_error(message)
    }
}
