//! Why an instruction could not be specialized: the vocabulary of CPython's `SPEC_FAIL_*`
//! kinds, as sentences a user can act on. `adder run --stats`, `adder dis --adaptive`, the
//! REPL's `%dis` and the editor all show these texts.

use std::borrow::Cow;

pub enum Failure {
    /// The class (or a base) defines `__getattribute__`.
    OverriddenGetattribute,
    /// The class (or a base) defines `__setattr__`.
    OverriddenSetattr,
    /// A data descriptor other than a property or slot (user `__get__`+`__set__`).
    DataDescriptor,
    /// A property whose getter is not a Python function.
    BuiltinProperty,
    /// A property on a store (`__set__` of a property).
    PropertySetter,
    /// `LOAD_ATTR` found a method: binding it allocates (`LOAD_METHOD` handles calls).
    Method,
    /// `classmethod` or another non-data descriptor that binds.
    NonDataDescriptor,
    /// The class attribute is an instance of a Python class (or a class with a Python
    /// metaclass): that class may gain `__get__`/`__set__` later without the owner's version
    /// changing, so nothing cached about the attribute would stay true.
    MutableDescriptorType,
    /// A property on a class with `__getattr__`: a getter's `AttributeError` must fall back to
    /// it, which the property form does not do.
    ClassGetattr,
    /// The instance keeps its attributes in a dict (its `__dict__` was asked for, or it grew
    /// past the shape limit).
    InstanceDict,
    /// The instance has an attribute shadowing the class's method.
    ShadowedMethod,
    NotFound,
    /// Instances of subclasses of built-in types keep some attributes elsewhere.
    BuiltinSubclass,
    /// The class has a custom metaclass.
    Metaclass,
    /// Too many attributes for a shape.
    ShapeFull,
    /// The object kind has no specialization in this family.
    Owner(String),
    /// Operand types with no specialization (`BINARY_OP: int + float`).
    Operands(String),
    /// Keyword arguments at the call site.
    KeywordArguments,
    /// A Python function whose parameters need the general binder (`*args`, keyword-only, …).
    ComplexParameters,
    /// The argument count does not match the parameters.
    WrongArgCount,
    /// A class whose construction is not `object.__new__` + a Python `__init__`.
    ClassConstruction,
    /// Anything else, in words.
    Other(&'static str),
}

impl Failure {
    pub fn text(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Failure::OverriddenGetattribute => "class overrides __getattribute__",
            Failure::OverriddenSetattr => "class overrides __setattr__",
            Failure::DataDescriptor => "attribute is a data descriptor",
            Failure::BuiltinProperty => "property with a built-in getter",
            Failure::PropertySetter => "attribute is a property",
            Failure::Method => "attribute is a method (a bound method is created)",
            Failure::NonDataDescriptor => "attribute is a non-data descriptor",
            Failure::MutableDescriptorType => "class attribute is an instance of a Python class",
            Failure::ClassGetattr => "class defines __getattr__",
            Failure::InstanceDict => "instance attributes are in a dict",
            Failure::ShadowedMethod => "instance attribute shadows the method",
            Failure::NotFound => "attribute not found",
            Failure::BuiltinSubclass => "instance of a subclass of a built-in type",
            Failure::Metaclass => "class has a custom metaclass",
            Failure::ShapeFull => "too many attributes for a shape",
            Failure::Owner(t) => return Cow::Owned(format!("owner is '{t}'")),
            Failure::Operands(t) => return Cow::Owned(t.clone()),
            Failure::KeywordArguments => "keyword arguments",
            Failure::ComplexParameters => "callee has *args, **kwargs or keyword-only parameters",
            Failure::WrongArgCount => "argument count does not match the parameters",
            Failure::ClassConstruction => "class has a custom __new__ or a built-in __init__",
            Failure::Other(s) => s,
        })
    }
}
