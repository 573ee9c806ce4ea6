//! `str`: every method (over `runtime::strings`), indexing and slicing by code point,
//! concatenation and repetition, comparisons, hashing, `%` and `format`, encode, the
//! constructor (`str(obj)`, `str(bytes, encoding, errors)`), `maketrans`/`translate`.

use super::iter::{collect, iterate};
use super::{
    add_native, arity, bind, methods, noargs, one_arg, str_err, value_error, NOT_IMPLEMENTED,
};
use crate::runtime::error::PyResult;
use crate::runtime::strings::{self, PyStr as Text};
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::native::{Args, NativeKind};
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

fn this(vm: &mut Vm, v: &Value) -> PyResult<Rc<PyStr>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor requires a 'str' object but received a '{t}'"
            )))
        }
    }
}

fn text(s: &PyStr) -> Text<'_> {
    Text::with_len(s.as_str(), s.char_len())
}

fn out(s: String) -> Value {
    Value::Str(Rc::new(PyStr::from_string(s)))
}

/// A `str` argument (`must be str, not int`).
fn arg_str<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Rc<PyStr>> {
    match v {
        Value::Str(s) => Ok(s),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("must be str, not {t}")))
        }
    }
}

fn opt_str<'a>(vm: &mut Vm, v: Option<&'a Value>) -> PyResult<Option<&'a str>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(arg_str(vm, v)?.as_str())),
    }
}

/// `start`/`end` of `find` & co., adjusted as CPython's `ADJUST_INDICES`.
pub fn adjust_bounds(
    vm: &mut Vm,
    start: Option<&Value>,
    end: Option<&Value>,
    len: usize,
) -> PyResult<(usize, usize)> {
    let get = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                if !super::is_index(vm, v) {
                    return Err(vm.type_error(
                        "slice indices must be integers or None or have an __index__ method",
                    ));
                }
                Ok(match super::index_value(vm, v)? {
                    Value::Int(i) => i,
                    Value::BigInt(b) => {
                        if b.sign() == num_bigint::Sign::Minus {
                            i64::MIN / 2
                        } else {
                            i64::MAX / 2
                        }
                    }
                    _ => default,
                })
            }
        }
    };
    let len_i = len as i64;
    let mut s = get(vm, start, 0)?;
    let mut e = get(vm, end, len_i)?;
    if e > len_i {
        e = len_i;
    } else if e < 0 {
        e = (e + len_i).max(0);
    }
    if s < 0 {
        s = (s + len_i).max(0);
    }
    Ok((s.max(0) as usize, e.max(0) as usize))
}

/// `(sub, start, end)` arguments of `find`/`count`/`index`.
fn sub_args<'a>(
    vm: &mut Vm,
    args: Args<'a>,
    name: &str,
) -> PyResult<(Rc<PyStr>, &'a Value, usize, usize)> {
    let (s, rest) = super::split_self(vm, args, name)?;
    let s = this(vm, s)?;
    if rest.is_empty() {
        return Err(vm.type_error(format!("{name}() takes at least 1 argument (0 given)")));
    }
    if rest.len() > 3 {
        return Err(vm.type_error(format!(
            "{name}() takes at most 3 arguments ({} given)",
            rest.len()
        )));
    }
    let (lo, hi) = adjust_bounds(vm, rest.get(1), rest.get(2), s.char_len())?;
    Ok((s, &rest[0], lo, hi))
}

fn find_like(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let (s, sub, lo, hi) = sub_args(vm, args, name)?;
    let sub = arg_str(vm, sub)?.clone();
    let t = text(&s);
    let r = match name {
        "find" => strings::find::find(t, sub.as_str(), lo, hi).map_or(-1, |i| i as i64),
        "rfind" => strings::find::rfind(t, sub.as_str(), lo, hi).map_or(-1, |i| i as i64),
        "index" => {
            strings::find::index(t, sub.as_str(), lo, hi).map_err(|e| str_err(vm, e))? as i64
        }
        "rindex" => {
            strings::find::rindex(t, sub.as_str(), lo, hi).map_err(|e| str_err(vm, e))? as i64
        }
        _ => strings::find::count(t, sub.as_str(), lo, hi) as i64,
    };
    Ok(Value::Int(r))
}

