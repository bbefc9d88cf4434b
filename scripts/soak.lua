-- wrk script of `make soak`: every connection walks the same mix of reads from its own offset.
-- scripts/soak writes the paths to target/soak/paths.lua (queries, facets, stats, projects
-- by id, similar) and runs: wrk -s scripts/soak.lua ...
local paths = dofile(os.getenv("SOAK_PATHS") or "target/soak/paths.lua")
local counter = 0
local threads = {}

function setup(thread)
  thread:set("offset", #threads * 7)
  table.insert(threads, thread)
end

function init(args)
  counter = tonumber(offset) or 0
  bad = 0
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  for _, t in ipairs(threads) do
    bad_total = bad_total + (tonumber(t:get("bad")) or 0)
  end
  io.write(string.format(
    "SOAK requests=%d errors_connect=%d errors_read=%d errors_write=%d errors_status=%d errors_timeout=%d non200=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.1f\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, bad_total,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
end
