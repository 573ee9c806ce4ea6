//! The inline cache: one entry per instruction, in an array parallel to the instruction array
//! of a code object (`PyCode::caches`). Every field is a `Cell`, so the dispatch loop reads
//! and rewrites the cache through a shared reference while the code object is running.
//!
//! What the fields mean depends on the instruction's current form (see `specialize/`):
//! `version` is usually a class version tag or a dict keys version, `aux` a shape id or a
//! second keys version, `index` a slot or entry index, `value` a cached object (a method, a
//! builtin, a class attribute) — or, in the adaptive form after a failed attempt, the reason.

use crate::runtime::value::Value;
use std::cell::{Cell, UnsafeCell};

#[derive(Default)]
pub struct InlineCache {
    /// Adaptive form: executions left before the next specialization attempt.
    /// Specialized form: misses left before deoptimizing.
    pub counter: Cell<u16>,
    /// Exponent of the backoff applied after a failed attempt or a deopt.
    pub backoff: Cell<u8>,
    /// Whether the last attempt failed; the reason's text is then in `value`.
    pub failed: Cell<bool>,
    /// `LOAD_METHOD_WITH_VALUES` / `LOAD_ATTR_NONDESCRIPTOR` serving classes that resolve the
    /// name to different objects: `value` is then a tuple of (class version, object) pairs.
    pub poly: Cell<bool>,
    /// Executions of a specialized form whose guards held.
    pub hits: Cell<u32>,
    /// Executions of a specialized form whose guards failed (the generic path ran).
    pub misses: Cell<u32>,
    /// Specialization attempts, and how many of them succeeded.
    pub attempts: Cell<u16>,
    pub successes: Cell<u16>,
    /// Times the instruction went back to its adaptive form after too many misses.
    pub deopts: Cell<u16>,
    pub version: Cell<u32>,
    pub aux: Cell<u32>,
    pub index: Cell<u32>,
    pub value: CachedValue,
}

impl InlineCache {
    #[inline]
    pub fn hit(&self) {
        self.hits.set(self.hits.get().wrapping_add(1));
    }
}

/// A `Value` slot read by cloning and written by replacing, never borrowed: the dispatch loop
/// can use it while Python code runs without any borrow flag.
#[derive(Default)]
pub struct CachedValue(UnsafeCell<Value>);

impl CachedValue {
    #[inline]
    pub fn get(&self) -> Value {
        // SAFETY: single-threaded (`Value` is `!Send`), and no reference into the cell ever
        // escapes this module: `get` clones (an `Rc` increment, which runs no code) and `set`
        // swaps before the old value is dropped.
        unsafe { (*self.0.get()).clone() }
    }

    /// Runs `f` on the cached value without cloning it (`f` must not touch this cache).
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&Value) -> R) -> R {
        // SAFETY: as in `get`; `f` receives a shared reference that does not outlive the call,
        // and the only writer (`set`) is never called from the closures this module's users pass.
        unsafe { f(&*self.0.get()) }
    }

    /// Where the cached value lives, for the dispatch loop to copy it straight onto the stack
    /// (valid until the next `set`, which runs only when specializing).
    #[inline(always)]
    pub fn as_ptr(&self) -> *const Value {
        self.0.get()
    }

    pub fn set(&self, value: Value) {
        // SAFETY: as in `get`; the old value is dropped after the swap completed.
        let old = unsafe { std::mem::replace(&mut *self.0.get(), value) };
        drop(old);
    }
}
