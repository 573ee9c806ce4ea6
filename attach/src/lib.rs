//! One live session seen from several front ends (issue 9): the language server owns a
//! [`shared::SharedSession`] per workspace and publishes it on a Unix socket
//! ([`server`]); `adder repl --attach` connects to it and drives the same VM, `__main__`,
//! profile and quickening state.
//!
//! - [`wire`]: the protocol, newline-delimited JSON of the engine's `Request`/`Response`
//!   plus output chunks, interrupts and live-profile snapshots;
//! - [`place`]: where a workspace's socket lives (`$XDG_RUNTIME_DIR/adder/…`, 0700);
//! - [`peer`]: the peer-uid check every connection passes first;
//! - [`shared`]: the session thread shared by many clients, each request's output routed
//!   to whoever asked;
//! - [`server`]: the listener and one reader/worker pair per connection.
//!
//! No TCP anywhere; the engine stays free of I/O (this crate is where the socket lives).

pub mod peer;
pub mod place;
pub mod server;
pub mod shared;
pub mod wire;
