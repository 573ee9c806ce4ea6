//! `set` and `frozenset` objects.
//!
//! (Interim representation: a dict with `None` values, so insertion order. CPython's sets
//! iterate in hash-table order — `print({3, 1, 2})` shows `{1, 2, 3}` — and the builtin-types
//! work replaces this with CPython's exact table to match it.)

use crate::runtime::error::PyResult;
use crate::runtime::types::dict::{KeyCx, PyDict};
use crate::runtime::value::Value;

#[derive(Default)]
pub struct PySet {
    items: PyDict,
}

impl PySet {
    pub fn new() -> PySet {
        PySet::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn add(&self, cx: &mut dyn KeyCx, key: Value) -> PyResult<()> {
        self.items.set(cx, key, Value::None)
    }

    pub fn contains(&self, cx: &mut dyn KeyCx, key: &Value) -> PyResult<bool> {
        Ok(self.items.get(cx, key)?.is_some())
    }

    /// Removes `key`; false when it was absent.
    pub fn discard(&self, cx: &mut dyn KeyCx, key: &Value) -> PyResult<bool> {
        Ok(self.items.remove(cx, key)?.is_some())
    }

    /// The members in iteration order.
    pub fn to_vec(&self) -> Vec<Value> {
        self.items
            .entries()
            .iter()
            .filter(|e| !e.key.is_null())
            .map(|e| e.key.clone())
            .collect()
    }
}
