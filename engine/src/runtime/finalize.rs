//! The finalizer queue: how `Drop`, which has no VM, gets Python code (`__del__`, a
//! generator's `finally`) run with CPython's timing.
//!
//! An object whose last reference goes while it still owes a finalizer hands its contents to a
//! fresh `Rc` and `schedule`s it; the cycle collector schedules finalizable garbage the same
//! way (PEP 442). Either sets the one thread-local `ATTENTION` flag, which the VM tests at its
//! safe points (calls, backward jumps, unwinding: see `vm::finalize`): the finalizer runs
//! before anything visible happens next, so its output appears where CPython's would
//! (`x = None; print("after")` prints the `__del__` output first). The same flag carries "a
//! collection is due", so the VM's hot path tests one flag in all.
//!
//! The fresh `Rc` means `id(self)` inside `__del__` differs from the object's earlier id.

use super::types::class::PyClass;
use super::types::str::PyStr;
use super::value::Value;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

thread_local! {
    /// Set when the VM has work at its next safe point: finalizers queued or a collection due.
    static ATTENTION: Cell<bool> = const { Cell::new(false) };
    /// Objects whose finalizer is owed, oldest first. Each is kept alive by this queue.
    static QUEUE: RefCell<VecDeque<Value>> = const { RefCell::new(VecDeque::new()) };
    /// `"__del__"`, for `Drop` (which has no interner at hand).
    static DEL_NAME: Rc<PyStr> = Rc::new(PyStr::new("__del__"));
}

/// Whether the VM should stop at its next instruction boundary (`Vm::safe_point`).
#[inline(always)]
pub fn attention() -> bool {
    ATTENTION.with(Cell::get)
}

/// Asks the VM to stop at its next safe point (finalizers or a collection pending).
#[inline]
pub(crate) fn request_attention() {
    let _ = ATTENTION.try_with(|a| a.set(true));
}

/// Clears the flag; the VM re-requests if work remains after servicing it.
#[inline]
pub(crate) fn clear_attention() {
    ATTENTION.with(|a| a.set(false));
}

/// Queues `object` (an instance owing `__del__`, a suspended generator) for its finalizer.
/// Harmless during thread teardown: then the object is simply dropped.
pub fn schedule(object: Value) {
    let rejected = QUEUE.try_with(|q| match q.try_borrow_mut() {
        Ok(mut q) => {
            q.push_back(object);
            None
        }
        Err(_) => Some(object),
    });
    match rejected {
        Ok(None) => request_attention(),
        // Unreachable in practice (the queue is never borrowed across a drop); dropping the
        // object then skips its finalizer rather than panicking.
        Ok(Some(object)) => drop(object),
        Err(_) => {}
    }
}

/// The oldest object owing a finalizer among the last `queued() - floor` queued (the older
/// ones belong to an enclosing drain: a finalizer drains only what was queued while it ran).
pub fn next_scheduled_above(floor: usize) -> Option<Value> {
    QUEUE.with(|q| {
        let mut q = q.borrow_mut();
        if q.len() > floor {
            q.remove(floor)
        } else {
            None
        }
    })
}

/// How many objects wait for their finalizer.
pub fn queued() -> usize {
    QUEUE.with(|q| q.borrow().len())
}

/// Whether finalizers are waiting.
pub fn pending() -> bool {
    QUEUE.with(|q| !q.borrow().is_empty())
}

/// Whether instances of `class` have a `__del__` (cached against the class version, so the
/// common drop of an instance costs one compare).
#[inline]
pub fn class_has_del(class: &PyClass) -> bool {
    let version = class.version.get();
    let (cached_version, has) = class.del_cache.get();
    if version != 0 && cached_version == version {
        return has;
    }
    class_has_del_slow(class, version)
}

#[cold]
#[inline(never)]
fn class_has_del_slow(class: &PyClass, version: u32) -> bool {
    let has = DEL_NAME
        .try_with(|name| lookup_without_panic(class, name))
        .unwrap_or(false);
    class.del_cache.set((version, has));
    has
}

/// `class.lookup(name).is_some()`, but false instead of a panic if some namespace is being
/// mutated right now (a drop can happen in the middle of anything).
fn lookup_without_panic(class: &PyClass, name: &PyStr) -> bool {
    if class.dict.get_str(name).is_some() {
        return true;
    }
    match class.mro.try_borrow() {
        Ok(mro) => mro.iter().any(|c| c.dict.get_str(name).is_some()),
        Err(_) => false,
    }
}
