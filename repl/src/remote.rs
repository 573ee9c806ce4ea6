//! The client side of `adder repl --attach`: a connection to the session a language server
//! publishes (see the `attach` crate). Requests go out as lines of JSON with an id; a reader
//! thread writes the output of our runs to the terminal as it streams in and hands each
//! answer to whoever waits for it. Ctrl-C becomes an interrupt message (SIGINT sets local
//! flags; a watcher sends it). When the server goes away the REPL says so and ends.

use crate::host::{Sink, TerminalHost};
use attach::place;
use attach::wire::{self, ClientMessage, LiveProfile, ServerMessage, Stream};
use engine::session::worker::{Request, Response};
use engine::vm::host::Host;
use engine::vm::profile::Profile;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::FileTypeExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

type Pending = Arc<Mutex<HashMap<u64, mpsc::Sender<Response>>>>;

/// How often the live profile is asked for while the TUI shows a run.
const LIVE_EVERY: Duration = Duration::from_millis(200);

/// The connection's sending half, shared (one message at a time, whole lines).
type Writer = Arc<Mutex<UnixStream>>;

pub struct Connection {
    writer: Writer,
    pending: Pending,
    next_id: AtomicU64,
    /// Set by SIGINT (user flag first, as for a local session); the watcher sends them on.
    flags: [Arc<AtomicBool>; 2],
    live: Arc<Mutex<Profile>>,
    live_asked: Mutex<Option<Instant>>,
    /// What the server said about itself.
    pub workspace: String,
    pub pid: u32,
}

/// The socket to attach to: `target` if it is one, else the server of the workspace at or
/// above `target` (a directory; the current directory when `None`).
pub fn resolve(target: Option<&Path>) -> Result<PathBuf, String> {
    let dir = match target {
        Some(path) => {
            let meta = std::fs::metadata(path)
                .map_err(|e| format!("cannot attach to {}: {e}", path.display()))?;
            if meta.file_type().is_socket() {
                return Ok(path.to_path_buf());
            }
            if !meta.is_dir() {
                return Err(format!(
                    "{} is neither a language server's socket nor a directory",
                    path.display()
                ));
            }
            path.to_path_buf()
        }
        None => std::env::current_dir().map_err(|e| format!("no current directory: {e}"))?,
    };
    place::find_from(&dir).ok_or_else(|| {
        format!(
            "no language server is serving {} or a directory above it (open the folder in \
             an editor running `adder lsp`, or pass the socket: --attach PATH)",
            dir.display()
        )
    })
}

