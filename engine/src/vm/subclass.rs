//! Python subclasses of built-in value types (`class Stack(list)`, `class Celsius(float)`):
//! their instances carry the built-in value (`Payload::Builtin`), and the built-in type's
//! natives are called with that value as `self`, as CPython's methods see the base object.

use super::Vm;
use crate::runtime::error::PyResult;
use crate::runtime::types::class::Layout;
use crate::runtime::types::instance::{Payload, PyInstance};
use crate::runtime::types::native::{Args, PyNative};
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::rc::Rc;

/// The built-in value an instance carries, if it is an instance of such a subclass.
pub fn builtin_payload(v: &Value) -> Option<&Value> {
    match v {
        Value::Instance(inst) => match &inst.payload {
            Payload::Builtin(b) => Some(b),
            _ => None,
        },
        _ => None,
    }
}

impl Vm {
    /// Calls a native whose arguments (`all`, receiver first) need the subclass treatment;
    /// `None` when they do not.
    pub(crate) fn call_native_subclass_aware(
        &mut self,
        native: &PyNative,
        all: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> Option<PyResult<Value>> {
        match all.first()? {
            Value::Instance(inst) => {
                let Payload::Builtin(payload) = &inst.payload else {
                    return None;
                };
                let owner = native.qualname.split('.').next().unwrap_or("");
                let class = inst.class().clone();
                let base = self.builtin_base(&class)?;
                if base.name.borrow().as_str() != owner {
                    return None;
                }
                let payload = payload.clone();
                let receiver = all[0].clone();
                match native.name {
                    "__init__"
                        if matches!(base.layout, Layout::List | Layout::Dict | Layout::Set) =>
                    {
                        return Some(
                            self.builtin_init(&payload, &all[1..], kwnames)
                                .map(|_| Value::None),
                        );
                    }
                    _ => {}
                }
                let mut args = all.to_vec();
                args[0] = payload.clone();
                let r = (native.func)(
                    self,
                    Args {
                        values: &args,
                        kwnames,
                    },
                );
                // In-place operators of mutable containers return `self`: the instance.
                let mutable = matches!(base.layout, Layout::List | Layout::Dict | Layout::Set);
                Some(r.map(|v| {
                    if mutable && v.is(&payload) {
                        receiver
                    } else {
                        v
                    }
                }))
            }
            Value::Class(c) if native.name == "__new__" && !c.builtin => {
                let base = self.builtin_base(c)?;
                let owner = native.qualname.split('.').next().unwrap_or("");
                if base.name.borrow().as_str() != owner {
                    return None;
                }
                let class = c.clone();
                let mutable = matches!(base.layout, Layout::List | Layout::Dict | Layout::Set);
                let mut args = vec![Value::Class(base)];
                let raw = if mutable {
                    (native.func)(
                        self,
                        Args {
                            values: &args,
                            kwnames: &[],
                        },
                    )
                } else {
                    args.extend_from_slice(&all[1..]);
                    (native.func)(
                        self,
                        Args {
                            values: &args,
                            kwnames,
                        },
                    )
                };
                Some(raw.map(|raw| {
                    Value::Instance(crate::runtime::gc::tracked(PyInstance::new(
                        class,
                        Payload::Builtin(raw),
                    )))
                }))
            }
            _ => None,
        }
    }

    /// `list.__init__` / `dict.__init__` / `set.__init__` on the value of a subclass instance.
    fn builtin_init(
        &mut self,
        payload: &Value,
        args: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<()> {
        let n_pos = args.len() - kwnames.len();
        let positional = &args[..n_pos];
        match payload {
            Value::List(l) => {
                if !kwnames.is_empty() {
                    return Err(self.type_error("list() takes no keyword arguments"));
                }
                if positional.len() > 1 {
                    return Err(self.type_error(format!(
                        "list expected at most 1 argument, got {}",
                        positional.len()
                    )));
                }
                let items = match positional.first() {
                    Some(v) => self.collect_iterable(v)?,
                    None => Vec::new(),
                };
                *l.borrow_mut() = items;
            }
            Value::Dict(_) => {
                if positional.len() > 1 {
                    return Err(self.type_error(format!(
                        "dict expected at most 1 argument, got {}",
                        positional.len()
                    )));
                }
                if let Some(src) = positional.first() {
                    match self.mapping_items(src)? {
                        Some(items) => {
                            for (k, v) in items {
                                self.setitem(payload, &k, v)?;
                            }
                        }
                        None => {
                            for pair in self.collect_iterable(src)? {
                                let kv = self.collect_iterable(&pair)?;
                                if kv.len() != 2 {
                                    let class = self.types.value_error.clone();
                                    return Err(self.new_exception(
                                        &class,
                                        &format!(
                                            "dictionary update sequence element #0 has length {}; 2 is required",
                                            kv.len()
                                        ),
                                    ));
                                }
                                self.setitem(payload, &kv[0], kv[1].clone())?;
                            }
                        }
                    }
                }
                for (k, v) in kwnames.iter().zip(&args[n_pos..]) {
                    self.setitem(payload, &Value::Str(k.clone()), v.clone())?;
                }
            }
            Value::Object(o) => {
                if let crate::runtime::types::object::ObjKind::Set(s) = &o.kind {
                    let items = match positional.first() {
                        Some(v) => self.collect_iterable(v)?,
                        None => Vec::new(),
                    };
                    for old in s.to_vec() {
                        s.discard(self, &old)?;
                    }
                    for item in items {
                        s.add(self, item)?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }
}
