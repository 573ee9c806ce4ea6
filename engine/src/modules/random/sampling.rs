//! The integer and sequence methods of `random.Random`: `randrange`, `randint`, `choice`,
//! `choices`, `shuffle`, `sample`, each drawing exactly what `random.py` draws (everything
//! goes through `_randbelow`, i.e. rejection sampling on `getrandbits`).

use super::{value_error, with_spec, RandomState};
use crate::builtins::functions::ArgSpec;
use crate::runtime::error::PyResult;
use crate::runtime::types::native::Args;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// An integer argument of `randrange` (`which` names it in the error: "arg 1", "stop",
/// "step"); integral floats are accepted, as 3.11 still does (with a deprecation warning).
fn int_arg(vm: &mut Vm, v: &Value, which: &str) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(i64::from(*b))),
        Value::BigInt(b) => Ok((**b).clone()),
        Value::Float(f) => {
            if f.is_finite() && f.fract() == 0.0 {
                Ok(BigInt::from(*f as i128))
            } else if f.is_finite() {
                Err(value_error(
                    vm,
                    format!("non-integer {which} for randrange()"),
                ))
            } else if f.is_nan() {
                Err(value_error(vm, "cannot convert float NaN to integer"))
            } else {
                Err(crate::builtins::types::overflow_error(
                    vm,
                    "cannot convert float infinity to integer",
                ))
            }
        }
        other => match crate::builtins::types::index_value(vm, other)? {
            Value::Int(i) => Ok(BigInt::from(i)),
            Value::BigInt(b) => Ok((*b).clone()),
            _ => Ok(BigInt::zero()),
        },
    }
}

fn below(s: &RandomState, n: &BigInt) -> BigInt {
    s.below_big(n)
}

/// `randrange(start, stop=None, step=1)` on ints.
fn randrange_values(
    vm: &mut Vm,
    s: &RandomState,
    start: &Value,
    stop: Option<&Value>,
    step: Option<&Value>,
) -> PyResult<Value> {
    // The common case, in machine ints.
    if let (Value::Int(a), Some(Value::Int(b)), None | Some(Value::Int(1))) = (start, stop, step) {
        let width = i128::from(*b) - i128::from(*a);
        if width > 0 && width <= i128::from(u64::MAX) {
            let r = s.below(width as u64);
            return Ok(Value::from_bigint(BigInt::from(i128::from(*a) + r as i128)));
        }
    }
    if let (Value::Int(a), None, None) = (start, stop, step) {
        if *a > 0 {
            return Ok(Value::Int(s.below(*a as u64) as i64));
        }
    }
    let istart = int_arg(vm, start, "arg 1")?;
    let Some(stop) = stop.filter(|v| !v.is_none()) else {
        if step.is_some_and(|st| !matches!(st, Value::Int(1))) {
            return Err(vm.type_error("Missing a non-None stop argument"));
        }
        if istart.is_positive() {
            return Ok(Value::from_bigint(below(s, &istart)));
        }
        return Err(value_error(vm, "empty range for randrange()"));
    };
    let istop = int_arg(vm, stop, "stop")?;
    let width = &istop - &istart;
    let istep = match step {
        Some(st) => int_arg(vm, st, "step")?,
        None => BigInt::one(),
    };
    if istep.is_one() {
        if width.is_positive() {
            return Ok(Value::from_bigint(istart + below(s, &width)));
        }
        return Err(value_error(
            vm,
            format!("empty range for randrange() ({istart}, {istop}, {width})"),
        ));
    }
    let n = if istep.is_positive() {
        (&width + &istep - BigInt::one()).div_floor(&istep)
    } else if istep.is_negative() {
        (&width + &istep + BigInt::one()).div_floor(&istep)
    } else {
        return Err(value_error(vm, "zero step for randrange()"));
    };
    if !n.is_positive() {
        return Err(value_error(vm, "empty range for randrange()"));
    }
    Ok(Value::from_bigint(istart + istep * below(s, &n)))
}

pub(super) fn randrange(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "randrange",
        names: &["start", "stop", "step"],
        posonly: 0,
        required: 1,
        maxpos: 3,
    };
    let (s, parsed) = with_spec(vm, args, &SPEC)?;
    let start = parsed.get(0).cloned().unwrap_or(Value::None);
    randrange_values(vm, s, &start, parsed.get(1), parsed.get(2))
}

