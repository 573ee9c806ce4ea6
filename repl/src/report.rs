//! Text renderings of the session's inspection data, shared by `adder` subcommands, the line
//! REPL's magics and the TUI: specialization statistics, adaptive disassembly, profile
//! tables, heat maps of source by specialization success, flame graph files, and what a
//! re-run of a file kept warm.

pub mod adaptive;
pub mod flame;
pub mod heat;
pub mod profile;
pub mod reload;
pub mod stats;
