//! printf-style `str % args`: mapping keys, flags, `*` widths and precisions, `%s %r %a`
//! through the VM, numbers through `numfmt`, and CPython's argument-count errors.

use super::int::{as_int, Int};
use super::{num_err, value_error};
use crate::runtime::error::PyResult;
use crate::runtime::numfmt::{self, IntValue, PercentFlags, PercentSpec, PercentValue};
use crate::runtime::value::Value;
use crate::vm::Vm;

struct ArgSource<'a> {
    items: Vec<Value>,
    next: usize,
    mapping: Option<&'a Value>,
}

impl ArgSource<'_> {
    fn take(&mut self, vm: &mut Vm) -> PyResult<Value> {
        match self.items.get(self.next) {
            Some(v) => {
                self.next += 1;
                Ok(v.clone())
            }
            None => Err(vm.type_error("not enough arguments for format string")),
        }
    }
}

fn is_mapping(vm: &mut Vm, v: &Value) -> bool {
    match v {
        Value::Dict(_) => true,
        Value::Tuple(_) | Value::Str(_) => false,
        Value::Instance(_) => super::lookup_dunder(vm, v, "__getitem__").is_some(),
        _ => false,
    }
}

pub fn format(vm: &mut Vm, fmt: &str, args: &Value) -> PyResult<String> {
    let mapping = is_mapping(vm, args).then_some(args);
    let mut src = match args {
        Value::Tuple(t) => ArgSource {
            items: t.items().to_vec(),
            next: 0,
            mapping,
        },
        other => ArgSource {
            items: vec![other.clone()],
            next: 0,
            mapping,
        },
    };
    let chars: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        i += 1;
        let at = |k: usize| chars.get(k).copied();
        // Mapping key.
        let mut keyed: Option<Value> = None;
        if at(i) == Some('(') {
            let Some(map) = src.mapping else {
                return Err(vm.type_error("format requires a mapping"));
            };
            let mut depth = 1;
            let start = i + 1;
            let mut j = start;
            while j < chars.len() {
                match chars[j] {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(value_error(vm, "incomplete format key"));
            }
            let key: String = chars[start..j].iter().collect();
            let map = map.clone();
            let key = Value::str(&key);
            let v = match &map {
                Value::Dict(d) => match d.get(vm, &key)? {
                    Some(v) => v,
                    None => return Err(super::key_error(vm, key)),
                },
                other => {
                    match super::call_dunder(vm, other, "__getitem__", std::slice::from_ref(&key))?
                    {
                        Some(v) => v,
                        None => return Err(super::key_error(vm, key)),
                    }
                }
            };
            keyed = Some(v);
            i = j + 1;
        }
        let mut flags = PercentFlags::default();
        while let Some(f) = at(i) {
            match f {
                '-' => flags.left = true,
                '+' => flags.sign = true,
                ' ' => flags.space = true,
                '#' => flags.alt = true,
                '0' => flags.zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width = None;
        if at(i) == Some('*') {
            let w = src.take(vm)?;
            let Some(Int::S(w)) = as_int(&w).filter(|_| !matches!(w, Value::Float(_))) else {
                return Err(vm.type_error("* wants int"));
            };
            if w < 0 {
                flags.left = true;
            }
            width = Some(w.unsigned_abs() as usize);
            i += 1;
        } else {
            let mut w: Option<usize> = None;
            while let Some(d) = at(i).and_then(|c| c.to_digit(10)) {
                w = Some(w.unwrap_or(0).saturating_mul(10).saturating_add(d as usize));
                i += 1;
            }
            width = width.or(w);
        }
        let mut precision = None;
        if at(i) == Some('.') {
            i += 1;
            if at(i) == Some('*') {
                let p = src.take(vm)?;
                let Some(Int::S(p)) = as_int(&p) else {
                    return Err(vm.type_error("* wants int"));
                };
                precision = Some(p.max(0) as usize);
                i += 1;
            } else {
                let mut p = 0usize;
                while let Some(d) = at(i).and_then(|c| c.to_digit(10)) {
                    p = p.saturating_mul(10).saturating_add(d as usize);
                    i += 1;
                }
                precision = Some(p);
            }
        }
        while matches!(at(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(conv) = at(i) else {
            return Err(value_error(vm, "incomplete format"));
        };
        let conv_index = i;
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let spec = PercentSpec {
            flags,
            width,
            precision,
        };
        let value = match keyed.take() {
            Some(v) => v,
            None => src.take(vm)?,
        };
        let piece = match conv {
            's' | 'r' | 'a' => {
                let text = match conv {
                    's' => vm.str(&value)?,
                    'r' => vm.repr(&value)?,
                    _ => super::format::ascii_escape(&vm.repr(&value)?),
                };
                numfmt::percent_pad_str(&text, &spec).map_err(|e| num_err(vm, e))?
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'c' => {
                number(vm, conv, &spec, &value)?
            }
            other => {
                return Err(value_error(
                    vm,
                    format!(
                        "unsupported format character '{other}' (0x{:x}) at index {conv_index}",
                        other as u32
                    ),
                ))
            }
        };
        out.push_str(&piece);
    }
    if src.mapping.is_none() && src.next < src.items.len() {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

fn number(vm: &mut Vm, conv: char, spec: &PercentSpec, v: &Value) -> PyResult<String> {
    let digits = vm.int_max_str_digits;
    let big;
    let small;
    let pv = match v {
        Value::Float(f) => PercentValue::Float(*f),
        Value::Str(s) if conv == 'c' => {
            let mut cs = s.as_str().chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => PercentValue::Char(c),
                _ => return Err(vm.type_error("%c requires int or char")),
            }
        }
        Value::Str(_) => PercentValue::Char('\0'),
        _ => match as_int(v) {
            Some(Int::S(i)) => {
                small = IntValue::Small(i);
                PercentValue::Int((&small).into())
            }
            Some(Int::B(b)) => {
                big = b;
                PercentValue::Int((&big).into())
            }
            None => {
                // `__index__` for integer conversions, `__float__` for float ones.
                let t = vm.type_name(v);
                if matches!(conv, 'e' | 'E' | 'f' | 'F' | 'g' | 'G') {
                    if super::lookup_dunder(vm, v, "__float__").is_some() {
                        let f = super::float::to_float(vm, v)?;
                        return number(vm, conv, spec, &Value::Float(f));
                    }
                    return Err(vm.type_error(format!("must be real number, not {t}")));
                }
                if conv == 'c' {
                    return Err(vm.type_error("%c requires int or char"));
                }
                if super::lookup_dunder(vm, v, "__index__").is_some() {
                    let i = super::index_value(vm, v)?;
                    return number(vm, conv, spec, &i);
                }
                if matches!(conv, 'd' | 'i' | 'u')
                    && super::lookup_dunder(vm, v, "__int__").is_some()
                {
                    let i = super::int::to_int(vm, v)?;
                    return number(vm, conv, spec, &i);
                }
                let what = if matches!(conv, 'd' | 'i' | 'u') {
                    "a real number"
                } else {
                    "an integer"
                };
                return Err(vm.type_error(format!("%{conv} format: {what} is required, not {t}")));
            }
        },
    };
    numfmt::percent_format_number(conv, spec, pv, digits).map_err(|e| num_err(vm, e))
}
