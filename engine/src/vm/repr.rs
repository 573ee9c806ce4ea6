//! `repr`, `str` and `format` of any value: built-in reprs written directly (with CPython's
//! `[...]` for self-containing containers), everything else through `__repr__`/`__str__`/
//! `__format__` on the type, and `object`'s defaults (`<__main__.A object at 0x…>`).

use super::Vm;
use crate::runtime::error::PyResult;
use crate::runtime::numfmt;
use crate::runtime::strings::repr as srepr;
use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::NativeKind;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use std::rc::Rc;

impl Vm {
    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".to_owned(),
            Value::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => numfmt::float_repr(*f),
            Value::Str(s) => srepr::str_repr(s.as_str()),
            Value::BigInt(_) => return self.str(v),
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) => {
                self.enter_native_call(" while getting the repr of an object")?;
                let r = self.container_repr(v);
                self.leave_native_call();
                r?
            }
            _ => {
                let name = self.names.repr.clone();
                match self.lookup_special(v, &name) {
                    Some(m) if !self.is_object_default(&name, &m) => {
                        self.enter_native_call(" while getting the repr of an object")?;
                        let r = self.call_special_found(&m, v, &[]);
                        self.leave_native_call();
                        match r? {
                            Value::Str(s) => s.as_str().to_owned(),
                            other => {
                                let t = self.type_name(&other);
                                return Err(self.type_error(format!(
                                    "__repr__ returned non-string (type {t})"
                                )));
                            }
                        }
                    }
                    _ => self.default_repr(v)?,
                }
            }
        })
    }

    /// `str(v)`.
    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_owned()),
            Value::Int(i) => Ok(i.to_string()),
            Value::BigInt(n) => {
                numfmt::int_to_str(n, self.int_max_str_digits).map_err(|e| self.num_error(e))
            }
            Value::Float(_)
            | Value::None
            | Value::Bool(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_) => self.repr(v),
            _ => {
                let name = self.names.str.clone();
                match self.lookup_special(v, &name) {
                    Some(m) if !self.is_object_default(&name, &m) => {
                        match self.call_special_found(&m, v, &[])? {
                            Value::Str(s) => Ok(s.as_str().to_owned()),
                            other => {
                                let t = self.type_name(&other);
                                Err(self
                                    .type_error(format!("__str__ returned non-string (type {t})")))
                            }
                        }
                    }
                    _ => self.repr(v),
                }
            }
        }
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        let fast = match v {
            Value::Str(s) if spec.is_empty() => return Ok(s.as_str().to_owned()),
            Value::Str(s) => Some(numfmt::format_str(s.as_str(), spec)),
            Value::Int(i) if spec.is_empty() => return Ok(i.to_string()),
            Value::Int(i) => Some(numfmt::format_i64(*i, spec)),
            Value::BigInt(n) if !spec.is_empty() => Some(numfmt::format_int(n, spec)),
            Value::Float(f) => Some(numfmt::format_float(*f, spec)),
            _ => None,
        };
        if let Some(r) = fast {
            return r.map_err(|e| self.num_error(e));
        }
        let name = self.names.format.clone();
        match self.lookup_special(v, &name) {
            // Every built-in `__format__` formats an empty spec as `str(self)`: for a
            // subclass that is its own `__str__`/`__repr__`, not the base value's.
            Some(Value::Native(_)) if spec.is_empty() && matches!(v, Value::Instance(_)) => {
                self.str(v)
            }
            Some(m) if !self.is_object_default(&name, &m) => {
                match self.call_special_found(&m, v, &[Value::str(spec)])? {
                    Value::Str(s) => Ok(s.as_str().to_owned()),
                    other => {
                        let t = self.type_name(&other);
                        Err(self.type_error(format!("__format__ must return a str, not {t}")))
                    }
                }
            }
            _ if spec.is_empty() => self.str(v),
            _ => {
                let t = self.type_name(v);
                Err(self.type_error(format!(
                    "unsupported format string passed to {t}.__format__"
                )))
            }
        }
    }

    /// `ascii(v)`: the repr with non-ASCII characters escaped.
    pub fn ascii(&mut self, v: &Value) -> PyResult<String> {
        let r = self.repr(v)?;
        if r.is_ascii() {
            return Ok(r);
        }
        let mut out = String::with_capacity(r.len() + 8);
        for c in r.chars() {
            match c as u32 {
                0..=0x7f => out.push(c),
                n @ 0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
                n @ 0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
                n => out.push_str(&format!("\\U{n:08x}")),
            }
        }
        Ok(out)
    }

    /// Lists, tuples and dicts, with `[...]`/`{...}` where a container contains itself.
    fn container_repr(&mut self, v: &Value) -> PyResult<String> {
        let id = v.heap_ptr().unwrap_or(0);
        if self.repr_guard.contains(&id) {
            return Ok(match v {
                Value::List(_) => "[...]",
                Value::Dict(_) => "{...}",
                _ => "(...)",
            }
            .to_owned());
        }
        self.repr_guard.push(id);
        let result = self.container_repr_items(v);
        self.repr_guard.pop();
        result
    }

    fn container_repr_items(&mut self, v: &Value) -> PyResult<String> {
        let mut out = String::new();
        match v {
            Value::List(l) => {
                out.push('[');
                let mut i = 0;
                // The list may change while item reprs run: index it afresh each time.
                while let Some(item) = l.get(i) {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&self.repr(&item)?);
                    i += 1;
                }
                out.push(']');
            }
            Value::Tuple(t) => {
                out.push('(');
                for (i, item) in t.items().iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&self.repr(item)?);
                }
                if t.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Value::Dict(d) => {
                out.push('{');
                let mut first = true;
                let mut i = 0;
                while i < d.dense_len() {
                    let entry = d.entry_at(i);
                    i += 1;
                    let Some((k, val)) = entry else { continue };
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    out.push_str(&self.repr(&k)?);
                    out.push_str(": ");
                    out.push_str(&self.repr(&val)?);
                }
                out.push('}');
            }
            _ => {}
        }
        Ok(out)
    }

    /// `module.qualname` of a class as reprs show it (no module for built-ins).
    pub fn class_display_name(&self, class: &Rc<PyClass>) -> String {
        let qualname = class.qualname.borrow().as_str().to_owned();
        match class.dict.get_str(&self.names.module) {
            Some(Value::Str(m)) if m.as_str() != "builtins" => format!("{}.{qualname}", m.as_str()),
            _ => qualname,
        }
    }

    /// What `object.__repr__` and the built-in objects without a `__repr__` show.
    pub fn default_repr(&mut self, v: &Value) -> PyResult<String> {
        let addr = v.heap_ptr().unwrap_or(0);
        Ok(match v {
            Value::NotImplemented => "NotImplemented".to_owned(),
            Value::Ellipsis => "Ellipsis".to_owned(),
            Value::Null => "<NULL>".to_owned(),
            Value::Class(c) => format!("<class '{}'>", self.class_display_name(c)),
            Value::Function(f) => format!("<function {} at {addr:#x}>", f.qualname()),
            Value::Native(n) => match (&n.bound_self, n.kind) {
                (Some(Value::Object(o)), _) if matches!(o.kind, ObjKind::Module(_)) => {
                    format!("<built-in function {}>", n.name)
                }
                (Some(receiver), _) => {
                    let t = self.type_name(receiver);
                    let raddr = receiver.heap_ptr().unwrap_or(0);
                    format!("<built-in method {} of {t} object at {raddr:#x}>", n.name)
                }
                (None, NativeKind::Method) => {
                    let class = n.qualname.rsplit_once('.').map_or("object", |(c, _)| c);
                    format!("<method '{}' of '{class}' objects>", n.name)
                }
                (None, _) => format!("<built-in function {}>", n.name),
            },
            Value::Object(o) => match &o.kind {
                ObjKind::Complex { real, imag } => numfmt::complex_repr(*real, *imag),
                ObjKind::Bytes(b) => srepr::bytes_repr(b),
                ObjKind::Module(m) => format!("<module '{}' (built-in)>", m.name.as_str()),
                ObjKind::BoundMethod { func, receiver } => {
                    let (func, receiver) = (func.clone(), receiver.clone());
                    let name = match &func {
                        Value::Function(f) => f.qualname(),
                        _ => {
                            let q = self.names.qualname.clone();
                            let n = self.get_attr(&func, &q)?;
                            self.str(&n)?
                        }
                    };
                    format!("<bound method {name} of {}>", self.repr(&receiver)?)
                }
                ObjKind::Range { start, stop, step } => {
                    if *step == 1 {
                        format!("range({start}, {stop})")
                    } else {
                        format!("range({start}, {stop}, {step})")
                    }
                }
                ObjKind::Slice { start, stop, step } => {
                    let (a, b, c) = (start.clone(), stop.clone(), step.clone());
                    format!(
                        "slice({}, {}, {})",
                        self.repr(&a)?,
                        self.repr(&b)?,
                        self.repr(&c)?
                    )
                }
                ObjKind::SlotMember { name, owner } => {
                    format!(
                        "<member '{}' of '{}' objects>",
                        name.as_str(),
                        owner.as_str()
                    )
                }
                ObjKind::Generator(g) => {
                    format!("<generator object {} at {addr:#x}>", g.qualname.as_str())
                }
                ObjKind::Set(_) | ObjKind::FrozenSet(_) | ObjKind::FrozenSetConst(_) => {
                    self.set_repr(v)?
                }
                ObjKind::HostStream(kind) => {
                    use crate::runtime::types::object::StreamKind;
                    let (name, mode) = match kind {
                        StreamKind::Stdout => ("<stdout>", 'w'),
                        StreamKind::Stderr => ("<stderr>", 'w'),
                        StreamKind::Stdin => ("<stdin>", 'r'),
                    };
                    format!("<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>")
                }
                _ => {
                    let class = self.class_of(v);
                    format!("<{} object at {addr:#x}>", self.class_display_name(&class))
                }
            },
            _ => {
                let class = self.class_of(v);
                format!("<{} object at {addr:#x}>", self.class_display_name(&class))
            }
        })
    }

    /// `{1, 2}`, `set()`, `frozenset({1})` (until the set type brings its own `__repr__`).
    fn set_repr(&mut self, v: &Value) -> PyResult<String> {
        let Value::Object(o) = v else {
            return Ok(String::new());
        };
        let (items, frozen) = match &o.kind {
            ObjKind::Set(s) => (s.to_vec(), false),
            ObjKind::FrozenSet(s) => (s.to_vec(), true),
            ObjKind::FrozenSetConst(items) => (items.clone(), true),
            _ => return Ok(String::new()),
        };
        let name = if frozen { "frozenset" } else { "set" };
        if items.is_empty() {
            return Ok(format!("{name}()"));
        }
        let id = v.heap_ptr().unwrap_or(0);
        if self.repr_guard.contains(&id) {
            return Ok(format!("{name}(...)"));
        }
        self.repr_guard.push(id);
        let mut parts = Vec::with_capacity(items.len());
        let mut result = Ok(());
        for item in &items {
            match self.repr(item) {
                Ok(r) => parts.push(r),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        self.repr_guard.pop();
        result?;
        let body = format!("{{{}}}", parts.join(", "));
        Ok(if frozen {
            format!("frozenset({body})")
        } else {
            body
        })
    }
}
