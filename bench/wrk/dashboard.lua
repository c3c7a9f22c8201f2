-- The dashboard's figures: GET /api/v1/reports/occupancy and /api/v1/reports/mrr, half each at random.
package.path = os.getenv("BENCH_DIR") .. "/wrk/?.lua;" .. package.path
local common = require("common")

request = function()
  if math.random() < 0.5 then
    return wrk.format("GET", "/api/v1/reports/occupancy")
  end
  return wrk.format("GET", "/api/v1/reports/mrr")
end
