//! Memory management beyond reference counting: the cycle collector and the trashcan.
//!
//! Reference counting (`Rc`) frees most objects the moment their last reference goes, as
//! CPython does. Two things it cannot do are handled here:
//!
//! - **Cycles.** Every container object is registered on creation (`track`). A collection
//!   runs CPython's algorithm over the registered objects of a generation: start from each
//!   object's strong count, subtract the references that come from other candidates, and what
//!   still has a count > 0 is referenced from outside (the VM's stack, globals, older objects)
//!   — it and everything it reaches survive; the rest is garbage, and clearing its contents
//!   breaks the cycles so reference counting frees it. Generations (young objects are examined
//!   often, survivors rarely) keep the cost proportional to new allocations.
//! - **Deep structures.** Dropping a million-deep nested list or linked list of instances
//!   would recurse a million Rust frames. Containers hand their contents to `release`, which
//!   drops them directly up to a small depth and queues the rest, draining the queue
//!   iteratively (CPython's "trashcan").
//!
//! - **Finalizers.** Garbage that owes a finalizer (`__del__`, a generator's `finally`) is not
//!   cleared: it is handed to the finalizer queue (`runtime::finalize`) and kept in the young
//!   generation; once the VM has run the finalizers it collects again (`rerun_wanted`), and
//!   what they did not resurrect is cleared then (PEP 442).
//!
//! The VM is single-threaded; the registry is thread-local so that constructors need no VM.

mod ptr_map;
mod trace;

use super::value::Value;
use ptr_map::PtrMap;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::{Rc, Weak};

/// A container object: the collector can see the values it holds and empty it.
pub trait Trace {
    /// Calls `visit` with every value the object holds.
    fn trace(&self, visit: &mut dyn FnMut(&Value));
    /// Drops every value the object holds (used only on unreachable cycles).
    fn clear(&self);
    /// The object itself, as a value, if it owes a finalizer that must run before it may be
    /// cleared (PEP 442: an instance whose class defines `__del__`, a generator suspended in a
    /// `try`). Marks it finalized, so this answers `Some` once.
    fn take_finalizer(self: Rc<Self>) -> Option<Value> {
        None
    }
    /// Whether `take_finalizer` would answer `Some` (without marking anything).
    fn owes_finalizer(&self) -> bool {
        false
    }
}

/// Young objects are collected after this many new container allocations (CPython's 700).
const YOUNG_THRESHOLD: usize = 700;
/// The middle generation is collected (with the young one) after this many young
/// collections, and a full collection considered after this many middle ones; it happens only
/// when the old generation grew by a quarter since the last one (CPython's three generations,
/// thresholds 700/10/10, and its rule against quadratic time).
const FULL_EVERY: usize = 10;

/// Which generations a collection examines.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Generation {
    Young,
    Middle,
    Full,
}

#[derive(Default)]
struct Registry {
    young: Vec<Weak<dyn Trace>>,
    /// `young.len()` at which `track` next looks at how many young objects are still alive.
    /// CPython counts allocations minus deallocations of tracked objects; here dead entries
    /// are pruned (cheaply: a strong-count read) once the registry reaches this length, and a
    /// collection is due only when at least `YOUNG_THRESHOLD` young objects are alive, so
    /// short-lived containers cost no collections.
    next_check: usize,
    /// Survivors of one young collection, examined again by middle collections.
    middle: Vec<Weak<dyn Trace>>,
    old: Vec<Weak<dyn Trace>>,
    young_collections: usize,
    middle_collections: usize,
    old_after_last_full: usize,
    enabled: bool,
    collecting: bool,
}