fn starts_ends(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let (s, prefix, lo, hi) = sub_args(vm, args, name)?;
    let t = text(&s);
    let test = |p: &str| {
        if name == "startswith" {
            strings::find::startswith(t, p, lo, hi)
        } else {
            strings::find::endswith(t, p, lo, hi)
        }
    };
    match prefix {
        Value::Str(p) => Ok(Value::Bool(test(p.as_str()))),
        Value::Tuple(items) => {
            for item in items.items() {
                match item {
                    Value::Str(p) => {
                        if test(p.as_str()) {
                            return Ok(Value::Bool(true));
                        }
                    }
                    other => {
                        let k = vm.type_name(other);
                        return Err(vm.type_error(format!(
                            "tuple for {name} must only contain str, not {k}"
                        )));
                    }
                }
            }
            Ok(Value::Bool(false))
        }
        other => {
            let k = vm.type_name(other);
            Err(vm.type_error(format!(
                "{name} first arg must be str or a tuple of str, not {k}"
            )))
        }
    }
}

fn transform(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(&str) -> String) -> PyResult<Value> {
    let s = noargs(vm, args, name)?;
    let s = this(vm, s)?;
    Ok(out(f(s.as_str())))
}

fn predicate(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(&str) -> bool) -> PyResult<Value> {
    let s = noargs(vm, args, name)?;
    let s = this(vm, s)?;
    Ok(Value::Bool(f(s.as_str())))
}

fn width_arg(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(super::to_isize(vm, v)?.max(0) as usize)
}

fn justify(vm: &mut Vm, args: Args<'_>, name: &str, align: strings::pad::Align) -> PyResult<Value> {
    let (s, rest) = arity(vm, args, name, 1, 2)?;
    let s = this(vm, s)?;
    let width = width_arg(vm, &rest[0])?;
    let fill = match rest.get(1) {
        None => ' ',
        Some(Value::Str(f)) => strings::pad::fill_char(f.as_str()).map_err(|e| str_err(vm, e))?,
        Some(other) => {
            let k = vm.type_name(other);
            return Err(vm.type_error(format!(
                "{}() argument 2 must be a unicode character, not {k}",
                super::short_name(name)
            )));
        }
    };
    if width <= s.char_len() {
        return Ok(Value::Str(s));
    }
    strings::pad::justify(text(&s), width, fill, align)
        .map(out)
        .map_err(|e| str_err(vm, e))
}

fn strip(vm: &mut Vm, args: Args<'_>, name: &str, side: strings::strip::Side) -> PyResult<Value> {
    let (s, rest) = arity(vm, args, name, 0, 1)?;
    let s = this(vm, s)?;
    let chars = opt_str(vm, rest.first())?;
    let r = strings::strip::strip_side(s.as_str(), chars, side);
    if r.len() == s.as_str().len() {
        return Ok(Value::Str(s));
    }
    Ok(part(&s, r))
}

fn split(vm: &mut Vm, args: Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let (s, [sep, maxsplit]) = bind(vm, args, name, ["sep", "maxsplit"], 0, true)?;
    let s = this(vm, s.unwrap_or(&Value::None))?;
    let sep = opt_str(vm, sep)?;
    let maxsplit = match maxsplit {
        None => None,
        Some(m) => {
            let m = super::to_isize(vm, m)?;
            (m >= 0).then_some(m as usize)
        }
    };
    let parts = if right {
        strings::split::rsplit(s.as_str(), sep, maxsplit)
    } else {
        strings::split::split(s.as_str(), sep, maxsplit)
    }
    .map_err(|e| str_err(vm, e))?;
    Ok(Value::list(
        parts.into_iter().map(|p| part(&s, p)).collect(),
    ))
}

/// A new `str` holding `piece`, a part of `whole` (known ASCII when `whole` is).
fn part(whole: &PyStr, piece: &str) -> Value {
    Value::Str(Rc::new(PyStr::part_of(whole, piece)))
}

