//! The `time` module, native: the clocks (`time`, `monotonic`, `perf_counter`,
//! `process_time` and their `_ns` forms) and `sleep`, read through the host.

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

pub fn install(vm: &mut Vm) {
    let module = super::new_module(vm, "time");
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
