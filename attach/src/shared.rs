//! One session, many clients: the language server's own requests (client 0) and every
//! attached REPL go through [`SharedSession::call`], which takes the session's turn (so
//! requests run one at a time, in the order they got it), points the VM's output at the
//! caller while its request runs, and afterwards tells the owner that code ran (the server
//! refreshes the editor's hints). Ctrl-C from a client interrupts only its own code (or
//! gives up its request still waiting for its turn).

use crate::wire::Stream;
use engine::session::worker::{Request, Response, SessionHandle};
use engine::session::{Interrupter, Outcome, Status};
use engine::vm::host::Host;
use engine::vm::profile::SharedProfile;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, TryLockError};
use std::time::Duration;

/// Where a request's output goes, chunk by chunk as it is written.
pub type OutputFn = Arc<dyn Fn(Stream, &str) + Send + Sync>;

/// Where a request's `input()` gets its line (`None`: end of file).
pub type InputFn = Arc<dyn Fn() -> Option<String> + Send + Sync>;

/// Called after a request that ran code, with the id of the client that sent it and, for
/// a file run (`%run`), the file's name.
pub type AfterRun = Box<dyn Fn(u64, Option<&str>) + Send + Sync>;

/// The id of the language server's own requests; attached clients count up from 1.
pub const SERVER: u64 = 0;

/// The caller of the running request: where its output goes and its `input()` reads.
#[derive(Clone)]
struct Caller {
    output: OutputFn,
    input: Option<InputFn>,
}

type Route = Arc<Mutex<Option<Caller>>>;

pub struct SharedSession {
    handle: SessionHandle,
    route: Route,
    /// Held while a request runs: the session's turn.
    turn: Mutex<()>,
    /// The client whose request runs now.
    owner: Mutex<Option<u64>>,
    after_run: Mutex<Option<AfterRun>>,
}

impl SharedSession {
    pub fn spawn(quicken: bool) -> std::io::Result<SharedSession> {
        let route: Route = Arc::new(Mutex::new(None));
        let host_route = route.clone();
        let handle =
            SessionHandle::spawn(move || Box::new(RoutedHost { route: host_route }), quicken)?;
        Ok(SharedSession {
            handle,
            route,
            turn: Mutex::new(()),
            owner: Mutex::new(None),
            after_run: Mutex::new(None),
        })
    }

    /// Sets what runs after each request that ran code.
    pub fn on_after_run(&self, f: AfterRun) {
        if let Ok(mut a) = self.after_run.lock() {
            *a = Some(f);
        }
    }

    /// Runs `request` for `client` when the session's turn comes, its output going to
    /// `output`; `None` if the session thread is gone.
    pub fn call(&self, client: u64, request: Request, output: OutputFn) -> Option<Response> {
        self.call_with_input(client, request, output, None, None)
    }

    /// [`SharedSession::call`] with `input()` served by `input` (else it reads end of file),
    /// and given up while it waits for its turn if `cancel` is set (Ctrl-C while another
    /// client's code runs): the answer is then that of an interrupted request.
    pub fn call_with_input(
        &self,
        client: u64,
        request: Request,
        output: OutputFn,
        input: Option<InputFn>,
        cancel: Option<&AtomicBool>,
    ) -> Option<Response> {
        let runs_code = matches!(
            request,
            Request::Run { .. }
                | Request::RunFile { .. }
                | Request::Timeit { .. }
                | Request::Evaluate { .. }
                | Request::Reset
        );
        let file = match &request {
            Request::RunFile { filename, .. } => Some(filename.clone()),
            _ => None,
        };
        let response = {
            let Some(_turn) = self.take_turn(cancel) else {
                output(Stream::Stderr, "KeyboardInterrupt\n");
                return Some(interrupted(&request));
            };
            self.set(Some(client), Some(Caller { output, input }));
            let response = self.handle.call(request);
            self.set(None, None);
            response
        };
        if runs_code && response.is_some() {
            if let Ok(after) = self.after_run.lock() {
                if let Some(after) = after.as_ref() {
                    after(client, file.as_deref());
                }
            }
        }
        response
    }