fn partition(vm: &mut Vm, args: Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let (s, sep) = one_arg(vm, args, name)?;
    let s = this(vm, s)?;
    let sep = arg_str(vm, sep)?.clone();
    let (a, b, c) = if right {
        strings::split::rpartition(s.as_str(), sep.as_str())
    } else {
        strings::split::partition(s.as_str(), sep.as_str())
    }
    .map_err(|e| str_err(vm, e))?;
    Ok(Value::tuple(vec![
        Value::str(a),
        Value::str(b),
        Value::str(c),
    ]))
}

/// `sep.join(iterable)`.
pub fn join(vm: &mut Vm, sep: &str, iterable: &Value) -> PyResult<String> {
    match iterable {
        // No Python code runs while joining strs, so the items are read in place.
        Value::List(l) => return join_items(vm, sep, &l.borrow()),
        Value::Tuple(t) => return join_items(vm, sep, t.items()),
        _ => {}
    }
    if iterate(vm, iterable).is_err() {
        return Err(vm.type_error("can only join an iterable"));
    }
    let items = collect(vm, iterable)?;
    join_items(vm, sep, &items)
}

/// `sep.join(items)` for items that must all be `str`: sized first, then copied once.
fn join_items(vm: &mut Vm, sep: &str, items: &[Value]) -> PyResult<String> {
    let mut total = sep.len() * items.len().saturating_sub(1);
    for (i, item) in items.iter().enumerate() {
        match str_of(item) {
            Some(s) => total += s.as_str().len(),
            None => {
                let other = item;
                let k = vm.type_name(other);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {k} found"
                )));
            }
        }
    }
    let mut outs = String::with_capacity(total);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            outs.push_str(sep);
        }
        if let Some(s) = str_of(item) {
            outs.push_str(s.as_str());
        }
    }
    Ok(outs)
}

/// The text of a str, or of an instance of a Python subclass of str (`StrEnum` members).
fn str_of(v: &Value) -> Option<&Rc<PyStr>> {
    match v {
        Value::Str(s) => Some(s),
        _ => match crate::vm::subclass::builtin_payload(v) {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        },
    }
}

/// `str.encode` / `str(bytes, encoding)` codec names as CPython normalizes them.
pub fn normalize_encoding(name: &str) -> String {
    name.to_ascii_lowercase().replace(['-', ' '], "_")
}

pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let enc = normalize_encoding(encoding);
    let limit = match enc.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => return Ok(s.as_bytes().to_vec()),
        "ascii" | "us_ascii" | "646" => 0x80u32,
        "latin_1" | "latin1" | "latin" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "l1" => {
            0x100
        }
        _ => {
            return Err(super::named_error(
                vm,
                "LookupError",
                format!("unknown encoding: {encoding}"),
            ))
        }
    };
    let codec = if limit == 0x80 { "ascii" } else { "latin-1" };
    let mut bytes = Vec::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            bytes.push(c as u32 as u8);
            i += 1;
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => bytes.push(b'?'),
            "backslashreplace" => {
                let code = c as u32;
                let esc = if code < 0x100 {
                    format!("\\x{code:02x}")
                } else if code < 0x10000 {
                    format!("\\u{code:04x}")
                } else {
                    format!("\\U{code:08x}")
                };
                bytes.extend_from_slice(esc.as_bytes());
            }
            "xmlcharrefreplace" => bytes.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
            _ => {
                let mut j = i + 1;
                while j < chars.len() && chars[j] as u32 >= limit {
                    j += 1;
                }
                let what = if j - i == 1 {
                    let esc = strings::ascii_repr(&c.to_string());
                    format!("character '{}' in position {i}", &esc[1..esc.len() - 1])
                } else {
                    let esc = strings::ascii_repr(&chars[i..j].iter().collect::<String>());
                    format!("characters in position {i}-{}", j - 1).replace("{}", &esc)
                };
                return Err(super::named_error(
                    vm,
                    "UnicodeEncodeError",
                    format!("'{codec}' codec can't encode {what}: ordinal not in range({limit})"),
                ));
            }
        }
        i += 1;
    }
    Ok(bytes)
}

