//! Bytecode: the instruction set, code objects, and their disassembly.

pub mod code;
pub mod dis;
pub mod oparg;
pub mod opcodes;

pub use code::{CodeFlags, CodeObject, Constant, ExceptionEntry, LocalKind, Location};
pub use oparg::{BinaryOperator, Comparison};
pub use opcodes::{Instr, Opcode};
