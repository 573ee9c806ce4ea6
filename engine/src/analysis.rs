//! Editor analysis over the incremental database: every language feature as a function of
//! `(db, file, offset)` returning plain data in byte offsets. Nothing here knows LSP.

pub mod catalog;
pub mod ide;
pub mod lints;
pub mod model;
pub mod modules;
pub mod outline;
pub mod resolve;
pub mod walk;

#[cfg(test)]
mod tests;
