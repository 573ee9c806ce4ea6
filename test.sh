#!/usr/bin/env bash
# THE test command: everything CI checks, in the order that fails fastest.
# Release builds only, so a clean CI run compiles the workspace once (2 cores).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# Tools the tests need beyond a Rust toolchain: Neovim, the real editor the language server
# is tested with (installed here when missing and we are root; the test skips, saying so, if
# it cannot be had). python3 3.11 is optional: the stdlib and CPython-comparison tests skip
# themselves without it.
# tmux drives the TUI smoke test the same way.
for tool in nvim:neovim tmux:tmux; do
  if ! command -v "${tool%%:*}" >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    pkg=${tool#*:}
    printf '\n==> apt-get install -y %s\n' "$pkg"
    apt-get install -y "$pkg" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "$pkg" >/dev/null 2>&1; } || echo "$pkg could not be installed: its test will skip"
  fi
done

step() { printf '\n==> %s\n' "$*"; }

step "cargo fmt --all --check"
cargo fmt --all --check
step "cargo clippy --workspace --all-targets -- -D warnings"
cargo clippy --workspace --all-targets -- -D warnings
step "cargo build --release"
cargo build --release
step "cargo test --release --workspace"
cargo test --release --workspace

# The VS Code extension: unit tests, the .vsix, and the end-to-end test in a real VS Code
# (code-server + headless Chromium, installed by the script when missing). ADDER_SKIP_VSCODE=1
# leaves it out of a local run.
if [ "${ADDER_SKIP_VSCODE:-}" = 1 ]; then
  step "VS Code extension: skipped (ADDER_SKIP_VSCODE=1)"
else
  step "VS Code extension (editors/vscode/e2e/run.sh)"
  bash editors/vscode/e2e/run.sh
fi
