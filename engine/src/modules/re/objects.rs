//! `re.Pattern` and `re.Match` objects and the operations over a subject: search, findall,
//! finditer, sub/subn and split, iterating as CPython does (after an empty match, the next
//! match may not be empty at the same place).

use super::template::{parse_template, Part, TemplateError};
use super::{classes, search_at, Caps, Mode, Regex};
use crate::builtins::functions::ArgSpec;
use crate::builtins::types::{getters, methods};
use crate::modules::{native_object, native_state};
use crate::runtime::error::PyResult;
use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::Args;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::cell::RefCell;
use std::rc::Rc;

pub struct PatternState {
    pub regex: Rc<Regex>,
    /// The pattern as given (`Pattern.pattern`).
    pub source: Value,
}

/// A subject string, as characters (bytes: one char per byte).
pub struct Subject {
    pub chars: Vec<char>,
    pub is_bytes: bool,
    pub value: Value,
}

pub struct MatchState {
    pub regex: Rc<Regex>,
    pub pattern: Value,
    pub subject: Rc<Subject>,
    pub caps: Caps,
    pub last: Option<usize>,
    pub pos: usize,
    pub endpos: usize,
}

struct IterState {
    pattern: Value,
    regex: Rc<Regex>,
    subject: Rc<Subject>,
    /// The `pos` the iteration started from (`Match.pos`).
    start: usize,
    pos: usize,
    endpos: usize,
    must_advance: bool,
    done: bool,
}

pub fn bytes_of(v: &Value) -> Option<&[u8]> {
    match v {
        Value::Object(o) => match &o.kind {
            ObjKind::Bytes(b) => Some(b),
            _ => None,
        },
        _ => None,
    }
}

pub fn new_pattern(vm: &mut Vm, regex: Rc<Regex>, source: Value) -> PyResult<Value> {
    let Some(classes) = classes(vm) else {
        return Err(vm.type_error("the re module is not initialized"));
    };
    Ok(native_object(
        classes.pattern.clone(),
        PatternState { regex, source },
    ))
}

pub fn install(vm: &mut Vm, pattern: &Rc<PyClass>, match_: &Rc<PyClass>, iterator: &Rc<PyClass>) {
    methods!(vm, pattern, "Pattern", {
        "match" => |vm, a| pattern_method(vm, a, "match", Mode::Match),
        "search" => |vm, a| pattern_method(vm, a, "search", Mode::Search),
        "fullmatch" => |vm, a| pattern_method(vm, a, "fullmatch", Mode::Full),
        "findall" => |vm, a| pattern_iter_method(vm, a, "findall"),
        "finditer" => |vm, a| pattern_iter_method(vm, a, "finditer"),
        "sub" => |vm, a| pattern_sub(vm, a, "sub"),
        "subn" => |vm, a| pattern_sub(vm, a, "subn"),
        "split" => pattern_split,
        "__repr__" => pattern_repr,
        "__eq__" => pattern_eq,
        "__hash__" => pattern_hash,
        "__copy__" => same_object,
        "__deepcopy__" => same_object,
        "__class_getitem__" => same_object,
    });
    getters!(vm, pattern, "Pattern", {
        "pattern" => |vm, a| Ok(this_pattern(vm, a)?.source.clone()),
        "flags" => |vm, a| Ok(Value::Int(i64::from(this_pattern(vm, a)?.regex.flags))),
        "groups" => |vm, a| Ok(Value::Int(this_pattern(vm, a)?.regex.groups as i64)),
        "groupindex" => |vm, a| {
            let names = this_pattern(vm, a)?.regex.names.clone();
            let d = Value::Dict(crate::runtime::gc::tracked(crate::runtime::types::dict::PyDict::new()));
            for (n, g) in names {
                vm.setitem(&d, &Value::str(&n), Value::Int(g as i64))?;
            }
            Ok(d)
        },
    });
    methods!(vm, match_, "Match", {
        "group" => match_group,
        "__getitem__" => |vm, a| {
            let (st, rest) = this_match(vm, a, "__getitem__")?;
            let g = rest.first().cloned().unwrap_or(Value::Int(0));
            let g = group_index(vm, st, &g)?;
            Ok(group_value(st, g, Value::None))
        },
        "groups" => |vm, a| match_groups(vm, a, false),
        "groupdict" => |vm, a| match_groups(vm, a, true),
        "start" => |vm, a| match_span(vm, a, "start"),
        "end" => |vm, a| match_span(vm, a, "end"),
        "span" => |vm, a| match_span(vm, a, "span"),
        "expand" => match_expand,
        "__repr__" => match_repr,
        "__copy__" => same_object,
        "__deepcopy__" => same_object,
        "__class_getitem__" => same_object,
    });
    getters!(vm, match_, "Match", {
        "lastindex" => |vm, a| {
            let (st, _) = this_match(vm, a, "lastindex")?;
            Ok(st.last.map_or(Value::None, |g| Value::Int(g as i64)))
        },
        "lastgroup" => |vm, a| {
            let (st, _) = this_match(vm, a, "lastgroup")?;
            Ok(st
                .last
                .and_then(|g| st.regex.group_name(g))
                .map_or(Value::None, Value::str))
        },
        "re" => |vm, a| Ok(this_match(vm, a, "re")?.0.pattern.clone()),
        "string" => |vm, a| Ok(this_match(vm, a, "string")?.0.subject.value.clone()),
        "pos" => |vm, a| Ok(Value::Int(this_match(vm, a, "pos")?.0.pos as i64)),
        "endpos" => |vm, a| Ok(Value::Int(this_match(vm, a, "endpos")?.0.endpos as i64)),
        "regs" => |vm, a| {
            let (st, _) = this_match(vm, a, "regs")?;
            let spans = (0..=st.regex.groups).map(|g| span_tuple(st, g)).collect();
            Ok(Value::tuple(spans))
        },
    });
    methods!(vm, iterator, "_MatchIterator", {
        "__iter__" => |_, a| Ok(a.values.first().cloned().unwrap_or(Value::None)),
        "__next__" => iterator_next,
    });
}

