//! `Value`: every Python value the VM handles, in 16 bytes.
//!
//! `None`, bools, machine-sized ints and floats are unboxed; every heap object is a typed `Rc`
//! variant, so a specialized instruction's type guard is one tag compare and its fast path
//! touches no type object. Objects are freed when their last reference goes (CPython's timing);
//! the cycle collector reclaims what reference counting cannot.

use super::types::class::PyClass;
use super::types::dict::PyDict;
use super::types::function::PyFunction;
use super::types::instance::PyInstance;
use super::types::list::PyList;
use super::types::native::PyNative;
use super::types::object::PyObject;
use super::types::str::PyStr;
use super::types::tuple::PyTuple;
use num_bigint::BigInt;
use std::rc::Rc;

/// `repr(u64)` fixes the layout the dispatch loop's raw stores rely on (see `raw`): the tag is
/// the first word (declaration order; its low byte alone identifies it), every payload — a
/// bool too — the second word. With a byte-sized tag the bool would sit at byte 1, and moving
/// any value (as `Option<Value>` or `PyResult<Value>` through memory) then copies bytes 1..16
/// as two overlapping unaligned words, which stalls on the two aligned stores that wrote them.
#[derive(Default)]
#[repr(u64)]
pub enum Value {
    /// Not a Python value: an unbound local slot, or the NULL that `PUSH_NULL` places below a
    /// callable. Never escapes to Python code.
    #[default]
    Null,
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// An int outside the `i64` range; always normalized (a value that fits is an `Int`).
    BigInt(Rc<BigInt>),
    Str(Rc<PyStr>),
    Tuple(Rc<PyTuple>),
    List(Rc<PyList>),
    Dict(Rc<PyDict>),
    Function(Rc<PyFunction>),
    /// A function or method implemented in Rust.
    Native(Rc<PyNative>),
    Class(Rc<PyClass>),
    /// An instance of a class defined in Python.
    Instance(Rc<PyInstance>),
    /// Every other built-in object (sets, bytes, ranges, iterators, cells, modules, …).
    Object(Rc<PyObject>),
}

impl Clone for Value {
    /// Inlined everywhere: the derived clone stayed an out-of-line call even for ints, and
    /// cloning a value is the commonest thing the dispatch loop does. (A variant-blind clone,
    /// `raw::clone_whole`, runs fewer instructions but measured 5-15% slower overall: the
    /// per-variant stores forward better to the moves that follow.)
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::Null => Value::Null,
            Value::None => Value::None,
            Value::NotImplemented => Value::NotImplemented,
            Value::Ellipsis => Value::Ellipsis,
            Value::Bool(b) => Value::Bool(*b),
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::Float(*f),
            Value::BigInt(x) => Value::BigInt(Rc::clone(x)),
            Value::Str(x) => Value::Str(Rc::clone(x)),
            Value::Tuple(x) => Value::Tuple(Rc::clone(x)),
            Value::List(x) => Value::List(Rc::clone(x)),
            Value::Dict(x) => Value::Dict(Rc::clone(x)),
            Value::Function(x) => Value::Function(Rc::clone(x)),
            Value::Native(x) => Value::Native(Rc::clone(x)),
            Value::Class(x) => Value::Class(Rc::clone(x)),
            Value::Instance(x) => Value::Instance(Rc::clone(x)),
            Value::Object(x) => Value::Object(Rc::clone(x)),
        }
    }
}

// The whole design leans on this: a value is two words.
const _: () = assert!(std::mem::size_of::<Value>() == 16);
const _: () = assert!(std::mem::size_of::<Option<Value>>() == 16);

pub mod raw;

impl Value {
    #[inline]
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    #[inline]
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// A Rust string as a new Python `str`.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }

    /// A big int, normalized to `Int` when it fits.
    pub fn from_bigint(n: BigInt) -> Value {
        match i64::try_from(&n) {
            Ok(small) => Value::Int(small),
            Err(_) => Value::BigInt(Rc::new(n)),
        }
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(crate::runtime::gc::tracked_tuple(PyTuple::new(items)))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(crate::runtime::gc::tracked(PyList::new(items)))
    }

    /// Identity, as Python's `is`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Null, Value::Null)
            | (Value::None, Value::None)
            | (Value::NotImplemented, Value::NotImplemented)
            | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // Small ints and floats are not objects here; CPython caches -5..=256 and makes
            // literals of equal value share one constant, so value equality is the closest match.
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            _ => match (self.heap_ptr(), other.heap_ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// The address of the heap object, for identity and `id()`.
    pub fn heap_ptr(&self) -> Option<usize> {
        Some(match self {
            Value::BigInt(o) => Rc::as_ptr(o) as usize,
            Value::Str(o) => Rc::as_ptr(o) as usize,
            Value::Tuple(o) => Rc::as_ptr(o) as usize,
            Value::List(o) => Rc::as_ptr(o) as usize,
            Value::Dict(o) => Rc::as_ptr(o) as usize,
            Value::Function(o) => Rc::as_ptr(o) as usize,
            Value::Native(o) => Rc::as_ptr(o) as usize,
            Value::Class(o) => Rc::as_ptr(o) as usize,
            Value::Instance(o) => Rc::as_ptr(o) as usize,
            Value::Object(o) => Rc::as_ptr(o) as usize,
            _ => return None,
        })
    }

    #[inline]
    pub fn as_str(&self) -> Option<&PyStr> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Null => f.write_str("<NULL>"),
            Value::None => f.write_str("None"),
            Value::NotImplemented => f.write_str("NotImplemented"),
            Value::Ellipsis => f.write_str("Ellipsis"),
            Value::Bool(b) => f.write_str(if *b { "True" } else { "False" }),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::BigInt(n) => write!(f, "{n}"),
            Value::Str(s) => write!(f, "{:?}", s.as_str()),
            Value::Tuple(t) => f.debug_tuple("").field(&t.items()).finish(),
            Value::List(_) => f.write_str("<list>"),
            Value::Dict(_) => f.write_str("<dict>"),
            Value::Function(func) => write!(f, "<function {}>", func.qualname()),
            Value::Native(n) => write!(f, "<built-in {}>", n.name),
            Value::Class(c) => write!(f, "<class {}>", c.name()),
            Value::Instance(i) => write!(f, "<{} object>", i.class().name()),
            Value::Object(o) => write!(f, "<{} object>", o.class_name()),
        }
    }
}
