#!/usr/bin/env bash
# Proves the guide's Camel JBang command: `camel run jbang-notify.yaml --dep=io.camelsms:camel-sms:<version>`
# sends an SMS through painel:send to a sandbox started from the library jar. Run by .ci/run after mvn verify.
set -euo pipefail
cd "$(dirname "$0")/../../../.."
here=camel-sms/src/it/jbang
work=camel-sms/target/jbang-check
mkdir -p "$work"
version=$(sed -n 's|^    <version>\(.*\)</version>|\1|p' pom.xml | head -1)

# the library in the local repository, where --dep finds it, and the classpaths of the sandbox and of Camel JBang
mvn -B -q -Dstyle.color=never install -pl camel-sms -am -DskipTests -Dinvoker.skip=true
mvn -B -q -Dstyle.color=never dependency:build-classpath -pl camel-sms -Dmdep.outputFile="$PWD/$work/library-cp.txt"
mvn -B -q -Dstyle.color=never -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$PWD/$work/jbang-cp.txt"

# a free loopback port for the sandbox
port=""
for _ in $(seq 1 50); do
    candidate=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "jbang check: no free port found" >&2; exit 1; }

java -cp "camel-sms/target/camel-sms-$version.jar:$(cat "$work/library-cp.txt")" io.camelsms.sandbox.Sandbox \
    --port "$port" > "$work/sandbox.log" 2>&1 &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.2
done

cd "$work"
cp "../../src/test/resources/guide/jbang-notify.yaml" .
java -cp "$(cat jbang-cp.txt)" "../../src/it/jbang/Camel.java" run jbang-notify.yaml \
    --dep="io.camelsms:camel-sms:$version" --prop="sandbox.url=http://127.0.0.1:$port" \
    --max-messages=1 --max-seconds=120 > jbang.log 2>&1 || true
if grep -q "notify: 1 accepted" jbang.log; then
    echo "jbang check: camel run --dep=io.camelsms:camel-sms:$version sent through painel:send to the sandbox"
else
    echo "jbang check FAILED: no 'notify: 1 accepted' in $work/jbang.log" >&2
    tail -40 jbang.log >&2
    exit 1
fi
