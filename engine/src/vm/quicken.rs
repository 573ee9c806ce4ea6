//! Quickening: the specializing adaptive interpreter's bookkeeping (PEP 659).
//!
//! A *family* is a base instruction the compiler emits plus specialized forms (the opcode
//! table in `bytecode/opcodes.rs` declares them; `Opcode::base` is the deopt map). Executing a
//! base instruction counts down its cache's counter; at zero the family's specializer
//! (`specialize.rs`) looks at the operands and rewrites the instruction in place into the
//! form that fits them, filling the inline cache — or records why it could not, and backs off.
//! A specialized form checks its guards (type version, shape, dict keys version) and runs its
//! fast path; when a guard fails it counts a miss and runs the family's generic path, and after
//! `counter::COOLDOWN` misses it deoptimizes back to the base instruction.
//!
//! Everything is recorded where tools can read it: per instruction in the inline cache,
//! per family in `stats::SpecStats`, and both through `inspect`.

pub mod cache;
pub mod counter;
pub mod failure;
pub mod inspect;
mod specialize;
pub(crate) use specialize::float_operands;
pub mod stats;
pub mod superinstr;

use super::Vm;
use crate::bytecode::{Instr, Opcode};
use crate::runtime::types::code::PyCode;
use crate::runtime::value::Value;
use cache::InlineCache;
use failure::Failure;

/// Whether the adaptive instruction at `at` should try to specialize now (its counter ran
/// out); otherwise counts one execution down.
#[inline(always)]
pub(crate) fn due(code: &PyCode, at: usize) -> bool {
    let c = &code.caches[at];
    let n = c.counter.get();
    if n == 0 {
        return true;
    }
    c.counter.set(n - 1);
    false
}

impl Vm {
    /// A compiled code object made runnable; with quickening on, its neighbouring pairs are
    /// fused into superinstructions right away (they need no warm-up: nothing is guessed).
    pub fn new_code(
        &mut self,
        code: std::rc::Rc<crate::bytecode::CodeObject>,
    ) -> std::rc::Rc<PyCode> {
        let code = PyCode::new(code, &mut self.interner);
        if self.quicken {
            superinstr::install(&code);
        }
        code
    }

    /// Counts a hit of the specialized form `op` at cache `c`.
    #[inline(always)]
    pub(crate) fn hit(&mut self, c: &InlineCache, op: Opcode) {
        c.hit();
        self.spec_stats.hits[op as usize] += 1;
    }

    /// Rewrites the instruction at `at` into `form` and fills its cache (the four cache words
    /// are the arguments, in `InlineCache` order).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn install(
        &mut self,
        code: &PyCode,
        at: usize,
        form: Opcode,
        version: u32,
        aux: u32,
        index: u32,
        value: Value,
    ) {
        let c = &code.caches[at];
        let arg = code.instrs[at].get().arg();
        code.instrs[at].set(Instr::new(form, arg));
        c.version.set(version);
        c.aux.set(aux);
        c.index.set(index);
        c.value.set(value);
        c.failed.set(false);
        c.poly.set(false);
        c.attempts.set(c.attempts.get().saturating_add(1));
        c.successes.set(c.successes.get().saturating_add(1));
        counter::cool_down(c);
        self.spec_stats.successes[form as usize] += 1;
    }

    /// Records a failed attempt at `at` and backs off.
    pub(crate) fn fail(&mut self, code: &PyCode, at: usize, failure: Failure) {
        let c = &code.caches[at];
        let family = code.instrs[at].get().opcode().base();
        let text = failure.text();
        self.spec_stats.record_failure(family, &text);
        c.failed.set(true);
        c.value.set(Value::str(&text));
        c.attempts.set(c.attempts.get().saturating_add(1));
        counter::back_off(c);
    }

    /// A specialized instruction's guard failed: count it, and deoptimize once the miss budget
    /// is spent. The caller then runs the generic path.
    #[inline(never)]
    pub(crate) fn miss(&mut self, code: &PyCode, at: usize) {
        let c = &code.caches[at];
        let instr = code.instrs[at].get();
        let op = instr.opcode();
        c.misses.set(c.misses.get().wrapping_add(1));
        self.spec_stats.misses[op as usize] += 1;
        let n = c.counter.get();
        if n > 0 {
            c.counter.set(n - 1);
            return;
        }
        code.instrs[at].set(Instr::new(op.base(), instr.arg()));
        c.deopts.set(c.deopts.get().saturating_add(1));
        self.spec_stats.deopts[op as usize] += 1;
        c.value.set(Value::Null);
        c.poly.set(false);
        counter::after_deopt(c);
    }

    /// Called by a specializer before it looks at anything: false (and the instruction never
    /// counts down again soon) under `--no-quicken`.
    pub(crate) fn may_specialize(&self, code: &PyCode, at: usize) -> bool {
        if !self.quicken {
            code.caches[at].counter.set(counter::NEVER);
            return false;
        }
        true
    }
}

/// `CALL_METHOD_DESCRIPTOR_FAST`'s `aux` for the set methods run without the call.
pub(crate) const SET_ADD: u32 = 1;
pub(crate) const SET_REMOVE: u32 = 2;
pub(crate) const SET_DISCARD: u32 = 3;
