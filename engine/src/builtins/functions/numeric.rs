//! Numeric built-ins: `abs`, `round`, `divmod`, `pow`, `sum`, `min`, `max`, `hex`, `oct`,
//! `bin`. Each takes the built-in numbers directly and otherwise delegates to the dunder
//! (`__abs__`, `__round__`, `__divmod__`/`__rdivmod__`, `__pow__`, `__index__`) as CPython does.

use super::args::{self, ArgSpec};
use super::iterate;
use crate::bytecode::{BinaryOperator, Comparison};
use crate::runtime::error::PyResult;
use crate::runtime::numfmt::{self, IntValue, NumError};
use crate::runtime::types::native::{Args, NativeFn};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::rc::Rc;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("abs", builtin_abs),
    ("round", builtin_round),
    ("divmod", builtin_divmod),
    ("pow", builtin_pow),
    ("sum", builtin_sum),
    ("min", |vm, a| min_max(vm, a, "min", Comparison::Less)),
    ("max", |vm, a| min_max(vm, a, "max", Comparison::Greater)),
    ("hex", |vm, a| radix(vm, a, "hex", 16, "0x")),
    ("oct", |vm, a| radix(vm, a, "oct", 8, "0o")),
    ("bin", |vm, a| radix(vm, a, "bin", 2, "0b")),
];

fn int_value(v: IntValue) -> Value {
    match v {
        IntValue::Small(i) => Value::Int(i),
        IntValue::Big(b) => Value::from_bigint(b),
    }
}

fn to_big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(i64::from(*b))),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
}

fn builtin_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let v = args::one(vm, &args, "abs")?;
    match v {
        Value::Int(i) => Ok(match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        }),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::BigInt(b) => Ok(Value::from_bigint(b.abs())),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        _ => match iterate::call_special(vm, v, "__abs__", &[])? {
            Some(r) => Ok(r),
            None => {
                if let Value::Object(o) = v {
                    if let ObjKind::Complex { real, imag } = o.kind {
                        let r = real.hypot(imag);
                        if r.is_infinite() && real.is_finite() && imag.is_finite() {
                            let class = vm.types.overflow_error.clone();
                            return Err(vm.new_exception(&class, "absolute value too large"));
                        }
                        return Ok(Value::Float(r));
                    }
                }
                let t = vm.type_name(v);
                Err(vm.type_error(format!("bad operand type for abs(): '{t}'")))
            }
        },
    }
}

/// `round(number, ndigits=None)`.
fn builtin_round(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "round",
        names: &["number", "ndigits"],
        posonly: 0,
        required: 1,
        maxpos: 2,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let number = parsed.get(0).cloned().unwrap_or_default();
    let ndigits = parsed.given(1).cloned();
    match (&number, &ndigits) {
        (Value::Int(_) | Value::BigInt(_), None) => return Ok(number),
        (Value::Bool(b), None) => return Ok(Value::Int(i64::from(*b))),
        (Value::Float(f), None) => {
            return numfmt::float_round_to_int(*f)
                .map(int_value)
                .map_err(|e| vm.num_error(e))
        }
        (Value::Float(f), Some(n)) => {
            let n = vm.index_value(n)?;
            let n = match &n {
                Value::Int(i) => *i,
                Value::BigInt(b) if b.is_negative() => i64::MIN,
                _ => i64::MAX,
            };
            return numfmt::float_round(*f, n)
                .map(Value::Float)
                .map_err(|e| vm.num_error(e));
        }
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), Some(n)) => {
            let n = vm.index_value(n)?;
            return Ok(round_int(&to_big(&number).unwrap_or_default(), &n));
        }
        _ => {}
    }
    let args: Vec<Value> = ndigits.into_iter().collect();
    match iterate::call_special(vm, &number, "__round__", &args)? {
        Some(r) => Ok(r),
        None => {
            let t = vm.type_name(&number);
            Err(vm.type_error(format!("type {t} doesn't define __round__ method")))
        }
    }
}

