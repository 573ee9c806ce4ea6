//! `complex`: arithmetic with CPython's algorithms (Smith's division, `c_pow` with the
//! small-integer-exponent path), equality with ints and floats, hashing, repr, constructor.

use super::float::operand as real_operand;
use super::{getters, methods, noargs, one_arg, value_error, NOT_IMPLEMENTED};
use crate::runtime::error::PyResult;
use crate::runtime::numfmt;
use crate::runtime::types::native::Args;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;

pub fn new_complex(re: f64, im: f64) -> Value {
    super::obj(ObjKind::Complex { real: re, imag: im })
}

pub fn as_complex(v: &Value) -> Option<(f64, f64)> {
    match v {
        Value::Object(o) => match o.kind {
            ObjKind::Complex { real, imag } => Some((real, imag)),
            _ => None,
        },
        _ => None,
    }
}

/// A complex operand: complex, float or int.
fn operand(vm: &mut Vm, v: &Value) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = as_complex(v) {
        return Ok(Some(c));
    }
    Ok(real_operand(vm, v)?.map(|x| (x, 0.0)))
}

fn c_quot(vm: &mut Vm, a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    let (abs_r, abs_i) = (b.0.abs(), b.1.abs());
    if abs_r >= abs_i {
        if abs_r == 0.0 {
            return Err(vm.zero_division("complex division by zero"));
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Ok(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_i >= abs_r {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Ok(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Ok((f64::NAN, f64::NAN))
    }
}

fn c_mul(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

fn c_powu(x: (f64, f64), n: u64) -> (f64, f64) {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask = 1u64;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_mul(r, p);
        }
        mask <<= 1;
        p = c_mul(p, p);
    }
    r
}

/// CPython's `complex_pow`: integral exponents up to 100 by repeated multiplication.
pub fn c_pow(vm: &mut Vm, a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    if b.1 == 0.0 && b.0 == b.0.trunc() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        return if n >= 0 {
            Ok(c_powu(a, n as u64))
        } else {
            let p = c_powu(a, n.unsigned_abs());
            c_quot(vm, (1.0, 0.0), p)
                .map_err(|_| vm.zero_division("0.0 to a negative or complex power"))
        };
    }
    if b.0 == 0.0 && b.1 == 0.0 {
        return Ok((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(vm.zero_division("0.0 to a negative or complex power"));
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    let r = (len * phase.cos(), len * phase.sin());
    if (!r.0.is_finite() || !r.1.is_finite()) && len.is_infinite() {
        return Err(super::overflow_error(vm, "complex exponentiation"));
    }
    Ok(r)
}

#[derive(Clone, Copy)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

fn apply(vm: &mut Vm, a: (f64, f64), b: (f64, f64), op: Op) -> PyResult<Value> {
    let (re, im) = match op {
        Op::Add => (a.0 + b.0, a.1 + b.1),
        Op::Sub => (a.0 - b.0, a.1 - b.1),
        Op::Mul => c_mul(a, b),
        Op::Div => c_quot(vm, a, b)?,
        Op::Pow => c_pow(vm, a, b)?,
    };
    Ok(new_complex(re, im))
}

fn this(vm: &mut Vm, v: &Value) -> PyResult<(f64, f64)> {
    match as_complex(v) {
        Some(c) => Ok(c),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor requires a 'complex' object but received a '{t}'"
            )))
        }
    }
}

fn binop(vm: &mut Vm, args: Args<'_>, op: Op, reflected: bool) -> PyResult<Value> {
    let (a, rest) = super::arity(vm, args, "complex.__op__", 1, 2)?;
    let x = this(vm, a)?;
    if rest.len() == 2 && !rest[1].is_none() {
        return Err(value_error(vm, "complex modulo"));
    }
    let Some(y) = operand(vm, &rest[0])? else {
        return NOT_IMPLEMENTED;
    };
    if reflected {
        apply(vm, y, x, op)
    } else {
        apply(vm, x, y, op)
    }
}

pub fn complex_hash(re: f64, im: f64) -> i64 {
    numfmt::complex_hash(super::float::float_hash(re), super::float::float_hash(im))
}

pub fn install(vm: &mut Vm) {
    let complex = vm.types.complex.clone();
    methods!(vm, complex, "complex", {
        "__add__" => |vm, a| binop(vm, a, Op::Add, false),
        "__radd__" => |vm, a| binop(vm, a, Op::Add, true),
        "__sub__" => |vm, a| binop(vm, a, Op::Sub, false),
        "__rsub__" => |vm, a| binop(vm, a, Op::Sub, true),
        "__mul__" => |vm, a| binop(vm, a, Op::Mul, false),
        "__rmul__" => |vm, a| binop(vm, a, Op::Mul, true),
        "__truediv__" => |vm, a| binop(vm, a, Op::Div, false),
        "__rtruediv__" => |vm, a| binop(vm, a, Op::Div, true),
        "__pow__" => |vm, a| binop(vm, a, Op::Pow, false),
        "__rpow__" => |vm, a| binop(vm, a, Op::Pow, true),
        "__eq__" => |vm, a| equal(vm, a, false),
        "__ne__" => |vm, a| equal(vm, a, true),
        "__lt__" => |_, _| NOT_IMPLEMENTED,
        "__le__" => |_, _| NOT_IMPLEMENTED,
        "__gt__" => |_, _| NOT_IMPLEMENTED,
        "__ge__" => |_, _| NOT_IMPLEMENTED,
        "__neg__" => |vm, a| unary(vm, a, |(r, i)| Ok(new_complex(-r, -i))),
        "__pos__" => |vm, a| unary(vm, a, |(r, i)| Ok(new_complex(r, i))),
        "conjugate" => |vm, a| unary(vm, a, |(r, i)| Ok(new_complex(r, -i))),
        "__bool__" => |vm, a| unary(vm, a, |(r, i)| Ok(Value::Bool(r != 0.0 || i != 0.0))),
        "__hash__" => |vm, a| unary(vm, a, |(r, i)| Ok(Value::Int(complex_hash(r, i)))),
        "__repr__" => |vm, a| unary(vm, a, |(r, i)| Ok(Value::str(&numfmt::complex_repr(r, i)))),
        "__abs__" => complex_abs,
        "__format__" => complex_format,
        "__getnewargs__" => |vm, a| unary(vm, a, |(r, i)| Ok(Value::tuple(vec![Value::Float(r), Value::Float(i)]))),
        "__new__" => complex_new,
    });
    getters!(vm, complex, "complex", {
        "real" => |vm, a| unary(vm, a, |(r, _)| Ok(Value::Float(r))),
        "imag" => |vm, a| unary(vm, a, |(_, i)| Ok(Value::Float(i))),
    });
}

fn unary(vm: &mut Vm, args: Args<'_>, f: fn((f64, f64)) -> PyResult<Value>) -> PyResult<Value> {
    let v = noargs(vm, args, "complex.method")?;
    let c = this(vm, v)?;
    f(c)
}

fn complex_abs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (r, i) = {
        let v = noargs(vm, args, "complex.__abs__")?;
        this(vm, v)?
    };
    let h = r.hypot(i);
    if h.is_infinite() && r.is_finite() && i.is_finite() {
        return Err(super::overflow_error(vm, "absolute value too large"));
    }
    Ok(Value::Float(h))
}

