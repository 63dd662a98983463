-- The admin list: 50 activities with everything an overview nests (legal
-- bases, data and their categories, data subjects, recipients with their
-- agreements, transfers, retention), as an admin screen asks for them.
-- With LIST=overview, the same page as an overview table shows it: each
-- activity's name and status with the names of its bases, data, subjects
-- and recipients. With LIST=ids, ids only: what the list costs without
-- its nesting. With FRESH=1, every request is a question the server has
-- not seen (a numbered comment leads the query), so no answer is kept for
-- it: what computing the answer costs. scripts/bench checks the answer
-- once before the run: wrk counts only statuses.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("ROPA_TOKEN")
wrk.body = '{"query":"{ processingActivities(first: 50) { totalCount nodes { id name purpose status position revision updatedAt retention { period trigger description } legalBases { code legitimateInterest } dataCategories { id key name specialCategory } dataSubjectCategories { id key name } recipients { id name country role service agreements { id status signedOn expiresOn clauses missingClauses } } transfers { country safeguard recipient { name } } } } }"}'
if os.getenv("LIST") == "overview" then
  wrk.body = '{"query":"{ processingActivities(first: 50) { totalCount nodes { id name status legalBases { code } dataCategories { name } dataSubjectCategories { name } recipients { name } } } }"}'
end
if os.getenv("LIST") == "ids" then
  wrk.body = '{"query":"{ processingActivities(first: 50) { totalCount nodes { id } } }"}'
end
if os.getenv("FRESH") then
  local query = wrk.body:match('^{"query":"(.*)"}$')
  local threads = 0
  function setup(thread)
    threads = threads + 1
    thread:set("thread", threads)
  end
  local sent = 0
  function request()
    sent = sent + 1
    local body = '{"query":"# ' .. thread .. '-' .. sent .. '\\n' .. query .. '"}'
    return wrk.format(nil, nil, nil, body)
  end
end