/// `copy.copy`/`deepcopy` of an immutable object, and `re.Pattern[str]` in annotations (the
/// class stands in for the generic alias, as for the built-in classes).
fn same_object(_: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    Ok(args.values.first().cloned().unwrap_or(Value::None))
}

fn this_pattern<'a>(vm: &mut Vm, args: Args<'a>) -> PyResult<&'a PatternState> {
    match args.values.first().and_then(native_state::<PatternState>) {
        Some(s) => Ok(s),
        None => Err(vm.type_error("descriptor requires a 're.Pattern' object")),
    }
}

fn this_match<'a>(
    vm: &mut Vm,
    args: Args<'a>,
    name: &str,
) -> PyResult<(&'a MatchState, &'a [Value])> {
    let positional = args.positional();
    match positional.first().and_then(native_state::<MatchState>) {
        Some(s) => Ok((s, &positional[1..])),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 're.Match' object"))),
    }
}

/// The subject as characters, type-checked against the pattern.
fn subject(vm: &mut Vm, regex: &Regex, v: &Value) -> PyResult<Subject> {
    let (chars, is_bytes) = match v {
        Value::Str(s) => (s.as_str().chars().collect(), false),
        other => match bytes_of(other) {
            Some(b) => (b.iter().map(|&x| char::from(x)).collect(), true),
            None => {
                let payload = crate::vm::subclass::builtin_payload(other).cloned();
                if let Some(p @ Value::Str(_)) = payload {
                    return subject(vm, regex, &p);
                }
                let t = vm.type_name(other);
                return Err(
                    vm.type_error(format!("expected string or bytes-like object, got '{t}'"))
                );
            }
        },
    };
    if is_bytes && !regex.is_bytes {
        return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
    }
    if !is_bytes && regex.is_bytes {
        return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
    }
    Ok(Subject {
        chars,
        is_bytes,
        value: v.clone(),
    })
}

fn slice_value(subject: &Subject, s: usize, e: usize) -> Value {
    let part = &subject.chars[s.min(e)..e];
    if subject.is_bytes {
        let bytes: Vec<u8> = part.iter().map(|&c| c as u32 as u8).collect();
        crate::builtins::types::obj(ObjKind::Bytes(bytes.into_boxed_slice()))
    } else {
        Value::str(&part.iter().collect::<String>())
    }
}

fn group_value(st: &MatchState, g: usize, default: Value) -> Value {
    match (
        st.caps.get(2 * g).copied().flatten(),
        st.caps.get(2 * g + 1).copied().flatten(),
    ) {
        (Some(s), Some(e)) => slice_value(&st.subject, s, e),
        _ => default,
    }
}

