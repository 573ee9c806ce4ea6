//! The `sys` module: what a program learns about and asks of the interpreter.

use crate::runtime::error::PyResult;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::native::{Args, NativeFn, PyNative};
use crate::runtime::types::object::{ObjKind, PyModule, PyObject, StreamKind};
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

/// The largest recursion limit `sys.setrecursionlimit` accepts: frames live on the VM's heap
/// stack, so only Rust re-entry (dunder calls from native code) uses the native stack, and that
/// is guarded separately.
const MAX_RECURSION_LIMIT: i64 = 1_000_000;

pub fn install(vm: &mut Vm) {
    let dict = crate::runtime::gc::tracked(PyDict::new());
    let name = vm.interner.intern("sys");
    let module = Value::Object(crate::runtime::gc::tracked(PyObject::new(ObjKind::Module(
        PyModule {
            name: name.clone(),
            dict: dict.clone(),
        },
    ))));
    let set = |vm: &mut Vm, key: &str, value: Value| {
        let key = vm.interner.intern(key);
        dict.set_str(key, value);
    };
    set(vm, "__name__", Value::str("sys"));
    set(vm, "argv", Value::list(vec![Value::str("")]));
    set(vm, "modules", Value::Dict(vm.modules.clone()));
    set(vm, "maxsize", Value::Int(i64::MAX));
    set(vm, "byteorder", Value::str("little"));
    set(vm, "platform", Value::str("linux"));
    set(vm, "implementation_name", Value::str("adder"));
    set(vm, "version", Value::str("3.11.7 (adder)"));
    set(
        vm,
        "version_info",
        Value::tuple(vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(7),
            Value::str("final"),
            Value::Int(0),
        ]),
    );
    set(vm, "hexversion", Value::Int(0x030B07F0));
    // `''`: the working directory, as for the REPL and `-c`; `adder run FILE` puts the
    // script's directory there instead (`set_path0`).
    set(vm, "path", Value::list(vec![Value::str("")]));
    set(vm, "stdout", stream(StreamKind::Stdout));
    set(vm, "stderr", stream(StreamKind::Stderr));
    set(vm, "stdin", stream(StreamKind::Stdin));
    set(vm, "__stdin__", stream(StreamKind::Stdin));
    set(vm, "__stdout__", stream(StreamKind::Stdout));
    set(vm, "__stderr__", stream(StreamKind::Stderr));
    let functions: [(&'static str, NativeFn); 8] = [
        ("getdefaultencoding", |_, _| Ok(Value::str("utf-8"))),
        ("intern", |vm, a| match a.positional() {
            [s @ Value::Str(_)] => Ok(s.clone()),
            [other] => {
                let t = vm.type_name(other);
                Err(vm.type_error(format!("intern() argument must be str, not {t}")))
            }
            _ => Err(vm.type_error("intern() takes exactly one argument")),
        }),
        ("exit", sys_exit),
        ("getrecursionlimit", sys_getrecursionlimit),
        ("setrecursionlimit", sys_setrecursionlimit),
        ("exc_info", sys_exc_info),
        ("get_int_max_str_digits", sys_get_int_max_str_digits),
        ("set_int_max_str_digits", sys_set_int_max_str_digits),
    ];
    for (fname, func) in functions {
        let native = PyNative {
            qualname: fname,
            ..PyNative::function(fname, func)
        };
        set(vm, fname, Value::Native(Rc::new(native)));
    }
    vm.modules.set_str(name, module);
    install_stream_methods(vm);
}

/// `sys.version_info`, `sys.float_info`, `sys.int_info`: named struct sequences, built by
/// the bundled `_sysinfo` module (run once, unquickened, then dropped from `sys.modules`).
pub fn install_struct_sequences(vm: &mut Vm) {
    let quicken = std::mem::replace(&mut vm.quicken, false);
    let info = vm.import_absolute("_sysinfo");
    vm.quicken = quicken;
    vm.modules.remove_str(&vm.interner.intern("_sysinfo"));
    let (Ok(Value::Object(info)), Some(Value::Object(sys))) =
        (info, vm.modules.get_str(&vm.interner.intern("sys")))
    else {
        return;
    };
    let (ObjKind::Module(info), ObjKind::Module(sys)) = (&info.kind, &sys.kind) else {
        return;
    };
    for name in ["version_info", "float_info", "int_info"] {
        let key = vm.interner.intern(name);
        if let Some(v) = info.dict.get_str(&key) {
            sys.dict.set_str(key, v);
        }
    }
    // `time.struct_time` is built there too.
    let key = vm.interner.intern("struct_time");
    if let (Some(class), Some(Value::Object(time))) = (
        info.dict.get_str(&key),
        vm.modules.get_str(&vm.interner.intern("time")),
    ) {
        if let ObjKind::Module(time) = &time.kind {
            time.dict.set_str(key, class);
        }
    }
}

