//! The inspection API: the quickening state as data. `adder run --stats`, `adder dis
//! --adaptive`, the REPL's `%dis`/`%stats`/`%heat`, the TUI and the language server all read
//! exactly these structures.

use super::stats::FamilyStats;
use crate::bytecode::Opcode;
use crate::runtime::types::code::PyCode;
use crate::runtime::value::Value;
use crate::vm::Vm;

/// Where an instruction stands in its family's life cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InstrState {
    /// Not a specializable instruction.
    Plain,
    /// Adaptive, not yet tried (warming up).
    Warming,
    /// Adaptive after a failed attempt or a deopt (backing off).
    Adaptive,
    /// Running a specialized form.
    Specialized,
    /// Adaptive, and its last attempt failed (the reason is in `failure`).
    Failed,
    /// Never specializes (`--no-quicken`).
    Disabled,
    /// A superinstruction: runs itself and the next instruction in one dispatch.
    Fused,
}

impl InstrState {
    /// Whether the instruction belongs to a specializable family (plain instructions and
    /// superinstructions do not).
    pub fn is_specializable(self) -> bool {
        !matches!(self, InstrState::Plain | InstrState::Fused)
    }
}

/// One instruction's quickening state.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct InstrInfo {
    /// Index in the instruction array (the byte offset is twice this in CPython's terms).
    pub index: usize,
    pub line: u32,
    /// Source range in bytes (the expression the instruction belongs to).
    pub start: u32,
    pub end: u32,
    /// What the compiler emitted (the family head for specializable instructions).
    #[serde(deserialize_with = "crate::session::names::opcode")]
    pub original: crate::session::names::OpName,
    /// What runs now.
    #[serde(deserialize_with = "crate::session::names::opcode")]
    pub current: crate::session::names::OpName,
    pub arg: u32,
    /// The argument as `dis` explains it (a name, a constant, an operator).
    pub argrepr: String,
    pub state: InstrState,
    pub counter: u16,
    pub hits: u32,
    pub misses: u32,
    pub attempts: u16,
    pub successes: u16,
    pub deopts: u16,
    pub failure: Option<String>,
    /// Cache contents in words (`"class version 12, shape 7, index 2"`), empty when adaptive.
    pub cache: String,
}

/// A code object's quickening state: its instructions and those of nested code objects.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CodeInfo {
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub first_line: u32,
    pub instructions: Vec<InstrInfo>,
    /// Specializable instructions, how many run a specialized form now, and how many failed.
    pub specializable: usize,
    pub specialized: usize,
    pub failed: usize,
    pub children: Vec<CodeInfo>,
}

/// `adder run --stats`: every family's totals.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct StatsReport {
    pub families: Vec<FamilyStats>,
}

impl Vm {
    /// Aggregate specialization statistics since start-up (or the last reset).
    pub fn spec_report(&self) -> StatsReport {
        StatsReport {
            families: self.spec_stats.families(),
        }
    }

