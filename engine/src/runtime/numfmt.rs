//! Number parsing and formatting with CPython 3.11's exact results: `repr`/`str` of floats,
//! the `format()` mini-language for `int`, `float` and `str`, printf-style `%` conversions,
//! `int(s, base)` / `float(s)`, and the float helpers (`round`, `//`, `%`, `**`, `hex`,
//! `fromhex`, hashing, correctly rounded int→float and int/int).
//!
//! Everything is a pure function over plain Rust values; failures are [`NumError`]s carrying
//! the exception type and CPython's message verbatim, so the VM can raise them as they are.

mod complex;
mod digits;
mod dtoa;
mod error;
mod float_hex;
mod float_ops;
mod format_float;
mod format_int;
mod format_str;
mod hash;
mod int_div;
mod int_str;
mod int_value;
mod layout;
mod parse_float;
mod parse_int;
mod percent;
mod spec;
mod to_float;
mod unicode;

pub use complex::{complex_repr, complex_str};
pub use dtoa::{double_to_string, float_repr, float_str, DtoaFlags};
pub use error::{NumError, NumErrorKind};
pub use float_hex::{float_fromhex, float_hex};
pub use float_ops::{
    float_as_integer_ratio, float_div, float_divmod, float_floordiv, float_is_integer, float_mod,
    float_pow, float_round, float_round_to_int, FloatPow,
};
pub use format_float::{format_float, format_float_as};
pub use format_int::{format_i64, format_int, format_int_as};
pub use format_str::{format_str, format_str_as};
pub use hash::{complex_hash, float_hash, i64_hash, int_hash, HASH_IMAG, HASH_INF, HASH_MODULUS};
pub use int_div::small_quotient_divmod;
pub use int_str::{int_to_str, int_to_str_radix, DEFAULT_MAX_STR_DIGITS};
pub use int_value::IntValue;
pub use parse_float::parse_float;
pub use parse_int::parse_int;
pub use percent::{
    percent_format_number, percent_pad_str, PercentFlags, PercentSpec, PercentValue,
};
pub use spec::{Align, FormatSpec, Grouping};
pub use to_float::{float_to_int, int_to_float, int_true_divide};
