-- wrk script for `make bench`: POST /v1/enrolments with a new learner each request, over the courses in
-- BENCH_COURSES (comma-separated ids); BENCH_MODE=health sends GET /health/live instead. Prints one JSON line.
local courses, token, health = {}, os.getenv("BENCH_TOKEN"), os.getenv("BENCH_MODE") == "health"
for id in string.gmatch(os.getenv("BENCH_COURSES") or "", "[^,]+") do courses[#courses + 1] = id end
local threads, n = {}, 0

function setup(thread)
  n = n + 1
  thread:set("id", n)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
end

local function uuid4()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%x", v)
  end))
end

function request()
  if health then return wrk.format("GET", "/health/live") end
  local body = string.format('{"course_id":"%s","learner_id":"%s"}', courses[math.random(#courses)], uuid4())
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}
  return wrk.format("POST", "/v1/enrolments", headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"p50_ms":%.2f,"p99_ms":%.2f,"p999_ms":%.2f,"errors":%d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, e.connect + e.read + e.write + e.status + e.timeout))
end
