//! From a unit's instruction list to a `CodeObject`, following CPython 3.11's `assemble()`:
//! map cell/free variables to `localsplus` slots, insert the prefix (`COPY_FREE_VARS`,
//! `MAKE_CELL`, `RETURN_GENERATOR`/`POP_TOP`), fold constant conditions, compute stack depths
//! and exception handlers by walking the flow graph, drop unreachable code and redundant
//! `NOP`s/jumps, resolve labels to absolute instruction indexes and build the exception table.

use super::constant::truth;
use super::error::CompileError;
use super::ir::{ir_stack_effect, IrInstr, Op};
use super::unit::Unit;
use crate::bytecode::code::CodeFlags;
use crate::bytecode::{CodeObject, Constant, ExceptionEntry, Instr, LocalKind, Location, Opcode};
use crate::syntax::ast::Name;
use std::rc::Rc;

/// A handler in effect for an instruction: where it jumps and whether `lasti` is pushed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Handler {
    target: usize,
    lasti: bool,
}

pub(crate) fn assemble(mut unit: Unit, filename: &Rc<str>) -> Result<CodeObject, CompileError> {
    let (localsplus, kinds, cell_slots, free_base) = layout_locals(&unit);
    map_deref_args(&mut unit, &cell_slots, free_base);
    let mut instrs = prefix(&unit, &cell_slots);
    let shift = instrs.len() as u32;
    instrs.append(&mut unit.instrs);
    let end = instrs.len() as u32;
    let mut labels: Vec<usize> = unit
        .labels
        .iter()
        .map(|&p| {
            if p == u32::MAX {
                end as usize
            } else {
                (p + shift) as usize
            }
        })
        .collect();

    peephole(&mut instrs, &mut unit, &labels);
    thread_jumps(&mut instrs, &mut labels, &mut unit);
    // A block that ends by jumping to an exit may itself become an exit once inlined.
    for _ in 0..4 {
        if !inline_exit_blocks(&mut instrs, &mut labels) {
            break;
        }
    }
    duplicate_exits_without_lineno(&mut instrs, &mut labels, &mut unit);
    let target_of = |ins: &IrInstr| ins.target.map(|l| labels[l.0 as usize]);

    // Stack depths (and reachability).
    let n = instrs.len();
    let mut depth = vec![-1i32; n];
    let mut max_depth = 0i32;
    let mut todo: Vec<(usize, i32)> = vec![(0, 0)];
    while let Some((start, d0)) = todo.pop() {
        let (mut i, mut d) = (start, d0);
        while i < n {
            if depth[i] >= 0 {
                if depth[i] != d {
                    return Err(internal(&unit, "inconsistent stack depth"));
                }
                break;
            }
            depth[i] = d;
            let ins = instrs[i];
            if ins.op.is_jump() || ins.op.is_block_push() {
                let Some(t) = target_of(&ins) else {
                    return Err(internal(&unit, "jump without target"));
                };
                let td = d + ir_stack_effect(ins.op, ins.arg, true);
                if td < 0 || t >= n {
                    return Err(internal(&unit, "invalid jump"));
                }
                max_depth = max_depth.max(td);
                todo.push((t, td));
            }
            d += ir_stack_effect(ins.op, ins.arg, false);
            if d < 0 {
                return Err(internal(&unit, "stack underflow"));
            }
            max_depth = max_depth.max(d);
            if ins.op.is_terminator() {
                break;
            }
            i += 1;
        }
    }

    // Exception handlers: propagate the stack of active SETUPs along the flow.
    let mut handler: Vec<Option<Handler>> = vec![None; n];
    let mut seen = vec![false; n];
    let mut todo: Vec<(usize, Vec<Handler>)> = vec![(0, Vec::new())];
    while let Some((start, mut stack)) = todo.pop() {
        let mut i = start;
        while i < n && !seen[i] {
            seen[i] = true;
            let ins = instrs[i];
            match ins.op {
                Op::SetupFinally | Op::SetupCleanup | Op::SetupWith => {
                    let t = target_of(&ins).unwrap_or(n);
                    if t < n && !seen[t] {
                        todo.push((t, stack.clone()));
                    }
                    stack.push(Handler {
                        target: t,
                        lasti: ins.op != Op::SetupFinally,
                    });
                }
                Op::PopBlock => {
                    stack.pop();
                }
                _ => {
                    handler[i] = stack.last().copied();
                    if ins.op.is_jump() {
                        if let Some(t) = target_of(&ins) {
                            if t < n && !seen[t] {
                                todo.push((t, stack.clone()));
                            }
                        }
                    }
                }
            }
            if ins.op.is_terminator() {
                break;
            }
            i += 1;
        }
    }

    // Unreachable code goes; then, as CPython orders it: NOPs without a line go, locations
    // propagate (block pseudo-instructions included), and only then do the pseudo-
    // instructions become NOPs, kept when they are the only instruction of their line.
    let mut keep: Vec<bool> = depth.iter().map(|&d| d >= 0).collect();
    let mut is_target = vec![false; n + 1];
    for (i, ins) in instrs.iter().enumerate() {
        if keep[i] && ins.op.is_jump() {
            if let Some(t) = target_of(ins) {
                is_target[t.min(n)] = true;
            }
        }
    }
    for h in handler.iter().flatten() {
        is_target[h.target.min(n)] = true;
    }
    let mut new_index = vec![0u32; n + 1];
    remove_nops_and_jumps(&mut instrs, &mut keep, &is_target, &labels, &mut new_index);
    let handler_roots: Vec<usize> = handler.iter().flatten().map(|h| h.target).collect();
    propagate_locations(&mut instrs, &keep, &labels, &handler_roots, unit.first_line);
    for ins in instrs.iter_mut() {
        if matches!(
            ins.op,
            Op::SetupFinally | Op::SetupCleanup | Op::SetupWith | Op::PopBlock
        ) {
            ins.op = Op::Real(Opcode::Nop);
            ins.target = None;
        }
    }
    remove_nops_and_jumps(&mut instrs, &mut keep, &is_target, &labels, &mut new_index);

    let first_line = unit.first_line;
    let mut code = Vec::new();
    let mut locations = Vec::new();
    let mut table: Vec<ExceptionEntry> = Vec::new();
    for i in 0..n {
        if !keep[i] {
            continue;
        }
        let ins = instrs[i];
        let here = new_index[i];
        let (op, arg) = match (ins.op, target_of(&ins)) {
            (Op::JumpNoInterrupt, Some(t)) => (Opcode::Jump, new_index[t]),
            (Op::Real(Opcode::Jump), Some(t)) if new_index[t] <= here => {
                (Opcode::JumpBackward, new_index[t])
            }
            (Op::Real(op), Some(t)) => (op, new_index[t]),
            (Op::Real(op), None) => (op, ins.arg),
            _ => return Err(internal(&unit, "unresolved pseudo-instruction")),
        };
        if arg > Instr::MAX_ARG {
            return Err(internal(&unit, "instruction argument too large"));
        }
        code.push(Instr::new(op, arg));
        locations.push(ins.loc.unwrap_or_default());
        if let Some(h) = handler[i] {
            let hd = depth.get(h.target).copied().unwrap_or(-1);
            let entry_depth = hd - 1 - i32::from(h.lasti);
            if entry_depth < 0 {
                return Err(internal(&unit, "invalid handler depth"));
            }
            let entry = ExceptionEntry {
                start: here,
                end: here + 1,
                target: new_index[h.target.min(n)],
                depth: entry_depth as u32,
                push_lasti: h.lasti,
            };
            match table.last_mut() {
                Some(last)
                    if last.end == here
                        && last.target == entry.target
                        && last.depth == entry.depth
                        && last.push_lasti == entry.push_lasti =>
                {
                    last.end += 1
                }
                _ => table.push(entry),
            }
        }
    }

    let flags = unit.flags;
    trim_unused_consts(&mut unit.consts, &code);
    Ok(CodeObject {
        name: unit.name,
        qualname: unit.qualname,
        filename: filename.clone(),
        first_line,
        flags: CodeFlags(flags),
        argcount: unit.argcount,
        posonlyargcount: unit.posonlyargcount,
        kwonlyargcount: unit.kwonlyargcount,
        code,
        consts: unit.consts,
        names: unit.names,
        localsplus,
        localsplus_kinds: kinds,
        locations,
        exception_table: table,
        stack_size: max_depth as u32,
        docstring: unit.docstring,
    })
}