/// `int.__round__(ndigits)`: half-even rounding to a multiple of `10 ** -ndigits`.
fn round_int(x: &BigInt, ndigits: &Value) -> Value {
    let n = match ndigits {
        Value::Int(i) if *i >= 0 => return Value::from_bigint(x.clone()),
        Value::Int(i) => i.unsigned_abs(),
        Value::BigInt(b) if !b.is_negative() => return Value::from_bigint(x.clone()),
        _ => return Value::Int(0),
    };
    // 10**n exceeds |x| by far once n passes its digit count: the result is 0.
    let digits = x.abs().to_string().len() as u64;
    if n > digits + 1 {
        return Value::Int(0);
    }
    let pow = num_traits::pow(BigInt::from(10), n as usize);
    let (q, r) = x.div_mod_floor(&pow);
    let twice: BigInt = &r * 2;
    let q = match twice.cmp(&pow) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    Value::from_bigint(q * pow)
}

/// `divmod(a, b)`.
fn builtin_divmod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let [a, b] = args::positional(vm, &args, "divmod", 2, 2)? else {
        unreachable!("checked: two arguments")
    };
    let pair = |q: Value, r: Value| Value::tuple(vec![q, r]);
    match (a, b) {
        (Value::Int(x), Value::Int(y)) if *y != 0 && !(*x == i64::MIN && *y == -1) => {
            let (q, r) = (x / y, x % y);
            // Floor semantics: the remainder takes the divisor's sign.
            let (q, r) = if r != 0 && (r < 0) != (*y < 0) {
                (q - 1, r + y)
            } else {
                (q, r)
            };
            return Ok(pair(Value::Int(q), Value::Int(r)));
        }
        _ if is_int(a) && is_int(b) => {
            let (x, y) = (to_big(a).unwrap_or_default(), to_big(b).unwrap_or_default());
            if y.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            let (q, r) = x.div_mod_floor(&y);
            return Ok(pair(Value::from_bigint(q), Value::from_bigint(r)));
        }
        _ => {}
    }
    if let (Some(x), Some(y)) = (as_float(a), as_float(b)) {
        if matches!(a, Value::Float(_)) || matches!(b, Value::Float(_)) {
            let x = x.map_err(|e| vm.num_error(e))?;
            let y = y.map_err(|e| vm.num_error(e))?;
            let (q, r) = numfmt::float_divmod(x, y).map_err(|e| vm.num_error(e))?;
            return Ok(pair(Value::Float(q), Value::Float(r)));
        }
    }
    binary_special(vm, a, b, "__divmod__", "__rdivmod__", "divmod()")
}

/// An int or float as a float (`None` for other types).
fn as_float(v: &Value) -> Option<Result<f64, NumError>> {
    Some(match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::BigInt(b) => numfmt::int_to_float(b),
        _ => return None,
    })
}

/// CPython's `binary_op1` for a slot with no operator symbol: `a.__op__(b)`, then
/// `b.__rop__(a)` (first when `b`'s type is a proper subclass of `a`'s), NotImplemented
/// meaning "try the other".
fn binary_special(
    vm: &mut Vm,
    a: &Value,
    b: &Value,
    op: &str,
    rop: &str,
    symbol: &str,
) -> PyResult<Value> {
    let (ta, tb) = (vm.class_of(a), vm.class_of(b));
    let same = Rc::ptr_eq(&ta, &tb);
    let left = iterate::lookup_special(vm, a, op);
    let right = if same {
        None
    } else {
        iterate::lookup_special(vm, b, rop)
    };
    let mut right = right.filter(|r| !r.is_none());
    if let Some(r) = &right {
        if tb.is_subclass(&ta) {
            let result = iterate::call_found(vm, r, b, rop, std::slice::from_ref(a))?;
            if !matches!(result, Value::NotImplemented) {
                return Ok(result);
            }
            right = None;
        }
    }
    if let Some(l) = left.filter(|l| !l.is_none()) {
        let result = iterate::call_found(vm, &l, a, op, std::slice::from_ref(b))?;
        if !matches!(result, Value::NotImplemented) {
            return Ok(result);
        }
    }
    if let Some(r) = right {
        let result = iterate::call_found(vm, &r, b, rop, std::slice::from_ref(a))?;
        if !matches!(result, Value::NotImplemented) {
            return Ok(result);
        }
    }
    let (na, nb) = (ta.name(), tb.name());
    Err(vm.type_error(format!(
        "unsupported operand type(s) for {symbol}: '{na}' and '{nb}'"
    )))
}

