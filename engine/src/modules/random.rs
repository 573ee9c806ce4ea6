//! The `random` module, native: CPython's `random.Random` over its Mersenne Twister, with the
//! same seeding, the same `getrandbits`-based `_randbelow` and the same algorithms in every
//! method, so a seeded program draws the very numbers CPython draws. The module functions are
//! the methods of one hidden instance, as in `random.py`.

mod mt;
mod sampling;
mod sha512;

use crate::builtins::functions::ArgSpec;
use crate::builtins::types::methods;
use crate::modules::{add_value, native_class, native_object, native_state, new_module};
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::native::Args;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use mt::Mt;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The state of one `Random` instance.
pub struct RandomState {
    mt: RefCell<Mt>,
    gauss_next: Cell<Option<f64>>,
}

impl RandomState {
    fn new() -> RandomState {
        RandomState {
            mt: RefCell::new(Mt::new()),
            gauss_next: Cell::new(None),
        }
    }

    pub fn random(&self) -> f64 {
        self.mt.borrow_mut().next_f64()
    }

    /// A uniform int in `[0, n)` for `n > 0`, by rejection on `n.bit_length()` bits.
    pub fn below(&self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        let mut mt = self.mt.borrow_mut();
        loop {
            let r = mt.bits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    fn below_big(&self, n: &BigInt) -> BigInt {
        if let Some(small) = n.to_u64() {
            return BigInt::from(self.below(small));
        }
        let k = n.bits();
        let mut mt = self.mt.borrow_mut();
        loop {
            let r = BigInt::from_biguint(Sign::Plus, BigUint::from_slice(&mt.bits_words(k)));
            if &r < n {
                return r;
            }
        }
    }
}

const METHODS: &[&str] = &[
    "seed",
    "random",
    "getrandbits",
    "randrange",
    "randint",
    "choice",
    "choices",
    "shuffle",
    "sample",
    "uniform",
    "triangular",
    "gauss",
    "normalvariate",
    "lognormvariate",
    "expovariate",
    "vonmisesvariate",
    "gammavariate",
    "betavariate",
    "paretovariate",
    "weibullvariate",
    "getstate",
    "setstate",
    "randbytes",
];

const DOCS: &[(&str, &str)] = &[
    ("seed", "seed(a=None, version=2)\n\nInitialize internal state from a seed (None, int, float, str, bytes)."),
    ("random", "random()\n\nx in the interval [0, 1)."),
    ("getrandbits", "getrandbits(k)\n\ngetrandbits(k) -> x.  Generates an int with k random bits."),
    ("randrange", "randrange(start, stop=None, step=1)\n\nChoose a random item from range(stop) or range(start, stop[, step])."),
    ("randint", "randint(a, b)\n\nReturn random integer in range [a, b], including both end points."),
    ("choice", "choice(seq)\n\nChoose a random element from a non-empty sequence."),
    ("choices", "choices(population, weights=None, *, cum_weights=None, k=1)\n\nReturn a k sized list of population elements chosen with replacement."),
    ("shuffle", "shuffle(x)\n\nShuffle list x in place, and return None."),
    ("sample", "sample(population, k, *, counts=None)\n\nChooses k unique random elements from a population sequence."),
    ("uniform", "uniform(a, b)\n\nGet a random number in the range [a, b) or [a, b] depending on rounding."),
    ("triangular", "triangular(low=0.0, high=1.0, mode=None)\n\nTriangular distribution."),
    ("gauss", "gauss(mu=0.0, sigma=1.0)\n\nGaussian distribution (mu is the mean, sigma the standard deviation)."),
    ("normalvariate", "normalvariate(mu=0.0, sigma=1.0)\n\nNormal distribution."),
    ("lognormvariate", "lognormvariate(mu, sigma)\n\nLog normal distribution."),
    ("expovariate", "expovariate(lambd)\n\nExponential distribution (lambd is 1.0 divided by the desired mean)."),
    ("vonmisesvariate", "vonmisesvariate(mu, kappa)\n\nCircular data distribution."),
    ("gammavariate", "gammavariate(alpha, beta)\n\nGamma distribution."),
    ("betavariate", "betavariate(alpha, beta)\n\nBeta distribution."),
    ("paretovariate", "paretovariate(alpha)\n\nPareto distribution."),
    ("weibullvariate", "weibullvariate(alpha, beta)\n\nWeibull distribution."),
    ("getstate", "getstate()\n\nReturn internal state; can be passed to setstate() later."),
    ("setstate", "setstate(state)\n\nRestore internal state from object returned by getstate()."),
    ("randbytes", "randbytes(n)\n\nGenerate n random bytes."),
];

pub fn install(vm: &mut Vm) {
    let module = new_module(vm, "random");
    let class = native_class(vm, &module, "random", "Random");
    methods!(vm, class, "Random", {
        "__new__" => random_new,
        "__init__" => random_init,
        "seed" => random_seed,
        "random" => |vm, a| { let (s, _) = this(vm, a, "random", 0, 0)?; Ok(Value::Float(s.random())) },
        "getrandbits" => random_getrandbits,
        "randrange" => sampling::randrange,
        "randint" => sampling::randint,
        "choice" => sampling::choice,
        "choices" => sampling::choices,
        "shuffle" => sampling::shuffle,
        "sample" => sampling::sample,
        "uniform" => random_uniform,
        "triangular" => random_triangular,
        "gauss" => random_gauss,
        "normalvariate" => random_normalvariate,
        "lognormvariate" => random_lognormvariate,
        "expovariate" => random_expovariate,
        "vonmisesvariate" => random_vonmisesvariate,
        "gammavariate" => random_gammavariate,
        "betavariate" => random_betavariate,
        "paretovariate" => random_paretovariate,
        "weibullvariate" => random_weibullvariate,
        "getstate" => random_getstate,
        "setstate" => random_setstate,
        "randbytes" => random_randbytes,
    });
    crate::builtins::types::add_attr(vm, &class, "VERSION", Value::Int(3));
    let system = crate::vm::types::builtin_class(
        &mut vm.interner,
        "SystemRandom",
        crate::runtime::types::class::Layout::Other,
        &[&class],
    );
    let key = vm.interner.intern("__module__");
    system.dict.set_str(key, Value::str("random"));
    add_value(vm, &module, "SystemRandom", Value::Class(system.clone()));
    methods!(vm, system, "SystemRandom", {
        "__new__" => random_new,
    });
    let state = RandomState::new();
    seed_from_entropy(&state);
    let inst = native_object(class, state);
    for name in METHODS {
        let key = vm.interner.intern(name);
        if let Some(Value::Native(n)) = vm.class_of(&inst).dict.get_str(&key) {
            add_value(
                vm,
                &module,
                name,
                Value::Native(Rc::new(n.bind(inst.clone()))),
            );
        }
    }
    add_value(vm, &module, "_inst", inst);
    crate::modules::set_docs(vm, &module, DOCS);
    for (name, v) in [
        ("NV_MAGICCONST", 4.0 * (-0.5f64).exp() / 2.0f64.sqrt()),
        ("TWOPI", 2.0 * std::f64::consts::PI),
        ("LOG4", 4.0f64.ln()),
        ("SG_MAGICCONST", 1.0 + 4.5f64.ln()),
        ("e", std::f64::consts::E),
        ("pi", std::f64::consts::PI),
    ] {
        add_value(vm, &module, name, Value::Float(v));
    }
    add_value(vm, &module, "BPF", Value::Int(53));
    add_value(vm, &module, "RECIP_BPF", Value::Float(2f64.powi(-53)));
}

/// The receiver's state and the positional arguments (between `min` and `max` of them, no
/// keywords), with CPython's messages for the methods written in C.
pub(crate) fn this<'a>(
    vm: &mut Vm,
    args: Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a RandomState, &'a [Value])> {
    let Some((receiver, rest)) = args.positional().split_first() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    let state = state_of(vm, receiver)?;
    if !args.kwnames.is_empty() {
        return Err(vm.type_error(format!("Random.{name}() takes no keyword arguments")));
    }
    if rest.len() < min || rest.len() > max {
        let expected = if min == max {
            format!("{max}")
        } else if rest.len() < min {
            format!("at least {min}")
        } else {
            format!("at most {max}")
        };
        return Err(vm.type_error(format!(
            "{name}() takes {expected} positional argument{} but {} were given",
            if max == 1 && min == max { "" } else { "s" },
            rest.len() + 1
        )));
    }
    Ok((state, rest))
}

pub(crate) fn state_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a RandomState> {
    // Instances of Python subclasses carry the generator as their built-in payload.
    let state = native_state::<RandomState>(v)
        .or_else(|| crate::vm::subclass::builtin_payload(v).and_then(native_state::<RandomState>));
    match state {
        Some(s) => Ok(s),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor 'random' for '_random.Random' objects doesn't apply to a '{t}' object"
            )))
        }
    }
}

