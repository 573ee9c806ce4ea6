//! String interning: identifiers and short constant strings share one `PyStr` each, so name
//! lookups in namespaces and shapes usually succeed on a pointer compare.

use crate::runtime::types::str::{FxHasher, PyStr};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::rc::Rc;

/// Built-ins intern dunder names on every special-method lookup: the Fx hash keeps that
/// cheap (SipHash's flooding resistance buys nothing for names the program already holds).
#[derive(Default)]
pub struct Interner {
    strings: HashMap<Box<str>, Rc<PyStr>, BuildHasherDefault<FxHasher>>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> Rc<PyStr> {
        if let Some(found) = self.strings.get(s) {
            return found.clone();
        }
        let interned = Rc::new(PyStr::new(s));
        self.strings.insert(s.into(), interned.clone());
        interned
    }
}
