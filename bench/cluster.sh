#!/usr/bin/env bash
# Issue 15's figure: recipient files through 1 and 2 app nodes in cluster mode (each node a JVM, one embedded
# PostgreSQL, pwapi against the sandbox), recipients/s side by side.
#
#   bench/cluster.sh [rows] [files] [nodes,...]   defaults 1000000 1 1,2
#
# A file is sent by the one node that claims it: with 1 file the second node idles; bench/cluster.sh 1000000 2 shows
# two nodes each sending a file at once. Each node runs with -Xmx256m.
set -euo pipefail
cd "$(dirname "$0")/.."

mkdir -p target/bench
# the app module's test classpath (the benchmark classes live in camel-sms-app's tests), resolved in the reactor so
# that camel-sms comes from its freshly compiled classes
mvn -o -B -q -Dstyle.color=never -pl camel-sms-app -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$PWD/target/bench/classpath.txt"
CP="camel-sms-app/target/test-classes:camel-sms-app/target/classes:$(cat target/bench/classpath.txt)"
echo "nproc: $(nproc); $(java -version 2>&1 | head -1)"
exec java -Xmx256m -Dlog4j2.configurationFile=bench/log4j2-bench.properties -cp "$CP" \
    io.camelsms.bench.ClusterBenchmark "$@"
