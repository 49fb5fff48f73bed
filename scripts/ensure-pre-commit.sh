#!/usr/bin/env bash
# test/unit/action.test.ts runs the hook through pre-commit itself (Debian's package). Installs it when
# missing and this machine allows it; otherwise says what to do.
set -euo pipefail
if command -v pre-commit >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo"; else
  echo "okr-lens: the hook test needs pre-commit: sudo apt-get install pre-commit" >&2
  exit 1
fi
echo "okr-lens: installing pre-commit for the hook test (apt-get install pre-commit)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq pre-commit >/dev/null
pre-commit --version
