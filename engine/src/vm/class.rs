//! Creating classes (`__build_class__`, `type(name, bases, ns)`, C3 linearization) and
//! instantiating them (`__new__` + `__init__`).

use super::frame::Frame;
use super::Vm;
use crate::runtime::error::PyResult;
use crate::runtime::types::class::{next_version, Layout, PyClass};
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::function::PyFunction;
use crate::runtime::types::instance::{ExceptionState, Payload, PyInstance};
use crate::runtime::types::native::Args;
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::shape::Shape;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

impl Vm {
    /// Calling a class: the metaclass's `__call__` when a metaclass overrides it, otherwise
    /// `type.__call__` (`call_class`).
    pub fn call_type(
        &mut self,
        class: &Rc<PyClass>,
        args: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<Value> {
        let meta = class.metaclass.borrow().clone();
        if let Some(meta) = meta.filter(|m| !m.builtin) {
            let call_name = self.names.call.clone();
            if let Some(call) = meta.lookup_rc(&call_name) {
                let default = self.types.type_.dict.get_str(&call_name);
                if !default.is_some_and(|d| d.is(&call)) {
                    let all = crate::vm::call::prepended(Value::Class(class.clone()), args);
                    return self.call_with_keywords(&call, &all, kwnames);
                }
            }
        }
        self.call_class(class, args, kwnames)
    }

    /// `type.__call__(cls, *args, **kwargs)`: `__new__`, then `__init__` when `__new__`
    /// returned an instance of `cls`, with `object`'s argument checks.
    pub fn call_class(
        &mut self,
        class: &Rc<PyClass>,
        args: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<Value> {
        if Rc::ptr_eq(class, &self.types.type_) && args.len() == 1 && kwnames.is_empty() {
            return Ok(Value::Class(self.class_of(&args[0])));
        }
        if class.builtin && class.layout != Layout::Object && class.layout != Layout::Exception {
            return self.construct_builtin(class, args, kwnames);
        }
        let new_name = self.names.new.clone();
        let init_name = self.names.init.clone();
        let new = class
            .lookup_rc(&new_name)
            .filter(|n| !self.is_object_default(&new_name, n));
        let init = class.lookup_rc(&init_name);
        let default_init = init
            .as_ref()
            .is_none_or(|i| self.is_object_default(&init_name, i));
        let excess = !args.is_empty();
        let instance = match &new {
            None => {
                if excess && default_init && class.layout != Layout::Exception {
                    let name = class.name();
                    return Err(self.type_error(format!("{name}() takes no arguments")));
                }
                self.new_instance(class, args)
            }
            Some(new) => {
                let new = match new {
                    Value::Object(o) => match &o.kind {
                        ObjKind::StaticMethod(f) => f.clone(),
                        _ => new.clone(),
                    },
                    _ => new.clone(),
                };
                let all = crate::vm::call::prepended(Value::Class(class.clone()), args);
                self.call_with_keywords(&new, &all, kwnames)?
            }
        };
        if !self.class_of(&instance).is_subclass(class) {
            return Ok(instance);
        }
        match init {
            // `new_instance` stored the arguments just as `BaseException.__init__` would.
            Some(init)
                if new.is_none()
                    && kwnames.is_empty()
                    && crate::vm::exc_api::is_base_exception_init(&init) => {}
            Some(init) if !default_init => {
                let mut all = crate::vm::call::prepended(instance.clone(), args);
                let init = match &init {
                    Value::Function(_) | Value::Native(_) => init.clone(),
                    _ => {
                        let cls = self.class_of(&instance);
                        let bound = self.descr_get(&init, &instance, &cls)?;
                        all.remove(0);
                        bound
                    }
                };
                let result = self.call_with_keywords(&init, &all, kwnames)?;
                if !result.is_none() {
                    let t = self.type_name(&result);
                    return Err(
                        self.type_error(format!("__init__() should return None, not '{t}'"))
                    );
                }
            }
            _ => {}
        }
        Ok(instance)
    }

    /// `isinstance(v, class)` with a metaclass's `__instancecheck__`.
    pub fn isinstance(&mut self, v: &Value, class: &Rc<PyClass>) -> PyResult<bool> {
        if self.class_of(v).is_subclass(class) {
            return Ok(true);
        }
        let meta = class.metaclass.borrow().clone();
        if let Some(meta) = meta.filter(|m| !m.builtin) {
            let name = self.names.instancecheck.clone();
            if let Some(hook) = meta.lookup_rc(&name) {
                let default = self.types.type_.dict.get_str(&name);
                if !default.is_some_and(|d| d.is(&hook)) {
                    let r = self.call_special_found(
                        &hook,
                        &Value::Class(class.clone()),
                        std::slice::from_ref(v),
                    )?;
                    return self.truthy(&r);
                }
            }
        }
        Ok(false)
    }

    /// A fresh instance (what `object.__new__` / `BaseException.__new__` return).
    pub fn new_instance(&mut self, class: &Rc<PyClass>, args: &[Value]) -> Value {
        let payload = if class.layout == Layout::Exception {
            Payload::Exception(RefCell::new(ExceptionState {
                args: Value::tuple(args.to_vec()),
                ..ExceptionState::default()
            }))
        } else {
            Payload::None
        };
        Value::Instance(crate::runtime::gc::tracked(PyInstance::new(
            class.clone(),
            payload,
        )))
    }

    fn construct_builtin(
        &mut self,
        class: &Rc<PyClass>,
        args: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<Value> {
        let singleton = match class.layout {
            Layout::NoneType => Some(Value::None),
            Layout::NotImplementedType => Some(Value::NotImplemented),
            Layout::Ellipsis => Some(Value::Ellipsis),
            _ => None,
        };
        if let Some(v) = singleton {
            if !args.is_empty() {
                let name = class.name();
                return Err(self.type_error(format!("{name} takes no arguments")));
            }
            return Ok(v);
        }
        let new = class.lookup_rc(&self.names.new.clone());
        match new {
            Some(Value::Native(n)) => {
                let all = crate::vm::call::prepended(Value::Class(class.clone()), args);
                (n.func)(
                    self,
                    Args {
                        values: &all,
                        kwnames,
                    },
                )
            }
            _ => {
                let name = class.name();
                Err(self.type_error(format!("cannot create '{name}' instances")))
            }
        }
    }

    /// `__build_class__(func, name, *bases, metaclass=…, **kwds)`: runs the class body in the
    /// namespace `__prepare__` gives and calls the metaclass.
    pub fn build_class(&mut self, args: Args<'_>) -> PyResult<Value> {
        let positional = args.positional();
        let (Some(Value::Function(body)), Some(Value::Str(name))) =
            (positional.first(), positional.get(1))
        else {
            return Err(self.type_error("__build_class__: func and name are required"));
        };
        let (body, name) = (body.clone(), name.clone());
        let (bases, orig_bases) = self.resolve_bases(&positional[2..])?;
        let mut explicit_meta = None;
        let mut kw_names = Vec::new();
        let mut kw_values = Vec::new();
        for (k, v) in args
            .kwnames
            .iter()
            .zip(args.values[positional.len()..].iter())
        {
            if k.as_str() == "metaclass" {
                explicit_meta = Some(v.clone());
            } else {
                kw_names.push(k.clone());
                kw_values.push(v.clone());
            }
        }
        let meta = match explicit_meta {
            Some(Value::Class(m)) => Value::Class(self.calculate_meta(&m, &bases)?),
            Some(other) => other,
            None => {
                let first = bases.first().map_or_else(
                    || self.types.type_.clone(),
                    |b| self.class_of(&Value::Class(b.clone())),
                );
                Value::Class(self.calculate_meta(&first, &bases)?)
            }
        };
        let bases_value = Value::tuple(bases.iter().cloned().map(Value::Class).collect());
        // `__prepare__` (only when a metaclass defines one).
        let prepare_name = self.names.prepare.clone();
        let ns = match &meta {
            Value::Class(m) if !m.builtin => match m.lookup_rc(&prepare_name) {
                Some(prepare) => {
                    let f = match &prepare {
                        Value::Object(o) => match &o.kind {
                            ObjKind::ClassMethod(f) => {
                                let mut all = vec![
                                    meta.clone(),
                                    Value::Str(name.clone()),
                                    bases_value.clone(),
                                ];
                                all.extend(kw_values.iter().cloned());
                                let r = self.call_with_keywords(f, &all, &kw_names)?;
                                Some(r)
                            }
                            ObjKind::StaticMethod(f) => {
                                let mut all = vec![Value::Str(name.clone()), bases_value.clone()];
                                all.extend(kw_values.iter().cloned());
                                Some(self.call_with_keywords(f, &all, &kw_names)?)
                            }
                            _ => None,
                        },
                        _ => None,
                    };
                    match f {
                        Some(v) => v,
                        None => {
                            let bound = self.get_attr(&meta, &prepare_name)?;
                            let mut all = vec![Value::Str(name.clone()), bases_value.clone()];
                            all.extend(kw_values.iter().cloned());
                            self.call_with_keywords(&bound, &all, &kw_names)?
                        }
                    }
                }
                None => Value::Dict(crate::runtime::gc::tracked(PyDict::new())),
            },
            _ => Value::Dict(crate::runtime::gc::tracked(PyDict::new())),
        };
        // A dict subclass is used as it is (its `__setitem__` sees the body's names); its
        // dict holds what the body stored.
        let (ns, mapping) = match ns {
            Value::Instance(_) => match super::subclass::builtin_payload(&ns) {
                Some(Value::Dict(d)) => (Value::Dict(d.clone()), Some(ns.clone())),
                _ => (ns, None),
            },
            other => (other, None),
        };
        let Value::Dict(ns) = ns else {
            let t = self.type_name(&ns);
            return Err(self.type_error(format!(
                "{}.__prepare__() must return a mapping, not {t}",
                match &meta {
                    Value::Class(m) => m.name(),
                    _ => "<metaclass>".to_owned(),
                }
            )));
        };
        if let Some(orig) = orig_bases {
            ns.set_str(self.interner.intern("__orig_bases__"), orig);
        }
        let cell = self.run_class_body(body, ns.clone(), mapping.clone())?;
        let class = match &meta {
            Value::Class(m) if Rc::ptr_eq(m, &self.types.type_) => {
                let kwargs: Vec<(Rc<PyStr>, Value)> = kw_names
                    .iter()
                    .cloned()
                    .zip(kw_values.iter().cloned())
                    .collect();
                Value::Class(self.new_class_with_meta(m.clone(), name, bases, ns, &kwargs)?)
            }
            _ => {
                let ns = mapping.unwrap_or(Value::Dict(ns));
                let mut all = vec![Value::Str(name), bases_value, ns];
                all.extend(kw_values);
                self.call_with_keywords(&meta, &all, &kw_names)?
            }
        };
        if let Value::Object(o) = &cell {
            if let ObjKind::Cell(c) = &o.kind {
                *c.borrow_mut() = class.clone();
            }
        }
        Ok(class)
    }

    /// The class statement's bases with PEP 560's `__mro_entries__` applied (`class
    /// C(Generic[T])`); the original bases too when an entry replaced anything.
    #[allow(clippy::type_complexity)]
    fn resolve_bases(&mut self, given: &[Value]) -> PyResult<(Vec<Rc<PyClass>>, Option<Value>)> {
        let mut bases = Vec::with_capacity(given.len());
        let mut replaced = false;
        let entries_name = self.interner.intern("__mro_entries__");
        for b in given {
            if let Value::Class(c) = b {
                bases.push(c.clone());
                continue;
            }
            let Ok(entries) = self.get_attr(b, &entries_name) else {
                let t = self.type_name(b);
                return Err(self.type_error(format!("bases must be types, not '{t}'")));
            };
            let original = Value::tuple(given.to_vec());
            let result = self.call(&entries, &[original])?;
            let Value::Tuple(items) = &result else {
                return Err(self.type_error("__mro_entries__ must return a tuple"));
            };
            replaced = true;
            for item in items.items() {
                match item {
                    Value::Class(c) => bases.push(c.clone()),
                    other => {
                        let t = self.type_name(other);
                        return Err(self.type_error(format!("bases must be types, not '{t}'")));
                    }
                }
            }
        }
        Ok((bases, replaced.then(|| Value::tuple(given.to_vec()))))
    }

    /// The most derived metaclass of `meta` and the bases' metaclasses.
    fn calculate_meta(
        &mut self,
        meta: &Rc<PyClass>,
        bases: &[Rc<PyClass>],
    ) -> PyResult<Rc<PyClass>> {
        let mut winner = meta.clone();
        for base in bases {
            let base_meta = self.class_of(&Value::Class(base.clone()));
            if winner.is_subclass(&base_meta) {
                continue;
            }
            if base_meta.is_subclass(&winner) {
                winner = base_meta;
                continue;
            }
            return Err(self.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
                 subclass of the metaclasses of all its bases",
            ));
        }
        Ok(winner)
    }

    /// Runs a class body with `ns` as its local namespace; returns what it returned (the
    /// `__class__` cell when methods use `super()` or `__class__`).
    fn run_class_body(
        &mut self,
        body: Rc<PyFunction>,
        ns: Rc<PyDict>,
        mapping: Option<Value>,
    ) -> PyResult<Value> {
        if self.frame_depth_exceeded() || self.stack_exhausted() {
            return Err(self.recursion_error(""));
        }
        let code = body.code.clone();
        let ret_sp = self.stack.len();
        let base = ret_sp;
        self.stack.resize(base + code.n_localsplus(), Value::Null);
        let mut frame = Frame::for_function(body, base, ret_sp, true);
        frame.locals = Some(ns);
        let custom = mapping.is_some();
        if let Some(m) = mapping {
            self.class_namespaces.push((self.frames.len(), m));
        }
        self.frames.push(frame);
        let result = self.run();
        if custom {
            self.class_namespaces.pop();
        }
        result
    }

    /// The dict-subclass namespace of the class body running in frame `fi`, if it has one.
    #[inline]
    pub(crate) fn class_namespace(&self, fi: usize) -> Option<Value> {
        match self.class_namespaces.last() {
            Some((at, m)) if *at == fi => Some(m.clone()),
            _ => None,
        }
    }

    /// `type(name, bases, ns)` for classes defined in Python (metaclass from the bases).
    pub fn new_class(
        &mut self,
        name: Rc<PyStr>,
        bases: Vec<Rc<PyClass>>,
        ns: Rc<PyDict>,
    ) -> PyResult<Rc<PyClass>> {
        let first = bases.first().map_or_else(
            || self.types.type_.clone(),
            |b| self.class_of(&Value::Class(b.clone())),
        );
        let meta = self.calculate_meta(&first, &bases)?;
        self.new_class_with_meta(meta, name, bases, ns, &[])
    }

    /// `type.__new__(meta, name, bases, ns, **kwargs)`: the class object, then `__set_name__`
    /// on its attributes and `__init_subclass__(**kwargs)` of its parent.
    pub fn new_class_with_meta(
        &mut self,
        meta: Rc<PyClass>,
        name: Rc<PyStr>,
        bases: Vec<Rc<PyClass>>,
        ns: Rc<PyDict>,
        kwargs: &[(Rc<PyStr>, Value)],
    ) -> PyResult<Rc<PyClass>> {
        for b in &bases {
            if b.builtin
                && (matches!(b.layout, Layout::Bool | Layout::NoneType | Layout::Function)
                    || matches!(b.name().as_str(), "range" | "slice" | "generator"))
            {
                let n = b.name();
                return Err(self.type_error(format!("type '{n}' is not an acceptable base type")));
            }
        }
        let bases = if bases.is_empty() {
            vec![self.types.object.clone()]
        } else {
            bases
        };
        let mro = self.c3_mro(&bases)?;
        // Instances of subclasses of built-in value types carry the built-in value.
        let layout = mro
            .iter()
            .map(|c| c.layout)
            .find(|l| !matches!(l, Layout::Object | Layout::Other))
            .filter(|l| is_value_layout(*l) || *l == Layout::Exception)
            .unwrap_or(Layout::Object);
        let qualname_key = self.names.qualname.clone();
        let qualname = match ns.remove_str(&qualname_key) {
            Some(Value::Str(q)) => q,
            Some(other) => {
                let t = self.type_name(&other);
                return Err(self.type_error(format!("type __qualname__ must be a str, not {t}")));
            }
            None => name.clone(),
        };
        ns.remove_str(&self.names.classcell.clone());
        let slots = self.read_slots(&ns)?;
        for slot in slots.iter().flatten() {
            if matches!(slot.as_str(), "__dict__" | "__weakref__") {
                continue;
            }
            if ns.get_str(slot).is_some() {
                let class = self.types.value_error.clone();
                return Err(self.new_exception(
                    &class,
                    &format!(
                        "'{}' in __slots__ conflicts with class variable",
                        slot.as_str()
                    ),
                ));
            }
            let member = ObjKind::SlotMember {
                name: slot.clone(),
                owner: name.clone(),
            };
            ns.set_str(
                slot.clone(),
                Value::Object(crate::runtime::gc::tracked(PyObject::new(member))),
            );
        }
        // A class that defines `__eq__` without `__hash__` is unhashable.
        let (eq, hash) = (self.names.eq.clone(), self.names.hash.clone());
        if ns.get_str(&eq).is_some() && ns.get_str(&hash).is_none() {
            ns.set_str(hash, Value::None);
        }
        // `__init_subclass__` and `__class_getitem__` are implicit class methods, `__new__` an
        // implicit static method.
        for key in [
            self.names.init_subclass.clone(),
            self.names.class_getitem.clone(),
        ] {
            if let Some(f @ Value::Function(_)) = ns.get_str(&key) {
                ns.set_str(
                    key,
                    Value::Object(crate::runtime::gc::tracked(PyObject::new(
                        ObjKind::ClassMethod(f),
                    ))),
                );
            }
        }
        let doc = self.names.doc.clone();
        if ns.get_str(&doc).is_none() {
            ns.set_str(doc, Value::None);
        }
        let class = crate::runtime::gc::tracked(PyClass {
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            bases: RefCell::new(bases.clone()),
            mro: RefCell::new(mro),
            dict: ns.clone(),
            version: Cell::new(next_version()),
            layout,
            builtin: false,
            subclasses: RefCell::new(Vec::new()),
            metaclass: RefCell::new((!Rc::ptr_eq(&meta, &self.types.type_)).then_some(meta)),
            root_shape: Shape::root(),
            attrs_hint: Cell::new(0),
            slots,
            hook_cache: Cell::new((0, 0)),
            del_cache: Cell::new((0, false)),
        });
        for base in &bases {
            base.subclasses.borrow_mut().push(Rc::downgrade(&class));
        }
        let class_value = Value::Class(class.clone());
        // `__set_name__` on every attribute that defines it.
        let set_name = self.names.set_name.clone();
        let entries: Vec<(Value, Value)> =
            (0..ns.dense_len()).filter_map(|i| ns.entry_at(i)).collect();
        for (k, v) in entries {
            if matches!(v, Value::Instance(_)) {
                if let Some(m) = self.lookup_special(&v, &set_name) {
                    self.call_special_found(&m, &v, &[class_value.clone(), k])?;
                }
            }
        }
        self.init_subclass(&class, kwargs)?;
        Ok(class)
    }

    /// `super(cls, cls).__init_subclass__(**kwargs)`.
    fn init_subclass(
        &mut self,
        class: &Rc<PyClass>,
        kwargs: &[(Rc<PyStr>, Value)],
    ) -> PyResult<()> {
        let name = self.names.init_subclass.clone();
        let parent = class
            .mro
            .borrow()
            .iter()
            .find_map(|c| c.dict.get_str(&name));
        let class_value = Value::Class(class.clone());
        let kw_names: Vec<Rc<PyStr>> = kwargs.iter().map(|(k, _)| k.clone()).collect();
        let mut all = vec![class_value.clone()];
        all.extend(kwargs.iter().map(|(_, v)| v.clone()));
        match parent {
            Some(Value::Object(o)) if matches!(o.kind, ObjKind::ClassMethod(_)) => {
                let ObjKind::ClassMethod(f) = &o.kind else {
                    unreachable!("matched above")
                };
                self.call_with_keywords(f, &all, &kw_names)?;
            }
            Some(f @ Value::Function(_)) => {
                self.call_with_keywords(&f, &all, &kw_names)?;
            }
            _ => {
                if !kwargs.is_empty() {
                    let n = class.name();
                    return Err(self.type_error(format!(
                        "{n}.__init_subclass__() takes no keyword arguments"
                    )));
                }
            }
        }
        Ok(())
    }

    /// The names in a class body's `__slots__` (a string or an iterable of strings).
    fn read_slots(&mut self, ns: &Rc<PyDict>) -> PyResult<Option<Vec<Rc<PyStr>>>> {
        let Some(slots) = ns.get_str(&self.names.slots.clone()) else {
            return Ok(None);
        };
        let items = match &slots {
            Value::Str(_) => vec![slots.clone()],
            other => self.collect_iterable(other)?,
        };
        let mut names = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::Str(s) => names.push(self.interner.intern(s.as_str())),
                other => {
                    let t = self.type_name(&other);
                    return Err(
                        self.type_error(format!("__slots__ items must be strings, not '{t}'"))
                    );
                }
            }
        }
        Ok(Some(names))
    }

