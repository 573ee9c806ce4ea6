//! Warm-up, backoff and cooldown, CPython 3.12's schedule (`pycore_backoff.h`):
//!
//! - an adaptive instruction tries to specialize on its second execution (most types are
//!   stable by then, and code run once — module and class bodies — is never specialized);
//! - a failed attempt waits `2^(backoff+1) - 1` executions before the next, doubling up to 4095;
//! - a specialized instruction deoptimizes after 53 misses (a prime, so that a value of another
//!   type every n-th execution does not alias with the budget), back to the adaptive form,
//!   which waits `2^d - 1` executions (d = deopts so far, at most 4) before trying again: a
//!   site whose type changed re-specializes almost at once (CPython 3.12 does at once), and a
//!   site that keeps flipping between types backs off a little.

use super::cache::InlineCache;

/// Executions before the first attempt.
pub const WARMUP: u16 = 1;
/// Misses a specialized form tolerates before deoptimizing.
pub const COOLDOWN: u16 = 52;
const MAX_BACKOFF: u8 = 12;
/// The counter of an instruction that must never specialize (`--no-quicken`).
pub const NEVER: u16 = u16::MAX;

/// After a failed attempt or a deopt: wait longer before the next attempt.
pub fn back_off(cache: &InlineCache) {
    let backoff = (cache.backoff.get() + 1).min(MAX_BACKOFF);
    cache.backoff.set(backoff);
    cache.counter.set((1u16 << backoff) - 1);
}

const MAX_DEOPT_BACKOFF: u16 = 4;

/// After a deopt.
pub fn after_deopt(cache: &InlineCache) {
    let d = cache.deopts.get().min(MAX_DEOPT_BACKOFF);
    cache.counter.set((1u16 << d) - 1);
}

/// After a successful specialization: the miss budget.
pub fn cool_down(cache: &InlineCache) {
    cache.counter.set(COOLDOWN);
}
