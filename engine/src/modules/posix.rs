//! `posix`: the few operating-system calls the bundled `os` module builds on — the working
//! directory, directory listings, what a path names, removing, renaming and making files
//! and directories, the environment — all through the host.

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

/// The `OSError` subclass CPython raises for `errno` (`PyErr_SetFromErrno`'s table).
fn os_error_class(errno: i32, kind: std::io::ErrorKind) -> &'static str {
    match errno {
        1 | 13 => "PermissionError",
        2 => "FileNotFoundError",
        17 => "FileExistsError",
        20 => "NotADirectoryError",
        21 => "IsADirectoryError",
        _ => match kind {
            std::io::ErrorKind::NotFound => "FileNotFoundError",
            std::io::ErrorKind::PermissionDenied => "PermissionError",
            _ => "OSError",
        },
    }
}

/// `[Errno 2] No such file or directory: 'x'`, as the right `OSError` subclass; `path2` is
/// the second file of `os.rename`.
pub(crate) fn os_error2(
    vm: &mut Vm,
    error: &std::io::Error,
    path: &str,
    path2: Option<&str>,
) -> crate::runtime::error::PyErr {
    let errno = error.raw_os_error().unwrap_or(0);
    let class =
        crate::builtins::functions::builtin_exception(vm, os_error_class(errno, error.kind()));
    let message = error.to_string();
    let message = message
        .split(" (os error")
        .next()
        .unwrap_or(&message)
        .to_owned();
    let mut args = vec![Value::Int(errno as i64), Value::str(&message)];
    // No path (a descriptor's error): `[Errno 22] Invalid argument`.
    if !path.is_empty() || path2.is_some() {
        args.push(Value::str(path));
    }
    if let Some(p2) = path2 {
        args.extend([Value::None, Value::str(p2)]);
    }
    let exc = vm.new_instance(&class, &args);
    crate::runtime::error::PyErr { exc }
}

pub(crate) fn os_error(
    vm: &mut Vm,
    error: &std::io::Error,
    path: &str,
) -> crate::runtime::error::PyErr {
    os_error2(vm, error, path, None)
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

fn getpid(_vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(i64::from(std::process::id())))
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

/// `remove(path)` / `unlink(path)`.
fn remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = one_path(vm, &args, "remove")?;
    let result = vm.host.remove_file(&path);
    done(vm, result, &path)
}

fn rmdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = one_path(vm, &args, "rmdir")?;
    let result = vm.host.remove_dir(&path);
    done(vm, result, &path)
}

/// `mkdir(path, mode=0o777)`: the mode is accepted and left to the host's defaults.
fn mkdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = match args.positional() {
        [p, ..] => path_arg(vm, &Args::positional_only(std::slice::from_ref(p)), "mkdir")?,
        [] => return Err(vm.type_error("mkdir() missing required argument 'path' (pos 1)")),
    };
    let result = vm.host.create_dir(&path);
    done(vm, result, &path)
}

fn chdir(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = one_path(vm, &args, "chdir")?;
    let result = vm.host.set_current_dir(&path);
    done(vm, result, &path)
}

fn rename(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [a, b] = args.positional() else {
        return Err(vm.type_error(format!(
            "rename() takes exactly 2 positional arguments ({} given)",
            args.positional().len()
        )));
    };
    let from = path_arg(
        vm,
        &Args::positional_only(std::slice::from_ref(a)),
        "rename",
    )?;
    let to = path_arg(
        vm,
        &Args::positional_only(std::slice::from_ref(b)),
        "rename",
    )?;
    match vm.host.rename(&from, &to) {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(os_error2(vm, &e, &from, Some(&to))),
    }
}

/// `_file_size(path)`: the size in bytes (`os.path.getsize`).
fn file_size(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let path = one_path(vm, &args, "getsize")?;
    match vm.host.file_size(&path) {
        Ok(n) => Ok(Value::Int(n as i64)),
        Err(e) => Err(os_error(vm, &e, &path)),
    }
}

/// A required single path argument.
fn one_path(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<String> {
    if args.positional().is_empty() {
        return Err(vm.type_error(format!("{name}() missing required argument 'path' (pos 1)")));
    }
    path_arg(vm, args, name)
}

fn done(vm: &mut Vm, result: std::io::Result<()>, path: &str) -> PyResult<Value> {
    match result {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(os_error(vm, &e, path)),
    }
}

pub fn install(vm: &mut Vm) {
    let module = super::new_module(vm, "posix");
    super::add_function(vm, &module, "getcwd", getcwd);
    super::add_function(vm, &module, "listdir", listdir);
    super::add_function(vm, &module, "getpid", getpid);
    super::add_function(vm, &module, "_path_kind", path_kind);
    super::add_function(vm, &module, "_read_text", read_text);
    super::add_function(vm, &module, "remove", remove);
    super::add_function(vm, &module, "unlink", remove);
    super::add_function(vm, &module, "rmdir", rmdir);
    super::add_function(vm, &module, "mkdir", mkdir);
    super::add_function(vm, &module, "chdir", chdir);
    super::add_function(vm, &module, "rename", rename);
    super::add_function(vm, &module, "_file_size", file_size);
    let environ = crate::runtime::gc::tracked(PyDict::new());
    for (key, value) in vm.host.environment() {
        environ.set_str(vm.interner.intern(&key), Value::str(&value));
    }
    super::add_value(vm, &module, "environ", Value::Dict(environ));
}
