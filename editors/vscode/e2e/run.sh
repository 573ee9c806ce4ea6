#!/usr/bin/env bash
# The extension's tests, end to end, as its users run it:
#   1. npm ci, compile, unit tests (node's test runner), `vsce package` → adder-*.vsix;
#   2. code-server 4.100.3 (VS Code 1.100.3) installed once into the cache (install-code-server.sh)
#      and Chromium from Debian;
#   3. the .vsix installed with --install-extension into a fresh, temporary profile, code-server
#      started headless on a free loopback port, and drive.js driving it in headless Chromium.
# Screenshots land in editors/vscode/e2e/artifacts/; with ADDER_E2E_UPDATE_SCREENSHOTS=1 in
# editors/vscode/media/, the ones the README shows (not by default: every run's pixels differ, and
# a test run should not leave the work tree modified).
#
# env: ADDER (the adder binary; default target/release/adder, which must be built),
#      ADDER_E2E_CACHE (install cache; default ~/.cache/adder-e2e),
#      ADDER_E2E_SKIP_INSTALL=1 (fail instead of installing missing system packages).
set -euo pipefail
EXT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$EXT/../.." && pwd)"
ADDER=${ADDER:-$ROOT/target/release/adder}
CACHE=${ADDER_E2E_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/adder-e2e}
CS_DIR="$CACHE/code-server-4.100.3"
t0=$(date +%s)
log() { printf '[vscode-e2e %3ss] %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

[ -x "$ADDER" ] || { echo "no adder binary at $ADDER (cargo build --release first)" >&2; exit 1; }

# --- system packages: Chromium (the browser), and what code-server's build needs -------------
apt_install() {
  [ "${ADDER_E2E_SKIP_INSTALL:-}" = 1 ] && { echo "missing: $* (ADDER_E2E_SKIP_INSTALL=1)" >&2; exit 1; }
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "missing Debian packages: $* (run as root, or install them)" >&2; exit 1
  fi
  log "apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "$@" >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "$@" >/dev/null; }
}
CHROMIUM=${CHROMIUM:-$(command -v chromium || true)}
if [ -z "$CHROMIUM" ]; then
  apt_install chromium
  CHROMIUM=$(command -v chromium)
fi

# --- build, unit-test and package the extension ------------------------------------------------
cd "$EXT"
stamp="node_modules/.adder-lock-$(sha256sum package-lock.json | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi
log "compile"
npm run --silent compile
log "unit tests"
npm test --silent
log "vsce package"
rm -f adder-*.vsix
npx vsce package </dev/null >/dev/null
VSIX=$(ls "$EXT"/adder-*.vsix)
log "built $(basename "$VSIX") ($(du -k "$VSIX" | cut -f1) KB)"

# --- code-server --------------------------------------------------------------------------------
log "code-server (cached in $CS_DIR)"
bash "$EXT/e2e/install-code-server.sh" "$CS_DIR"

T=$(mktemp -d /tmp/adder-vscode-e2e.XXXXXX)
CS_PID=
cleanup() {
  if [ -n "$CS_PID" ]; then kill -- "-$CS_PID" 2>/dev/null || kill "$CS_PID" 2>/dev/null || true; fi
  if [ "${KEEP_E2E_DIR:-}" != 1 ]; then rm -rf "$T"; else echo "kept $T"; fi
}
trap cleanup EXIT

mkdir -p "$T/data/User" "$T/exts" "$T/ws"
cp -r "$EXT/e2e/workspace/." "$T/ws/"
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$T/config.yaml"
cat > "$T/data/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "workbench.colorTheme": "Default Dark Modern",
  "workbench.tips.enabled": false,
  "window.autoDetectHighContrast": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "editor.minimap.enabled": false,
  "editor.hover.delay": 150,
  "editor.inlayHints.enabled": "on",
  "chat.commandCenter.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "adder.path": "$ADDER"
}
JSON
CS=("$CS_DIR/node_modules/.bin/code-server" --config "$T/config.yaml" --user-data-dir "$T/data" --extensions-dir "$T/exts")
log "install $(basename "$VSIX")"
"${CS[@]}" --install-extension "$VSIX" | tee "$T/install.log"
grep -q "was successfully installed" "$T/install.log"
"${CS[@]}" --list-extensions --show-versions | grep -q '^adder.adder@'

log "start code-server on 127.0.0.1:$PORT"
setsid "${CS[@]}" --auth none --bind-addr "127.0.0.1:$PORT" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$T/ws" >"$T/code-server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 1 240); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz" || true)
  [ "$code" = 200 ] && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$T/code-server.log"; echo "code-server exited" >&2; exit 1; }
  sleep 0.25
done
[ "$code" = 200 ] || { cat "$T/code-server.log"; echo "code-server did not answer" >&2; exit 1; }

# --- drive it -----------------------------------------------------------------------------------
log "drive VS Code in headless Chromium"
SHOTS="$EXT/e2e/artifacts"
[ "${ADDER_E2E_UPDATE_SCREENSHOTS:-}" = 1 ] && SHOTS="$EXT/media"
mkdir -p "$SHOTS" "$EXT/e2e/artifacts"
status=0
URL="http://127.0.0.1:$PORT/?folder=$T/ws" WS="$T/ws" SHOTS="$SHOTS" ARTIFACTS="$EXT/e2e/artifacts" CHROMIUM="$CHROMIUM" \
  node "$EXT/e2e/drive.js" || status=$?
if [ "$status" != 0 ]; then
  echo "---- code-server log" >&2; tail -n 40 "$T/code-server.log" >&2
  for f in "$T"/data/logs/*/exthost*/exthost.log "$T"/data/logs/*/exthost*/output_logging_*/*Adder*.log; do
    [ -f "$f" ] && { echo "---- $f" >&2; tail -n 60 "$f" >&2; }
  done
  echo "vscode e2e: FAILED (screenshot: $EXT/e2e/artifacts/failure.png)" >&2
  exit "$status"
fi
log "vscode e2e passed (screenshots in $SHOTS)" >&2
