//! The iterator types of the built-in functions: `enumerate`, `zip` (with `strict=`), `map`,
//! `filter`, `reversed` and `callable_iterator` (`iter(f, sentinel)`). Each is an
//! `ObjKind::BuiltinIter`; the
//! classes (in `vm.types`) get `__new__`, `__iter__`, `__next__` (and `__length_hint__` where
//! CPython has it) as natives, so the generic protocol and `for` loops see ordinary iterators.

use crate::builtins::functions::args;
use crate::builtins::functions::iterate;
use crate::runtime::error::PyResult;
use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::{Args, NativeFn, PyNative};
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::value::Value;
use crate::vm::types::Types;
use crate::vm::Vm;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// A built-in iterator: its state, and the Python subclass it was created as (`class
/// E(enumerate)`), if any.
pub struct BuiltinIter {
    pub state: IterState,
    pub subclass: Option<Rc<PyClass>>,
}

/// The state of one built-in iterator.
pub enum IterState {
    Enumerate {
        iter: Value,
        /// The next index; an `Int` until it overflows into a big int.
        count: RefCell<Value>,
    },
    Zip {
        iters: Box<[Value]>,
        strict: bool,
    },
    Map {
        func: Value,
        iters: Box<[Value]>,
    },
    Filter {
        func: Value,
        iter: Value,
    },
    /// `reversed(seq)` over the sequence protocol; `index` is the next index, -1 when done.
    Reversed {
        seq: RefCell<Value>,
        index: Cell<i64>,
    },
    /// `iter(callable, sentinel)`; `func` becomes `None` once exhausted.
    Callable {
        func: RefCell<Value>,
        sentinel: Value,
    },
}

impl BuiltinIter {
    pub fn name(&self) -> &'static str {
        match self.state {
            IterState::Enumerate { .. } => "enumerate",
            IterState::Zip { .. } => "zip",
            IterState::Map { .. } => "map",
            IterState::Filter { .. } => "filter",
            IterState::Reversed { .. } => "reversed",
            IterState::Callable { .. } => "callable_iterator",
        }
    }

    pub fn class(&self, types: &Types) -> Rc<PyClass> {
        if let Some(c) = &self.subclass {
            return c.clone();
        }
        match self.state {
            IterState::Enumerate { .. } => types.enumerate.clone(),
            IterState::Zip { .. } => types.zip.clone(),
            IterState::Map { .. } => types.map.clone(),
            IterState::Filter { .. } => types.filter.clone(),
            IterState::Reversed { .. } => types.reversed.clone(),
            IterState::Callable { .. } => types.callable_iterator.clone(),
        }
    }
}

fn new(state: IterState) -> Value {
    Value::Object(crate::runtime::gc::tracked(PyObject::new(
        ObjKind::BuiltinIter(BuiltinIter {
            state,
            subclass: None,
        }),
    )))
}

/// A new iterator of the class `__new__` was called on (`args[0]`): a Python subclass of the
/// built-in `base` is remembered so that its overrides are found.
fn new_of(args: &Args<'_>, base: &Rc<PyClass>, state: IterState) -> Value {
    let subclass = match args.values.first() {
        Some(Value::Class(c)) if !Rc::ptr_eq(c, base) => Some(c.clone()),
        _ => None,
    };
    Value::Object(crate::runtime::gc::tracked(PyObject::new(
        ObjKind::BuiltinIter(BuiltinIter { state, subclass }),
    )))
}

/// `iter(func, sentinel)`.
pub fn callable_iter(func: Value, sentinel: Value) -> Value {
    new(IterState::Callable {
        func: RefCell::new(func),
        sentinel,
    })
}

pub fn install(vm: &mut Vm) {
    install_sequence_iterator(vm);
    let t = &vm.types;
    let classes = [
        (
            t.enumerate.clone(),
            "enumerate",
            Some(enumerate_new as NativeFn),
        ),
        (t.zip.clone(), "zip", Some(zip_new)),
        (t.map.clone(), "map", Some(map_new)),
        (t.filter.clone(), "filter", Some(filter_new)),
        (t.reversed.clone(), "reversed", Some(reversed_new)),
        (t.callable_iterator.clone(), "callable_iterator", None),
    ];
    for (class, name, new_fn) in classes {
        let qual = |method: &str| -> &'static str {
            Box::leak(format!("{name}.{method}").into_boxed_str())
        };
        let mut methods: Vec<(&'static str, NativeFn)> =
            vec![("__iter__", iter_self), ("__next__", next_method)];
        if let Some(f) = new_fn {
            methods.push(("__new__", f));
        }
        if name == "reversed" {
            methods.push(("__length_hint__", length_hint));
        }
        for (method, func) in methods {
            let key = vm.interner.intern(method);
            class.dict.set_str(
                key,
                Value::Native(Rc::new(PyNative::method(qual(method), func))),
            );
        }
    }
}

