//! The object protocols the loop relies on — truth, equality, hashing, arithmetic, comparison,
//! repr — with fast paths for built-in types before any dunder lookup.

use super::Vm;
use crate::bytecode::{BinaryOperator, Comparison};
use crate::runtime::error::PyResult;
use crate::runtime::value::Value;
use num_bigint::BigInt;
use num_integer::Integer;
use crate::runtime::numfmt;
use num_traits::{ToPrimitive, Zero};

impl Vm {
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => *b,
            Value::None | Value::Null => false,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::BigInt(_) => true,
            Value::Str(s) => s.char_len() != 0,
            Value::List(l) => !l.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            _ => true,
        })
    }

    pub fn hash_value(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::Int(i) => numfmt::i64_hash(*i),
            Value::Bool(b) => i64::from(*b),
            Value::BigInt(n) => numfmt::int_hash(n),
            Value::Float(f) => numfmt::float_hash(*f, || 0),
            Value::Str(s) => s.hash(),
            Value::None => 0x5f3759df,
            Value::Tuple(t) => {
                let items: Vec<Value> = t.items().to_vec();
                let mut hashes = Vec::with_capacity(items.len());
                for item in &items {
                    hashes.push(self.hash_value(item)?);
                }
                hash_tuple(&hashes)
            }
            Value::List(_) | Value::Dict(_) => {
                let name = self.type_name(v);
                return Err(self.type_error(format!("unhashable type: '{name}'")));
            }
            other => other.heap_ptr().map_or(0, |p| (p >> 4) as i64),
        })
    }

    pub fn values_equal(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(eq) = crate::runtime::types::dict::fast_key_eq(a, b) {
            return Ok(eq);
        }
        let r = self.compare(a, b, Comparison::Equal)?;
        self.truthy(&r)
    }

    pub fn binary_op(&mut self, lhs: &Value, rhs: &Value, op: BinaryOperator) -> PyResult<Value> {
        use BinaryOperator as B;
        let op = op.plain();
        match (lhs, rhs) {
            (Value::Int(a), Value::Int(b)) => {
                let (a, b) = (*a, *b);
                let fits = match op {
                    B::Add => a.checked_add(b),
                    B::Subtract => a.checked_sub(b),
                    B::Multiply => a.checked_mul(b),
                    B::And => Some(a & b),
                    B::Or => Some(a | b),
                    B::Xor => Some(a ^ b),
                    B::FloorDivide | B::Remainder if b == 0 => {
                        return Err(self.zero_division(if op == B::FloorDivide {
                            "integer division or modulo by zero"
                        } else {
                            "integer modulo by zero"
                        }))
                    }
                    B::FloorDivide => floor_div(a, b),
                    B::Remainder => floor_mod(a, b),
                    B::TrueDivide => {
                        if b == 0 {
                            return Err(self.zero_division("division by zero"));
                        }
                        return Ok(Value::Float(a as f64 / b as f64));
                    }
                    _ => None,
                };
                if let Some(r) = fits {
                    return Ok(Value::Int(r));
                }
                self.bigint_op(&BigInt::from(a), &BigInt::from(b), op)
            }
            (Value::Float(a), Value::Float(b)) => self.float_op(*a, *b, op),
            (Value::Int(a), Value::Float(b)) => self.float_op(*a as f64, *b, op),
            (Value::Float(a), Value::Int(b)) => self.float_op(*a, *b as f64, op),
            (Value::BigInt(a), Value::Int(b)) => self.bigint_op(a, &BigInt::from(*b), op),
            (Value::Int(a), Value::BigInt(b)) => self.bigint_op(&BigInt::from(*a), b, op),
            (Value::BigInt(a), Value::BigInt(b)) => self.bigint_op(a, b, op),
            (Value::Str(a), Value::Str(b)) if op == B::Add => {
                let mut s = String::with_capacity(a.as_str().len() + b.as_str().len());
                s.push_str(a.as_str());
                s.push_str(b.as_str());
                Ok(Value::str(&s))
            }
            _ => {
                let (l, r) = (self.type_name(lhs), self.type_name(rhs));
                Err(self.type_error(format!(
                    "unsupported operand type(s) for {}: '{l}' and '{r}'",
                    op.symbol()
                )))
            }
        }
    }

    fn bigint_op(&mut self, a: &BigInt, b: &BigInt, op: BinaryOperator) -> PyResult<Value> {
        use BinaryOperator as B;
        Ok(Value::from_bigint(match op {
            B::Add => a + b,
            B::Subtract => a - b,
            B::Multiply => a * b,
            B::And => a & b,
            B::Or => a | b,
            B::Xor => a ^ b,
            B::FloorDivide | B::Remainder if b.is_zero() => {
                return Err(self.zero_division("integer division or modulo by zero"))
            }
            B::FloorDivide => a.div_floor(b),
            B::Remainder => a.mod_floor(b),
            B::TrueDivide => {
                if b.is_zero() {
                    return Err(self.zero_division("division by zero"));
                }
                let (x, y) = (a.to_f64().unwrap_or(f64::NAN), b.to_f64().unwrap_or(f64::NAN));
                return Ok(Value::Float(x / y));
            }
            _ => {
                return Err(self.type_error(format!(
                    "unsupported operand type(s) for {}: 'int' and 'int'",
                    op.symbol()
                )))
            }
        }))
    }

    fn float_op(&mut self, a: f64, b: f64, op: BinaryOperator) -> PyResult<Value> {
        use BinaryOperator as B;
        Ok(Value::Float(match op {
            B::Add => a + b,
            B::Subtract => a - b,
            B::Multiply => a * b,
            B::TrueDivide => {
                if b == 0.0 {
                    return Err(self.zero_division("float division by zero"));
                }
                a / b
            }
            B::FloorDivide | B::Remainder => {
                if b == 0.0 {
                    return Err(self.zero_division(if op == B::FloorDivide {
                        "float floor division by zero"
                    } else {
                        "float modulo"
                    }));
                }
                let m = a % b;
                let m = if m != 0.0 && ((b < 0.0) != (m < 0.0)) { m + b } else { m };
                if op == B::Remainder {
                    m
                } else {
                    ((a - m) / b).round()
                }
            }
            _ => {
                return Err(self.type_error(format!(
                    "unsupported operand type(s) for {}: 'float' and 'float'",
                    op.symbol()
                )))
            }
        }))
    }

    pub fn compare(&mut self, lhs: &Value, rhs: &Value, op: Comparison) -> PyResult<Value> {
        use std::cmp::Ordering;
        let ord = match (lhs, rhs) {
            (Value::Int(a), Value::Int(b)) => Some(a.cmp(b)),
            (Value::Float(a), Value::Float(b)) => a.partial_cmp(b),
            (Value::Int(a), Value::Float(b)) => (*a as f64).partial_cmp(b),
            (Value::Float(a), Value::Int(b)) => a.partial_cmp(&(*b as f64)),
            (Value::BigInt(a), Value::BigInt(b)) => Some(a.cmp(b)),
            (Value::BigInt(a), Value::Int(b)) => Some((**a).cmp(&BigInt::from(*b))),
            (Value::Int(a), Value::BigInt(b)) => Some(BigInt::from(*a).cmp(b)),
            (Value::Str(a), Value::Str(b)) => Some(a.as_str().cmp(b.as_str())),
            _ => {
                return match op {
                    Comparison::Equal => Ok(Value::Bool(lhs.is(rhs))),
                    Comparison::NotEqual => Ok(Value::Bool(!lhs.is(rhs))),
                    _ => {
                        let (l, r) = (self.type_name(lhs), self.type_name(rhs));
                        Err(self.type_error(format!(
                            "'{}' not supported between instances of '{l}' and '{r}'",
                            op.symbol()
                        )))
                    }
                }
            }
        };
        Ok(Value::Bool(match (op, ord) {
            (_, None) => op == Comparison::NotEqual,
            (Comparison::Less, Some(o)) => o == Ordering::Less,
            (Comparison::LessEqual, Some(o)) => o != Ordering::Greater,
            (Comparison::Equal, Some(o)) => o == Ordering::Equal,
            (Comparison::NotEqual, Some(o)) => o != Ordering::Equal,
            (Comparison::Greater, Some(o)) => o == Ordering::Greater,
            (Comparison::GreaterEqual, Some(o)) => o != Ordering::Less,
        }))
    }

    pub fn negate(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::Int(i) => match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_bigint(-BigInt::from(*i)),
            },
            Value::BigInt(n) => Value::from_bigint(-(**n).clone()),
            Value::Float(f) => Value::Float(-f),
            Value::Bool(b) => Value::Int(-i64::from(*b)),
            _ => {
                let name = self.type_name(v);
                return Err(self.type_error(format!("bad operand type for unary -: '{name}'")));
            }
        })
    }

    /// `repr(v)` for the built-in types the VM knows so far.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::Str(s) => crate::runtime::strings::repr::str_repr(s.as_str()),
            Value::List(l) => {
                let items = l.to_vec();
                let parts = items
                    .iter()
                    .map(|i| self.repr(i))
                    .collect::<PyResult<Vec<_>>>()?;
                format!("[{}]", parts.join(", "))
            }
            Value::Tuple(t) => {
                let items: Vec<Value> = t.items().to_vec();
                let parts = items
                    .iter()
                    .map(|i| self.repr(i))
                    .collect::<PyResult<Vec<_>>>()?;
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            _ => self.str(v)?,
        })
    }

    /// `str(v)` for the built-in types the VM knows so far.
    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::Str(s) => s.as_str().to_owned(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(n) => n.to_string(),
            Value::Float(f) => numfmt::float_repr(*f),
            Value::List(_) | Value::Tuple(_) => self.repr(v)?,
            other => format!("{other:?}"),
        })
    }
}

/// `a // b` rounding toward negative infinity; `None` on overflow (`i64::MIN // -1`).
fn floor_div(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    Some(if a % b != 0 && ((a < 0) != (b < 0)) { q - 1 } else { q })
}

/// `a % b` with the sign of `b`; `None` on overflow.
fn floor_mod(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_rem(b)?;
    Some(if r != 0 && ((r < 0) != (b < 0)) { r + b } else { r })
}

/// CPython 3.8+'s xxHash-based tuple hash.
fn hash_tuple(hashes: &[i64]) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let mut acc: u64 = P5;
    for &h in hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tuple_hash_matches_cpython() {
        assert_eq!(hash_tuple(&[1, 2]), -3_550_055_125_485_641_917);
    }
}
