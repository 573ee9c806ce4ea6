//! The command-line grammar (clap derive), and the `adder FILE.py` shorthand for `adder run`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

#[derive(Parser, Debug)]
#[command(
    name = "adder",
    version,
    about = "A fast Python 3.11 interpreter",
    long_about = "A fast Python 3.11 interpreter.\n\nWithout a command, starts the REPL (or runs the \
                  program piped to stdin). `adder FILE.py ARGS...` is short for `adder run FILE.py ARGS...`."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Start the interactive REPL (or, with --tui, the inspector).
    Repl(ReplArgs),
    /// Run a program: `adder run FILE [ARGS...]` or `adder run -c CODE [ARGS...]`.
    Run(RunArgs),
    /// Report every syntax error in the given files, or in every .py file below a directory.
    Check(CheckArgs),
    /// Show the bytecode of a program.
    Dis(DisArgs),
    /// Print the tokens of a file, laid out as `python3 -m tokenize` does.
    Tokens { file: PathBuf },
    /// Print the syntax tree of a file (and its syntax errors on stderr).
    Parse { file: PathBuf },
    /// Start the language server on stdin/stdout.
    Lsp {
        /// Accepted and ignored: stdio is the only transport (VS Code's language client
        /// passes it).
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Args, Debug)]
pub struct RunArgs {
    /// Program text to run instead of a file; following arguments go to `sys.argv[1:]`.
    #[arg(short = 'c', value_name = "CODE")]
    pub code: Option<String>,
    /// Run without specializing (quickening) instructions.
    #[arg(long)]
    pub no_quicken: bool,
    /// Print execution statistics on exit, as text or JSON.
    #[arg(long, value_name = "FORMAT", num_args = 0..=1, require_equals = true,
          default_missing_value = "text")]
    pub stats: Option<StatsFormat>,
    /// Profile the run (sampling) and write it to OUT: an SVG flame graph (`.svg`) or a
    /// speedscope file (`.json`).
    #[arg(long, value_name = "OUT", require_equals = true)]
    pub profile: Option<PathBuf>,
    /// The program file (omitted with -c), then the program's own arguments.
    #[arg(
        value_name = "FILE [ARGS]",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    pub argv: Vec<OsString>,
}

#[derive(Args, Debug)]
pub struct ReplArgs {
    /// Open the TUI inspector: input editor, output, live profile, quickening and stats panes.
    #[arg(long)]
    pub tui: bool,
    /// Run without specializing (quickening) instructions.
    #[arg(long)]
    pub no_quicken: bool,
    /// Attach to the session of the language server (`adder lsp`) serving this directory's
    /// workspace (or the socket / workspace directory given): same VM, globals, profile and
    /// quickening state as the editor.
    #[arg(long, value_name = "SOCKET|DIR", num_args = 0..=1)]
    pub attach: Option<Option<std::path::PathBuf>>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files, or directories to search for .py files recursively.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print only the number of errors of each file that has any, and the summary.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Skip files and directories with this name while searching directories (repeatable).
    #[arg(long, value_name = "NAME")]
    pub exclude: Vec<OsString>,
}

#[derive(Args, Debug)]
pub struct DisArgs {
    pub file: PathBuf,
    /// Only the code object of this function.
    #[arg(long, value_name = "NAME")]
    pub function: Option<String>,
    /// Show the specialized (adaptive) instructions after running.
    #[arg(long)]
    pub adaptive: bool,
}

const SUBCOMMANDS: &[&str] = &[
    "repl", "run", "check", "dis", "tokens", "parse", "lsp", "help",
];

/// Rewrites `adder FILE [ARGS...]` into `adder run FILE [ARGS...]` when FILE is not a
/// subcommand or option and either names an existing file or ends in `.py` (the
/// `python3 FILE.py` habit; a missing .py file then gets python3's "can't open file").
pub fn expand_script_shorthand(mut argv: Vec<OsString>) -> Vec<OsString> {
    let Some(first) = argv.get(1) else {
        return argv;
    };
    let text = first.to_string_lossy();
    let is_script = !text.starts_with('-')
        && !SUBCOMMANDS.contains(&text.as_ref())
        && (text.ends_with(".py") || Path::new(first).is_file());
    if is_script {
        argv.insert(1, OsString::from("run"));
    }
    argv
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(args: &[&str]) -> Vec<String> {
        let argv = std::iter::once("adder")
            .chain(args.iter().copied())
            .map(OsString::from);
        expand_script_shorthand(argv.collect())
            .into_iter()
            .skip(1)
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn shorthand() {
        assert_eq!(expand(&["x.py", "-v"]), ["run", "x.py", "-v"]);
        assert_eq!(expand(&["missing.py"]), ["run", "missing.py"]);
        assert_eq!(expand(&["Cargo.toml"]), ["run", "Cargo.toml"]); // an existing file
        assert_eq!(expand(&["check", "x.py"]), ["check", "x.py"]);
        assert_eq!(expand(&["run", "x.py"]), ["run", "x.py"]);
        assert_eq!(expand(&["--help"]), ["--help"]);
        assert_eq!(expand(&[]), Vec::<String>::new());
        assert_eq!(expand(&["nonexistent"]), ["nonexistent"]);
    }

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        let argv = std::iter::once("adder")
            .chain(args.iter().copied())
            .map(OsString::from);
        Cli::try_parse_from(expand_script_shorthand(argv.collect()))
    }

    #[test]
    fn run_flags() {
        let Ok(Cli {
            command: Some(Command::Run(r)),
        }) = parse(&[
            "run",
            "--stats=json",
            "--no-quicken",
            "x.py",
            "--stats",
            "a",
        ])
        else {
            panic!("run did not parse");
        };
        assert_eq!(r.stats, Some(StatsFormat::Json));
        assert!(r.no_quicken);
        assert_eq!(r.argv, ["x.py", "--stats", "a"]);
        let Ok(Cli {
            command: Some(Command::Run(r)),
        }) = parse(&["run", "--stats", "-c", "1", "a"])
        else {
            panic!("run -c did not parse");
        };
        assert_eq!(
            (r.stats, r.code.as_deref()),
            (Some(StatsFormat::Text), Some("1"))
        );
        assert_eq!(r.argv, ["a"]);
        assert!(parse(&["run", "--stats=xml", "x.py"]).is_err());
        assert!(parse(&["bogus"]).is_err());
    }
}
