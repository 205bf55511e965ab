#!/usr/bin/env bash
# Words and pages of every calibration case's journey and report, measured in Chromium and with
# WeasyPrint (tests/browser/measure_report_length.py). Prints the table and writes it to
# bench/report-length.txt; exits non-zero when a report is over its page target.
# Needs Chromium (apt-get install chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || make setup >/dev/null
REQUIRE_BROWSER=1 .venv/bin/python -m pytest tests/browser/measure_report_length.py -s -q -p no:cacheprovider
