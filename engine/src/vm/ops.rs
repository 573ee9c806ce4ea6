//! What the less common instructions do beyond moving values: building sets and merged
//! dicts, `f(*args, **kwargs)`, starred unpacking, f-string pieces, imports, `with`.

use super::Vm;
use crate::runtime::error::PyResult;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::set::PySet;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::rc::Rc;

impl Vm {
    /// A new `set` holding `items`.
    pub fn new_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let set = PySet::new();
        for item in items {
            set.add(self, item)?;
        }
        Ok(Value::Object(crate::runtime::gc::tracked(PyObject::new(
            ObjKind::Set(set),
        ))))
    }

    /// `SET_ADD` / `SET_UPDATE` target. Takes any iterable of values, so `SET_ADD` can pass
    /// `[v]` (no allocation per element).
    pub(crate) fn set_add_all(
        &mut self,
        set: &Value,
        items: impl IntoIterator<Item = Value>,
    ) -> PyResult<()> {
        if let Value::Object(o) = set {
            if let ObjKind::Set(s) = &o.kind {
                for item in items {
                    s.add(self, item)?;
                }
            }
        }
        Ok(())
    }

    /// The items of `*iterable` in a display (`[*x]`, `{*x}`, `(*x,)`).
    pub(crate) fn starred_items(&mut self, iterable: &Value) -> PyResult<Vec<Value>> {
        match self.collect_iterable(iterable) {
            Ok(items) => Ok(items),
            Err(e) => {
                let type_error = self.types.type_error.clone();
                if self.class_of(&e.exc).is_subclass(&type_error) && !self.is_iterable(iterable) {
                    let t = self.type_name(iterable);
                    return Err(
                        self.type_error(format!("Value after * must be an iterable, not {t}"))
                    );
                }
                Err(e)
            }
        }
    }

    /// Whether `iter(v)` could succeed (for choosing an error message).
    pub fn is_iterable(&self, v: &Value) -> bool {
        match v {
            Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Dict(_) => true,
            Value::Object(o)
                if matches!(
                    o.kind,
                    ObjKind::Range { .. }
                        | ObjKind::Set(_)
                        | ObjKind::FrozenSet(_)
                        | ObjKind::Generator(_)
                ) =>
            {
                true
            }
            _ => {
                self.lookup_special(v, &self.names.iter)
                    .is_some_and(|m| !m.is_none())
                    || self.lookup_special(v, &self.names.getitem).is_some()
            }
        }
    }

    /// `(key, value)` pairs of a mapping: a dict directly, otherwise `keys()` and `[]`.
    pub fn mapping_items(&mut self, mapping: &Value) -> PyResult<Option<Vec<(Value, Value)>>> {
        if let Value::Dict(d) = mapping {
            let mut items = Vec::with_capacity(d.len());
            for i in 0..d.dense_len() {
                if let Some(kv) = d.entry_at(i) {
                    items.push(kv);
                }
            }
            return Ok(Some(items));
        }
        let keys_name = self.names.keys.clone();
        if self.lookup_special(mapping, &keys_name).is_none() {
            return Ok(None);
        }
        let keys = self.get_attr(mapping, &keys_name)?;
        let keys = self.call(&keys, &[])?;
        let keys = self.collect_iterable(&keys)?;
        let mut items = Vec::with_capacity(keys.len());
        for k in keys {
            let v = self.getitem(mapping, &k)?;
            items.push((k, v));
        }
        Ok(Some(items))
    }

    /// `DICT_UPDATE`: `{**mapping}`.
    pub(crate) fn dict_update(&mut self, dict: &Value, mapping: &Value) -> PyResult<()> {
        let Value::Dict(d) = dict else { return Ok(()) };
        match self.mapping_items(mapping)? {
            Some(items) => {
                for (k, v) in items {
                    d.set(self, k, v)?;
                }
                Ok(())
            }
            None => {
                let t = self.type_name(mapping);
                Err(self.type_error(format!("'{t}' object is not a mapping")))
            }
        }
    }

    /// `DICT_MERGE`: `f(**mapping)`, where a repeated keyword is an error naming `func`.
    pub(crate) fn dict_merge(
        &mut self,
        func: &Value,
        dict: &Value,
        mapping: &Value,
    ) -> PyResult<()> {
        let Value::Dict(d) = dict else { return Ok(()) };
        match self.mapping_items(mapping)? {
            Some(items) => {
                for (k, v) in items {
                    if d.get(self, &k)?.is_some() {
                        let f = self.function_str(func);
                        let key = match &k {
                            Value::Str(s) => s.as_str().to_owned(),
                            other => self.str(other)?,
                        };
                        return Err(self.type_error(format!(
                            "{f} got multiple values for keyword argument '{key}'"
                        )));
                    }
                    d.set(self, k, v)?;
                }
                Ok(())
            }
            None => {
                let f = self.function_str(func);
                let t = self.type_name(mapping);
                Err(self.type_error(format!("{f} argument after ** must be a mapping, not {t}")))
            }
        }
    }

    /// `_PyObject_FunctionStr`: `f()`, `A.method()`, `module.f()`, or the type name.
    pub fn function_str(&mut self, func: &Value) -> String {
        let (qualname, module) = match func {
            Value::Function(f) => (f.qualname(), f.module.clone()),
            Value::Native(n) => (n.qualname.to_owned(), Value::None),
            Value::Class(c) => (c.qualname.borrow().as_str().to_owned(), Value::None),
            Value::Object(o) => match &o.kind {
                ObjKind::BoundMethod { func, .. } => return self.function_str(&func.clone()),
                _ => return format!("{} object", self.type_name(func)),
            },
            _ => return format!("{} object", self.type_name(func)),
        };
        match module {
            Value::Str(m) if m.as_str() != "builtins" => {
                format!("{}.{qualname}()", m.as_str())
            }
            _ => format!("{qualname}()"),
        }
    }

    /// `CALL_FUNCTION_EX`: `func(*args, **kwargs)`.
    pub(crate) fn call_function_ex(
        &mut self,
        func: &Value,
        args: &Value,
        kwargs: Option<&Value>,
    ) -> PyResult<Value> {
        let (values, kwnames) = self.function_ex_arguments(func, args, kwargs)?;
        self.call_with_keywords(func, &values, &kwnames)
    }

    /// The arguments `f(*args, **kwargs)` passes: the positional values followed by the
    /// keyword values, and the keyword names.
    pub(crate) fn function_ex_arguments(
        &mut self,
        func: &Value,
        args: &Value,
        kwargs: Option<&Value>,
    ) -> PyResult<(Vec<Value>, Vec<Rc<PyStr>>)> {
        let mut values = match args {
            Value::Tuple(t) => t.items().to_vec(),
            other => {
                if !self.is_iterable(other) {
                    let f = self.function_str(func);
                    let t = self.type_name(other);
                    return Err(self
                        .type_error(format!("{f} argument after * must be an iterable, not {t}")));
                }
                self.collect_iterable(other)?
            }
        };
        let mut kwnames: Vec<Rc<PyStr>> = Vec::new();
        if let Some(kwargs) = kwargs {
            let items = match kwargs {
                Value::Dict(_) => self.mapping_items(kwargs)?.unwrap_or_default(),
                other => match self.mapping_items(other)? {
                    Some(items) => items,
                    None => {
                        let f = self.function_str(func);
                        let t = self.type_name(other);
                        return Err(self.type_error(format!(
                            "{f} argument after ** must be a mapping, not {t}"
                        )));
                    }
                },
            };
            for (k, v) in items {
                match k {
                    Value::Str(s) => kwnames.push(s),
                    _ => return Err(self.type_error("keywords must be strings")),
                }
                values.push(v);
            }
        }
        Ok((values, kwnames))
    }

    /// `UNPACK_SEQUENCE`'s items, with CPython's messages.
    pub(crate) fn unpack_items(&mut self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match v {
            Value::Tuple(t) => t.items().to_vec(),
            Value::List(l) => l.to_vec(),
            _ => {
                if !self.is_iterable(v) {
                    let t = self.type_name(v);
                    return Err(self.type_error(format!("cannot unpack non-iterable {t} object")));
                }
                let it = self.get_iter(v)?;
                let mut items = Vec::with_capacity(n);
                while let Some(x) = self.next(&it)? {
                    items.push(x);
                    if items.len() > n {
                        break;
                    }
                }
                items
            }
        };
        if items.len() != n {
            let class = self.types.value_error.clone();
            let message = if items.len() > n {
                format!("too many values to unpack (expected {n})")
            } else {
                format!(
                    "not enough values to unpack (expected {n}, got {})",
                    items.len()
                )
            };
            return Err(self.new_exception(&class, &message));
        }
        Ok(items)
    }

    /// `UNPACK_EX`: `before` targets, a starred list, `after` targets; pushed so the first
    /// target is on top.
    pub(crate) fn unpack_ex(&mut self, v: &Value, before: usize, after: usize) -> PyResult<()> {
        if !self.is_iterable(v) {
            let t = self.type_name(v);
            return Err(self.type_error(format!("cannot unpack non-iterable {t} object")));
        }
        let mut items = self.collect_iterable(v)?;
        if items.len() < before + after {
            let class = self.types.value_error.clone();
            return Err(self.new_exception(
                &class,
                &format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                ),
            ));
        }
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        self.stack.extend(tail.into_iter().rev());
        self.stack.push(Value::list(middle));
        self.stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// `FORMAT_VALUE`: conversion (`!s`, `!r`, `!a`) then `format(v, spec)`.
    pub(crate) fn format_value(
        &mut self,
        v: Value,
        conversion: u32,
        spec: Option<Value>,
    ) -> PyResult<Value> {
        use crate::bytecode::oparg::format_value as fv;
        let v = match conversion {
            fv::STR => match v {
                Value::Str(_) => v,
                other => Value::str(&self.str(&other)?),
            },
            fv::REPR => Value::str(&self.repr(&v)?),
            fv::ASCII => Value::str(&self.ascii(&v)?),
            _ => v,
        };
        let spec = match &spec {
            Some(Value::Str(s)) => s.as_str().to_owned(),
            _ => String::new(),
        };
        if spec.is_empty() {
            if let Value::Str(_) = v {
                return Ok(v);
            }
        }
        Ok(Value::str(&self.format(&v, &spec)?))
    }

    /// `IMPORT_NAME`: `__import__(name, globals(), None, fromlist, level)` (`vm/import.rs`).
    pub(crate) fn import_name(
        &mut self,
        name: &Rc<PyStr>,
        fromlist: &Value,
        level: &Value,
    ) -> PyResult<Value> {
        let level = match level {
            Value::Int(l) => *l,
            _ => 0,
        };
        let globals = self.frames.last().map(|f| f.globals_rc());
        self.import_module_level(name.as_str(), globals.as_ref(), fromlist, level)
    }

    /// `IMPORT_FROM`: `from module import name`.
    pub(crate) fn import_from(&mut self, module: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
        self.import_from_module(module, name)
    }

    /// `IMPORT_STAR`: the module's public names (or its `__all__`) into `ns`.
    pub(crate) fn import_star(&mut self, module: &Value, ns: &Rc<PyDict>) -> PyResult<()> {
        let Value::Object(o) = module else {
            return Ok(());
        };
        let ObjKind::Module(m) = &o.kind else {
            return Ok(());
        };
        let dict = m.dict.clone();
        let all = dict.get_str(&PyStr::new("__all__"));
        let names: Vec<Value> = match all {
            Some(all) => self.collect_iterable(&all)?,
            None => (0..dict.dense_len())
                .filter_map(|i| dict.entry_at(i))
                .map(|(k, _)| k)
                .filter(|k| !matches!(k, Value::Str(s) if s.as_str().starts_with('_')))
                .collect(),
        };
        for name in names {
            if let Value::Str(s) = &name {
                let v = self.get_attr(module, s)?;
                ns.set_str(s.clone(), v);
            }
        }
        Ok(())
    }

    /// `BEFORE_WITH`: looks up `__enter__`/`__exit__` on the type; returns `(bound exit,
    /// enter result)`.
    pub(crate) fn before_with(&mut self, mgr: &Value) -> PyResult<(Value, Value)> {
        let enter_name = self.names.enter.clone();
        let exit_name = self.names.exit.clone();
        let enter = self.lookup_special(mgr, &enter_name);
        let exit = self.lookup_special(mgr, &exit_name);
        let (Some(enter), Some(exit)) = (enter, exit) else {
            let t = self.type_name(mgr);
            let detail = match self.lookup_special(mgr, &enter_name) {
                Some(_) => " (missed __exit__ method)",
                None => "",
            };
            return Err(self.type_error(format!(
                "'{t}' object does not support the context manager protocol{detail}"
            )));
        };
        let class = self.class_of(mgr);
        let exit = self.descr_get(&exit, mgr, &class)?;
        let res = self.call_special_found(&enter, mgr, &[])?;
        Ok((exit, res))
    }

    /// `WITH_EXCEPT_START`: `exit(type(exc), exc, tb)`.
    pub(crate) fn with_except_start(&mut self, exit: &Value, exc: &Value) -> PyResult<Value> {
        let class = Value::Class(self.class_of(exc));
        let tb = self.traceback_of(exc);
        self.call(exit, &[class, exc.clone(), tb])
    }
}
