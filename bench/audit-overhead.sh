#!/usr/bin/env bash
# Audit overhead benchmark (not a test): what the audit trail costs on the request path. Boots
# Bastion twice from the built WAR, side by side, identical but for bastion.audit.enabled (true,
# false; through BASTION_AUDIT_ENABLED), both with the rate limit off, embedded H2 with the demo
# data and a fresh data directory under target/bench/. Warms each up (rounds until a round's
# requests/s is within 10% of the one before, after at least BENCH_WARMUP_CALLS calls, for at most
# BENCH_WARMUP_MAX seconds), then loads them in turns with wrk (Debian's; installed if missing):
# BENCH_ROUNDS rounds each, on and off alternating, so that whatever else runs on the machine weighs
# on both alike. After each round with audit on it waits BENCH_SETTLE for the writer to store its
# backlog, which would otherwise run under the next round. The call is stateless (2026-07-28)
# tools/call count {"model":"res.partner"}: one audit entry per request, no session. Prints each
# round, the median requests/s of each, their ratio and the entries the audited server stored.
# Prints figures; asserts nothing (issue 13's target: audit costs at most 10% on tools/call).
#
# Environment (defaults in brackets):
#   BENCH_DURATION [10s]  length of each measured round   BENCH_ROUNDS [3]  rounds per configuration
#   BENCH_CONNECTIONS [16]  BENCH_THREADS [2]  BENCH_SETTLE [5] (seconds)
#   BENCH_WARMUP_CALLS [20000]  BENCH_WARMUP_MAX [60] (seconds per server)  BENCH_WARMUP_ROUND [3s]
#   BENCH_JAVA_OPTS       JVM options for both Payara Micros (JDK_JAVA_OPTIONS)
# Usage: mvn -B -q package -DskipTests && bench/audit-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
duration=${BENCH_DURATION:-10s}
rounds=${BENCH_ROUNDS:-3}
connections=${BENCH_CONNECTIONS:-16}
threads=${BENCH_THREADS:-2}
settle=${BENCH_SETTLE:-5}
warmup_calls=${BENCH_WARMUP_CALLS:-20000}
warmup_max=${BENCH_WARMUP_MAX:-60}
warmup_round=${BENCH_WARMUP_ROUND:-3s}
jar=target/payara-micro.jar
war=target/bastion.war
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
key=bst_bench-admin-0123456789abcdefghijklmnopqrstuvwxyz
work=$root/target/bench/audit-overhead
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
declare -A port pid
stop() {
    for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop EXIT
rm -rf "$work" && mkdir -p "$work"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
echo "cores: $(nproc), load average:$(uptime | sed 's/.*load average://'), java: $(java -version 2>&1 | head -1)," \
    "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"

for audit in on off; do
    port[$audit]=$(free_port)
    mkdir -p "$work/$audit/data"
    enabled=true
    [ "$audit" = off ] && enabled=false
    BASTION_AUDIT_ENABLED=$enabled BASTION_DATA_DIR="$work/$audit/data" BASTION_RATE_LIMIT_PER_MINUTE=0 \
        BASTION_DEMO_DATA=true BASTION_ADMIN_API_KEY="$key" PORT="${port[$audit]}" JDK_JAVA_OPTIONS="${BENCH_JAVA_OPTS:-}" \
        java -jar "$jar" --deploy "$war" --contextroot / --nocluster --port "${port[$audit]}" \
        >"$work/$audit/payara.log" 2>&1 &
    pid[$audit]=$!
done
for audit in on off; do
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:${port[$audit]}/health/ready")" = 200 ]; do
        kill -0 "${pid[$audit]}" 2>/dev/null || { echo "Payara (audit $audit) exited; see log:" >&2
            tail -50 "$work/$audit/payara.log" >&2; exit 1; }
        sleep 1
    done
done

headers=$'Content-Type: application/json\nAccept: application/json, text/event-stream\n'"Authorization: Bearer $key"
headers+=$'\nMCP-Protocol-Version: 2026-07-28\nMcp-Method: tools/call\nMcp-Name: count'
meta='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}'
call() { # tool, arguments JSON -> a stateless tools/call body
    printf '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"%s","arguments":%s,%s}}' "$1" "$2" "$meta"
}
body=$(call count '{"model":"res.partner"}')

