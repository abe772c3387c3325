# MotCua: two commands for a new machine. `make run` serves the demo; `make test` runs the suite.
# Needs only Python 3.11+ (and installs python3-venv from the system packages if it is missing).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test setup setup-dev lint clean

run: setup
	@$(PY) manage.py seed_demo
	@echo ""
	@echo "MotCua: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker --interval 2 >var/worker.log 2>&1 & \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: setup-dev
	$(PY) -m pytest -n 2 --dist loadgroup -q

setup: $(VENV)/.installed-base var/.prepared

setup-dev: $(VENV)/.installed-dev var/.prepared

$(PY):
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "Installing python3-venv (needed to create .venv)…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)

# WeasyPrint (PDF forms) needs Pango from the system; install it once if it is missing.
PANGO_OK := $(shell $(PYTHON) -c 'import ctypes.util as u, sys; sys.exit(0 if u.find_library("pango-1.0") and u.find_library("pangoft2-1.0") else 1)' 2>/dev/null && echo yes)

$(VENV)/.system-deps:
	@[ "$(PANGO_OK)" = "yes" ] || { echo "Installing Pango for PDF output…"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0; }
	@mkdir -p $(VENV) && touch $@

$(VENV)/.installed-base: requirements/base.lock $(VENV)/.system-deps | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/base.lock
	@touch $@

$(VENV)/.installed-dev: requirements/dev.lock $(VENV)/.system-deps | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.lock
	@touch $@ $(VENV)/.installed-base

# Translations, schema and static files; cheap to repeat, so always run.
var/.prepared: FORCE
	@mkdir -p var
	@$(PY) manage.py compile_translations >/dev/null
	@$(PY) manage.py migrate --no-input -v0
	@$(PY) manage.py load_admin_units >/dev/null

lint: setup-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Regenerate the lock files after changing pyproject.toml.
lock: setup-dev
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements/base.lock pyproject.toml
	$(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links --extra dev -o requirements/dev.lock pyproject.toml

clean:
	rm -rf $(VENV) var

FORCE:
