//! The `json` module, native: `dumps`/`dump` and `loads`/`load` with CPython's options,
//! output and messages, and `JSONDecodeError` (a `ValueError` with `msg`, `doc`, `pos`,
//! `lineno` and `colno`). `json.decoder` holds the error class too, as in CPython.

mod classes;
mod decode;
mod encode;

use crate::builtins::functions::ArgSpec;
use crate::modules::{add_function, add_value, new_module};
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::native::{Args, NativeKind, PyNative};
use crate::runtime::value::Value;
use crate::vm::Vm;
use decode::{DecodeError, Decoder, Hooks};
use encode::Encoder;
use std::rc::Rc;

const DOCS: &[(&str, &str)] = &[
    ("dumps", "dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None, indent=None, separators=None, default=None, sort_keys=False)\n\nSerialize obj to a JSON formatted str."),
    ("dump", "dump(obj, fp, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None, indent=None, separators=None, default=None, sort_keys=False)\n\nSerialize obj as a JSON formatted stream to fp (a .write()-supporting file-like object)."),
    ("loads", "loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None, object_pairs_hook=None)\n\nDeserialize s (a str, bytes or bytearray instance containing a JSON document) to a Python object."),
    ("load", "load(fp, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None, object_pairs_hook=None)\n\nDeserialize fp (a .read()-supporting file-like object containing a JSON document) to a Python object."),
];

pub fn install(vm: &mut Vm) {
    let module = new_module(vm, "json");
    let decoder = new_module(vm, "json.decoder");
    let base = vm.types.value_error.clone();
    let error =
        crate::modules::new_python_class(vm, &decoder, "json.decoder", "JSONDecodeError", base);
    let mut init = PyNative::method("JSONDecodeError.__init__", error_init);
    init.kind = NativeKind::Method;
    crate::builtins::types::add_attr(vm, &error, "__init__", Value::Native(Rc::new(init)));
    add_value(vm, &module, "JSONDecodeError", Value::Class(error));
    add_function(vm, &module, "dumps", json_dumps);
    add_function(vm, &module, "dump", json_dump);
    add_function(vm, &module, "loads", json_loads);
    add_function(vm, &module, "load", json_load);
    classes::install(vm, &module);
    crate::modules::set_docs(vm, &module, DOCS);
    let all = [
        "dump",
        "dumps",
        "load",
        "loads",
        "JSONDecoder",
        "JSONDecodeError",
        "JSONEncoder",
    ]
    .iter()
    .map(|n| Value::str(n))
    .collect();
    add_value(vm, &module, "__all__", Value::list(all));
}

/// `JSONDecodeError(msg, doc, pos)`: the message gets the line and column appended.
fn error_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "__init__",
        names: &["self", "msg", "doc", "pos"],
        posonly: 0,
        required: 4,
        maxpos: 4,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let get = |i: usize| parsed.get(i).cloned().unwrap_or(Value::None);
    let (this, msg, doc, pos) = (get(0), get(1), get(2), get(3));
    let pos_n = match pos {
        Value::Int(p) => p.max(0) as usize,
        _ => 0,
    };
    let msg_text = vm.str(&msg)?;
    let doc_text = match &doc {
        Value::Str(s) => s.as_str().to_owned(),
        _ => String::new(),
    };
    let (lineno, colno) = line_col(&doc_text, pos_n);
    let full = format!("{msg_text}: line {lineno} column {colno} (char {pos_n})");
    if let Some(mut state) = crate::vm::exceptions::exception_state(&this) {
        state.args = Value::tuple(vec![Value::str(&full)]);
    }
    for (name, value) in [
        ("msg", msg),
        ("doc", doc),
        ("pos", pos),
        ("lineno", Value::Int(lineno as i64)),
        ("colno", Value::Int(colno as i64)),
    ] {
        let key = vm.interner.intern(name);
        vm.set_attr(&this, &key, value)?;
    }
    Ok(Value::None)
}

/// Line and column (1-based) of character `pos` of `doc`.
fn line_col(doc: &str, pos: usize) -> (usize, usize) {
    let mut line = 1;
    let mut last_newline: Option<usize> = None;
    for (i, c) in doc.chars().take(pos).enumerate() {
        if c == '\n' {
            line += 1;
            last_newline = Some(i);
        }
    }
    let col = match last_newline {
        Some(n) => pos - n,
        None => pos + 1,
    };
    (line, col)
}

fn decode_error(vm: &mut Vm, msg: &str, doc: &str, byte_pos: usize) -> PyErr {
    let pos = doc
        .get(..byte_pos)
        .map_or(byte_pos, |prefix| prefix.chars().count());
    let key = vm.interner.intern("json");
    let name = vm.interner.intern("JSONDecodeError");
    let class = match vm.modules.get_str(&key) {
        Some(Value::Object(o)) => match &o.kind {
            crate::runtime::types::object::ObjKind::Module(m) => m.dict.get_str(&name),
            _ => None,
        },
        _ => None,
    };
    let class = match class {
        Some(Value::Class(c)) => c,
        _ => return crate::builtins::types::value_error(vm, msg),
    };
    let args = [Value::str(msg), Value::str(doc), Value::Int(pos as i64)];
    match vm.call(&Value::Class(class), &args) {
        Ok(exc) => PyErr { exc },
        Err(e) => e,
    }
}

