//! `bytes`: construction (int, iterable of ints, str + encoding), indexing and slicing,
//! iteration, concatenation/repetition, comparisons, hashing, repr, and the common methods
//! over `runtime::strings::bytes` (decode, hex/fromhex, join, split, strip, find, replace, …).

use super::iter::{collect, iterate};
use super::{
    add_native, arity, bind, methods, noargs, obj, one_arg, str_err, value_error, NOT_IMPLEMENTED,
};
use crate::runtime::error::PyResult;
use crate::runtime::strings::bytes as algo;
use crate::runtime::strings::strip::Side;
use crate::runtime::types::native::{Args, NativeKind};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;

pub fn new_bytes(b: Vec<u8>) -> Value {
    obj(ObjKind::Bytes(b.into_boxed_slice()))
}

fn as_bytes(v: &Value) -> Option<&[u8]> {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::Bytes(b) => Some(b),
            _ => None,
        },
        _ => None,
    }
}

fn this(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match as_bytes(v) {
        Some(b) => Ok(b.to_vec()),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor requires a 'bytes' object but received a '{t}'"
            )))
        }
    }
}

/// A bytes-like argument (`a bytes-like object is required, not 'str'`).
fn arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match as_bytes(v) {
        Some(b) => Ok(b.to_vec()),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")))
        }
    }
}

fn byte_of(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    match super::index_value(vm, v)? {
        Value::Int(i) if (0..256).contains(&i) => Ok(i as u8),
        _ => Err(value_error(vm, "byte must be in range(0, 256)")),
    }
}

fn from_iterable(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    let items = collect(vm, v)?;
    let mut out = Vec::with_capacity(items.len());
    for item in &items {
        if !super::is_index(vm, item) {
            let t = vm.type_name(item);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
        match super::index_value(vm, item)? {
            Value::Int(i) if (0..256).contains(&i) => out.push(i as u8),
            _ => return Err(value_error(vm, "bytes must be in range(0, 256)")),
        }
    }
    Ok(out)
}

fn bytes_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_cls, [source, encoding, errors]) =
        bind(vm, args, "bytes", ["source", "encoding", "errors"], 0, true)?;
    let Some(source) = source else {
        if encoding.is_some() || errors.is_some() {
            return Err(vm.type_error(if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        }
        return Ok(new_bytes(Vec::new()));
    };
    if let Value::Str(s) = source {
        let Some(encoding) = encoding else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let enc = match encoding {
            Value::Str(e) => e.as_str().to_owned(),
            other => {
                let t = vm.type_name(other);
                return Err(
                    vm.type_error(format!("bytes() argument 'encoding' must be str, not {t}"))
                );
            }
        };
        let errs = match errors {
            Some(Value::Str(e)) => e.as_str().to_owned(),
            _ => "strict".to_owned(),
        };
        return super::str::encode(vm, s.as_str(), &enc, &errs).map(new_bytes);
    }
    if encoding.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if as_bytes(source).is_some() {
        return Ok(source.clone());
    }
    if super::is_index(vm, source) {
        let n = super::to_isize(vm, source)?;
        if n < 0 {
            return Err(value_error(vm, "negative count"));
        }
        return Ok(new_bytes(vec![0; n as usize]));
    }
    if iterate(vm, source).is_err() {
        let t = vm.type_name(source);
        return Err(vm.type_error(format!("cannot convert '{t}' object to bytes")));
    }
    from_iterable(vm, source).map(new_bytes)
}

fn sub_bounds(vm: &mut Vm, rest: &[Value], len: usize) -> PyResult<(usize, usize)> {
    super::str::adjust_bounds(vm, rest.get(1), rest.get(2), len)
}

fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if super::is_index(vm, v) {
        return Ok(vec![byte_of(vm, v)?]);
    }
    match as_bytes(v) {
        Some(b) => Ok(b.to_vec()),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "argument should be integer or bytes-like object, not '{t}'"
            )))
        }
    }
}

fn find_like(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let (b, rest) = arity(vm, args, name, 1, 3)?;
    let b = this(vm, b)?;
    let sub = needle(vm, &rest[0])?;
    let (lo, hi) = sub_bounds(vm, rest, b.len())?;
    let r = match super::short_name(name) {
        "find" => algo::find(&b, &sub, lo, hi).map_or(-1, |i| i as i64),
        "rfind" => algo::rfind(&b, &sub, lo, hi).map_or(-1, |i| i as i64),
        "index" => algo::index(&b, &sub, lo, hi).map_err(|e| str_err(vm, e))? as i64,
        "rindex" => algo::rindex(&b, &sub, lo, hi).map_err(|e| str_err(vm, e))? as i64,
        _ => algo::count(&b, &sub, lo, hi) as i64,
    };
    Ok(Value::Int(r))
}