fn equal(vm: &mut Vm, args: Args<'_>, negate: bool) -> PyResult<Value> {
    let (a, b) = one_arg(vm, args, "complex.__eq__")?;
    let (r, i) = this(vm, a)?;
    let eq = if let Some((r2, i2)) = as_complex(b) {
        r == r2 && i == i2
    } else if let Value::Float(f) = b {
        r == *f && i == 0.0
    } else if let Some(n) = super::int::as_int(b) {
        i == 0.0 && super::int::cmp_int_float(&n, r) == Some(std::cmp::Ordering::Equal)
    } else {
        return NOT_IMPLEMENTED;
    };
    Ok(Value::Bool(eq != negate))
}

fn complex_format(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (a, spec) = one_arg(vm, args, "complex.__format__")?;
    let (r, i) = this(vm, a)?;
    match spec {
        Value::Str(s) if s.as_str().is_empty() => Ok(Value::str(&numfmt::complex_repr(r, i))),
        Value::Str(_) => Err(value_error(
            vm,
            "complex formatting with a format spec is not supported",
        )),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("format() argument 2 must be str, not {t}")))
        }
    }
}

fn complex_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_cls, [real, imag]) = super::bind(vm, args, "complex", ["real", "imag"], 0, true)?;
    if let Some(Value::Str(s)) = real {
        if imag.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        return parse_complex(s.as_str())
            .map(|(r, i)| new_complex(r, i))
            .ok_or_else(|| value_error(vm, "complex() arg is a malformed string"));
    }
    if let Some(Value::Str(_)) = imag {
        return Err(vm.type_error("complex() second arg can't be a string"));
    }
    let (r, i, real_is_complex) = match real {
        None => (0.0, 0.0, false),
        Some(v) => match as_complex(v) {
            Some((r, i)) => (r, i, true),
            None => match real_operand(vm, v)? {
                Some(x) => (x, 0.0, false),
                None => match super::call_dunder(vm, v, "__complex__", &[])? {
                    Some(c) => match as_complex(&c) {
                        Some((r, i)) => (r, i, true),
                        None => {
                            let t = vm.type_name(&c);
                            return Err(vm.type_error(format!(
                                "__complex__ returned non-complex (type {t})"
                            )));
                        }
                    },
                    None => {
                        let x = super::float::to_float(vm, v).map_err(|_| {
                            let t = vm.type_name(v);
                            vm.type_error(format!(
                                "complex() first argument must be a string or a number, not '{t}'"
                            ))
                        })?;
                        (x, 0.0, false)
                    }
                },
            },
        },
    };
    let (ir, ii, imag_is_complex) = match imag {
        None => (0.0, 0.0, false),
        Some(v) => match as_complex(v) {
            Some((r, i)) => (r, i, true),
            None => match real_operand(vm, v)? {
                Some(x) => (x, 0.0, false),
                None => {
                    let t = vm.type_name(v);
                    return Err(vm.type_error(format!(
                        "complex() second argument must be a number, not '{t}'"
                    )));
                }
            },
        },
    };
    // CPython only folds the parts that are themselves complex (keeps signed zeros).
    let re = if imag_is_complex { r - ii } else { r };
    let im = if real_is_complex && imag.is_some() {
        i + ir
    } else if imag.is_some() {
        ir
    } else {
        i
    };
    Ok(new_complex(re, im))
}

/// `complex('1+2j')`: optional parentheses and surrounding whitespace.
fn parse_complex(s: &str) -> Option<(f64, f64)> {
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        t = inner.trim();
    }
    if t.is_empty() || t.contains(char::is_whitespace) {
        return None;
    }
    let parse = |x: &str| -> Option<f64> {
        if x.is_empty() || x.contains('_') && (x.starts_with('_') || x.ends_with('_')) {
            return None;
        }
        numfmt::parse_float(x, String::new).ok()
    };
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Find the split between real and imaginary parts: the last sign not after an 'e'.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        let imag = |x: &str| -> Option<f64> {
            match x {
                "" | "+" => Some(1.0),
                "-" => Some(-1.0),
                _ => parse(x),
            }
        };
        return match split {
            Some(i) => Some((parse(&body[..i])?, imag(&body[i..])?)),
            None => Some((0.0, imag(body)?)),
        };
    }
    Some((parse(t)?, 0.0))
}
