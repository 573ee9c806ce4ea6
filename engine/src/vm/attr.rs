//! Attribute access: CPython's `PyObject_GenericGetAttr` / `type_getattro` with the descriptor
//! protocol (data descriptors before instance attributes, then non-data descriptors), plus
//! `__getattr__` fallback, and the `LOAD_METHOD` shortcut that skips creating bound methods.

use super::Vm;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::class::PyClass;
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::rc::Rc;

/// What `LOAD_METHOD` found: an unbound callable to call with the receiver prepended, or a
/// plain attribute value.
pub enum Method {
    Unbound(Value),
    Attribute(Value),
}

impl Vm {
    pub fn get_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
        match self.load_method(obj, name)? {
            Method::Unbound(func) => Ok(self.bind(func, obj.clone())),
            Method::Attribute(v) => Ok(v),
        }
    }

    /// `obj.name` resolved as far as possible without binding a method.
    pub fn load_method(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<Method> {
        match obj {
            Value::Class(class) => return self.class_getattr(class, name).map(Method::Attribute),
            Value::Object(o) => {
                if let ObjKind::Super { class, obj } = &o.kind {
                    return self.super_getattr(class, obj, name);
                }
                if let ObjKind::Module(m) = &o.kind {
                    return match m.dict.get_str(name) {
                        Some(v) => Ok(Method::Attribute(v)),
                        None => {
                            let module = m.name.as_str().to_owned();
                            Err(self.attribute_error(format!(
                                "module '{module}' has no attribute '{}'",
                                name.as_str()
                            )))
                        }
                    };
                }
            }
            _ => {}
        }
        let class = self.class_of(obj);
        let descr = class.lookup(name);
        if let Some(d) = &descr {
            if is_data_descriptor(d) {
                return self.descr_get(d, obj, &class).map(Method::Attribute);
            }
        }
        if let Some(v) = self.instance_attr(obj, name) {
            return Ok(Method::Attribute(v));
        }
        if let Some(d) = descr {
            return match &d {
                Value::Function(_) => Ok(Method::Unbound(d)),
                Value::Native(n)
                    if n.kind == crate::runtime::types::native::NativeKind::Method =>
                {
                    Ok(Method::Unbound(d))
                }
                _ => self.descr_get(&d, obj, &class).map(Method::Attribute),
            };
        }
        if let Some(getattr) = class.lookup(&self.interner.intern("__getattr__")) {
            let attr_name = Value::Str(name.clone());
            return self
                .call(&getattr, &[obj.clone(), attr_name])
                .map(Method::Attribute);
        }
        Err(self.no_attribute(obj, name))
    }

    /// `super(class, obj).name`: the MRO of `obj`'s type after `class`, bound to `obj`.
    fn super_getattr(
        &mut self,
        class: &Rc<PyClass>,
        obj: &Value,
        name: &Rc<PyStr>,
    ) -> PyResult<Method> {
        let start_type = match obj {
            Value::Class(c) => c.clone(),
            other => self.class_of(other),
        };
        let mro = start_type.mro_with_self();
        let after = mro
            .iter()
            .position(|c| Rc::ptr_eq(c, class))
            .map_or(mro.len(), |i| i + 1);
        for c in &mro[after..] {
            if let Some(v) = c.dict.get_str(name) {
                return Ok(match (&v, obj) {
                    (Value::Function(_), Value::Class(_)) => Method::Attribute(v),
                    // Bound to `obj`, not to the super object `LOAD_METHOD` was applied to.
                    (Value::Function(_), _) => Method::Attribute(self.bind(v, obj.clone())),
                    _ => Method::Attribute(self.descr_get(&v, obj, &start_type)?),
                });
            }
        }
        Err(self.attribute_error(format!("'super' object has no attribute '{}'", name.as_str())))
    }

    fn no_attribute(&mut self, obj: &Value, name: &PyStr) -> PyErr {
        let type_name = self.type_name(obj);
        self.attribute_error(format!(
            "'{type_name}' object has no attribute '{}'",
            name.as_str()
        ))
    }

    pub fn attribute_error(&mut self, message: String) -> PyErr {
        let class = self.types.attribute_error.clone();
        self.new_exception(&class, &message)
    }

    /// Attributes stored on the object itself (instance namespace, function `__dict__`, and
    /// the special attributes of built-in objects).
    fn instance_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> Option<Value> {
        match obj {
            Value::Instance(inst) => {
                if let Some(v) = inst.get_attr(name) {
                    return Some(v);
                }
                match name.as_str() {
                    "__class__" => Some(Value::Class(inst.class().clone())),
                    "__dict__" => Some(Value::Dict(inst.materialize_dict())),
                    _ => None,
                }
            }
            Value::Function(f) => {
                if let Some(v) = f.dict.borrow().as_ref().and_then(|d| d.get_str(name)) {
                    return Some(v);
                }
                match name.as_str() {
                    "__name__" => Some(Value::Str(f.name.borrow().clone())),
                    "__qualname__" => Some(Value::Str(f.qualname.borrow().clone())),
                    "__doc__" => Some(f.doc.borrow().clone()),
                    "__module__" => Some(f.module.clone()),
                    "__defaults__" => Some(
                        f.defaults
                            .borrow()
                            .clone()
                            .map_or(Value::None, Value::Tuple),
                    ),
                    "__kwdefaults__" => Some(
                        f.kwdefaults
                            .borrow()
                            .clone()
                            .map_or(Value::None, Value::Dict),
                    ),
                    "__globals__" => Some(Value::Dict(f.globals.clone())),
                    "__closure__" => Some(f.closure.clone().map_or(Value::None, Value::Tuple)),
                    "__dict__" => {
                        let mut d = f.dict.borrow_mut();
                        Some(Value::Dict(
                            d.get_or_insert_with(|| Rc::new(Default::default())).clone(),
                        ))
                    }
                    _ => None,
                }
            }
            Value::Native(n) => match name.as_str() {
                "__name__" => Some(Value::str(n.name)),
                "__qualname__" => Some(Value::str(n.qualname)),
                "__doc__" => Some(n.doc.map_or(Value::None, Value::str)),
                "__self__" => Some(n.bound_self.clone().unwrap_or(Value::None)),
                _ => None,
            },
            Value::Object(o) => match (&o.kind, name.as_str()) {
                (ObjKind::BoundMethod { func, .. }, "__func__") => Some(func.clone()),
                (ObjKind::BoundMethod { receiver, .. }, "__self__") => Some(receiver.clone()),
                (ObjKind::BoundMethod { func, .. }, "__name__" | "__qualname__" | "__doc__") => {
                    let func = func.clone();
                    self.get_attr(&func, name).ok()
                }
                (ObjKind::Property { fget, .. }, "fget") => Some(fget.clone()),
                (ObjKind::Property { fset, .. }, "fset") => Some(fset.clone()),
                (ObjKind::Property { fdel, .. }, "fdel") => Some(fdel.clone()),
                (ObjKind::Property { doc, .. }, "__doc__") => Some(doc.clone()),
                (ObjKind::ClassMethod(f) | ObjKind::StaticMethod(f), "__func__") => {
                    Some(f.clone())
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// Attribute lookup on a class object (`type_getattro`).
    fn class_getattr(&mut self, class: &Rc<PyClass>, name: &Rc<PyStr>) -> PyResult<Value> {
        if let Some(v) = class.lookup(name) {
            return Ok(match &v {
                Value::Object(o) => match &o.kind {
                    ObjKind::ClassMethod(f) => self.bind(f.clone(), Value::Class(class.clone())),
                    ObjKind::StaticMethod(f) => f.clone(),
                    _ => v,
                },
                _ => v,
            });
        }
        let special = match name.as_str() {
            "__name__" => Some(Value::Str(class.name.borrow().clone())),
            "__qualname__" => Some(Value::Str(class.qualname.borrow().clone())),
            "__mro__" => Some(Value::tuple(
                class
                    .mro_with_self()
                    .into_iter()
                    .map(Value::Class)
                    .collect(),
            )),
            "__bases__" => Some(Value::tuple(
                class.bases.borrow().iter().cloned().map(Value::Class).collect(),
            )),
            "__base__" => Some(
                class
                    .bases
                    .borrow()
                    .first()
                    .cloned()
                    .map_or(Value::None, Value::Class),
            ),
            "__dict__" => Some(Value::Dict(class.dict.clone())),
            "__doc__" => Some(Value::None),
            "__class__" => Some(Value::Class(
                class
                    .metaclass
                    .borrow()
                    .clone()
                    .unwrap_or_else(|| self.types.type_.clone()),
            )),
            _ => None,
        };
        if let Some(v) = special {
            return Ok(v);
        }
        // Methods of `type` itself (`mro`, `__subclasses__`, …) come from the metaclass.
        let meta = self.class_of(&Value::Class(class.clone()));
        if let Some(v) = meta.lookup(name) {
            return self.descr_get(&v, &Value::Class(class.clone()), &meta);
        }
        let class_name = class.name();
        Err(self.attribute_error(format!(
            "type object '{class_name}' has no attribute '{}'",
            name.as_str()
        )))
    }

    /// `descr.__get__(obj, type(obj))` for the descriptors the VM implements natively, and
    /// for Python classes that define `__get__`.
    fn descr_get(&mut self, descr: &Value, obj: &Value, class: &Rc<PyClass>) -> PyResult<Value> {
        match descr {
            Value::Function(_) => Ok(self.bind(descr.clone(), obj.clone())),
            Value::Native(n) => Ok(match n.kind {
                crate::runtime::types::native::NativeKind::Method => {
                    Value::Native(Rc::new(n.bind(obj.clone())))
                }
                crate::runtime::types::native::NativeKind::ClassMethod => {
                    Value::Native(Rc::new(n.bind(Value::Class(class.clone()))))
                }
                _ => descr.clone(),
            }),
            Value::Object(o) => match &o.kind {
                ObjKind::Property { fget, .. } => {
                    if fget.is_none() {
                        let class_name = class.name();
                        let attr = self.property_name(descr);
                        return Err(self.attribute_error(format!(
                            "property {attr}of '{class_name}' object has no getter"
                        )));
                    }
                    let fget = fget.clone();
                    self.call(&fget, &[obj.clone()])
                }
                ObjKind::ClassMethod(f) => Ok(self.bind(f.clone(), Value::Class(class.clone()))),
                ObjKind::StaticMethod(f) => Ok(f.clone()),
                _ => Ok(descr.clone()),
            },
            Value::Instance(inst) => {
                let get = inst.class().lookup(&self.interner.intern("__get__"));
                match get {
                    Some(get) => self.call(&get, &[descr.clone(), obj.clone(), Value::Class(class.clone())]),
                    None => Ok(descr.clone()),
                }
            }
            _ => Ok(descr.clone()),
        }
    }

    /// `'name' ` for a property whose getter has a name (CPython 3.11's message detail).
    fn property_name(&mut self, prop: &Value) -> String {
        if let Value::Object(o) = prop {
            if let ObjKind::Property { fget, fset, .. } = &o.kind {
                for f in [fget, fset] {
                    if let Value::Function(func) = f {
                        return format!("'{}' ", func.name.borrow().as_str());
                    }
                }
            }
        }
        String::new()
    }

    /// A bound method: Python functions get a method object, natives a bound native.
    pub fn bind(&mut self, func: Value, receiver: Value) -> Value {
        match &func {
            Value::Native(n) => Value::Native(Rc::new(n.bind(receiver))),
            _ => Value::Object(Rc::new(PyObject::new(ObjKind::BoundMethod { func, receiver }))),
        }
    }

    pub fn set_attr(&mut self, obj: &Value, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
        if let Value::Class(class) = obj {
            if class.builtin {
                let class_name = class.name();
                return Err(self.type_error(format!(
                    "cannot set '{}' attribute of immutable type '{class_name}'",
                    name.as_str()
                )));
            }
            class.dict.set_str(name.clone(), value);
            class.modified();
            return Ok(());
        }
        let class = self.class_of(obj);
        if let Some(descr) = class.lookup(name) {
            if let Value::Object(o) = &descr {
                if let ObjKind::Property { fset, .. } = &o.kind {
                    if fset.is_none() {
                        let class_name = class.name();
                        let attr = self.property_name(&descr);
                        return Err(self.attribute_error(format!(
                            "property {attr}of '{class_name}' object has no setter"
                        )));
                    }
                    let fset = fset.clone();
                    self.call(&fset, &[obj.clone(), value])?;
                    return Ok(());
                }
            }
            if let Value::Instance(d) = &descr {
                if let Some(set) = d.class().lookup(&self.interner.intern("__set__")) {
                    self.call(&set, &[descr.clone(), obj.clone(), value])?;
                    return Ok(());
                }
            }
        }
        match obj {
            Value::Instance(inst) => {
                inst.set_attr(name, value);
                Ok(())
            }
            Value::Function(f) => {
                let dict = f
                    .dict
                    .borrow_mut()
                    .get_or_insert_with(|| Rc::new(Default::default()))
                    .clone();
                dict.set_str(name.clone(), value);
                Ok(())
            }
            Value::Object(o) if matches!(o.kind, ObjKind::Module(_)) => {
                if let ObjKind::Module(m) = &o.kind {
                    m.dict.set_str(name.clone(), value);
                }
                Ok(())
            }
            _ => Err(self.no_attribute(obj, name)),
        }
    }
}

/// Whether `descr`, found on a class, takes precedence over instance attributes.
fn is_data_descriptor(descr: &Value) -> bool {
    match descr {
        Value::Object(o) => matches!(o.kind, ObjKind::Property { .. }),
        Value::Instance(inst) => {
            let class = inst.class();
            class.lookup(&PyStr::new("__set__")).is_some()
                || class.lookup(&PyStr::new("__delete__")).is_some()
        }
        _ => false,
    }
}