fn span_of(st: &MatchState, g: usize) -> (i64, i64) {
    match (
        st.caps.get(2 * g).copied().flatten(),
        st.caps.get(2 * g + 1).copied().flatten(),
    ) {
        (Some(s), Some(e)) => (s as i64, e as i64),
        _ => (-1, -1),
    }
}

fn span_tuple(st: &MatchState, g: usize) -> Value {
    let (s, e) = span_of(st, g);
    Value::tuple(vec![Value::Int(s), Value::Int(e)])
}

fn group_index(vm: &mut Vm, st: &MatchState, g: &Value) -> PyResult<usize> {
    let idx = match g {
        Value::Int(i) => usize::try_from(*i).ok(),
        Value::Bool(b) => Some(usize::from(*b)),
        Value::Str(s) => st.regex.group_index(s.as_str()),
        other => match crate::builtins::types::index_value(vm, other) {
            Ok(Value::Int(i)) => usize::try_from(i).ok(),
            _ => None,
        },
    };
    match idx {
        Some(i) if i <= st.regex.groups => Ok(i),
        _ => Err(crate::builtins::types::index_error(vm, "no such group")),
    }
}

/// A `Match` of `pattern` on `subject`: the captures and last group found, and the
/// `pos`/`endpos` of the search.
fn make_match(
    vm: &mut Vm,
    pattern: &Value,
    subject: &Rc<Subject>,
    (caps, last): (Caps, Option<usize>),
    (pos, endpos): (usize, usize),
) -> PyResult<Value> {
    let Some(regex) = native_state::<PatternState>(pattern).map(|p| p.regex.clone()) else {
        return Err(vm.type_error("expected a compiled pattern"));
    };
    let Some(classes) = classes(vm) else {
        return Err(vm.type_error("the re module is not initialized"));
    };
    Ok(native_object(
        classes.match_.clone(),
        MatchState {
            regex,
            pattern: pattern.clone(),
            subject: subject.clone(),
            caps,
            last,
            pos,
            endpos,
        },
    ))
}

/// Clamps `pos`/`endpos` to the subject as CPython does.
fn bounds(len: usize, pos: i64, endpos: i64) -> (usize, usize) {
    let pos = pos.clamp(0, len as i64) as usize;
    let endpos = endpos.clamp(0, len as i64) as usize;
    (pos, endpos)
}

fn int_or(vm: &mut Vm, v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(Value::Int(i)) => Ok(*i),
        Some(Value::Bool(b)) => Ok(i64::from(*b)),
        Some(Value::BigInt(b)) => Ok(if num_traits::Signed::is_negative(&**b) {
            i64::MIN
        } else {
            i64::MAX
        }),
        Some(other) => match crate::builtins::types::index_value(vm, other)? {
            Value::Int(i) => Ok(i),
            _ => Ok(default),
        },
    }
}

pub fn count_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    int_or(vm, v, 0)
}

pub fn pattern_search(
    vm: &mut Vm,
    pattern: &Value,
    string: &Value,
    pos: i64,
    endpos: usize,
    mode: Mode,
) -> PyResult<Value> {
    let Some(st) = native_state::<PatternState>(pattern) else {
        return Ok(Value::None);
    };
    let regex = st.regex.clone();
    let subject = Rc::new(subject(vm, &regex, string)?);
    let (pos, endpos) = bounds(
        subject.chars.len(),
        pos,
        endpos.min(i64::MAX as usize) as i64,
    );
    match search_at(&regex, &subject.chars, pos, endpos, false, mode) {
        Some(found) => make_match(vm, pattern, &subject, found, (pos, endpos)),
        None => Ok(Value::None),
    }
}

const POS_NAMES: &[&str] = &["string", "pos", "endpos"];

