//! `float`: arithmetic with CPython's special cases (via `numfmt`), exact comparisons with
//! ints, conversions, `round`, formatting, and the float methods.

use super::int::{as_int, cmp_int_float, Int};
use super::{add_native, getters, methods, noargs, num_err, one_arg, NOT_IMPLEMENTED};
use crate::runtime::error::PyResult;
use crate::runtime::numfmt::{self, FloatPow, IntValue};
use crate::runtime::types::native::{Args, NativeKind};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::cmp::Ordering;

/// `v` as a float operand: floats, and ints converted (OverflowError when too large).
/// `Ok(None)` for other types (the operator returns NotImplemented).
pub fn operand(vm: &mut Vm, v: &Value) -> PyResult<Option<f64>> {
    match v {
        Value::Float(f) => Ok(Some(*f)),
        _ => match as_int(v) {
            Some(i) => i.to_f64().map(Some).map_err(|e| num_err(vm, e)),
            None => Ok(None),
        },
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    DivMod,
    Pow,
}

pub fn float_op_values(vm: &mut Vm, x: f64, y: f64, op: u8) -> PyResult<Value> {
    let op = match op {
        0 => Op::Add,
        1 => Op::Sub,
        2 => Op::Mul,
        3 => Op::TrueDiv,
        4 => Op::FloorDiv,
        5 => Op::Mod,
        6 => Op::DivMod,
        _ => Op::Pow,
    };
    apply(vm, x, y, op)
}

fn apply(vm: &mut Vm, x: f64, y: f64, op: Op) -> PyResult<Value> {
    let r = match op {
        Op::Add => Ok(x + y),
        Op::Sub => Ok(x - y),
        Op::Mul => Ok(x * y),
        Op::TrueDiv => numfmt::float_div(x, y),
        Op::FloorDiv => numfmt::float_floordiv(x, y),
        Op::Mod => numfmt::float_mod(x, y),
        Op::DivMod => {
            return match numfmt::float_divmod(x, y) {
                Ok((q, r)) => Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)])),
                Err(e) => Err(num_err(vm, e)),
            }
        }
        Op::Pow => match numfmt::float_pow(x, y) {
            Ok(FloatPow::Float(r)) => Ok(r),
            Ok(FloatPow::NeedsComplex) => {
                let (re, im) = super::complex::c_pow(vm, (x, 0.0), (y, 0.0))?;
                return Ok(super::complex::new_complex(re, im));
            }
            Err(e) => Err(e),
        },
    };
    r.map(Value::Float).map_err(|e| num_err(vm, e))
}

