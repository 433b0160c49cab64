# Two commands on a fresh machine: `make demo` and `make test`. Both build .venv themselves,
# with exactly the versions in requirements.lock (`make lock` refreshes it from pyproject.toml).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements.lock
PIP_TOOLS := pip-tools==7.7.0
COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --extra test --strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: demo test lint run db-upgrade clean lock lock-check

$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -c 'import sys; sys.exit("circlebot needs Python 3.11+") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r $(LOCK)
	$(BIN)/pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/circlebot demo

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

run: $(STAMP)
	$(BIN)/circlebot run

db-upgrade: $(STAMP)
	$(BIN)/circlebot db upgrade

# Refresh the lock after changing dependencies in pyproject.toml (add --upgrade to move every
# pin to the newest release), then run the suite on SQLite and PostgreSQL and commit both.
lock: $(STAMP)
	$(BIN)/pip install --quiet $(PIP_TOOLS)
	$(COMPILE) -o $(LOCK) pyproject.toml

# CI: the lock must be what `make lock` would write from today's pyproject.toml.
lock-check: $(STAMP)
	$(BIN)/pip install --quiet $(PIP_TOOLS)
	cp $(LOCK) $(VENV)/lock-check.txt
	$(COMPILE) -o $(VENV)/lock-check.txt pyproject.toml
	diff -u $(LOCK) $(VENV)/lock-check.txt || (echo "requirements.lock is out of date: run make lock" && exit 1)

clean:
	rm -rf $(VENV) circlebot-demo.db
