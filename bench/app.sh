#!/usr/bin/env bash
# Issue 17, goal 4: the app end to end, as a user runs it. For each provider, the runnable jar
# (java -jar camel-sms-app/target/camel-sms-app-*-app.jar, the embedded sandbox with its callbacks) sends a generated
# file of N rows and exits once every message is final (sms.exit-when-done=true). Prints the time, the app's CPU
# seconds (user + system, the sandbox's included: it runs in the app), recipients/s, the peak RSS, the heap after a
# full GC at the start and at the end (sampled every 20 s; every sample in <provider>.samples), the sends that timed
# out (from the log), the embedded tracking store's size on disk, and checks every row was accepted and (painel,
# webcom) one report line per row.
#
#   bench/app.sh [rows] [provider ...]        rows default 1000000; providers default painel webcom pwapi
#
# Environment: APP_OPTS, the app's JVM options; default the README's (-Xmx512m); APP_OPTS= (empty) for the JVM's own
# defaults (on this 23 GB machine they let the heap grow past 1 GB of RSS while the live data stays in the hundreds).
set -euo pipefail
cd "$(dirname "$0")/.."
APP_OPTS="${APP_OPTS--Xmx512m}"

ROWS="${1:-1000000}"
shift || true
PROVIDERS=("$@")
[[ ${#PROVIDERS[@]} -gt 0 ]] || PROVIDERS=(painel webcom pwapi)

mvn -B -q -o -Dstyle.color=never -pl camel-sms-app -am package -DskipTests -Dinvoker.skip=true
JAR=$(ls camel-sms-app/target/camel-sms-app-*-app.jar | head -1)
WORK=$(mktemp -d -t camel-sms-app-bench.XXXXXX)
# valid Brazilian mobiles in the three styles users write, unique external ids (as FileToSmsBenchmark)
awk -v rows="$ROWS" 'BEGIN {
    srand(rows); print "# text: Sua fatura de junho esta disponivel. Pague pelo app ate o dia 10."; print "phone,name,external_id"
    split("11 21 31 41 51 61 71 81 91 27 47 85", areas, " ")
    for (i = 0; i < rows; i++) {
        area = areas[1 + int(rand() * 12)]; sub_ = sprintf("9%d%07d", 6 + int(rand() * 4), int(rand() * 10000000))
        if (i % 3 == 0) phone = "+55" area sub_
        else if (i % 3 == 1) phone = "(" area ") " substr(sub_, 1, 5) "-" substr(sub_, 6)
        else phone = area sub_
        printf "%s,Cliente %d,app-%d\n", phone, i, i
    }
}' > "$WORK/bench-recipients.csv"

heap_after_gc() { # used heap (MB) after a full GC of the JVM $1, empty if it is gone
    jcmd "$1" GC.run >/dev/null 2>&1 || return 0
    jcmd "$1" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); printf "%d", v / 1024 } }'
}

cpu_seconds() { # user + system CPU of the process $1 so far, empty if it is gone
    awk -v tck="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / tck }' "/proc/$1/stat" 2>/dev/null || true
}

echo "nproc: $(nproc); $(java -version 2>&1 | head -1); $ROWS rows; JVM options: ${APP_OPTS:-none, the JVM defaults}; work dir $WORK"
echo "| provider | rows | time (s) | app CPU (s) | recipients/s | peak RSS (MB) | heap after GC, start (MB) | heap after GC, end (MB) | sends timed out | tracking store on disk (MB) | exit | checks | the app's summary |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|"
for provider in "${PROVIDERS[@]}"; do
    data="$WORK/data-$provider"
    mkdir -p "$data/inbox"
    cp "$WORK/bench-recipients.csv" "$data/inbox/bench-recipients.csv"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    java ${APP_OPTS:-} -Dsms.provider="$provider" -Dsms.data-dir="$data" -Dsms.exit-when-done=true -jar "$JAR" \
        > "$WORK/$provider.log" 2>&1 &
    pid=$!
    peak_rss=0; first_heap=""; last_heap=""; cpu=""; next_heap=$(( $(date +%s) + 10 ))
    while kill -0 "$pid" 2>/dev/null; do
        rss=$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/$pid/status" 2>/dev/null || echo 0)
        (( rss > peak_rss )) && peak_rss=$rss
        c=$(cpu_seconds "$pid"); [[ -n "$c" ]] && cpu=$c
        if (( $(date +%s) >= next_heap )); then
            h=$(heap_after_gc "$pid")
            if [[ -n "$h" ]]; then
                [[ -z "$first_heap" ]] && first_heap=$h
                last_heap=$h
                echo "$(date +%T) heap after GC ${h} MB, RSS ${rss} MB, CPU ${cpu} s" >> "$WORK/$provider.samples"
            fi
            next_heap=$(( $(date +%s) + 20 ))
        fi
        sleep 1
    done
    wait "$pid" && code=0 || code=$?
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    summary=$(grep -o "done bench-recipients.csv: [^;]*" "$WORK/$provider.log" | tail -1 || true)
    timed_out=$(grep -c "no reply from .* within" "$WORK/$provider.log" || true)
    store_mb=$(du -sm "$data/tracking" 2>/dev/null | cut -f1)
    reports=$(cat "$data"/outbox/dlr-*.jsonl 2>/dev/null | grep -c "\"app-" || true)
    checks="every row accepted"
    [[ "$summary" == *"$ROWS rows read, $ROWS accepted"* ]] || checks="NOT every row accepted"
    if [[ "$provider" == painel || "$provider" == webcom ]]; then
        [[ "$reports" -eq "$ROWS" ]] && checks="$checks; a report line per row" || checks="$checks; $reports report lines, NOT one per row"
    fi
    printf "| %s | %d | %.1f | %s | %.0f | %d | %s | %s | %s | %s | %s | %s | %s |\n" "$provider" "$ROWS" "$seconds" \
        "${cpu:--}" "$(echo "$ROWS / $seconds" | bc -l)" "$peak_rss" "${first_heap:--}" "${last_heap:--}" \
        "$timed_out" "${store_mb:--}" "$code" "$checks" "${summary:-no summary}"
done
echo "app logs: $WORK/<provider>.log; every heap sample: $WORK/<provider>.samples"