/// A method's receiver state and its arguments bound by `spec` (the receiver not counted).
pub(crate) fn with_spec<'a>(
    vm: &mut Vm,
    args: Args<'a>,
    spec: &ArgSpec,
) -> PyResult<(&'a RandomState, crate::builtins::functions::Parsed)> {
    let Some(receiver) = args.positional().first() else {
        return Err(vm.type_error(format!("descriptor '{}' needs an argument", spec.fname)));
    };
    let state = state_of(vm, receiver)?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let parsed = spec.parse(vm, &rest)?;
    Ok((state, parsed))
}

fn random_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let positional = args.positional();
    let class = match positional.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => return Err(vm.type_error("Random.__new__(X): X is not a type object")),
    };
    let state = RandomState::new();
    let exact = class.builtin;
    if exact && !args.kwnames.is_empty() {
        return Err(vm.type_error("Random() takes no keyword arguments"));
    }
    if exact && positional.len() > 2 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    match positional.get(1) {
        Some(seed) if exact || positional.len() == 2 => seed_state(vm, &state, seed)?,
        _ => seed_from_entropy(&state),
    }
    if class.builtin {
        return Ok(native_object::<RandomState>(class, state));
    }
    // A Python subclass: an ordinary instance (it takes attributes) carrying the generator.
    let base = class
        .mro
        .borrow()
        .iter()
        .find(|c| c.builtin && c.layout == crate::runtime::types::class::Layout::Other)
        .cloned()
        .unwrap_or_else(|| class.clone());
    let inner = native_object::<RandomState>(base, state);
    Ok(Value::Instance(crate::runtime::gc::tracked(
        crate::runtime::types::instance::PyInstance::new(
            class,
            crate::runtime::types::instance::Payload::Builtin(inner),
        ),
    )))
}