fn internal(unit: &Unit, what: &str) -> CompileError {
    CompileError::System {
        message: format!("internal compiler error in {}: {what}", unit.qualname),
    }
}

/// `localsplus`: variables (parameters first), cells that are not also variables, then free
/// variables. Returns the slot of each cell and the first free slot.
fn layout_locals(unit: &Unit) -> (Vec<Name>, Vec<LocalKind>, Vec<u32>, u32) {
    let mut names = unit.varnames.clone();
    let mut kinds = vec![LocalKind::Local; names.len()];
    let mut cell_slots = Vec::with_capacity(unit.cellvars.len());
    for cell in &unit.cellvars {
        match unit.varname_index(cell) {
            Some(i) => {
                kinds[i as usize] = LocalKind::Cell;
                cell_slots.push(i);
            }
            None => {
                cell_slots.push(names.len() as u32);
                names.push(cell.clone());
                kinds.push(LocalKind::Cell);
            }
        }
    }
    let free_base = names.len() as u32;
    for free in &unit.freevars {
        names.push(free.clone());
        kinds.push(LocalKind::Free);
    }
    (names, kinds, cell_slots, free_base)
}

fn map_deref_args(unit: &mut Unit, cell_slots: &[u32], free_base: u32) {
    let ncells = cell_slots.len() as u32;
    for ins in unit.instrs.iter_mut() {
        if let Op::Real(
            Opcode::LoadDeref
            | Opcode::StoreDeref
            | Opcode::DeleteDeref
            | Opcode::LoadClosure
            | Opcode::LoadClassderef,
        ) = ins.op
        {
            ins.arg = if ins.arg < ncells {
                cell_slots[ins.arg as usize]
            } else {
                free_base + ins.arg - ncells
            };
        }
    }
}

