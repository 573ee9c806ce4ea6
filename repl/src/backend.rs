//! What the REPL's front ends drive: the session on a thread of this process, or the
//! language server's session over its socket (`--attach`). Both answer the same requests;
//! every input, magic, completion and Ctrl-C goes through here.

use crate::remote::Connection;
use engine::session::worker::{Request, Response, SessionHandle};
use engine::vm::profile::Profile;
use std::sync::atomic::AtomicBool;
use std::sync::{mpsc, Arc};

pub enum Backend {
    Local(SessionHandle),
    Remote(Connection),
}

impl Backend {
    /// Sends a request; the answer arrives on the returned receiver (which disconnects if
    /// the session ends first).
    pub fn send(&self, request: Request) -> mpsc::Receiver<Response> {
        match self {
            Backend::Local(s) => s.send(request),
            Backend::Remote(c) => c.send(request),
        }
    }

    /// Sends a request and waits for the answer (`None` if the session is gone).
    pub fn call(&self, request: Request) -> Option<Response> {
        self.send(request).recv().ok()
    }

    /// Raises `KeyboardInterrupt` in the running code.
    pub fn interrupt(&self) {
        match self {
            Backend::Local(s) => s.interrupter().interrupt(),
            Backend::Remote(c) => c.interrupt(),
        }
    }

    /// The two flags a SIGINT handler sets, in this order, for a real interrupt.
    pub fn signal_flags(&self) -> [Arc<AtomicBool>; 2] {
        match self {
            Backend::Local(s) => s.interrupter().signal_flags(),
            Backend::Remote(c) => c.signal_flags(),
        }
    }

    /// Shows `f` the profile being recorded (for a remote session, the newest snapshot).
    pub fn with_live_profile(&self, f: impl FnOnce(&Profile)) {
        match self {
            Backend::Local(s) => {
                if let Ok(p) = s.live_profile().lock() {
                    f(&p);
                }
            }
            Backend::Remote(c) => c.with_live_profile(f),
        }
    }
}
