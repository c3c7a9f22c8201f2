-- Shared by the wrk scripts: the Bearer token from $TOKEN, a per-thread random seed, and a result line
-- ("JSON:{...}") with requests, errors and the latency percentiles that run.sh collects.
local common = {}

local token = os.getenv("TOKEN") or ""
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

local thread_counter = 0
function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("seed", thread_counter * 7919 + os.time())
end

function init(args)
  math.randomseed(seed or os.time())
end

function common.date(offset_days)
  return os.date("!%Y-%m-%d", os.time() + offset_days * 86400)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'JSON:{"requests":%d,"duration_us":%d,"non_2xx":%d,"socket_errors":%d,' ..
    '"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"mean_ms":%.3f}\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000))
end

return common
