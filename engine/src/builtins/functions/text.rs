//! Built-ins that make or take text: `repr`, `ascii`, `format`, `chr`, `ord`.

use super::args;
use crate::runtime::error::PyResult;
use crate::runtime::types::native::{Args, NativeFn};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;

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
    let text = vm.ascii(v)?;
    Ok(Value::str(&text))
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
    vm.format(&values[0], spec).map(|s| Value::str(&s))
}

/// `chr(i)`.
fn builtin_chr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "chr")?;
    let n = match vm.index_value(v)? {
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
    Ok(Value::Str(crate::runtime::types::str::PyStr::from_char(c)))
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
