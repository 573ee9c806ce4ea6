//! Tab completion over the live namespace: globals, builtins, keywords, and the attributes of
//! modules, classes and objects reached by a dotted name.
//!
//! Completion never runs user code: names are read from dicts (instance attributes, class
//! and module namespaces along the MRO), never through `__getattr__`, `__dir__`, properties
//! or other descriptors. A dotted prefix whose value cannot be reached that way completes
//! nothing.

use super::Session;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::instance::Attrs;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;

/// Python 3.11's `keyword.kwlist` and `keyword.softkwlist`.
pub const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "_", "case", "match",
];

/// Candidates for the word that ends at byte `pos` of `line`: where it starts, and the
/// sorted texts that may replace `line[start..pos]` (callables get a `(`, as rlcompleter
/// gives them).
pub fn complete(session: &Session, line: &str, pos: usize) -> (usize, Vec<String>) {
    let pos = pos.min(line.len());
    let before = line.get(..pos).unwrap_or("");
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
        .last()
        .map_or(pos, |(i, _)| i);
    let word = &before[word_start..];
    // Inside a string or after a digit (`1.`): nothing to complete.
    if word.starts_with(|c: char| c.is_ascii_digit()) || in_string(before) {
        return (pos, Vec::new());
    }
    let (start, mut found) = match word.rfind('.') {
        Some(dot) => {
            let base = &word[..dot];
            let partial = &word[dot + 1..];
            let Some(value) = resolve(session, base) else {
                return (pos, Vec::new());
            };
            (
                word_start + dot + 1,
                filter(attributes(session, &value), partial),
            )
        }
        None => {
            let mut names: Vec<(String, Value)> = dict_names(session.globals());
            names.extend(dict_names(&session.vm.builtins));
            let mut found = filter(names, word);
            found.extend(
                KEYWORDS
                    .iter()
                    .filter(|k| k.starts_with(word) && !word.is_empty())
                    .map(|k| match *k {
                        "True" | "False" | "None" | "_" => (*k).to_owned(),
                        k => format!("{k} "),
                    }),
            );
            (word_start, found)
        }
    };
    found.sort();
    found.dedup_by(|a, b| a.trim_end_matches(['(', ' ']) == b.trim_end_matches(['(', ' ']));
    (start, found)
}

/// Whether `text` ends inside an unterminated string literal on its last line.
fn in_string(text: &str) -> bool {
    let line = text.rsplit('\n').next().unwrap_or("");
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in line.chars() {
        match quote {
            Some(q) if !escaped && c == q => quote = None,
            Some(_) => escaped = !escaped && c == '\\',
            None if c == '#' => return false,
            None if c == '\'' || c == '"' => quote = Some(c),
            None => {}
        }
    }
    quote.is_some()
}

fn filter(names: Vec<(String, Value)>, partial: &str) -> Vec<String> {
    names
        .into_iter()
        .filter(|(n, _)| n.starts_with(partial))
        // Private names only when asked for (rlcompleter's rule for `_` and `__`).
        .filter(|(n, _)| partial.starts_with('_') || !n.starts_with('_'))
        .map(|(n, v)| if is_callable(&v) { format!("{n}(") } else { n })
        .collect()
}

fn is_callable(v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Native(_) | Value::Class(_) => true,
        Value::Object(o) => matches!(o.kind, ObjKind::BoundMethod { .. }),
        _ => false,
    }
}

fn dict_names(d: &PyDict) -> Vec<(String, Value)> {
    d.entries()
        .iter()
        .filter_map(|e| match &e.key {
            Value::Str(s) => Some((s.as_str().to_owned(), e.value.clone())),
            _ => None,
        })
        .collect()
}

/// The value of a dotted name, found through dicts only.
fn resolve(session: &Session, dotted: &str) -> Option<Value> {
    let mut parts = dotted.split('.');
    let first = parts.next()?;
    let mut value =
        lookup(session.globals(), first).or_else(|| lookup(&session.vm.builtins, first))?;
    for part in parts {
        value = static_attr(session, &value, part)?;
    }
    Some(value)
}

fn lookup(d: &PyDict, name: &str) -> Option<Value> {
    d.entries().iter().find_map(|e| match &e.key {
        Value::Str(s) if s.as_str() == name => Some(e.value.clone()),
        _ => None,
    })
}