thread_local! {
    // Const-initialized: `track` runs for every new container, and a lazily initialized
    // thread-local would check its state on each access.
    static REGISTRY: RefCell<Registry> = const {
        RefCell::new(Registry {
            young: Vec::new(),
            next_check: YOUNG_THRESHOLD,
            middle: Vec::new(),
            old: Vec::new(),
            young_collections: 0,
            middle_collections: 0,
            old_after_last_full: 0,
            enabled: true,
            collecting: false,
        })
    };
    /// Set by `track` once a young collection is due (the VM's hot path reads only
    /// `finalize::attention`, which is raised with it).
    static DUE: Cell<bool> = const { Cell::new(false) };
    /// Set when a collection found garbage owing finalizers: once they have run, the VM
    /// collects again to clear what they did not resurrect.
    static RERUN: Cell<bool> = const { Cell::new(false) };
    static RELEASE_DEPTH: Cell<u32> = const { Cell::new(0) };
    static RELEASE_QUEUE: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    /// Whether `RELEASE_QUEUE` may hold values.
    static RELEASE_QUEUED: Cell<bool> = const { Cell::new(false) };
}

/// Registers a new container object with the cycle collector.
pub fn track<T: Trace + 'static>(object: &Rc<T>) {
    let weak: Weak<dyn Trace> = Rc::downgrade(object) as Weak<dyn Trace>;
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.young.push(weak);
        if r.young.len() >= r.next_check {
            check_young(&mut r);
        }
    });
}

/// Drops the registry entries of young objects that have died, and raises the collection
/// request when enough are still alive.
#[cold]
fn check_young(r: &mut Registry) {
    r.young.retain(|w| w.strong_count() > 0);
    let live = r.young.len();
    r.next_check = live + YOUNG_THRESHOLD;
    if live >= YOUNG_THRESHOLD && r.enabled && !r.collecting {
        DUE.with(|d| d.set(true));
        super::finalize::request_attention();
    }
}

/// `Rc::new` for a container object, registering it with the cycle collector.
#[inline]
pub fn tracked<T: Trace + 'static>(object: T) -> Rc<T> {
    let rc = Rc::new(object);
    track(&rc);
    rc
}

/// `Rc::new` for a tuple: tracked only when it holds something a cycle could pass through
/// (CPython leaves tuples of atoms untracked too).
#[inline]
pub fn tracked_tuple(tuple: super::types::tuple::PyTuple) -> Rc<super::types::tuple::PyTuple> {
    let may_cycle = tuple.items().iter().any(|v| {
        !matches!(
            v,
            Value::None
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
                | Value::BigInt(_)
                | Value::Str(_)
                | Value::NotImplemented
                | Value::Ellipsis
                | Value::Null
        )
    });
    let rc = Rc::new(tuple);
    if may_cycle {
        track(&rc);
    }
    rc
}

/// Whether enough containers were allocated that the VM should call `collect` at its next
/// safe point (a point where no object is borrowed).
#[inline]
pub fn collection_due() -> bool {
    DUE.with(Cell::get)
}

/// `gc.enable()` / `gc.disable()`.
pub fn set_enabled(enabled: bool) {
    REGISTRY.with(|r| r.borrow_mut().enabled = enabled);
}

pub fn is_enabled() -> bool {
    REGISTRY.with(|r| r.borrow().enabled)
}

/// Runs the collection that is due (young; middle every `FULL_EVERY` young ones; full every
/// `FULL_EVERY` middle ones if the old generation grew enough); returns the number of
/// unreachable objects found.
pub fn collect_due() -> usize {
    let generation = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.young_collections += 1;
        if r.young_collections < FULL_EVERY {
            return Generation::Young;
        }
        r.young_collections = 0;
        r.middle_collections += 1;
        if r.middle_collections >= FULL_EVERY
            && r.old.len() > r.old_after_last_full + r.old_after_last_full / 4
        {
            Generation::Full
        } else {
            Generation::Middle
        }
    });
    collect_generation(generation)
}

/// Collects the young generation, or every generation when `full` (`gc.collect()`). Returns
/// the number of objects cleared; 0 when the garbage owed finalizers, which are queued and
/// the garbage kept for the collection after them (`rerun_wanted`).
pub fn collect(full: bool) -> usize {
    collect_generation(if full {
        Generation::Full
    } else {
        Generation::Young
    })
}

