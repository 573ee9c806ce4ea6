//! The `math` module, native: CPython's functions with its domain and range errors
//! ("math domain error", "math range error") and its integer functions on big ints.

use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::native::{Args, NativeFn};
use crate::runtime::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub fn install(vm: &mut Vm) {
    let unary_functions: [(&'static str, NativeFn); 28] = [
        ("sqrt", |vm, a| {
            unary(vm, a, "sqrt", f64::sqrt, |x| x >= 0.0)
        }),
        ("exp", |vm, a| unary(vm, a, "exp", f64::exp, |_| true)),
        ("expm1", |vm, a| {
            unary(vm, a, "expm1", f64::exp_m1, |_| true)
        }),
        ("log2", |vm, a| log_base(vm, a, "log2", f64::log2)),
        ("log10", |vm, a| log_base(vm, a, "log10", f64::log10)),
        ("log1p", |vm, a| {
            unary(vm, a, "log1p", f64::ln_1p, |x| x > -1.0)
        }),
        ("sin", |vm, a| unary(vm, a, "sin", f64::sin, f64::is_finite)),
        ("cos", |vm, a| unary(vm, a, "cos", f64::cos, f64::is_finite)),
        ("tan", |vm, a| unary(vm, a, "tan", f64::tan, f64::is_finite)),
        ("asin", |vm, a| {
            unary(vm, a, "asin", f64::asin, |x| (-1.0..=1.0).contains(&x))
        }),
        ("acos", |vm, a| {
            unary(vm, a, "acos", f64::acos, |x| (-1.0..=1.0).contains(&x))
        }),
        ("atan", |vm, a| unary(vm, a, "atan", f64::atan, |_| true)),
        ("sinh", |vm, a| unary(vm, a, "sinh", f64::sinh, |_| true)),
        ("cosh", |vm, a| unary(vm, a, "cosh", f64::cosh, |_| true)),
        ("tanh", |vm, a| unary(vm, a, "tanh", f64::tanh, |_| true)),
        ("asinh", |vm, a| unary(vm, a, "asinh", f64::asinh, |_| true)),
        ("acosh", |vm, a| {
            unary(vm, a, "acosh", f64::acosh, |x| x >= 1.0)
        }),
        ("atanh", |vm, a| {
            unary(vm, a, "atanh", f64::atanh, |x| x > -1.0 && x < 1.0)
        }),
        ("fabs", |vm, a| unary(vm, a, "fabs", f64::abs, |_| true)),
        ("erf", |vm, a| unary(vm, a, "erf", libm::erf, |_| true)),
        ("erfc", |vm, a| unary(vm, a, "erfc", libm::erfc, |_| true)),
        ("gamma", |vm, a| {
            unary(vm, a, "gamma", libm::tgamma, |x| {
                !(x <= 0.0 && x == x.floor()) && x != f64::NEG_INFINITY
            })
        }),
        ("lgamma", |vm, a| {
            unary(
                vm,
                a,
                "lgamma",
                |x| libm::lgamma_r(x).0,
                |x| !(x <= 0.0 && x == x.floor()),
            )
        }),
        ("degrees", |vm, a| {
            unary(vm, a, "degrees", f64::to_degrees, |_| true)
        }),
        ("radians", |vm, a| {
            unary(vm, a, "radians", f64::to_radians, |_| true)
        }),
        ("floor", |vm, a| {
            rounding(vm, a, "floor", "__floor__", f64::floor)
        }),
        ("ceil", |vm, a| {
            rounding(vm, a, "ceil", "__ceil__", f64::ceil)
        }),
        ("trunc", |vm, a| {
            rounding(vm, a, "trunc", "__trunc__", f64::trunc)
        }),
    ];
    let others: [(&'static str, NativeFn); 25] = [
        ("log", math_log),
        ("pow", |vm, a| {
            let (x, y) = two_floats(vm, a, "pow")?;
            float_result(
                vm,
                libm::pow(x, y),
                x.is_finite() && y.is_finite(),
                in_pow_domain(x, y),
            )
        }),
        ("atan2", |vm, a| {
            let (y, x) = two_floats(vm, a, "atan2")?;
            Ok(Value::Float(y.atan2(x)))
        }),
        ("hypot", math_hypot),
        ("fmod", |vm, a| {
            let (x, y) = two_floats(vm, a, "fmod")?;
            if y == 0.0 && !x.is_nan() || x.is_infinite() && !y.is_nan() {
                return Err(domain_error(vm));
            }
            Ok(Value::Float(x % y))
        }),
        ("copysign", |vm, a| {
            let (x, y) = two_floats(vm, a, "copysign")?;
            Ok(Value::Float(x.copysign(y)))
        }),
        ("isfinite", |vm, a| {
            one_float(vm, a, "isfinite").map(|x| Value::Bool(x.is_finite()))
        }),
        ("isinf", |vm, a| {
            one_float(vm, a, "isinf").map(|x| Value::Bool(x.is_infinite()))
        }),
        ("isnan", |vm, a| {
            one_float(vm, a, "isnan").map(|x| Value::Bool(x.is_nan()))
        }),
        ("isclose", math_isclose),
        ("modf", |vm, a| {
            let x = one_float(vm, a, "modf")?;
            let int = if x.is_infinite() { x } else { x.trunc() };
            let frac = if x.is_infinite() {
                0.0f64.copysign(x)
            } else {
                x - int
            };
            Ok(Value::tuple(vec![
                Value::Float(frac.copysign(x)),
                Value::Float(int),
            ]))
        }),
        ("frexp", |vm, a| {
            let x = one_float(vm, a, "frexp")?;
            let (m, e) = libm::frexp(x);
            Ok(Value::tuple(vec![
                Value::Float(m),
                Value::Int(i64::from(e)),
            ]))
        }),
        ("ldexp", math_ldexp),
        ("factorial", math_factorial),
        ("gcd", |vm, a| int_fold(vm, a, "gcd", |x, y| x.gcd(&y))),
        ("lcm", |vm, a| {
            int_fold(vm, a, "lcm", |x, y| {
                if x.is_zero() || y.is_zero() {
                    BigInt::zero()
                } else {
                    x.lcm(&y)
                }
            })
        }),
        ("isqrt", math_isqrt),
        ("comb", |vm, a| comb_perm(vm, a, "comb")),
        ("perm", |vm, a| comb_perm(vm, a, "perm")),
        ("prod", math_prod),
        ("fsum", math_fsum),
        ("dist", math_dist),
        ("exp2", |vm, a| unary(vm, a, "exp2", f64::exp2, |_| true)),
        ("cbrt", |vm, a| unary(vm, a, "cbrt", f64::cbrt, |_| true)),
        ("nextafter", |vm, a| {
            let (x, y) = two_floats(vm, a, "nextafter")?;
            Ok(Value::Float(libm::nextafter(x, y)))
        }),
    ];
    let module = super::new_module(vm, "math");
    for (name, func) in unary_functions.into_iter().chain(others) {
        super::add_function(vm, &module, name, func);
    }
    let consts = [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ];
    for (name, value) in consts {
        super::add_value(vm, &module, name, Value::Float(value));
    }
}

/// `pow(x, y)` is defined unless `x` is zero and `y` negative, or `x` negative and `y` a
/// finite non-integer (NaNs propagate instead).
fn in_pow_domain(x: f64, y: f64) -> bool {
    let zero_to_negative = x == 0.0 && y < 0.0;
    let negative_to_fraction = x < 0.0 && y.is_finite() && y != y.floor();
    !zero_to_negative && !negative_to_fraction
}

fn domain_error(vm: &mut Vm) -> PyErr {
    let class = vm.types.value_error.clone();
    vm.new_exception(&class, "math domain error")
}

fn range_error(vm: &mut Vm) -> PyErr {
    let class = vm.types.overflow_error.clone();
    vm.new_exception(&class, "math range error")
}

/// A float argument as CPython's `PyFloat_AsDouble`: floats, ints (exactly rounded), bools,
/// and objects with `__float__` or `__index__`.
pub fn to_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::BigInt(n) => match crate::runtime::numfmt::int_to_float(n) {
            Ok(f) => Ok(f),
            Err(_) => {
                let class = vm.types.overflow_error.clone();
                Err(vm.new_exception(&class, "int too large to convert to float"))
            }
        },
        other => {
            for dunder in ["__float__", "__index__"] {
                let name = vm.interner.intern(dunder);
                if let Some(method) = vm.class_of(other).lookup(&name) {
                    let result = vm.call(&method, std::slice::from_ref(other))?;
                    return to_f64(vm, &result);
                }
            }
            let t = vm.type_name(other);
            Err(vm.type_error(format!("must be real number, not {t}")))
        }
    }
}

