-- wrk script of bench/throughput.sh: POSTs WRK_BODY with the headers of WRK_HEADERS (one
-- "Name: value" a line). Each request gets an id of its own ("<thread>-<n>" in place of the
-- body's "id":1): requests in flight on one session must not share an id. A response counts as
-- an error when its status is 4xx/5xx or its body holds a JSON-RPC error or a tool error, so a
-- server that answers 200 with an error is not counted as fast. done() prints one line:
--   RESULT <requests/s> <p50 ms> <p99 ms> <requests> <errors>
-- (errors: the responses above plus connect, read, write and timeout errors).
local template = os.getenv("WRK_BODY")
local headers = {}
for line in string.gmatch(os.getenv("WRK_HEADERS") or "", "[^\n]+") do
    local name, value = line:match("^([^:]+):%s*(.-)%s*$")
    headers[name] = value
end
local before, after = template:match('^(.-"id":)1(.*)$')

local threads = {}
function setup(thread)
    thread:set("tid", #threads + 1)
    table.insert(threads, thread)
end

-- Globals, not locals: done() reads each thread's count with thread:get.
n = 0
failed = 0
function request()
    n = n + 1
    local body = template
    if before then
        body = before .. '"' .. tid .. "-" .. n .. '"' .. after
    end
    return wrk.format("POST", nil, headers, body)
end

function response(status, _, body)
    if status >= 400 or body:find('"error":', 1, true) or body:find('"isError":true', 1, true) then
        failed = failed + 1
    end
end

function done(summary, latency, _)
    local e = summary.errors
    local answered = 0
    for _, thread in ipairs(threads) do
        answered = answered + thread:get("failed")
    end
    io.write(string.format("RESULT %.1f %.2f %.2f %d %d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.requests, answered + e.connect + e.read + e.write + e.timeout))
end
