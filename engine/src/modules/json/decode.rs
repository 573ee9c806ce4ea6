//! `json.loads`: CPython's scanner (`_json.c`), with its error messages and positions
//! (positions count characters; the scan itself works on the UTF-8 bytes).

use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;

/// A failed decode: a `JSONDecodeError` to raise (message, byte position) or a Python
/// exception from a hook.
pub enum DecodeError {
    Json(&'static str, usize),
    Py(PyErr),
}

impl From<PyErr> for DecodeError {
    fn from(e: PyErr) -> Self {
        DecodeError::Py(e)
    }
}

type DResult<T> = Result<T, DecodeError>;

#[derive(Default)]
pub struct Hooks {
    pub object_hook: Option<Value>,
    pub object_pairs_hook: Option<Value>,
    pub parse_float: Option<Value>,
    pub parse_int: Option<Value>,
    pub parse_constant: Option<Value>,
    pub strict: bool,
}

pub struct Decoder<'a> {
    s: &'a str,
    b: &'a [u8],
    hooks: &'a Hooks,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

impl<'a> Decoder<'a> {
    pub fn new(s: &'a str, hooks: &'a Hooks) -> Decoder<'a> {
        Decoder {
            s,
            b: s.as_bytes(),
            hooks,
        }
    }

    pub fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.b.len() && is_ws(self.b[i]) {
            i += 1;
        }
        i
    }

    /// The whole document: one value, surrounded only by whitespace.
    pub fn decode(&self, vm: &mut Vm) -> DResult<Value> {
        let start = self.skip_ws(0);
        let (v, end) = self.value(vm, start)?;
        let end = self.skip_ws(end);
        if end != self.b.len() {
            return Err(DecodeError::Json("Extra data", end));
        }
        Ok(v)
    }

    /// The value starting at byte `i` and the byte after it (`raw_decode`).
    pub fn raw(&self, vm: &mut Vm, i: usize) -> DResult<(Value, usize)> {
        self.value(vm, i)
    }

    fn value(&self, vm: &mut Vm, i: usize) -> DResult<(Value, usize)> {
        let Some(&c) = self.b.get(i) else {
            return Err(DecodeError::Json("Expecting value", i));
        };
        let rest = &self.b[i..];
        match c {
            b'"' => {
                let (s, end) = self.string(i + 1)?;
                Ok((Value::str(&s), end))
            }
            b'{' => {
                vm.enter_native_call(" while decoding a JSON object from a unicode string")?;
                let r = self.object(vm, i + 1);
                vm.leave_native_call();
                r
            }
            b'[' => {
                vm.enter_native_call(" while decoding a JSON array from a unicode string")?;
                let r = self.array(vm, i + 1);
                vm.leave_native_call();
                r
            }
            b'n' if rest.starts_with(b"null") => Ok((Value::None, i + 4)),
            b't' if rest.starts_with(b"true") => Ok((Value::Bool(true), i + 4)),
            b'f' if rest.starts_with(b"false") => Ok((Value::Bool(false), i + 5)),
            b'N' if rest.starts_with(b"NaN") => self.constant(vm, "NaN", f64::NAN, i + 3),
            b'I' if rest.starts_with(b"Infinity") => {
                self.constant(vm, "Infinity", f64::INFINITY, i + 8)
            }
            b'-' if rest.starts_with(b"-Infinity") => {
                self.constant(vm, "-Infinity", f64::NEG_INFINITY, i + 9)
            }
            b'-' | b'0'..=b'9' => self.number(vm, i),
            _ => Err(DecodeError::Json("Expecting value", i)),
        }
    }

    fn constant(&self, vm: &mut Vm, name: &str, x: f64, end: usize) -> DResult<(Value, usize)> {
        match &self.hooks.parse_constant {
            Some(f) => Ok((vm.call(f, &[Value::str(name)])?, end)),
            None => Ok((Value::Float(x), end)),
        }
    }

    fn number(&self, vm: &mut Vm, start: usize) -> DResult<(Value, usize)> {
        let b = self.b;
        let mut i = start;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            _ => return Err(DecodeError::Json("Expecting value", start)),
        }
        let mut is_float = false;
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            is_float = true;
            i += 2;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            let mut j = i + 1;
            if matches!(b.get(j), Some(b'+' | b'-')) {
                j += 1;
            }
            if b.get(j).is_some_and(u8::is_ascii_digit) {
                while b.get(j).is_some_and(u8::is_ascii_digit) {
                    j += 1;
                }
                is_float = true;
                i = j;
            }
        }
        let text = &self.s[start..i];
        let value = if is_float {
            match &self.hooks.parse_float {
                Some(f) => vm.call(f, &[Value::str(text)])?,
                None => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
            }
        } else {
            match &self.hooks.parse_int {
                Some(f) => vm.call(f, &[Value::str(text)])?,
                None => match text.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::from_bigint(text.parse::<BigInt>().unwrap_or_default()),
                },
            }
        };
        Ok((value, i))
    }

    /// The string whose opening quote is just before `start`; returns it and the index after
    /// its closing quote.
    pub fn string(&self, start: usize) -> DResult<(String, usize)> {
        let b = self.b;
        let begin = start - 1;
        let mut out = String::new();
        let mut i = start;
        loop {
            let chunk_start = i;
            while i < b.len()
                && b[i] != b'"'
                && b[i] != b'\\'
                && !(self.hooks.strict && b[i] < 0x20)
            {
                i += 1;
            }
            out.push_str(&self.s[chunk_start..i]);
            let Some(&c) = b.get(i) else {
                return Err(DecodeError::Json("Unterminated string starting at", begin));
            };
            match c {
                b'"' => return Ok((out, i + 1)),
                b'\\' => {
                    let Some(&e) = b.get(i + 1) else {
                        return Err(DecodeError::Json("Unterminated string starting at", begin));
                    };
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let mut code = self.hex4(i + 2, i + 1)?;
                            let mut end = i + 6;
                            if (0xd800..0xdc00).contains(&code)
                                && b.get(end) == Some(&b'\\')
                                && b.get(end + 1) == Some(&b'u')
                            {
                                let low = self.hex4(end + 2, end + 1)?;
                                if (0xdc00..0xe000).contains(&low) {
                                    code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
                                    end += 6;
                                }
                            }
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                            i = end;
                            continue;
                        }
                        _ => return Err(DecodeError::Json("Invalid \\escape", i)),
                    }
                    i += 2;
                }
                _ => return Err(DecodeError::Json("Invalid control character at", i)),
            }
        }
    }

    /// Four hex digits at `at` (the `u` of the escape is at `u_pos`).
    fn hex4(&self, at: usize, u_pos: usize) -> DResult<u32> {
        let digits = self.b.get(at..at + 4);
        let parsed = digits
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit))
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        parsed.ok_or(DecodeError::Json("Invalid \\uXXXX escape", u_pos))
    }

    fn object(&self, vm: &mut Vm, start: usize) -> DResult<(Value, usize)> {
        let mut pairs: Vec<(Value, Value)> = Vec::new();
        let mut i = self.skip_ws(start);
        if self.b.get(i) == Some(&b'}') {
            return Ok((self.finish_object(vm, pairs)?, i + 1));
        }
        loop {
            if self.b.get(i) != Some(&b'"') {
                return Err(DecodeError::Json(
                    "Expecting property name enclosed in double quotes",
                    i,
                ));
            }
            let (key, end) = self.string(i + 1)?;
            i = self.skip_ws(end);
            if self.b.get(i) != Some(&b':') {
                return Err(DecodeError::Json("Expecting ':' delimiter", i));
            }
            i = self.skip_ws(i + 1);
            let (value, end) = self.value(vm, i)?;
            pairs.push((Value::str(&key), value));
            i = self.skip_ws(end);
            match self.b.get(i) {
                Some(b'}') => return Ok((self.finish_object(vm, pairs)?, i + 1)),
                Some(b',') => i = self.skip_ws(i + 1),
                _ => return Err(DecodeError::Json("Expecting ',' delimiter", i)),
            }
        }
    }

    fn finish_object(&self, vm: &mut Vm, pairs: Vec<(Value, Value)>) -> PyResult<Value> {
        if let Some(hook) = &self.hooks.object_pairs_hook {
            let list = Value::list(
                pairs
                    .into_iter()
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect(),
            );
            return vm.call(hook, &[list]);
        }
        let dict = Value::Dict(crate::runtime::gc::tracked(
            crate::runtime::types::dict::PyDict::new(),
        ));
        for (k, v) in pairs {
            vm.setitem(&dict, &k, v)?;
        }
        match &self.hooks.object_hook {
            Some(hook) => vm.call(hook, &[dict]),
            None => Ok(dict),
        }
    }

    fn array(&self, vm: &mut Vm, start: usize) -> DResult<(Value, usize)> {
        let mut items = Vec::new();
        let mut i = self.skip_ws(start);
        if self.b.get(i) == Some(&b']') {
            return Ok((Value::list(items), i + 1));
        }
        loop {
            let (value, end) = self.value(vm, i)?;
            items.push(value);
            i = self.skip_ws(end);
            match self.b.get(i) {
                Some(b']') => return Ok((Value::list(items), i + 1)),
                Some(b',') => i = self.skip_ws(i + 1),
                _ => return Err(DecodeError::Json("Expecting ',' delimiter", i)),
            }
        }
    }
}
