//! `int` and `bool`: arithmetic (exact, overflowing from `i64` into big ints), comparisons
//! (exact against floats), conversions, `round`, formatting, and the int methods.

use super::{
    add_native, bind, getters, index_value, methods, noargs, num_err, one_arg, overflow_error,
    value_error, NOT_IMPLEMENTED,
};
use crate::runtime::error::PyResult;
use crate::runtime::numfmt::{self, IntValue};
use crate::runtime::types::native::{Args, NativeKind};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// An int operand: `i64` when it fits.
#[derive(Clone)]
pub enum Int {
    S(i64),
    B(BigInt),
}

impl Int {
    pub fn big(&self) -> BigInt {
        match self {
            Int::S(i) => BigInt::from(*i),
            Int::B(b) => b.clone(),
        }
    }

    pub fn into_value(self) -> Value {
        match self {
            Int::S(i) => Value::Int(i),
            Int::B(b) => Value::from_bigint(b),
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self, Int::S(0))
    }

    pub fn is_negative(&self) -> bool {
        match self {
            Int::S(i) => *i < 0,
            Int::B(b) => b.sign() == Sign::Minus,
        }
    }

    pub fn to_f64(&self) -> Result<f64, numfmt::NumError> {
        match self {
            Int::S(i) => Ok(*i as f64),
            Int::B(b) => numfmt::int_to_float(b),
        }
    }
}

