//! The instruction set: one table, the single source of truth for every opcode.
//!
//! An instruction is a 32-bit word, 8 bits of opcode and 24 bits of argument, so there is no
//! `EXTENDED_ARG`. Opcodes follow CPython 3.11's names and stack effects where they exist.
//! Each specializable *family* has a base opcode (what the compiler emits) and specialized
//! members named `BASE_*`; `Opcode::base()` maps a member back to its family head (the deopt
//! map), and the disassembler, stats and inspection all derive from this table.
//!
//! A *superinstruction* (`FIRST__SECOND`, written `Name: First + Second`) stands in the first
//! of two neighbouring instructions and runs both in one dispatch; the second stays in place
//! (it may be a jump target) and keeps its own form and cache. Its `base()` is the first
//! instruction's opcode, so everything but the dispatch loop sees that instruction.
//!
//! Stack effects are written `(inputs -- outputs)` as in CPython's `bytecodes.c`.

macro_rules! define_opcodes {
    (
        $(
            $(#[doc = $doc:literal])*
            $name:ident $(: $family:ident $(+ $second:ident)?)? = $text:literal,
        )*
    ) => {
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Opcode {
            /// Every opcode, in numbering order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name,)*];

            /// CPython-style upper-case name, as the disassembler prints it.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Opcode::$name => $text,)*
                }
            }

            /// The family head of a specialized instruction (itself for base opcodes). A
            /// table lookup: the dispatch loop asks on every fused compare-and-branch.
            #[inline(always)]
            pub const fn base(self) -> Opcode {
                Self::BASES[self as usize]
            }

            const fn base_of(self) -> Opcode {
                match self {
                    $(Opcode::$name => define_opcodes!(@base $name $($family)?),)*
                }
            }

            /// For a superinstruction, the family of the instruction it is fused with.
            pub const fn second_half(self) -> Option<Opcode> {
                match self {
                    $(Opcode::$name => define_opcodes!(@second $($family $($second)?)?),)*
                }
            }

            const BASES: [Opcode; [$(Opcode::$name,)*].len()] = {
                let mut table = [$(Opcode::$name,)*];
                let mut i = 0;
                while i < table.len() {
                    table[i] = table[i].base_of();
                    i += 1;
                }
                table
            };

            #[inline]
            pub const fn from_u8(byte: u8) -> Option<Opcode> {
                if (byte as usize) < Self::ALL.len() {
                    Some(Self::ALL[byte as usize])
                } else {
                    None
                }
            }
        }
    };
    (@base $name:ident) => { Opcode::$name };
    (@base $name:ident $family:ident) => { Opcode::$family };
    (@second) => { None };
    (@second $family:ident) => { None };
    (@second $family:ident $second:ident) => { Some(Opcode::$second) };
}