    /// C3 linearization of `bases` (the MRO after the new class itself).
    fn c3_mro(&mut self, bases: &[Rc<PyClass>]) -> PyResult<Vec<Rc<PyClass>>> {
        let mut seqs: Vec<Vec<Rc<PyClass>>> = bases.iter().map(|b| b.mro_with_self()).collect();
        seqs.push(bases.to_vec());
        let mut result: Vec<Rc<PyClass>> = Vec::new();
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                return Ok(result);
            }
            let head = seqs.iter().map(|s| s[0].clone()).find(|candidate| {
                !seqs
                    .iter()
                    .any(|s| s[1..].iter().any(|c| Rc::ptr_eq(c, candidate)))
            });
            let Some(head) = head else {
                let names: Vec<String> = bases.iter().map(|b| b.name()).collect();
                return Err(self.type_error(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                )));
            };
            for s in &mut seqs {
                if Rc::ptr_eq(&s[0], &head) {
                    s.remove(0);
                }
            }
            result.push(head);
        }
    }
}

impl Vm {
    /// The `(class, self)` pair for `super()` with no arguments: the `__class__` cell and the
    /// first argument of the calling Python frame.
    pub(crate) fn zero_arg_super(&mut self) -> PyResult<(Rc<PyClass>, Value)> {
        let Some(frame) = self.frames.last() else {
            return Err(self.runtime_error("super(): no current frame"));
        };
        let code = frame.code_rc();
        let base = frame.base;
        if code.code.argcount == 0 {
            return Err(self.runtime_error("super(): no arguments"));
        }
        let first = cell_or_value(&self.stack[base]);
        let class_slot = code
            .localsplus_names
            .iter()
            .position(|n| n.as_str() == "__class__");
        let class = class_slot.map(|i| cell_or_value(&self.stack[base + i]));
        match class {
            Some(Value::Class(c)) => Ok((c, first)),
            Some(Value::Null) => Err(self.runtime_error("super(): empty __class__ cell")),
            _ => Err(self.runtime_error("super(): __class__ cell not found")),
        }
    }

