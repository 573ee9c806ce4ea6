//! Running source text: compile, then execute on a VM. The façade the command line, the REPL
//! and the language server use, so all of them run code the same way.

use crate::compile::{compile_source, CompileError};
use crate::runtime::error::PyErr;
use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::value::Value;
use crate::syntax::Mode;
use crate::vm::Vm;
use std::rc::Rc;

/// Why running source text failed.
pub enum RunError {
    /// It did not compile: nothing ran.
    Compile(CompileError),
    /// It raised an exception that nothing caught.
    Exception(PyErr),
}

/// A fresh module namespace named `name` (`__main__` for the program being run).
pub fn new_module_globals(vm: &mut Vm, name: &str) -> Rc<PyDict> {
    let globals = crate::runtime::gc::tracked(PyDict::new());
    globals.set_str(vm.interner.intern("__name__"), Value::str(name));
    globals.set_str(vm.interner.intern("__doc__"), Value::None);
    globals.set_str(
        vm.interner.intern("__builtins__"),
        Value::Dict(vm.builtins.clone()),
    );
    globals
}

/// Compiles `source` as file `filename` for running: the code object the VM will execute
/// (and quicken), for callers that inspect it afterwards (`adder dis --adaptive`).
pub fn compile_for_run(vm: &mut Vm, source: &str, filename: &str) -> Result<Rc<PyCode>, RunError> {
    let code = compile_source(source, filename, Mode::Module).map_err(RunError::Compile)?;
    vm.sources.insert(filename.to_owned(), source.into());
    Ok(vm.new_code(code))
}

/// Compiles `source` as file `filename` and runs it in `globals`.
pub fn run_source(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    globals: Rc<PyDict>,
) -> Result<Value, RunError> {
    let code = compile_source(source, filename, Mode::Module).map_err(RunError::Compile)?;
    vm.sources.insert(filename.to_owned(), source.into());
    let code = vm.new_code(code);
    vm.run_module_code(code, globals)
        .map_err(RunError::Exception)
}

/// Interpreter exit for a program run in `globals`: the finalizers still owed run in the
/// order python3 shows (`__del__` of what the module still holds, generators still
/// suspended). Call after reporting an uncaught exception, as CPython does.
pub fn finalize_main(vm: &mut Vm, globals: &Rc<PyDict>) {
    vm.finalize_main(globals);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::host::Host;
    use std::cell::RefCell;

    #[derive(Clone, Default)]
    struct SharedOut(Rc<RefCell<String>>);

    impl Host for SharedOut {
        fn write_stdout(&mut self, text: &str) {
            self.0.borrow_mut().push_str(text);
        }
        fn write_stderr(&mut self, text: &str) {
            self.0.borrow_mut().push_str(text);
        }
        fn read_line(&mut self) -> Option<String> {
            None
        }
    }

    /// Runs `source`; returns stdout, then the uncaught exception's report if any.
    fn run(source: &str) -> String {
        let out = SharedOut::default();
        let mut vm = Vm::new(Box::new(out.clone()));
        let globals = new_module_globals(&mut vm, "__main__");
        let result = run_source(&mut vm, source, "t.py", globals);
        let mut text = out.0.borrow().clone();
        match result {
            Ok(_) => {}
            Err(RunError::Compile(e)) => text.push_str(&format!("compile error: {e:?}")),
            Err(RunError::Exception(e)) => text.push_str(&vm.format_exception(&e.exc)),
        }
        text
    }

    /// Runs `source` to the end, exit-time finalization included; stdout and stderr merged.
    fn run_to_exit(source: &str) -> String {
        let out = SharedOut::default();
        let mut vm = Vm::new(Box::new(out.clone()));
        let globals = new_module_globals(&mut vm, "__main__");
        if let Err(RunError::Exception(e)) = run_source(&mut vm, source, "t.py", globals.clone()) {
            let report = vm.format_exception(&e.exc);
            out.0.borrow_mut().push_str(&report);
        }
        finalize_main(&mut vm, &globals);
        let text = out.0.borrow().clone();
        text
    }

    #[test]
    fn an_exception_escaping_del_is_reported_and_ignored() {
        let src = "class A:\n    def __del__(self):\n        raise ValueError('boom')\na = A()\na = None\nprint('after')\n";
        let out = run_to_exit(src);
        let (head, tail) = out.split_once(" at 0x").unwrap_or_default();
        assert_eq!(head, "Exception ignored in: <function A.__del__", "{out}");
        let tail = tail.split_once(">\n").map_or("", |(_, t)| t);
        assert_eq!(
            tail,
            "Traceback (most recent call last):\n  File \"t.py\", line 3, in __del__\n    raise ValueError('boom')\nValueError: boom\nafter\n"
        );
    }

    #[test]
    fn finalizers_run_after_the_uncaught_traceback() {
        let src =
            "class A:\n    def __del__(self):\n        print('del')\na = A()\nraise KeyError(1)\n";
        let out = run_to_exit(src);
        assert!(
            out.starts_with("Traceback (most recent call last):\n"),
            "{out}"
        );
        assert!(out.ends_with("KeyError: 1\ndel\n"), "{out}");
    }

    #[test]
    fn a_generator_ignoring_generator_exit_is_reported() {
        let src = "def g():\n    try:\n        yield 1\n    finally:\n        yield 2\ns = g()\nnext(s)\ns = None\nprint('end')\n";
        let out = run_to_exit(src);
        assert!(
            out.starts_with("Exception ignored in: <generator object g at 0x"),
            "{out}"
        );
        assert!(
            out.ends_with("RuntimeError: generator ignored GeneratorExit\nend\n"),
            "{out}"
        );
    }

    #[test]
    fn arithmetic_and_print() {
        assert_eq!(
            run("print(1 + 2, 7 // 2, -7 % 3, 2 ** 10 if False else 3.5 * 2)"),
            "3 3 2 7.0\n"
        );
    }

    #[test]
    fn functions_with_defaults_and_keywords() {
        let src =
            "def f(a, b=10, *, c=1):\n    return a + b * c\nprint(f(1), f(1, 2), f(1, c=3))\n";
        assert_eq!(run(src), "11 3 31\n");
    }

    #[test]
    fn closures_and_nonlocal() {
        let src = "def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\nc = counter()\nc()\nprint(c())\n";
        assert_eq!(run(src), "2\n");
    }

    #[test]
    fn classes_methods_and_properties() {
        let src = "class P:\n    def __init__(self, x):\n        self.x = x\n    @property\n    def double(self):\n        return self.x * 2\n    def add(self, n):\n        return self.x + n\nclass Q(P):\n    def add(self, n):\n        return super().add(n) * 10\np = Q(4)\nprint(p.add(1), p.x)\n";
        assert_eq!(run(src), "50 4\n");
    }

    #[test]
    fn exceptions_are_caught_and_reported() {
        let src = "try:\n    1 / 0\nexcept ZeroDivisionError as e:\n    print('caught')\nfor i in range(3):\n    pass\nprint(i)\nx = undefined_name\n";
        assert_eq!(
            run(src),
            "caught\n2\nTraceback (most recent call last):\n  File \"t.py\", line 8, in <module>\n    x = undefined_name\n        ^^^^^^^^^^^^^^\nNameError: name 'undefined_name' is not defined\n"
        );
    }
}
