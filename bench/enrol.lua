-- wrk script for `make bench`: POST /v1/enrolments, each request on the next unused (learner, offering) pair.
-- Pair k is (learner k // #offerings, offering k % #offerings): learners from BENCH_LEARNERS_FILE (one id a
-- line), offerings from BENCH_OFFERINGS (comma-separated); the run takes pairs BENCH_FIRST onwards, thread t
-- of BENCH_THREADS the pairs first + t - 1 + threads * m, so no two requests enrol the same learner on the
-- same offering (no 409s). A thread out of pairs stops. BENCH_MODE=health sends GET /health/live instead.
-- Prints one JSON line: "non2xx" counts answers other than 2xx, "next" is the first pair no thread took,
-- "ran_out" how many threads stopped for want of pairs (their run's rate is then not the path's rate).
local token, health = os.getenv("BENCH_TOKEN"), os.getenv("BENCH_MODE") == "health"
local offerings, learners = {}, {}
for id in string.gmatch(os.getenv("BENCH_OFFERINGS") or "", "[^,]+") do offerings[#offerings + 1] = id end
if not health then
  for line in io.lines(os.getenv("BENCH_LEARNERS_FILE")) do
    if line ~= "" then learners[#learners + 1] = line end
  end
end
local first, step = tonumber(os.getenv("BENCH_FIRST") or "0"), tonumber(os.getenv("BENCH_THREADS") or "1")
local threads, n = {}, 0
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. (token or "")}

function setup(thread)
  n = n + 1
  thread:set("id", n)
  table.insert(threads, thread)
end

function init(args)
  k = first + id - 1
  non2xx, spare, out = 0, 0, 0
end

function request()
  if health then return wrk.format("GET", "/health/live") end
  local learner = learners[math.floor(k / #offerings) + 1]
  if learner == nil then -- out of pairs: stop; what is still sent is a harmless GET, not counted as work
    wrk.thread:stop()
    spare, out = spare + 1, 1
    return wrk.format("GET", "/health/live")
  end
  local body = string.format('{"offering_id":"%s","learner_id":"%s"}', offerings[k % #offerings + 1], learner)
  k = k + step
  return wrk.format("POST", "/v1/enrolments", headers, body)
end

function response(status, hdrs, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local e, bad, spare, out, after = summary.errors, 0, 0, 0, first
  for _, thread in ipairs(threads) do
    bad, spare, out = bad + thread:get("non2xx"), spare + thread:get("spare"), out + thread:get("out")
    after = math.max(after, thread:get("k") or first) -- every pair below was taken (sent or not)
  end
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"p50_ms":%.2f,"p99_ms":%.2f,"p999_ms":%.2f,"errors":%d,"non2xx":%d,"next":%d,"ran_out":%d}\n',
    math.max(0, summary.requests - spare), summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, e.connect + e.read + e.write + e.timeout, bad, after, out))
end
