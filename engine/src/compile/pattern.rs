//! `match` statements (CPython 3.11's `compiler_match` and `compiler_pattern_*`): each case
//! tests a copy of the subject; captured values pile up on the stack (rotated below the
//! items still being matched) and are stored only once the whole pattern matched; failures
//! jump to a ladder of `POP_TOP`s that discards exactly what is on the stack at that point.

use super::codegen::{CResult, Compiler, Ctx};
use super::error::CompileError;
use super::fold;
use super::ir::Label;
use crate::bytecode::{Constant, Opcode};
use crate::syntax::ast::{CmpOp, Expr, ExprKind, MatchCase, Name, Operator, Pattern, PatternKind};
use std::rc::Rc;

/// CPython's `pattern_context`.
struct PatternCtx {
    /// Names captured so far, in stack order.
    stores: Vec<Name>,
    allow_irrefutable: bool,
    /// `fail_pop[n]` pops `n` items then continues to the next case.
    fail_pop: Vec<Label>,
    /// Items on the stack above the captures that a failure must also pop.
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        &p.kind,
        PatternKind::MatchAs {
            pattern: None,
            name: None
        }
    )
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(&p.kind, PatternKind::MatchStar(None))
}

impl Compiler<'_> {
    pub fn compile_match(&mut self, subject: &Expr, cases: &[MatchCase]) -> CResult {
        self.visit_expr(subject)?;
        let end = self.new_label();
        let Some(last) = cases.last() else {
            return Ok(());
        };
        let has_default = is_wildcard(&last.pattern) && cases.len() > 1;
        let n = cases.len() - usize::from(has_default);
        for (i, case) in cases[..n].iter().enumerate() {
            self.set_loc(case.pattern.range);
            if i != n - 1 {
                self.emit(Opcode::Copy, 1);
            }
            let mut pc = PatternCtx {
                stores: Vec::new(),
                allow_irrefutable: case.guard.is_some() || i == cases.len() - 1,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.pattern(&case.pattern, &mut pc)?;
            for name in pc.stores.clone() {
                self.nameop(&name, Ctx::Store);
            }
            if let Some(guard) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(guard, target, false)?;
            }
            if i != n - 1 {
                self.op(Opcode::PopTop);
            }
            self.visit_stmts(&case.body)?;
            self.jump(Opcode::Jump, end);
            self.set_loc(case.pattern.range);
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            self.set_loc(last.pattern.range);
            if cases.len() == 1 {
                self.op(Opcode::PopTop);
            } else {
                self.op(Opcode::Nop);
            }
            if let Some(guard) = &last.guard {
                self.jump_if(guard, end, false)?;
            }
            self.visit_stmts(&last.body)?;
        }
        self.bind(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternCtx, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternCtx, op: Opcode) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.jump(op, pc.fail_pop[pops]);
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternCtx) {
        let labels = std::mem::take(&mut pc.fail_pop);
        if labels.is_empty() {
            return;
        }
        for &l in labels[1..].iter().rev() {
            self.bind(l);
            self.op(Opcode::PopTop);
        }
        self.bind(labels[0]);
    }

    fn rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.emit(Opcode::Swap, count as u32);
            count -= 1;
        }
    }

    fn store_capture(
        &mut self,
        name: Option<&Name>,
        pc: &mut PatternCtx,
        range: crate::syntax::text::TextRange,
    ) -> CResult {
        let Some(name) = name else {
            self.op(Opcode::PopTop);
            return Ok(());
        };
        if pc.stores.contains(name) {
            return Err(CompileError::syntax(
                format!("multiple assignments to name '{name}' in pattern"),
                range,
            ));
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(name.clone());
        Ok(())
    }

    fn subpattern(&mut self, p: &Pattern, pc: &mut PatternCtx) -> CResult {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = saved;
        Ok(())
    }

    fn pattern(&mut self, p: &Pattern, pc: &mut PatternCtx) -> CResult {
        self.enter_nested(p.range)?;
        let saved = self.unit.loc;
        self.set_loc(p.range);
        let r = self.pattern_inner(p, pc);
        self.unit.loc = saved;
        self.leave_nested();
        r
    }

    fn pattern_inner(&mut self, p: &Pattern, pc: &mut PatternCtx) -> CResult {
        match &p.kind {
            PatternKind::MatchValue(value) => {
                let ok = fold::const_value(value).is_some()
                    || matches!(value.kind, ExprKind::Attribute { .. });
                if !ok {
                    return Err(CompileError::syntax(
                        "patterns may only match literals and attribute lookups",
                        p.range,
                    ));
                }
                self.visit_expr(value)?;
                self.compare_op(CmpOp::Eq);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
                Ok(())
            }
            PatternKind::MatchSingleton(value) => {
                self.load_const(super::constant::from_ast(value));
                self.compare_op(CmpOp::Is);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
                Ok(())
            }
            PatternKind::MatchSequence(patterns) => self.pattern_sequence(p, patterns, pc),
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => self.pattern_mapping(p, keys, patterns, rest.as_ref().map(|r| &r.id), pc),
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.pattern_class(p, cls, patterns, kwd_attrs, kwd_patterns, pc),
            PatternKind::MatchStar(name) => {
                self.store_capture(name.as_ref().map(|n| &n.id), pc, p.range)
            }
            PatternKind::MatchAs { pattern, name } => {
                let name = name.as_ref().map(|n| &n.id);
                match pattern {
                    None => {
                        if !pc.allow_irrefutable {
                            let msg = match name {
                                Some(n) => format!(
                                    "name capture '{n}' makes remaining patterns unreachable"
                                ),
                                None => "wildcard makes remaining patterns unreachable".to_string(),
                            };
                            return Err(CompileError::syntax(msg, p.range));
                        }
                        self.store_capture(name, pc, p.range)
                    }
                    Some(inner) => {
                        pc.on_top += 1;
                        self.emit(Opcode::Copy, 1);
                        self.pattern(inner, pc)?;
                        pc.on_top -= 1;
                        self.store_capture(name, pc, p.range)
                    }
                }
            }
            PatternKind::MatchOr(alts) => self.pattern_or(p, alts, pc),
            PatternKind::Invalid => Err(CompileError::syntax("invalid pattern", p.range)),
        }
    }

    fn pattern_sequence(
        &mut self,
        p: &Pattern,
        patterns: &[Pattern],
        pc: &mut PatternCtx,
    ) -> CResult {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, pat) in patterns.iter().enumerate() {
            if matches!(pat.kind, PatternKind::MatchStar(_)) {
                if star.is_some() {
                    return Err(CompileError::syntax(
                        "multiple starred names in sequence pattern",
                        p.range,
                    ));
                }
                star_wildcard = is_star_wildcard(pat);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(pat);
        }
        pc.on_top += 1;
        self.op(Opcode::MatchSequence);
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
        match star {
            None => {
                self.op(Opcode::GetLen);
                self.load_const(Constant::Int(size as i64));
                self.compare_op(CmpOp::Eq);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
            }
            Some(_) if size > 1 => {
                self.op(Opcode::GetLen);
                self.load_const(Constant::Int(size as i64 - 1));
                self.compare_op(CmpOp::GtE);
                self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
            }
            Some(_) => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.op(Opcode::PopTop);
        } else if star_wildcard {
            self.sequence_subscr(patterns, star.unwrap_or(0), pc)?;
        } else {
            self.sequence_unpack(p, patterns, pc)?;
        }
        Ok(())
    }

    fn sequence_unpack(
        &mut self,
        p: &Pattern,
        patterns: &[Pattern],
        pc: &mut PatternCtx,
    ) -> CResult {
        let n = patterns.len();
        let mut seen_star = false;
        for (i, pat) in patterns.iter().enumerate() {
            if matches!(pat.kind, PatternKind::MatchStar(_)) {
                if seen_star {
                    return Err(CompileError::syntax(
                        "multiple starred expressions in sequence pattern",
                        p.range,
                    ));
                }
                let after = n - i - 1;
                if i >= 1 << 8 || after >= 1 << 16 {
                    return Err(CompileError::syntax(
                        "too many expressions in star-unpacking sequence pattern",
                        p.range,
                    ));
                }
                self.emit(Opcode::UnpackEx, (i + (after << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit(Opcode::UnpackSequence, n as u32);
        }
        pc.on_top += n;
        for pat in patterns {
            pc.on_top -= 1;
            self.subpattern(pat, pc)?;
        }
        Ok(())
    }

    fn sequence_subscr(
        &mut self,
        patterns: &[Pattern],
        star: usize,
        pc: &mut PatternCtx,
    ) -> CResult {
        pc.on_top += 1;
        let size = patterns.len();
        for (i, pat) in patterns.iter().enumerate() {
            if is_wildcard(pat) || i == star {
                continue;
            }
            self.emit(Opcode::Copy, 1);
            if i < star {
                self.load_const(Constant::Int(i as i64));
            } else {
                self.op(Opcode::GetLen);
                self.load_const(Constant::Int((size - i) as i64));
                self.emit(Opcode::BinaryOp, fold::binop_arg(Operator::Sub));
            }
            self.op(Opcode::BinarySubscr);
            self.subpattern(pat, pc)?;
        }
        pc.on_top -= 1;
        self.op(Opcode::PopTop);
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        p: &Pattern,
        keys: &[Expr],
        patterns: &[Pattern],
        rest: Option<&Name>,
        pc: &mut PatternCtx,
    ) -> CResult {
        let size = keys.len();
        if size != patterns.len() {
            return Err(CompileError::syntax(
                "keys / patterns length mismatch in mapping pattern",
                p.range,
            ));
        }
        pc.on_top += 1;
        self.op(Opcode::MatchMapping);
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.op(Opcode::PopTop);
            return Ok(());
        }
        if size > 0 {
            self.op(Opcode::GetLen);
            self.load_const(Constant::Int(size as i64));
            self.compare_op(CmpOp::GtE);
            self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
        }
        let mut seen: Vec<Constant> = Vec::new();
        for key in keys {
            if let Some(c) = fold::const_value(key) {
                if seen
                    .iter()
                    .any(|s| super::constant::key_of(s) == super::constant::key_of(&c))
                {
                    let shown = crate::bytecode::dis::const_repr(&c);
                    return Err(CompileError::syntax(
                        format!("mapping pattern checks duplicate key ({shown})"),
                        p.range,
                    ));
                }
                seen.push(c);
            } else if !matches!(key.kind, ExprKind::Attribute { .. }) {
                return Err(CompileError::syntax(
                    "mapping pattern keys may only match literals and attribute lookups",
                    key.range,
                ));
            }
            self.visit_expr(key)?;
        }
        self.emit(Opcode::BuildTuple, size as u32);
        self.op(Opcode::MatchKeys);
        pc.on_top += 2;
        self.emit(Opcode::Copy, 1);
        self.load_none();
        self.emit(Opcode::IsOp, 1);
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
        self.emit(Opcode::UnpackSequence, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for pat in patterns {
            pc.on_top -= 1;
            self.subpattern(pat, pc)?;
        }
        pc.on_top -= 2;
        match rest {
            Some(name) => {
                self.emit(Opcode::BuildMap, 0);
                self.emit(Opcode::Swap, 3);
                self.emit(Opcode::DictUpdate, 2);
                self.emit(Opcode::UnpackSequence, size as u32);
                let mut left = size;
                while left > 0 {
                    self.emit(Opcode::Copy, 1 + left as u32);
                    left -= 1;
                    self.emit(Opcode::Swap, 2);
                    self.op(Opcode::DeleteSubscr);
                }
                self.store_capture(Some(name), pc, p.range)?;
            }
            None => {
                self.op(Opcode::PopTop);
                self.op(Opcode::PopTop);
            }
        }
        Ok(())
    }

    fn pattern_class(
        &mut self,
        p: &Pattern,
        cls: &Expr,
        patterns: &[Pattern],
        kwd_attrs: &[crate::syntax::ast::Identifier],
        kwd_patterns: &[Pattern],
        pc: &mut PatternCtx,
    ) -> CResult {
        let nargs = patterns.len();
        let nattrs = kwd_attrs.len();
        if nattrs != kwd_patterns.len() {
            return Err(CompileError::syntax(
                "kwd_attrs / kwd_patterns length mismatch in class pattern",
                p.range,
            ));
        }
        for (i, attr) in kwd_attrs.iter().enumerate() {
            if kwd_attrs[i + 1..].iter().any(|other| other.id == attr.id) {
                let at = kwd_patterns.get(i + 1).map_or(p.range, |q| q.range);
                return Err(CompileError::syntax(
                    format!("attribute name repeated in class pattern: {}", attr.id),
                    at,
                ));
            }
        }
        self.visit_expr(cls)?;
        let names: Vec<Constant> = kwd_attrs
            .iter()
            .map(|a| Constant::Str(Rc::from(a.id.as_str())))
            .collect();
        self.load_const(Constant::Tuple(names.into()));
        self.emit(Opcode::MatchClass, nargs as u32);
        self.emit(Opcode::Copy, 1);
        self.load_none();
        self.emit(Opcode::IsOp, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Opcode::PopJumpIfFalse);
        self.emit(Opcode::UnpackSequence, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        for pat in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(pat) {
                self.op(Opcode::PopTop);
                continue;
            }
            self.subpattern(pat, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, p: &Pattern, alts: &[Pattern], pc: &mut PatternCtx) -> CResult {
        let end = self.new_label();
        let old_stores = pc.stores.clone();
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<Name>> = None;
        for (i, alt) in alts.iter().enumerate() {
            self.set_loc(alt.range);
            pc.stores = Vec::new();
            pc.allow_irrefutable = i == alts.len() - 1 && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(Opcode::Copy, 1);
            self.pattern(alt, pc)?;
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) => {
                    if ctl.len() != pc.stores.len() {
                        return Err(CompileError::syntax(
                            "alternative patterns bind different names",
                            alt.range,
                        ));
                    }
                    let mut icontrol = ctl.len();
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(CompileError::syntax(
                                "alternative patterns bind different names",
                                alt.range,
                            ));
                        };
                        if icontrol != istores {
                            // Move stores[..=istores] to sit just below position icontrol.
                            let rotations = istores + 1;
                            let rotated: Vec<Name> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, n) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, n);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
            }
            self.jump(Opcode::Jump, end);
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        // No alternative matched: pop the remaining copy of the subject and fail.
        self.op(Opcode::PopTop);
        self.jump_to_fail_pop(pc, Opcode::Jump);
        self.bind(end);
        let control = control.unwrap_or_default();
        let nrots = control.len() + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(CompileError::syntax(
                    format!("multiple assignments to name '{name}' in pattern"),
                    p.range,
                ));
            }
            pc.stores.push(name);
        }
        self.op(Opcode::PopTop);
        Ok(())
    }
}
