//! The specializers: one per family, each looking at the operands of one execution and
//! choosing the specialized form (and cache contents) that fits them, or the reason none does
//! (CPython's `Python/specialize.c`). Guards the forms rely on:
//!
//! - a class version tag (unique per class and state: any mutation of the class or a base
//!   bumps it), so "same class, same attribute lookup result" is one compare;
//! - a shape id (the instance's attribute layout), so an attribute is a fixed index;
//! - a dict keys version (unique per dict and key set), so a global is a fixed entry.

use super::failure::Failure;
use crate::bytecode::{BinaryOperator, Opcode};
use crate::runtime::types::class::{Layout, PyClass, HOOK_GETATTRIBUTE, HOOK_SETATTR, HOOK_SLOTS};
use crate::runtime::types::code::PyCode;
use crate::runtime::types::instance::{Attrs, Payload, PyInstance};
use crate::runtime::types::native::NativeKind;
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use crate::vm::interp::specialized::is_slice;
use crate::vm::Vm;
use std::rc::Rc;

/// How many classes a polymorphic `LOAD_METHOD_WITH_VALUES` / `LOAD_ATTR_NONDESCRIPTOR` site
/// serves (richards dispatches one call site over four task classes).
const POLY_ENTRIES: usize = 4;

/// Both operands as floats, when at least one is a float and the other a float or an int that
/// converts exactly (|i| <= 2**53).
#[inline]
pub(crate) fn float_operands(a: &Value, b: &Value) -> Option<(f64, f64)> {
    const EXACT: i64 = 1 << 53;
    match (a, b) {
        (Value::Float(x), Value::Float(y)) => Some((*x, *y)),
        (Value::Int(i), Value::Float(y)) if (-EXACT..=EXACT).contains(i) => Some((*i as f64, *y)),
        (Value::Float(x), Value::Int(j)) if (-EXACT..=EXACT).contains(j) => Some((*x, *j as f64)),
        _ => None,
    }
}

/// The forms `LOAD_ATTR` and `LOAD_METHOD` use for module and class owners (their caches are
/// filled the same way; only the stack effect differs).
struct NamespaceForms {
    module: Opcode,
    class: Opcode,
}

impl NamespaceForms {
    const ATTR: NamespaceForms = NamespaceForms {
        module: Opcode::LoadAttrModule,
        class: Opcode::LoadAttrClass,
    };
    const METHOD: NamespaceForms = NamespaceForms {
        module: Opcode::LoadMethodModule,
        class: Opcode::LoadMethodClass,
    };
}

/// A module or a class: owners whose attributes live in one namespace dict.
fn is_namespace(owner: &Value) -> bool {
    match owner {
        Value::Class(_) => true,
        Value::Object(o) => matches!(o.kind, ObjKind::Module(_)),
        _ => false,
    }
}

/// A module attribute's cache words: the module dict's keys version and the entry index.
fn module_entry(
    module: &crate::runtime::types::object::PyObject,
    name: &PyStr,
) -> Result<(u32, u32), Failure> {
    let ObjKind::Module(m) = &module.kind else {
        return Err(Failure::Other("not a module"));
    };
    let index = m.dict.index_of_str(name).ok_or(Failure::NotFound)?;
    match m.dict.keys_version_for_cache() {
        0 => Err(Failure::Other("out of dict versions")),
        version => Ok((version, index as u32)),
    }
}

/// How a name resolves on an instance's class, for attribute specializations.
enum ClassAttr {
    Missing,
    /// A Python function (a method).
    Function(Value),
    /// A native method descriptor (`list.append`).
    NativeMethod(Value),
    /// A property with a Python getter.
    Property(Value),
    Slot,
    /// Something a specialization can return as it is.
    Plain(Value),
    Unsupported(Failure),
}

