//! Classes (`type` objects), built-in and user-defined alike.
//!
//! Every class carries a version tag that changes whenever the class or any class in its MRO is
//! mutated, so that specialized instructions can cache what an attribute lookup found and
//! guard the cache with one integer compare.

use crate::runtime::types::dict::PyDict;
use crate::runtime::types::shape::Shape;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

/// Which built-in layout instances of a class have (the class itself, or its built-in base).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    /// `object` and classes defined in Python without a built-in base: `PyInstance`.
    Object,
    NoneType,
    NotImplementedType,
    Ellipsis,
    Bool,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Function,
    BuiltinFunction,
    Type,
    Module,
    /// `BaseException` and everything derived from it: `PyInstance` with exception state.
    Exception,
    /// Other built-in types whose instances are `Value::Object`.
    Other,
}

/// CPython's type attribute cache (`_PyType_Lookup`'s method cache): lookups keyed by class
/// version and name, so the generic attribute path does not walk the MRO's dicts each time.
/// A version identifies one class in one state, so entries never need invalidating.
const TYPE_CACHE_SIZE: usize = 4096;

#[derive(Default)]
struct TypeCacheEntry {
    version: u32,
    name: Option<Rc<PyStr>>,
    value: Option<Value>,
}

thread_local! {
    // Const-initialized (filled on the first miss): a lazily initialized thread-local checks
    // its state and stays an out-of-line call on every access.
    static TYPE_CACHE: RefCell<Vec<TypeCacheEntry>> = const { RefCell::new(Vec::new()) };
}

#[inline]
fn type_cache_slot(version: u32, hash: i64) -> usize {
    ((version as usize).wrapping_mul(0x9E37_79B9) ^ (hash as usize)) & (TYPE_CACHE_SIZE - 1)
}

