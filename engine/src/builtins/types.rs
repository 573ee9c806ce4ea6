//! The built-in types as classes: each type's methods and dunder methods are natives in its
//! `PyClass.dict`, so the generic protocol finds them exactly as it finds a user class's
//! methods (and subclasses inherit them). One module per type; this one holds what they share:
//! registration, argument checking, error construction, index conversion and calling dunders.

pub mod bytes;
pub mod complex;
pub mod dict;
pub mod float;
pub mod format;
pub mod int;
pub mod iter;
pub mod list;
pub mod object;
pub mod percent;
pub mod range;
pub mod set;
pub mod slice;
pub mod str;
pub mod tuple;
pub mod type_;

pub use type_::{isinstance, issubclass};

use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::numfmt::{NumError, NumErrorKind};
use crate::runtime::strings::{StrError, StrErrorKind};
use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::{Args, NativeFn, NativeKind, PyNative};
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

/// Installs every built-in type's methods.
pub fn install(vm: &mut Vm) {
    object::install(vm);
    type_::install(vm);
    int::install(vm);
    float::install(vm);
    complex::install(vm);
    str::install(vm);
    bytes::install(vm);
    list::install(vm);
    tuple::install(vm);
    dict::install(vm);
    set::install(vm);
    range::install(vm);
    slice::install(vm);
    iter::install(vm);
}

/// Registers natives on a class: `methods!(vm, class, "list", { "append" => f, … })` gives
/// each the qualified name `list.append` (what error messages and reprs show).
macro_rules! methods {
    ($vm:expr, $class:expr, $cls:literal, { $($name:literal => $f:expr),* $(,)? }) => {{
        let class = $class.clone();
        $(
            $crate::builtins::types::add_native(
                $vm, &class, $name, concat!($cls, ".", $name), $f,
                $crate::runtime::types::native::NativeKind::Method,
            );
        )*
    }};
}
pub(crate) use methods;

/// Registers read-only attributes (CPython's getset descriptors: `int.real`, `slice.start`):
/// each getter receives the object as its only argument.
macro_rules! getters {
    ($vm:expr, $class:expr, $cls:literal, { $($name:literal => $f:expr),* $(,)? }) => {{
        let class = $class.clone();
        $( $crate::builtins::types::add_getter($vm, &class, $name, concat!($cls, ".", $name), $f); )*
    }};
}
pub(crate) use getters;

pub(crate) fn add_native(
    vm: &mut Vm,
    class: &Rc<PyClass>,
    name: &'static str,
    qualname: &'static str,
    func: NativeFn,
    kind: NativeKind,
) {
    let key = vm.interner.intern(name);
    let mut native = PyNative::method(qualname, func);
    native.kind = kind;
    class.dict.set_str(key, Value::Native(Rc::new(native)));
}

pub(crate) fn add_getter(
    vm: &mut Vm,
    class: &Rc<PyClass>,
    name: &'static str,
    qualname: &'static str,
    func: NativeFn,
) {
    let key = vm.interner.intern(name);
    let mut getter = PyNative::function(name, func);
    getter.qualname = qualname;
    let prop = ObjKind::Property {
        fget: Value::Native(Rc::new(getter)),
        fset: Value::None,
        fdel: Value::None,
        doc: Value::None,
    };
    class.dict.set_str(
        key,
        Value::Object(crate::runtime::gc::tracked(PyObject::new(prop))),
    );
}

/// Sets a plain class attribute (`__hash__ = None`, `__doc__`).
pub(crate) fn add_attr(vm: &mut Vm, class: &Rc<PyClass>, name: &str, value: Value) {
    let key = vm.interner.intern(name);
    class.dict.set_str(key, value);
}

// ---- errors ---------------------------------------------------------------------------------

pub(crate) fn value_error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    let class = vm.types.value_error.clone();
    vm.new_exception(&class, msg.as_ref())
}

pub(crate) fn index_error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    let class = vm.types.index_error.clone();
    vm.new_exception(&class, msg.as_ref())
}

pub(crate) fn overflow_error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    let class = vm.types.overflow_error.clone();
    vm.new_exception(&class, msg.as_ref())
}

pub(crate) fn runtime_error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    let class = vm.types.runtime_error.clone();
    vm.new_exception(&class, msg.as_ref())
}

