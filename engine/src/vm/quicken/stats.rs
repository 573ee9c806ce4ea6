//! Aggregate specialization statistics, what CPython's pystats reports per family: attempts,
//! successes, failures by reason, hits, misses and deopts, plus hits/misses/deopts per
//! specialized form. Counted as events happen (per-instruction counts live in the caches), so
//! the totals survive the code objects they came from.

use crate::bytecode::Opcode;
use std::collections::BTreeMap;

const N: usize = 256;

pub struct SpecStats {
    /// Indexed by opcode (a specialized form): executions whose guards held. Inline, not
    /// boxed: every specialized hit increments it, and this saves a pointer load each time.
    pub hits: [u64; N],
    /// Indexed by opcode (a specialized form): executions whose guards failed.
    pub misses: Box<[u64; N]>,
    /// Indexed by opcode (a specialized form): deopts back to the adaptive form.
    pub deopts: Box<[u64; N]>,
    /// Indexed by opcode (a specialized form): attempts that chose it.
    pub successes: Box<[u64; N]>,
    /// Indexed by family head: failed attempts, by reason.
    pub failures: BTreeMap<Opcode, BTreeMap<String, u64>>,
}

impl Default for SpecStats {
    fn default() -> Self {
        SpecStats {
            hits: [0; N],
            misses: Box::new([0; N]),
            deopts: Box::new([0; N]),
            successes: Box::new([0; N]),
            failures: BTreeMap::new(),
        }
    }
}

/// One family's totals (`adder run --stats`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FamilyStats {
    #[serde(deserialize_with = "crate::session::names::opcode")]
    pub family: crate::session::names::OpName,
    pub attempts: u64,
    pub successes: u64,
    pub failures: u64,
    pub hits: u64,
    pub misses: u64,
    pub deopts: u64,
    pub forms: Vec<FormStats>,
    /// `(reason, count)`, most frequent first.
    pub failure_reasons: Vec<(String, u64)>,
}

/// One specialized form's totals.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FormStats {
    #[serde(deserialize_with = "crate::session::names::opcode")]
    pub form: crate::session::names::OpName,
    pub successes: u64,
    pub hits: u64,
    pub misses: u64,
    pub deopts: u64,
}

impl FamilyStats {
    /// Successful attempts as a share of all attempts (1.0 when there were none).
    pub fn success_rate(&self) -> f64 {
        if self.attempts == 0 {
            1.0
        } else {
            self.successes as f64 / self.attempts as f64
        }
    }

    /// Executions that ran a specialized fast path, as a share of all specialized executions.
    pub fn hit_rate(&self) -> f64 {
        let total = self.hits + self.misses;
        if total == 0 {
            0.0
        } else {
            self.hits as f64 / total as f64
        }
    }
}

impl SpecStats {
    pub fn record_failure(&mut self, family: Opcode, reason: &str) {
        *self
            .failures
            .entry(family)
            .or_default()
            .entry(reason.to_owned())
            .or_default() += 1;
    }

    /// Every specializable family with its totals, in opcode order.
    pub fn families(&self) -> Vec<FamilyStats> {
        Opcode::ALL
            .iter()
            .copied()
            .filter(|op| op.is_specializable())
            .map(|family| {
                let mut f = FamilyStats {
                    family: family.name(),
                    ..FamilyStats::default()
                };
                for form in family.specializations() {
                    let i = form as usize;
                    let s = FormStats {
                        form: form.name(),
                        successes: self.successes[i],
                        hits: self.hits[i],
                        misses: self.misses[i],
                        deopts: self.deopts[i],
                    };
                    f.successes += s.successes;
                    f.hits += s.hits;
                    f.misses += s.misses;
                    f.deopts += s.deopts;
                    if s != (FormStats {
                        form: s.form,
                        ..FormStats::default()
                    }) {
                        f.forms.push(s);
                    }
                }
                if let Some(reasons) = self.failures.get(&family) {
                    f.failure_reasons = reasons.iter().map(|(r, n)| (r.clone(), *n)).collect();
                    f.failure_reasons
                        .sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                    f.failures = reasons.values().sum();
                }
                f.attempts = f.successes + f.failures;
                f
            })
            .collect()
    }

    pub fn reset(&mut self) {
        *self = SpecStats::default();
    }
}
