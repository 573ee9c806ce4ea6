//! Private name mangling (CPython's `_Py_Mangle`): inside class `C`, `__x` becomes `_C__x`.

use crate::syntax::ast::Name;

/// The mangled form of `name` inside a class named `class_name` (if any); `None` when the
/// name is left alone: no class, dunder names, dotted names, or a class named only `_`s.
pub fn mangle(class_name: Option<&str>, name: &str) -> Option<Name> {
    let class_name = class_name?;
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return None;
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return None;
    }
    let mut out = Name::with_capacity(1 + stripped.len() + name.len());
    out.push('_');
    out.push_str(stripped);
    out.push_str(name);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::mangle;

    #[test]
    fn mangles_like_cpython() {
        let cases: &[(Option<&str>, &str, &str)] = &[
            (Some("C"), "__x", "_C__x"),
            (Some("_C"), "__x", "_C__x"),
            (Some("__C"), "__x", "_C__x"),
            (Some("___"), "__x", "__x"),
            (Some("C"), "__x__", "__x__"),
            (Some("C"), "_x", "_x"),
            (Some("C"), "__a.b", "__a.b"),
            (None, "__x", "__x"),
            (Some("C"), "__", "__"),
        ];
        for &(class, name, want) in cases {
            let got = mangle(class, name).map_or_else(|| name.to_string(), |m| m.to_string());
            assert_eq!(got, want, "mangle({class:?}, {name:?})");
        }
    }
}