/// CPython's `insert_prefix_instructions`.
fn prefix(unit: &Unit, cell_slots: &[u32]) -> Vec<IrInstr> {
    let mut out = Vec::new();
    let plain = |op, arg, loc| IrInstr {
        op: Op::Real(op),
        arg,
        target: None,
        loc,
    };
    let no_loc = Some(Location::default());
    if !unit.freevars.is_empty() {
        out.push(plain(
            Opcode::CopyFreeVars,
            unit.freevars.len() as u32,
            no_loc,
        ));
    }
    let mut slots = cell_slots.to_vec();
    slots.sort_unstable();
    for slot in slots {
        out.push(plain(Opcode::MakeCell, slot, no_loc));
    }
    let generator = CodeFlags::GENERATOR | CodeFlags::COROUTINE | CodeFlags::ASYNC_GENERATOR;
    if unit.flags & generator != 0 {
        let loc = unit.instrs.first().and_then(|i| i.loc);
        out.push(plain(Opcode::ReturnGenerator, 0, loc));
        out.push(plain(Opcode::PopTop, 0, loc));
    }
    out
}

/// Positions where a label is bound: basic-block starts.
fn block_starts(n: usize, labels: &[usize]) -> Vec<bool> {
    let mut starts = vec![false; n + 1];
    for &p in labels {
        if p <= n {
            starts[p] = true;
        }
    }
    starts
}

fn real(ins: &IrInstr) -> Option<Opcode> {
    match ins.op {
        Op::Real(op) => Some(op),
        _ => None,
    }
}

fn nop(ins: &mut IrInstr) {
    ins.op = Op::Real(Opcode::Nop);
    ins.arg = 0;
    ins.target = None;
}

