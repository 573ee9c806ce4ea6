//! The `re` module, native: a backtracking engine with Python's semantics (leftmost-first
//! alternation, backreferences, lookaround, lazy and possessive quantifiers, atomic groups,
//! scoped inline flags), CPython's parser messages (`re.error`), and the module API over
//! `Pattern` and `Match` objects. Compiled patterns are cached as in CPython.

mod ast;
mod exec;
mod objects;
mod parse;
mod program;
mod template;

use crate::builtins::functions::ArgSpec;
use crate::modules::{add_function, add_value, native_class, new_module};
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::{Args, NativeKind, PyNative};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use ast::*;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A compiled pattern: what `Pattern` objects share (and the cache holds).
pub struct Regex {
    pub prog: program::Program,
    pub groups: usize,
    pub names: Vec<(String, usize)>,
    pub flags: u32,
    pub is_bytes: bool,
    /// The pattern's text (bytes patterns: one char per byte).
    pub source: Vec<char>,
    /// The first instruction is a plain character: search can skip to its occurrences.
    first_char: Option<char>,
    anchored: bool,
}

impl Regex {
    pub fn group_name(&self, g: usize) -> Option<&str> {
        self.names
            .iter()
            .find(|(_, i)| *i == g)
            .map(|(n, _)| n.as_str())
    }

    pub fn group_index(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|(_, i)| *i)
    }
}

const MAX_CACHE: usize = 512;

type CacheKey = (bool, Vec<char>, u32);

thread_local! {
    static CACHE: RefCell<HashMap<CacheKey, Rc<Regex>>> = RefCell::new(HashMap::new());
}

/// Compiles (or finds in the cache) `source` with `flags`.
pub fn compile_regex(
    source: Vec<char>,
    flags: u32,
    is_bytes: bool,
) -> Result<Rc<Regex>, parse::ReError> {
    let key = (is_bytes, source, flags);
    if let Some(r) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(r);
    }
    let (is_bytes, source, flags) = key;
    let parsed = parse::parse(&source, flags, is_bytes)?;
    let prog = program::compile(&parsed.node)?;
    let first_char = match prog.insts.first() {
        Some(program::Inst::One(program::Single::Char(c))) => Some(*c),
        _ => None,
    };
    let anchored = matches!(
        prog.insts.first(),
        Some(program::Inst::StartText | program::Inst::Bol)
    );
    let regex = Rc::new(Regex {
        prog,
        groups: parsed.groups,
        names: parsed.names,
        flags: parsed.flags,
        is_bytes,
        source: source.clone(),
        first_char,
        anchored,
    });
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_CACHE {
            c.clear();
        }
        c.insert((is_bytes, source, flags), regex.clone());
    });
    Ok(regex)
}

/// A match found by `search_at`: the capture slots.
pub type Caps = Vec<Option<usize>>;

