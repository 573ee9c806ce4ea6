//! Structural checks on compiled code, independent of how it was generated: every argument
//! indexes something that exists, jumps stay in range, the value stack never underflows or
//! exceeds `stack_size` and has one depth at every merge point (exception handlers
//! included), the exception table is sorted, disjoint and consistent, and every location
//! lies inside the source. Used by the compiler's tests and by the VM's debug builds.

use super::ir::{is_jump_opcode, stack_effect};
use crate::bytecode::{CodeObject, Constant, Instr, Opcode};

/// One violated invariant, with the code object (qualified name) and instruction index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub qualname: String,
    pub index: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.index {
            Some(i) => write!(f, "{} @{}: {}", self.qualname, i, self.message),
            None => write!(f, "{}: {}", self.qualname, self.message),
        }
    }
}

/// Checks `code` and every nested code object; `source_len` bounds the locations.
pub fn validate(code: &CodeObject, source_len: usize) -> Vec<Problem> {
    let mut problems = Vec::new();
    validate_into(code, source_len, &mut problems, 0);
    problems
}

fn validate_into(code: &CodeObject, source_len: usize, out: &mut Vec<Problem>, depth: u32) {
    let mut report = |index: Option<usize>, message: String| {
        out.push(Problem {
            qualname: code.qualname.to_string(),
            index,
            message,
        });
    };
    let n = code.code.len();
    if n == 0 {
        report(None, "empty code".into());
        return;
    }
    if code.locations.len() != n {
        report(
            None,
            format!("{} locations for {} instructions", code.locations.len(), n),
        );
    }
    if code.localsplus.len() != code.localsplus_kinds.len() {
        report(
            None,
            "localsplus and localsplus_kinds differ in length".into(),
        );
    }
    for (i, loc) in code.locations.iter().enumerate() {
        if loc.range.start > loc.range.end || loc.range.end as usize > source_len {
            report(
                Some(i),
                format!("location {:?} outside the source", loc.range),
            );
        }
    }
    for (i, &instr) in code.code.iter().enumerate() {
        if let Some(message) = check_arg(code, instr) {
            report(Some(i), message);
        }
        if instr.opcode() == Opcode::KwNames
            && code.code.get(i + 1).map(|x| x.opcode()) != Some(Opcode::Call)
        {
            report(Some(i), "KW_NAMES not followed by CALL".into());
        }
    }
    // Exception table shape.
    let mut prev_end = 0;
    for (k, e) in code.exception_table.iter().enumerate() {
        if e.start >= e.end || e.end as usize > n {
            report(
                None,
                format!(
                    "exception entry {k} has an invalid range {}..{}",
                    e.start, e.end
                ),
            );
        }
        if e.start < prev_end {
            report(
                None,
                format!("exception entry {k} overlaps or is out of order"),
            );
        }
        prev_end = e.end;
        if e.target as usize >= n {
            report(
                None,
                format!("exception entry {k} targets {} out of range", e.target),
            );
        }
        if e.depth + u32::from(e.push_lasti) + 1 > code.stack_size {
            report(
                None,
                format!("exception entry {k} depth {} exceeds stack size", e.depth),
            );
        }
    }
    // Stack depths by abstract interpretation, following jumps and handlers.
    let mut depth_at: Vec<Option<u32>> = vec![None; n];
    let mut todo: Vec<(usize, i64)> = vec![(0, 0)];
    for e in &code.exception_table {
        todo.push((
            e.target as usize,
            i64::from(e.depth) + i64::from(e.push_lasti) + 1,
        ));
    }
    let limit = i64::from(code.stack_size);
    let mut steps = 0usize;
    while let Some((start, d0)) = todo.pop() {
        let (mut i, mut d) = (start, d0);
        loop {
            steps += 1;
            if steps > 4 * n + 64 + 4 * code.exception_table.len() {
                break;
            }
            if i >= n {
                report(None, "control falls off the end of the code".into());
                break;
            }
            match depth_at[i] {
                Some(seen) if i64::from(seen) != d => {
                    report(
                        Some(i),
                        format!("stack depth {d} here, {seen} on another path"),
                    );
                    break;
                }
                Some(_) => break,
                None => depth_at[i] = Some(d.max(0) as u32),
            }
            let instr = code.code[i];
            let op = instr.opcode();
            if is_jump_opcode(op) {
                let target = instr.arg() as usize;
                let td = d + i64::from(stack_effect(op, instr.arg(), true));
                if td < 0 || td > limit {
                    report(
                        Some(i),
                        format!("stack depth {td} at jump target out of bounds"),
                    );
                } else if target < n {
                    todo.push((target, td));
                }
            }
            d += i64::from(stack_effect(op, instr.arg(), false));
            if d < 0 {
                report(Some(i), "stack underflow".into());
                break;
            }
            if d > limit {
                report(
                    Some(i),
                    format!("stack depth {d} exceeds stack size {limit}"),
                );
                break;
            }
            if matches!(
                op,
                Opcode::Jump
                    | Opcode::JumpBackward
                    | Opcode::ReturnValue
                    | Opcode::RaiseVarargs
                    | Opcode::Reraise
            ) {
                break;
            }
            i += 1;
        }
    }
    if depth > 200 {
        return;
    }
    for child in code.children() {
        validate_into(child, source_len, out, depth + 1);
    }
}

