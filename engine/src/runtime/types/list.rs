//! `list` objects. The vector sits in a `RefCell`; borrows are never held across a call back
//! into Python code (which could mutate the list), so a failed borrow is an interpreter bug.

use crate::runtime::value::Value;
use std::cell::{Cell, Ref, RefCell, RefMut};

pub struct PyList {
    items: RefCell<Vec<Value>>,
}

impl PyList {
    pub fn new(items: Vec<Value>) -> PyList {
        PyList {
            items: RefCell::new(items),
        }
    }

    #[inline]
    pub fn borrow(&self) -> Ref<'_, Vec<Value>> {
        self.items.borrow()
    }

    #[inline]
    pub fn borrow_mut(&self) -> RefMut<'_, Vec<Value>> {
        self.items.borrow_mut()
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.items.borrow().is_empty()
    }

    #[inline]
    pub fn get(&self, index: usize) -> Option<Value> {
        self.items.borrow().get(index).cloned()
    }

    /// Where item `i` (possibly negative) lives, for a copy made at once: `BINARY_SUBSCR_LIST_INT`.
    #[inline(always)]
    pub fn item_ptr(&self, i: i64) -> Option<*const Value> {
        // SAFETY: read-only; the caller copies the item before anything can run.
        let items = unsafe { self.items.try_borrow_unguarded() }.ok()?;
        let len = items.len();
        let i = if i < 0 { i.wrapping_add(len as i64) } else { i };
        // SAFETY: `0 <= i < len` (a negative `i` is a huge `u64`).
        ((i as u64) < (len as u64)).then(|| unsafe { items.as_ptr().add(i as usize) })
    }

    /// A list iterator's step: the item at `*index`, advancing it; at the end the iterator
    /// stays exhausted for good, as in CPython, even if the list grows later.
    #[inline(always)]
    pub fn iter_next(&self, index: &Cell<usize>) -> Option<Value> {
        let i = index.get();
        // SAFETY: read-only, and the clone runs no code, so no `borrow_mut` can be live.
        let items = unsafe { self.items.try_borrow_unguarded() }.ok()?;
        match items.get(i) {
            Some(v) => {
                index.set(i + 1);
                Some(crate::runtime::value::raw::clone_whole(v))
            }
            None => {
                index.set(usize::MAX / 2);
                None
            }
        }
    }

    #[inline]
    pub fn push(&self, value: Value) {
        self.items.borrow_mut().push(value);
    }

    /// A snapshot of the items, for iterating while calling into Python.
    pub fn to_vec(&self) -> Vec<Value> {
        self.items.borrow().clone()
    }
}
