//! Byte offsets ↔ LSP positions (UTF-16 columns), URIs ↔ paths, and engine results → LSP
//! types. The only place that knows both sides.

use engine::analysis::lints::{Diagnostic, Severity};
use engine::syntax::{LineIndex, TextRange};
use tower_lsp_server::ls_types::{self as lsp, Position, Range, Uri};

/// The path the database knows a document by.
pub fn path_of(uri: &Uri) -> String {
    match uri.to_file_path() {
        Some(p) => p.to_string_lossy().replace('\\', "/"),
        // Untitled buffers and other schemes: the URI itself is the key.
        None => uri.as_str().to_owned(),
    }
}

pub fn uri_of(path: &str) -> Option<Uri> {
    if path.starts_with('/') {
        Uri::from_file_path(path)
    } else {
        path.parse().ok()
    }
}

pub fn position(lines: &LineIndex, text: &str, offset: u32) -> Position {
    let offset = offset.min(text.len() as u32);
    let line = lines.line_of(offset);
    Position::new(line as u32, lines.utf16_col(text, offset) as u32)
}

pub fn range(lines: &LineIndex, text: &str, r: TextRange) -> Range {
    Range::new(position(lines, text, r.start), position(lines, text, r.end))
}

/// The byte offset of an LSP position, clamped into the text.
pub fn offset(lines: &LineIndex, text: &str, p: Position) -> u32 {
    let line = p.line as usize;
    if line >= lines.line_count() {
        return text.len() as u32;
    }
    lines
        .offset_of_utf16(text, line, p.character as usize)
        .min(text.len() as u32)
}

pub fn diagnostic(lines: &LineIndex, text: &str, d: &Diagnostic) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: range(lines, text, d.range),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
            Severity::Hint => lsp::DiagnosticSeverity::HINT,
        }),
        code: Some(lsp::NumberOrString::String(d.code.clone())),
        source: Some("adder".to_owned()),
        message: d.message.clone(),
        tags: d.unnecessary.then(|| vec![lsp::DiagnosticTag::UNNECESSARY]),
        ..Default::default()
    }
}