/// The int value of `v` if it is an int or bool, or an instance of a Python subclass of int
/// (`IntEnum` members compare and combine as their ints).
pub fn as_int(v: &Value) -> Option<Int> {
    match v {
        Value::Int(i) => Some(Int::S(*i)),
        Value::Bool(b) => Some(Int::S(i64::from(*b))),
        Value::BigInt(b) => Some(Int::B((**b).clone())),
        Value::Instance(_) => match crate::vm::subclass::builtin_payload(v) {
            Some(inner @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => as_int(inner),
            _ => None,
        },
        _ => None,
    }
}

fn from_big(b: BigInt) -> Value {
    Value::from_bigint(b)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    FloorDiv,
    Mod,
    DivMod,
    TrueDiv,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

/// `a op b` for two ints.
pub fn int_op(vm: &mut Vm, a: &Int, b: &Int, op: Op) -> PyResult<Value> {
    if let (Int::S(x), Int::S(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let fast = match op {
            Op::Add => x.checked_add(y),
            Op::Sub => x.checked_sub(y),
            Op::Mul => x.checked_mul(y),
            Op::And => Some(x & y),
            Op::Or => Some(x | y),
            Op::Xor => Some(x ^ y),
            Op::FloorDiv if y != 0 && !(x == i64::MIN && y == -1) => {
                Some(Integer::div_floor(&x, &y))
            }
            Op::Mod if y != 0 && !(x == i64::MIN && y == -1) => Some(Integer::mod_floor(&x, &y)),
            _ => None,
        };
        if let Some(r) = fast {
            return Ok(Value::Int(r));
        }
    }
    match op {
        Op::Add => Ok(from_big(a.big() + b.big())),
        Op::Sub => Ok(from_big(a.big() - b.big())),
        Op::Mul => Ok(from_big(a.big() * b.big())),
        Op::And => Ok(from_big(a.big() & b.big())),
        Op::Or => Ok(from_big(a.big() | b.big())),
        Op::Xor => Ok(from_big(a.big() ^ b.big())),
        Op::FloorDiv | Op::Mod | Op::DivMod => {
            if b.is_zero() {
                return Err(vm.zero_division(if op == Op::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                }));
            }
            let (q, r) = a.big().div_mod_floor(&b.big());
            Ok(match op {
                Op::FloorDiv => from_big(q),
                Op::Mod => from_big(r),
                _ => Value::tuple(vec![from_big(q), from_big(r)]),
            })
        }
        Op::TrueDiv => {
            if b.is_zero() {
                return Err(vm.zero_division("division by zero"));
            }
            if let (Int::S(x), Int::S(y)) = (a, b) {
                const EXACT: i64 = 1 << 53;
                if x.abs() <= EXACT && y.abs() <= EXACT {
                    return Ok(Value::Float(*x as f64 / *y as f64));
                }
            }
            numfmt::int_true_divide(&a.big(), &b.big())
                .map(Value::Float)
                .map_err(|e| num_err(vm, e))
        }
        Op::Pow => int_pow(vm, a, b),
        Op::LShift | Op::RShift => {
            if b.is_negative() {
                return Err(value_error(vm, "negative shift count"));
            }
            let Some(n) = (match b {
                Int::S(n) => Some(*n as u64),
                Int::B(n) => n.to_u64(),
            }) else {
                if op == Op::RShift {
                    return Ok(Value::Int(if a.is_negative() { -1 } else { 0 }));
                }
                if a.is_zero() {
                    return Ok(Value::Int(0));
                }
                return Err(overflow_error(vm, "too many digits in integer"));
            };
            if op == Op::RShift {
                if let Int::S(x) = a {
                    return Ok(Value::Int(if n >= 64 {
                        if *x < 0 {
                            -1
                        } else {
                            0
                        }
                    } else {
                        x >> n
                    }));
                }
                return Ok(from_big(a.big() >> n));
            }
            if a.is_zero() {
                return Ok(Value::Int(0));
            }
            if n > (1 << 40) {
                return Err(super::named_error(vm, "MemoryError", ""));
            }
            if let Int::S(x) = a {
                if n < 63 {
                    let shifted = x << n;
                    if shifted >> n == *x {
                        return Ok(Value::Int(shifted));
                    }
                }
            }
            Ok(from_big(a.big() << n))
        }
    }
}

fn int_pow(vm: &mut Vm, a: &Int, b: &Int) -> PyResult<Value> {
    if b.is_negative() {
        let (x, y) = match (a.to_f64(), b.to_f64()) {
            (Ok(x), Ok(y)) => (x, y),
            (Err(e), _) | (_, Err(e)) => return Err(num_err(vm, e)),
        };
        return match numfmt::float_pow(x, y) {
            Ok(numfmt::FloatPow::Float(r)) => Ok(Value::Float(r)),
            Ok(numfmt::FloatPow::NeedsComplex) => Ok(Value::Float(f64::NAN)),
            Err(e) => Err(num_err(vm, e)),
        };
    }
    let base = a.big();
    if base.is_zero() || base.is_one() {
        return Ok(from_big(if b.is_zero() { BigInt::one() } else { base }));
    }
    if base == BigInt::from(-1) {
        let odd = match b {
            Int::S(n) => n & 1 == 1,
            Int::B(n) => n.is_odd(),
        };
        return Ok(Value::Int(if odd { -1 } else { 1 }));
    }
    let exp = match b {
        Int::S(n) => u32::try_from(*n).ok(),
        Int::B(_) => None,
    };
    match exp {
        Some(e) if (base.bits() as u128) * (e as u128) < (1u128 << 34) => {
            if let Int::S(x) = a {
                if let Some(r) = x.checked_pow(e) {
                    return Ok(Value::Int(r));
                }
            }
            Ok(from_big(num_traits::pow(base, e as usize)))
        }
        _ => Err(super::named_error(vm, "MemoryError", "")),
    }
}

/// `pow(a, b, m)` for ints.
pub fn int_pow_mod(vm: &mut Vm, a: &Int, b: &Int, m: &Int) -> PyResult<Value> {
    let m = m.big();
    if m.is_zero() {
        return Err(value_error(vm, "pow() 3rd argument cannot be 0"));
    }
    let negative_mod = m.is_negative();
    let modulus = m.abs();
    let mut base = a.big().mod_floor(&modulus);
    let mut exp = b.big();
    if exp.is_negative() {
        match mod_inverse(&base, &modulus) {
            Some(inv) => base = inv,
            None => {
                return Err(value_error(
                    vm,
                    "base is not invertible for the given modulus",
                ))
            }
        }
        exp = -exp;
    }
    let mut r = base.modpow(&exp, &modulus);
    if negative_mod && !r.is_zero() {
        r -= &modulus;
    }
    Ok(from_big(r))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let e = a.extended_gcd(m);
    if !e.gcd.is_one() {
        return None;
    }
    Some(e.x.mod_floor(m))
}

/// Exact comparison of an int with a float (`None` for NaN).
pub fn cmp_int_float(a: &Int, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    if let Int::S(i) = a {
        if i.unsigned_abs() <= 1 << 53 {
            return (*i as f64).partial_cmp(&f);
        }
    }
    let floor = f.floor();
    let fi = match numfmt::float_to_int(floor) {
        Ok(v) => v.to_big(),
        Err(_) => return None,
    };
    match a.big().cmp(&fi) {
        Ordering::Equal if floor != f => Some(Ordering::Less),
        o => Some(o),
    }
}

pub fn int_repr(vm: &mut Vm, a: &Int) -> PyResult<String> {
    match a {
        Int::S(i) => Ok(i.to_string()),
        Int::B(b) => numfmt::int_to_str(b, vm.int_max_str_digits).map_err(|e| num_err(vm, e)),
    }
}

pub fn int_hash(a: &Int) -> i64 {
    match a {
        Int::S(i) => numfmt::i64_hash(*i),
        Int::B(b) => numfmt::int_hash(b),
    }
}

pub fn install(vm: &mut Vm) {
    let int = vm.types.int.clone();
    macro_rules! binops {
        ($($name:literal, $rname:literal => $op:expr;)*) => {
            methods!(vm, int, "int", {
                $( $name => |vm, a| binop(vm, a, $op, false),
                   $rname => |vm, a| binop(vm, a, $op, true), )*
            });
        };
    }
    binops! {
        "__add__", "__radd__" => Op::Add;
        "__sub__", "__rsub__" => Op::Sub;
        "__mul__", "__rmul__" => Op::Mul;
        "__floordiv__", "__rfloordiv__" => Op::FloorDiv;
        "__mod__", "__rmod__" => Op::Mod;
        "__divmod__", "__rdivmod__" => Op::DivMod;
        "__truediv__", "__rtruediv__" => Op::TrueDiv;
        "__lshift__", "__rlshift__" => Op::LShift;
        "__rshift__", "__rrshift__" => Op::RShift;
        "__and__", "__rand__" => Op::And;
        "__or__", "__ror__" => Op::Or;
        "__xor__", "__rxor__" => Op::Xor;
    }
    methods!(vm, int, "int", {
        "__pow__" => |vm, a| pow(vm, a, false),
        "__rpow__" => |vm, a| pow(vm, a, true),
        "__eq__" => |vm, a| compare(vm, a, |o| o == Ordering::Equal),
        "__ne__" => |vm, a| compare(vm, a, |o| o != Ordering::Equal),
        "__lt__" => |vm, a| compare(vm, a, |o| o == Ordering::Less),
        "__le__" => |vm, a| compare(vm, a, |o| o != Ordering::Greater),
        "__gt__" => |vm, a| compare(vm, a, |o| o == Ordering::Greater),
        "__ge__" => |vm, a| compare(vm, a, |o| o != Ordering::Less),
        "__neg__" => |vm, a| unary(vm, a, "int.__neg__", |x| from_big(-x.big())),
        "__pos__" => |vm, a| unary(vm, a, "int.__pos__", Int::into_value),
        "__abs__" => |vm, a| unary(vm, a, "int.__abs__", |x| from_big(x.big().abs())),
        "__invert__" => |vm, a| unary(vm, a, "int.__invert__", |x| from_big(-x.big() - 1)),
        "__int__" => |vm, a| unary(vm, a, "int.__int__", Int::into_value),
        "__index__" => |vm, a| unary(vm, a, "int.__index__", Int::into_value),
        "__trunc__" => |vm, a| unary(vm, a, "int.__trunc__", Int::into_value),
        "__floor__" => |vm, a| unary(vm, a, "int.__floor__", Int::into_value),
        "__ceil__" => |vm, a| unary(vm, a, "int.__ceil__", Int::into_value),
        "conjugate" => |vm, a| unary(vm, a, "int.conjugate", Int::into_value),
        "__bool__" => |vm, a| unary(vm, a, "int.__bool__", |x| Value::Bool(!x.is_zero() )),
        "__float__" => int_float,
        "__hash__" => |vm, a| unary(vm, a, "int.__hash__", |x| Value::Int(int_hash(&x))),
        "__repr__" => |vm, a| {
            let x = { let v = noargs(vm, a, "int.__repr__")?; this(vm, v)? };
            Ok(Value::str(&int_repr(vm, &x)?))
        },
        "__format__" => int_format,
        "__round__" => int_round,
        "__getnewargs__" => |vm, a| unary(vm, a, "int.__getnewargs__", |x| Value::tuple(vec![x.into_value()])),
        "bit_length" => |vm, a| unary(vm, a, "int.bit_length", |x| Value::Int(x.big().bits() as i64)),
        "bit_count" => |vm, a| unary(vm, a, "int.bit_count", |x| {
            let ones: u64 = x.big().magnitude().to_u64_digits().iter().map(|d| u64::from(d.count_ones())).sum();
            Value::Int(ones as i64)
        }),
        "as_integer_ratio" => |vm, a| unary(vm, a, "int.as_integer_ratio", |x| Value::tuple(vec![x.into_value(), Value::Int(1)])),
        "to_bytes" => to_bytes,
        "__new__" => int_new,
    });
    add_native(
        vm,
        &int,
        "from_bytes",
        "int.from_bytes",
        from_bytes,
        NativeKind::ClassMethod,
    );
    getters!(vm, int, "int", {
        "real" => |vm, a| unary(vm, a, "int.real", Int::into_value),
        "imag" => |vm, a| unary(vm, a, "int.imag", |_| Value::Int(0)),
        "numerator" => |vm, a| unary(vm, a, "int.numerator", Int::into_value),
        "denominator" => |vm, a| unary(vm, a, "int.denominator", |_| Value::Int(1)),
    });

    let bool_ = vm.types.bool.clone();
    methods!(vm, bool_, "bool", {
        "__new__" => bool_new,
        "__repr__" => |vm, a| {
            let v = noargs(vm, a, "bool.__repr__")?;
            Ok(Value::str(if matches!(v, Value::Bool(true)) { "True" } else { "False" }))
        },
        "__and__" => |vm, a| bool_op(vm, a, Op::And),
        "__rand__" => |vm, a| bool_op(vm, a, Op::And),
        "__or__" => |vm, a| bool_op(vm, a, Op::Or),
        "__ror__" => |vm, a| bool_op(vm, a, Op::Or),
        "__xor__" => |vm, a| bool_op(vm, a, Op::Xor),
        "__rxor__" => |vm, a| bool_op(vm, a, Op::Xor),
    });
}

fn this(vm: &mut Vm, v: &Value) -> PyResult<Int> {
    match as_int(v) {
        Some(i) => Ok(i),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor requires a 'int' object but received a '{t}'"
            )))
        }
    }
}

