//! The `time` module, native: the clocks (`time`, `monotonic`, `perf_counter`,
//! `process_time` and their `_ns` forms) and `sleep`, read through the host; broken-down
//! time (`gmtime`, `localtime`, `mktime`, `strftime`, `asctime`, `ctime`) over
//! `struct_time` (a struct sequence built by the bundled `_sysinfo`). Local time is UTC:
//! the engine reads no zone database.

mod civil;

use crate::runtime::error::PyResult;
use crate::runtime::types::native::{Args, NativeFn};
use crate::runtime::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use std::sync::atomic::Ordering;

fn no_args(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    match args.positional().len() {
        0 => Ok(()),
        n => Err(vm.type_error(format!("time.{name}() takes no arguments ({n} given)"))),
    }
}

fn nanoseconds(seconds: f64) -> Value {
    let ns = (seconds * 1e9).round();
    if ns.abs() < i64::MAX as f64 {
        Value::Int(ns as i64)
    } else {
        Value::BigInt(std::rc::Rc::new(BigInt::from(ns as i128)))
    }
}

fn sleep(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [secs] = args.positional() else {
        let n = args.positional().len();
        return Err(vm.type_error(format!(
            "time.sleep() takes exactly one argument ({n} given)"
        )));
    };
    if !matches!(
        secs,
        Value::Int(_) | Value::Float(_) | Value::BigInt(_) | Value::Bool(_)
    ) {
        let t = vm.type_name(secs);
        return Err(vm.type_error(format!(
            "'{t}' object cannot be interpreted as an integer or float"
        )));
    }
    let seconds = super::math::to_f64(vm, secs)?;
    if seconds.is_nan() {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "Invalid value NaN (not a number)"));
    }
    if seconds < 0.0 {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "sleep length must be non-negative"));
    }
    // In slices, so that Ctrl-C interrupts a long sleep as it does in CPython.
    let mut left = seconds;
    while left > 0.0 && !vm.interrupt.load(Ordering::Relaxed) {
        let step = left.min(0.05);
        vm.host.sleep(step);
        left -= step;
    }
    Ok(Value::None)
}

