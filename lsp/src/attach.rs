//! The server's side of attaching: the workspace's session published on its Unix socket
//! (see the `attach` crate) for `adder repl --attach`, and `adder/sessionInfo`, which tells
//! an editor where that socket is (VS Code's *Open Attached REPL*). The socket goes when
//! the server ends, also when it is ended by a signal (SIGTERM, SIGHUP, SIGINT).

use crate::live::Live;
use attach::server::{publish as publish_session, Published};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

static PUBLISHED: Mutex<Option<Published>> = Mutex::new(None);

/// Publishes the session for the workspace at `root` (the server's directory when the
/// client named none). A failure is reported on stderr: the editor features do not need
/// the socket.
pub fn publish(live: &Live, root: Option<&str>) {
    let root = match root {
        Some(r) => PathBuf::from(r),
        None => match std::env::current_dir() {
            Ok(dir) => dir,
            Err(_) => return,
        },
    };
    match publish_session(live.session(), &root) {
        Ok(published) => {
            if let Ok(mut p) = PUBLISHED.lock() {
                *p = Some(published);
            }
            unpublish_on_signals();
        }
        Err(e) => eprintln!(
            "adder lsp: the session is not published for attaching ({}): {e}",
            root.display()
        ),
    }
}

/// The published socket, if any.
pub fn socket() -> Option<PathBuf> {
    PUBLISHED.lock().ok()?.as_ref().map(|p| p.socket.clone())
}

/// Removes the socket (the server is ending).
pub fn unpublish() {
    if let Ok(mut p) = PUBLISHED.lock() {
        *p = None;
    }
}

/// A signal that ends the server removes the socket first (then ends it as the signal
/// would have: status 128 + signal).
fn unpublish_on_signals() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("adder-lsp-signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                unpublish();
                std::process::exit(128 + signal);
            }
        });
}

/// The `adder/sessionInfo` answer.
pub fn info(root: Option<&Path>) -> serde_json::Value {
    serde_json::json!({
        "socket": socket().map(|s| s.display().to_string()),
        "workspace": root.map(|r| r.display().to_string()),
        "pid": std::process::id(),
    })
}