/// The string, `pos` and `endpos` of `Pattern.NAME(string, pos=0, endpos=sys.maxsize)`
/// (the pattern itself checked).
fn string_pos_endpos(
    vm: &mut Vm,
    args: Args<'_>,
    name: &'static str,
) -> PyResult<(Value, i64, i64)> {
    this_pattern(vm, args)?;
    let spec = ArgSpec {
        fname: name,
        names: POS_NAMES,
        posonly: 0,
        required: 1,
        maxpos: 3,
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let parsed = spec.parse(vm, &rest)?;
    let pos = int_or(vm, parsed.get(1), 0)?;
    let endpos = int_or(vm, parsed.get(2), i64::MAX)?;
    let string = parsed.get(0).cloned().unwrap_or(Value::None);
    Ok((string, pos, endpos))
}

fn pattern_method(vm: &mut Vm, args: Args<'_>, name: &'static str, mode: Mode) -> PyResult<Value> {
    let (string, pos, endpos) = string_pos_endpos(vm, args, name)?;
    let pattern = args.values[0].clone();
    pattern_search(vm, &pattern, &string, pos, endpos.max(0) as usize, mode)
}

fn pattern_iter_method(vm: &mut Vm, args: Args<'_>, name: &'static str) -> PyResult<Value> {
    let (string, pos, endpos) = string_pos_endpos(vm, args, name)?;
    let endpos = endpos.max(0) as usize;
    let pattern = args.values[0].clone();
    if name == "findall" {
        findall_in(vm, &pattern, &string, pos, endpos)
    } else {
        finditer_in(vm, &pattern, &string, pos, endpos)
    }
}

/// Every match from `pos`, in order, as CPython's iteration finds them.
fn each_match(
    regex: &Regex,
    subject: &Subject,
    pos: usize,
    endpos: usize,
    limit: usize,
    mut f: impl FnMut(Caps, Option<usize>) -> PyResult<()>,
) -> PyResult<()> {
    let mut at = pos;
    let mut must_advance = false;
    let mut n = 0;
    while n < limit && at <= endpos {
        let Some((caps, last)) = search_at(
            regex,
            &subject.chars,
            at,
            endpos,
            must_advance,
            Mode::Search,
        ) else {
            break;
        };
        let (s, e) = (caps[0].unwrap_or(at), caps[1].unwrap_or(at));
        must_advance = s == e;
        at = e;
        n += 1;
        f(caps, last)?;
    }
    Ok(())
}

pub fn findall(vm: &mut Vm, p: &Value, string: &Value, pos: i64, endpos: usize) -> PyResult<Value> {
    findall_in(vm, p, string, pos, endpos)
}

fn findall_in(vm: &mut Vm, p: &Value, string: &Value, pos: i64, endpos: usize) -> PyResult<Value> {
    let Some(st) = native_state::<PatternState>(p) else {
        return Ok(Value::None);
    };
    let regex = st.regex.clone();
    let subject = subject(vm, &regex, string)?;
    let (pos, endpos) = bounds(
        subject.chars.len(),
        pos,
        endpos.min(i64::MAX as usize) as i64,
    );
    let mut out = Vec::new();
    let empty = slice_value(&subject, 0, 0);
    each_match(&regex, &subject, pos, endpos, usize::MAX, |caps, _| {
        let get = |g: usize| match (caps[2 * g], caps[2 * g + 1]) {
            (Some(s), Some(e)) => slice_value(&subject, s, e),
            _ => empty.clone(),
        };
        out.push(match regex.groups {
            0 => get(0),
            1 => get(1),
            n => Value::tuple((1..=n).map(get).collect()),
        });
        Ok(())
    })?;
    Ok(Value::list(out))
}

pub fn finditer(
    vm: &mut Vm,
    p: &Value,
    string: &Value,
    pos: i64,
    endpos: usize,
) -> PyResult<Value> {
    finditer_in(vm, p, string, pos, endpos)
}

fn finditer_in(vm: &mut Vm, p: &Value, string: &Value, pos: i64, endpos: usize) -> PyResult<Value> {
    let Some(st) = native_state::<PatternState>(p) else {
        return Ok(Value::None);
    };
    let regex = st.regex.clone();
    let subject = Rc::new(subject(vm, &regex, string)?);
    let (pos, endpos) = bounds(
        subject.chars.len(),
        pos,
        endpos.min(i64::MAX as usize) as i64,
    );
    let Some(classes) = classes(vm) else {
        return Err(vm.type_error("the re module is not initialized"));
    };
    Ok(native_object(
        classes.iterator.clone(),
        RefCell::new(IterState {
            pattern: p.clone(),
            regex,
            subject,
            start: pos,
            pos,
            endpos,
            must_advance: false,
            done: false,
        }),
    ))
}

fn iterator_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(cell) = args
        .values
        .first()
        .and_then(native_state::<RefCell<IterState>>)
    else {
        return Err(vm.type_error("descriptor '__next__' requires a '_MatchIterator' object"));
    };
    let found = {
        let mut it = cell.borrow_mut();
        if it.done || it.pos > it.endpos {
            None
        } else {
            match search_at(
                &it.regex,
                &it.subject.chars,
                it.pos,
                it.endpos,
                it.must_advance,
                Mode::Search,
            ) {
                Some((caps, last)) => {
                    let (s, e) = (caps[0].unwrap_or(it.pos), caps[1].unwrap_or(it.pos));
                    it.must_advance = s == e;
                    it.pos = e;
                    Some((
                        (caps, last),
                        it.pattern.clone(),
                        it.subject.clone(),
                        (it.start, it.endpos),
                    ))
                }
                None => {
                    it.done = true;
                    None
                }
            }
        }
    };
    match found {
        Some((found, pattern, subject, bounds)) => {
            make_match(vm, &pattern, &subject, found, bounds)
        }
        None => Err(crate::builtins::types::stop_iteration(vm)),
    }
}

