#!/usr/bin/env bash
# Audit screen benchmark (not a test): boots the built WAR on a fresh embedded H2 database (or on
# the empty PostgreSQL database BASTION_DATASOURCE_URL/_CLASS/_USER/_PASSWORD name, with psql on
# PATH), inserts <entries> audit entries by SQL (default 1,000,000, one every 0.6 s over the last
# 7 days: five users, ten tools, sessions of 200 requests, a few errors and refusals), signs in to
# the console as admin and times opening the audit screen (GET /admin/audit.xhtml: the count of
# the last 24 hours and the newest 25 entries, rendered) and the dashboard for each period.
# The entries are counted into the dashboard's per-minute and per-hour totals by the statements
# the migration V90 backfills them with, as an upgrade of a database already holding them would.
# Prints min, median and max of <runs> (default 10) after two warm-up requests; asserts nothing.
# The inserted rows are no valid chain: verify_chain reports them, which is not what is timed.
# Usage: mvn -B -q package -DskipTests && bench/audit-console.sh [entries] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
entries=${1:-1000000}
runs=${2:-10}
jar=target/payara-micro.jar
war=${BENCH_WAR:-target/bastion.war}
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
h2=$(ls ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar)
port=${BENCH_PORT:-18082}
password=bench-admin-password
data=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; wait; rm -rf "$data"' EXIT

echo "cores: $(nproc), java: $(java -version 2>&1 | head -1), entries: $entries, database: ${BASTION_DATASOURCE_URL:-embedded H2}"
: >"$data/server.log"
BASTION_DATA_DIR="$data" BASTION_ADMIN_PASSWORD="$password" BASTION_RATE_LIMIT_PER_MINUTE=0 \
    java -jar "$jar" --deploy "$war" --contextroot / --nocluster --port "$port" >"$data/server.log" 2>&1 &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/health/ready")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited; see log:" >&2; tail -50 "$data/server.log" >&2; exit 1; }
    sleep 2
done

now=$(date -u +'%Y-%m-%d %H:%M:%S')
columns="chain, seq, create_date, uid, login, api_key_id, api_key_prefix, session_id, protocol_version, client_name,
    client_version, method, request_id, target, model, record_ids, params, outcome, error_code, http_status, ip,
    user_agent, duration_ms, response_bytes, prev_hash, hash"
values="'bench', x, TIME, 6, 'user' || mod(x, 5), 1, 'bst_bench-' || mod(x, 5), 'session-' || (x / 200), '2025-11-25',
    'bench-client', '1', case when mod(x, 50) = 0 then 'initialize' else 'tools/call' end, cast(x as varchar(20)),
    'tool' || mod(x, 10), 'res.partner', null, '{\"name\":\"search\",\"arguments\":{\"model\":\"res.partner\"}}',
    case when mod(x, 97) = 0 then 'unauthorized' when mod(x, 40) = 0 then 'tool_error' else 'ok' end, null, 200,
    '10.0.' || mod(x, 7) || '.1', 'bench', mod(x, 300), 500, 'p', 'h'"
chain="insert into mcp_audit_chain (chain, node, started_at, anchor_seq, anchor_hash, head_seq, head_hash)
    values ('bench', 'bench', timestamp '$now', 0, '$(printf '0%.0s' $(seq 64))', $entries, 'h')"
h2time="dateadd(millisecond, -x * 600, timestamp '$now')"
pgtime="timestamp '$now' - x * interval '600 milliseconds'"
started=$(date +%s.%N)
if [ -n "${BASTION_DATASOURCE_URL:-}" ]; then
    pg=${BASTION_DATASOURCE_URL#jdbc:}
    psql "$pg" -U "${BASTION_DATASOURCE_USER:-bastion}" -q -c "$chain" \
        -c "insert into mcp_audit_log ($columns) select ${values/TIME/$pgtime} from generate_series(1, $entries) x" \
        -c "analyze mcp_audit_log"
else
    # In transactions of 50,000 rows: H2 keeps an open transaction's undo log, which one of a
    # million rows makes grow to gigabytes.
    inserts="$chain"
    for ((first = 1; first <= entries; first += 50000)); do
        last=$((first + 49999 < entries ? first + 49999 : entries))
        inserts="$inserts; insert into mcp_audit_log ($columns) select ${values/TIME/$h2time} from system_range($first, $last)"
    done
    java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:$data/bastion;AUTO_SERVER=TRUE" -user bastion -password bastion \
        -sql "$inserts" >/dev/null
fi
echo "inserted $entries entries in $(echo "$(date +%s.%N) - $started" | bc | cut -c1-6) s"
backfill=$(sed -n '/^-- backfill begin/,/^-- backfill end/{//!p}' src/main/resources/db/migration/common/V90__audit_totals.sql)
started=$(date +%s.%N)
if [ -n "${BASTION_DATASOURCE_URL:-}" ]; then
    psql "$pg" -U "${BASTION_DATASOURCE_USER:-bastion}" -q -c "$backfill" -c "analyze mcp_audit_totals"
else
    java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:$data/bastion;AUTO_SERVER=TRUE" -user bastion -password bastion \
        -sql "$backfill" >/dev/null
fi
echo "counted them into the totals in $(echo "$(date +%s.%N) - $started" | bc | cut -c1-6) s"

cookies="$data/cookies"
curl -s -o /dev/null -c "$cookies" -b "$cookies" -d username=admin -d "password=$password" "http://localhost:$port/admin/login"

time_page() { # label, path
    local label=$1 path=$2 times status
    status=$(curl -s -o "$data/page.html" -w '%{http_code}' -b "$cookies" "http://localhost:$port$path")
    [ "$status" = 200 ] || { echo "$label: HTTP $status" >&2; exit 1; }
    curl -s -o /dev/null -b "$cookies" "http://localhost:$port$path"
    times=$(for _ in $(seq 1 "$runs"); do
        curl -s -o /dev/null -w '%{time_total}\n' -b "$cookies" "http://localhost:$port$path"
    done | sort -n)
    printf '%-44s min %6.0f ms  median %6.0f ms  max %6.0f ms\n' "$label" \
        "$(echo "$times" | head -1 | awk '{print $1 * 1000}')" \
        "$(echo "$times" | awk -v n="$runs" 'NR == int((n + 1) / 2) {print $1 * 1000}')" \
        "$(echo "$times" | tail -1 | awk '{print $1 * 1000}')"
}
time_page "audit screen, first page (24 h, 25 rows)" /admin/audit.xhtml
grep -o '[0-9]*–[0-9]* of [0-9]*' "$data/page.html" | head -1 | sed 's/^/  paginator: /'
time_page "dashboard, last hour" "/admin/dashboard.xhtml?period=hour"
time_page "dashboard, last 24 hours" "/admin/dashboard.xhtml?period=day"
time_page "dashboard, last 7 days" "/admin/dashboard.xhtml?period=week"
