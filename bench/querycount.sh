#!/usr/bin/env bash
# Query-count benchmark (not a test): boots the built WAR on a fresh embedded H2 database with
# the demo data (400 orders over ~300 partners), then counts the SQL statements each of a few
# `search`/`read` tool calls sends to the database, from H2's trace file (switched on over a
# side connection after the warm-up, read between two marks around each call). The page size
# grows from 1 to 80 orders: a count that stays flat shows the many2one display names
# (partner, its parent company, salesperson) are loaded per relation, not per record.
# Counts include the call's authentication (API key, user, companies); the last call comes after
# the per-user groups cache (at most 30 s old) expired, so it reloads the groups too. Prints
# figures; asserts nothing. H2 only: the trace file is what counts the statements.
# Usage: mvn -B -q package -DskipTests && bench/querycount.sh [-v]   (-v: list the statements)
set -euo pipefail
cd "$(dirname "$0")/.."
verbose=${1:-}
jar=target/payara-micro.jar
war=target/bastion.war
[ -f "$jar" ] && [ -f "$war" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }
h2=$(ls ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar)
port=${BENCH_PORT:-18082}
key=bst_bench-admin-0123456789abcdefghijklmnopqrstuvwxyz
data=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$data"' EXIT

BASTION_DATA_DIR="$data" BASTION_DEMO_DATA=true BASTION_ADMIN_API_KEY="$key" \
    java -jar "$jar" --deploy "$war" --contextroot / --nocluster --port "$port" >"$data/server.log" 2>&1 &
pid=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$port/health/ready")" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { echo "server exited; see log:" >&2; tail -50 "$data/server.log" >&2; exit 1; }
    sleep 1
done

call() { # tool, arguments JSON -> response body
    curl -s -X POST "http://localhost:$port/mcp" -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2026-07-28' \
        -H 'Mcp-Method: tools/call' -H "Mcp-Name: $1" \
        -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"$1\",\"arguments\":$2,\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}"
}

trace() { # H2 trace level of the file: 0 off, 2 statements
    java -cp "$h2" org.h2.tools.Shell -url "jdbc:h2:$data/bastion;AUTO_SERVER=TRUE" -user bastion -password bastion \
        -sql "SET TRACE_LEVEL_FILE $1" >/dev/null
}

# One python3 pass over the call's slice of the trace: statement count, by table, optionally listed.
summarize() { # label, first line, last line
    sed -n "$2,$3p" "$data/bastion.trace.db" | python3 -c '
import re, sys, collections
label, verbose = sys.argv[1], sys.argv[2] == "-v"
statements = [l.rstrip() for l in sys.stdin if l.startswith("/*SQL")]
tables = collections.Counter(
    re.search(r"\*/\s*(?:.*?\b(?:FROM|UPDATE|INTO)\s+)?(\w+)", s, re.I).group(1).lower() for s in statements)
print("%-58s %3d statements: %s" % (label, len(statements), ", ".join("%s %d" % t for t in tables.items())))
if verbose:
    for s in statements:
        print("    " + s[:200])
' "$1" "$verbose"
}

count() { # label, tool, arguments JSON
    local before after out
    before=$(wc -l < "$data/bastion.trace.db")
    out=$(call "$2" "$3")
    after=$(wc -l < "$data/bastion.trace.db")
    echo "$out" | grep -q '"isError":false' || { echo "$1 failed: ${out:0:300}" >&2; exit 1; }
    summarize "$1" "$((before + 1))" "$after"
}

search_orders() { # limit
    echo "{\"model\":\"sale.order\",\"fields\":[\"name\",\"partner_id\",\"user_id\",\"amount_total\"],\"order\":\"date_order desc\",\"limit\":$1}"
}

# Warm-up: the first calls load tool rows, groups and reference data into their caches.
for limit in 1 80; do call search "$(search_orders "$limit")" >/dev/null; done
ids=$(call search '{"model":"sale.order","fields":["name"],"order":"id","limit":80}' | python3 -c '
import json, sys
page = json.loads(json.load(sys.stdin)["result"]["content"][0]["text"])
print(json.dumps([r["id"] for r in page["records"]]))')
trace 2

echo "cores: $(nproc), java: $(java -version 2>&1 | head -1), database: embedded H2 with the demo data"
count "count res.partner (issue 12's throughput call)" count '{"model":"res.partner"}'
for limit in 1 10 40 80; do
    count "search sale.order, limit $limit, with partner and salesperson" search "$(search_orders "$limit")"
done
count "read 80 sale.order ids with partner and salesperson" read \
    "{\"model\":\"sale.order\",\"ids\":$ids,\"fields\":[\"name\",\"partner_id\",\"user_id\"]}"
count "search res.partner, limit 80, with parent and country" search \
    '{"model":"res.partner","fields":["name","parent_id","country_id"],"order":"id desc","limit":80}'
count "search account.move, limit 80, with partner" search \
    '{"model":"account.move","fields":["name","partner_id","state"],"limit":80}'
sleep 31
count "search sale.order, limit 80, groups cache expired (31 s)" search "$(search_orders 80)"
trace 0
