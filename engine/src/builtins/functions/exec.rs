//! Running code from code: `exec`, `eval`, `compile`, plus `__import__` (modules already
//! loaded) and `breakpoint` (a no-op: there is no debugger).

use super::args::{self, ArgSpec};
use super::reflection::current_locals;
use crate::compile::{compile_source, CompileError};
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::native::{Args, NativeFn};
use crate::runtime::types::object::{ObjKind, PyObject};
use crate::runtime::value::Value;
use crate::syntax::text::LineIndex;
use crate::syntax::Mode;
use crate::vm::frame::Frame;
use crate::vm::Vm;
use std::rc::Rc;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("exec", builtin_exec),
    ("eval", builtin_eval),
    ("compile", builtin_compile),
    ("__import__", builtin_import),
    ("breakpoint", |_, _| Ok(Value::None)),
];

/// Where compiled source comes from.
enum Source {
    Text(String),
    Code(Rc<PyCode>),
}

fn source_arg(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<Source> {
    match v {
        Value::Str(s) => Ok(Source::Text(s.as_str().to_owned())),
        Value::Object(o) => match &o.kind {
            ObjKind::Code(code) => Ok(Source::Code(code.clone())),
            ObjKind::Bytes(b) => match std::str::from_utf8(b) {
                Ok(s) => Ok(Source::Text(s.to_owned())),
                Err(_) => Err(syntax_error_plain(
                    vm,
                    "source code cannot be decoded as UTF-8",
                )),
            },
            _ => Err(bad_source(vm, fname)),
        },
        _ => Err(bad_source(vm, fname)),
    }
}

fn bad_source(vm: &mut Vm, fname: &str) -> PyErr {
    vm.type_error(format!(
        "{fname}() arg 1 must be a string, bytes or code object"
    ))
}

fn syntax_error_plain(vm: &mut Vm, message: &str) -> PyErr {
    let class = super::builtin_exception(vm, "SyntaxError");
    vm.new_exception(&class, message)
}

/// The `SyntaxError` (or subclass) CPython raises for a compile error in `source`:
/// `args == (msg, (filename, lineno, offset, text, end_lineno, end_offset))`, with the same
/// values as attributes.
pub(crate) fn compile_error(
    vm: &mut Vm,
    error: &CompileError,
    source: &str,
    filename: &str,
) -> PyErr {
    let class = super::builtin_exception(vm, error.type_name());
    let index = LineIndex::new(source);
    let range = error.range();
    let len = source.len() as u32;
    let (start, end) = (
        range.start.min(len),
        range.end.min(len).max(range.start.min(len)),
    );
    let line = index.line_of(start);
    let end_line = index.line_of(end);
    let offset = index.char_col(source, start) as i64 + 1;
    let end_offset = if error.type_name() == "SyntaxError" {
        index.char_col(source, end) as i64 + 1
    } else {
        -1
    };
    let text = format!("{}\n", index.line_text(source, line));
    let details = [
        Value::str(filename),
        Value::Int(line as i64 + 1),
        Value::Int(offset),
        Value::str(&text),
        Value::Int(end_line as i64 + 1),
        Value::Int(end_offset),
    ];
    let message = Value::str(error.message());
    let exc = vm.new_instance(&class, &[message.clone(), Value::tuple(details.to_vec())]);
    if let Value::Instance(inst) = &exc {
        let names = [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ];
        inst.set_attr(&vm.interner.intern("msg"), message);
        for (name, value) in names.iter().zip(details) {
            inst.set_attr(&vm.interner.intern(name), value);
        }
    }
    PyErr { exc }
}

fn compile_text(vm: &mut Vm, source: &str, filename: &str, mode: Mode) -> PyResult<Rc<PyCode>> {
    match compile_source(source, filename, mode) {
        // The source is not registered for tracebacks: CPython's linecache cannot see it
        // either, so frames of `<string>` show no source line.
        Ok(code) => Ok(vm.new_code(code)),
        Err(e) => Err(compile_error(vm, &e, source, filename)),
    }
}

/// Runs `code` with `globals` and `locals` as its namespaces (adding `__builtins__` to
/// `globals` when missing, as CPython does); returns what the code returned.
pub fn run_code(
    vm: &mut Vm,
    code: Rc<PyCode>,
    globals: Rc<PyDict>,
    locals: Rc<PyDict>,
) -> PyResult<Value> {
    let key = vm.interner.intern("__builtins__");
    let builtins = match globals.get_str(&key) {
        Some(Value::Dict(d)) => d,
        Some(Value::Object(o)) if matches!(o.kind, ObjKind::Module(_)) => match &o.kind {
            ObjKind::Module(m) => m.dict.clone(),
            _ => vm.builtins.clone(),
        },
        Some(_) => vm.builtins.clone(),
        None => {
            globals.set_str(key, Value::Dict(vm.builtins.clone()));
            vm.builtins.clone()
        }
    };
    let base = vm.stack.len();
    vm.stack.resize(base + code.n_localsplus(), Value::Null);
    let mut frame = Frame::for_code(code, globals, builtins, base, true);
    frame.locals = Some(locals);
    vm.frames.push(frame);
    vm.run()
}

/// The namespaces of `exec`/`eval`: the caller's when omitted; `locals` defaults to `globals`.
fn namespaces(
    vm: &mut Vm,
    globals: Option<&Value>,
    locals: Option<&Value>,
    fname: &str,
) -> PyResult<(Rc<PyDict>, Rc<PyDict>)> {
    let is_exec = fname == "exec";
    let globals = match globals {
        None | Some(Value::None) => None,
        Some(Value::Dict(d)) => Some(d.clone()),
        Some(other) => {
            return Err(if is_exec {
                let t = vm.type_name(other);
                vm.type_error(format!("exec() globals must be a dict, not {t}"))
            } else {
                vm.type_error("globals must be a dict")
            })
        }
    };
    let locals = match locals {
        None | Some(Value::None) => None,
        Some(Value::Dict(d)) => Some(d.clone()),
        Some(other) => {
            return Err(if is_exec {
                let t = vm.type_name(other);
                vm.type_error(format!("locals must be a mapping or None, not {t}"))
            } else {
                vm.type_error("locals must be a mapping")
            })
        }
    };
    Ok(match (globals, locals) {
        (Some(g), Some(l)) => (g, l),
        (Some(g), None) => (g.clone(), g),
        (None, l) => {
            let g = match vm.frames.last() {
                Some(frame) => frame.globals_rc(),
                None => crate::runtime::gc::tracked(PyDict::new()),
            };
            let l = l.unwrap_or_else(|| current_locals(vm));
            (g, l)
        }
    })
}

/// `exec(source, globals=None, locals=None, /, *, closure=None)`.
fn builtin_exec(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "exec",
        names: &["source", "globals", "locals", "closure"],
        posonly: 3,
        required: 1,
        maxpos: 3,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let source = parsed.get(0).cloned().unwrap_or_default();
    let (globals, locals) = namespaces(vm, parsed.get(1), parsed.get(2), "exec")?;
    let code = match source_arg(vm, &source, "exec")? {
        Source::Code(code) => code,
        Source::Text(text) => compile_text(vm, &text, "<string>", Mode::Module)?,
    };
    run_code(vm, code, globals, locals)?;
    Ok(Value::None)
}

/// `eval(source, globals=None, locals=None, /)`.
fn builtin_eval(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = args::positional(vm, &args, "eval", 1, 3)?;
    let (globals, locals) = namespaces(vm, values.get(1), values.get(2), "eval")?;
    let code = match source_arg(vm, &values[0], "eval")? {
        Source::Code(code) => code,
        Source::Text(text) => {
            // CPython skips leading blanks of an eval string.
            let text = text.trim_start_matches([' ', '\t']);
            compile_text(vm, text, "<string>", Mode::Expression)?
        }
    };
    run_code(vm, code, globals, locals)
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *,
/// _feature_version=-1)`: a code object for `exec`/`eval`.
fn builtin_compile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "compile",
        names: &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
            "_feature_version",
        ],
        posonly: 0,
        required: 3,
        maxpos: 6,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let source = parsed.get(0).cloned().unwrap_or_default();
    let filename = match parsed.get(1) {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        Some(Value::Object(o)) if matches!(o.kind, ObjKind::Bytes(_)) => match &o.kind {
            ObjKind::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        },
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {t}"
            )));
        }
        None => String::new(),
    };
    let mode = match parsed.get(2) {
        Some(Value::Str(s)) => match s.as_str() {
            "exec" => Some(Mode::Module),
            "eval" => Some(Mode::Expression),
            "single" => Some(Mode::Interactive),
            _ => None,
        },
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("compile() argument 'mode' must be str, not {t}")));
        }
        None => None,
    };
    let Some(mode) = mode else {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "compile() mode must be 'exec', 'eval' or 'single'"));
    };
    let code = match source_arg(vm, &source, "compile")? {
        Source::Code(code) => code,
        Source::Text(text) => compile_text(vm, &text, &filename, mode)?,
    };
    Ok(Value::Object(crate::runtime::gc::tracked(PyObject::new(
        ObjKind::Code(code),
    ))))
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: the import system
/// (`vm/import.rs`).
fn builtin_import(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "__import__",
        names: &["name", "globals", "locals", "fromlist", "level"],
        posonly: 0,
        required: 1,
        maxpos: 5,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let name = match parsed.get(0) {
        Some(Value::Str(s)) => s.clone(),
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("__import__() argument 1 must be str, not {t}")));
        }
        None => return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)")),
    };
    let globals = match parsed.given(1) {
        Some(Value::Dict(d)) => Some(d.clone()),
        _ => None,
    };
    let fromlist = parsed.given(3).cloned().unwrap_or(Value::None);
    let level = match parsed.given(4) {
        Some(Value::Int(l)) => *l,
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
        None => 0,
    };
    vm.import_module_level(name.as_str(), globals.as_ref(), &fromlist, level)
}
