//! The collector's map from an object's address to its index among the candidates.
//!
//! Addresses are not attacker-chosen keys, so SipHash (std's default, a third of a
//! collection's time) buys nothing: one multiply spreads the address bits, and a rotation
//! brings the well-mixed high bits down to where the table takes its bucket index from.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default, Clone, Copy)]
pub struct AddrHasher(u64);

impl Hasher for AddrHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        const K: u64 = 0xf135_7aea_2e62_a9c5;
        self.0 = (self.0 ^ i).wrapping_mul(K);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0.rotate_left(26)
    }
}

/// Object address → candidate index.
pub struct PtrMap(HashMap<usize, usize, BuildHasherDefault<AddrHasher>>);

impl PtrMap {
    pub fn with_capacity(n: usize) -> PtrMap {
        PtrMap(HashMap::with_capacity_and_hasher(n, Default::default()))
    }

    #[inline]
    pub fn insert(&mut self, addr: usize, index: usize) {
        self.0.insert(addr, index);
    }

    #[inline]
    pub fn get(&self, addr: usize) -> Option<usize> {
        self.0.get(&addr).copied()
    }
}
