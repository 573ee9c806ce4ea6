//! `dict` objects: CPython's compact ordered hash table (an index array probed with CPython's
//! perturbation scheme over a dense, insertion-ordered entry array).
//!
//! Two counters make caching possible: `keys_version` changes whenever a key is added or removed
//! (not when a value is replaced), so `LOAD_GLOBAL` can cache an entry index guarded by it. As
//! in CPython (`dk_version`), versions are assigned lazily from one process-wide counter, so a
//! version identifies both the dict and the state of its keys;
//! `mutations` changes on every structural change, so lookups that call back into Python
//! (`__eq__` of a user key) notice a table that changed under them and start over.

use crate::runtime::error::PyResult;
use crate::runtime::types::str::PyStr;
use crate::runtime::value::Value;
use std::cell::{Cell, Ref, RefCell};
use std::rc::Rc;

/// Hashing and equality of keys, which for user objects means calling into Python.
pub trait KeyCx {
    fn hash(&mut self, key: &Value) -> PyResult<i64>;
    fn eq(&mut self, stored: &Value, key: &Value) -> PyResult<bool>;
}

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MIN_SIZE: usize = 8;

#[derive(Clone)]
pub struct DictEntry {
    pub hash: i64,
    /// `Value::Null` marks a deleted entry.
    pub key: Value,
    pub value: Value,
}

#[derive(Clone, Default)]
struct Table {
    indices: Vec<i32>,
    entries: Vec<DictEntry>,
    len: usize,
}

#[derive(Default)]
pub struct PyDict {
    table: RefCell<Table>,
    /// 0 = no version assigned since the last key change.
    keys_version: Cell<u32>,
    mutations: Cell<u64>,
}

static NEXT_KEYS_VERSION: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// A key's hash: ints and strs directly (the same value `hash()` gives), others through `cx`.
#[inline]
pub fn key_hash(cx: &mut dyn KeyCx, key: &Value) -> PyResult<i64> {
    match key {
        Value::Str(s) => Ok(s.hash()),
        Value::Int(i) => Ok(crate::runtime::numfmt::i64_hash(*i)),
        _ => cx.hash(key),
    }
}

/// Equality that needs no Python code: `Some(answer)` for identical objects and for built-in
/// scalar and string keys, `None` when `__eq__` must be called.
pub fn fast_key_eq(a: &Value, b: &Value) -> Option<bool> {
    Some(match (a, b) {
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Int(x), Value::Int(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Bool(y)) | (Value::Bool(y), Value::Int(x)) => *x == i64::from(*y),
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => {
            (*x as f64) == *y && (*y as i64) == *x
        }
        (Value::None, Value::None) => true,
        (Value::Str(_), Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None)
        | (Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::None, Value::Str(_)) => false,
        _ if a.is(b) => true,
        _ => return None,
    })
}

enum Probe {
    Found {
        slot: usize,
        entry: usize,
    },
    /// Not present; `slot` is where to insert (first dummy seen, or the empty slot).
    Vacant {
        slot: usize,
    },
}

impl PyDict {
    pub fn new() -> PyDict {
        PyDict::default()
    }

