#!/usr/bin/env bash
# The browser tests drive Debian's Chromium with playwright-core (which never downloads a browser).
# Installs it when missing and this machine allows it; otherwise says what to do.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "okr-lens: the browser tests need Chromium at /usr/bin/chromium: sudo apt-get install chromium" >&2
  exit 1
fi
echo "okr-lens: installing Chromium for the browser tests (apt-get install chromium)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
chromium --version