/// The leftmost match in `input[pos..end]` (an empty match at `pos` refused when
/// `must_advance`, as after an empty match in `finditer`/`sub`/`split`).
pub fn search_at(
    regex: &Regex,
    input: &[char],
    pos: usize,
    end: usize,
    must_advance: bool,
    mode: Mode,
) -> Option<(Caps, Option<usize>)> {
    if pos > end {
        return None;
    }
    let mut m = exec::Matcher::new(&regex.prog, input, end, regex.groups);
    let mut start = pos;
    loop {
        if let (Mode::Search, Some(c)) = (mode, regex.first_char) {
            match input[start.min(end)..end].iter().position(|&x| x == c) {
                Some(k) => start += k,
                None => return None,
            }
        }
        m.reject_empty_at = (must_advance && start == pos).then_some(pos);
        if m.match_at(start, mode == Mode::Full).is_some() {
            let last = m.last_group;
            return Some((std::mem::take(&mut m.caps), last));
        }
        if mode != Mode::Search || start >= end || (regex.anchored && start > 0) {
            return None;
        }
        start += 1;
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Match,
    Full,
    Search,
}

pub struct ReClasses {
    pub pattern: Rc<PyClass>,
    pub match_: Rc<PyClass>,
    pub iterator: Rc<PyClass>,
    pub error: Rc<PyClass>,
}

/// The classes of the `re` module (kept in its namespace as `_classes`).
pub fn classes(vm: &mut Vm) -> Option<Rc<ReClasses>> {
    let key = vm.interner.intern("re");
    let module = vm.modules.get_str(&key)?;
    let dict = match &module {
        Value::Object(o) => match &o.kind {
            ObjKind::Module(m) => m.dict.clone(),
            _ => return None,
        },
        _ => return None,
    };
    let key = vm.interner.intern("_classes");
    let holder = dict.get_str(&key)?;
    crate::modules::native_state::<Rc<ReClasses>>(&holder).cloned()
}

const DOCS: &[(&str, &str)] = &[
    ("compile", "compile(pattern, flags=0)\n\nCompile a regular expression pattern, returning a Pattern object."),
    ("match", "match(pattern, string, flags=0)\n\nTry to apply the pattern at the start of the string, returning a Match object, or None if no match was found."),
    ("search", "search(pattern, string, flags=0)\n\nScan through string looking for a match to the pattern, returning a Match object, or None if no match was found."),
    ("fullmatch", "fullmatch(pattern, string, flags=0)\n\nTry to apply the pattern to all of the string, returning a Match object, or None if no match was found."),
    ("findall", "findall(pattern, string, flags=0)\n\nReturn a list of all non-overlapping matches in the string."),
    ("finditer", "finditer(pattern, string, flags=0)\n\nReturn an iterator over all non-overlapping matches in the string: a Match object for each match."),
    ("sub", "sub(pattern, repl, string, count=0, flags=0)\n\nReturn the string obtained by replacing the leftmost non-overlapping occurrences of the pattern in string by the replacement repl (a string or a callable given the Match object)."),
    ("subn", "subn(pattern, repl, string, count=0, flags=0)\n\nReturn a 2-tuple containing (new_string, number): the string after the substitutions and their number."),
    ("split", "split(pattern, string, maxsplit=0, flags=0)\n\nSplit the source string by the occurrences of the pattern, returning a list containing the resulting substrings (and the groups' texts)."),
    ("escape", "escape(pattern)\n\nEscape special characters in a string."),
    ("purge", "purge()\n\nClear the regular expression cache."),
];

pub fn install(vm: &mut Vm) {
    let module = new_module(vm, "re");
    let pattern = native_class(vm, &module, "re", "Pattern");
    let match_ = native_class(vm, &module, "re", "Match");
    let iterator = native_class(vm, &module, "re", "_MatchIterator");
    let base = vm.types.exception.clone();
    let error = crate::modules::new_python_class(vm, &module, "re", "error", base);
    let mut init = PyNative::method("error.__init__", error_init);
    init.kind = NativeKind::Method;
    crate::builtins::types::add_attr(vm, &error, "__init__", Value::Native(Rc::new(init)));
    objects::install(vm, &pattern, &match_, &iterator);
    let holder_class = vm.types.object.clone();
    let holder = crate::modules::native_object(
        holder_class,
        Rc::new(ReClasses {
            pattern,
            match_,
            iterator,
            error: error.clone(),
        }),
    );
    add_value(vm, &module, "_classes", holder);
    for (name, f) in [
        (
            "compile",
            re_compile as crate::runtime::types::native::NativeFn,
        ),
        ("match", |vm, a| module_search(vm, a, "match", Mode::Match)),
        ("search", |vm, a| {
            module_search(vm, a, "search", Mode::Search)
        }),
        ("fullmatch", |vm, a| {
            module_search(vm, a, "fullmatch", Mode::Full)
        }),
        ("findall", |vm, a| module_iter(vm, a, "findall")),
        ("finditer", |vm, a| module_iter(vm, a, "finditer")),
        ("sub", |vm, a| module_sub(vm, a, "sub")),
        ("subn", |vm, a| module_sub(vm, a, "subn")),
        ("split", re_split),
        ("escape", re_escape),
        ("purge", |_, _| {
            CACHE.with(|c| c.borrow_mut().clear());
            Ok(Value::None)
        }),
    ] {
        add_function(vm, &module, name, f);
    }
    crate::modules::set_docs(vm, &module, DOCS);
    for (names, v) in [
        (&["I", "IGNORECASE"][..], FLAG_IGNORECASE),
        (&["L", "LOCALE"], FLAG_LOCALE),
        (&["M", "MULTILINE"], FLAG_MULTILINE),
        (&["S", "DOTALL"], FLAG_DOTALL),
        (&["U", "UNICODE"], FLAG_UNICODE),
        (&["X", "VERBOSE"], FLAG_VERBOSE),
        (&["A", "ASCII"], FLAG_ASCII),
        (&["T", "TEMPLATE"], FLAG_TEMPLATE),
        (&["DEBUG"], FLAG_DEBUG),
        (&["NOFLAG"], 0),
    ] {
        for name in names {
            add_value(vm, &module, name, Value::Int(i64::from(v)));
        }
    }
}

/// `re.error(msg, pattern=None, pos=None)`.
fn error_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "__init__",
        names: &["self", "msg", "pattern", "pos"],
        posonly: 0,
        required: 2,
        maxpos: 4,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let get = |i: usize| parsed.get(i).cloned().unwrap_or(Value::None);
    let (this, msg, pattern, pos) = (get(0), get(1), get(2), get(3));
    let mut text = vm.str(&msg)?;
    let (mut lineno, mut colno) = (Value::None, Value::None);
    if let (false, Value::Int(p)) = (pattern.is_none(), &pos) {
        let p = (*p).max(0) as usize;
        let chars: Vec<char> = match &pattern {
            Value::Str(s) => s.as_str().chars().collect(),
            other => objects::bytes_of(other)
                .map(|b| b.iter().map(|&x| char::from(x)).collect())
                .unwrap_or_default(),
        };
        let before = &chars[..p.min(chars.len())];
        let line = before.iter().filter(|&&c| c == '\n').count() + 1;
        let col = match before.iter().rposition(|&c| c == '\n') {
            Some(n) => p - n,
            None => p + 1,
        };
        lineno = Value::Int(line as i64);
        colno = Value::Int(col as i64);
        text = if chars.contains(&'\n') {
            format!("{text} at position {p} (line {line}, column {col})")
        } else {
            format!("{text} at position {p}")
        };
    }
    if let Some(mut state) = crate::vm::exceptions::exception_state(&this) {
        state.args = Value::tuple(vec![Value::str(&text)]);
    }
    for (name, value) in [
        ("msg", msg),
        ("pattern", pattern),
        ("pos", pos),
        ("lineno", lineno),
        ("colno", colno),
    ] {
        let key = vm.interner.intern(name);
        vm.set_attr(&this, &key, value)?;
    }
    Ok(Value::None)
}

