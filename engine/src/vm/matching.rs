//! Structural pattern matching (`match`): the `MATCH_*` instructions as CPython 3.11's
//! ceval.c implements them (`__match_args__`, the "match self" built-in types, duplicate-key
//! and duplicate-attribute errors).

use super::Vm;
use crate::runtime::error::PyResult;
use crate::runtime::types::class::{Layout, PyClass};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use std::rc::Rc;

impl Vm {
    /// `MATCH_MAPPING`: whether the subject is a mapping for `case {…}`.
    pub(crate) fn is_mapping_subject(&self, subject: &Value) -> bool {
        match subject {
            Value::Dict(_) => true,
            Value::Instance(i) => i.class().is_subclass(&self.types.dict),
            _ => false,
        }
    }

    /// `MATCH_SEQUENCE`: whether the subject is a sequence for `case [...]` (not str/bytes).
    pub(crate) fn is_sequence_subject(&self, subject: &Value) -> bool {
        match subject {
            Value::List(_) | Value::Tuple(_) => true,
            Value::Object(o) => matches!(o.kind, ObjKind::Range { .. }),
            Value::Instance(i) => {
                let c = i.class();
                c.is_subclass(&self.types.list) || c.is_subclass(&self.types.tuple)
            }
            _ => false,
        }
    }

    /// `MATCH_KEYS`: the values of `keys` in the subject, or `None` if one is missing.
    pub(crate) fn match_keys(&mut self, subject: &Value, keys: &Value) -> PyResult<Value> {
        let keys = match keys {
            Value::Tuple(t) => t.items().to_vec(),
            _ => return Ok(Value::None),
        };
        let mut values = Vec::with_capacity(keys.len());
        let mut seen: Vec<Value> = Vec::with_capacity(keys.len());
        for key in keys {
            for s in &seen {
                if self.values_equal(s, &key)? {
                    let r = self.repr(&key)?;
                    let class = self.types.value_error.clone();
                    return Err(self.new_exception(
                        &class,
                        &format!("mapping pattern checks duplicate key ({r})"),
                    ));
                }
            }
            seen.push(key.clone());
            let found = match subject {
                Value::Dict(d) => d.get(self, &key)?,
                _ => {
                    let get = self.interner.intern("get");
                    let method = self.get_attr(subject, &get)?;
                    let dummy = Value::tuple(vec![Value::Ellipsis, Value::NotImplemented]);
                    let v = self.call(&method, &[key.clone(), dummy.clone()])?;
                    (!v.is(&dummy)).then_some(v)
                }
            };
            match found {
                Some(v) => values.push(v),
                None => return Ok(Value::None),
            }
        }
        Ok(Value::tuple(values))
    }

    /// `MATCH_CLASS`: the attributes for the sub-patterns, or `None` when it does not match.
    pub(crate) fn match_class(
        &mut self,
        subject: &Value,
        class: &Value,
        nargs: usize,
        kwnames: &Value,
    ) -> PyResult<Value> {
        let Value::Class(cls) = class else {
            return Err(self.type_error("called match pattern must be a type"));
        };
        if !self.isinstance(subject, cls)? {
            return Ok(Value::None);
        }
        let mut attrs = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        if nargs > 0 {
            let match_args_name = self.names.match_args.clone();
            let (match_args, match_self) = match cls.lookup(&match_args_name) {
                Some(Value::Tuple(t)) => (t.items().to_vec(), false),
                Some(other) => {
                    let t = self.type_name(&other);
                    return Err(self.type_error(format!(
                        "{}.__match_args__ must be a tuple (got {t})",
                        cls.name()
                    )));
                }
                None => (Vec::new(), matches_self(cls)),
            };
            let allowed = if match_self { 1 } else { match_args.len() };
            if allowed < nargs {
                let plural = if allowed == 1 { "" } else { "s" };
                return Err(self.type_error(format!(
                    "{}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)",
                    cls.name()
                )));
            }
            if match_self {
                attrs.push(subject.clone());
            } else {
                for name in match_args.iter().take(nargs) {
                    let Value::Str(name) = name else {
                        let t = self.type_name(name);
                        return Err(self.type_error(format!(
                            "__match_args__ elements must be strings (got {t})"
                        )));
                    };
                    match self.match_class_attr(subject, cls, name, &mut seen)? {
                        Some(v) => attrs.push(v),
                        None => return Ok(Value::None),
                    }
                }
            }
        }
        if let Value::Tuple(names) = kwnames {
            for name in names.items() {
                if let Value::Str(name) = name {
                    match self.match_class_attr(subject, cls, name, &mut seen)? {
                        Some(v) => attrs.push(v),
                        None => return Ok(Value::None),
                    }
                }
            }
        }
        Ok(Value::tuple(attrs))
    }

    fn match_class_attr(
        &mut self,
        subject: &Value,
        cls: &Rc<PyClass>,
        name: &Rc<crate::runtime::types::str::PyStr>,
        seen: &mut Vec<String>,
    ) -> PyResult<Option<Value>> {
        if seen.iter().any(|s| s == name.as_str()) {
            return Err(self.type_error(format!(
                "{}() got multiple sub-patterns for attribute '{}'",
                cls.name(),
                name.as_str()
            )));
        }
        seen.push(name.as_str().to_owned());
        match self.get_attr(subject, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                let attribute_error = self.types.attribute_error.clone();
                if self.class_of(&e.exc).is_subclass(&attribute_error) {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }
}

/// The built-in types whose instances match `case T(x)` as themselves.
fn matches_self(cls: &PyClass) -> bool {
    let mut layouts = vec![cls.layout];
    layouts.extend(cls.mro.borrow().iter().map(|c| c.layout));
    layouts.iter().any(|l| {
        matches!(
            l,
            Layout::Bool
                | Layout::Bytes
                | Layout::Dict
                | Layout::Float
                | Layout::FrozenSet
                | Layout::Int
                | Layout::List
                | Layout::Set
                | Layout::Str
                | Layout::Tuple
        )
    })
}
