//! Fixture tests: each case is source text and the expected token dump or errors.