impl Vm {
    fn classify_class_attr(&self, class: &Rc<PyClass>, name: &Rc<PyStr>) -> ClassAttr {
        if self.attr_hooks(class) & HOOK_SLOTS != 0 && super::super::attr::is_slot(class, name) {
            return ClassAttr::Slot;
        }
        let Some(found) = class.lookup_rc(name) else {
            return ClassAttr::Missing;
        };
        match &found {
            Value::Function(_) => ClassAttr::Function(found),
            Value::Native(n) if n.kind == NativeKind::Method && n.bound_self.is_none() => {
                ClassAttr::NativeMethod(found)
            }
            Value::Object(o) => match &o.kind {
                ObjKind::Property { fget, .. } => match fget {
                    Value::Function(f) if f.code.simple_params && f.code.code.argcount == 1 => {
                        ClassAttr::Property(fget.clone())
                    }
                    _ => ClassAttr::Unsupported(Failure::BuiltinProperty),
                },
                ObjKind::ClassMethod(_) | ObjKind::StaticMethod(_) => {
                    ClassAttr::Unsupported(Failure::NonDataDescriptor)
                }
                _ if self.is_data_descriptor(&found) => {
                    ClassAttr::Unsupported(Failure::DataDescriptor)
                }
                _ if self.lookup_special(&found, &self.names.get).is_some() => {
                    ClassAttr::Unsupported(Failure::NonDataDescriptor)
                }
                _ => ClassAttr::Plain(found),
            },
            Value::Instance(_) => {
                if self.is_data_descriptor(&found) {
                    ClassAttr::Unsupported(Failure::DataDescriptor)
                } else {
                    ClassAttr::Unsupported(Failure::MutableDescriptorType)
                }
            }
            Value::Class(k) if Self::has_python_metaclass(k) => {
                ClassAttr::Unsupported(Failure::MutableDescriptorType)
            }
            _ => ClassAttr::Plain(found),
        }
    }

    /// Whether `class`'s metaclass is a Python class (which may gain `__get__` at any time).
    fn has_python_metaclass(class: &PyClass) -> bool {
        class
            .metaclass
            .borrow()
            .as_ref()
            .is_some_and(|m| !m.builtin)
    }

    /// The instance's shape id and the index of `name` in it, when its attributes are shaped.
    fn shape_of(inst: &PyInstance, name: &PyStr) -> Option<(u32, Option<usize>)> {
        match &*inst.attrs.borrow() {
            Attrs::Shaped { shape, .. } => Some((shape.id, shape.index_of(name))),
            Attrs::Dict(_) => None,
        }
    }

    /// Checks shared by every instance attribute form.
    fn instance_preconditions(
        &self,
        inst: &PyInstance,
        hook: u8,
        name: &PyStr,
    ) -> Result<u32, Failure> {
        let class = inst.class();
        let version = class.version.get();
        if version == 0 {
            return Err(Failure::Other("class has no version tag"));
        }
        if self.attr_hooks(class) & hook != 0 {
            return Err(if hook == HOOK_SETATTR {
                Failure::OverriddenSetattr
            } else {
                Failure::OverriddenGetattribute
            });
        }
        match inst.payload {
            Payload::None => {}
            // An exception's own state (`args`, `__cause__`, …) is read and written through
            // the payload, by name; any other attribute lives in the instance as usual.
            Payload::Exception(_) if !crate::vm::exc_api::is_state_attr(name) => {}
            _ => return Err(Failure::BuiltinSubclass),
        }
        Ok(version)
    }

    pub(crate) fn specialize_load_global(
        &mut self,
        code: &PyCode,
        at: usize,
        fi: usize,
        name: &Rc<PyStr>,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        let globals = self.frames[fi].globals_rc();
        let builtins = self.frames[fi].builtins_rc();
        if let Some(i) = globals.index_of_str(name) {
            let v = globals.keys_version_for_cache();
            if v != 0 {
                return self.install(
                    code,
                    at,
                    Opcode::LoadGlobalModule,
                    v,
                    0,
                    i as u32,
                    Value::Null,
                );
            }
        } else if let Some(i) = builtins.index_of_str(name) {
            let g = globals.keys_version_for_cache();
            let b = builtins.keys_version_for_cache();
            if g != 0 && b != 0 {
                return self.install(
                    code,
                    at,
                    Opcode::LoadGlobalBuiltin,
                    g,
                    b,
                    i as u32,
                    Value::Null,
                );
            }
        } else {
            return self.fail(code, at, Failure::Other("name is not defined"));
        }
        self.fail(code, at, Failure::Other("out of dict versions"))
    }