/// The replacement: a parsed template or a callable.
enum Repl {
    Template(Vec<Part>),
    Call(Value),
}

fn template_of(vm: &mut Vm, regex: &Regex, repl: &Value) -> PyResult<Option<Vec<Part>>> {
    let chars: Vec<char> = match repl {
        Value::Str(s) => {
            if regex.is_bytes {
                return Err(vm.type_error(format!("expected a bytes-like object, {} found", "str")));
            }
            s.as_str().chars().collect()
        }
        other => match bytes_of(other) {
            Some(b) => {
                if !regex.is_bytes {
                    return Err(vm.type_error("expected str instance, bytes found"));
                }
                b.iter().map(|&x| char::from(x)).collect()
            }
            None => return Ok(None),
        },
    };
    match parse_template(&chars, regex) {
        Ok(parts) => Ok(Some(parts)),
        Err(TemplateError::Index(msg)) => Err(crate::builtins::types::index_error(vm, msg)),
        Err(TemplateError::Re(e)) => Err(super::re_error(vm, &e, repl)),
    }
}

fn expand_into(out: &mut Vec<char>, parts: &[Part], subject: &Subject, caps: &Caps) {
    for part in parts {
        match part {
            Part::Lit(l) => out.extend_from_slice(l),
            Part::Group(g) => {
                if let (Some(s), Some(e)) = (caps[2 * g], caps[2 * g + 1]) {
                    out.extend_from_slice(&subject.chars[s..e]);
                }
            }
        }
    }
}

fn chars_value(chars: &[char], is_bytes: bool) -> Value {
    if is_bytes {
        let bytes: Vec<u8> = chars.iter().map(|&c| c as u32 as u8).collect();
        crate::builtins::types::obj(ObjKind::Bytes(bytes.into_boxed_slice()))
    } else {
        Value::str(&chars.iter().collect::<String>())
    }
}

fn value_chars(vm: &mut Vm, v: &Value, is_bytes: bool) -> PyResult<Vec<char>> {
    match v {
        Value::Str(s) if !is_bytes => Ok(s.as_str().chars().collect()),
        other => match bytes_of(other) {
            Some(b) if is_bytes => Ok(b.iter().map(|&x| char::from(x)).collect()),
            _ => {
                let t = vm.type_name(other);
                let want = if is_bytes {
                    "a bytes-like object"
                } else {
                    "str instance"
                };
                Err(vm.type_error(format!("expected {want}, {t} found")))
            }
        },
    }
}

