//! Adder's engine: everything that is not terminal or network I/O.
//!
//! Layers (each may use only those listed before it): `syntax` → `symtable` → `check` →
//! compiler → VM.

pub mod analysis;
pub mod builtins;
pub mod bytecode;
pub mod check;
pub mod compile;
pub mod db;
pub mod eval;
pub mod modules;
pub mod runtime;
pub mod session;
pub mod symtable;
pub mod syntax;
pub mod vm;
