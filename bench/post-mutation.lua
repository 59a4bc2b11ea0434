-- wrk script for bench/mutation: every request POSTs touchUser for a random user 1..N
-- (`wrk ... -s bench/post-mutation.lua URL -- N`); the document is constant, only the variable
-- changes, as a client of a GraphQL server sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

local users
local document = "mutation ($n: Int!) { touchUser(n: $n) { __typename " ..
  "... on TouchUserSuccess { status user { id username lastLoginAt } } " ..
  "... on TouchUserError { code } } }"

function init(args)
  users = tonumber(args[1])
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  local body = string.format('{"query":"%s","variables":{"n":%d}}', document,
    math.random(1, users))
  return wrk.format(nil, nil, nil, body)
end
