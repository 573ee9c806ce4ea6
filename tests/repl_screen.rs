//! What the line REPL's screen shows, in a real terminal (tmux on a private socket, 100x30):
//! a recalled block keeps its `... ` prompts while it is edited, and the cursor stays where
//! the screen says it is; a paste without bracketed paste runs as `python3` runs the same
//! text. Skips when tmux is not installed.
//!
//! Every check is a condition waited for on the screen (never a fixed sleep), so a loaded
//! machine only makes it slower.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const PATIENCE: Duration = Duration::from_secs(60);

struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    /// `adder` in a fresh tmux server; `None` without tmux.
    fn start(name: &str) -> Option<Tmux> {
        Command::new("tmux").arg("-V").output().ok()?;
        let dir = std::env::temp_dir().join(format!("adder-screen-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let tmux = Tmux {
            socket: dir.join("tmux.sock").display().to_string(),
            dir,
        };
        let command = format!(
            "NO_COLOR=1 XDG_DATA_HOME={} {}",
            tmux.dir.display(),
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
            "100",
            "-y",
            "30",
            &command,
        ]);
        tmux.wait("the first prompt", |s, _| {
            Tmux::lines(s).last() == Some(&">>>")
        });
        Some(tmux)
    }

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

    /// The cursor's (column, row).
    fn cursor(&self) -> (usize, usize) {
        let at = self.run(&["display", "-p", "-t", "t", "#{cursor_x} #{cursor_y}"]);
        let mut parts = at
            .split_whitespace()
            .map(|n| n.parse().unwrap_or(usize::MAX));
        (
            parts.next().unwrap_or(usize::MAX),
            parts.next().unwrap_or(usize::MAX),
        )
    }

    /// Keys as tmux names them (`Up`, `Enter`, `BSpace`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Text typed literally, all in one write, as a terminal delivers a paste when bracketed
    /// paste is off.
    fn text(&self, text: &str) {
        self.run(&["send-keys", "-t", "t", "-l", text]);
    }

    /// Waits until the screen and cursor satisfy `ok`.
    fn wait(&self, what: &str, ok: impl Fn(&str, (usize, usize)) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let screen = self.screen();
            let cursor = self.cursor();
            if ok(&screen, cursor) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "waiting for {what}; cursor {cursor:?}; screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The screen's lines, trailing blank ones dropped.
    fn lines(screen: &str) -> Vec<&str> {
        let mut lines: Vec<&str> = screen.lines().collect();
        while lines.last().is_some_and(|l| l.trim().is_empty()) {
            lines.pop();
        }
        lines
    }

    /// The row (from 0) of the last screen line equal to `line` (trailing spaces ignored).
    fn row_of(screen: &str, line: &str) -> Option<usize> {
        screen
            .lines()
            .collect::<Vec<_>>()
            .iter()
            .rposition(|l| l.trim_end() == line)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        self.run(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn a_recalled_block_shows_its_prompts_and_edits_in_place() {
    let Some(t) = Tmux::start("recall") else {
        eprintln!("tmux not installed: skipping");
        return;
    };
    t.text("def h():\r");
    t.wait("the continuation prompt", |s, _| s.contains("\n..."));
    t.text("y = 5\r");
    t.text("return y\r\r");
    t.wait("the definition ran", |s, _| {
        s.contains("return y") && Tmux::lines(s).last() == Some(&">>>")
    });
    t.keys(&["Up"]);
    // The whole block, each continuation line behind its prompt, the cursor at its end.
    let screen = t.wait("the recalled block", |s, (x, _)| {
        Tmux::lines(s).ends_with(&[">>> def h():", "...     y = 5", "...     return y"]) && x == 16
    });
    let last = Tmux::row_of(&screen, "...     return y").unwrap_or(0);
    assert_eq!(t.cursor(), (16, last));
    // Up moves within the block; Home stops after the prompt; Left crosses to the line above.
    t.keys(&["Up"]);
    t.wait("the cursor on the middle line", |_, c| c == (13, last - 1));
    t.keys(&["Home"]);
    t.wait("the cursor after the prompt", |_, c| c == (4, last - 1));
    t.keys(&["Left"]);
    t.wait("the cursor at the end of the first line", |_, c| {
        c == (12, last - 2)
    });
    t.keys(&["Right"]);
    t.wait("back after the prompt", |_, c| c == (4, last - 1));
    // Typing there edits the code, not the prompt.
    t.keys(&["End", "BSpace"]);
    t.text("6");
    t.wait("the edited line", |s, c| {
        Tmux::lines(s).ends_with(&[">>> def h():", "...     y = 6", "...     return y"])
            && c == (13, last - 1)
    });
    // Backspace after a prompt joins the line to the one above.
    t.keys(&["Down", "Home", "BSpace"]);
    t.wait("the joined lines", |s, c| {
        Tmux::lines(s).ends_with(&[">>> def h():", "...     y = 6    return y"])
            && c == (13, last - 1)
    });
    t.keys(&["Enter"]);
    t.wait("the syntax error of the joined lines", |s, _| {
        s.contains("SyntaxError") && s.trim_end().ends_with(">>>")
    });
    // The block is recalled and runs as shown; history keeps it plain.
    t.keys(&["Up", "Up", "Enter", "Enter"]);
    t.text("h()\r");
    t.wait("the call's result", |s, _| {
        Tmux::lines(s).ends_with(&[">>> h()", "5", ">>>"])
    });
    let history = std::fs::read_to_string(t.dir.join("adder/history")).unwrap_or_default();
    assert!(
        history.contains("def h():\\n    y = 5\\n    return y"),
        "{history}"
    );
    assert!(!history.contains('\u{a0}'), "{history}");
}

#[test]
fn an_unbracketed_paste_runs_as_python3_runs_it() {
    let Some(t) = Tmux::start("paste") else {
        eprintln!("tmux not installed: skipping");
        return;
    };
    // The unindented line after the block is a new statement, as in a file.
    t.text("def f():\r    return 1\rprint(f())\r");
    t.wait("f's result", |s, _| {
        Tmux::lines(s).ends_with(&["... print(f())", "1", ">>>"])
    });
    // A block whose last line leaves the auto-indent on: the pasted lines bring their own
    // indentation, and the unindented one is not pushed into the block.
    t.text("def g():\r    x = 1\r    x += 1\rprint(g(), x if 0 else 'no x')\r");
    t.wait("g's result", |s, _| {
        Tmux::lines(s).ends_with(&["None no x", ">>>"])
    });
    t.text("def k():\r    if True:\r        y = 3\r    return y\rprint(k())\r");
    t.wait("k's result", |s, _| Tmux::lines(s).ends_with(&["3", ">>>"]));
    // Typed lines still get the auto-indent.
    t.text("if 1:\r");
    t.wait("the continuation prompt", |s, _| {
        s.trim_end().ends_with("...")
    });
    t.text("z = 7\r\r");
    t.text("z\r");
    t.wait("z", |s, _| Tmux::lines(s).ends_with(&[">>> z", "7", ">>>"]));
}
