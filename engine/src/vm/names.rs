//! The special-method names the protocols look up, interned once per VM so that a dunder
//! lookup hashes nothing new and compares interned strings by pointer.

use crate::bytecode::BinaryOperator;
use crate::runtime::types::str::PyStr;
use crate::runtime::Interner;
use std::rc::Rc;

macro_rules! names {
    ($( $field:ident: $text:literal, )*) => {
        pub struct Names {
            $(pub $field: Rc<PyStr>,)*
            /// `__add__` … `__xor__`, indexed by the plain `BinaryOperator`.
            pub binop: Vec<Rc<PyStr>>,
            /// `__radd__` … `__rxor__`.
            pub rbinop: Vec<Rc<PyStr>>,
            /// `__iadd__` … `__ixor__`.
            pub ibinop: Vec<Rc<PyStr>>,
            /// `__lt__` … `__ge__`, indexed by `Comparison`.
            pub compare: Vec<Rc<PyStr>>,
        }

        impl Names {
            pub fn new(interner: &mut Interner) -> Names {
                let ops = [
                    "add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow",
                    "rshift", "sub", "truediv", "xor",
                ];
                Names {
                    $($field: interner.intern($text),)*
                    binop: ops.iter().map(|o| interner.intern(&format!("__{o}__"))).collect(),
                    rbinop: ops.iter().map(|o| interner.intern(&format!("__r{o}__"))).collect(),
                    ibinop: ops.iter().map(|o| interner.intern(&format!("__i{o}__"))).collect(),
                    compare: ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"]
                        .iter()
                        .map(|n| interner.intern(n))
                        .collect(),
                }
            }
        }
    };
}

names! {
    abs: "__abs__",
    annotations: "__annotations__",
    bool_: "__bool__",
    build_class: "__build_class__",
    call: "__call__",
    cause: "__cause__",
    class: "__class__",
    class_getitem: "__class_getitem__",
    classcell: "__classcell__",
    contains: "__contains__",
    context: "__context__",
    del: "__del__",
    delattr: "__delattr__",
    delete: "__delete__",
    delitem: "__delitem__",
    dict: "__dict__",
    doc: "__doc__",
    enter: "__enter__",
    eq: "__eq__",
    exit: "__exit__",
    format: "__format__",
    get: "__get__",
    getattr: "__getattr__",
    getattribute: "__getattribute__",
    getitem: "__getitem__",
    hash: "__hash__",
    index: "__index__",
    init: "__init__",
    init_subclass: "__init_subclass__",
    instancecheck: "__instancecheck__",
    invert: "__invert__",
    iter: "__iter__",
    keys: "keys",
    len: "__len__",
    match_args: "__match_args__",
    module: "__module__",
    mro_entries: "__mro_entries__",
    name: "__name__",
    ne: "__ne__",
    neg: "__neg__",
    new: "__new__",
    next: "__next__",
    notes: "__notes__",
    pos: "__pos__",
    prepare: "__prepare__",
    qualname: "__qualname__",
    repr: "__repr__",
    set: "__set__",
    set_name: "__set_name__",
    setattr: "__setattr__",
    setitem: "__setitem__",
    slots: "__slots__",
    str: "__str__",
    subclasscheck: "__subclasscheck__",
    suppress_context: "__suppress_context__",
    traceback: "__traceback__",
    weakref: "__weakref__",
}

impl Names {
    /// The dunder of a binary operator: `(forward, reflected, in-place)`.
    pub fn binary(&self, op: BinaryOperator) -> (&Rc<PyStr>, &Rc<PyStr>, &Rc<PyStr>) {
        let i = op.plain() as usize;
        (&self.binop[i], &self.rbinop[i], &self.ibinop[i])
    }
}
