#!/usr/bin/env bash
# Benchmark: the app as production serves it, gunicorn (2 workers, config/gunicorn.conf.py) behind
# nginx (deploy/nginx.conf), on PostgreSQL, loaded by wrk from a second process on 127.0.0.1 only.
# Prints requests per second and p50/p99 latency for a bare "ok" view (the framework's ceiling,
# same process), the start page, a questionnaire step GET (again with two slow-header clients
# holding connections open), the step POST, the report page, the bare view again; then the PDF's
# median render time, the offer-text assist on a 20,000-character text; then the ratios and the
# slow-client check.
#
#   bench/run.sh                 60 s per page, 64 connections
#   BENCH_SECONDS=10 bench/run.sh    a quicker look
# Needs: wrk and nginx (apt-get install wrk nginx-light), PostgreSQL on 127.0.0.1:5432 (user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${BENCH_SECONDS:-60}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
PORT=${BENCH_PORT:-8877}
PDF_RUNS=${BENCH_PDF_RUNS:-15}
DB=stemcell_bench
BASE="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "nginx is missing: apt-get install nginx-light" >&2; exit 1; }
APP_PORT=$((PORT + 1))
[ -x .venv/bin/python ] || make setup >/dev/null

export DJANGO_SECRET_KEY=bench-only-not-secret-$(date +%s) DJANGO_DEBUG=false DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SECURE_SSL_REDIRECT=false DJANGO_RATELIMIT_ENABLE=false DJANGO_DB_CONN_MAX_AGE=60
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$DB" BENCH_DIR="$PWD/bench"
export DJANGO_SETTINGS_MODULE=config.settings

.venv/bin/python - <<'PY'
import psycopg
with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
    c.execute("DROP DATABASE IF EXISTS stemcell_bench")
    c.execute("CREATE DATABASE stemcell_bench")
