//! The listening side: a Unix socket (0600, in the private runtime directory) accepting
//! clients of the user running the server. Each connection gets a reader (this
//! connection's messages: requests queue for its worker, interrupts act at once) and a
//! worker (its requests, one at a time, through the shared session). A client that goes
//! away — even killed in the middle of a run — has its running code interrupted and its
//! queued requests dropped; the session and the server carry on.

use crate::peer;
use crate::place;
use crate::shared::{InputFn, OutputFn, SharedSession};
use crate::wire::{self, ClientMessage, LiveProfile, ServerMessage};
use engine::session::worker::Request;
use std::io::{self, BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

/// A published session: the socket file goes when this is dropped.
pub struct Published {
    pub socket: PathBuf,
    stop: Arc<AtomicBool>,
}

impl Drop for Published {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// Publishes `session` for workspace `root` at its socket (see [`place`]). A socket left
/// by a server that died is replaced; one that answers belongs to a live server, and is
/// left alone (an error).
pub fn publish(session: Arc<SharedSession>, root: &Path) -> io::Result<Published> {
    let socket = place::socket_for(root);
    publish_at(session, &socket, &place::canonical(root))
}

/// Publishes `session` at `socket` (its directory made private first).
pub fn publish_at(
    session: Arc<SharedSession>,
    socket: &Path,
    workspace: &Path,
) -> io::Result<Published> {
    if let Some(dir) = socket.parent() {
        place::ensure_private_dir(dir)?;
    }
    if socket.exists() {
        if UnixStream::connect(socket).is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AddrInUse,
                format!("another server is serving {}", socket.display()),
            ));
        }
        std::fs::remove_file(socket)?;
    }
    let listener = UnixListener::bind(socket)?;
    std::fs::set_permissions(socket, std::fs::Permissions::from_mode(0o600))?;
    let stop = Arc::new(AtomicBool::new(false));
    let stop2 = stop.clone();
    let workspace = workspace.display().to_string();
    std::thread::Builder::new()
        .name("adder-attach".into())
        .spawn(move || accept(listener, session, workspace, stop2))?;
    Ok(Published {
        socket: socket.to_path_buf(),
        stop,
    })
}

fn accept(
    listener: UnixListener,
    session: Arc<SharedSession>,
    workspace: String,
    stop: Arc<AtomicBool>,
) {
    static NEXT_CLIENT: AtomicU64 = AtomicU64::new(1);
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let client = NEXT_CLIENT.fetch_add(1, Ordering::Relaxed);
        let session = session.clone();
        let workspace = workspace.clone();
        let _ = std::thread::Builder::new()
            .name(format!("adder-attach-{client}"))
            .spawn(move || serve(stream, client, session, workspace));
    }
}

type Writer = Arc<Mutex<UnixStream>>;

fn send(writer: &Writer, message: &ServerMessage) -> bool {
    match writer.lock() {
        Ok(mut w) => wire::send(&mut *w, message).is_ok(),
        Err(_) => false,
    }
}

/// Serves one connection until its client goes.
fn serve(stream: UnixStream, client: u64, session: Arc<SharedSession>, workspace: String) {
    // A client that stops reading must not hold the session up for long.
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let Ok(write_half) = stream.try_clone() else {
        return;
    };
    let writer: Writer = Arc::new(Mutex::new(write_half));
    if let Err(reason) = peer::check_stream(&stream) {
        send(&writer, &ServerMessage::Refused { reason });
        return;
    }
    let hello = ServerMessage::Hello {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        workspace,
        pid: std::process::id(),
    };
    if !send(&writer, &hello) {
        return;
    }
    let closed = Arc::new(AtomicBool::new(false));
    // Ctrl-C while this client's request waits for another client's code to finish.
    let cancel = Arc::new(AtomicBool::new(false));
    let (requests, queue) = mpsc::channel::<(u64, Request)>();
    // Lines for `input()`, from this reader to the session thread waiting in `input()`.
    let (lines_tx, lines) = mpsc::channel::<Option<String>>();
    let input = input_fn(writer.clone(), lines);
    let worker = {
        let (session, writer) = (session.clone(), writer.clone());
        let flags = [closed.clone(), cancel.clone()];
        std::thread::Builder::new()
            .name(format!("adder-attach-{client}-worker"))
            .spawn(move || work(queue, client, &session, &writer, flags, input))
    };
    if worker.is_err() {
        return;
    }
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        match serde_json::from_str::<ClientMessage>(line.trim_end()) {
            Ok(ClientMessage::Request { id, request }) => {
                if requests.send((id, request)).is_err() {
                    break;
                }
            }
            Ok(ClientMessage::Line { text }) => {
                let _ = lines_tx.send(text);
            }
            Ok(ClientMessage::Interrupt) => {
                if !session.interrupt_client(client) {
                    cancel.store(true, Ordering::SeqCst);
                }
            }
            Ok(ClientMessage::LiveProfile { id }) => {
                let profile = session
                    .live_profile()
                    .lock()
                    .map(|p| LiveProfile::of(&p))
                    .unwrap_or_default();
                send(&writer, &ServerMessage::LiveProfile { id, profile });
            }
            Err(e) => {
                let message = format!("cannot read the message: {e}");
                send(&writer, &ServerMessage::Error { message });
            }
        }
    }
    // Gone: its queued requests are dropped, its running code interrupted (an `input()`
    // waiting for it reads end of file).
    closed.store(true, Ordering::SeqCst);
    cancel.store(true, Ordering::SeqCst);
    drop(requests);
    drop(lines_tx);
    session.interrupt_client(client);
}