pub fn decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let enc = normalize_encoding(encoding);
    match enc.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" => match std::str::from_utf8(b) {
            Ok(s) => Ok(s.to_owned()),
            Err(e) => match errors {
                "ignore" | "replace" => {
                    let lossy = String::from_utf8_lossy(b);
                    Ok(if errors == "ignore" {
                        lossy.replace('\u{fffd}', "")
                    } else {
                        lossy.into_owned()
                    })
                }
                _ => {
                    let pos = e.valid_up_to();
                    let byte = b[pos];
                    let reason = if e.error_len().is_none() {
                        "unexpected end of data"
                    } else if !(0xc2..=0xf4).contains(&byte) {
                        "invalid start byte"
                    } else {
                        "invalid continuation byte"
                    };
                    Err(super::named_error(
                        vm,
                        "UnicodeDecodeError",
                        format!(
                        "'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {reason}"
                    ),
                    ))
                }
            },
        },
        "ascii" | "us_ascii" | "646" => {
            let mut s = String::with_capacity(b.len());
            for (i, &c) in b.iter().enumerate() {
                if c < 0x80 {
                    s.push(c as char);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => s.push('\u{fffd}'),
                        _ => return Err(super::named_error(vm, "UnicodeDecodeError", format!(
                            "'ascii' codec can't decode byte 0x{c:02x} in position {i}: ordinal not in range(128)"
                        ))),
                    }
                }
            }
            Ok(s)
        }
        "latin_1" | "latin1" | "latin" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "l1" => {
            Ok(b.iter().map(|&c| c as char).collect())
        }
        _ => Err(super::named_error(
            vm,
            "LookupError",
            format!("unknown encoding: {encoding}"),
        )),
    }
}

fn str_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, [encoding, errors]) = bind(vm, args, "encode", ["encoding", "errors"], 0, true)?;
    let s = this(vm, s.unwrap_or(&Value::None))?;
    let encoding = match encoding {
        None => "utf-8".to_owned(),
        Some(Value::Str(e)) => e.as_str().to_owned(),
        Some(other) => {
            let k = vm.type_name(other);
            return Err(vm.type_error(format!("encode() argument 'encoding' must be str, not {k}")));
        }
    };
    let errors = match errors {
        None => "strict".to_owned(),
        Some(Value::Str(e)) => e.as_str().to_owned(),
        Some(other) => {
            let k = vm.type_name(other);
            return Err(vm.type_error(format!("encode() argument 'errors' must be str, not {k}")));
        }
    };
    let bytes = encode(vm, s.as_str(), &encoding, &errors)?;
    Ok(super::obj(ObjKind::Bytes(bytes.into_boxed_slice())))
}

