//! Runtime objects and their algorithms. (Issue 3 builds the object model here; the modules
//! below are pure algorithms over Rust values that the object model will call.)

pub mod error;
pub mod finalize;
pub mod gc;
pub mod interner;
pub mod numfmt;
pub mod strings;
pub mod types;
pub mod value;

pub use interner::Interner;
