//! What Adder provides without any source file: the builtins and the native modules, with
//! their kind and documentation, read once from a throwaway VM (so the editor knows exactly
//! what `adder run` will find).

use crate::runtime::types::dict::PyDict;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::vm::host::CaptureHost;
use crate::vm::Vm;
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberKind {
    Function,
    Class,
    Exception,
    Module,
    Constant,
}

/// A builtin or a module member.
#[derive(Clone, Debug)]
pub struct Member {
    pub name: String,
    pub kind: MemberKind,
    pub doc: Option<String>,
    /// The type of a constant (`float` for `math.pi`).
    pub type_name: Option<String>,
    /// A function's parameters as pydoc shows them: `(x, /)`.
    pub signature: Option<String>,
}

#[derive(Clone, Debug)]
pub struct NativeModule {
    pub name: String,
    pub members: Vec<Member>,
}

pub struct Catalog {
    pub builtins: Vec<Member>,
    pub builtin_names: HashSet<String>,
    pub modules: Vec<NativeModule>,
}

pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(build)
}

pub fn builtin_names() -> &'static HashSet<String> {
    &catalog().builtin_names
}

pub fn builtin(name: &str) -> Option<&'static Member> {
    catalog().builtins.iter().find(|m| m.name == name)
}

pub fn native_module(name: &str) -> Option<&'static NativeModule> {
    catalog().modules.iter().find(|m| m.name == name)
}

pub fn is_native_module(name: &str) -> bool {
    native_module(name).is_some()
}

fn build() -> Catalog {
    let mut vm = Vm::new(Box::new(CaptureHost::default()));
    let builtins_dict = vm.builtins.clone();
    let mut builtins = members(&mut vm, &builtins_dict);
    // Names the compiler resolves that are not in the builtins dict.
    for extra in ["__name__", "__doc__", "__file__", "__builtins__"] {
        if !builtins.iter().any(|m| m.name == extra) {
            builtins.push(Member {
                name: extra.to_owned(),
                kind: MemberKind::Constant,
                doc: None,
                type_name: Some("str".to_owned()),
                signature: None,
            });
        }
    }
    let mut modules = Vec::new();
    let entries: Vec<(Value, Value)> = vm
        .modules
        .entries()
        .iter()
        .map(|e| (e.key.clone(), e.value.clone()))
        .collect();
    for (key, value) in entries {
        let (Value::Str(name), Value::Object(o)) = (&key, &value) else {
            continue;
        };
        if let ObjKind::Module(m) = &o.kind {
            let dict = m.dict.clone();
            modules.push(NativeModule {
                name: name.as_str().to_owned(),
                members: members(&mut vm, &dict),
            });
        }
    }
    let builtin_names = builtins.iter().map(|m| m.name.clone()).collect();
    Catalog {
        builtins,
        builtin_names,
        modules,
    }
}

fn members(vm: &mut Vm, dict: &PyDict) -> Vec<Member> {
    let entries: Vec<(Value, Value)> = dict
        .entries()
        .iter()
        .filter(|e| !matches!(e.key, Value::Null))
        .map(|e| (e.key.clone(), e.value.clone()))
        .collect();
    let exception = vm.types.base_exception.clone();
    let doc_key = vm.interner.intern("__doc__");
    let mut out = Vec::new();
    for (key, value) in entries {
        let Value::Str(name) = &key else { continue };
        let name = name.as_str().to_owned();
        let class_doc = |c: &crate::runtime::types::class::PyClass| match c.dict.get_str(&doc_key) {
            Some(Value::Str(d)) => Some(crate::session::help::clean_doc(d.as_str())),
            _ => None,
        };
        let mut signature = None;
        let (kind, doc, type_name) = match &value {
            Value::Native(n) => {
                let mut doc = n.docstring().map(crate::session::help::clean_doc);
                signature = match n.text_signature() {
                    // One line, however CPython wrapped it.
                    Some(sig) => Some(
                        crate::session::help::native_signature(sig, false)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    // Documented the other way CPython's natives are: `name(params)` first.
                    None => match doc
                        .as_deref()
                        .and_then(|d| crate::session::help::signature_line(d, n.name))
                    {
                        Some((sig, rest)) => {
                            let sig = sig.to_owned();
                            doc = Some(rest.to_owned()).filter(|d| !d.is_empty());
                            Some(sig)
                        }
                        None => None,
                    },
                };
                (MemberKind::Function, doc, None)
            }
            Value::Function(_) => (MemberKind::Function, None, None),
            Value::Class(c) if c.is_subclass(&exception) => {
                (MemberKind::Exception, class_doc(c), None)
            }
            Value::Class(c) => (MemberKind::Class, class_doc(c), None),
            Value::Object(o) if matches!(o.kind, ObjKind::Module(_)) => {
                (MemberKind::Module, None, None)
            }
            other => (MemberKind::Constant, None, Some(vm.type_name(other))),
        };
        out.push(Member {
            name,
            kind,
            doc,
            type_name,
            signature,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}
