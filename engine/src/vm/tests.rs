//! Loop-level tests on hand-assembled code (the compiler's own tests run whole programs).

use super::host::Host;
use super::Vm;
use crate::bytecode::{CodeFlags, CodeObject, Constant, Instr, LocalKind, Location, Opcode};
use crate::runtime::types::dict::PyDict;
use crate::runtime::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

fn code(
    name: &str,
    argcount: u32,
    locals: &[&str],
    names: &[&str],
    consts: Vec<Constant>,
    ops: &[(Opcode, u32)],
) -> CodeObject {
    CodeObject {
        name: name.into(),
        qualname: name.into(),
        filename: "<test>".into(),
        first_line: 1,
        flags: CodeFlags(CodeFlags::OPTIMIZED | CodeFlags::NEWLOCALS),
        argcount,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        code: ops.iter().map(|&(op, arg)| Instr::new(op, arg)).collect(),
        consts,
        names: names.iter().map(|&n| n.into()).collect(),
        localsplus: locals.iter().map(|&n| n.into()).collect(),
        localsplus_kinds: vec![LocalKind::Local; locals.len()],
        locations: vec![Location::default(); ops.len()],
        exception_table: Vec::new(),
        stack_size: 8,
        docstring: None,
    }
}

/// `def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)` and `print(fib(N))`.
fn fib_program(n: i64) -> CodeObject {
    use Opcode::*;
    let fib = code(
        "fib",
        1,
        &["n"],
        &["fib"],
        vec![Constant::None, Constant::Int(2), Constant::Int(1)],
        &[
            (Resume, 0),
            (LoadFast, 0),
            (LoadConst, 1),
            (CompareOp, 0),
            (PopJumpIfFalse, 7),
            (LoadFast, 0),
            (ReturnValue, 0),
            (LoadGlobal, 1),
            (LoadFast, 0),
            (LoadConst, 2),
            (BinaryOp, 10),
            (Call, 1),
            (LoadGlobal, 1),
            (LoadFast, 0),
            (LoadConst, 1),
            (BinaryOp, 10),
            (Call, 1),
            (BinaryOp, 0),
            (ReturnValue, 0),
        ],
    );
    code(
        "<module>",
        0,
        &[],
        &["fib", "print"],
        vec![
            Constant::Code(Rc::new(fib)),
            Constant::Int(n),
            Constant::None,
        ],
        &[
            (Resume, 0),
            (LoadConst, 0),
            (MakeFunction, 0),
            (StoreName, 0),
            (PushNull, 0),
            (LoadName, 1),
            (PushNull, 0),
            (LoadName, 0),
            (LoadConst, 1),
            (Call, 1),
            (Call, 1),
            (PopTop, 0),
            (LoadConst, 2),
            (ReturnValue, 0),
        ],
    )
}

/// Output shared between the test and the VM's host.
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

fn run(code: CodeObject) -> (Result<Value, String>, String) {
    let out = SharedOut::default();
    let mut vm = Vm::new(Box::new(out.clone()));
    let code = vm.new_code(Rc::new(code));
    let globals = crate::runtime::gc::tracked(PyDict::new());
    let result = vm
        .run_module_code(code, globals)
        .map_err(|e| format!("{:?}", e.exc));
    let text = out.0.borrow().clone();
    (result, text)
}

#[test]
fn recursive_calls_run_in_one_loop() {
    let (result, out) = run(fib_program(20));
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(out, "6765\n");
}

#[test]
fn deep_recursion_raises_recursion_error() {
    let (result, _) = run(fib_program(5000));
    let err = result.expect_err("fib(5000) recurses past the limit");
    assert!(err.contains("RecursionError"), "{err}");
}
