//! Subcommands of the `adder` binary, one module each, plus the shared pieces they use:
//! reading a source file and printing syntax errors the way CPython or a linter does.

mod args;
mod check;
mod diagnostic;
mod host;
mod inspect;
mod run;
mod source_file;

use args::{Cli, Command};
use clap::Parser;
use std::ffi::OsString;
use std::io::IsTerminal;
use std::process::ExitCode;

/// Runs the command line `argv` (program name first) and returns the process exit status.
pub fn main(argv: Vec<OsString>) -> ExitCode {
    let cli = Cli::parse_from(args::expand_script_shorthand(argv));
    match cli.command {
        None if std::io::stdin().is_terminal() => repl(&repl::Options::default()),
        // `python3 < prog.py`: a piped stdin is a program, not a REPL session.
        None => run::run_stdin(),
        Some(Command::Repl(options)) => repl(&repl::Options {
            tui: options.tui,
            no_quicken: options.no_quicken,
            attach: options.attach,
        }),
        Some(Command::Run(run_args)) => run::run(&run_args),
        Some(Command::Check(check_args)) => check::check(&check_args),
        Some(Command::Tokens { file }) => inspect::tokens(&file),
        Some(Command::Parse { file }) => inspect::parse(&file),
        Some(Command::Dis(dis_args)) => inspect::dis(&dis_args),
        Some(Command::Lsp { .. }) => ExitCode::from(lsp::run_stdio().clamp(0, 255) as u8),
    }
}

fn repl(options: &repl::Options) -> ExitCode {
    ExitCode::from((repl::run(options) & 0xff) as u8)
}