const DUMPS_NAMES: &[&str] = &[
    "obj",
    "skipkeys",
    "ensure_ascii",
    "check_circular",
    "allow_nan",
    "cls",
    "indent",
    "separators",
    "default",
    "sort_keys",
];

fn json_dumps(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "dumps",
        names: DUMPS_NAMES,
        posonly: 0,
        required: 1,
        maxpos: 1,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let slots: Vec<Option<Value>> = parsed.slots;
    dumps_with(vm, &slots).map(|s| Value::str(&s))
}

fn json_dump(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const NAMES: &[&str] = &[
        "obj",
        "fp",
        "skipkeys",
        "ensure_ascii",
        "check_circular",
        "allow_nan",
        "cls",
        "indent",
        "separators",
        "default",
        "sort_keys",
    ];
    const SPEC: ArgSpec = ArgSpec {
        fname: "dump",
        names: NAMES,
        posonly: 0,
        required: 2,
        maxpos: 2,
    };
    let mut slots = SPEC.parse(vm, &args)?.slots;
    let fp = slots.remove(1).unwrap_or(Value::None);
    let text = dumps_with(vm, &slots)?;
    let write = vm.interner.intern("write");
    let write = vm.get_attr(&fp, &write)?;
    vm.call(&write, &[Value::str(&text)])?;
    Ok(Value::None)
}

/// The encoding of `slots[0]` with the options in the remaining slots (`DUMPS_NAMES` order).
fn dumps_with(vm: &mut Vm, slots: &[Option<Value>]) -> PyResult<String> {
    let get = |i: usize| slots.get(i).cloned().flatten();
    let obj = get(0).unwrap_or(Value::None);
    let flag = |vm: &mut Vm, i: usize, default: bool| -> PyResult<bool> {
        match get(i) {
            Some(v) => vm.truthy(&v),
            None => Ok(default),
        }
    };
    let skipkeys = flag(vm, 1, false)?;
    let ensure_ascii = flag(vm, 2, true)?;
    let check_circular = flag(vm, 3, true)?;
    let allow_nan = flag(vm, 4, true)?;
    let sort_keys = flag(vm, 9, false)?;
    if let Some(cls) = get(5).filter(|c| !c.is_none()) {
        // `cls(skipkeys=…, …, sort_keys=…).encode(obj)`, as CPython calls it.
        let mut values = Vec::new();
        let mut names = Vec::new();
        for (i, name) in DUMPS_NAMES.iter().enumerate().skip(1) {
            if *name == "cls" {
                continue;
            }
            let v = match (i, get(i)) {
                (_, Some(v)) => v,
                (1 | 9, None) => Value::Bool(false),
                (2..=4, None) => Value::Bool(true),
                _ => Value::None,
            };
            values.push(v);
            names.push(vm.interner.intern(name));
        }
        let encoder = vm.call_with_keywords(&cls, &values, &names)?;
        let encode = vm.interner.intern("encode");
        let encode = vm.get_attr(&encoder, &encode)?;
        let r = vm.call(&encode, &[obj])?;
        return vm.str(&r);
    }
    let indent = match get(6) {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(s.as_str().to_owned()),
        Some(Value::Int(n)) => Some(" ".repeat(n.max(0) as usize)),
        Some(Value::Bool(b)) => Some(" ".repeat(usize::from(b))),
        Some(other) => {
            let t = vm.type_name(&other);
            return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{t}'")));
        }
    };
    let (item_sep, key_sep) = match get(7).filter(|v| !v.is_none()) {
        Some(seps) => {
            let parts = vm.collect_iterable(&seps)?;
            if parts.len() != 2 {
                return Err(crate::builtins::types::value_error(
                    vm,
                    "too many values to unpack (expected 2)",
                ));
            }
            (vm.str(&parts[0])?, vm.str(&parts[1])?)
        }
        None if indent.is_some() => (",".to_owned(), ": ".to_owned()),
        None => (", ".to_owned(), ": ".to_owned()),
    };
    let default = get(8).filter(|v| !v.is_none());
    let mut enc = Encoder::new(
        indent,
        item_sep,
        key_sep,
        sort_keys,
        skipkeys,
        ensure_ascii,
        allow_nan,
        check_circular,
        default,
    );
    enc.encode(vm, &obj, 0)?;
    Ok(enc.out)
}

const LOADS_NAMES: &[&str] = &[
    "s",
    "cls",
    "object_hook",
    "parse_float",
    "parse_int",
    "parse_constant",
    "object_pairs_hook",
    "strict",
];