    pub fn runtime_error(&mut self, message: &str) -> crate::runtime::error::PyErr {
        let class = self.types.runtime_error.clone();
        self.new_exception(&class, message)
    }
}

/// A local slot's value, looking through a cell.
fn cell_or_value(v: &Value) -> Value {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::Cell(c) => c.borrow().clone(),
            _ => v.clone(),
        },
        _ => v.clone(),
    }
}

/// `type.__new__(meta, name, bases, ns, **kwargs)` (and `type(x)`), creating classes with
/// their metaclass; `type.__init__` accepts what `__new__` did.
fn type_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let positional = args.positional();
    match positional {
        [_, x] if args.kwnames.is_empty() => Ok(Value::Class(vm.class_of(x))),
        [meta, name, bases, ns] => {
            let Value::Class(meta) = meta else {
                return Err(vm.type_error("type.__new__(X): X is not a type object"));
            };
            let meta = meta.clone();
            let Value::Str(name) = name else {
                let t = vm.type_name(name);
                return Err(
                    vm.type_error(format!("type.__new__() argument 1 must be str, not {t}"))
                );
            };
            let Value::Tuple(bases) = bases else {
                let t = vm.type_name(bases);
                return Err(
                    vm.type_error(format!("type.__new__() argument 2 must be tuple, not {t}"))
                );
            };
            let Value::Dict(ns) = ns else {
                let t = vm.type_name(ns);
                return Err(
                    vm.type_error(format!("type.__new__() argument 3 must be dict, not {t}"))
                );
            };
            let mut classes = Vec::new();
            for b in bases.items() {
                match b {
                    Value::Class(c) => classes.push(c.clone()),
                    other => {
                        let t = vm.type_name(other);
                        return Err(vm.type_error(format!("bases must be types, not '{t}'")));
                    }
                }
            }
            let ns = Rc::new(ns.copy());
            let module_key = vm.names.module.clone();
            if ns.get_str(&module_key).is_none() {
                let name_key = vm.names.name.clone();
                let module = vm
                    .frames
                    .last()
                    .and_then(|f| f.globals().get_str(&name_key));
                if let Some(m) = module {
                    ns.set_str(module_key, m);
                }
            }
            let meta = vm.calculate_meta(&meta, &classes)?;
            let kwargs: Vec<(Rc<PyStr>, Value)> = args
                .keywords()
                .map(|(k, v)| (vm.interner.intern(k), v.clone()))
                .collect();
            let class = vm.new_class_with_meta(meta, name.clone(), classes, ns, &kwargs)?;
            Ok(Value::Class(class))
        }
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

fn type_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.positional().len() {
        2 | 4 => Ok(Value::None),
        _ => Err(vm.type_error("type.__init__() takes 1 or 3 arguments")),
    }
}

