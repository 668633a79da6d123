#!/usr/bin/env bash
# Cluster benchmark (not a test): throughput and p99 of stateless `tools/call count` on one node
# and on two clustered nodes, and the latency the data grid adds to each request. On this machine
# (2 cores) both nodes share the cores, so expect overhead, not gain.
#
# It creates a PostgreSQL database of its own (BENCH_DATABASE, dropped at the end; psql as the
# postgres role on 127.0.0.1, trust auth as on these machines), then
#   1. boots one node with nothing configured (the embedded grid) and loads it directly and
#      through nginx (the shipped bastion.conf, as the tests run it);
#   2. boots two nodes clustered over loopback the way the tests and the README do
#      (--clustermode tcpip, a cluster name of this run, --nohostaware) and loads node A directly
#      (its rate-limit counts go through the grid) and both through nginx, round-robin.
# The per-user rate limit is on but far above the load (BASTION_RATE_LIMIT_PER_MINUTE=1000000000),
# so every request counts in the grid as in production. Each case is warmed up first.
#
# Environment: BENCH_DURATION [10s], BENCH_CONNECTIONS ["1 16"], BENCH_WARMUP [20s],
#   BENCH_DATABASE [bastion_bench_cluster]
# Usage: mvn -B -q package -DskipTests && bench/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
duration=${BENCH_DURATION:-10s}
connections=${BENCH_CONNECTIONS:-1 16}
warmup=${BENCH_WARMUP:-20s}
database=${BENCH_DATABASE:-bastion_bench_cluster}
jar=target/payara-micro.jar
war=target/bastion.war
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
key=bst_bench-admin-0123456789abcdefghijklmnopqrstuvwxyz
work=$root/target/bench/cluster
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pids=()
nginx_pid=
stop_nodes() {
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pids=()
    nginx_pid=
}
finish() {
    stop_nodes
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $database" >/dev/null 2>&1 || true
}
trap finish EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x /usr/sbin/nginx ] || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }
rm -rf "$work" && mkdir -p "$work"
psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $database" >/dev/null
psql -q -h 127.0.0.1 -U postgres -c "create database $database owner bastion" >/dev/null
echo "cores: $(nproc), load average:$(uptime | sed 's/.*load average://') (other work on this machine skews every figure)"

# One node: node name, HTTP port, extra Payara Micro options...
node() {
    local name=$1 port=$2
    shift 2
    BASTION_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
    BASTION_DATASOURCE_CLASS=org.postgresql.ds.PGSimpleDataSource BASTION_DATASOURCE_USER=bastion \
    BASTION_DATASOURCE_PASSWORD=bastion BASTION_DATA_DIR="$work/$name" BASTION_DEMO_DATA=false \
    BASTION_ADMIN_API_KEY="$key" BASTION_RATE_LIMIT_PER_MINUTE=1000000000 BASTION_CLUSTER_NODE_NAME="$name" \
    env "${node_env[@]}" java -Xmx1g -jar "$jar" --deploy "$war" --contextroot / --port "$port" \
        --postbootcommandfile server-config/payara/post-boot-commands.asadmin "$@" >"$work/$name.log" 2>&1 &
    pids+=($!)
}
ready() { # port...
    for port in "$@"; do
        until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do
            for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "a node exited; see $work" >&2; exit 1; }; done
            sleep 2
        done
    done
}
balance() { # http ports...: nginx with the shipped configuration in front of them
    local dir=$work/nginx servers=
    mkdir -p "$dir"
    nginx_port=$(free_port)
    for port in "$@"; do servers="$servers    server 127.0.0.1:$port;"$'\n'; done
    python3 - "$servers" "$nginx_port" >"$dir/bastion.conf" <<'EOF'
import sys
site = open("server-config/nginx/bastion.conf").read()
print(site.replace("    server 127.0.0.1:8080;\n", sys.argv[1]).replace("listen 80;", "listen %s;" % sys.argv[2]))
EOF
    printf 'daemon off;\npid %s/nginx.pid;\nerror_log %s/error.log;\nevents {}\nhttp {\n access_log off;\n client_body_temp_path %s/body;\n proxy_temp_path %s/proxy;\n fastcgi_temp_path %s/fastcgi;\n uwsgi_temp_path %s/uwsgi;\n scgi_temp_path %s/scgi;\n include %s/bastion.conf;\n}\n' \
        "$dir" "$dir" "$dir" "$dir" "$dir" "$dir" "$dir" "$dir" >"$dir/nginx.conf"
    /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" &
    nginx_pid=$!
    sleep 1
}