    pub(crate) fn specialize_load_attr(
        &mut self,
        code: &PyCode,
        at: usize,
        owner: &Value,
        name: &Rc<PyStr>,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        let failure = match owner {
            Value::Instance(inst) => {
                match self.instance_preconditions(inst, HOOK_GETATTRIBUTE, name) {
                    Err(f) => f,
                    Ok(version) => {
                        let class = inst.class().clone();
                        let shape = Self::shape_of(inst, name);
                        match (self.classify_class_attr(&class, name), shape) {
                            (ClassAttr::Slot, _) => {
                                return self.install(
                                    code,
                                    at,
                                    Opcode::LoadAttrSlot,
                                    version,
                                    0,
                                    0,
                                    Value::Null,
                                )
                            }
                            (ClassAttr::Property(_), _)
                                if class.lookup(&self.names.getattr).is_some() =>
                            {
                                Failure::ClassGetattr
                            }
                            (ClassAttr::Property(fget), _) => {
                                return self.install(
                                    code,
                                    at,
                                    Opcode::LoadAttrProperty,
                                    version,
                                    0,
                                    0,
                                    fget,
                                )
                            }
                            (ClassAttr::Unsupported(f), _)
                                if !matches!(f, Failure::NonDataDescriptor) =>
                            {
                                f
                            }
                            (_, None) => Failure::InstanceDict,
                            (_, Some((shape, Some(index)))) => {
                                return self.install(
                                    code,
                                    at,
                                    Opcode::LoadAttrInstanceValue,
                                    version,
                                    shape,
                                    index as u32,
                                    Value::Null,
                                )
                            }
                            (ClassAttr::Plain(v), Some((_, None))) => {
                                return self.install(
                                    code,
                                    at,
                                    Opcode::LoadAttrNondescriptor,
                                    version,
                                    version,
                                    version,
                                    v,
                                )
                            }
                            (ClassAttr::Function(_) | ClassAttr::NativeMethod(_), _) => {
                                Failure::Method
                            }
                            (ClassAttr::Unsupported(f), _) => f,
                            (ClassAttr::Missing, _) => Failure::NotFound,
                        }
                    }
                }
            }
            _ if is_namespace(owner) => {
                match self.specialize_namespace(code, at, owner, name, NamespaceForms::ATTR) {
                    Ok(()) => return,
                    Err(f) => f,
                }
            }
            other => Failure::Owner(self.type_name(other)),
        };
        self.fail(code, at, failure)
    }

    /// `module.name` / `Class.name`: installs the namespace form, or says why not.
    fn specialize_namespace(
        &mut self,
        code: &PyCode,
        at: usize,
        owner: &Value,
        name: &Rc<PyStr>,
        forms: NamespaceForms,
    ) -> Result<(), Failure> {
        match owner {
            Value::Object(o) => {
                let (version, index) = module_entry(o, name)?;
                self.install(code, at, forms.module, version, 0, index, Value::Null);
            }
            Value::Class(class) => {
                let (version, v) = self.class_attr_for_cache(class, name)?;
                self.install(code, at, forms.class, version, 0, 0, v);
            }
            other => return Err(Failure::Owner(self.type_name(other))),
        }
        Ok(())
    }

    /// `Class.name` when the result is fixed while the class version holds: a plain value, a
    /// function, or a static method's function.
    fn class_attr_for_cache(
        &self,
        class: &Rc<PyClass>,
        name: &Rc<PyStr>,
    ) -> Result<(u32, Value), Failure> {
        if Self::has_python_metaclass(class) {
            return Err(Failure::Metaclass);
        }
        let version = class.version.get();
        if version == 0 {
            return Err(Failure::Other("class has no version tag"));
        }
        // Data descriptors of `type` itself (`__name__`, `__mro__`, …) come first and are
        // computed; its other attributes (`__init__`, `__call__`, …) only when the class has none.
        if let Some(meta) = self.types.type_.lookup_rc(name) {
            if self.is_data_descriptor(&meta) || class.lookup_rc(name).is_none() {
                return Err(Failure::Other("attribute of type"));
            }
        }
        match class.lookup_rc(name) {
            None => Err(Failure::NotFound),
            Some(v @ Value::Function(_)) => Ok((version, v)),
            Some(Value::Object(o)) => match &o.kind {
                ObjKind::StaticMethod(f) => Ok((version, f.clone())),
                ObjKind::ClassMethod(_) => Err(Failure::NonDataDescriptor),
                ObjKind::Property { .. } => Ok((version, Value::Object(o.clone()))),
                _ if self
                    .lookup_special(&Value::Object(o.clone()), &self.names.get)
                    .is_some() =>
                {
                    Err(Failure::NonDataDescriptor)
                }
                _ => Ok((version, Value::Object(o.clone()))),
            },
            Some(Value::Instance(_)) => Err(Failure::MutableDescriptorType),
            // A built-in class method (`dict.fromkeys`) binds the class when looked up: the
            // raw native is not what `Class.name` gives.
            Some(Value::Native(n)) if n.kind == NativeKind::ClassMethod => {
                Err(Failure::NonDataDescriptor)
            }
            Some(Value::Class(k)) if Self::has_python_metaclass(&k) => {
                Err(Failure::MutableDescriptorType)
            }
            Some(v) => Ok((version, v)),
        }
    }