/// `pow(base, exp, mod=None)`.
fn builtin_pow(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "pow",
        names: &["base", "exp", "mod"],
        posonly: 0,
        required: 2,
        maxpos: 3,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let base = parsed.get(0).cloned().unwrap_or_default();
    let exp = parsed.get(1).cloned().unwrap_or_default();
    match parsed.given(2).cloned() {
        None => power(vm, &base, &exp),
        Some(m) => ternary_pow(vm, &base, &exp, &m),
    }
}

/// `base ** exp` (`PyNumber_Power` with two arguments).
pub fn power(vm: &mut Vm, base: &Value, exp: &Value) -> PyResult<Value> {
    if is_int(base) && is_int(exp) {
        let (b, e) = (
            to_big(base).unwrap_or_default(),
            to_big(exp).unwrap_or_default(),
        );
        if e.is_negative() {
            // int ** negative int is a float.
            let (x, y) = (
                numfmt::int_to_float(&b).map_err(|e| vm.num_error(e))?,
                numfmt::int_to_float(&e).map_err(|e| vm.num_error(e))?,
            );
            return float_power(vm, x, y, base, exp);
        }
        return int_power(vm, &b, &e);
    }
    if matches!(base, Value::Float(_)) || matches!(exp, Value::Float(_)) {
        if let (Some(x), Some(y)) = (as_float(base), as_float(exp)) {
            let x = x.map_err(|e| vm.num_error(e))?;
            let y = y.map_err(|e| vm.num_error(e))?;
            return float_power(vm, x, y, base, exp);
        }
    }
    vm.binary_op(base, exp, BinaryOperator::Power)
}

fn int_power(vm: &mut Vm, b: &BigInt, e: &BigInt) -> PyResult<Value> {
    if b.is_zero() || b.is_one() || e.is_zero() {
        return Ok(Value::from_bigint(if e.is_zero() {
            BigInt::one()
        } else {
            b.clone()
        }));
    }
    if *b == BigInt::from(-1) {
        return Ok(Value::Int(if e.is_even() { 1 } else { -1 }));
    }
    let Some(e) = e.to_u32() else {
        let class = super::builtin_exception(vm, "MemoryError");
        return Err(vm.new_exception(&class, ""));
    };
    Ok(Value::from_bigint(num_traits::pow(b.clone(), e as usize)))
}

fn float_power(vm: &mut Vm, x: f64, y: f64, base: &Value, exp: &Value) -> PyResult<Value> {
    match numfmt::float_pow(x, y).map_err(|e| vm.num_error(e))? {
        numfmt::FloatPow::Float(f) => Ok(Value::Float(f)),
        // A negative base to a fractional power is complex: the complex type computes it.
        numfmt::FloatPow::NeedsComplex => vm.binary_op(base, exp, BinaryOperator::Power),
    }
}

