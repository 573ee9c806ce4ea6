//! The TUI inspector.

use engine::session::worker::SessionHandle;

pub fn run(_session: &SessionHandle) -> i32 {
    eprintln!("the TUI inspector is not built yet");
    0
}
