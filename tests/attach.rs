//! Issue 9, one live session seen from two sides, end to end: the real `adder lsp` (over
//! stdio) publishes its session; `adder repl --attach` on a pseudo-terminal drives it. The
//! REPL calls a function the editor's run defined and the editor sees the new counts; a REPL
//! killed mid-evaluation leaves the server serving; two REPLs share one `__main__`; a server
//! that exits ends its REPLs with a plain message. Each test has its own workspace and
//! runtime directory.

mod lsp_support;

use lsp_support::{pos, Server};
use rexpect::process::{Signal, WaitStatus};
use rexpect::session::{spawn_command, PtySession};
use serde_json::{json, Value};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TIMEOUT_MS: u64 = 30_000;

/// A workspace and a runtime directory of its own.
struct Place {
    root: PathBuf,
    workspace: PathBuf,
    runtime: PathBuf,
}

impl Place {
    fn new(name: &str) -> Place {
        let root = std::env::temp_dir().join(format!("adder-attach-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let workspace = root.join("ws");
        std::fs::create_dir_all(workspace.join("pkg")).expect("workspace");
        let runtime = root.join("run");
        std::fs::create_dir_all(&runtime).expect("runtime dir");
        Place {
            root,
            workspace,
            runtime,
        }
    }

    fn env(&self) -> [(&'static str, String); 1] {
        [("XDG_RUNTIME_DIR", self.runtime.display().to_string())]
    }

    /// `adder lsp` for this workspace, initialized with refresh support.
    fn server(&self) -> Server {
        let [(k, v)] = self.env();
        let mut s = Server::start_in(&["lsp"], Some(&self.workspace), &[(k, &v)]);
        let root = format!("file://{}", self.workspace.display());
        let caps = json!({"workspace": {
            "inlayHint": {"refreshSupport": true},
            "codeLens": {"refreshSupport": true},
        }});
        s.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": caps}),
        );
        s.notify("initialized", json!({}));
        s
    }

    /// `adder repl --attach` (plus `args`) on a pty, started in `dir`.
    fn repl(&self, dir: &Path, args: &str) -> PtySession {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "cd '{}' && stty rows 40 cols 120 && exec {} repl --attach {args}",
                dir.display(),
                env!("CARGO_BIN_EXE_adder")
            ))
            .env("XDG_RUNTIME_DIR", &self.runtime)
            .env("XDG_DATA_HOME", &self.root)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm");
        let mut p = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn adder repl --attach");
        p.exp_string("Attached to the language server's session")
            .expect("attached");
        p.exp_string(">>> ").expect("first prompt");
        p
    }

    fn uri(&self, file: &str) -> String {
        format!("file://{}", self.workspace.join(file).display())
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Types `line` and waits for the next `prompt`; returns what came before it.
fn enter(p: &mut PtySession, line: &str, prompt: &str) -> String {
    p.send_line(line).expect("send");
    p.exp_string("\r\n")
        .unwrap_or_else(|e| panic!("{line:?} was not accepted: {e}"));
    p.exp_string(prompt)
        .unwrap_or_else(|e| panic!("after {line:?}, no {prompt:?}: {e}"))
}

fn inlay_label(s: &mut Server, uri: &str, line: u32) -> String {
    let hints = s.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": pos(0, 0), "end": pos(20, 0)}}),
    );
    hints
        .as_array()
        .and_then(|a| a.iter().find(|h| h["position"]["line"] == line))
        .and_then(|h| h["label"].as_str())
        .unwrap_or("")
        .to_owned()
}

fn resume_hits(q: &Value) -> u64 {
    q["instructions"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["original"] == "RESUME"))
        .and_then(|i| i["hits"].as_u64())
        .unwrap_or(0)
}

#[test]
fn a_repl_attached_to_the_editors_session_drives_its_counts() {
    let place = Place::new("counts");
    let mut s = place.server();
    let uri = place.uri("main.py");
    s.open(&uri, "def f(x):\n    return x + 1\n");
    s.diagnostics(&uri);
    let r = s.request("adder/run", json!({"uri": uri}));
    assert_eq!(r["status"], "ok", "{r}");
    let q = s.request("adder/quickening", json!({"uri": uri, "function": "f"}));
    assert_eq!(resume_hits(&q), 0, "f is defined, not called: {q}");

    // The socket: 0600 in a 0700 directory, named for the workspace, reported to editors.
    let info = s.request("adder/sessionInfo", json!({}));
    let socket = PathBuf::from(info["socket"].as_str().unwrap_or_default());
    assert!(socket.starts_with(place.runtime.join("adder")), "{info}");
    let mode = |p: &Path| std::fs::metadata(p).map(|m| m.mode() & 0o777).unwrap_or(0);
    assert_eq!(mode(&socket), 0o600);
    assert_eq!(mode(&place.runtime.join("adder")), 0o700);

    // Attached from a subdirectory (found by walking up), the REPL sees the editor's `f`.
    let mut repl = place.repl(&place.workspace.join("pkg"), "");
    let out = enter(&mut repl, "f(41)", ">>> ");
    assert!(out.contains("42"), "{out:?}");
    enter(&mut repl, "for i in range(9999): f(i)", "... ");
    enter(&mut repl, "", ">>> ");
    let ran = Instant::now();

    // The server asks the editor to refresh (after `f(41)`, perhaps once more after the
    // loop), and a fresh hint shows the count, within a second of the loop's end.
    let mut label = String::new();
    for _ in 0..3 {
        assert!(s.wait_server_request("workspace/inlayHint/refresh"));
        label = inlay_label(&mut s, &uri, 1);
        if label.starts_with("×10,000") {
            break;
        }
    }
    assert!(label.starts_with("×10,000"), "{label:?}");
    let late = ran.elapsed();
    assert!(late < Duration::from_secs(3), "refreshed after {late:?}");
    assert!(s.wait_server_request("workspace/codeLens/refresh"));
    let q = s.request("adder/quickening", json!({"uri": uri, "function": "f"}));
    assert_eq!(resume_hits(&q), 10_000, "{q}");
    let lens = s.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": uri}}),
    );
    assert!(lens.to_string().contains("10,000 calls"), "{lens}");

    // Code run from the editor is in the REPL's globals at once.
    let e = s.request("adder/evaluate", json!({"code": "from_editor = f(1) * 21"}));
    assert_eq!(e["result"], "", "{e}");
    let out = enter(&mut repl, "from_editor", ">>> ");
    assert!(out.contains("42"), "{out:?}");

    // `input()` in the server's VM reads from the REPL's terminal.
    enter(&mut repl, "answer = input('who? ')", "who? ");
    enter(&mut repl, "the repl", ">>> ");
    let out = enter(&mut repl, "answer", ">>> ");
    assert!(out.contains("'the repl'"), "{out:?}");

    // Magics and completion act on the server's VM.
    let out = enter(&mut repl, "%dis f", ">>> ");
    assert!(out.contains("BINARY_OP_ADD_INT"), "{out:?}");
    repl.send("from_ed\t").expect("tab");
    repl.flush().expect("flush");
    // Completed from the server's globals: the line runs as `from_editor`.
    let out = enter(&mut repl, " + 0", ">>> ");
    assert!(out.contains("42") && !out.contains("NameError"), "{out:?}");

    repl.send_control('d').expect("ctrl-d");
    repl.exp_eof().expect("the REPL ends on Ctrl-D");
    // The server is untouched.
    let e = s.request("adder/evaluate", json!({"code": "f(1)"}));
    assert_eq!(e["result"], "2");
    assert_eq!(s.stop(), Some(0));
    assert!(!socket.exists(), "the socket goes with the server");
}

