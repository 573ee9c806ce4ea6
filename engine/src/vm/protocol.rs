//! The object protocols the loop relies on — truth, equality, hashing, arithmetic, comparison,
//! length — as CPython's abstract.c and typeobject.c define them: inline fast paths for the
//! built-in scalar types first, then special methods looked up on the type (never on the
//! instance), with `NotImplemented` and the reflected-operand rules.

use super::Vm;
use crate::builtins::types::tuple::{list_compare, seq_compare};
use crate::bytecode::{BinaryOperator, Comparison};
use crate::runtime::error::{PyErr, PyResult};
use crate::runtime::numfmt::{self, NumError, NumErrorKind};
use crate::runtime::types::class::PyClass;
use crate::runtime::types::native::NativeKind;
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

impl Vm {
    /// A `NumError` from the number library as the Python exception it names.
    pub fn num_error(&mut self, e: NumError) -> PyErr {
        let class = match e.kind {
            NumErrorKind::ValueError => self.types.value_error.clone(),
            NumErrorKind::OverflowError => self.types.overflow_error.clone(),
            NumErrorKind::TypeError => self.types.type_error.clone(),
            NumErrorKind::ZeroDivisionError => self.types.zero_division_error.clone(),
            NumErrorKind::MemoryError => self.types.memory_error.clone(),
        };
        if e.kind == NumErrorKind::MemoryError {
            let exc = self.new_instance(&class, &[]);
            return PyErr { exc };
        }
        self.new_exception(&class, &e.message)
    }

    /// `type(v).name` through the MRO, unbound (`_PyType_Lookup`).
    #[inline]
    pub fn lookup_special(&self, v: &Value, name: &PyStr) -> Option<Value> {
        self.class_of(v).lookup(name)
    }

    /// Calls `found`, a special method found on the type of `receiver`, as a method of it.
    pub fn call_special_found(
        &mut self,
        found: &Value,
        receiver: &Value,
        args: &[Value],
    ) -> PyResult<Value> {
        match found {
            Value::Function(_) => self.call_with_receiver(found, receiver, args),
            Value::Native(n) if n.bound_self.is_none() && n.kind == NativeKind::Method => {
                self.call_with_receiver(found, receiver, args)
            }
            Value::Native(n) if n.kind == NativeKind::ClassMethod => {
                let class = Value::Class(self.class_of(receiver));
                let mut all = vec![class];
                all.extend_from_slice(args);
                self.call(found, &all)
            }
            Value::Native(_) => self.call(found, args),
            Value::Object(o) => match &o.kind {
                ObjKind::StaticMethod(f) => self.call(f, args),
                ObjKind::ClassMethod(f) => {
                    let mut all = vec![Value::Class(self.class_of(receiver))];
                    all.extend_from_slice(args);
                    self.call(f, &all)
                }
                _ => {
                    let class = self.class_of(receiver);
                    let bound = self.descr_get(found, receiver, &class)?;
                    self.call(&bound, args)
                }
            },
            _ => {
                let class = self.class_of(receiver);
                let bound = self.descr_get(found, receiver, &class)?;
                self.call(&bound, args)
            }
        }
    }

    /// `f(receiver, *args)`; the argument array is built on the Rust stack for the usual one to
    /// three arguments, so calling a special method allocates nothing.
    fn call_with_receiver(
        &mut self,
        f: &Value,
        receiver: &Value,
        args: &[Value],
    ) -> PyResult<Value> {
        match args {
            [] => self.call(f, std::slice::from_ref(receiver)),
            [a] => self.call(f, &[receiver.clone(), a.clone()]),
            [a, b] => self.call(f, &[receiver.clone(), a.clone(), b.clone()]),
            _ => {
                let all = crate::vm::call::prepended(receiver.clone(), args);
                self.call(f, &all)
            }
        }
    }

