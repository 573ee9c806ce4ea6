//! Bytecode: the instruction set, code objects, and their disassembly.

pub mod opcodes;

pub use opcodes::{Instr, Opcode};
