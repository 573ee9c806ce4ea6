//! The line REPL: CPython's `>>> ` / `... ` loop on rustyline, with the session on its own
//! thread. Input is collected until the engine's completeness check (codeop's rules) says it
//! is a whole statement; continuation lines start auto-indented; a whole block is one history
//! entry, kept across sessions in the XDG data directory, recalled with its `... ` prompts.
//! An unindented line after a block that it cannot continue runs as the next statement, as
//! in a file. Lines starting with `%` are magics.
//!
//! Ctrl-C at the prompt drops the input; while code runs, SIGINT raises `KeyboardInterrupt`
//! in the VM (the terminal is out of raw mode then) and the session and its globals survive.

mod helper;
mod keys;
mod prompts;

use crate::backend::Backend;
use crate::host::{LineRequest, Lines, Sink, TerminalHost};
use crate::magic::{self, Effect};
use engine::session::worker::{Request, Response, SessionHandle};
use engine::session::Status;
use engine::syntax::completeness::{completeness, Completeness};
use helper::PyHelper;
use keys::Keys;
use prompts::PromptedHistory;
use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{Config, Editor};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::time::Duration;

/// How the REPL starts.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Open the TUI inspector instead of the line REPL.
    pub tui: bool,
    /// Specialize instructions (`--no-quicken` clears it).
    pub no_quicken: bool,
    /// Attach to a language server's session instead of starting one: `Some(None)` finds
    /// the server of the current directory's workspace, `Some(Some(path))` takes a socket
    /// or a directory.
    pub attach: Option<Option<PathBuf>>,
}

/// Whether to colour output: a terminal, and neither `NO_COLOR` nor `TERM=dumb`.
pub fn use_color() -> bool {
    std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none()
        && std::env::var("TERM").map_or(true, |t| t != "dumb")
}

/// Where history lives: `$XDG_DATA_HOME/adder/history` (default `~/.local/share`).
pub fn history_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("adder").join("history"))
}

/// Runs the REPL until Ctrl-D or `exit()`; returns the process exit status.
pub fn run(options: &Options) -> i32 {
    let sink = Sink::default();
    let host_sink = sink.clone();
    let lines = Lines::default();
    let host_lines = lines.clone();
    let session = match &options.attach {
        None => {
            let spawned = SessionHandle::spawn(
                move || Box::new(TerminalHost::new(host_sink, host_lines)),
                !options.no_quicken,
            );
            match spawned {
                Ok(s) => Arc::new(Backend::Local(s)),
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "adder: cannot start the session: {e}");
                    return 70;
                }
            }
        }
        Some(target) => {
            crate::terminal::save();
            let host = TerminalHost::new(host_sink, host_lines);
            let connected = crate::remote::resolve(target.as_deref())
                .and_then(|socket| crate::remote::Connection::connect(&socket, sink.clone(), host));
            match connected {
                Ok(c) => Arc::new(Backend::Remote(c)),
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "adder: {e}");
                    return 1;
                }
            }
        }
    };
    let status = if options.tui {
        register_sigint(&session);
        crate::tui::run(&session, &sink)
    } else {
        line_loop(&session, &sink, &lines)
    };
    // Exit-time finalizers run once the last handle goes.
    drop(session);
    let _ = std::io::stdout().flush();
    status
}

/// SIGINT (Ctrl-C while code runs) raises `KeyboardInterrupt` in the session. Registered
/// after the line editor exists: rustyline installs its own SIGINT handler for its whole life,
/// and signal-hook chains to the handler it finds (rustyline's `signal-hook` feature would
/// avoid that, but then it stalls on typed-ahead input, waiting on the terminal for bytes it
/// has already buffered).
fn register_sigint(session: &Backend) {
    for flag in session.signal_flags() {
        let _ = signal_hook::flag::register(signal_hook::consts::SIGINT, flag);
    }
}

