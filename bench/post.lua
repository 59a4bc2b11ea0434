-- wrk script: every request POSTs the JSON body read from the file named after wrk's `--`
-- (`wrk ... -s bench/post.lua URL -- body.json`). The request is static, so wrk builds it once.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function init(args)
  local file = assert(io.open(args[1], "rb"))
  wrk.body = file:read("*a")
  file:close()
end
