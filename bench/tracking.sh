#!/usr/bin/env bash
# The tracking store alone, as a bulk send uses it: resume check and batch insert, µs per row.
#
#   bench/tracking.sh [rows] [batch] [provider] [inflight]   defaults 1000000 20000 pwapi (smsclouds: a campaign per
#                                                          batch); inflight: with the write-ahead marks of a send
#
# Environment: DB=postgres to measure an embedded PostgreSQL instead of the embedded H2 default; HEAP as run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target/bench
# the app module's test classpath (the benchmark classes live in camel-sms-app's tests), resolved in the reactor so
# that camel-sms comes from its freshly compiled classes
mvn -B -q -Dstyle.color=never -pl camel-sms-app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/target/bench/classpath.txt"
CP="camel-sms-app/target/test-classes:camel-sms-app/target/classes:$(cat target/bench/classpath.txt)"
echo "nproc: $(nproc); $(java -version 2>&1 | head -1)"
exec java -Xms"${HEAP:-256m}" -Xmx"${HEAP:-256m}" -Dbench.tracking="${DB:-h2}" \
    -Dlog4j2.configurationFile=bench/log4j2-bench.properties -cp "$CP" io.camelsms.bench.TrackingStoreBenchmark "$@"
