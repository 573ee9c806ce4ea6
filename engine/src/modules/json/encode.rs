//! `json.dumps`: CPython's encoder (`c_make_encoder` and the indenting `_make_iterencode`
//! produce the same text), with its key conversions, float spellings, circular-reference
//! check and error messages.

use crate::builtins::types::value_error;
use crate::runtime::error::PyResult;
use crate::runtime::types::instance::Payload;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;

pub struct Encoder {
    /// The indent string, `None` for single-line output.
    pub indent: Option<String>,
    pub item_separator: String,
    pub key_separator: String,
    pub sort_keys: bool,
    pub skipkeys: bool,
    pub ensure_ascii: bool,
    pub allow_nan: bool,
    pub check_circular: bool,
    pub default: Option<Value>,
    markers: Vec<usize>,
    pub out: String,
}

impl Encoder {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        indent: Option<String>,
        item_separator: String,
        key_separator: String,
        sort_keys: bool,
        skipkeys: bool,
        ensure_ascii: bool,
        allow_nan: bool,
        check_circular: bool,
        default: Option<Value>,
    ) -> Encoder {
        Encoder {
            indent,
            item_separator,
            key_separator,
            sort_keys,
            skipkeys,
            ensure_ascii,
            allow_nan,
            check_circular,
            default,
            markers: Vec::new(),
            out: String::new(),
        }
    }

    fn newline(&mut self, level: usize) {
        if let Some(indent) = &self.indent {
            self.out.push('\n');
            for _ in 0..level {
                self.out.push_str(indent);
            }
        }
    }

    fn float(&mut self, vm: &mut Vm, x: f64) -> PyResult<()> {
        let text = float_text(vm, x, self.allow_nan)?;
        self.out.push_str(&text);
        Ok(())
    }

    fn enter(&mut self, vm: &mut Vm, v: &Value) -> PyResult<()> {
        if self.check_circular {
            let id = v.heap_ptr().unwrap_or(0);
            if self.markers.contains(&id) {
                return Err(value_error(vm, "Circular reference detected"));
            }
            self.markers.push(id);
        }
        vm.enter_native_call(" while encoding a JSON object")
    }

    fn leave(&mut self, vm: &mut Vm) {
        if self.check_circular {
            self.markers.pop();
        }
        vm.leave_native_call();
    }

    pub fn encode(&mut self, vm: &mut Vm, v: &Value, level: usize) -> PyResult<()> {
        match v {
            Value::None => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Int(i) => self.out.push_str(&i.to_string()),
            Value::BigInt(n) => self.out.push_str(&n.to_string()),
            Value::Float(x) => self.float(vm, *x)?,
            Value::Str(s) => write_string(&mut self.out, s.as_str(), self.ensure_ascii),
            Value::List(l) => {
                let items = l.to_vec();
                self.array(vm, v, &items, level)?;
            }
            Value::Tuple(t) => {
                let items = t.items().to_vec();
                self.array(vm, v, &items, level)?;
            }
            Value::Dict(d) => {
                let items: Vec<(Value, Value)> = d
                    .entries()
                    .iter()
                    .filter(|e| !e.key.is_null())
                    .map(|e| (e.key.clone(), e.value.clone()))
                    .collect();
                self.object(vm, v, items, level)?;
            }
            Value::Instance(inst) => match &inst.payload {
                // Subclasses of the built-in types encode as their base value.
                Payload::Builtin(base) => {
                    let base = base.clone();
                    match &base {
                        Value::Dict(_) | Value::List(_) | Value::Tuple(_) => {
                            self.enter(vm, v)?;
                            let r = self.encode(vm, &base, level);
                            self.leave(vm);
                            r?;
                        }
                        _ => self.encode(vm, &base, level)?,
                    }
                }
                _ => self.fallback(vm, v, level)?,
            },
            _ => self.fallback(vm, v, level)?,
        }
        Ok(())
    }

    /// `default(o)`, or "Object of type X is not JSON serializable".
    fn fallback(&mut self, vm: &mut Vm, v: &Value, level: usize) -> PyResult<()> {
        let Some(default) = self.default.clone() else {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!("Object of type {t} is not JSON serializable")));
        };
        self.enter(vm, v)?;
        let r = vm
            .call(&default, std::slice::from_ref(v))
            .and_then(|replacement| self.encode(vm, &replacement, level));
        self.leave(vm);
        r
    }

    fn array(&mut self, vm: &mut Vm, v: &Value, items: &[Value], level: usize) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("[]");
            return Ok(());
        }
        self.enter(vm, v)?;
        self.out.push('[');
        let r = (|| {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    let sep = std::mem::take(&mut self.item_separator);
                    self.out.push_str(&sep);
                    self.item_separator = sep;
                }
                self.newline(level + 1);
                self.encode(vm, item, level + 1)?;
            }
            Ok(())
        })();
        self.leave(vm);
        r?;
        self.newline(level);
        self.out.push(']');
        Ok(())
    }

    fn object(
        &mut self,
        vm: &mut Vm,
        v: &Value,
        mut items: Vec<(Value, Value)>,
        level: usize,
    ) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        self.enter(vm, v)?;
        let r = (|| {
            if self.sort_keys {
                let mut pairs: Vec<Value> = items
                    .drain(..)
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect();
                crate::builtins::types::list::sort_values(vm, &mut pairs, None, false)?;
                for p in pairs {
                    if let Value::Tuple(t) = p {
                        if let [k, v] = t.items() {
                            items.push((k.clone(), v.clone()));
                        }
                    }
                }
            }
            self.out.push('{');
            let mut first = true;
            for (key, value) in &items {
                let Some(key) = self.key_text(vm, key)? else {
                    continue;
                };
                if !first {
                    let sep = std::mem::take(&mut self.item_separator);
                    self.out.push_str(&sep);
                    self.item_separator = sep;
                }
                first = false;
                self.newline(level + 1);
                write_string(&mut self.out, &key, self.ensure_ascii);
                let sep = std::mem::take(&mut self.key_separator);
                self.out.push_str(&sep);
                self.key_separator = sep;
                self.encode(vm, value, level + 1)?;
            }
            Ok(())
        })();
        self.leave(vm);
        r?;
        self.newline(level);
        self.out.push('}');
        Ok(())
    }

    /// A key as the string it becomes; `None` to skip it (`skipkeys`).
    fn key_text(&mut self, vm: &mut Vm, key: &Value) -> PyResult<Option<String>> {
        Ok(Some(match key {
            Value::Str(s) => s.as_str().to_owned(),
            Value::Float(x) => float_text(vm, *x, self.allow_nan)?,
            Value::Bool(true) => "true".into(),
            Value::Bool(false) => "false".into(),
            Value::None => "null".into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(n) => n.to_string(),
            Value::Instance(inst) => match &inst.payload {
                Payload::Builtin(b @ (Value::Str(_) | Value::Int(_) | Value::Float(_))) => {
                    let b = b.clone();
                    return self.key_text(vm, &b);
                }
                _ => return self.bad_key(vm, key),
            },
            _ => return self.bad_key(vm, key),
        }))
    }

    fn bad_key(&mut self, vm: &mut Vm, key: &Value) -> PyResult<Option<String>> {
        if self.skipkeys {
            return Ok(None);
        }
        let t = vm.type_name(key);
        Err(vm.type_error(format!(
            "keys must be str, int, float, bool or None, not {t}"
        )))
    }
}