pub fn sub(
    vm: &mut Vm,
    p: &Value,
    repl: &Value,
    string: &Value,
    count: i64,
    with_count: bool,
) -> PyResult<Value> {
    let Some(st) = native_state::<PatternState>(p) else {
        return Ok(Value::None);
    };
    let regex = st.regex.clone();
    let subject = Rc::new(subject(vm, &regex, string)?);
    let repl = match template_of(vm, &regex, repl)? {
        Some(parts) => Repl::Template(parts),
        None => Repl::Call(repl.clone()),
    };
    let limit = if count <= 0 {
        if count < 0 {
            0
        } else {
            usize::MAX
        }
    } else {
        count as usize
    };
    let mut out: Vec<char> = Vec::with_capacity(subject.chars.len());
    let mut last_end = 0;
    let mut n = 0i64;
    let len = subject.chars.len();
    each_match(&regex, &subject, 0, len, limit, |caps, last| {
        let (s, e) = (caps[0].unwrap_or(0), caps[1].unwrap_or(0));
        out.extend_from_slice(&subject.chars[last_end..s]);
        match &repl {
            Repl::Template(parts) => expand_into(&mut out, parts, &subject, &caps),
            Repl::Call(f) => {
                let m = make_match(vm, p, &subject, (caps, last), (0, len))?;
                let r = vm.call(f, &[m])?;
                if !r.is_none() {
                    let chars = value_chars(vm, &r, subject.is_bytes)?;
                    out.extend_from_slice(&chars);
                }
            }
        }
        last_end = e;
        n += 1;
        Ok(())
    })?;
    out.extend_from_slice(&subject.chars[last_end..]);
    let result = if n == 0 && !with_count && !subject.is_bytes {
        match &subject.value {
            v @ Value::Str(_) => v.clone(),
            _ => chars_value(&out, subject.is_bytes),
        }
    } else {
        chars_value(&out, subject.is_bytes)
    };
    Ok(if with_count {
        Value::tuple(vec![result, Value::Int(n)])
    } else {
        result
    })
}

pub fn split(vm: &mut Vm, p: &Value, string: &Value, maxsplit: i64) -> PyResult<Value> {
    let Some(st) = native_state::<PatternState>(p) else {
        return Ok(Value::None);
    };
    let regex = st.regex.clone();
    let subject = subject(vm, &regex, string)?;
    let len = subject.chars.len();
    let limit = if maxsplit < 0 {
        0
    } else if maxsplit == 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    let mut last_end = 0;
    each_match(&regex, &subject, 0, len, limit, |caps, _| {
        let (s, e) = (caps[0].unwrap_or(0), caps[1].unwrap_or(0));
        out.push(slice_value(&subject, last_end, s));
        for g in 1..=regex.groups {
            out.push(match (caps[2 * g], caps[2 * g + 1]) {
                (Some(a), Some(b)) => slice_value(&subject, a, b),
                _ => Value::None,
            });
        }
        last_end = e;
        Ok(())
    })?;
    out.push(slice_value(&subject, last_end, len));
    Ok(Value::list(out))
}

fn pattern_sub(vm: &mut Vm, args: Args<'_>, name: &'static str) -> PyResult<Value> {
    this_pattern(vm, args)?;
    let spec = ArgSpec {
        fname: name,
        names: &["repl", "string", "count"],
        posonly: 0,
        required: 2,
        maxpos: 3,
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let parsed = spec.parse(vm, &rest)?;
    let count = count_arg(vm, parsed.get(2))?;
    let repl = parsed.get(0).cloned().unwrap_or(Value::None);
    let string = parsed.get(1).cloned().unwrap_or(Value::None);
    let p = args.values[0].clone();
    sub(vm, &p, &repl, &string, count, name == "subn")
}

fn pattern_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    this_pattern(vm, args)?;
    const SPEC: ArgSpec = ArgSpec {
        fname: "split",
        names: &["string", "maxsplit"],
        posonly: 0,
        required: 1,
        maxpos: 2,
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let parsed = SPEC.parse(vm, &rest)?;
    let maxsplit = count_arg(vm, parsed.get(1))?;
    let string = parsed.get(0).cloned().unwrap_or(Value::None);
    let p = args.values[0].clone();
    split(vm, &p, &string, maxsplit)
}

fn flag_names(flags: u32, is_bytes: bool) -> String {
    use super::ast::*;
    let mut flags = flags;
    if !is_bytes && flags & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII) == FLAG_UNICODE {
        flags &= !FLAG_UNICODE;
    }
    let mut parts = Vec::new();
    for (bit, name) in [
        (FLAG_TEMPLATE, "re.TEMPLATE"),
        (FLAG_IGNORECASE, "re.IGNORECASE"),
        (FLAG_LOCALE, "re.LOCALE"),
        (FLAG_MULTILINE, "re.MULTILINE"),
        (FLAG_DOTALL, "re.DOTALL"),
        (FLAG_UNICODE, "re.UNICODE"),
        (FLAG_VERBOSE, "re.VERBOSE"),
        (FLAG_DEBUG, "re.DEBUG"),
        (FLAG_ASCII, "re.ASCII"),
    ] {
        if flags & bit != 0 {
            parts.push(name.to_owned());
            flags &= !bit;
        }
    }
    if flags != 0 {
        parts.push(format!("{flags:#x}"));
    }
    parts.join("|")
}

