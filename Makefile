# Ossify: `make run` serves the app with demo data; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
export FLASK_APP := wsgi.py

.PHONY: run test bench load install install-test system-deps load-deps upgrade demo clean worker beat

## Install, migrate, load demo accounts and serve on http://$(HOST):$(PORT) (SQLite by default).
run: export PUBLIC_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask load-catalog
	$(BIN)/flask load-foods
	$(BIN)/flask seed-demo
	@echo "Ossify is at http://$(HOST):$(PORT)  (Ctrl-C to stop); due reminders go to instance/outbox/ each minute"
	$(BIN)/flask deliver-reminders --every 60 & reminders=$$!; trap 'kill $$reminders 2>/dev/null' EXIT INT TERM; \
	$(BIN)/flask run --host $(HOST) --port $(PORT)

## Install everything the tests need (Python packages, Chromium, PostgreSQL, Redis, nginx), lint, and run every test.
test: system-deps install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest --numprocesses auto --maxprocesses 4

install: $(VENV)/.runtime-installed
install-test: $(VENV)/.test-installed

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(VENV)/.runtime-installed $@

## Debian's chromium (browser tests), PostgreSQL server binaries, redis-server and nginx (the tests start their own servers).
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || missing="$$missing nginx"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## Production's job queue (REDIS_URL set): as many workers as you like, and exactly one beat.
worker: install
	$(BIN)/celery -A app.worker worker --loglevel INFO

beat: install
	$(BIN)/celery -A app.worker beat --loglevel INFO --schedule instance/celerybeat-schedule

upgrade: install
	$(BIN)/flask db upgrade

demo: install
	$(BIN)/flask seed-demo

clean:
	rm -rf $(VENV) .pytest_cache test-results

## Page throughput as a ratio to a minimal logged-in page, and SQL per request (SQLite and PostgreSQL).
bench: system-deps install-test
	$(BIN)/python -m benchmarks.run

## gunicorn (2 sync workers) on the demo data under wrk: req/s, p50 and p99 as ratios to /account, SQL per request.
load: system-deps load-deps install-test
	$(BIN)/python -m benchmarks.load

load-deps:
	@command -v wrk >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk; }