/// CPython's `optimize_basic_block` rewrites that matter for the code it emits: constant
/// conditions, `is None` tests, tuples of constants, `a, b = b, a` swaps and the
/// `PUSH_NULL; LOAD_GLOBAL` merge.
fn peephole(instrs: &mut [IrInstr], unit: &mut Unit, labels: &[usize]) {
    let starts = block_starts(instrs.len(), labels);
    fold_constant_jumps(instrs, &unit.consts, &starts);
    for i in 0..instrs.len() {
        let Some(op) = real(&instrs[i]) else { continue };
        let next = instrs.get(i + 1).filter(|_| !starts[i + 1]).and_then(real);
        match op {
            Opcode::PushNull if next == Some(Opcode::LoadGlobal) && instrs[i + 1].arg & 1 == 0 => {
                nop(&mut instrs[i]);
                instrs[i + 1].arg |= 1;
            }
            Opcode::LoadConst
                if next == Some(Opcode::IsOp)
                    && unit.consts.get(instrs[i].arg as usize) == Some(&Constant::None)
                    && !starts[i + 2.min(instrs.len())] =>
            {
                let jump = instrs.get(i + 2).and_then(real);
                if let Some(j @ (Opcode::PopJumpIfFalse | Opcode::PopJumpIfTrue)) = jump {
                    let is_not = instrs[i + 1].arg != 0;
                    let not_none = is_not ^ (j == Opcode::PopJumpIfFalse);
                    nop(&mut instrs[i]);
                    nop(&mut instrs[i + 1]);
                    instrs[i + 2].op = Op::Real(if not_none {
                        Opcode::PopJumpIfNotNone
                    } else {
                        Opcode::PopJumpIfNone
                    });
                }
            }
            Opcode::Swap if instrs[i].arg == 1 => nop(&mut instrs[i]),
            Opcode::Swap => {
                let last = swaptimize(instrs, i, &starts);
                apply_static_swaps(instrs, last, &starts);
            }
            Opcode::BuildTuple => {
                let n = instrs[i].arg as usize;
                if next == Some(Opcode::UnpackSequence) && instrs[i + 1].arg as usize == n {
                    match n {
                        1 => {
                            nop(&mut instrs[i]);
                            nop(&mut instrs[i + 1]);
                            continue;
                        }
                        2 | 3 => {
                            nop(&mut instrs[i]);
                            instrs[i + 1].op = Op::Real(Opcode::Swap);
                            continue;
                        }
                        _ => {}
                    }
                }
                if i >= n && (i + 1 - n..=i).all(|k| !starts[k] || k == i + 1 - n) {
                    let items: Option<Vec<Constant>> = instrs[i - n..i]
                        .iter()
                        .map(|x| {
                            (real(x) == Some(Opcode::LoadConst))
                                .then(|| unit.consts.get(x.arg as usize).cloned())
                                .flatten()
                        })
                        .collect();
                    if let Some(items) = items {
                        instrs[i - n..i].iter_mut().for_each(nop);
                        instrs[i].op = Op::Real(Opcode::LoadConst);
                        instrs[i].arg = unit.add_const(Constant::Tuple(items.into()));
                    }
                }
            }
            _ => {}
        }
    }
}

/// A run of `SWAP`s (and `NOP`s) is replaced by the fewest swaps with the same effect
/// (CPython's `swaptimize`). Returns the index of the run's last instruction.
fn swaptimize(instrs: &mut [IrInstr], at: usize, starts: &[bool]) -> usize {
    const VISITED: i64 = -1;
    let mut depth = instrs[at].arg as usize;
    let mut len = 1;
    let mut more = false;
    while at + len < instrs.len() && !starts[at + len] {
        match real(&instrs[at + len]) {
            Some(Opcode::Swap) => {
                depth = depth.max(instrs[at + len].arg as usize);
                more = true;
            }
            Some(Opcode::Nop) => {}
            _ => break,
        }
        len += 1;
    }
    if !more || depth == 0 {
        return at;
    }
    let mut stack: Vec<i64> = (0..depth as i64).collect();
    for ins in &instrs[at..at + len] {
        if real(ins) == Some(Opcode::Swap) {
            let k = (ins.arg as usize).saturating_sub(1).min(depth - 1);
            stack.swap(0, k);
        }
    }
    // Undo the permutation cycle by cycle, writing swaps from the end of the run.
    let mut current = len as i64 - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i as i64 {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 && current >= 0 {
                let ins = &mut instrs[at + current as usize];
                ins.op = Op::Real(Opcode::Swap);
                ins.arg = j as u32 + 1;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next = stack[j] as usize;
            stack[j] = VISITED;
            j = next;
        }
    }
    while current >= 0 {
        nop(&mut instrs[at + current as usize]);
        current -= 1;
    }
    at + len - 1
}

/// Instructions a `SWAP` can be folded into by exchanging them (CPython 3.11's `SWAPPABLE`).
fn swappable(ins: &IrInstr) -> bool {
    matches!(real(ins), Some(Opcode::StoreFast | Opcode::PopTop))
}

