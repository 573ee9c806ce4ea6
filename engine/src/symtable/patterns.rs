//! `compile.c`'s checks on `match` patterns: captures bound twice, irrefutable patterns
//! that make later ones unreachable, alternatives binding different names, duplicate
//! mapping keys, repeated class-pattern keywords and several starred names.
//!
//! CPython sets its error location on entering each pattern and never restores it, so an
//! error raised after sub-patterns are compiled points at the last one visited; `loc` here
//! follows the same rule.

use super::compile_checks::{is_wildcard, Checker};
use super::pyconst::PyConst;
use crate::syntax::ast::{Name, Pattern, PatternKind};

impl Checker<'_> {
    /// CPython's `compiler_pattern`; `stores` collects captured names in binding order.
    pub(super) fn visit_pattern(
        &mut self,
        p: &Pattern,
        allow_irrefutable: bool,
        stores: &mut Vec<Name>,
    ) -> bool {
        self.loc = p.range;
        match &p.kind {
            PatternKind::MatchValue(value) => {
                self.visit_expr(value);
                true
            }
            PatternKind::MatchSingleton(_) | PatternKind::Invalid => true,
            PatternKind::MatchSequence(patterns) => {
                let stars = patterns
                    .iter()
                    .filter(|p| matches!(p.kind, PatternKind::MatchStar(_)));
                if stars.count() > 1 {
                    self.error("multiple starred names in sequence pattern");
                    return false;
                }
                self.visit_subpatterns(patterns.iter(), stores)
            }
            PatternKind::MatchStar(name) => self.store_name(name.as_ref().map(|n| &n.id), stores),
            PatternKind::MatchMapping {
                keys,
                patterns,
                rest,
            } => {
                let mut seen: Vec<PyConst> = Vec::new();
                for key in keys {
                    if let Some(value) = PyConst::fold(key) {
                        if seen.iter().any(|s| s.py_eq(&value)) {
                            self.error(format!(
                                "mapping pattern checks duplicate key ({})",
                                value.repr()
                            ));
                            return false;
                        }
                        seen.push(value);
                    }
                    self.visit_expr(key);
                }
                if !self.visit_subpatterns(patterns.iter(), stores) {
                    return false;
                }
                match rest {
                    Some(rest) => self.store_name(Some(&rest.id), stores),
                    None => true,
                }
            }
            PatternKind::MatchClass {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                // validate_kwd_attrs: errors point at the keyword's pattern.
                for (i, attr) in kwd_attrs.iter().enumerate() {
                    if let Some(p) = kwd_patterns.get(i) {
                        self.loc = p.range;
                    }
                    if self.forbidden_store(&attr.id) {
                        return false;
                    }
                    if let Some(j) = kwd_attrs[i + 1..].iter().position(|o| o.id == attr.id) {
                        if let Some(p) = kwd_patterns.get(i + 1 + j) {
                            self.loc = p.range;
                        }
                        self.error(format!(
                            "attribute name repeated in class pattern: {}",
                            attr.id
                        ));
                        return false;
                    }
                }
                self.loc = p.range;
                self.visit_expr(cls);
                self.visit_subpatterns(patterns.iter().chain(kwd_patterns), stores)
            }
            PatternKind::MatchAs { pattern, name } => match pattern {
                None => {
                    if !allow_irrefutable {
                        match name {
                            Some(name) => self.error(format!(
                                "name capture '{}' makes remaining patterns unreachable",
                                name.id
                            )),
                            None => self.error("wildcard makes remaining patterns unreachable"),
                        }
                        return false;
                    }
                    self.store_name(name.as_ref().map(|n| &n.id), stores)
                }
                Some(inner) => {
                    if !self.visit_pattern(inner, allow_irrefutable, stores) {
                        return false;
                    }
                    self.store_name(name.as_ref().map(|n| &n.id), stores)
                }
            },
            PatternKind::MatchOr(alternatives) => {
                self.visit_or_pattern(alternatives, allow_irrefutable, stores)
            }
        }
    }

    /// Sub-patterns may always be irrefutable; wildcards are skipped, as CPython skips
    /// compiling them.
    fn visit_subpatterns<'p>(
        &mut self,
        patterns: impl Iterator<Item = &'p Pattern>,
        stores: &mut Vec<Name>,
    ) -> bool {
        for p in patterns {
            if is_wildcard(p) {
                continue;
            }
            if !self.visit_pattern(p, true, stores) {
                return false;
            }
        }
        true
    }

    /// CPython's `pattern_helper_store_name`.
    fn store_name(&mut self, name: Option<&Name>, stores: &mut Vec<Name>) -> bool {
        let Some(name) = name else {
            return true;
        };
        if self.forbidden_store(name) {
            return false;
        }
        if stores.contains(name) {
            self.error(format!("multiple assignments to name '{name}' in pattern"));
            return false;
        }
        stores.push(name.clone());
        true
    }

    /// CPython's `compiler_pattern_or`: every alternative must bind the same names.
    fn visit_or_pattern(
        &mut self,
        alternatives: &[Pattern],
        allow_irrefutable: bool,
        stores: &mut Vec<Name>,
    ) -> bool {
        let mut control: Option<Vec<Name>> = None;
        for (i, alt) in alternatives.iter().enumerate() {
            self.loc = alt.range;
            let mut alt_stores = Vec::new();
            let last = i + 1 == alternatives.len();
            if !self.visit_pattern(alt, last && allow_irrefutable, &mut alt_stores) {
                return false;
            }
            match &control {
                None => control = Some(alt_stores),
                Some(names) => {
                    let same = names.len() == alt_stores.len()
                        && names.iter().all(|n| alt_stores.contains(n));
                    if !same {
                        self.error("alternative patterns bind different names");
                        return false;
                    }
                }
            }
        }
        for name in control.unwrap_or_default() {
            if stores.contains(&name) {
                self.error(format!("multiple assignments to name '{name}' in pattern"));
                return false;
            }
            stores.push(name);
        }
        true
    }
}