    pub fn len(&self) -> usize {
        self.table.borrow().len
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The current keys version, 0 when none was assigned since the keys last changed (a
    /// cache never holds 0, so a guard against it fails).
    #[inline]
    pub fn keys_version(&self) -> u32 {
        self.keys_version.get()
    }

    /// The keys version, assigned now if needed: what a cache records. 0 when the process ran
    /// out of versions (then nothing is cached).
    pub fn keys_version_for_cache(&self) -> u32 {
        if self.keys_version.get() == 0 {
            let v = NEXT_KEYS_VERSION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if v == u32::MAX {
                NEXT_KEYS_VERSION.store(u32::MAX, std::sync::atomic::Ordering::Relaxed);
                return 0;
            }
            self.keys_version.set(v);
        }
        self.keys_version.get()
    }

    /// Dense entry index of the `str` key `key`, for caches (`value_at` reads it back).
    pub fn index_of_str(&self, key: &PyStr) -> Option<usize> {
        let table = self.table.borrow();
        let slot = probe_str(&table, key, key.hash())?;
        let ix = table.indices[slot];
        (ix >= 0).then_some(ix as usize)
    }

    #[inline]
    pub fn mutations(&self) -> u64 {
        self.mutations.get()
    }

    /// The live entries in insertion order (deleted ones skipped).
    pub fn entries(&self) -> Ref<'_, [DictEntry]> {
        Ref::map(self.table.borrow(), |t| t.entries.as_slice())
    }

    /// Key and value of the live entry at dense index `index`, if any (for iterators and caches).
    pub fn entry_at(&self, index: usize) -> Option<(Value, Value)> {
        let table = self.table.borrow();
        let e = table.entries.get(index)?;
        (!e.key.is_null()).then(|| (e.key.clone(), e.value.clone()))
    }

    /// Value at dense index `index`, for `LOAD_GLOBAL`'s cached lookups.
    #[inline]
    pub fn value_at(&self, index: usize) -> Option<Value> {
        let table = self.table.borrow();
        let e = table.entries.get(index)?;
        (!e.key.is_null()).then(|| e.value.clone())
    }

    /// Where the value at dense index `index` lives, for `LOAD_GLOBAL`'s fast path, which
    /// copies it before anything can change the dict (the pointer is valid until then).
    #[inline(always)]
    pub fn value_ptr_at(&self, index: usize) -> Option<*const Value> {
        // SAFETY: a shared look that ends before this returns; no borrow is held.
        let table = unsafe { self.table.try_borrow_unguarded().ok()? };
        let e = table.entries.get(index)?;
        (!e.key.is_null()).then_some(&e.value as *const Value)
    }

    /// Number of dense entry slots (live and deleted), the bound for `entry_at`.
    pub fn dense_len(&self) -> usize {
        self.table.borrow().entries.len()
    }

    fn probe(&self, cx: &mut dyn KeyCx, key: &Value, hash: i64) -> PyResult<Probe> {
        'restart: loop {
            let table = self.table.borrow();
            if table.indices.is_empty() {
                return Ok(Probe::Vacant { slot: 0 });
            }
            let mask = table.indices.len() - 1;
            let mut perturb = hash as u64;
            let mut i = (hash as u64 as usize) & mask;
            let mut first_dummy = None;
            loop {
                let ix = table.indices[i];
                if ix == EMPTY {
                    return Ok(Probe::Vacant {
                        slot: first_dummy.unwrap_or(i),
                    });
                }
                if ix == DUMMY {
                    first_dummy.get_or_insert(i);
                } else {
                    let entry = &table.entries[ix as usize];
                    if entry.hash == hash {
                        match fast_key_eq(&entry.key, key) {
                            Some(true) => {
                                return Ok(Probe::Found {
                                    slot: i,
                                    entry: ix as usize,
                                })
                            }
                            Some(false) => {}
                            None => {
                                let stored = entry.key.clone();
                                let stamp = self.mutations.get();
                                drop(table);
                                let equal = cx.eq(&stored, key)?;
                                if self.mutations.get() != stamp {
                                    continue 'restart;
                                }
                                if equal {
                                    return Ok(Probe::Found {
                                        slot: i,
                                        entry: ix as usize,
                                    });
                                }
                                // Re-borrow and keep probing from the next slot.
                                return self.probe_from(cx, key, hash, i, perturb, first_dummy);
                            }
                        }
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
        }
    }

    /// Continues a probe sequence after a Python-level comparison released the borrow.
    fn probe_from(
        &self,
        cx: &mut dyn KeyCx,
        key: &Value,
        hash: i64,
        mut i: usize,
        mut perturb: u64,
        mut first_dummy: Option<usize>,
    ) -> PyResult<Probe> {
        loop {
            let (mask, next) = {
                let table = self.table.borrow();
                let mask = table.indices.len() - 1;
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
                (mask, table.indices[i])
            };
            let _ = mask;
            if next == EMPTY {
                return Ok(Probe::Vacant {
                    slot: first_dummy.unwrap_or(i),
                });
            }
            if next == DUMMY {
                first_dummy.get_or_insert(i);
                continue;
            }
            let (entry_hash, stored) = {
                let table = self.table.borrow();
                let e = &table.entries[next as usize];
                (e.hash, e.key.clone())
            };
            if entry_hash != hash {
                continue;
            }
            let equal = match fast_key_eq(&stored, key) {
                Some(eq) => eq,
                None => {
                    let stamp = self.mutations.get();
                    let eq = cx.eq(&stored, key)?;
                    if self.mutations.get() != stamp {
                        return self.probe(cx, key, hash);
                    }
                    eq
                }
            };
            if equal {
                return Ok(Probe::Found {
                    slot: i,
                    entry: next as usize,
                });
            }
        }
    }

    pub fn get(&self, cx: &mut dyn KeyCx, key: &Value) -> PyResult<Option<Value>> {
        let hash = key_hash(cx, key)?;
        self.get_hashed(cx, key, hash)
    }

    pub fn get_hashed(
        &self,
        cx: &mut dyn KeyCx,
        key: &Value,
        hash: i64,
    ) -> PyResult<Option<Value>> {
        Ok(match self.probe(cx, key, hash)? {
            Probe::Found { entry, .. } => Some(self.table.borrow().entries[entry].value.clone()),
            Probe::Vacant { .. } => None,
        })
    }

    /// Dense index of `key`'s entry, for caches.
    pub fn index_of(&self, cx: &mut dyn KeyCx, key: &Value) -> PyResult<Option<usize>> {
        let hash = key_hash(cx, key)?;
        Ok(match self.probe(cx, key, hash)? {
            Probe::Found { entry, .. } => Some(entry),
            Probe::Vacant { .. } => None,
        })
    }

    pub fn set(&self, cx: &mut dyn KeyCx, key: Value, value: Value) -> PyResult<()> {
        let hash = key_hash(cx, &key)?;
        self.set_hashed(cx, key, hash, value)
    }

    pub fn set_hashed(
        &self,
        cx: &mut dyn KeyCx,
        key: Value,
        hash: i64,
        value: Value,
    ) -> PyResult<()> {
        match self.probe(cx, &key, hash)? {
            Probe::Found { entry, .. } => {
                // Replace the value; drop the old one after releasing the borrow, since its
                // destructor may run Python code.
                let old =
                    std::mem::replace(&mut self.table.borrow_mut().entries[entry].value, value);
                drop(old);
            }
            Probe::Vacant { slot } => {
                let mut table = self.table.borrow_mut();
                if table.indices.is_empty()
                    || (table.entries.len() + 1) * 3 > table.indices.len() * 2
                {
                    let wanted = (table.len + 1) * 3;
                    resize(&mut table, wanted);
                    let slot = find_empty_slot(&table.indices, hash);
                    insert_at(&mut table, slot, hash, key, value);
                } else {
                    insert_at(&mut table, slot, hash, key, value);
                }
                drop(table);
                self.bump_keys();
            }
        }
        Ok(())
    }

    /// Removes `key`, returning its value.
    pub fn remove(&self, cx: &mut dyn KeyCx, key: &Value) -> PyResult<Option<Value>> {
        let hash = key_hash(cx, key)?;
        match self.probe(cx, key, hash)? {
            Probe::Found { slot, entry } => {
                let mut table = self.table.borrow_mut();
                table.indices[slot] = DUMMY;
                table.len -= 1;
                let removed = std::mem::take(&mut table.entries[entry]);
                drop(table);
                self.bump_keys();
                Ok(Some(removed.value))
            }
            Probe::Vacant { .. } => Ok(None),
        }
    }

    /// Lookup by a `str` key without calling Python code: entries whose keys are not strings
    /// never match (CPython's `lookdict_unicode` fast path; class and instance namespaces).
    pub fn get_str(&self, key: &PyStr) -> Option<Value> {
        let table = self.table.borrow();
        let slot = probe_str(&table, key, key.hash())?;
        let ix = table.indices[slot];
        (ix >= 0).then(|| table.entries[ix as usize].value.clone())
    }

    pub fn set_str(&self, key: Rc<PyStr>, value: Value) {
        // A `str` key is a fast key: no Python code runs, so this cannot fail.
        let hash = key.hash();
        let _ = self.set_hashed(&mut StrKeys, Value::Str(key), hash, value);
    }

    pub fn remove_str(&self, key: &Rc<PyStr>) -> Option<Value> {
        self.remove(&mut StrKeys, &Value::Str(key.clone()))
            .ok()
            .flatten()
    }

    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.bump_keys();
        drop(old);
    }

    /// A copy with the same order (`dict.copy()`); keys need no rehashing.
    pub fn copy(&self) -> PyDict {
        let table = self.table.borrow();
        let mut fresh = Table::default();
        for e in table.entries.iter().filter(|e| !e.key.is_null()) {
            if fresh.indices.is_empty() || (fresh.entries.len() + 1) * 3 > fresh.indices.len() * 2 {
                let wanted = (fresh.len + 1) * 3;
                resize(&mut fresh, wanted);
            }
            let slot = find_empty_slot(&fresh.indices, e.hash);
            insert_at(&mut fresh, slot, e.hash, e.key.clone(), e.value.clone());
        }
        PyDict {
            table: RefCell::new(fresh),
            keys_version: Cell::new(0),
            mutations: Cell::new(0),
        }
    }

    fn bump_keys(&self) {
        self.keys_version.set(0);
        self.mutations.set(self.mutations.get().wrapping_add(1));
    }
}

impl Drop for PyDict {
    fn drop(&mut self) {
        let entries = std::mem::take(&mut self.table.get_mut().entries);
        crate::runtime::gc::release(entries.into_iter().flat_map(|e| [e.key, e.value]));
    }
}

impl Default for DictEntry {
    fn default() -> Self {
        DictEntry {
            hash: 0,
            key: Value::Null,
            value: Value::Null,
        }
    }
}

/// Keys are compared without Python code; non-string keys never equal a string.
struct StrKeys;

impl KeyCx for StrKeys {
    fn hash(&mut self, key: &Value) -> PyResult<i64> {
        Ok(match key {
            Value::Str(s) => s.hash(),
            _ => 0,
        })
    }

    fn eq(&mut self, _: &Value, _: &Value) -> PyResult<bool> {
        Ok(false)
    }
}

/// The index slot holding `key`, if present.
fn probe_str(table: &Table, key: &PyStr, hash: i64) -> Option<usize> {
    if table.indices.is_empty() {
        return None;
    }
    let mask = table.indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let ix = table.indices[i];
        if ix == EMPTY {
            return None;
        }
        if ix >= 0 {
            let e = &table.entries[ix as usize];
            if e.hash == hash {
                if let Value::Str(k) = &e.key {
                    if **k == *key {
                        return Some(i);
                    }
                }
            }
        }
        perturb >>= 5;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(perturb as usize)
            .wrapping_add(1))
            & mask;
    }
}

