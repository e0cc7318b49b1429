# The two commands: `make run` (serve the seed on http://127.0.0.1:8000)
# and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test bench setup setup-dev js-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

# JavaScript the browser tests load into another origin's page (TimelineJS,
# Pym.js), pinned by package-lock.json, into a git-ignored node_modules/.
# Without npm the tests that need it fail under REQUIRE_BROWSER=1 (CI) and are
# skipped otherwise.
JS_DEPS := tests/browser/js_deps
$(JS_DEPS)/node_modules/.installed: $(JS_DEPS)/package.json $(JS_DEPS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix $(JS_DEPS) --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "NOTE: no npm found: the TimelineJS and Pym.js browser tests cannot run. Install it with 'apt-get install nodejs npm'."; \
	fi
js-deps: $(JS_DEPS)/node_modules/.installed

# Local site on SQLite with DEBUG on; see README "Deployment" for production.
run: export DJANGO_DEBUG ?= 1
run: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seeds
	@echo "Serving the seed timeline on http://$(HOST):$(PORT)/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: setup-dev js-deps
	@command -v chromium >/dev/null 2>&1 || test -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" || \
		echo "NOTE: no Chromium found: the browser tests will be skipped. Install it with 'apt-get install chromium'."
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: setup-dev js-deps
	$(BIN)/python -m pytest tests/perf -o python_files='bench_*.py' -p no:cacheprovider -q -s $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 var .pytest_cache
