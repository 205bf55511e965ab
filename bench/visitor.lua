-- GET as a visitor part-way through the questionnaire: the browser already holds the CSRF cookie
-- that the start page gave it (without it, every request would be a brand-new visitor).
wrk.headers["Cookie"] = "csrftoken=" .. os.getenv("BENCH_CSRF")
dofile(os.getenv("BENCH_DIR") .. "/summary.lua")