/// `value.name` when a dict holds it: instance attributes, then the class's MRO; a function
/// found on a class is the attribute of the instance for completion's purposes.
fn static_attr(session: &Session, value: &Value, name: &str) -> Option<Value> {
    match value {
        Value::Object(o) => {
            if let ObjKind::Module(m) = &o.kind {
                return lookup(&m.dict, name);
            }
        }
        Value::Instance(i) => {
            let own = match &*i.attrs.borrow() {
                Attrs::Shaped { shape, values } => shape
                    .names
                    .iter()
                    .position(|n| n.as_str() == name)
                    .and_then(|k| values.get(k).cloned()),
                Attrs::Dict(d) => lookup(d, name),
            };
            if own.is_some() {
                return own;
            }
        }
        Value::Class(c) => {
            return c.mro_with_self().iter().find_map(|k| lookup(&k.dict, name));
        }
        _ => {}
    }
    let class = session.vm.class_of(value);
    let found = class
        .mro_with_self()
        .iter()
        .find_map(|k| lookup(&k.dict, name))?;
    // A descriptor would run code to produce the real attribute: stop there.
    match &found {
        Value::Instance(_) => None,
        Value::Object(o) if matches!(o.kind, ObjKind::Property { .. }) => None,
        _ => Some(found),
    }
}

/// Every attribute name of `value` reachable without running code.
fn attributes(session: &Session, value: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let classes = match value {
        Value::Object(o) if matches!(o.kind, ObjKind::Module(_)) => {
            if let ObjKind::Module(m) = &o.kind {
                out.extend(dict_names(&m.dict));
            }
            return out;
        }
        Value::Class(c) => c.mro_with_self(),
        Value::Instance(i) => {
            match &*i.attrs.borrow() {
                Attrs::Shaped { shape, values } => {
                    for (n, v) in shape.names.iter().zip(values.iter()) {
                        out.push((n.as_str().to_owned(), v.clone()));
                    }
                }
                Attrs::Dict(d) => out.extend(dict_names(d)),
            }
            session.vm.class_of(value).mro_with_self()
        }
        other => session.vm.class_of(other).mro_with_self(),
    };
    for class in classes {
        out.extend(dict_names(&class.dict));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::host::CaptureHost;

    fn session(src: &str) -> Session {
        let mut s = Session::new(Box::new(CaptureHost::default()));
        let out = s.run_file(src, "setup.py", false);
        assert_eq!(out.status, super::super::Status::Ok);
        s
    }

    #[test]
    fn globals_builtins_and_keywords() {
        let s = session("value = 1\ndef values(): pass\n");
        let (start, found) = complete(&s, "x = val", 7);
        assert_eq!(start, 4);
        assert_eq!(found, vec!["value", "values("]);
        let (_, found) = complete(&s, "pri", 3);
        assert_eq!(found, vec!["print("]);
        let (_, found) = complete(&s, "whi", 3);
        assert_eq!(found, vec!["while "]);
    }

    #[test]
    fn attributes_of_modules_classes_and_instances() {
        let s = session(
            "import math\nclass P:\n    kind = 'p'\n    def move(self): pass\n    @property\n    def boom(self): raise ValueError\np = P()\np.x_pos = 1\n",
        );
        assert_eq!(complete(&s, "math.sq", 7), (5, vec!["sqrt(".to_owned()]));
        let (start, found) = complete(&s, "p.", 2);
        assert_eq!(start, 2);
        assert_eq!(found, vec!["boom", "kind", "move(", "x_pos"]);
        // The property is listed but never evaluated: nothing past it completes.
        assert_eq!(complete(&s, "p.boom.", 7).1, Vec::<String>::new());
        assert!(complete(&s, "p.kind.up", 9)
            .1
            .contains(&"upper(".to_owned()));
    }

    #[test]
    fn never_calls_user_code() {
        let s = session(
            "calls = []\nclass G:\n    def __getattr__(self, n):\n        calls.append(n)\n        return 1\n    def __dir__(self):\n        calls.append('dir')\n        return []\ng = G()\n",
        );
        let _ = complete(&s, "g.", 2);
        let _ = complete(&s, "g.zz.", 5);
        let mut s = s;
        let v = s.eval("len(calls)").ok();
        assert!(matches!(v, Some(Value::Int(0))));
    }

    #[test]
    fn nothing_inside_strings() {
        let s = session("abc = 1\n");
        assert!(complete(&s, "print('ab", 9).1.is_empty());
    }
}
