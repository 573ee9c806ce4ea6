//! The built-in classes, created once per VM, and `class_of` for every value.

use crate::runtime::types::class::{next_version, Layout, PyClass};
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::shape::Shape;
use crate::runtime::value::Value;
use crate::runtime::Interner;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

macro_rules! builtin_types {
    ($( $field:ident: $name:literal, $layout:ident, [$($base:ident),*]; )*) => {
        pub struct Types {
            $(pub $field: Rc<PyClass>,)*
        }

        impl Types {
            pub fn new(interner: &mut Interner) -> Types {
                $( let $field = builtin_class(interner, $name, Layout::$layout, &[$(&$base),*]); )*
                Types { $($field,)* }
            }

            /// Every built-in class, for installing them in `builtins`.
            pub fn all(&self) -> Vec<&Rc<PyClass>> {
                vec![$(&self.$field,)*]
            }
        }
    };
}

builtin_types! {
    object: "object", Object, [];
    type_: "type", Type, [object];
    int: "int", Int, [object];
    bool: "bool", Bool, [int];
    float: "float", Float, [object];
    complex: "complex", Complex, [object];
    str: "str", Str, [object];
    bytes: "bytes", Bytes, [object];
    tuple: "tuple", Tuple, [object];
    list: "list", List, [object];
    dict: "dict", Dict, [object];
    set: "set", Set, [object];
    frozenset: "frozenset", FrozenSet, [object];
    none_type: "NoneType", NoneType, [object];
    not_implemented_type: "NotImplementedType", NotImplementedType, [object];
    ellipsis_type: "ellipsis", Ellipsis, [object];
    function: "function", Function, [object];
    builtin_function: "builtin_function_or_method", BuiltinFunction, [object];
    method: "method", Other, [object];
    module: "module", Module, [object];
    code: "code", Other, [object];
    cell: "cell", Other, [object];
    range: "range", Other, [object];
    slice: "slice", Other, [object];
    text_io: "TextIOWrapper", Other, [object];
    range_iterator: "range_iterator", Other, [object];
    list_iterator: "list_iterator", Other, [object];
    tuple_iterator: "tuple_iterator", Other, [object];
    str_ascii_iterator: "str_ascii_iterator", Other, [object];
    str_iterator: "str_iterator", Other, [object];
    bytes_iterator: "bytes_iterator", Other, [object];
    list_reverseiterator: "list_reverseiterator", Other, [object];
    set_iterator: "set_iterator", Other, [object];
    dict_keys: "dict_keys", Other, [object];
    dict_values: "dict_values", Other, [object];
    dict_items: "dict_items", Other, [object];
    dict_keyiterator: "dict_keyiterator", Other, [object];
    dict_valueiterator: "dict_valueiterator", Other, [object];
    dict_itemiterator: "dict_itemiterator", Other, [object];
    dict_reversekeyiterator: "dict_reversekeyiterator", Other, [object];
    dict_reversevalueiterator: "dict_reversevalueiterator", Other, [object];
    dict_reverseitemiterator: "dict_reverseitemiterator", Other, [object];
    property: "property", Other, [object];
    classmethod: "classmethod", Other, [object];
    staticmethod: "staticmethod", Other, [object];
    super_: "super", Other, [object];
    enumerate: "enumerate", Other, [object];
    zip: "zip", Other, [object];
    map: "map", Other, [object];
    filter: "filter", Other, [object];
    reversed: "reversed", Other, [object];
    callable_iterator: "callable_iterator", Other, [object];
    seq_iterator: "iterator", Other, [object];
    base_exception: "BaseException", Exception, [object];
    system_exit: "SystemExit", Exception, [base_exception];
    keyboard_interrupt: "KeyboardInterrupt", Exception, [base_exception];
    generator_exit: "GeneratorExit", Exception, [base_exception];
    exception: "Exception", Exception, [base_exception];
    stop_iteration: "StopIteration", Exception, [exception];
    arithmetic_error: "ArithmeticError", Exception, [exception];
    overflow_error: "OverflowError", Exception, [arithmetic_error];
    zero_division_error: "ZeroDivisionError", Exception, [arithmetic_error];
    assertion_error: "AssertionError", Exception, [exception];
    attribute_error: "AttributeError", Exception, [exception];
    lookup_error: "LookupError", Exception, [exception];
    index_error: "IndexError", Exception, [lookup_error];
    key_error: "KeyError", Exception, [lookup_error];
    name_error: "NameError", Exception, [exception];
    unbound_local_error: "UnboundLocalError", Exception, [name_error];
    runtime_error: "RuntimeError", Exception, [exception];
    recursion_error: "RecursionError", Exception, [runtime_error];
    not_implemented_error: "NotImplementedError", Exception, [runtime_error];
    type_error: "TypeError", Exception, [exception];
    value_error: "ValueError", Exception, [exception];
}

