//! `set` and `frozenset` objects: CPython's set table (Objects/setobject.c), slot for slot.
//!
//! Open addressing where each probe first scans `LINEAR_PROBES` neighbouring slots, then jumps
//! with CPython's perturbation; deleted slots become dummies; the table grows when 3/5 full.
//! Doing exactly what CPython does makes iteration order (table order) identical for keys whose
//! hashes are identical (ints, floats, tuples of them): `print({3, 1, 2})` shows `{1, 2, 3}`.

use crate::runtime::error::PyResult;
use crate::runtime::types::dict::{fast_key_eq, KeyCx};
use crate::runtime::value::Value;
use std::cell::{Cell, RefCell};

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const MIN_SIZE: usize = 8;
/// The hash of a dummy (deleted) slot; never the hash of a live key.
const DUMMY_HASH: i64 = -1;

/// One slot: unused is `(Null, 0)`, dummy is `(Null, -1)`, anything else is live.
#[derive(Clone, Default)]
struct Entry {
    hash: i64,
    key: Value,
}

impl Entry {
    #[inline]
    fn is_live(&self) -> bool {
        !self.key.is_null()
    }
}

#[derive(Clone)]
struct Table {
    slots: Vec<Entry>,
    /// Live plus dummy slots.
    fill: usize,
    used: usize,
    /// Where `pop` starts looking.
    finger: usize,
}

impl Default for Table {
    fn default() -> Self {
        Table {
            slots: empty_slots(MIN_SIZE),
            fill: 0,
            used: 0,
            finger: 0,
        }
    }
}

impl Table {
    #[inline]
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }
}

#[derive(Default)]
pub struct PySet {
    table: RefCell<Table>,
    /// Bumped on every structural change, so a probe that called `__eq__` notices a table
    /// that changed under it and restarts (CPython's `table != so->table` check).
    mutations: Cell<u64>,
}

enum Lookup {
    Found(usize),
    /// Not present; where to insert and whether that slot was unused (not a dummy).
    Vacant {
        slot: usize,
        unused: bool,
    },
}

