//! Decoding a source file's bytes to text. (Stub: being written.)

use super::error::SyntaxError;
use super::text::TextRange;

/// Decodes a source file's bytes as CPython does.
pub fn decode_source(bytes: &[u8]) -> Result<String, SyntaxError> {
    String::from_utf8(bytes.to_vec())
        .map_err(|e| SyntaxError::new(format!("(unicode error) {e}"), TextRange::empty(0)))
}