define_opcodes! {
    // ---- stack and locals ----
    /// `( -- )`
    Nop = "NOP",
    /// `(v -- )`
    PopTop = "POP_TOP",
    /// `( -- NULL)`: pushed below a callable that is not a method, for `CALL`.
    PushNull = "PUSH_NULL",
    /// `(a[n] .. -- a[n] .. a[n])`: push a copy of the n-th item from the top (1-based).
    Copy = "COPY",
    /// `(a[n] .. top -- top .. a[n])`: swap the top with the n-th item (1-based).
    Swap = "SWAP",
    /// `( -- consts[arg])`
    LoadConst = "LOAD_CONST",
    /// `( -- locals[arg])`; raises UnboundLocalError when unbound.
    LoadFast = "LOAD_FAST",
    /// `(v -- )`: `locals[arg] = v`.
    StoreFast = "STORE_FAST",
    // Superinstructions, installed when a code object is loaded with quickening on: CPython
    // 3.11's five, and a local fused with the attribute or method load that reads it (which
    // runs the second instruction's specialized form, if it has one, without pushing the
    // owner first).
    LoadFastLoadFast: LoadFast + LoadFast = "LOAD_FAST__LOAD_FAST",
    LoadFastLoadConst: LoadFast + LoadConst = "LOAD_FAST__LOAD_CONST",
    LoadConstLoadFast: LoadConst + LoadFast = "LOAD_CONST__LOAD_FAST",
    StoreFastLoadFast: StoreFast + LoadFast = "STORE_FAST__LOAD_FAST",
    StoreFastStoreFast: StoreFast + StoreFast = "STORE_FAST__STORE_FAST",
    LoadFastLoadAttr: LoadFast + LoadAttr = "LOAD_FAST__LOAD_ATTR",
    LoadFastLoadMethod: LoadFast + LoadMethod = "LOAD_FAST__LOAD_METHOD",
    /// `( -- )`: unbinds `locals[arg]`.
    DeleteFast = "DELETE_FAST",
    /// `( -- v)`: name lookup in locals, then globals, then builtins (module and class bodies).
    LoadName = "LOAD_NAME",
    StoreName = "STORE_NAME",
    DeleteName = "DELETE_NAME",
    /// `( -- [NULL] v)`: `names[arg >> 1]` in globals then builtins; pushes NULL first when `arg & 1`.
    LoadGlobal = "LOAD_GLOBAL",
    LoadGlobalModule: LoadGlobal = "LOAD_GLOBAL_MODULE",
    LoadGlobalBuiltin: LoadGlobal = "LOAD_GLOBAL_BUILTIN",
    StoreGlobal = "STORE_GLOBAL",
    DeleteGlobal = "DELETE_GLOBAL",
    /// `( -- )`: turns local slot `arg` into a cell holding its current value.
    MakeCell = "MAKE_CELL",
    /// `( -- cell)`: pushes the cell in slot `arg` itself (for closures).
    LoadClosure = "LOAD_CLOSURE",
    /// `( -- v)`: the contents of the cell in slot `arg`.
    LoadDeref = "LOAD_DEREF",
    /// `( -- v)`: class bodies: the class namespace first, then the cell.
    LoadClassderef = "LOAD_CLASSDEREF",
    StoreDeref = "STORE_DEREF",
    DeleteDeref = "DELETE_DEREF",
    /// `( -- )`: copies the function's closure cells into the frame's free slots.
    CopyFreeVars = "COPY_FREE_VARS",

    // ---- attributes ----
    /// `(owner -- v)`: `owner.names[arg]`.
    LoadAttr = "LOAD_ATTR",
    LoadAttrInstanceValue: LoadAttr = "LOAD_ATTR_INSTANCE_VALUE",
    LoadAttrSlot: LoadAttr = "LOAD_ATTR_SLOT",
    LoadAttrModule: LoadAttr = "LOAD_ATTR_MODULE",
    LoadAttrClass: LoadAttr = "LOAD_ATTR_CLASS",
    LoadAttrProperty: LoadAttr = "LOAD_ATTR_PROPERTY",
    /// A class attribute that is not a descriptor, read through an instance that lacks it.
    LoadAttrNondescriptor: LoadAttr = "LOAD_ATTR_NONDESCRIPTOR",
    /// `(owner -- meth self | NULL attr)`: method lookup without creating a bound method.
    LoadMethod = "LOAD_METHOD",
    LoadMethodWithValues: LoadMethod = "LOAD_METHOD_WITH_VALUES",
    LoadMethodNoDict: LoadMethod = "LOAD_METHOD_NO_DICT",
    LoadMethodModule: LoadMethod = "LOAD_METHOD_MODULE",
    LoadMethodClass: LoadMethod = "LOAD_METHOD_CLASS",
    /// `(v owner -- )`: `owner.names[arg] = v`.
    StoreAttr = "STORE_ATTR",
    StoreAttrInstanceValue: StoreAttr = "STORE_ATTR_INSTANCE_VALUE",
    StoreAttrSlot: StoreAttr = "STORE_ATTR_SLOT",
    DeleteAttr = "DELETE_ATTR",

    // ---- operators ----
    UnaryPositive = "UNARY_POSITIVE",
    UnaryNegative = "UNARY_NEGATIVE",
    UnaryNot = "UNARY_NOT",
    UnaryInvert = "UNARY_INVERT",
    /// `(lhs rhs -- res)`: `arg` is a `BinaryOperator` (in-place forms included).
    BinaryOp = "BINARY_OP",
    BinaryOpAddInt: BinaryOp = "BINARY_OP_ADD_INT",
    BinaryOpSubtractInt: BinaryOp = "BINARY_OP_SUBTRACT_INT",
    BinaryOpMultiplyInt: BinaryOp = "BINARY_OP_MULTIPLY_INT",
    BinaryOpFloorDivideInt: BinaryOp = "BINARY_OP_FLOOR_DIVIDE_INT",
    BinaryOpRemainderInt: BinaryOp = "BINARY_OP_REMAINDER_INT",
    BinaryOpBitwiseInt: BinaryOp = "BINARY_OP_BITWISE_INT",
    BinaryOpAddFloat: BinaryOp = "BINARY_OP_ADD_FLOAT",
    BinaryOpSubtractFloat: BinaryOp = "BINARY_OP_SUBTRACT_FLOAT",
    BinaryOpMultiplyFloat: BinaryOp = "BINARY_OP_MULTIPLY_FLOAT",
    BinaryOpTrueDivideFloat: BinaryOp = "BINARY_OP_TRUE_DIVIDE_FLOAT",
    BinaryOpRemainderFloat: BinaryOp = "BINARY_OP_REMAINDER_FLOAT",
    BinaryOpAddUnicode: BinaryOp = "BINARY_OP_ADD_UNICODE",
    BinaryOpAddList: BinaryOp = "BINARY_OP_ADD_LIST",
    BinaryOpAddTuple: BinaryOp = "BINARY_OP_ADD_TUPLE",
    /// An instance whose class defines the operator as a Python function (`Vec.__add__`):
    /// the cached function is called without looking it (or the reflected one) up.
    BinaryOpPyMethod: BinaryOp = "BINARY_OP_PY_METHOD",
    /// `(lhs rhs -- res)`: `arg` is a `Comparison`.
    CompareOp = "COMPARE_OP",
    CompareOpInt: CompareOp = "COMPARE_OP_INT",
    CompareOpFloat: CompareOp = "COMPARE_OP_FLOAT",
    CompareOpStr: CompareOp = "COMPARE_OP_STR",
    /// `(lhs rhs -- bool)`: `is` (`arg == 0`) or `is not`.
    IsOp = "IS_OP",
    /// `(item container -- bool)`: `in` (`arg == 0`) or `not in`.
    ContainsOp = "CONTAINS_OP",
    ContainsOpDict: ContainsOp = "CONTAINS_OP_DICT",
    ContainsOpSet: ContainsOp = "CONTAINS_OP_SET",

    // ---- subscripts ----
    /// `(container key -- v)`
    BinarySubscr = "BINARY_SUBSCR",
    BinarySubscrListInt: BinarySubscr = "BINARY_SUBSCR_LIST_INT",
    BinarySubscrTupleInt: BinarySubscr = "BINARY_SUBSCR_TUPLE_INT",
    BinarySubscrStrInt: BinarySubscr = "BINARY_SUBSCR_STR_INT",
    /// `list[a:b]`, `tuple[a:b]`, `str[a:b]` (a slice object key).
    BinarySubscrSlice: BinarySubscr = "BINARY_SUBSCR_SLICE",
    BinarySubscrDict: BinarySubscr = "BINARY_SUBSCR_DICT",
    /// `(v container key -- )`
    StoreSubscr = "STORE_SUBSCR",
    StoreSubscrListInt: StoreSubscr = "STORE_SUBSCR_LIST_INT",
    /// `list[a:b] = iterable`.
    StoreSubscrListSlice: StoreSubscr = "STORE_SUBSCR_LIST_SLICE",
    StoreSubscrDict: StoreSubscr = "STORE_SUBSCR_DICT",
    DeleteSubscr = "DELETE_SUBSCR",
    /// `(start stop [step] -- slice)`: `arg` is 2 or 3.
    BuildSlice = "BUILD_SLICE",

    // ---- building ----
    BuildTuple = "BUILD_TUPLE",
    BuildList = "BUILD_LIST",
    BuildSet = "BUILD_SET",
    /// `(k1 v1 .. kn vn -- dict)`
    BuildMap = "BUILD_MAP",
    /// `(v1 .. vn keys -- dict)`
    BuildConstKeyMap = "BUILD_CONST_KEY_MAP",
    /// `(s1 .. sn -- str)`
    BuildString = "BUILD_STRING",
    /// `(list .. v -- list ..)`: appends to the list `arg` items below the top.
    ListAppend = "LIST_APPEND",
    SetAdd = "SET_ADD",
    /// `(dict .. k v -- dict ..)`
    MapAdd = "MAP_ADD",
    ListExtend = "LIST_EXTEND",
    SetUpdate = "SET_UPDATE",
    DictUpdate = "DICT_UPDATE",
    /// Like `DICT_UPDATE` but raises on duplicate keys (`f(**a, **b)`).
    DictMerge = "DICT_MERGE",
    ListToTuple = "LIST_TO_TUPLE",
    /// `(v [spec] -- str)`: `arg & 3` is the conversion, `arg & 4` says a spec is on the stack.
    FormatValue = "FORMAT_VALUE",

    // ---- control flow (arguments are absolute instruction indexes) ----
    Jump = "JUMP",
    /// A backward jump: where interrupts are checked and loops are counted.
    JumpBackward = "JUMP_BACKWARD",
    PopJumpIfFalse = "POP_JUMP_IF_FALSE",
    PopJumpIfTrue = "POP_JUMP_IF_TRUE",
    // Truth tests specialized by the operand's type (CPython 3.12's TO_BOOL_* forms, fused
    // with the 3.11 conditional jumps they precede).
    PopJumpIfFalseBool: PopJumpIfFalse = "POP_JUMP_IF_FALSE_BOOL",
    PopJumpIfFalseInt: PopJumpIfFalse = "POP_JUMP_IF_FALSE_INT",
    PopJumpIfFalseNone: PopJumpIfFalse = "POP_JUMP_IF_FALSE_NONE",
    PopJumpIfFalseList: PopJumpIfFalse = "POP_JUMP_IF_FALSE_LIST",
    PopJumpIfFalseStr: PopJumpIfFalse = "POP_JUMP_IF_FALSE_STR",
    PopJumpIfTrueBool: PopJumpIfTrue = "POP_JUMP_IF_TRUE_BOOL",
    PopJumpIfTrueInt: PopJumpIfTrue = "POP_JUMP_IF_TRUE_INT",
    PopJumpIfTrueNone: PopJumpIfTrue = "POP_JUMP_IF_TRUE_NONE",
    PopJumpIfTrueList: PopJumpIfTrue = "POP_JUMP_IF_TRUE_LIST",
    PopJumpIfTrueStr: PopJumpIfTrue = "POP_JUMP_IF_TRUE_STR",
    PopJumpIfNone = "POP_JUMP_IF_NONE",
    PopJumpIfNotNone = "POP_JUMP_IF_NOT_NONE",
    JumpIfFalseOrPop = "JUMP_IF_FALSE_OR_POP",
    JumpIfTrueOrPop = "JUMP_IF_TRUE_OR_POP",
    /// `(v -- iter)`
    GetIter = "GET_ITER",
    /// `(iter -- iter next)` or, exhausted, pop the iterator and jump to `arg`.
    ForIter = "FOR_ITER",
    ForIterRange: ForIter = "FOR_ITER_RANGE",
    ForIterList: ForIter = "FOR_ITER_LIST",
    ForIterTuple: ForIter = "FOR_ITER_TUPLE",
    ForIterGen: ForIter = "FOR_ITER_GEN",
    /// A built-in iterator whose `__next__` is native: `enumerate`, `zip`, `map`,
    /// `reversed`, …, and the iterators of str, bytes, set and dict.
    ForIterNative: ForIter = "FOR_ITER_NATIVE",
    GetYieldFromIter = "GET_YIELD_FROM_ITER",
    /// `(receiver v -- receiver result)`: send into a sub-generator, jump to `arg` when it returns.
    Send = "SEND",
    YieldValue = "YIELD_VALUE",
    ReturnValue = "RETURN_VALUE",
    /// First instruction of a generator's code: creates the generator and returns it.
    ReturnGenerator = "RETURN_GENERATOR",
    /// Function entry (`arg == 0`) or resumption point; where code objects warm up.
    Resume = "RESUME",

    // ---- calls ----
    /// `(NULL callable args[arg] -- res)` or `(meth self args[arg] -- res)`, CPython 3.11's order.
    Call = "CALL",
    CallPyExactArgs: Call = "CALL_PY_EXACT_ARGS",
    CallPyWithDefaults: Call = "CALL_PY_WITH_DEFAULTS",
    CallBoundMethodExactArgs: Call = "CALL_BOUND_METHOD_EXACT_ARGS",
    CallBuiltinO: Call = "CALL_BUILTIN_O",
    CallBuiltinFast: Call = "CALL_BUILTIN_FAST",
    CallLen: Call = "CALL_LEN",
    CallIsinstance: Call = "CALL_ISINSTANCE",
    CallType1: Call = "CALL_TYPE_1",
    CallListAppend: Call = "CALL_LIST_APPEND",
    CallMethodDescriptorFast: Call = "CALL_METHOD_DESCRIPTOR_FAST",
    CallAllocAndEnterInit: Call = "CALL_ALLOC_AND_ENTER_INIT",
    CallBuiltinClass: Call = "CALL_BUILTIN_CLASS",
    /// Names the keyword arguments (`consts[arg]`, a tuple) of the next `CALL`.
    KwNames = "KW_NAMES",
    /// `(NULL callable args_tuple [kwargs] -- res)`: `f(*a, **k)`; `arg & 1` says kwargs present.
    CallFunctionEx = "CALL_FUNCTION_EX",
    /// `([defaults] [kwdefaults] [annotations] [closure] code -- func)`: `arg` flags as CPython's.
    MakeFunction = "MAKE_FUNCTION",
    LoadBuildClass = "LOAD_BUILD_CLASS",

    // ---- exceptions ----
    /// `(args[arg] -- )`: `raise`, `raise e`, `raise e from c`.
    RaiseVarargs = "RAISE_VARARGS",
    /// Re-raises the exception on top of the stack (`arg` set: restore `f_lasti` first).
    Reraise = "RERAISE",
    /// `(exc -- prev_exc exc)`: enters an `except` block.
    PushExcInfo = "PUSH_EXC_INFO",
    /// `(prev_exc -- )`: leaves an `except` block.
    PopExcept = "POP_EXCEPT",
    /// `(exc type -- exc bool)`
    CheckExcMatch = "CHECK_EXC_MATCH",
    CheckEgMatch = "CHECK_EG_MATCH",
    PrepReraiseStar = "PREP_RERAISE_STAR",
    /// `(exit lasti prev exc -- exit lasti prev exc res)`: calls `__exit__` with the exception.
    WithExceptStart = "WITH_EXCEPT_START",
    /// `(mgr -- exit res)`: calls `__enter__`.
    BeforeWith = "BEFORE_WITH",
    LoadAssertionError = "LOAD_ASSERTION_ERROR",

    // ---- unpacking ----
    /// `(seq -- v[arg-1] .. v0)`
    UnpackSequence = "UNPACK_SEQUENCE",
    UnpackSequenceTwoTuple: UnpackSequence = "UNPACK_SEQUENCE_TWO_TUPLE",
    UnpackSequenceTuple: UnpackSequence = "UNPACK_SEQUENCE_TUPLE",
    UnpackSequenceList: UnpackSequence = "UNPACK_SEQUENCE_LIST",
    /// Starred unpacking: `arg & 0xFF` before the star, `arg >> 8` after.
    UnpackEx = "UNPACK_EX",

    // ---- modules and namespaces ----
    /// `(level fromlist -- module)`
    ImportName = "IMPORT_NAME",
    ImportFrom = "IMPORT_FROM",
    ImportStar = "IMPORT_STAR",
    SetupAnnotations = "SETUP_ANNOTATIONS",
    /// Interactive mode: prints a non-None expression result via `sys.displayhook`.
    PrintExpr = "PRINT_EXPR",

    // ---- pattern matching ----
    /// `(subject cls names -- attrs_or_none)`
    MatchClass = "MATCH_CLASS",
    MatchMapping = "MATCH_MAPPING",
    MatchSequence = "MATCH_SEQUENCE",
    MatchKeys = "MATCH_KEYS",
    GetLen = "GET_LEN",

    // ---- coroutines ----
    GetAwaitable = "GET_AWAITABLE",
    GetAiter = "GET_AITER",
    GetAnext = "GET_ANEXT",
    BeforeAsyncWith = "BEFORE_ASYNC_WITH",
    EndAsyncFor = "END_ASYNC_FOR",
    AsyncGenWrap = "ASYNC_GEN_WRAP",
}

