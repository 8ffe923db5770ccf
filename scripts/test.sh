#!/usr/bin/env bash
# The checks CI runs: lint, then the whole test suite (with real Tesseract).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh --test
.venv/bin/ruff check .
status=0
# one process per core, each test file on one of them (its module fixtures built once)
.venv/bin/pytest -q -n auto --dist loadfile || status=$?
if [ "$status" -eq 5 ]; then
  echo "test: pytest collected no tests; that is a failure" >&2
  exit 1
fi
exit "$status"
