//! The TUI inspector in a real terminal (tmux on a private socket, 160x45): start it, run
//! code, watch the profile pane fill in while the code is still running, quit. Skips when
//! tmux is not installed.
//!
//! Deterministic on a loaded machine: keys are sent without waiting for the app (it queues
//! an input entered while code runs, as a terminal keeps typed-ahead lines), and every check
//! is a condition waited for on the screen (never a sleep), with everything the check needs
//! in the condition: a pane redraws in its own time.

use std::process::Command;
use std::time::{Duration, Instant};

/// How long any one condition may take to show.
const PATIENCE: Duration = Duration::from_secs(120);

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "t"])
    }

    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Waits (generously: the machine may be loaded) until the screen satisfies `ok`.
    fn wait(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            if ok(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waiting for {what}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
        let _ = std::fs::remove_file(&self.socket);
    }
}

/// The sample count in the profile pane's title.
fn samples(screen: &str) -> Option<u64> {
    let at = screen.find("Profile — ")?;
    let rest = &screen[at + "Profile — ".len()..];
    rest.split_whitespace().next()?.parse().ok()
}

#[test]
fn start_run_watch_the_profile_update_quit() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux not installed: skipping the TUI smoke test");
        return;
    }
    let dir = std::env::temp_dir().join(format!("adder-tui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let tmux = Tmux {
        socket: dir.join("tmux.sock").display().to_string(),
    };
    let command = format!(
        "XDG_DATA_HOME={} {} repl --tui",
        dir.display(),
        env!("CARGO_BIN_EXE_adder")
    );
    tmux.run(&[
        "-f",
        "/dev/null",
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "160",
        "-y",
        "45",
        &command,
    ]);
    tmux.run(&["set-option", "-t", "t", "remain-on-exit", "on"]);
    tmux.wait("the inspector", |s| {
        s.contains("Input") && s.contains("Family stats")
    });
    // A function that runs for seconds, so the profile is seen filling in while it runs.
    tmux.keys(&["def spin(n):", "Enter"]);
    tmux.keys(&["t = 0", "Enter"]);
    tmux.keys(&["for i in range(n):", "Enter"]);
    tmux.keys(&[
        "t = t + i % 7",
        "Enter",
        "BSpace",
        "BSpace",
        "BSpace",
        "BSpace",
    ]);
    tmux.keys(&["return t", "Enter", "Enter"]);
    // Entered at once: if the definition still runs, the call waits its turn.
    tmux.keys(&["spin(10**9)", "Enter"]);
    let first = tmux.wait("samples while running", |s| {
        s.contains("running") && samples(s).is_some_and(|n| n > 0)
    });
    let n1 = samples(&first).unwrap_or(0);
    tmux.wait("more samples of spin while still running", |s| {
        s.contains("running")
            && samples(s).is_some_and(|n| n > n1)
            && s.contains("spin (<stdin>:1)")
    });
    // Ctrl-C interrupts it; the screen shows the KeyboardInterrupt and the final profile.
    tmux.keys(&["C-c"]);
    // The functions pane refreshes after the run's end is shown: wait for both.
    tmux.wait("the interrupt and spin's quickening", |s| {
        s.contains("KeyboardInterrupt") && !s.contains("running") && s.contains("Quickening — spin")
    });
    tmux.keys(&["Escape"]);
    let status = {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let s = tmux.run(&[
                "display",
                "-p",
                "-t",
                "t",
                "#{pane_dead} #{pane_dead_status} #{pane_dead_signal}",
            ]);
            if s.starts_with('1') || Instant::now() > deadline {
                break s;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    // Dead, and not by a signal; tmux 3.3 sometimes leaves the status of a reaped pane
    // empty, so only a non-zero status fails.
    let fields: Vec<&str> = status.split(' ').map(str::trim).collect();
    assert_eq!(
        fields.first(),
        Some(&"1"),
        "the inspector should exit: {status:?}"
    );
    assert!(
        matches!(fields.get(1), None | Some(&"") | Some(&"0"))
            && fields.get(2).is_none_or(|s| s.is_empty()),
        "the inspector should exit cleanly: {status:?}"
    );
}