    pub(crate) fn specialize_load_method(
        &mut self,
        code: &PyCode,
        at: usize,
        owner: &Value,
        name: &Rc<PyStr>,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        let failure = match owner {
            Value::Instance(inst) => {
                match self.instance_preconditions(inst, HOOK_GETATTRIBUTE, name) {
                    Err(f) => f,
                    Ok(version) => {
                        let class = inst.class().clone();
                        match (
                            self.classify_class_attr(&class, name),
                            Self::shape_of(inst, name),
                        ) {
                            (
                                ClassAttr::Function(m) | ClassAttr::NativeMethod(m),
                                Some((_, None)),
                            ) => {
                                return self.install(
                                    code,
                                    at,
                                    Opcode::LoadMethodWithValues,
                                    version,
                                    version,
                                    version,
                                    m,
                                )
                            }
                            (
                                ClassAttr::Function(_) | ClassAttr::NativeMethod(_),
                                Some((_, Some(_))),
                            ) => Failure::ShadowedMethod,
                            (ClassAttr::Function(_) | ClassAttr::NativeMethod(_), None) => {
                                Failure::InstanceDict
                            }
                            (ClassAttr::Missing, _) => Failure::NotFound,
                            (ClassAttr::Unsupported(f), _) => f,
                            (ClassAttr::Property(_), _) => Failure::PropertySetter,
                            _ => Failure::Other("attribute is not a method"),
                        }
                    }
                }
            }
            _ if is_namespace(owner) => {
                match self.specialize_namespace(code, at, owner, name, NamespaceForms::METHOD) {
                    Ok(()) => return,
                    Err(f) => f,
                }
            }
            Value::Object(o) if matches!(o.kind, ObjKind::Super { .. }) => {
                Failure::Owner("super".into())
            }
            other => {
                // Built-in objects have no instance attributes: the class alone decides.
                let class = self.class_of(other);
                match class.lookup_rc(name) {
                    Some(m @ Value::Native(_)) if matches!(&m, Value::Native(n) if n.kind == NativeKind::Method && n.bound_self.is_none()) =>
                    {
                        let version = class.version.get();
                        return self.install(code, at, Opcode::LoadMethodNoDict, version, 0, 0, m);
                    }
                    Some(_) => Failure::Other("attribute is not a method"),
                    None => Failure::Owner(self.type_name(other)),
                }
            }
        };
        self.fail(code, at, failure)
    }

    pub(crate) fn specialize_store_attr(
        &mut self,
        code: &PyCode,
        at: usize,
        owner: &Value,
        name: &Rc<PyStr>,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        let failure = match owner {
            Value::Instance(inst) => match self.instance_preconditions(inst, HOOK_SETATTR, name) {
                Err(f) => f,
                Ok(version) => {
                    let class = inst.class().clone();
                    match self.classify_class_attr(&class, name) {
                        ClassAttr::Slot => {
                            return self.install(
                                code,
                                at,
                                Opcode::StoreAttrSlot,
                                version,
                                0,
                                0,
                                Value::Null,
                            )
                        }
                        ClassAttr::Property(_) => Failure::PropertySetter,
                        ClassAttr::Unsupported(f) if !matches!(f, Failure::NonDataDescriptor) => f,
                        _ if !self.has_instance_dict(&class) => {
                            Failure::Other("class has __slots__ and no __dict__")
                        }
                        _ => match Self::shape_of(inst, name) {
                            None => Failure::InstanceDict,
                            Some((shape, Some(index))) => {
                                return self.install(
                                    code,
                                    at,
                                    Opcode::StoreAttrInstanceValue,
                                    version,
                                    shape,
                                    index as u32,
                                    Value::Null,
                                )
                            }
                            Some((shape, None)) => {
                                let len = match &*inst.attrs.borrow() {
                                    Attrs::Shaped { values, .. } => values.len(),
                                    Attrs::Dict(_) => usize::MAX,
                                };
                                if len >= crate::runtime::types::shape::MAX_SHAPE_ATTRS {
                                    Failure::ShapeFull
                                } else {
                                    // A new attribute: the store moves the instance to the
                                    // next shape (the index is the current length).
                                    return self.install(
                                        code,
                                        at,
                                        Opcode::StoreAttrInstanceValue,
                                        version,
                                        shape,
                                        len as u32,
                                        Value::Null,
                                    );
                                }
                            }
                        },
                    }
                }
            },
            other => Failure::Owner(self.type_name(other)),
        };
        self.fail(code, at, failure)
    }

