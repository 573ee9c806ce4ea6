//! `json.JSONEncoder` and `json.JSONDecoder`: classes Python code subclasses (an encoder with
//! its own `default`, a decoder with hooks), and what `dumps(cls=…)`/`loads(cls=…)` call.
//! Their options live in instance attributes, as in CPython.

use super::{dumps_with, loads_with};
use crate::builtins::functions::ArgSpec;
use crate::runtime::error::PyResult;
use crate::runtime::types::class::PyClass;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::native::{Args, NativeFn, NativeKind, PyNative};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

const ENCODER_OPTIONS: &[&str] = &[
    "skipkeys",
    "ensure_ascii",
    "check_circular",
    "allow_nan",
    "sort_keys",
    "indent",
    "separators",
    "default",
];

const DECODER_OPTIONS: &[&str] = &[
    "object_hook",
    "parse_float",
    "parse_int",
    "parse_constant",
    "strict",
    "object_pairs_hook",
];

fn add_method(vm: &mut Vm, class: &Rc<PyClass>, qualname: &'static str, f: NativeFn) {
    let mut native = PyNative::method(qualname, f);
    native.kind = NativeKind::Method;
    let name = native.name;
    crate::builtins::types::add_attr(vm, class, name, Value::Native(Rc::new(native)));
}

pub fn install(vm: &mut Vm, module: &Rc<PyDict>) {
    let object = vm.types.object.clone();
    let encoder_module = crate::modules::new_module(vm, "json.encoder");
    let encoder = crate::modules::new_python_class(
        vm,
        &encoder_module,
        "json.encoder",
        "JSONEncoder",
        object.clone(),
    );
    add_method(vm, &encoder, "JSONEncoder.__init__", encoder_init);
    add_method(vm, &encoder, "JSONEncoder.default", encoder_default);
    add_method(vm, &encoder, "JSONEncoder.encode", encoder_encode);
    add_method(vm, &encoder, "JSONEncoder.iterencode", encoder_iterencode);
    crate::builtins::types::add_attr(vm, &encoder, "item_separator", Value::str(", "));
    crate::builtins::types::add_attr(vm, &encoder, "key_separator", Value::str(": "));
    crate::modules::add_value(vm, module, "JSONEncoder", Value::Class(encoder));
    let key = vm.interner.intern("json.decoder");
    let decoder_dict = match vm.modules.get_str(&key) {
        Some(Value::Object(o)) => match &o.kind {
            crate::runtime::types::object::ObjKind::Module(m) => m.dict.clone(),
            _ => module.clone(),
        },
        _ => module.clone(),
    };
    let decoder =
        crate::modules::new_python_class(vm, &decoder_dict, "json.decoder", "JSONDecoder", object);
    add_method(vm, &decoder, "JSONDecoder.__init__", decoder_init);
    add_method(vm, &decoder, "JSONDecoder.decode", decoder_decode);
    add_method(vm, &decoder, "JSONDecoder.raw_decode", decoder_raw_decode);
    crate::modules::add_value(vm, module, "JSONDecoder", Value::Class(decoder));
}

fn set(vm: &mut Vm, obj: &Value, name: &str, v: Value) -> PyResult<()> {
    let key = vm.interner.intern(name);
    vm.set_attr(obj, &key, v)
}

fn get(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Value> {
    let key = vm.interner.intern(name);
    vm.get_attr(obj, &key)
}

fn encoder_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "__init__",
        names: &[
            "self",
            "skipkeys",
            "ensure_ascii",
            "check_circular",
            "allow_nan",
            "sort_keys",
            "indent",
            "separators",
            "default",
        ],
        posonly: 0,
        required: 1,
        maxpos: 1,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let this = parsed.get(0).cloned().unwrap_or(Value::None);
    let defaults = [
        Value::Bool(false),
        Value::Bool(true),
        Value::Bool(true),
        Value::Bool(true),
        Value::Bool(false),
        Value::None,
    ];
    for (i, default) in defaults.into_iter().enumerate() {
        let v = parsed.get(i + 1).cloned().unwrap_or(default);
        set(vm, &this, ENCODER_OPTIONS[i], v)?;
    }
    if let Some(seps) = parsed.given(7).cloned() {
        let parts = vm.collect_iterable(&seps)?;
        if let [item, key] = parts.as_slice() {
            set(vm, &this, "item_separator", item.clone())?;
            set(vm, &this, "key_separator", key.clone())?;
        }
    } else if parsed.given(6).is_some() {
        set(vm, &this, "item_separator", Value::str(","))?;
    }
    if let Some(default) = parsed.given(8).cloned() {
        set(vm, &this, "default", default)?;
    }
    Ok(Value::None)
}