/// An exception of the built-in class `name` (falling back to `fallback` if the hierarchy
/// does not have it).
pub(crate) fn named_error(vm: &mut Vm, name: &str, msg: impl AsRef<str>) -> PyErr {
    let key = vm.interner.intern(name);
    let class = match vm.builtins.get_str(&key) {
        Some(Value::Class(c)) => c,
        _ => vm.types.value_error.clone(),
    };
    if msg.as_ref().is_empty() {
        let exc = vm.new_instance(&class, &[]);
        return PyErr { exc };
    }
    vm.new_exception(&class, msg.as_ref())
}

/// `KeyError(key)`: the key itself is the argument (so `str()` shows its repr).
pub(crate) fn key_error(vm: &mut Vm, key: Value) -> PyErr {
    let class = vm.types.key_error.clone();
    let exc = vm.new_instance(&class, &[key]);
    PyErr { exc }
}

pub(crate) fn stop_iteration(vm: &mut Vm) -> PyErr {
    let class = vm.types.stop_iteration.clone();
    let exc = vm.new_instance(&class, &[]);
    PyErr { exc }
}

pub(crate) fn num_err(vm: &mut Vm, e: NumError) -> PyErr {
    let name = match e.kind {
        NumErrorKind::ValueError => "ValueError",
        NumErrorKind::OverflowError => "OverflowError",
        NumErrorKind::TypeError => "TypeError",
        NumErrorKind::ZeroDivisionError => "ZeroDivisionError",
        NumErrorKind::MemoryError => "MemoryError",
    };
    named_error(vm, name, &e.message)
}

pub(crate) fn str_err(vm: &mut Vm, e: StrError) -> PyErr {
    let name = match e.kind {
        StrErrorKind::ValueError => "ValueError",
        StrErrorKind::TypeError => "TypeError",
        StrErrorKind::OverflowError => "OverflowError",
        StrErrorKind::MemoryError => "MemoryError",
    };
    named_error(vm, name, e.message)
}

// ---- arguments ------------------------------------------------------------------------------

/// The receiver and the remaining positional arguments of a method call, rejecting keywords
/// (`list.append() takes no keyword arguments`).
pub(crate) fn split_self<'a>(
    vm: &mut Vm,
    args: Args<'a>,
    qualname: &str,
) -> PyResult<(&'a Value, &'a [Value])> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error(format!("{qualname}() takes no keyword arguments")));
    }
    match args.positional().split_first() {
        Some((receiver, rest)) => Ok((receiver, rest)),
        None => Err(vm.type_error(format!(
            "descriptor '{}' needs an argument",
            qualname.rsplit('.').next().unwrap_or(qualname)
        ))),
    }
}

/// A method taking no arguments (`list.copy() takes no arguments (1 given)`).
pub(crate) fn noargs<'a>(vm: &mut Vm, args: Args<'a>, qualname: &str) -> PyResult<&'a Value> {
    let (receiver, rest) = split_self(vm, args, qualname)?;
    if !rest.is_empty() {
        return Err(vm.type_error(format!(
            "{qualname}() takes no arguments ({} given)",
            rest.len()
        )));
    }
    Ok(receiver)
}

/// A method taking exactly one argument (`list.append() takes exactly one argument (0 given)`).
pub(crate) fn one_arg<'a>(
    vm: &mut Vm,
    args: Args<'a>,
    qualname: &str,
) -> PyResult<(&'a Value, &'a Value)> {
    let (receiver, rest) = split_self(vm, args, qualname)?;
    match rest {
        [x] => Ok((receiver, x)),
        _ => Err(vm.type_error(format!(
            "{qualname}() takes exactly one argument ({} given)",
            rest.len()
        ))),
    }
}

/// A method taking `min..=max` positional arguments, with `_PyArg_CheckPositional`'s messages
/// (`pop expected at most 1 argument, got 2`).
pub(crate) fn arity<'a>(
    vm: &mut Vm,
    args: Args<'a>,
    qualname: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a [Value])> {
    let (receiver, rest) = split_self(vm, args, qualname)?;
    check_count(vm, rest.len(), short_name(qualname), min, max)?;
    Ok((receiver, rest))
}

