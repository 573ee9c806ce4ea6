//! Whole-value moves for the dispatch loop's hottest paths.
//!
//! Built normally, a `Value::Int(r)` is written as two stores (a tag byte, then the payload
//! word), and the next instruction copies the value as one 16-byte load — which the CPU
//! cannot forward from two smaller pending stores, so it stalls until they reach the cache
//! (~15 cycles, several times per bytecode). Writing every hot value with a single 16-byte
//! store, and copying values as one 16-byte move, keeps store-to-load forwarding working.
//!
//! The layout is fixed by `#[repr(u64)]` on `Value`; the tests below check it.

use super::Value;

pub const TAG_NULL: u64 = 0;
pub const TAG_NONE: u64 = 1;
pub const TAG_BOOL: u64 = 4;
pub const TAG_INT: u64 = 5;
pub const TAG_FLOAT: u64 = 6;
/// Variants from this tag on hold an `Rc`.
const FIRST_HEAP_TAG: u8 = 7;

/// Writes a value given as its two words, with one store.
///
/// # Safety
/// `dst` must be valid for a 16-byte write, and whatever it held must own nothing (it is
/// overwritten without being dropped). `head`/`payload` must encode an unboxed variant.
#[inline(always)]
pub unsafe fn write_words(dst: *mut Value, head: u64, payload: u64) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE2 is part of the x86_64 baseline; the caller guarantees `dst`.
    unsafe {
        use std::arch::x86_64::{_mm_set_epi64x, _mm_storeu_si128};
        _mm_storeu_si128(dst.cast(), _mm_set_epi64x(payload as i64, head as i64));
    }
    #[cfg(not(target_arch = "x86_64"))]
    // SAFETY: as above.
    unsafe {
        dst.cast::<[u64; 2]>().write([head, payload]);
    }
}

/// # Safety
/// As `write_words`.
#[inline(always)]
pub unsafe fn write_int(dst: *mut Value, i: i64) {
    // SAFETY: forwarded.
    unsafe { write_words(dst, TAG_INT, i as u64) }
}

/// # Safety
/// As `write_words`.
#[inline(always)]
pub unsafe fn write_float(dst: *mut Value, f: f64) {
    // SAFETY: forwarded.
    unsafe { write_words(dst, TAG_FLOAT, f.to_bits()) }
}

/// # Safety
/// As `write_words`.
#[inline(always)]
pub unsafe fn write_bool(dst: *mut Value, b: bool) {
    // SAFETY: forwarded.
    unsafe { write_words(dst, TAG_BOOL, u64::from(b)) }
}

/// # Safety
/// As `write_words`.
#[inline(always)]
pub unsafe fn write_null(dst: *mut Value) {
    // SAFETY: forwarded.
    unsafe { write_words(dst, TAG_NULL, 0) }
}

/// Clones `src` into `dst` with one 16-byte move plus the reference count.
///
/// # Safety
/// `dst` must be valid for a 16-byte write and hold nothing that needs dropping; `src` and
/// `dst` must not overlap.
#[inline(always)]
pub unsafe fn clone_to(src: &Value, dst: *mut Value) {
    // SAFETY: the caller guarantees `dst`; a bitwise copy plus one more strong count is
    // exactly a clone.
    unsafe {
        std::ptr::copy_nonoverlapping(src, dst, 1);
    }
    if src.tag() >= FIRST_HEAP_TAG {
        src.add_ref();
    }
}

/// A clone made with one 16-byte copy: `Clone` writes the tag and the pointer separately,
/// and the next whole-value move of the clone stalls on them.
#[inline(always)]
pub fn clone_whole(v: &Value) -> Value {
    let mut slot = std::mem::MaybeUninit::<Value>::uninit();
    // SAFETY: `clone_to` writes a whole value into the fresh slot.
    unsafe {
        clone_to(v, slot.as_mut_ptr());
        slot.assume_init()
    }
}

/// Drops the value at `p` in place if it owns an object (the common no-object case costs a
/// compare, not a call into the drop glue).
///
/// # Safety
/// `p` must point to a valid value, which is dropped: the caller must treat it as moved out.
#[inline(always)]
pub unsafe fn drop_at(p: *mut Value) {
    // SAFETY: the caller guarantees `p`.
    unsafe {
        if (*p).tag() >= FIRST_HEAP_TAG {
            release_at(p);
        }
    }
}

