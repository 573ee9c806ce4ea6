//! Key bindings that keep pasted and typed-ahead input meaning what it says, next to the
//! editor's auto-indent.
//!
//! A bracketed paste is taken as keystrokes, as CPython 3.11's REPL takes any paste (it
//! turns bracketed paste off): each pasted line is accepted by its newline and runs as if
//! typed. While a paste lasts, continuation lines get no auto-indent (the pasted text brings
//! its own) and a tab is a tab, not completion. When the paste ends on an empty
//! continuation line, the auto-indent it held back is put there.
//!
//! Outside a paste, a space typed first on an untouched auto-indented line replaces the
//! auto-indent: nobody types spaces after an indent already given, but text pasted by a
//! terminal without bracketed paste, or typed ahead as for CPython, starts its lines with
//! their own indentation. Once a line of a statement has brought its own indentation, the
//! statement's later lines get no auto-indent at all: they are pasted (or indented by hand),
//! and an auto-indent would push a pasted unindented line into the block.
//!
//! The bindings also keep the cursor and edits out of the `... ` prompts of a recalled block
//! (see [`super::prompts`]).

use super::prompts;
use rustyline::history::History;
use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, KeyCode, KeyEvent,
    Modifiers, Movement, RepeatCount,
};
use std::sync::{Arc, Mutex, MutexGuard};

/// What the bindings know of the line being read; shared with the read loop.
#[derive(Default)]
struct State {
    /// Inside a bracketed paste.
    pasting: bool,
    /// The auto-indent the current line started with, while it is untouched.
    given: String,
    /// The auto-indent the current line would have had (kept back while pasting).
    wanted: String,
    /// A typed space replaced the auto-indent and is still to be put in (with the next
    /// character: rustyline offers no one-step "replace and move past").
    owed_space: bool,
    /// The statement's lines bring their own indentation (a space replaced an auto-indent):
    /// it is pasted, or its author indents by hand, so later lines get no auto-indent
    /// either (it would push a pasted unindented line into the block).
    own_indent: bool,
}

/// The read loop's handle on the bindings.
#[derive(Clone, Default)]
pub struct Keys {
    state: Arc<Mutex<State>>,
}

impl Keys {
    /// Installs the bindings on `editor` (one wildcard binding that lets other keys be).
    pub fn bind<H: rustyline::Helper, I: History>(&self, editor: &mut Editor<H, I>) {
        let binding = Binding {
            state: self.state.clone(),
        };
        editor.bind_sequence(Event::Any, EventHandler::Conditional(Box::new(binding)));
    }

    /// The indentation the next line starts with, given the one the block asks for;
    /// `continuation` is false on the first line of a statement.
    pub fn start_line(&self, wanted: String, continuation: bool) -> String {
        let mut state = self.lock();
        if !continuation {
            state.own_indent = false;
        }
        let given = if state.pasting || state.own_indent {
            String::new()
        } else {
            wanted.clone()
        };
        state.given = given.clone();
        state.wanted = wanted;
        state.owed_space = false;
        given
    }

    /// Forgets a paste cut short (Ctrl-C, end of input).
    pub fn reset(&self) {
        *self.lock() = State::default();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        lock(&self.state)
    }
}

fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
    state
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

struct Binding {
    state: Arc<Mutex<State>>,
}

impl ConditionalEventHandler for Binding {
    fn handle(
        &self,
        evt: &Event,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext,
    ) -> Option<Cmd> {
        let key = evt.get(0)?;
        if let Some(cmd) = prompts::guard(key, ctx.line(), ctx.pos()) {
            return Some(cmd);
        }
        let mut state = lock(&self.state);
        let untouched =
            !state.given.is_empty() && ctx.line() == state.given && ctx.pos() == ctx.line().len();
        let owed = std::mem::take(&mut state.owed_space) && ctx.line().is_empty();
        if !untouched {
            state.given.clear();
        }
        match *key {
            KeyEvent(KeyCode::BracketedPasteStart, _) => {
                state.pasting = true;
                state.given.clear();
                // The pasted text brings its own indentation.
                Some(if untouched {
                    Cmd::Kill(Movement::BeginningOfLine)
                } else {
                    Cmd::Noop
                })
            }
            KeyEvent(KeyCode::BracketedPasteEnd, _) => {
                state.pasting = false;
                if ctx.line().is_empty() && !state.wanted.is_empty() {
                    state.given = state.wanted.clone();
                    Some(Cmd::Insert(1, state.wanted.clone()))
                } else {
                    Some(Cmd::Noop)
                }
            }
            KeyEvent(KeyCode::Tab, Modifiers::NONE) if state.pasting => {
                Some(Cmd::SelfInsert(1, '\t'))
            }
            KeyEvent(KeyCode::Char(' '), Modifiers::NONE) if untouched && !state.pasting => {
                // The typed space stands for the whole auto-indent.
                state.given.clear();
                state.own_indent = true;
                state.owed_space = true;
                Some(Cmd::Kill(Movement::BeginningOfLine))
            }
            KeyEvent(KeyCode::Char(c), Modifiers::NONE) if owed => {
                Some(Cmd::Insert(1, format!(" {c}")))
            }
            _ => None,
        }
    }
}
