//! Fast paths of the specialized forms that need no frame transition: each checks its guards
//! and either does the work (`true` / `Some`) or leaves the stack untouched for the generic
//! path (`false` / `None`). The dispatch loop counts hits and misses around them.

use crate::bytecode::{BinaryOperator, Opcode};
use crate::runtime::types::class::{HOOKS_NOT_PLAIN_GET, HOOKS_NOT_PLAIN_SET};
use crate::runtime::types::instance::Attrs;
use crate::runtime::types::object::ObjKind;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::{raw, Value};
use crate::vm::quicken::cache::InlineCache;
use crate::vm::Vm;
use std::rc::Rc;

/// `a + b` for two tuples (`BINARY_OP_ADD_TUPLE`), two lists (`BINARY_OP_ADD_LIST`) or
/// two strs (`BINARY_OP_ADD_UNICODE`), built in one allocation of the final size; `None`
/// when the operands are not that pair.
#[inline]
pub(super) fn concat_sequences(form: Opcode, a: &Value, b: &Value) -> Option<Value> {
    fn joined(a: &[Value], b: &[Value]) -> Vec<Value> {
        let n = a.len() + b.len();
        let mut items: Vec<Value> = Vec::with_capacity(n);
        let dst = items.as_mut_ptr();
        // SAFETY: the `n` slots are reserved and each is written once, with a clone of
        // an item (which cannot fail), before the length covers them.
        unsafe {
            for (i, v) in a.iter().chain(b).enumerate() {
                crate::runtime::value::raw::clone_to(v, dst.add(i));
            }
            items.set_len(n);
        }
        items
    }
    match (form, a, b) {
        (Opcode::BinaryOpAddTuple, Value::Tuple(a), Value::Tuple(b)) => {
            Some(Value::tuple(joined(a.items(), b.items())))
        }
        (Opcode::BinaryOpAddList, Value::List(a), Value::List(b)) => {
            let items = joined(&a.borrow(), &b.borrow());
            Some(Value::list(items))
        }
        (Opcode::BinaryOpAddUnicode, Value::Str(a), Value::Str(b)) => {
            let mut out = String::with_capacity(a.as_str().len() + b.as_str().len());
            out.push_str(a.as_str());
            out.push_str(b.as_str());
            Some(Value::Str(Rc::new(PyStr::from_string(out))))
        }
        _ => None,
    }
}

/// Python's floor division and modulo for machine ints (`None` on a zero divisor or overflow).
#[inline]
fn floor_div(a: i64, b: i64) -> Option<i64> {
    if b == 0 || (a == i64::MIN && b == -1) {
        return None;
    }
    let q = a / b;
    Some(if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    })
}

#[inline]
fn floor_mod(a: i64, b: i64) -> Option<i64> {
    if b == 0 {
        return None;
    }
    if b == -1 {
        return Some(0);
    }
    let r = a % b;
    Some(if r != 0 && ((r < 0) != (b < 0)) {
        r + b
    } else {
        r
    })
}

/// The operands of an int form as machine ints: two ints, or — for the arithmetic forms,
/// where a bool acts as 0 or 1 and the result is an int (`acc + (k % 3 == 1)`) — ints and
/// bools. (`True & True` is a bool, so the bitwise form takes ints alone.)
#[inline(always)]
pub fn int_operands(form: Opcode, a: &Value, b: &Value) -> Option<(i64, i64)> {
    match (a, b) {
        (Value::Int(a), Value::Int(b)) => Some((*a, *b)),
        _ if form == Opcode::BinaryOpBitwiseInt => None,
        (Value::Int(a), Value::Bool(b)) => Some((*a, i64::from(*b))),
        (Value::Bool(a), Value::Int(b)) => Some((i64::from(*a), *b)),
        (Value::Bool(a), Value::Bool(b)) => Some((i64::from(*a), i64::from(*b))),
        _ => None,
    }
}