/// The next swappable instruction after `i` in the block, skipping `NOP`s; with `line`,
/// only on that line (moving stores across a line would be visible to tracing).
fn next_swappable(
    instrs: &[IrInstr],
    starts: &[bool],
    mut i: usize,
    line: Option<u32>,
) -> Option<usize> {
    loop {
        i += 1;
        if i >= instrs.len() || starts[i] {
            return None;
        }
        let ins = &instrs[i];
        if line.is_some() && ins.loc.map(|l| l.line) != line {
            return None;
        }
        if real(ins) == Some(Opcode::Nop) {
            continue;
        }
        return swappable(ins).then_some(i);
    }
}

/// `SWAP n` followed by stores: exchange the stores instead (CPython's `apply_static_swaps`),
/// walking left from `i` over the run of swaps.
fn apply_static_swaps(instrs: &mut [IrInstr], i: usize, starts: &[bool]) {
    let mut i = i as isize;
    while i >= 0 {
        let at = i as usize;
        i -= 1;
        let swap = instrs[at];
        if real(&swap) != Some(Opcode::Swap) {
            if real(&swap) == Some(Opcode::Nop) || swappable(&swap) {
                continue;
            }
            return;
        }
        let Some(j) = next_swappable(instrs, starts, at, None) else {
            return;
        };
        let line = instrs[j].loc.map(|l| l.line);
        let mut k = j;
        for _ in 1..swap.arg {
            match next_swappable(instrs, starts, k, line) {
                Some(next) => k = next,
                None => return,
            }
        }
        nop(&mut instrs[at]);
        instrs.swap(j, k);
    }
}

/// An unconditional jump to a small block that leaves the scope (`return`, `raise`) is
/// replaced by a copy of that block (CPython's `extend_block`, at most 4 instructions).
fn inline_exit_blocks(instrs: &mut Vec<IrInstr>, labels: &mut [usize]) -> bool {
    const MAX_COPY_SIZE: usize = 4;
    let n = instrs.len();
    let starts = block_starts(n, labels);
    let exit_block = |t: usize| -> Option<Vec<IrInstr>> {
        let mut block = Vec::new();
        for k in t..n {
            if k > t && starts[k] {
                return None;
            }
            let ins = instrs[k];
            block.push(ins);
            // Blocks with line numbers are not copied: their lines would be wrong.
            if block.len() > MAX_COPY_SIZE
                || ins.loc.is_some()
                || ins.op.is_jump()
                || ins.op.is_block_push()
            {
                return None;
            }
            if matches!(
                ins.op,
                Op::Real(Opcode::ReturnValue | Opcode::RaiseVarargs | Opcode::Reraise)
            ) {
                return Some(block);
            }
        }
        None
    };
    let mut copies: Vec<(usize, Vec<IrInstr>)> = Vec::new();
    for (i, ins) in instrs.iter().enumerate() {
        if ins.op == Op::Real(Opcode::Jump) {
            if let Some(t) = ins.target.map(|l| labels[l.0 as usize]) {
                if let Some(mut block) = exit_block(t) {
                    // The jump's location goes to the first copied instruction without one.
                    if block[0].loc.is_none() {
                        block[0].loc = ins.loc;
                    }
                    copies.push((i, block));
                }
            }
        }
    }
    if copies.is_empty() {
        return false;
    }
    let mut out = Vec::with_capacity(n + copies.len() * MAX_COPY_SIZE);
    let mut new_pos = vec![0usize; n + 1];
    let mut next_copy = copies.into_iter().peekable();
    for (i, ins) in instrs.iter().enumerate() {
        new_pos[i] = out.len();
        match next_copy.peek() {
            Some((at, _)) if *at == i => {
                if let Some((_, block)) = next_copy.next() {
                    out.extend(block);
                }
            }
            _ => out.push(*ins),
        }
    }
    new_pos[n] = out.len();
    for p in labels.iter_mut() {
        *p = new_pos[(*p).min(n)];
    }
    *instrs = out;
    true
}

fn is_exit(ins: &IrInstr) -> bool {
    matches!(
        ins.op,
        Op::Real(Opcode::ReturnValue | Opcode::RaiseVarargs | Opcode::Reraise)
    )
}

