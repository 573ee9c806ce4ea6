//! The `adder` command line: a thin shell over the engine. It parses arguments, reads files,
//! and prints what the engine returns; everything else lives in `engine`.

mod cli;

use std::process::ExitCode;

// The interpreter allocates and frees small objects at a high rate (tuples, frames' boxes,
// dict tables); mimalloc's thread-local free lists are markedly faster at that than glibc's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::main(std::env::args_os().collect())
}