fn float_text(vm: &mut Vm, x: f64, allow_nan: bool) -> PyResult<String> {
    if x.is_finite() {
        return Ok(crate::runtime::numfmt::float_repr(x));
    }
    if !allow_nan {
        return Err(value_error(
            vm,
            "Out of range float values are not JSON compliant",
        ));
    }
    Ok(if x.is_nan() {
        "NaN"
    } else if x > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
    .into())
}

/// A JSON string literal: `ensure_ascii` escapes everything outside printable ASCII
/// (astral characters as surrogate pairs); otherwise only `"`, `\` and control characters.
pub fn write_string(out: &mut String, s: &str, ensure_ascii: bool) {
    use std::fmt::Write;
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if ensure_ascii && (c as u32) > 0x7e => {
                let n = c as u32;
                if n > 0xffff {
                    let v = n - 0x10000;
                    let _ = write!(
                        out,
                        "\\u{:04x}\\u{:04x}",
                        0xd800 | (v >> 10),
                        0xdc00 | (v & 0x3ff)
                    );
                } else {
                    let _ = write!(out, "\\u{n:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Whether `v` is a `bytes` object (for `loads`).
pub fn bytes_of(v: &Value) -> Option<&[u8]> {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::Bytes(b) => Some(b),
            _ => None,
        },
        _ => None,
    }
}
