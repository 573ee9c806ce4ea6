//! The live VM session: one VM on its own thread (values are `Rc`, so the VM never leaves
//! it), driven by commands over a channel. A run streams its output as it happens, samples a
//! profile, and leaves a [`RunReport`] — plain data the request handlers read without
//! waiting for the VM thread.
//!
//! Nothing runs unless asked: opening or editing a document never reaches this module.

use engine::eval::{compile_for_run, new_module_globals, RunError};
use engine::runtime::types::dict::PyDict;
use engine::vm::host::Host;
use engine::vm::profile::{self, Profile, ProfileFlags, Sampler};
use engine::vm::quicken::inspect::CodeInfo;
use engine::vm::Vm;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// Output of the running program, in order.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Output {
    /// `stdout` or `stderr`.
    pub stream: &'static str,
    pub text: String,
}

/// How a run ended.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RunOutcome {
    /// `ok`, `exception`, `interrupted` or `compile_error`.
    pub status: &'static str,
    pub elapsed_ms: f64,
    /// The exception's last line, when there was one.
    pub error: Option<String>,
}

/// What the last run of a file left: its quickening state and profile, and the text it ran
/// (offsets in the report refer to it).
pub struct RunReport {
    pub source: String,
    pub code: CodeInfo,
    pub profile: Profile,
}

/// Shared between the VM thread and the request handlers.
#[derive(Default)]
pub struct LiveState {
    pub reports: HashMap<String, Arc<RunReport>>,
    pub running: Option<String>,
}

enum Command {
    Run {
        path: String,
        source: String,
        reply: oneshot::Sender<RunOutcome>,
    },
    Evaluate {
        code: String,
        reply: oneshot::Sender<Result<String, String>>,
    },
}

/// The handle the server holds.
#[derive(Clone)]
pub struct Live {
    tx: mpsc::Sender<Command>,
    interrupt: Arc<AtomicBool>,
    flags: ProfileFlags,
    pub state: Arc<Mutex<LiveState>>,
}

impl Live {
    /// Starts the VM thread. `output` receives the program's output as it is written.
    pub fn spawn(output: impl Fn(Output) + Send + 'static) -> Live {
        let (tx, rx) = mpsc::channel();
        let interrupt = Arc::new(AtomicBool::new(false));
        let flags = ProfileFlags::default();
        let state = Arc::new(Mutex::new(LiveState::default()));
        let live = Live {
            tx,
            interrupt: interrupt.clone(),
            flags: flags.clone(),
            state: state.clone(),
        };
        let spawned = std::thread::Builder::new()
            .name("adder-live-vm".into())
            // Deep Python recursion re-enters Rust through builtins: give it room.
            .stack_size(64 << 20)
            .spawn(move || session(rx, interrupt, flags, state, Box::new(output)));
        if spawned.is_err() {
            eprintln!("adder lsp: cannot start the VM thread");
        }
        live
    }

    pub async fn run(&self, path: String, source: String) -> Option<RunOutcome> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Command::Run {
                path,
                source,
                reply,
            })
            .ok()?;
        rx.await.ok()
    }

    pub async fn evaluate(&self, code: String) -> Option<Result<String, String>> {
        let (reply, rx) = oneshot::channel();
        self.tx.send(Command::Evaluate { code, reply }).ok()?;
        rx.await.ok()
    }

    /// Asks the running program to stop (`KeyboardInterrupt` at its next check).
    pub fn interrupt(&self) -> bool {
        let running = self
            .state
            .lock()
            .map(|s| s.running.is_some())
            .unwrap_or(false);
        if running {
            self.flags.user_interrupt.store(true, Ordering::Relaxed);
            self.interrupt.store(true, Ordering::Release);
        }
        running
    }

    pub fn report(&self, path: &str) -> Option<Arc<RunReport>> {
        self.state.lock().ok()?.reports.get(path).cloned()
    }
}

/// The host of the live VM: output goes to the client as it is written; no stdin.
struct StreamHost {
    output: Box<dyn Fn(Output) + Send>,
}

impl Host for StreamHost {
    fn write_stdout(&mut self, text: &str) {
        (self.output)(Output {
            stream: "stdout",
            text: text.to_owned(),
        });
    }
    fn write_stderr(&mut self, text: &str) {
        (self.output)(Output {
            stream: "stderr",
            text: text.to_owned(),
        });
    }
    fn read_line(&mut self) -> Option<String> {
        None
    }
}