fn starts_ends(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let (b, rest) = arity(vm, args, name, 1, 3)?;
    let b = this(vm, b)?;
    let (lo, hi) = sub_bounds(vm, rest, b.len())?;
    let starts = name.ends_with("startswith");
    let test = |p: &[u8]| {
        if starts {
            algo::startswith(&b, p, lo, hi)
        } else {
            algo::endswith(&b, p, lo, hi)
        }
    };
    match &rest[0] {
        Value::Tuple(t) => {
            for item in t.items() {
                let p = arg(vm, item)?;
                if test(&p) {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        other => match as_bytes(other) {
            Some(p) => Ok(Value::Bool(test(p))),
            None => {
                let t = vm.type_name(other);
                let short = super::short_name(name);
                Err(vm.type_error(format!(
                    "{short} first arg must be bytes or a tuple of bytes, not {t}"
                )))
            }
        },
    }
}

fn strip(vm: &mut Vm, args: Args<'_>, name: &str, side: Side) -> PyResult<Value> {
    let (b, rest) = arity(vm, args, name, 0, 1)?;
    let b = this(vm, b)?;
    let chars = match rest.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(arg(vm, v)?),
    };
    Ok(new_bytes(
        algo::strip_side(&b, chars.as_deref(), side).to_vec(),
    ))
}

fn split(vm: &mut Vm, args: Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let (b, [sep, maxsplit]) = bind(vm, args, name, ["sep", "maxsplit"], 0, true)?;
    let b = this(vm, b.unwrap_or(&Value::None))?;
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(v) => Some(arg(vm, v)?),
    };
    let maxsplit = match maxsplit {
        None => None,
        Some(m) => {
            let m = super::to_isize(vm, m)?;
            (m >= 0).then_some(m as usize)
        }
    };
    let parts = if right {
        algo::rsplit(&b, sep.as_deref(), maxsplit)
    } else {
        algo::split(&b, sep.as_deref(), maxsplit)
    }
    .map_err(|e| str_err(vm, e))?;
    Ok(Value::list(
        parts.into_iter().map(|p| new_bytes(p.to_vec())).collect(),
    ))
}

fn map_bytes(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let b = noargs(vm, args, name)?;
    let b = this(vm, b)?;
    Ok(new_bytes(f(&b)))
}

fn predicate(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    let b = noargs(vm, args, name)?;
    let b = this(vm, b)?;
    Ok(Value::Bool(f(&b)))
}

pub fn install(vm: &mut Vm) {
    let bytes = vm.types.bytes.clone();
    methods!(vm, bytes, "bytes", {
        "__new__" => bytes_new,
        "__len__" => |vm, a| { let v = noargs(vm, a, "bytes.__len__")?; Ok(Value::Int(this(vm, v)?.len() as i64)) },
        "__iter__" => |vm, a| { let v = noargs(vm, a, "bytes.__iter__")?.clone(); iterate(vm, &v) },
        "__getitem__" => bytes_getitem,
        "__contains__" => |vm, a| {
            let (b, x) = one_arg(vm, a, "bytes.__contains__")?;
            let b = this(vm, b)?;
            let sub = needle(vm, x)?;
            Ok(Value::Bool(algo::contains(&b, &sub)))
        },
        "__add__" => |vm, a| {
            let (b, o) = one_arg(vm, a, "bytes.__add__")?;
            let mut b = this(vm, b)?;
            match as_bytes(o) {
                Some(o) => { b.extend_from_slice(o); Ok(new_bytes(b)) }
                None if matches!(o, Value::Instance(_)) => NOT_IMPLEMENTED,
                None => {
                    let t = vm.type_name(o);
                    Err(vm.type_error(format!("can't concat {t} to bytes")))
                }
            }
        },
        "__mul__" => bytes_mul,
        "__rmul__" => bytes_mul,
        "__mod__" => |_, _| NOT_IMPLEMENTED,
        "__eq__" => |vm, a| cmp(vm, a, |o| o.is_eq()),
        "__ne__" => |vm, a| cmp(vm, a, |o| o.is_ne()),
        "__lt__" => |vm, a| cmp(vm, a, |o| o.is_lt()),
        "__le__" => |vm, a| cmp(vm, a, |o| o.is_le()),
        "__gt__" => |vm, a| cmp(vm, a, |o| o.is_gt()),
        "__ge__" => |vm, a| cmp(vm, a, |o| o.is_ge()),
        "__hash__" => |vm, a| {
            let v = noargs(vm, a, "bytes.__hash__")?;
            let b = this(vm, v)?;
            // CPython hashes bytes like the equal latin-1 str would be hashed: here, by content.
            let s: String = b.iter().map(|&c| c as char).collect();
            Ok(Value::Int(crate::runtime::types::str::PyStr::new(&s).hash()))
        },
        "__repr__" => |vm, a| { let v = noargs(vm, a, "bytes.__repr__")?; let b = this(vm, v)?; Ok(Value::str(&crate::runtime::strings::bytes_repr(&b))) },
        "__str__" => |vm, a| { let v = noargs(vm, a, "bytes.__str__")?; let b = this(vm, v)?; Ok(Value::str(&crate::runtime::strings::bytes_repr(&b))) },
        "__getnewargs__" => |vm, a| { let v = noargs(vm, a, "bytes.__getnewargs__")?.clone(); Ok(Value::tuple(vec![v])) },
        "decode" => |vm, a| {
            let (b, [encoding, errors]) = bind(vm, a, "decode", ["encoding", "errors"], 0, true)?;
            let b = this(vm, b.unwrap_or(&Value::None))?;
            let mut names = ["utf-8".to_owned(), "strict".to_owned()];
            for (i, (v, what)) in [(encoding, "encoding"), (errors, "errors")].into_iter().enumerate() {
                match v {
                    None => {}
                    Some(Value::Str(s)) => names[i] = s.as_str().to_owned(),
                    Some(other) => {
                        let t = vm.type_name(other);
                        return Err(vm.type_error(format!("decode() argument '{what}' must be str, not {t}")));
                    }
                }
            }
            super::str::decode(vm, &b, &names[0], &names[1]).map(|s| Value::str(&s))
        },
        "hex" => |vm, a| {
            let (b, rest) = arity(vm, a, "bytes.hex", 0, 2)?;
            let b = this(vm, b)?;
            let hex: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
            match rest.first() {
                None => Ok(Value::str(&hex.concat())),
                Some(Value::Str(sep)) => Ok(Value::str(&hex.join(sep.as_str()))),
                Some(other) => { let sep = arg(vm, other)?; Ok(Value::str(&hex.join(&String::from_utf8_lossy(&sep)))) }
            }
        },
        "find" => |vm, a| find_like(vm, a, "bytes.find"),
        "rfind" => |vm, a| find_like(vm, a, "bytes.rfind"),
        "index" => |vm, a| find_like(vm, a, "bytes.index"),
        "rindex" => |vm, a| find_like(vm, a, "bytes.rindex"),
        "count" => |vm, a| find_like(vm, a, "bytes.count"),
        "startswith" => |vm, a| starts_ends(vm, a, "bytes.startswith"),
        "endswith" => |vm, a| starts_ends(vm, a, "bytes.endswith"),
        "strip" => |vm, a| strip(vm, a, "bytes.strip", Side::Both),
        "lstrip" => |vm, a| strip(vm, a, "bytes.lstrip", Side::Left),
        "rstrip" => |vm, a| strip(vm, a, "bytes.rstrip", Side::Right),
        "split" => |vm, a| split(vm, a, "split", false),
        "rsplit" => |vm, a| split(vm, a, "rsplit", true),
        "splitlines" => |vm, a| {
            let (b, [keep]) = bind(vm, a, "splitlines", ["keepends"], 0, true)?;
            let b = this(vm, b.unwrap_or(&Value::None))?;
            let keep = match keep { Some(k) => vm.truthy(k)?, None => false };
            Ok(Value::list(algo::splitlines(&b, keep).into_iter().map(|p| new_bytes(p.to_vec())).collect()))
        },
        "partition" => |vm, a| {
            let (b, sep) = one_arg(vm, a, "bytes.partition")?;
            let b = this(vm, b)?;
            let sep = arg(vm, sep)?;
            let (x, y, z) = algo::partition(&b, &sep).map_err(|e| str_err(vm, e))?;
            Ok(Value::tuple(vec![new_bytes(x.to_vec()), new_bytes(y.to_vec()), new_bytes(z.to_vec())]))
        },
        "rpartition" => |vm, a| {
            let (b, sep) = one_arg(vm, a, "bytes.rpartition")?;
            let b = this(vm, b)?;
            let sep = arg(vm, sep)?;
            let (x, y, z) = algo::rpartition(&b, &sep).map_err(|e| str_err(vm, e))?;
            Ok(Value::tuple(vec![new_bytes(x.to_vec()), new_bytes(y.to_vec()), new_bytes(z.to_vec())]))
        },
        "join" => |vm, a| {
            let (b, it) = one_arg(vm, a, "bytes.join")?;
            let sep = this(vm, b)?;
            let items = collect(vm, it)?;
            let mut out = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if i > 0 { out.extend_from_slice(&sep); }
                match as_bytes(item) {
                    Some(x) => out.extend_from_slice(x),
                    None => {
                        let t = vm.type_name(item);
                        return Err(vm.type_error(format!("sequence item {i}: expected a bytes-like object, {t} found")));
                    }
                }
            }
            Ok(new_bytes(out))
        },
        "replace" => |vm, a| {
            let (b, rest) = arity(vm, a, "bytes.replace", 2, 3)?;
            let b = this(vm, b)?;
            let old = arg(vm, &rest[0])?;
            let new = arg(vm, &rest[1])?;
            let count = match rest.get(2) { Some(c) => { let c = super::to_isize(vm, c)?; (c >= 0).then_some(c as usize) } None => None };
            algo::replace(&b, &old, &new, count).map(new_bytes).map_err(|e| str_err(vm, e))
        },
        "removeprefix" => |vm, a| { let (b, p) = one_arg(vm, a, "bytes.removeprefix")?; let b = this(vm, b)?; let p = arg(vm, p)?; Ok(new_bytes(algo::removeprefix(&b, &p).to_vec())) },
        "removesuffix" => |vm, a| { let (b, p) = one_arg(vm, a, "bytes.removesuffix")?; let b = this(vm, b)?; let p = arg(vm, p)?; Ok(new_bytes(algo::removesuffix(&b, &p).to_vec())) },
        "upper" => |vm, a| map_bytes(vm, a, "bytes.upper", algo::upper),
        "lower" => |vm, a| map_bytes(vm, a, "bytes.lower", algo::lower),
        "swapcase" => |vm, a| map_bytes(vm, a, "bytes.swapcase", algo::swapcase),
        "capitalize" => |vm, a| map_bytes(vm, a, "bytes.capitalize", algo::capitalize),
        "title" => |vm, a| map_bytes(vm, a, "bytes.title", algo::title),
        "isalpha" => |vm, a| predicate(vm, a, "bytes.isalpha", algo::isalpha),
        "isalnum" => |vm, a| predicate(vm, a, "bytes.isalnum", algo::isalnum),
        "isdigit" => |vm, a| predicate(vm, a, "bytes.isdigit", algo::isdigit),
        "isspace" => |vm, a| predicate(vm, a, "bytes.isspace", algo::isspace),
        "isascii" => |vm, a| predicate(vm, a, "bytes.isascii", algo::isascii),
        "islower" => |vm, a| predicate(vm, a, "bytes.islower", algo::islower),
        "isupper" => |vm, a| predicate(vm, a, "bytes.isupper", algo::isupper),
        "istitle" => |vm, a| predicate(vm, a, "bytes.istitle", algo::istitle),
    });
    add_native(
        vm,
        &bytes,
        "fromhex",
        "bytes.fromhex",
        bytes_fromhex,
        NativeKind::ClassMethod,
    );
}

