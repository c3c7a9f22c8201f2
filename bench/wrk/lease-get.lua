-- GET /api/v1/leases/{id}: a random existing lease.
package.path = os.getenv("BENCH_DIR") .. "/wrk/?.lua;" .. package.path
local common = require("common")
local leases = tonumber(os.getenv("LEASES") or "1000000")

request = function()
  return wrk.format("GET", "/api/v1/leases/" .. math.random(1, leases))
end
