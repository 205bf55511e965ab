# The developer interface. `make run` and `make test` work from a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
LOCAL := DJANGO_DEBUG=true

VNU_VERSION := 26.9.27
VNU_JAR := .tools/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: run test setup db lint format migrations-check db-reset tools

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.installed

## The W3C Nu HTML checker for the HTML-validity tests (needs npm and Java; skipped without them)
tools: $(VNU_JAR)

$(VNU_JAR):
	@if command -v npm >/dev/null 2>&1; then \
	  npm install --silent --no-audit --no-fund --prefix .tools vnu-jar@$(VNU_VERSION) >/dev/null 2>&1 \
	    || echo "Could not install vnu-jar with npm: the HTML-validity tests will be skipped."; \
	else echo "npm not found: the HTML-validity tests will be skipped."; fi

## Set up, load and publish the shipped catalogue, and serve on http://127.0.0.1:$(PORT)
run: db
	@echo "To use the admin, create an account: $(LOCAL) $(PY) manage.py createsuperuser"
	$(LOCAL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

db: setup
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py import_catalogue fixtures/catalogue.json --if-empty
	$(LOCAL) $(PY) manage.py import_calibration fixtures/calibration --if-empty
	$(LOCAL) $(PY) manage.py publish_catalogue --if-none --note "The catalogue shipped with the app."

## Set up and run the whole test suite (SQLite unless DATABASE_URL says otherwise)
test: setup migrations-check tools
	$(PY) -m pytest

migrations-check: setup
	$(LOCAL) $(PY) manage.py makemigrations --check --dry-run

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Delete the local SQLite database and load everything again
db-reset:
	rm -f db.sqlite3
	$(MAKE) db
