//! The hand-written, error-recovering recursive-descent parser for Python 3.11. It builds the
//! AST of `ast.rs` with CPython's node positions and, for broken input, a partial tree plus
//! every syntax error, the first being the one CPython raises.
//!
//! Layout: `cursor` holds the parser state and token access; `expr`, `stmt`, `pattern`,
//! `args`, `target`, `fstring` and `literal` add the grammar; `errors` orders the errors.

mod args;
mod cursor;
mod errors;
mod expr;
mod fstring;
mod literal;
mod pattern;
mod stmt;
mod target;
#[cfg(test)]
mod tests;

use super::ast::{ExprKind, Module, Stmt, StmtKind};
use super::error::SyntaxError;
use super::lexer::lex;
use super::text::TextRange;
use super::token::TokenKind;
use cursor::Parser;

/// What the source is parsed as: CPython's `compile()` modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module (`exec`).
    Module,
    /// One interactive statement (`single`): the REPL's input.
    Interactive,
    /// A single expression (`eval`); the module body holds one `Expr` statement.
    Expression,
}

/// The result of parsing: the tree (partial where there were errors) and all errors, in
/// source order, the first being the one CPython would raise.
#[derive(Clone, Debug)]
pub struct Parsed {
    pub module: Module,
    pub errors: Vec<SyntaxError>,
}

pub fn parse(source: &str, mode: Mode) -> Parsed {
    let lexed = lex(source);
    let mut p = Parser::new(source, &lexed.tokens);
    let body = match mode {
        Mode::Module => p.parse_module_body(),
        Mode::Interactive => parse_interactive(&mut p),
        Mode::Expression => parse_expression_mode(&mut p),
    };
    let errors = errors::merge(source, p.errors, lexed.errors, mode == Mode::Interactive);
    Parsed {
        module: Module {
            body,
            range: TextRange::new(0, source.len() as u32),
        },
        errors,
    }
}

/// `single_input`: one statement (simple or compound) and nothing after it.
fn parse_interactive(p: &mut Parser) -> Vec<Stmt> {
    while p.at(TokenKind::Newline) {
        p.bump();
    }
    let mut body = Vec::new();
    if p.at_eof() {
        return body;
    }
    p.parse_statement_into(&mut body);
    while matches!(p.kind(), TokenKind::Newline | TokenKind::Dedent) {
        p.bump();
    }
    if !p.at_eof() && p.errors.is_empty() {
        p.line_failed = false;
        let r = p.range();
        p.error(
            "multiple statements found while compiling a single statement",
            r,
        );
    }
    body
}

/// `eval_input`: expressions NEWLINE* ENDMARKER.
fn parse_expression_mode(p: &mut Parser) -> Vec<Stmt> {
    while p.at(TokenKind::Newline) {
        p.bump();
    }
    let e = p.parse_expressions();
    while matches!(
        p.kind(),
        TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
    ) {
        p.bump();
    }
    if !p.at_eof() && !p.line_failed {
        p.invalid_syntax();
    }
    let range = e.range;
    let kind = if matches!(e.kind, ExprKind::Invalid) && range.is_empty() {
        StmtKind::Invalid
    } else {
        StmtKind::Expr(Box::new(e))
    };
    vec![Stmt { kind, range }]
}