/// Moves a value bitwise (one 16-byte copy).
///
/// # Safety
/// As `std::ptr::copy_nonoverlapping`; afterwards exactly one of `src`/`dst` owns the value.
#[inline(always)]
pub unsafe fn move_to(src: *const Value, dst: *mut Value) {
    // SAFETY: the caller guarantees both pointers.
    unsafe { std::ptr::copy_nonoverlapping(src, dst, 1) }
}

/// Drops `v`, with the common no-object case decided inline (the drop glue is a call).
#[inline(always)]
pub fn discard(v: Value) {
    let mut v = std::mem::ManuallyDrop::new(v);
    // SAFETY: `v` is valid and never used again.
    unsafe { drop_at(&mut *v) };
}

/// Moves `count` values of `T` (whose size is a multiple of 8) from `src` to `dst` eight
/// bytes at a time. A frame or value that was just written in 8-byte pieces (a field, a tag)
/// and is then moved by `memcpy`'s wider loads stalls store-to-load forwarding; 8-byte loads
/// always forward from the 8- or 16-byte stores that wrote them. For the generator
/// resume/suspend moves, which copy what was written a few instructions before.
///
/// # Safety
/// As `std::ptr::copy_nonoverlapping`; afterwards exactly one of `src`/`dst` owns the values.
#[inline(always)]
pub unsafe fn move_words<T>(src: *const T, dst: *mut T, count: usize) {
    const { assert!(std::mem::size_of::<T>().is_multiple_of(8) && std::mem::align_of::<T>() >= 8) };
    let words = count * (std::mem::size_of::<T>() / 8);
    let src = src.cast::<std::mem::MaybeUninit<u64>>();
    let dst = dst.cast::<std::mem::MaybeUninit<u64>>();
    for i in 0..words {
        // SAFETY: the caller guarantees both ranges; `MaybeUninit` copies padding as is.
        // Volatile keeps the compiler from merging the words back into wide moves.
        unsafe { dst.add(i).write(src.add(i).read_volatile()) };
    }
}

impl Value {
    #[inline(always)]
    pub fn tag(&self) -> u8 {
        // SAFETY: `repr(u64)`: the first word is the discriminant (all below 256).
        unsafe { *(self as *const Value).cast::<u64>() as u8 }
    }

    /// One more strong reference to the object (a heap variant), without a new `Value`.
    #[inline(always)]
    fn add_ref(&self) {
        // SAFETY: the caller checked that `self` is a heap variant.
        let count = unsafe { strong_count(self) };
        let n = count.get().wrapping_add(1);
        if n == 0 {
            // `Rc` aborts on an overflowing count too (only reachable by leaking on purpose).
            std::process::abort();
        }
        count.set(n);
    }
}

/// The strong count of the `Rc` a heap variant holds, read without matching on the variant.
/// Every heap variant holds an `Rc<T>` of a sized `T` in its payload word: one pointer to std's
/// `RcBox<T>` (`RcInner`), which is `#[repr(C)] { strong, weak, value }`, so the pointer is
/// the strong count's address. `strong_count_is_the_rcs` checks this for every variant, so a
/// change in std's layout fails the tests instead of corrupting counts. One load and one
/// store instead of a ten-way jump table on the tag (the derived glue's per-variant code).
///
/// # Safety
/// `v` must be a heap variant (`tag() >= FIRST_HEAP_TAG`).
#[inline(always)]
unsafe fn strong_count(v: &Value) -> &std::cell::Cell<usize> {
    // SAFETY: `repr(u64)` puts the payload word second; the caller guarantees it is an `Rc`
    // pointer, whose first word is the strong count.
    unsafe {
        let payload = *(v as *const Value).cast::<usize>().add(1);
        &*(payload as *const std::cell::Cell<usize>)
    }
}