fn encoder_default(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let o = args.positional().get(1).cloned().unwrap_or(Value::None);
    let t = vm.type_name(&o);
    Err(vm.type_error(format!("Object of type {t} is not JSON serializable")))
}

/// The encoding of `o` with the options of encoder `this`.
fn encode_with(vm: &mut Vm, this: &Value, o: Value) -> PyResult<String> {
    let mut slots: Vec<Option<Value>> = vec![Some(o)];
    for name in ["skipkeys", "ensure_ascii", "check_circular", "allow_nan"] {
        slots.push(Some(get(vm, this, name)?));
    }
    slots.push(None); // cls
    slots.push(Some(get(vm, this, "indent")?));
    let item = get(vm, this, "item_separator")?;
    let key = get(vm, this, "key_separator")?;
    slots.push(Some(Value::tuple(vec![item, key])));
    slots.push(Some(get(vm, this, "default")?));
    slots.push(Some(get(vm, this, "sort_keys")?));
    dumps_with(vm, &slots)
}

fn encoder_encode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = crate::builtins::functions::args::positional(vm, &args, "encode", 2, 2)?;
    encode_with(vm, &values[0], values[1].clone()).map(|s| Value::str(&s))
}

fn encoder_iterencode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = crate::builtins::functions::args::positional(vm, &args, "iterencode", 2, 3)?;
    let text = encode_with(vm, &values[0], values[1].clone())?;
    let chunks = Value::list(vec![Value::str(&text)]);
    vm.get_iter(&chunks)
}

fn decoder_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "__init__",
        names: &[
            "self",
            "object_hook",
            "parse_float",
            "parse_int",
            "parse_constant",
            "strict",
            "object_pairs_hook",
        ],
        posonly: 0,
        required: 1,
        maxpos: 1,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let this = parsed.get(0).cloned().unwrap_or(Value::None);
    for (i, name) in DECODER_OPTIONS.iter().enumerate() {
        let default = if *name == "strict" {
            Value::Bool(true)
        } else {
            Value::None
        };
        let v = parsed.get(i + 1).cloned().unwrap_or(default);
        set(vm, &this, name, v)?;
    }
    Ok(Value::None)
}

/// `loads` slots (`s`, cls, hooks…, strict) from decoder `this`'s attributes.
fn decoder_slots(vm: &mut Vm, this: &Value, s: Value) -> PyResult<Vec<Option<Value>>> {
    let mut slots = vec![Some(s), None];
    for name in [
        "object_hook",
        "parse_float",
        "parse_int",
        "parse_constant",
        "object_pairs_hook",
        "strict",
    ] {
        slots.push(Some(get(vm, this, name)?));
    }
    Ok(slots)
}

fn decoder_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = crate::builtins::functions::args::positional(vm, &args, "decode", 2, 2)?;
    let slots = decoder_slots(vm, &values[0], values[1].clone())?;
    loads_with(vm, &slots)
}

/// `raw_decode(s, idx=0)`: the value at `idx` and where it ends (extra data allowed).
fn decoder_raw_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = crate::builtins::functions::args::positional(vm, &args, "raw_decode", 2, 3)?;
    let idx = match values.get(2) {
        Some(Value::Int(i)) => (*i).max(0) as usize,
        _ => 0,
    };
    let mut slots = decoder_slots(vm, &values[0], values[1].clone())?;
    slots.push(Some(Value::Int(idx as i64)));
    super::raw_decode_with(vm, &slots)
}