fn bytes_fromhex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_cls, s) = one_arg(vm, args, "bytes.fromhex")?;
    let Value::Str(s) = s else {
        let t = vm.type_name(s);
        return Err(vm.type_error(format!("fromhex() argument must be str, not {t}")));
    };
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 2;
            }
            (Some(_), None) => {
                return Err(value_error(
                    vm,
                    format!(
                        "non-hexadecimal number found in fromhex() arg at position {}",
                        i + 1
                    ),
                ))
            }
            _ => {
                return Err(value_error(
                    vm,
                    format!("non-hexadecimal number found in fromhex() arg at position {i}"),
                ))
            }
        }
    }
    Ok(new_bytes(out))
}

fn bytes_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (b, n) = one_arg(vm, args, "bytes.__mul__")?;
    let b = this(vm, b)?;
    let Some(n) = super::tuple::repeat_count(vm, n)? else {
        return super::tuple::bad_repeat(vm, n);
    };
    algo::repeat(&b, n)
        .map(new_bytes)
        .map_err(|e| str_err(vm, e))
}

fn cmp(vm: &mut Vm, args: Args<'_>, test: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "bytes.__cmp__")?;
    let (Some(x), Some(y)) = (as_bytes(a), as_bytes(b)) else {
        return NOT_IMPLEMENTED;
    };
    Ok(Value::Bool(test(x.cmp(y))))
}

fn bytes_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (b, key) = one_arg(vm, args, "bytes.__getitem__")?;
    let b = this(vm, b)?;
    if super::slice::as_slice(key).is_some() {
        let (start, _, step, n) = super::slice::indices(vm, key, b.len())?;
        return Ok(new_bytes(
            super::slice::positions(start, step, n)
                .map(|i| b[i])
                .collect(),
        ));
    }
    if !super::is_index(vm, key) {
        let k = vm.type_name(key);
        return Err(vm.type_error(format!("byte indices must be integers or slices, not {k}")));
    }
    match super::seq_index(vm, key, b.len())? {
        Some(i) => Ok(Value::Int(i64::from(b[i]))),
        None => Err(super::index_error(vm, "index out of range")),
    }
}