fn unary(vm: &mut Vm, args: Args<'_>, qualname: &str, f: fn(Int) -> Value) -> PyResult<Value> {
    let v = noargs(vm, args, qualname)?;
    let x = this(vm, v)?;
    Ok(f(x))
}

fn binop(vm: &mut Vm, args: Args<'_>, op: Op, reflected: bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "int.__op__")?;
    let x = this(vm, a)?;
    let Some(y) = as_int(b) else {
        return NOT_IMPLEMENTED;
    };
    if reflected {
        int_op(vm, &y, &x, op)
    } else {
        int_op(vm, &x, &y, op)
    }
}

fn pow(vm: &mut Vm, args: Args<'_>, reflected: bool) -> PyResult<Value> {
    let (a, rest) = super::arity(vm, args, "int.__pow__", 1, 2)?;
    let x = this(vm, a)?;
    let Some(y) = as_int(&rest[0]) else {
        return NOT_IMPLEMENTED;
    };
    let (x, y) = if reflected { (y, x) } else { (x, y) };
    match rest.get(1) {
        None | Some(Value::None) => int_op(vm, &x, &y, Op::Pow),
        Some(m) => match as_int(m) {
            Some(m) => int_pow_mod(vm, &x, &y, &m),
            None => NOT_IMPLEMENTED,
        },
    }
}

