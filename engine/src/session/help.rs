//! What `site` adds to the builtins of an interactive CPython: `help(obj)` (pydoc's text for
//! functions, methods and classes: the signature and the docstring), and `exit`/`quit`, whose
//! `repr` tells how to leave and whose call raises `SystemExit`.

use crate::builtins::functions::args;
use crate::bytecode::CodeFlags;
use crate::runtime::error::PyResult;
use crate::runtime::types::class::PyClass;
use crate::runtime::types::function::PyFunction;
use crate::runtime::types::native::{Args, NativeKind, PyNative};
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::Vm;
use std::rc::Rc;

/// `_sitebuiltins.Quitter`, in Python: it needs a `__repr__` and a `__call__`.
const QUITTER: &str = "\
class Quitter(object):
    def __init__(self, name, eof):
        self.name = name
        self.eof = eof
    def __repr__(self):
        return 'Use ' + self.name + '() or ' + self.eof + ' to exit'
    def __call__(self, code=None):
        raise SystemExit(code)
exit = Quitter('exit', 'Ctrl-D (i.e. EOF)')
quit = Quitter('quit', 'Ctrl-D (i.e. EOF)')
";

/// Adds `help`, `exit` and `quit` to the VM's builtins.
pub fn install(vm: &mut Vm) {
    let key = vm.interner.intern("help");
    vm.builtins.set_str(
        key,
        Value::Native(Rc::new(PyNative::function("help", builtin_help))),
    );
    let ns = crate::eval::new_module_globals(vm, "_sitebuiltins");
    // Run once, unquickened: the program's specialization statistics start from nothing.
    let quicken = std::mem::replace(&mut vm.quicken, false);
    let ran = crate::eval::run_source(vm, QUITTER, "<site>", ns.clone()).is_ok();
    vm.quicken = quicken;
    if ran {
        for name in ["exit", "quit"] {
            let key = vm.interner.intern(name);
            if let Some(v) = ns.get_str(&key) {
                vm.builtins.set_str(key, v);
            }
        }
    }
    vm.sources.remove("<site>");
}

fn builtin_help(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let values = args::positional(vm, &args, "help", 0, 1)?;
    let text = match values.first() {
        None => "Type help(object) for help about object.\n".to_owned(),
        Some(obj) => describe(vm, obj),
    };
    vm.host.write_stdout(&text);
    Ok(Value::None)
}

/// pydoc's plain-text help for `obj`.
pub fn describe(vm: &mut Vm, obj: &Value) -> String {
    match obj {
        Value::Function(f) => {
            let module = module_name(vm, &f.module);
            format!(
                "Help on function {} in module {module}:\n\n{}\n",
                f.name.borrow().as_str(),
                function_entry(f, None, "")
            )
        }
        Value::Native(n) => native_help(vm, n),
        Value::Class(c) => class_help(vm, c),
        Value::Str(s) => format!("No Python documentation found for '{}'.\nUse help() to get the interactive help utility.\nUse help(str) for help on the str class.\n\n", s.as_str()),
        Value::Object(o) => match &o.kind {
            ObjKind::BoundMethod { func, receiver } => match func {
                Value::Function(f) => {
                    let class = vm.class_of(receiver);
                    let module = module_name(vm, &f.module);
                    let owner = format!(" method of {module}.{} instance", class.name());
                    format!(
                        "Help on method {} in module {module}:\n\n{}\n",
                        f.name.borrow().as_str(),
                        function_entry(f, Some(1), &owner)
                    )
                }
                other => describe(vm, &other.clone()),
            },
            ObjKind::Module(m) => {
                let mut names: Vec<String> = m
                    .dict
                    .entries()
                    .iter()
                    .filter_map(|e| match &e.key {
                        Value::Str(s) if !s.as_str().starts_with('_') => {
                            Some(s.as_str().to_owned())
                        }
                        _ => None,
                    })
                    .collect();
                names.sort();
                let name = m.name.as_str();
                let mut out = format!("Help on module {name}:\n\nNAME\n    {name}\n\nCONTENTS\n");
                for n in names {
                    out.push_str(&format!("    {n}\n"));
                }
                out.push('\n');
                out
            }
            _ => class_help(vm, &vm.class_of(obj)),
        },
        other => class_help(vm, &vm.class_of(other)),
    }
}

fn module_name(vm: &mut Vm, module: &Value) -> String {
    match module {
        Value::Str(s) => s.as_str().to_owned(),
        Value::None | Value::Null => "__main__".to_owned(),
        other => vm.str(other).unwrap_or_default(),
    }
}

