//! An interactive session: one VM and one `__main__` namespace that a front end feeds input
//! to, one piece at a time — the line REPL, the TUI inspector, and (issue 9) the language
//! server and clients over a socket. Everything here is data in, data out: no terminal I/O.
//!
//! What a session knows beyond a program run: every input it ran (source and code, so the
//! quickening state and profile of a function can be shown against the text that defined
//! it), an interrupt that a front end raises from another thread (distinct from the
//! profiler's samples, which ride the same VM flag), a profile that other threads can read
//! while code runs, and the aggregate specialization statistics. A file run again keeps the
//! warm code of its unchanged functions ([`reload`]).

pub mod complete;
pub mod help;
pub mod names;
pub mod reload;
pub mod report;
pub mod timing;
pub mod worker;

use crate::compile::{compile_module, compile_source, error::RECURSION_MESSAGE, CompileError};
use crate::db::{definitions::definitions, parsed, semantic, AnalysisDatabase};
use crate::eval::new_module_globals;
use crate::runtime::types::code::PyCode;
use crate::runtime::types::dict::PyDict;
use crate::runtime::types::object::ObjKind;
use crate::runtime::value::Value;
use crate::syntax::traceback::{format_syntax_error, SourceFile};
use crate::syntax::Mode;
use crate::vm::host::Host;
use crate::vm::profile::{self, Profile, ProfileFlags, Sampler, SharedProfile};
use crate::vm::quicken::inspect::CodeInfo;
use crate::vm::Vm;
use reload::{FileRecord, ReloadSummary, Reloader};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The file name of interactive input, as CPython reports it.
pub const STDIN: &str = "<stdin>";

/// How often the profiler samples while profiling is on (1 kHz: fine enough for a REPL
/// statement, cheap enough for a whole program).
pub const SAMPLE_PERIOD: Duration = Duration::from_millis(1);

/// How running one input ended.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    /// An exception escaped; the traceback (already written to the host's stderr).
    Error {
        report: String,
    },
    /// `KeyboardInterrupt` escaped; the traceback was written to stderr.
    Interrupted,
    /// It did not compile; the report (already written to stderr).
    SyntaxError {
        report: String,
    },
    /// `SystemExit` escaped (`exit()`): the front end should end with this status.
    Exit(i32),
}

/// What running one input did.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Outcome {
    pub status: Status,
    pub elapsed: Duration,
    /// For a file the session ran before: which functions kept their warm code.
    pub reload: Option<ReloadSummary>,
}

/// Raises `KeyboardInterrupt` in the session's VM from any thread (Ctrl-C).
#[derive(Clone)]
pub struct Interrupter {
    interrupt: Arc<AtomicBool>,
    user: Arc<AtomicBool>,
}

impl Interrupter {
    pub fn interrupt(&self) {
        // The user flag first: a sampler seeing the VM flag must find it set.
        self.user.store(true, Ordering::SeqCst);
        self.interrupt.store(true, Ordering::SeqCst);
    }

    /// The two flags a signal handler must set, in this order, for a real interrupt (the
    /// VM's flag alone reads as a profiler sample while profiling is on).
    pub fn signal_flags(&self) -> [Arc<AtomicBool>; 2] {
        [self.user.clone(), self.interrupt.clone()]
    }
}

/// One piece of code the session ran.
pub(crate) struct Input {
    pub source: Rc<str>,
    pub code: Rc<PyCode>,
}

pub struct Session {
    pub vm: Vm,
    globals: Rc<PyDict>,
    flags: ProfileFlags,
    inputs: Vec<Input>,
    /// The profile of the current (or last) profiled run, readable from other threads (one
    /// shared object for the session's life, cleared when a profiled run starts).
    live: SharedProfile,
    /// The text of every file run, for the definitions' fingerprints (made on the first
    /// `run_file`: building it reads in the bundled library's texts).
    db: Option<AnalysisDatabase>,
    /// The code of each file's definitions as its last run left it, by file name.
    files: HashMap<String, FileRecord>,
    /// What each file's last run kept and replaced (for inspectors that ask later).
    reloads: HashMap<String, ReloadSummary>,
}

