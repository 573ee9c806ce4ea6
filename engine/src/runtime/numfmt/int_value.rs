//! An int as the VM keeps it: an `i64` when it fits, else a `BigInt`. Results of parsing and
//! conversions come back in this form, normalized (a `Big` never holds an i64-sized value).

use num_bigint::BigInt;
use num_traits::ToPrimitive;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IntValue {
    Small(i64),
    Big(BigInt),
}

impl IntValue {
    /// Normalizes: values that fit an `i64` become `Small`.
    pub fn from_big(b: BigInt) -> IntValue {
        match b.to_i64() {
            Some(v) => IntValue::Small(v),
            None => IntValue::Big(b),
        }
    }

    pub fn to_big(&self) -> BigInt {
        match self {
            IntValue::Small(v) => BigInt::from(*v),
            IntValue::Big(b) => b.clone(),
        }
    }
}

impl From<i64> for IntValue {
    fn from(v: i64) -> Self {
        IntValue::Small(v)
    }
}

impl From<BigInt> for IntValue {
    fn from(b: BigInt) -> Self {
        IntValue::from_big(b)
    }
}

impl std::fmt::Display for IntValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IntValue::Small(v) => write!(f, "{v}"),
            IntValue::Big(b) => write!(f, "{b}"),
        }
    }
}

/// A borrowed int argument: lets callers format an `i64` without building a `BigInt`.
#[derive(Clone, Copy, Debug)]
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(v) => v < 0,
            IntRef::Big(b) => b.sign() == num_bigint::Sign::Minus,
        }
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(v) => Some(v),
            IntRef::Big(b) => b.to_i64(),
        }
    }

    pub fn to_big(self) -> BigInt {
        match self {
            IntRef::Small(v) => BigInt::from(v),
            IntRef::Big(b) => b.clone(),
        }
    }
}

impl<'a> From<&'a IntValue> for IntRef<'a> {
    fn from(v: &'a IntValue) -> Self {
        match v {
            IntValue::Small(v) => IntRef::Small(*v),
            IntValue::Big(b) => IntRef::Big(b),
        }
    }
}

impl<'a> From<&'a BigInt> for IntRef<'a> {
    fn from(b: &'a BigInt) -> Self {
        IntRef::Big(b)
    }
}
