//! The `BaseException` API: `args`, `__str__`/`__repr__`, `with_traceback`, `add_note`, the
//! chaining attributes (`__cause__`, `__context__`, `__suppress_context__`, `__traceback__`)
//! and the per-class attributes CPython defines (`StopIteration.value`, `SystemExit.code`,
//! `OSError.errno`, `ImportError.name`, …), plus `except*` matching of exception groups.

use super::exceptions::exception_state;
use super::Vm;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::class::{Layout, PyClass};
use crate::runtime::types::instance::Payload;
use crate::runtime::types::native::{Args, NativeFn, PyNative};
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::rc::Rc;

/// The attributes an exception answers from its state rather than from the instance and
/// its class (`exception_attr`, `set_exception_attr`, `exception_attr_default`).
pub(crate) fn is_state_attr(name: &PyStr) -> bool {
    matches!(
        name.as_str(),
        "args"
            | "__cause__"
            | "__context__"
            | "__suppress_context__"
            | "__traceback__"
            | "value"
            | "code"
            | "errno"
            | "strerror"
            | "filename"
            | "filename2"
            | "msg"
            | "name"
            | "path"
            | "obj"
            | "exceptions"
            | "message"
    )
}

impl Vm {
    /// `KeyboardInterrupt`, raised when the interrupt flag is set.
    pub fn keyboard_interrupt(&mut self) -> PyErr {
        self.interrupt
            .store(false, std::sync::atomic::Ordering::Relaxed);
        let class = self.types.keyboard_interrupt.clone();
        PyErr {
            exc: self.new_instance(&class, &[]),
        }
    }

    /// The attributes every exception has as data descriptors.
    pub(crate) fn exception_attr(&mut self, obj: &Value, name: &PyStr) -> Option<Value> {
        let state = exception_state(obj)?;
        Some(match name.as_str() {
            "args" => state.args.clone(),
            "__cause__" => null_to_none(&state.cause),
            "__context__" => null_to_none(&state.context),
            "__suppress_context__" => Value::Bool(state.suppress_context),
            "__traceback__" => {
                let has = !state.traceback_entries.is_empty();
                drop(state);
                if has {
                    self.traceback_of(obj)
                } else {
                    Value::None
                }
            }
            _ => return None,
        })
    }

    /// Class-specific exception attributes not set on the instance.
    pub(crate) fn exception_attr_default(&mut self, obj: &Value, name: &PyStr) -> Option<Value> {
        let args = exception_state(obj)?.args.clone();
        let args: Vec<Value> = match &args {
            Value::Tuple(t) => t.items().to_vec(),
            _ => Vec::new(),
        };
        let class = self.class_of(obj);
        // These are member descriptors of the built-in types: a class attribute of the same
        // name in a Python subclass comes first in the MRO and wins.
        let shadowed = class
            .mro_with_self()
            .iter()
            .take_while(|c| !c.builtin)
            .any(|c| c.dict.get_str(name).is_some());
        if shadowed {
            return None;
        }
        let is = |c: &Rc<PyClass>| class.is_subclass(c);
        match name.as_str() {
            "value" if is(&self.types.stop_iteration) => {
                Some(args.first().cloned().unwrap_or(Value::None))
            }
            "code" if is(&self.types.system_exit) => Some(match args.len() {
                0 => Value::None,
                1 => args[0].clone(),
                _ => Value::tuple(args),
            }),
            "errno" | "strerror" if is(&self.types.os_error) => Some(if args.len() >= 2 {
                args[usize::from(name.as_str() == "strerror")].clone()
            } else {
                Value::None
            }),
            "filename" | "filename2" if is(&self.types.os_error) => {
                Some(if args.len() >= 3 && name.as_str() == "filename" {
                    args[2].clone()
                } else {
                    Value::None
                })
            }
            "msg" if is(&self.types.import_error) => {
                Some(args.first().cloned().unwrap_or(Value::None))
            }
            "name" | "path" if is(&self.types.import_error) => Some(Value::None),
            "name" if is(&self.types.name_error) || is(&self.types.attribute_error) => {
                Some(Value::None)
            }
            "obj" if is(&self.types.attribute_error) => Some(Value::None),
            "exceptions" if is(&self.types.base_exception_group) => {
                Some(args.get(1).cloned().unwrap_or(Value::None))
            }
            "message" if is(&self.types.base_exception_group) => {
                Some(args.first().cloned().unwrap_or(Value::None))
            }
            _ => None,
        }
    }