/// `Random.__init__(x=None)`: seeds again (what a subclass's `super().__init__(x)` does).
fn random_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "__init__",
        names: &["x"],
        posonly: 0,
        required: 0,
        maxpos: 1,
    };
    let (state, parsed) = with_spec(vm, args, &SPEC)?;
    if let Some(Value::Class(c)) = args
        .positional()
        .first()
        .map(|v| Value::Class(vm.class_of(v)))
    {
        if c.builtin {
            return Ok(Value::None);
        }
    }
    match parsed.get(0) {
        Some(seed) => seed_state(vm, state, seed)?,
        None => seed_from_entropy(state),
    }
    Ok(Value::None)
}

/// `seed(a=None, version=2)`.
fn random_seed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "seed",
        names: &["a", "version"],
        posonly: 0,
        required: 0,
        maxpos: 2,
    };
    let (state, parsed) = with_spec(vm, args, &SPEC)?;
    let version = match parsed.get(1) {
        Some(Value::Int(v)) => *v,
        Some(Value::Bool(b)) => i64::from(*b),
        _ => 2,
    };
    match parsed.get(0) {
        None | Some(Value::None) => seed_from_entropy(state),
        Some(a) if version == 1 => {
            let text: Option<Vec<u32>> = match a {
                Value::Str(s) => Some(s.as_str().chars().map(|c| c as u32).collect()),
                _ => bytes_of(a).map(|b| b.iter().map(|&c| u32::from(c)).collect()),
            };
            match text {
                Some(chars) => {
                    let mut x: u64 = chars.first().map_or(0, |&c| u64::from(c) << 7);
                    for &c in &chars {
                        x = x.wrapping_mul(1_000_003) ^ u64::from(c);
                    }
                    x ^= chars.len() as u64;
                    seed_state(vm, state, &Value::from_bigint(BigInt::from(x)))?;
                }
                None => seed_state(vm, state, a)?,
            }
        }
        Some(a) => seed_state(vm, state, a)?,
    }
    Ok(Value::None)
}

fn bytes_of(v: &Value) -> Option<&[u8]> {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::Bytes(b) => Some(b),
            _ => None,
        },
        _ => None,
    }
}