pub fn install(vm: &mut Vm) {
    use strings::pad::Align;
    use strings::strip::Side;
    let str_ = vm.types.str.clone();
    methods!(vm, str_, "str", {
        "__new__" => str_new,
        "__len__" => |vm, a| { let v = noargs(vm, a, "str.__len__")?; let s = this(vm, v)?; Ok(Value::Int(s.char_len() as i64)) },
        "__getitem__" => str_getitem,
        "__contains__" => |vm, a| {
            let (s, sub) = one_arg(vm, a, "str.__contains__")?;
            let s = this(vm, s)?;
            match sub {
                Value::Str(sub) => Ok(Value::Bool(strings::find::contains(s.as_str(), sub.as_str()))),
                other => {
                    let k = vm.type_name(other);
                    Err(vm.type_error(format!("'in <string>' requires string as left operand, not {k}")))
                }
            }
        },
        "__iter__" => |vm, a| { let v = noargs(vm, a, "str.__iter__")?.clone(); iterate(vm, &v) },
        "__add__" => |vm, a| {
            let (s, o) = one_arg(vm, a, "str.__add__")?;
            let s = this(vm, s)?;
            match o {
                Value::Str(o) => {
                    let mut r = String::with_capacity(s.as_str().len() + o.as_str().len());
                    r.push_str(s.as_str());
                    r.push_str(o.as_str());
                    Ok(out(r))
                }
                Value::Instance(_) => NOT_IMPLEMENTED,
                other => {
                    let k = vm.type_name(other);
                    Err(vm.type_error(format!("can only concatenate str (not \"{k}\") to str")))
                }
            }
        },
        "__mul__" => str_mul,
        "__rmul__" => str_mul,
        "__mod__" => |vm, a| {
            let (s, args) = one_arg(vm, a, "str.__mod__")?;
            let s = this(vm, s)?;
            let args = args.clone();
            super::percent::format(vm, s.as_str(), &args).map(out)
        },
        "__rmod__" => |_, _| NOT_IMPLEMENTED,
        "__eq__" => |vm, a| cmp(vm, a, |o| o.is_eq()),
        "__ne__" => |vm, a| cmp(vm, a, |o| o.is_ne()),
        "__lt__" => |vm, a| cmp(vm, a, |o| o.is_lt()),
        "__le__" => |vm, a| cmp(vm, a, |o| o.is_le()),
        "__gt__" => |vm, a| cmp(vm, a, |o| o.is_gt()),
        "__ge__" => |vm, a| cmp(vm, a, |o| o.is_ge()),
        "__hash__" => |vm, a| { let v = noargs(vm, a, "str.__hash__")?; let s = this(vm, v)?; Ok(Value::Int(s.hash())) },
        "__repr__" => |vm, a| { let v = noargs(vm, a, "str.__repr__")?; let s = this(vm, v)?; Ok(out(strings::str_repr(s.as_str()))) },
        "__str__" => |vm, a| { let v = noargs(vm, a, "str.__str__")?; let s = this(vm, v)?; Ok(Value::Str(s)) },
        "__format__" => |vm, a| {
            let (s, spec) = one_arg(vm, a, "str.__format__")?;
            let s = this(vm, s)?;
            let Value::Str(spec) = spec else {
                let k = vm.type_name(spec);
                return Err(vm.type_error(format!("format() argument 2 must be str, not {k}")));
            };
            if spec.as_str().is_empty() { return Ok(Value::Str(s)); }
            crate::runtime::numfmt::format_str(s.as_str(), spec.as_str()).map(out).map_err(|e| super::num_err(vm, e))
        },
        "__getnewargs__" => |vm, a| { let v = noargs(vm, a, "str.__getnewargs__")?; let s = this(vm, v)?; Ok(Value::tuple(vec![Value::Str(s)])) },
        "__sizeof__" => |vm, a| { let v = noargs(vm, a, "str.__sizeof__")?; let s = this(vm, v)?; Ok(Value::Int(49 + s.as_str().len() as i64)) },
        "find" => |vm, a| find_like(vm, a, "find"),
        "rfind" => |vm, a| find_like(vm, a, "rfind"),
        "index" => |vm, a| find_like(vm, a, "index"),
        "rindex" => |vm, a| find_like(vm, a, "rindex"),
        "count" => |vm, a| find_like(vm, a, "count"),
        "startswith" => |vm, a| starts_ends(vm, a, "startswith"),
        "endswith" => |vm, a| starts_ends(vm, a, "endswith"),
        "upper" => |vm, a| transform(vm, a, "str.upper", strings::case::upper),
        "lower" => |vm, a| transform(vm, a, "str.lower", strings::case::lower),
        "casefold" => |vm, a| transform(vm, a, "str.casefold", strings::case::casefold),
        "capitalize" => |vm, a| transform(vm, a, "str.capitalize", strings::case::capitalize),
        "title" => |vm, a| transform(vm, a, "str.title", strings::case::title),
        "swapcase" => |vm, a| transform(vm, a, "str.swapcase", strings::case::swapcase),
        "isalpha" => |vm, a| predicate(vm, a, "str.isalpha", strings::predicates::isalpha),
        "isalnum" => |vm, a| predicate(vm, a, "str.isalnum", strings::predicates::isalnum),
        "isdecimal" => |vm, a| predicate(vm, a, "str.isdecimal", strings::predicates::isdecimal),
        "isdigit" => |vm, a| predicate(vm, a, "str.isdigit", strings::predicates::isdigit),
        "isnumeric" => |vm, a| predicate(vm, a, "str.isnumeric", strings::predicates::isnumeric),
        "isspace" => |vm, a| predicate(vm, a, "str.isspace", strings::predicates::isspace),
        "isprintable" => |vm, a| predicate(vm, a, "str.isprintable", strings::predicates::isprintable),
        "isascii" => |vm, a| predicate(vm, a, "str.isascii", strings::predicates::isascii),
        "isidentifier" => |vm, a| predicate(vm, a, "str.isidentifier", strings::predicates::isidentifier),
        "islower" => |vm, a| predicate(vm, a, "str.islower", strings::predicates::islower),
        "isupper" => |vm, a| predicate(vm, a, "str.isupper", strings::predicates::isupper),
        "istitle" => |vm, a| predicate(vm, a, "str.istitle", strings::predicates::istitle),
        "center" => |vm, a| justify(vm, a, "str.center", Align::Center),
        "ljust" => |vm, a| justify(vm, a, "str.ljust", Align::Left),
        "rjust" => |vm, a| justify(vm, a, "str.rjust", Align::Right),
        "zfill" => |vm, a| {
            let (s, w) = one_arg(vm, a, "str.zfill")?;
            let s = this(vm, s)?;
            let w = width_arg(vm, w)?;
            strings::pad::zfill(text(&s), w).map(out).map_err(|e| str_err(vm, e))
        },
        "expandtabs" => |vm, a| {
            let (s, [tabsize]) = bind(vm, a, "expandtabs", ["tabsize"], 0, true)?;
            let s = this(vm, s.unwrap_or(&Value::None))?;
            let t = match tabsize { Some(t) => super::to_isize(vm, t)?, None => 8 };
            strings::pad::expandtabs(s.as_str(), t.clamp(i32::MIN as i64, i32::MAX as i64) as i32).map(out).map_err(|e| str_err(vm, e))
        },
        "strip" => |vm, a| strip(vm, a, "str.strip", Side::Both),
        "lstrip" => |vm, a| strip(vm, a, "str.lstrip", Side::Left),
        "rstrip" => |vm, a| strip(vm, a, "str.rstrip", Side::Right),
        "split" => |vm, a| split(vm, a, "split", false),
        "rsplit" => |vm, a| split(vm, a, "rsplit", true),
        "splitlines" => |vm, a| {
            let (s, [keepends]) = bind(vm, a, "splitlines", ["keepends"], 0, true)?;
            let s = this(vm, s.unwrap_or(&Value::None))?;
            let keep = match keepends { Some(k) => vm.truthy(k)?, None => false };
            Ok(Value::list(strings::split::splitlines(s.as_str(), keep).into_iter().map(Value::str).collect()))
        },
        "partition" => |vm, a| partition(vm, a, "str.partition", false),
        "rpartition" => |vm, a| partition(vm, a, "str.rpartition", true),
        "join" => |vm, a| {
            let (s, it) = one_arg(vm, a, "str.join")?;
            let s = this(vm, s)?;
            let it = it.clone();
            join(vm, s.as_str(), &it).map(out)
        },
        "replace" => |vm, a| {
            let (s, rest) = arity(vm, a, "str.replace", 2, 3)?;
            let s = this(vm, s)?;
            let mut pieces = Vec::new();
            for (i, v) in rest[..2].iter().enumerate() {
                match v {
                    Value::Str(p) => pieces.push(p.clone()),
                    other => {
                        let k = vm.type_name(other);
                        return Err(vm.type_error(format!("replace() argument {} must be str, not {k}", i + 1)));
                    }
                }
            }
            let count = match rest.get(2) {
                Some(c) => { let c = super::to_isize(vm, c)?; (c >= 0).then_some(c as usize) }
                None => None,
            };
            strings::replace::replace(s.as_str(), pieces[0].as_str(), pieces[1].as_str(), count).map(out).map_err(|e| str_err(vm, e))
        },
        "removeprefix" => |vm, a| affix(vm, a, "removeprefix"),
        "removesuffix" => |vm, a| affix(vm, a, "removesuffix"),
        "encode" => str_encode,
        "format" => |vm, a| {
            let positional = a.positional();
            let Some(s) = positional.first() else { return Err(vm.type_error("descriptor 'format' of 'str' object needs an argument")) };
            let s = this(vm, s)?;
            let kwargs = PyDict::new();
            for (k, v) in a.keywords() { kwargs.set_str(vm.interner.intern(k), v.clone()); }
            let kwargs = Value::Dict(Rc::new(kwargs));
            super::format::format(vm, s.as_str(), &positional[1..], Some(&kwargs)).map(out)
        },
        "format_map" => |vm, a| {
            let (s, m) = one_arg(vm, a, "str.format_map")?;
            let s = this(vm, s)?;
            let m = m.clone();
            super::format::format(vm, s.as_str(), &[], Some(&m)).map(out)
        },
        "translate" => str_translate,
    });
    add_native(
        vm,
        &str_,
        "maketrans",
        "str.maketrans",
        str_maketrans,
        NativeKind::StaticMethod,
    );
}