PY
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py import_catalogue fixtures/catalogue.json >/dev/null
.venv/bin/python manage.py publish_catalogue --note "Benchmark" >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
TOKEN=$(.venv/bin/python manage.py shell -v0 -c "
import json
from screening.services import screening_finish, screening_save_answers, screening_save_offer, screening_start
data = json.load(open('fixtures/calibration/s09-patient-funded-fat-cell-study-ms.json'))
s = screening_start(); screening_save_answers(s, data['answers']); screening_save_offer(s, data['offer'])
screening_finish(s); print(s.token)" | tail -1)
POST_TOKEN=$(.venv/bin/python manage.py shell -v0 -c "
from screening.services import screening_start; print(screening_start().token)" | tail -1)

.venv/bin/gunicorn --config config/gunicorn.conf.py --bind "127.0.0.1:$APP_PORT" config.wsgi >/tmp/bench-gunicorn.log 2>&1 &
GUNICORN=$!
PROXY_DIR=$(mktemp -d /tmp/bench-nginx.XXXX)
sed -e "s/listen 80;/listen 127.0.0.1:$PORT;/" -e "s/server 127.0.0.1:8000;/server 127.0.0.1:$APP_PORT;/" \
  -e "s#access_log /dev/stdout private;#access_log off;#" deploy/nginx.conf >"$PROXY_DIR/nginx.conf"
"$NGINX" -p "$PROXY_DIR" -c "$PROXY_DIR/nginx.conf" -e "$PROXY_DIR/error.log" \
  -g "daemon off; pid $PROXY_DIR/nginx.pid; $( [ "$(id -u)" = 0 ] && echo 'user root;')" &
PROXY=$!
trap 'kill $GUNICORN $PROXY ${SLOW:-} 2>/dev/null; wait $GUNICORN $PROXY 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -sf "$BASE/ok" >/dev/null && break; sleep 0.2; done

CSRF=$(curl -s -c - "$BASE/s/$POST_TOKEN/step/2/" -o /dev/null | awk '/csrftoken/ {print $7}')
export BENCH_CSRF=$CSRF

run() {  # name path [script]
  local line
  curl -s -o /dev/null "$BASE$2"  # warm: this worker parses the catalogue once
  line=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency -s "${3:-bench/summary.lua}" "$BASE$2" | grep '^RESULT')
  printf '%-12s %s\n' "$1" "${line#RESULT }"
  eval "RPS_${1//[^a-z]/_}=$(echo "$line" | sed 's/.*rps=\([0-9.]*\).*/\1/')"
  eval "P99_${1//[^a-z]/_}=$(echo "$line" | sed 's/.*p99_ms=\([0-9.]*\).*/\1/')"
  eval "ERRORS_${1//[^a-z]/_}=$(echo "$line" | sed 's/.*errors=\([0-9]*\).*non2xx3xx=\([0-9]*\).*timeouts=\([0-9]*\).*/\1+\2+\3/')"
}

echo "wrk: ${SECONDS_PER_RUN}s per page, $CONNECTIONS connections, nginx in front of gunicorn (2 workers), PostgreSQL"
run bare "/ok"
run start "/"
run step_get "/s/$TOKEN/step/2/" bench/visitor.lua
.venv/bin/python bench/slow_clients.py "$PORT" 2 &
SLOW=$!
sleep 1
run step_get_slow "/s/$TOKEN/step/2/" bench/visitor.lua
kill $SLOW 2>/dev/null; wait $SLOW 2>/dev/null || true
run report "/s/$TOKEN/report/"
# Writes last: the dead rows they leave (and the autovacuum that follows) must not weigh on reads.
# The POST must be a save (a redirect), not the page again with an error: check its answers first.
BODY=$(sed -n 's/^  \.\. "\(.*\)"$/\1/p' bench/post_step.lua | tr -d '\n')
status=$(curl -s -o /dev/null -w '%{http_code}' -b "csrftoken=$CSRF" -d "csrfmiddlewaretoken=$CSRF$BODY" "$BASE/s/$POST_TOKEN/step/2/")
[ "$status" = 302 ] || { echo "step POST answered $status, not 302: bench/post_step.lua's answers are not a whole step" >&2; exit 1; }
run step_post "/s/$POST_TOKEN/step/2/" bench/post_step.lua
# The bare view again: a shared machine's speed drifts over minutes, so the ratios use the mean of
# the first and the last run.
run bare_again "/ok"

times=()
for _ in $(seq 1 "$PDF_RUNS"); do
  # The PDF is kept per state of the screening: a change before each request makes it render anew.
  .venv/bin/python - "$TOKEN" <<'PY'
import sys, psycopg
with psycopg.connect("postgres://postgres@127.0.0.1:5432/stemcell_bench", autocommit=True) as c:
    c.execute("UPDATE screening_screening SET updated = now() WHERE token = %s", [sys.argv[1]])
PY
  times+=("$(curl -s -o /tmp/bench-report.pdf -w '%{time_total}' "$BASE/s/$TOKEN/report.pdf")")
done
pdf_median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
pdf_pages=$(.venv/bin/python -c "import pypdf; print(len(pypdf.PdfReader('/tmp/bench-report.pdf').pages))" 2>/dev/null || echo "?")
echo "pdf          median_s=$pdf_median runs=$PDF_RUNS pages=$pdf_pages"

# The offer-text assist on a 20,000-character text (the most the questionnaire takes): the reading
# alone, median of 15 in one process, and the whole `suggest_answers` command (its start included).
ADVERT_FILE=$(mktemp /tmp/bench-advert.XXXX)
.venv/bin/python - "$ADVERT_FILE" <<'PY'
import glob, json, sys
texts = [json.load(open(p))["text"] for p in sorted(glob.glob("fixtures/adverts/a*.json"))]
text = ("\n\n".join(texts) * 3)[:20000]
open(sys.argv[1], "w", encoding="utf-8").write(text)
PY
.venv/bin/python manage.py shell -v0 -c "
import statistics, sys, time
from screening.domain.adverts import read_offer_text
from screening.publishing import catalogue_of, latest_version
catalogue = catalogue_of(latest_version())
text = open('$ADVERT_FILE', encoding='utf-8').read()
# A text of offers, and the worst kind found: nothing but numbers and short words many rules begin with.
for name, sample in (('offers', text), ('worst', ('1% no not 85 ' * 2000)[:20000])):
    runs = []
    for _ in range(15):
        start = time.perf_counter(); reading = read_offer_text(catalogue, sample); runs.append(time.perf_counter() - start)
    median = statistics.median(runs) * 1000
    print(f'suggest      {name:<6} text_chars={len(sample)} read_median_ms={median:.0f} suggestions={len(reading.suggestions)} (target < 1000): {\"PASS\" if median < 1000 else \"FAIL\"}')
"
command_start=$(date +%s.%N)
.venv/bin/python manage.py suggest_answers --published 1 --format json "$ADVERT_FILE" >/dev/null
awk -v a="$command_start" -v b="$(date +%s.%N)" 'BEGIN { printf "suggest      command_s=%.2f (manage.py suggest_answers, start to end)\n", b - a }'
rm -f "$ADVERT_FILE"

awk -v b1="$RPS_bare" -v b2="$RPS_bare_again" -v g="$RPS_step_get" -v r="$RPS_report" 'BEGIN {
  b = (b1 + b2) / 2
  printf "ratio        step_get/bare=%.2f report/bare=%.2f (bare: mean of both runs, %.1f rps; target >= 0.60)\n", g / b, r / b, b }'
awk -v p="$P99_step_get" -v ps="$P99_step_get_slow" -v e="$((ERRORS_step_get_slow))" 'BEGIN {
  ok = (e == 0 && ps <= 2 * p)
  printf "slow clients step_get p99 %.1f ms without, %.1f ms with two slow-header clients (limit %.1f), errors %d: %s\n", p, ps, 2 * p, e, ok ? "PASS" : "FAIL"
  exit !ok }'
