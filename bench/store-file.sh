#!/usr/bin/env bash
# The embedded H2 store's file under delivery reports (no HTTP, no routes): N open messages, one report each from 8
# threads, printing every 10 s the reports recorded, the .mv.db size, H2's chunk count and fill rates and the heap
# after GC; then the same once the store has been idle. See io.camelsms.bench.StoreFileBenchmark.
#
#   bench/store-file.sh [reports] [idleSeconds]   defaults 200000 60
#
# Environment: HEAP (default 256m).
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target/bench
mvn -o -B -q -Dstyle.color=never -pl camel-sms-app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/target/bench/classpath.txt"
CP="camel-sms-app/target/test-classes:camel-sms-app/target/classes:$(cat target/bench/classpath.txt)"
echo "nproc: $(nproc); $(java -version 2>&1 | head -1)"
exec java -Xms"${HEAP:-256m}" -Xmx"${HEAP:-256m}" -XX:+UseG1GC -Dlog4j2.configurationFile=bench/log4j2-bench.properties \
    -cp "$CP" io.camelsms.bench.StoreFileBenchmark "$@"
