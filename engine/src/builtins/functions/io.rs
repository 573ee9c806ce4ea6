//! `print`, `input` and `open`. Output goes to `sys.stdout` (or `file=`); the host streams that `sys`
//! installs are written directly, any other object through its `write` method.

use super::args;
use crate::runtime::error::PyResult;
use crate::runtime::types::native::{Args, NativeFn};
use crate::runtime::types::object::{ObjKind, StreamKind};
use crate::runtime::value::Value;
use crate::vm::Vm;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("print", builtin_print),
    ("input", builtin_input),
    ("open", builtin_open),
];

/// `open(file, mode='r', ...)`: `io.open`, the bundled `io` module imported on first use
/// (programs that never open a file do not pay for compiling it).
fn builtin_open(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let io = vm.import_absolute("io")?;
    let key = vm.interner.intern("open");
    let open = vm.get_attr(&io, &key)?;
    vm.call_with_keywords(&open, args.values, args.kwnames)
}

/// `sys.stdout` as it is now (a program may replace it); `None` when unset.
fn sys_stdout(vm: &mut Vm) -> Value {
    let sys = vm.interner.intern("sys");
    let stdout = vm.interner.intern("stdout");
    match vm.modules.get_str(&sys) {
        Some(Value::Object(o)) => match &o.kind {
            ObjKind::Module(m) => m.dict.get_str(&stdout).unwrap_or(Value::None),
            _ => Value::None,
        },
        // No `sys` module (an embedder removed it): write to the host.
        _ => Value::Object(std::rc::Rc::new(
            crate::runtime::types::object::PyObject::new(ObjKind::HostStream(StreamKind::Stdout)),
        )),
    }
}

/// Where `print` writes: the host directly, or a Python file-like object.
enum Sink {
    Host(StreamKind),
    Object(Value),
}

impl Sink {
    fn of(file: Value) -> Sink {
        match &file {
            Value::Object(o) => match &o.kind {
                ObjKind::HostStream(kind) => Sink::Host(*kind),
                _ => Sink::Object(file),
            },
            _ => Sink::Object(file),
        }
    }

    fn write(&self, vm: &mut Vm, text: &str) -> PyResult<()> {
        match self {
            Sink::Host(StreamKind::Stdout) => vm.host.write_stdout(text),
            Sink::Host(StreamKind::Stderr) => vm.host.write_stderr(text),
            Sink::Host(StreamKind::Stdin) => return Err(not_writable(vm)),
            Sink::Object(file) => {
                let key = vm.interner.intern("write");
                let write = vm.get_attr(file, &key)?;
                vm.call(&write, &[Value::str(text)])?;
            }
        }
        Ok(())
    }

    fn flush(&self, vm: &mut Vm) -> PyResult<()> {
        match self {
            Sink::Host(_) => vm.host.flush_stdout(),
            Sink::Object(file) => {
                let key = vm.interner.intern("flush");
                let flush = vm.get_attr(file, &key)?;
                vm.call(&flush, &[])?;
            }
        }
        Ok(())
    }
}

/// `print(*objects, sep=' ', end='\n', file=None, flush=False)`.
fn builtin_print(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut options: [Option<&Value>; 4] = [None; 4];
    for (name, value) in args.keywords() {
        match ["sep", "end", "file", "flush"]
            .iter()
            .position(|n| *n == name)
        {
            Some(i) => options[i] = Some(value),
            None => return Err(args::invalid_keyword(vm, name, "print")),
        }
    }
    let [sep, end, file, flush] = options;
    let text_option = |vm: &mut Vm, v: Option<&Value>, name: &str| -> PyResult<Option<String>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.as_str().to_owned())),
            Some(other) => {
                let t = vm.type_name(other);
                Err(vm.type_error(format!("{name} must be None or a string, not {t}")))
            }
        }
    };
    let sep = text_option(vm, sep, "sep")?;
    let end = text_option(vm, end, "end")?;
    let file = match file {
        None | Some(Value::None) => sys_stdout(vm),
        Some(f) => f.clone(),
    };
    if file.is_none() {
        return Ok(Value::None);
    }
    let sink = Sink::of(file);
    for (i, v) in args.positional().iter().enumerate() {
        if i > 0 {
            sink.write(vm, sep.as_deref().unwrap_or(" "))?;
        }
        match v {
            Value::Str(s) => sink.write(vm, s.as_str())?,
            other => {
                let text = vm.str(other)?;
                sink.write(vm, &text)?;
            }
        }
    }
    sink.write(vm, end.as_deref().unwrap_or("\n"))?;
    if let Some(flush) = flush {
        if vm.truthy(flush)? {
            sink.flush(vm)?;
        }
    }
    Ok(Value::None)
}

/// `input(prompt='')`: the prompt goes to `sys.stdout`; a line comes from the host, without
/// its newline; end of input is `EOFError`.
fn builtin_input(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = args::positional(vm, &args, "input", 0, 1)?;
    if let Some(prompt) = values.first() {
        let text = vm.str(prompt)?;
        let stdout = sys_stdout(vm);
        if !stdout.is_none() {
            let sink = Sink::of(stdout);
            sink.write(vm, &text)?;
            sink.flush(vm)?;
        }
    }
    let line = vm.host.read_line();
    // Ctrl-C while waiting for the line: `KeyboardInterrupt` here, as CPython raises it from
    // `input()` itself (not at some later point of the program).
    if vm.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
        if let Some(e) = vm.interrupt_or_sample() {
            return Err(e);
        }
    }
    match line {
        Some(line) => Ok(Value::str(line.strip_suffix('\n').unwrap_or(&line))),
        None => {
            let class = super::builtin_exception(vm, "EOFError");
            Err(vm.new_exception(&class, "EOF when reading a line"))
        }
    }
}

/// CPython's error for writing to `sys.stdin`.
fn not_writable(vm: &mut Vm) -> crate::runtime::error::PyErr {
    let class = vm.types.os_error.clone();
    vm.new_exception(&class, "not writable")
}