post() { # audit, body -> the answer
    local extra=() line
    while IFS= read -r line; do [ -n "$line" ] && extra+=(-H "$line"); done <<<"$headers"
    curl -s -X POST "http://127.0.0.1:${port[$1]}/mcp" "${extra[@]}" -d "$2"
}

load() { # audit, duration -> RESULT fields: rps p50 p99 requests errors
    local t=$threads out
    [ "$t" -gt "$connections" ] && t=$connections
    out=$(WRK_BODY=$body WRK_HEADERS=$headers wrk -t"$t" -c"$connections" -d"$2" --timeout 10s -s bench/wrk/post.lua \
        "http://127.0.0.1:${port[$1]}/mcp" 2>&1)
    grep -q '^RESULT ' <<<"$out" || { echo "wrk failed (audit $1): $out" >&2; exit 1; }
    sed -n 's/^RESULT //p' <<<"$out"
}

warm() { # audit
    local start=$SECONDS total=0 previous=0 out rps requests
    while :; do
        out=$(load "$1" "$warmup_round")
        read -r rps _ _ requests _ <<<"$out"
        total=$((total + requests))
        if [ "$total" -ge "$warmup_calls" ] && python3 -c "import sys; sys.exit(0 if abs($rps - $previous) <= 0.1 * $rps else 1)"; then
            break
        fi
        [ $((SECONDS - start)) -ge "$warmup_max" ] && break
        previous=$rps
    done
    printf '  warm-up audit %-3s %7d calls in %3d s, last round %8.0f requests/s\n' "$1" "$total" $((SECONDS - start)) "$rps"
}

echo "warming up:"
for audit in on off; do
    out=$(post "$audit" "$body")
    if ! grep -q '"result"' <<<"$out" || grep -q '"isError":true' <<<"$out"; then
        echo "audit $audit: unexpected answer: ${out:0:400}" >&2
        exit 1
    fi
    warm "$audit"
done
[ "$settle" -gt 0 ] && sleep "$settle"

results=$work/results.tsv
: >"$results"
echo "measuring ($rounds rounds each of $duration, $connections connections, on and off in turns):"
for round in $(seq 1 "$rounds"); do
    for audit in on off; do
        read -r rps p50 p99 requests errors <<<"$(load "$audit" "$duration")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$audit" "$rps" "$p50" "$p99" "$requests" "$errors" >>"$results"
        printf '  round %d audit %-3s %8.0f requests/s  p50 %s ms  p99 %s ms  errors %s\n' "$round" "$audit" "$rps" \
            "$p50" "$p99" "$errors"
        [ "$audit" = on ] && [ "$settle" -gt 0 ] && sleep "$settle"
    done
done

# What the audited server stored (and the other did not), counted over MCP like an administrator would.
entries() { # audit
    post "$1" "$(call count '{"model":"mcp.audit.log"}')" | python3 -c '
import json, sys
text = sys.stdin.read()
data = [l[5:].strip() for l in text.splitlines() if l.startswith("data:")] or [text]
print(json.loads(data[-1])["result"]["structuredContent"]["count"])'
}
echo
python3 - "$results" "$(entries on)" "$(entries off)" <<'EOF'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
rps = {a: [float(r[2]) for r in rows if r[1] == a] for a in ("on", "off")}
requests = {a: sum(int(r[5]) for r in rows if r[1] == a) for a in ("on", "off")}
on, off = statistics.median(rps["on"]), statistics.median(rps["off"])
print("| audit | median requests/s | rounds | requests | audit entries stored |")
print("|---|---:|---|---:|---:|")
print("| on | %.0f | %s | %d | %s |" % (on, " ".join("%.0f" % x for x in rps["on"]), requests["on"], sys.argv[2]))
print("| off | %.0f | %s | %d | %s |" % (off, " ".join("%.0f" % x for x in rps["off"]), requests["off"], sys.argv[3]))
print()
print("ratio on/off: %.3f (audit costs %.1f%% of the throughput of stateless tools/call count)" % (on / off, 100 * (1 - on / off)))
EOF
echo "(load average at the end:$(uptime | sed 's/.*load average://'))"