    pub(crate) fn specialize_binary_op(
        &mut self,
        code: &PyCode,
        at: usize,
        lhs: &Value,
        rhs: &Value,
        arg: u32,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        use BinaryOperator as B;
        let op = BinaryOperator::from_arg(arg).unwrap_or(B::Add);
        let base = op.plain();
        // The arithmetic int forms also serve bools (`int_operands`), not bool with bool:
        // that site is about flags, not counting.
        let ints = matches!(
            (lhs, rhs),
            (Value::Int(_), Value::Int(_) | Value::Bool(_)) | (Value::Bool(_), Value::Int(_))
        );
        let form = match (lhs, rhs, base) {
            (_, _, B::Add) if ints => Some(Opcode::BinaryOpAddInt),
            (_, _, B::Subtract) if ints => Some(Opcode::BinaryOpSubtractInt),
            (_, _, B::Multiply) if ints => Some(Opcode::BinaryOpMultiplyInt),
            (_, _, B::FloorDivide) if ints => Some(Opcode::BinaryOpFloorDivideInt),
            (_, _, B::Remainder) if ints => Some(Opcode::BinaryOpRemainderInt),
            (Value::Int(_), Value::Int(_), B::And | B::Or | B::Xor | B::Lshift | B::Rshift) => {
                Some(Opcode::BinaryOpBitwiseInt)
            }
            // The float forms also take one exact int operand (`2 * x`): Python converts it
            // to float first, as `i64 as f64` does for ints within 2**53.
            (a, b, _) if float_operands(a, b).is_some() => match base {
                B::Add => Some(Opcode::BinaryOpAddFloat),
                B::Subtract => Some(Opcode::BinaryOpSubtractFloat),
                B::Multiply => Some(Opcode::BinaryOpMultiplyFloat),
                B::TrueDivide => Some(Opcode::BinaryOpTrueDivideFloat),
                B::Remainder => Some(Opcode::BinaryOpRemainderFloat),
                _ => None,
            },
            (Value::Str(_), Value::Str(_), B::Add) => Some(Opcode::BinaryOpAddUnicode),
            (Value::List(_), Value::List(_), B::Add) if op == B::Add => {
                Some(Opcode::BinaryOpAddList)
            }
            (Value::Tuple(_), Value::Tuple(_), B::Add) => Some(Opcode::BinaryOpAddTuple),
            (Value::Instance(inst), _, _) => match self.py_binary_method(inst, rhs, op) {
                Ok((version, func)) => {
                    return self.install(code, at, Opcode::BinaryOpPyMethod, version, 0, 0, func)
                }
                Err(reason) => return self.fail(code, at, Failure::Other(reason)),
            },
            _ => None,
        };
        match form {
            Some(form) => self.install(code, at, form, 0, 0, 0, Value::Null),
            None => {
                let text = format!(
                    "{} {} {}",
                    self.type_name(lhs),
                    op.symbol(),
                    self.type_name(rhs)
                );
                self.fail(code, at, Failure::Operands(text))
            }
        }
    }

