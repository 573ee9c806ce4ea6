//! `adder run`: load a program, refuse it with CPython's exact report if it does not compile,
//! then execute it (execution arrives with the VM, issue 3).

use super::args::{Cli, RunArgs};
use super::source_file::{LoadError, SourceFile};
use super::traceback::format_syntax_error;
use super::EXIT_UNAVAILABLE;
use clap::CommandFactory;
use engine::check::check_source;
use std::path::Path;
use std::process::ExitCode;

/// python3's status for an uncaught exception, including a SyntaxError at compile time.
const EXIT_EXCEPTION: u8 = 1;
/// python3's status when the script cannot be opened.
const EXIT_CANT_OPEN: u8 = 2;

pub fn run(args: &RunArgs) -> ExitCode {
    let loaded = match (&args.code, args.argv.first()) {
        (Some(code), _) => Ok(SourceFile::from_code(code)),
        (None, Some(path)) => SourceFile::read(Path::new(path)),
        (None, None) => Cli::command()
            .error(
                clap::error::ErrorKind::MissingRequiredArgument,
                "`adder run` needs a FILE or -c CODE",
            )
            .exit(),
    };
    execute(loaded)
}

/// `adder < prog.py`: the program comes from stdin.
pub fn run_stdin() -> ExitCode {
    execute(SourceFile::read_stdin())
}

fn execute(loaded: Result<SourceFile, LoadError>) -> ExitCode {
    let file = match loaded {
        Ok(file) => file,
        Err(error) => return report_load_error(&error),
    };
    if let Some(error) = check_source(&file.text).first() {
        eprint!("{}", format_syntax_error(&file, error));
        return ExitCode::from(EXIT_EXCEPTION);
    }
    eprintln!("adder: executing programs is not available yet (issue 3)");
    ExitCode::from(EXIT_UNAVAILABLE)
}

/// Prints why a program could not be loaded, as python3 does, and returns its exit status.
pub fn report_load_error(error: &LoadError) -> ExitCode {
    match error {
        LoadError::Io(message) => {
            eprintln!("adder: {message}");
            ExitCode::from(EXIT_CANT_OPEN)
        }
        // CPython has no line to show for these: only the exception line.
        LoadError::Decode(error) => {
            eprintln!("{error}");
            ExitCode::from(EXIT_EXCEPTION)
        }
    }
}
