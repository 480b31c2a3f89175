# authapi: `make serve` serves the API on SQLite, `make test` runs every test.
# Every target installs what it needs into .venv first.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= localhost
PORT ?= 8000
SECRET_FILE := .local/secret_key
INSTALLED := $(VENV)/.installed

NODE_INSTALLED := node_modules/.installed
TEST_ENV = DJANGO_SETTINGS_MODULE=tests.settings

.PHONY: install serve serve-production collectstatic migrate createsuperuser test pytest pytest-postgres lint drift contract contract-deep consumers format clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements/constraints.txt -e '.[dev]'
	touch $@

# Node tools (the spec lint), pinned by package-lock.json. Without npm, the spec
# lint skips loudly (and fails when AUTHAPI_REQUIRE_ALL=1).
$(NODE_INSTALLED): package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the spec lint will be skipped"; fi

# A local secret key, made once, never committed (.local/ is git-ignored).
$(SECRET_FILE):
	mkdir -p $(dir $@)
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	chmod 600 $@

# Local development: DEBUG on, plain HTTP, SQLite unless DATABASE_URL says otherwise.
SERVE_ENV = DJANGO_SECRET_KEY="$$(cat $(SECRET_FILE))" DJANGO_DEBUG=$${DJANGO_DEBUG:-1} DJANGO_HTTPS=$${DJANGO_HTTPS:-0}

migrate: install $(SECRET_FILE)
	$(SERVE_ENV) $(PY) manage.py migrate --noinput

# The docs pages' assets, served by whitenoise: every serve command collects them first.
collectstatic: install $(SECRET_FILE)
	$(SERVE_ENV) $(PY) manage.py collectstatic --noinput -v0

serve: migrate collectstatic
	$(SERVE_ENV) exec $(PY) manage.py runserver $(HOST):$(PORT)

# What a deployment runs: production mode (DJANGO_DEBUG off), gunicorn, settings from the
# environment. DJANGO_SECRET_KEY is required; DJANGO_HTTPS defaults to on (set it to 0
# to try this on plain-HTTP loopback).
PRODUCTION_ENV = DJANGO_DEBUG=0
WORKERS ?= 2
serve-production: install
	$(PRODUCTION_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(PRODUCTION_ENV) $(PY) manage.py migrate --noinput
	$(PRODUCTION_ENV) exec $(PY) -m gunicorn authapi.wsgi:application \
	  --bind $(HOST):$(PORT) --workers $(WORKERS)

# Interactive in a terminal; elsewhere: DJANGO_SUPERUSER_PASSWORD=... make createsuperuser
# ARGS="--noinput --username admin --email admin@example.com"
createsuperuser: migrate
	$(SERVE_ENV) $(PY) manage.py createsuperuser $(ARGS)

test: lint drift pytest pytest-postgres

# openapi.yaml against drf-spectacular's schema of the code; the report names each difference.
drift: install
	$(TEST_ENV) $(PY) manage.py spectacular --validate --fail-on-warn --file /dev/null
	$(TEST_ENV) $(PY) -m contract_tests.drift

# Everything, on SQLite (and the live tests on PostgreSQL as well).
pytest: install $(NODE_INSTALLED)
	$(PY) -m pytest

# tests/ again, on PostgreSQL, when it answers (see README, "Skips are loud").
pytest-postgres: install
	@url=$$($(PY) -m tests.postgres); status=$$?; \
	if [ $$status -eq 0 ]; then \
	  echo "DATABASE_URL=$$url $(PY) -m pytest tests"; \
	  DATABASE_URL="$$url" $(PY) -m pytest tests; \
	elif [ $$status -ne 2 ]; then exit $$status; fi

# Schemathesis against gunicorn, on SQLite and PostgreSQL: fixed seed, 200 examples per
# operation (also part of `make pytest`). contract-deep: 2,000 examples, a random seed.
contract: install
	$(PY) -m pytest -m contract

# Swagger UI and Redoc, the generated SDKs and examples/spa, in Chromium and Node (also part
# of `make pytest`). Needs Debian's chromium and the npm packages (npm ci).
consumers: install $(NODE_INSTALLED)
	$(PY) -m pytest -m consumers

contract-deep: install
	AUTHAPI_CONTRACT_EXAMPLES=2000 AUTHAPI_CONTRACT_SEED=random $(PY) -m pytest -m contract

lint: install $(NODE_INSTALLED)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(PY) -m contract_tests.spec_lint

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache test-output