    /// `BINARY_OP_PY_METHOD`'s conditions: the left operand's class (at this version) defines
    /// the operator as a plain Python function of two parameters, has no in-place variant
    /// for an in-place operator, and the right operand cannot take precedence (its type is
    /// the same class, or a built-in type, which no Python class can be a base of).
    fn py_binary_method(
        &self,
        inst: &crate::runtime::types::instance::PyInstance,
        rhs: &Value,
        op: crate::bytecode::BinaryOperator,
    ) -> Result<(u32, Value), &'static str> {
        let class = inst.class();
        if let Value::Instance(other) = rhs {
            if !Rc::ptr_eq(other.class(), class) {
                return Err("instances of two classes");
            }
        }
        let version = class.version.get();
        if version == 0 {
            return Err("out of class versions");
        }
        let (name, _, iname) = self.names.binary(op);
        if op.is_inplace() && class.lookup_rc(iname).is_some() {
            return Err("in-place operator method");
        }
        match class.lookup_rc(name) {
            Some(Value::Function(f)) if f.exact_argcount == 2 => Ok((version, Value::Function(f))),
            Some(Value::Function(_)) => Err("operator method takes other arguments"),
            Some(_) => Err("operator method is not a Python function"),
            None => Err("class does not define the operator"),
        }
    }

    pub(crate) fn specialize_compare_op(
        &mut self,
        code: &PyCode,
        at: usize,
        lhs: &Value,
        rhs: &Value,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        let form = match (lhs, rhs) {
            (Value::Int(_), Value::Int(_)) => Opcode::CompareOpInt,
            (Value::Float(_), Value::Float(_)) => Opcode::CompareOpFloat,
            (Value::Str(_), Value::Str(_)) => Opcode::CompareOpStr,
            _ => {
                let text = format!("{} vs {}", self.type_name(lhs), self.type_name(rhs));
                return self.fail(code, at, Failure::Operands(text));
            }
        };
        self.install(code, at, form, 0, 0, 0, Value::Null)
    }

    pub(crate) fn specialize_binary_subscr(
        &mut self,
        code: &PyCode,
        at: usize,
        container: &Value,
        key: &Value,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        let form = match (container, key) {
            (Value::List(_), Value::Int(_)) => Opcode::BinarySubscrListInt,
            (Value::Tuple(_), Value::Int(_)) => Opcode::BinarySubscrTupleInt,
            (Value::Str(_), Value::Int(_)) => Opcode::BinarySubscrStrInt,
            (Value::Dict(_), _) => Opcode::BinarySubscrDict,
            (Value::List(_) | Value::Tuple(_) | Value::Str(_), k) if is_slice(k) => {
                Opcode::BinarySubscrSlice
            }
            _ => {
                let text = format!("{}[{}]", self.type_name(container), self.type_name(key));
                return self.fail(code, at, Failure::Operands(text));
            }
        };
        self.install(code, at, form, 0, 0, 0, Value::Null)
    }

    pub(crate) fn specialize_store_subscr(
        &mut self,
        code: &PyCode,
        at: usize,
        container: &Value,
        key: &Value,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        let form = match (container, key) {
            (Value::List(_), Value::Int(_)) => Opcode::StoreSubscrListInt,
            (Value::Dict(_), _) => Opcode::StoreSubscrDict,
            (Value::List(_), k) if is_slice(k) => Opcode::StoreSubscrListSlice,
            _ => {
                let text = format!("{}[{}] = …", self.type_name(container), self.type_name(key));
                return self.fail(code, at, Failure::Operands(text));
            }
        };
        self.install(code, at, form, 0, 0, 0, Value::Null)
    }

    pub(crate) fn specialize_contains_op(&mut self, code: &PyCode, at: usize, container: &Value) {
        if !self.may_specialize(code, at) {
            return;
        }
        let form = match container {
            Value::Dict(_) => Opcode::ContainsOpDict,
            Value::Object(o) if matches!(o.kind, ObjKind::Set(_) | ObjKind::FrozenSet(_)) => {
                Opcode::ContainsOpSet
            }
            other => {
                let text = format!("in {}", self.type_name(other));
                return self.fail(code, at, Failure::Operands(text));
            }
        };
        self.install(code, at, form, 0, 0, 0, Value::Null)
    }

    pub(crate) fn specialize_unpack_sequence(
        &mut self,
        code: &PyCode,
        at: usize,
        seq: &Value,
        n: usize,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        let form = match seq {
            Value::Tuple(t) if t.len() == n && n == 2 => Opcode::UnpackSequenceTwoTuple,
            Value::Tuple(t) if t.len() == n => Opcode::UnpackSequenceTuple,
            Value::List(l) if l.len() == n => Opcode::UnpackSequenceList,
            Value::Tuple(_) | Value::List(_) => {
                return self.fail(code, at, Failure::Other("wrong number of items"))
            }
            other => {
                let text = format!("unpacking {}", self.type_name(other));
                return self.fail(code, at, Failure::Operands(text));
            }
        };
        self.install(code, at, form, 0, 0, 0, Value::Null)
    }

    pub(crate) fn specialize_for_iter(&mut self, code: &PyCode, at: usize, iter: &Value) {
        if !self.may_specialize(code, at) {
            return;
        }
        let form = match iter {
            Value::Object(o) => match &o.kind {
                ObjKind::RangeIter(_) => Some(Opcode::ForIterRange),
                ObjKind::ListIter { .. } => Some(Opcode::ForIterList),
                ObjKind::TupleIter { .. } => Some(Opcode::ForIterTuple),
                ObjKind::Generator(_) => Some(Opcode::ForIterGen),
                ObjKind::BuiltinIter(b) if b.subclass.is_none() => Some(Opcode::ForIterNative),
                ObjKind::TypeIter(_) => Some(Opcode::ForIterNative),
                _ => None,
            },
            _ => None,
        };
        match form {
            Some(form) => self.install(code, at, form, 0, 0, 0, Value::Null),
            None => {
                let text = format!("iterating {}", self.type_name(iter));
                self.fail(code, at, Failure::Operands(text))
            }
        }
    }

    /// `POP_JUMP_IF_FALSE` / `POP_JUMP_IF_TRUE`: the truth test by the operand's type.
    pub(crate) fn specialize_truth(&mut self, code: &PyCode, at: usize, v: &Value) {
        if !self.may_specialize(code, at) {
            return;
        }
        let if_true = code.instrs[at].get().opcode().base() == Opcode::PopJumpIfTrue;
        let form = match (v, if_true) {
            (Value::Bool(_), false) => Opcode::PopJumpIfFalseBool,
            (Value::Int(_), false) => Opcode::PopJumpIfFalseInt,
            (Value::None, false) => Opcode::PopJumpIfFalseNone,
            (Value::List(_), false) => Opcode::PopJumpIfFalseList,
            (Value::Str(_), false) => Opcode::PopJumpIfFalseStr,
            (Value::Bool(_), true) => Opcode::PopJumpIfTrueBool,
            (Value::Int(_), true) => Opcode::PopJumpIfTrueInt,
            (Value::None, true) => Opcode::PopJumpIfTrueNone,
            (Value::List(_), true) => Opcode::PopJumpIfTrueList,
            (Value::Str(_), true) => Opcode::PopJumpIfTrueStr,
            (other, _) => {
                let text = format!("truth of {}", self.type_name(other));
                return self.fail(code, at, Failure::Operands(text));
            }
        };
        self.install(code, at, form, 0, 0, 0, Value::Null)
    }

    /// `CALL` with `callable` and (for a method call) `receiver`, `nargs` arguments besides it.
    // The call site as the adaptive CALL reads it off the stack; a struct would only rename it.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn specialize_call(
        &mut self,
        code: &PyCode,
        at: usize,
        callable: &Value,
        method_call: bool,
        nargs: usize,
        has_kwnames: bool,
        receiver: &Value,
    ) {
        if !self.may_specialize(code, at) {
            return;
        }
        if has_kwnames {
            return self.fail(code, at, Failure::KeywordArguments);
        }
        let total = nargs + usize::from(method_call);
        let failure = match callable {
            Value::Function(f) => {
                let c = &f.code;
                let argcount = c.code.argcount as usize;
                let ndefaults = f.defaults.borrow().as_ref().map_or(0, |d| d.len());
                if !c.simple_params {
                    Failure::ComplexParameters
                } else if total == argcount {
                    let name = Value::Str(f.qualname.borrow().clone());
                    return self.install(code, at, Opcode::CallPyExactArgs, 0, 0, 0, name);
                } else if total < argcount && total + ndefaults >= argcount {
                    let name = Value::Str(f.qualname.borrow().clone());
                    return self.install(code, at, Opcode::CallPyWithDefaults, 0, 0, 0, name);
                } else {
                    Failure::WrongArgCount
                }
            }
            Value::Object(o) if !method_call => match &o.kind {
                ObjKind::BoundMethod {
                    func: Value::Function(f),
                    ..
                } => {
                    if f.code.simple_params && f.code.code.argcount as usize == nargs + 1 {
                        let name = Value::Str(f.qualname.borrow().clone());
                        return self.install(
                            code,
                            at,
                            Opcode::CallBoundMethodExactArgs,
                            0,
                            0,
                            0,
                            name,
                        );
                    }
                    Failure::WrongArgCount
                }
                _ => Failure::Owner(self.type_name(callable)),
            },
            Value::Native(n) => {
                let builtin = |name: &str| {
                    self.builtins
                        .get_str(&PyStr::new(name))
                        .filter(|b| b.is(callable))
                };
                if !method_call && n.bound_self.is_none() && nargs == 1 && builtin("len").is_some()
                {
                    return self.install(code, at, Opcode::CallLen, 0, 0, 0, callable.clone());
                }
                if !method_call
                    && n.bound_self.is_none()
                    && nargs == 2
                    && builtin("isinstance").is_some()
                {
                    return self.install(
                        code,
                        at,
                        Opcode::CallIsinstance,
                        0,
                        0,
                        0,
                        callable.clone(),
                    );
                }
                if method_call {
                    if n.kind != NativeKind::Method || n.bound_self.is_some() {
                        Failure::Other("native callable with a receiver")
                    } else if matches!(receiver, Value::Instance(_) | Value::Class(_)) {
                        Failure::BuiltinSubclass
                    } else {
                        let append = self.types.list.dict.get_str(&PyStr::new("append"));
                        if nargs == 1
                            && matches!(receiver, Value::List(_))
                            && append.is_some_and(|a| a.is(callable))
                        {
                            return self.install(
                                code,
                                at,
                                Opcode::CallListAppend,
                                0,
                                0,
                                0,
                                callable.clone(),
                            );
                        }
                        // `aux` names the set methods the call runs in place (see
                        // `families::set_method`).
                        let set_method = match n.qualname {
                            "set.add" => super::SET_ADD,
                            "set.remove" => super::SET_REMOVE,
                            "set.discard" => super::SET_DISCARD,
                            _ => 0,
                        };
                        return self.install(
                            code,
                            at,
                            Opcode::CallMethodDescriptorFast,
                            0,
                            set_method,
                            0,
                            callable.clone(),
                        );
                    }
                } else if nargs == 1 {
                    return self.install(code, at, Opcode::CallBuiltinO, 0, 0, 0, callable.clone());
                } else {
                    return self.install(
                        code,
                        at,
                        Opcode::CallBuiltinFast,
                        0,
                        0,
                        0,
                        callable.clone(),
                    );
                }
            }
            Value::Class(class) if !method_call => {
                if Rc::ptr_eq(class, &self.types.type_) && nargs == 1 {
                    return self.install(code, at, Opcode::CallType1, 0, 0, 0, callable.clone());
                }
                if class.builtin
                    && class.layout != Layout::Object
                    && class.layout != Layout::Exception
                {
                    return self.install(
                        code,
                        at,
                        Opcode::CallBuiltinClass,
                        0,
                        0,
                        0,
                        callable.clone(),
                    );
                }
                match self.plain_init(class, nargs) {
                    Ok(init) => {
                        let version = class.version.get();
                        return self.install(
                            code,
                            at,
                            Opcode::CallAllocAndEnterInit,
                            version,
                            0,
                            0,
                            init,
                        );
                    }
                    Err(f) => f,
                }
            }
            other => Failure::Owner(self.type_name(other)),
        };
        self.fail(code, at, failure)
    }

    /// The Python `__init__` of a class constructed by `object.__new__`, taking `nargs`.
    fn plain_init(&self, class: &Rc<PyClass>, nargs: usize) -> Result<Value, Failure> {
        if Self::has_python_metaclass(class) {
            return Err(Failure::Metaclass);
        }
        if class.version.get() == 0 || class.layout != Layout::Object {
            return Err(Failure::ClassConstruction);
        }
        let new_name = &self.names.new;
        if let Some(new) = class.lookup_rc(new_name) {
            if !self.is_object_default(new_name, &new) {
                return Err(Failure::ClassConstruction);
            }
        }
        if class.lookup(&PyStr::new("__abstractmethods__")).is_some() {
            return Err(Failure::Other("abstract class"));
        }
        match class.lookup_rc(&self.names.init) {
            Some(init @ Value::Function(_)) => {
                let Value::Function(f) = &init else {
                    unreachable!("matched")
                };
                if !f.code.simple_params {
                    Err(Failure::ComplexParameters)
                } else if f.code.code.argcount as usize != nargs + 1 {
                    Err(Failure::WrongArgCount)
                } else {
                    Ok(init)
                }
            }
            _ => Err(Failure::ClassConstruction),
        }
    }
}

