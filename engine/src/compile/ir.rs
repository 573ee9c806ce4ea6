//! The compiler's intermediate form: a flat list of instructions per code unit, with jumps
//! to symbolic labels and CPython's block pseudo-instructions (`SETUP_FINALLY`, …) still in
//! place. `assemble` turns it into a `CodeObject`.

use crate::bytecode::{Location, Opcode};

/// A jump target, bound to a position in the unit's instruction list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Label(pub u32);

/// A real opcode, or one of CPython's pseudo-instructions that exist only until assembly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Real(Opcode),
    /// Installs an exception handler at the target (the exception is pushed).
    SetupFinally,
    /// Like `SetupFinally`, but the handler also gets `lasti` below the exception.
    SetupCleanup,
    /// A `with` handler: like `SetupCleanup`, with the `__enter__` result not yet popped.
    SetupWith,
    /// Removes the innermost handler.
    PopBlock,
    /// An unconditional jump that never checks interrupts (the `yield from`/`await` loop);
    /// assembled as `JUMP` whatever its direction.
    JumpNoInterrupt,
}

/// One instruction. `target` is set exactly for jumps and block set-ups; `loc` is `None` for
/// instructions CPython emits without a location (they inherit one from their predecessor).
#[derive(Clone, Copy, Debug)]
pub(crate) struct IrInstr {
    pub op: Op,
    pub arg: u32,
    pub target: Option<Label>,
    pub loc: Option<Location>,
}

impl Op {
    pub fn is_block_push(self) -> bool {
        matches!(self, Op::SetupFinally | Op::SetupCleanup | Op::SetupWith)
    }

    /// Whether control never falls through to the next instruction.
    pub fn is_terminator(self) -> bool {
        match self {
            Op::JumpNoInterrupt => true,
            Op::Real(op) => matches!(
                op,
                Opcode::Jump
                    | Opcode::JumpBackward
                    | Opcode::ReturnValue
                    | Opcode::RaiseVarargs
                    | Opcode::Reraise
            ),
            _ => false,
        }
    }

    /// Whether the instruction transfers control to its `target` (block set-ups excluded).
    pub fn is_jump(self) -> bool {
        match self {
            Op::JumpNoInterrupt => true,
            Op::Real(op) => is_jump_opcode(op),
            _ => false,
        }
    }
}

/// Opcodes whose argument is a jump target (an instruction index once assembled).
pub fn is_jump_opcode(op: Opcode) -> bool {
    matches!(
        op.base(),
        Opcode::Jump
            | Opcode::JumpBackward
            | Opcode::PopJumpIfFalse
            | Opcode::PopJumpIfTrue
            | Opcode::PopJumpIfNone
            | Opcode::PopJumpIfNotNone
            | Opcode::JumpIfFalseOrPop
            | Opcode::JumpIfTrueOrPop
            | Opcode::ForIter
            | Opcode::Send
    )
}

/// Net stack effect of `op` with `arg`, on the jump edge when `jump` (CPython's
/// `stack_effect`). `RETURN_GENERATOR` counts +1: the first resumption pushes the sent value
/// that the following `POP_TOP` discards.
pub fn stack_effect(op: Opcode, arg: u32, jump: bool) -> i32 {
    use Opcode::*;
    let arg_i = arg as i32;
    match op.base() {
        Nop | Resume | MakeCell | CopyFreeVars | Swap | DeleteFast | DeleteName | DeleteGlobal
        | DeleteDeref | LoadAttr | UnaryPositive | UnaryNegative | UnaryNot | UnaryInvert
        | ListToTuple | Jump | JumpBackward | GetIter | GetYieldFromIter | YieldValue | KwNames
        | CheckExcMatch | CheckEgMatch | SetupAnnotations | GetAwaitable | GetAiter
        | AsyncGenWrap => 0,
        PopTop | StoreFast | StoreName | StoreGlobal | StoreDeref | DeleteAttr | BinaryOp
        | CompareOp | IsOp | ContainsOp | BinarySubscr | ListAppend | SetAdd | ListExtend
        | SetUpdate | DictUpdate | DictMerge | PopJumpIfFalse | PopJumpIfTrue | PopJumpIfNone
        | PopJumpIfNotNone | ReturnValue | Reraise | PopExcept | PrepReraiseStar | ImportName
        | ImportStar | PrintExpr => -1,
        PushNull | Copy | LoadConst | LoadFast | LoadName | LoadClosure | LoadDeref
        | LoadClassderef | LoadMethod | LoadBuildClass | PushExcInfo | WithExceptStart
        | BeforeWith | BeforeAsyncWith | LoadAssertionError | ImportFrom | MatchMapping
        | MatchSequence | MatchKeys | GetLen | GetAnext | ReturnGenerator => 1,
        LoadGlobal => 1 + (arg_i & 1),
        StoreAttr | MapAdd | DeleteSubscr | MatchClass | EndAsyncFor => -2,
        StoreSubscr => -3,
        BuildSlice if arg == 3 => -2,
        BuildSlice => -1,
        BuildTuple | BuildList | BuildSet | BuildString => 1 - arg_i,
        BuildMap => 1 - 2 * arg_i,
        BuildConstKeyMap => -arg_i,
        FormatValue if arg & 4 != 0 => -1,
        FormatValue => 0,
        JumpIfFalseOrPop | JumpIfTrueOrPop => i32::from(jump) - 1,
        ForIter if jump => -1,
        ForIter => 1,
        Send => -i32::from(jump),
        Call => -arg_i - 1,
        CallFunctionEx => -2 - (arg_i & 1),
        MakeFunction => -((arg & 0xF).count_ones() as i32),
        RaiseVarargs => -arg_i,
        UnpackSequence => arg_i - 1,
        UnpackEx => (arg_i & 0xFF) + (arg_i >> 8),
        // Every specialized opcode has a base handled above.
        _ => 0,
    }
}

/// Stack effect of an IR instruction (pseudo-instructions included).
pub fn ir_stack_effect(op: Op, arg: u32, jump: bool) -> i32 {
    match op {
        Op::Real(op) => stack_effect(op, arg, jump),
        Op::SetupFinally | Op::SetupWith => i32::from(jump),
        Op::SetupCleanup => {
            if jump {
                2
            } else {
                0
            }
        }
        Op::PopBlock | Op::JumpNoInterrupt => 0,
    }
}
