//! Adder's language server: LSP over stdio (tower-lsp-server on tokio).
//!
//! - [`documents`]: the single writer that owns the salsa database and applies document
//!   changes in arrival order;
//! - [`server`]: one handler per request, each reading a database snapshot on a blocking
//!   thread;
//! - [`live`] and [`live_view`]: the workspace's live session (the engine's, shared with
//!   attached REPLs) and how its quickening state and profile are shown in the editor;
//! - [`attach`]: the session published on a Unix socket for `adder repl --attach`;
//! - [`convert`]: byte offsets ↔ LSP positions.

pub mod attach;
pub mod convert;
pub mod documents;
pub mod live;
pub mod live_view;
pub mod server;
pub mod transport;

use tower_lsp_server::{LspService, Server};

/// Serves the protocol on stdin/stdout until the client exits; returns the exit status.
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        // Readers and diagnostics run here; a few threads keep memory (allocator arenas) low.
        .max_blocking_threads(8)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("adder lsp: cannot start the runtime: {e}");
            return 1;
        }
    };
    runtime.block_on(async {
        let (service, socket) = LspService::build(server::Backend::new)
            .custom_method("adder/run", server::Backend::adder_run)
            .custom_method("adder/evaluate", server::Backend::adder_evaluate)
            .custom_method("adder/interrupt", server::Backend::adder_interrupt)
            .custom_method("adder/quickening", server::Backend::adder_quickening)
            .custom_method("adder/profile", server::Backend::adder_profile)
            .custom_method("adder/sessionInfo", server::Backend::adder_session_info)
            .finish();
        let (input, output, writer) = transport::filtered(tokio::io::stdin(), tokio::io::stdout());
        Server::new(input, output, socket).serve(service).await;
        // The server dropped its output end: the writer flushes what is left and stops.
        let _ = tokio::time::timeout(std::time::Duration::from_secs(2), writer).await;
    });
    attach::unpublish();
    // The VM thread may still be running a program nobody waits for.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    0
}
