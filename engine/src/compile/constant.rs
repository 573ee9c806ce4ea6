//! Compile-time constants: conversion from AST literals, the identity key under which
//! `co_consts` entries are shared (CPython's `merge_consts_recursive`: `1`, `1.0`, `True`
//! and `-0.0` stay distinct), and truth values for folding constant conditions.

use crate::bytecode::Constant;
use crate::syntax::ast;
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};
use std::rc::Rc;

/// A hashable identity for a constant; code objects are never shared.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum ConstKey {
    None,
    Bool(bool),
    Ellipsis,
    Int(i64),
    BigInt(String),
    Float(u64),
    Complex(u64, u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Vec<ConstKey>),
    FrozenSet(Vec<ConstKey>),
    Code(usize),
}

pub(crate) fn key_of(c: &Constant) -> ConstKey {
    match c {
        Constant::None => ConstKey::None,
        Constant::Bool(b) => ConstKey::Bool(*b),
        Constant::Ellipsis => ConstKey::Ellipsis,
        Constant::Int(i) => ConstKey::Int(*i),
        Constant::BigInt(b) => ConstKey::BigInt(b.to_string()),
        Constant::Float(f) => ConstKey::Float(f.to_bits()),
        Constant::Complex { real, imag } => ConstKey::Complex(real.to_bits(), imag.to_bits()),
        Constant::Str(s) => ConstKey::Str(s.clone()),
        Constant::Bytes(b) => ConstKey::Bytes(b.clone()),
        Constant::Tuple(items) => ConstKey::Tuple(items.iter().map(key_of).collect()),
        Constant::FrozenSet(items) => ConstKey::FrozenSet(items.iter().map(key_of).collect()),
        Constant::Code(code) => ConstKey::Code(Rc::as_ptr(code) as usize),
    }
}

/// An integer constant in canonical form: `Int` when it fits in `i64`.
pub(crate) fn int_const(value: BigInt) -> Constant {
    match value.to_i64() {
        Some(i) => Constant::Int(i),
        None => Constant::BigInt(Rc::new(value)),
    }
}

pub(crate) fn from_ast(c: &ast::Constant) -> Constant {
    match c {
        ast::Constant::None => Constant::None,
        ast::Constant::Bool(b) => Constant::Bool(*b),
        ast::Constant::Ellipsis => Constant::Ellipsis,
        ast::Constant::Int(ast::Int::Small(i)) => Constant::Int(*i),
        ast::Constant::Int(ast::Int::Big(b)) => int_const((**b).clone()),
        ast::Constant::Float(f) => Constant::Float(*f),
        ast::Constant::Complex(imag) => Constant::Complex {
            real: 0.0,
            imag: *imag,
        },
        ast::Constant::Str(s) => Constant::Str(Rc::from(s.as_str())),
        ast::Constant::Bytes(b) => Constant::Bytes(Rc::from(b.as_slice())),
    }
}

/// `bool(c)`; `None` for code objects (never tested).
pub(crate) fn truth(c: &Constant) -> Option<bool> {
    Some(match c {
        Constant::None => false,
        Constant::Bool(b) => *b,
        Constant::Ellipsis => true,
        Constant::Int(i) => *i != 0,
        Constant::BigInt(b) => !b.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
        Constant::Code(_) => return None,
    })
}
