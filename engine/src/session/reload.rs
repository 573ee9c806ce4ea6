//! Edit-and-continue: re-running a file the session ran before keeps the code objects — and
//! with them the quickening state: specialized instructions, inline caches, counters, hit
//! counts — of every function and class whose text did not change; the ones that changed
//! start cold with new code.
//!
//! The database decides what changed: [`definitions`](crate::db::definitions::definitions)
//! gives every `def` and `class` of the new text (nested too) a fingerprint of its text that
//! ignores where it stands. The new module is compiled as usual; while its runtime code tree
//! is built, each nested code object of a definition is matched against the previous run's
//! by qualified name and fingerprint, and a match stands in for it. Equal text does not
//! always compile to equal code (a nested function's free variables depend on the enclosing
//! scopes, `from __future__ import annotations` on the module), so a match is confirmed by
//! comparing the compiled code itself, positions aside. A kept function that moved is
//! re-pointed ([`PyCode::shift_tree`]) so tracebacks, the profiler and inspectors show its
//! new lines. Running the module body then makes new function objects over the kept code.
//!
//! Re-running rebinds the module's globals. Replacing a value leaves the dict's keys version
//! alone, so warm `LOAD_GLOBAL` forms keep hitting; a run that adds or removes names changes
//! it, and [`revalidate_globals`] then re-points the kept forms at the new layout instead of
//! letting each one miss its way back to the adaptive form. The classes are new objects (the
//! class statements ran again, as in CPython), so kept instructions guarded on a class the
//! re-run replaced are sent back to the adaptive form, due at once: their next execution
//! specializes them for the new class ([`repoint_classes`]).

use crate::bytecode::{CodeObject, Constant, Opcode};
use crate::db::definitions::{DefKind, Definitions};
use crate::runtime::types::class::PyClass;
use crate::runtime::types::code::{LineShift, PyCode};
use crate::runtime::types::dict::PyDict;
use crate::runtime::value::Value;
use crate::runtime::Interner;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// What became of one function or class when its file ran again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReloadState {
    /// Unchanged: the previous run's code object, quickening state and all.
    Kept,
    /// Changed: new code, starting cold.
    Replaced,
    /// Not in the previous run.
    New,
    /// In the previous run, gone now.
    Removed,
}

/// One function or class of a re-run file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReloadItem {
    pub qualname: String,
    pub kind: DefKind,
    /// `co_firstlineno` in the new text (in the old one for a removed definition).
    pub line: u32,
    pub state: ReloadState,
}

/// What a re-run of a file kept and replaced (plain data for the REPL and the editor).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReloadSummary {
    pub filename: String,
    /// By line; removed definitions last.
    pub items: Vec<ReloadItem>,
}

impl ReloadSummary {
    /// The qualified names of the functions (not classes) in `state`.
    pub fn functions(&self, state: ReloadState) -> Vec<&str> {
        self.items
            .iter()
            .filter(|i| i.kind == DefKind::Function && i.state == state)
            .map(|i| i.qualname.as_str())
            .collect()
    }
}

/// A definition's code in a run, as the next run will look it up.
struct Entry {
    code: Rc<PyCode>,
    qualname: String,
    kind: DefKind,
    fingerprint: u64,
}

/// What the session remembers of a file's last run: the code of each of its definitions.
#[derive(Default)]
pub(crate) struct FileRecord {
    entries: Vec<Entry>,
}

impl FileRecord {
    /// The classes the file's module-level class statements bound, as the globals hold them
    /// now (before the file runs again).
    pub(crate) fn bound_classes(
        &self,
        globals: &PyDict,
        interner: &mut Interner,
    ) -> Vec<(String, Rc<PyClass>)> {
        self.entries
            .iter()
            .filter(|e| e.kind == DefKind::Class && !e.qualname.contains('.'))
            .filter_map(|e| match globals.get_str(&interner.intern(&e.qualname)) {
                Some(Value::Class(c)) => Some((e.qualname.clone(), c)),
                _ => None,
            })
            .collect()
    }
}

/// The matching for one run of a file: offers old code for new, then records the result.
pub(crate) struct Reloader<'a> {
    defs: &'a Definitions,
    old: Vec<Option<Entry>>,
    by_key: HashMap<(String, u64), Vec<usize>>,
    /// Every code object of the kept subtrees.
    kept: HashSet<*const PyCode>,
    /// The roots of the kept subtrees.
    kept_roots: Vec<Rc<PyCode>>,
}

