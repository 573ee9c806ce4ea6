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
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize)]
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
    /// Samples per call stack, outermost function first (flame graphs).
    #[serde(skip)]
    pub stacks: HashMap<Vec<FunctionKey>, u64>,
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

    fn record_sample(&self) {
        let mut stack: Vec<(FunctionKey, u32)> = Vec::with_capacity(self.frames.len());
        for frame in &self.frames {
            let c = &frame.code().code;
            let line = c.line_of(frame.ip.saturating_sub(1));
            stack.push((
                FunctionKey {
                    filename: c.filename.to_string(),
                    qualname: c.qualname.to_string(),
                    first_line: c.first_line,
                },
                line,
            ));
        }
        ACTIVE.with(|a| {
            let a = a.borrow();
            let Some((_, shared)) = a.as_ref() else {
                return;
            };
            let Ok(mut profile) = shared.lock() else {
                return;
            };
            profile.total += 1;
            let path: Vec<FunctionKey> = stack.iter().map(|(k, _)| k.clone()).collect();
            *profile.stacks.entry(path).or_default() += 1;
            let mut seen: Vec<&FunctionKey> = Vec::new();
            for (i, (key, line)) in stack.iter().enumerate().rev() {
                let innermost = i + 1 == stack.len();
                if innermost {
                    *profile
                        .lines
                        .entry((key.filename.clone(), *line))
                        .or_default() += 1;
                    *profile
                        .function_lines
                        .entry((key.clone(), *line))
                        .or_default() += 1;
                }
                if seen.contains(&key) {
                    continue;
                }
                seen.push(key);
                let entry = profile.functions.entry(key.clone()).or_default();
                if innermost {
                    entry.0 += 1;
                }
                entry.1 += 1;
            }
        });
    }
}
