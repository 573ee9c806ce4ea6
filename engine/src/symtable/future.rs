//! `from __future__ import …` at the top of a module (CPython's `future.c`): which features
//! are on, where the leading block of future imports ends, and its errors.

use crate::syntax::ast::{Constant, ExprKind, Stmt, StmtKind};
use crate::syntax::error::SyntaxError;
use crate::syntax::text::{LineIndex, TextRange};

/// Features Python 3.11 accepts; all but `annotations` (and `barry_as_FLUFL`, a parser
/// matter) are no-ops.
const KNOWN: &[&str] = &[
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

#[derive(Debug, Default)]
pub(crate) struct Future {
    pub annotations: bool,
    /// 0-based line of the last leading future import (`ff_lineno`).
    pub line: Option<usize>,
    pub errors: Vec<SyntaxError>,
}

fn is_docstring(s: &Stmt) -> bool {
    matches!(&s.kind, StmtKind::Expr(e) if matches!(e.kind, ExprKind::Constant { value: Constant::Str(_), .. }))
}

pub(crate) fn scan(body: &[Stmt], lines: &LineIndex) -> Future {
    let mut future = Future::default();
    let skip = usize::from(body.first().is_some_and(is_docstring));
    let mut done = false;
    let mut prev_line = 0;
    for s in &body[skip..] {
        let line = lines.line_of(s.range.start);
        if done && line > prev_line {
            break;
        }
        prev_line = line;
        match &s.kind {
            StmtKind::ImportFrom {
                module: Some(m),
                names,
                ..
            } if m.id == "__future__" => {
                if done {
                    // future.c reports a 0-based column here and no end.
                    let at = s.range.start.saturating_sub(1);
                    future.errors.push(SyntaxError::new(
                        "from __future__ imports must occur at the beginning of the file",
                        TextRange::empty(at),
                    ));
                    break;
                }
                for alias in names {
                    let feature = alias.name.id.as_str();
                    if feature == "annotations" {
                        future.annotations = true;
                    } else if feature == "braces" {
                        future.errors.push(SyntaxError::new(
                            "not a chance",
                            TextRange::empty(s.range.start),
                        ));
                    } else if !KNOWN.contains(&feature) {
                        let message = format!("future feature {feature} is not defined");
                        future
                            .errors
                            .push(SyntaxError::new(message, TextRange::empty(s.range.start)));
                    }
                }
                future.line = Some(line);
            }
            _ => done = true,
        }
    }
    future
}
