//! Token kinds produced by the lexer. A token is a kind plus a byte range; its text is a slice of
//! the source, so tokens are 12 bytes and the lexer allocates nothing per token.

use super::text::TextRange;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Token {
    pub kind: TokenKind,
    pub range: TextRange,
}

macro_rules! token_kinds {
    (
        plain { $($(#[$pm:meta])* $pv:ident => $pn:literal,)* }
        keywords { $($kv:ident => $kt:literal,)* }
        operators { $($(#[$om:meta])* $ov:ident => $ot:literal,)* }
    ) => {
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        #[repr(u8)]
        pub enum TokenKind {
            $($(#[$pm])* $pv,)*
            $($kv,)*
            $($(#[$om])* $ov,)*
        }

        impl TokenKind {
            /// The token type name as Python's `tokenize` module prints it (`NAME`, `OP`, …).
            pub fn tokenize_name(self) -> &'static str {
                match self {
                    $(TokenKind::$pv => $pn,)*
                    $(TokenKind::$kv => "NAME",)*
                    $(TokenKind::$ov => "OP",)*
                }
            }

            /// The fixed text of a keyword or operator token.
            pub fn fixed_text(self) -> Option<&'static str> {
                match self {
                    $(TokenKind::$kv => Some($kt),)*
                    $(TokenKind::$ov => Some($ot),)*
                    _ => None,
                }
            }

            pub fn is_keyword(self) -> bool {
                matches!(self, $(TokenKind::$kv)|*)
            }

            pub fn is_operator(self) -> bool {
                matches!(self, $(TokenKind::$ov)|*)
            }

            /// The hard keyword spelled `text`, if any.
            pub fn keyword(text: &str) -> Option<TokenKind> {
                match text {
                    $($kt => Some(TokenKind::$kv),)*
                    _ => None,
                }
            }

            /// Every hard keyword's text, for completion.
            pub const KEYWORDS: &'static [&'static str] = &[$($kt,)*];
        }
    };
}

token_kinds! {
    plain {
        Name => "NAME",
        Int => "NUMBER",
        Float => "NUMBER",
        Imaginary => "NUMBER",
        /// Any string literal, including f-strings and bytes: one token per literal, as in 3.11.
        String => "STRING",
        Comment => "COMMENT",
        /// End of a logical line.
        Newline => "NEWLINE",
        /// A line break that does not end a logical line (blank line, inside brackets, after a comment-only line).
        NonLogicalNewline => "NL",
        Indent => "INDENT",
        Dedent => "DEDENT",
        EndOfFile => "ENDMARKER",
        /// Text the lexer could not make a token of; the error is reported separately.
        Error => "ERRORTOKEN",
    }
    keywords {
        False => "False",
        None => "None",
        True => "True",
        And => "and",
        As => "as",
        Assert => "assert",
        Async => "async",
        Await => "await",
        Break => "break",
        Class => "class",
        Continue => "continue",
        Def => "def",
        Del => "del",
        Elif => "elif",
        Else => "else",
        Except => "except",
        Finally => "finally",
        For => "for",
        From => "from",
        Global => "global",
        If => "if",
        Import => "import",
        In => "in",
        Is => "is",
        Lambda => "lambda",
        Nonlocal => "nonlocal",
        Not => "not",
        Or => "or",
        Pass => "pass",
        Raise => "raise",
        Return => "return",
        Try => "try",
        While => "while",
        With => "with",
        Yield => "yield",
    }
    operators {
        LPar => "(",
        RPar => ")",
        LSqb => "[",
        RSqb => "]",
        LBrace => "{",
        RBrace => "}",
        Colon => ":",
        Comma => ",",
        Semi => ";",
        Plus => "+",
        Minus => "-",
        Star => "*",
        Slash => "/",
        VBar => "|",
        Amper => "&",
        Less => "<",
        Greater => ">",
        Equal => "=",
        Dot => ".",
        Percent => "%",
        EqEqual => "==",
        NotEqual => "!=",
        LessEqual => "<=",
        GreaterEqual => ">=",
        Tilde => "~",
        CircumFlex => "^",
        LeftShift => "<<",
        RightShift => ">>",
        DoubleStar => "**",
        PlusEqual => "+=",
        MinEqual => "-=",
        StarEqual => "*=",
        SlashEqual => "/=",
        PercentEqual => "%=",
        AmperEqual => "&=",
        VBarEqual => "|=",
        CircumflexEqual => "^=",
        LeftShiftEqual => "<<=",
        RightShiftEqual => ">>=",
        DoubleStarEqual => "**=",
        DoubleSlash => "//",
        DoubleSlashEqual => "//=",
        At => "@",
        AtEqual => "@=",
        RArrow => "->",
        Ellipsis => "...",
        ColonEqual => ":=",
        /// `!` only appears inside f-string replacement fields (`{x!r}`).
        Exclamation => "!",
    }
}

impl TokenKind {
    /// Tokens the parser never sees: comments and non-logical newlines.
    #[inline]
    pub fn is_trivia(self) -> bool {
        matches!(self, TokenKind::Comment | TokenKind::NonLogicalNewline)
    }
}