    /// `type(v).name(v, *args)` when the type defines `name` (and it is not `None`).
    pub fn call_special(
        &mut self,
        v: &Value,
        name: &PyStr,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        match self.lookup_special(v, name) {
            Some(found) if !found.is_none() => self.call_special_found(&found, v, args).map(Some),
            _ => Ok(None),
        }
    }

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => *b,
            Value::None | Value::Null => false,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::BigInt(_) => true,
            Value::Str(s) => !s.as_str().is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Function(_) | Value::Native(_) | Value::NotImplemented | Value::Ellipsis => true,
            Value::Class(c) if c.metaclass.borrow().is_none() => true,
            _ => return self.truthy_slow(v),
        })
    }

    /// `__bool__`, then `__len__`, then true (`PyObject_IsTrue`).
    fn truthy_slow(&mut self, v: &Value) -> PyResult<bool> {
        let class = self.class_of(v);
        if let Some(m) = class.lookup_rc(&self.names.bool_.clone()) {
            if !m.is_none() {
                let r = self.call_special_found(&m, v, &[])?;
                return match r {
                    Value::Bool(b) => Ok(b),
                    other => {
                        let t = self.type_name(&other);
                        Err(self.type_error(format!("__bool__ should return bool, returned {t}")))
                    }
                };
            }
        }
        if let Some(m) = class.lookup_rc(&self.names.len.clone()) {
            if !m.is_none() {
                let r = self.call_special_found(&m, v, &[])?;
                return Ok(self.len_result(r)? > 0);
            }
        }
        Ok(true)
    }

    /// `len(v)`.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        match v {
            Value::Str(s) => return Ok(s.char_len()),
            Value::List(l) => return Ok(l.len()),
            Value::Tuple(t) => return Ok(t.len()),
            Value::Dict(d) => return Ok(d.len()),
            // Exact sets only: a subclass instance is not a `Set` object and may override.
            Value::Object(o) => {
                if let ObjKind::Set(s) | ObjKind::FrozenSet(s) = &o.kind {
                    return Ok(s.len());
                }
            }
            _ => {}
        }
        let name = self.names.len.clone();
        match self.call_special(v, &name, &[])? {
            Some(r) => self.len_result(r),
            None => {
                let t = self.type_name(v);
                Err(self.type_error(format!("object of type '{t}' has no len()")))
            }
        }
    }

    /// Checks what `__len__` returned: an int (via `__index__`), non-negative, index-sized.
    fn len_result(&mut self, r: Value) -> PyResult<usize> {
        let n = self.index_value(&r)?;
        match n {
            Value::Int(i) if i >= 0 => Ok(i as usize),
            Value::BigInt(b) if !b.is_negative() => {
                let class = self.types.overflow_error.clone();
                Err(self.new_exception(&class, "cannot fit 'int' into an index-sized integer"))
            }
            _ => {
                let class = self.types.value_error.clone();
                Err(self.new_exception(&class, "__len__() should return >= 0"))
            }
        }
    }

    /// `operator.index(v)`: an int (`Int`/`BigInt`) from an int, bool or `__index__`.
    pub fn index_value(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
            Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
            _ => {
                let name = self.names.index.clone();
                match self.call_special(v, &name, &[])? {
                    Some(r @ (Value::Int(_) | Value::BigInt(_))) => Ok(r),
                    Some(Value::Bool(b)) => Ok(Value::Int(i64::from(b))),
                    Some(other) => {
                        let t = self.type_name(&other);
                        Err(self.type_error(format!("__index__ returned non-int (type {t})")))
                    }
                    None => {
                        let t = self.type_name(v);
                        Err(self.type_error(format!(
                            "'{t}' object cannot be interpreted as an integer"
                        )))
                    }
                }
            }
        }
    }

    pub fn hash_value(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::Int(i) => numfmt::i64_hash(*i),
            Value::Bool(b) => i64::from(*b),
            Value::BigInt(n) => numfmt::int_hash(n),
            Value::Float(f) => {
                let p = v.heap_ptr().unwrap_or(0);
                numfmt::float_hash(*f, || (p >> 4) as i64)
            }
            Value::Str(s) => s.hash(),
            Value::None => 0x5f3759df,
            Value::Tuple(t) => {
                // Items are hashed straight from the (immutable) tuple into the accumulator.
                let mut acc = TupleHash::new();
                for item in t.items() {
                    let h = if let Value::Tuple(_) = item {
                        // Nested tuples recurse on the Rust stack: bounded like any recursion.
                        self.enter_native_call("")?;
                        let h = self.hash_value(item);
                        self.leave_native_call();
                        h?
                    } else {
                        self.hash_value(item)?
                    };
                    acc.add(h);
                }
                acc.finish(t.len())
            }
            Value::List(_) | Value::Dict(_) => return Err(self.unhashable(v)),
            Value::Function(_) | Value::Native(_) => identity_hash(v),
            Value::Class(c) if c.metaclass.borrow().is_none() => identity_hash(v),
            _ => return self.hash_slow(v),
        })
    }

    fn unhashable(&mut self, v: &Value) -> PyErr {
        let name = self.type_name(v);
        self.type_error(format!("unhashable type: '{name}'"))
    }

    fn hash_slow(&mut self, v: &Value) -> PyResult<i64> {
        let name = self.names.hash.clone();
        match self.lookup_special(v, &name) {
            Some(Value::None) => Err(self.unhashable(v)),
            Some(m) if !self.is_object_default(&name, &m) => {
                let r = self.call_special_found(&m, v, &[])?;
                match r {
                    Value::Int(-1) => Ok(-2),
                    Value::Int(i) => Ok(i),
                    Value::Bool(b) => Ok(i64::from(b)),
                    Value::BigInt(n) => Ok(numfmt::int_hash(&n)),
                    _ => Err(self.type_error("__hash__ method should return an integer")),
                }
            }
            _ => Ok(identity_hash(v)),
        }
    }

    /// Whether `found` is `object`'s own implementation of `name` (so the default behaviour
    /// applies without a call).
    pub fn is_object_default(&self, name: &PyStr, found: &Value) -> bool {
        match self.types.object.dict.get_str(name) {
            Some(default) => default.is(found),
            None => false,
        }
    }

    pub fn values_equal(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(eq) = crate::runtime::types::dict::fast_key_eq(a, b) {
            return Ok(eq);
        }
        let r = self.compare(a, b, Comparison::Equal)?;
        self.truthy(&r)
    }

    /// `a op b` (`BINARY_OP`), including the in-place forms.
    pub fn binary_op(&mut self, lhs: &Value, rhs: &Value, op: BinaryOperator) -> PyResult<Value> {
        let plain = op.plain();
        if let Some(r) = self.binary_fast(lhs, rhs, plain, op.is_inplace()) {
            return r;
        }
        if op.is_inplace() {
            let name = self.names.binary(op).2.clone();
            if let Some(m) = self.lookup_special(lhs, &name) {
                if !m.is_none() {
                    let r = self.call_special_found(&m, lhs, std::slice::from_ref(rhs))?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
        }
        match self.binary_dispatch(lhs, rhs, plain)? {
            Some(v) => Ok(v),
            None => Err(self.unsupported_operands(lhs, rhs, op)),
        }
    }

    /// The rest of `lhs op rhs` once `lhs`'s own method returned `NotImplemented` and the
    /// right operand's type is not a subclass that went first: its reflected method, then
    /// the `TypeError`.
    pub(crate) fn binary_reflected(
        &mut self,
        lhs: &Value,
        rhs: &Value,
        op: BinaryOperator,
    ) -> PyResult<Value> {
        let rname = self.names.binary(op).1.clone();
        let (tl, tr) = (self.class_of(lhs), self.class_of(rhs));
        if !Rc::ptr_eq(&tl, &tr) {
            if let Some(w) = tr.lookup_rc(&rname).filter(|m| !m.is_none()) {
                let r = self.call_special_found(&w, rhs, std::slice::from_ref(lhs))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        Err(self.unsupported_operands(lhs, rhs, op))
    }

    fn unsupported_operands(&mut self, lhs: &Value, rhs: &Value, op: BinaryOperator) -> PyErr {
        let (l, r) = (self.type_name(lhs), self.type_name(rhs));
        let symbol = match op {
            BinaryOperator::Power => "** or pow()",
            other => other.symbol(),
        };
        self.type_error(format!(
            "unsupported operand type(s) for {symbol}: '{l}' and '{r}'"
        ))
    }

    /// `binary_op1`: `lhs.__op__(rhs)`, `rhs.__rop__(lhs)` (first when the right operand's type
    /// is a proper subclass overriding it); `None` when both return `NotImplemented`.
    pub fn binary_dispatch(
        &mut self,
        lhs: &Value,
        rhs: &Value,
        op: BinaryOperator,
    ) -> PyResult<Option<Value>> {
        let (name, rname, _) = self.names.binary(op);
        let (name, rname) = (name.clone(), rname.clone());
        let tl = self.class_of(lhs);
        let tr = self.class_of(rhs);
        let same = Rc::ptr_eq(&tl, &tr);
        let slotv = tl.lookup_rc(&name).filter(|m| !m.is_none());
        let mut slotw = if same {
            None
        } else {
            tr.lookup_rc(&rname).filter(|m| !m.is_none())
        };
        if let Some(v) = &slotv {
            if let Some(w) = &slotw {
                let overrides = tl.lookup_rc(&rname).is_none_or(|own| !own.is(w));
                if overrides && tr.is_subclass(&tl) {
                    let r = self.call_special_found(w, rhs, std::slice::from_ref(lhs))?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(Some(r));
                    }
                    slotw = None;
                }
            }
            let r = self.call_special_found(v, lhs, std::slice::from_ref(rhs))?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(Some(r));
            }
        }
        if let Some(w) = slotw {
            let r = self.call_special_found(&w, rhs, std::slice::from_ref(lhs))?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// Arithmetic on built-in numbers (and concatenation of built-in sequences) without any
    /// lookup; `None` means "not handled here".
    #[inline]
    fn binary_fast(
        &mut self,
        lhs: &Value,
        rhs: &Value,
        op: BinaryOperator,
        inplace: bool,
    ) -> Option<PyResult<Value>> {
        match (lhs, rhs) {
            (Value::Int(a), Value::Int(b)) => self.int_op(*a, *b, op),
            (Value::Float(a), Value::Float(b)) => self.float_op(*a, *b, op),
            (Value::Int(a), Value::Float(b)) => self.float_op(*a as f64, *b, op),
            (Value::Float(a), Value::Int(b)) => self.float_op(*a, *b as f64, op),
            // bool is an int subclass without arithmetic of its own (`&`, `|`, `^` of two
            // bools are bools: `bool`'s own methods, below).
            (Value::Int(a), Value::Bool(b)) => self.int_op(*a, i64::from(*b), op),
            (Value::Bool(a), Value::Int(b)) => self.int_op(i64::from(*a), *b, op),
            (Value::Bool(a), Value::Bool(b))
                if !matches!(
                    op,
                    BinaryOperator::And | BinaryOperator::Or | BinaryOperator::Xor
                ) =>
            {
                self.int_op(i64::from(*a), i64::from(*b), op)
            }
            (Value::Float(a), Value::Bool(b)) => self.float_op(*a, f64::from(u8::from(*b)), op),
            (Value::Bool(a), Value::Float(b)) => self.float_op(f64::from(u8::from(*a)), *b, op),
            (Value::BigInt(a), Value::Int(b)) => self.bigint_op(a, &BigInt::from(*b), op),
            (Value::Int(a), Value::BigInt(b)) => self.bigint_op(&BigInt::from(*a), b, op),
            (Value::BigInt(a), Value::BigInt(b)) => self.bigint_op(a, b, op),
            (Value::Str(a), Value::Str(b)) if op == BinaryOperator::Add => {
                let mut s = String::with_capacity(a.as_str().len() + b.as_str().len());
                s.push_str(a.as_str());
                s.push_str(b.as_str());
                Some(Ok(Value::Str(Rc::new(PyStr::from_string(s)))))
            }
            (Value::List(a), Value::List(b)) if op == BinaryOperator::Add && !inplace => {
                let (a, b) = (a.borrow(), b.borrow());
                let mut items = Vec::with_capacity(a.len() + b.len());
                items.extend_from_slice(&a);
                items.extend_from_slice(&b);
                Some(Ok(Value::list(items)))
            }
            (Value::List(a), Value::List(b)) if op == BinaryOperator::Add => {
                let extra = b.to_vec();
                a.borrow_mut().extend(extra);
                Some(Ok(lhs.clone()))
            }
            (Value::Tuple(a), Value::Tuple(b)) if op == BinaryOperator::Add => {
                let mut items = Vec::with_capacity(a.len() + b.len());
                items.extend_from_slice(a.items());
                items.extend_from_slice(b.items());
                Some(Ok(Value::tuple(items)))
            }
            _ => None,
        }
    }

    #[inline]
    fn int_op(&mut self, a: i64, b: i64, op: BinaryOperator) -> Option<PyResult<Value>> {
        use BinaryOperator as B;
        let fits = match op {
            B::Add => a.checked_add(b),
            B::Subtract => a.checked_sub(b),
            B::Multiply => a.checked_mul(b),
            B::And => Some(a & b),
            B::Or => Some(a | b),
            B::Xor => Some(a ^ b),
            B::FloorDivide | B::Remainder if b == 0 => {
                return Some(Err(self.zero_division(if op == B::FloorDivide {
                    "integer division or modulo by zero"
                } else {
                    "integer modulo by zero"
                })))
            }
            B::FloorDivide => floor_div(a, b),
            B::Remainder => floor_mod(a, b),
            B::TrueDivide => {
                if b == 0 {
                    return Some(Err(self.zero_division("division by zero")));
                }
                if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
                    return Some(Ok(Value::Float(a as f64 / b as f64)));
                }
                return Some(
                    numfmt::int_true_divide(&BigInt::from(a), &BigInt::from(b))
                        .map(Value::Float)
                        .map_err(|e| self.num_error(e)),
                );
            }
            B::Rshift if b >= 0 => Some(if b >= 64 { a >> 63 } else { a >> b }),
            B::Lshift if (0..64).contains(&b) => {
                let r = a.checked_shl(b as u32).filter(|r| r >> b == a);
                if r.is_none() {
                    return Some(Ok(Value::from_bigint(BigInt::from(a) << b as usize)));
                }
                r
            }
            B::Power if (0..=u32::MAX as i64).contains(&b) => match a.checked_pow(b as u32) {
                Some(r) => Some(r),
                None if b <= 1 << 20 => {
                    return Some(Ok(Value::from_bigint(num_traits::pow(
                        BigInt::from(a),
                        b as usize,
                    ))))
                }
                None => return None,
            },
            _ => return None,
        };
        match fits {
            Some(r) => Some(Ok(Value::Int(r))),
            None => self.bigint_op(&BigInt::from(a), &BigInt::from(b), op),
        }
    }

    fn bigint_op(&mut self, a: &BigInt, b: &BigInt, op: BinaryOperator) -> Option<PyResult<Value>> {
        use BinaryOperator as B;
        Some(Ok(Value::from_bigint(match op {
            B::Add => a + b,
            B::Subtract => a - b,
            B::Multiply => a * b,
            B::And => a & b,
            B::Or => a | b,
            B::Xor => a ^ b,
            B::FloorDivide | B::Remainder if b.is_zero() => {
                return Some(Err(self.zero_division(if op == B::FloorDivide {
                    "integer division or modulo by zero"
                } else {
                    "integer modulo by zero"
                })))
            }
            B::FloorDivide => match numfmt::small_quotient_divmod(a, b) {
                Some((q, _)) => q,
                None => a.div_floor(b),
            },
            B::Remainder => match numfmt::small_quotient_divmod(a, b) {
                Some((_, r)) => r,
                None => a.mod_floor(b),
            },
            B::TrueDivide => {
                if b.is_zero() {
                    return Some(Err(self.zero_division("division by zero")));
                }
                return Some(
                    numfmt::int_true_divide(a, b)
                        .map(Value::Float)
                        .map_err(|e| self.num_error(e)),
                );
            }
            _ => return None,
        })))
    }

    #[inline]
    fn float_op(&mut self, a: f64, b: f64, op: BinaryOperator) -> Option<PyResult<Value>> {
        use BinaryOperator as B;
        let r = match op {
            B::Add => Ok(a + b),
            B::Subtract => Ok(a - b),
            B::Multiply => Ok(a * b),
            B::TrueDivide => numfmt::float_div(a, b),
            B::FloorDivide => numfmt::float_floordiv(a, b),
            B::Remainder => numfmt::float_mod(a, b),
            B::Power => match numfmt::float_pow(a, b) {
                Ok(numfmt::FloatPow::Float(f)) => Ok(f),
                Ok(numfmt::FloatPow::NeedsComplex) => return None,
                Err(e) => Err(e),
            },
            _ => return None,
        };
        Some(r.map(Value::Float).map_err(|e| self.num_error(e)))
    }

    /// `a op b` (`COMPARE_OP`): the result of the rich comparison, not necessarily a bool.
    pub fn compare(&mut self, lhs: &Value, rhs: &Value, op: Comparison) -> PyResult<Value> {
        if let Some(ord) = fast_ordering(lhs, rhs) {
            return Ok(Value::Bool(ordering_satisfies(op, ord)));
        }
        // Exact tuples and lists compare element-wise here rather than through a lookup of
        // `tuple.__eq__` & co. (their types are immutable, so the answer is the same).
        let seq = match (lhs, rhs) {
            (Value::Tuple(a), Value::Tuple(b)) => Some((a.items(), b.items())),
            (Value::List(_), Value::List(_)) => None,
            _ => return self.rich_compare(lhs, rhs, op),
        };
        self.enter_native_call(" in comparison")?;
        let result = match (seq, lhs, rhs) {
            (Some((a, b)), _, _) => seq_compare(self, a, b, op),
            (None, Value::List(a), Value::List(b)) => list_compare(self, a, b, op),
            _ => self.rich_compare(lhs, rhs, op),
        };
        self.leave_native_call();
        result
    }

    /// `do_richcompare`: the reflected method first when the right operand's type is a proper
    /// subclass, then `lhs.__op__`, then the reflection; `==`/`!=` fall back to identity.
    fn rich_compare(&mut self, lhs: &Value, rhs: &Value, op: Comparison) -> PyResult<Value> {
        self.enter_native_call(" in comparison")?;
        let result = self.rich_compare_inner(lhs, rhs, op);
        self.leave_native_call();
        result
    }

    fn rich_compare_inner(&mut self, lhs: &Value, rhs: &Value, op: Comparison) -> PyResult<Value> {
        let tl = self.class_of(lhs);
        let tr = self.class_of(rhs);
        let mut checked_reverse = false;
        if !Rc::ptr_eq(&tl, &tr) && tr.is_subclass(&tl) {
            if let Some(r) = self.compare_slot(&tr, rhs, lhs, op.swapped())? {
                return Ok(r);
            }
            checked_reverse = true;
        }
        if let Some(r) = self.compare_slot(&tl, lhs, rhs, op)? {
            return Ok(r);
        }
        if !checked_reverse {
            if let Some(r) = self.compare_slot(&tr, rhs, lhs, op.swapped())? {
                return Ok(r);
            }
        }
        match op {
            Comparison::Equal => Ok(Value::Bool(lhs.is(rhs))),
            Comparison::NotEqual => Ok(Value::Bool(!lhs.is(rhs))),
            _ => {
                let (l, r) = (self.type_name(lhs), self.type_name(rhs));
                Err(self.type_error(format!(
                    "'{}' not supported between instances of '{l}' and '{r}'",
                    op.symbol()
                )))
            }
        }
    }

    /// `class.__op__(v, w)` unless absent or `NotImplemented`. A missing `__ne__` inverts
    /// `__eq__`, as `object.__ne__` does.
    fn compare_slot(
        &mut self,
        class: &Rc<PyClass>,
        v: &Value,
        w: &Value,
        op: Comparison,
    ) -> PyResult<Option<Value>> {
        let name = self.names.compare[op as usize].clone();
        match class.lookup_rc(&name) {
            Some(m) if !m.is_none() => {
                let r = self.call_special_found(&m, v, std::slice::from_ref(w))?;
                Ok((!matches!(r, Value::NotImplemented)).then_some(r))
            }
            None if op == Comparison::NotEqual => {
                match self.compare_slot(class, v, w, Comparison::Equal)? {
                    Some(r) => {
                        let t = self.truthy(&r)?;
                        Ok(Some(Value::Bool(!t)))
                    }
                    None => Ok(None),
                }
            }
            _ => Ok(None),
        }
    }

    pub fn negate(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(i) => Ok(match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_bigint(-BigInt::from(*i)),
            }),
            Value::BigInt(n) => Ok(Value::from_bigint(-(**n).clone())),
            Value::Float(f) => Ok(Value::Float(-f)),
            Value::Bool(b) => Ok(Value::Int(-i64::from(*b))),
            _ => {
                let name = self.names.neg.clone();
                self.unary_slow(v, &name, "-")
            }
        }
    }

    pub fn positive(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(_) | Value::BigInt(_) | Value::Float(_) => Ok(v.clone()),
            Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
            _ => {
                let name = self.names.pos.clone();
                self.unary_slow(v, &name, "+")
            }
        }
    }

    pub fn invert(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(i) => Ok(Value::Int(!i)),
            Value::BigInt(n) => Ok(Value::from_bigint(-(**n).clone() - 1)),
            Value::Bool(b) => Ok(Value::Int(!i64::from(*b))),
            _ => {
                let name = self.names.invert.clone();
                self.unary_slow(v, &name, "~")
            }
        }
    }

    fn unary_slow(&mut self, v: &Value, name: &PyStr, symbol: &str) -> PyResult<Value> {
        match self.call_special(v, name, &[])? {
            Some(r) => Ok(r),
            None => {
                let t = self.type_name(v);
                Err(self.type_error(format!("bad operand type for unary {symbol}: '{t}'")))
            }
        }
    }
}