pub(crate) fn check_count(
    vm: &mut Vm,
    n: usize,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<()> {
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        let msg = if min == max {
            format!("{name} expected {min} argument{}, got {n}", plural(min))
        } else {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                plural(min)
            )
        };
        return Err(vm.type_error(msg));
    }
    if n > max {
        let msg = if min == max {
            format!("{name} expected {max} argument{}, got {n}", plural(max))
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                plural(max)
            )
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

pub(crate) fn short_name(qualname: &str) -> &str {
    qualname.rsplit('.').next().unwrap_or(qualname)
}

/// Argument Clinic-style binding of positional-or-keyword parameters `names` (after the
/// receiver, when `has_self`): `required` of them must be given.
pub(crate) fn bind<'a, const N: usize>(
    vm: &mut Vm,
    args: Args<'a>,
    fname: &str,
    names: [&str; N],
    required: usize,
    has_self: bool,
) -> PyResult<(Option<&'a Value>, [Option<&'a Value>; N])> {
    let positional = args.positional();
    let (receiver, positional) = if has_self {
        match positional.split_first() {
            Some((r, rest)) => (Some(r), rest),
            None => return Err(vm.type_error(format!("descriptor '{fname}' needs an argument"))),
        }
    } else {
        (None, positional)
    };
    let mut out: [Option<&'a Value>; N] = [None; N];
    if positional.len() > N {
        let msg = if N == 0 {
            format!("{fname}() takes no positional arguments")
        } else if required == N {
            format!(
                "{fname}() takes exactly {N} argument{} ({} given)",
                if N == 1 { "" } else { "s" },
                positional.len()
            )
        } else {
            format!(
                "{fname}() takes at most {N} argument{} ({} given)",
                if N == 1 { "" } else { "s" },
                positional.len()
            )
        };
        return Err(vm.type_error(msg));
    }
    for (slot, v) in out.iter_mut().zip(positional) {
        *slot = Some(v);
    }
    for (name, v) in args.keywords() {
        match names.iter().position(|n| *n == name) {
            Some(i) if out[i].is_some() => {
                return Err(vm.type_error(format!(
                    "argument for {fname}() given by name ('{name}') and position ({})",
                    i + 1
                )))
            }
            Some(i) => out[i] = Some(v),
            None => {
                return Err(vm.type_error(format!(
                    "'{name}' is an invalid keyword argument for {fname}()"
                )))
            }
        }
    }
    if let Some(missing) = (0..required).find(|&i| out[i].is_none()) {
        if positional.len() < required && args.kwnames.is_empty() {
            let msg = if required == N {
                format!(
                    "{fname}() takes exactly {N} argument{} ({} given)",
                    if N == 1 { "" } else { "s" },
                    positional.len()
                )
            } else {
                format!(
                    "{fname}() takes at least {required} argument{} ({} given)",
                    if required == 1 { "" } else { "s" },
                    positional.len()
                )
            };
            return Err(vm.type_error(msg));
        }
        return Err(vm.type_error(format!(
            "{fname}() missing required argument '{}' (pos {})",
            names[missing],
            missing + 1
        )));
    }
    Ok((receiver, out))
}

// ---- integers and indexes -------------------------------------------------------------------

/// `operator.index(v)`: ints as they are, else `__index__` (which must return an int).
pub(crate) fn index_value(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        _ => {
            let Some(r) = call_dunder(vm, v, "__index__", &[])? else {
                let t = vm.type_name(v);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            };
            match r {
                Value::Int(_) | Value::BigInt(_) => Ok(r),
                Value::Bool(b) => Ok(Value::Int(i64::from(b))),
                other => {
                    let t = vm.type_name(&other);
                    Err(vm.type_error(format!("__index__ returned non-int (type {t})")))
                }
            }
        }
    }
}

/// `PyNumber_AsSsize_t(v, OverflowError)`.
pub(crate) fn to_isize(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match index_value(vm, v)? {
        Value::Int(i) => Ok(i),
        _ => Err(overflow_error(
            vm,
            "cannot fit 'int' into an index-sized integer",
        )),
    }
}

/// An index into a sequence of `len` items, for `__getitem__` with an int: negative counts
/// from the end; `None` when out of range.
pub(crate) fn normalize_index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i.checked_add(len as i64)? } else { i };
    (i >= 0 && (i as u64) < len as u64).then_some(i as usize)
}