/// Drops the value at `p` in place; a heap object that other references keep alive costs a
/// decrement, only the last reference runs the drop glue.
///
/// # Safety
/// As `drop_at`.
#[inline(always)]
unsafe fn release_at(p: *mut Value) {
    // SAFETY: the caller guarantees `p` is a valid heap variant, now moved out.
    unsafe {
        let count = strong_count(&*p);
        let n = count.get();
        if n > 1 {
            count.set(n - 1);
        } else {
            std::ptr::drop_in_place(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::MaybeUninit;
    use std::rc::Rc;

    fn written(f: impl FnOnce(*mut Value)) -> Value {
        let mut slot = MaybeUninit::<Value>::uninit();
        f(slot.as_mut_ptr());
        // SAFETY: `f` wrote a whole value.
        unsafe { slot.assume_init() }
    }

    #[test]
    fn layout_matches_the_enum() {
        // SAFETY: each closure writes a whole unboxed value.
        unsafe {
            assert!(matches!(written(|p| write_int(p, -7)), Value::Int(-7)));
            assert!(matches!(
                written(|p| write_int(p, i64::MAX)),
                Value::Int(i64::MAX)
            ));
            assert!(matches!(written(|p| write_float(p, 2.5)), Value::Float(f) if f == 2.5));
            assert!(matches!(
                written(|p| write_bool(p, true)),
                Value::Bool(true)
            ));
            assert!(matches!(
                written(|p| write_bool(p, false)),
                Value::Bool(false)
            ));
            assert!(matches!(written(|p| write_null(p)), Value::Null));
            assert!(matches!(
                written(|p| write_words(p, TAG_NONE, 0)),
                Value::None
            ));
        }
        assert_eq!(Value::Int(1).tag() as u64, TAG_INT);
        assert_eq!(
            Value::Str(Rc::new(crate::runtime::types::str::PyStr::new("x"))).tag(),
            8
        );
        assert!(Value::BigInt(Rc::new(0.into())).tag() >= FIRST_HEAP_TAG);
        assert_eq!(Value::Ellipsis.tag(), FIRST_HEAP_TAG - 4);
    }

    /// `Rc::strong_count` of a heap variant, through the typed `Rc`.
    fn typed_count(v: &Value) -> usize {
        match v {
            Value::BigInt(x) => Rc::strong_count(x),
            Value::Str(x) => Rc::strong_count(x),
            Value::Tuple(x) => Rc::strong_count(x),
            Value::List(x) => Rc::strong_count(x),
            Value::Dict(x) => Rc::strong_count(x),
            Value::Function(x) => Rc::strong_count(x),
            Value::Native(x) => Rc::strong_count(x),
            Value::Class(x) => Rc::strong_count(x),
            Value::Instance(x) => Rc::strong_count(x),
            Value::Object(x) => Rc::strong_count(x),
            _ => unreachable!("not a heap variant"),
        }
    }

    #[test]
    fn strong_count_is_the_rcs() {
        use crate::runtime::types;
        let mut vm = crate::vm::Vm::new(Box::<crate::vm::host::CaptureHost>::default());
        let heap = [
            Value::BigInt(Rc::new(num_bigint::BigInt::from(1) << 100)),
            Value::str("abc"),
            Value::tuple(vec![Value::Int(1)]),
            Value::list(vec![]),
            Value::Dict(Rc::new(types::dict::PyDict::new())),
            vm.builtins
                .get_str(&vm.interner.intern("len"))
                .expect("len"),
            Value::Class(vm.types.int.clone()),
            Value::Object(Rc::new(types::object::PyObject::new(
                types::object::ObjKind::Cell(std::cell::RefCell::new(Value::None)),
            ))),
        ];
        for v in &heap {
            assert!(v.tag() >= FIRST_HEAP_TAG);
            let before = typed_count(v);
            // SAFETY: a heap variant.
            assert_eq!(unsafe { strong_count(v) }.get(), before);
            v.add_ref();
            assert_eq!(typed_count(v), before + 1);
            // The bitwise copy owns the reference `add_ref` added.
            let mut extra = std::mem::ManuallyDrop::new(unsafe { std::ptr::read(v) });
            // SAFETY: `extra` is valid and not used again.
            unsafe { release_at(&mut *extra) };
            assert_eq!(typed_count(v), before);
        }
        // The last reference runs the drop glue.
        let rc = Rc::new(types::str::PyStr::new("last"));
        let weak = Rc::downgrade(&rc);
        let mut last = std::mem::ManuallyDrop::new(Value::Str(rc));
        // SAFETY: `last` is valid and not used again.
        unsafe { release_at(&mut *last) };
        assert!(weak.upgrade().is_none());
    }

    #[test]
    fn clone_to_counts_references() {
        let s = Value::str("abc");
        let copy = written(|p| unsafe { clone_to(&s, p) });
        let Value::Str(rc) = &s else { unreachable!() };
        assert_eq!(Rc::strong_count(rc), 2);
        drop(copy);
        assert_eq!(Rc::strong_count(rc), 1);
    }
}
