//! `adder run`: load a program, refuse it with CPython's exact report if it does not compile,
//! then execute it on a VM and report an uncaught exception as CPython does.

use super::args::{Cli, RunArgs, StatsFormat};
use super::host::OsHost;
use super::source_file::{LoadError, SourceFile};
use clap::CommandFactory;
use engine::check::check_source;
use engine::eval::{finalize_main, new_module_globals, run_source, RunError};
use engine::runtime::value::Value;
use engine::session::{report, SAMPLE_PERIOD};
use engine::syntax::traceback::format_syntax_error;
use engine::vm::profile::{self, Profile, ProfileFlags, Sampler};
use engine::vm::Vm;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;

/// python3's status for an uncaught exception, including a SyntaxError at compile time.
const EXIT_EXCEPTION: u8 = 1;
/// python3's status when the script cannot be opened.
const EXIT_CANT_OPEN: u8 = 2;

pub fn run(args: &RunArgs) -> ExitCode {
    if let Some(out) = &args.profile {
        if let Err(e) = repl::report::flame::check_path(out) {
            eprintln!("adder: cannot write the profile to {}: {e}", out.display());
            return ExitCode::from(EXIT_CANT_OPEN);
        }
    }
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
    let mut argv: Vec<String> = args
        .argv
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if args.code.is_some() {
        argv.insert(0, "-c".to_owned());
    }
    let options = RunOptions {
        quicken: !args.no_quicken,
        stats: args.stats,
        profile: args.profile.clone(),
    };
    execute(loaded, argv, options)
}

/// How `adder run` runs the program, beyond the program itself.
#[derive(Clone, Default)]
struct RunOptions {
    /// Specialize instructions (`--no-quicken` turns it off).
    quicken: bool,
    /// Print the specialization statistics after the run (`--stats`).
    stats: Option<StatsFormat>,
    /// Write a sampled profile here (`--profile=OUT`).
    profile: Option<PathBuf>,
}

/// `adder < prog.py`: the program comes from stdin.
pub fn run_stdin() -> ExitCode {
    let options = RunOptions {
        quicken: true,
        ..RunOptions::default()
    };
    execute(SourceFile::read_stdin(), vec![String::new()], options)
}

fn execute(
    loaded: Result<SourceFile, LoadError>,
    argv: Vec<String>,
    options: RunOptions,
) -> ExitCode {
    let file = match loaded {
        Ok(file) => file,
        Err(error) => return report_load_error(&error),
    };
    if let Some(error) = check_source(&file.text).first() {
        eprint!("{}", format_syntax_error(&file.reported(), error));
        return ExitCode::from(EXIT_EXCEPTION);
    }
    // Frames live on the VM's own stack; the native stack only serves Rust re-entry (dunder
    // calls from built-ins) and the front end's bounded recursion. Give it room anyway.
    let runner = std::thread::Builder::new()
        .name("adder-main".into())
        .stack_size(256 << 20)
        .spawn(move || run_program(&file, &argv, options));
    match runner.map(|handle| handle.join()) {
        Ok(Ok(status)) => status,
        _ => {
            eprintln!("adder: internal error: the interpreter thread failed");
            ExitCode::from(EXIT_INTERNAL)
        }
    }
}

/// `sys.path[0]` for a program read from a file: its directory, absolute and normalized as
/// CPython makes it (`-c` and stdin keep `''`, the working directory).
fn set_script_dir(vm: &mut Vm, file: &SourceFile) {
    if !file.from_file {
        return;
    }
    let path = Path::new(&file.name);
    let dir = path.parent().unwrap_or(path);
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    engine::builtins::sys::set_path0(vm, &dir.to_string_lossy());
}

/// The `__main__` namespace, with `__file__` when the program is a file.
fn main_globals(
    vm: &mut Vm,
    file: &SourceFile,
) -> std::rc::Rc<engine::runtime::types::dict::PyDict> {
    let globals = new_module_globals(vm, "__main__");
    if file.from_file {
        globals.set_str(vm.interner.intern("__file__"), Value::str(&file.name));
    }
    globals
}