/// Seeds from an int (its absolute value), a str or bytes (version 2: the bytes followed by
/// their SHA-512 digest, read as a big-endian int), or another hashable (its hash).
fn seed_state(vm: &mut Vm, state: &RandomState, a: &Value) -> PyResult<()> {
    let n: BigInt =
        match a {
            Value::None => {
                seed_from_entropy(state);
                return Ok(());
            }
            Value::Int(i) => BigInt::from(*i).abs(),
            Value::BigInt(b) => b.abs(),
            Value::Str(s) => from_digest(s.as_str().as_bytes()),
            _ if bytes_of(a).is_some() => from_digest(bytes_of(a).unwrap_or(&[])),
            Value::Float(_) | Value::Bool(_) => BigInt::from(vm.hash_value(a)? as u64),
            _ => return Err(vm.type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            )),
        };
    let (_, mut key) = n.to_u32_digits();
    if key.is_empty() {
        key.push(0);
    }
    state.mt.borrow_mut().init_by_array(&key);
    state.gauss_next.set(None);
    Ok(())
}

fn from_digest(bytes: &[u8]) -> BigInt {
    let mut all = bytes.to_vec();
    all.extend_from_slice(&sha512::sha512(bytes));
    BigInt::from_bytes_be(Sign::Plus, &all)
}

/// Seeds from the clock and the process's hash randomness (CPython reads `urandom`).
fn seed_from_entropy(state: &RandomState) {
    use std::hash::{BuildHasher, Hasher};
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(nanos);
    let a = h.finish();
    let mut h2 = std::collections::hash_map::RandomState::new().build_hasher();
    h2.write_u64(a ^ (state as *const RandomState as u64));
    let b = h2.finish();
    let key = [a as u32, (a >> 32) as u32, b as u32, (b >> 32) as u32];
    state.mt.borrow_mut().init_by_array(&key);
    state.gauss_next.set(None);
}

fn random_getrandbits(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (state, rest) = this(vm, args, "getrandbits", 1, 1)?;
    let k = match &rest[0] {
        Value::Int(k) => *k,
        Value::Bool(b) => i64::from(*b),
        Value::BigInt(_) => {
            return Err(crate::builtins::types::overflow_error(
                vm,
                "Python int too large to convert to C int",
            ))
        }
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    if k < 0 {
        return Err(crate::builtins::types::value_error(
            vm,
            "number of bits must be non-negative",
        ));
    }
    Ok(getrandbits(state, k as u64))
}

pub(crate) fn getrandbits(state: &RandomState, k: u64) -> Value {
    if k == 0 {
        return Value::Int(0);
    }
    if k < 64 {
        return Value::Int(state.mt.borrow_mut().bits_u64(k as u32) as i64);
    }
    let words = state.mt.borrow_mut().bits_words(k);
    Value::from_bigint(BigInt::from_biguint(
        Sign::Plus,
        BigUint::from_slice(&words),
    ))
}

/// The receiver's state and `N` float arguments bound by `spec`, with defaults for the
/// optional ones; `given[i]` tells whether argument `i` was passed (and not `None`).
fn float_args<'a, const N: usize>(
    vm: &mut Vm,
    args: Args<'a>,
    spec: &ArgSpec,
    defaults: [f64; N],
) -> PyResult<(&'a RandomState, [f64; N], [bool; N])> {
    let (state, parsed) = with_spec(vm, args, spec)?;
    let mut out = defaults;
    let mut given = [false; N];
    for i in 0..N {
        if let Some(v) = parsed.given(i) {
            out[i] = crate::modules::math::to_f64(vm, v)?;
            given[i] = true;
        }
    }
    Ok((state, out, given))
}

fn random_uniform(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "uniform",
        names: &["a", "b"],
        posonly: 0,
        required: 2,
        maxpos: 2,
    };
    let (s, [a, b], _) = float_args(vm, args, &SPEC, [0.0, 0.0])?;
    Ok(Value::Float(a + (b - a) * s.random()))
}

fn random_triangular(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "triangular",
        names: &["low", "high", "mode"],
        posonly: 0,
        required: 0,
        maxpos: 3,
    };
    let (s, [mut low, mut high, mode], given) = float_args(vm, args, &SPEC, [0.0, 1.0, 0.0])?;
    let mut u = s.random();
    let mut c = if given[2] {
        if high == low {
            return Ok(Value::Float(low));
        }
        (mode - low) / (high - low)
    } else {
        0.5
    };
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(Value::Float(low + (high - low) * (u * c).sqrt()))
}

fn random_gauss(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "gauss",
        names: &["mu", "sigma"],
        posonly: 0,
        required: 0,
        maxpos: 2,
    };
    let (s, [mu, sigma], _) = float_args(vm, args, &SPEC, [0.0, 1.0])?;
    let z = match s.gauss_next.take() {
        Some(z) => z,
        None => {
            let x2pi = s.random() * 2.0 * std::f64::consts::PI;
            let g2rad = (-2.0 * (1.0 - s.random()).ln()).sqrt();
            s.gauss_next.set(Some(x2pi.sin() * g2rad));
            x2pi.cos() * g2rad
        }
    };
    Ok(Value::Float(mu + z * sigma))
}

