#!/usr/bin/env bash
# Volume benchmark (not a test): boots the built WAR on a fresh embedded H2 database, lets the
# volume loader generate <partners>,<orders> (default 1000000,200000), then times searches with
# the `search` tool over HTTP (stateless 2026-07-28 requests, limit 80, domains on indexed
# fields; rate limit off) and counts the SQL statements of one call that reads 80 orders with
# their partner names (H2's trace file, switched on for that call only). Prints figures; asserts nothing.
# With BASTION_DATASOURCE_URL/_CLASS/_USER/_PASSWORD set (an empty PostgreSQL database, and
# BASTION_DEMO_DATA=true for the products the orders need) it measures PostgreSQL instead,
# without the statement count.
# Generating a million partners takes minutes: with BENCH_DATA_DIR=<dir> the H2 database lives
# in <dir> and is kept; `existing` as the volume reuses a database that already holds it (the
# H2 one in BENCH_DATA_DIR, or the PostgreSQL one BASTION_DATASOURCE_URL names) and only times.
# BENCH_WAR=<war> times another build (for before/after figures).
# Usage: mvn -B -q package -DskipTests && bench/volume.sh [partners,orders|existing] [calls]
set -euo pipefail
cd "$(dirname "$0")/.."
volume=${1:-1000000,200000}
calls=${2:-100}
jar=target/payara-micro.jar
war=${BENCH_WAR:-target/bastion.war}
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
h2=$(ls ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar)
port=${BENCH_PORT:-18081}
key=bst_bench-admin-0123456789abcdefghijklmnopqrstuvwxyz
if [ -n "${BENCH_DATA_DIR:-}" ]; then
    mkdir -p "$BENCH_DATA_DIR"
    data=$(cd "$BENCH_DATA_DIR" && pwd)
    keep=true
else
    data=$(mktemp -d)
    keep=false
fi
if [ "$volume" = existing ]; then
    [ -n "${BASTION_DATASOURCE_URL:-}" ] || [ -f "$data/bastion.mv.db" ] \
        || { echo "existing: no H2 database in BENCH_DATA_DIR ($data)" >&2; exit 1; }
elif [ -f "$data/bastion.mv.db" ]; then
    echo "$data already holds a database: use 'existing', or another BENCH_DATA_DIR" >&2; exit 1
fi
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait; [ "$keep" = true ] || rm -rf "$data"' EXIT

echo "cores: $(nproc), java: $(java -version 2>&1 | head -1), volume: $volume, database: ${BASTION_DATASOURCE_URL:-embedded H2}"
# Created before the launch: the wait below greps it before the server may have opened it.
: >"$data/server.log"
if [ "$volume" = existing ]; then
    BASTION_DATA_DIR="$data" BASTION_ADMIN_API_KEY="$key" BASTION_RATE_LIMIT_PER_MINUTE=0 \
        java -jar "$jar" --deploy "$war" --contextroot / --nocluster --port "$port" >"$data/server.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/health/ready")" = 200 ]; do
        kill -0 "$pid" 2>/dev/null || { echo "server exited; see log:" >&2; tail -50 "$data/server.log" >&2; exit 1; }
        sleep 2
    done
else
    BASTION_DATA_DIR="$data" BASTION_DEMO_VOLUME="$volume" BASTION_ADMIN_API_KEY="$key" BASTION_RATE_LIMIT_PER_MINUTE=0 \
        java -jar "$jar" --deploy "$war" --contextroot / --nocluster --port "$port" >"$data/server.log" 2>&1 &
    pid=$!
    until grep -q 'Volume loader: .* total' "$data/server.log"; do
        kill -0 "$pid" 2>/dev/null || { echo "server exited; see log:" >&2; tail -50 "$data/server.log" >&2; exit 1; }
        grep -q 'Volume loader failed' "$data/server.log" && { grep -A5 'Volume loader failed' "$data/server.log" >&2; exit 1; }
        sleep 5
    done
    grep -o 'Volume loader: .* total [0-9.]* s' "$data/server.log"
fi

call() { # tool, arguments JSON -> response body
    curl -s -X POST "http://localhost:$port/mcp" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2026-07-28' \
        -H 'Mcp-Method: tools/call' -H "Mcp-Name: $1" \
        -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"$1\",\"arguments\":$2,\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}"
}

time_search() { # label, arguments JSON
    local label=$1 args=$2 out
    out=$(call search "$args")
    echo "$out" | grep -q '"isError":false' || { echo "$label failed: ${out:0:300}" >&2; exit 1; }
    for _ in $(seq 1 10); do call search "$args" >/dev/null; done
    for _ in $(seq 1 "$calls"); do
        curl -s -o /dev/null -w '%{time_total}\n' -X POST "http://localhost:$port/mcp" -H "Authorization: Bearer $key" \
            -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
            -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/call' -H 'Mcp-Name: search' \
            -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"search\",\"arguments\":$args,\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}"
    done | sort -n | awk -v label="$label" -v total="$(echo "$out" | grep -o '\\"total\\":[0-9a-z]*' | head -1 | sed 's/.*://')" '
        function at(q,  i) { i = int(NR * q) + 1; return t[i > NR ? NR : i] }
        { t[NR] = $1 * 1000 }
        END { printf "%-52s total %8s  ms: min %6.1f  p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f\n", label, total, t[1], at(0.5), at(0.95), at(0.99), t[NR] }'
}

echo "search tool, limit 80, $calls calls each (after 11 warm-up calls):"
time_search "res.partner email = (one match)" '{"model":"res.partner","domain":[["email","=","partner654321@volume.example"]],"fields":["name","email"],"limit":80}'
time_search "res.partner name =like 'Volume Partner 12345%'" '{"model":"res.partner","domain":[["name","=like","Volume Partner 12345%"]],"fields":["name"],"limit":80}'
time_search "res.partner customer_rank >= 3, order id desc" '{"model":"res.partner","domain":[["customer_rank",">=",3]],"fields":["name","customer_rank"],"order":"id desc","limit":80}'
time_search "sale.order state = sale, newest first, with partner" '{"model":"sale.order","domain":[["state","=","sale"]],"fields":["name","partner_id","amount_total"],"order":"date_order desc","limit":80}'

[ -n "${BASTION_DATASOURCE_URL:-}" ] && exit 0
java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:$data/bastion;AUTO_SERVER=TRUE" -user bastion -password bastion \
    -sql "SET TRACE_LEVEL_FILE 3" >/dev/null
before=$(wc -l < "$data/bastion.trace.db")
call search '{"model":"sale.order","fields":["name","partner_id","user_id","amount_total"],"order":"date_order desc","limit":80}' >/dev/null
after=$(wc -l < "$data/bastion.trace.db")
java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:$data/bastion;AUTO_SERVER=TRUE" -user bastion -password bastion \
    -sql "SET TRACE_LEVEL_FILE 0" >/dev/null
statements=$(sed -n "$((before + 1)),${after}p" "$data/bastion.trace.db" | grep -c '^/\*SQL' || true)
echo "SQL statements of one search call reading 80 orders with partner and salesperson names (authentication included): $statements"
