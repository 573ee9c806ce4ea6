//! Choosing and ordering errors the way CPython reports them: which of the parser's and the
//! tokenizer's errors is raised first (`_PyPegen_set_syntax_error` and
//! `_PyPegen_tokenize_full_source_to_check_for_errors` in Parser/pegen_errors.c), then every
//! other error in source order.

use super::super::error::{SyntaxError, SyntaxErrorType};
use super::super::lexer::LexError;
use super::super::text::LineIndex;
use super::cursor::ParseError;

fn is_unclosed(e: &LexError) -> bool {
    e.error.message.ends_with("was never closed")
}

/// Tokenizer errors that CPython's tokenizer raises itself (rather than reporting a code the
/// parser turns into an exception): only these replace a parser error found earlier.
fn raises_directly(e: &LexError) -> bool {
    e.error.error_type == SyntaxErrorType::SyntaxError
        && !is_unclosed(e)
        && !matches!(
            e.error.message.as_str(),
            "unexpected EOF while parsing"
                | "unexpected character after line continuation character"
                | "too many levels of indentation"
        )
}

/// All errors, the one CPython raises first.
pub(crate) fn merge(
    source: &str,
    parse: Vec<ParseError>,
    lex: Vec<LexError>,
    interactive: bool,
) -> Vec<SyntaxError> {
    if parse.is_empty() && lex.is_empty() {
        return Vec::new();
    }
    let first = choose_first(source, &parse, &lex, interactive);
    let mut rest: Vec<SyntaxError> = parse
        .into_iter()
        .map(|p| p.error)
        .chain(lex.into_iter().map(|l| l.error))
        .collect();
    rest.sort_by_key(|e| (e.range.start, e.range.end));
    rest.dedup();
    let mut out = Vec::with_capacity(rest.len());
    if let Some(i) = rest.iter().position(|e| *e == first) {
        rest.remove(i);
    }
    out.push(first);
    out.extend(rest);
    out
}

fn choose_first(
    source: &str,
    parse: &[ParseError],
    lex: &[LexError],
    interactive: bool,
) -> SyntaxError {
    let first_lex = lex.iter().min_by_key(|l| l.detected_at);
    let Some(p) = parse.first() else {
        return first_lex
            .map(|l| l.error.clone())
            .unwrap_or_else(|| SyntaxError::new("invalid syntax", Default::default()));
    };
    if let Some(l) = first_lex {
        if l.detected_at <= p.at {
            return l.error.clone();
        }
        if !interactive && p.error.error_type != SyntaxErrorType::MemoryError {
            // CPython tokenizes the rest of the file after a parser error; the tokenizer
            // stops at its first error.
            if is_unclosed(l) {
                let index = LineIndex::new(source);
                if index.line_of(p.at) > index.line_of(l.error.range.start) {
                    return l.error.clone();
                }
            } else if raises_directly(l) {
                return l.error.clone();
            }
        }
    }
    p.error.clone()
}