fn normal(s: &RandomState, mu: f64, sigma: f64) -> f64 {
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    loop {
        let u1 = s.random();
        let u2 = 1.0 - s.random();
        let z = magic * (u1 - 0.5) / u2;
        if z * z / 4.0 <= -u2.ln() {
            return mu + z * sigma;
        }
    }
}

fn random_normalvariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "normalvariate",
        names: &["mu", "sigma"],
        posonly: 0,
        required: 0,
        maxpos: 2,
    };
    let (s, [mu, sigma], _) = float_args(vm, args, &SPEC, [0.0, 1.0])?;
    Ok(Value::Float(normal(s, mu, sigma)))
}

fn random_lognormvariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "lognormvariate",
        names: &["mu", "sigma"],
        posonly: 0,
        required: 2,
        maxpos: 2,
    };
    let (s, [mu, sigma], _) = float_args(vm, args, &SPEC, [0.0, 1.0])?;
    Ok(Value::Float(normal(s, mu, sigma).exp()))
}

fn random_expovariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "expovariate",
        names: &["lambd"],
        posonly: 0,
        required: 1,
        maxpos: 1,
    };
    let (s, [lambd], _) = float_args(vm, args, &SPEC, [1.0])?;
    if lambd == 0.0 {
        return Err(vm.zero_division("float division by zero"));
    }
    Ok(Value::Float(-(1.0 - s.random()).ln() / lambd))
}

fn random_vonmisesvariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "vonmisesvariate",
        names: &["mu", "kappa"],
        posonly: 0,
        required: 2,
        maxpos: 2,
    };
    let (s, [mu, kappa], _) = float_args(vm, args, &SPEC, [0.0, 0.0])?;
    let twopi = 2.0 * std::f64::consts::PI;
    if kappa <= 1e-6 {
        return Ok(Value::Float(twopi * s.random()));
    }
    let r = 0.5 / kappa;
    let sq = (r * r + 1.0).sqrt();
    let rr = r + sq;
    let z = loop {
        let u1 = s.random();
        let z = (std::f64::consts::PI * u1).cos();
        let d = z / (rr + z);
        let u2 = s.random();
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
            break z;
        }
    };
    let q = 1.0 / rr;
    let f = (q + z) / (1.0 + q * z);
    let u3 = s.random();
    let theta = if u3 > 0.5 {
        (mu + f.acos()).rem_euclid(twopi)
    } else {
        (mu - f.acos()).rem_euclid(twopi)
    };
    Ok(Value::Float(theta))
}

fn gamma(vm: &mut Vm, s: &RandomState, alpha: f64, beta: f64) -> PyResult<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(crate::builtins::types::value_error(
            vm,
            "gammavariate: alpha and beta must be > 0.0",
        ));
    }
    if alpha > 1.0 {
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - 4.0f64.ln();
        let ccc = alpha + ainv;
        let sg = 1.0 + 4.5f64.ln();
        loop {
            let u1 = s.random();
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - s.random();
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg - 4.5 * z >= 0.0 || r >= z.ln() {
                return Ok(x * beta);
            }
        }
    } else if alpha == 1.0 {
        Ok(-(1.0 - s.random()).ln() * beta)
    } else {
        loop {
            let u = s.random();
            let b = (std::f64::consts::E + alpha) / std::f64::consts::E;
            let p = b * u;
            let x = if p <= 1.0 {
                p.powf(1.0 / alpha)
            } else {
                -((b - p) / alpha).ln()
            };
            let u1 = s.random();
            if p > 1.0 {
                if u1 <= x.powf(alpha - 1.0) {
                    return Ok(x * beta);
                }
            } else if u1 <= (-x).exp() {
                return Ok(x * beta);
            }
        }
    }
}

fn random_gammavariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "gammavariate",
        names: &["alpha", "beta"],
        posonly: 0,
        required: 2,
        maxpos: 2,
    };
    let (s, [alpha, beta], _) = float_args(vm, args, &SPEC, [0.0, 0.0])?;
    gamma(vm, s, alpha, beta).map(Value::Float)
}