/// `a <op> b` for the int forms, chosen by the specialized opcode (the bitwise form reads the
/// operator from its argument); `None` sends the operation to the generic path (overflow to a
/// big int, division by zero, a negative shift count).
#[inline(always)]
pub fn int_op(form: Opcode, arg: u32, a: i64, b: i64) -> Option<i64> {
    match form {
        Opcode::BinaryOpAddInt => a.checked_add(b),
        Opcode::BinaryOpSubtractInt => a.checked_sub(b),
        Opcode::BinaryOpMultiplyInt => a.checked_mul(b),
        Opcode::BinaryOpFloorDivideInt => floor_div(a, b),
        Opcode::BinaryOpRemainderInt => floor_mod(a, b),
        _ => bitwise_op(BinaryOperator::from_arg(arg)?, a, b),
    }
}

#[inline]
fn bitwise_op(op: BinaryOperator, a: i64, b: i64) -> Option<i64> {
    use BinaryOperator as B;
    match op.plain() {
        B::And => Some(a & b),
        B::Or => Some(a | b),
        B::Xor => Some(a ^ b),
        B::Lshift => {
            if !(0..64).contains(&b) {
                return None;
            }
            let r = a.checked_shl(b as u32)?;
            (r >> b == a).then_some(r)
        }
        B::Rshift => {
            if b < 0 {
                None
            } else {
                Some(a >> b.min(63))
            }
        }
        _ => None,
    }
}

#[inline(always)]
pub fn float_op(form: Opcode, a: f64, b: f64) -> Option<f64> {
    match form {
        Opcode::BinaryOpAddFloat => Some(a + b),
        Opcode::BinaryOpSubtractFloat => Some(a - b),
        Opcode::BinaryOpMultiplyFloat => Some(a * b),
        Opcode::BinaryOpTrueDivideFloat if b != 0.0 => Some(a / b),
        Opcode::BinaryOpRemainderFloat if b != 0.0 => Some(float_mod(a, b)),
        _ => None,
    }
}

/// Python's `a % b` for floats (`b != 0`): the result takes the divisor's sign, and a zero
/// result is signed like it (CPython's `float_rem`).
#[inline]
fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    }
}

/// Whether `v` is a slice object (the slice forms' key guard).
#[inline(always)]
pub(crate) fn is_slice(v: &Value) -> bool {
    matches!(v, Value::Object(o) if matches!(o.kind, ObjKind::Slice { .. }))
}

/// The operands a slice form takes: a list, tuple or str (or, storing, a list) and a slice.
#[inline(always)]
pub(crate) fn slice_operands(form: Opcode, container: &Value, key: &Value) -> bool {
    is_slice(key)
        && match form {
            Opcode::BinarySubscrSlice => {
                matches!(container, Value::List(_) | Value::Tuple(_) | Value::Str(_))
            }
            _ => matches!(container, Value::List(_)),
        }
}

/// `seq[start:stop]` of a list or tuple with int or absent bounds and no step, made without
/// the generic slice protocol; `None` for anything else. Bounds clamp as CPython's
/// `PySlice_AdjustIndices` does for a step of 1.
#[inline]
pub(crate) fn slice_step1(container: &Value, key: &Value) -> Option<Value> {
    let Value::Object(o) = key else {
        return None;
    };
    let ObjKind::Slice { start, stop, step } = &o.kind else {
        return None;
    };
    if !step.is_none() {
        return slice_stepped(container, key);
    }
    slice_bounds(container, start, stop)
}

/// `container[start:stop]` given the bounds (`slice_step1`'s work, and `BUILD_SLICE` fused
/// with the subscript after it).
#[inline]
pub(crate) fn slice_bounds(container: &Value, start: &Value, stop: &Value) -> Option<Value> {
    let bound = |v: &Value, len: usize, absent: usize| -> Option<usize> {
        match v {
            Value::None => Some(absent),
            Value::Int(i) if *i < 0 => Some((*i + len as i64).max(0) as usize),
            Value::Int(i) => Some((*i as u64).min(len as u64) as usize),
            _ => None,
        }
    };
    match container {
        Value::List(l) => {
            let items = l.borrow();
            let n = items.len();
            let (a, b) = (bound(start, n, 0)?, bound(stop, n, n)?);
            Some(Value::list(items[a..b.max(a)].to_vec()))
        }
        Value::Tuple(t) => {
            let items = t.items();
            let n = items.len();
            let (a, b) = (bound(start, n, 0)?, bound(stop, n, n)?);
            if a == 0 && b == n {
                // An exact tuple's whole slice is itself, as in CPython.
                return Some(container.clone());
            }
            Some(Value::tuple(items[a..b.max(a)].to_vec()))
        }
        _ => None,
    }
}

