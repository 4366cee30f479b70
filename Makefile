# Resettle: the two commands are `make run` and `make test`. Everything else is a step they use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_CHILDREN ?= 300
# The suite runs in this many processes (pytest-xdist), each with its own test database.
TEST_WORKERS ?= 2
export RESETTLE_DEMO ?= 1

.PHONY: help run test install install-test frontend css migrate demo chromium lint format check-deploy lock benchmark load messages

help:
	@echo "make run    install, migrate, load synthetic demo data and serve on http://127.0.0.1:$(PORT)"
	@echo "make test   install test dependencies and run the whole suite (set DATABASE_URL for PostgreSQL)"
	@echo "make lint   ruff check and format check"
	@echo "make lock   re-pin Python dependencies from pyproject.toml"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# The code lives in src/: put it on the virtual environment's path (for lint-imports too).
	@echo "$(CURDIR)/src" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/resettle-src.pth"

$(VENV)/.base-installed: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/base.txt
	@touch $@

$(VENV)/.test-installed: requirements/test.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements/test.txt
	@touch $@ $(VENV)/.base-installed

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

src/resettle/static/build/application.css: node_modules/.installed $(wildcard src/resettle/static_src/*.scss)
	npm run --silent build:css

install: $(VENV)/.base-installed css
install-test: $(VENV)/.test-installed css
frontend: node_modules/.installed
css: src/resettle/static/build/application.css

migrate: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --no-input -v 0

demo: migrate
	$(BIN)/python manage.py load_demo_data --children $(DEMO_CHILDREN)

run: demo
	@echo ""
	@echo "Resettle is starting on http://127.0.0.1:$(PORT) - sign in with one of the demo sign-ins above."
	@echo "Press Ctrl+C to stop."
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

chromium:
	@scripts/ensure-chromium

test: install-test chromium
	@set +e; $(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing, because a run with no tests proves nothing."; exit 1; fi; \
	exit $$rc

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check-deploy: install
	RESETTLE_DEMO=0 RESETTLE_SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -dc a-zA-Z0-9) \
	RESETTLE_AUDIT_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -dc a-zA-Z0-9) \
	RESETTLE_ALLOWED_HOSTS=resettle.example $(BIN)/python manage.py check --deploy --fail-level WARNING

lock:
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --no-header -o requirements/base.txt
	uv pip compile pyproject.toml --extra test --generate-hashes --python-version 3.11 --no-header -o requirements/test.txt

# Every practitioner page against the floor (tests/benchmarks/bench.py, docs/performance.md), on
# DATABASE_URL or a SQLite file of its own. BENCH_ARGS="--json now.json --compare before.json".
BENCH_CHILDREN ?= 3000
BENCH_SERVICES ?= 40
benchmark: install-test
	@mkdir -p var
	DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/var/benchmark.sqlite3}" $(BIN)/python \
		tests/benchmarks/bench.py --children $(BENCH_CHILDREN) --services $(BENCH_SERVICES) $(BENCH_ARGS)

# The locust scenario (tests/load) against gunicorn on the loopback address, for a bounded time
# (scripts/load-test, docs/performance.md). LOAD_SERVERS=2 runs two servers sharing one database.
load: install-test
	scripts/load-test

# The translation catalogues (src/resettle/locale): extract the messages (needs GNU gettext),
# make the tests' pseudo-language from them and compile every .po with polib. Commit the result.
messages: install-test
	$(BIN)/python scripts/pseudo-locale
