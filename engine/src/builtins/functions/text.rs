//! Built-ins that make or take text: `repr`, `ascii`, `format`, `chr`, `ord`.

use super::args;
use super::iterate;
use super::numeric::{index_value, num_error};
use crate::runtime::error::PyResult;
use crate::runtime::numfmt;
use crate::runtime::types::native::{Args, NativeFn};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::fmt::Write;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("repr", builtin_repr),
    ("ascii", builtin_ascii),
    ("format", builtin_format),
    ("chr", builtin_chr),
    ("ord", builtin_ord),
];

fn builtin_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "repr")?;
    let text = vm.repr(v)?;
    Ok(Value::str(&text))
}

/// `ascii(v)`: `repr(v)` with every non-ASCII character escaped (`\xe9`, `\u1234`,
/// `\U0001f600`), as the `backslashreplace` error handler writes them.
fn builtin_ascii(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "ascii")?;
    let text = vm.repr(v)?;
    Ok(Value::str(&escape_non_ascii(&text)))
}

pub fn escape_non_ascii(text: &str) -> String {
    if text.is_ascii() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        let n = c as u32;
        let _ = match n {
            0..=0x7f => {
                out.push(c);
                Ok(())
            }
            0x80..=0xff => write!(out, "\\x{n:02x}"),
            0x100..=0xffff => write!(out, "\\u{n:04x}"),
            _ => write!(out, "\\U{n:08x}"),
        };
    }
    out
}

/// `format(value, format_spec='')`: `type(value).__format__(value, format_spec)`.
fn builtin_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = args::positional(vm, &args, "format", 1, 2)?;
    let spec = match values.get(1) {
        None => "",
        Some(Value::Str(s)) => s.as_str(),
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("format() argument 2 must be str, not {t}")));
        }
    };
    format_value(vm, &values[0], spec).map(|s| Value::str(&s))
}

/// `format(value, spec)` as text: the built-in numbers and strings directly, everything else
/// through `__format__`.
pub fn format_value(vm: &mut Vm, value: &Value, spec: &str) -> PyResult<String> {
    let direct = match value {
        Value::Str(s) => Some(numfmt::format_str(s.as_str(), spec)),
        Value::Int(i) => Some(numfmt::format_i64(*i, spec)),
        Value::BigInt(b) => Some(numfmt::format_int(b, spec)),
        Value::Float(f) => Some(numfmt::format_float(*f, spec)),
        Value::Bool(b) if spec.is_empty() => Some(Ok(if *b { "True" } else { "False" }.into())),
        Value::Bool(b) => Some(numfmt::format_i64(i64::from(*b), spec)),
        _ => None,
    };
    if let Some(result) = direct {
        return result.map_err(|e| num_error(vm, e));
    }
    let spec_value = Value::str(spec);
    match iterate::call_special(vm, value, "__format__", &[spec_value])? {
        Some(Value::Str(s)) => Ok(s.as_str().to_owned()),
        Some(other) => {
            let t = vm.type_name(&other);
            Err(vm.type_error(format!("__format__ must return a str, not {t}")))
        }
        // `object.__format__`, for types whose class does not define one (yet).
        None if spec.is_empty() => vm.str(value),
        None => {
            let t = vm.type_name(value);
            Err(vm.type_error(format!(
                "unsupported format string passed to {t}.__format__"
            )))
        }
    }
}

/// `chr(i)`.
fn builtin_chr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "chr")?;
    let n = match index_value(vm, v)? {
        Value::Int(i) if i32::try_from(i).is_ok() => i,
        _ => {
            let class = vm.types.overflow_error.clone();
            return Err(vm.new_exception(&class, "Python int too large to convert to C int"));
        }
    };
    if !(0..0x110000).contains(&n) {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "chr() arg not in range(0x110000)"));
    }
    // Lone surrogates have no `char`; strings here are UTF-8, so they become U+FFFD.
    let c = char::from_u32(n as u32).unwrap_or('\u{fffd}');
    Ok(Value::str(c.encode_utf8(&mut [0; 4])))
}

/// `ord(c)` for a one-character str or a one-byte bytes object.
fn builtin_ord(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "ord")?;
    let length = match v {
        Value::Str(s) => {
            let mut chars = s.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => return Ok(Value::Int(i64::from(c as u32))),
                _ => s.char_len(),
            }
        }
        Value::Object(o) => match &o.kind {
            ObjKind::Bytes(b) if b.len() == 1 => return Ok(Value::Int(i64::from(b[0]))),
            ObjKind::Bytes(b) => b.len(),
            _ => return Err(ord_type_error(vm, v)),
        },
        _ => return Err(ord_type_error(vm, v)),
    };
    Err(vm.type_error(format!(
        "ord() expected a character, but string of length {length} found"
    )))
}

fn ord_type_error(vm: &mut Vm, v: &Value) -> crate::runtime::error::PyErr {
    let t = vm.type_name(v);
    vm.type_error(format!("ord() expected string of length 1, but {t} found"))
}