fn affix(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let (s, p) = one_arg(vm, args, name)?;
    let s = this(vm, s)?;
    let Value::Str(p) = p else {
        let k = vm.type_name(p);
        return Err(vm.type_error(format!("{name}() argument must be str, not {k}")));
    };
    let r = if name == "removeprefix" {
        strings::strip::removeprefix(s.as_str(), p.as_str())
    } else {
        strings::strip::removesuffix(s.as_str(), p.as_str())
    };
    if r.len() == s.as_str().len() {
        return Ok(Value::Str(s));
    }
    Ok(Value::str(r))
}

fn cmp(vm: &mut Vm, args: Args<'_>, test: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "str.__cmp__")?;
    let (Value::Str(x), Value::Str(y)) = (a, b) else {
        return NOT_IMPLEMENTED;
    };
    Ok(Value::Bool(test(x.as_str().cmp(y.as_str()))))
}

fn str_mul(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, n) = one_arg(vm, args, "str.__mul__")?;
    let s = this(vm, s)?;
    let Some(n) = super::tuple::repeat_count(vm, n)? else {
        return super::tuple::bad_repeat(vm, n);
    };
    if n == 1 {
        return Ok(Value::Str(s));
    }
    strings::replace::repeat(text(&s), n)
        .map(out)
        .map_err(|e| str_err(vm, e))
}

