//! The line REPL and TUI inspector (issue 6).
