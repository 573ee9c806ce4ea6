//! Python `str` method algorithms over Rust strings. (Being written.)
