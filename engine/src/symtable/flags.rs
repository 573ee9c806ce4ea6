//! Per-symbol facts as CPython 3.11's symtable records them: the `DEF_*`/`USE` flag bits
//! gathered while walking the tree, and the scope the analysis resolves each name to.
//! The bit values are CPython's (`_symtable.DEF_LOCAL` etc.), so dumps compare one to one.

use std::fmt;
use std::ops::{BitAnd, BitOr, BitOrAssign};

/// A set of `DEF_*` / `USE` bits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SymbolFlags(pub u16);

impl SymbolFlags {
    pub const EMPTY: SymbolFlags = SymbolFlags(0);
    /// `global` statement.
    pub const DEF_GLOBAL: SymbolFlags = SymbolFlags(1);
    /// Bound in this block (assignment, `for`, `with`, `except … as`, def, class, …).
    pub const DEF_LOCAL: SymbolFlags = SymbolFlags(2);
    /// A formal parameter.
    pub const DEF_PARAM: SymbolFlags = SymbolFlags(4);
    /// `nonlocal` statement (also set for walrus targets lifted out of comprehensions).
    pub const DEF_NONLOCAL: SymbolFlags = SymbolFlags(8);
    /// Read somewhere in the block.
    pub const USE: SymbolFlags = SymbolFlags(16);
    /// Used but not defined in a nested block (unused by 3.11's analysis; kept for parity).
    pub const DEF_FREE: SymbolFlags = SymbolFlags(32);
    /// Free in a method, and also bound or global in the class body.
    pub const DEF_FREE_CLASS: SymbolFlags = SymbolFlags(64);
    /// Bound by an import.
    pub const DEF_IMPORT: SymbolFlags = SymbolFlags(128);
    /// Annotated (`x: int`).
    pub const DEF_ANNOT: SymbolFlags = SymbolFlags(256);
    /// A comprehension's iteration variable.
    pub const DEF_COMP_ITER: SymbolFlags = SymbolFlags(512);
    /// Any binding that makes the name local.
    pub const DEF_BOUND: SymbolFlags = SymbolFlags(2 | 4 | 128);

    #[inline]
    pub const fn contains(self, other: SymbolFlags) -> bool {
        self.0 & other.0 == other.0
    }

    #[inline]
    pub const fn intersects(self, other: SymbolFlags) -> bool {
        self.0 & other.0 != 0
    }

    #[inline]
    pub const fn bits(self) -> u16 {
        self.0
    }
}

impl BitOr for SymbolFlags {
    type Output = SymbolFlags;
    #[inline]
    fn bitor(self, rhs: SymbolFlags) -> SymbolFlags {
        SymbolFlags(self.0 | rhs.0)
    }
}

impl BitOrAssign for SymbolFlags {
    #[inline]
    fn bitor_assign(&mut self, rhs: SymbolFlags) {
        self.0 |= rhs.0;
    }
}

impl BitAnd for SymbolFlags {
    type Output = SymbolFlags;
    #[inline]
    fn bitand(self, rhs: SymbolFlags) -> SymbolFlags {
        SymbolFlags(self.0 & rhs.0)
    }
}

impl fmt::Debug for SymbolFlags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NAMES: [(SymbolFlags, &str); 10] = [
            (SymbolFlags::DEF_GLOBAL, "DEF_GLOBAL"),
            (SymbolFlags::DEF_LOCAL, "DEF_LOCAL"),
            (SymbolFlags::DEF_PARAM, "DEF_PARAM"),
            (SymbolFlags::DEF_NONLOCAL, "DEF_NONLOCAL"),
            (SymbolFlags::USE, "USE"),
            (SymbolFlags::DEF_FREE, "DEF_FREE"),
            (SymbolFlags::DEF_FREE_CLASS, "DEF_FREE_CLASS"),
            (SymbolFlags::DEF_IMPORT, "DEF_IMPORT"),
            (SymbolFlags::DEF_ANNOT, "DEF_ANNOT"),
            (SymbolFlags::DEF_COMP_ITER, "DEF_COMP_ITER"),
        ];
        let mut first = true;
        for (flag, name) in NAMES {
            if self.contains(flag) {
                if !first {
                    f.write_str("|")?;
                }
                f.write_str(name)?;
                first = false;
            }
        }
        if first {
            f.write_str("0")?;
        }
        Ok(())
    }
}

/// Where a name lives, as the analysis decides it (CPython's `LOCAL` … `CELL`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolScope {
    /// Not yet analysed (only seen on trees whose analysis was cut short).
    Unresolved,
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

impl SymbolScope {
    /// CPython's numeric value (`symtable.LOCAL` == 1 …).
    pub const fn code(self) -> u8 {
        match self {
            SymbolScope::Unresolved => 0,
            SymbolScope::Local => 1,
            SymbolScope::GlobalExplicit => 2,
            SymbolScope::GlobalImplicit => 3,
            SymbolScope::Free => 4,
            SymbolScope::Cell => 5,
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            SymbolScope::Unresolved => "UNRESOLVED",
            SymbolScope::Local => "LOCAL",
            SymbolScope::GlobalExplicit => "GLOBAL_EXPLICIT",
            SymbolScope::GlobalImplicit => "GLOBAL_IMPLICIT",
            SymbolScope::Free => "FREE",
            SymbolScope::Cell => "CELL",
        }
    }
}
