//! `tuple` objects: an immutable boxed slice of values.

use crate::runtime::value::Value;

pub struct PyTuple {
    items: Box<[Value]>,
}

impl PyTuple {
    pub fn new(items: Vec<Value>) -> PyTuple {
        PyTuple {
            items: items.into_boxed_slice(),
        }
    }

    #[inline]
    pub fn items(&self) -> &[Value] {
        &self.items
    }

    /// A tuple iterator's step: the item at `*index`, advancing it.
    #[inline(always)]
    pub fn iter_next(&self, index: &std::cell::Cell<usize>) -> Option<Value> {
        let i = index.get();
        let v = self.items.get(i)?;
        index.set(i + 1);
        Some(crate::runtime::value::raw::clone_whole(v))
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Moves the items out (for the collector's trashcan when the tuple is dropped).
    pub(crate) fn take_items(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.items).into_vec()
    }
}
