//! `_fileio`: raw file descriptors over the host's files — open, read, write, seek, close.
//! The bundled `io` module builds `open()`'s file objects on them (buffering, decoding,
//! newline translation, the closed-file and mode checks), as CPython's `_io` builds on
//! `FileIO`. Descriptors index `Vm::open_files` (from 3, after the standard streams).

use super::posix::os_error;
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::native::Args;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::host::{HostFile, OpenMode};
use crate::vm::Vm;
use std::io::{Read, Seek, SeekFrom, Write};

const FIRST_FD: i64 = 3;

fn bad_fd(vm: &mut Vm) -> PyErr {
    os_error(vm, &std::io::Error::from_raw_os_error(9), "")
}

fn fd_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<usize> {
    match v {
        Some(Value::Int(fd)) if *fd >= FIRST_FD => Ok((*fd - FIRST_FD) as usize),
        _ => Err(bad_fd(vm)),
    }
}

fn int_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Bool(b)) => Ok(*b as i64),
        Some(other) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
        None => Err(vm.type_error("missing integer argument")),
    }
}

/// The open file behind descriptor `fd`, taken out of the table while the host works on
/// it (the table is put back by the caller).
fn take(vm: &mut Vm, fd: usize) -> PyResult<Box<dyn HostFile>> {
    match vm.open_files.get_mut(fd).and_then(Option::take) {
        Some(f) => Ok(f),
        None => Err(bad_fd(vm)),
    }
}

fn put(vm: &mut Vm, fd: usize, file: Box<dyn HostFile>) {
    if let Some(slot) = vm.open_files.get_mut(fd) {
        *slot = Some(file);
    }
}

/// `open(path, mode)`: `mode` is `r`, `w`, `a` or `x`, optionally followed by `+`.
fn open(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [Value::Str(path), Value::Str(mode)] = args.positional() else {
        return Err(vm.type_error("_fileio.open(path, mode) takes two strings"));
    };
    let plus = mode.as_str().ends_with('+');
    let mut m = OpenMode {
        read: plus,
        write: plus,
        ..OpenMode::default()
    };
    match mode.as_str().trim_end_matches('+') {
        "r" => m.read = true,
        "w" => {
            m.write = true;
            m.create = true;
            m.truncate = true;
        }
        "a" => {
            m.write = true;
            m.append = true;
            m.create = true;
        }
        "x" => {
            m.write = true;
            m.create = true;
            m.create_new = true;
        }
        other => {
            let class = vm.types.value_error.clone();
            return Err(vm.new_exception(&class, &format!("invalid mode: '{other}'")));
        }
    }
    let path = path.as_str().to_owned();
    let file = match vm.host.open_file(&path, m) {
        Ok(f) => f,
        Err(e) => return Err(os_error(vm, &e, &path)),
    };
    let slot = match vm.open_files.iter().position(Option::is_none) {
        Some(i) => {
            vm.open_files[i] = Some(file);
            i
        }
        None => {
            vm.open_files.push(Some(file));
            vm.open_files.len() - 1
        }
    };
    Ok(Value::Int(slot as i64 + FIRST_FD))
}

/// `read(fd, n)`: at most `n` bytes; everything left when `n` is negative.
fn read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = args.positional();
    let fd = fd_arg(vm, a.first())?;
    let n = int_arg(vm, a.get(1))?;
    let mut file = take(vm, fd)?;
    let mut buf = Vec::new();
    let result = if n < 0 {
        file.read_to_end(&mut buf).map(|_| ())
    } else {
        (&mut file).take(n as u64).read_to_end(&mut buf).map(|_| ())
    };
    put(vm, fd, file);
    match result {
        Ok(()) => Ok(crate::builtins::types::obj(ObjKind::Bytes(
            buf.into_boxed_slice(),
        ))),
        Err(e) => Err(os_error(vm, &e, "")),
    }
}

/// `write(fd, data)`: writes all of `data` (bytes); returns its length.
fn write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = args.positional();
    let fd = fd_arg(vm, a.first())?;
    let data: Vec<u8> = match a.get(1) {
        Some(Value::Object(o)) => match &o.kind {
            ObjKind::Bytes(b) => b.to_vec(),
            _ => return Err(vm.type_error("_fileio.write() takes bytes")),
        },
        _ => return Err(vm.type_error("_fileio.write() takes bytes")),
    };
    let mut file = take(vm, fd)?;
    let result = file.write_all(&data).and_then(|()| file.flush());
    put(vm, fd, file);
    match result {
        Ok(()) => Ok(Value::Int(data.len() as i64)),
        Err(e) => Err(os_error(vm, &e, "")),
    }
}

/// `seek(fd, offset, whence)`: the new absolute position.
fn seek(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = args.positional();
    let fd = fd_arg(vm, a.first())?;
    let offset = int_arg(vm, a.get(1))?;
    let whence = int_arg(vm, a.get(2))?;
    let to = match whence {
        0 if offset >= 0 => SeekFrom::Start(offset as u64),
        0 => return Err(os_error(vm, &std::io::Error::from_raw_os_error(22), "")),
        1 => SeekFrom::Current(offset),
        2 => SeekFrom::End(offset),
        _ => {
            let class = vm.types.value_error.clone();
            return Err(vm.new_exception(
                &class,
                &format!("invalid whence ({whence}, should be 0, 1 or 2)"),
            ));
        }
    };
    let mut file = take(vm, fd)?;
    let result = file.seek(to);
    put(vm, fd, file);
    match result {
        Ok(pos) => Ok(Value::Int(pos as i64)),
        Err(e) => Err(os_error(vm, &e, "")),
    }
}

/// `close(fd)`: releases the descriptor (closing twice is an error, as for `os.close`).
fn close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let fd = fd_arg(vm, args.positional().first())?;
    let mut file = take(vm, fd)?;
    let result = file.flush();
    drop(file);
    match result {
        Ok(()) => Ok(Value::None),
        Err(e) => Err(os_error(vm, &e, "")),
    }
}

pub fn install(vm: &mut Vm) {
    let module = super::new_module(vm, "_fileio");
    super::add_function(vm, &module, "open", open);
    super::add_function(vm, &module, "read", read);
    super::add_function(vm, &module, "write", write);
    super::add_function(vm, &module, "seek", seek);
    super::add_function(vm, &module, "close", close);
}