fn random_betavariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "betavariate",
        names: &["alpha", "beta"],
        posonly: 0,
        required: 2,
        maxpos: 2,
    };
    let (s, [alpha, beta], _) = float_args(vm, args, &SPEC, [0.0, 0.0])?;
    let y = gamma(vm, s, alpha, 1.0)?;
    if y != 0.0 {
        let other = gamma(vm, s, beta, 1.0)?;
        return Ok(Value::Float(y / (y + other)));
    }
    Ok(Value::Float(0.0))
}

fn random_paretovariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "paretovariate",
        names: &["alpha"],
        posonly: 0,
        required: 1,
        maxpos: 1,
    };
    let (s, [alpha], _) = float_args(vm, args, &SPEC, [1.0])?;
    let u = 1.0 - s.random();
    Ok(Value::Float(u.powf(-1.0 / alpha)))
}

fn random_weibullvariate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "weibullvariate",
        names: &["alpha", "beta"],
        posonly: 0,
        required: 2,
        maxpos: 2,
    };
    let (s, [alpha, beta], _) = float_args(vm, args, &SPEC, [0.0, 0.0])?;
    let u = 1.0 - s.random();
    Ok(Value::Float(alpha * (-u.ln()).powf(1.0 / beta)))
}

/// `(3, (624 words..., index), gauss_next)`, as CPython's `getstate`.
fn random_getstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, _) = this(vm, args, "getstate", 0, 0)?;
    let mt = s.mt.borrow();
    let mut words: Vec<Value> = mt.state.iter().map(|&w| Value::Int(i64::from(w))).collect();
    words.push(Value::Int(mt.index as i64));
    let gauss = s.gauss_next.get().map_or(Value::None, Value::Float);
    Ok(Value::tuple(vec![
        Value::Int(3),
        Value::tuple(words),
        gauss,
    ]))
}

fn random_setstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, rest) = this(vm, args, "setstate", 1, 1)?;
    let state = vm.collect_iterable(&rest[0])?;
    let version = state.first().cloned().unwrap_or(Value::None);
    if !matches!(version, Value::Int(3)) || state.len() != 3 {
        if let Value::Int(v) = version {
            if v != 3 {
                return Err(crate::builtins::types::value_error(
                    vm,
                    format!("state with version {v} passed to Random.setstate() of version 3"),
                ));
            }
        }
        return Err(crate::builtins::types::value_error(
            vm,
            "state vector is the wrong size",
        ));
    }
    let internal = match &state[1] {
        Value::Tuple(t) => t.items().to_vec(),
        _ => return Err(vm.type_error("state vector must be a tuple")),
    };
    if internal.len() != mt::N + 1 {
        return Err(crate::builtins::types::value_error(
            vm,
            "state vector is the wrong size",
        ));
    }
    let mut words = [0u32; mt::N];
    for (w, v) in words.iter_mut().zip(&internal) {
        *w = match v {
            Value::Int(i) if (0..=u32::MAX as i64).contains(i) => *i as u32,
            _ => {
                return Err(crate::builtins::types::overflow_error(
                    vm,
                    "Python int too large to convert to C unsigned long",
                ))
            }
        };
    }
    let index = match internal[mt::N] {
        Value::Int(i) if (0..=mt::N as i64).contains(&i) => i as usize,
        _ => return Err(crate::builtins::types::value_error(vm, "invalid state")),
    };
    let gauss = match &state[2] {
        Value::None => None,
        v => Some(crate::modules::math::to_f64(vm, v)?),
    };
    let mut mt = s.mt.borrow_mut();
    mt.state = words;
    mt.index = index;
    s.gauss_next.set(gauss);
    Ok(Value::None)
}

fn random_randbytes(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (s, rest) = this(vm, args, "randbytes", 1, 1)?;
    let n = match &rest[0] {
        Value::Int(n) if *n >= 0 => *n as u64,
        Value::Int(_) => {
            return Err(crate::builtins::types::value_error(
                vm,
                "number of bits must be non-negative",
            ))
        }
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    let bits = getrandbits(s, n * 8);
    let big = match bits {
        Value::Int(i) => BigInt::from(i),
        Value::BigInt(b) => (*b).clone(),
        _ => BigInt::zero(),
    };
    let (_, mut bytes) = big.to_bytes_le();
    bytes.resize(n as usize, 0);
    Ok(crate::builtins::types::obj(ObjKind::Bytes(
        bytes.into_boxed_slice(),
    )))
}

/// Errors shared by the sampling methods.
pub(crate) fn value_error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    crate::builtins::types::value_error(vm, msg)
}
