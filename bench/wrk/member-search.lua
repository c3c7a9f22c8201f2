-- GET /api/v1/members?q=: misspelt or partial names and emails (the same list as pgbench/member-search.sql).
package.path = os.getenv("BENCH_DIR") .. "/wrk/?.lua;" .. package.path
local common = require("common")
local queries = {"Margret%20Nakamura", "Siobahn%20Okafor", "Bartholomew%20Fitzgerld", "Joaquin%20Muller",
  "Priya%20Tanka", "Ximena%20Quinteros", "member4242%40example", "Hugo%20Duboi", "Grace%20Lindqvst",
  "zoe%20zimerman", "member99", "Elif%20Yilmas"}

request = function()
  return wrk.format("GET", "/api/v1/members?q=" .. queries[math.random(1, #queries)])
end