fn compare(vm: &mut Vm, args: Args<'_>, test: fn(Ordering) -> bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "int.__cmp__")?;
    let x = this(vm, a)?;
    let Some(y) = as_int(b) else {
        return NOT_IMPLEMENTED;
    };
    let ord = match (&x, &y) {
        (Int::S(p), Int::S(q)) => p.cmp(q),
        _ => x.big().cmp(&y.big()),
    };
    Ok(Value::Bool(test(ord)))
}

fn int_float(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = {
        let v = noargs(vm, args, "int.__float__")?;
        this(vm, v)?
    };
    x.to_f64().map(Value::Float).map_err(|e| num_err(vm, e))
}

fn int_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, spec) = one_arg(vm, args, "int.__format__")?;
    let Value::Str(spec) = spec else {
        let t = vm.type_name(spec);
        return Err(vm.type_error(format!("format() argument 2 must be str, not {t}")));
    };
    let r = match a {
        Value::Bool(b) if spec.as_str().is_empty() => {
            return Ok(Value::str(if *b { "True" } else { "False" }))
        }
        _ => match this(vm, a)? {
            Int::S(i) => numfmt::format_i64(i, spec.as_str()),
            Int::B(b) => numfmt::format_int(&b, spec.as_str()),
        },
    };
    r.map(|s| Value::str(&s)).map_err(|e| num_err(vm, e))
}

