#!/usr/bin/env bash
# Startup benchmark (not a test): boots the built WAR on Payara Micro with a fresh embedded
# database, prints the seconds from launch to the first 200 on /health/ready and to the first
# 200 on a warm restart (same database), then stops the server.
# Usage: mvn -B -q package -DskipTests && bench/startup.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
jar=target/payara-micro.jar
war=target/bastion.war
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
port=${BENCH_PORT:-18080}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT

boot() {
    local start end pid
    start=$(date +%s.%N)
    BASTION_DATA_DIR="$data" java -jar "$jar" --deploy "$war" --contextroot / --nocluster \
        --port "$port" >"$data/server.log" 2>&1 &
    pid=$!
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/health/ready")" = 200 ]; do
        kill -0 "$pid" 2>/dev/null || { echo "server exited; see log:" >&2; tail -50 "$data/server.log" >&2; exit 1; }
        sleep 0.1
    done
    end=$(date +%s.%N)
    kill "$pid"; wait "$pid" 2>/dev/null || true
    echo "$end - $start" | bc
}

echo "cores: $(nproc), java: $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$runs"); do
    rm -rf "${data:?}"/*
    cold=$(boot)
    warm=$(boot)
    printf 'run %d: fresh database %.1f s, restart on existing database %.1f s\n' "$i" "$cold" "$warm"
done