/// Status for an interpreter bug (a Rust panic), distinct from Python's 1 and 2.
const EXIT_INTERNAL: u8 = 70;

fn run_program(file: &SourceFile, argv: &[String], options: RunOptions) -> ExitCode {
    let mut vm = Vm::new(Box::new(OsHost::new()));
    // What CPython's `site` adds in every mode: `help`, `exit`, `quit`.
    engine::session::help::install(&mut vm);
    vm.quicken = options.quicken;
    engine::builtins::sys::set_argv(&mut vm, argv);
    set_script_dir(&mut vm, file);
    let flags = ProfileFlags::default();
    if options.profile.is_some() {
        // The sampler raises the VM's flag too: a real Ctrl-C also sets the user flag
        // (first, so that whoever sees the VM's flag finds it).
        let _ =
            signal_hook::flag::register(signal_hook::consts::SIGINT, flags.user_interrupt.clone());
    }
    // Ctrl-C sets the flag; the VM raises KeyboardInterrupt at its next check.
    let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, vm.interrupt.clone());
    let globals = main_globals(&mut vm, file);
    let result = match &options.profile {
        None => run_source(&mut vm, &file.text, &file.name, globals.clone()),
        Some(out) => run_profiled(&mut vm, file, globals.clone(), flags, out),
    };
    let status = match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(RunError::Compile(error)) => {
            vm.host.write_stderr(&format!("{error}\n"));
            ExitCode::from(EXIT_EXCEPTION)
        }
        Err(RunError::Exception(err)) => report_uncaught(&mut vm, &err.exc),
    };
    // Exit-time finalizers (`__del__`, suspended generators) run after the traceback.
    finalize_main(&mut vm, &globals);
    vm.host.flush_stdout();
    report_stats(&mut vm, options.stats);
    status
}

/// Runs the program with the sampling profiler on, then writes the profile to `out` (before
/// any traceback, since an uncaught `KeyboardInterrupt` ends the process by SIGINT).
fn run_profiled(
    vm: &mut Vm,
    file: &SourceFile,
    globals: std::rc::Rc<engine::runtime::types::dict::PyDict>,
    flags: ProfileFlags,
    out: &Path,
) -> Result<Value, RunError> {
    let code = engine::eval::compile_for_run(vm, &file.text, &file.name)?;
    let started = std::time::Instant::now();
    profile::start(flags.clone(), Profile::default());
    let sampler = Sampler::spawn(flags.clone(), vm.interrupt.clone(), SAMPLE_PERIOD);
    let result = vm.run_module_code(code.clone(), globals);
    drop(sampler);
    let recorded = profile::stop().unwrap_or_default();
    if !flags.user_interrupt.load(Ordering::SeqCst) {
        // A sample asked for after the last check is not a Ctrl-C.
        vm.interrupt.store(false, Ordering::SeqCst);
    }
    let codes = report::codes_of(&code, &file.text);
    let report = report::report(
        vm,
        &codes,
        &recorded,
        started.elapsed(),
        &Default::default(),
    );
    vm.host.flush_stdout();
    match repl::report::flame::write(&report, out) {
        Ok(()) => eprintln!(
            "adder: profile written to {} ({} samples)",
            out.display(),
            report.samples
        ),
        Err(e) => eprintln!("adder: cannot write the profile to {}: {e}", out.display()),
    }
    result.map_err(RunError::Exception)
}

/// `--stats`: the specialization statistics, on stderr so they never mix with the output.
fn report_stats(vm: &mut Vm, format: Option<StatsFormat>) {
    let Some(format) = format else { return };
    let report = vm.spec_report();
    match format {
        StatsFormat::Text => {
            vm.host.flush_stdout();
            eprint!("{}", repl::report::stats::format_stats(&report));
        }
        StatsFormat::Json => {
            let json = serde_json::to_string_pretty(&report).unwrap_or_default();
            eprintln!("{json}");
        }
    }
}