/// Installs `type.__new__`/`type.__init__` (class creation with metaclasses) and the
/// `builtins` module.
pub fn install(vm: &mut Vm) {
    let name = vm.interner.intern("builtins");
    let module = Value::Object(crate::runtime::gc::tracked(PyObject::new(ObjKind::Module(
        crate::runtime::types::object::PyModule {
            name: name.clone(),
            dict: vm.builtins.clone(),
        },
    ))));
    if vm.modules.get_str(&name).is_none() {
        vm.modules.set_str(name, module);
    }
    let type_ = vm.types.type_.clone();
    for (name, qualname, func) in [
        (
            "__new__",
            "type.__new__",
            type_new as crate::runtime::types::native::NativeFn,
        ),
        ("__init__", "type.__init__", type_init),
    ] {
        let key = vm.interner.intern(name);
        type_.dict.set_str(
            key,
            Value::Native(Rc::new(crate::runtime::types::native::PyNative::method(
                qualname, func,
            ))),
        );
    }
}

/// Layouts of built-in value types a Python class can derive from (its instances hold a
/// `Payload::Builtin`).
pub fn is_value_layout(layout: Layout) -> bool {
    matches!(
        layout,
        Layout::Int
            | Layout::Float
            | Layout::Complex
            | Layout::Str
            | Layout::Bytes
            | Layout::Tuple
            | Layout::List
            | Layout::Dict
            | Layout::Set
            | Layout::FrozenSet
    )
}

impl Vm {
    /// The built-in class whose value instances of `class` (a Python subclass) carry.
    pub fn builtin_base(&self, class: &Rc<PyClass>) -> Option<Rc<PyClass>> {
        if class.builtin || !is_value_layout(class.layout) {
            return None;
        }
        class
            .mro
            .borrow()
            .iter()
            .find(|c| c.builtin && c.layout == class.layout)
            .cloned()
    }
}
