#!/usr/bin/env bash
# Issue 17, goal 3: delivery reports at provider speed. The app's routes (tracking on, embedded H2, the embedded
# HTTP server) take N reports of N open messages per scenario: painel callbacks (one a call) and webcom status pushes
# (1,000 states a body) from 8 concurrent callers in the same JVM, webcom's real poll consumer against a stub
# state.php, and smsclouds' MO pushes (one reply a call; each costs the app a responses query, answered by a stub).
# Prints reports/s, the process's CPU seconds and the app's (the callers' threads subtracted), the report
# lines checked (exactly N, none twice). See io.camelsms.bench.ReportIngestBenchmark.
#
#   bench/ingest.sh [reports] [scenario...]   reports default 20000 (each scenario well under a minute here); scenarios painel-push webcom-push webcom-poll smsclouds-push
#
# Environment: HEAP (default 256m), JFR=<file.jfr>, BENCH_OPTS, as bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

REPORTS="${1:-20000}"
shift || true
HEAP="${HEAP:-256m}"

mkdir -p target/bench
mvn -o -B -q -Dstyle.color=never -pl camel-sms-app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/target/bench/classpath.txt"
CP="camel-sms-app/target/test-classes:camel-sms-app/target/classes:$(cat target/bench/classpath.txt)"

JVM=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Dlog4j2.configurationFile=camel-sms-app/src/main/resources/camel-sms-app-log4j2.properties)
if [[ -n "${JFR:-}" ]]; then
    JVM+=("-XX:StartFlightRecording=filename=${JFR},settings=profile,dumponexit=true")
fi
echo "nproc: $(nproc); $(java -version 2>&1 | head -1); heap -Xmx$HEAP"
echo "| scenario | reports | time (s) | CPU (s) | app CPU (s) | reports/s | status commits | check | H2 file | file bytes per 100k reports | H2 chunks |"
echo "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"
# the app's own logging (log4j2 on the console) is part of what is measured: it goes to a file, the figures are
# picked out of it
# shellcheck disable=SC2086
java "${JVM[@]}" ${BENCH_OPTS:-} -cp "$CP" io.camelsms.bench.ReportIngestBenchmark "$REPORTS" "$@" > target/bench/ingest.log
grep -E '^(\||report ingest)' target/bench/ingest.log
echo "app log: target/bench/ingest.log ($(wc -l < target/bench/ingest.log) lines)"