/// pydoc's help for a built-in function or method: the signature from CPython's text
/// signature (without its `$module`/`$self` marker), `(...)` when there is none.
fn native_help(vm: &mut Vm, n: &PyNative) -> String {
    let mut doc = n.docstring().map(clean_doc);
    let signature = match n.text_signature() {
        Some(sig) => native_signature(sig, n.bound_self.is_some()),
        // Natives documented the other way CPython's are: a first line `name(params)`.
        None => match doc.as_deref().and_then(|d| signature_line(d, n.name)) {
            Some((sig, rest)) => {
                let sig = sig.to_owned();
                doc = Some(rest.to_owned());
                sig
            }
            None => "(...)".to_owned(),
        },
    };
    let mut out = match (&n.bound_self, &n.module) {
        (Some(receiver), _) if n.kind == NativeKind::Function => {
            let class = vm.class_of(receiver);
            let owner = if matches!(receiver, Value::Class(_)) {
                "builtins.type".to_owned()
            } else {
                format!("builtins.{}", class.name())
            };
            format!(
                "Help on built-in function {name}:\n\n{name}{signature} method of {owner} instance\n",
                name = n.name
            )
        }
        _ if n.kind != NativeKind::Function => {
            format!("Help on method_descriptor:\n\n{}{signature}\n", n.name)
        }
        (_, module) => {
            let module = module.as_ref().map_or("builtins", |m| m.as_str());
            format!(
                "Help on built-in function {name} in module {module}:\n\n{name}{signature}\n",
                name = n.name
            )
        }
    };
    if let Some(doc) = doc.filter(|d| !d.is_empty()) {
        out.push_str(&indent(&doc, "    "));
    }
    out.push('\n');
    out
}

/// Splits a docstring whose first line is `name(params)` into the parameters and the rest.
pub(crate) fn signature_line<'a>(doc: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    let (first, rest) = doc.split_once('\n').unwrap_or((doc, ""));
    let params = first.strip_prefix(name)?;
    (params.starts_with('(') && params.ends_with(')'))
        .then(|| (params, rest.trim_start_matches('\n')))
}

/// A text signature as pydoc shows it: `($module, obj, /)` → `(obj, /)`; `($self, x, /)` →
/// `(self, x, /)` unbound, `(x, /)` bound.
pub(crate) fn native_signature(sig: &str, bound: bool) -> String {
    let Some(inner) = sig.strip_prefix('(').and_then(|s| s.strip_suffix(')')) else {
        return sig.to_owned();
    };
    let mut params: Vec<&str> = inner.split(", ").collect();
    if let Some(first) = params.first().copied() {
        if let Some(name) = first.strip_prefix('$') {
            if bound || name == "module" || name == "type" {
                params.remove(0);
                // A lone `/` left behind marks nothing.
                if params.first() == Some(&"/") {
                    params.remove(0);
                }
            } else {
                params[0] = name;
            }
        }
    }
    format!("({})", params.join(", "))
}

/// `name(signature)` then the docstring indented, as pydoc's `docroutine`; `skip` drops the
/// leading parameters a bound method has already bound.
fn function_entry(f: &PyFunction, skip: Option<usize>, note: &str) -> String {
    let mut sig = signature(f);
    if let Some(n) = skip {
        sig = sig.into_iter().skip(n).collect();
    }
    let mut out = format!("{}({}){note}\n", f.name.borrow().as_str(), sig.join(", "));
    if let Value::Str(doc) = &*f.doc.borrow() {
        out.push_str(&indent(&clean_doc(doc.as_str()), "    "));
    }
    out
}

/// The parameters as `inspect.signature` shows them (without annotations).
pub fn signature(f: &PyFunction) -> Vec<String> {
    let code = &f.code.code;
    let names: Vec<&str> = f.code.localsplus_names.iter().map(|n| n.as_str()).collect();
    let argc = code.argcount as usize;
    let posonly = code.posonlyargcount as usize;
    let kwonly = code.kwonlyargcount as usize;
    let defaults: Vec<Value> = f
        .defaults
        .borrow()
        .as_ref()
        .map(|t| t.items().to_vec())
        .unwrap_or_default();
    let first_default = argc.saturating_sub(defaults.len());
    let mut out = Vec::new();
    for (i, name) in names.iter().take(argc).enumerate() {
        let mut p = (*name).to_owned();
        if i >= first_default {
            p.push('=');
            p.push_str(&plain_repr(&defaults[i - first_default]));
        }
        out.push(p);
        if posonly > 0 && i + 1 == posonly {
            out.push("/".to_owned());
        }
    }
    let mut next = argc + kwonly;
    if code.flags.has(CodeFlags::VARARGS) {
        out.push(format!("*{}", names.get(next).unwrap_or(&"args")));
        next += 1;
    } else if kwonly > 0 {
        out.push("*".to_owned());
    }
    let kwdefaults = f.kwdefaults.borrow().clone();
    for name in names.iter().skip(argc).take(kwonly) {
        let mut p = (*name).to_owned();
        if let Some(d) = &kwdefaults {
            if let Some(v) = d.entries().iter().find_map(|e| match &e.key {
                Value::Str(s) if s.as_str() == *name => Some(e.value.clone()),
                _ => None,
            }) {
                p.push('=');
                p.push_str(&plain_repr(&v));
            }
        }
        out.push(p);
    }
    if code.flags.has(CodeFlags::VARKEYWORDS) {
        out.push(format!("**{}", names.get(next).unwrap_or(&"kwargs")));
    }
    out
}

