//! The `adder` command line: a thin shell over the engine. It parses arguments, reads files,
//! and prints what the engine returns; everything else lives in `engine`.

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main(std::env::args_os().collect())
}