/// A `re.error` for a parse error in `pattern`.
pub fn re_error(vm: &mut Vm, e: &parse::ReError, pattern: &Value) -> PyErr {
    if e.msg == parse::RECURSION {
        return vm.recursion_error("");
    }
    let Some(classes) = classes(vm) else {
        return crate::builtins::types::value_error(vm, &e.msg);
    };
    let pos = e.pos.map_or(Value::None, |p| Value::Int(p as i64));
    let args = [Value::str(&e.msg), pattern.clone(), pos];
    match vm.call(&Value::Class(classes.error.clone()), &args) {
        Ok(exc) => PyErr { exc },
        Err(err) => err,
    }
}

/// The flags argument as an int.
fn flags_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<u32> {
    match v {
        None => Ok(0),
        Some(Value::Int(i)) => Ok(*i as u32),
        Some(Value::Bool(b)) => Ok(u32::from(*b)),
        Some(other) => match crate::builtins::types::index_value(vm, other)? {
            Value::Int(i) => Ok(i as u32),
            _ => Ok(0),
        },
    }
}

/// `re.compile(pattern, flags)`: a `Pattern` object (a pattern passes through).
pub fn compile_value(vm: &mut Vm, pattern: &Value, flags: u32) -> PyResult<Value> {
    if crate::modules::native_state::<objects::PatternState>(pattern).is_some() {
        if flags != 0 {
            return Err(crate::builtins::types::value_error(
                vm,
                "cannot process flags argument with a compiled pattern",
            ));
        }
        return Ok(pattern.clone());
    }
    let (source, is_bytes): (Vec<char>, bool) = match pattern {
        Value::Str(s) => (s.as_str().chars().collect(), false),
        other => match objects::bytes_of(other) {
            Some(b) => (b.iter().map(|&x| char::from(x)).collect(), true),
            None => return Err(vm.type_error("first argument must be string or compiled pattern")),
        },
    };
    if is_bytes && flags & FLAG_UNICODE != 0 {
        return Err(crate::builtins::types::value_error(
            vm,
            "cannot use UNICODE flag with a bytes pattern",
        ));
    }
    if flags & FLAG_UNICODE != 0 && flags & FLAG_ASCII != 0 {
        return Err(crate::builtins::types::value_error(
            vm,
            "ASCII and UNICODE flags are incompatible",
        ));
    }
    match compile_regex(source, flags, is_bytes) {
        Ok(regex) => objects::new_pattern(vm, regex, pattern.clone()),
        Err(e) => Err(re_error(vm, &e, pattern)),
    }
}

