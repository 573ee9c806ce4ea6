//! The language server (issue 5).