/// The order of two built-in numbers or strings, exactly (ints against floats included);
/// `None` for everything else.
#[inline]
fn fast_ordering(lhs: &Value, rhs: &Value) -> Option<Option<Ordering>> {
    Some(match (lhs, rhs) {
        (Value::Int(a), Value::Int(b)) => Some(a.cmp(b)),
        (Value::Float(a), Value::Float(b)) => a.partial_cmp(b),
        (Value::Int(a), Value::Float(b)) => int_float_cmp(*a, *b),
        (Value::Float(a), Value::Int(b)) => int_float_cmp(*b, *a).map(Ordering::reverse),
        (Value::BigInt(a), Value::BigInt(b)) => Some(a.cmp(b)),
        (Value::BigInt(a), Value::Int(b)) => Some((**a).cmp(&BigInt::from(*b))),
        (Value::Int(a), Value::BigInt(b)) => Some(BigInt::from(*a).cmp(b)),
        (Value::Str(a), Value::Str(b)) => Some(a.as_str().cmp(b.as_str())),
        (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(b)),
        (Value::Bool(a), Value::Int(b)) => Some(i64::from(*a).cmp(b)),
        (Value::Int(a), Value::Bool(b)) => Some(a.cmp(&i64::from(*b))),
        _ => return None,
    })
}

