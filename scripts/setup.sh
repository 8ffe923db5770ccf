#!/usr/bin/env bash
# Set up a machine for tdkt: system tools (Tesseract + Vietnamese model, antiword, poppler, a
# Vietnamese-capable font) and a Python 3.11 virtual environment in .venv with tdkt installed.
# Idempotent: a second run installs nothing new and takes seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

# tesseract-ocr-osd: orientation detection for pages scanned upside down or sideways
APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie tesseract-ocr-osd fonts-dejavu-core antiword poppler-utils)
# --test: also what the tests need: a real browser opens the reviewers' HTML report; a real
# PostgreSQL server (initdb/pg_ctl, run by the tests in a temporary folder) for the shared warehouse
if [ "${1:-}" = "--test" ]; then APT_PACKAGES+=(chromium postgresql); fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${APT_PACKAGES[@]}"
fi

if command -v python3.11 >/dev/null 2>&1; then
  PY=python3.11
elif python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
  PY=python3
else
  echo "setup: Python 3.11 is required (python3.11 not found, python3 is $(python3 --version 2>&1))" >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $PY"
  "$PY" -m venv .venv
fi

# Reinstall only when pyproject.toml changed since the last install.
stamp=.venv/.tdkt-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -e ".[test]"
  touch "$stamp"
fi
echo "setup: ok ($(.venv/bin/python --version), $(tesseract --version 2>&1 | head -n1))"
