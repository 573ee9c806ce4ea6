//! Superinstructions: pairs of neighbouring instructions run in one dispatch (CPython 3.11's
//! `LOAD_FAST__LOAD_FAST` and its kin, plus a local fused with the attribute or method load
//! that reads it). Installed once per code object when it is loaded with quickening on; the
//! second instruction of each pair stays in place, so jumps to it and its own specialization
//! are unaffected, and the pair's first slot still means its original instruction to every
//! reader but the dispatch loop (`Opcode::base`).

use crate::bytecode::{Instr, Opcode};
use crate::runtime::types::code::PyCode;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;

/// The superinstruction for `first` followed by an instruction of family `second`.
fn fused(first: Opcode, second: Opcode) -> Option<Opcode> {
    Opcode::ALL
        .iter()
        .copied()
        .find(|op| op.base() == first && op.second_half() == Some(second))
}

/// Whether a pair's fusion is worth more than a plain pair's: fusing the attribute load with
/// its owner also saves pushing the owner and popping it again.
fn prefers_own_pair(op: Opcode) -> bool {
    matches!(op, Opcode::LoadFastLoadAttr | Opcode::LoadFastLoadMethod)
}

/// Rewrites the pairs of `code` and of the code objects nested in it into superinstructions.
pub fn install(code: &PyCode) {
    let original = &code.code.code;
    let n = original.len();
    let pair = |i: usize| -> Option<Opcode> {
        let next = original.get(i + 1)?;
        fused(original[i].opcode(), next.opcode())
    };
    let mut i = 0;
    while i + 1 < n {
        if let Some(op) = pair(i) {
            // `LOAD_CONST x; LOAD_FAST self; LOAD_ATTR` fuses the second pair, not the first.
            if !prefers_own_pair(op) && pair(i + 1).is_some_and(prefers_own_pair) {
                i += 1;
                continue;
            }
            // Only an instruction still in its original form is rewritten.
            if code.instrs[i].get() == original[i] {
                code.instrs[i].set(Instr::new(op, original[i].arg()));
            }
        }
        i += 1;
    }
    for c in code.consts.iter() {
        if let Value::Object(o) = c {
            if let ObjKind::Code(inner) = &o.kind {
                install(inner);
            }
        }
    }
}