/// `pow(base, exp, mod)`: modular exponentiation for ints; other types through `__pow__`.
fn ternary_pow(vm: &mut Vm, base: &Value, exp: &Value, m: &Value) -> PyResult<Value> {
    if is_int(base) && is_int(exp) && is_int(m) {
        let (b, e, m) = (
            to_big(base).unwrap_or_default(),
            to_big(exp).unwrap_or_default(),
            to_big(m).unwrap_or_default(),
        );
        if m.is_zero() {
            let class = vm.types.value_error.clone();
            return Err(vm.new_exception(&class, "pow() 3rd argument cannot be 0"));
        }
        let modulus = m.abs();
        let mut b = b.mod_floor(&modulus);
        let mut e = e;
        if e.is_negative() {
            let inverse = mod_inverse(&b, &modulus);
            let Some(inverse) = inverse else {
                let class = vm.types.value_error.clone();
                return Err(
                    vm.new_exception(&class, "base is not invertible for the given modulus")
                );
            };
            b = inverse;
            e = -e;
        }
        let mut r = b.modpow(&e, &modulus);
        if m.is_negative() && !r.is_zero() {
            r += &m;
        }
        return Ok(Value::from_bigint(r));
    }
    let is_number = |v: &Value| {
        is_int(v)
            || matches!(v, Value::Float(_))
            || matches!(v, Value::Object(o) if matches!(o.kind, ObjKind::Complex { .. }))
    };
    if !is_number(base) {
        if let Some(r) = iterate::call_special(vm, base, "__pow__", &[exp.clone(), m.clone()])? {
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    if is_number(base) && is_number(exp) {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    }
    let (a, b, c) = (vm.type_name(base), vm.type_name(exp), vm.type_name(m));
    Err(vm.type_error(format!(
        "unsupported operand type(s) for ** or pow(): '{a}', '{b}', '{c}'"
    )))
}

/// The inverse of `a` modulo `m` (> 0), if `gcd(a, m) == 1`.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let g = a.extended_gcd(m);
    if !g.gcd.is_one() {
        return None;
    }
    Some(g.x.mod_floor(m))
}

/// `sum(iterable, /, start=0)`, with CPython 3.11's int and float fast paths (plain
/// left-to-right float addition: compensated summation only arrived in 3.12).
fn builtin_sum(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "sum",
        names: &["iterable", "start"],
        posonly: 1,
        required: 1,
        maxpos: 2,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let iterable = parsed.get(0).cloned().unwrap_or_default();
    let mut result = parsed.get(1).cloned().unwrap_or(Value::Int(0));
    let refuse = match &result {
        Value::Str(_) => Some("sum() can't sum strings [use ''.join(seq) instead]"),
        Value::Object(o) if matches!(o.kind, ObjKind::Bytes(_)) => {
            Some("sum() can't sum bytes [use b''.join(seq) instead]")
        }
        v @ (Value::Object(_) | Value::Instance(_)) if vm.type_name(v) == "bytearray" => {
            Some("sum() can't sum bytearray [use b''.join(seq) instead]")
        }
        _ => None,
    };
    if let Some(message) = refuse {
        return Err(vm.type_error(message));
    }
    let it = iterate::get_iter(vm, &iterable)?;
    // Ints accumulate in an i64 until an item is not an int or the sum overflows.
    if let Value::Int(mut acc) = result {
        loop {
            let next = iterate::next_absorbing(vm, &it, &mut |v| {
                let small = match v {
                    Value::Int(i) => i,
                    Value::Bool(b) => i64::from(b),
                    _ => return Some(v),
                };
                match acc.checked_add(small) {
                    Some(sum) => {
                        acc = sum;
                        None
                    }
                    None => Some(v),
                }
            })?;
            let Some(item) = next else {
                return Ok(Value::Int(acc));
            };
            let small = match item {
                Value::Int(i) => Some(i),
                Value::Bool(b) => Some(i64::from(b)),
                _ => None,
            };
            if let Some(sum) = small.and_then(|i| acc.checked_add(i)) {
                acc = sum;
                continue;
            }
            result = vm.binary_op(&Value::Int(acc), &item, BinaryOperator::Add)?;
            break;
        }
    }
    // Floats accumulate in an f64 while the items are floats or machine-sized ints.
    if let Value::Float(mut acc) = result {
        loop {
            let next = iterate::next_absorbing(vm, &it, &mut |v| {
                match v {
                    Value::Float(f) => acc += f,
                    Value::Int(i) => acc += i as f64,
                    Value::Bool(b) => acc += f64::from(u8::from(b)),
                    _ => return Some(v),
                }
                None
            })?;
            let Some(item) = next else {
                return Ok(Value::Float(acc));
            };
            match item {
                Value::Float(f) => acc += f,
                Value::Int(i) => acc += i as f64,
                Value::Bool(b) => acc += f64::from(u8::from(b)),
                _ => {
                    result = vm.binary_op(&Value::Float(acc), &item, BinaryOperator::Add)?;
                    break;
                }
            }
        }
    }
    while let Some(item) = iterate::next(vm, &it)? {
        result = vm.binary_op(&result, &item, BinaryOperator::Add)?;
    }
    Ok(result)
}

/// `min`/`max(iterable, *[, default=obj, key=func])` and `min`/`max(arg1, arg2, *args[, key])`.
fn min_max(vm: &mut Vm, args: Args<'_>, name: &str, op: Comparison) -> PyResult<Value> {
    let positional = args.positional();
    if positional.is_empty() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    let [key, default] = args::keyword_only(vm, &args, name, &["key", "default"])?[..] else {
        unreachable!("two names")
    };
    let key = key.filter(|k| !k.is_none()).cloned();
    let default = default.cloned();
    let mut items: Vec<Value> = Vec::new();
    let it = if positional.len() == 1 {
        Some(iterate::get_iter(vm, &positional[0])?)
    } else {
        if default.is_some() {
            return Err(vm.type_error(format!(
                "Cannot specify a default for {name}() with multiple positional arguments"
            )));
        }
        items = positional.to_vec();
        None
    };
    let mut index = 0;
    let mut next_item = |vm: &mut Vm| -> PyResult<Option<Value>> {
        match &it {
            Some(it) => iterate::next(vm, it),
            None => {
                index += 1;
                Ok(items.get(index - 1).cloned())
            }
        }
    };
    let mut best: Option<(Value, Value)> = None;
    while let Some(item) = next_item(vm)? {
        let k = match &key {
            Some(f) => vm.call(f, std::slice::from_ref(&item))?,
            None => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((best_key, _)) => {
                // `k < best` / `k > best` natively for ints, strs, floats and their tuples.
                let native = match op {
                    Comparison::Less => crate::builtins::types::native_lt(&k, best_key, 0),
                    Comparison::Greater => crate::builtins::types::native_lt(best_key, &k, 0),
                    _ => None,
                };
                match native {
                    Some(r) => r,
                    None => {
                        let r = vm.compare(&k, best_key, op)?;
                        vm.truthy(&r)?
                    }
                }
            }
        };
        if better {
            best = Some((k, item));
        }
    }
    match (best, default) {
        (Some((_, item)), _) => Ok(item),
        (None, Some(d)) => Ok(d),
        (None, None) => {
            let class = vm.types.value_error.clone();
            Err(vm.new_exception(&class, &format!("{name}() arg is an empty sequence")))
        }
    }
}

/// `hex`/`oct`/`bin(x)`: `x.__index__()` in base 16/8/2 with its prefix.
fn radix(vm: &mut Vm, args: Args<'_>, name: &str, base: u32, prefix: &str) -> PyResult<Value> {
    let v = args::one(vm, &args, name)?;
    let n = vm.index_value(v)?;
    let (negative, digits) = match &n {
        Value::Int(i) => {
            let magnitude = i.unsigned_abs();
            let digits = match base {
                16 => format!("{magnitude:x}"),
                8 => format!("{magnitude:o}"),
                _ => format!("{magnitude:b}"),
            };
            (*i < 0, digits)
        }
        Value::BigInt(b) => (b.is_negative(), b.abs().to_str_radix(base)),
        _ => (false, String::new()),
    };
    Ok(Value::str(&format!(
        "{}{prefix}{digits}",
        if negative { "-" } else { "" }
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(x: i64, n: i64) -> i64 {
        match round_int(&BigInt::from(x), &Value::Int(n)) {
            Value::Int(i) => i,
            _ => panic!("not a small int"),
        }
    }

    #[test]
    fn int_rounding_is_half_even() {
        assert_eq!(round(15, -1), 20);
        assert_eq!(round(25, -1), 20);
        assert_eq!(round(-25, -1), -20);
        assert_eq!(round(-35, -1), -40);
        assert_eq!(round(1250, -2), 1200);
        assert_eq!(round(1251, -2), 1300);
        assert_eq!(round(7, -5), 0);
        assert_eq!(round(7, 3), 7);
        assert_eq!(round(i64::MAX, -30), 0);
    }

    #[test]
    fn modular_inverse() {
        assert_eq!(
            mod_inverse(&BigInt::from(38), &BigInt::from(97)),
            Some(BigInt::from(23))
        );
        assert_eq!(mod_inverse(&BigInt::from(2), &BigInt::from(4)), None);
    }
}