/// Whether `v` can be used as a sequence index (an int or has `__index__`).
pub(crate) fn is_index(vm: &mut Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => true,
        Value::Instance(_) => lookup_dunder(vm, v, "__index__").is_some(),
        _ => false,
    }
}

/// A sequence index for `__getitem__`: `Ok(Some(i))` in range, `Ok(None)` out of range.
pub(crate) fn seq_index(vm: &mut Vm, v: &Value, len: usize) -> PyResult<Option<usize>> {
    let i = match index_value(vm, v)? {
        Value::Int(i) => i,
        // A big int is out of range of any sequence.
        _ => return Ok(None),
    };
    Ok(normalize_index(i, len))
}

// ---- calling dunders ------------------------------------------------------------------------

/// `type(v).name`, looked up on the type (special method lookup skips the instance).
pub(crate) fn lookup_dunder(vm: &mut Vm, v: &Value, name: &str) -> Option<Value> {
    let key = vm.interner.intern(name);
    vm.class_of(v).lookup(&key)
}

/// Calls `type(v).name(v, *args)` if the type has it (`None` is the "absent" answer; a
/// `__hash__ = None` style `None` attribute also counts as absent).
pub(crate) fn call_dunder(
    vm: &mut Vm,
    v: &Value,
    name: &str,
    args: &[Value],
) -> PyResult<Option<Value>> {
    let Some(f) = lookup_dunder(vm, v, name) else {
        return Ok(None);
    };
    if f.is_none() {
        return Ok(None);
    }
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(v.clone());
    all.extend_from_slice(args);
    vm.call(&f, &all).map(Some)
}

/// `a < b` as a bool, through the VM's comparison protocol.
pub(crate) fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = native_lt(a, b, 0) {
        return Ok(r);
    }
    let r = vm.compare(a, b, crate::bytecode::Comparison::Less)?;
    vm.truthy(&r)
}

/// `a < b` answered without the VM when both are ints, non-NaN floats, strs, or tuples of
/// such (sort keys and `min`/`max` keys usually are): the same answer `<` gives, since these
/// are totally ordered and their `==` is plain. `None` for anything else.
pub(crate) fn native_lt(a: &Value, b: &Value, depth: u32) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x < y),
        (Value::Str(x), Value::Str(y)) => Some(x.as_str() < y.as_str()),
        (Value::Float(x), Value::Float(y)) if !x.is_nan() && !y.is_nan() => Some(x < y),
        (Value::Tuple(x), Value::Tuple(y)) if depth < 4 => {
            let (x, y) = (x.items(), y.items());
            for (p, q) in x.iter().zip(y.iter()) {
                if !native_eq(p, q)? {
                    return native_lt(p, q, depth + 1);
                }
            }
            Some(x.len() < y.len())
        }
        _ => None,
    }
}

/// `a == b` for the types `native_lt` orders (a tuple item compares for equality first).
fn native_eq(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Str(x), Value::Str(y)) => Some(x == y),
        (Value::Float(x), Value::Float(y)) if !x.is_nan() && !y.is_nan() => Some(x == y),
        _ => None,
    }
}

/// `a == b` (identity first, as containers do).
pub(crate) fn eq(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if a.is(b) {
        return Ok(true);
    }
    vm.values_equal(a, b)
}

/// The repr recursion guard (`Py_ReprEnter`): `[...]` for a list that contains itself.
pub(crate) mod repr_guard {
    use std::cell::RefCell;

    thread_local! {
        static ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
    }

    /// False when `ptr` is already being repr'd further up the stack.
    pub fn enter(ptr: usize) -> bool {
        ACTIVE.with(|a| {
            let mut a = a.borrow_mut();
            if a.contains(&ptr) {
                false
            } else {
                a.push(ptr);
                true
            }
        })
    }

    pub fn leave(ptr: usize) {
        ACTIVE.with(|a| {
            let mut a = a.borrow_mut();
            if let Some(i) = a.iter().rposition(|p| *p == ptr) {
                a.remove(i);
            }
        })
    }
}

/// A new `Value::Object`.
pub(crate) fn obj(kind: ObjKind) -> Value {
    Value::Object(crate::runtime::gc::tracked(PyObject::new(kind)))
}

/// `NotImplemented` as a result.
pub(crate) const NOT_IMPLEMENTED: PyResult<Value> = Ok(Value::NotImplemented);