impl Opcode {
    /// Whether this opcode is a family head with specialized members.
    pub fn is_specializable(self) -> bool {
        self.base() == self && self.specializations().next().is_some()
    }

    /// Whether this is a specialized member (not a family head, nor a superinstruction).
    pub fn is_specialized(self) -> bool {
        self.base() != self && !self.is_super()
    }

    /// Whether this is a superinstruction (see the module documentation).
    pub const fn is_super(self) -> bool {
        self.second_half().is_some()
    }

    /// The specialized members of the family headed by `self`.
    pub fn specializations(self) -> impl Iterator<Item = Opcode> {
        Opcode::ALL
            .iter()
            .copied()
            .filter(move |&op| op != self && op.base() == self && !op.is_super())
    }
}

/// An encoded instruction: opcode in the low 8 bits, argument in the high 24. The field is
/// private: every `Instr` is built by `new` (or `with_opcode`), so its low byte is always a
/// valid opcode, which lets the dispatch loop decode it without a check.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(transparent)]
pub struct Instr(u32);

impl Instr {
    pub const MAX_ARG: u32 = (1 << 24) - 1;

    #[inline]
    pub const fn new(op: Opcode, arg: u32) -> Instr {
        Instr((op as u32) | (arg << 8))
    }

    #[inline]
    pub fn opcode(self) -> Opcode {
        let byte = self.0 as u8;
        debug_assert!((byte as usize) < Opcode::ALL.len());
        // SAFETY: `Opcode` is `repr(u8)` with variants numbered 0..ALL.len(), and the low byte
        // of an `Instr` is always `op as u8` for some `op` (the field is private and only
        // `new`/`with_opcode` write it).
        unsafe { std::mem::transmute::<u8, Opcode>(byte) }
    }