/// `s[start:stop:step]` for bounds already clamped by `slice.indices` (`n` positions).
pub(crate) fn slice_str(s: &Rc<PyStr>, start: i64, stop: i64, step: i64, n: usize) -> Value {
    let len = s.char_len();
    if step == 1 {
        if n == len {
            return Value::Str(s.clone());
        }
        if n == 1 {
            return char_value(s.char_at(start as usize).unwrap_or_default());
        }
        let (lo, hi) = (start as usize, stop.max(start) as usize);
        return part(s, text(s).slice(lo, hi));
    }
    let r: String = if s.is_ascii() {
        let b = s.as_str().as_bytes();
        super::slice::positions(start, step, n)
            .map(|i| b[i] as char)
            .collect()
    } else {
        let chars: Vec<char> = s.as_str().chars().collect();
        super::slice::positions(start, step, n)
            .map(|i| chars[i])
            .collect()
    };
    out(r)
}

/// A one-character string; the ASCII ones are shared, as CPython shares its latin-1
/// single-character strings.
pub(crate) fn char_value(c: char) -> Value {
    Value::Str(PyStr::from_char(c))
}

fn str_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, key) = one_arg(vm, args, "str.__getitem__")?;
    let s = this(vm, s)?;
    let len = s.char_len();
    if super::slice::as_slice(key).is_some() {
        let (start, stop, step, n) = super::slice::indices(vm, key, len)?;
        return Ok(slice_str(&s, start, stop, step, n));
    }
    if !super::is_index(vm, key) {
        let k = vm.type_name(key);
        return Err(vm.type_error(format!("string indices must be integers, not '{k}'")));
    }
    match super::seq_index(vm, key, len)? {
        Some(i) => Ok(char_value(s.char_at(i).unwrap_or_default())),
        None => Err(super::index_error(vm, "string index out of range")),
    }
}

