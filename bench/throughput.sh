#!/usr/bin/env bash
# Throughput benchmark (not a test): one run that boots, side by side on this machine,
#   - Bastion from the built WAR (rate limit off, embedded H2 with the demo data, a fresh data
#     directory under target/bench/),
#   - on the same Payara Micro, a JAX-RS echo (bench/echo: parses a JSON-RPC body, answers a fixed
#     result; the platform's ceiling), built here with javac against the jakartaee-api jar,
#   - the official TypeScript SDK server (bench/ts-reference: @modelcontextprotocol/sdk 1.32.2,
#     Streamable HTTP, stateful, JSON responses, a trivial `count` tool), installed from npm into
#     bench/.cache/,
# warms every case up (the JIT needs tens of thousands of calls: warm-up rounds go on until a round's
# requests/s is within 10% of the one before, after at least BENCH_WARMUP_CALLS calls, for at most
# BENCH_WARMUP_MAX seconds), then loads each with wrk (Debian's; installed if missing) at each of
# BENCH_CONNECTIONS and prints requests/s, p50 and p99 and the ratios against the echo and the
# TypeScript reference at the same connection count, and the server's CPU time per request (user +
# system time of the serving process over the run, from /proc: unlike requests/s it hardly moves
# when other work shares the machine) with its ratios. Prints figures; asserts nothing.
#
# Environment (defaults in brackets):
#   BENCH_DURATION [10s]  length of each measured run     BENCH_CONNECTIONS ["1 16"]  connection counts
#   BENCH_THREADS [2]     wrk threads (capped at the connection count)
#   BENCH_WARMUP_CALLS [20000]  BENCH_WARMUP_MAX [45] (seconds per case)  BENCH_WARMUP_ROUND [3s]
#   BENCH_CASES [all]     the cases to run, by name (echo ts ping count count-json count-stateless search)
#   BENCH_PROFILE [off]   a case name: after the table, record that case's load on Bastion for 30 s with
#                         JFR and print the hottest frames (bench/hotspots.py)
#   BENCH_JAVA_OPTS       JVM options for Payara Micro (JDK_JAVA_OPTIONS)
#   BENCH_NICE            a nice value for the whole run (e.g. -10, as root) on a machine others load too
#   BENCH_WAR [target/bastion.war]  the Bastion WAR to measure (another build, for before/after figures)
# Usage: mvn -B -q package -DskipTests && bench/throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-1 16}
threads=${BENCH_THREADS:-2}
warmup_calls=${BENCH_WARMUP_CALLS:-20000}
warmup_max=${BENCH_WARMUP_MAX:-45}
warmup_round=${BENCH_WARMUP_ROUND:-3s}
cases=${BENCH_CASES:-echo ts ping count count-json count-stateless search}
profile=${BENCH_PROFILE:-}
jar=target/payara-micro.jar
war=${BENCH_WAR:-target/bastion.war}
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
api=$(ls ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar)
key=bst_bench-admin-0123456789abcdefghijklmnopqrstuvwxyz
work=$root/target/bench/throughput
cache=$root/bench/.cache/ts-reference
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
payara_port=$(free_port)
ts_port=$(free_port)
payara_pid=
ts_pid=
stop() {
    [ -n "$ts_pid" ] && kill "$ts_pid" 2>/dev/null
    [ -n "$payara_pid" ] && kill "$payara_pid" 2>/dev/null
    wait 2>/dev/null || true
}
trap stop EXIT
rm -rf "$work" && mkdir -p "$work/data" "$work/echo-war/WEB-INF/classes"
[ -n "${BENCH_NICE:-}" ] && renice -n "$BENCH_NICE" -p $$ >/dev/null

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
echo "cores: $(nproc), load average:$(uptime | sed 's/.*load average://'), java: $(java -version 2>&1 | head -1)," \
    "node: $(node --version), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"

