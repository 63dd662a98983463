-- A nested register list: activities with their bases, data, subjects and
-- recipients (the query an admin screen's overview sends).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ROPA_TOKEN")
wrk.body = '{"query":"{ processingActivities(first: 20) { totalCount nodes { name legalBases { code legitimateInterest } dataCategories { key name } dataSubjectCategories { key } recipients { name agreements { status } } } } }"}'

local errors = 0
response = function(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"') then
    errors = errors + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("responses with GraphQL errors: %d\n", errors))
end