/// A location-less block that leaves the scope and is reached by several jumps gets one
/// copy per jump, so each carries the line of the jump that leads to it (CPython's
/// `duplicate_exits_without_lineno`).
fn duplicate_exits_without_lineno(
    instrs: &mut Vec<IrInstr>,
    labels: &mut Vec<usize>,
    unit: &mut Unit,
) {
    let n = instrs.len();
    let starts = block_starts(n, labels);
    let mut preds = vec![0u32; n + 1];
    for (i, ins) in instrs.iter().enumerate() {
        if ins.op.is_jump() {
            if let Some(t) = ins.target.map(|l| labels[l.0 as usize]) {
                preds[t.min(n)] += 1;
            }
        }
        if !ins.op.is_terminator() && i + 1 < n && starts[i + 1] {
            preds[i + 1] += 1;
        }
    }
    // The exit block at `t` when it has no locations at all: its end (exclusive).
    fn exit_end(instrs: &[IrInstr], starts: &[bool], t: usize) -> Option<usize> {
        let n = instrs.len();
        for k in t..n {
            if k > t && starts[k] {
                return None;
            }
            let ins = &instrs[k];
            if ins.loc.is_some() || ins.op.is_jump() || ins.op.is_block_push() {
                return None;
            }
            if is_exit(ins) {
                return Some(k + 1);
            }
        }
        None
    }
    // (insert position, copied block, label to bind at its start)
    let mut inserts: Vec<(usize, Vec<IrInstr>, usize)> = Vec::new();
    // CPython visits the jumping blocks newest first and puts each copy right after the
    // original, so the first jump keeps the original and later jumps get copies in order.
    for i in (0..n).rev() {
        let ins = instrs[i];
        if !ins.op.is_jump() || ins.op == Op::JumpNoInterrupt {
            continue;
        }
        let Some(t) = ins.target.map(|l| labels[l.0 as usize]) else {
            continue;
        };
        if t >= n || preds[t] <= 1 {
            continue;
        }
        let Some(end) = exit_end(instrs, &starts, t) else {
            continue;
        };
        let mut block = instrs[t..end].to_vec();
        block[0].loc = ins.loc;
        let label = unit.new_label();
        labels.push(0);
        instrs[i].target = Some(label);
        preds[t] -= 1;
        inserts.push((end, block, label.0 as usize));
    }
    if inserts.is_empty() {
        return;
    }
    inserts.reverse();
    inserts.sort_by_key(|(at, _, _)| *at);
    let mut out = Vec::with_capacity(n + inserts.len() * 2);
    let mut new_pos = vec![0usize; n + 1];
    let mut pending = inserts.into_iter().peekable();
    for i in 0..=n {
        while let Some((at, _, _)) = pending.peek() {
            if *at != i {
                break;
            }
            if let Some((_, block, label)) = pending.next() {
                labels[label] = usize::MAX - out.len();
                out.extend(block);
            }
        }
        new_pos[i] = out.len();
        if i < n {
            out.push(instrs[i]);
        }
    }
    for p in labels.iter_mut() {
        *p = if *p > usize::MAX / 2 {
            usize::MAX - *p
        } else {
            new_pos[(*p).min(n)]
        };
    }
    *instrs = out;
}

