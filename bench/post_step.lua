-- POST a questionnaire step with a valid CSRF cookie and token (given in the environment).
local token = os.getenv("BENCH_CSRF")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken=" .. token
wrk.body = "csrfmiddlewaretoken=" .. token
  .. "&treatment-country=us&home-country=us&offer-type=study&cell-source=own-fat&product-details=in-writing"
  .. "&route=iv&ms-type=not-ms&condition-count=only-mine"
dofile(os.getenv("BENCH_DIR") .. "/summary.lua")
