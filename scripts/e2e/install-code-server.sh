#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3; the newest release whose engines.node is 20) for the
# end-to-end tests, into a cache folder outside the repository, without any download from GitHub.
#
#   scripts/e2e/install-code-server.sh [DEST]
#   DEST defaults to ${OKR_E2E_CACHE:-$HOME/.cache/okr-lens-e2e}/code-server-4.100.3
#
# A second run finds the working install and returns at once. Prints the code-server binary's path on
# its last line of stdout. The recipe (from shared/e2e): npm lifecycle scripts off (the postinstall wants
# --unsafe-perm as root, @vscode/ripgrep downloads from GitHub, node-pty runs `npx node-gyp` without
# --yes), Debian's rg linked where ripgrep's postinstall looks, native modules rebuilt, and the rest of
# code-server's postinstall done by hand.
set -euo pipefail

VERSION=4.100.3
CACHE=${OKR_E2E_CACHE:-$HOME/.cache/okr-lens-e2e}
DEST=${1:-$CACHE/code-server-$VERSION}
BIN=$DEST/node_modules/.bin/code-server
MARKER=$DEST/.okr-lens-install-complete
APT_NEEDS=(build-essential python3 pkg-config libkrb5-dev ripgrep chromium)

say() { echo "okr-lens e2e: $*" >&2; }

works() {
  [ -f "$MARKER" ] && [ -x "$BIN" ] && "$BIN" --version 2>/dev/null | head -1 | grep -qx "$VERSION.*"
}

if works; then
  say "code-server $VERSION already installed in $DEST"
  echo "$BIN"
  exit 0
fi

mkdir -p "$(dirname "$DEST")"
LOG=$(dirname "$DEST")/install-code-server.log
: >"$LOG"
run() { # quiet: output to the log, shown only when a step fails
  if ! "$@" >>"$LOG" 2>&1; then
    say "failed: $* (in $PWD); last lines of $LOG:"
    tail -n 40 "$LOG" >&2
    exit 1
  fi
}

# --- apt packages (only those missing; needs root or password-less sudo) ---
missing=()
for p in "${APT_NEEDS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=()
  elif sudo -n true 2>/dev/null; then SUDO=(sudo -n)
  else
    say "needs these Debian packages: ${missing[*]}; run: sudo apt-get install ${missing[*]}"
    exit 1
  fi
  say "apt-get install ${missing[*]}"
  run "${SUDO[@]}" apt-get update -qq
  run "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- code-server, built in a staging folder and moved into place when complete ---
exec 9>"$DEST.lock"
flock 9                      # two runs at once: the second waits, then finds the first's install
if works; then echo "$BIN"; exit 0; fi

STAGE=$DEST.partial.$$
trap 'rm -rf "$STAGE"' EXIT
say "installing code-server $VERSION into $DEST (about 2 minutes; log: $LOG)"
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
rm -rf "$STAGE" && mkdir -p "$STAGE" && cd "$STAGE"
run npm init -y
run npm install "code-server@$VERSION" --ignore-scripts
run npm rebuild argon2                          # outer native module (ships prebuilds)
cd node_modules/code-server/lib/vscode
run npm install --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg   # ripgrep's postinstall sees bin/ and skips GitHub
run npm rebuild                                 # node-pty, spdlog, kerberos, native-watchdog, ...
# the remaining steps of code-server's postinstall.sh
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
cd extensions
run npm install --omit=dev
cd /
rm -rf "$DEST" && mv "$STAGE" "$DEST"
trap - EXIT
if ! "$BIN" --version >>"$LOG" 2>&1; then
  say "installed, but '$BIN --version' fails; see $LOG"
  exit 1
fi
touch "$MARKER"
say "code-server $("$BIN" --version | head -1) ready"
echo "$BIN"