pub(super) fn randint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "randint",
        names: &["a", "b"],
        posonly: 0,
        required: 2,
        maxpos: 2,
    };
    let (s, parsed) = with_spec(vm, args, &SPEC)?;
    let a = parsed.get(0).cloned().unwrap_or(Value::None);
    let b = parsed.get(1).cloned().unwrap_or(Value::None);
    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
        let width = i128::from(*y) + 1 - i128::from(*x);
        if width > 0 && width <= i128::from(u64::MAX) {
            let r = s.below(width as u64);
            return Ok(Value::from_bigint(BigInt::from(i128::from(*x) + r as i128)));
        }
    }
    let one = Value::Int(1);
    let stop = vm.binary_op(&b, &one, crate::bytecode::BinaryOperator::Add)?;
    randrange_values(vm, s, &a, Some(&stop), None)
}

/// `seq[i]`, directly for the built-in sequences.
fn item(vm: &mut Vm, seq: &Value, i: usize) -> PyResult<Value> {
    match seq {
        Value::List(l) => {
            if let Some(v) = l.get(i) {
                return Ok(v);
            }
        }
        Value::Tuple(t) => {
            if let Some(v) = t.items().get(i) {
                return Ok(v.clone());
            }
        }
        Value::Str(s) if s.is_ascii() => {
            if let Some(c) = s.as_str().get(i..i + 1) {
                return Ok(Value::str(c));
            }
        }
        _ => {}
    }
    vm.getitem(seq, &Value::Int(i as i64))
}

pub(super) fn choice(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, rest) = super::this(vm, args, "choice", 1, 1)?;
    let seq = &rest[0];
    let n = vm.len(seq)?;
    if n == 0 {
        return Err(crate::builtins::types::index_error(
            vm,
            "Cannot choose from an empty sequence",
        ));
    }
    let i = s.below(n as u64) as usize;
    item(vm, seq, i)
}

fn to_float(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    crate::modules::math::to_f64(vm, v)
}

