//! `str.format` / `format_map` (PEP 3101): literal text with `{{`/`}}`, replacement fields
//! with automatic or manual numbering, keyword names, `.attr` and `[key]` accessors,
//! `!r`/`!s`/`!a` conversions and nested fields in the format spec — with CPython's errors.

use super::{index_error, key_error, value_error};
use crate::runtime::error::PyResult;
use crate::runtime::value::Value;
use crate::vm::Vm;

/// `format(value, spec)` through `__format__` (str results only).
pub fn format_value(vm: &mut Vm, v: &Value, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        if let Value::Str(s) = v {
            return Ok(s.as_str().to_owned());
        }
        if let Value::Instance(_) = v {
            // A subclass of a built-in type: `vm.format` knows what its `__format__` does.
            return vm.format(v, spec);
        }
    }
    let Some(r) = super::call_dunder(vm, v, "__format__", &[Value::str(spec)])? else {
        let t = vm.type_name(v);
        return Err(vm.type_error(format!("Type {t} doesn't define __format__")));
    };
    match r {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        other => {
            let t = vm.type_name(&other);
            Err(vm.type_error(format!("__format__ must return a str, not {t}")))
        }
    }
}

#[derive(PartialEq)]
enum Numbering {
    Unknown,
    Auto(usize),
    Manual,
}

struct State<'a> {
    args: &'a [Value],
    kwargs: Option<&'a Value>,
    numbering: Numbering,
}

/// Formats `template` with positional `args` and a keyword mapping.
pub fn format(
    vm: &mut Vm,
    template: &str,
    args: &[Value],
    kwargs: Option<&Value>,
) -> PyResult<String> {
    let mut state = State {
        args,
        kwargs,
        numbering: Numbering::Unknown,
    };
    render(vm, template, &mut state, 2)
}

fn render(vm: &mut Vm, template: &str, st: &mut State<'_>, depth: u32) -> PyResult<String> {
    let mut out = String::with_capacity(template.len());
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(value_error(vm, "Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // A replacement field: find its matching '}' (nested braces belong to the spec).
        let start = i + 1;
        let mut level = 1;
        let mut j = start;
        let mut in_bracket = false;
        while j < chars.len() {
            match chars[j] {
                '[' if level == 1 => in_bracket = true,
                ']' if level == 1 => in_bracket = false,
                '{' if !in_bracket => level += 1,
                '}' if !in_bracket => {
                    level -= 1;
                    if level == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            // CPython: a '{' with nothing after it is "Single '{'"; an unterminated field
            // is "expected '}' before end of string".
            let msg = if start >= chars.len() {
                "Single '{' encountered in format string"
            } else {
                "expected '}' before end of string"
            };
            return Err(value_error(vm, msg));
        }
        let field: String = chars[start..j].iter().collect();
        i = j + 1;
        out.push_str(&replace_field(vm, &field, st, depth)?);
    }
    Ok(out)
}

fn replace_field(vm: &mut Vm, field: &str, st: &mut State<'_>, depth: u32) -> PyResult<String> {
    // Split `name[!conv][:spec]`; '!' and ':' inside brackets belong to the name.
    let mut name_end = field.len();
    let mut in_bracket = false;
    for (k, c) in field.char_indices() {
        match c {
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            '!' | ':' if !in_bracket => {
                name_end = k;
                break;
            }
            _ => {}
        }
    }
    let name = &field[..name_end];
    let mut rest = &field[name_end..];
    let mut conversion = None;
    if let Some(after) = rest.strip_prefix('!') {
        let mut it = after.chars();
        match it.next() {
            None => {
                return Err(value_error(
                    vm,
                    "end of string while looking for conversion specifier",
                ))
            }
            Some(c) => {
                conversion = Some(c);
                rest = it.as_str();
                if !rest.is_empty() && !rest.starts_with(':') {
                    return Err(value_error(vm, "expected ':' after conversion specifier"));
                }
            }
        }
    }
    // The field's value is looked up before the nested fields of its spec (numbering).
    let value = lookup(vm, name, st)?;
    let spec = rest.strip_prefix(':').unwrap_or("");
    let spec = if spec.contains('{') {
        if depth == 0 {
            return Err(value_error(vm, "Max string recursion exceeded"));
        }
        render(vm, spec, st, depth - 1)?
    } else {
        spec.to_owned()
    };
    let value = match conversion {
        None => value,
        Some('r') => Value::str(&vm.repr(&value)?),
        Some('s') => Value::str(&vm.str(&value)?),
        Some('a') => {
            let r = vm.repr(&value)?;
            Value::str(&ascii_escape(&r))
        }
        Some(c) => return Err(value_error(vm, format!("Unknown conversion specifier {c}"))),
    };
    format_value(vm, &value, &spec)
}

/// `ascii(x)` from `repr(x)`: non-ASCII characters escaped.
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let code = c as u32;
        if code < 0x80 {
            out.push(c);
        } else if code < 0x100 {
            out.push_str(&format!("\\x{code:02x}"));
        } else if code < 0x10000 {
            out.push_str(&format!("\\u{code:04x}"));
        } else {
            out.push_str(&format!("\\U{code:08x}"));
        }
    }
    out
}

fn lookup(vm: &mut Vm, name: &str, st: &mut State<'_>) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let mut value = if first.is_empty() {
        let n =
            match st.numbering {
                Numbering::Manual => return Err(value_error(
                    vm,
                    "cannot switch from manual field specification to automatic field numbering",
                )),
                Numbering::Unknown => 0,
                Numbering::Auto(n) => n,
            };
        st.numbering = Numbering::Auto(n + 1);
        positional(vm, st, n)?
    } else if let Ok(n) = first.parse::<usize>() {
        if let Numbering::Auto(_) = st.numbering {
            return Err(value_error(
                vm,
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        st.numbering = Numbering::Manual;
        positional(vm, st, n)?
    } else {
        let key = Value::str(first);
        match st.kwargs {
            Some(Value::Dict(d)) => match d.get(vm, &key)? {
                Some(v) => v,
                None => return Err(key_error(vm, key)),
            },
            Some(m) => {
                let m = m.clone();
                match super::call_dunder(vm, &m, "__getitem__", std::slice::from_ref(&key))? {
                    Some(v) => v,
                    None => return Err(key_error(vm, key)),
                }
            }
            None => return Err(key_error(vm, key)),
        }
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let attr = &after[..end];
            if attr.is_empty() {
                return Err(value_error(vm, "Empty attribute in format string"));
            }
            let attr = vm.interner.intern(attr);
            value = vm.get_attr(&value, &attr)?;
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some(end) = after.find(']') else {
                return Err(value_error(vm, "Missing ']' in format string"));
            };
            let key = &after[..end];
            if key.is_empty() {
                return Err(value_error(vm, "Empty attribute in format string"));
            }
            let key = match key.parse::<i64>() {
                Ok(n) if !key.starts_with(['-', '+']) => Value::Int(n),
                _ => Value::str(key),
            };
            value = match super::call_dunder(vm, &value, "__getitem__", &[key])? {
                Some(v) => v,
                None => {
                    let t = vm.type_name(&value);
                    return Err(vm.type_error(format!("'{t}' object is not subscriptable")));
                }
            };
            rest = &after[end + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err(value_error(
                    vm,
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        } else {
            return Err(value_error(
                vm,
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(value)
}

fn positional(vm: &mut Vm, st: &State<'_>, n: usize) -> PyResult<Value> {
    match st.args.get(n) {
        Some(v) => Ok(v.clone()),
        None => Err(index_error(
            vm,
            format!("Replacement index {n} out of range for positional args tuple"),
        )),
    }
}
