-- The roles at once: each thread walks config.mix.schedule (a list of step names, weighted
-- by repetition), starting at its own offset.
--
-- A create form is posted only after it was fetched: the answer to a form's GET is parsed
-- for its one-time submission token and CSRF token, and the POST built from them is sent
-- next, by whichever connection of the thread asks first. A 168 log is saved after the
-- pair's page was read; each save fills a month of a reserved pair that is still empty,
-- every (pair, month) once. Every record is labelled "<mark>-<run>-t<thread>-<n>"; the
-- thread keeps the kind of each label it built (``kinds``, a letter per label) and the ids
-- the successful POSTs redirected to (``created_<kind>``), for load.py to find in the
-- database afterwards.
local common = dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
local config = common.config
local mix = config.mix
local threads = {}
local started = 0

local counts = { statuses = {}, gets = {}, posts = {}, form_errors = 0 }
local letters = { activity = "a", visit = "v", care = "c" }
errors = 0
kinds = ""
created_activity, created_visit, created_care = "", "", ""

local prepared = {}
local pending = {}
local position = 0
local serial = 0
local own_pairs = {}
local care_slot = 0
local awaiting = {}

function setup(thread)
  started = started + 1
  thread:set("id", started)
  threads[#threads + 1] = thread
end

function init(args)
  for name, step in pairs(mix.steps) do
    if step.path then
      prepared[name] = common.get(step.path, step.role)
    end
  end
  for index, pair in ipairs(mix.care.pairs) do
    if (index - 1) % config.threads == id - 1 then
      own_pairs[#own_pairs + 1] = pair
    end
  end
  position = math.floor((id - 1) * #mix.schedule / config.threads)
end

local function label(kind)
  serial = serial + 1
  kinds = kinds .. letters[kind]
  return string.format("%s-%s-t%d-%d", mix.mark, mix.run, id, serial)
end

-- The next empty month: pairs in turn, then the next month of each.
local function next_care_slot()
  if #own_pairs == 0 or care_slot >= #own_pairs * 12 then
    return nil
  end
  local pair = own_pairs[care_slot % #own_pairs + 1]
  local offset = math.floor(care_slot / #own_pairs)
  care_slot = care_slot + 1
  local year, month = pair[2], 9 + offset
  if month > 12 then
    year, month = year + 1, month - 12
  end
  return pair[1], string.format("%04d-%02d", year, month)
end

function request()
  if #pending > 0 then
    local post = table.remove(pending, 1)
    common.count(counts.posts, post.kind)
    return post.request
  end
  position = position % #mix.schedule + 1
  local name = mix.schedule[position]
  common.count(counts.gets, name)
  if name == "care_pair" then
    local pk, month = next_care_slot()
    if pk then
      local key = tostring(pk)
      awaiting[key] = awaiting[key] or {}
      table.insert(awaiting[key], month)
      return common.get(string.format(mix.care.page, pk), mix.steps.care_pair.role)
    end
    name = "fallback"
  end
  return prepared[name]
end

local function form_post(kind, form, body)
  local token = body:match('name="submission_token" value="(%x+)"')
  local csrf = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
  if not (token and csrf) then
    return nil
  end
  local text = label(kind)
  local fields = {
    { "csrfmiddlewaretoken", csrf },
    { "submission_token", token },
    { form.label_field, text },
  }
  for _, field in ipairs(form.fields) do
    fields[#fields + 1] = field
  end
  return common.post(form.path, form.role, fields)
end

local function care_post(pk, body)
  local months = awaiting[pk]
  local csrf = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
  if not (months and #months > 0 and csrf) then
    return nil
  end
  local month = table.remove(months, 1)
  local text = label("care")
  return common.post(string.format(mix.care.log, tonumber(pk)), mix.steps.care_pair.role, {
    { "csrfmiddlewaretoken", csrf },
    { "month", month },
    { "talks", "3" },
    { "tutoring", "5" },
    { "notes", text },
    { "loaded", "" },
  })
end

local function record(kind, key)
  if kind == "activity" then
    created_activity = created_activity .. key .. ","
  elseif kind == "visit" then
    created_visit = created_visit .. key .. ","
  else
    created_care = created_care .. key .. ","
  end
end

local function answer(status, headers, body)
  if common.is_error(status) then
    errors = errors + 1
    common.count(counts.statuses, status)
    return
  end
  if status == 301 or status == 302 or status == 303 then
    local location = headers["Location"] or ""
    for kind, pattern in pairs(mix.created) do
      local pk, month = location:match(pattern)
      if pk then
        record(kind, month and (pk .. ":" .. month) or pk)
        return
      end
    end
    -- A redirect to the login page or to https means the session or the proxy header was lost.
    errors = errors + 1
    common.count(counts.statuses, status)
    return
  end
  if body:find("is-invalid", 1, true) then
    -- A form sent back with its errors: a refused POST.
    counts.form_errors = counts.form_errors + 1
    return
  end
  for kind, form in pairs(mix.forms) do
    if body:find(form.marker, 1, true) then
      local post = form_post(kind, form, body)
      if post then
        table.insert(pending, { kind = kind, request = post })
      end
      return
    end
  end
  local pk = body:match(mix.care.marker)
  if pk then
    local post = care_post(pk, body)
    if post then
      table.insert(pending, { kind = "care", request = post })
    elseif body:find(mix.care.refused, 1, true) then
      -- The month's form sent back (a conflict or refused counts), not the pair's page.
      counts.form_errors = counts.form_errors + 1
    end
  end
end

function response(status, headers, body)
  answer(status, headers, body)
  common.snapshot(counts)
end

function done(summary, latency, requests)
  common.report(threads, summary, latency, { "kinds", "created_activity", "created_visit", "created_care" })
end