pub fn install(vm: &mut Vm) {
    let float = vm.types.float.clone();
    macro_rules! binops {
        ($($name:literal, $rname:literal => $op:expr;)*) => {
            methods!(vm, float, "float", {
                $( $name => |vm, a| binop(vm, a, $op, false),
                   $rname => |vm, a| binop(vm, a, $op, true), )*
            });
        };
    }
    binops! {
        "__add__", "__radd__" => Op::Add;
        "__sub__", "__rsub__" => Op::Sub;
        "__mul__", "__rmul__" => Op::Mul;
        "__truediv__", "__rtruediv__" => Op::TrueDiv;
        "__floordiv__", "__rfloordiv__" => Op::FloorDiv;
        "__mod__", "__rmod__" => Op::Mod;
        "__divmod__", "__rdivmod__" => Op::DivMod;
    }
    methods!(vm, float, "float", {
        "__pow__" => |vm, a| pow(vm, a, false),
        "__rpow__" => |vm, a| pow(vm, a, true),
        "__eq__" => |vm, a| compare(vm, a, |o| o == Some(Ordering::Equal)),
        "__ne__" => |vm, a| compare(vm, a, |o| o != Some(Ordering::Equal)),
        "__lt__" => |vm, a| compare(vm, a, |o| o == Some(Ordering::Less)),
        "__le__" => |vm, a| compare(vm, a, |o| matches!(o, Some(Ordering::Less | Ordering::Equal))),
        "__gt__" => |vm, a| compare(vm, a, |o| o == Some(Ordering::Greater)),
        "__ge__" => |vm, a| compare(vm, a, |o| matches!(o, Some(Ordering::Greater | Ordering::Equal))),
        "__neg__" => |vm, a| unary(vm, a, |x| Value::Float(-x)),
        "__pos__" => |vm, a| unary(vm, a, Value::Float),
        "__abs__" => |vm, a| unary(vm, a, |x| Value::Float(x.abs())),
        "__bool__" => |vm, a| unary(vm, a, |x| Value::Bool(x != 0.0)),
        "__float__" => |vm, a| unary(vm, a, Value::Float),
        "conjugate" => |vm, a| unary(vm, a, Value::Float),
        "__hash__" => |vm, a| unary(vm, a, |x| Value::Int(float_hash(x))),
        "__repr__" => |vm, a| unary(vm, a, |x| Value::str(&numfmt::float_repr(x))),
        "__int__" => |vm, a| to_int(vm, a, |x| x),
        "__trunc__" => |vm, a| to_int(vm, a, |x| x),
        "__floor__" => |vm, a| to_int(vm, a, f64::floor),
        "__ceil__" => |vm, a| to_int(vm, a, f64::ceil),
        "__round__" => float_round,
        "__format__" => float_format,
        "__getnewargs__" => |vm, a| unary(vm, a, |x| Value::tuple(vec![Value::Float(x)])),
        "is_integer" => |vm, a| unary(vm, a, |x| Value::Bool(numfmt::float_is_integer(x))),
        "hex" => |vm, a| unary(vm, a, |x| Value::str(&numfmt::float_hex(x))),
        "as_integer_ratio" => as_integer_ratio,
        "__new__" => float_new,
    });
    add_native(
        vm,
        &float,
        "fromhex",
        "float.fromhex",
        fromhex,
        NativeKind::ClassMethod,
    );
    getters!(vm, float, "float", {
        "real" => |vm, a| unary(vm, a, Value::Float),
        "imag" => |vm, a| unary(vm, a, |_| Value::Float(0.0)),
    });
}

pub fn float_hash(x: f64) -> i64 {
    numfmt::float_hash(x, || (x.to_bits() >> 4) as i64)
}

fn this(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor requires a 'float' object but received a '{t}'"
            )))
        }
    }
}

fn unary(vm: &mut Vm, args: Args<'_>, f: fn(f64) -> Value) -> PyResult<Value> {
    let v = noargs(vm, args, "float.method")?;
    let x = this(vm, v)?;
    Ok(f(x))
}

fn binop(vm: &mut Vm, args: Args<'_>, op: Op, reflected: bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "float.__op__")?;
    let x = this(vm, a)?;
    let Some(y) = operand(vm, b)? else {
        return NOT_IMPLEMENTED;
    };
    if reflected {
        apply(vm, y, x, op)
    } else {
        apply(vm, x, y, op)
    }
}

fn pow(vm: &mut Vm, args: Args<'_>, reflected: bool) -> PyResult<Value> {
    let (a, rest) = super::arity(vm, args, "float.__pow__", 1, 2)?;
    let x = this(vm, a)?;
    if rest.len() == 2 && !rest[1].is_none() {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    }
    let Some(y) = operand(vm, &rest[0])? else {
        return NOT_IMPLEMENTED;
    };
    if reflected {
        apply(vm, y, x, Op::Pow)
    } else {
        apply(vm, x, y, Op::Pow)
    }
}

/// Exact `float <=> other` for floats and ints.
pub fn cmp_float(x: f64, other: &Value) -> Option<Option<Ordering>> {
    match other {
        Value::Float(y) => Some(x.partial_cmp(y)),
        _ => as_int(other).map(|i| cmp_int_float(&i, x).map(Ordering::reverse)),
    }
}

fn compare(vm: &mut Vm, args: Args<'_>, test: fn(Option<Ordering>) -> bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "float.__cmp__")?;
    let x = this(vm, a)?;
    match cmp_float(x, b) {
        Some(ord) => Ok(Value::Bool(test(ord))),
        None => NOT_IMPLEMENTED,
    }
}

fn int_value(v: IntValue) -> Value {
    match v {
        IntValue::Small(i) => Value::Int(i),
        IntValue::Big(b) => Value::from_bigint(b),
    }
}

