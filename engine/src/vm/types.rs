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
    generator: "generator", Other, [object];
    traceback: "traceback", Other, [object];
    member_descriptor: "member_descriptor", Other, [object];
    base_exception: "BaseException", Exception, [object];
    base_exception_group: "BaseExceptionGroup", Exception, [base_exception];
    system_exit: "SystemExit", Exception, [base_exception];
    keyboard_interrupt: "KeyboardInterrupt", Exception, [base_exception];
    generator_exit: "GeneratorExit", Exception, [base_exception];
    exception: "Exception", Exception, [base_exception];
    exception_group: "ExceptionGroup", Exception, [base_exception_group, exception];
    stop_iteration: "StopIteration", Exception, [exception];
    stop_async_iteration: "StopAsyncIteration", Exception, [exception];
    arithmetic_error: "ArithmeticError", Exception, [exception];
    floating_point_error: "FloatingPointError", Exception, [arithmetic_error];
    overflow_error: "OverflowError", Exception, [arithmetic_error];
    zero_division_error: "ZeroDivisionError", Exception, [arithmetic_error];
    assertion_error: "AssertionError", Exception, [exception];
    attribute_error: "AttributeError", Exception, [exception];
    buffer_error: "BufferError", Exception, [exception];
    eof_error: "EOFError", Exception, [exception];
    import_error: "ImportError", Exception, [exception];
    module_not_found_error: "ModuleNotFoundError", Exception, [import_error];
    lookup_error: "LookupError", Exception, [exception];
    index_error: "IndexError", Exception, [lookup_error];
    key_error: "KeyError", Exception, [lookup_error];
    memory_error: "MemoryError", Exception, [exception];
    name_error: "NameError", Exception, [exception];
    unbound_local_error: "UnboundLocalError", Exception, [name_error];
    os_error: "OSError", Exception, [exception];
    blocking_io_error: "BlockingIOError", Exception, [os_error];
    child_process_error: "ChildProcessError", Exception, [os_error];
    connection_error: "ConnectionError", Exception, [os_error];
    broken_pipe_error: "BrokenPipeError", Exception, [connection_error];
    connection_aborted_error: "ConnectionAbortedError", Exception, [connection_error];
    connection_refused_error: "ConnectionRefusedError", Exception, [connection_error];
    connection_reset_error: "ConnectionResetError", Exception, [connection_error];
    file_exists_error: "FileExistsError", Exception, [os_error];
    file_not_found_error: "FileNotFoundError", Exception, [os_error];
    interrupted_error: "InterruptedError", Exception, [os_error];
    is_a_directory_error: "IsADirectoryError", Exception, [os_error];
    not_a_directory_error: "NotADirectoryError", Exception, [os_error];
    permission_error: "PermissionError", Exception, [os_error];
    process_lookup_error: "ProcessLookupError", Exception, [os_error];
    timeout_error: "TimeoutError", Exception, [os_error];
    reference_error: "ReferenceError", Exception, [exception];
    runtime_error: "RuntimeError", Exception, [exception];
    not_implemented_error: "NotImplementedError", Exception, [runtime_error];
    recursion_error: "RecursionError", Exception, [runtime_error];
    syntax_error: "SyntaxError", Exception, [exception];
    indentation_error: "IndentationError", Exception, [syntax_error];
    tab_error: "TabError", Exception, [indentation_error];
    system_error: "SystemError", Exception, [exception];
    type_error: "TypeError", Exception, [exception];
    value_error: "ValueError", Exception, [exception];
    unicode_error: "UnicodeError", Exception, [value_error];
    unicode_decode_error: "UnicodeDecodeError", Exception, [unicode_error];
    unicode_encode_error: "UnicodeEncodeError", Exception, [unicode_error];
    unicode_translate_error: "UnicodeTranslateError", Exception, [unicode_error];
    warning: "Warning", Exception, [exception];
    bytes_warning: "BytesWarning", Exception, [warning];
    deprecation_warning: "DeprecationWarning", Exception, [warning];
    encoding_warning: "EncodingWarning", Exception, [warning];
    future_warning: "FutureWarning", Exception, [warning];
    import_warning: "ImportWarning", Exception, [warning];
    pending_deprecation_warning: "PendingDeprecationWarning", Exception, [warning];
    resource_warning: "ResourceWarning", Exception, [warning];
    runtime_warning: "RuntimeWarning", Exception, [warning];
    syntax_warning: "SyntaxWarning", Exception, [warning];
    unicode_warning: "UnicodeWarning", Exception, [warning];
    user_warning: "UserWarning", Exception, [warning];
}

pub(crate) fn builtin_class(
    interner: &mut Interner,
    name: &str,
    layout: Layout,
    bases: &[&Rc<PyClass>],
) -> Rc<PyClass> {
    let name = interner.intern(name);
    // The bases' MROs in order, each class kept at its last occurrence: C3 for the built-in
    // hierarchy (single inheritance, and `ExceptionGroup(BaseExceptionGroup, Exception)`).
    let all: Vec<Rc<PyClass>> = bases.iter().flat_map(|b| b.mro_with_self()).collect();
    let mro = all
        .iter()
        .enumerate()
        .filter(|(i, c)| !all[i + 1..].iter().any(|later| Rc::ptr_eq(later, c)))
        .map(|(_, c)| c.clone())
        .collect();
    crate::runtime::gc::tracked(PyClass {
        name: RefCell::new(name.clone()),
        qualname: RefCell::new(name),
        bases: RefCell::new(bases.iter().map(|b| (*b).clone()).collect()),
        mro: RefCell::new(mro),
        dict: crate::runtime::gc::tracked(PyDict::new()),
        version: Cell::new(next_version()),
        layout,
        builtin: true,
        subclasses: RefCell::new(Vec::new()),
        metaclass: RefCell::new(None),
        root_shape: Shape::root(),
        attrs_hint: Cell::new(0),
        slots: None,
        hook_cache: Cell::new((0, 0)),
        del_cache: Cell::new((0, false)),
    })
}

impl Types {
    /// `class_of(value).version`, without the reference count round trip for the built-in
    /// types method loads meet most.
    #[inline(always)]
    pub fn class_version_of(&self, value: &Value) -> u32 {
        let class = match value {
            Value::Str(_) => &self.str,
            Value::List(_) => &self.list,
            Value::Dict(_) => &self.dict,
            Value::Tuple(_) => &self.tuple,
            Value::Int(_) => &self.int,
            Value::Float(_) => &self.float,
            Value::Object(o) => match &o.kind {
                ObjKind::Set(_) => &self.set,
                ObjKind::FrozenSet(_) => &self.frozenset,
                ObjKind::Bytes(_) => &self.bytes,
                _ => return self.class_of(value).version.get(),
            },
            _ => return self.class_of(value).version.get(),
        };
        class.version.get()
    }

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
            Value::Class(c) => c
                .metaclass
                .borrow()
                .clone()
                .unwrap_or_else(|| self.type_.clone()),
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
                ObjKind::Generator(_) => self.generator.clone(),
                ObjKind::SlotMember { .. } => self.member_descriptor.clone(),
                ObjKind::SeqIter { .. } => self.seq_iterator.clone(),
                ObjKind::Plain(c) => c.clone(),
                ObjKind::Native(n) => n.class.clone(),
            },
        }
    }
}
