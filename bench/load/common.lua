-- Shared by page.lua and mix.lua: the run's configuration (a Lua table that bench/load.py
-- writes, named by LOAD_CONFIG), requests as the TLS proxy forwards them, and the one
-- JSON line per run that load.py reads back.
local common = {}
local config = dofile(os.getenv("LOAD_CONFIG"))
common.config = config

-- The session of each role travels as a cookie; the proxy says the request came over HTTPS.
function common.headers(role, extra)
  local headers = {
    ["Host"] = config.host,
    ["X-Forwarded-Proto"] = "https",
    ["Cookie"] = config.cookies[role],
  }
  for name, value in pairs(extra or {}) do
    headers[name] = value
  end
  return headers
end

function common.get(path, role)
  return wrk.format("GET", path, common.headers(role))
end

local function escape(value)
  return (tostring(value):gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

-- ``fields``: a list of {name, value} pairs (a name may repeat, as a multiple select posts).
-- CSRF: the token in the body, its cookie with the session, and the Origin Django checks
-- on a secure request.
function common.post(path, role, fields)
  local parts = {}
  for _, field in ipairs(fields) do
    parts[#parts + 1] = escape(field[1]) .. "=" .. escape(field[2])
  end
  return wrk.format("POST", path, common.headers(role, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Origin"] = config.origin,
    ["Referer"] = config.origin .. path,
  }), table.concat(parts, "&"))
end

-- Outside 2xx and 3xx is an error.
function common.is_error(status)
  return status < 200 or status > 399
end

function common.count(counts, key)
  key = tostring(key)
  counts[key] = (counts[key] or 0) + 1
end

local function encode(value)
  local kind = type(value)
  if kind == "table" then
    local parts = {}
    if #value > 0 then
      for _, item in ipairs(value) do
        parts[#parts + 1] = encode(item)
      end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    for key, item in pairs(value) do
      parts[#parts + 1] = encode(tostring(key)) .. ":" .. encode(item)
    end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif kind == "string" then
    return '"' .. value:gsub('[%c"\\]', function(c)
      return string.format("\\u%04x", string.byte(c))
    end) .. '"'
  elseif kind == "number" then
    return string.format("%.17g", value)
  elseif kind == "boolean" then
    return tostring(value)
  end
  return "null"
end

-- Each thread keeps its tallies in globals of numbers and strings only (this wrk crashes
-- copying a table across threads): ``errors``, ``counts`` (a JSON object, see
-- common.snapshot) and whatever names ``fields`` lists. Here they are fetched with
-- thread:get, the errors added up, and printed beside wrk's summary and latency.
function common.snapshot(counts)
  counts_json = encode(counts)
end

function common.report(threads, summary, latency, fields)
  local errors = summary.errors
  local out = {
    requests = summary.requests,
    duration_us = summary.duration,
    socket_errors = errors.connect + errors.read + errors.write + errors.timeout,
    wrk_status_errors = errors.status,
    latency_us = {
      p50 = latency:percentile(50),
      p95 = latency:percentile(95),
      p99 = latency:percentile(99),
      mean = latency.mean,
      max = latency.max,
    },
    errors = 0,
    threads = {},
  }
  for index, thread in ipairs(threads) do
    local tallies = { index = index, errors = thread:get("errors"), counts = thread:get("counts_json") or "{}" }
    for _, name in ipairs(fields or {}) do
      tallies[name] = thread:get(name)
    end
    out.errors = out.errors + tallies.errors
    out.threads[#out.threads + 1] = tallies
  end
  io.write("LOADJSON " .. encode(out) .. "\n")
end

return common