fn insert_at(table: &mut Table, slot: usize, hash: i64, key: Value, value: Value) {
    table.indices[slot] = table.entries.len() as i32;
    table.entries.push(DictEntry { hash, key, value });
    table.len += 1;
}

fn find_empty_slot(indices: &[i32], hash: i64) -> usize {
    let mask = indices.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    while indices[i] >= 0 {
        perturb >>= 5;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(perturb as usize)
            .wrapping_add(1))
            & mask;
    }
    i
}

/// Rebuilds the index for at least `wanted` slots, compacting deleted entries away.
fn resize(table: &mut Table, wanted: usize) {
    let mut size = MIN_SIZE;
    while size < wanted {
        size <<= 1;
    }
    table.entries.retain(|e| !e.key.is_null());
    table.indices = vec![EMPTY; size];
    for (n, e) in table.entries.iter().enumerate() {
        let slot = find_empty_slot(&table.indices, e.hash);
        table.indices[slot] = n as i32;
    }
    table.len = table.entries.len();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys in these tests are all fast-path keys.
    struct NoPython;

    impl KeyCx for NoPython {
        fn hash(&mut self, key: &Value) -> PyResult<i64> {
            Ok(match key {
                Value::Int(i) => *i,
                Value::Float(f) => *f as i64,
                Value::Str(s) => s.hash(),
                _ => 0,
            })
        }
        fn eq(&mut self, _: &Value, _: &Value) -> PyResult<bool> {
            unreachable!("fast keys only")
        }
    }

    fn s(text: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(text)))
    }

    #[test]
    fn insert_lookup_delete_keep_order() {
        let cx = &mut NoPython;
        let d = PyDict::new();
        for i in 0..100 {
            d.set(cx, Value::Int(i * 7), Value::Int(i)).unwrap();
        }
        d.set(cx, s("x"), Value::Int(-1)).unwrap();
        assert_eq!(d.len(), 101);
        for i in (0..100).step_by(2) {
            assert!(d.remove(cx, &Value::Int(i * 7)).unwrap().is_some());
        }
        assert_eq!(d.len(), 51);
        assert!(matches!(
            d.get(cx, &Value::Int(7)).unwrap(),
            Some(Value::Int(1))
        ));
        assert!(d.get(cx, &Value::Int(14)).unwrap().is_none());
        assert!(matches!(d.get(cx, &s("x")).unwrap(), Some(Value::Int(-1))));
        let order: Vec<i64> = d
            .entries()
            .iter()
            .filter_map(|e| match e.value {
                Value::Int(v) if !e.key.is_null() => Some(v),
                _ => None,
            })
            .collect();
        // 50 surviving ints in insertion order, then "x"'s -1.
        assert_eq!(order.len(), 51);
        assert_eq!(order.last(), Some(&-1));
        assert!(order[..50].windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn keys_version_ignores_value_replacement() {
        let cx = &mut NoPython;
        let d = PyDict::new();
        d.set(cx, s("a"), Value::Int(1)).unwrap();
        let v = d.keys_version_for_cache();
        assert_ne!(v, 0);
        d.set(cx, s("a"), Value::Int(2)).unwrap();
        assert_eq!(d.keys_version(), v);
        d.set(cx, s("b"), Value::Int(2)).unwrap();
        assert_ne!(d.keys_version(), v);
        assert_ne!(d.keys_version_for_cache(), v, "a new version, never reused");
    }

    #[test]
    fn int_and_equal_float_are_one_key() {
        let cx = &mut NoPython;
        let d = PyDict::new();
        d.set(cx, Value::Int(1), Value::Int(10)).unwrap();
        d.set(cx, Value::Float(1.0), Value::Int(20)).unwrap();
        assert_eq!(d.len(), 1);
    }
}
