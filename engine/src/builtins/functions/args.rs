//! Argument checking with CPython's messages. CPython's built-ins use three conventions, each
//! with its own wording, and the tests compare messages exactly:
//! - METH_O / METH_NOARGS: "len() takes exactly one argument (2 given)";
//! - `_PyArg_CheckPositional`: "getattr expected at least 2 arguments, got 1";
//! - Argument Clinic (`_PyArg_UnpackKeywords`): "pow() missing required argument 'exp' (pos 2)".

use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::types::native::Args;
use crate::runtime::value::Value;
use crate::vm::Vm;

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "f() takes no keyword arguments" when any keyword was passed.
pub fn no_keywords(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    if args.kwnames.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("{name}() takes no keyword arguments")))
    }
}

/// METH_O: exactly one positional argument, no keywords.
pub fn one<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    no_keywords(vm, args, name)?;
    match args.positional() {
        [v] => Ok(v),
        other => Err(vm.type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            other.len()
        ))),
    }
}

/// METH_NOARGS: no arguments at all.
pub fn none(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<()> {
    no_keywords(vm, args, name)?;
    match args.positional().len() {
        0 => Ok(()),
        n => Err(vm.type_error(format!("{name}() takes no arguments ({n} given)"))),
    }
}

/// `_PyArg_CheckPositional(name, nargs, min, max)` after a no-keywords check.
pub fn positional<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    no_keywords(vm, args, name)?;
    let values = args.positional();
    check_count(vm, name, values.len(), min, max)?;
    Ok(values)
}

/// The count check of `_PyArg_CheckPositional` alone.
pub fn check_count(vm: &mut Vm, name: &str, n: usize, min: usize, max: usize) -> PyResult<()> {
    if n < min {
        let message = if min == max {
            format!("{name} expected {min} argument{}, got {n}", plural(min))
        } else {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                plural(min)
            )
        };
        return Err(vm.type_error(message));
    }
    if n > max {
        let message = if min == max {
            format!("{name} expected {max} argument{}, got {n}", plural(max))
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                plural(max)
            )
        };
        return Err(vm.type_error(message));
    }
    Ok(())
}

/// An Argument Clinic signature: `names[..posonly]` are positional-only, the first `required`
/// are required, at most `maxpos` may be passed by position, and the rest are keyword-only.
pub struct ArgSpec {
    pub fname: &'static str,
    pub names: &'static [&'static str],
    pub posonly: usize,
    pub required: usize,
    pub maxpos: usize,
}

/// The arguments of a clinic-parsed call, one slot per name.
pub struct Parsed {
    pub slots: Vec<Option<Value>>,
}

impl Parsed {
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.slots.get(i).and_then(Option::as_ref)
    }

    /// Slot `i`, with an absent or `None` argument as `None`.
    pub fn given(&self, i: usize) -> Option<&Value> {
        self.get(i).filter(|v| !v.is_none())
    }
}

impl ArgSpec {
    /// `_PyArg_UnpackKeywords`: the same checks, in the same order, with the same messages.
    pub fn parse(&self, vm: &mut Vm, args: &Args<'_>) -> PyResult<Parsed> {
        let f = self.fname;
        let positional = args.positional();
        let nargs = positional.len();
        let nkw = args.kwnames.len();
        let maxargs = self.names.len();
        if nargs + nkw > maxargs {
            return Err(vm.type_error(format!(
                "{f}() takes at most {maxargs} {}argument{} ({} given)",
                if nargs == 0 { "keyword " } else { "" },
                plural(maxargs),
                nargs + nkw
            )));
        }
        if nargs > self.maxpos {
            return Err(vm.type_error(if self.maxpos == 0 {
                format!("{f}() takes no positional arguments")
            } else {
                format!(
                    "{f}() takes {} {} positional argument{} ({nargs} given)",
                    if self.required < self.maxpos {
                        "at most"
                    } else {
                        "exactly"
                    },
                    self.maxpos,
                    plural(self.maxpos)
                )
            }));
        }
        let min_posonly = self.required.min(self.posonly);
        if nargs < min_posonly {
            return Err(vm.type_error(format!(
                "{f}() takes {} {min_posonly} positional argument{} ({nargs} given)",
                if min_posonly < self.maxpos {
                    "at least"
                } else {
                    "exactly"
                },
                plural(min_posonly)
            )));
        }
        let mut slots: Vec<Option<Value>> = vec![None; maxargs];
        for (slot, v) in slots.iter_mut().zip(positional) {
            *slot = Some(v.clone());
        }
        let mut unused = nkw;
        let find = |name: &str| args.keywords().find(|(k, _)| *k == name).map(|(_, v)| v);
        let first_keyword = nargs.max(self.posonly);
        for (i, slot) in slots.iter_mut().enumerate().skip(first_keyword) {
            match find(self.names[i]) {
                Some(v) => {
                    *slot = Some(v.clone());
                    unused -= 1;
                }
                None if i < self.required => {
                    return Err(vm.type_error(format!(
                        "{f}() missing required argument '{}' (pos {})",
                        self.names[i],
                        i + 1
                    )));
                }
                None => {}
            }
        }
        if unused > 0 {
            for i in self.posonly..nargs {
                if find(self.names[i]).is_some() {
                    return Err(vm.type_error(format!(
                        "argument for {f}() given by name ('{}') and position ({})",
                        self.names[i],
                        i + 1
                    )));
                }
            }
            return Err(self.unexpected_keyword(vm, args));
        }
        Ok(Parsed { slots })
    }

