//! The format-spec mini-language parser shared by `int`, `float` and `str` (CPython's
//! `parse_internal_render_format_spec`, 3.11):
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.

use super::error::NumError;
use super::unicode::decimal_value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`
    Center,
    /// `=`: padding between the sign/prefix and the digits.
    AfterSign,
}

impl Align {
    fn from_char(c: char) -> Option<Align> {
        Some(match c {
            '<' => Align::Left,
            '>' => Align::Right,
            '^' => Align::Center,
            '=' => Align::AfterSign,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Comma,
    Underscore,
}

impl Grouping {
    pub fn char(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// The explicit fill character (`None` when the spec gives none).
    pub fill: Option<char>,
    /// The explicit alignment.
    pub align: Option<Align>,
    /// `+`, `-` or ` `.
    pub sign: Option<char>,
    /// `z` (3.11): coerce negative zero.
    pub no_neg_zero: bool,
    /// `#`
    pub alternate: bool,
    /// A `0` right before the width, with no explicit fill.
    pub zero_pad: bool,
    pub width: Option<usize>,
    pub grouping: Option<Grouping>,
    pub precision: Option<usize>,
    /// The presentation type; `None` when omitted.
    pub ty: Option<char>,
}

impl FormatSpec {
    /// Parses `spec` as CPython does for an object whose omitted type means `default_type`
    /// (`'d'` for int, `'s'` for str, `None` for float); `type_name` goes into the
    /// "Invalid format specifier" message. Type-independent checks happen here (grouping vs.
    /// type); the per-type checks are in the formatters.
    pub fn parse(
        spec: &str,
        default_type: Option<char>,
        type_name: &str,
    ) -> Result<FormatSpec, NumError> {
        let chars: Vec<char> = spec.chars().collect();
        let mut pos = 0;
        let mut out = FormatSpec {
            fill: None,
            align: None,
            sign: None,
            no_neg_zero: false,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: None,
            precision: None,
            ty: None,
        };
        if chars.len() >= 2 && Align::from_char(chars[1]).is_some() {
            out.fill = Some(chars[0]);
            out.align = Align::from_char(chars[1]);
            pos = 2;
        } else if let Some(align) = chars.first().and_then(|&c| Align::from_char(c)) {
            out.align = Some(align);
            pos = 1;
        }
        let at = |pos: usize| chars.get(pos).copied();
        if let Some(c @ ('+' | '-' | ' ')) = at(pos) {
            out.sign = Some(c);
            pos += 1;
        }
        if at(pos) == Some('z') {
            out.no_neg_zero = true;
            pos += 1;
        }
        if at(pos) == Some('#') {
            out.alternate = true;
            pos += 1;
        }
        if out.fill.is_none() && at(pos) == Some('0') {
            out.zero_pad = true;
            pos += 1;
        }
        out.width = read_integer(&chars, &mut pos)?;
        if at(pos) == Some(',') {
            out.grouping = Some(Grouping::Comma);
            pos += 1;
        }
        if at(pos) == Some('_') {
            if out.grouping.is_some() {
                return Err(NumError::value("Cannot specify both ',' and '_'."));
            }
            out.grouping = Some(Grouping::Underscore);
            pos += 1;
        }
        if at(pos) == Some(',') && out.grouping == Some(Grouping::Underscore) {
            return Err(NumError::value("Cannot specify both ',' and '_'."));
        }
        if at(pos) == Some('.') {
            pos += 1;
            out.precision = read_integer(&chars, &mut pos)?;
            if out.precision.is_none() {
                return Err(NumError::value("Format specifier missing precision"));
            }
        }
        match chars.len() - pos {
            0 => {}
            1 => out.ty = Some(chars[pos]),
            _ => {
                return Err(NumError::value(format!(
                    "Invalid format specifier '{spec}' for object of type '{type_name}'"
                )))
            }
        }
        if let Some(grouping) = out.grouping {
            let ty = out.ty.or(default_type);
            let allowed = match ty {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
                Some('b' | 'o' | 'x' | 'X') => grouping == Grouping::Underscore,
                _ => false,
            };
            if !allowed {
                return Err(NumError::value(format!(
                    "Cannot specify '{}' with '{}'.",
                    grouping.char(),
                    code_text(ty.unwrap_or('\0'))
                )));
            }
        }
        Ok(out)
    }

