//! Per-character Unicode properties and case mappings as CPython 3.11 (Unicode 14.0.0) has
//! them, with ASCII fast paths in front of the generated range tables.

use super::unicode_tables as tables;

/// A full case mapping: one char (the common case) or a short expansion such as 'ß' → "SS".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mapped {
    One(char),
    Many(&'static str),
}

impl Mapped {
    /// Appends the mapping to `out`.
    #[inline]
    pub fn push_to(self, out: &mut String) {
        match self {
            Mapped::One(c) => out.push(c),
            Mapped::Many(s) => out.push_str(s),
        }
    }
}

/// Python's whitespace (`str.isspace`, `str.split()`, `str.strip()`): includes \x1c-\x1f
/// and \x85, unlike Rust's `char::is_whitespace`.
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ')
    } else {
        in_ranges(tables::SPACE, c)
    }
}

/// `str.isprintable` for one char, which is also what `repr` leaves unescaped.
#[inline]
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        (' '..='~').contains(&c)
    } else {
        in_ranges(tables::PRINTABLE, c)
    }
}

/// `str.isalpha` for one char (categories Lu, Ll, Lt, Lm, Lo).
#[inline]
pub fn is_alpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(tables::ALPHA, c)
    }
}

/// `str.isdecimal` for one char (category Nd).
#[inline]
pub fn is_decimal(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(tables::DECIMAL, c)
    }
}

/// `str.isdigit` for one char (Numeric_Type Decimal or Digit).
#[inline]
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(tables::DIGIT, c)
    }
}

/// `str.isnumeric` for one char (any Numeric_Type).
#[inline]
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_ranges(tables::NUMERIC, c)
    }
}

/// `str.isalnum` for one char: CPython ORs the four predicates.
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_alpha(c) || is_decimal(c) || is_digit(c) || is_numeric(c)
    }
}

/// The Lowercase property (CPython's `Py_UNICODE_ISLOWER`).
#[inline]
pub fn is_lower(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_lowercase()
    } else {
        in_ranges(tables::LOWER, c)
    }
}

/// The Uppercase property (CPython's `Py_UNICODE_ISUPPER`).
#[inline]
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_ranges(tables::UPPER, c)
    }
}

/// Titlecase letters (category Lt, CPython's `Py_UNICODE_ISTITLE`).
#[inline]
pub fn is_title(c: char) -> bool {
    !c.is_ascii() && in_ranges(tables::TITLE, c)
}

/// The Cased property: what `str.title()` looks at to decide word boundaries.
#[inline]
pub fn is_cased(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(tables::CASED, c)
    }
}

/// The Case_Ignorable property, used by the final-sigma rule.
#[inline]
pub fn is_case_ignorable(c: char) -> bool {
    if c.is_ascii() {
        matches!(c, '\'' | '.' | ':' | '^' | '`')
    } else {
        in_ranges(tables::CASE_IGNORABLE, c)
    }
}

/// XID_Start (without '_', which `str.isidentifier` admits separately).
#[inline]
pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_ranges(tables::XID_START, c)
    }
}

/// XID_Continue.
#[inline]
pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_'
    } else {
        in_ranges(tables::XID_CONTINUE, c)
    }
}

/// Full uppercase mapping of one char (`'ß'` → `"SS"`).
#[inline]
pub fn to_upper(c: char) -> Mapped {
    if c.is_ascii() {
        Mapped::One(c.to_ascii_uppercase())
    } else {
        lookup(tables::TO_UPPER, c)
    }
}

/// Full lowercase mapping of one char, without the contextual final-sigma rule.
#[inline]
pub fn to_lower(c: char) -> Mapped {
    if c.is_ascii() {
        Mapped::One(c.to_ascii_lowercase())
    } else {
        lookup(tables::TO_LOWER, c)
    }
}

/// Full titlecase mapping of one char (`'ǆ'` → `'ǅ'`, `'ß'` → `"Ss"`).
#[inline]
pub fn to_title(c: char) -> Mapped {
    if c.is_ascii() {
        Mapped::One(c.to_ascii_uppercase())
    } else {
        lookup(tables::TO_TITLE, c)
    }
}