fn re_compile(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "compile",
        names: &["pattern", "flags"],
        posonly: 0,
        required: 1,
        maxpos: 2,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let flags = flags_arg(vm, parsed.get(1))?;
    let pattern = parsed.get(0).cloned().unwrap_or(Value::None);
    compile_value(vm, &pattern, flags)
}

/// The compiled pattern and the string of `re.NAME(pattern, string, flags=0)`.
fn pattern_and_string(vm: &mut Vm, args: Args<'_>, name: &'static str) -> PyResult<(Value, Value)> {
    let spec = ArgSpec {
        fname: name,
        names: &["pattern", "string", "flags"],
        posonly: 0,
        required: 2,
        maxpos: 3,
    };
    let parsed = spec.parse(vm, &args)?;
    let flags = flags_arg(vm, parsed.get(2))?;
    let pattern = parsed.get(0).cloned().unwrap_or(Value::None);
    let p = compile_value(vm, &pattern, flags)?;
    let string = parsed.get(1).cloned().unwrap_or(Value::None);
    Ok((p, string))
}

fn module_search(vm: &mut Vm, args: Args<'_>, name: &'static str, mode: Mode) -> PyResult<Value> {
    let (p, string) = pattern_and_string(vm, args, name)?;
    objects::pattern_search(vm, &p, &string, 0, usize::MAX, mode)
}

fn module_iter(vm: &mut Vm, args: Args<'_>, name: &'static str) -> PyResult<Value> {
    let (p, string) = pattern_and_string(vm, args, name)?;
    if name == "findall" {
        objects::findall(vm, &p, &string, 0, usize::MAX)
    } else {
        objects::finditer(vm, &p, &string, 0, usize::MAX)
    }
}

fn module_sub(vm: &mut Vm, args: Args<'_>, name: &'static str) -> PyResult<Value> {
    let spec = ArgSpec {
        fname: name,
        names: &["pattern", "repl", "string", "count", "flags"],
        posonly: 0,
        required: 3,
        maxpos: 5,
    };
    let parsed = spec.parse(vm, &args)?;
    let flags = flags_arg(vm, parsed.get(4))?;
    let pattern = parsed.get(0).cloned().unwrap_or(Value::None);
    let p = compile_value(vm, &pattern, flags)?;
    let repl = parsed.get(1).cloned().unwrap_or(Value::None);
    let string = parsed.get(2).cloned().unwrap_or(Value::None);
    let count = objects::count_arg(vm, parsed.get(3))?;
    objects::sub(vm, &p, &repl, &string, count, name == "subn")
}

fn re_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "split",
        names: &["pattern", "string", "maxsplit", "flags"],
        posonly: 0,
        required: 2,
        maxpos: 4,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let flags = flags_arg(vm, parsed.get(3))?;
    let pattern = parsed.get(0).cloned().unwrap_or(Value::None);
    let p = compile_value(vm, &pattern, flags)?;
    let string = parsed.get(1).cloned().unwrap_or(Value::None);
    let maxsplit = objects::count_arg(vm, parsed.get(2))?;
    objects::split(vm, &p, &string, maxsplit)
}

/// `re.escape`: a backslash before each special character.
fn re_escape(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    const SPEC: ArgSpec = ArgSpec {
        fname: "escape",
        names: &["pattern"],
        posonly: 0,
        required: 1,
        maxpos: 1,
    };
    let parsed = SPEC.parse(vm, &args)?;
    let special = |c: char| "()[]{}?*+-|^$\\.&~# \t\n\r\u{b}\u{c}".contains(c);
    match parsed.get(0) {
        Some(Value::Str(s)) => {
            let mut out = String::with_capacity(s.as_str().len());
            for c in s.as_str().chars() {
                if special(c) {
                    out.push('\\');
                }
                out.push(c);
            }
            Ok(Value::str(&out))
        }
        Some(other) => match objects::bytes_of(other) {
            Some(b) => {
                let mut out = Vec::with_capacity(b.len());
                for &x in b {
                    if special(char::from(x)) {
                        out.push(b'\\');
                    }
                    out.push(x);
                }
                Ok(crate::builtins::types::obj(ObjKind::Bytes(
                    out.into_boxed_slice(),
                )))
            }
            None => {
                let t = vm.type_name(other);
                Err(vm.type_error(format!("expected str or bytes, not {t}")))
            }
        },
        None => Ok(Value::None),
    }
}
