//! Running finalizers: the VM's side of `runtime::finalize`.
//!
//! - `safe_point` is where the dispatch loop goes when the attention flag is up. The loop
//!   tests the flag at instruction boundaries where nothing is borrowed and before anything
//!   visible can happen: every call (`CALL`, `CALL_FUNCTION_EX`: `print` included), every
//!   backward jump, the start of exception unwinding, and the end of the module. So `x = None;
//!   print("after")` prints the `__del__` output first, as CPython does, while straight-line
//!   code pays nothing. A due collection runs there, then every queued finalizer, oldest first.
//! - `collect_garbage` is `gc.collect()`: a collection, the finalizers it queued, and the
//!   collection after them that clears what they did not resurrect (PEP 442).
//! - `finalize_main` is interpreter exit, in the order python3 3.11 shows for a script's
//!   globals: cycles already unreachable first; then the objects the module holds directly
//!   (or through instance attributes), in allocation order, with every global still bound;
//!   then the containers in the module (lists last item first, as `list_dealloc`); then the
//!   module dict is cleared as `_PyModule_ClearDict` does (`_name` first, each name set to
//!   None); a last collection takes the cycles that hung from it.
//!
//! An exception escaping a finalizer is reported as CPython's "Exception ignored in: …" on
//! stderr and goes no further.

use super::generator::generator_of;
use super::Vm;
use crate::runtime::error::PyErr;
use crate::runtime::finalize;
use crate::runtime::gc;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::instance::Attrs;
use crate::runtime::value::Value;
use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;

thread_local! {
    /// How many `run_finalizers` are active: a finalizer's own code drains what it drops
    /// (CPython runs those `__del__`s inside it), up to `MAX_NESTING`; deeper, they wait for
    /// the enclosing drain, which loops until the queue is empty (no Rust recursion without
    /// bound, even for a chain of a million objects with `__del__`).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// Queue entries below this index belong to enclosing drains (see `drain_queue`).
    static FLOOR: Cell<usize> = const { Cell::new(0) };
}

const MAX_NESTING: u32 = 8;

impl Vm {
    /// The slow path of the attention flag, at a safe point (a call or a backward jump: an
    /// instruction boundary, where nothing is borrowed).
    #[cold]
    #[inline(never)]
    pub(crate) fn safe_point(&mut self) {
        finalize::clear_attention();
        if gc::collection_due() {
            gc::collect_due();
        }
        self.run_finalizers();
    }

    /// Runs every queued finalizer (and the collections that follow finalizable garbage).
    pub fn run_finalizers(&mut self) {
        let depth = DEPTH.with(Cell::get);
        if depth >= MAX_NESTING {
            return;
        }
        DEPTH.with(|d| d.set(depth + 1));
        // A finalizer can run between `KW_NAMES` and its `CALL`, or inside a generator
        // resumption: keep what those instructions left for each other.
        let kwnames = self.pending_kwnames.take();
        let yielded = self.gen_yielded;
        loop {
            self.drain_queue();
            if !gc::rerun_wanted() {
                break;
            }
            gc::collect(false);
        }
        self.pending_kwnames = kwnames;
        self.gen_yielded = yielded;
        DEPTH.with(|d| d.set(depth));
        if gc::collection_due() || finalize::pending() {
            finalize::request_attention();
        }
    }

    /// Runs the queued finalizers of this level, oldest first: those queued since the
    /// finalizer being run (if any) started; older ones are left to the enclosing drain, so
    /// finalizers run in the order their objects died.
    fn drain_queue(&mut self) {
        let floor = FLOOR.with(Cell::get);
        while let Some(object) = finalize::next_scheduled_above(floor) {
            let inner = finalize::queued();
            FLOOR.with(|f| f.set(inner));
            self.finalize_one(object);
            FLOOR.with(|f| f.set(floor));
        }
    }

    /// Calls `object`'s finalizer: `__del__`, or `close()` for a generator.
    fn finalize_one(&mut self, object: Value) {
        // A finalizer is not part of the `except` block it may interrupt: its exceptions get
        // no `__context__` from there (as in CPython).
        let handled = std::mem::replace(&mut self.handled_exception, Value::None);
        self.call_finalizer(&object);
        self.handled_exception = handled;
        drop(object);
    }

    fn call_finalizer(&mut self, object: &Value) {
        match object {
            Value::Instance(_) => {
                let name = self.interner.intern("__del__");
                if let Some(del) = self.lookup_special(object, &name) {
                    if let Err(err) = self.call_special_found(&del, object, &[]) {
                        self.report_unraisable(&del, &err);
                    }
                }
            }
            Value::Object(o) if generator_of(o).is_some() => {
                if let Err(err) = self.generator_close(o) {
                    // Raised by `close` itself ("generator ignored GeneratorExit"): CPython's
                    // traceback shows the line whose drop closed it.
                    let bare = crate::vm::exceptions::exception_state(&err.exc)
                        .is_some_and(|s| s.traceback_entries.is_empty());
                    if bare {
                        if let Some(frame) = self.frames.last() {
                            let (code, at) = (frame.code_rc(), frame.ip.saturating_sub(1));
                            self.note_traceback(&err, &code, at as u32);
                        }
                    }
                    self.report_unraisable(object, &err);
                }
            }
            _ => {}
        }
    }

