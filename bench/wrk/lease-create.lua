-- POST /api/v1/leases: one week in a random year 2600-9999 on a random space and member, so that
-- bookings (almost) never conflict with each other, the demo data or the pgbench run (years 10000 and later).
-- Spaces whose id is a multiple of 5 hold demo-data's open-ended leases (taken for ever): skipped.
package.path = os.getenv("BENCH_DIR") .. "/wrk/?.lua;" .. package.path
local common = require("common")
local spaces = tonumber(os.getenv("SPACES") or "10000")
local members = tonumber(os.getenv("MEMBERS") or "100000")
wrk.headers["Content-Type"] = "application/json"

request = function()
  local year = math.random(2600, 9999)
  local month = math.random(1, 12)
  local day = ({1, 8, 15, 22})[math.random(1, month == 2 and 3 or 4)] -- the week ends on day + 7 (no 29 February)
  local body = string.format(
    '{"memberId":%d,"spaceId":%d,"start":"%04d-%02d-%02d","end":"%04d-%02d-%02d","notes":"bench"}',
    math.random(1, members), 5 * math.random(0, math.floor(spaces / 5) - 1) + math.random(1, 4), year, month, day, year, month, day + 7)
  return wrk.format("POST", "/api/v1/leases", nil, body)
end