/// The probe of `PySet::lookup` (same sequence, same slot chosen) for the common case where
/// every key met compares without Python code (`fast_key_eq`); `None` as soon as one does not.
/// Kept separate so that the hot path is a tight loop with no unwinding or re-borrowing.
#[inline(always)]
fn probe_quick(t: &Table, key: &Value, hash: i64) -> Option<Lookup> {
    let slots = &t.slots[..];
    let mask = slots.len() - 1;
    let mut freeslot: Option<usize> = None;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let end = if i + LINEAR_PROBES <= mask {
            i + LINEAR_PROBES
        } else {
            i
        };
        for (j, e) in slots[i..=end].iter().enumerate() {
            let h = e.hash;
            if h == hash {
                if !e.key.is_null() {
                    match fast_key_eq(&e.key, key) {
                        Some(true) => return Some(Lookup::Found(i + j)),
                        Some(false) => continue,
                        None => return None,
                    }
                }
            } else if h != 0 && h != DUMMY_HASH {
                continue;
            }
            if e.key.is_null() {
                if h == 0 {
                    return Some(match freeslot {
                        Some(slot) => Lookup::Vacant {
                            slot,
                            unused: false,
                        },
                        None => Lookup::Vacant {
                            slot: i + j,
                            unused: true,
                        },
                    });
                }
                freeslot = Some(i + j);
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

/// `probe_quick` for a membership test alone: the same slots in the same order, with no
/// insertion slot to track, so each slot costs two comparisons (CPython's `set_lookkey`).
/// Dense int keys with dummies from `remove` make long probe runs, so this loop is the cost of
/// `x in s`.
#[inline]
fn probe_contains(t: &Table, key: &Value, hash: i64) -> Option<bool> {
    let slots = &t.slots[..];
    let mask = slots.len() - 1;
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let probes = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for e in &slots[i..=i + probes] {
            let h = e.hash;
            if h == hash {
                // A live key's hash is never the dummy's, so a null key here is an unused
                // slot (hash 0): the key is absent.
                let equal = match (&e.key, key) {
                    (Value::Null, _) => return Some(false),
                    (Value::Int(a), Value::Int(b)) => a == b,
                    (a, b) => fast_key_eq(a, b)?,
                };
                if equal {
                    return Some(true);
                }
            } else if h == 0 && e.key.is_null() {
                return Some(false);
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

impl PySet {
    pub fn new() -> PySet {
        PySet::default()
    }

    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Changes on every insertion and deletion (for iterators and cached lookups).
    pub fn mutations(&self) -> u64 {
        self.mutations.get()
    }

    fn bump(&self) {
        self.mutations.set(self.mutations.get().wrapping_add(1));
    }

    /// CPython's probe sequence: from `hash & mask`, each step scans up to `LINEAR_PROBES`
    /// following slots (when they fit before the end), then perturbs. The table stays
    /// borrowed except around a Python `__eq__`, which may change it (then the probe restarts).
    #[inline]
    fn lookup(&self, cx: &mut dyn KeyCx, key: &Value, hash: i64) -> PyResult<Lookup> {
        if let Ok(t) = self.table.try_borrow() {
            if let Some(found) = probe_quick(&t, key, hash) {
                return Ok(found);
            }
        }
        self.lookup_full(cx, key, hash)
    }

    /// `lookup` for keys whose comparison may run Python code (or a table that is busy).
    #[inline(never)]
    fn lookup_full(&self, cx: &mut dyn KeyCx, key: &Value, hash: i64) -> PyResult<Lookup> {
        'restart: loop {
            let stamp = self.mutations.get();
            let mut freeslot: Option<usize> = None;
            let mut perturb = hash as u64;
            let mut t = self.table.borrow();
            let mask = t.mask();
            let mut i = (hash as u64 as usize) & mask;
            loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                let end = i + probes;
                let mut j = i;
                while j <= end {
                    // One bounds check per run of neighbouring slots, then a tight scan.
                    let mut python_eq: Option<(usize, Value)> = None;
                    for (k, e) in t.slots[j..=end].iter().enumerate() {
                        let h = e.hash;
                        if h == hash {
                            if !e.key.is_null() {
                                match fast_key_eq(&e.key, key) {
                                    Some(true) => return Ok(Lookup::Found(j + k)),
                                    Some(false) => continue,
                                    None => {
                                        python_eq = Some((j + k, e.key.clone()));
                                        break;
                                    }
                                }
                            }
                        } else if h != 0 && h != DUMMY_HASH {
                            // A live key with another hash (empty slots hash 0 or -1): the
                            // common case decided without reading the key.
                            continue;
                        }
                        if e.key.is_null() {
                            if h == 0 {
                                return Ok(match freeslot {
                                    Some(slot) => Lookup::Vacant {
                                        slot,
                                        unused: false,
                                    },
                                    None => Lookup::Vacant {
                                        slot: j + k,
                                        unused: true,
                                    },
                                });
                            }
                            // A dummy: its hash is `DUMMY_HASH`, never a live key's.
                            freeslot = Some(j + k);
                        }
                    }
                    let Some((at, stored)) = python_eq else {
                        break;
                    };
                    // A Python `__eq__`: the table is released while it runs; the scan goes
                    // on after `at`, or restarts if the table changed.
                    drop(t);
                    let eq = cx.eq(&stored, key)?;
                    if self.mutations.get() != stamp {
                        continue 'restart;
                    }
                    if eq {
                        return Ok(Lookup::Found(at));
                    }
                    t = self.table.borrow();
                    j = at + 1;
                }
                perturb >>= PERTURB_SHIFT;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        }
    }

    /// The hash of an int or str key without going through the VM (identical to its
    /// `hash()`); `None` for every other type.
    #[inline]
    fn quick_hash(key: &Value) -> Option<i64> {
        match key {
            Value::Int(i) => Some(crate::runtime::numfmt::i64_hash(*i)),
            Value::Str(s) => Some(s.hash()),
            _ => None,
        }
    }

    /// `key in self` for an int or str key, decided without the VM; `None` when the key
    /// needs `hash()` or a comparison that may run Python code (or the table is busy).
    #[inline]
    pub fn contains_quick(&self, key: &Value) -> Option<bool> {
        let hash = PySet::quick_hash(key)?;
        let t = self.table.try_borrow().ok()?;
        probe_contains(&t, key, hash)
    }

    #[inline]
    pub(crate) fn hash_of(cx: &mut dyn KeyCx, key: &Value) -> PyResult<i64> {
        match PySet::quick_hash(key) {
            Some(h) => Ok(h),
            None => cx.hash(key),
        }
    }

    pub fn add(&self, cx: &mut dyn KeyCx, key: Value) -> PyResult<()> {
        let hash = PySet::hash_of(cx, &key)?;
        self.add_hashed(cx, key, hash).map(|_| ())
    }

    /// Adds `key` with its known hash; true when it was not present.
    #[inline]
    pub fn add_hashed(&self, cx: &mut dyn KeyCx, key: Value, hash: i64) -> PyResult<bool> {
        match self.lookup(cx, &key, hash)? {
            Lookup::Found(_) => Ok(false),
            Lookup::Vacant { slot, unused } => {
                let mut t = self.table.borrow_mut();
                t.slots[slot] = Entry { hash, key };
                t.used += 1;
                if unused {
                    t.fill += 1;
                    let mask = t.mask();
                    if t.fill * 5 >= mask * 3 {
                        let minused = if t.used > 50_000 {
                            t.used * 2
                        } else {
                            t.used * 4
                        };
                        resize(&mut t, minused);
                    }
                }
                drop(t);
                self.bump();
                Ok(true)
            }
        }
    }

    #[inline]
    pub fn contains(&self, cx: &mut dyn KeyCx, key: &Value) -> PyResult<bool> {
        let hash = PySet::hash_of(cx, key)?;
        self.contains_hashed(cx, key, hash)
    }

    #[inline]
    pub fn contains_hashed(&self, cx: &mut dyn KeyCx, key: &Value, hash: i64) -> PyResult<bool> {
        if let Ok(t) = self.table.try_borrow() {
            if let Some(found) = probe_contains(&t, key, hash) {
                return Ok(found);
            }
        }
        Ok(matches!(self.lookup(cx, key, hash)?, Lookup::Found(_)))
    }

    /// Removes `key`; false when it was absent.
    pub fn discard(&self, cx: &mut dyn KeyCx, key: &Value) -> PyResult<bool> {
        let hash = PySet::hash_of(cx, key)?;
        self.discard_hashed(cx, key, hash)
    }

    #[inline]
    pub fn discard_hashed(&self, cx: &mut dyn KeyCx, key: &Value, hash: i64) -> PyResult<bool> {
        match self.lookup(cx, key, hash)? {
            Lookup::Found(slot) => {
                let old = {
                    let mut t = self.table.borrow_mut();
                    t.used -= 1;
                    std::mem::replace(
                        &mut t.slots[slot],
                        Entry {
                            hash: DUMMY_HASH,
                            key: Value::Null,
                        },
                    )
                };
                self.bump();
                drop(old);
                Ok(true)
            }
            Lookup::Vacant { .. } => Ok(false),
        }
    }

    /// `set.pop()`: the first live slot from the finger on; `None` when empty.
    pub fn pop(&self) -> Option<Value> {
        let mut t = self.table.borrow_mut();
        if t.used == 0 {
            return None;
        }
        let mask = t.mask();
        let mut i = t.finger & mask;
        while !t.slots[i].is_live() {
            i = if i == mask { 0 } else { i + 1 };
        }
        let e = std::mem::replace(
            &mut t.slots[i],
            Entry {
                hash: DUMMY_HASH,
                key: Value::Null,
            },
        );
        t.used -= 1;
        t.finger = i + 1;
        drop(t);
        self.bump();
        Some(e.key)
    }

    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.bump();
        drop(old);
    }

    /// The members in iteration (table) order.
    /// Calls `visit` with every member, in table order (the collector's view; `visit` must not
    /// touch the set).
    pub fn for_each(&self, visit: &mut dyn FnMut(&Value)) {
        for e in self.table.borrow().slots.iter() {
            if e.is_live() {
                visit(&e.key);
            }
        }
    }

    pub fn to_vec(&self) -> Vec<Value> {
        self.table
            .borrow()
            .slots
            .iter()
            .filter(|e| e.is_live())
            .map(|e| e.key.clone())
            .collect()
    }

    /// Members with their hashes, in table order.
    pub fn entries(&self) -> Vec<(Value, i64)> {
        self.table
            .borrow()
            .slots
            .iter()
            .filter(|e| e.is_live())
            .map(|e| (e.key.clone(), e.hash))
            .collect()
    }

    /// The live entry at table position `pos` or after it: `(next position, key)`; for
    /// iterators, which walk the table as CPython's `setiter_iternext` does.
    pub fn next_from(&self, pos: usize) -> Option<(usize, Value)> {
        let t = self.table.borrow();
        t.slots[pos.min(t.slots.len())..]
            .iter()
            .position(Entry::is_live)
            .map(|off| (pos + off + 1, t.slots[pos + off].key.clone()))
    }

    /// An independent copy with the same table layout (CPython's `set_merge` into an empty
    /// set of equal size copies slot for slot).
    pub fn copy(&self) -> PySet {
        let other = self.table.borrow();
        let mut t = Table::default();
        merge_into_empty(&mut t, &other);
        PySet {
            table: RefCell::new(t),
            mutations: Cell::new(0),
        }
    }

    /// `set_merge`: adds every member of `other` (whose hashes are known).
    pub fn update_from_set(&self, cx: &mut dyn KeyCx, other: &PySet) -> PyResult<()> {
        if std::ptr::eq(self, other) {
            return Ok(());
        }
        {
            let o = other.table.borrow();
            let mut t = self.table.borrow_mut();
            if o.used == 0 {
                return Ok(());
            }
            let mask = t.mask();
            if (t.fill + o.used) * 5 >= mask * 3 {
                let minused = (t.used + o.used) * 2;
                resize(&mut t, minused);
            }
            if t.fill == 0 {
                merge_into_empty(&mut t, &o);
                drop(t);
                self.bump();
                return Ok(());
            }
        }
        for (key, hash) in other.entries() {
            self.add_hashed(cx, key, hash)?;
        }
        Ok(())
    }

    /// Adds keys whose hashes are known (a dict's keys), growing first as CPython's
    /// `set_update_internal` does for a dict argument.
    pub fn update_from_hashed(&self, cx: &mut dyn KeyCx, items: Vec<(Value, i64)>) -> PyResult<()> {
        {
            let mut t = self.table.borrow_mut();
            let mask = t.mask();
            if (t.fill + items.len()) * 5 >= mask * 3 {
                let minused = (t.used + items.len()) * 2;
                resize(&mut t, minused);
            }
        }
        for (key, hash) in items {
            self.add_hashed(cx, key, hash)?;
        }
        Ok(())
    }

    /// CPython's `frozenset_hash`: an order-independent combination of the entry hashes.
    pub fn frozen_hash(&self) -> i64 {
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
        }
        let t = self.table.borrow();
        let mut hash: u64 = 0;
        for e in &t.slots {
            hash ^= shuffle(e.hash as u64);
        }
        if (t.slots.len() - t.fill) & 1 == 1 {
            hash ^= shuffle(0);
        }
        if (t.fill - t.used) & 1 == 1 {
            hash ^= shuffle(u64::MAX);
        }
        hash ^= (t.used as u64 + 1).wrapping_mul(1_927_868_237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
        if hash == u64::MAX {
            hash = 590_923_713;
        }
        hash as i64
    }
}

/// `set_merge` into a table with no fill: same size and no dummies → slot copy; else clean
/// inserts (no comparisons needed, the keys are distinct).
fn merge_into_empty(t: &mut Table, other: &Table) {
    if t.slots.len() == other.slots.len() && other.fill == other.used {
        t.slots = other.slots.clone();
        t.fill = other.used;
        t.used = other.used;
        return;
    }
    if other.used * 5 >= t.mask() * 3 {
        resize(t, other.used * 2);
    }
    let mask = t.mask();
    for e in other.slots.iter().filter(|e| e.is_live()) {
        insert_clean(&mut t.slots, mask, e.key.clone(), e.hash);
    }
    t.fill += other.used;
    t.used += other.used;
}

/// Inserts a key known to be absent into a table without dummies.
fn insert_clean(slots: &mut [Entry], mask: usize, key: Value, hash: i64) {
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        if slots[i].key.is_null() {
            slots[i] = Entry { hash, key };
            return;
        }
        if i + LINEAR_PROBES <= mask {
            if let Some(off) = slots[i + 1..=i + LINEAR_PROBES]
                .iter()
                .position(|e| e.key.is_null())
            {
                slots[i + 1 + off] = Entry { hash, key };
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

/// `n` unused slots, written directly (`vec![Entry::default(); n]` clones a value per slot).
fn empty_slots(n: usize) -> Vec<Entry> {
    let mut slots = Vec::with_capacity(n);
    slots.resize_with(n, Entry::default);
    slots
}

/// `set_table_resize`: the smallest power of two above `minused`, live keys reinserted in
/// old table order, dummies dropped.
fn resize(t: &mut Table, minused: usize) {
    let mut size = MIN_SIZE;
    while size <= minused {
        size <<= 1;
    }
    let old = std::mem::replace(&mut t.slots, empty_slots(size));
    let mask = size - 1;
    for e in old.into_iter().filter(Entry::is_live) {
        insert_clean(&mut t.slots, mask, e.key, e.hash);
    }
    t.fill = t.used;
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ints;

    impl KeyCx for Ints {
        fn hash(&mut self, key: &Value) -> PyResult<i64> {
            Ok(match key {
                Value::Int(i) => *i,
                _ => 0,
            })
        }
        fn eq(&mut self, _: &Value, _: &Value) -> PyResult<bool> {
            unreachable!("int keys compare without Python")
        }
    }

    fn ints(s: &PySet) -> Vec<i64> {
        s.to_vec()
            .iter()
            .map(|v| match v {
                Value::Int(i) => *i,
                _ => -999,
            })
            .collect()
    }

    fn set_of(items: &[i64]) -> PySet {
        let s = PySet::new();
        for &i in items {
            s.add(&mut Ints, Value::Int(i)).unwrap();
        }
        s
    }

    #[test]
    fn order_matches_cpython() {
        // Orders printed by python3.11.
        assert_eq!(ints(&set_of(&[3, 1, 2])), vec![1, 2, 3]);
        assert_eq!(ints(&set_of(&[100, 5, 37, 8])), vec![8, 37, 100, 5]);
        let big: Vec<i64> = (0..20).map(|i| i * 37 % 101).collect();
        assert_eq!(
            ints(&set_of(&big)),
            vec![0, 3, 10, 13, 20, 23, 30, 37, 40, 47, 50, 57, 60, 67, 74, 77, 84, 87, 94, 97]
        );
    }

    #[test]
    fn discard_pop_and_hash() {
        let s = set_of(&[1, 2, 3, 4]);
        assert!(s.discard(&mut Ints, &Value::Int(2)).unwrap());
        assert!(!s.discard(&mut Ints, &Value::Int(2)).unwrap());
        assert_eq!(ints(&s), vec![1, 3, 4]);
        assert!(matches!(s.pop(), Some(Value::Int(1))));
        assert_eq!(s.len(), 2);
        // hash(frozenset({1, 2, 3})) in CPython 3.11.
        assert_eq!(set_of(&[1, 2, 3]).frozen_hash(), -272_375_401_224_217_160);
        assert_eq!(PySet::new().frozen_hash(), 133_146_708_735_736);
    }
}