impl Connection {
    /// Connects to `socket`; output of our runs goes to `host`'s terminal (or the TUI).
    pub fn connect(socket: &Path, sink: Sink, host: TerminalHost) -> Result<Connection, String> {
        let fail =
            |e: &dyn std::fmt::Display| format!("cannot attach to {}: {e}", socket.display());
        let stream = UnixStream::connect(socket).map_err(|e| fail(&e))?;
        let mut reader = BufReader::new(stream.try_clone().map_err(|e| fail(&e))?);
        let mut line = String::new();
        reader.read_line(&mut line).map_err(|e| fail(&e))?;
        let (workspace, pid) = match serde_json::from_str::<ServerMessage>(line.trim_end()) {
            Ok(ServerMessage::Hello { workspace, pid, .. }) => (workspace, pid),
            Ok(ServerMessage::Refused { reason }) => return Err(fail(&reason)),
            _ => return Err(fail(&"the server did not answer")),
        };
        let pending: Pending = Arc::new(Mutex::new(HashMap::new()));
        let live = Arc::new(Mutex::new(Profile::default()));
        let flags = [
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicBool::new(false)),
        ];
        let connection = Connection {
            writer: Arc::new(Mutex::new(stream)),
            pending: pending.clone(),
            next_id: AtomicU64::new(1),
            flags: flags.clone(),
            live: live.clone(),
            live_asked: Mutex::new(None),
            workspace,
            pid,
        };
        let socket = socket.to_path_buf();
        let host = Mutex::new(host);
        let answers = connection.writer.clone();
        std::thread::Builder::new()
            .name("adder-attach-reader".into())
            .spawn(move || {
                read(reader, answers, &pending, &live, &host);
                server_gone(&socket, &sink);
            })
            .map_err(|e| fail(&e))?;
        let writer = connection.writer.clone();
        let _ = std::thread::Builder::new()
            .name("adder-attach-sigint".into())
            .spawn(move || loop {
                std::thread::sleep(Duration::from_millis(20));
                if flags[1].swap(false, Ordering::SeqCst) {
                    flags[0].store(false, Ordering::SeqCst);
                    if !send(&writer, &ClientMessage::Interrupt) {
                        return;
                    }
                }
            });
        Ok(connection)
    }

    fn write(&self, message: &ClientMessage) -> bool {
        send(&self.writer, message)
    }

    pub fn send(&self, request: Request) -> mpsc::Receiver<Response> {
        let request = match request {
            // The editor knows files by absolute path.
            Request::RunFile {
                filename,
                source,
                profile,
            } => Request::RunFile {
                filename: std::path::absolute(&filename)
                    .map_or(filename, |p| p.display().to_string()),
                source,
                profile,
            },
            other => other,
        };
        let (reply, rx) = mpsc::channel();
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        if let Ok(mut pending) = self.pending.lock() {
            pending.insert(id, reply);
        }
        if !self.write(&ClientMessage::Request { id, request }) {
            if let Ok(mut pending) = self.pending.lock() {
                pending.remove(&id);
            }
        }
        rx
    }

    pub fn interrupt(&self) {
        self.write(&ClientMessage::Interrupt);
    }

    pub fn signal_flags(&self) -> [Arc<AtomicBool>; 2] {
        self.flags.clone()
    }

    /// The newest live-profile snapshot (a fresher one is asked for now and then).
    pub fn with_live_profile(&self, f: impl FnOnce(&Profile)) {
        let due = match self.live_asked.lock() {
            Ok(mut asked) => {
                let due = asked.is_none_or(|t| t.elapsed() >= LIVE_EVERY);
                if due {
                    *asked = Some(Instant::now());
                }
                due
            }
            Err(_) => false,
        };
        if due {
            self.write(&ClientMessage::LiveProfile { id: 0 });
        }
        if let Ok(p) = self.live.lock() {
            f(&p);
        }
    }
}

/// Sends one message; false if the connection is gone.
fn send(writer: &Writer, message: &ClientMessage) -> bool {
    match writer.lock() {
        Ok(mut w) => wire::send(&mut *w, message).is_ok(),
        Err(_) => false,
    }
}

/// Reads the server's messages until it goes.
fn read(
    mut reader: BufReader<UnixStream>,
    answers: Writer,
    pending: &Pending,
    live: &Mutex<Profile>,
    host: &Mutex<TerminalHost>,
) {
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        match serde_json::from_str::<ServerMessage>(line.trim_end()) {
            Ok(ServerMessage::Output { stream, text }) => {
                if let Ok(mut host) = host.lock() {
                    match stream {
                        Stream::Stdout => host.write_stdout(&text),
                        Stream::Stderr => host.write_stderr(&text),
                    }
                }
            }
            Ok(ServerMessage::Input) => {
                // Our code called `input()`: the line comes from our terminal (through the
                // line editor while the line REPL waits for the run), as it would locally.
                let text = host.lock().ok().and_then(|mut host| host.read_line());
                send(&answers, &ClientMessage::Line { text });
            }
            Ok(ServerMessage::Response { id, response }) => {
                if let Ok(mut host) = host.lock() {
                    host.flush_stdout();
                }
                let waiting = pending.lock().ok().and_then(|mut p| p.remove(&id));
                if let Some(waiting) = waiting {
                    let _ = waiting.send(response);
                }
            }
            Ok(ServerMessage::LiveProfile { profile, .. }) => {
                if let Ok(mut live) = live.lock() {
                    *live = LiveProfile::to_profile(&profile);
                }
            }
            Ok(ServerMessage::Error { message }) => {
                let _ = writeln!(std::io::stderr(), "adder: the server: {message}");
            }
            Ok(ServerMessage::Hello { .. } | ServerMessage::Refused { .. }) | Err(_) => {}
        }
    }
}

/// The server is gone: the terminal is given back, the user told, the REPL ended.
fn server_gone(socket: &Path, sink: &Sink) {
    if sink.lock().map(|s| s.is_some()).unwrap_or(false) {
        let _ = ratatui::try_restore();
    }
    crate::terminal::restore();
    let _ = writeln!(
        std::io::stderr(),
        "\nadder: the language server at {} has exited",
        socket.display()
    );
    std::process::exit(1);
}