    fn unexpected_keyword(&self, vm: &mut Vm, args: &Args<'_>) -> PyErr {
        let bad = args
            .keywords()
            .map(|(k, _)| k)
            .find(|k| !self.names[self.posonly..].contains(k))
            .unwrap_or("?");
        invalid_keyword(vm, bad, self.fname)
    }
}

/// "'x' is an invalid keyword argument for f()".
pub fn invalid_keyword(vm: &mut Vm, keyword: &str, fname: &str) -> PyErr {
    vm.type_error(format!(
        "'{keyword}' is an invalid keyword argument for {fname}()"
    ))
}

/// `PyArg_ParseTupleAndKeywords` with only keyword-only optional parameters (`min`, `max`,
/// `zip`, `print`): at most `names.len()` keywords, each one of `names`.
pub fn keyword_only<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    fname: &str,
    names: &[&str],
) -> PyResult<Vec<Option<&'a Value>>> {
    let n = args.kwnames.len();
    if n > names.len() {
        return Err(vm.type_error(format!(
            "{fname}() takes at most {} keyword argument{} ({n} given)",
            names.len(),
            plural(names.len())
        )));
    }
    let mut out = vec![None; names.len()];
    for (k, v) in args.keywords() {
        match names.iter().position(|n| *n == k) {
            Some(i) => out[i] = Some(v),
            None => return Err(invalid_keyword(vm, k, fname)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::types::str::PyStr;
    use crate::vm::host::CaptureHost;
    use std::rc::Rc;

    const POW: ArgSpec = ArgSpec {
        fname: "pow",
        names: &["base", "exp", "mod"],
        posonly: 0,
        required: 2,
        maxpos: 3,
    };

    /// The message of the TypeError parsing `values` (positional, then `kw` keywords) raises.
    fn error(spec: &ArgSpec, values: &[Value], kw: &[&str]) -> String {
        let mut vm = Vm::new(Box::new(CaptureHost::default()));
        let kwnames: Vec<Rc<PyStr>> = kw.iter().map(|k| Rc::new(PyStr::new(k))).collect();
        let args = Args {
            values,
            kwnames: &kwnames,
        };
        match spec.parse(&mut vm, &args) {
            Ok(_) => "ok".to_owned(),
            Err(e) => vm.exception_str(&e.exc),
        }
    }

    #[test]
    fn clinic_messages_match_cpython() {
        let (one, two) = (Value::Int(1), Value::Int(2));
        assert_eq!(
            error(&POW, &[], &[]),
            "pow() missing required argument 'base' (pos 1)"
        );
        assert_eq!(
            error(
                &POW,
                &[one.clone(), two.clone(), one.clone(), two.clone()],
                &[]
            ),
            "pow() takes at most 3 arguments (4 given)"
        );
        assert_eq!(
            error(&POW, &[one.clone(), two.clone(), one.clone()], &["base"]),
            "argument for pow() given by name ('base') and position (1)"
        );
        assert_eq!(
            error(&POW, &[one.clone(), two.clone(), one.clone()], &["foo"]),
            "'foo' is an invalid keyword argument for pow()"
        );
        assert_eq!(error(&POW, &[one.clone(), two.clone()], &["exp"]), "ok");
        let sum = ArgSpec {
            fname: "sum",
            names: &["iterable", "start"],
            posonly: 1,
            required: 1,
            maxpos: 2,
        };
        assert_eq!(
            error(&sum, std::slice::from_ref(&one), &["start"]),
            "sum() takes at least 1 positional argument (0 given)"
        );
        assert_eq!(
            error(&sum, std::slice::from_ref(&one), &["iterable"]),
            "sum() takes at least 1 positional argument (0 given)"
        );
        assert_eq!(error(&sum, &[one, two], &["start"]), "ok");
    }

    #[test]
    fn positional_count_messages() {
        let mut vm = Vm::new(Box::new(CaptureHost::default()));
        let cases = [
            (0, 2, 3, "getattr expected at least 2 arguments, got 0"),
            (4, 2, 3, "getattr expected at most 3 arguments, got 4"),
            (1, 2, 2, "getattr expected 2 arguments, got 1"),
            (0, 1, 1, "getattr expected 1 argument, got 0"),
        ];
        for (n, min, max, message) in cases {
            let e = check_count(&mut vm, "getattr", n, min, max).unwrap_err();
            assert_eq!(vm.exception_str(&e.exc), message);
        }
    }
}