impl Session {
    pub fn new(host: Box<dyn Host>) -> Session {
        let mut vm = Vm::new(host);
        help::install(&mut vm);
        let globals = new_module_globals(&mut vm, "__main__");
        Session {
            vm,
            globals,
            flags: ProfileFlags::default(),
            inputs: Vec::new(),
            live: Arc::new(Mutex::new(Profile::default())),
            db: None,
            files: HashMap::new(),
            reloads: HashMap::new(),
        }
    }

    pub fn interrupter(&self) -> Interrupter {
        Interrupter {
            interrupt: self.vm.interrupt.clone(),
            user: self.flags.user_interrupt.clone(),
        }
    }

    /// The profile being recorded (or the last one), shared with other threads.
    pub fn live_profile(&self) -> SharedProfile {
        self.live.clone()
    }

    pub fn globals(&self) -> &Rc<PyDict> {
        &self.globals
    }

    /// Runs one interactive input (`single` mode: expression statements echo their `repr`,
    /// which `_` keeps). With `profile`, the run is sampled into the live profile.
    pub fn run_cell(&mut self, source: &str, profile: bool) -> Outcome {
        self.run_source(source, STDIN, Mode::Interactive, profile)
    }

    /// Runs a whole file's text as a module in the session's namespace (`%run`). Run again
    /// under the same name, the functions and classes whose text did not change keep their
    /// code and its quickening state; the outcome's `reload` says which ([`reload`]).
    pub fn run_file(&mut self, source: &str, filename: &str, profile: bool) -> Outcome {
        let started = Instant::now();
        self.vm.sources.insert(filename.to_owned(), source.into());
        let classes = self.files.get(filename).map_or_else(Vec::new, |r| {
            r.bound_classes(&self.globals, &mut self.vm.interner)
        });
        let compiled = match self.compile_file(source, filename) {
            Ok(compiled) => compiled,
            Err(report) => return self.syntax_error(report, started),
        };
        let mut outcome = self.run_code(compiled.code, profile, started);
        reload::revalidate_globals(&compiled.kept, &self.globals, &self.vm.builtins);
        reload::repoint_classes(
            &compiled.kept,
            &classes,
            &self.globals,
            &mut self.vm.interner,
        );
        match &compiled.reload {
            Some(summary) => self.reloads.insert(filename.to_owned(), summary.clone()),
            None => self.reloads.remove(filename),
        };
        outcome.reload = compiled.reload;
        outcome
    }

    /// What the last run of `filename` kept and replaced, if it re-ran the file.
    pub fn last_reload(&self, filename: &str) -> Option<&ReloadSummary> {
        self.reloads.get(filename)
    }

    fn run_source(&mut self, source: &str, filename: &str, mode: Mode, profile: bool) -> Outcome {
        let started = Instant::now();
        match self.compile(source, filename, mode) {
            Ok(code) => self.run_code(code, profile, started),
            Err(report) => self.syntax_error(report, started),
        }
    }

    fn syntax_error(&mut self, report: String, started: Instant) -> Outcome {
        self.vm.host.write_stderr(&report);
        Outcome {
            status: Status::SyntaxError { report },
            elapsed: started.elapsed(),
            reload: None,
        }
    }

    fn run_code(&mut self, code: Rc<PyCode>, profile: bool, started: Instant) -> Outcome {
        let globals = self.globals.clone();
        let result = self.with_profile(profile, |vm| vm.run_module_code(code, globals));
        let status = match result {
            Ok(_) => Status::Ok,
            Err(err) => self.report_exception(&err.exc),
        };
        self.vm.host.flush_stdout();
        Outcome {
            status,
            elapsed: started.elapsed(),
            reload: None,
        }
    }

