-- wrk script for `make bench`: GET /v1/courses?q=..., no login, cycling the diacritic-free searches of
-- BENCH_PATHS (comma-separated request paths, already URL-encoded); each thread starts at its own query.
-- Prints one JSON line like enrol.lua: "non2xx" counts answers other than 2xx ("next" is unused: 0).
local paths = {}
for path in string.gmatch(os.getenv("BENCH_PATHS") or "", "[^,]+") do paths[#paths + 1] = path end
local threads, n = {}, 0

function setup(thread)
  n = n + 1
  thread:set("id", n)
  table.insert(threads, thread)
end

function init(args)
  k = id * 7
  non2xx = 0
end

function request()
  k = k + 1
  return wrk.format("GET", paths[k % #paths + 1])
end

function response(status, hdrs, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local e, bad = summary.errors, 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"p50_ms":%.2f,"p99_ms":%.2f,"p999_ms":%.2f,"errors":%d,"non2xx":%d,"next":0}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, e.connect + e.read + e.write + e.timeout, bad))
end