/// Whole seconds since the epoch from an optional argument (now when absent or None),
/// rounded toward minus infinity as CPython's `time_t` conversion does.
fn epoch_seconds(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<i64> {
    let secs = match args.positional() {
        [] | [Value::None] => return Ok(vm.host.wall_time().floor() as i64),
        [v] => v.clone(),
        more => {
            let n = more.len();
            return Err(vm.type_error(format!("{name}() takes at most 1 argument ({n} given)")));
        }
    };
    match &secs {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Float(f) if f.is_nan() => {
            let class = vm.types.value_error.clone();
            Err(vm.new_exception(&class, "Invalid value NaN (not a number)"))
        }
        Value::Float(f) if f.abs() < 1e17 => Ok(f.floor() as i64),
        Value::Float(_) | Value::BigInt(_) => {
            let class = vm.types.overflow_error.clone();
            Err(vm.new_exception(&class, "timestamp out of range for platform time_t"))
        }
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

/// A `time.struct_time` of `tm` (a plain tuple if the class has gone from the module).
fn struct_time(vm: &mut Vm, tm: &civil::Tm) -> PyResult<Value> {
    let fields = vec![
        Value::Int(tm.year),
        Value::Int(tm.month),
        Value::Int(tm.mday),
        Value::Int(tm.hour),
        Value::Int(tm.min),
        Value::Int(tm.sec),
        Value::Int(tm.wday),
        Value::Int(tm.yday),
        Value::Int(tm.isdst),
        Value::str(&tm.zone),
        Value::Int(tm.gmtoff),
    ];
    let class = module_attr(vm, "struct_time");
    match class {
        Some(class) => vm.call(&class, &[Value::tuple(fields)]),
        None => Ok(Value::tuple(fields[..9].to_vec())),
    }
}

fn module_attr(vm: &mut Vm, name: &str) -> Option<Value> {
    let module = vm.modules.get_str(&vm.interner.intern("time"))?;
    let Value::Object(o) = &module else {
        return None;
    };
    let crate::runtime::types::object::ObjKind::Module(m) = &o.kind else {
        return None;
    };
    m.dict.get_str(&vm.interner.intern(name))
}

/// The broken-down time of a 9-tuple or `struct_time` argument, range-checked as CPython's
/// `strftime`/`asctime` check it (`function` names the caller for the type error).
fn tuple_arg(vm: &mut Vm, value: &Value, function: &str) -> PyResult<civil::Tm> {
    let items: Vec<Value> = match value {
        Value::Tuple(t) => t.items().to_vec(),
        other => match crate::vm::subclass::builtin_payload(other) {
            Some(Value::Tuple(t)) => t.items().to_vec(),
            _ => {
                let message = if function == "mktime" {
                    "Tuple or struct_time argument required".to_owned()
                } else {
                    let t = vm.type_name(other);
                    format!("Tuple or struct_time argument required, not {t}")
                };
                return Err(vm.type_error(message));
            }
        },
    };
    if items.len() != 9 {
        return Err(vm.type_error(format!("{function}(): illegal time tuple argument")));
    }
    let mut f = [0i64; 9];
    for (slot, item) in f.iter_mut().zip(&items) {
        *slot = match crate::builtins::types::int::as_int(item) {
            Some(crate::builtins::types::int::Int::S(i)) => i,
            Some(_) => {
                let class = vm.types.overflow_error.clone();
                return Err(vm.new_exception(&class, "Python int too large to convert to C int"));
            }
            None => {
                let t = vm.type_name(item);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            }
        };
    }
    let zone = match module_attr(vm, "struct_time") {
        Some(_) if !matches!(value, Value::Tuple(_)) => {
            let key = vm.interner.intern("tm_zone");
            match vm.get_attr(value, &key) {
                Ok(Value::Str(s)) => Some(s.as_str().to_owned()),
                _ => None,
            }
        }
        _ => None,
    };
    Ok(civil::Tm {
        year: f[0],
        month: f[1],
        mday: f[2],
        hour: f[3],
        min: f[4],
        sec: f[5],
        wday: f[6],
        yday: f[7],
        isdst: f[8],
        zone: zone.unwrap_or_else(|| "UTC".to_owned()),
        gmtoff: 0,
    })
}

/// CPython's `checktm` for `strftime` and `asctime`: zeros mean the first, the rest must be
/// in range.
fn check_tm(vm: &mut Vm, tm: &mut civil::Tm) -> PyResult<()> {
    if tm.month == 0 {
        tm.month = 1;
    }
    if tm.mday == 0 {
        tm.mday = 1;
    }
    if tm.yday == 0 {
        tm.yday = 1;
    }
    let problem = if !(1..=12).contains(&tm.month) {
        Some("month out of range")
    } else if !(1..=31).contains(&tm.mday) {
        Some("day of month out of range")
    } else if !(0..=23).contains(&tm.hour) {
        Some("hour out of range")
    } else if !(0..=59).contains(&tm.min) {
        Some("minute out of range")
    } else if !(0..=61).contains(&tm.sec) {
        Some("seconds out of range")
    } else if tm.wday < 0 {
        Some("day of week out of range")
    } else if !(1..=366).contains(&tm.yday) {
        Some("day of year out of range")
    } else {
        None
    };
    if let Some(message) = problem {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, message));
    }
    tm.wday %= 7;
    tm.isdst = tm.isdst.clamp(-1, 1);
    Ok(())
}

fn gmtime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let secs = epoch_seconds(vm, &args, "gmtime")?;
    struct_time(vm, &civil::from_epoch(secs, "GMT"))
}

fn localtime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let secs = epoch_seconds(vm, &args, "localtime")?;
    struct_time(vm, &civil::from_epoch(secs, "UTC"))
}

fn mktime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [t] = args.positional() else {
        let n = args.positional().len();
        return Err(vm.type_error(format!(
            "time.mktime() takes exactly one argument ({n} given)"
        )));
    };
    let tm = tuple_arg(vm, t, "mktime")?;
    Ok(Value::Float(civil::to_epoch(&tm) as f64))
}