fn collect_generation(generation: Generation) -> usize {
    let full = generation == Generation::Full;
    let candidates = REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        if r.collecting {
            return None;
        }
        r.collecting = true;
        DUE.with(|d| d.set(false));
        // Oldest first: the registry stays in allocation order (the exit-time order reads it).
        let young = std::mem::take(&mut r.young);
        r.next_check = YOUNG_THRESHOLD;
        let mut candidates = if full {
            r.young_collections = 0;
            r.middle_collections = 0;
            std::mem::take(&mut r.old)
        } else {
            Vec::new()
        };
        if generation != Generation::Young {
            let middle = std::mem::take(&mut r.middle);
            candidates.extend(middle);
        }
        candidates.extend(young);
        Some(candidates)
    });
    let Some(candidates) = candidates else {
        return 0;
    };
    let (survivors, garbage) = find_garbage(candidates);
    let owed: Vec<Value> = garbage
        .iter()
        .filter_map(|o| o.clone().take_finalizer())
        .collect();
    let (found, kept) = if owed.is_empty() {
        for object in &garbage {
            object.clear();
        }
        (garbage.len(), Vec::new())
    } else {
        let kept: Survivors = garbage.iter().map(Rc::downgrade).collect();
        (0, kept)
    };
    drop(garbage);
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        if generation == Generation::Young {
            r.middle.extend(survivors);
        } else {
            r.old.extend(survivors);
        }
        if full {
            r.old_after_last_full = r.old.len();
        }
        r.young.splice(0..0, kept);
        r.collecting = false;
    });
    if !owed.is_empty() {
        RERUN.with(|f| f.set(true));
        for object in owed {
            super::finalize::schedule(object);
        }
    }
    found
}

/// Whether a collection queued finalizers and wants to run again once they have run (and
/// resets the request).
pub fn rerun_wanted() -> bool {
    RERUN.with(|f| f.replace(false))
}

/// Whether any live object still owes a finalizer (exit-time finalization has nothing to
/// do otherwise, and skips its collections).
pub fn any_owed_finalizer() -> bool {
    REGISTRY.with(|r| {
        let r = r.borrow();
        r.old
            .iter()
            .chain(r.middle.iter())
            .chain(r.young.iter())
            .any(|w| w.upgrade().is_some_and(|o| o.owes_finalizer()))
    })
}

/// Each tracked object's address mapped to its rank in allocation order (oldest first).
pub fn allocation_ranks() -> HashMap<usize, usize> {
    REGISTRY.with(|r| {
        let r = r.borrow();
        r.old
            .iter()
            .chain(r.middle.iter())
            .chain(r.young.iter())
            .enumerate()
            .map(|(i, w)| (w.as_ptr() as *const () as usize, i))
            .collect()
    })
}

type Survivors = Vec<Weak<dyn Trace>>;

/// Splits the candidates into survivors (still referenced from outside the candidate set)
/// and garbage (reachable only from each other).
fn find_garbage(candidates: Vec<Weak<dyn Trace>>) -> (Survivors, Vec<Rc<dyn Trace>>) {
    let objects: Vec<Rc<dyn Trace>> = candidates.iter().filter_map(Weak::upgrade).collect();
    drop(candidates);
    let mut index = PtrMap::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        index.insert(Rc::as_ptr(o) as *const () as usize, i);
    }
    // External references: the strong count, minus our own `objects` handle, minus the
    // references held by other candidates.
    let mut refs: Vec<isize> = objects
        .iter()
        .map(|o| Rc::strong_count(o) as isize - 1)
        .collect();
    for object in &objects {
        object.trace(&mut |v| {
            if let Some(j) = container_index(&index, v) {
                refs[j] -= 1;
            }
        });
    }
    let mut reachable = vec![false; objects.len()];
    let mut work: Vec<usize> = (0..objects.len()).filter(|&i| refs[i] > 0).collect();
    for &i in &work {
        reachable[i] = true;
    }
    while let Some(i) = work.pop() {
        objects[i].trace(&mut |v| {
            if let Some(j) = container_index(&index, v) {
                if !reachable[j] {
                    reachable[j] = true;
                    work.push(j);
                }
            }
        });
    }
    let mut survivors = Vec::new();
    let mut garbage = Vec::new();
    for (object, alive) in objects.into_iter().zip(reachable) {
        if alive {
            survivors.push(Rc::downgrade(&object));
        } else {
            garbage.push(object);
        }
    }
    (survivors, garbage)
}

