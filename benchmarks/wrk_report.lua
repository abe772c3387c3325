-- wrk script: requests the paths listed in the file named by WRK_PATHS (one per line, in turn;
-- without it, the URL given to wrk), sends WRK_COOKIE as the Cookie header when set, and at the
-- end prints p50 / p95 / p99 latency and every status code seen, so a page that answers 302, 429
-- or 500 under load is never counted as served.
--
--   WRK_PATHS=/tmp/codes.txt wrk -t2 -c16 -d20s -s benchmarks/wrk_report.lua http://127.0.0.1:8100

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  paths = {}
  local file = os.getenv("WRK_PATHS")
  if file then
    for line in io.lines(file) do
      if line ~= "" then table.insert(paths, line) end
    end
  end
  -- Each thread starts at a different place in the list.
  index = math.random(1, math.max(#paths, 1))
  local cookie = os.getenv("WRK_COOKIE")
  if cookie then wrk.headers["Cookie"] = cookie end
end

function request()
  if #paths == 0 then return wrk.format() end
  index = index % #paths + 1
  return wrk.format(nil, paths[index])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local seen = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do seen[status] = (seen[status] or 0) + count end
  end
  io.write(string.format("requests %d  req/s %.1f  p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  statuses",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
  for status, count in pairs(seen) do io.write(string.format(" %d:%d", status, count)) end
  io.write(string.format("  socket errors %d\n",
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