fn strftime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (format, t) = match args.positional() {
        [f] => (f.clone(), None),
        [f, t] => (f.clone(), Some(t.clone())),
        more => {
            let n = more.len();
            return Err(vm.type_error(format!("strftime expected at most 2 arguments, got {n}")));
        }
    };
    let Value::Str(format) = format else {
        let t = vm.type_name(&format);
        return Err(vm.type_error(format!("strftime() argument 1 must be str, not {t}")));
    };
    let mut tm = match t {
        Some(t) => tuple_arg(vm, &t, "strftime")?,
        None => civil::from_epoch(vm.host.wall_time().floor() as i64, "UTC"),
    };
    check_tm(vm, &mut tm)?;
    Ok(Value::str(&civil::strftime(format.as_str(), &tm)))
}

/// `strptime(string, format)`: the bundled datetime module's parser, as a `struct_time`.
fn strptime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let datetime = vm.import_absolute("datetime")?;
    let key = vm.interner.intern("_strptime_struct");
    let parse = vm.get_attr(&datetime, &key)?;
    vm.call(&parse, args.positional())
}

fn asctime_text(tm: &civil::Tm) -> String {
    civil::strftime("%a %b %e %H:%M:%S %Y", tm)
}

fn asctime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut tm = match args.positional() {
        [] => civil::from_epoch(vm.host.wall_time().floor() as i64, "UTC"),
        [t] => tuple_arg(vm, t, "asctime")?,
        more => {
            let n = more.len();
            return Err(vm.type_error(format!("asctime expected at most 1 argument, got {n}")));
        }
    };
    check_tm(vm, &mut tm)?;
    Ok(Value::str(&asctime_text(&tm)))
}

fn ctime(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let secs = epoch_seconds(vm, &args, "ctime")?;
    Ok(Value::str(&asctime_text(&civil::from_epoch(secs, "UTC"))))
}

pub fn install(vm: &mut Vm) {
    let module = super::new_module(vm, "time");
    for (name, func) in [
        ("gmtime", gmtime as NativeFn),
        ("localtime", localtime),
        ("mktime", mktime),
        ("strftime", strftime),
        ("asctime", asctime),
        ("ctime", ctime),
        ("strptime", strptime),
    ] {
        super::add_function(vm, &module, name, func);
    }
    super::add_value(vm, &module, "timezone", Value::Int(0));
    super::add_value(vm, &module, "altzone", Value::Int(0));
    super::add_value(vm, &module, "daylight", Value::Int(0));
    let utc = Value::str("UTC");
    super::add_value(vm, &module, "tzname", Value::tuple(vec![utc.clone(), utc]));
    let functions: [(&'static str, NativeFn); 9] = [
        ("time", |vm, a| {
            no_args(vm, &a, "time")?;
            Ok(Value::Float(vm.host.wall_time()))
        }),
        ("time_ns", |vm, a| {
            no_args(vm, &a, "time_ns")?;
            Ok(nanoseconds(vm.host.wall_time()))
        }),
        ("monotonic", |vm, a| {
            no_args(vm, &a, "monotonic")?;
            Ok(Value::Float(vm.host.monotonic_time()))
        }),
        ("monotonic_ns", |vm, a| {
            no_args(vm, &a, "monotonic_ns")?;
            Ok(nanoseconds(vm.host.monotonic_time()))
        }),
        ("perf_counter", |vm, a| {
            no_args(vm, &a, "perf_counter")?;
            Ok(Value::Float(vm.host.monotonic_time()))
        }),
        ("perf_counter_ns", |vm, a| {
            no_args(vm, &a, "perf_counter_ns")?;
            Ok(nanoseconds(vm.host.monotonic_time()))
        }),
        ("process_time", |vm, a| {
            no_args(vm, &a, "process_time")?;
            Ok(Value::Float(vm.host.process_time()))
        }),
        ("process_time_ns", |vm, a| {
            no_args(vm, &a, "process_time_ns")?;
            Ok(nanoseconds(vm.host.process_time()))
        }),
        ("sleep", sleep),
    ];
    for (name, func) in functions {
        super::add_function(vm, &module, name, func);
    }
}