/// The candidate index of `v` when it is a container (strings, big ints and natives are
/// never tracked, so they skip the lookup).
#[inline]
fn container_index(index: &PtrMap, v: &Value) -> Option<usize> {
    let p = match v {
        Value::Tuple(o) => Rc::as_ptr(o) as usize,
        Value::List(o) => Rc::as_ptr(o) as usize,
        Value::Dict(o) => Rc::as_ptr(o) as usize,
        Value::Function(o) => Rc::as_ptr(o) as usize,
        Value::Class(o) => Rc::as_ptr(o) as usize,
        Value::Instance(o) => Rc::as_ptr(o) as usize,
        Value::Object(o) => Rc::as_ptr(o) as usize,
        _ => return None,
    };
    index.get(p)
}

/// Drops the contents of a container without deep recursion: past a small nesting depth the
/// values are queued and dropped iteratively by the outermost `release`.
pub fn release(values: impl IntoIterator<Item = Value>) {
    const MAX_DEPTH: u32 = 64;
    let depth = RELEASE_DEPTH.with(Cell::get);
    if depth >= MAX_DEPTH {
        // During thread teardown the queue may be gone: then drop in place.
        let mut values = values.into_iter();
        let _ = RELEASE_QUEUE.try_with(|q| q.borrow_mut().extend(&mut values));
        let _ = RELEASE_QUEUED.try_with(|f| f.set(true));
        values.for_each(drop);
        return;
    }
    RELEASE_DEPTH.with(|d| d.set(depth + 1));
    for v in values {
        drop(v);
    }
    // The queue is looked at only when something deep was queued (rare).
    if depth == 0 && RELEASE_QUEUED.with(|f| f.replace(false)) {
        loop {
            let next = RELEASE_QUEUE
                .try_with(|q| q.borrow_mut().pop())
                .ok()
                .flatten();
            match next {
                Some(v) => drop(v),
                None => break,
            }
        }
    }
    RELEASE_DEPTH.with(|d| d.set(depth));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::types::list::PyList;

    fn tracked_list(items: Vec<Value>) -> Rc<PyList> {
        let list = Rc::new(PyList::new(items));
        track(&list);
        list
    }

    #[test]
    fn collects_a_cycle_and_keeps_what_is_referenced() {
        let a = tracked_list(Vec::new());
        let b = tracked_list(vec![Value::List(a.clone())]);
        a.push(Value::List(b.clone()));
        let kept = tracked_list(vec![Value::Int(1)]);
        let weak_a = Rc::downgrade(&a);
        drop((a, b));
        assert!(
            weak_a.upgrade().is_some(),
            "a cycle survives reference counting"
        );
        assert_eq!(collect(true), 2);
        assert!(weak_a.upgrade().is_none(), "the collector freed the cycle");
        assert_eq!(kept.len(), 1);
    }

    #[test]
    fn deep_nesting_drops_without_recursing() {
        // Run on a small stack: recursion a million deep would overflow it.
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(|| {
                let mut v = Value::None;
                for _ in 0..1_000_000 {
                    v = Value::List(Rc::new(PyList::new(vec![v])));
                }
                drop(v);
            })
            .and_then(|h| h.join().map_err(|_| std::io::Error::other("panicked")))
            .expect("dropping a deep structure must not overflow the stack");
    }
}