/// `iterator` (the VM's `__getitem__` sequence iterator): `__iter__` and `__next__` step it
/// through the VM.
fn install_sequence_iterator(vm: &mut Vm) {
    let class = vm.types.seq_iterator.clone();
    let methods: [(&'static str, &'static str, NativeFn); 2] = [
        ("__iter__", "iterator.__iter__", |_, a| {
            Ok(a.positional().first().cloned().unwrap_or_default())
        }),
        ("__next__", "iterator.__next__", |vm, a| {
            let it = a.positional().first().cloned().unwrap_or_default();
            match vm.next(&it)? {
                Some(v) => Ok(v),
                None => {
                    let class = vm.types.stop_iteration.clone();
                    let exc = vm.new_instance(&class, &[]);
                    Err(crate::runtime::error::PyErr { exc })
                }
            }
        }),
    ];
    for (name, qualname, func) in methods {
        let key = vm.interner.intern(name);
        class.dict.set_str(
            key,
            Value::Native(Rc::new(PyNative::method(qualname, func))),
        );
    }
}

fn this<'a>(vm: &mut Vm, args: &Args<'a>, method: &str) -> PyResult<&'a IterState> {
    if let Some(Value::Object(o)) = args.positional().first() {
        if let ObjKind::BuiltinIter(it) = &o.kind {
            return Ok(&it.state);
        }
    }
    Err(vm.type_error(format!(
        "descriptor '{method}' requires a built-in iterator"
    )))
}

fn iter_self(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this(vm, &args, "__iter__")?;
    Ok(args.positional()[0].clone())
}

fn next_method(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let state = this(vm, &args, "__next__")?;
    // The state itself, never `vm.next(self)`: a subclass's `__next__` calling
    // `super().__next__()` lands here.
    match next(vm, state)? {
        Some(v) => Ok(v),
        None => {
            let class = vm.types.stop_iteration.clone();
            let exc = vm.new_instance(&class, &[]);
            Err(crate::runtime::error::PyErr { exc })
        }
    }
}

fn length_hint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let state = this(vm, &args, "__length_hint__")?;
    Ok(match state {
        IterState::Reversed { index, .. } => Value::Int(index.get() + 1),
        _ => Value::NotImplemented,
    })
}

/// The next item of a built-in iterator, for the VM's and the builtins' fast paths: `None`
/// when exhausted, including when a `StopIteration` escapes from inside (a `map` function
/// raising it), as CPython's `tp_iternext` callers treat it.
pub fn next_item(vm: &mut Vm, it: &BuiltinIter) -> PyResult<Option<Value>> {
    match next(vm, &it.state) {
        Err(e) if vm.is_stop_iteration(&e) => Ok(None),
        r => r,
    }
}

