//! A session on its own thread (its values are `Rc`, so it never leaves that thread), driven
//! by requests over a channel and answering with plain data. Front ends hold a
//! [`SessionHandle`]: the line REPL asks and waits, the TUI asks and keeps drawing; either can
//! interrupt running code and read the live profile meanwhile. The requests are the whole
//! protocol, so a socket can later stand between the two ends (issue 9).

use super::report::ProfileReport;
use super::timing::TimeitResult;
use super::{Interrupter, Outcome, Session};
use crate::vm::host::Host;
use crate::vm::profile::SharedProfile;
use crate::vm::quicken::inspect::{CodeInfo, StatsReport};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

/// What a front end asks of the session. Serializable: an attached REPL sends these over a
/// socket (`{"run": {...}}`, `"stats"`).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Request {
    /// Run interactive input (`single` mode), profiled or not.
    Run {
        source: String,
        profile: bool,
    },
    /// Run a file's text as a module in the session's namespace (`%run`).
    RunFile {
        filename: String,
        source: String,
        profile: bool,
    },
    /// Completion candidates for the word ending at byte `pos` of `line`.
    Complete {
        line: String,
        pos: usize,
    },
    /// The quickening state of the function an expression names.
    Inspect {
        expr: String,
    },
    /// Every function the session has compiled, with its quickening state.
    Functions,
    Stats,
    ResetStats,
    Timeit {
        stmt: String,
    },
    /// A fresh `__main__`.
    Reset,
    /// The user's global names.
    Who,
    /// Evaluate for an editor: an expression's `repr`, or run statements.
    Evaluate {
        code: String,
    },
    /// The newest run of each of these files, with the current quickening state.
    Files {
        filenames: Vec<String>,
    },
}

/// A function the session knows, for inspectors.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FunctionInfo {
    pub info: CodeInfo,
    /// The text of the input that defined it.
    pub source: String,
}

/// A file the session ran: the text it ran and its code's quickening state now.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct FileState {
    pub filename: String,
    pub source: String,
    pub code: CodeInfo,
    /// What the file's last run kept and replaced, when it re-ran the file.
    pub reload: Option<super::reload::ReloadSummary>,
}

/// The session's answer, one per request.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Ran {
        outcome: Outcome,
        /// For a profiled run.
        profile: Option<ProfileReport>,
    },
    Completions {
        start: usize,
        candidates: Vec<String>,
    },
    Inspected(Result<FunctionInfo, String>),
    Functions(Vec<FunctionInfo>),
    Stats(StatsReport),
    Timeit(Result<TimeitResult, String>),
    Names(Vec<String>),
    Evaluated(Result<String, String>),
    Files(Vec<FileState>),
    Done,
}

type Envelope = (Request, mpsc::Sender<Response>);

/// The front end's side of a session thread.
pub struct SessionHandle {
    tx: Option<mpsc::Sender<Envelope>>,
    thread: Option<std::thread::JoinHandle<()>>,
    interrupter: Interrupter,
    live: SharedProfile,
    busy: Arc<AtomicBool>,
}

impl SessionHandle {
    /// Starts a session thread whose VM writes through the host `make_host` builds there.
    pub fn spawn(
        make_host: impl FnOnce() -> Box<dyn Host> + Send + 'static,
        quicken: bool,
    ) -> std::io::Result<SessionHandle> {
        let (tx, rx) = mpsc::channel::<Envelope>();
        let (ready_tx, ready_rx) = mpsc::channel();
        let busy = Arc::new(AtomicBool::new(false));
        let busy2 = busy.clone();
        let thread = std::thread::Builder::new()
            .name("adder-session".into())
            // Frames live on the VM's stack; the native stack serves Rust re-entry only.
            .stack_size(256 << 20)
            .spawn(move || {
                let mut session = Session::new(make_host());
                session.vm.quicken = quicken;
                let _ = ready_tx.send((session.interrupter(), session.live_profile()));
                serve(&mut session, rx, &busy2);
                session.finalize();
            })?;
        let (interrupter, live) = ready_rx
            .recv()
            .map_err(|_| std::io::Error::other("the session thread did not start"))?;
        Ok(SessionHandle {
            tx: Some(tx),
            thread: Some(thread),
            interrupter,
            live,
            busy,
        })
    }

    /// Sends a request; the answer arrives on the returned receiver.
    pub fn send(&self, request: Request) -> mpsc::Receiver<Response> {
        let (reply, rx) = mpsc::channel();
        if let Some(tx) = &self.tx {
            let _ = tx.send((request, reply));
        }
        rx
    }

    /// Sends a request and waits for the answer (`None` if the session thread is gone).
    pub fn call(&self, request: Request) -> Option<Response> {
        self.send(request).recv().ok()
    }

    pub fn interrupter(&self) -> Interrupter {
        self.interrupter.clone()
    }

    /// The profile of the running (or last) profiled run.
    pub fn live_profile(&self) -> SharedProfile {
        self.live.clone()
    }

    /// Whether the session is working on a request.
    pub fn busy(&self) -> bool {
        self.busy.load(Ordering::Relaxed)
    }

    /// Ends the session: exit-time finalizers run, then the thread ends.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        self.tx = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for SessionHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(session: &mut Session, rx: mpsc::Receiver<Envelope>, busy: &AtomicBool) {
    while let Ok((request, reply)) = rx.recv() {
        busy.store(true, Ordering::Relaxed);
        let response = session.handle(request);
        busy.store(false, Ordering::Relaxed);
        let _ = reply.send(response);
    }
}