/// Prints to stdout, ignoring a closed terminal (`println!` would panic).
fn say(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

fn line_loop(session: &Arc<Backend>, sink: &Sink, lines: &Lines) -> i32 {
    let color = use_color();
    let config = Config::builder()
        .auto_add_history(false)
        .history_ignore_space(false)
        .max_history_size(10_000)
        .map(|b| b.build())
        .unwrap_or_default();
    let history = PromptedHistory::new(FileHistory::with_config(&config));
    let mut editor: Editor<PyHelper, PromptedHistory> = match Editor::with_history(config, history)
    {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "adder: cannot start the line editor: {e}"
            );
            return 70;
        }
    };
    editor.set_helper(Some(PyHelper::new(session.clone(), color)));
    let keys = Keys::default();
    keys.bind(&mut editor);
    register_sigint(session);
    let history = history_path();
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.load_history(path);
    }
    say(&format!(
        "Adder {} (Python 3.11) — help(obj) for help, %help for magics, %tui for the inspector, Ctrl-D to exit.\n",
        env!("CARGO_PKG_VERSION")
    ));
    if let Backend::Remote(c) = &**session {
        say(&format!(
            "Attached to the language server's session for {} (pid {}): one VM, shared with the editor.\n",
            c.workspace, c.pid
        ));
    }
    let mut buffer = String::new();
    let status = loop {
        let (prompt, wanted) = if buffer.is_empty() {
            (">>> ", String::new())
        } else {
            ("... ", next_indent(&buffer))
        };
        let indent = keys.start_line(wanted, !buffer.is_empty());
        let line = match editor.readline_with_initial(prompt, (&indent, "")) {
            // A recalled block comes with its `... ` prompts.
            Ok(line) => prompts::strip(&line),
            Err(ReadlineError::Interrupted) => {
                say("KeyboardInterrupt\n");
                keys.reset();
                buffer.clear();
                continue;
            }
            Err(ReadlineError::Eof) => {
                say("\n");
                break 0;
            }
            Err(e) => {
                let _ = writeln!(std::io::stderr(), "adder: {e}");
                break 1;
            }
        };
        if buffer.is_empty() && line.trim_start().starts_with('%') {
            remember(&mut editor, &history, line.trim());
            let magic_line = line.trim_start()[1..].to_owned();
            match run_magic(session, &magic_line, color) {
                Effect::Text(text) => say(&text),
                Effect::Tui => {
                    let status = crate::tui::run(session, sink);
                    if status != 0 {
                        break status;
                    }
                }
                Effect::Exit(code) => break code,
            }
            let _ = std::io::stdout().flush();
            continue;
        }
        if !buffer.is_empty() && ends_block(&buffer, &line) {
            // An unindented statement after a block (pasted without bracketed paste, or
            // typed so): the block runs first, as `python3` reading a file would run it.
            let block = std::mem::replace(&mut buffer, line);
            if let Some(code) = run_statement(session, block, &mut editor, &history, &keys, lines) {
                break code;
            }
        } else {
            if !buffer.is_empty() {
                buffer.push('\n');
            }
            // An auto-indented line left empty ends the block, like an empty line.
            if !line.trim().is_empty() {
                buffer.push_str(&line);
            }
        }
        if completeness(&buffer) == Completeness::Incomplete {
            continue;
        }
        let source = std::mem::take(&mut buffer);
        if let Some(code) = run_statement(session, source, &mut editor, &history, &keys, lines) {
            break code;
        }
    };
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
    status
}

/// Whether `line`, unindented, starts a new statement after the block in `buffer` rather
/// than continuing it: the two do not parse together, the block is whole, and the line
/// makes sense on its own.
fn ends_block(buffer: &str, line: &str) -> bool {
    let starts_unindented = line.chars().next().is_some_and(|c| !c.is_whitespace());
    starts_unindented
        && completeness(&format!("{buffer}\n{line}")) == Completeness::Invalid
        && completeness(&format!("{buffer}\n")) == Completeness::Complete
        && completeness(line) != Completeness::Invalid
}

/// Runs one statement (remembered in history); `Some(status)` when it ends the session.
fn run_statement(
    session: &Backend,
    source: String,
    editor: &mut Editor<PyHelper, PromptedHistory>,
    history: &Option<PathBuf>,
    keys: &Keys,
    lines: &Lines,
) -> Option<i32> {
    if source.trim().is_empty() {
        return None;
    }
    remember(editor, history, source.trim_end());
    let request = Request::Run {
        source,
        profile: false,
    };
    match run_code(session, request, editor, keys, lines) {
        Some(Response::Ran { outcome, .. }) => match outcome.status {
            Status::Exit(code) => Some(code),
            _ => None,
        },
        _ => None,
    }
}