/// `seq[start:stop:step]` of a list or tuple with an int step (`seq[::-1]`): the items
/// picked by the slice's `indices`, without the generic protocol.
fn slice_stepped(container: &Value, key: &Value) -> Option<Value> {
    fn pick(items: &[Value], key: &Value) -> Option<Vec<Value>> {
        let (start, _, step, n) = crate::builtins::types::slice::fast_indices(key, items.len())?;
        let mut out = Vec::with_capacity(n);
        let mut i = start;
        for _ in 0..n {
            out.push(items[i as usize].clone());
            i += step;
        }
        Some(out)
    }
    match container {
        Value::List(l) => Some(Value::list(pick(&l.borrow(), key)?)),
        Value::Tuple(t) => Some(Value::tuple(pick(t.items(), key)?)),
        _ => None,
    }
}

/// `BINARY_OP_PY_METHOD`'s guard: the left operand is an instance of the cached class
/// version and the right one is not an instance of another class. The function to call.
#[inline]
pub(crate) fn py_binary_method(c: &InlineCache, lhs: &Value, rhs: &Value) -> Option<Value> {
    let Value::Instance(a) = lhs else {
        return None;
    };
    if a.class().version.get() != c.version.get() {
        return None;
    }
    if let Value::Instance(b) = rhs {
        if !Rc::ptr_eq(a.class(), b.class()) {
            return None;
        }
    }
    c.value
        .with(|f| matches!(f, Value::Function(_)).then(|| f.clone()))
}