/// Instructions without a location take their predecessor's along normal control flow,
/// across a block boundary only into a block with a single predecessor (CPython's
/// `propagate_line_numbers`); exception handlers start without one. Exit blocks still
/// without a line then get the line of the last block before them that has one
/// (`guarantee_lineno_for_exits`).
fn propagate_locations(
    instrs: &mut [IrInstr],
    keep: &[bool],
    labels: &[usize],
    handlers: &[usize],
    first_line: u32,
) {
    let n = instrs.len();
    let next_kept = |i: usize| (i + 1..n).find(|&j| keep[j]);
    let mut preds = vec![0u32; n + 1];
    let mut block_start = vec![false; n + 1];
    for i in (0..n).filter(|&i| keep[i]) {
        let ins = &instrs[i];
        if ins.op.is_jump() {
            if let Some(t) = ins.target.map(|l| labels[l.0 as usize]) {
                let t = (t..n).find(|&j| keep[j]).unwrap_or(n);
                preds[t] += 1;
                block_start[t] = true;
            }
        }
        if let Some(j) = next_kept(i) {
            if !ins.op.is_terminator() {
                preds[j] += 1;
            }
            if ins.op.is_jump() || ins.op.is_terminator() {
                block_start[j] = true;
            }
        }
    }
    for &h in handlers {
        if let Some(t) = (h..n).find(|&j| keep[j]) {
            block_start[t] = true;
            preds[t] += 1;
        }
    }
    let mut seen = vec![false; n];
    let mut todo: Vec<(usize, Option<Location>)> =
        handlers.iter().rev().map(|&t| (t, None)).collect();
    todo.dedup();
    todo.push((0, None));
    while let Some((start, mut loc)) = todo.pop() {
        let mut i = start;
        let mut first = true;
        while i < n && !seen[i] {
            if !keep[i] {
                seen[i] = true;
                i += 1;
                continue;
            }
            if !first && block_start[i] && preds[i] > 1 {
                loc = None;
            }
            first = false;
            seen[i] = true;
            let ins = &mut instrs[i];
            match ins.loc {
                None => ins.loc = loc,
                Some(l) => loc = Some(l),
            }
            let ins = *ins;
            if let Some(t) = ins.target.map(|l| labels[l.0 as usize]) {
                if ins.op.is_jump() {
                    if let Some(t) = (t..n).find(|&j| keep[j]) {
                        if !seen[t] {
                            todo.push((t, if preds[t] == 1 { loc } else { None }));
                        }
                    }
                }
            }
            if ins.op.is_terminator() {
                break;
            }
            i += 1;
        }
    }
    // guarantee_lineno_for_exits
    let mut line = first_line;
    let mut block: Vec<usize> = Vec::new();
    for i in (0..n).filter(|&i| keep[i]) {
        if block_start[i] {
            block.clear();
        }
        block.push(i);
        let ends_block = instrs[i].op.is_jump()
            || instrs[i].op.is_terminator()
            || next_kept(i).is_none_or(|j| block_start[j]);
        if !ends_block {
            continue;
        }
        match instrs[i].loc {
            Some(l) => line = l.line,
            None if instrs[i].op == Op::Real(Opcode::ReturnValue) => {
                for &k in &block {
                    if instrs[k].loc.is_none() {
                        instrs[k].loc = Some(Location {
                            line,
                            range: Default::default(),
                        });
                    }
                }
            }
            None => {}
        }
    }
}

/// Drops trailing constants no instruction uses (CPython's `trim_unused_consts`).
fn trim_unused_consts(consts: &mut Vec<Constant>, code: &[Instr]) {
    let mut max = 0usize;
    for ins in code {
        if matches!(ins.opcode(), Opcode::LoadConst | Opcode::KwNames) {
            max = max.max(ins.arg() as usize);
        }
    }
    consts.truncate(max + 1);
}

/// `LOAD_CONST c` followed by a conditional jump becomes a `JUMP` or nothing.
fn fold_constant_jumps(instrs: &mut [IrInstr], consts: &[Constant], targets: &[bool]) {
    for i in 0..instrs.len().saturating_sub(1) {
        if instrs[i].op != Op::Real(Opcode::LoadConst) || targets[i + 1] {
            continue;
        }
        let Some(value) = consts.get(instrs[i].arg as usize).and_then(truth) else {
            continue;
        };
        let Op::Real(next) = instrs[i + 1].op else {
            continue;
        };
        match next {
            Opcode::PopJumpIfFalse | Opcode::PopJumpIfTrue => {
                instrs[i].op = Op::Real(Opcode::Nop);
                if value == (next == Opcode::PopJumpIfTrue) {
                    instrs[i + 1].op = Op::Real(Opcode::Jump);
                } else {
                    instrs[i + 1].op = Op::Real(Opcode::Nop);
                    instrs[i + 1].target = None;
                }
            }
            Opcode::JumpIfFalseOrPop | Opcode::JumpIfTrueOrPop => {
                if value == (next == Opcode::JumpIfTrueOrPop) {
                    instrs[i + 1].op = Op::Real(Opcode::Jump);
                } else {
                    instrs[i].op = Op::Real(Opcode::Nop);
                    instrs[i + 1].op = Op::Real(Opcode::Nop);
                    instrs[i + 1].target = None;
                }
            }
            _ => {}
        }
    }
}

