# Two commands: `make run` and `make test`. Everything else is a helper.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
# axe-core for the accessibility tests: dev only, from package-lock.json into node_modules/.
NPM_SUM := $(shell cat package.json package-lock.json | cksum | cut -d' ' -f1)
NPM_STAMP := node_modules/.installed-$(NPM_SUM)$(if $(wildcard node_modules/axe-core/axe.min.js),,-missing)

# `make run PORT=8010` serves on another port; SITE_URL (the address in emails) follows it.
PORT ?= 8000
RUN_ENV := DEBUG=true DEMO_MODE=true SITE_URL=http://127.0.0.1:$(PORT)

.PHONY: run test test-fast lint format lock worker clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	rm -f $(VENV)/.installed-*
	touch $@

$(NPM_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --no-audit --no-fund && rm -f node_modules/.installed-* && touch node_modules/.installed-$(NPM_SUM); \
	else echo "npm not found: the accessibility tests will be skipped (apt-get install -y npm)"; fi

## Set up everything and serve the app with demo data on SQLite at http://127.0.0.1:$(PORT)
run: $(STAMP)
	$(BIN)/python manage.py compile_translations
	$(RUN_ENV) TASKS_BACKEND=immediate $(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py createcachetable
	$(RUN_ENV) TASKS_BACKEND=immediate $(BIN)/python manage.py seed_demo
	$(RUN_ENV) TASKS_BACKEND=immediate $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Set up everything and run the whole suite
test: $(STAMP) $(NPM_STAMP)
	$(BIN)/python manage.py compile_translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## The quick suite: no browser, no real corpus
test-fast: $(STAMP)
	$(BIN)/python manage.py compile_translations
	$(BIN)/python -m pytest -m "not browser and not corpus" $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Process queued background tasks (email, notifications)
worker: $(STAMP)
	$(BIN)/python manage.py db_worker

## Re-pin every dependency after editing pyproject.toml
lock:
	rm -rf /tmp/studygroup-lock && $(PYTHON) -m venv /tmp/studygroup-lock
	/tmp/studygroup-lock/bin/pip install --quiet ".[dev]"
	/tmp/studygroup-lock/bin/pip freeze --exclude studygroup > requirements.lock

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