    /// Compiles a file from the database's parse, keeping the code of its unchanged
    /// definitions from the previous run of the same file, and remembers it.
    fn compile_file(&mut self, source: &str, filename: &str) -> Result<CompiledFile, String> {
        let db = self.db.get_or_insert_with(AnalysisDatabase::default);
        let file = db.set_file(filename, source.to_owned());
        let compiled = {
            let pf = parsed(db, file);
            match pf.parsed.errors.first() {
                Some(e) => Err(CompileError::Syntax(e.clone())),
                None => {
                    let analysis = semantic(db, file);
                    match analysis.errors.first() {
                        Some(e) if e.message == RECURSION_MESSAGE => {
                            Err(CompileError::Recursion { range: e.range })
                        }
                        Some(e) => Err(CompileError::Syntax(e.clone())),
                        None => compile_module(
                            source,
                            &pf.parsed.module,
                            &analysis.table,
                            filename,
                            Mode::Module,
                        ),
                    }
                }
            }
        };
        let compiled = compiled.map_err(|e| self.compile_error_report(e, source, filename))?;
        let Some(db) = self.db.as_ref() else {
            return Err(String::new());
        };
        let defs = definitions(db, file);
        let previous = self.files.remove(filename);
        let had_previous = previous.is_some();
        let mut reloader = Reloader::new(defs, previous);
        let code = PyCode::new_reusing(compiled, &mut self.vm.interner, &mut |c| reloader.offer(c));
        if self.vm.quicken {
            crate::vm::quicken::superinstr::install(&code);
        }
        let kept = reloader.kept_roots().to_vec();
        let (record, summary) = reloader.finish(&code, filename, had_previous);
        self.files.insert(filename.to_owned(), record);
        self.inputs.push(Input {
            source: source.into(),
            code: code.clone(),
        });
        Ok(CompiledFile {
            code,
            reload: summary,
            kept,
        })
    }

    /// Compiles input and remembers it; a syntax error comes back as CPython's report.
    pub(crate) fn compile(
        &mut self,
        source: &str,
        filename: &str,
        mode: Mode,
    ) -> Result<Rc<PyCode>, String> {
        match compile_source(source, filename, mode) {
            Ok(code) => {
                let code = self.vm.new_code(code);
                self.inputs.push(Input {
                    source: source.into(),
                    code: code.clone(),
                });
                Ok(code)
            }
            Err(e) => Err(self.compile_error_report(e, source, filename)),
        }
    }

    /// CPython's report of a compile error.
    fn compile_error_report(&self, error: CompileError, source: &str, filename: &str) -> String {
        match error {
            CompileError::Syntax(error) => {
                let file = SourceFile {
                    name: filename,
                    text: source,
                    char_offsets: false,
                    from_file: filename != STDIN,
                };
                format_syntax_error(&file, &error)
            }
            other => format!("{other}\n"),
        }
    }

    /// Runs `f` on the VM with the interrupt flags cleared, sampling into the live profile
    /// when `profile` is set (a fresh profile for each run).
    pub(crate) fn with_profile<T>(&mut self, profile: bool, f: impl FnOnce(&mut Vm) -> T) -> T {
        self.flags.user_interrupt.store(false, Ordering::SeqCst);
        self.vm.interrupt.store(false, Ordering::SeqCst);
        if !profile {
            return f(&mut self.vm);
        }
        if let Ok(mut live) = self.live.lock() {
            *live = Profile::default();
        }
        profile::start_shared(self.flags.clone(), self.live.clone());
        let sampler = Sampler::spawn(self.flags.clone(), self.vm.interrupt.clone(), SAMPLE_PERIOD);
        let result = f(&mut self.vm);
        drop(sampler);
        let _ = profile::stop();
        // A sample requested after the last check must not read as Ctrl-C later.
        self.vm.interrupt.store(false, Ordering::SeqCst);
        self.flags.user_interrupt.store(false, Ordering::SeqCst);
        result
    }

