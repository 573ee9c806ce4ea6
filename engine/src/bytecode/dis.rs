//! A disassembler that prints code objects the way CPython 3.11's `python3 -m dis` does:
//! line-number column, `>>` on jump targets, offset, opname, argument and the resolved
//! argument in parentheses, then the exception table and the nested code objects.
//!
//! Differences that follow from Adder's format: offsets are instruction indexes (one word
//! per instruction, no `CACHE` entries), jump arguments are absolute indexes, there is no
//! `PRECALL`, code object reprs carry no address, and instructions without a line (line 0,
//! e.g. `COPY_FREE_VARS` or the module's `RESUME`) show an empty line column.

use super::code::{CodeObject, Constant};
use super::oparg::{BinaryOperator, Comparison};
use super::opcodes::{Instr, Opcode};
use crate::runtime::strings::repr::{bytes_repr, str_repr};
use std::fmt::Write;

const OPNAME_WIDTH: usize = 20;
const OPARG_WIDTH: usize = 5;

/// Disassembles `code` and, after it, every nested code object (depth first).
/// `_source` is accepted for callers that have it; the output does not depend on it.
pub fn disassemble(code: &CodeObject, _source: Option<&str>) -> String {
    let mut out = String::new();
    disassemble_tree(code, &mut out);
    out
}

fn disassemble_tree(code: &CodeObject, out: &mut String) {
    disassemble_one(code, out);
    for child in code.children() {
        out.push('\n');
        let _ = writeln!(out, "Disassembly of {}:", code_repr(child));
        disassemble_tree(child, out);
    }
}

/// `<code object f, file "x.py", line 3>` (CPython's repr without the address).
pub fn code_repr(code: &CodeObject) -> String {
    format!(
        "<code object {}, file \"{}\", line {}>",
        code.name, code.filename, code.first_line
    )
}

/// Whether the opcode takes an argument (CPython's `opcode >= HAVE_ARGUMENT`).
pub fn has_arg(op: Opcode) -> bool {
    use Opcode::*;
    !matches!(
        op.base(),
        Nop | PopTop
            | PushNull
            | UnaryPositive
            | UnaryNegative
            | UnaryNot
            | UnaryInvert
            | GetIter
            | GetYieldFromIter
            | BinarySubscr
            | StoreSubscr
            | DeleteSubscr
            | GetLen
            | MatchMapping
            | MatchSequence
            | MatchKeys
            | PushExcInfo
            | CheckExcMatch
            | CheckEgMatch
            | WithExceptStart
            | GetAiter
            | GetAnext
            | BeforeAsyncWith
            | BeforeWith
            | EndAsyncFor
            | LoadBuildClass
            | LoadAssertionError
            | ReturnGenerator
            | ListToTuple
            | ReturnValue
            | ImportStar
            | SetupAnnotations
            | YieldValue
            | AsyncGenWrap
            | PrepReraiseStar
            | PopExcept
            | PrintExpr
    )
}

fn disassemble_one(code: &CodeObject, out: &mut String) {
    let max_line = code.locations.iter().map(|l| l.line).max().unwrap_or(0);
    let line_width = if max_line >= 1000 {
        max_line.to_string().len()
    } else {
        3
    };
    let max_offset = code.code.len().saturating_sub(1);
    let offset_width = if max_offset >= 10000 {
        max_offset.to_string().len()
    } else {
        4
    };
    let mut targets = vec![false; code.code.len() + 1];
    for instr in &code.code {
        if crate::compile::is_jump_opcode(instr.opcode()) {
            let t = instr.arg() as usize;
            if t < targets.len() {
                targets[t] = true;
            }
        }
    }
    for entry in &code.exception_table {
        if let Some(t) = targets.get_mut(entry.target as usize) {
            *t = true;
        }
    }
    let mut last_line: Option<u32> = None;
    for (i, &instr) in code.code.iter().enumerate() {
        let line = code.line_of(i);
        let starts_line = line != 0 && last_line != Some(line);
        if starts_line {
            if i > 0 {
                out.push('\n');
            }
            last_line = Some(line);
        }
        let mut fields: Vec<String> = Vec::with_capacity(6);
        fields.push(if starts_line {
            format!("{line:>line_width$}")
        } else {
            " ".repeat(line_width)
        });
        fields.push("   ".to_string());
        fields.push(if targets[i] { ">>".into() } else { "  ".into() });
        fields.push(format!("{i:>offset_width$}"));
        let op = instr.opcode();
        fields.push(format!("{:<OPNAME_WIDTH$}", op.name()));
        if has_arg(op) {
            fields.push(format!("{:>OPARG_WIDTH$}", instr.arg()));
            let detail = arg_repr(code, instr);
            if !detail.is_empty() {
                fields.push(format!("({detail})"));
            }
        }
        out.push_str(fields.join(" ").trim_end());
        out.push('\n');
    }
    if !code.exception_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &code.exception_table {
            let lasti = if e.push_lasti { " lasti" } else { "" };
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                e.start,
                e.end.saturating_sub(1),
                e.target,
                e.depth,
                lasti
            );
        }
    }
}