fn session(
    rx: mpsc::Receiver<Command>,
    interrupt: Arc<AtomicBool>,
    flags: ProfileFlags,
    state: Arc<Mutex<LiveState>>,
    output: Box<dyn Fn(Output) + Send>,
) {
    let mut vm = Vm::new(Box::new(StreamHost { output }));
    engine::session::help::install(&mut vm);
    vm.interrupt = interrupt.clone();
    let mut globals: Option<Rc<PyDict>> = None;
    while let Ok(cmd) = rx.recv() {
        match cmd {
            Command::Run {
                path,
                source,
                reply,
            } => {
                if let Ok(mut s) = state.lock() {
                    s.running = Some(path.clone());
                }
                let g = new_module_globals(&mut vm, "__main__");
                globals = Some(g.clone());
                let outcome = run(&mut vm, &path, &source, g, &interrupt, &flags, &state);
                if let Ok(mut s) = state.lock() {
                    s.running = None;
                }
                let _ = reply.send(outcome);
            }
            Command::Evaluate { code, reply } => {
                let g = globals
                    .get_or_insert_with(|| new_module_globals(&mut vm, "__main__"))
                    .clone();
                let _ = reply.send(evaluate(&mut vm, &code, g));
            }
        }
    }
}

fn run(
    vm: &mut Vm,
    path: &str,
    source: &str,
    globals: Rc<PyDict>,
    interrupt: &Arc<AtomicBool>,
    flags: &ProfileFlags,
    state: &Arc<Mutex<LiveState>>,
) -> RunOutcome {
    let started = Instant::now();
    let code = match compile_for_run(vm, source, path) {
        Ok(code) => code,
        Err(RunError::Compile(e)) => {
            vm.host.write_stderr(&format!("{e}\n"));
            return RunOutcome {
                status: "compile_error",
                elapsed_ms: 0.0,
                error: Some(e.to_string()),
            };
        }
        Err(RunError::Exception(_)) => {
            return RunOutcome {
                status: "exception",
                elapsed_ms: 0.0,
                error: None,
            }
        }
    };
    interrupt.store(false, Ordering::Relaxed);
    flags.user_interrupt.store(false, Ordering::Relaxed);
    profile::start(flags.clone(), Profile::default());
    let sampler = Sampler::spawn(flags.clone(), interrupt.clone(), Duration::from_micros(500));
    let result = vm.run_module_code(code.clone(), globals.clone());
    drop(sampler);
    let profile = profile::stop().unwrap_or_default();
    interrupt.store(false, Ordering::Relaxed);
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (status, error) = match result {
        Ok(_) => ("ok", None),
        Err(err) => {
            let report = vm.format_exception(&err.exc);
            vm.host.write_stderr(&report);
            let last = report.lines().last().unwrap_or("").to_owned();
            let interrupted = last.starts_with("KeyboardInterrupt");
            (
                if interrupted {
                    "interrupted"
                } else {
                    "exception"
                },
                Some(last),
            )
        }
    };
    engine::eval::finalize_main(vm, &globals);
    vm.host.flush_stdout();
    let report = RunReport {
        source: source.to_owned(),
        code: vm.inspect_code(&code),
        profile,
    };
    if let Ok(mut s) = state.lock() {
        s.reports.insert(path.to_owned(), Arc::new(report));
    }
    RunOutcome {
        status,
        elapsed_ms,
        error,
    }
}

/// Evaluates `code` in the session's `__main__`: an expression gives its `repr`, statements
/// run for their effects.
fn evaluate(vm: &mut Vm, code: &str, globals: Rc<PyDict>) -> Result<String, String> {
    use engine::compile::compile_source;
    use engine::syntax::Mode;
    let as_expr = engine::syntax::parse(code, Mode::Expression)
        .errors
        .is_empty();
    let mode = if as_expr {
        Mode::Expression
    } else {
        Mode::Module
    };
    let compiled = compile_source(code, "<evaluate>", mode).map_err(|e| e.to_string())?;
    vm.sources.insert("<evaluate>".to_owned(), code.into());
    let compiled = vm.new_code(compiled);
    match vm.run_module_code(compiled, globals) {
        Ok(value) if as_expr => vm.repr(&value).map_err(|e| vm.format_exception(&e.exc)),
        Ok(_) => Ok(String::new()),
        Err(e) => Err(vm.format_exception(&e.exc)),
    }
}