fn pattern_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let st = this_pattern(vm, args)?;
    let (source, regex) = (st.source.clone(), st.regex.clone());
    let mut text = vm.repr(&source)?;
    if text.chars().count() > 200 {
        text = text.chars().take(200).collect();
    }
    let flags = flag_names(regex.flags, regex.is_bytes);
    Ok(Value::str(&if flags.is_empty() {
        format!("re.compile({text})")
    } else {
        format!("re.compile({text}, {flags})")
    }))
}

fn pattern_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let st = this_pattern(vm, args)?;
    let Some(other) = args.values.get(1).and_then(native_state::<PatternState>) else {
        return Ok(Value::NotImplemented);
    };
    Ok(Value::Bool(
        st.regex.flags == other.regex.flags
            && st.regex.is_bytes == other.regex.is_bytes
            && st.regex.source == other.regex.source,
    ))
}

fn pattern_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let st = this_pattern(vm, args)?;
    let source = st.source.clone();
    let flags = st.regex.flags;
    let h = vm.hash_value(&source)?;
    Ok(Value::Int(h ^ i64::from(flags)))
}

fn match_group(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (st, rest) = this_match(vm, args, "group")?;
    match rest {
        [] => Ok(group_value(st, 0, Value::None)),
        [g] => {
            let g = group_index(vm, st, g)?;
            Ok(group_value(st, g, Value::None))
        }
        many => {
            let mut out = Vec::with_capacity(many.len());
            for g in many {
                let g = group_index(vm, st, g)?;
                out.push(group_value(st, g, Value::None));
            }
            Ok(Value::tuple(out))
        }
    }
}

fn match_groups(vm: &mut Vm, args: Args<'_>, dict: bool) -> PyResult<Value> {
    let name = if dict { "groupdict" } else { "groups" };
    this_match(vm, args, name)?;
    let spec = ArgSpec {
        fname: name,
        names: &["default"],
        posonly: 0,
        required: 0,
        maxpos: 1,
    };
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let parsed = spec.parse(vm, &rest)?;
    let default = parsed.get(0).cloned().unwrap_or(Value::None);
    let (st, _) = this_match(vm, args, name)?;
    if dict {
        let d = Value::Dict(crate::runtime::gc::tracked(
            crate::runtime::types::dict::PyDict::new(),
        ));
        for (n, g) in st.regex.names.clone() {
            let v = group_value(st, g, default.clone());
            vm.setitem(&d, &Value::str(&n), v)?;
        }
        return Ok(d);
    }
    Ok(Value::tuple(
        (1..=st.regex.groups)
            .map(|g| group_value(st, g, default.clone()))
            .collect(),
    ))
}

fn match_span(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let (st, rest) = this_match(vm, args, name)?;
    if rest.len() > 1 {
        return Err(vm.type_error(format!(
            "{name} expected at most 1 argument, got {}",
            rest.len()
        )));
    }
    let g = match rest.first() {
        Some(g) => group_index(vm, st, g)?,
        None => 0,
    };
    let (s, e) = span_of(st, g);
    Ok(match name {
        "start" => Value::Int(s),
        "end" => Value::Int(e),
        _ => span_tuple(st, g),
    })
}

fn match_expand(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (st, rest) = this_match(vm, args, "expand")?;
    let Some(template) = rest.first() else {
        return Err(vm.type_error("expand() missing required argument 'template' (pos 1)"));
    };
    let regex = st.regex.clone();
    let parts = match template_of(vm, &regex, template)? {
        Some(parts) => parts,
        None => {
            let t = vm.type_name(template);
            return Err(vm.type_error(format!("expected str instance, {t} found")));
        }
    };
    let mut out = Vec::new();
    expand_into(&mut out, &parts, &st.subject, &st.caps);
    Ok(chars_value(&out, st.subject.is_bytes))
}

fn match_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (st, _) = this_match(vm, args, "__repr__")?;
    let (s, e) = span_of(st, 0);
    let text = group_value(st, 0, Value::None);
    let shown = vm.repr(&text)?;
    Ok(Value::str(&format!(
        "<re.Match object; span=({s}, {e}), match={shown}>"
    )))
}
