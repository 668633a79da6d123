#!/usr/bin/env bash
# Open-streams benchmark (not a test): boots the built WAR (rate limit off, a fresh embedded H2
# with the demo data under target/bench/), then has bench/streams/HoldStreams.java hold
# BENCH_STREAMS GET streams on /mcp at once and prints the server's heap in use after a full GC
# (jcmd GC.run, GC.heap_info) and its live threads (/proc/<pid>/status), three times: after boot,
# once the sessions exist, while the streams are open. Mode "session": one 2025-11-25 session per
# stream, then its GET stream; mode "legacy": 2024-11-05 HTTP+SSE GETs. One boot per mode.
# Targets (issue 12): at most 1 GB of heap for 10,000 streams, no thread per stream.
# Prints figures; asserts nothing.
# Environment: BENCH_STREAMS [10000], BENCH_STREAMS_MODES ["session legacy"], BENCH_HOLD [20]
#   (seconds the streams stay open before the figures: past one 15 s keep-alive round),
#   BENCH_JAVA_OPTS (JVM options for Payara Micro).
# Usage: mvn -B -q package -DskipTests && bench/streams.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
count=${BENCH_STREAMS:-10000}
modes=${BENCH_STREAMS_MODES:-session legacy}
hold=${BENCH_HOLD:-20}
jar=target/payara-micro.jar
war=target/bastion.war
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
key=bst_bench-admin-0123456789abcdefghijklmnopqrstuvwxyz
streams_dir=$root/target/bench/streams
# Each stream is a socket on both sides (and the server keeps its jars open).
ulimit -n "$(ulimit -Hn)"
[ "$(ulimit -n)" -gt $((count + 2000)) ] || { echo "ulimit -n $(ulimit -n) is too low for $count streams" >&2; exit 1; }
pid=
client=
work=
stop() {
    exec 3>&-
    if [ -n "$client" ]; then kill "$client" 2>/dev/null || true; fi
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
    wait 2>/dev/null || true
    pid=
    client=
}
trap stop EXIT

figures() { # label: prints, and sets, heap (KB in use after a full GC) and threads (live)
    jcmd "$pid" GC.run >/dev/null
    heap=$(jcmd "$pid" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | grep -o '[0-9]*')
    threads=$(sed -n 's/^Threads:\s*//p' "/proc/$pid/status")
    printf '  %-34s heap used %7.1f MB, threads %4d\n' "$1" "$(echo "$heap / 1024" | bc -l)" "$threads"
}

await() { # line prefix in the client's output, seconds
    for _ in $(seq 1 "$2"); do
        grep -q "^$1" "$work/client.out" && { grep "^$1" "$work/client.out"; return; }
        kill -0 "$client" 2>/dev/null || { echo "client exited:" >&2; cat "$work/client.out" "$work/client.err" >&2; exit 1; }
        sleep 1
    done
    echo "no '$1' from the client after $2 s" >&2
    exit 1
}

echo "cores: $(nproc), java: $(java -version 2>&1 | head -1), streams: $count, ulimit -n: $(ulimit -n)"
for mode in $modes; do
    work=$streams_dir/$mode
    rm -rf "$work" && mkdir -p "$work/data"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    BASTION_DATA_DIR="$work/data" BASTION_RATE_LIMIT_PER_MINUTE=0 BASTION_DEMO_DATA=true \
        BASTION_ADMIN_API_KEY="$key" PORT="$port" JDK_JAVA_OPTIONS="${BENCH_JAVA_OPTS:-}" \
        java -jar "$jar" --deploy "$war" --contextroot / --nocluster --port "$port" >"$work/payara.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do
        kill -0 "$pid" 2>/dev/null || { echo "server exited; see log:" >&2; tail -50 "$work/payara.log" >&2; exit 1; }
        sleep 1
    done
    echo "mode $mode:"
    figures "after boot"
    heap0=$heap threads0=$threads
    # One request alone first: the first requests of an API key record its last use, and
    # concurrent ones collide there (see the report of issue 12's benchmarks).
    curl -s -o /dev/null -X POST "http://127.0.0.1:$port/mcp" -H "Authorization: Bearer $key" \
        -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
        -H 'MCP-Protocol-Version: 2026-07-28' -H 'Mcp-Method: server/discover' \
        -d '{"jsonrpc":"2.0","id":1,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}'
    mkfifo "$work/control"
    java bench/streams/HoldStreams.java "http://127.0.0.1:$port/mcp" "$key" "$count" "$mode" \
        <"$work/control" >"$work/client.out" 2>"$work/client.err" &
    client=$!
    exec 3>"$work/control"
    line=$(await SESSIONS 600)
    echo "  client: $line$(sed 's/^/; /' "$work/client.err" | tr -d '\n')"
    seen=$(wc -l <"$work/client.err")
    figures "with the sessions, no stream"
    heap1=$heap
    echo go >&3
    line=$(await OPEN 600)
    echo "  client: $line$(tail -n +$((seen + 1)) "$work/client.err" | sed 's/^/; /' | tr -d '\n')"
    sleep "$hold"
    figures "with the streams open ($hold s)"
    heap2=$heap threads2=$threads
    echo "  live threads by name (digits as #), the most numerous:"
    jcmd "$pid" Thread.print >"$work/threads.txt"
    sed -n 's/^"\([^"]*\)".*/\1/p' "$work/threads.txt" | sed 's/[0-9]\+/#/g' | sort | uniq -c | sort -rn \
        | head -5 | sed 's/^/    /'
    # A thread that serves a stream would sit in a write or a wait of its own, not in its pool's getTask.
    awk '/^Found one Java-level deadlock/ { exit } /^"/ { if (name) print name, idle; name = $0; idle = 0 }
        /getTask/ { idle = 1 } END { print name, idle }' \
        "$work/threads.txt" | awk '/http-thread-pool|ManagedExecutorService/ { n++; busy += 1 - $NF }
            END { printf "  of which %d HTTP and managed-executor pool threads, %d not idle in their pool\n", n, busy }'
    if grep -q 'Found one Java-level deadlock' "$work/threads.txt"; then
        echo "  the JVM reports a deadlock: see $work/threads.txt"
    fi
    echo go >&3
    line=$(await STILL-OPEN 30)
    echo "  client: $line"
    printf '  per stream: %.1f KB of heap (%.1f KB with its session), %+d threads in all\n' \
        "$(echo "($heap2 - $heap1) / $count" | bc -l)" "$(echo "($heap2 - $heap0) / $count" | bc -l)" \
        $((threads2 - threads0))
    stop
done