impl<'a> Reloader<'a> {
    pub(crate) fn new(defs: &'a Definitions, previous: Option<FileRecord>) -> Reloader<'a> {
        let old: Vec<Option<Entry>> = previous
            .map(|r| r.entries.into_iter().map(Some).collect())
            .unwrap_or_default();
        let mut by_key: HashMap<(String, u64), Vec<usize>> = HashMap::new();
        for (i, e) in old.iter().enumerate() {
            if let Some(e) = e {
                by_key
                    .entry((e.qualname.clone(), e.fingerprint))
                    .or_default()
                    .push(i);
            }
        }
        Reloader {
            defs,
            old,
            by_key,
            kept: HashSet::new(),
            kept_roots: Vec::new(),
        }
    }

    /// The previous run's code to stand in for `new`, if `new` is a definition whose text
    /// and compiled code are unchanged; the kept code is moved to where its text is now.
    pub(crate) fn offer(&mut self, new: &Rc<CodeObject>) -> Option<Rc<PyCode>> {
        let def = self.defs.at(new.first_line, &new.name)?;
        let key = (new.qualname.to_string(), def.fingerprint);
        let candidates = self.by_key.get_mut(&key)?;
        let (pos, delta) = candidates.iter().enumerate().find_map(|(pos, &i)| {
            let entry = self.old[i].as_ref()?;
            equivalent(&entry.code, new).map(|delta| (pos, delta))
        })?;
        let index = candidates.remove(pos);
        let entry = self.old[index].take()?;
        entry.code.shift_tree(delta);
        super::walk(&entry.code, &mut |c| {
            self.kept.insert(Rc::as_ptr(c));
        });
        self.kept_roots.push(entry.code.clone());
        Some(entry.code)
    }

    /// The codes kept from the previous run (roots of kept subtrees).
    pub(crate) fn kept_roots(&self) -> &[Rc<PyCode>] {
        &self.kept_roots
    }

    /// Records the run whose module code is `root` for the next run, and says what it kept
    /// (`None` when there was no previous run to compare with).
    pub(crate) fn finish(
        self,
        root: &Rc<PyCode>,
        filename: &str,
        had_previous: bool,
    ) -> (FileRecord, Option<ReloadSummary>) {
        let old_names: HashSet<String> = self
            .by_key
            .keys()
            .map(|(q, _)| q.clone())
            .chain(self.old.iter().flatten().map(|e| e.qualname.clone()))
            .collect();
        let mut record = FileRecord::default();
        let mut items = Vec::new();
        let mut new_names = HashSet::new();
        super::walk(root, &mut |c| {
            let Some(def) = self.defs.at(c.first_line(), c.name.as_str()) else {
                return;
            };
            let qualname = c.qualname.as_str().to_owned();
            let state = if self.kept.contains(&Rc::as_ptr(c)) {
                ReloadState::Kept
            } else if old_names.contains(&qualname) {
                ReloadState::Replaced
            } else {
                ReloadState::New
            };
            items.push(ReloadItem {
                qualname: qualname.clone(),
                kind: def.kind,
                line: c.first_line(),
                state,
            });
            new_names.insert(qualname.clone());
            record.entries.push(Entry {
                code: c.clone(),
                qualname,
                kind: def.kind,
                fingerprint: def.fingerprint,
            });
        });
        items.sort_by_key(|i| i.line);
        let mut removed: Vec<ReloadItem> = Vec::new();
        for e in self.old.iter().flatten() {
            if !new_names.contains(&e.qualname) && !removed.iter().any(|r| r.qualname == e.qualname)
            {
                removed.push(ReloadItem {
                    qualname: e.qualname.clone(),
                    kind: e.kind,
                    line: e.code.first_line(),
                    state: ReloadState::Removed,
                });
            }
        }
        removed.sort_by_key(|i| i.line);
        items.extend(removed);
        let summary = had_previous.then(|| ReloadSummary {
            filename: filename.to_owned(),
            items,
        });
        (record, summary)
    }
}

/// How far `old`'s text moved to become `new`, if `new` compiled to the same code as `old`
/// apart from positions (which must all move by the same amount).
fn equivalent(old: &PyCode, new: &CodeObject) -> Option<LineShift> {
    if old.code.code.len() != new.code.len() || old.code.locations.len() != new.locations.len() {
        return None;
    }
    let now = old.shift();
    let bytes = old
        .code
        .locations
        .iter()
        .zip(&new.locations)
        .find(|(o, _)| o.line != 0)
        .map_or(0, |(o, n)| {
            i64::from(n.range.start) - (i64::from(o.range.start) + now.bytes)
        });
    let delta = LineShift {
        lines: i64::from(new.first_line) - i64::from(old.first_line()),
        bytes,
    };
    (shifted(&old.code, now.plus(delta)) == *new).then_some(delta)
}

/// `code` as it would have compiled from its text moved by `by`.
fn shifted(code: &CodeObject, by: LineShift) -> CodeObject {
    let mut out = code.clone();
    out.first_line = by.line(code.first_line);
    for l in &mut out.locations {
        *l = by.apply(*l);
    }
    for c in &mut out.consts {
        if let Constant::Code(child) = c {
            *c = Constant::Code(Rc::new(shifted(child, by)));
        }
    }
    out
}

/// Sends the kept code's specialized instructions guarded on a class that the run replaced
/// (`before`: the classes bound by name before it) back to the adaptive form, due at once, so
/// their next execution specializes them for the new class instead of missing on it. Hit
/// counts stay; no deopt is counted (nothing went wrong).
pub(crate) fn repoint_classes(
    kept: &[Rc<PyCode>],
    before: &[(String, Rc<PyClass>)],
    globals: &PyDict,
    interner: &mut Interner,
) {
    let replaced: HashSet<u32> = before
        .iter()
        .filter(
            |(name, old)| match globals.get_str(&interner.intern(name)) {
                Some(Value::Class(new)) => !Rc::ptr_eq(old, &new),
                _ => true,
            },
        )
        .map(|(_, old)| old.version.get())
        .filter(|&v| v != 0)
        .collect();
    if replaced.is_empty() {
        return;
    }
    let guarded = |v: &Value| match v {
        Value::Tuple(pairs) => pairs.items().iter().any(|p| match p {
            Value::Int(version) => u32::try_from(*version).is_ok_and(|v| replaced.contains(&v)),
            _ => false,
        }),
        _ => false,
    };
    for root in kept {
        super::walk(root, &mut |code| {
            for (cell, cache) in code.instrs.iter().zip(code.caches.iter()) {
                let instr = cell.get();
                let op = instr.opcode();
                if !op.is_specialized()
                    || matches!(op, Opcode::LoadGlobalModule | Opcode::LoadGlobalBuiltin)
                {
                    continue;
                }
                let words = [cache.version.get(), cache.aux.get(), cache.index.get()];
                let stale = words.iter().any(|w| replaced.contains(w))
                    || (cache.poly.get() && cache.value.with(guarded));
                if stale {
                    cell.set(crate::bytecode::Instr::new(op.base(), instr.arg()));
                    cache.value.set(Value::Null);
                    cache.poly.set(false);
                    cache.failed.set(false);
                    cache.counter.set(0);
                }
            }
        });
    }
}

/// Re-points the specialized `LOAD_GLOBAL` forms of the kept code at the globals' current
/// layout (the run may have added or removed names, which changes the keys version the forms
/// are guarded on). A name that is gone, or that now shadows a builtin, is left to miss.
pub(crate) fn revalidate_globals(kept: &[Rc<PyCode>], globals: &PyDict, builtins: &PyDict) {
    for root in kept {
        super::walk(root, &mut |code| {
            for (i, cell) in code.instrs.iter().enumerate() {
                let instr = cell.get();
                let op = instr.opcode();
                if !matches!(op, Opcode::LoadGlobalModule | Opcode::LoadGlobalBuiltin) {
                    continue;
                }
                let (Some(name), Some(cache)) = (
                    code.names.get((instr.arg() >> 1) as usize),
                    code.caches.get(i),
                ) else {
                    continue;
                };
                let in_globals = globals.index_of_str(name);
                if op == Opcode::LoadGlobalModule {
                    if let Some(index) = in_globals {
                        let version = globals.keys_version_for_cache();
                        if version != 0 {
                            cache.version.set(version);
                            cache.index.set(index as u32);
                        }
                    }
                } else if in_globals.is_none() {
                    if let Some(index) = builtins.index_of_str(name) {
                        let g = globals.keys_version_for_cache();
                        let b = builtins.keys_version_for_cache();
                        if g != 0 && b != 0 {
                            cache.version.set(g);
                            cache.aux.set(b);
                            cache.index.set(index as u32);
                        }
                    }
                }
            }
        });
    }
}
