//! A sampling profiler that rides on the interrupt flag, so the dispatch loop pays nothing
//! for it: a timer thread ([`Sampler`]) raises `Vm::interrupt` every few hundred
//! microseconds, and the loop's existing interrupt check (at backward jumps, and at function
//! entry) lands in [`Vm::interrupt_or_sample`], which records where every frame stands and
//! resumes unless a real interrupt was asked for.
//!
//! Samples are taken only where the flag is checked (a loop's back edge or a call), so a
//! straight-line stretch is attributed to the next check point in the same frame.
//! Call counts are exact: `RESUME` counts function entries in its inline cache's `hits`.

use super::Vm;
use crate::runtime::error::PyErr;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where a function is: file, qualified name, first line.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct FunctionKey {
    pub filename: String,
    pub qualname: String,
    pub first_line: u32,
}

/// Sample counts gathered during one or more runs.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Profile {
    /// All samples taken.
    pub total: u64,
    /// Samples whose innermost frame was on this (file, line).
    #[serde(skip)]
    pub lines: HashMap<(String, u32), u64>,
    /// Per function: samples with the function innermost (self), and with it anywhere on
    /// the stack (total; a recursive function counts once per sample).
    #[serde(skip)]
    pub functions: HashMap<FunctionKey, (u64, u64)>,
    /// Samples per (function, line) with the function innermost: per-line profiles that stay
    /// apart when several inputs share a file name (the REPL's `<stdin>`).
    #[serde(skip)]
    pub function_lines: HashMap<(FunctionKey, u32), u64>,
    /// Samples per call stack of code addresses, outermost first (see [`Profile::stacks`]).
    #[serde(skip)]
    stack_ids: HashMap<Vec<usize>, u64>,
    /// The key of each code object seen, by address (valid while the profiled code lives,
    /// which is the whole run: the frames being sampled hold their code).
    #[serde(skip)]
    keys: HashMap<usize, FunctionKey>,
}

impl Profile {
    /// Samples per call stack, outermost function first (flame graphs).
    pub fn stacks(&self) -> HashMap<Vec<FunctionKey>, u64> {
        let mut out: HashMap<Vec<FunctionKey>, u64> = HashMap::new();
        for (ids, n) in &self.stack_ids {
            let path: Vec<FunctionKey> = ids
                .iter()
                .filter_map(|id| self.keys.get(id).cloned())
                .collect();
            *out.entry(path).or_default() += n;
        }
        out
    }
}

/// Flags shared between the VM thread and whoever asks for samples or an interrupt.
#[derive(Clone, Default)]
pub struct ProfileFlags {
    /// A sample is due.
    pub sample: Arc<AtomicBool>,
    /// The embedder asked for a `KeyboardInterrupt` (as opposed to a sample).
    pub user_interrupt: Arc<AtomicBool>,
}

/// A profile that other threads may read while the VM records into it (a live view).
pub type SharedProfile = Arc<Mutex<Profile>>;

thread_local! {
    /// The profile being recorded on this thread's VM, with its flags.
    static ACTIVE: RefCell<Option<(ProfileFlags, SharedProfile)>> = const { RefCell::new(None) };
}

/// Starts recording on the current thread (the VM's); samples accumulate into `profile`.
pub fn start(flags: ProfileFlags, profile: Profile) {
    start_shared(flags, Arc::new(Mutex::new(profile)));
}

/// Starts recording into a profile that others can read as it grows.
pub fn start_shared(flags: ProfileFlags, profile: SharedProfile) {
    ACTIVE.with(|a| *a.borrow_mut() = Some((flags, profile)));
}

/// Stops recording on the current thread and returns what was recorded.
pub fn stop() -> Option<Profile> {
    let (_, shared) = ACTIVE.with(|a| a.borrow_mut().take())?;
    Some(match Arc::try_unwrap(shared) {
        Ok(m) => m.into_inner().unwrap_or_else(|p| p.into_inner()),
        Err(shared) => shared.lock().map(|p| p.clone()).unwrap_or_default(),
    })
}