    /// CPython's `PyErr_WriteUnraisable`: "Exception ignored in: <obj>" and the traceback.
    pub(crate) fn report_unraisable(&mut self, culprit: &Value, err: &PyErr) {
        let name = self.repr(culprit).unwrap_or_else(|_| "<object>".to_owned());
        let report = self.format_exception(&err.exc);
        self.host
            .write_stderr(&format!("Exception ignored in: {name}\n{report}"));
    }

    /// `gc.collect()`: every generation, finalizers included; the number of unreachable
    /// objects found.
    pub fn collect_garbage(&mut self) -> usize {
        self.run_finalizers();
        let mut found = gc::collect(true);
        // Each round runs the finalizers the last one queued; bounded, since an object's
        // finalizer runs once.
        for _ in 0..8 {
            if !gc::rerun_wanted() {
                break;
            }
            self.drain_queue();
            found += gc::collect(true);
        }
        self.run_finalizers();
        found
    }

    /// Interpreter exit for the main module `globals` (see the module doc for the order).
    pub fn finalize_main(&mut self, globals: &Rc<PyDict>) {
        self.run_finalizers();
        if !gc::any_owed_finalizer() {
            // Nothing can run: skip the collections (the process is about to end anyway).
            return;
        }
        self.collect_garbage();
        // The objects held directly, in allocation order, everything still bound.
        let owed = owed_from_globals(globals);
        for object in owed {
            self.finalize_one(object);
            self.run_finalizers();
        }
        // The containers the module holds, in its order.
        let values: Vec<(Value, Value)> = (0..globals.dense_len())
            .filter_map(|i| globals.entry_at(i))
            .collect();
        for (key, value) in values {
            if matches!(&key, Value::Str(k) if k.as_str() == "__builtins__") {
                continue;
            }
            match &value {
                Value::List(l) => {
                    let items = std::mem::take(&mut *l.borrow_mut());
                    gc::release(items.into_iter().rev());
                }
                Value::Dict(d) if !Rc::ptr_eq(d, globals) => d.clear(),
                Value::Instance(i) => gc::Trace::clear(&**i),
                Value::Tuple(t) if Rc::strong_count(t) == 2 => {
                    if let Value::Str(k) = &key {
                        globals.set_str(k.clone(), Value::None);
                    }
                }
                _ => {}
            }
            drop(value);
            self.run_finalizers();
        }
        // `_PyModule_ClearDict`: names starting with one underscore, then the rest (but
        // `__builtins__`), each set to None.
        for underscore_pass in [true, false] {
            let keys: Vec<Value> = (0..globals.dense_len())
                .filter_map(|i| globals.entry_at(i))
                .map(|(k, _)| k)
                .collect();
            for key in keys {
                let Value::Str(k) = &key else { continue };
                let name = k.as_str();
                let selected = if underscore_pass {
                    name.starts_with('_') && !name.starts_with("__")
                } else {
                    name != "__builtins__"
                };
                if selected {
                    globals.set_str(k.clone(), Value::None);
                    self.run_finalizers();
                }
            }
        }
        self.collect_garbage();
        // What user code stored in `builtins` goes last (CPython clears that dict last).
        let builtins = self.builtins.clone();
        for object in owed_from_globals(&builtins) {
            self.finalize_one(object);
            self.run_finalizers();
        }
    }
}

/// The finalizable objects reachable from `globals` through global names and instance
/// attributes, in allocation order; each is marked finalized.
fn owed_from_globals(globals: &Rc<PyDict>) -> Vec<Value> {
    let mut seen: HashSet<usize> = HashSet::new();
    let mut work: Vec<Value> = (0..globals.dense_len())
        .filter_map(|i| globals.entry_at(i))
        .map(|(_, v)| v)
        .rev()
        .collect();
    let mut owed = Vec::new();
    while let Some(value) = work.pop() {
        let Some(ptr) = value.heap_ptr() else {
            continue;
        };
        if !seen.insert(ptr) {
            continue;
        }
        match &value {
            Value::Instance(i) => {
                match &*i.attrs.borrow() {
                    Attrs::Shaped { values, .. } => work.extend(values.iter().rev().cloned()),
                    Attrs::Dict(d) => {
                        let mut vals: Vec<Value> =
                            d.entries().iter().map(|e| e.value.clone()).collect();
                        vals.reverse();
                        work.extend(vals);
                    }
                }
                work.extend(i.slot_values.borrow().iter().rev().map(|(_, v)| v.clone()));
                if !i.finalized.get() && finalize::class_has_del(i.class()) {
                    i.finalized.set(true);
                    owed.push(value.clone());
                }
            }
            Value::Object(o) => {
                if let Some(g) = generator_of(o) {
                    if g.take_close_debt() {
                        owed.push(value.clone());
                    }
                }
            }
            _ => {}
        }
    }
    if owed.len() > 1 {
        let ranks = gc::allocation_ranks();
        owed.sort_by_key(|v| {
            v.heap_ptr()
                .and_then(|p| ranks.get(&p).copied())
                .unwrap_or(usize::MAX)
        });
    }
    owed
}