    /// Stores the exception-state attributes; false for other names.
    pub(crate) fn set_exception_attr(
        &mut self,
        obj: &Value,
        name: &PyStr,
        value: &Value,
    ) -> PyResult<bool> {
        if exception_state(obj).is_none() {
            return Ok(false);
        }
        let is_exc = |v: &Value| {
            v.is_none() || matches!(v, Value::Instance(i) if i.class().layout == Layout::Exception)
        };
        match name.as_str() {
            "args" => {
                let items = self.collect_iterable(value)?;
                if let Some(mut s) = exception_state(obj) {
                    s.args = Value::tuple(items);
                }
            }
            "__cause__" => {
                if !is_exc(value) {
                    return Err(self
                        .type_error("exception cause must be None or derive from BaseException"));
                }
                if let Some(mut s) = exception_state(obj) {
                    s.cause = value.clone();
                    s.suppress_context = true;
                }
            }
            "__context__" => {
                if !is_exc(value) {
                    return Err(self.type_error(
                        "exception context must be None or derive from BaseException",
                    ));
                }
                if let Some(mut s) = exception_state(obj) {
                    s.context = value.clone();
                }
            }
            "__suppress_context__" => {
                let b = self.truthy(value)?;
                if let Some(mut s) = exception_state(obj) {
                    s.suppress_context = b;
                }
            }
            "__traceback__" => {
                let is_tb = value.is_none() || self.type_name(value) == "traceback";
                if !is_tb {
                    return Err(self.type_error("__traceback__ must be a traceback or None"));
                }
                if value.is_none() {
                    if let Some(mut s) = exception_state(obj) {
                        s.traceback_entries.clear();
                    }
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// The `__traceback__` of an exception: a `traceback` object while it has entries.
    pub fn traceback_of(&mut self, exc: &Value) -> Value {
        let has = exception_state(exc).is_some_and(|s| !s.traceback_entries.is_empty());
        if !has {
            return Value::None;
        }
        let class = self.types.traceback.clone();
        Value::Object(crate::runtime::gc::tracked(PyObject::new(ObjKind::Plain(
            class,
        ))))
    }

    /// `exc.__notes__` as strings (for the traceback report).
    pub(crate) fn exception_notes(&mut self, exc: &Value) -> Vec<String> {
        let Value::Instance(inst) = exc else {
            return Vec::new();
        };
        let Some(notes) = inst.get_attr(&self.names.notes.clone()) else {
            return Vec::new();
        };
        let items = match &notes {
            Value::List(l) => l.to_vec(),
            Value::Tuple(t) => t.items().to_vec(),
            _ => {
                return vec![self.repr(&notes).unwrap_or_default()];
            }
        };
        items
            .iter()
            .map(|n| match n {
                Value::Str(s) => s.as_str().to_owned(),
                other => self.str(other).unwrap_or_default(),
            })
            .collect()
    }

    /// `except* T`: splits an exception (group) into the part matching `match_type` and the
    /// rest. A naked exception that matches is wrapped in an `ExceptionGroup`.
    pub(crate) fn exception_group_match(
        &mut self,
        exc: &Value,
        match_type: &Value,
    ) -> PyResult<(Value, Value)> {
        self.check_except_star_type(match_type)?;
        if exc.is_none() {
            return Ok((Value::None, Value::None));
        }
        let group_class = self.types.base_exception_group.clone();
        if !self.class_of(exc).is_subclass(&group_class) {
            if self.exception_matches_value(exc, match_type)? {
                let eg = self.types.exception_group.clone();
                let wrapped =
                    self.new_instance(&eg, &[Value::str(""), Value::tuple(vec![exc.clone()])]);
                return Ok((Value::None, wrapped));
            }
            return Ok((exc.clone(), Value::None));
        }
        let (matched, rest) = self.split_group(exc, match_type)?;
        Ok((rest, matched))
    }

    fn check_except_star_type(&mut self, match_type: &Value) -> PyResult<()> {
        let items = match match_type {
            Value::Tuple(t) => t.items().to_vec(),
            other => vec![other.clone()],
        };
        for item in &items {
            if let Value::Class(c) = item {
                if c.is_subclass(&self.types.base_exception_group) {
                    return Err(self.type_error(
                        "catching ExceptionGroup with except* is not allowed. Use except instead.",
                    ));
                }
            }
        }
        Ok(())
    }

    fn exception_matches_value(&mut self, exc: &Value, class: &Value) -> PyResult<bool> {
        match class {
            Value::Class(c) if c.layout == Layout::Exception => {
                Ok(self.class_of(exc).is_subclass(c))
            }
            Value::Tuple(t) => {
                for item in t.items().to_vec() {
                    if self.exception_matches_value(exc, &item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// `eg.split(match_type)`: `(matching, rest)`, each a group with the same message or None.
    fn split_group(&mut self, eg: &Value, match_type: &Value) -> PyResult<(Value, Value)> {
        let group_class = self.types.base_exception_group.clone();
        if !self.class_of(eg).is_subclass(&group_class) {
            return Ok(if self.exception_matches_value(eg, match_type)? {
                (eg.clone(), Value::None)
            } else {
                (Value::None, eg.clone())
            });
        }
        if self.exception_matches_value(eg, match_type)? {
            return Ok((eg.clone(), Value::None));
        }
        let (message, members) = group_parts(eg);
        let mut matched = Vec::new();
        let mut rest = Vec::new();
        for m in members {
            let (a, b) = self.split_group(&m, match_type)?;
            if !a.is_none() {
                matched.push(a);
            }
            if !b.is_none() {
                rest.push(b);
            }
        }
        let m = self.derive_group(eg, &message, matched);
        let r = self.derive_group(eg, &message, rest);
        Ok((m, r))
    }

    fn derive_group(&mut self, original: &Value, message: &Value, members: Vec<Value>) -> Value {
        if members.is_empty() {
            return Value::None;
        }
        let all_exceptions = members
            .iter()
            .all(|m| self.class_of(m).is_subclass(&self.types.exception));
        let class = if self.class_of(original).is_subclass(&self.types.exception) || all_exceptions
        {
            self.types.exception_group.clone()
        } else {
            self.types.base_exception_group.clone()
        };
        let new = self.new_instance(&class, &[message.clone(), Value::tuple(members)]);
        if let (Some(src), Some(mut dst)) = (
            exception_state(original).map(|s| {
                (
                    s.cause.clone(),
                    s.context.clone(),
                    s.traceback_entries.clone(),
                )
            }),
            exception_state(&new),
        ) {
            dst.cause = src.0;
            dst.context = src.1;
            dst.traceback_entries = src.2;
        }
        new
    }

    /// `PREP_RERAISE_STAR`: what to re-raise after the `except*` clauses ran: `None`, or the
    /// unhandled and newly raised exceptions together.
    pub(crate) fn prep_reraise_star(&mut self, orig: &Value, excs: &Value) -> PyResult<Value> {
        let items = match excs {
            Value::List(l) => l.to_vec(),
            _ => Vec::new(),
        };
        let raised: Vec<Value> = items.into_iter().filter(|e| !e.is_none()).collect();
        if raised.is_empty() {
            return Ok(Value::None);
        }
        let group_class = self.types.base_exception_group.clone();
        if !self.class_of(orig).is_subclass(&group_class) {
            return Ok(raised.into_iter().next().unwrap_or(Value::None));
        }
        // Re-raised parts are the unhandled remainder (a sub-group of the original); anything
        // else is new.
        let mut reraised = Vec::new();
        let mut new = Vec::new();
        for r in raised {
            let is_part = self.is_part_of(orig, &r);
            if is_part {
                reraised.push(r);
            } else {
                new.push(r);
            }
        }
        let (message, _) = group_parts(orig);
        let mut result = Vec::new();
        if !reraised.is_empty() {
            let leaves: Vec<Value> = reraised.iter().flat_map(leaf_exceptions).collect();
            let kept = self.project_group(orig, &leaves);
            if !kept.is_none() {
                result.push(kept);
            }
        }
        result.extend(new);
        if result.len() == 1 {
            return Ok(result.pop().unwrap_or(Value::None));
        }
        let _ = message;
        let eg = self.types.exception_group.clone();
        Ok(self.new_instance(&eg, &[Value::str(""), Value::tuple(result)]))
    }

    fn is_part_of(&self, orig: &Value, candidate: &Value) -> bool {
        let leaves = leaf_exceptions(orig);
        let cand = leaf_exceptions(candidate);
        !cand.is_empty() && cand.iter().all(|c| leaves.iter().any(|l| l.is(c)))
    }

    /// The sub-group of `eg` keeping only the leaves in `keep`, with `eg`'s structure.
    fn project_group(&mut self, eg: &Value, keep: &[Value]) -> Value {
        let group_class = self.types.base_exception_group.clone();
        if !self.class_of(eg).is_subclass(&group_class) {
            return if keep.iter().any(|k| k.is(eg)) {
                eg.clone()
            } else {
                Value::None
            };
        }
        let (message, members) = group_parts(eg);
        let kept: Vec<Value> = members
            .iter()
            .map(|m| self.project_group(m, keep))
            .filter(|v| !v.is_none())
            .collect();
        if kept.len() == members.len() {
            return eg.clone();
        }
        self.derive_group(eg, &message, kept)
    }
}

fn null_to_none(v: &Value) -> Value {
    if v.is_null() {
        Value::None
    } else {
        v.clone()
    }
}

/// `(message, exceptions)` of an exception group.
fn group_parts(eg: &Value) -> (Value, Vec<Value>) {
    let args = exception_state(eg).map(|s| s.args.clone());
    match args {
        Some(Value::Tuple(t)) => {
            let message = t.items().first().cloned().unwrap_or(Value::None);
            let members = match t.items().get(1) {
                Some(Value::Tuple(m)) => m.items().to_vec(),
                Some(Value::List(l)) => l.to_vec(),
                _ => Vec::new(),
            };
            (message, members)
        }
        _ => (Value::None, Vec::new()),
    }
}

/// The non-group exceptions inside a (possibly nested) group.
fn leaf_exceptions(exc: &Value) -> Vec<Value> {
    let (_, members) = group_parts(exc);
    let is_group = match exc {
        Value::Instance(i) => i
            .class()
            .mro_with_self()
            .iter()
            .any(|c| c.name.borrow().as_str() == "BaseExceptionGroup"),
        _ => false,
    };
    if !is_group {
        return vec![exc.clone()];
    }
    members.iter().flat_map(leaf_exceptions).collect()
}

fn self_exception(vm: &mut Vm, args: &Args<'_>) -> PyResult<Value> {
    match args.positional().first() {
        Some(v @ Value::Instance(i)) if matches!(i.payload, Payload::Exception(_)) => Ok(v.clone()),
        _ => Err(vm.type_error("descriptor requires a 'BaseException' object")),
    }
}

/// Whether `v` is `BaseException.__init__` itself, which only stores the arguments that
/// instance creation already stored (so `call_class` may skip calling it).
pub(crate) fn is_base_exception_init(v: &Value) -> bool {
    matches!(v, Value::Native(n) if n.func as usize == exc_init as NativeFn as usize)
}

fn exc_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let exc = self_exception(vm, &args)?;
    if !args.kwnames.is_empty() {
        let name = vm.type_name(&exc);
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    if let Some(mut s) = exception_state(&exc) {
        s.args = Value::tuple(args.positional()[1..].to_vec());
    }
    Ok(Value::None)
}

/// `str(SyntaxError)`: `msg (file, line N)`, the file's base name, as CPython shows it.
fn syntax_error_str(vm: &mut Vm, exc: &Value, items: &[Value]) -> PyResult<Value> {
    let attr = |vm: &mut Vm, name: &str| {
        let key = vm.interner.intern(name);
        match exc {
            Value::Instance(inst) => inst.get_attr(&key),
            _ => None,
        }
    };
    let msg = match attr(vm, "msg").or_else(|| items.first().cloned()) {
        Some(m) if !m.is_none() => vm.str(&m)?,
        _ => {
            return Ok(Value::str(&match items.first() {
                Some(v) => vm.str(v)?,
                None => String::new(),
            }))
        }
    };
    let file = match attr(vm, "filename") {
        Some(Value::Str(f)) => Some(f.as_str().rsplit('/').next().unwrap_or("").to_owned()),
        _ => None,
    };
    let line = match attr(vm, "lineno") {
        Some(Value::Int(n)) => Some(n),
        _ => None,
    };
    Ok(Value::str(&match (file, line) {
        (Some(f), Some(n)) => format!("{msg} ({f}, line {n})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(n)) => format!("{msg} (line {n})"),
        (None, None) => msg,
    }))
}

fn exc_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let exc = self_exception(vm, &args)?;
    let items = match exception_state(&exc).map(|s| s.args.clone()) {
        Some(Value::Tuple(t)) => t.items().to_vec(),
        _ => Vec::new(),
    };
    let class = vm.class_of(&exc);
    if class.is_subclass(&vm.types.syntax_error.clone()) {
        return syntax_error_str(vm, &exc, &items);
    }
    let text = if class.is_subclass(&vm.types.key_error.clone()) && items.len() == 1 {
        vm.repr(&items[0])?
    } else if class.is_subclass(&vm.types.os_error.clone()) && items.len() >= 2 {
        let errno = vm.str(&items[0])?;
        let strerror = vm.str(&items[1])?;
        match (items.get(2), items.get(4).filter(|f| !f.is_none())) {
            (Some(f), Some(f2)) => format!(
                "[Errno {errno}] {strerror}: {} -> {}",
                vm.repr(f)?,
                vm.repr(f2)?
            ),
            (Some(f), None) => format!("[Errno {errno}] {strerror}: {}", vm.repr(f)?),
            (None, _) => format!("[Errno {errno}] {strerror}"),
        }
    } else if class.is_subclass(&vm.types.base_exception_group.clone()) && items.len() == 2 {
        let message = vm.str(&items[0])?;
        let n = match &items[1] {
            Value::Tuple(t) => t.len(),
            Value::List(l) => l.len(),
            _ => 0,
        };
        format!(
            "{message} ({n} sub-exception{})",
            if n == 1 { "" } else { "s" }
        )
    } else {
        match items.as_slice() {
            [] => String::new(),
            [one] => vm.str(one)?,
            _ => vm.repr(&Value::tuple(items.clone()))?,
        }
    };
    Ok(Value::str(&text))
}

fn exc_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let exc = self_exception(vm, &args)?;
    let name = vm.class_of(&exc).name();
    let args_value = exception_state(&exc).map(|s| s.args.clone());
    let text = match args_value {
        Some(Value::Tuple(t)) if t.len() == 1 => {
            let one = t.items()[0].clone();
            format!("{name}({})", vm.repr(&one)?)
        }
        Some(Value::Tuple(t)) if t.is_empty() => format!("{name}()"),
        Some(other) => format!("{name}{}", vm.repr(&other)?),
        None => format!("{name}()"),
    };
    Ok(Value::str(&text))
}

fn exc_with_traceback(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let exc = self_exception(vm, &args)?;
    let tb = args.positional().get(1).cloned().unwrap_or(Value::None);
    let key = vm.names.traceback.clone();
    vm.set_exception_attr(&exc, &key, &tb)?;
    Ok(exc)
}

fn exc_add_note(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let exc = self_exception(vm, &args)?;
    let note = match args.positional() {
        [_, note] => note.clone(),
        other => {
            return Err(vm.type_error(format!(
                "BaseException.add_note() takes exactly one argument ({} given)",
                other.len().saturating_sub(1)
            )))
        }
    };
    if !matches!(note, Value::Str(_)) {
        let t = vm.type_name(&note);
        return Err(vm.type_error(format!("note must be a str, not '{t}'")));
    }
    let key = vm.names.notes.clone();
    let Value::Instance(inst) = &exc else {
        return Ok(Value::None);
    };
    match inst.get_attr(&key) {
        Some(Value::List(l)) => l.push(note),
        Some(_) => return Err(vm.type_error("Cannot add note: __notes__ is not a list")),
        None => inst.set_attr(&key, Value::list(vec![note])),
    }
    Ok(Value::None)
}

/// `BaseExceptionGroup(message, exceptions)`: argument checks as CPython's.
fn group_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let positional = args.positional();
    let Some(Value::Class(class)) = positional.first() else {
        return Err(vm.type_error("BaseExceptionGroup.__new__ requires a type"));
    };
    let class = class.clone();
    let rest = &positional[1..];
    if rest.len() != 2 {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            rest.len()
        )));
    }
    if !matches!(rest[0], Value::Str(_)) {
        return Err(
            vm.type_error("argument 1 must be str, not ".to_owned() + &vm.type_name(&rest[0]))
        );
    }
    let members = match vm.collect_iterable(&rest[1]) {
        Ok(m) => m,
        Err(_) => return Err(vm.type_error("second argument (exceptions) must be a sequence")),
    };
    if members.is_empty() {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(
            &class,
            "second argument (exceptions) must be a non-empty sequence",
        ));
    }
    let mut all_exceptions = true;
    for (i, m) in members.iter().enumerate() {
        let c = vm.class_of(m);
        if c.layout != Layout::Exception || !matches!(m, Value::Instance(_)) {
            let class = vm.types.value_error.clone();
            return Err(vm.new_exception(
                &class,
                &format!("Item {i} of second argument (exceptions) is not an exception"),
            ));
        }
        if !c.is_subclass(&vm.types.exception) {
            all_exceptions = false;
        }
    }
    let class = if Rc::ptr_eq(&class, &vm.types.base_exception_group) && all_exceptions {
        vm.types.exception_group.clone()
    } else {
        if class.is_subclass(&vm.types.exception) && !all_exceptions {
            let n = class.name();
            return Err(vm.type_error(format!("Cannot nest BaseExceptions in an {n}")));
        }
        class
    };
    Ok(vm.new_instance(&class, &[rest[0].clone(), Value::tuple(members)]))
}

/// Installs the methods of `BaseException` (and the exception-group constructor) and the
/// `builtins` aliases of `OSError`.
pub fn install(vm: &mut Vm) {
    let base = vm.types.base_exception.clone();
    let methods: [(&str, &'static str, NativeFn); 5] = [
        ("__init__", "BaseException.__init__", exc_init),
        ("__str__", "BaseException.__str__", exc_str),
        ("__repr__", "BaseException.__repr__", exc_repr),
        (
            "with_traceback",
            "BaseException.with_traceback",
            exc_with_traceback,
        ),
        ("add_note", "BaseException.add_note", exc_add_note),
    ];
    for (name, qualname, func) in methods {
        let key = vm.interner.intern(name);
        base.dict.set_str(
            key,
            Value::Native(Rc::new(PyNative::method(qualname, func))),
        );
    }
    let group = vm.types.base_exception_group.clone();
    let key = vm.interner.intern("__new__");
    group.dict.set_str(
        key,
        Value::Native(Rc::new(PyNative::method(
            "BaseExceptionGroup.__new__",
            group_new,
        ))),
    );
    for alias in ["EnvironmentError", "IOError"] {
        let key = vm.interner.intern(alias);
        vm.builtins
            .set_str(key, Value::Class(vm.types.os_error.clone()));
    }
}
