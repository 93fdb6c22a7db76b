#!/usr/bin/env bash
# Issue 9's benchmark: the file-to-sms route against a plain-Java baseline, in one JVM, on the same input.
#
#   bench/run.sh [rows] [scenario,...]        rows default 1000000; scenarios default all:
#       route-pwapi,route-pwapi-tracking,route-smsclouds,route-smsclouds-tracking,baseline,naive,sandbox,
#       phones,phones-libphonenumber (goal 2 of issue 17: the phone work alone, with and without the prefix cache),
#       ingest-painel-push,ingest-webcom-push,ingest-webcom-poll,ingest-smsclouds-push (goal 3: delivery reports,
#       and smsclouds' pushed replies, at the app's server, by bench/ingest.sh in its own JVM, INGEST_REPORTS reports
#       each, default 20000);
#   and only when named (an app run takes minutes, painel and webcom at 1M much longer here):
#       app-painel,app-webcom,app-pwapi (goal 4: the runnable jar end to end on [rows] rows, by bench/app.sh)
#
# Environment: HEAP (default 256m, the -Xmx and -Xms of the measured JVM: issue 9 caps the heap at 256 MB), JFR=<file.jfr> to record a flight recording
# (settings=profile), BENCH_OPTS for more JVM options (e.g. -Dbench.no-warmup=true; -Dbench.tracking=postgres puts
# the tracking scenarios' store on an embedded PostgreSQL instead of H2).
# Needs JDK 17 and Maven (dependencies come from ~/.m2, fetched once if missing). Output: the figures on stdout, warnings on stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS="${1:-1000000}"
SCENARIOS="${2:-}"
HEAP="${HEAP:-256m}"

mkdir -p target/bench
# the app module's test classpath (the benchmark classes live in camel-sms-app's tests), resolved in the reactor so
# that camel-sms comes from its freshly compiled classes
mvn -B -q -Dstyle.color=never -pl camel-sms-app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/target/bench/classpath.txt"
# then camel-http for the naive route (resolved from bench/naive-http-pom.xml, so the project does not depend on it)
mvn -B -q -Dstyle.color=never -f bench/naive-http-pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench/naive-http-classpath.txt"
CP="camel-sms-app/target/test-classes:camel-sms-app/target/classes:$(cat target/bench/classpath.txt):$(cat target/bench/naive-http-classpath.txt)"

JVM=(-Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -Dlog4j2.configurationFile=bench/log4j2-bench.properties)
if [[ -n "${JFR:-}" ]]; then
    JVM+=("-XX:StartFlightRecording=filename=${JFR},settings=profile,dumponexit=true")
fi
echo "nproc: $(nproc); $(java -version 2>&1 | head -1); heap -Xmx$HEAP"
# shellcheck disable=SC2086
# issue 17's ingest and app scenarios run in JVMs of their own, by their own scripts, after the route's
IN_JVM=() INGEST=() APPS=()
IFS=',' read -r -a REQUESTED <<< "$SCENARIOS"
for scenario in "${REQUESTED[@]}"; do
    case "$scenario" in
        ingest-*) INGEST+=("${scenario#ingest-}") ;;
        app-*) APPS+=("${scenario#app-}") ;;
        *) IN_JVM+=("$scenario") ;;
    esac
done
if [[ -z "$SCENARIOS" ]]; then
    INGEST=(painel-push webcom-push webcom-poll smsclouds-push)
fi
if [[ -z "$SCENARIOS" || ${#IN_JVM[@]} -gt 0 ]]; then
    # shellcheck disable=SC2086
    java "${JVM[@]}" ${BENCH_OPTS:-} -cp "$CP" io.camelsms.bench.FileToSmsBenchmark "$ROWS" \
        ${IN_JVM[@]+"$(IFS=','; echo "${IN_JVM[*]}")"}
fi
if [[ ${#INGEST[@]} -gt 0 ]]; then
    echo "== delivery-report ingest (bench/ingest.sh ${INGEST_REPORTS:-20000} ${INGEST[*]})"
    bench/ingest.sh "${INGEST_REPORTS:-20000}" "${INGEST[@]}"
fi
if [[ ${#APPS[@]} -gt 0 ]]; then
    echo "== the app end to end (bench/app.sh $ROWS ${APPS[*]})"
    bench/app.sh "$ROWS" "${APPS[@]}"
fi
