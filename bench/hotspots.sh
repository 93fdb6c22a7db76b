#!/usr/bin/env bash
# Where the time goes in a JFR recording: the top frames of the execution samples (self time), and the top
# io.camelsms / camel / jackson / h2 / libphonenumber frames anywhere on the stack (inclusive time).
#
#   JFR=target/bench/route.jfr bench/run.sh 1000000 route-pwapi     # record
#   bench/hotspots.sh target/bench/route.jfr [top]                 # read
set -euo pipefail
FILE="$1"
TOP="${2:-25}"
jfr summary "$FILE" | grep -E "Start|Duration|jdk.ExecutionSample|jdk.ObjectAllocationSample|jdk.GarbageCollection " || true
jfr print --events jdk.ExecutionSample --stack-depth 64 "$FILE" > "${FILE%.jfr}.samples.txt"
python3 - "${FILE%.jfr}.samples.txt" "$TOP" <<'PY'
import re, sys, collections
path, top = sys.argv[1], int(sys.argv[2])
samples, self_count, incl = 0, collections.Counter(), collections.Counter()
thread_count = collections.Counter()
frame = re.compile(r'^\s+([\w$.<>/]+)\(.*line: \d+')
stack, thread = [], None
def flush():
    global samples
    if not stack:
        return
    samples += 1
    thread_count[thread] += 1
    self_count[stack[0]] += 1
    for m in set(stack):
        incl[m] += 1
for line in open(path, encoding='utf-8', errors='replace'):
    if line.startswith('jdk.ExecutionSample'):
        flush(); stack, thread = [], None
    elif 'sampledThread' in line:
        thread = line.split('=', 1)[1].strip().split('"')[1] if '"' in line else line.strip()
    else:
        m = frame.match(line)
        if m:
            stack.append(m.group(1))
flush()
print(f"\n{samples} execution samples; by thread:")
for t, c in thread_count.most_common(8):
    print(f"  {100*c/samples:5.1f}%  {t}")
print(f"\ntop {top} frames by self time:")
for m, c in self_count.most_common(top):
    print(f"  {100*c/samples:5.1f}%  {m}")
print(f"\ntop {top} methods by inclusive time (on the stack):")
keep = ('io.camelsms', 'org.apache.commons.csv', 'com.google.i18n', 'com.fasterxml', 'org.h2', 'java.net.http',
        'jdk.internal.net.http', 'java.security', 'sun.security', 'org.apache.camel', 'java.util.regex')
for m, c in [x for x in incl.most_common() if x[0].startswith(keep)][:top]:
    print(f"  {100*c/samples:5.1f}%  {m}")
PY
