//! Instances of classes defined in Python. Attributes live in a shape-indexed vector until the
//! instance's `__dict__` is asked for or its shape grows too large; then they move to a dict.

use crate::runtime::types::class::PyClass;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::shape::Shape;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;

pub enum Attrs {
    Shaped {
        shape: Rc<Shape>,
        values: Vec<Value>,
    },
    Dict(Rc<PyDict>),
}

/// State built-in bases give their Python subclasses' instances.
pub enum Payload {
    None,
    Exception(RefCell<ExceptionState>),
    /// The built-in value of an instance of a Python subclass of a built-in type (`class
    /// Stack(list)`): the built-in type's methods operate on it.
    Builtin(Value),
}

/// What CPython keeps in `PyBaseExceptionObject`.
#[derive(Default)]
pub struct ExceptionState {
    pub args: Value,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
    /// Where the exception has been, innermost frame first (`__traceback__`).
    pub traceback_entries: Vec<TracebackEntry>,
}

/// One line of a traceback: the code that was running and the instruction executing.
#[derive(Clone)]
pub struct TracebackEntry {
    pub code: Rc<crate::runtime::types::code::PyCode>,
    pub instr: u32,
}

pub struct PyInstance {
    class: Rc<PyClass>,
    pub attrs: RefCell<Attrs>,
    pub payload: Payload,
    /// Values of `__slots__` attributes, kept apart from the `__dict__` (unset ones absent).
    pub slot_values: RefCell<Vec<(Rc<PyStr>, Value)>>,
    /// Its `__del__` has run or is queued: it never runs twice (PEP 442).
    pub finalized: Cell<bool>,
}

impl PyInstance {
    pub fn new(class: Rc<PyClass>, payload: Payload) -> PyInstance {
        let shape = class.root_shape.clone();
        let values = Vec::with_capacity(usize::from(class.attrs_hint.get()));
        PyInstance {
            class,
            attrs: RefCell::new(Attrs::Shaped { shape, values }),
            payload,
            slot_values: RefCell::new(Vec::new()),
            finalized: Cell::new(false),
        }
    }

    /// The value of slot `name`, if set.
    pub fn get_slot(&self, name: &PyStr) -> Option<Value> {
        self.slot_values
            .borrow()
            .iter()
            .find(|(n, _)| **n == *name)
            .map(|(_, v)| v.clone())
    }

    pub fn set_slot(&self, name: &Rc<PyStr>, value: Value) {
        let mut slots = self.slot_values.borrow_mut();
        let old = match slots.iter_mut().find(|(n, _)| **n == **name) {
            Some((_, v)) => Some(std::mem::replace(v, value)),
            None => {
                slots.push((name.clone(), value));
                None
            }
        };
        drop(slots);
        drop(old);
    }

    /// Unsets slot `name`; false when it was not set.
    pub fn del_slot(&self, name: &PyStr) -> bool {
        let mut slots = self.slot_values.borrow_mut();
        match slots.iter().position(|(n, _)| **n == *name) {
            Some(i) => {
                let old = slots.remove(i);
                drop(slots);
                drop(old);
                true
            }
            None => false,
        }
    }

    #[inline]
    pub fn class(&self) -> &Rc<PyClass> {
        &self.class
    }

    /// The instance attribute `name`, if set (no class lookup, no descriptors).
    pub fn get_attr(&self, name: &PyStr) -> Option<Value> {
        match &*self.attrs.borrow() {
            Attrs::Shaped { shape, values } => shape.index_of(name).map(|i| values[i].clone()),
            Attrs::Dict(d) => d.get_str(name),
        }
    }

    /// Sets an instance attribute, moving along the shape tree (or to a dict).
    pub fn set_attr(&self, name: &Rc<PyStr>, value: Value) {
        let mut attrs = self.attrs.borrow_mut();
        match &mut *attrs {
            Attrs::Shaped { shape, values } => {
                if let Some(i) = shape.index_of(name) {
                    let old = std::mem::replace(&mut values[i], value);
                    drop(attrs);
                    drop(old);
                    return;
                }
                if let Some(next) = shape.with_attr(name) {
                    *shape = next;
                    values.push(value);
                    self.class.note_attr_count(values.len());
                    return;
                }
                let dict = crate::runtime::gc::tracked(PyDict::new());
                for (n, v) in shape.names.iter().zip(values.drain(..)) {
                    dict.set_str(n.clone(), v);
                }
                dict.set_str(name.clone(), value);
                *attrs = Attrs::Dict(dict);
            }
            Attrs::Dict(d) => {
                let d = d.clone();
                drop(attrs);
                d.set_str(name.clone(), value);
            }
        }
    }

    /// Removes an instance attribute; false when it was not set.
    pub fn del_attr(&self, name: &Rc<PyStr>) -> bool {
        let dict = self.materialize_dict();
        dict.remove_str(name).is_some()
    }

    /// The instance's `__dict__`: attributes move from the shaped layout into a real dict,
    /// which from then on is the instance's storage.
    pub fn materialize_dict(&self) -> Rc<PyDict> {
        let mut attrs = self.attrs.borrow_mut();
        if let Attrs::Dict(d) = &*attrs {
            return d.clone();
        }
        let dict = crate::runtime::gc::tracked(PyDict::new());
        if let Attrs::Shaped { shape, values } = &mut *attrs {
            for (n, v) in shape.names.iter().zip(values.drain(..)) {
                dict.set_str(n.clone(), v);
            }
        }
        *attrs = Attrs::Dict(dict.clone());
        dict
    }

    /// Shape id and slot vector, for specialized attribute access.
    #[inline]
    pub fn shaped(&self) -> Option<Ref<'_, Attrs>> {
        let attrs = self.attrs.borrow();
        matches!(&*attrs, Attrs::Shaped { .. }).then_some(attrs)
    }
}