/// `round(int, ndigits)`: negative `ndigits` rounds to a multiple of 10**-ndigits, ties to even.
fn int_round(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, rest) = super::arity(vm, args, "int.__round__", 0, 1)?;
    let x = this(vm, a)?;
    let nd = match rest.first() {
        None | Some(Value::None) => return Ok(x.into_value()),
        Some(n) => index_value(vm, n)?,
    };
    let Some(nd) = as_int(&nd) else {
        return Ok(x.into_value());
    };
    if !nd.is_negative() {
        return Ok(x.into_value());
    }
    let digits = match nd {
        Int::S(n) => n.unsigned_abs(),
        Int::B(_) => u64::MAX,
    };
    if digits > 10_000 {
        return Ok(Value::Int(0));
    }
    let pow10 = num_traits::pow(BigInt::from(10), digits as usize);
    let v = x.big();
    let (q, r) = v.div_mod_floor(&pow10);
    let twice: BigInt = &r * 2;
    let q = match twice.cmp(&pow10) {
        Ordering::Greater => q + 1,
        Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    Ok(from_big(q * pow10))
}

fn byteorder(vm: &mut Vm, v: Option<&Value>, fname: &str) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) => match s.as_str() {
            "little" => Ok(true),
            "big" => Ok(false),
            _ => Err(value_error(
                vm,
                "byteorder must be either 'little' or 'big'",
            )),
        },
        Some(other) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "{fname}() argument 'byteorder' must be str, not {t}"
            )))
        }
    }
}

fn to_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, [length, order, signed]) = bind(
        vm,
        args,
        "to_bytes",
        ["length", "byteorder", "signed"],
        0,
        true,
    )?;
    let x = this(vm, a.unwrap_or(&Value::None))?;
    let length = match length {
        Some(l) => super::to_isize(vm, l)?,
        None => 1,
    };
    if length < 0 {
        return Err(value_error(vm, "length argument must be non-negative"));
    }
    let little = byteorder(vm, order, "to_bytes")?;
    let signed = match signed {
        Some(s) => vm.truthy(s)?,
        None => false,
    };
    let v = x.big();
    if !signed && v.is_negative() {
        return Err(overflow_error(vm, "can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        v.to_signed_bytes_le()
    } else {
        v.to_bytes_le().1
    };
    if v.is_zero() {
        bytes.clear();
    }
    // Trim redundant sign bytes that `to_signed_bytes_le` may keep, then check the fit.
    let len = length as usize;
    if bytes.len() > len {
        return Err(overflow_error(vm, "int too big to convert"));
    }
    let fill = if signed && v.is_negative() { 0xff } else { 0 };
    bytes.resize(len, fill);
    if !little {
        bytes.reverse();
    }
    Ok(super::obj(ObjKind::Bytes(bytes.into_boxed_slice())))
}

fn from_bytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_cls, [data, order, signed]) = bind(
        vm,
        args,
        "from_bytes",
        ["bytes", "byteorder", "signed"],
        1,
        true,
    )?;
    let data = data.cloned().unwrap_or(Value::None);
    let bytes: Vec<u8> = match &data {
        Value::Object(o) if matches!(o.kind, ObjKind::Bytes(_)) => {
            super::iter::bytes_of(&data).to_vec()
        }
        Value::Str(_) | Value::Int(_) | Value::Float(_) | Value::None | Value::Bool(_) => {
            let t = vm.type_name(&data);
            return Err(vm.type_error(format!("cannot convert '{t}' object to bytes")));
        }
        other => {
            let items = super::iter::collect(vm, other)?;
            let mut out = Vec::with_capacity(items.len());
            for it in &items {
                match as_int(it).and_then(|i| match i {
                    Int::S(s) => u8::try_from(s).ok(),
                    _ => None,
                }) {
                    Some(b) => out.push(b),
                    None => return Err(value_error(vm, "bytes must be in range(0, 256)")),
                }
            }
            out
        }
    };
    let little = byteorder(vm, order, "from_bytes")?;
    let signed = match signed {
        Some(s) => vm.truthy(s)?,
        None => false,
    };
    let v = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(&bytes),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &bytes),
        (false, true) => BigInt::from_signed_bytes_be(&bytes),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &bytes),
    };
    Ok(from_big(v))
}

