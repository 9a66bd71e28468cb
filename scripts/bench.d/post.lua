-- wrk script: each thread (one connection, so one request at a time) writes the EU assessment of
-- its own commitment, following the version each save returns in its ETag: every request is a
-- real save that must answer 201.

-- Set by scripts/bench: the API token, the open cycle and the current version of each
-- commitment's EU assessment ("13:1,14:1,…"; version 1 when not given).
token = os.getenv("BENCH_TOKEN")
year = os.getenv("BENCH_YEAR")
versions = {}
for r, v in string.gmatch(os.getenv("BENCH_VERSIONS") or "", "([^:,]+):(%d+)") do versions[r] = v end
refs = { "13", "14", "15", "16", "17", "18", "19", "20", "21", "22", "23", "24", "26", "27", "28", "29" }
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("ref", refs[counter])
  thread:set("start", versions[refs[counter]] or "1")
end

function init(args)
  version = tonumber(start)
  path = "/api/v1/cycles/" .. year .. "/assessments"
end

function request()
  local body = '{"ref":"' .. ref .. '","side":"eu","status":"on_track","narrative":"bench ' .. version
    .. '","evidence":["https://www.eeas.europa.eu/"]}'
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["If-Match"] = '"' .. version .. '"',
  }, body)
end

function response(status, headers, body)
  local etag = headers["ETag"] or headers["etag"]
  if etag then version = tonumber(etag:match("%d+")) end
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.3f %.3f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