/// What CPython does with an exception nothing caught: `SystemExit` sets the exit status
/// (printing a non-integer code), `KeyboardInterrupt` prints its traceback and then dies by
/// SIGINT, anything else prints its traceback and exits 1.
fn report_uncaught(vm: &mut Vm, exc: &Value) -> ExitCode {
    let class = vm.class_of(exc);
    if class.is_subclass(&vm.types.system_exit.clone()) {
        let code = match engine::vm::exceptions::exception_state(exc).map(|s| s.args.clone()) {
            Some(Value::Tuple(t)) if t.len() == 1 => t.items()[0].clone(),
            Some(Value::Tuple(t)) if t.is_empty() => Value::None,
            Some(other) => other,
            None => Value::None,
        };
        vm.host.flush_stdout();
        return match code {
            Value::None => ExitCode::SUCCESS,
            Value::Int(n) => ExitCode::from((n & 0xff) as u8),
            Value::Bool(b) => ExitCode::from(u8::from(b)),
            other => {
                let text = vm.str(&other).unwrap_or_default();
                vm.host.write_stderr(&format!("{text}\n"));
                ExitCode::from(EXIT_EXCEPTION)
            }
        };
    }
    let report = vm.format_exception(exc);
    vm.host.write_stderr(&report);
    vm.host.flush_stdout();
    if class.is_subclass(&vm.types.keyboard_interrupt.clone()) {
        vm.interrupt.store(false, Ordering::Relaxed);
        // CPython re-raises SIGINT with the default handler so the shell sees status 130.
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGINT);
    }
    ExitCode::from(EXIT_EXCEPTION)
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

/// `adder dis --adaptive FILE`: runs the program (its output as usual), then prints the
/// quickened instruction stream of every code object, or of `function`.
pub fn run_adaptive_dis(file: &SourceFile, function: Option<&str>) -> ExitCode {
    use std::io::IsTerminal;
    if let Some(error) = check_source(&file.text).first() {
        eprint!("{}", format_syntax_error(&file.reported(), error));
        return ExitCode::from(EXIT_EXCEPTION);
    }
    let file = file.clone();
    let function = function.map(str::to_owned);
    let runner = std::thread::Builder::new()
        .name("adder-main".into())
        .stack_size(256 << 20)
        .spawn(move || {
            let mut vm = Vm::new(Box::new(OsHost::new()));
            engine::builtins::sys::set_argv(&mut vm, std::slice::from_ref(&file.name));
            set_script_dir(&mut vm, &file);
            let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, vm.interrupt.clone());
            let code = match engine::eval::compile_for_run(&mut vm, &file.text, &file.name) {
                Ok(code) => code,
                Err(RunError::Compile(error)) => {
                    eprintln!("{error}");
                    return ExitCode::from(EXIT_EXCEPTION);
                }
                Err(RunError::Exception(err)) => return report_uncaught(&mut vm, &err.exc),
            };
            let globals = main_globals(&mut vm, &file);
            let status = match vm.run_module_code(code.clone(), globals.clone()) {
                Ok(_) => ExitCode::SUCCESS,
                Err(err) => report_uncaught(&mut vm, &err.exc),
            };
            finalize_main(&mut vm, &globals);
            vm.host.flush_stdout();
            let info = vm.inspect_code(&code);
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let text = repl::report::adaptive::format_adaptive(
                &info,
                &file.text,
                function.as_deref(),
                color,
            );
            print!("{text}");
            status
        });
    match runner.map(|handle| handle.join()) {
        Ok(Ok(status)) => status,
        _ => {
            eprintln!("adder: internal error: the interpreter thread failed");
            ExitCode::from(EXIT_INTERNAL)
        }
    }
}