fn positional<'a>(vm: &mut Vm, args: &Args<'a>, name: &str, n: usize) -> PyResult<&'a [Value]> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let p = args.positional();
    if p.len() != n {
        return Err(vm.type_error(if n == 1 {
            format!(
                "math.{name}() takes exactly one argument ({} given)",
                p.len()
            )
        } else {
            format!("{name} expected {n} arguments, got {}", p.len())
        }));
    }
    Ok(p)
}

fn one_float(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<f64> {
    let p = positional(vm, &args, name, 1)?;
    to_f64(vm, &p[0])
}

fn two_floats(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<(f64, f64)> {
    let p = positional(vm, &args, name, 2)?;
    Ok((to_f64(vm, &p[0])?, to_f64(vm, &p[1])?))
}

/// `f(x)` with CPython's error rules: a NaN result from a non-NaN input outside `domain` is
/// a domain error; an infinite result from a finite input is a range error.
fn unary(
    vm: &mut Vm,
    args: Args<'_>,
    name: &str,
    f: fn(f64) -> f64,
    domain: fn(f64) -> bool,
) -> PyResult<Value> {
    let x = one_float(vm, args, name)?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    if !domain(x) {
        return Err(domain_error(vm));
    }
    let r = f(x);
    if r.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

fn float_result(vm: &mut Vm, r: f64, finite_inputs: bool, in_domain: bool) -> PyResult<Value> {
    if !in_domain {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && finite_inputs {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

/// Exact logarithms of big ints: `log(10**400)` works although the int exceeds a float.
fn big_log(n: &BigInt, f: fn(f64) -> f64) -> Option<f64> {
    if !n.is_positive() {
        return None;
    }
    let bits = n.bits();
    if bits < 1000 {
        return n.to_f64().map(f);
    }
    let shift = bits - 64;
    let top = (n >> shift).to_f64()?;
    Some(f(top) + (shift as f64) * f(2.0))
}

fn log_of(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    let x = match v {
        Value::BigInt(n) => {
            return big_log(n, f).ok_or_else(|| domain_error(vm));
        }
        other => to_f64(vm, other)?,
    };
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(f(x))
}

fn log_base(vm: &mut Vm, args: Args<'_>, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let p = positional(vm, &args, name, 1)?;
    log_of(vm, &p[0], f).map(Value::Float)
}

fn math_log(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = args.positional();
    match p {
        [x] => log_of(vm, x, f64::ln).map(Value::Float),
        [x, base] => {
            let num = log_of(vm, x, f64::ln)?;
            let den = log_of(vm, base, f64::ln)?;
            if den == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            Ok(Value::Float(num / den))
        }
        _ => Err(vm.type_error(format!("log expected at least 1 argument, got {}", p.len()))),
    }
}

fn math_hypot(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let mut values = Vec::with_capacity(args.positional().len());
    for v in args.positional() {
        values.push(to_f64(vm, v)?);
    }
    Ok(Value::Float(hypot(&values)))
}

fn hypot(values: &[f64]) -> f64 {
    if values.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if values.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    match values {
        [] => 0.0,
        [x] => x.abs(),
        [x, y] => x.hypot(*y),
        _ => {
            let max = values.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            if max == 0.0 {
                return 0.0;
            }
            let sum: f64 = values.iter().map(|x| (x / max) * (x / max)).sum();
            max * sum.sqrt()
        }
    }
}

fn math_dist(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = positional(vm, &args, "dist", 2)?;
    let a = crate::builtins::types::iter::collect(vm, &p[0])?;
    let b = crate::builtins::types::iter::collect(vm, &p[1])?;
    if a.len() != b.len() {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(
            &class,
            "both points must have the same number of dimensions",
        ));
    }
    let mut diffs = Vec::with_capacity(a.len());
    for (x, y) in a.iter().zip(&b) {
        diffs.push(to_f64(vm, x)? - to_f64(vm, y)?);
    }
    Ok(Value::Float(hypot(&diffs)))
}

fn math_isclose(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = args.positional();
    if p.len() != 2 {
        return Err(vm.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            p.len()
        )));
    }
    let (a, b) = (to_f64(vm, &p[0])?, to_f64(vm, &p[1])?);
    let (mut rel_tol, mut abs_tol) = (1e-9, 0.0);
    for (name, v) in args.keywords() {
        match name {
            "rel_tol" => rel_tol = to_f64(vm, v)?,
            "abs_tol" => abs_tol = to_f64(vm, v)?,
            other => {
                return Err(vm.type_error(format!(
                    "isclose() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    if rel_tol < 0.0 || abs_tol < 0.0 {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol,
    ))
}

fn math_ldexp(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = positional(vm, &args, "ldexp", 2)?;
    let x = to_f64(vm, &p[0])?;
    let e = match &p[1] {
        Value::Int(i) => (*i).clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        Value::BigInt(n) => {
            if n.is_negative() {
                i32::MIN
            } else {
                i32::MAX
            }
        }
        Value::Bool(b) => i32::from(*b),
        _ => return Err(vm.type_error("Expected an int as second argument to ldexp.")),
    };
    let r = libm::ldexp(x, e);
    if r.is_infinite() && x.is_finite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

/// An int argument (ints, bools, `__index__`); floats are a TypeError in 3.11's integer
/// functions ("'float' object cannot be interpreted as an integer").
fn to_bigint(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::BigInt(n) => Ok((**n).clone()),
        Value::Bool(b) => Ok(BigInt::from(u8::from(*b))),
        other => {
            let name = vm.interner.intern("__index__");
            if let Some(method) = vm.class_of(other).lookup(&name) {
                let result = vm.call(&method, std::slice::from_ref(other))?;
                if matches!(result, Value::Int(_) | Value::BigInt(_)) {
                    return to_bigint(vm, &result);
                }
            }
            let t = vm.type_name(other);
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

fn math_factorial(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = positional(vm, &args, "factorial", 1)?;
    let n = to_bigint(vm, &p[0])?;
    if n.is_negative() {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64() else {
        let class = vm.types.overflow_error.clone();
        return Err(vm.new_exception(
            &class,
            "factorial() argument should not exceed 9223372036854775807",
        ));
    };
    Ok(Value::from_bigint(product_range(1, n)))
}

/// `lo * (lo+1) * … * hi` by splitting in halves, so big factorials multiply balanced numbers.
fn product_range(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut acc = BigInt::one();
        for k in lo..=hi {
            acc *= k;
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    product_range(lo, mid) * product_range(mid + 1, hi)
}

fn int_fold(
    vm: &mut Vm,
    args: Args<'_>,
    name: &str,
    f: fn(BigInt, BigInt) -> BigInt,
) -> PyResult<Value> {
    if !args.kwnames.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let mut acc: Option<BigInt> = None;
    for v in args.positional() {
        let n = to_bigint(vm, v)?;
        acc = Some(match acc {
            None => n.abs(),
            Some(a) => f(a, n).abs(),
        });
    }
    let empty = if name == "lcm" {
        BigInt::one()
    } else {
        BigInt::zero()
    };
    Ok(Value::from_bigint(acc.unwrap_or(empty)))
}

fn math_isqrt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = positional(vm, &args, "isqrt", 1)?;
    let n = to_bigint(vm, &p[0])?;
    if n.is_negative() {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

fn comb_perm(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let p = args.positional();
    let (n, k) = match (name, p) {
        (_, [n, k]) => (to_bigint(vm, n)?, Some(to_bigint(vm, k)?)),
        ("perm", [n]) => (to_bigint(vm, n)?, None),
        _ => {
            return Err(vm.type_error(format!(
                "{name} expected {} arguments, got {}",
                if name == "comb" { "2" } else { "at most 2" },
                p.len()
            )))
        }
    };
    let class = vm.types.value_error.clone();
    if n.is_negative() {
        return Err(vm.new_exception(&class, "n must be a non-negative integer"));
    }
    let k = k.unwrap_or_else(|| n.clone());
    if k.is_negative() {
        return Err(vm.new_exception(&class, "k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let (Some(n), Some(k)) = (n.to_u64(), k.to_u64()) else {
        let class = vm.types.overflow_error.clone();
        return Err(vm.new_exception(&class, "n must not exceed 9223372036854775807"));
    };
    let k = if name == "comb" { k.min(n - k) } else { k };
    let falling = product_range(n - k + 1, n);
    Ok(Value::from_bigint(if name == "comb" {
        falling / product_range(1, k)
    } else {
        falling
    }))
}

fn math_prod(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(iterable) = args.positional().first() else {
        return Err(vm.type_error("prod() missing required argument 'iterable' (pos 1)"));
    };
    let mut acc = args
        .keywords()
        .find(|(k, _)| *k == "start")
        .map_or(Value::Int(1), |(_, v)| v.clone());
    let items = crate::builtins::types::iter::collect(vm, iterable)?;
    for item in &items {
        acc = vm.binary_op(&acc, item, crate::bytecode::BinaryOperator::Multiply)?;
    }
    Ok(acc)
}

/// CPython's `fsum`: exact partial sums (Shewchuk), correctly rounded.
fn math_fsum(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let p = positional(vm, &args, "fsum", 1)?;
    let items = crate::builtins::types::iter::collect(vm, &p[0])?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for item in &items {
        let mut x = to_f64(vm, item)?;
        if !x.is_finite() {
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        partials.push(x);
        if x.is_infinite() {
            return Err(range_error_msg(vm, "intermediate overflow in fsum"));
        }
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            let class = vm.types.value_error.clone();
            return Err(vm.new_exception(&class, "-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    let mut hi = 0.0;
    if let Some(mut n) = partials.len().checked_sub(1) {
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

fn range_error_msg(vm: &mut Vm, message: &str) -> PyErr {
    let class = vm.types.overflow_error.clone();
    vm.new_exception(&class, message)
}

/// `floor`/`ceil`/`trunc`: the dunder for non-floats, an int result.
fn rounding(
    vm: &mut Vm,
    args: Args<'_>,
    name: &str,
    dunder: &str,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    let p = positional(vm, &args, name, 1)?;
    match &p[0] {
        Value::Int(_) | Value::BigInt(_) => Ok(p[0].clone()),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Float(x) => float_to_int(vm, f(*x)),
        other => {
            let method_name = vm.interner.intern(dunder);
            if let Some(method) = vm.class_of(other).lookup(&method_name) {
                return vm.call(&method, std::slice::from_ref(other));
            }
            if name == "trunc" {
                let t = vm.type_name(other);
                return Err(vm.type_error(format!("type {t} doesn't define __trunc__ method")));
            }
            let x = to_f64(vm, other)?;
            float_to_int(vm, f(x))
        }
    }
}

fn float_to_int(vm: &mut Vm, x: f64) -> PyResult<Value> {
    if x.is_nan() {
        let class = vm.types.value_error.clone();
        return Err(vm.new_exception(&class, "cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        let class = vm.types.overflow_error.clone();
        return Err(vm.new_exception(&class, "cannot convert float infinity to integer"));
    }
    if x.abs() < 9.2e18 {
        return Ok(Value::Int(x as i64));
    }
    Ok(Value::from_bigint(
        num_traits::FromPrimitive::from_f64(x).unwrap_or_default(),
    ))
}