/// The timer thread that requests samples; dropping it stops the thread.
pub struct Sampler {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sampler {
    /// Requests a sample every `period` by raising `interrupt` with `flags.sample` set.
    pub fn spawn(flags: ProfileFlags, interrupt: Arc<AtomicBool>, period: Duration) -> Sampler {
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let thread = std::thread::Builder::new()
            .name("adder-sampler".into())
            .spawn(move || {
                while !stop2.load(Ordering::Relaxed) {
                    std::thread::sleep(period);
                    flags.sample.store(true, Ordering::Relaxed);
                    interrupt.store(true, Ordering::Release);
                }
            })
            .ok();
        Sampler { stop, thread }
    }
}

impl Drop for Sampler {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Vm {
    /// The interrupt flag was found set at a point where raising is allowed: record a sample
    /// if one is due, and return the `KeyboardInterrupt` to raise if one was asked for.
    /// Without an active profile every interrupt is a user interrupt (the command line's
    /// Ctrl-C).
    pub(crate) fn interrupt_or_sample(&mut self) -> Option<PyErr> {
        let Some(user) = self.take_sample() else {
            return Some(self.keyboard_interrupt());
        };
        user.then(|| self.keyboard_interrupt())
    }

    /// The interrupt flag was found set at function entry, where only sampling happens: a
    /// user interrupt stays pending until the next back edge.
    pub(crate) fn sample_at_entry(&mut self) {
        if self.take_sample() == Some(true) {
            self.interrupt.store(true, Ordering::Relaxed);
        }
    }

    /// Clears the flag and records a sample if one is due. `None` when no profile is
    /// active; otherwise whether a user interrupt is pending.
    fn take_sample(&mut self) -> Option<bool> {
        let (due, user) = ACTIVE.with(|a| {
            let a = a.borrow();
            let (flags, _) = a.as_ref()?;
            self.interrupt.store(false, Ordering::Relaxed);
            Some((
                flags.sample.swap(false, Ordering::Relaxed),
                flags.user_interrupt.swap(false, Ordering::Relaxed),
            ))
        })?;
        if due {
            self.record_sample();
        }
        Some(user)
    }

    /// Records where every frame stands. Runs thousands of times a second inside the
    /// measured program, so it allocates only for code, stacks and lines not seen before.
    fn record_sample(&self) {
        let mut ids: Vec<usize> = Vec::with_capacity(self.frames.len());
        let mut innermost = None;
        for frame in &self.frames {
            let c = &*frame.code().code;
            ids.push(c as *const crate::bytecode::CodeObject as usize);
            innermost = Some((c, frame.code().line_of(frame.ip.saturating_sub(1))));
        }
        let Some((code, line)) = innermost else {
            return;
        };
        ACTIVE.with(|a| {
            let a = a.borrow();
            let Some((_, shared)) = a.as_ref() else {
                return;
            };
            let Ok(mut guard) = shared.lock() else {
                return;
            };
            let Profile {
                total,
                lines,
                functions,
                function_lines,
                stack_ids,
                keys,
            } = &mut *guard;
            *total += 1;
            for (frame, &id) in self.frames.iter().zip(&ids) {
                keys.entry(id).or_insert_with(|| {
                    let c = &frame.code().code;
                    FunctionKey {
                        filename: c.filename.to_string(),
                        qualname: c.qualname.to_string(),
                        first_line: frame.code().first_line(),
                    }
                });
            }
            bump(stack_ids, &ids[..], || ids.clone());
            *lines.entry((code.filename.to_string(), line)).or_default() += 1;
            let Some(last) = ids.last().and_then(|id| keys.get(id)) else {
                return;
            };
            match function_lines.get_mut(&(last.clone(), line)) {
                Some(n) => *n += 1,
                None => {
                    function_lines.insert((last.clone(), line), 1);
                }
            }
            for (i, id) in ids.iter().enumerate().rev() {
                // A recursive function counts once per sample in its total.
                if ids[i + 1..].contains(id) {
                    continue;
                }
                let Some(key) = keys.get(id) else { continue };
                let innermost = u64::from(i + 1 == ids.len());
                match functions.get_mut(key) {
                    Some(entry) => {
                        entry.0 += innermost;
                        entry.1 += 1;
                    }
                    None => {
                        functions.insert(key.clone(), (innermost, 1));
                    }
                }
            }
        });
    }
}

/// Adds one to `map[key]`, building the owned key only when it is new.
fn bump<K, Q>(map: &mut HashMap<K, u64>, key: &Q, owned: impl FnOnce() -> K)
where
    K: std::hash::Hash + Eq + std::borrow::Borrow<Q>,
    Q: std::hash::Hash + Eq + ?Sized,
{
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(owned(), 1);
        }
    }
}