fn to_int(vm: &mut Vm, args: Args<'_>, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = {
        let v = noargs(vm, args, "float.__int__")?;
        this(vm, v)?
    };
    numfmt::float_to_int(f(x))
        .map(int_value)
        .map_err(|e| num_err(vm, e))
}

fn float_round(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, rest) = super::arity(vm, args, "float.__round__", 0, 1)?;
    let x = this(vm, a)?;
    match rest.first() {
        None | Some(Value::None) => numfmt::float_round_to_int(x)
            .map(int_value)
            .map_err(|e| num_err(vm, e)),
        Some(n) => {
            let n = super::index_value(vm, n)?;
            let n = match as_int(&n) {
                Some(Int::S(n)) => n,
                Some(Int::B(b)) => {
                    if b.sign() == num_bigint::Sign::Minus {
                        i64::MIN
                    } else {
                        i64::MAX
                    }
                }
                None => 0,
            };
            numfmt::float_round(x, n)
                .map(Value::Float)
                .map_err(|e| num_err(vm, e))
        }
    }
}

fn float_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, spec) = one_arg(vm, args, "float.__format__")?;
    let x = this(vm, a)?;
    let Value::Str(spec) = spec else {
        let t = vm.type_name(spec);
        return Err(vm.type_error(format!("format() argument 2 must be str, not {t}")));
    };
    numfmt::format_float(x, spec.as_str())
        .map(|s| Value::str(&s))
        .map_err(|e| num_err(vm, e))
}

fn as_integer_ratio(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let x = {
        let v = noargs(vm, args, "float.as_integer_ratio")?;
        this(vm, v)?
    };
    match numfmt::float_as_integer_ratio(x) {
        Ok((n, d)) => Ok(Value::tuple(vec![
            Value::from_bigint(n),
            Value::from_bigint(d),
        ])),
        Err(e) => Err(num_err(vm, e)),
    }
}

fn fromhex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_cls, s) = one_arg(vm, args, "float.fromhex")?;
    let Value::Str(s) = s else {
        let t = vm.type_name(s);
        return Err(vm.type_error(format!("bad argument type for built-in operation: {t}")));
    };
    numfmt::float_fromhex(s.as_str())
        .map(Value::Float)
        .map_err(|e| num_err(vm, e))
}

fn float_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error("float() takes no keyword arguments"));
    }
    let rest = &args.positional()[1..];
    super::check_count(vm, rest.len(), "float", 0, 1)?;
    match rest.first() {
        None => Ok(Value::Float(0.0)),
        Some(x) => to_float(vm, x).map(Value::Float),
    }
}

/// `float(x)`.
pub fn to_float(vm: &mut Vm, x: &Value) -> PyResult<f64> {
    match x {
        Value::Float(f) => Ok(*f),
        Value::Str(s) => {
            numfmt::parse_float(s.as_str(), || crate::runtime::strings::str_repr(s.as_str()))
                .map_err(|e| num_err(vm, e))
        }
        Value::Object(o) if matches!(o.kind, ObjKind::Bytes(_)) => {
            let b = super::iter::bytes_of(x);
            let text: String = b.iter().map(|&c| c as char).collect();
            numfmt::parse_float(&text, || crate::runtime::strings::bytes_repr(b))
                .map_err(|e| num_err(vm, e))
        }
        _ => {
            if let Some(i) = as_int(x) {
                return i.to_f64().map_err(|e| num_err(vm, e));
            }
            if let Some(r) = super::call_dunder(vm, x, "__float__", &[])? {
                return match r {
                    Value::Float(f) => Ok(f),
                    other => {
                        let (t, rt) = (vm.type_name(x), vm.type_name(&other));
                        Err(vm.type_error(format!("{t}.__float__ returned non-float (type {rt})")))
                    }
                };
            }
            if super::lookup_dunder(vm, x, "__index__").is_some() {
                let i = super::index_value(vm, x)?;
                return operand(vm, &i).map(|f| f.unwrap_or(0.0));
            }
            let t = vm.type_name(x);
            Err(vm.type_error(format!(
                "float() argument must be a string or a real number, not '{t}'"
            )))
        }
    }
}