/// Sets `sys.argv` (the script path first, as CPython does).
pub fn set_argv(vm: &mut Vm, argv: &[String]) {
    let list = Value::list(argv.iter().map(|a| Value::str(a)).collect());
    if let Some(Value::Object(m)) = vm.modules.get_str(&vm.interner.intern("sys")) {
        if let ObjKind::Module(module) = &m.kind {
            module.dict.set_str(vm.interner.intern("argv"), list);
        }
    }
}

/// Sets `sys.path[0]`, where imports look first: the script's directory for a program run
/// from a file.
pub fn set_path0(vm: &mut Vm, entry: &str) {
    if let Some(Value::Object(m)) = vm.modules.get_str(&vm.interner.intern("sys")) {
        if let ObjKind::Module(module) = &m.kind {
            if let Some(Value::List(path)) = module.dict.get_str(&vm.interner.intern("path")) {
                let mut items = path.borrow_mut();
                match items.first_mut() {
                    Some(first) => *first = Value::str(entry),
                    None => items.push(Value::str(entry)),
                }
            }
        }
    }
}

fn stream(kind: StreamKind) -> Value {
    Value::Object(crate::runtime::gc::tracked(PyObject::new(
        ObjKind::HostStream(kind),
    )))
}

fn install_stream_methods(vm: &mut Vm) {
    let class = vm.types.text_io.clone();
    let methods: [(&'static str, &'static str, NativeFn); 9] = [
        ("write", "TextIOWrapper.write", stream_write),
        ("readline", "TextIOWrapper.readline", stream_readline),
        ("readlines", "TextIOWrapper.readlines", stream_readlines),
        ("read", "TextIOWrapper.read", stream_read),
        ("__iter__", "TextIOWrapper.__iter__", stream_iter),
        ("__next__", "TextIOWrapper.__next__", stream_next),
        ("writelines", "TextIOWrapper.writelines", stream_writelines),
        ("flush", "TextIOWrapper.flush", stream_flush),
        ("isatty", "TextIOWrapper.isatty", |_, _| {
            Ok(Value::Bool(false))
        }),
    ];
    for (name, qualname, func) in methods {
        let key = vm.interner.intern(name);
        class.dict.set_str(
            key,
            Value::Native(Rc::new(PyNative::method(qualname, func))),
        );
    }
    for (name, value) in [("encoding", "utf-8"), ("errors", "strict"), ("mode", "w")] {
        let key = vm.interner.intern(name);
        class.dict.set_str(key, Value::str(value));
    }
}

/// `writelines(lines)`: each item written as by `write`.
fn stream_writelines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [this, lines] = args.positional() else {
        return Err(vm.type_error("writelines() takes exactly one argument"));
    };
    let items = vm.collect_iterable(lines)?;
    for item in items {
        stream_write(vm, Args::positional_only(&[this.clone(), item]))?;
    }
    Ok(Value::None)
}

fn stream_kind(v: &Value) -> Option<StreamKind> {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::HostStream(k) => Some(*k),
            _ => None,
        },
        _ => None,
    }
}

fn stream_write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [this, text] = args.positional() else {
        let n = args.positional().len().saturating_sub(1);
        return Err(vm.type_error(format!(
            "TextIOWrapper.write() takes exactly one argument ({n} given)"
        )));
    };
    let Value::Str(s) = text else {
        let t = vm.type_name(text);
        return Err(vm.type_error(format!("write() argument must be str, not {t}")));
    };
    match stream_kind(this) {
        Some(StreamKind::Stderr) => vm.host.write_stderr(s.as_str()),
        Some(StreamKind::Stdin) => return Err(unsupported(vm, "not writable")),
        _ => vm.host.write_stdout(s.as_str()),
    }
    Ok(Value::Int(s.char_len() as i64))
}

