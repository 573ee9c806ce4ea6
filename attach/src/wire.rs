//! The attach protocol: one JSON value per line in each direction. A client sends requests
//! (the engine's [`Request`], tagged with an id), interrupts and live-profile asks; the
//! server answers each request once ([`Response`], same id) and streams the output of the
//! client's own runs as it is written. The engine types serialize with serde's derives, so
//! a field added to them flows through unchanged.

use engine::session::worker::{Request, Response};
use engine::vm::profile::{FunctionKey, Profile};
use serde::{Deserialize, Serialize};
use std::io::{self, Write};

/// Which stream a piece of output was written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Client → server.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientMessage {
    Request {
        id: u64,
        request: Request,
    },
    /// Ctrl-C: interrupts the running code if it is this client's.
    Interrupt,
    /// The profile being recorded now (the TUI's live pane while code runs).
    LiveProfile {
        id: u64,
    },
    /// The answer to [`ServerMessage::Input`] (`None`: end of file).
    Line {
        text: Option<String>,
    },
}

/// Server → client.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerMessage {
    /// The first line on a connection that passed the peer check.
    Hello {
        version: String,
        workspace: String,
        pid: u32,
    },
    /// The connection is refused (the only line sent).
    Refused {
        reason: String,
    },
    Output {
        stream: Stream,
        text: String,
    },
    /// The client's running code called `input()`: answer with [`ClientMessage::Line`].
    Input,
    Response {
        id: u64,
        response: Response,
    },
    LiveProfile {
        id: u64,
        profile: LiveProfile,
    },
    /// A line the server could not read.
    Error {
        message: String,
    },
}

/// What the live profile pane shows: totals per function.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct LiveProfile {
    pub total: u64,
    pub functions: Vec<(FunctionKey, (u64, u64))>,
}

impl LiveProfile {
    pub fn of(profile: &Profile) -> LiveProfile {
        LiveProfile {
            total: profile.total,
            functions: profile
                .functions
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect(),
        }
    }

    pub fn to_profile(&self) -> Profile {
        let mut profile = Profile::default();
        profile.total = self.total;
        profile.functions = self.functions.iter().cloned().collect();
        profile
    }
}

/// Writes one message as one line and flushes it.
pub fn send(out: &mut impl Write, message: &impl Serialize) -> io::Result<()> {
    let mut line = serde_json::to_vec(message).map_err(io::Error::other)?;
    line.push(b'\n');
    out.write_all(&line)?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_responses_round_trip() {
        let m = ClientMessage::Request {
            id: 7,
            request: Request::Run {
                source: "f(1)".into(),
                profile: false,
            },
        };
        let text = serde_json::to_string(&m).unwrap_or_default();
        assert_eq!(
            text,
            r#"{"request":{"id":7,"request":{"run":{"source":"f(1)","profile":false}}}}"#
        );
        let back: ClientMessage = serde_json::from_str(&text).expect("reads back");
        assert!(matches!(back, ClientMessage::Request { id: 7, .. }));
        let interrupt: ClientMessage = serde_json::from_str(r#""interrupt""#).expect("unit");
        assert!(matches!(interrupt, ClientMessage::Interrupt));
        let r = ServerMessage::Response {
            id: 1,
            response: Response::Names(vec!["f".into()]),
        };
        let text = serde_json::to_string(&r).unwrap_or_default();
        let back: ServerMessage = serde_json::from_str(&text).expect("reads back");
        assert!(matches!(
            back,
            ServerMessage::Response { response: Response::Names(n), .. } if n == ["f"]
        ));
    }
}