fn str_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_cls, [obj, encoding, errors]) =
        bind(vm, args, "str", ["object", "encoding", "errors"], 0, true)?;
    let Some(obj) = obj else {
        return Ok(Value::str(""));
    };
    if encoding.is_none() && errors.is_none() {
        return Ok(out(vm.str(obj)?));
    }
    let mut names = ["utf-8".to_owned(), "strict".to_owned()];
    for (i, (v, what)) in [(encoding, "encoding"), (errors, "errors")]
        .into_iter()
        .enumerate()
    {
        match v {
            None => {}
            Some(Value::Str(e)) => names[i] = e.as_str().to_owned(),
            Some(other) => {
                let k = vm.type_name(other);
                return Err(vm.type_error(format!("str() argument '{what}' must be str, not {k}")));
            }
        }
    }
    match obj {
        Value::Object(o) if matches!(o.kind, ObjKind::Bytes(_)) => {
            let b = super::iter::bytes_of(obj).to_vec();
            decode(vm, &b, &names[0], &names[1]).map(out)
        }
        Value::Str(_) => Err(vm.type_error("decoding str is not supported")),
        other => {
            let k = vm.type_name(other);
            Err(vm.type_error(format!(
                "decoding to str: need a bytes-like object, {k} found"
            )))
        }
    }
}

fn str_translate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, table) = one_arg(vm, args, "str.translate")?;
    let s = this(vm, s)?;
    let table = table.clone();
    let getitem = match super::lookup_dunder(vm, &table, "__getitem__") {
        Some(f) => f,
        None => {
            let k = vm.type_name(&table);
            return Err(vm.type_error(format!("'{k}' object is not subscriptable")));
        }
    };
    let lookup_error = vm.types.lookup_error.clone();
    let mut result = String::with_capacity(s.as_str().len());
    for c in s.as_str().chars() {
        let r = if let Value::Dict(d) = &table {
            d.get(vm, &Value::Int(c as i64))?
        } else {
            match vm.call(&getitem, &[table.clone(), Value::Int(c as i64)]) {
                Ok(v) => Some(v),
                Err(e) if vm.class_of(&e.exc).is_subclass(&lookup_error) => None,
                Err(e) => return Err(e),
            }
        };
        match r {
            None => result.push(c),
            Some(Value::None) => {}
            Some(Value::Str(t)) => result.push_str(t.as_str()),
            Some(v) => match super::int::as_int(&v) {
                Some(super::int::Int::S(n)) if (0..=0x10ffff).contains(&n) => {
                    result.push(char::from_u32(n as u32).unwrap_or('\u{fffd}'))
                }
                Some(_) => {
                    return Err(value_error(
                        vm,
                        "character mapping must be in range(0x110000)",
                    ))
                }
                None => {
                    return Err(vm.type_error("character mapping must return integer, None or str"))
                }
            },
        }
    }
    Ok(out(result))
}

fn str_maketrans(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("maketrans() takes no keyword arguments"));
    }
    let rest = args.positional();
    super::check_count(vm, rest.len(), "maketrans", 1, 3)?;
    let d = PyDict::new();
    if rest.len() == 1 {
        let Value::Dict(src) = &rest[0] else {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        };
        for (k, v, _) in super::dict::entries(src) {
            let key = match &k {
                Value::Str(s) if s.char_len() == 1 => {
                    Value::Int(s.as_str().chars().next().unwrap_or('\0') as i64)
                }
                Value::Str(_) => {
                    return Err(value_error(
                        vm,
                        "string keys in translate table must be of length 1",
                    ))
                }
                other if super::int::as_int(other).is_some() => other.clone(),
                _ => {
                    return Err(vm.type_error("keys in translate table must be strings or integers"))
                }
            };
            d.set(vm, key, v)?;
        }
        return Ok(Value::Dict(Rc::new(d)));
    }
    let mut parts = Vec::new();
    for (i, v) in rest.iter().enumerate() {
        match v {
            Value::Str(s) => parts.push(s.as_str().to_owned()),
            other => {
                let k = vm.type_name(other);
                return Err(vm.type_error(format!(
                    "maketrans() argument {} must be str, not {k}",
                    i + 1
                )));
            }
        }
    }
    let z = parts.get(2).cloned().unwrap_or_default();
    let pairs =
        strings::replace::maketrans(&parts[0], &parts[1], &z).map_err(|e| str_err(vm, e))?;
    for (from, to) in pairs {
        let v = to.map_or(Value::None, |c| Value::Int(c as i64));
        d.set(vm, Value::Int(from as i64), v)?;
    }
    Ok(Value::Dict(Rc::new(d)))
}