fn bool_op(vm: &mut Vm, args: Args<'_>, op: Op) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "bool.__op__")?;
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => Ok(Value::Bool(match op {
            Op::And => x & y,
            Op::Or => x | y,
            _ => x ^ y,
        })),
        _ => {
            let Some(x) = as_int(a) else {
                return NOT_IMPLEMENTED;
            };
            let Some(y) = as_int(b) else {
                return NOT_IMPLEMENTED;
            };
            int_op(vm, &x, &y, op)
        }
    }
}

fn bool_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("bool() takes no keyword arguments"));
    }
    let rest = &args.positional()[1..];
    super::check_count(vm, rest.len(), "bool", 0, 1)?;
    match rest.first() {
        None => Ok(Value::Bool(false)),
        Some(v) => Ok(Value::Bool(vm.truthy(v)?)),
    }
}

/// Parses text for `int(text, base)`.
/// `repr` builds the text's repr for an error message (only when parsing fails).
pub fn parse_int_text(
    vm: &mut Vm,
    text: &str,
    base: u32,
    repr: impl FnOnce() -> String,
) -> PyResult<Value> {
    match numfmt::parse_int(text, base, vm.int_max_str_digits, repr) {
        Ok(IntValue::Small(i)) => Ok(Value::Int(i)),
        Ok(IntValue::Big(b)) => Ok(from_big(b)),
        Err(e) => Err(num_err(vm, e)),
    }
}

fn int_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_cls, [x, base]) = bind(vm, args, "int", ["", "base"], 0, true)?;
    let Some(x) = x else {
        if base.is_some() {
            return Err(vm.type_error("int() missing string argument"));
        }
        return Ok(Value::Int(0));
    };
    if let Some(base) = base {
        let b = index_value(vm, base)?;
        let b = match as_int(&b) {
            Some(Int::S(b)) if b == 0 || (2..=36).contains(&b) => b as u32,
            _ => return Err(value_error(vm, "int() base must be >= 2 and <= 36, or 0")),
        };
        return match x {
            Value::Str(s) => {
                let repr = || crate::runtime::strings::str_repr(s.as_str());
                parse_int_text(vm, s.as_str(), b, repr)
            }
            Value::Object(o) if matches!(o.kind, ObjKind::Bytes(_)) => {
                let bytes = super::iter::bytes_of(x);
                let text: String = bytes.iter().map(|&c| c as char).collect();
                let repr = || crate::runtime::strings::bytes_repr(bytes);
                parse_int_text(vm, &text, b, repr)
            }
            _ => Err(vm.type_error("int() can't convert non-string with explicit base")),
        };
    }
    to_int(vm, x)
}

/// `int(x)` for one argument.
pub fn to_int(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    match x {
        Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Float(f) => match numfmt::float_to_int(*f) {
            Ok(IntValue::Small(i)) => Ok(Value::Int(i)),
            Ok(IntValue::Big(b)) => Ok(from_big(b)),
            Err(e) => Err(num_err(vm, e)),
        },
        Value::Str(s) => {
            let repr = || crate::runtime::strings::str_repr(s.as_str());
            parse_int_text(vm, s.as_str(), 10, repr)
        }
        Value::Object(o) if matches!(o.kind, ObjKind::Bytes(_)) => {
            let bytes = super::iter::bytes_of(x);
            let text: String = bytes.iter().map(|&c| c as char).collect();
            let repr = || crate::runtime::strings::bytes_repr(bytes);
            parse_int_text(vm, &text, 10, repr)
        }
        _ => {
            for (name, what) in [
                ("__int__", "__int__"),
                ("__index__", "__index__"),
                ("__trunc__", "__trunc__"),
            ] {
                if let Some(r) = super::call_dunder(vm, x, name, &[])? {
                    return match r {
                        Value::Int(_) | Value::BigInt(_) => Ok(r),
                        Value::Bool(b) => Ok(Value::Int(i64::from(b))),
                        other if name == "__trunc__" => super::index_value(vm, &other),
                        other => {
                            let t = vm.type_name(&other);
                            Err(vm.type_error(format!("{what} returned non-int (type {t})")))
                        }
                    };
                }
            }
            let t = vm.type_name(x);
            Err(vm.type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
            )))
        }
    }
}