/// The parenthesized detail `dis` shows after the argument.
pub fn arg_repr(code: &CodeObject, instr: Instr) -> String {
    use Opcode::*;
    let arg = instr.arg();
    let name = |i: u32| {
        code.names
            .get(i as usize)
            .map_or_else(|| "<?>".to_string(), |n| n.to_string())
    };
    let local = |i: u32| {
        code.localsplus
            .get(i as usize)
            .map_or_else(|| "<?>".to_string(), |n| n.to_string())
    };
    let op = instr.opcode();
    match op.base() {
        LoadConst => code
            .consts
            .get(arg as usize)
            .map_or_else(|| "<?>".into(), const_repr),
        LoadName | StoreName | DeleteName | LoadAttr | StoreAttr | DeleteAttr | LoadMethod
        | ImportName | ImportFrom | StoreGlobal | DeleteGlobal => name(arg),
        LoadGlobal => {
            if arg & 1 != 0 {
                format!("NULL + {}", name(arg >> 1))
            } else {
                name(arg >> 1)
            }
        }
        LoadFast | StoreFast | DeleteFast | LoadDeref | StoreDeref | DeleteDeref | LoadClosure
        | LoadClassderef | MakeCell => local(arg),
        _ if crate::compile::is_jump_opcode(op) => format!("to {arg}"),
        CompareOp => Comparison::from_arg(arg)
            .map_or("?", Comparison::symbol)
            .to_string(),
        BinaryOp => BinaryOperator::from_arg(arg)
            .map_or("?", BinaryOperator::symbol)
            .to_string(),
        FormatValue => {
            let mut s = ["", "str", "repr", "ascii"][(arg & 3) as usize].to_string();
            if arg & 4 != 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("with format");
            }
            s
        }
        MakeFunction => {
            let names = ["defaults", "kwdefaults", "annotations", "closure"];
            names
                .iter()
                .enumerate()
                .filter(|(i, _)| arg & (1 << i) != 0)
                .map(|(_, n)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        }
        _ => String::new(),
    }
}

/// `repr()` of a constant, as CPython prints it.
pub fn const_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Bool(true) => "True".into(),
        Constant::Bool(false) => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(b) => b.to_string(),
        Constant::Float(f) => float_repr(*f),
        Constant::Complex { real, imag } => complex_repr(*real, *imag),
        Constant::Str(s) => str_repr(s),
        Constant::Bytes(b) => bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(items) => {
            if items.is_empty() {
                "frozenset()".into()
            } else {
                let parts: Vec<String> = items.iter().map(const_repr).collect();
                format!("frozenset({{{}}})", parts.join(", "))
            }
        }
        Constant::Code(code) => code_repr(code),
    }
}

/// Shortest round-trip digits and decimal exponent of a finite, nonzero `|x|`.
fn digits_and_exp(x: f64) -> (String, i32) {
    let s = format!("{:e}", x.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits, exp.parse().unwrap_or(0))
}

/// `repr(float)` (`add_dot_0`: `1.0`, not `1`, as `float.__repr__`; off inside complex).
fn format_float(x: f64, add_dot_0: bool) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}{}", if add_dot_0 { "0.0" } else { "0" });
    }
    let (digits, exp) = digits_and_exp(x);
    let decpt = exp + 1;
    let n = digits.len() as i32;
    let body = if decpt <= -4 || decpt > 16 {
        let mut m = digits[..1].to_string();
        if n > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        let e = decpt - 1;
        format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
    } else if decpt <= 0 {
        format!("0.{}{}", "0".repeat((-decpt) as usize), digits)
    } else if decpt >= n {
        let zeros = "0".repeat((decpt - n) as usize);
        if add_dot_0 {
            format!("{digits}{zeros}.0")
        } else {
            format!("{digits}{zeros}")
        }
    } else {
        format!(
            "{}.{}",
            &digits[..decpt as usize],
            &digits[decpt as usize..]
        )
    };
    format!("{sign}{body}")
}

pub fn float_repr(x: f64) -> String {
    format_float(x, true)
}

pub fn complex_repr(real: f64, imag: f64) -> String {
    if real == 0.0 && real.is_sign_positive() {
        return format!("{}j", format_float(imag, false));
    }
    let im = format_float(imag, false);
    let im = if im.starts_with('-') || im.starts_with('+') {
        im
    } else {
        format!("+{im}")
    };
    format!("({}{}j)", format_float(real, false), im)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_python() {
        let cases: &[(f64, &str)] = &[
            (1.0, "1.0"),
            (0.1, "0.1"),
            (-2.5, "-2.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e300, "1.5e+300"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
            (123456789.125, "123456789.125"),
        ];
        for &(x, want) in cases {
            assert_eq!(float_repr(x), want, "{x}");
        }
    }

    #[test]
    fn complex_print_like_python() {
        assert_eq!(complex_repr(0.0, 1.0), "1j");
        assert_eq!(complex_repr(1.0, -2.0), "(1-2j)");
        assert_eq!(complex_repr(-0.0, 1.5), "(-0+1.5j)");
        assert_eq!(complex_repr(1.0, 0.0), "(1+0j)");
    }

    #[test]
    fn constants_print_like_python() {
        let t = Constant::Tuple(vec![Constant::Int(1)].into());
        assert_eq!(const_repr(&t), "(1,)");
        assert_eq!(const_repr(&Constant::Str("it's".into())), "\"it's\"");
        assert_eq!(
            const_repr(&Constant::FrozenSet(vec![].into())),
            "frozenset()"
        );
    }
}
