# MotCua: two commands for a new machine. `make run` serves the demo; `make test` runs the suite.
# Needs only Python 3.11+ (and installs python3-venv from the system packages if it is missing).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test setup setup-dev lint lock clean

# The demo runs with DEBUG off (config/settings/demo.py): the project's own error pages.
run: export DJANGO_SETTINGS_MODULE = config.settings.demo
run: setup
	@$(PY) manage.py seed_demo
	@echo ""
	@echo "MotCua: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@trap 'kill 0' EXIT INT TERM; \
	  $(PY) manage.py db_worker --interval 2 >var/worker.log 2>&1 & \
	  $(PY) manage.py dispatch_events --every 30 >var/events.log 2>&1 & \
	  $(PY) manage.py deliver_messages --every 30 >var/messages.log 2>&1 & \
	  $(PY) manage.py sync_national_portal --every 30 >var/sync.log 2>&1 & \
	  $(PY) manage.py poll_deliveries --every 300 >var/postal.log 2>&1 & \
	  $(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: setup-dev
	$(PY) -m pytest -n 2 --dist loadgroup -q

setup: $(VENV)/.installed-base var/.prepared

setup-dev: $(VENV)/.installed-dev var/.prepared

# Installs Debian packages, or says in one line what to ask for when this user cannot.
define apt_install
{ echo "Installing $(1) from the system packages…"; \
  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1); } \
|| { echo "MotCua: could not install the system packages '$(1)': ask an administrator to run 'sudo apt-get install $(1)', then run the same command again." >&2; exit 1; }
endef

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  echo "MotCua needs Python 3.11 or newer, and '$(PYTHON)' is $$($(PYTHON) --version 2>&1 || echo missing): install one (e.g. 'sudo apt-get install python3.11-venv') and run 'make $(MAKECMDGOALS) PYTHON=python3.11'." >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || $(call apt_install,python3-venv)
	$(PYTHON) -m venv $(VENV)

# WeasyPrint (PDF forms) needs Pango from the system; install it once if it is missing.
PANGO_OK := $(shell $(PYTHON) -c 'import ctypes.util as u, sys; sys.exit(0 if u.find_library("pango-1.0") and u.find_library("pangoft2-1.0") else 1)' 2>/dev/null && echo yes)

$(VENV)/.system-deps: | $(PY)
	@[ "$(PANGO_OK)" = "yes" ] || $(call apt_install,libpango-1.0-0 libpangoft2-1.0-0)
	@touch $@

# Exactly the files the lock names, nothing resolved at install time (scripts/install_lock.sh).
$(VENV)/.installed-base: requirements/base.lock requirements/build.lock $(VENV)/.system-deps | $(PY)
	@echo "Installing the locked packages (requirements/base.lock)…"
	@sh scripts/install_lock.sh $(PY) requirements/base.lock
	@touch $@

$(VENV)/.installed-dev: requirements/dev.lock requirements/build.lock $(VENV)/.system-deps | $(PY)
	@echo "Installing the locked packages (requirements/dev.lock)…"
	@sh scripts/install_lock.sh $(PY) requirements/dev.lock
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

# Regenerate the lock files after changing pyproject.toml (keeps every other pin as it is).
# One dependency to a newer release: make lock UPGRADE="--upgrade-package weasyprint"
# Everything to the newest allowed: make lock UPGRADE=--upgrade
COMPILE = $(VENV)/bin/pip-compile -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links $(UPGRADE)
lock: setup-dev
	$(COMPILE) -o requirements/build.lock requirements/build.in
	$(COMPILE) -o requirements/base.lock pyproject.toml
	$(COMPILE) --extra dev -o requirements/dev.lock pyproject.toml

clean:
	rm -rf $(VENV) var

FORCE:
