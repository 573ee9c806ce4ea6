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
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::shape::Shape;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

impl Vm {
    /// `cls(*args, **kwargs)`.
    pub fn call_class(
        &mut self,
        class: &Rc<PyClass>,
        args: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<Value> {
        if class.builtin && class.layout != Layout::Object && class.layout != Layout::Exception {
            return self.construct_builtin(class, args, kwnames);
        }
        let instance = self.new_instance(class, args);
        let init = class.lookup(&self.interner.intern("__init__"));
        match init {
            Some(init @ Value::Function(_)) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(instance.clone());
                all.extend_from_slice(args);
                let result = self.call_with_keywords(&init, &all, kwnames)?;
                if !result.is_none() {
                    let t = self.type_name(&result);
                    return Err(self.type_error(format!(
                        "__init__() should return None, not '{t}'"
                    )));
                }
            }
            _ => {
                let takes_args = class.layout == Layout::Exception;
                if !takes_args && !args.is_empty() {
                    let name = class.name();
                    return Err(self.type_error(format!("{name}() takes no arguments")));
                }
            }
        }
        Ok(instance)
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
        Value::Instance(Rc::new(PyInstance::new(class.clone(), payload)))
    }

    fn construct_builtin(
        &mut self,
        class: &Rc<PyClass>,
        args: &[Value],
        kwnames: &[Rc<PyStr>],
    ) -> PyResult<Value> {
        let new = class.lookup(&self.interner.intern("__new__"));
        match new {
            Some(Value::Native(n)) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(Value::Class(class.clone()));
                all.extend_from_slice(args);
                (n.func)(self, Args { values: &all, kwnames })
            }
            _ => {
                let name = class.name();
                Err(self.type_error(format!("cannot create '{name}' instances")))
            }
        }
    }

    /// `__build_class__(func, name, *bases)`: runs the class body in a fresh namespace and
    /// creates the class from it.
    pub fn build_class(&mut self, args: Args<'_>) -> PyResult<Value> {
        let positional = args.positional();
        let (Some(Value::Function(body)), Some(Value::Str(name))) =
            (positional.first(), positional.get(1))
        else {
            return Err(self.type_error("__build_class__: func and name are required"));
        };
        let mut bases = Vec::new();
        for b in &positional[2..] {
            match b {
                Value::Class(c) => bases.push(c.clone()),
                other => {
                    let t = self.type_name(other);
                    return Err(self.type_error(format!(
                        "bases must be types, not '{t}'"
                    )));
                }
            }
        }
        let ns = Rc::new(PyDict::new());
        let cell = self.run_class_body(body.clone(), ns.clone())?;
        let class = self.new_class(name.clone(), bases, ns)?;
        if let Value::Object(o) = &cell {
            if let ObjKind::Cell(c) = &o.kind {
                *c.borrow_mut() = Value::Class(class.clone());
            }
        }
        Ok(Value::Class(class))
    }

    /// Runs a class body with `ns` as its local namespace; returns what it returned (the
    /// `__class__` cell when methods use `super()` or `__class__`).
    fn run_class_body(&mut self, body: Rc<PyFunction>, ns: Rc<PyDict>) -> PyResult<Value> {
        let code = body.code.clone();
        let ret_sp = self.stack.len();
        let base = ret_sp;
        self.stack.resize(base + code.n_localsplus(), Value::Null);
        self.frames.push(Frame {
            globals: body.globals.clone(),
            builtins: body.builtins.clone(),
            code,
            func: Some(body),
            locals: Some(ns),
            ip: 0,
            base,
            ret_sp,
            is_entry: true,
        });
        self.run()
    }

    /// `type(name, bases, ns)` for classes defined in Python.
    pub fn new_class(
        &mut self,
        name: Rc<PyStr>,
        bases: Vec<Rc<PyClass>>,
        ns: Rc<PyDict>,
    ) -> PyResult<Rc<PyClass>> {
        let bases = if bases.is_empty() {
            vec![self.types.object.clone()]
        } else {
            bases
        };
        let mro = self.c3_mro(&bases)?;
        let layout = if mro.iter().any(|c| c.layout == Layout::Exception) {
            Layout::Exception
        } else {
            Layout::Object
        };
        let qualname_key = self.interner.intern("__qualname__");
        let qualname = match ns.remove_str(&qualname_key) {
            Some(Value::Str(q)) => q,
            _ => name.clone(),
        };
        ns.remove_str(&self.interner.intern("__classcell__"));
        let class = Rc::new(PyClass {
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            bases: RefCell::new(bases.clone()),
            mro: RefCell::new(mro),
            dict: ns,
            version: Cell::new(next_version()),
            layout,
            builtin: false,
            subclasses: RefCell::new(Vec::new()),
            metaclass: RefCell::new(None),
            root_shape: Shape::root(),
            slots: None,
        });
        for base in &bases {
            base.subclasses.borrow_mut().push(Rc::downgrade(&class));
        }
        Ok(class)
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
                    "Cannot create a consistent method resolution order (MRO) for bases {}",
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
        let code = frame.code.clone();
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