/// Full case folding of one char (`'ß'` → `"ss"`).
#[inline]
pub fn to_fold(c: char) -> Mapped {
    if c.is_ascii() {
        Mapped::One(c.to_ascii_lowercase())
    } else {
        lookup(tables::TO_FOLD, c)
    }
}

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    // The tables are sorted and disjoint: find the last range starting at or before `cp`.
    let idx = table.partition_point(|&(start, _)| start <= cp);
    idx > 0 && cp <= table[idx - 1].1
}

fn lookup(table: &[(u32, u32)], c: char) -> Mapped {
    let cp = c as u32;
    let Ok(idx) = table.binary_search_by_key(&cp, |&(from, _)| from) else {
        return Mapped::One(c);
    };
    let value = table[idx].1;
    if value & tables::EXPANSION_FLAG == 0 {
        return Mapped::One(char::from_u32(value).unwrap_or(c));
    }
    let offset = ((value & !tables::EXPANSION_FLAG) >> 8) as usize;
    let len = (value & 0xFF) as usize;
    match tables::EXPANSIONS.get(offset..offset + len) {
        Some(s) => Mapped::Many(s),
        None => Mapped::One(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_paths_agree_with_tables() {
        type Check = (fn(char) -> bool, &'static [(u32, u32)]);
        let checks: [Check; 11] = [
            (is_space, tables::SPACE),
            (is_printable, tables::PRINTABLE),
            (is_alpha, tables::ALPHA),
            (is_decimal, tables::DECIMAL),
            (is_digit, tables::DIGIT),
            (is_numeric, tables::NUMERIC),
            (is_lower, tables::LOWER),
            (is_upper, tables::UPPER),
            (is_cased, tables::CASED),
            (is_case_ignorable, tables::CASE_IGNORABLE),
            (is_xid_continue, tables::XID_CONTINUE),
        ];
        for (fast, table) in checks {
            for b in 0u8..128 {
                let c = char::from(b);
                assert_eq!(fast(c), in_ranges(table, c), "{c:?}");
            }
        }
        for b in 0u8..128 {
            let c = char::from(b);
            assert_eq!(is_xid_start(c), in_ranges(tables::XID_START, c), "{c:?}");
            assert_eq!(to_upper(c), lookup(tables::TO_UPPER, c));
            assert_eq!(to_lower(c), lookup(tables::TO_LOWER, c));
            assert_eq!(to_title(c), lookup(tables::TO_TITLE, c));
            assert_eq!(to_fold(c), lookup(tables::TO_FOLD, c));
        }
    }

    #[test]
    fn mappings() {
        type Case = (fn(char) -> Mapped, char, &'static str);
        let cases: &[Case] = &[
            (to_upper, 'ß', "SS"),
            (to_upper, 'ﬁ', "FI"),
            (to_upper, 'é', "É"),
            (to_lower, 'İ', "i\u{307}"),
            (to_lower, 'Σ', "σ"),
            (to_title, 'ǆ', "ǅ"),
            (to_title, 'ß', "Ss"),
            (to_fold, 'ß', "ss"),
            (to_fold, 'ς', "σ"),
            (to_upper, '😀', "😀"),
        ];
        for &(f, c, want) in cases {
            let mut got = String::new();
            f(c).push_to(&mut got);
            assert_eq!(got, want, "{c:?}");
        }
    }

    #[test]
    fn properties() {
        assert!(is_space('\u{85}') && is_space('\u{3000}') && is_space('\x1f'));
        assert!(!is_space('\u{200b}'));
        assert!(!is_printable('\u{a0}') && is_printable('é') && !is_printable('\u{e000}'));
        assert!(is_title('ǅ') && !is_title('A'));
        assert!(is_case_ignorable('\u{301}') && is_case_ignorable('\u{2019}'));
        assert!(is_numeric('½') && !is_digit('½') && is_digit('²') && !is_decimal('²'));
        assert!(is_xid_start('é') && !is_xid_start('_') && is_xid_continue('\u{301}'));
    }
}