#[test]
fn a_repl_killed_mid_evaluation_leaves_the_server_serving() {
    let place = Place::new("killed");
    let mut s = place.server();
    let info = s.request("adder/sessionInfo", json!({}));
    let socket = info["socket"].as_str().unwrap_or_default().to_owned();

    // Two REPLs at once share one `__main__` (the second by its socket's path).
    let mut a = place.repl(&place.workspace, "");
    let mut b = place.repl(&place.root, &socket);
    enter(&mut a, "shared = 'from a'", ">>> ");
    let out = enter(&mut b, "shared", ">>> ");
    assert!(out.contains("'from a'"), "{out:?}");

    enter(&mut a, "while True: pass", "... ");
    a.send_line("").expect("run it");
    std::thread::sleep(Duration::from_millis(500));
    a.process_mut().kill(Signal::SIGKILL).expect("kill -9");

    // The running loop was interrupted when its client went: the server answers.
    let e = s.request("adder/evaluate", json!({"code": "shared"}));
    assert_eq!(e["result"], "'from a'", "{e}");
    let out = enter(&mut b, "print('b still here')", ">>> ");
    assert!(out.contains("b still here"), "{out:?}");
    // And a new REPL can attach.
    let mut c = place.repl(&place.workspace, "");
    let out = enter(&mut c, "shared.upper()", ">>> ");
    assert!(out.contains("'FROM A'"), "{out:?}");

    // A server that exits ends its REPLs, saying so.
    assert_eq!(s.stop(), Some(0));
    for mut p in [b, c] {
        p.exp_string("has exited").expect("told the server exited");
        p.exp_eof().expect("the REPL ends");
        let status = p.process().wait().expect("wait");
        assert!(
            matches!(status, WaitStatus::Exited(_, code) if code != 0),
            "{status:?}"
        );
    }
}

#[test]
fn attaching_without_a_server_says_so() {
    let place = Place::new("none");
    let out = Command::new(env!("CARGO_BIN_EXE_adder"))
        .args(["repl", "--attach"])
        .current_dir(&place.workspace)
        .env("XDG_RUNTIME_DIR", &place.runtime)
        .output()
        .expect("run adder");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no language server is serving"), "{err}");
}

/// The TUI inspector attached (`adder repl --tui --attach`), in tmux; skips without tmux.
#[test]
fn the_inspector_attaches_too() {
    if Command::new("tmux").arg("-V").output().is_err() {
        return;
    }
    let place = Place::new("tui");
    let mut s = place.server();
    let e = s.request("adder/evaluate", json!({"code": "from_editor = 6 * 7"}));
    assert_eq!(e["result"], "", "{e}");
    let socket = place.root.join("tmux.sock").display().to_string();
    let tmux = |args: &[&str]| {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&socket)
            .args(args)
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let command = format!(
        "cd '{}' && XDG_RUNTIME_DIR='{}' {} repl --tui --attach; echo REPL-EXIT=$?; sleep 60",
        place.workspace.display(),
        place.runtime.display(),
        env!("CARGO_BIN_EXE_adder")
    );
    tmux(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "140",
        "-y",
        "40",
        &command,
    ]);
    let wait = |what: &str, ok: &dyn Fn(&str) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let screen = tmux(&["capture-pane", "-p", "-t", "t"]);
            if ok(&screen) {
                return;
            }
            assert!(Instant::now() < deadline, "waiting for {what}:\n{screen}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait("the inspector", &|s| s.contains("Adder inspector"));
    tmux(&["send-keys", "-t", "t", "from_editor + 1000", "Enter"]);
    wait("the editor's global, from the TUI", &|s| s.contains("1042"));
    assert_eq!(s.stop(), Some(0));
    wait("the plain message and status", &|s| {
        s.contains("has exited") && s.contains("REPL-EXIT=1")
    });
    tmux(&["kill-server"]);
}