/// `input()` for this client's code: ask the client, wait for its line.
fn input_fn(writer: Writer, lines: mpsc::Receiver<Option<String>>) -> InputFn {
    let lines = Mutex::new(lines);
    Arc::new(move || {
        let lines = lines.lock().ok()?;
        // A line sent after an earlier `input()` ended (end of file) is stale.
        while lines.try_recv().is_ok() {}
        if !send(&writer, &ServerMessage::Input) {
            return None;
        }
        lines.recv().ok().flatten()
    })
}

/// Runs one client's requests in order, answering each.
fn work(
    queue: mpsc::Receiver<(u64, Request)>,
    client: u64,
    session: &SharedSession,
    writer: &Writer,
    [closed, cancel]: [Arc<AtomicBool>; 2],
    input: InputFn,
) {
    let out_writer = writer.clone();
    let output: OutputFn = Arc::new(move |stream, text: &str| {
        let text = text.to_owned();
        send(&out_writer, &ServerMessage::Output { stream, text });
    });
    while let Ok((id, request)) = queue.recv() {
        if closed.load(Ordering::SeqCst) {
            return;
        }
        let input = Some(input.clone());
        let response =
            session.call_with_input(client, request, output.clone(), input, Some(&cancel));
        let Some(response) = response else {
            return;
        };
        if closed.load(Ordering::SeqCst) {
            // The client left while its request ran (and was interrupted).
            return;
        }
        if !send(writer, &ServerMessage::Response { id, response }) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn the_socket_is_private_and_removed_on_drop() {
        let dir = std::env::temp_dir().join(format!("adder-attach-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let socket = dir.join("run").join("ws.sock");
        let session = Arc::new(SharedSession::spawn(true).expect("session"));
        let published = publish_at(session.clone(), &socket, &dir).expect("publish");
        let mode = |p: &Path| std::fs::metadata(p).map(|m| m.mode() & 0o777).unwrap_or(0);
        assert_eq!(mode(&socket), 0o600);
        assert_eq!(mode(&dir.join("run")), 0o700);
        // A second server for the same socket is refused while the first lives.
        assert!(publish_at(session, &socket, &dir).is_err());
        // A client gets the hello, runs code and sees its output and answer.
        let mut stream = UnixStream::connect(&socket).expect("connect");
        let request = ClientMessage::Request {
            id: 1,
            request: Request::Run {
                source: "print(6 * 7)".into(),
                profile: false,
            },
        };
        wire::send(&mut stream, &request).expect("send");
        let mut lines = BufReader::new(stream).lines();
        let mut next = || lines.next().and_then(|l| l.ok()).unwrap_or_default();
        assert!(next().starts_with(r#"{"hello":"#));
        assert!(next().contains(r#""text":"42""#));
        let rest: Vec<String> = (0..2).map(|_| next()).collect();
        assert!(rest[0].contains(r#""text":"\n""#), "{rest:?}");
        assert!(rest[1].contains(r#""response":{"id":1"#), "{rest:?}");
        drop(published);
        assert!(!socket.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