    /// Reports an exception that escaped an input, as the REPL does: the traceback on stderr.
    fn report_exception(&mut self, exc: &Value) -> Status {
        let class = self.vm.class_of(exc);
        if class.is_subclass(&self.vm.types.system_exit.clone()) {
            return Status::Exit(self.exit_code(exc));
        }
        let report = self.vm.format_exception(exc);
        self.vm.host.flush_stdout();
        self.vm.host.write_stderr(&report);
        if class.is_subclass(&self.vm.types.keyboard_interrupt.clone()) {
            Status::Interrupted
        } else {
            Status::Error { report }
        }
    }

    /// `SystemExit`'s status: its code, 0 for None, 1 (after printing it) for anything else.
    fn exit_code(&mut self, exc: &Value) -> i32 {
        let code = match crate::vm::exceptions::exception_state(exc).map(|s| s.args.clone()) {
            Some(Value::Tuple(t)) if t.len() == 1 => t.items()[0].clone(),
            Some(Value::Tuple(_)) | None => Value::None,
            Some(other) => other,
        };
        match code {
            Value::None => 0,
            Value::Int(n) => n as i32,
            Value::Bool(b) => i32::from(b),
            other => {
                let text = self.vm.str(&other).unwrap_or_default();
                self.vm.host.write_stderr(&format!("{text}\n"));
                1
            }
        }
    }

    /// Evaluates an expression without echoing it (for magics: `%dis f` looks `f` up).
    pub fn eval(&mut self, expr: &str) -> Result<Value, String> {
        let code = match compile_source(expr, "<magic>", Mode::Expression) {
            Ok(code) => self.vm.new_code(code),
            Err(CompileError::Syntax(e)) => return Err(format!("SyntaxError: {}", e.message)),
            Err(other) => return Err(other.to_string()),
        };
        let globals = self.globals.clone();
        self.with_profile(false, |vm| vm.run_module_code(code, globals))
            .map_err(|e| {
                let report = self.vm.format_exception(&e.exc);
                report.lines().last().unwrap_or("").to_owned()
            })
    }

    /// Evaluates `code` for an editor (`adder/evaluate`): an expression gives its `repr`,
    /// statements run for their effects (empty text); an error gives the traceback.
    pub fn evaluate(&mut self, code: &str) -> Result<String, String> {
        const NAME: &str = "<evaluate>";
        let as_expr = crate::syntax::parse(code, Mode::Expression)
            .errors
            .is_empty();
        let mode = if as_expr {
            Mode::Expression
        } else {
            Mode::Module
        };
        let compiled = self.compile(code, NAME, mode)?;
        self.vm.sources.insert(NAME.to_owned(), code.into());
        let globals = self.globals.clone();
        let result = self.with_profile(false, |vm| vm.run_module_code(compiled, globals));
        self.vm.host.flush_stdout();
        match result {
            Ok(value) if as_expr => self
                .vm
                .repr(&value)
                .map_err(|e| self.vm.format_exception(&e.exc)),
            Ok(_) => Ok(String::new()),
            Err(e) => Err(self.vm.format_exception(&e.exc)),
        }
    }

    /// The newest run of file `filename` (`%run`, the editor's run): its text and the
    /// current quickening state of the code compiled from it.
    pub fn file_state(&self, filename: &str) -> Option<(Rc<str>, CodeInfo)> {
        let input = self
            .inputs
            .iter()
            .rev()
            .find(|input| input.code.code.filename.as_ref() == filename)?;
        Some((input.source.clone(), self.vm.inspect_code(&input.code)))
    }

    /// A fresh `__main__` (`%reset`): every user name goes; inputs and statistics stay.
    pub fn reset(&mut self) {
        self.globals = new_module_globals(&mut self.vm, "__main__");
        let underscore = self.vm.interner.intern("_");
        self.vm.builtins.remove_str(&underscore);
    }