/// `bisect_right(a, x, 0, hi)`.
fn bisect(a: &[f64], x: f64, hi: usize) -> usize {
    let (mut lo, mut hi) = (0, hi);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if x < a[mid] {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

pub(super) fn choices(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "choices",
        names: &["population", "weights", "cum_weights", "k"],
        posonly: 0,
        required: 1,
        maxpos: 2,
    };
    let (s, parsed) = with_spec(vm, args, &SPEC)?;
    let population = parsed.get(0).cloned().unwrap_or(Value::None);
    let n = vm.len(&population)?;
    let k = match parsed.get(3) {
        None => 1,
        Some(Value::Int(k)) => (*k).max(0) as usize,
        Some(Value::Bool(b)) => usize::from(*b),
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    let weights = parsed.given(1).cloned();
    let cum = parsed.given(2).cloned();
    let mut out = Vec::with_capacity(k);
    let cum_weights: Vec<f64> = match (weights, cum) {
        (None, None) => {
            let nf = n as f64;
            for _ in 0..k {
                let i = (s.random() * nf).floor() as usize;
                out.push(item(vm, &population, i)?);
            }
            return Ok(Value::list(out));
        }
        (Some(w), None) => {
            let mut acc = 0.0;
            let mut cum = Vec::new();
            for v in vm.collect_iterable(&w)? {
                acc += to_float(vm, &v)?;
                cum.push(acc);
            }
            cum
        }
        (None, Some(c)) => {
            let mut cum = Vec::new();
            for v in vm.collect_iterable(&c)? {
                cum.push(to_float(vm, &v)?);
            }
            cum
        }
        (Some(_), Some(_)) => {
            return Err(vm.type_error("Cannot specify both weights and cumulative weights"))
        }
    };
    if cum_weights.len() != n {
        return Err(value_error(
            vm,
            "The number of weights does not match the population",
        ));
    }
    let total = cum_weights.last().copied().unwrap_or(0.0);
    if total <= 0.0 {
        return Err(value_error(
            vm,
            "Total of weights must be greater than zero",
        ));
    }
    if !total.is_finite() {
        return Err(value_error(vm, "Total of weights must be finite"));
    }
    let hi = n - 1;
    for _ in 0..k {
        let i = bisect(&cum_weights, s.random() * total, hi);
        out.push(item(vm, &population, i)?);
    }
    Ok(Value::list(out))
}

pub(super) fn shuffle(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, rest) = super::this(vm, args, "shuffle", 1, 1)?;
    let x = &rest[0];
    if let Value::List(l) = x {
        let mut items = l.borrow_mut();
        for i in (1..items.len()).rev() {
            let j = s.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
        return Ok(Value::None);
    }
    let n = vm.len(x)?;
    for i in (1..n).rev() {
        let j = s.below(i as u64 + 1) as usize;
        let a = item(vm, x, i)?;
        let b = item(vm, x, j)?;
        vm.setitem(x, &Value::Int(i as i64), b)?;
        vm.setitem(x, &Value::Int(j as i64), a)?;
    }
    Ok(Value::None)
}

fn is_sequence(v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => true,
        Value::Object(o) => matches!(o.kind, ObjKind::Range { .. } | ObjKind::Bytes(_)),
        Value::Instance(_) => !matches!(
            crate::vm::subclass::builtin_payload(v),
            Some(Value::Dict(_))
        ),
        _ => false,
    }
}

pub(super) fn sample(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "sample",
        names: &["population", "k", "counts"],
        posonly: 0,
        required: 2,
        maxpos: 2,
    };
    let (s, parsed) = with_spec(vm, args, &SPEC)?;
    let population = parsed.get(0).cloned().unwrap_or(Value::None);
    let k_value = parsed.get(1).cloned().unwrap_or(Value::None);
    if !is_sequence(&population) {
        return Err(
            vm.type_error("Population must be a sequence.  For dicts or sets, use sorted(d).")
        );
    }
    let n = vm.len(&population)?;
    if let Some(counts) = parsed.given(2).cloned() {
        let mut cum: Vec<BigInt> = Vec::new();
        let mut acc = BigInt::zero();
        for c in vm.collect_iterable(&counts)? {
            match c {
                Value::Int(i) => acc += i,
                Value::BigInt(b) => acc += &*b,
                Value::Bool(b) => acc += i64::from(b),
                _ => return Err(vm.type_error("Counts must be integers")),
            }
            cum.push(acc.clone());
        }
        if cum.len() != n {
            return Err(value_error(
                vm,
                "The number of counts does not match the population",
            ));
        }
        let total = cum.pop().unwrap_or_default();
        if !total.is_positive() {
            return Err(value_error(vm, "Total of counts must be greater than zero"));
        }
        let range = match total.to_i64() {
            Some(t) => crate::builtins::types::obj(ObjKind::Range {
                start: 0,
                stop: t,
                step: 1,
            }),
            None => {
                return Err(crate::builtins::types::overflow_error(
                    vm,
                    "total too large",
                ))
            }
        };
        let selections = sample_values(vm, s, &range, &k_value)?;
        let mut out = Vec::with_capacity(selections.len());
        for sel in selections {
            let x = match sel {
                Value::Int(i) => BigInt::from(i),
                _ => BigInt::zero(),
            };
            let idx = cum.partition_point(|c| *c <= x);
            out.push(item(vm, &population, idx)?);
        }
        return Ok(Value::list(out));
    }
    Ok(Value::list(sample_values(vm, s, &population, &k_value)?))
}

fn sample_values(
    vm: &mut Vm,
    s: &RandomState,
    population: &Value,
    k: &Value,
) -> PyResult<Vec<Value>> {
    let n = vm.len(population)?;
    let k = match k {
        Value::Int(k) => *k,
        Value::Bool(b) => i64::from(*b),
        other => match crate::builtins::types::index_value(vm, other)? {
            Value::Int(k) => k,
            _ => -1,
        },
    };
    if k < 0 || k as usize > n {
        return Err(value_error(
            vm,
            "Sample larger than population or is negative",
        ));
    }
    let k = k as usize;
    let mut setsize = 21usize;
    if k > 5 {
        let exp = ((k as f64 * 3.0).ln() / 4f64.ln()).ceil() as u32;
        setsize = setsize.saturating_add(4usize.saturating_pow(exp));
    }
    let mut result = Vec::with_capacity(k);
    if n <= setsize {
        let mut pool = match population {
            Value::List(l) => l.to_vec(),
            _ => vm.collect_iterable(population)?,
        };
        for i in 0..k {
            let j = s.below((n - i) as u64) as usize;
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        for _ in 0..k {
            let mut j = s.below(n as u64) as usize;
            while selected.contains(&j) {
                j = s.below(n as u64) as usize;
            }
            selected.insert(j);
            result.push(item(vm, population, j)?);
        }
    }
    Ok(result)
}
