#!/usr/bin/env bash
# What a shared session costs per request (not a test): `ping` on a 2025-11-25 session, loaded
# with wrk, side by side on this machine:
#   - one node on the embedded grid (--nocluster, the default: the session's state in the node's
#     memory),
#   - the same session through each of two clustered nodes (Payara's Hazelcast over loopback,
#     TCP/IP member list, BASTION_CLUSTER_ENABLED=true): every request reads the session's state
#     from the grid; one node owns its partition (a local read), the other reads it over the
#     network, so the two rows show both cases.
# Each node has its own embedded H2 (the grid does not care; the same admin key on both). Every case
# is warmed up first. Prints requests/s, p50 and p99 and the extra p50 against the embedded node;
# asserts nothing. On a machine others load too, compare rows of one run only.
#
# Environment: BENCH_DURATION [10s], BENCH_CONNECTIONS [1 16], BENCH_WARMUP [15s] per case.
# Usage: mvn -B -q package -DskipTests && bench/session-grid.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-1 16}
warmup=${BENCH_WARMUP:-15s}
jar=target/payara-micro.jar
war=target/bastion.war
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
key=bst_bench-admin-0123456789abcdefghijklmnopqrstuvwxyz
work=$root/target/bench/session-grid
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pids=()
stop() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT
rm -rf "$work" && mkdir -p "$work"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
echo "cores: $(nproc), load average:$(uptime | sed 's/.*load average://'), java: $(java -version 2>&1 | head -1)"

start() { # name, http port, extra Micro options...; env CLUSTER=true|false
    local name=$1 port=$2
    shift 2
    mkdir -p "$work/$name"
    BASTION_DATA_DIR="$work/$name" BASTION_RATE_LIMIT_PER_MINUTE=0 BASTION_DEMO_DATA=false \
        BASTION_ADMIN_API_KEY="$key" BASTION_CLUSTER_ENABLED=$CLUSTER BASTION_CLUSTER_NODE_NAME=$name \
        java -Xmx1g -jar "$jar" --deploy "$war" --contextroot / --port "$port" \
        --postbootcommandfile server-config/payara/post-boot-commands.asadmin "$@" >"$work/$name.log" 2>&1 &
    pids+=($!)
}
ready() { # port
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health/ready")" = 200 ]; do sleep 1; done
}

single=$(free_port); a=$(free_port); b=$(free_port); grid_a=$(free_port); grid_b=$(free_port)
members="127.0.0.1:$grid_a,127.0.0.1:$grid_b"
cluster_name="bench-$RANDOM"
CLUSTER=false start single "$single" --nocluster
for n in a b; do
    port_var=$n; grid_var=grid_$n
    CLUSTER=true start "node-$n" "${!port_var}" --clustermode "tcpip:$members" --startport "${!grid_var}" \
        --clustername "$cluster_name" --interfaces 127.0.0.1 --nohostaware --name "node-$n"
done
for p in "$single" "$a" "$b"; do ready "$p"; done

session() { # base url -> the headers of the session's requests, one a line
    local id
    id=$(curl -s -D - -o /dev/null -X POST "$1/mcp" -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' -H "Authorization: Bearer $key" \
        -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}' \
        | tr -d '\r' | sed -n 's/^[Mm]cp-[Ss]ession-[Ii]d: //p')
    [ -n "$id" ] || { echo "initialize failed at $1" >&2; exit 1; }
    curl -s -o /dev/null -X POST "$1/mcp" -H 'Content-Type: application/json' -H "Authorization: Bearer $key" \
        -H 'Accept: application/json, text/event-stream' -H "Mcp-Session-Id: $id" -H 'MCP-Protocol-Version: 2025-11-25' \
        -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
    printf 'Content-Type: application/json\nAccept: application/json\nAuthorization: Bearer %s\nMcp-Session-Id: %s\nMCP-Protocol-Version: 2025-11-25' "$key" "$id"
}
single_session=$(session "http://127.0.0.1:$single")
shared_session=$(session "http://127.0.0.1:$a")
body='{"jsonrpc":"2.0","id":1,"method":"ping"}'

load() { # url headers connections duration -> rps p50 p99 requests errors
    local t=2 out
    [ "$t" -gt "$3" ] && t=$3
    out=$(WRK_BODY=$body WRK_HEADERS=$2 wrk -t"$t" -c"$3" -d"$4" --timeout 10s -s bench/wrk/post.lua "$1/mcp" 2>&1)
    grep -q '^RESULT ' <<<"$out" || { echo "wrk failed on $1: $out" >&2; exit 1; }
    sed -n 's/^RESULT //p' <<<"$out"
}
labels=("one node, embedded grid" "cluster, through node-a (created there)" "cluster, through node-b")
urls=("http://127.0.0.1:$single" "http://127.0.0.1:$a" "http://127.0.0.1:$b")
headers=("$single_session" "$shared_session" "$shared_session")
echo "warming up ($warmup each)"
for i in 0 1 2; do load "${urls[$i]}" "${headers[$i]}" 16 "$warmup" >/dev/null; done
printf '\n%-42s %5s %12s %9s %9s %8s %7s\n' "ping on a session" conns "requests/s" "p50 ms" "p99 ms" "+p50 ms" errors
for conns in $connections; do
    base=
    for i in 0 1 2; do
        read -r rps p50 p99 _ errors <<<"$(load "${urls[$i]}" "${headers[$i]}" "$conns" "$duration")"
        [ -z "$base" ] && base=$p50
        printf '%-42s %5s %12.0f %9.2f %9.2f %8.2f %7s\n' "${labels[$i]}" "$conns" "$rps" "$p50" "$p99" \
            "$(python3 -c "print($p50 - $base)")" "$errors"
    done
done