/// Runs code, lending the line editor to `input()` meanwhile (see [`crate::host`]).
fn run_code(
    session: &Backend,
    request: Request,
    editor: &mut Editor<PyHelper, PromptedHistory>,
    keys: &Keys,
    lines: &Lines,
) -> Option<Response> {
    let (requests_tx, requests) = mpsc::channel::<LineRequest>();
    link(lines, Some(Some(requests_tx)));
    let answer = session.send(request);
    let response = loop {
        match answer.recv_timeout(Duration::from_millis(10)) {
            Ok(response) => break Some(response),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break None,
        }
        while let Ok(request) = requests.try_recv() {
            let line = input_line(session, editor, keys, &request.prompt);
            link(lines, None);
            let _ = request.reply.send(line);
        }
    };
    link(lines, Some(None));
    response
}

/// Notes that the editor left the cursor at the start of a line, and (`Some`) sets where
/// `input()` asks for lines.
fn link(lines: &Lines, requests: Option<Option<Sender<LineRequest>>>) {
    if let Ok(mut link) = lines.lock() {
        link.fresh_line = true;
        if let Some(requests) = requests {
            link.requests = requests;
        }
    }
}

/// A line for `input()`: plain text after `prompt` (already on the screen); `None` at end
/// of input. Ctrl-C raises `KeyboardInterrupt` in the code waiting for it.
fn input_line(
    session: &Backend,
    editor: &mut Editor<PyHelper, PromptedHistory>,
    keys: &Keys,
    prompt: &str,
) -> Option<String> {
    // A Ctrl-C that came before the editor took the terminal raised SIGINT: its
    // KeyboardInterrupt is on its way, so read nothing.
    let [user_interrupt, _] = session.signal_flags();
    if user_interrupt.load(Ordering::SeqCst) {
        return Some(String::new());
    }
    keys.start_line(String::new(), false);
    set_code(editor, false);
    let line = match editor.readline(prompt) {
        Ok(line) => Some(line),
        Err(ReadlineError::Interrupted) => {
            keys.reset();
            session.interrupt();
            Some(String::new())
        }
        Err(_) => None,
    };
    set_code(editor, true);
    line
}

fn set_code(editor: &mut Editor<PyHelper, PromptedHistory>, code: bool) {
    if let Some(helper) = editor.helper_mut() {
        helper.code = code;
    }
}

fn remember(
    editor: &mut Editor<PyHelper, PromptedHistory>,
    history: &Option<PathBuf>,
    entry: &str,
) {
    if editor.add_history_entry(entry).unwrap_or(false) {
        if let Some(path) = history {
            let _ = editor.append_history(path);
        }
    }
}

/// Runs a magic to the end, waiting for the session.
pub fn run_magic(session: &Backend, line: &str, color: bool) -> Effect {
    let plan = magic::plan(line, color);
    let response = plan.request.and_then(|r| session.call(r));
    (plan.finish)(response)
}

/// The indentation a continuation line starts with: the last line's, one level deeper after
/// a `:`, one level shallower after a statement that ends a block.
pub fn next_indent(buffer: &str) -> String {
    let last = buffer.lines().last().unwrap_or("");
    let indent: String = last
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let code = last.split('#').next().unwrap_or("").trim_end();
    let first_word = code.split_whitespace().next().unwrap_or("");
    if code.ends_with(':') {
        format!("{indent}    ")
    } else if matches!(
        first_word,
        "return" | "pass" | "break" | "continue" | "raise"
    ) {
        indent
            .get(..indent.len().saturating_sub(4))
            .unwrap_or("")
            .to_owned()
    } else {
        indent
    }
}

#[cfg(test)]
mod tests {
    use super::next_indent;

    #[test]
    fn indentation_follows_blocks() {
        assert_eq!(next_indent("def f(x):"), "    ");
        assert_eq!(next_indent("def f(x):\n    if x:  # c"), "        ");
        assert_eq!(next_indent("def f(x):\n    y = 1"), "    ");
        assert_eq!(
            next_indent("def f(x):\n    if x:\n        return 1"),
            "    "
        );
        assert_eq!(next_indent("x = (1,"), "");
    }
}