/// A default value's repr without running user code (a default of a user class shows as
/// `<Name object>`, which pydoc would show with an address).
fn plain_repr(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::runtime::numfmt::float_repr(*f),
        Value::Str(s) => crate::runtime::strings::str_repr(s.as_str()),
        Value::Tuple(t) if t.is_empty() => "()".into(),
        Value::Ellipsis => "Ellipsis".into(),
        Value::Function(f) => format!("<function {}>", f.qualname()),
        Value::Class(c) => format!("<class '{}'>", c.name()),
        _ => "<object>".into(),
    }
}

fn class_help(vm: &mut Vm, c: &Rc<PyClass>) -> String {
    let module = c
        .dict
        .get_str(&vm.interner.intern("__module__"))
        .map(|m| module_name(vm, &m))
        .unwrap_or_else(|| "builtins".to_owned());
    let bases: Vec<String> = c
        .bases
        .borrow()
        .iter()
        .map(|b| {
            let m = b
                .dict
                .get_str(&vm.interner.intern("__module__"))
                .map(|m| module_name(vm, &m))
                .unwrap_or_else(|| "builtins".to_owned());
            if m == module {
                b.name().to_string()
            } else {
                format!("{m}.{}", b.name())
            }
        })
        .collect();
    let bases = if bases.is_empty() {
        if module == "builtins" {
            "object"
        } else {
            "builtins.object"
        }
        .to_owned()
    } else {
        bases.join(", ")
    };
    let mut body = String::new();
    if let Some(Value::Str(doc)) = c.dict.get_str(&vm.interner.intern("__doc__")) {
        body.push_str(&clean_doc(doc.as_str()));
        body.push_str("\n\n");
    }
    let mut methods = String::new();
    let mut descriptors = String::new();
    let mut data = String::new();
    for e in c.dict.entries().iter() {
        let Value::Str(name) = &e.key else { continue };
        let name = name.as_str();
        if name.starts_with("__") && name.ends_with("__") && name != "__init__" {
            continue;
        }
        match &e.value {
            Value::Function(f) => {
                methods.push_str(&function_entry(f, None, ""));
                methods.push('\n');
            }
            Value::Native(n) => {
                let signature = n
                    .text_signature()
                    .map_or_else(|| "(...)".to_owned(), |s| native_signature(s, false));
                methods.push_str(&format!("{name}{signature}\n"));
                if let Some(doc) = n.docstring() {
                    methods.push_str(&indent(&clean_doc(doc), "    "));
                }
                methods.push('\n');
            }
            Value::Object(o) if matches!(o.kind, ObjKind::Property { .. }) => {
                descriptors.push_str(name);
                descriptors.push('\n');
                if let ObjKind::Property {
                    doc: Value::Str(doc),
                    ..
                } = &o.kind
                {
                    descriptors.push_str(&indent(&clean_doc(doc.as_str()), "    "));
                }
                descriptors.push('\n');
            }
            other => data.push_str(&format!("{name} = {}\n", plain_repr(other))),
        }
    }
    if !methods.is_empty() {
        body.push_str("Methods defined here:\n\n");
        body.push_str(&methods);
    }
    if !descriptors.is_empty() {
        if !methods.is_empty() {
            body.push_str(&"-".repeat(70));
            body.push('\n');
        }
        body.push_str("Data descriptors defined here:\n\n");
        body.push_str(&descriptors);
    }
    if !data.is_empty() {
        if !methods.is_empty() || !descriptors.is_empty() {
            body.push_str(&"-".repeat(70));
            body.push('\n');
        }
        body.push_str("Data and other attributes defined here:\n\n");
        body.push_str(&data);
    }
    let body = body.trim_end();
    let mut out = format!(
        "Help on class {} in module {module}:\n\nclass {}({bases})\n",
        c.name(),
        c.name()
    );
    for line in body.lines() {
        out.push_str(" |  ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

/// `inspect.cleandoc`: the first line stripped, the rest dedented by their common indent.
pub fn clean_doc(doc: &str) -> String {
    let lines: Vec<&str> = doc.lines().collect();
    let margin = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut out: Vec<String> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push(line.trim().to_owned());
        } else {
            out.push(line.get(margin..).unwrap_or("").trim_end().to_owned());
        }
    }
    while out.first().is_some_and(|l| l.is_empty()) {
        out.remove(0);
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

fn indent(text: &str, by: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(by);
        out.push_str(line);
        out.push('\n');
    }
    out
}