fn json_loads(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "loads",
        names: LOADS_NAMES,
        posonly: 0,
        required: 1,
        maxpos: 1,
    };
    let parsed = SPEC.parse(vm, &args)?;
    loads_with(vm, &parsed.slots)
}

fn loads_with(vm: &mut Vm, slots: &[Option<Value>]) -> PyResult<Value> {
    let get = |i: usize| slots.get(i).cloned().flatten().filter(|v| !v.is_none());
    let s = slots.first().cloned().flatten().unwrap_or(Value::None);
    if let Some(cls) = get(1) {
        // `cls(**hooks).decode(s)` with the hooks that were given.
        let mut values = Vec::new();
        let mut names = Vec::new();
        for (i, name) in LOADS_NAMES.iter().enumerate().skip(2) {
            if let Some(v) = slots.get(i).cloned().flatten() {
                values.push(v);
                names.push(vm.interner.intern(name));
            }
        }
        let decoder = vm.call_with_keywords(&cls, &values, &names)?;
        let decode = vm.interner.intern("decode");
        let decode = vm.get_attr(&decoder, &decode)?;
        return vm.call(&decode, &[s]);
    }
    let text = document_text(vm, &s)?;
    let hooks = hooks_of(vm, slots)?;
    let decoder = Decoder::new(&text, &hooks);
    match decoder.decode(vm) {
        Ok(v) => Ok(v),
        Err(DecodeError::Py(e)) => Err(e),
        Err(DecodeError::Json(msg, pos)) => Err(decode_error(vm, msg, &text, pos)),
    }
}

/// `JSONDecoder.raw_decode(s, idx)`: slots as `loads` takes them plus `idx` last.
fn raw_decode_with(vm: &mut Vm, slots: &[Option<Value>]) -> PyResult<Value> {
    let s = slots.first().cloned().flatten().unwrap_or(Value::None);
    let idx = match slots.last().cloned().flatten() {
        Some(Value::Int(i)) => i.max(0) as usize,
        _ => 0,
    };
    let text = document_text(vm, &s)?;
    let hooks = hooks_of(vm, &slots[..slots.len() - 1])?;
    let decoder = Decoder::new(&text, &hooks);
    let start = text.char_indices().nth(idx).map_or(text.len(), |(b, _)| b);
    match decoder.raw(vm, start) {
        Ok((v, end)) => {
            let end_chars = text[..end].chars().count();
            Ok(Value::tuple(vec![v, Value::Int(end_chars as i64)]))
        }
        Err(DecodeError::Py(e)) => Err(e),
        Err(DecodeError::Json(msg, pos)) => Err(decode_error(vm, msg, &text, pos)),
    }
}

fn hooks_of(vm: &mut Vm, slots: &[Option<Value>]) -> PyResult<Hooks> {
    let get = |i: usize| slots.get(i).cloned().flatten().filter(|v| !v.is_none());
    let strict = match slots.get(7).cloned().flatten() {
        Some(v) => vm.truthy(&v)?,
        None => true,
    };
    Ok(Hooks {
        object_hook: get(2),
        parse_float: get(3),
        parse_int: get(4),
        parse_constant: get(5),
        object_pairs_hook: get(6),
        strict,
    })
}

/// The document as text: a str (no BOM), or UTF-8 bytes.
fn document_text(vm: &mut Vm, s: &Value) -> PyResult<String> {
    Ok(match s {
        Value::Str(t) => {
            if t.as_str().starts_with('\u{feff}') {
                return Err(decode_error(
                    vm,
                    "Unexpected UTF-8 BOM (decode using utf-8-sig)",
                    t.as_str(),
                    0,
                ));
            }
            t.as_str().to_owned()
        }
        other => match encode::bytes_of(other) {
            Some(b) => {
                let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
                match std::str::from_utf8(b) {
                    Ok(t) => t.to_owned(),
                    Err(_) => {
                        return Err(crate::builtins::types::named_error(
                            vm,
                            "UnicodeDecodeError",
                            "'utf-8' codec can't decode bytes",
                        ))
                    }
                }
            }
            None => {
                let t = vm.type_name(other);
                return Err(vm.type_error(format!(
                    "the JSON object must be str, bytes or bytearray, not {t}"
                )));
            }
        },
    })
}

fn json_load(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "load",
        names: &[
            "fp",
            "cls",
            "object_hook",
            "parse_float",
            "parse_int",
            "parse_constant",
            "object_pairs_hook",
            "strict",
        ],
        posonly: 0,
        required: 1,
        maxpos: 1,
    };
    let mut slots = SPEC.parse(vm, &args)?.slots;
    let fp = slots[0].clone().unwrap_or(Value::None);
    let read = vm.interner.intern("read");
    let read = vm.get_attr(&fp, &read)?;
    slots[0] = Some(vm.call(&read, &[])?);
    loads_with(vm, &slots)
}
