//! Identifiers: which characters may form one (Unicode XID, as CPython's
//! `_PyUnicode_ScanIdentifier`) and the NFKC normalization CPython applies to names.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// ASCII letters, digits and `_`, or any byte of a non-ASCII character: CPython's
/// `is_potential_identifier_char`. The run is verified afterwards when it holds non-ASCII.
#[inline]
pub(super) fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// The first character of `name` (a run of [`is_ident_byte`] bytes) that cannot be part of an
/// identifier at its position, with its byte offset.
pub(super) fn first_invalid_char(name: &str) -> Option<(usize, char)> {
    let mut chars = name.char_indices();
    let (_, first) = chars.next()?;
    if first != '_' && !unicode_ident::is_xid_start(first) {
        return Some((0, first));
    }
    chars.find(|&(_, c)| !unicode_ident::is_xid_continue(c))
}

/// A name as the parser must store it: NFKC-normalized, as CPython does for non-ASCII names
/// (so `ﬁ` and `fi` are the same variable).
pub fn normalize_identifier(name: &str) -> Cow<'_, str> {
    if name.is_ascii() {
        return Cow::Borrowed(name);
    }
    let normalized: String = name.nfkc().collect();
    if normalized == name {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(normalized)
    }
}