impl Vm {
    /// `LOAD_METHOD_WITH_VALUES` / `LOAD_ATTR_NONDESCRIPTOR` met a class it has not seen: when
    /// that class resolves the name to the same cached object (a method of a common base
    /// called on several subclasses), remember its version too (three are kept) instead of
    /// missing.
    #[inline(never)]
    pub(crate) fn retarget(
        &self,
        code: &PyCode,
        at: usize,
        owner: &Value,
        name: &Rc<PyStr>,
    ) -> bool {
        let c = &code.caches[at];
        let Value::Instance(inst) = owner else {
            return false;
        };
        let no_instance_attr = match &*inst.attrs.borrow() {
            Attrs::Shaped { shape, .. } => !shape.may_have(name),
            Attrs::Dict(_) => false,
        };
        if !no_instance_attr {
            return false;
        }
        let Ok(version) = self.instance_preconditions(inst, HOOK_GETATTRIBUTE, name) else {
            return false;
        };
        let class = inst.class().clone();
        let found = match self.classify_class_attr(&class, name) {
            ClassAttr::Plain(v) | ClassAttr::Function(v) | ClassAttr::NativeMethod(v) => v,
            _ => return false,
        };
        let (v0, v1, v2) = (c.version.get(), c.aux.get(), c.index.get());
        let slot_free = v0 == v1 || v1 == v2 || v0 == v2;
        if !c.poly.get() && slot_free && c.value.with(|cached| cached.is(&found)) {
            c.index.set(c.aux.get());
            c.aux.set(c.version.get());
            c.version.set(version);
            return true;
        }
        // Classes resolving the name to different objects (an overridden method called
        // through a base class): keep (version, object) pairs, newest first.
        let mut pairs = vec![Value::Int(i64::from(version)), found];
        if c.poly.get() {
            c.value.with(|cached| {
                if let Value::Tuple(t) = cached {
                    pairs.extend(t.items().iter().cloned());
                }
            });
        } else {
            let cached = c.value.get();
            let mut seen = Vec::new();
            for v in [c.version.get(), c.aux.get(), c.index.get()] {
                if v != 0 && !seen.contains(&v) {
                    seen.push(v);
                    pairs.push(Value::Int(i64::from(v)));
                    pairs.push(cached.clone());
                }
            }
        }
        pairs.truncate(2 * POLY_ENTRIES);
        c.value.set(Value::tuple(pairs));
        c.poly.set(true);
        true
    }
}