/// `io.UnsupportedOperation` as CPython raises it on the wrong direction of a std stream
/// (an `OSError` here: Adder's `io` has no separate class for it).
fn unsupported(vm: &mut Vm, what: &str) -> crate::runtime::error::PyErr {
    let class = vm.types.os_error.clone();
    vm.new_exception(&class, what)
}

/// The next line of `sys.stdin` with its newline (the host gives lines without it; a last
/// line without one gets one too); `None` at end of input.
fn next_line(vm: &mut Vm, this: &Value) -> PyResult<Option<String>> {
    if stream_kind(this) != Some(StreamKind::Stdin) {
        return Err(unsupported(vm, "not readable"));
    }
    Ok(vm.host.read_line().map(|mut l| {
        l.push('\n');
        l
    }))
}

fn receiver<'a>(vm: &mut Vm, args: &'a Args<'_>, name: &str) -> PyResult<&'a Value> {
    match args.positional() {
        [this, ..] => Ok(this),
        [] => Err(vm.type_error(format!("TextIOWrapper.{name}() needs an argument"))),
    }
}

/// `readline()`: one line, `''` at end of input.
fn stream_readline(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = receiver(vm, &args, "readline")?;
    Ok(Value::str(&next_line(vm, this)?.unwrap_or_default()))
}

/// `readlines()`: the remaining lines.
fn stream_readlines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = receiver(vm, &args, "readlines")?;
    let mut lines = Vec::new();
    while let Some(line) = next_line(vm, this)? {
        lines.push(Value::str(&line));
    }
    Ok(Value::list(lines))
}

/// `read()`: the rest of the input.
fn stream_read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = receiver(vm, &args, "read")?;
    let mut text = String::new();
    while let Some(line) = next_line(vm, this)? {
        text.push_str(&line);
    }
    Ok(Value::str(&text))
}

fn stream_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(receiver(vm, &args, "__iter__")?.clone())
}

/// Iteration yields lines until the end of input.
fn stream_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = receiver(vm, &args, "__next__")?;
    match next_line(vm, this)? {
        Some(line) => Ok(Value::str(&line)),
        None => Err(vm.stop_iteration(Value::None)),
    }
}

fn stream_flush(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    vm.host.flush_stdout();
    Ok(Value::None)
}

/// `sys.exit([status])`: raises `SystemExit(status)`.
fn sys_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let class = vm.types.system_exit.clone();
    let exc = vm.new_instance(&class, args.positional());
    Err(crate::runtime::error::PyErr { exc })
}

fn sys_getrecursionlimit(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(vm.recursion_limit as i64))
}

fn sys_setrecursionlimit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    match args.positional() {
        [Value::Int(n)] if *n >= 1 => {
            vm.recursion_limit = (*n).min(MAX_RECURSION_LIMIT) as usize;
            Ok(Value::None)
        }
        [Value::Int(_)] => {
            let class = vm.types.value_error.clone();
            Err(vm.new_exception(&class, "recursion limit must be greater or equal than 1"))
        }
        [other] => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
        _ => Err(vm.type_error("setrecursionlimit() takes exactly one argument")),
    }
}

fn sys_exc_info(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    let exc = vm.handled_exception.clone();
    if exc.is_none() {
        return Ok(Value::tuple(vec![Value::None, Value::None, Value::None]));
    }
    let class = Value::Class(vm.class_of(&exc));
    Ok(Value::tuple(vec![class, exc, Value::None]))
}

fn sys_get_int_max_str_digits(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(vm.int_max_str_digits as i64))
}

fn sys_set_int_max_str_digits(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let value = args.positional().first().or_else(|| {
        args.keywords()
            .find(|(k, _)| *k == "maxdigits")
            .map(|(_, v)| v)
    });
    match value {
        Some(Value::Int(n)) if *n == 0 || *n >= 640 => {
            vm.int_max_str_digits = *n as usize;
            Ok(Value::None)
        }
        Some(Value::Int(_)) => {
            let class = vm.types.value_error.clone();
            Err(vm.new_exception(&class, "maxdigits must be 0 or larger than 640"))
        }
        _ => Err(
            vm.type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)")
        ),
    }
}