fn check_arg(code: &CodeObject, instr: Instr) -> Option<String> {
    use Opcode::*;
    let op = instr.opcode();
    let arg = instr.arg() as usize;
    let n = code.code.len();
    let bad = |what: &str, len: usize| {
        (arg >= len).then(|| {
            format!(
                "{} argument {arg} out of range for {what} ({len})",
                op.name()
            )
        })
    };
    match op.base() {
        LoadConst => bad("consts", code.consts.len()),
        KwNames => match code.consts.get(arg) {
            Some(Constant::Tuple(_)) => None,
            _ => Some("KW_NAMES does not name a tuple constant".into()),
        },
        LoadName | StoreName | DeleteName | LoadAttr | StoreAttr | DeleteAttr | LoadMethod
        | ImportName | ImportFrom | StoreGlobal | DeleteGlobal => bad("names", code.names.len()),
        LoadGlobal => {
            ((arg >> 1) >= code.names.len()).then(|| "LOAD_GLOBAL name out of range".into())
        }
        LoadFast | StoreFast | DeleteFast | LoadDeref | StoreDeref | DeleteDeref | LoadClosure
        | LoadClassderef | MakeCell => bad("localsplus", code.localsplus.len()),
        MakeFunction => (arg > 0xF).then(|| "MAKE_FUNCTION flags out of range".into()),
        _ if is_jump_opcode(op) => bad("code", n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::validate;
    use crate::bytecode::{CodeObject, ExceptionEntry, Instr, Opcode};
    use crate::compile::compile_source;
    use crate::syntax::Mode;

    const SOURCE: &str = "try:\n    f(x)\nexcept E:\n    pass\n";

    fn compiled() -> CodeObject {
        match compile_source(SOURCE, "t.py", Mode::Module) {
            Ok(code) => (*code).clone(),
            Err(e) => panic!("{e}"),
        }
    }

    /// Problems found after `mutate` breaks an otherwise valid code object.
    fn problems_after(mutate: impl Fn(&mut CodeObject)) -> Vec<String> {
        let mut code = compiled();
        mutate(&mut code);
        validate(&code, SOURCE.len())
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn compiled_code_is_valid() {
        assert_eq!(problems_after(|_| {}), Vec::<String>::new());
    }

    /// A way of breaking a code object, and the word its problem report must contain.
    type Breakage = (&'static str, fn(&mut CodeObject));

    #[test]
    fn each_broken_invariant_is_reported() {
        let cases: &[Breakage] = &[
            ("stack size", |c| c.stack_size = 1),
            ("underflow", |c| {
                c.code.insert(1, Instr::new(Opcode::PopTop, 0))
            }),
            ("out of range", |c| {
                c.code[1] = Instr::new(Opcode::LoadConst, 99)
            }),
            ("out of range", |c| {
                let last = c.code.len() as u32;
                c.code[0] = Instr::new(Opcode::Jump, last + 5)
            }),
            ("falls off", |c| {
                c.code.pop();
            }),
            ("overlaps", |c| {
                let first = c.exception_table[0];
                c.exception_table.push(first)
            }),
            ("invalid range", |c| {
                c.exception_table.push(ExceptionEntry {
                    start: 3,
                    end: 3,
                    target: 0,
                    depth: 0,
                    push_lasti: false,
                })
            }),
            ("outside the source", |c| c.locations[1].range.end = 10_000),
            ("locations", |c| {
                c.locations.pop();
            }),
        ];
        for (want, mutate) in cases {
            let found = problems_after(mutate);
            assert!(
                found.iter().any(|m| m.contains(want)),
                "expected a problem mentioning {want:?}, got {found:?}"
            );
        }
    }
}
