//! The stdio transport, hardened: tower-lsp-server stops reading at the first message it
//! cannot decode, so every frame is checked here first. A body that is not JSON gets a
//! `-32700 Parse error` answer, JSON that is not a JSON-RPC message a `-32600 Invalid
//! Request`, and the server never sees either. Answers and the server's own output go
//! through one writer, a whole frame at a time.

use serde_json::{json, Value};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// One frame's body, or `None` at end of input. Frames without a usable `Content-Length`
/// are skipped.
async fn read_frame<R: AsyncBufRead + Unpin>(r: &mut R) -> Option<Vec<u8>> {
    loop {
        let mut len: Option<usize> = None;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).await.ok()? == 0 {
                return None;
            }
            let line = line.trim();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    len = value.trim().parse().ok();
                }
            }
        }
        // Bodies are bounded so a bogus length cannot exhaust memory.
        match len {
            Some(n) if n <= 256 << 20 => {
                let mut body = vec![0; n];
                r.read_exact(&mut body).await.ok()?;
                return Some(body);
            }
            _ => continue,
        }
    }
}

async fn write_frame<W: AsyncWrite + Unpin>(w: &mut W, body: &[u8]) -> std::io::Result<()> {
    w.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    w.write_all(body).await?;
    w.flush().await
}

/// The error answer for a frame the server must not see, if it needs one.
fn reject(body: &[u8]) -> Option<Value> {
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Some(
            json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error"}}),
        );
    };
    let is_request = serde_json::from_value::<Request>(value.clone()).is_ok();
    let is_response = !is_request && serde_json::from_value::<Response>(value.clone()).is_ok();
    if is_request || is_response {
        return None;
    }
    let id = value
        .get("id")
        .cloned()
        .filter(|i| i.is_number() || i.is_string());
    Some(
        json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32600, "message": "Invalid Request"}}),
    )
}

/// Pipes `input` to the server through the check, and the server's output plus the
/// rejections to `output`. Returns the ends the server reads from and writes to, and the
/// writer task (it ends once the server's output has been flushed).
pub fn filtered<I, O>(
    input: I,
    mut output: O,
) -> (
    tokio::io::DuplexStream,
    tokio::io::DuplexStream,
    tokio::task::JoinHandle<()>,
)
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (server_in, mut to_server) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    // Whole frames for the output, in order; an empty one means the server is done.
    let (frames_tx, mut frames_rx) = mpsc::unbounded_channel::<Vec<u8>>();
    let rejects = frames_tx.clone();
    tokio::spawn(async move {
        let mut input = BufReader::new(input);
        while let Some(body) = read_frame(&mut input).await {
            match reject(&body) {
                Some(err) => {
                    let _ = rejects.send(err.to_string().into_bytes());
                }
                None => {
                    if write_frame(&mut to_server, &body).await.is_err() {
                        break;
                    }
                }
            }
        }
        // End of input: the server sees it too.
        drop(to_server);
    });
    tokio::spawn(async move {
        let mut from_server = BufReader::new(from_server);
        while let Some(body) = read_frame(&mut from_server).await {
            if body.is_empty() || frames_tx.send(body).is_err() {
                break;
            }
        }
        let _ = frames_tx.send(Vec::new());
    });
    let writer = tokio::spawn(async move {
        while let Some(body) = frames_rx.recv().await {
            if body.is_empty() || write_frame(&mut output, &body).await.is_err() {
                break;
            }
        }
    });
    (server_in, server_out, writer)
}
