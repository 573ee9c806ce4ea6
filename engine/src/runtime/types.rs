//! The built-in object types, one module each.

pub mod class;
pub mod code;
pub mod dict;
pub mod function;
pub mod instance;
pub mod list;
pub mod native;
pub mod object;
pub mod set;
pub mod shape;
pub mod str;
pub mod tuple;
