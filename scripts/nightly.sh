#!/usr/bin/env bash
# One nightly run over the bundled samples: the warehouse lands in data/warehouse, the report in
# data/reports. Run again, it skips every file already landed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
.venv/bin/tdkt run \
  --inbox data/samples/files \
  --warehouse data/warehouse/tdkt.duckdb \
  --reports data/reports
echo
echo "warehouse: $(pwd)/data/warehouse/tdkt.duckdb"
echo "reports:   $(pwd)/data/reports (newest: $(ls -t data/reports/*.html 2>/dev/null | head -n1))"
