//! Typed instruction arguments: the numbering is CPython 3.11's, so `dis` output and the
//! compiler's choices read the same as CPython's.

/// `BINARY_OP`'s argument (CPython's `NB_*`); in-place forms are the plain ones plus 13.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[repr(u8)]
pub enum BinaryOperator {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    Lshift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    Rshift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
    InplaceAdd = 13,
    InplaceAnd = 14,
    InplaceFloorDivide = 15,
    InplaceLshift = 16,
    InplaceMatrixMultiply = 17,
    InplaceMultiply = 18,
    InplaceRemainder = 19,
    InplaceOr = 20,
    InplacePower = 21,
    InplaceRshift = 22,
    InplaceSubtract = 23,
    InplaceTrueDivide = 24,
    InplaceXor = 25,
}

impl BinaryOperator {
    const ALL: [BinaryOperator; 26] = {
        use BinaryOperator::*;
        [
            Add,
            And,
            FloorDivide,
            Lshift,
            MatrixMultiply,
            Multiply,
            Remainder,
            Or,
            Power,
            Rshift,
            Subtract,
            TrueDivide,
            Xor,
            InplaceAdd,
            InplaceAnd,
            InplaceFloorDivide,
            InplaceLshift,
            InplaceMatrixMultiply,
            InplaceMultiply,
            InplaceRemainder,
            InplaceOr,
            InplacePower,
            InplaceRshift,
            InplaceSubtract,
            InplaceTrueDivide,
            InplaceXor,
        ]
    };

    pub fn from_arg(arg: u32) -> Option<BinaryOperator> {
        Self::ALL.get(arg as usize).copied()
    }

    pub fn is_inplace(self) -> bool {
        self as u8 >= 13
    }

    /// The non-in-place operator (`+=` → `+`).
    pub fn plain(self) -> BinaryOperator {
        Self::ALL[(self as usize) % 13]
    }

    /// The operator as written in source (`+`, `+=`, …), as `dis` shows it.
    pub fn symbol(self) -> &'static str {
        const SYMBOLS: [&str; 26] = [
            "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=",
            "<<=", "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
        ];
        SYMBOLS[self as usize]
    }
}

/// `COMPARE_OP`'s argument (CPython 3.11's `cmp_op` order).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash)]
#[repr(u8)]
pub enum Comparison {
    Less = 0,
    LessEqual = 1,
    Equal = 2,
    NotEqual = 3,
    Greater = 4,
    GreaterEqual = 5,
}

impl Comparison {
    pub fn from_arg(arg: u32) -> Option<Comparison> {
        use Comparison::*;
        [Less, LessEqual, Equal, NotEqual, Greater, GreaterEqual]
            .get(arg as usize)
            .copied()
    }

    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }

    /// The comparison with operands swapped (`a < b` ⇔ `b > a`), for reflected dunders.
    pub fn swapped(self) -> Comparison {
        use Comparison::*;
        match self {
            Less => Greater,
            LessEqual => GreaterEqual,
            Equal => Equal,
            NotEqual => NotEqual,
            Greater => Less,
            GreaterEqual => LessEqual,
        }
    }

    /// The dunder method name (`__lt__`, …).
    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }
}

/// `MAKE_FUNCTION` flag bits (CPython's).
pub mod make_function {
    pub const DEFAULTS: u32 = 0x01;
    pub const KWDEFAULTS: u32 = 0x02;
    pub const ANNOTATIONS: u32 = 0x04;
    pub const CLOSURE: u32 = 0x08;
}

/// `FORMAT_VALUE` argument bits (CPython's).
pub mod format_value {
    pub const CONVERSION_MASK: u32 = 0x03;
    pub const NONE: u32 = 0x00;
    pub const STR: u32 = 0x01;
    pub const REPR: u32 = 0x02;
    pub const ASCII: u32 = 0x03;
    pub const HAVE_SPEC: u32 = 0x04;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inplace_maps_to_plain() {
        assert_eq!(
            BinaryOperator::from_arg(23),
            Some(BinaryOperator::InplaceSubtract)
        );
        assert_eq!(
            BinaryOperator::InplaceSubtract.plain(),
            BinaryOperator::Subtract
        );
        assert_eq!(BinaryOperator::InplaceXor.symbol(), "^=");
        assert_eq!(BinaryOperator::from_arg(26), None);
    }
}
