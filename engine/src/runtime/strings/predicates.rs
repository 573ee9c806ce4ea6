//! `str.isalpha` and friends with CPython 3.11's Unicode 14 semantics.

use super::unicode;

/// `s.isalpha()`.
pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, unicode::is_alpha)
}

/// `s.isalnum()`.
pub fn isalnum(s: &str) -> bool {
    all_nonempty(s, unicode::is_alnum)
}

/// `s.isdecimal()`.
pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, unicode::is_decimal)
}

/// `s.isdigit()`.
pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, unicode::is_digit)
}

/// `s.isnumeric()`.
pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, unicode::is_numeric)
}

/// `s.isspace()`.
pub fn isspace(s: &str) -> bool {
    all_nonempty(s, unicode::is_space)
}

/// `s.isprintable()` (true for the empty string).
pub fn isprintable(s: &str) -> bool {
    if s.is_ascii() {
        return s.bytes().all(|b| (b' '..=b'~').contains(&b));
    }
    s.chars().all(unicode::is_printable)
}

/// `s.isascii()`.
pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}

/// `s.isidentifier()`: XID_Start or '_', then XID_Continue (no NFKC normalization).
pub fn isidentifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || unicode::is_xid_start(c) => chars.all(unicode::is_xid_continue),
        _ => false,
    }
}

/// `s.islower()`: some lowercase char and no uppercase or titlecase one.
pub fn islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if unicode::is_upper(c) || unicode::is_title(c) {
            return false;
        }
        cased |= unicode::is_lower(c);
    }
    cased
}

/// `s.isupper()`: some uppercase char and no lowercase or titlecase one.
pub fn isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if unicode::is_lower(c) || unicode::is_title(c) {
            return false;
        }
        cased |= unicode::is_upper(c);
    }
    cased
}

/// `s.istitle()`: upper/titlecase chars only after uncased ones, lowercase only after
/// cased ones, and at least one cased char.
pub fn istitle(s: &str) -> bool {
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in s.chars() {
        if unicode::is_upper(c) || unicode::is_title(c) {
            if previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else if unicode::is_lower(c) {
            if !previous_is_cased {
                return false;
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    cased
}

fn all_nonempty(s: &str, pred: fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(pred)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures() {
        type Case = (fn(&str) -> bool, &'static str, bool);
        let cases: &[Case] = &[
            (isalpha, "", false),
            (isalpha, "abcé", true),
            (isalpha, "ab1", false),
            (isalnum, "ab1½", true),
            (isdecimal, "123٣", true),
            (isdecimal, "²", false),
            (isdigit, "²", true),
            (isdigit, "½", false),
            (isnumeric, "½Ⅻ", true),
            (isspace, " \t\x1c\u{85}\u{3000}", true),
            (isspace, "", false),
            (isspace, "\u{200b}", false),
            (isprintable, "", true),
            (isprintable, "a b", true),
            (isprintable, "a\n", false),
            (isprintable, "\u{a0}", false),
            (isprintable, "é😀", true),
            (isidentifier, "_a1", true),
            (isidentifier, "1a", false),
            (isidentifier, "é\u{301}", true),
            (isidentifier, "", false),
            (isidentifier, "a-b", false),
            (islower, "abc1", true),
            (islower, "1", false),
            (islower, "aǅ", false),
            (islower, "ß", true),
            (isupper, "ABC1", true),
            (isupper, "Aǅ", false),
            (istitle, "Hello World", true),
            (istitle, "Hello world", false),
            (istitle, "ǅemal", true),
            (istitle, "1A", true),
            (istitle, "AB", false),
            (istitle, "", false),
            (isascii, "", true),
            (isascii, "é", false),
        ];
        for &(f, s, want) in cases {
            assert_eq!(f(s), want, "{s:?}");
        }
    }
}
