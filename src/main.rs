//! The `adder` command line: a thin shell over the engine. It parses arguments, reads files,
//! and prints what the engine returns; everything else lives in `engine`.

mod alloc;
mod cli;

use std::process::ExitCode;

#[global_allocator]
static GLOBAL: alloc::Mimalloc = alloc::Mimalloc;

fn main() -> ExitCode {
    cli::main(std::env::args_os().collect())
}
