-- GET /api/v1/spaces/available: a random period of 30-90 days in the next year, a random space type.
package.path = os.getenv("BENCH_DIR") .. "/wrk/?.lua;" .. package.path
local common = require("common")
local types = {"DESK", "OFFICE", "STUDIO", "LOCKER", "MEETING_ROOM"}

request = function()
  local d = math.random(0, 364)
  local len = math.random(30, 90)
  local path = "/api/v1/spaces/available?from=" .. common.date(d) .. "&to=" .. common.date(d + len)
      .. "&type=" .. types[math.random(1, #types)]
  return wrk.format("GET", path)
end
