//! The TUI inspector (`adder repl --tui`, or `%tui` from the line REPL): ratatui on
//! crossterm. Code runs on the session's thread, so the screen keeps redrawing while it runs:
//! the profile pane follows the live profile, Ctrl-C interrupts, a resize redraws. After each
//! run the panes refresh from the session (functions with their quickening state, family
//! stats, the run's profile with exact call counts).

pub mod app;
pub mod ui;

use crate::backend::Backend;
use crate::host::{Sink, Stream};
use crate::magic::{self, Effect};
use app::{Action, App, Key};
use engine::session::worker::{Request, Response};
use engine::session::Status;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

/// What an answer awaited from the session is for.
enum Pending {
    Run,
    Magic(Box<dyn FnOnce(Option<Response>) -> Effect + Send>),
    Functions,
    Stats,
}

/// Runs the inspector until Esc/Ctrl-D; returns an exit status for the process if the code
/// asked to exit (`exit(3)`), else 0.
pub fn run(session: &Backend, sink: &Sink) -> i32 {
    let (tx, rx) = mpsc::channel();
    if let Ok(mut s) = sink.lock() {
        *s = Some(tx);
    }
    let status = match ratatui::try_init() {
        Ok(mut terminal) => {
            let status = event_loop(&mut terminal, session, &rx);
            let _ = ratatui::try_restore();
            status
        }
        Err(e) => {
            let _ = ratatui::try_restore();
            eprintln!("adder: cannot start the TUI: {e}");
            1
        }
    };
    if let Ok(mut s) = sink.lock() {
        *s = None;
    }
    status
}

/// The app's key for a terminal key event.
pub fn key_of(code: KeyCode, modifiers: KeyModifiers) -> Option<Key> {
    let ctrl = modifiers.contains(KeyModifiers::CONTROL);
    Some(match code {
        KeyCode::Char('c') if ctrl => Key::CtrlC,
        KeyCode::Char('d') if ctrl => Key::CtrlD,
        KeyCode::Char('l') if ctrl => Key::CtrlL,
        KeyCode::Char(_) if ctrl => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Esc => Key::Esc,
        _ => return None,
    })
}

/// Answers awaited from the session, oldest first.
type Awaited = VecDeque<(Receiver<Response>, Pending)>;

/// Starts running an input (code, or a `%magic`): shown in the output, sent to the session.
fn start(app: &mut App, session: &Backend, pending: &mut Awaited, text: String) {
    for (i, line) in text.lines().enumerate() {
        let prompt = if i == 0 { ">>> " } else { "... " };
        app.push_output(Stream::Stdout, &format!("{prompt}{line}\n"));
    }
    app.running = Some(text.clone());
    if let Some(magic_line) = text.trim_start().strip_prefix('%') {
        let plan = magic::plan(magic_line, false);
        match plan.request {
            Some(request) => {
                pending.push_back((session.send(request), Pending::Magic(plan.finish)))
            }
            None => {
                app.running = None;
                if let Effect::Text(t) = (plan.finish)(None) {
                    app.push_output(Stream::Stdout, &t);
                }
            }
        }
    } else {
        let request = Request::Run {
            source: text,
            profile: true,
        };
        pending.push_back((session.send(request), Pending::Run));
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    session: &Backend,
    output: &Receiver<(Stream, String)>,
) -> i32 {
    let mut app = App::default();
    app.push_output(
        Stream::Stdout,
        "Adder inspector: type Python (or a %magic) and press Enter. Every run is profiled.\n",
    );
    let mut pending: Awaited = VecDeque::new();
    let refresh = |pending: &mut Awaited| {
        pending.push_back((session.send(Request::Functions), Pending::Functions));
        pending.push_back((session.send(Request::Stats), Pending::Stats));
    };
    refresh(&mut pending);
    let mut quitting = false;
    let mut exit_status = 0;
    loop {
        while let Ok((stream, text)) = output.try_recv() {
            app.push_output(stream, &text);
        }
        // Answers arrive in request order: look at the oldest only.
        while let Some((rx, _)) = pending.front() {
            let response = match rx.try_recv() {
                Ok(r) => Some(r),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => None,
            };
            let Some((_, what)) = pending.pop_front() else {
                break;
            };
            match (what, response) {
                (Pending::Run, Some(Response::Ran { outcome, profile })) => {
                    app.running = None;
                    if let Some(p) = &profile {
                        app.update_report(p);
                    }
                    if let Status::Exit(code) = outcome.status {
                        exit_status = code;
                        quitting = true;
                    }
                    refresh(&mut pending);
                }
                (Pending::Magic(finish), response) => {
                    app.running = None;
                    match finish(response) {
                        Effect::Text(text) => app.push_output(Stream::Stdout, &text),
                        Effect::Tui => {}
                        Effect::Exit(code) => {
                            exit_status = code;
                            quitting = true;
                        }
                    }
                    refresh(&mut pending);
                }
                (Pending::Functions, Some(Response::Functions(fs))) => app.set_functions(fs),
                (Pending::Stats, Some(Response::Stats(s))) => app.stats = Some(s),
                (Pending::Run, None) => app.running = None,
                _ => {}
            }
        }
        if quitting && app.running.is_none() {
            break;
        }
        if app.running.is_none() {
            if let Some(text) = app.queued.pop_front() {
                start(&mut app, session, &mut pending, text);
            }
        }
        if app.running.is_some() {
            session.with_live_profile(|p| app.update_live(p));
        }
        if terminal.draw(|f| ui::draw(f, &app)).is_err() {
            break;
        }
        let ready = event::poll(Duration::from_millis(50)).unwrap_or(false);
        if !ready {
            continue;
        }
        let action = match event::read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                match key_of(k.code, k.modifiers) {
                    Some(key) => app.key(key),
                    None => Action::None,
                }
            }
            Ok(Event::Paste(text)) => {
                for c in text.chars() {
                    let _ = app.key(if c == '\n' { Key::Enter } else { Key::Char(c) });
                }
                Action::None
            }
            // A resize just redraws, at the top of the loop.
            Ok(_) => Action::None,
            Err(_) => break,
        };
        match action {
            Action::None => {}
            Action::Interrupt => session.interrupt(),
            Action::Quit => {
                if app.running.is_some() {
                    session.interrupt();
                }
                quitting = true;
            }
            Action::Run(text) => start(&mut app, session, &mut pending, text),
        }
    }
    // Leave the session idle for whoever uses it next (the line REPL after `%tui`).
    for (rx, _) in pending {
        let _ = rx.recv();
    }
    while output.try_recv().is_ok() {}
    exit_status
}