headers=$'Content-Type: application/json\nAccept: application/json, text/event-stream'$'\n'"Authorization: Bearer $key"$'\nMCP-Protocol-Version: 2026-07-28\nMcp-Method: tools/call\nMcp-Name: count'
body='{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"count","arguments":{"model":"res.users"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientInfo":{"name":"bench","version":"1"},"io.modelcontextprotocol/clientCapabilities":{}}}}'
results=$work/results.tsv
: >"$results"
load() { # url, connections, duration -> RESULT fields
    local out
    out=$(WRK_BODY=$body WRK_HEADERS=$headers wrk -t"$(( $2 < 2 ? $2 : 2 ))" -c"$2" -d"$3" --timeout 10s \
        -s bench/wrk/post.lua "$1" 2>&1)
    grep -q '^RESULT ' <<<"$out" || { echo "wrk failed at $1: $out" >&2; exit 1; }
    sed -n 's/^RESULT //p' <<<"$out"
}
measure() { # case label, url
    load "$2" 16 "$warmup" >/dev/null
    for c in $connections; do
        read -r rps p50 p99 requests errors <<<"$(load "$2" "$c" "$duration")"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$c" "$rps" "$p50" "$p99" "$requests" "$errors" >>"$results"
        printf '  %-40s %3s conn: %8.0f requests/s  p50 %6.2f ms  p99 %7.2f ms  (%s errors)\n' "$1" "$c" "$rps" "$p50" "$p99" "$errors"
    done
}

echo "one node, nothing configured (embedded grid):"
node_env=()
a=$(free_port)
node single "$a" --nocluster
ready "$a"
balance "$a"
measure "1 node, direct" "http://127.0.0.1:$a/mcp"
measure "1 node, through nginx" "http://127.0.0.1:$nginx_port/mcp"
stop_nodes

echo "two nodes clustered over loopback (Payara's Hazelcast through JCache):"
node_env=(BASTION_CLUSTER_ENABLED=true)
a=$(free_port); b=$(free_port); ga=$(free_port); gb=$(free_port)
cluster=(--clustermode "tcpip:127.0.0.1:$ga,127.0.0.1:$gb" --clustername "bastion-bench-$$" --interfaces 127.0.0.1 --nohostaware)
node node-a "$a" "${cluster[@]}" --startport "$ga"
node node-b "$b" "${cluster[@]}" --startport "$gb"
ready "$a" "$b"
balance "$a" "$b"
measure "cluster node A, direct" "http://127.0.0.1:$a/mcp"
measure "2 nodes, through nginx" "http://127.0.0.1:$nginx_port/mcp"
stop_nodes

echo
python3 - "$results" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
r = {(x[0], x[1]): (float(x[2]), float(x[3]), float(x[4])) for x in rows}
for c in sorted({x[1] for x in rows}, key=int):
    one, clu = r.get(("1 node, direct", c)), r.get(("cluster node A, direct", c))
    n1, n2 = r.get(("1 node, through nginx", c)), r.get(("2 nodes, through nginx", c))
    if one and clu:
        print(f"{c:>3} connections: the grid adds {clu[1] - one[1]:+.2f} ms at p50 and {clu[2] - one[2]:+.2f} ms at p99 per"
              f" request (cluster node vs single node, direct); throughput {clu[0] / one[0]:.2f}x")
    if n1 and n2:
        print(f"{c:>3} connections: two nodes behind nginx give {n2[0] / n1[0]:.2f}x the requests/s of one"
              f" (p99 {n1[2]:.2f} -> {n2[2]:.2f} ms)")
EOF
