//! Attribute access: CPython's `PyObject_GenericGetAttr` / `type_getattro` with the descriptor
//! protocol (data descriptors before instance attributes, then non-data descriptors), plus
//! `__getattr__` fallback, and the `LOAD_METHOD` shortcut that skips creating bound methods.

use super::Vm;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::class::{
    PyClass, HOOK_DATA_DESCRIPTORS, HOOK_DELATTR, HOOK_GETATTRIBUTE, HOOK_NO_DICT, HOOK_PAYLOAD,
    HOOK_SETATTR, HOOK_SLOTS,
};
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

    /// `obj.name` resolved as far as possible without binding a method: `__getattribute__`
    /// when a class overrides it, the generic lookup otherwise, then `__getattr__` when the
    /// attribute is missing (or a descriptor raised `AttributeError`).
    pub fn load_method(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<Method> {
        if let Value::Instance(inst) = obj {
            let class = inst.class().clone();
            let ga_name = self.names.getattribute.clone();
            let hooked = self.attr_hooks(&class) & HOOK_GETATTRIBUTE != 0;
            if let Some(ga) = hooked.then(|| class.lookup_rc(&ga_name)).flatten() {
                {
                    let attr = Value::Str(name.clone());
                    let r = self.call_special_found(&ga, obj, &[attr]);
                    return match r {
                        Ok(v) => Ok(Method::Attribute(v)),
                        Err(e) => self.getattr_hook(obj, name, e).map(Method::Attribute),
                    };
                }
            }
        }
        match self.generic_load_method(obj, name) {
            Ok(Some(m)) => Ok(m),
            Ok(None) => {
                // `object.__class__`, for the built-in values whose lookup has no entry.
                if name.as_str() == "__class__" {
                    return Ok(Method::Attribute(Value::Class(self.class_of(obj))));
                }
                let err = self.no_attribute(obj, name);
                self.getattr_hook(obj, name, err).map(Method::Attribute)
            }
            Err(e) => self.getattr_hook(obj, name, e).map(Method::Attribute),
        }
    }

    /// Which of `__getattribute__`/`__setattr__`/`__delattr__` `class` overrides (cached
    /// against the class version).
    #[inline(always)]
    pub(crate) fn attr_hooks(&self, class: &Rc<PyClass>) -> u8 {
        let version = class.version.get();
        let (cached_version, bits) = class.hook_cache.get();
        if version != 0 && cached_version == version {
            return bits;
        }
        self.compute_attr_hooks(class)
    }

    #[inline(never)]
    fn compute_attr_hooks(&self, class: &Rc<PyClass>) -> u8 {
        let version = class.version.get();
        let mut bits = 0;
        for (name, bit) in [
            (&self.names.getattribute, HOOK_GETATTRIBUTE),
            (&self.names.setattr, HOOK_SETATTR),
            (&self.names.delattr, HOOK_DELATTR),
        ] {
            if let Some(found) = class.lookup_rc(name) {
                if !self.is_object_default(name, &found) {
                    bits |= bit;
                }
            }
        }
        if class.slots.is_some() || class.mro.borrow().iter().any(|c| c.slots.is_some()) {
            bits |= HOOK_SLOTS;
        }
        // An instance of a Python class (or a class with a Python metaclass) counts too: its
        // class may gain `__set__` later without this class's version changing.
        let data_descriptor = class.mro_with_self().iter().any(|c| {
            c.dict.entries().iter().any(|e| {
                !e.key.is_null()
                    && (self.is_data_descriptor(&e.value) || may_become_descriptor(&e.value))
            })
        });
        if data_descriptor {
            bits |= HOOK_DATA_DESCRIPTORS;
        }
        if !self.has_instance_dict(class) {
            bits |= HOOK_NO_DICT;
        }
        if class.layout != crate::runtime::types::class::Layout::Object {
            bits |= HOOK_PAYLOAD;
        }
        class.hook_cache.set((version, bits));
        bits
    }

    /// After `AttributeError` from the normal lookup: `type(obj).__getattr__(obj, name)` if
    /// defined, else the error.
    fn getattr_hook(&mut self, obj: &Value, name: &Rc<PyStr>, err: PyErr) -> PyResult<Value> {
        let attribute_error = self.types.attribute_error.clone();
        if !self.class_of(&err.exc).is_subclass(&attribute_error) {
            return Err(err);
        }
        if matches!(obj, Value::Class(_)) {
            return Err(err);
        }
        let getattr_name = self.names.getattr.clone();
        match self.lookup_special(obj, &getattr_name) {
            Some(getattr) if !getattr.is_none() => {
                self.call_special_found(&getattr, obj, &[Value::Str(name.clone())])
            }
            _ => Err(err),
        }
    }

    /// `object.__getattribute__(obj, name)`: the descriptor protocol and the instance
    /// namespace, no `__getattr__`.
    pub fn generic_get_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
        match self.generic_load_method(obj, name)? {
            Some(Method::Unbound(func)) => Ok(self.bind(func, obj.clone())),
            Some(Method::Attribute(v)) => Ok(v),
            None => Err(self.no_attribute(obj, name)),
        }
    }

    /// The generic lookup; `None` when the attribute does not exist.
    fn generic_load_method(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<Option<Method>> {
        match obj {
            Value::Class(class) => {
                return self
                    .class_getattr(class, name)
                    .map(|v| Some(Method::Attribute(v)))
            }
            Value::Object(o) => {
                if let ObjKind::Super { class, obj } = &o.kind {
                    return self.super_getattr(class, obj, name).map(Some);
                }
                if let ObjKind::Module(m) = &o.kind {
                    if let Some(v) = m.dict.get_str(name) {
                        return Ok(Some(Method::Attribute(v)));
                    }
                    if let Some(v) = self.module_special(o, name) {
                        return Ok(Some(Method::Attribute(v)));
                    }
                    let module = m.name.as_str().to_owned();
                    return Err(self.attribute_error(format!(
                        "module '{module}' has no attribute '{}'",
                        name.as_str()
                    )));
                }
            }
            _ => {}
        }
        let class = self.class_of(obj);
        let descr = class.lookup_rc(name);
        if let Some(d) = &descr {
            if self.is_data_descriptor(d) {
                return self
                    .descr_get(d, obj, &class)
                    .map(|v| Some(Method::Attribute(v)));
            }
        }
        if let Some(v) = self.instance_attr(obj, name)? {
            return Ok(Some(Method::Attribute(v)));
        }
        if let Some(d) = descr {
            return match &d {
                Value::Function(_) => Ok(Some(Method::Unbound(d))),
                Value::Native(n)
                    if n.kind == crate::runtime::types::native::NativeKind::Method
                        && n.bound_self.is_none() =>
                {
                    Ok(Some(Method::Unbound(d)))
                }
                _ => self
                    .descr_get(&d, obj, &class)
                    .map(|v| Some(Method::Attribute(v))),
            };
        }
        Ok(None)
    }

    fn module_special(&mut self, module: &Rc<PyObject>, name: &PyStr) -> Option<Value> {
        let ObjKind::Module(m) = &module.kind else {
            return None;
        };
        match name.as_str() {
            "__dict__" => Some(Value::Dict(m.dict.clone())),
            "__name__" => Some(Value::Str(m.name.clone())),
            _ => None,
        }
    }

    /// `super(class, obj).name`: the MRO of `obj`'s type after `class`, bound to `obj`.
    fn super_getattr(
        &mut self,
        class: &Rc<PyClass>,
        obj: &Value,
        name: &Rc<PyStr>,
    ) -> PyResult<Method> {
        // `super(C, cls)` in a class method starts from `cls`; otherwise from `type(obj)`.
        let class_style = matches!(obj, Value::Class(c) if c.is_subclass(class));
        let start_type = match obj {
            Value::Class(c) if class_style => c.clone(),
            other => self.class_of(other),
        };
        let mro = start_type.mro_with_self();
        let after = mro
            .iter()
            .position(|c| Rc::ptr_eq(c, class))
            .map_or(mro.len(), |i| i + 1);
        for c in &mro[after..] {
            if let Some(v) = c.dict.get_str(name) {
                // `__new__` is a static method: never bound.
                if name.as_str() == "__new__" {
                    let v = match &v {
                        Value::Object(o) => match &o.kind {
                            ObjKind::StaticMethod(f) => f.clone(),
                            _ => v.clone(),
                        },
                        _ => v.clone(),
                    };
                    return Ok(Method::Attribute(v));
                }
                return Ok(match (&v, obj) {
                    (Value::Function(_), Value::Class(_)) if class_style => Method::Attribute(v),
                    // Bound to `obj`, not to the super object `LOAD_METHOD` was applied to.
                    (Value::Function(_), _) => Method::Attribute(self.bind(v, obj.clone())),
                    _ => Method::Attribute(self.descr_get(&v, obj, &start_type)?),
                });
            }
        }
        Err(self.attribute_error(format!(
            "'super' object has no attribute '{}'",
            name.as_str()
        )))
    }

    pub(crate) fn no_attribute(&mut self, obj: &Value, name: &PyStr) -> PyErr {
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
    fn instance_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<Option<Value>> {
        Ok(match obj {
            Value::Instance(inst) => {
                if let Some(v) = self.exception_attr(obj, name) {
                    return Ok(Some(v));
                }
                if self.attr_hooks(inst.class()) & HOOK_SLOTS != 0 && is_slot(inst.class(), name) {
                    return Ok(inst.get_slot(name));
                }
                if let Some(v) = inst.get_attr(name) {
                    return Ok(Some(v));
                }
                match name.as_str() {
                    "__class__" => Some(Value::Class(inst.class().clone())),
                    "__dict__" if self.has_instance_dict(inst.class()) => {
                        Some(Value::Dict(inst.materialize_dict()))
                    }
                    _ => self.exception_attr_default(obj, name),
                }
            }
            Value::Function(f) => {
                if let Some(v) = f.dict.borrow().as_ref().and_then(|d| d.get_str(name)) {
                    return Ok(Some(v));
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
                    "__annotations__" => Some(super::introspect::annotations(f)),
                    "__code__" => Some(super::introspect::code_object(f)),
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
                "__doc__" => Some(n.docstring().map_or(Value::None, Value::str)),
                "__text_signature__" => Some(n.text_signature().map_or(Value::None, Value::str)),
                "__self__" => Some(n.bound_self.clone().unwrap_or(Value::None)),
                _ => None,
            },
            Value::Object(o) => match (&o.kind, name.as_str()) {
                (ObjKind::BoundMethod { func, .. }, "__func__") => Some(func.clone()),
                (ObjKind::BoundMethod { receiver, .. }, "__self__") => Some(receiver.clone()),
                (ObjKind::BoundMethod { func, .. }, "__name__" | "__qualname__" | "__doc__") => {
                    let func = func.clone();
                    Some(self.get_attr(&func, name)?)
                }
                (ObjKind::Property { fget, .. }, "fget") => Some(fget.clone()),
                (ObjKind::Property { fset, .. }, "fset") => Some(fset.clone()),
                (ObjKind::Property { fdel, .. }, "fdel") => Some(fdel.clone()),
                (ObjKind::Property { doc, .. }, "__doc__") => Some(doc.clone()),
                (ObjKind::ClassMethod(f) | ObjKind::StaticMethod(f), "__func__") => Some(f.clone()),
                (ObjKind::Generator(g), "__name__") => Some(Value::Str(g.name.clone())),
                (ObjKind::Generator(g), "__qualname__") => Some(Value::Str(g.qualname.clone())),
                (ObjKind::Generator(g), "gi_running") => Some(Value::Bool(
                    g.state.borrow().status == super::generator::GenStatus::Running,
                )),
                (ObjKind::Generator(g), "gi_suspended") => Some(Value::Bool(
                    g.state.borrow().status == super::generator::GenStatus::Suspended,
                )),
                (ObjKind::Generator(g), "gi_code") => g
                    .code
                    .clone()
                    .map(|c| Value::Object(Rc::new(PyObject::new(ObjKind::Code(c))))),
                (ObjKind::Generator(g), "gi_frame") => Some(
                    if g.state.borrow().status == super::generator::GenStatus::Finished {
                        Value::None
                    } else {
                        Value::Bool(true)
                    },
                ),
                (ObjKind::Code(code), attr) if attr.starts_with("co_") => {
                    super::introspect::code_attr(code, attr)
                }
                (ObjKind::Slice { start, .. }, "start") => Some(start.clone()),
                (ObjKind::Slice { stop, .. }, "stop") => Some(stop.clone()),
                (ObjKind::Slice { step, .. }, "step") => Some(step.clone()),
                _ => None,
            },
            Value::Class(_) => None,
            _ => None,
        })
    }

    /// Attribute lookup on a class object (`type_getattro`).
    fn class_getattr(&mut self, class: &Rc<PyClass>, name: &Rc<PyStr>) -> PyResult<Value> {
        let meta = self.class_of(&Value::Class(class.clone()));
        if !meta.builtin {
            if let Some(d) = meta.lookup_rc(name) {
                if self.is_data_descriptor(&d) {
                    return self.descr_get(&d, &Value::Class(class.clone()), &meta);
                }
            }
        }
        if let Some(v) = class.lookup_rc(name) {
            return Ok(match &v {
                Value::Object(o) => match &o.kind {
                    ObjKind::ClassMethod(f) => self.bind(f.clone(), Value::Class(class.clone())),
                    ObjKind::StaticMethod(f) => f.clone(),
                    _ => v,
                },
                Value::Native(n)
                    if n.kind == crate::runtime::types::native::NativeKind::ClassMethod =>
                {
                    Value::Native(Rc::new(n.bind(Value::Class(class.clone()))))
                }
                Value::Instance(inst) => {
                    let get_name = self.names.get.clone();
                    match inst.class().lookup_rc(&get_name) {
                        Some(get) => {
                            let owner = Value::Class(class.clone());
                            self.call_special_found(&get, &v, &[Value::None, owner])?
                        }
                        None => v,
                    }
                }
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
                class
                    .bases
                    .borrow()
                    .iter()
                    .cloned()
                    .map(Value::Class)
                    .collect(),
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
            // Built-in types live in `builtins` (Python classes have `__module__` in their dict).
            "__module__" if class.builtin => Some(Value::str("builtins")),
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
        if let Some(v) = meta.lookup_rc(name) {
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
    pub(crate) fn descr_get(
        &mut self,
        descr: &Value,
        obj: &Value,
        class: &Rc<PyClass>,
    ) -> PyResult<Value> {
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
                    self.call(&fget, std::slice::from_ref(obj))
                }
                ObjKind::ClassMethod(f) => Ok(self.bind(f.clone(), Value::Class(class.clone()))),
                ObjKind::StaticMethod(f) => Ok(f.clone()),
                ObjKind::SlotMember { name, .. } => match obj {
                    Value::Instance(inst) => match inst.get_slot(name) {
                        Some(v) => Ok(v),
                        None => Err(self.no_attribute(obj, name)),
                    },
                    _ => Ok(descr.clone()),
                },
                _ => Ok(descr.clone()),
            },
            Value::Instance(inst) => {
                let get = inst.class().lookup_rc(&self.names.get.clone());
                match get {
                    Some(get) => {
                        let owner = Value::Class(class.clone());
                        self.call_special_found(&get, descr, &[obj.clone(), owner])
                    }
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
            _ => Value::Object(crate::runtime::gc::tracked(PyObject::new(
                ObjKind::BoundMethod { func, receiver },
            ))),
        }
    }

    pub fn set_attr(&mut self, obj: &Value, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
        if let Value::Class(class) = obj {
            // A metaclass written in Python may define `__setattr__` (enum's does).
            if let Some(sa) = self.metaclass_hook(class, &self.names.setattr.clone()) {
                self.call(&sa, &[obj.clone(), Value::Str(name.clone()), value])?;
                return Ok(());
            }
        }
        if let Value::Instance(inst) = obj {
            let class = inst.class().clone();
            let sa_name = self.names.setattr.clone();
            let hooked = self.attr_hooks(&class) & HOOK_SETATTR != 0;
            if let Some(sa) = hooked.then(|| class.lookup_rc(&sa_name)).flatten() {
                {
                    self.call_special_found(&sa, obj, &[Value::Str(name.clone()), value])?;
                    return Ok(());
                }
            }
        }
        self.generic_set_attr(obj, name, value)
    }

    /// `hook` (`__setattr__` or `__delattr__`) when `class`'s metaclass defines it in Python.
    fn metaclass_hook(&self, class: &Rc<PyClass>, hook: &Rc<PyStr>) -> Option<Value> {
        let meta = self.class_of(&Value::Class(class.clone()));
        if meta.builtin {
            return None;
        }
        match meta.lookup_rc(hook) {
            Some(f @ Value::Function(_)) => Some(f),
            _ => None,
        }
    }

    /// `object.__setattr__`: data descriptors on the type, else the instance namespace.
    pub fn generic_set_attr(
        &mut self,
        obj: &Value,
        name: &Rc<PyStr>,
        value: Value,
    ) -> PyResult<()> {
        if let Value::Class(class) = obj {
            return self.class_setattr(class, name, value);
        }
        let class = self.class_of(obj);
        if let Some(descr) = class.lookup_rc(name) {
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
                if let Some(set) = d.class().lookup_rc(&self.names.set.clone()) {
                    self.call_special_found(&set, &descr, &[obj.clone(), value])?;
                    return Ok(());
                }
            }
        }
        match obj {
            Value::Instance(inst) => {
                if self.set_exception_attr(obj, name, &value)? {
                    return Ok(());
                }
                if self.attr_hooks(inst.class()) & HOOK_SLOTS != 0 && is_slot(inst.class(), name) {
                    inst.set_slot(name, value);
                    return Ok(());
                }
                if !self.has_instance_dict(inst.class()) {
                    if class.lookup_rc(name).is_some() {
                        let t = class.name();
                        return Err(self.attribute_error(format!(
                            "'{t}' object attribute '{}' is read-only",
                            name.as_str()
                        )));
                    }
                    return Err(self.no_attribute(obj, name));
                }
                inst.set_attr(name, value);
                Ok(())
            }
            Value::Function(f) => {
                match name.as_str() {
                    "__name__" | "__qualname__" => {
                        let Value::Str(s) = &value else {
                            return Err(self.type_error(format!(
                                "{} must be set to a string object",
                                name.as_str()
                            )));
                        };
                        if name.as_str() == "__name__" {
                            *f.name.borrow_mut() = s.clone();
                        } else {
                            *f.qualname.borrow_mut() = s.clone();
                        }
                        return Ok(());
                    }
                    "__doc__" => {
                        *f.doc.borrow_mut() = value;
                        return Ok(());
                    }
                    "__defaults__" => {
                        *f.defaults.borrow_mut() = match value {
                            Value::Tuple(t) => Some(t),
                            _ => None,
                        };
                        return Ok(());
                    }
                    "__kwdefaults__" => {
                        *f.kwdefaults.borrow_mut() = match value {
                            Value::Dict(d) => Some(d),
                            _ => None,
                        };
                        return Ok(());
                    }
                    "__annotations__" => {
                        let Value::Dict(d) = value else {
                            return Err(
                                self.type_error("__annotations__ must be set to a dict object")
                            );
                        };
                        *f.annotations.borrow_mut() = Some(Value::Dict(d));
                        return Ok(());
                    }
                    _ => {}
                }
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
            _ => {
                let t = self.type_name(obj);
                if class.lookup_rc(name).is_some() {
                    return Err(self.attribute_error(format!(
                        "'{t}' object attribute '{}' is read-only",
                        name.as_str()
                    )));
                }
                Err(self.no_attribute(obj, name))
            }
        }
    }

    /// `type.__setattr__`.
    fn class_setattr(
        &mut self,
        class: &Rc<PyClass>,
        name: &Rc<PyStr>,
        value: Value,
    ) -> PyResult<()> {
        if class.builtin {
            let class_name = class.name();
            return Err(self.type_error(format!(
                "cannot set '{}' attribute of immutable type '{class_name}'",
                name.as_str()
            )));
        }
        match name.as_str() {
            "__name__" | "__qualname__" => {
                let Value::Str(s) = &value else {
                    let t = self.type_name(&value);
                    return Err(self.type_error(format!(
                        "can only assign string to {}.{}, not '{t}'",
                        class.name(),
                        name.as_str()
                    )));
                };
                if name.as_str() == "__name__" {
                    *class.name.borrow_mut() = s.clone();
                } else {
                    *class.qualname.borrow_mut() = s.clone();
                }
                class.modified();
                return Ok(());
            }
            _ => {}
        }
        // A data descriptor on the metaclass (a property of a metaclass) takes precedence.
        let meta = self.class_of(&Value::Class(class.clone()));
        if !meta.builtin {
            if let Some(descr) = meta.lookup_rc(name) {
                if self.is_data_descriptor(&descr) {
                    if let Value::Object(o) = &descr {
                        if let ObjKind::Property { fset, .. } = &o.kind {
                            let fset = fset.clone();
                            self.call(&fset, &[Value::Class(class.clone()), value])?;
                            return Ok(());
                        }
                    }
                }
            }
        }
        class.dict.set_str(name.clone(), value);
        class.modified();
        Ok(())
    }

    /// `del obj.name`.
    pub fn del_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<()> {
        if let Value::Class(class) = obj {
            if let Some(da) = self.metaclass_hook(class, &self.names.delattr.clone()) {
                self.call(&da, &[obj.clone(), Value::Str(name.clone())])?;
                return Ok(());
            }
        }
        if let Value::Instance(inst) = obj {
            let class = inst.class().clone();
            let da_name = self.names.delattr.clone();
            let hooked = self.attr_hooks(&class) & HOOK_DELATTR != 0;
            if let Some(da) = hooked.then(|| class.lookup_rc(&da_name)).flatten() {
                {
                    self.call_special_found(&da, obj, &[Value::Str(name.clone())])?;
                    return Ok(());
                }
            }
        }
        self.generic_del_attr(obj, name)
    }

    /// `object.__delattr__`.
    pub fn generic_del_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<()> {
        if let Value::Class(class) = obj {
            if class.builtin {
                let class_name = class.name();
                return Err(self.type_error(format!(
                    "cannot delete '{}' attribute of immutable type '{class_name}'",
                    name.as_str()
                )));
            }
            if class.dict.remove_str(name).is_none() {
                let class_name = class.name();
                return Err(self.attribute_error(format!(
                    "type object '{class_name}' has no attribute '{}'",
                    name.as_str()
                )));
            }
            class.modified();
            return Ok(());
        }
        let class = self.class_of(obj);
        if let Some(descr) = class.lookup_rc(name) {
            if let Value::Object(o) = &descr {
                if let ObjKind::Property { fdel, .. } = &o.kind {
                    if fdel.is_none() {
                        let class_name = class.name();
                        let attr = self.property_name(&descr);
                        return Err(self.attribute_error(format!(
                            "property {attr}of '{class_name}' object has no deleter"
                        )));
                    }
                    let fdel = fdel.clone();
                    self.call(&fdel, std::slice::from_ref(obj))?;
                    return Ok(());
                }
            }
            if let Value::Instance(d) = &descr {
                if let Some(del) = d.class().lookup_rc(&self.names.delete.clone()) {
                    self.call_special_found(&del, &descr, std::slice::from_ref(obj))?;
                    return Ok(());
                }
            }
        }
        let removed = match obj {
            Value::Instance(inst) if is_slot(inst.class(), name) => {
                if inst.del_slot(name) {
                    return Ok(());
                }
                return Err(self.attribute_error(name.as_str().to_owned()));
            }
            Value::Instance(inst) => self.has_instance_dict(inst.class()) && inst.del_attr(name),
            Value::Function(f) => {
                let dict = f.dict.borrow().clone();
                dict.is_some_and(|d| d.remove_str(name).is_some())
            }
            Value::Object(o) => match &o.kind {
                ObjKind::Module(m) => m.dict.remove_str(name).is_some(),
                _ => false,
            },
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(self.no_attribute(obj, name))
        }
    }

    /// Whether `descr`, found on a class, takes precedence over instance attributes.
    pub(crate) fn is_data_descriptor(&self, descr: &Value) -> bool {
        match descr {
            Value::Object(o) => {
                matches!(
                    o.kind,
                    ObjKind::Property { .. } | ObjKind::SlotMember { .. }
                )
            }
            Value::Instance(inst) => {
                let class = inst.class();
                class.lookup_rc(&self.names.set).is_some()
                    || class.lookup_rc(&self.names.delete).is_some()
            }
            _ => false,
        }
    }

    /// Whether instances of `class` have a `__dict__` (some class in the MRO has no
    /// `__slots__`, or lists `__dict__` in them).
    pub fn has_instance_dict(&self, class: &Rc<PyClass>) -> bool {
        if class.slots.is_none() {
            return true;
        }
        class.mro_with_self().iter().any(|c| match &c.slots {
            None => !c.builtin,
            Some(slots) => slots.iter().any(|s| s.as_str() == "__dict__"),
        })
    }
}

/// Whether `name` is a `__slots__` attribute of `class` or a base (no allocation: most
/// classes have no slots at all).
pub(crate) fn is_slot(class: &Rc<PyClass>, name: &PyStr) -> bool {
    let listed = |c: &PyClass| {
        c.slots
            .as_ref()
            .is_some_and(|s| s.iter().any(|n| **n == *name) && name.as_str() != "__dict__")
    };
    listed(class) || class.mro.borrow().iter().any(|c| listed(c))
}

/// Whether `v`'s type is a Python class, which can gain `__get__`/`__set__` at any time.
fn may_become_descriptor(v: &Value) -> bool {
    match v {
        Value::Instance(_) => true,
        Value::Class(k) => k.metaclass.borrow().as_ref().is_some_and(|m| !m.builtin),
        _ => false,
    }
}
