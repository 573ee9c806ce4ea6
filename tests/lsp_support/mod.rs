//! A minimal JSON-RPC client that speaks to a spawned `adder lsp` over its stdio, for the
//! end-to-end tests.

// Each test crate that includes this uses a different part of it.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

pub struct Server {
    pub child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests received while waiting for responses.
    pub notifications: Vec<Value>,
    /// Responses that arrived while waiting for another one.
    responses: Vec<Value>,
    /// Methods of the requests the server sent (answered with `null`), in order.
    pub server_requests: Vec<String>,
}

const TIMEOUT: Duration = Duration::from_secs(30);

impl Server {
    pub fn start() -> Server {
        Server::start_args(&["lsp"])
    }

    /// Starts `adder` with these arguments (`lsp` and its flags).
    pub fn start_args(args: &[&str]) -> Server {
        Server::start_in(args, None, &[])
    }

    /// Starts `adder` with these arguments in directory `cwd`, with extra environment.
    pub fn start_in(args: &[&str], cwd: Option<&std::path::Path>, env: &[(&str, &str)]) -> Server {
        let mut command = Command::new(env!("CARGO_BIN_EXE_adder"));
        if let Some(dir) = cwd {
            command.current_dir(dir);
        }
        let mut child = command
            .envs(env.iter().copied())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn adder lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length:") {
                        len = v.trim().parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.unwrap_or(0)];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&body) {
                    if tx.send(v).is_err() {
                        return;
                    }
                }
            }
        });
        Server {
            child,
            stdin,
            incoming,
            next_id: 0,
            notifications: Vec::new(),
            responses: Vec::new(),
            server_requests: Vec::new(),
        }
    }

    /// Starts the server and completes the initialize handshake.
    pub fn initialized() -> (Server, Value) {
        let mut s = Server::start();
        let init = s.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        s.notify("initialized", json!({}));
        (s, init)
    }

    pub fn send_raw(&mut self, body: &[u8]) {
        let header = format!("Content-Length: {}\r\n\r\n", body.len());
        let _ = self.stdin.write_all(header.as_bytes());
        let _ = self.stdin.write_all(body);
        let _ = self.stdin.flush();
    }

    fn send(&mut self, v: &Value) {
        let body = serde_json::to_vec(v).expect("json");
        self.send_raw(&body);
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request without waiting; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// The full response (with `result` or `error`) to request `id`.
    pub fn response(&mut self, id: i64) -> Value {
        if let Some(i) = self.responses.iter().position(|r| r["id"] == json!(id)) {
            return self.responses.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let v = self
                .next_message(deadline)
                .unwrap_or_else(|| panic!("no response to request {id}"));
            if v.get("method").is_none() {
                if v["id"] == json!(id) {
                    return v;
                }
                self.responses.push(v);
            }
        }
    }

    /// The next response whose id is null (the answer to a message that did not parse).
    pub fn take_null_id_response(&mut self) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(i) = self.responses.iter().position(|r| r["id"].is_null()) {
                return self.responses.remove(i);
            }
            match self.next_message(deadline) {
                Some(v) if v.get("method").is_none() => self.responses.push(v),
                Some(_) => {}
                None => panic!("no response with a null id"),
            }
        }
    }

    /// Sends a request and returns its full response.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        self.response(id)
    }

    /// Sends a request and returns its result (panics on an error response).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.call(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    fn next_message(&mut self, deadline: Instant) -> Option<Value> {
        let left = deadline.saturating_duration_since(Instant::now());
        match self.incoming.recv_timeout(left) {
            Ok(v) => {
                if let Some(id) = v.get("id").cloned() {
                    if v.get("method").is_some() {
                        // A server-to-client request (refreshes): answer it.
                        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        let method = v["method"].as_str().unwrap_or("").to_owned();
                        self.server_requests.push(method);
                        return Some(json!({"method": v["method"], "server_request": true}));
                    }
                } else {
                    self.notifications.push(v.clone());
                }
                Some(v)
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => None,
        }
    }

    /// Waits for a notification `method` satisfying `pred` (already received ones count),
    /// consuming it.
    pub fn wait_notification(&mut self, method: &str, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(i) = self
                .notifications
                .iter()
                .position(|n| n["method"] == method && pred(&n["params"]))
            {
                return self.notifications.remove(i)["params"].clone();
            }
            if let Some(v) = self.next_message(deadline) {
                if v.get("method").is_none() {
                    self.responses.push(v);
                }
            } else {
                panic!("no {method} notification; got {:?}", self.notifications);
            }
        }
    }

    /// Waits until the server has sent a request `method` (counting those already seen),
    /// consuming it; false if none came within the timeout.
    pub fn wait_server_request(&mut self, method: &str) -> bool {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(i) = self.server_requests.iter().position(|m| m == method) {
                self.server_requests.remove(i);
                return true;
            }
            match self.next_message(deadline) {
                Some(v) if v.get("method").is_none() => self.responses.push(v),
                Some(_) => {}
                None => return false,
            }
        }
    }

    /// Diagnostics published for `uri` (the next ones).
    pub fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let p = self.wait_notification("textDocument/publishDiagnostics", |p| p["uri"] == uri);
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}}),
        );
    }

    /// Shutdown and exit; returns the exit status.
    pub fn stop(mut self) -> Option<i32> {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

pub fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos(line, character)})
}