    /// The user's names (`%who`): not dunders, not `_`-prefixed, sorted.
    pub fn user_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .globals
            .entries()
            .iter()
            .filter_map(|e| match &e.key {
                Value::Str(s) if !s.as_str().starts_with('_') => Some(s.as_str().to_owned()),
                _ => None,
            })
            .collect();
        names.sort();
        names
    }

    /// Zeroes the aggregate specialization statistics (`%stats reset`).
    pub fn reset_stats(&mut self) {
        self.vm.spec_stats.reset();
    }

    /// The code object a value runs (a function, a bound method's function, a class's
    /// `__init__`), with the source text of the input that defined it.
    pub fn code_of(&self, value: &Value) -> Option<(Rc<PyCode>, Rc<str>)> {
        let code = match value {
            Value::Function(f) => f.code.clone(),
            Value::Object(o) => match &o.kind {
                ObjKind::BoundMethod { func, .. } => return self.code_of(func),
                ObjKind::Code(c) => c.clone(),
                _ => return None,
            },
            _ => return None,
        };
        let source = self.source_of(&code).unwrap_or_else(|| Rc::from(""));
        Some((code, source))
    }

    /// The source text of the input whose code tree holds `code`.
    pub fn source_of(&self, code: &Rc<PyCode>) -> Option<Rc<str>> {
        self.inputs
            .iter()
            .rev()
            .find(|input| contains(&input.code, code))
            .map(|input| input.source.clone())
            .or_else(|| self.vm.sources.get(code.code.filename.as_ref()).cloned())
    }

    /// The quickening state of a function and the source that defined it (`%dis`, `%heat`).
    pub fn inspect(&mut self, expr: &str) -> Result<(CodeInfo, Rc<str>), String> {
        let value = self.eval(expr)?;
        let Some((code, source)) = self.code_of(&value) else {
            let type_name = self.vm.type_name(&value);
            return Err(format!(
                "{expr} is a {type_name} object, not a function defined in Python"
            ));
        };
        let info = self.vm.inspect_code(&code);
        Ok((info, source))
    }

    /// Every code object of every input, outermost first (profile and TUI lookups). Code kept
    /// warm across re-runs of a file is in several inputs: it is listed once, with the text
    /// of the latest (where its lines now point).
    pub(crate) fn all_codes(&self) -> Vec<(Rc<PyCode>, Rc<str>)> {
        let mut latest: HashMap<*const PyCode, usize> = HashMap::new();
        for (i, input) in self.inputs.iter().enumerate() {
            walk(&input.code, &mut |c| {
                latest.insert(Rc::as_ptr(c), i);
            });
        }
        let mut out = Vec::new();
        for (i, input) in self.inputs.iter().enumerate() {
            walk(&input.code, &mut |c| {
                if latest.get(&Rc::as_ptr(c)) == Some(&i) {
                    out.push((c.clone(), input.source.clone()))
                }
            });
        }
        out
    }
}

/// A file compiled for a run: its module code, and what it kept from the previous run.
struct CompiledFile {
    code: Rc<PyCode>,
    reload: Option<ReloadSummary>,
    /// The roots of the code kept warm.
    kept: Vec<Rc<PyCode>>,
}

/// Visits `code` and every code object nested in it.
pub(crate) fn walk(code: &Rc<PyCode>, f: &mut dyn FnMut(&Rc<PyCode>)) {
    f(code);
    for v in &code.consts {
        if let Value::Object(o) = v {
            if let ObjKind::Code(child) = &o.kind {
                walk(child, f);
            }
        }
    }
}

fn contains(root: &Rc<PyCode>, code: &Rc<PyCode>) -> bool {
    let mut found = false;
    walk(root, &mut |c| found |= Rc::ptr_eq(c, code));
    found
}