impl Session {
    /// Answers one request.
    pub fn handle(&mut self, request: Request) -> Response {
        match request {
            Request::Run { source, profile } => {
                self.run_reported(profile, |s| s.run_cell(&source, profile))
            }
            Request::RunFile {
                filename,
                source,
                profile,
            } => self.run_reported(profile, |s| s.run_file(&source, &filename, profile)),
            Request::Complete { line, pos } => {
                let (start, candidates) = super::complete::complete(self, &line, pos);
                Response::Completions { start, candidates }
            }
            Request::Inspect { expr } => {
                Response::Inspected(self.inspect(&expr).map(|(info, source)| FunctionInfo {
                    info,
                    source: source.to_string(),
                }))
            }
            Request::Functions => Response::Functions(self.functions()),
            Request::Stats => Response::Stats(self.vm.spec_report()),
            Request::ResetStats => {
                self.reset_stats();
                Response::Done
            }
            Request::Timeit { stmt } => Response::Timeit(self.timeit(&stmt)),
            Request::Reset => {
                self.reset();
                Response::Done
            }
            Request::Who => Response::Names(self.user_names()),
            Request::Evaluate { code } => Response::Evaluated(self.evaluate(&code)),
            Request::Files { filenames } => Response::Files(
                filenames
                    .into_iter()
                    .filter_map(|filename| {
                        let (source, code) = self.file_state(&filename)?;
                        let reload = self.last_reload(&filename).cloned();
                        Some(FileState {
                            filename,
                            source: source.to_string(),
                            code,
                            reload,
                        })
                    })
                    .collect(),
            ),
        }
    }

    fn run_reported(
        &mut self,
        profile: bool,
        run: impl FnOnce(&mut Session) -> Outcome,
    ) -> Response {
        let before = profile.then(|| self.call_counts());
        let outcome = run(self);
        let profile = before.map(|before| {
            let recorded = self.live.lock().map(|p| p.clone()).unwrap_or_default();
            self.profile_report(&recorded, outcome.elapsed, &before)
        });
        Response::Ran { outcome, profile }
    }

    /// Every function (not a module or class body) of every input, newest input first.
    pub fn functions(&self) -> Vec<FunctionInfo> {
        let mut out: Vec<FunctionInfo> = Vec::new();
        for (code, source) in self.all_codes().into_iter().rev() {
            let c = &code.code;
            let body = !c.flags.has(crate::bytecode::CodeFlags::OPTIMIZED);
            if body || c.filename.as_ref() == "<timeit>" {
                continue;
            }
            let mut info = self.vm.inspect_code(&code);
            info.children.clear();
            out.push(FunctionInfo {
                info,
                source: source.to_string(),
            });
        }
        out
    }

    /// Exit-time finalization of `__main__` (`__del__`, suspended generators).
    pub fn finalize(&mut self) {
        let globals = self.globals.clone();
        crate::eval::finalize_main(&mut self.vm, &globals);
        self.vm.host.flush_stdout();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::host::CaptureHost;

    #[test]
    fn files_report_the_current_state_of_a_files_code() {
        let mut s = Session::new(Box::new(CaptureHost::default()));
        let ran = s.handle(Request::RunFile {
            filename: "/ws/m.py".into(),
            source: "def f(x):\n    return x + 1\n".into(),
            profile: false,
        });
        assert!(matches!(ran, Response::Ran { .. }));
        s.handle(Request::Run {
            source: "for i in range(100): f(i)\n\n".into(),
            profile: false,
        });
        let Response::Files(files) = s.handle(Request::Files {
            filenames: vec!["/ws/m.py".into(), "/ws/never.py".into()],
        }) else {
            panic!("not a Files answer");
        };
        assert_eq!(files.len(), 1, "only files that ran");
        let f = files[0].code.children.iter().find(|c| c.name == "f");
        let resume = f.and_then(|f| f.instructions.iter().find(|i| i.original == "RESUME"));
        assert_eq!(
            resume.map(|i| i.hits),
            Some(100),
            "called from another input"
        );
    }

    #[test]
    fn evaluate_gives_a_repr_or_runs_statements() {
        let mut s = Session::new(Box::new(CaptureHost::default()));
        let eval =
            |s: &mut Session, code: &str| match s.handle(Request::Evaluate { code: code.into() }) {
                Response::Evaluated(r) => r,
                _ => Err("not an Evaluated answer".into()),
            };
        assert_eq!(eval(&mut s, "x = 20"), Ok(String::new()));
        assert_eq!(eval(&mut s, "x * 2 + 2"), Ok("42".into()));
        let err = eval(&mut s, "1/0").unwrap_err();
        assert!(err.contains("ZeroDivisionError"), "{err}");
    }

    #[test]
    fn requests_and_responses_survive_json() {
        let mut s = Session::new(Box::new(CaptureHost::default()));
        s.handle(Request::Run {
            source: "def g(): return 1\n\n".into(),
            profile: false,
        });
        let stats = s.handle(Request::Inspect { expr: "g".into() });
        let text = serde_json::to_string(&stats).unwrap_or_default();
        let back: Response = serde_json::from_str(&text).expect("reads back");
        let Response::Inspected(Ok(info)) = back else {
            panic!("{text}");
        };
        assert_eq!(info.info.qualname, "g");
        assert!(info
            .info
            .instructions
            .iter()
            .any(|i| i.current == "RETURN_VALUE"));
    }
}