static NEXT_VERSION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// A fresh, never-used class version.
pub fn next_version() -> u32 {
    NEXT_VERSION.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

pub struct PyClass {
    pub name: RefCell<Rc<PyStr>>,
    pub qualname: RefCell<Rc<PyStr>>,
    pub bases: RefCell<Vec<Rc<PyClass>>>,
    /// The method resolution order after the class itself (C3 linearization).
    pub mro: RefCell<Vec<Rc<PyClass>>>,
    /// The class namespace (`__dict__`).
    pub dict: Rc<PyDict>,
    /// Changes on any mutation of this class or a base; 0 means "do not cache".
    pub version: Cell<u32>,
    pub layout: Layout,
    /// Whether this is a built-in type (immutable from Python).
    pub builtin: bool,
    pub subclasses: RefCell<Vec<Weak<PyClass>>>,
    /// `type(cls)`; `None` means `type` itself.
    pub metaclass: RefCell<Option<Rc<PyClass>>>,
    /// The empty shape that new instances start from.
    pub root_shape: Rc<Shape>,
    /// The most attributes an instance of the class has been given: new instances reserve
    /// room for that many, so building one does not grow its value vector step by step.
    pub attrs_hint: Cell<u8>,
    /// Attribute names from `__slots__`, if the class has slots (and no `__dict__`).
    pub slots: Option<Vec<Rc<PyStr>>>,
    /// `(version, HOOK_* bits)`: which attribute hooks the class overrides, valid while the
    /// version is unchanged (so plain attribute access does no hook lookups).
    pub hook_cache: Cell<(u32, u8)>,
    /// `(version, has __del__)`, read when an instance is dropped (`finalize::class_has_del`).
    pub del_cache: Cell<(u32, bool)>,
}

/// The class (or a base) overrides `__getattribute__`.
pub const HOOK_GETATTRIBUTE: u8 = 1;
/// … `__setattr__`.
pub const HOOK_SETATTR: u8 = 2;
/// … `__delattr__`.
pub const HOOK_DELATTR: u8 = 4;
/// The class or a base has `__slots__`.
pub const HOOK_SLOTS: u8 = 8;
/// The class or a base defines a data descriptor (a property, a slot, a `__set__` object), or
/// an attribute whose type is a Python class (it may become one without a version change).
pub const HOOK_DATA_DESCRIPTORS: u8 = 16;
/// Instances have no `__dict__` (`__slots__` all the way).
pub const HOOK_NO_DICT: u8 = 32;
/// Instances carry built-in state (exceptions, subclasses of built-in types).
pub const HOOK_PAYLOAD: u8 = 64;
/// What makes instance attributes anything but a lookup in the instance's own storage.
pub const HOOKS_NOT_PLAIN_GET: u8 = HOOK_GETATTRIBUTE | HOOK_DATA_DESCRIPTORS | HOOK_PAYLOAD;
pub const HOOKS_NOT_PLAIN_SET: u8 =
    HOOK_SETATTR | HOOK_DATA_DESCRIPTORS | HOOK_PAYLOAD | HOOK_NO_DICT;

impl PyClass {
    /// Records that an instance now has `n` attributes (see `attrs_hint`).
    #[inline]
    pub fn note_attr_count(&self, n: usize) {
        let n = n.min(usize::from(u8::MAX)) as u8;
        if n > self.attrs_hint.get() {
            self.attrs_hint.set(n);
        }
    }

    pub fn name(&self) -> String {
        self.name.borrow().as_str().to_owned()
    }

    /// `self` followed by the rest of the MRO.
    pub fn mro_with_self(self: &Rc<Self>) -> Vec<Rc<PyClass>> {
        let mut all = Vec::with_capacity(self.mro.borrow().len() + 1);
        all.push(self.clone());
        all.extend(self.mro.borrow().iter().cloned());
        all
    }

    /// Finds `name` in the class and its MRO (`_PyType_Lookup`), without descriptors applied.
    /// Answers come from the type attribute cache while the class version holds.
    pub fn lookup(&self, name: &PyStr) -> Option<Value> {
        self.lookup_cached(name, || Rc::new(PyStr::new(name.as_str())))
    }

    /// `lookup` with the name as an `Rc` (interned names): the cache keeps this very string,
    /// so later lookups with it compare one pointer instead of the text.
    pub fn lookup_rc(&self, name: &Rc<PyStr>) -> Option<Value> {
        self.lookup_cached(name, || name.clone())
    }

    #[inline]
    fn lookup_cached(&self, name: &PyStr, owned: impl FnOnce() -> Rc<PyStr>) -> Option<Value> {
        let version = self.version.get();
        if version == 0 {
            return self.lookup_uncached(name);
        }
        let slot = type_cache_slot(version, name.hash());
        let hit = TYPE_CACHE.with(|cache| {
            let cache = cache.borrow();
            let e = cache.get(slot)?;
            (e.version == version
                && e.name
                    .as_ref()
                    .is_some_and(|n| std::ptr::eq(&**n, name) || **n == *name))
            .then(|| e.value.clone())
        });
        if let Some(found) = hit {
            return found;
        }
        let found = self.lookup_uncached(name);
        let entry = TypeCacheEntry {
            version,
            name: Some(owned()),
            value: found.clone(),
        };
        let old = TYPE_CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.is_empty() {
                cache.resize_with(TYPE_CACHE_SIZE, TypeCacheEntry::default);
            }
            std::mem::replace(&mut cache[slot], entry)
        });
        drop(old);
        found
    }

    fn lookup_uncached(&self, name: &PyStr) -> Option<Value> {
        if let Some(v) = self.dict.get_str(name) {
            return Some(v);
        }
        self.mro.borrow().iter().find_map(|c| c.dict.get_str(name))
    }

    /// Whether `self` is `other` or derives from it.
    pub fn is_subclass(&self, other: &PyClass) -> bool {
        std::ptr::eq(self, other) || self.mro.borrow().iter().any(|c| std::ptr::eq(&**c, other))
    }

    /// Records a mutation: this class and every subclass get new versions, invalidating every
    /// cache that relied on a lookup through them.
    pub fn modified(&self) {
        if self.version.get() == 0 {
            return;
        }
        self.version.set(next_version());
        for sub in self.subclasses.borrow().iter().filter_map(Weak::upgrade) {
            sub.modified();
        }
    }
}
