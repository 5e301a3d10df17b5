# Two commands set everything up on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
PORT ?= 8000
# The demo keeps its secret key beside its database, in $INCHECK_VAR_DIR else var/ (incheck/env.py),
# so that a restart does not sign everyone out and the incheck command finds it (incheck/cli.py).
# Links in its e-mails (password reset, reminders) point at the port it serves on.
VAR_DIR := $(or $(INCHECK_VAR_DIR),var)
RUN_ENV := SECRET_KEY_FILE=$(VAR_DIR)/secret_key INCHECK_BASE_URL=$${INCHECK_BASE_URL:-http://127.0.0.1:$(PORT)}

.PHONY: run test install node_modules system-deps lint typecheck test-sqlite test-postgres test-deploy bench messages outdated clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

$(VAR_DIR)/secret_key:
	mkdir -p $(VAR_DIR)
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	chmod 600 $@

run: $(STAMP) $(VAR_DIR)/secret_key
	$(RUN_ENV) $(BIN)/incheck migrate --no-input -v 0
	$(RUN_ENV) $(BIN)/incheck collectstatic --no-input -v 0
	$(RUN_ENV) $(BIN)/incheck demo
	@# The jobs loop (nudges, digests, webhooks) runs beside the server and stops with it; the
	@# demo's e-mail goes to the console.
	$(RUN_ENV) $(BIN)/incheck jobs --loop & jobs=$$!; \
	trap 'kill $$jobs 2>/dev/null; wait $$jobs 2>/dev/null' EXIT INT TERM; \
	$(RUN_ENV) $(BIN)/incheck serve --port $(PORT)

system-deps:
	scripts/system-deps

# Test-only npm packages (axe-core for the accessibility gate, oidc-provider for the SSO tests),
# installed exactly as package-lock.json records them, again whenever the lock changes.
node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node_modules: node_modules/.installed

lint: $(STAMP)
	$(BIN)/ruff check . scripts/outdated
	$(BIN)/ruff format --check . scripts/outdated

typecheck: $(STAMP)
	INCHECK_TESTING=true $(BIN)/mypy incheck

test-sqlite: $(STAMP) system-deps node_modules
	$(BIN)/pytest -q -p xdist -n 2

test-postgres: $(STAMP) system-deps node_modules
	scripts/with-postgres $(BIN)/pytest -q -p xdist -n 2

test: lint typecheck test-sqlite test-postgres

# docs/deploy.md brought up on loopback (nginx, incheck serve, PostgreSQL) and driven by Chromium;
# part of test-sqlite too, this runs it alone.
test-deploy: $(STAMP) system-deps node_modules
	$(BIN)/pytest -q -m deploy incheck/tests/test_deploy.py

bench: $(STAMP)
	$(BIN)/python -m bench

# Every pin of pyproject.toml and package.json against the registries' current release
# (docs/operations.md, "Keeping dependencies current"); exit status 1 when one is behind.
outdated: $(STAMP)
	$(BIN)/python scripts/outdated

messages: $(STAMP)
	cd incheck && INCHECK_TESTING=true ../$(BIN)/incheck makemessages -l sv --no-obsolete && INCHECK_TESTING=true ../$(BIN)/incheck compilemessages

clean:
	rm -rf $(VENV) var node_modules .mypy_cache .ruff_cache
