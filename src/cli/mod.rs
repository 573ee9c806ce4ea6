//! Subcommands of the `adder` binary, one module each, plus the shared pieces they use:
//! reading a source file and printing syntax errors the way CPython or a linter does.

mod adaptive;
mod args;
mod check;
mod diagnostic;
mod host;
mod inspect;
mod run;
mod source_file;
mod stats;
mod traceback;

use args::{Cli, Command};
use clap::Parser;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Runs the command line `argv` (program name first) and returns the process exit status.
pub fn main(argv: Vec<OsString>) -> ExitCode {
    let cli = Cli::parse_from(args::expand_script_shorthand(argv));
    match cli.command {
        None if std::io::stdin().is_terminal() => repl_unavailable(),
        // `python3 < prog.py`: a piped stdin is a program, not a REPL session.
        None => run::run_stdin(),
        Some(Command::Repl) => repl_unavailable(),
        Some(Command::Run(run_args)) => run::run(&run_args),
        Some(Command::Check(check_args)) => check::check(&check_args),
        Some(Command::Tokens { file }) => inspect::tokens(&file),
        Some(Command::Parse { file }) => inspect::parse(&file),
        Some(Command::Dis(dis_args)) => inspect::dis(&dis_args),
        Some(Command::Lsp) => ExitCode::from(lsp::run_stdio().clamp(0, 255) as u8),
    }
}

fn repl_unavailable() -> ExitCode {
    not_available("the REPL", 6)
}

/// Exit status for "this exists in the interface but is not built yet".
pub(crate) const EXIT_UNAVAILABLE: u8 = 2;

fn not_available(what: &str, issue: u32) -> ExitCode {
    eprintln!("adder: {what} is not available yet (issue {issue})");
    ExitCode::from(EXIT_UNAVAILABLE)
}