/// Index `i` (possibly negative) into a sequence of length `len`.
#[inline]
pub fn seq_index(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

impl Vm {
    /// Pops the top two stack items, which hold no heap reference (ints, floats).
    #[inline(always)]
    pub(super) fn pop2_unboxed(&mut self) {
        let len = self.stack.len();
        assert!(len >= 2);
        debug_assert!(self.stack[len - 2..]
            .iter()
            .all(|x| matches!(x, Value::Int(_) | Value::Float(_) | Value::Bool(_))));
        // SAFETY: `len >= 2`; the two items own nothing, so forgetting them leaks nothing.
        unsafe { self.stack.set_len(len - 2) };
    }

    /// `LOAD_ATTR_NONDESCRIPTOR` / `LOAD_METHOD_WITH_VALUES`'s guard and lookup: the instance
    /// has no attribute of that name, and its class is one the site has seen — one of up to
    /// three class versions resolving the name to the one cached object, or (polymorphic) a
    /// version in the cached (version, object) pairs. Where the object lives (in the cache,
    /// valid until the cache changes), or `None` when the guard fails.
    #[inline(always)]
    pub(crate) fn class_attr_lookup(
        owner: &Value,
        c: &InlineCache,
        name: &PyStr,
    ) -> Option<*const Value> {
        let Value::Instance(inst) = owner else {
            return None;
        };
        let v = inst.class().version.get();
        if v == 0 {
            return None;
        }
        let found = if !c.poly.get() {
            (v == c.version.get() || v == c.aux.get() || v == c.index.get())
                .then(|| c.value.as_ptr())
        } else {
            // SAFETY: the cache is not written while this reference lives.
            match unsafe { &*c.value.as_ptr() } {
                Value::Tuple(pairs) => pairs
                    .items()
                    .chunks_exact(2)
                    .find(|pair| matches!(pair[0], Value::Int(pv) if pv == i64::from(v)))
                    .map(|pair| &pair[1] as *const Value),
                _ => None,
            }
        }?;
        // SAFETY: read-only and done before anything can run: no borrow is held across
        // Python code, so no `borrow_mut` is live (and a guard would be a write per load).
        match unsafe { inst.attrs.try_borrow_unguarded() }.ok()? {
            Attrs::Shaped { shape, .. } if !shape.may_have(name) => Some(found),
            _ => None,
        }
    }

    /// `LOAD_ATTR_INSTANCE_VALUE`: any instance whose class has plain attribute access and
    /// whose layout has the name at the cached index (so one site serves every subclass that
    /// shares the layout).
    #[inline(always)]
    pub(super) fn load_instance_value(
        &self,
        owner: &Value,
        c: &InlineCache,
        name: &Rc<PyStr>,
    ) -> Option<Value> {
        // SAFETY: cloned at once, before anything can change the instance.
        self.instance_value_ptr(owner, c, name)
            .map(|v| unsafe { (*v).clone() })
    }

    /// The monomorphic guard of `LOAD_ATTR_INSTANCE_VALUE` / `STORE_ATTR_INSTANCE_VALUE`: the
    /// class still has the version the cache was filled under (so its attribute hooks and the
    /// name's meaning are as they were then) and the instance has the cached layout, so the
    /// attribute is at the cached index — no name, no hook bits. `None` sends the caller to
    /// the polymorphic guard (`instance_value_ptr`, `store_instance_value`).
    #[inline(always)]
    pub(super) fn shaped_slot(owner: &Value, c: &InlineCache) -> Option<*const Value> {
        let Value::Instance(inst) = owner else {
            return None;
        };
        if inst.class().version.get() != c.version.get() {
            return None;
        }
        // SAFETY: as in `class_attr_lookup`; the pointer is used before anything runs.
        match unsafe { inst.attrs.try_borrow_unguarded() }.ok()? {
            Attrs::Shaped { shape, values } if shape.id == c.aux.get() => {
                let i = c.index.get() as usize;
                values.get(i).map(|v| v as *const Value)
            }
            _ => None,
        }
    }

    /// Where the attribute lives (valid until the instance's attributes change; the caller
    /// copies it at once): what the dispatch loop copies straight onto the stack.
    #[inline(always)]
    pub(super) fn instance_value_ptr(
        &self,
        owner: &Value,
        c: &InlineCache,
        name: &Rc<PyStr>,
    ) -> Option<*const Value> {
        if let Some(p) = Self::shaped_slot(owner, c) {
            return Some(p);
        }
        self.instance_value_ptr_poly(owner, c, name)
    }

    /// `instance_value_ptr` for an instance of another class or layout.
    #[inline(never)]
    pub(super) fn instance_value_ptr_poly(
        &self,
        owner: &Value,
        c: &InlineCache,
        name: &Rc<PyStr>,
    ) -> Option<*const Value> {
        let Value::Instance(inst) = owner else {
            return None;
        };
        // A class with hooks is served only at the version the specializer checked it at.
        let hooks = self.attr_hooks(inst.class());
        if hooks & HOOKS_NOT_PLAIN_GET != 0 && inst.class().version.get() != c.version.get() {
            return None;
        }
        // SAFETY: as in `class_attr_lookup`; the pointer is copied from before anything runs.
        match unsafe { inst.attrs.try_borrow_unguarded() }.ok()? {
            Attrs::Shaped { shape, values } => shape
                .slot_of(c.index.get() as usize, name)
                .and_then(|i| values.get(i))
                .map(|v| v as *const Value),
            _ => None,
        }
    }

    /// `STORE_ATTR_INSTANCE_VALUE` under the monomorphic guard (`shaped_slot`'s): moves the
    /// value (second from the top) into the attribute's slot and pops both operands. False,
    /// with nothing changed, when the guard fails or the store adds an attribute.
    #[inline(always)]
    pub(super) fn store_shaped(&mut self, c: &InlineCache) -> bool {
        let len = self.stack.len();
        assert!(len >= 2);
        let p = self.stack.as_mut_ptr();
        // SAFETY: `len >= 2`; the owner stays on the stack (alive) until the store is done.
        let Value::Instance(inst) = (unsafe { &*p.add(len - 1) }) else {
            return false;
        };
        if inst.class().version.get() != c.version.get() {
            return false;
        }
        let Ok(mut attrs) = inst.attrs.try_borrow_mut() else {
            return false;
        };
        let Attrs::Shaped { shape, values } = &mut *attrs else {
            return false;
        };
        let i = c.index.get() as usize;
        if shape.id != c.aux.get() || i >= values.len() {
            return false;
        }
        let mut old = std::mem::MaybeUninit::<Value>::uninit();
        // SAFETY: the old item moves out before the value moves in; the stack's length is cut
        // below both operands before the owner is dropped, and the old item is dropped last
        // (its drop may free anything, the instance included).
        unsafe {
            let slot = values.as_mut_ptr().add(i);
            raw::move_to(slot, old.as_mut_ptr());
            raw::move_to(p.add(len - 2), slot);
            drop(attrs);
            self.stack.set_len(len - 2);
            raw::drop_at(p.add(len - 1));
            raw::drop_at(old.as_mut_ptr());
        }
        true
    }

    /// `STORE_ATTR_INSTANCE_VALUE`: replaces the attribute (at the cached index, or found by
    /// name), or adds it by moving the instance to the shape's successor with it. Gives the
    /// value back when a guard fails.
    #[inline(always)]
    pub(super) fn store_instance_value(
        &self,
        owner: &Value,
        value: Value,
        c: &InlineCache,
        name: &Rc<PyStr>,
    ) -> Result<(), Value> {
        let Value::Instance(inst) = owner else {
            return Err(value);
        };
        // A class with hooks is served only at the version the specializer checked it at.
        let hooks = self.attr_hooks(inst.class());
        if hooks & HOOKS_NOT_PLAIN_SET != 0 && inst.class().version.get() != c.version.get() {
            return Err(value);
        }
        let mut attrs = inst.attrs.borrow_mut();
        let Attrs::Shaped { shape, values } = &mut *attrs else {
            return Err(value);
        };
        let i = c.index.get() as usize;
        if let Some(at) = shape.slot_of(i, name) {
            let old = std::mem::replace(&mut values[at], value);
            drop(attrs);
            drop(old);
            return Ok(());
        }
        // Adding it: the cached transition, or another one from the shape's (short) list —
        // a base class `__init__` run by subclasses adds to several shapes.
        match shape.with_attr(name) {
            Some(next) => {
                *shape = next;
                values.push(value);
                inst.class().note_attr_count(values.len());
                Ok(())
            }
            None => Err(value),
        }
    }

    /// `LOAD_ATTR_MODULE` / `LOAD_METHOD_MODULE`.
    #[inline(always)]
    pub(super) fn load_module_attr(owner: &Value, c: &InlineCache) -> Option<Value> {
        let Value::Object(o) = owner else { return None };
        let ObjKind::Module(m) = &o.kind else {
            return None;
        };
        if m.dict.keys_version() != c.version.get() {
            return None;
        }
        m.dict.value_at(c.index.get() as usize)
    }

    /// `LOAD_ATTR_CLASS` / `LOAD_METHOD_CLASS`.
    #[inline(always)]
    pub(super) fn load_class_attr(owner: &Value, c: &InlineCache) -> Option<Value> {
        match owner {
            Value::Class(k) if k.version.get() == c.version.get() => Some(c.value.get()),
            _ => None,
        }
    }

    /// `FOR_ITER_RANGE` / `_LIST` / `_TUPLE`: `Some(Some(item))`, `Some(None)` when exhausted,
    /// `None` when the iterator is of another kind.
    #[inline(always)]
    pub(super) fn next_builtin(it: &Value) -> Option<Option<Value>> {
        let Value::Object(o) = it else { return None };
        Some(match &o.kind {
            ObjKind::RangeIter(state) => state.borrow_mut().advance().map(Value::Int),
            ObjKind::ListIter { list, index } => {
                let Value::List(l) = list else { return None };
                l.iter_next(index)
            }
            ObjKind::TupleIter { tuple, index } => {
                let Value::Tuple(t) = tuple else { return None };
                t.iter_next(index)
            }
            _ => return None,
        })
    }
}