    /// Waits for the session's turn; `None` if `cancel` was set meanwhile.
    fn take_turn(&self, cancel: Option<&AtomicBool>) -> Option<MutexGuard<'_, ()>> {
        let Some(cancel) = cancel else {
            return Some(self.turn.lock().unwrap_or_else(|e| e.into_inner()));
        };
        // A Ctrl-C from before this request was waiting is not for it.
        cancel.store(false, Ordering::SeqCst);
        loop {
            match self.turn.try_lock() {
                Ok(turn) => return Some(turn),
                Err(TryLockError::Poisoned(e)) => return Some(e.into_inner()),
                Err(TryLockError::WouldBlock) => {}
            }
            if cancel.swap(false, Ordering::SeqCst) {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Runs a request that writes nothing (inspection, completion).
    pub fn ask(&self, client: u64, request: Request) -> Option<Response> {
        self.call(client, request, Arc::new(|_, _| {}))
    }

    fn set(&self, owner: Option<u64>, caller: Option<Caller>) {
        if let Ok(mut o) = self.owner.lock() {
            *o = owner;
        }
        if let Ok(mut r) = self.route.lock() {
            *r = caller;
        }
    }

    /// The client whose request runs now.
    pub fn owner(&self) -> Option<u64> {
        self.owner.lock().ok().and_then(|o| *o)
    }

    /// Interrupts the running code if it is `client`'s; whether it was.
    pub fn interrupt_client(&self, client: u64) -> bool {
        let mine = self.owner() == Some(client);
        if mine {
            self.handle.interrupter().interrupt();
        }
        mine
    }

    /// Interrupts whatever runs (the editor's Interrupt command); whether anything did.
    pub fn interrupt_any(&self) -> bool {
        let running = self.handle.busy();
        if running {
            self.handle.interrupter().interrupt();
        }
        running
    }

    pub fn interrupter(&self) -> Interrupter {
        self.handle.interrupter()
    }

    /// The profile of the running (or last) profiled run.
    pub fn live_profile(&self) -> SharedProfile {
        self.handle.live_profile()
    }

    pub fn busy(&self) -> bool {
        self.handle.busy()
    }
}

/// The answer to a request given up before it ran.
fn interrupted(request: &Request) -> Response {
    match request {
        Request::Run { .. } | Request::RunFile { .. } => Response::Ran {
            outcome: Outcome {
                status: Status::Interrupted,
                elapsed: Duration::ZERO,
                reload: None,
            },
            profile: None,
        },
        _ => Response::Done,
    }
}

impl Drop for SharedSession {
    fn drop(&mut self) {
        // Dropping the handle waits for the session thread: stop whatever still runs.
        self.handle.interrupter().interrupt();
    }
}

/// The session VM's host: output goes to whoever's request runs now (nowhere between
/// requests), and `input()` asks that caller for a line (the keyboard is the client's, not
/// the server's; the editor has none, so there it reads end of file).
struct RoutedHost {
    route: Route,
}

impl RoutedHost {
    fn caller(&self) -> Option<Caller> {
        self.route.lock().ok().and_then(|r| r.clone())
    }

    fn write(&self, stream: Stream, text: &str) {
        if let Some(caller) = self.caller() {
            (caller.output)(stream, text);
        }
    }
}

impl Host for RoutedHost {
    fn write_stdout(&mut self, text: &str) {
        self.write(Stream::Stdout, text);
    }
    fn write_stderr(&mut self, text: &str) {
        self.write(Stream::Stderr, text);
    }
    fn read_line(&mut self) -> Option<String> {
        self.caller()?.input.and_then(|input| input())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    fn collect() -> (OutputFn, mpsc::Receiver<String>) {
        let (tx, rx) = mpsc::channel();
        let tx = Mutex::new(tx);
        let f: OutputFn = Arc::new(move |_, text: &str| {
            if let Ok(tx) = tx.lock() {
                let _ = tx.send(text.to_owned());
            }
        });
        (f, rx)
    }

    #[test]
    fn output_goes_to_the_caller_and_globals_are_shared() {
        let s = SharedSession::spawn(true).expect("session");
        let (a, a_out) = collect();
        let (b, b_out) = collect();
        let run = |source: &str| Request::Run {
            source: source.into(),
            profile: false,
        };
        assert!(s.call(1, run("x = 41"), a.clone()).is_some());
        assert!(s.call(2, run("print(x + 1)"), b).is_some());
        let printed: String = b_out.try_iter().collect();
        assert_eq!(printed, "42\n");
        assert_eq!(a_out.try_iter().count(), 0);
        assert!(s.owner().is_none());
        assert!(!s.interrupt_client(1), "nothing of client 1 runs");
    }

    #[test]
    fn ctrl_c_gives_up_a_request_waiting_for_its_turn() {
        let s = Arc::new(SharedSession::spawn(true).expect("session"));
        let (quiet, _) = collect();
        let spin = {
            let (s, quiet) = (s.clone(), quiet.clone());
            std::thread::spawn(move || {
                let request = Request::Run {
                    source: "while True: pass\n\n".into(),
                    profile: false,
                };
                s.call(1, request, quiet)
            })
        };
        while s.owner() != Some(1) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let waiting = {
            let (s, cancel, quiet) = (s.clone(), cancel.clone(), quiet.clone());
            std::thread::spawn(move || {
                let request = Request::Run {
                    source: "1".into(),
                    profile: false,
                };
                s.call_with_input(2, request, quiet, None, Some(&cancel))
            })
        };
        assert!(!s.interrupt_client(2), "client 2's code is not running");
        // (Again until taken: a flag set before the request waited is cleared as stale.)
        while !waiting.is_finished() {
            cancel.store(true, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let answer = waiting.join().ok().flatten();
        assert!(
            matches!(&answer, Some(Response::Ran { outcome, .. }) if outcome.status == Status::Interrupted),
            "{answer:?}"
        );
        assert_eq!(s.owner(), Some(1), "client 1's loop still runs");
        assert!(s.interrupt_client(1));
        let spun = spin.join().ok().flatten();
        assert!(
            matches!(&spun, Some(Response::Ran { outcome, .. }) if outcome.status == Status::Interrupted),
            "{spun:?}"
        );
    }
}
