//! `posix`: the few operating-system calls the bundled `os` module builds on — the working
//! directory, directory listings, what a path names, the environment — read through the
//! host.

use crate::runtime::error::PyResult;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::native::Args;
use crate::runtime::value::Value;
use crate::vm::host::PathKind;
use crate::vm::Vm;

fn path_arg(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<String> {
    match args.positional() {
        [] => Ok(".".to_owned()),
        [Value::Str(s)] => Ok(s.as_str().to_owned()),
        [other] => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "{name}: path should be string, bytes or os.PathLike, not {t}"
            )))
        }
        more => Err(vm.type_error(format!(
            "{name}() takes at most 1 argument ({} given)",
            more.len()
        ))),
    }
}

fn os_error(vm: &mut Vm, error: &std::io::Error, path: &str) -> crate::runtime::error::PyErr {
    let class_name = match error.kind() {
        std::io::ErrorKind::NotFound => "FileNotFoundError",
        std::io::ErrorKind::PermissionDenied => "PermissionError",
        _ => "OSError",
    };
    let class = crate::builtins::functions::builtin_exception(vm, class_name);
    let errno = error.raw_os_error().unwrap_or(0);
    let message = error.to_string();
    let message = message
        .split(" (os error")
        .next()
        .unwrap_or(&message)
        .to_owned();
    let exc = vm.new_instance(
        &class,
        &[
            Value::Int(errno as i64),
            Value::str(&message),
            Value::str(path),
        ],
    );
    crate::runtime::error::PyErr { exc }
}

fn getcwd(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    match vm.host.current_dir() {
        Some(dir) => Ok(Value::str(&dir)),
        None => {
            let e = std::io::Error::from(std::io::ErrorKind::NotFound);
            Err(os_error(vm, &e, ""))
        }
    }
}

fn listdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = path_arg(vm, &args, "listdir")?;
    match vm.host.list_dir(&path) {
        Ok(names) => Ok(Value::list(names.iter().map(|n| Value::str(n)).collect())),
        Err(e) => Err(os_error(vm, &e, &path)),
    }
}

/// `_path_kind(path)`: `"file"`, `"dir"` or `None`.
fn path_kind(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = path_arg(vm, &args, "_path_kind")?;
    Ok(match vm.host.path_kind(&path) {
        Some(PathKind::File) => Value::str("file"),
        Some(PathKind::Dir) => Value::str("dir"),
        None => Value::None,
    })
}

/// `_read_text(path)`: a file's contents as text (UTF-8, invalid bytes replaced).
fn read_text(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = path_arg(vm, &args, "_read_text")?;
    match vm.host.read_file(&path) {
        Ok(bytes) => Ok(Value::str(&String::from_utf8_lossy(&bytes))),
        Err(e) => Err(os_error(vm, &e, &path)),
    }
}

pub fn install(vm: &mut Vm) {
    let module = super::new_module(vm, "posix");
    super::add_function(vm, &module, "getcwd", getcwd);
    super::add_function(vm, &module, "listdir", listdir);
    super::add_function(vm, &module, "_path_kind", path_kind);
    super::add_function(vm, &module, "_read_text", read_text);
    let environ = crate::runtime::gc::tracked(PyDict::new());
    for (key, value) in vm.host.environment() {
        environ.set_str(vm.interner.intern(&key), Value::str(&value));
    }
    super::add_value(vm, &module, "environ", Value::Dict(environ));
}
