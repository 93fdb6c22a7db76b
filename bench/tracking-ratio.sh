#!/usr/bin/env bash
# Issue 17 goal 1: the file-to-sms route with tracking off and on, on the embedded H2 store then on an embedded
# PostgreSQL, for pwapi and smsclouds; each run measures off and on itself and prints the ratio ("tracking on/off").
#
#   bench/tracking-ratio.sh [rows]      rows default 200000
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-200000}"
SCENARIOS=route-pwapi,route-pwapi-tracking,route-smsclouds,route-smsclouds-tracking
for db in h2 postgres; do
    echo "== tracking store: $db"
    BENCH_OPTS="${BENCH_OPTS:-} -Dbench.tracking=$db" bench/run.sh "$ROWS" "$SCENARIOS" | grep -E '^\||^tracking on/off'
done
