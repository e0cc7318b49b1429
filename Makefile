# The two commands: `make run` (serve the seed on http://127.0.0.1:8000)
# and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run serve test bench fuzz messages screenshots setup setup-dev clean

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

# Local development settings for every command in the README: DEBUG on and a
# generated secret key, in .env (never committed; settings read it, and what
# the environment sets wins). Delete it to start over; production needs none.
.env:
	@printf '# Local development settings, written by `make run`; never commit this file.\n' > $@
	@printf 'DJANGO_DEBUG=1\n' >> $@
	@printf 'SITE_URL=http://%s:%s\n' "$(HOST)" "$(PORT)" >> $@
	@printf 'DJANGO_SECRET_KEY=%s\n' "$$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')" >> $@
	@echo "Wrote .env (local development settings)."

# Local site on SQLite with DEBUG on; see docs/deployment.md for production.
run: setup .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_seeds
	@echo "Serving the seed timeline on http://$(HOST):$(PORT)/"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-style serving: gunicorn, whitenoise's hashed and compressed static
# files, PostgreSQL and Redis (docs/deployment.md). Needs DJANGO_SECRET_KEY.
# Loads the seed timeline unless SEED=0 (loading never overwrites editors' work).
serve: export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/test
serve: export REDIS_URL ?= redis://127.0.0.1:6379/0
serve: export BIND ?= $(HOST):$(PORT)
serve: export DJANGO_ENV_FILE ?=
serve: setup
	@test -n "$$DJANGO_SECRET_KEY" || { echo "Set DJANGO_SECRET_KEY (see docs/deployment.md)."; exit 2; }
	$(BIN)/python manage.py migrate --noinput
	@if [ "$(SEED)" != "0" ]; then $(BIN)/python manage.py load_seeds; fi
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn -c factcheck/project/gunicorn.conf.py

# The browser tests' JavaScript (axe-core for the accessibility tests; the
# W3C Nu validator, vnu-jar, for the HTML validity test;
# TimelineJS and Pym.js for the pages of another origin in the embed tests),
# from the npm registry at the versions pinned in tests/browser/package-lock.json
# (not committed: node_modules/).
AXE := tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	touch $@

test: setup-dev $(AXE)
	@command -v xgettext >/dev/null 2>&1 || \
		echo "NOTE: no GNU gettext: the catalogue test will be skipped. Install it with 'apt-get install gettext'."
	@command -v chromium >/dev/null 2>&1 || test -x "$${CHROMIUM_PATH:-/usr/bin/chromium}" || \
		echo "NOTE: no Chromium found: the browser tests will be skipped. Install it with 'apt-get install chromium'."
	@command -v java >/dev/null 2>&1 || \
		echo "NOTE: no Java found: the HTML validity test will be skipped. Install it with 'apt-get install default-jre-headless'."
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# TimelineJS, only for its weight beside ours (tests/perf/bench_reader.py).
TIMELINEJS := tests/perf/node_modules/@knight-lab/timelinejs/package.json
$(TIMELINEJS): tests/perf/package.json tests/perf/package-lock.json
	npm ci --prefix tests/perf --no-audit --no-fund --loglevel=error
	touch $@

bench: setup-dev $(TIMELINEJS)
	$(BIN)/python -m pytest tests/perf -o python_files='bench_*.py' -p no:cacheprovider -q -s $(PYTEST_ARGS)

# The bad-input tests at full strength: 1,000 hypothesis cases per target
# (`make test` runs the same tests with the shorter "ci" profile; docs/security.md,
# "Bad input"). Ends with the cases each target tried.
fuzz: setup-dev
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/bad_input -p no:cacheprovider -q $(PYTEST_ARGS)

# The documentation's screenshots (docs/img/), as the browser tests take them
# (tests/browser/test_reader_screenshots.py writes var/screenshots/).
SHOTS_FOR_DOCS := timeline-1280-light-en-first-screen timeline-375-dark-es-first-screen
screenshots: setup-dev $(AXE)
	$(BIN)/python -m pytest tests/browser/test_reader_screenshots.py -q -p no:cacheprovider
	mkdir -p docs/img
	for shot in $(SHOTS_FOR_DOCS); do cp var/screenshots/$$shot.png docs/img/; done

# Refresh the Spanish catalogue (locale/es) from every template and module,
# then compile it. Needs GNU gettext (apt-get install gettext); the compiled
# .mo is committed, so `make run` needs no gettext. New strings come out
# untranslated and tests/test_locale.py fails until they are translated.
MESSAGES_IGNORE := -i .venv -i staticfiles -i node_modules -i tests -i var
messages: export DJANGO_DEBUG ?= 1
messages: setup
	@command -v xgettext >/dev/null 2>&1 || { echo "make messages needs GNU gettext: apt-get install gettext"; exit 1; }
	$(BIN)/python manage.py makemessages -l es --add-location=file --no-obsolete $(MESSAGES_IGNORE)
	$(BIN)/python manage.py compilemessages -l es -i .venv -i node_modules

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 var .pytest_cache tests/browser/node_modules tests/perf/node_modules