/// The next item of a built-in iterator; `None` when exhausted.
pub fn next(vm: &mut Vm, state: &IterState) -> PyResult<Option<Value>> {
    match state {
        IterState::Enumerate { iter, count } => {
            let Some(item) = iterate::next(vm, iter)? else {
                return Ok(None);
            };
            let index = count.borrow().clone();
            let following = match &index {
                Value::Int(i) if *i < i64::MAX => Value::Int(i + 1),
                _ => vm.binary_op(&index, &Value::Int(1), crate::bytecode::BinaryOperator::Add)?,
            };
            *count.borrow_mut() = following;
            Ok(Some(Value::tuple(vec![index, item])))
        }
        IterState::Zip { iters, strict } => zip_next(vm, iters, *strict),
        IterState::Map { func, iters } if iters.len() == 1 => match iterate::next(vm, &iters[0])? {
            Some(v) => vm.call(func, std::slice::from_ref(&v)).map(Some),
            None => Ok(None),
        },
        IterState::Map { func, iters } => {
            let mut items = Vec::with_capacity(iters.len());
            for it in iters.iter() {
                match iterate::next(vm, it)? {
                    Some(v) => items.push(v),
                    None => return Ok(None),
                }
            }
            vm.call(func, &items).map(Some)
        }
        IterState::Filter { func, iter } => loop {
            let Some(item) = iterate::next(vm, iter)? else {
                return Ok(None);
            };
            let keep = if func.is_none() {
                vm.truthy(&item)?
            } else {
                let r = vm.call(func, std::slice::from_ref(&item))?;
                vm.truthy(&r)?
            };
            if keep {
                return Ok(Some(item));
            }
        },
        IterState::Reversed { seq, index } => {
            let i = index.get();
            if i < 0 {
                return Ok(None);
            }
            // A list or tuple directly: no clone of the sequence, no error to build at the end.
            let direct = match &*seq.borrow() {
                Value::List(l) => Some(l.get(i as usize)),
                Value::Tuple(t) => Some(t.items().get(i as usize).cloned()),
                _ => None,
            };
            if let Some(item) = direct {
                return Ok(match item {
                    Some(v) => {
                        index.set(i - 1);
                        Some(v)
                    }
                    None => {
                        index.set(-1);
                        *seq.borrow_mut() = Value::None;
                        None
                    }
                });
            }
            let s = seq.borrow().clone();
            match item_at(vm, &s, i) {
                Ok(v) => {
                    index.set(i - 1);
                    Ok(Some(v))
                }
                Err(e)
                    if iterate::is_stop_iteration(vm, &e)
                        || iterate::is_instance_of(vm, &e, &vm.types.index_error) =>
                {
                    index.set(-1);
                    *seq.borrow_mut() = Value::None;
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
        IterState::Callable { func, sentinel } => {
            let f = func.borrow().clone();
            if f.is_none() {
                return Ok(None);
            }
            match vm.call(&f, &[]) {
                Ok(v) => {
                    if v.is(sentinel) || vm.values_equal(&v, sentinel)? {
                        *func.borrow_mut() = Value::None;
                        Ok(None)
                    } else {
                        Ok(Some(v))
                    }
                }
                Err(e) if iterate::is_stop_iteration(vm, &e) => {
                    *func.borrow_mut() = Value::None;
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
    }
}

/// `seq[i]`, directly for the built-in sequences, else through `__getitem__`.
fn item_at(vm: &mut Vm, seq: &Value, i: i64) -> PyResult<Value> {
    let direct = match seq {
        Value::List(l) => Some(usize::try_from(i).ok().and_then(|i| l.get(i))),
        Value::Tuple(t) => Some(
            usize::try_from(i)
                .ok()
                .and_then(|i| t.items().get(i).cloned()),
        ),
        Value::Str(s) => Some(
            usize::try_from(i)
                .ok()
                .and_then(|i| s.char_at(i))
                .map(|c| Value::Str(crate::runtime::types::str::PyStr::from_char(c))),
        ),
        _ => None,
    };
    match direct {
        Some(Some(v)) => Ok(v),
        Some(None) => {
            let class = vm.types.index_error.clone();
            Err(vm.new_exception(&class, "index out of range"))
        }
        None => match iterate::call_special(vm, seq, "__getitem__", &[Value::Int(i)])? {
            Some(v) => Ok(v),
            None => {
                let t = vm.type_name(seq);
                Err(vm.type_error(format!("'{t}' object is not subscriptable")))
            }
        },
    }
}

/// CPython's `zip_next`, including the `strict=True` length checks and their messages.
fn zip_next(vm: &mut Vm, iters: &[Value], strict: bool) -> PyResult<Option<Value>> {
    if iters.is_empty() {
        return Ok(None);
    }
    let mut items = Vec::with_capacity(iters.len());
    for (i, it) in iters.iter().enumerate() {
        match iterate::next(vm, it)? {
            Some(v) => items.push(v),
            None if strict => return zip_strict_failure(vm, iters, i),
            None => return Ok(None),
        }
    }
    Ok(Some(Value::tuple(items)))
}

/// Iterator `i` of a strict zip ran out: an error unless all the others are exhausted too.
fn zip_strict_failure(vm: &mut Vm, iters: &[Value], i: usize) -> PyResult<Option<Value>> {
    let range = |i: usize| {
        if i == 1 {
            " 1".to_owned()
        } else {
            format!("s 1-{i}")
        }
    };
    if i > 0 {
        let class = vm.types.value_error.clone();
        let message = format!(
            "zip() argument {} is shorter than argument{}",
            i + 1,
            range(i)
        );
        return Err(vm.new_exception(&class, &message));
    }
    for (j, it) in iters.iter().enumerate().skip(1) {
        if iterate::next(vm, it)?.is_some() {
            let class = vm.types.value_error.clone();
            let message = format!(
                "zip() argument {} is longer than argument{}",
                j + 1,
                range(j)
            );
            return Err(vm.new_exception(&class, &message));
        }
    }
    Ok(None)
}

/// The call arguments after the class (`__new__`'s first argument).
fn after_class<'a>(args: &Args<'a>) -> Args<'a> {
    Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    }
}

/// `enumerate(iterable, start=0)`, argument handling as CPython's `enum_vectorcall`.
fn enumerate_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let outer = args;
    let args = after_class(&args);
    let values = args.values;
    let kw: Vec<&str> = args.kwnames.iter().map(|k| k.as_str()).collect();
    let check = |vm: &mut Vm, i: usize, name: &str| -> PyResult<()> {
        if kw[i] == name {
            Ok(())
        } else {
            Err(args::invalid_keyword(vm, kw[i], "enumerate"))
        }
    };
    let (iterable, start) = match (values.len(), kw.len()) {
        (2, 1) => {
            check(vm, 0, "start")?;
            (&values[0], Some(&values[1]))
        }
        (2, 2) if kw[0] == "start" => {
            check(vm, 1, "iterable")?;
            (&values[1], Some(&values[0]))
        }
        (2, 2) => {
            check(vm, 0, "iterable")?;
            check(vm, 1, "start")?;
            (&values[0], Some(&values[1]))
        }
        (2, _) => (&values[0], Some(&values[1])),
        (1, n) => {
            if n == 1 {
                check(vm, 0, "iterable")?;
            }
            (&values[0], None)
        }
        (_, n) if values.len() == n => {
            return Err(vm.type_error("enumerate() missing required argument 'iterable'"))
        }
        (n, _) => {
            return Err(vm.type_error(format!("enumerate() takes at most 2 arguments ({n} given)")))
        }
    };
    let start = match start {
        None => Value::Int(0),
        Some(v) => vm.index_value(v)?,
    };
    let iter = iterate::get_iter(vm, iterable)?;
    Ok(new_of(
        &outer,
        &vm.types.enumerate.clone(),
        IterState::Enumerate {
            iter,
            count: RefCell::new(start),
        },
    ))
}

/// `zip(*iterables, strict=False)`.
fn zip_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let outer = args;
    let args = after_class(&args);
    let strict = match args::keyword_only(vm, &args, "zip", &["strict"])?[0] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut iters = Vec::with_capacity(args.positional().len());
    for v in args.positional() {
        iters.push(iterate::get_iter(vm, v)?);
    }
    Ok(new_of(
        &outer,
        &vm.types.zip.clone(),
        IterState::Zip {
            iters: iters.into(),
            strict,
        },
    ))
}

/// `map(func, *iterables)`.
fn map_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let outer = args;
    let args = after_class(&args);
    args::no_keywords(vm, &args, "map")?;
    let [func, iterables @ ..] = args.positional() else {
        return Err(vm.type_error("map() must have at least two arguments."));
    };
    if iterables.is_empty() {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(iterables.len());
    for v in iterables {
        iters.push(iterate::get_iter(vm, v)?);
    }
    Ok(new_of(
        &outer,
        &vm.types.map.clone(),
        IterState::Map {
            func: func.clone(),
            iters: iters.into(),
        },
    ))
}

/// `filter(function or None, iterable)`.
fn filter_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let outer = args;
    let args = after_class(&args);
    let [func, iterable] = args::positional(vm, &args, "filter", 2, 2)? else {
        unreachable!("checked: exactly two arguments")
    };
    let iter = iterate::get_iter(vm, iterable)?;
    // `filter(bool, xs)` is `filter(None, xs)`, as in CPython.
    let func = match func {
        Value::Class(c) if Rc::ptr_eq(c, &vm.types.bool) => Value::None,
        other => other.clone(),
    };
    Ok(new_of(
        &outer,
        &vm.types.filter.clone(),
        IterState::Filter { func, iter },
    ))
}

