//! The terminal's mode as the REPL found it, so it can be put back from any thread when the
//! REPL must end abruptly (an attached REPL whose server exited, while the line editor has
//! the terminal in raw mode).

use std::sync::Mutex;

static SAVED: Mutex<Option<libc::termios>> = Mutex::new(None);

/// Remembers standard input's terminal mode (nothing if it is not a terminal).
pub fn save() {
    // SAFETY: a zeroed termios is a valid value for tcgetattr to fill.
    let mut mode: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: fd 0 and a pointer to a live termios.
    if unsafe { libc::tcgetattr(0, &mut mode) } == 0 {
        if let Ok(mut saved) = SAVED.lock() {
            *saved = Some(mode);
        }
    }
}

/// Puts back the mode [`save`] remembered.
pub fn restore() {
    let saved = SAVED.lock().ok().and_then(|s| *s);
    if let Some(mode) = saved {
        // SAFETY: fd 0 and a termios that tcgetattr filled.
        unsafe {
            libc::tcsetattr(0, libc::TCSANOW, &mode);
        }
    }
}
