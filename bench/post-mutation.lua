-- wrk script for bench/mutation: every request POSTs touchUser for a random user 1..N
-- (`wrk ... -s bench/post-mutation.lua URL -- N`); the document is constant, only the variable
-- changes, as a client of a GraphQL server sends it. The requests are formatted once, in init
-- (4,096 random users per thread), so that the load generator spends per request about what
-- pgbench's `\set n random(...)` does.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local document = "mutation ($n: Int!) { touchUser(n: $n) { __typename " ..
  "... on TouchUserSuccess { status user { id username lastLoginAt } } " ..
  "... on TouchUserError { code } } }"
local requests = {}
local next_request = 0

function init(args)
  local users = tonumber(args[1])
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  for i = 1, 4096 do
    local body = string.format('{"query":"%s","variables":{"n":%d}}', document,
      math.random(1, users))
    requests[i] = wrk.format(nil, nil, nil, body)
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end