/// `reversed(seq)`: `seq.__reversed__()`, or the sequence protocol.
fn reversed_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let outer = args;
    let args = after_class(&args);
    let [seq] = args::positional(vm, &args, "reversed", 1, 1)? else {
        unreachable!("checked: exactly one argument")
    };
    if let Some(found) = iterate::lookup_special(vm, seq, "__reversed__") {
        if found.is_none() {
            return Err(not_reversible(vm, seq));
        }
        return iterate::call_found(vm, &found, seq, "__reversed__", &[]);
    }
    let is_sequence = match seq {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => true,
        Value::Dict(_) => false,
        _ => {
            !matches!(
                vm.class_of(seq).layout,
                crate::runtime::types::class::Layout::Dict
            ) && iterate::lookup_special(vm, seq, "__getitem__").is_some()
        }
    };
    if !is_sequence {
        return Err(not_reversible(vm, seq));
    }
    let n = vm.len(seq)?;
    Ok(new_of(
        &outer,
        &vm.types.reversed.clone(),
        IterState::Reversed {
            seq: RefCell::new(seq.clone()),
            index: Cell::new(n as i64 - 1),
        },
    ))
}

fn not_reversible(vm: &mut Vm, v: &Value) -> crate::runtime::error::PyErr {
    let t = vm.type_name(v);
    vm.type_error(format!("'{t}' object is not reversible"))
}