/// Jump threading as CPython's `optimize_basic_block` does it, always only between jumps
/// on the same line: a jump to an unconditional `JUMP` goes to its target; a
/// `JUMP_IF_FALSE_OR_POP` landing on a false-test continues to that test's target, and one
/// landing on a true-test (which then cannot jump) becomes a `POP_JUMP_IF_FALSE` to the
/// instruction after it (and symmetrically for `JUMP_IF_TRUE_OR_POP`).
fn thread_jumps(instrs: &mut [IrInstr], labels: &mut Vec<usize>, unit: &mut Unit) {
    use Opcode::*;
    let line = |ins: &IrInstr| ins.loc.map(|l| l.line);
    for i in 0..instrs.len() {
        // Bounded, since jump chains may form cycles.
        for _ in 0..8 {
            let ins = instrs[i];
            let Some(op) = real(&ins) else { break };
            let Some(l) = ins.target else { break };
            let t = labels[l.0 as usize];
            let Some(target) = instrs.get(t).copied() else {
                break;
            };
            let Some(top) = real(&target) else { break };
            let Some(tl) = target.target else { break };
            if line(&ins) != line(&target) || labels[tl.0 as usize] == t {
                break;
            }
            let (new_op, new_label) = match (op, top) {
                (
                    Jump | PopJumpIfFalse | PopJumpIfTrue | PopJumpIfNone | PopJumpIfNotNone,
                    Jump,
                ) => (op, tl),
                (JumpIfFalseOrPop, PopJumpIfFalse) => (PopJumpIfFalse, tl),
                (JumpIfTrueOrPop, PopJumpIfTrue) => (PopJumpIfTrue, tl),
                (JumpIfFalseOrPop, Jump | JumpIfFalseOrPop)
                | (JumpIfTrueOrPop, Jump | JumpIfTrueOrPop) => (op, tl),
                (JumpIfFalseOrPop, JumpIfTrueOrPop | PopJumpIfTrue) => {
                    let after = unit.new_label();
                    labels.push(t + 1);
                    (PopJumpIfFalse, after)
                }
                (JumpIfTrueOrPop, JumpIfFalseOrPop | PopJumpIfFalse) => {
                    let after = unit.new_label();
                    labels.push(t + 1);
                    (PopJumpIfTrue, after)
                }
                _ => break,
            };
            instrs[i].op = Op::Real(new_op);
            instrs[i].target = Some(new_label);
        }
    }
}

/// Removes redundant `NOP`s and jumps to the next instruction until nothing changes, and
/// leaves in `new_index` each instruction's final index (the next kept one's for removed).
fn remove_nops_and_jumps(
    instrs: &mut [IrInstr],
    keep: &mut [bool],
    is_target: &[bool],
    labels: &[usize],
    new_index: &mut [u32],
) {
    let n = instrs.len();
    loop {
        remove_nops(instrs, keep, is_target);
        let mut next = 0u32;
        for i in 0..n {
            new_index[i] = next;
            if keep[i] {
                next += 1;
            }
        }
        new_index[n] = next;
        let mut changed = false;
        for i in 0..n {
            let ins = &mut instrs[i];
            if keep[i] && ins.op == Op::Real(Opcode::Jump) {
                if let Some(t) = ins.target.map(|l| labels[l.0 as usize]) {
                    if new_index[t] == new_index[i] + 1 {
                        ins.op = Op::Real(Opcode::Nop);
                        ins.target = None;
                        changed = true;
                    }
                }
            }
        }
        if !changed {
            return;
        }
    }
}

/// CPython's `remove_redundant_nops`: a `NOP` stays only when it is the sole instruction
/// carrying its line.
fn remove_nops(instrs: &mut [IrInstr], keep: &mut [bool], is_target: &[bool]) {
    let n = instrs.len();
    let mut prev_line: Option<u32> = None;
    let mut i = 0;
    while i < n {
        if !keep[i] {
            i += 1;
            continue;
        }
        if is_target[i] {
            prev_line = None;
        }
        let line = instrs[i].loc.map(|l| l.line).unwrap_or(0);
        if instrs[i].op == Op::Real(Opcode::Nop) {
            let next = (i + 1..n).find(|&j| keep[j]);
            let next_line = next.and_then(|j| instrs[j].loc).map(|l| l.line);
            let drop = line == 0
                || prev_line == Some(line)
                || match next {
                    Some(j) if is_target[j] => next_line == Some(line),
                    Some(j) if next_line.is_none() || next_line == Some(line) => {
                        instrs[j].loc = instrs[i].loc;
                        true
                    }
                    _ => false,
                };
            if drop {
                keep[i] = false;
                i += 1;
                continue;
            }
        }
        prev_line = Some(line);
        i += 1;
    }
}
