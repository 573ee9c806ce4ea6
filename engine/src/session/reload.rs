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
//! letting each one miss its way back to the adaptive form.

use crate::bytecode::{CodeObject, Constant, Opcode};
use crate::db::definitions::{DefKind, Definitions};
use crate::runtime::types::code::{LineShift, PyCode};
use crate::runtime::types::dict::PyDict;
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