/// `a <=> b` for an int and a float without rounding the int.
fn int_float_cmp(a: i64, b: f64) -> Option<Ordering> {
    if b.is_nan() {
        return None;
    }
    if a.unsigned_abs() < (1 << 53) {
        return (a as f64).partial_cmp(&b);
    }
    let floor = b.floor();
    if floor < -9.3e18 {
        return Some(Ordering::Greater);
    }
    if floor >= 9.3e18 {
        return Some(Ordering::Less);
    }
    match i128::from(a).cmp(&(floor as i128)) {
        Ordering::Equal if b > floor => Some(Ordering::Less),
        other => Some(other),
    }
}

fn ordering_satisfies(op: Comparison, ord: Option<Ordering>) -> bool {
    match (op, ord) {
        (_, None) => op == Comparison::NotEqual,
        (Comparison::Less, Some(o)) => o == Ordering::Less,
        (Comparison::LessEqual, Some(o)) => o != Ordering::Greater,
        (Comparison::Equal, Some(o)) => o == Ordering::Equal,
        (Comparison::NotEqual, Some(o)) => o != Ordering::Equal,
        (Comparison::Greater, Some(o)) => o == Ordering::Greater,
        (Comparison::GreaterEqual, Some(o)) => o != Ordering::Less,
    }
}

