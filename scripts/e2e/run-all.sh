#!/usr/bin/env bash
# The end-to-end stage of `npm test` (last, after the unit, LSP and browser tests): okr-lens inside a real
# VS Code (code-server 4.100.3 in headless Chromium). Runs the in-editor suite against the extension
# folder, against the installed .vsix and as the web extension in the web worker extension host, then
# the UI smoke test against the .vsix in both hosts (it reads VS Code's own activation time); prints the
# totals.
# Expects `npm run build` and `npm run package` before it; packages the .vsix itself when it is missing
# or older than the bundles.
set -euo pipefail
cd "$(dirname "$0")/../.."
T0=$SECONDS
say() { echo "== e2e: $*"; }

say "code-server (installed once into ${OKR_E2E_CACHE:-$HOME/.cache/okr-lens-e2e})"
bash scripts/e2e/install-code-server.sh >/dev/null

if [ ! -f dist/extension.js ] || [ ! -f dist/server.js ]; then
  say "no dist/ bundles: npm run build"
  npm run --silent build
fi
VSIX=dist/okr-lens.vsix
if [ ! -f "$VSIX" ] || [ package.json -nt "$VSIX" ] || [ -n "$(find dist -type f ! -name '*.vsix' -newer "$VSIX" | head -1)" ]; then
  say "$VSIX missing or older than the bundles: packaging it"
  npx --no-install vsce package --no-dependencies --out "$VSIX" >/dev/null
fi
say "$VSIX $(($(stat -c %s "$VSIX") / 1024)) KiB"

say "building the suite"
node scripts/e2e/build-suite.mjs

PASSED=0
FAILED=0
SUMMARY=()
step() { # step NAME COMMAND...: runs it, adds its final "N passed, N failed" to the totals
  local name=$1 out rc=0 t=$SECONDS last p f
  shift
  say "$name"
  out=$(mktemp)
  "$@" 2>&1 | tee "$out" || rc=$?
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -1 || true)
  rm -f "$out"
  if [ -n "$last" ]; then
    p=${last%% passed*}
    f=${last#*, }
    f=${f%% failed*}
  else
    p=0 f=1
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  PASSED=$((PASSED + p))
  FAILED=$((FAILED + f))
  SUMMARY+=("$(printf '%-44s %3d passed, %d failed  (%ds)' "$name" "$p" "$f" $((SECONDS - t)))")
}

step "in-editor suite, extension folder" node scripts/e2e/run-code-server.mjs --no-build
step "in-editor suite, installed $VSIX" node scripts/e2e/run-code-server.mjs --no-build --vsix "$VSIX"
step "in-editor suite, web extension (worker host)" node scripts/e2e/run-code-server.mjs --no-build --web
step "UI smoke test, installed $VSIX" node test/e2e/ui-smoke.mjs --vsix "$VSIX"
step "UI smoke test, installed $VSIX, web worker host" node test/e2e/ui-smoke.mjs --vsix "$VSIX" --web

say "summary ($((SECONDS - T0))s)"
printf '  %s\n' "${SUMMARY[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