    /// The fill character in effect: explicit, else `0` from the zero flag, else a space.
    pub fn fill_char(&self) -> char {
        self.fill.unwrap_or(if self.zero_pad { '0' } else { ' ' })
    }

    /// The alignment in effect for a type whose default is `default` (`Right` for numbers,
    /// `Left` for str); the zero flag implies `=` only for numbers.
    pub fn align_or(&self, default: Align) -> Align {
        match self.align {
            Some(a) => a,
            None if self.zero_pad && default == Align::Right => Align::AfterSign,
            None => default,
        }
    }
}

/// A presentation-type character as CPython prints it in messages: itself when printable
/// ASCII, else `\x` and its hex code.
pub(crate) fn code_text(c: char) -> String {
    if (c as u32) > 32 && (c as u32) < 128 {
        c.to_string()
    } else {
        format!("\\x{:x}", c as u32)
    }
}

/// "Unknown format code 'x' for object of type 'T'".
pub(crate) fn unknown_code(c: char, type_name: &str) -> NumError {
    NumError::value(format!(
        "Unknown format code '{}' for object of type '{type_name}'",
        code_text(c)
    ))
}

/// `get_integer`: decimal digits (any script) with CPython's overflow error.
fn read_integer(chars: &[char], pos: &mut usize) -> Result<Option<usize>, NumError> {
    let start = *pos;
    let mut acc: u64 = 0;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_value(c)) {
        let d = u64::from(d);
        if acc > (i64::MAX as u64 - d) / 10 {
            return Err(NumError::value("Too many decimal digits in format string"));
        }
        acc = acc * 10 + d;
        *pos += 1;
    }
    Ok((*pos > start).then_some(acc as usize))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(spec: &str) -> String {
        match FormatSpec::parse(spec, None, "float") {
            Ok(s) => format!(
                "{:?}|{:?}|{:?}|{}{}{}|{:?}|{:?}|{:?}|{:?}",
                s.fill,
                s.align,
                s.sign,
                s.no_neg_zero as u8,
                s.alternate as u8,
                s.zero_pad as u8,
                s.width,
                s.grouping,
                s.precision,
                s.ty
            ),
            Err(e) => e.message,
        }
    }

    #[test]
    fn specs() {
        let cases = [
            ("", "None|None|None|000|None|None|None|None"),
            (
                "a=+#010,.3f",
                "Some('a')|Some(AfterSign)|Some('+')|010|Some(10)|Some(Comma)|Some(3)|Some('f')",
            ),
            ("<", "None|Some(Left)|None|000|None|None|None|None"),
            ("<<", "Some('<')|Some(Left)|None|000|None|None|None|None"),
            (
                "z#08_",
                "None|None|None|111|Some(8)|Some(Underscore)|None|None",
            ),
            (
                "\u{663}.\u{662}f",
                "None|None|None|000|Some(3)|None|Some(2)|Some('f')",
            ),
            (
                "ff",
                "Invalid format specifier 'ff' for object of type 'float'",
            ),
            (",,", "Cannot specify ',' with ','."),
            ("_,", "Cannot specify both ',' and '_'."),
            (",_", "Cannot specify both ',' and '_'."),
            ("__", "Cannot specify '_' with '_'."),
            (".", "Format specifier missing precision"),
            (".x", "Format specifier missing precision"),
            (
                "9999999999999999999",
                "Too many decimal digits in format string",
            ),
            (
                "_x",
                "None|None|None|000|None|Some(Underscore)|None|Some('x')",
            ),
            (",x", "Cannot specify ',' with 'x'."),
            (",\u{20ac}", "Cannot specify ',' with '\\x20ac'."),
        ];
        for (spec, want) in cases {
            assert_eq!(parse(spec), want, "{spec:?}");
        }
    }
}
