//! `str.upper`, `lower`, `casefold`, `capitalize`, `title` and `swapcase` with full
//! (special-casing) mappings and the final-sigma rule, as CPython 3.11 applies them.

use super::unicode::{self, Mapped};

const CAPITAL_SIGMA: char = '\u{3A3}';

/// `s.upper()` ('ß' → "SS", 'ﬁ' → "FI").
pub fn upper(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_uppercase();
    }
    map_runs(s, true, |_, c| unicode::to_upper(c))
}

/// `s.lower()`, with Σ becoming ς at the end of a word.
pub fn lower(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    map_runs(s, false, |at, c| lower_at(s, at, c))
}

/// `s.casefold()` ('ß' → "ss"; no final-sigma rule).
pub fn casefold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    map_runs(s, false, |_, c| unicode::to_fold(c))
}

/// `s.capitalize()`: since Python 3.8 the first char is titlecased (not uppercased) and the
/// rest lowercased.
pub fn capitalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.char_indices();
    if let Some((_, first)) = chars.next() {
        unicode::to_title(first).push_to(&mut out);
    }
    for (at, c) in chars {
        lower_at(s, at, c).push_to(&mut out);
    }
    out
}

/// `s.title()`: a char following a cased char is lowercased, any other is titlecased.
pub fn title(s: &str) -> String {
    if s.is_ascii() {
        let mut previous_is_cased = false;
        let mapped: Vec<u8> = s
            .bytes()
            .map(|b| {
                let c = if previous_is_cased {
                    b.to_ascii_lowercase()
                } else {
                    b.to_ascii_uppercase()
                };
                previous_is_cased = b.is_ascii_alphabetic();
                c
            })
            .collect();
        return String::from_utf8(mapped).unwrap_or_default();
    }
    let mut out = String::with_capacity(s.len());
    let mut previous_is_cased = false;
    for (at, c) in s.char_indices() {
        let mapped = if previous_is_cased {
            lower_at(s, at, c)
        } else {
            unicode::to_title(c)
        };
        mapped.push_to(&mut out);
        previous_is_cased = unicode::is_cased(c);
    }
    out
}

/// `s.swapcase()`: uppercase chars are lowercased, lowercase ones uppercased.
pub fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (at, c) in s.char_indices() {
        if unicode::is_upper(c) {
            lower_at(s, at, c).push_to(&mut out);
        } else if unicode::is_lower(c) {
            unicode::to_upper(c).push_to(&mut out);
        } else {
            out.push(c);
        }
    }
    out
}

/// Maps each non-ASCII char (with its byte offset) through `f`, and each run of ASCII in one
/// go to upper or lower case, which is what every mapping here does to ASCII.
fn map_runs(s: &str, upper_ascii: bool, mut f: impl FnMut(usize, char) -> Mapped) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    while at < s.len() {
        let run = s[at..]
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(s.len() - at);
        let from = out.len();
        out.push_str(&s[at..at + run]);
        if upper_ascii {
            out[from..].make_ascii_uppercase();
        } else {
            out[from..].make_ascii_lowercase();
        }
        at += run;
        if let Some(c) = s[at..].chars().next() {
            f(at, c).push_to(&mut out);
            at += c.len_utf8();
        }
    }
    out
}

/// Lowercase mapping of `c` found at byte `at` of `s`: Σ depends on its neighbours.
fn lower_at(s: &str, at: usize, c: char) -> Mapped {
    if c == CAPITAL_SIGMA {
        Mapped::One(if is_final_sigma(s, at) { 'ς' } else { 'σ' })
    } else {
        unicode::to_lower(c)
    }
}

/// Final_Sigma: Σ preceded by a cased char (case-ignorables skipped) and not followed by one.
fn is_final_sigma(s: &str, at: usize) -> bool {
    let before = s[..at]
        .chars()
        .rev()
        .find(|&c| !unicode::is_case_ignorable(c));
    if !before.is_some_and(unicode::is_cased) {
        return false;
    }
    let after = s[at + CAPITAL_SIGMA.len_utf8()..]
        .chars()
        .find(|&c| !unicode::is_case_ignorable(c));
    !after.is_some_and(unicode::is_cased)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures() {
        type Case = (fn(&str) -> String, &'static str, &'static str);
        let cases: &[Case] = &[
            (upper, "straße", "STRASSE"),
            (upper, "ﬁx", "FIX"),
            (upper, "ŉ", "ʼN"),
            (lower, "İ", "i\u{307}"),
            (lower, "ΟΔΟΣ", "οδος"),
            (lower, "ΟΔΟΣ.", "οδος."),
            (lower, "Σ", "σ"),
            (lower, "ΑΣΑ", "ασα"),
            (lower, "Α\u{301}Σ\u{301}", "α\u{301}ς\u{301}"),
            (lower, "ΑΣ\u{301}Α", "ασ\u{301}α"),
            (casefold, "Straße", "strasse"),
            (casefold, "ΣΑΣ", "σασ"),
            (capitalize, "ǆemal", "ǅemal"),
            (capitalize, "ßa", "Ssa"),
            (capitalize, "hELLO wORLD", "Hello world"),
            (capitalize, "", ""),
            (title, "hello wORLD", "Hello World"),
            (title, "they're bill's", "They'Re Bill'S"),
            (title, "ǆa ßb", "ǅa Ssb"),
            (title, "1st", "1St"),
            (title, "ΑΣ ΑΣ", "Ας Ας"),
            (swapcase, "Hello ß", "hELLO SS"),
            (swapcase, "ǅ", "ǅ"),
            (swapcase, "ΑΣ", "ας"),
        ];
        for &(f, s, want) in cases {
            assert_eq!(f(s), want, "{s:?}");
        }
    }
}