/// `object.__hash__`: derived from the address, as CPython's `_Py_HashPointer`.
pub fn identity_hash(v: &Value) -> i64 {
    let p = v.heap_ptr().unwrap_or(0) as u64;
    p.rotate_right(4) as i64
}

/// `a // b` rounding toward negative infinity; `None` on overflow (`i64::MIN // -1`).
fn floor_div(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    Some(if a % b != 0 && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    })
}

/// `a % b` with the sign of `b`; `None` on overflow.
fn floor_mod(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_rem(b)?;
    Some(if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    })
}

/// CPython 3.8+'s xxHash-based tuple hash.
pub fn hash_tuple(hashes: &[i64]) -> i64 {
    let mut acc = TupleHash::new();
    for &h in hashes {
        acc.add(h);
    }
    acc.finish(hashes.len())
}

/// The tuple hash's accumulator, fed one item hash at a time.
pub struct TupleHash(u64);

impl TupleHash {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;

    #[inline]
    pub fn new() -> TupleHash {
        TupleHash(Self::P5)
    }

    #[inline]
    pub fn add(&mut self, h: i64) {
        let acc = self.0.wrapping_add((h as u64).wrapping_mul(Self::P2));
        self.0 = acc.rotate_left(31).wrapping_mul(Self::P1);
    }

    #[inline]
    pub fn finish(self, len: usize) -> i64 {
        let acc = self.0.wrapping_add((len as u64) ^ (Self::P5 ^ 3_527_539));
        if acc == u64::MAX {
            return 1_546_275_796;
        }
        acc as i64
    }
}

impl Default for TupleHash {
    fn default() -> TupleHash {
        TupleHash::new()
    }
}

/// Converts a value that must be an `i64` (an index, a count) for error-free callers.
pub fn small_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::BigInt(b) => b.to_i64(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuple_hash_matches_cpython() {
        assert_eq!(hash_tuple(&[1, 2]), -3_550_055_125_485_641_917);
    }

    #[test]
    fn int_float_comparison_is_exact() {
        let big = (1i64 << 53) + 1;
        assert_eq!(
            int_float_cmp(big, (1u64 << 53) as f64),
            Some(Ordering::Greater)
        );
        assert_eq!(int_float_cmp(3, 3.5), Some(Ordering::Less));
        assert_eq!(int_float_cmp(3, f64::NAN), None);
        assert_eq!(int_float_cmp(i64::MAX, f64::INFINITY), Some(Ordering::Less));
    }
}
