//! Fixture tests: one line per case, checked against what CPython 3.11.7 reports.

use super::{lex, lex_fragment};
use crate::syntax::text::{LineIndex, TextRange};
use crate::syntax::token::TokenKind;

/// Tokens as `Kind` or `Kind'text'`, space-separated.
fn tokens(src: &str) -> String {
    let lexed = lex(src);
    render(src, &lexed.tokens)
}

fn render(src: &str, tokens: &[crate::syntax::token::Token]) -> String {
    tokens
        .iter()
        .map(|t| {
            let text = t.range.slice(src);
            if text.is_empty() {
                format!("{:?}", t.kind)
            } else {
                format!("{:?}{text:?}", t.kind)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first error as CPython prints it: type, message, (lineno, offset, end_lineno,
/// end_offset) with 1-based character offsets; "OK" when there is none.
fn first_error(src: &str) -> String {
    let lexed = lex(src);
    let Some(e) = lexed.errors.first() else {
        return "OK".into();
    };
    let index = LineIndex::new(src);
    let pos = |o| (index.line_of(o) + 1, index.char_col(src, o) + 1);
    let (l, c) = pos(e.error.range.start);
    let (el, ec) = pos(e.error.range.end);
    format!(
        "{} {:?} {l} {c} {el} {ec}",
        e.error.error_type.name(),
        e.error.message
    )
}

#[test]
fn token_streams() {
    for (src, want) in [
        ("x", r#"Name"x" Newline EndOfFile"#),
        ("x\n", r#"Name"x" Newline"\n" EndOfFile"#),
        ("if x:\n    y\n", r#"If"if" Name"x" Colon":" Newline"\n" Indent"    " Name"y" Newline"\n" Dedent EndOfFile"#),
        ("if x:\n  y\nz\n", r#"If"if" Name"x" Colon":" Newline"\n" Indent"  " Name"y" Newline"\n" Dedent Name"z" Newline"\n" EndOfFile"#),
        ("x\n\n  # c\ny", r##"Name"x" Newline"\n" NonLogicalNewline"\n" Comment"# c" NonLogicalNewline"\n" Name"y" Newline EndOfFile"##),
        ("x # c", r##"Name"x" Comment"# c" Newline EndOfFile"##),
        ("x\n# c", r##"Name"x" Newline"\n" Comment"# c" NonLogicalNewline EndOfFile"##),
        ("(1,\n 2)\n", r#"LPar"(" Int"1" Comma"," NonLogicalNewline"\n" Int"2" RPar")" Newline"\n" EndOfFile"#),
        ("x = 1 + \\\n  2\n", r#"Name"x" Equal"=" Int"1" Plus"+" Int"2" Newline"\n" EndOfFile"#),
        ("x\r\ny\rz", r#"Name"x" Newline"\r\n" Name"y" Newline"\r" Name"z" Newline EndOfFile"#),
        ("a.b...c", r#"Name"a" Dot"." Name"b" Ellipsis"..." Name"c" Newline EndOfFile"#),
        ("a->b:=c!=d!e", r#"Name"a" RArrow"->" Name"b" ColonEqual":=" Name"c" NotEqual"!=" Name"d" Exclamation"!" Name"e" Newline EndOfFile"#),
        ("a**=b//=c<<=d>>=e@=f", r#"Name"a" DoubleStarEqual"**=" Name"b" DoubleSlashEqual"//=" Name"c" LeftShiftEqual"<<=" Name"d" RightShiftEqual">>=" Name"e" AtEqual"@=" Name"f" Newline EndOfFile"#),
        ("match _: case None", r#"Name"match" Name"_" Colon":" Name"case" None"None" Newline EndOfFile"#),
        ("async await lambda", r#"Async"async" Await"await" Lambda"lambda" Newline EndOfFile"#),
        ("1 1.5 .5 5. 1e5 1_0j 0x_f 0o17 0b1 00 1if", r#"Int"1" Float"1.5" Float".5" Float"5." Float"1e5" Imaginary"1_0j" Int"0x_f" Int"0o17" Int"0b1" Int"00" Int"1" If"if" Newline EndOfFile"#),
        ("1else 0if 1jor 1.5and 0xfor", r#"Int"1" Else"else" Int"0" If"if" Imaginary"1j" Or"or" Float"1.5" And"and" Int"0xf" Or"or" Newline EndOfFile"#),
        ("s = 'a' \"b\" '''c\n''' rb'd' Rb\"e\" f'{x!r}' u'g' bR'''h'''", r#"Name"s" Equal"=" String"'a'" String"\"b\"" String"'''c\n'''" String"rb'd'" String"Rb\"e\"" String"f'{x!r}'" String"u'g'" String"bR'''h'''" Newline EndOfFile"#),
        ("ur'x' bu'y'", r#"Name"ur" String"'x'" Name"bu" String"'y'" Newline EndOfFile"#),
        ("'a\\'b' 'c\\\nd'", r#"String"'a\\'b'" String"'c\\\nd'" Newline EndOfFile"#),
        ("'''a''''", r#"String"'''a'''" Error"'" Newline EndOfFile"#),
        ("é = ﬁ", r#"Name"é" Equal"=" Name"ﬁ" Newline EndOfFile"#),
        ("  \\\nx", r#"Indent"  \\\n" Name"x" Newline Dedent EndOfFile"#),
        ("x = 1\n  \\\n\n", r#"Name"x" Equal"=" Int"1" Newline"\n" NonLogicalNewline"\n" EndOfFile"#),
        ("if x:\n  \x0c  a\n", "If\"if\" Name\"x\" Colon\":\" Newline\"\\n\" Indent\"  \\u{c}  \" Name\"a\" Newline\"\\n\" Dedent EndOfFile"),
        ("x\n   ", r#"Name"x" Newline"\n" EndOfFile"#),
        ("", "EndOfFile"),
    ] {
        assert_eq!(tokens(src), want, "{src:?}");
    }
}

#[test]
fn errors_match_cpython() {
    // Expected values are CPython's (lineno, offset, end_lineno, end_offset); where CPython
    // gives no end (-1 or 0) we give a single caret.
    for (src, want) in [
        ("x = 1", "OK"),
        (
            "x = 1 €",
            r#"SyntaxError "invalid character '€' (U+20AC)" 1 7 1 7"#,
        ),
        (
            "x = a\u{a0}b",
            r#"SyntaxError "invalid non-printable character U+00A0" 1 6 1 6"#,
        ),
        (
            "é€ = 1",
            r#"SyntaxError "invalid character '€' (U+20AC)" 1 2 1 2"#,
        ),
        (
            "x = \x01",
            r#"SyntaxError "invalid non-printable character U+0001" 1 5 1 5"#,
        ),
        ("a $ b", r#"SyntaxError "invalid syntax" 1 3 1 4"#),
        ("1 <> 2", r#"SyntaxError "invalid syntax" 1 3 1 5"#),
        (
            "a = 1 \\ b",
            r#"SyntaxError "unexpected character after line continuation character" 1 8 1 8"#,
        ),
        (
            "x = 1\ny = 2 \\ b",
            r#"SyntaxError "unexpected character after line continuation character" 2 8 2 8"#,
        ),
        (
            "x = 1 + \\",
            r#"SyntaxError "unexpected EOF while parsing" 1 10 1 10"#,
        ),
        (
            "x = 1 +\\\n",
            r#"SyntaxError "unexpected EOF while parsing" 1 9 1 9"#,
        ),
        (
            "x = (1 +\\\n",
            r#"SyntaxError "'(' was never closed" 1 5 1 5"#,
        ),
        (
            "x = (1,\n2",
            r#"SyntaxError "'(' was never closed" 1 5 1 5"#,
        ),
        (
            "x = (1,\n2]",
            r#"SyntaxError "closing parenthesis ']' does not match opening parenthesis '(' on line 1" 2 2 2 2"#,
        ),
        (
            "x = (]",
            r#"SyntaxError "closing parenthesis ']' does not match opening parenthesis '('" 1 6 1 6"#,
        ),
        ("x = 1)", r#"SyntaxError "unmatched ')'" 1 6 1 6"#),
        ("x = 1\n\n}\n", r#"SyntaxError "unmatched '}'" 3 1 3 1"#),
        (
            "s = 'abc",
            r#"SyntaxError "unterminated string literal (detected at line 1)" 1 5 1 5"#,
        ),
        (
            "\"abc\n\"",
            r#"SyntaxError "unterminated string literal (detected at line 1)" 1 1 1 1"#,
        ),
        (
            "x = \"abc\\\ndef",
            r#"SyntaxError "unterminated string literal (detected at line 2)" 1 5 1 5"#,
        ),
        (
            "x = rb\"abc",
            r#"SyntaxError "unterminated string literal (detected at line 1)" 1 5 1 5"#,
        ),
        (
            "s = '''abc\n\n",
            r#"SyntaxError "unterminated triple-quoted string literal (detected at line 2)" 1 5 1 5"#,
        ),
        (
            "x = \"\"\"\n\nabc",
            r#"SyntaxError "unterminated triple-quoted string literal (detected at line 3)" 1 5 1 5"#,
        ),
        (
            "x = \"a\rb\"",
            r#"SyntaxError "unterminated string literal (detected at line 1)" 1 5 1 5"#,
        ),
        (
            "if x:\n    a\n  b\n",
            r#"IndentationError "unindent does not match any outer indentation level" 3 4 3 4"#,
        ),
        (
            "x = 1\nif x:\n    a\n  bé\n",
            r#"IndentationError "unindent does not match any outer indentation level" 4 5 4 5"#,
        ),
        (
            "if x:\n\ta\n        b\n",
            r#"TabError "inconsistent use of tabs and spaces in indentation" 3 1 3 1"#,
        ),
        (
            "if x:\n        a\n\tb\n",
            r#"TabError "inconsistent use of tabs and spaces in indentation" 3 1 3 1"#,
        ),
        (
            "if x:\n    \ta\n\t    b\n",
            r#"TabError "inconsistent use of tabs and spaces in indentation" 3 1 3 1"#,
        ),
        (
            "if x:\n \ta\n\tb\n",
            r#"TabError "inconsistent use of tabs and spaces in indentation" 3 1 3 1"#,
        ),
        ("if x:\n\ta\n\tb\n", "OK"),
        ("if x:\n  a\n  \x0cb\n", "OK"),
        (
            "x = 1\x00 + 2",
            r#"SyntaxError "source code cannot contain null bytes" 1 6 1 6"#,
        ),
        (
            "0777",
            r#"SyntaxError "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers" 1 1 1 2"#,
        ),
        (
            "0_7",
            r#"SyntaxError "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers" 1 1 1 3"#,
        ),
        ("09.5 00 0_0 0e0 0j", "OK"),
        (
            "0o78",
            r#"SyntaxError "invalid digit '8' in octal literal" 1 4 1 4"#,
        ),
        (
            "0b12",
            r#"SyntaxError "invalid digit '2' in binary literal" 1 4 1 4"#,
        ),
        ("0b1a", r#"SyntaxError "invalid binary literal" 1 3 1 3"#),
        ("0o", r#"SyntaxError "invalid octal literal" 1 2 1 2"#),
        ("0or 1", r#"SyntaxError "invalid octal literal" 1 2 1 2"#),
        ("0x", r#"SyntaxError "invalid hexadecimal literal" 1 2 1 2"#),
        (
            "0xg",
            r#"SyntaxError "invalid hexadecimal literal" 1 2 1 2"#,
        ),
        (
            "x = 0x1_",
            r#"SyntaxError "invalid hexadecimal literal" 1 8 1 8"#,
        ),
        ("1_", r#"SyntaxError "invalid decimal literal" 1 2 1 2"#),
        ("1__0", r#"SyntaxError "invalid decimal literal" 1 2 1 2"#),
        ("1e", r#"SyntaxError "invalid decimal literal" 1 1 1 1"#),
        ("1.e+", r#"SyntaxError "invalid decimal literal" 1 4 1 4"#),
        (
            "x = 1e_1",
            r#"SyntaxError "invalid decimal literal" 1 5 1 5"#,
        ),
        (
            "x = 1.__class__",
            r#"SyntaxError "invalid decimal literal" 1 6 1 6"#,
        ),
        (
            "x = 12a",
            r#"SyntaxError "invalid decimal literal" 1 6 1 6"#,
        ),
        ("1ja", r#"SyntaxError "invalid imaginary literal" 1 2 1 2"#),
        (
            "1.5j_",
            r#"SyntaxError "invalid imaginary literal" 1 4 1 4"#,
        ),
        ("('('*200)", "OK"),
    ] {
        assert_eq!(first_error(src), want, "{src:?}");
    }
}

#[test]
fn nesting_limits() {
    let ok = "(".repeat(200) + &")".repeat(200);
    assert_eq!(first_error(&ok), "OK");
    let deep = "(".repeat(201);
    assert_eq!(
        first_error(&deep),
        r#"SyntaxError "too many nested parentheses" 1 201 1 201"#
    );
    let mut nested = String::from("if x:\n");
    for i in 1..100 {
        nested += &format!("{}if x:\n", " ".repeat(i));
    }
    assert_eq!(
        first_error(&(nested.clone() + &" ".repeat(100) + "x\n")),
        r#"IndentationError "too many levels of indentation" 101 1 101 1"#
    );
    let mut ok_nested = String::from("if x:\n");
    for i in 1..99 {
        ok_nested += &format!("{}if x:\n", " ".repeat(i));
    }
    assert_eq!(first_error(&(ok_nested + &" ".repeat(99) + "x\n")), "OK");
}

#[test]
fn recovers_after_errors() {
    let lexed = lex("x = $ + 'abc\ny = 0o9 + (\nz = 1)]\n");
    let messages: Vec<&str> = lexed
        .errors
        .iter()
        .map(|e| e.error.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "invalid syntax",
            "unterminated string literal (detected at line 1)",
            "invalid digit '9' in octal literal",
            "unmatched ']'",
        ]
    );
    let kinds: Vec<TokenKind> = lexed.tokens.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds.iter().filter(|&&k| k == TokenKind::Newline).count(),
        2
    );
    assert_eq!(kinds.last(), Some(&TokenKind::EndOfFile));
}

#[test]
fn unclosed_bracket_is_detected_at_eof() {
    let src = "x = [1, (2\ny = 3\n";
    let lexed = lex(src);
    assert_eq!(lexed.errors.len(), 1);
    assert_eq!(lexed.errors[0].error.message, "'(' was never closed");
    assert_eq!(lexed.errors[0].error.range, TextRange::empty(8));
    assert_eq!(lexed.errors[0].detected_at as usize, src.len());
}

#[test]
fn fragments_lex_at_absolute_offsets() {
    let src = "f'{a +\n b!r:>10}'";
    let lexed = lex_fragment(src, TextRange::new(3, 11));
    assert_eq!(
        render(src, &lexed.tokens),
        r#"Name"a" Plus"+" NonLogicalNewline"\n" Name"b" Exclamation"!" Name"r" EndOfFile"#
    );
    assert_eq!(
        lexed.tokens.last().map(|t| t.range),
        Some(TextRange::empty(11))
    );
    assert!(lexed.errors.is_empty());
}

#[test]
fn never_panics_on_odd_input() {
    for src in [
        "\\",
        "'",
        "'''",
        "\"\"\"\\",
        "0x",
        "0b_",
        "1e+",
        "\r",
        "\r\n\\\r",
        "(\n\t\x0c#",
        "\u{feff}x",
        "\0",
        "\\\u{e9}",
        "é\\",
        "0o",
        ".",
        "..",
        "1.e",
        "x = ''''",
        "\t\tx\n  y",
    ] {
        let lexed = lex(src);
        assert_eq!(
            lexed.tokens.last().map(|t| t.kind),
            Some(TokenKind::EndOfFile),
            "{src:?}"
        );
        for pair in lexed.tokens.windows(2) {
            assert!(pair[0].range.start <= pair[1].range.start, "{src:?}");
        }
    }
}

#[test]
fn normalizes_identifiers_with_nfkc() {
    assert_eq!(super::normalize_identifier("ﬁ"), "fi");
    assert_eq!(super::normalize_identifier("x"), "x");
    assert_eq!(super::normalize_identifier("ℌ"), "H");
}

#[test]
fn dump_matches_tokenize_layout() {
    let dump = super::dump_tokens("if x:\n  y = 'é'\n");
    let want = "\
1,0-1,2:            NAME           'if'           
1,3-1,4:            NAME           'x'            
1,4-1,5:            OP             ':'            
1,5-1,6:            NEWLINE        '\\n'           
2,0-2,2:            INDENT         '  '           
2,2-2,3:            NAME           'y'            
2,4-2,5:            OP             '='            
2,6-2,9:            STRING         \"'é'\"          
2,9-2,10:           NEWLINE        '\\n'           
3,0-3,0:            DEDENT         ''             
3,0-3,0:            ENDMARKER      ''             
";
    assert_eq!(dump, want);
    assert_eq!(
        super::python_repr("a'b\"\u{200b}\u{1F600}\x7f"),
        "'a\\'b\"\\u200b\u{1F600}\\x7f'"
    );
}

#[test]
fn keyword_fast_path_knows_every_keyword() {
    for &kw in TokenKind::KEYWORDS {
        let lexed = lex(kw);
        assert_eq!(Some(lexed.tokens[0].kind), TokenKind::keyword(kw), "{kw}");
    }
}
