//! Shapes (hidden classes): the attribute layout shared by instances that gained the same
//! attributes in the same order. An instance stores its attribute values in a vector; its shape
//! maps names to indexes. Shapes form a transition tree, so instances built by the same
//! `__init__` share shapes and a specialized attribute access is a shape-id guard and an index.

use crate::runtime::types::str::PyStr;
use std::cell::RefCell;
use std::rc::Rc;

pub struct Shape {
    /// Unique for the process lifetime; what inline caches compare.
    pub id: u32,
    /// Attribute names in slot order.
    pub names: Vec<Rc<PyStr>>,
    /// A one-word Bloom filter of the names' hashes: `may_have` answers "certainly not" in
    /// one test, which is what a method load needs to know about the instance.
    bloom: u64,
    /// Shapes reached by adding one attribute. Held strongly: a layout stays alive (and keeps
    /// its id, which caches compare) after its last instance dies, so a loop that creates and
    /// drops objects keeps hitting the same specialized stores.
    transitions: RefCell<Vec<(Rc<PyStr>, Rc<Shape>)>>,
}

/// Instances with more attributes than this switch to a dict (as pathological growth would
/// otherwise make shapes quadratic).
pub const MAX_SHAPE_ATTRS: usize = 64;

static NEXT_SHAPE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

thread_local! {
    /// The empty shape every class starts its instances from. Shared, so that instances of
    /// different classes built by the same `__init__` (a base class's) have the same shapes,
    /// and an attribute access that sees several subclasses still finds one layout.
    static ROOT: Rc<Shape> = Rc::new(Shape {
        id: NEXT_SHAPE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        names: Vec::new(),
        bloom: 0,
        transitions: RefCell::new(Vec::new()),
    });
}

#[inline]
fn bloom_bit(name: &PyStr) -> u64 {
    1 << ((name.hash() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
}

impl Shape {
    pub fn root() -> Rc<Shape> {
        ROOT.with(Rc::clone)
    }

    /// Whether `name` may be an attribute of this shape (false: certainly not).
    #[inline]
    pub fn may_have(&self, name: &PyStr) -> bool {
        self.bloom & bloom_bit(name) != 0 && self.index_of(name).is_some()
    }

    /// Whether the attribute at `index` is `name` (pointer compare for interned names).
    #[inline]
    pub fn has_at(&self, index: usize, name: &Rc<PyStr>) -> bool {
        self.names
            .get(index)
            .is_some_and(|n| Rc::ptr_eq(n, name) || **n == **name)
    }

    /// The slot of `name`: the cached `hint` when it still holds it, else found by pointer
    /// among the (few) names — a site that sees several classes whose instances keep the
    /// attribute at different slots (`self.strength` in a class hierarchy) stays fast.
    /// `None` when the name is absent or only an equal, not identical, string is present
    /// (the generic path decides those).
    #[inline(always)]
    pub fn slot_of(&self, hint: usize, name: &Rc<PyStr>) -> Option<usize> {
        if self.has_at(hint, name) {
            return Some(hint);
        }
        self.names.iter().position(|n| Rc::ptr_eq(n, name))
    }

    /// Slot index of `name`. Interned names compare by pointer first.
    #[inline]
    pub fn index_of(&self, name: &PyStr) -> Option<usize> {
        self.names
            .iter()
            .position(|n| std::ptr::eq(&**n, name))
            .or_else(|| self.names.iter().position(|n| **n == *name))
    }

    /// The shape reached by adding `name` (shared with every instance that took the same path).
    pub fn with_attr(self: &Rc<Shape>, name: &Rc<PyStr>) -> Option<Rc<Shape>> {
        if self.names.len() >= MAX_SHAPE_ATTRS {
            return None;
        }
        let mut transitions = self.transitions.borrow_mut();
        // By pointer first: names are interned, and the root's list holds the first
        // attribute of every class.
        if let Some((_, next)) = transitions
            .iter()
            .find(|(n, _)| Rc::ptr_eq(n, name))
            .or_else(|| transitions.iter().find(|(n, _)| **n == **name))
        {
            return Some(next.clone());
        }
        let mut names = self.names.clone();
        names.push(name.clone());
        let next = Rc::new(Shape {
            id: NEXT_SHAPE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            names,
            bloom: self.bloom | bloom_bit(name),
            transitions: RefCell::new(Vec::new()),
        });
        transitions.push((name.clone(), next.clone()));
        Some(next)
    }
}
