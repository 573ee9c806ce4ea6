//! Built-in objects that need no variant of their own in `Value`.

use crate::runtime::types::class::PyClass;
use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::set::PySet;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

pub enum ObjKind {
    Complex {
        real: f64,
        imag: f64,
    },
    Bytes(Box<[u8]>),
    /// A constant frozenset from `x in {1, 2}`, before sets exist. (Issue 3 replaces it.)
    FrozenSetConst(Vec<Value>),
    Code(Rc<PyCode>),
    /// A closure cell; `Value::Null` when empty.
    Cell(RefCell<Value>),
    Module(PyModule),
    /// A Python function bound to an instance (`obj.method` not immediately called).
    BoundMethod {
        func: Value,
        receiver: Value,
    },
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    /// `slice(start, stop, step)`; absent parts are `None`.
    Slice {
        start: Value,
        stop: Value,
        step: Value,
    },
    Set(PySet),
    FrozenSet(PySet),
    RangeIter(RefCell<RangeIter>),
    ListIter {
        list: Value,
        index: Cell<usize>,
    },
    TupleIter {
        tuple: Value,
        index: Cell<usize>,
    },
    /// Views and iterators of the built-in types (`builtins::types::iter`).
    TypeIter(crate::builtins::types::iter::TypeIter),
    /// `property(fget, fset, fdel, doc)`.
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        doc: Value,
    },
    ClassMethod(Value),
    StaticMethod(Value),
    /// `super(class, obj)`: lookups start after `class` in the MRO of `obj`'s type.
    Super {
        class: Rc<PyClass>,
        obj: Value,
    },
    /// `enumerate`, `zip`, `map`, `filter`, `reversed`, … (`builtins::iterators`).
    BuiltinIter(crate::builtins::iterators::BuiltinIter),
    /// `sys.stdout` / `sys.stderr` / `sys.stdin`: text streams on the VM's host.
    HostStream(StreamKind),
    /// The descriptor of a `__slots__` attribute (`member_descriptor`): `owner` is the
    /// class name for its repr.
    SlotMember {
        name: Rc<PyStr>,
        owner: Rc<PyStr>,
    },
    /// A generator object (`vm::generator`). Boxed: its suspended frame is several times
    /// the size of every other variant, and would make each slice, cell, bound method and
    /// iterator allocation as large.
    Generator(Box<crate::vm::generator::Generator>),
    /// `iter(obj)` for an object with `__getitem__` but no `__iter__`; `seq` becomes `None`
    /// when exhausted.
    SeqIter {
        seq: RefCell<Value>,
        index: RefCell<usize>,
    },
    /// An instance of a built-in class with no richer representation yet.
    Plain(Rc<PyClass>),
    /// An instance of a class of a native module (`re.Pattern`, `random.Random`): its class
    /// and the Rust state its methods work on.
    Native(NativeObject),
}

pub struct NativeObject {
    pub class: Rc<PyClass>,
    /// Holds no Python containers that could form a cycle (the collector does not trace it).
    pub state: Box<dyn std::any::Any>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum StreamKind {
    Stdout,
    Stderr,
    /// `sys.stdin`: lines read through the host.
    Stdin,
}

pub struct RangeIter {
    pub next: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeIter {
    /// The next value, or `None` once exhausted (it stays exhausted: `next` saturates).
    #[inline(always)]
    pub fn advance(&mut self) -> Option<i64> {
        let more = if self.step > 0 {
            self.next < self.stop
        } else {
            self.next > self.stop
        };
        if !more {
            return None;
        }
        let v = self.next;
        self.next = self.next.saturating_add(self.step);
        Some(v)
    }
}

pub struct PyModule {
    pub name: Rc<PyStr>,
    pub dict: Rc<PyDict>,
}

pub struct PyObject {
    pub kind: ObjKind,
}

impl PyObject {
    pub fn new(kind: ObjKind) -> PyObject {
        PyObject { kind }
    }

    pub fn class_name(&self) -> &'static str {
        match &self.kind {
            ObjKind::Complex { .. } => "complex",
            ObjKind::Bytes(_) => "bytes",
            ObjKind::FrozenSetConst(_) => "frozenset",
            ObjKind::Code(_) => "code",
            ObjKind::Cell(_) => "cell",
            ObjKind::Module(_) => "module",
            ObjKind::BoundMethod { .. } => "method",
            ObjKind::Range { .. } => "range",
            ObjKind::Slice { .. } => "slice",
            ObjKind::Set(_) => "set",
            ObjKind::FrozenSet(_) => "frozenset",
            ObjKind::RangeIter(_) => "range_iterator",
            ObjKind::ListIter { .. } => "list_iterator",
            ObjKind::TupleIter { .. } => "tuple_iterator",
            ObjKind::TypeIter(it) => it.name(),
            ObjKind::Property { .. } => "property",
            ObjKind::ClassMethod(_) => "classmethod",
            ObjKind::StaticMethod(_) => "staticmethod",
            ObjKind::Super { .. } => "super",
            ObjKind::BuiltinIter(it) => it.name(),
            ObjKind::HostStream(_) => "TextIOWrapper",
            ObjKind::Generator(_) => "generator",
            ObjKind::SlotMember { .. } => "member_descriptor",
            ObjKind::SeqIter { .. } => "iterator",
            ObjKind::Plain(_) | ObjKind::Native(_) => "object",
        }
    }
}