fn builtin_class(
    interner: &mut Interner,
    name: &str,
    layout: Layout,
    bases: &[&Rc<PyClass>],
) -> Rc<PyClass> {
    let name = interner.intern(name);
    // Built-in classes have single inheritance, so the MRO is the base's chain.
    let mro = bases
        .first()
        .map(|b| b.mro_with_self())
        .unwrap_or_default();
    Rc::new(PyClass {
        name: RefCell::new(name.clone()),
        qualname: RefCell::new(name),
        bases: RefCell::new(bases.iter().map(|b| (*b).clone()).collect()),
        mro: RefCell::new(mro),
        dict: Rc::new(PyDict::new()),
        version: Cell::new(next_version()),
        layout,
        builtin: true,
        subclasses: RefCell::new(Vec::new()),
        metaclass: RefCell::new(None),
        root_shape: Shape::root(),
        slots: None,
    })
}

impl Types {
    pub fn class_of(&self, value: &Value) -> Rc<PyClass> {
        match value {
            Value::Null | Value::None => self.none_type.clone(),
            Value::NotImplemented => self.not_implemented_type.clone(),
            Value::Ellipsis => self.ellipsis_type.clone(),
            Value::Bool(_) => self.bool.clone(),
            Value::Int(_) | Value::BigInt(_) => self.int.clone(),
            Value::Float(_) => self.float.clone(),
            Value::Str(_) => self.str.clone(),
            Value::Tuple(_) => self.tuple.clone(),
            Value::List(_) => self.list.clone(),
            Value::Dict(_) => self.dict.clone(),
            Value::Function(_) => self.function.clone(),
            Value::Native(_) => self.builtin_function.clone(),
            Value::Class(c) => c.metaclass.borrow().clone().unwrap_or_else(|| self.type_.clone()),
            Value::Instance(i) => i.class().clone(),
            Value::Object(o) => match &o.kind {
                ObjKind::Complex { .. } => self.complex.clone(),
                ObjKind::Bytes(_) => self.bytes.clone(),
                ObjKind::FrozenSetConst(_) => self.frozenset.clone(),
                ObjKind::Code(_) => self.code.clone(),
                ObjKind::Cell(_) => self.cell.clone(),
                ObjKind::Module(_) => self.module.clone(),
                ObjKind::BoundMethod { .. } => self.method.clone(),
                ObjKind::Range { .. } => self.range.clone(),
                ObjKind::Slice { .. } => self.slice.clone(),
                ObjKind::Set(_) => self.set.clone(),
                ObjKind::FrozenSet(_) => self.frozenset.clone(),
                ObjKind::RangeIter(_) => self.range_iterator.clone(),
                ObjKind::ListIter { .. } => self.list_iterator.clone(),
                ObjKind::TupleIter { .. } => self.tuple_iterator.clone(),
                ObjKind::TypeIter(it) => it.class(self),
                ObjKind::Property { .. } => self.property.clone(),
                ObjKind::ClassMethod(_) => self.classmethod.clone(),
                ObjKind::StaticMethod(_) => self.staticmethod.clone(),
                ObjKind::Super { .. } => self.super_.clone(),
                ObjKind::BuiltinIter(it) => it.class(self),
                ObjKind::HostStream(_) => self.text_io.clone(),
                ObjKind::Plain(c) => c.clone(),
            },
        }
    }
}
