//! Opcode names on the wire: the inspection structures hold `&'static str` names (the
//! opcode table's own strings), so reading them back from JSON maps each name to the
//! table's string instead of allocating. An unknown name reads as `"UNKNOWN"`.

use crate::bytecode::Opcode;
use serde::{Deserialize, Deserializer};

/// An opcode name from the table. An alias, so serde's derive does not see a borrowed
/// `&'static str` (which it would try to borrow from the input).
pub type OpName = &'static str;

/// The opcode table's string for `name`.
pub fn static_name(name: &str) -> &'static str {
    Opcode::ALL
        .iter()
        .map(|op| op.name())
        .find(|n| *n == name)
        .unwrap_or("UNKNOWN")
}

/// `deserialize_with` for an opcode-name field.
pub fn opcode<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let name = String::deserialize(d)?;
    Ok(static_name(&name))
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_map_back_to_the_table() {
        assert_eq!(super::static_name("BINARY_OP_ADD_INT"), "BINARY_OP_ADD_INT");
        assert_eq!(super::static_name("NO_SUCH_THING"), "UNKNOWN");
    }
}
