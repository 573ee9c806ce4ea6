//! Numeric literals: the value of an `Int`, `Float` or `Imaginary` token (the lexer has already
//! checked their shape).

use super::super::ast::{Constant, Int};
use super::super::token::TokenKind;
use num_bigint::BigInt;

pub(crate) fn number(kind: TokenKind, text: &str) -> Constant {
    let clean: String;
    let text = if text.contains('_') {
        clean = text.replace('_', "");
        clean.as_str()
    } else {
        text
    };
    match kind {
        TokenKind::Int => Constant::Int(int(text)),
        TokenKind::Float => Constant::Float(float(text)),
        _ => Constant::Complex(float(text.trim_end_matches(['j', 'J']))),
    }
}

fn float(text: &str) -> f64 {
    text.parse::<f64>().unwrap_or(0.0)
}

fn int(text: &str) -> Int {
    let bytes = text.as_bytes();
    let (radix, digits) = if bytes.len() > 2 && bytes[0] == b'0' {
        match bytes[1] {
            b'x' | b'X' => (16, &text[2..]),
            b'o' | b'O' => (8, &text[2..]),
            b'b' | b'B' => (2, &text[2..]),
            _ => (10, text),
        }
    } else {
        (10, text)
    };
    if let Ok(v) = i64::from_str_radix(digits, radix) {
        return Int::Small(v);
    }
    match BigInt::parse_bytes(digits.as_bytes(), radix) {
        Some(b) => Int::Big(Box::new(b)),
        None => Int::Small(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(kind: TokenKind, text: &str) -> String {
        match number(kind, text) {
            Constant::Int(Int::Small(v)) => v.to_string(),
            Constant::Int(Int::Big(b)) => b.to_string(),
            Constant::Float(f) => format!("{f:?}"),
            Constant::Complex(f) => format!("{f:?}j"),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn numbers() {
        let cases = [
            (TokenKind::Int, "0", "0"),
            (TokenKind::Int, "1_000", "1000"),
            (TokenKind::Int, "0xff", "255"),
            (TokenKind::Int, "0O17", "15"),
            (TokenKind::Int, "0b101", "5"),
            (TokenKind::Int, "000", "0"),
            (
                TokenKind::Int,
                "99999999999999999999",
                "99999999999999999999",
            ),
            (TokenKind::Float, "1.5", "1.5"),
            (TokenKind::Float, "1.", "1.0"),
            (TokenKind::Float, ".5", "0.5"),
            (TokenKind::Float, "1e3", "1000.0"),
            (TokenKind::Float, "1_0.0_1e1_0", "100100000000.0"),
            (TokenKind::Imaginary, "2j", "2.0j"),
            (TokenKind::Imaginary, "1.5J", "1.5j"),
        ];
        for (kind, text, want) in cases {
            assert_eq!(n(kind, text), want, "{text}");
        }
    }
}