# The echo WAR, deployed beside Bastion at /echo.
javac -nowarn -d "$work/echo-war/WEB-INF/classes" -cp "$api" bench/echo/src/bench/echo/*.java
jar --create --file "$work/echo.war" -C "$work/echo-war" .

# The TypeScript reference, installed once (again when its package.json changes).
mkdir -p "$cache"
if ! cmp -s bench/ts-reference/package.json "$cache/package.json" || [ ! -d "$cache/node_modules" ]; then
    cp bench/ts-reference/package.json "$cache/"
    (cd "$cache" && npm install --no-audit --no-fund --silent)
fi
cp bench/ts-reference/server.mjs "$cache/"

java_opts=${BENCH_JAVA_OPTS:-}
# JFR keeps 64 frames of a stack by default: Bastion's own frames sit below Jersey's and Weld's.
[ -n "$profile" ] && java_opts="$java_opts -XX:FlightRecorderOptions:stackdepth=512"
BASTION_DATA_DIR="$work/data" BASTION_RATE_LIMIT_PER_MINUTE=0 BASTION_DEMO_DATA=true \
    BASTION_ADMIN_API_KEY="$key" PORT="$payara_port" JDK_JAVA_OPTIONS="$java_opts" \
    java -jar "$jar" --deploy "$war" --contextroot / --deploy "$work/echo.war" --nocluster \
    --port "$payara_port" >"$work/payara.log" 2>&1 &
payara_pid=$!
node "$cache/server.mjs" "$ts_port" >"$work/ts.log" 2>&1 &
ts_pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$payara_port/health/ready")" = 200 ]; do
    kill -0 "$payara_pid" 2>/dev/null || { echo "Payara exited; see log:" >&2; tail -50 "$work/payara.log" >&2; exit 1; }
    sleep 1
done
kill -0 "$ts_pid" 2>/dev/null || { echo "the TypeScript reference exited:" >&2; cat "$work/ts.log" >&2; exit 1; }

bastion=http://127.0.0.1:$payara_port/mcp
ts=http://127.0.0.1:$ts_port/mcp
json=$'Content-Type: application/json\nAccept: application/json, text/event-stream'

# Initializes a 2025-11-25 session at url (extra headers as "Name: value" lines): prints the
# headers of its requests, each line after a newline.
session() { # url, extra headers
    local extra=() line id
    while IFS= read -r line; do [ -n "$line" ] && extra+=(-H "$line"); done <<<"$2"
    id=$(curl -s -D - -o /dev/null -X POST "$1" -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' "${extra[@]}" \
        -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
        | tr -d '\r' | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: //p')
    [ -n "$id" ] || { echo "initialize failed at $1" >&2; exit 1; }
    curl -s -o /dev/null -X POST "$1" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
        "${extra[@]}" -H "Mcp-Session-Id: $id" -H 'MCP-Protocol-Version: 2025-11-25' \
        -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
    [ -n "$2" ] && printf '\n%s' "$2"
    printf '\nMcp-Session-Id: %s\nMCP-Protocol-Version: 2025-11-25' "$id"
}
auth="Authorization: Bearer $key"
bastion_session=$(session "$bastion" "$auth")
ts_session=$(session "$ts" "")

call() { # tool, arguments JSON -> a tools/call body
    printf '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"%s","arguments":%s}}' "$1" "$2"
}
count_args='{"model":"res.partner"}'
search_args='{"model":"res.partner","fields":["name","email","phone","city","country_id"],"limit":80}'
stateless_meta='"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}'

# A case: its label, URL, headers and body.
define() { # name
    case $1 in
    echo) label="JAX-RS echo (ceiling)"; url="http://127.0.0.1:$payara_port/echo/mcp"; headers=$json
        body=$(call count "$count_args") ;;
    ts) label="TS SDK tools/call count"; url=$ts; headers="$json$ts_session"; body=$(call count "$count_args") ;;
    ping) label="Bastion ping (session)"; url=$bastion; headers="$json$bastion_session"
        body='{"jsonrpc":"2.0","id":1,"method":"ping"}' ;;
    count) label="Bastion count (session, SSE accept)"; url=$bastion; headers="$json$bastion_session"
        body=$(call count "$count_args") ;;
    count-json) label="Bastion count (session, JSON only)"; url=$bastion
        headers=$'Content-Type: application/json\nAccept: application/json'"$bastion_session"
        body=$(call count "$count_args") ;;
    count-stateless) label="Bastion count (stateless)"; url=$bastion
        headers="$json"$'\n'"$auth"$'\nMCP-Protocol-Version: 2026-07-28\nMcp-Method: tools/call\nMcp-Name: count'
        body="{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"count\",\"arguments\":$count_args,$stateless_meta}}" ;;
    search) label="Bastion search 80x5 (session)"; url=$bastion; headers="$json$bastion_session"
        body=$(call search "$search_args") ;;
    *) echo "unknown case $1" >&2; exit 1 ;;
    esac
}

# CPU time (user + system, in clock ticks) the process serving the current case used so far.
cpu_ticks() {
    local pid=$payara_pid
    [ "$name" = ts ] && pid=$ts_pid
    awk '{print $14 + $15}' "/proc/$pid/stat"
}

load() { # connections, duration -> RESULT fields: rps p50 p99 requests errors cpu-microseconds-per-request
    local t=$threads out before after
    [ "$t" -gt "$1" ] && t=$1
    before=$(cpu_ticks)
    out=$(WRK_BODY=$body WRK_HEADERS=$headers wrk -t"$t" -c"$1" -d"$2" --timeout 10s -s bench/wrk/post.lua "$url" 2>&1)
    after=$(cpu_ticks)
    grep -q '^RESULT ' <<<"$out" || { echo "wrk failed on $label: $out" >&2; exit 1; }
    sed -n 's/^RESULT //p' <<<"$out" | awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" \
        '{ printf "%s %.0f\n", $0, ($4 > 0 ? ticks * 1000000 / hz / $4 : 0) }'
}

check() { # one call with curl: the answer must be a result, not an error
    local extra=() line out
    while IFS= read -r line; do [ -n "$line" ] && extra+=(-H "$line"); done <<<"$headers"
    out=$(curl -s -X POST "$url" "${extra[@]}" -d "$body")
    if ! grep -q '"result"' <<<"$out" || grep -q '"isError":true' <<<"$out"; then
        echo "$label: unexpected answer: ${out:0:400}" >&2
        exit 1
    fi
}

warm() {
    local start=$SECONDS total=0 previous=0 out rps requests
    while :; do
        out=$(load 16 "$warmup_round")
        read -r rps _ _ requests _ <<<"$out"
        total=$((total + requests))
        if [ "$total" -ge "$warmup_calls" ] && python3 -c "import sys; sys.exit(0 if abs($rps - $previous) <= 0.1 * $rps else 1)"; then
            break
        fi
        [ $((SECONDS - start)) -ge "$warmup_max" ] && break
        previous=$rps
    done
    printf '  warm-up %-38s %7d calls in %3d s, last round %8.0f requests/s\n' "$label:" "$total" $((SECONDS - start)) "$rps"
}

results=$work/results.tsv
: >"$results"
# Every case is warmed up before any is measured: they share most of the JVM's code, and the JIT
# (slower still on a loaded machine) would otherwise favour the cases measured last.
echo "warming up:"
for name in $cases; do
    define "$name"
    check
    warm
done
echo "measuring (each run $duration; connections: $connections)"
for name in $cases; do
    define "$name"
    for c in $connections; do
        out=$(load "$c" "$duration")
        read -r rps p50 p99 requests errors cpu <<<"$out"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$label" "$c" "$rps" "$p50" "$p99" "$requests" "$errors" \
            "$cpu" >>"$results"
    done
done

echo
python3 - "$results" <<'EOF'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
by = {(r[0], r[2]): float(r[3]) for r in rows}
cpu = {(r[0], r[2]): float(r[8]) for r in rows}
def ratio(rps, base, c):
    b = by.get((base, c))
    return "%.2f" % (rps / b) if b else "-"
def cpu_ratio(us, base, c):
    b = cpu.get((base, c))
    return "%.2f" % (b / us) if b and us else "-"
# "by CPU" ratios compare the CPU each server spends per request (base / this): 1.00 means as cheap.
print("| case | conns | requests/s | p50 ms | p99 ms | errors | x echo | x TS | CPU us/req | x echo by CPU | x TS by CPU |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for name, label, c, rps, p50, p99, requests, errors, us in rows:
    rps, us = float(rps), float(us)
    print("| %s | %s | %.0f | %s | %s | %s | %s | %s | %.0f | %s | %s |" % (label, c, rps, p50, p99, errors,
          ratio(rps, "echo", c), ratio(rps, "ts", c), us, cpu_ratio(us, "echo", c), cpu_ratio(us, "ts", c)))
EOF
echo "(load average at the end:$(uptime | sed 's/.*load average://'))"

if [ -n "$profile" ]; then
    define "$profile"
    jfr=$work/profile.jfr
    echo
    echo "JFR: $label at 16 connections for 30 s"
    jcmd "$payara_pid" JFR.start name=bench settings=profile duration=30s filename="$jfr" >/dev/null
    load 16 31s >/dev/null
    for _ in $(seq 1 30); do [ -s "$jfr" ] && break; sleep 1; done
    jfr print --json --stack-depth 512 --events jdk.ExecutionSample "$jfr" >"$work/profile.json"
    python3 bench/hotspots.py "$work/profile.json"
fi
