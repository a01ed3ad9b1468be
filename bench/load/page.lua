-- One page (LOAD_PAGE, a key of config.pages) as fast as the connections allow.
local common = dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
local page = common.config.pages[os.getenv("LOAD_PAGE")]
local threads = {}
local prepared

local counts = { statuses = {} }
errors = 0

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  prepared = common.get(page.path, page.role)
end

function request()
  return prepared
end

function response(status, headers, body)
  if common.is_error(status) then
    errors = errors + 1
    common.count(counts.statuses, status)
    common.snapshot(counts)
  end
end

function done(summary, latency, requests)
  common.report(threads, summary, latency)
end
