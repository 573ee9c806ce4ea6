#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest release that runs on Node 20) into
# $1 (default ~/.cache/adder-e2e/code-server-4.100.3), once: a finished install leaves a stamp
# and reruns return at once.
#
# `npm install code-server` alone fails offline: @vscode/ripgrep's postinstall downloads a
# binary from GitHub. So this is code-server's own postinstall minus that download, with
# Debian's ripgrep in its place, and the native modules built from source (npm's nodedir
# points at the system Node headers).
set -euo pipefail
VERSION=4.100.3
DIR=${1:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/adder-e2e/code-server-$VERSION}
STAMP="$DIR/.installed"
if [ -f "$STAMP" ] && [ -x "$DIR/node_modules/.bin/code-server" ]; then
  exit 0
fi
log() { printf '[install-code-server] %s\n' "$*" >&2; }

# Build tools and headers for the native modules, and ripgrep for search.
need=()
for pkg in g++ make python3 pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev ripgrep; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    log "missing Debian packages: ${need[*]} (not root: install them first)"; exit 1
  fi
  log "apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q "${need[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q "${need[@]}" >/dev/null; }
fi

log "npm install code-server@$VERSION into $DIR"
rm -rf "$DIR" && mkdir -p "$DIR" && cd "$DIR"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error code-server@$VERSION --ignore-scripts
npm rebuild --loglevel=error argon2                 # its prebuilt download fails: built from source
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts
# yes=true: node-pty's build script runs `npx node-gyp`.
npm_config_yes=true npm rebuild --loglevel=error kerberos @parcel/watcher @vscode/spdlog native-watchdog \
  node-pty @vscode/deviceid @vscode/windows-process-tree @vscode/windows-registry
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
(cd extensions && npm install --no-audit --no-fund --loglevel=error --omit=dev)
cd "$DIR"
node_modules/.bin/code-server --version >&2
touch "$STAMP"
log "done"
