//! The line REPL and TUI inspector: everything `adder` (no arguments, on a terminal) and
//! `adder repl [--tui]` show. Terminal I/O lives here; the session itself (VM, namespace,
//! profile, inspection) is `engine::session`, on its own thread — or, attached
//! (`--attach`), a language server's session over its socket ([`remote`]).

pub mod backend;
pub mod highlight;
pub mod host;
pub mod line;
pub mod magic;
pub mod remote;
pub mod report;
pub mod terminal;
pub mod tui;

pub use line::{run, Options};
