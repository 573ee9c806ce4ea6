//! The workspace's live session, as the language server uses it: the engine's session on
//! its own thread, shared with attached REPLs ([`attach::shared::SharedSession`]), so the
//! editor and every REPL see one VM, one `__main__`, one profile, one quickening state.
//! `adder/run` runs a file in the session's namespace (output streamed to the editor,
//! profiled); `adder/evaluate` evaluates in it.
//!
//! What the editor shows is read from [`RunReport`]s, one per file the session ran: the
//! text it ran, the current quickening state of the code compiled from it, and the
//! session's profile. They are refreshed from the session after every request that ran
//! code — the editor's or a REPL's — so handlers read them without waiting for the VM.
//!
//! Nothing runs unless asked: opening or editing a document never reaches this module.

use attach::shared::{OutputFn, SharedSession, SERVER};
use attach::wire::Stream;
use engine::session::reload::ReloadSummary;
use engine::session::worker::{Request, Response};
use engine::session::Status;
use engine::vm::profile::Profile;
use engine::vm::quicken::inspect::CodeInfo;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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
    /// On a re-run of the file: which functions and classes kept their warm code.
    pub reload: Option<ReloadSummary>,
}

/// A file the session ran: the text it ran (offsets in `code` refer to it), the current
/// quickening state of its code, and the session's profile.
pub struct RunReport {
    pub source: String,
    pub code: CodeInfo,
    pub profile: Profile,
    /// What the file's last run kept and replaced (edit-and-continue), if it was a re-run.
    pub reload: Option<ReloadSummary>,
}

/// The reports, by path.
#[derive(Default)]
pub struct LiveState {
    pub reports: HashMap<String, Arc<RunReport>>,
}

/// The handle the server holds.
#[derive(Clone)]
pub struct Live {
    session: Arc<SharedSession>,
    output: OutputFn,
    pub state: Arc<Mutex<LiveState>>,
}

impl Live {
    /// Starts the session thread. `output` receives the output of the editor's runs as it
    /// is written.
    pub fn spawn(output: impl Fn(Output) + Send + Sync + 'static) -> std::io::Result<Live> {
        let session = Arc::new(SharedSession::spawn(true)?);
        let output: OutputFn = Arc::new(move |stream, text: &str| {
            output(Output {
                stream: match stream {
                    Stream::Stdout => "stdout",
                    Stream::Stderr => "stderr",
                },
                text: text.to_owned(),
            })
        });
        Ok(Live {
            session,
            output,
            state: Arc::new(Mutex::new(LiveState::default())),
        })
    }

    /// The session, for publishing it to REPLs.
    pub fn session(&self) -> Arc<SharedSession> {
        self.session.clone()
    }

    /// Runs `source` as file `path` in the session's `__main__`, profiled.
    pub async fn run(&self, path: String, source: String) -> Option<RunOutcome> {
        let live = self.clone();
        tokio::task::spawn_blocking(move || {
            let request = Request::RunFile {
                filename: path.clone(),
                source,
                profile: true,
            };
            let response = live.session.call(SERVER, request, live.output.clone())?;
            live.refresh(&[path]);
            match response {
                Response::Ran { outcome, .. } => Some(run_outcome(&outcome)),
                _ => None,
            }
        })
        .await
        .ok()
        .flatten()
    }

    /// Evaluates `code` in the session's `__main__`: an expression's `repr`, or statements
    /// run for their effects.
    pub async fn evaluate(&self, code: String) -> Option<Result<String, String>> {
        let live = self.clone();
        tokio::task::spawn_blocking(move || {
            let request = Request::Evaluate { code };
            match live.session.call(SERVER, request, live.output.clone())? {
                Response::Evaluated(result) => Some(result),
                _ => None,
            }
        })
        .await
        .ok()
        .flatten()
    }

    /// Asks the running code (whoever started it) to stop; whether anything ran.
    pub fn interrupt(&self) -> bool {
        self.session.interrupt_any()
    }

    pub fn report(&self, path: &str) -> Option<Arc<RunReport>> {
        self.state.lock().ok()?.reports.get(path).cloned()
    }

    /// The paths with a report.
    pub fn paths(&self) -> Vec<String> {
        self.state
            .lock()
            .map(|s| s.reports.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// Rereads the reports of `extra` and of every file already reported from the session
    /// (blocking: waits for the session's turn). Returns the paths refreshed.
    pub fn refresh(&self, extra: &[String]) -> Vec<String> {
        let mut filenames = self.paths();
        for path in extra {
            if !filenames.contains(path) {
                filenames.push(path.clone());
            }
        }
        let Some(Response::Files(files)) = self.session.ask(SERVER, Request::Files { filenames })
        else {
            return Vec::new();
        };
        let profile = self
            .session
            .live_profile()
            .lock()
            .map(|p| p.clone())
            .unwrap_or_default();
        let mut refreshed = Vec::new();
        if let Ok(mut state) = self.state.lock() {
            for file in files {
                refreshed.push(file.filename.clone());
                let report = RunReport {
                    source: file.source,
                    code: file.code,
                    profile: profile.clone(),
                    reload: file.reload,
                };
                state.reports.insert(file.filename, Arc::new(report));
            }
        }
        refreshed
    }
}

/// The editor's view of how a run ended.
fn run_outcome(outcome: &engine::session::Outcome) -> RunOutcome {
    let last = |report: &str| report.lines().last().unwrap_or("").to_owned();
    let (status, error) = match &outcome.status {
        Status::Ok => ("ok", None),
        Status::Error { report } => ("exception", Some(last(report))),
        Status::Interrupted => ("interrupted", Some("KeyboardInterrupt".to_owned())),
        Status::SyntaxError { report } => ("compile_error", Some(last(report))),
        Status::Exit(code) => ("exception", Some(format!("SystemExit: {code}"))),
    };
    RunOutcome {
        status,
        elapsed_ms: outcome.elapsed.as_secs_f64() * 1000.0,
        error,
        reload: outcome.reload.clone(),
    }
}
