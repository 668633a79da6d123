-- wrk script of bench/throughput.sh: POSTs WRK_BODY with the headers of WRK_HEADERS (one
-- "Name: value" a line). done() prints one machine-readable line:
--   RESULT <requests/s> <p50 ms> <p99 ms> <requests> <errors>
-- (errors: non-2xx/3xx statuses, connect, read, write and timeout errors).
wrk.method = "POST"
wrk.body = os.getenv("WRK_BODY")
for line in string.gmatch(os.getenv("WRK_HEADERS") or "", "[^\n]+") do
    local name, value = line:match("^([^:]+):%s*(.-)%s*$")
    wrk.headers[name] = value
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.requests, e.status + e.connect + e.read + e.write + e.timeout))
end
