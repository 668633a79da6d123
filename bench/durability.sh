#!/usr/bin/env bash
# Durability benchmark (not a test): what it costs that the embedded H2 writes every commit to
# its file before answering (WRITE_DELAY=0, the default) instead of up to 500 ms later (H2's own
# default, which loses acknowledged writes on kill -9). Boots the built WAR twice on a fresh H2
# database, once per setting, and prints `create` tool calls per second (stateless 2026-07-28
# requests over HTTP, one partner each), for 1 client and for 4 parallel clients, after a warm-up.
# Usage: mvn -B -q package -DskipTests && bench/durability.sh [calls-per-client]
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-500}
jar=target/payara-micro.jar
war=target/bastion.war
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
port=${BENCH_PORT:-18082}
key=bst_bench-admin-0123456789abcdefghijklmnopqrstuvwxyz
data=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT

create() { # client number, call number
    curl -s -o /dev/null -w '%{http_code}\n' -X POST "http://localhost:$port/mcp" -H "Authorization: Bearer $key" \
        -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
        -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: tools/call' -H 'Mcp-Name: create' \
        -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"create\",\"arguments\":{\"model\":\"res.partner\",\"values\":{\"name\":\"Bench $1-$2\"}},\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}"
}
export -f create
export port key

rate() { # clients -> creates per second
    local clients=$1 start end
    start=$(date +%s.%N)
    seq 1 "$((clients * calls))" | xargs -P "$clients" -I{} bash -c 'create x {}' | grep -vc '^200$' >"$data/failed" || true
    end=$(date +%s.%N)
    [ "$(cat "$data/failed")" = 0 ] || { echo "$(cat "$data/failed") calls failed" >&2; exit 1; }
    echo "$clients * $calls / ($end - $start)" | bc -l
}

run() { # label, JDBC URL
    rm -rf "${data:?}"/db; mkdir -p "$data/db"
    BASTION_DATA_DIR="$data/db" BASTION_DATASOURCE_URL="$2" BASTION_ADMIN_API_KEY="$key" BASTION_RATE_LIMIT_PER_MINUTE=0 \
        java -jar "$jar" --deploy "$war" --contextroot / --nocluster --port "$port" \
        --postbootcommandfile server-config/payara/post-boot-commands.asadmin >"$data/server.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/health/ready")" = 200 ]; do
        kill -0 "$pid" 2>/dev/null || { echo "server exited; see log:" >&2; tail -50 "$data/server.log" >&2; exit 1; }
        sleep 0.5
    done
    calls=$((calls)) rate 4 >/dev/null # warm-up
    printf '%-40s 1 client %6.0f creates/s   4 clients %6.0f creates/s\n' "$1" "$(rate 1)" "$(rate 4)"
    kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}

echo "cores: $(nproc), java: $(java -version 2>&1 | head -1), $calls calls per client"
run "WRITE_DELAY=500 (H2's default, lossy)" "jdbc:h2:$data/db/bastion;AUTO_SERVER=TRUE"
run "WRITE_DELAY=0 (Bastion's default)" "jdbc:h2:$data/db/bastion;AUTO_SERVER=TRUE;WRITE_DELAY=0"