    #[inline]
    pub const fn arg(self) -> u32 {
        self.0 >> 8
    }

    #[inline]
    pub fn with_opcode(self, op: Opcode) -> Instr {
        Instr((self.0 & !0xFF) | op as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_matches_the_table() {
        for (i, &op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(op as usize, i);
            assert_eq!(Opcode::from_u8(i as u8), Some(op));
        }
        assert!(Opcode::ALL.len() <= 256);
    }

    #[test]
    fn specialized_names_start_with_their_family() {
        for &op in Opcode::ALL {
            if op.is_specialized() {
                assert!(op.name().starts_with(op.base().name()), "{}", op.name());
                assert!(!op.base().is_specialized());
            }
        }
    }

    #[test]
    fn superinstructions_are_named_for_both_halves() {
        for &op in Opcode::ALL {
            if let Some(second) = op.second_half() {
                assert_eq!(
                    op.name(),
                    format!("{}__{}", op.base().name(), second.name())
                );
                assert!(!op.is_specialized() && !op.base().is_super());
            }
        }
        assert!(!Opcode::LoadFast.is_specializable());
        assert!(Opcode::LoadAttr.specializations().all(|op| !op.is_super()));
    }

    #[test]
    fn instr_round_trips() {
        let i = Instr::new(Opcode::LoadAttr, 0x12_3456);
        assert_eq!(i.opcode(), Opcode::LoadAttr);
        assert_eq!(i.arg(), 0x12_3456);
        let j = i.with_opcode(Opcode::LoadAttrSlot);
        assert_eq!(j.arg(), 0x12_3456);
        assert_eq!(j.opcode().base(), Opcode::LoadAttr);
    }
}
