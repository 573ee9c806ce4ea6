#!/usr/bin/env bash
# THE test command: everything CI checks, in the order that fails fastest.
# Release builds only, so a clean CI run compiles the workspace once (2 cores).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Tools the tests need beyond a Rust toolchain: none yet. (python3 3.11 is optional: the
# stdlib and CPython-comparison tests skip themselves without it.)

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --all --check"
cargo fmt --all --check
step "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
step "cargo build --release"
cargo build --release
step "cargo test --release --workspace"
cargo test --release --workspace