    /// The quickening state of `code` and the code objects nested in it.
    pub fn inspect_code(&self, code: &PyCode) -> CodeInfo {
        let c = &code.code;
        let mut instructions = Vec::with_capacity(code.instrs.len());
        let (mut specializable, mut specialized, mut failed) = (0, 0, 0);
        for (i, cell) in code.instrs.iter().enumerate() {
            let instr = cell.get();
            let original = c.code[i].opcode();
            let current = instr.opcode();
            let cache = &code.caches[i];
            let state = if current.is_super() {
                InstrState::Fused
            } else if !original.is_specializable() {
                InstrState::Plain
            } else if current.is_specialized() {
                InstrState::Specialized
            } else if !self.quicken || cache.counter.get() == super::counter::NEVER {
                // Under `--no-quicken` the counter is set to NEVER at the first attempt and
                // then counts down again like any other, so it alone does not tell.
                InstrState::Disabled
            } else if cache.failed.get() {
                InstrState::Failed
            } else if cache.attempts.get() == 0 {
                InstrState::Warming
            } else {
                InstrState::Adaptive
            };
            if original.is_specializable() {
                specializable += 1;
            }
            match state {
                InstrState::Specialized => specialized += 1,
                InstrState::Failed => failed += 1,
                _ => {}
            }
            let loc = code.location(i).unwrap_or_default();
            let failure = match (state, cache.value.get()) {
                (InstrState::Failed, Value::Str(s)) => Some(s.as_str().to_owned()),
                _ => None,
            };
            instructions.push(InstrInfo {
                index: i,
                line: loc.line,
                start: loc.range.start,
                end: loc.range.end,
                original: original.name(),
                current: current.name(),
                arg: instr.arg(),
                argrepr: crate::bytecode::dis::arg_repr(
                    c,
                    crate::bytecode::Instr::new(original, instr.arg()),
                ),
                state,
                counter: cache.counter.get(),
                hits: cache.hits.get(),
                misses: cache.misses.get(),
                attempts: cache.attempts.get(),
                successes: cache.successes.get(),
                deopts: cache.deopts.get(),
                failure,
                cache: if state == InstrState::Specialized {
                    self.describe_cache(code, i, current)
                } else {
                    String::new()
                },
            });
        }
        let children = code
            .consts
            .iter()
            .filter_map(|v| match v {
                Value::Object(o) => match &o.kind {
                    crate::runtime::types::object::ObjKind::Code(child) => {
                        Some(self.inspect_code(child))
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect();
        CodeInfo {
            name: c.name.to_string(),
            qualname: c.qualname.to_string(),
            filename: c.filename.to_string(),
            first_line: code.first_line(),
            instructions,
            specializable,
            specialized,
            failed,
            children,
        }
    }

    /// A specialized instruction's cache in words.
    fn describe_cache(&self, code: &PyCode, i: usize, op: Opcode) -> String {
        let c = &code.caches[i];
        let value = c.value.get();
        let shown = match &value {
            Value::Null => String::new(),
            Value::Str(s) => s.as_str().to_owned(),
            Value::Function(f) => format!("function {}", f.qualname.borrow().as_str()),
            Value::Native(n) => format!("builtin {}", n.qualname),
            Value::Class(k) => format!("class {}", k.name()),
            other => format!("{} object", self.type_name(other)),
        };
        use Opcode::*;
        match op {
            LoadGlobalModule => format!(
                "globals keys version {}, entry {}",
                c.version.get(),
                c.index.get()
            ),
            LoadGlobalBuiltin => format!(
                "globals keys version {}, builtins keys version {}, entry {}",
                c.version.get(),
                c.aux.get(),
                c.index.get()
            ),
            LoadAttrInstanceValue => format!("index {}", c.index.get()),
            StoreAttrInstanceValue => {
                format!("index {} (adding to shape {})", c.index.get(), c.aux.get())
            }
            LoadAttrNondescriptor | LoadMethodWithValues if c.poly.get() => {
                let Value::Tuple(pairs) = &value else {
                    return String::new();
                };
                let entries: Vec<String> = pairs
                    .items()
                    .chunks_exact(2)
                    .map(|pair| {
                        let what = match &pair[1] {
                            Value::Function(f) => f.qualname.borrow().as_str().to_owned(),
                            other => format!("{} object", self.type_name(other)),
                        };
                        match pair[0] {
                            Value::Int(v) => format!("class version {v}: {what}"),
                            _ => what,
                        }
                    })
                    .collect();
                format!("polymorphic: {}", entries.join("; "))
            }
            LoadAttrNondescriptor | LoadMethodWithValues => {
                let mut versions = vec![c.version.get()];
                for v in [c.aux.get(), c.index.get()] {
                    if !versions.contains(&v) {
                        versions.push(v);
                    }
                }
                let versions: Vec<String> = versions.iter().map(u32::to_string).collect();
                format!("class versions {}, {shown}", versions.join("/"))
            }
            LoadAttrModule | LoadMethodModule => {
                format!(
                    "module keys version {}, entry {}",
                    c.version.get(),
                    c.index.get()
                )
            }
            LoadAttrSlot | StoreAttrSlot => format!("class version {}", c.version.get()),
            LoadAttrClass | LoadMethodClass | LoadAttrProperty | LoadMethodNoDict => {
                format!("class version {}, {shown}", c.version.get())
            }
            CallAllocAndEnterInit => format!("class version {}, __init__ {shown}", c.version.get()),
            // The set methods the form runs without calling them (`families::set_method`).
            CallMethodDescriptorFast if c.aux.get() != 0 => {
                format!("callee {shown}, run in place for int and str items")
            }
            _ if !shown.is_empty() => format!("callee {shown}"),
            _ => String::new(),
        }
    }
}
