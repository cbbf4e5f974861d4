# Two commands for a fresh machine: `make run` starts Postil, `make test` runs every test.
# Both create .venv and install the pinned dependencies on the way (again only when a
# requirements file changed).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: run test lint bench build clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	$(PY) main.py

test: $(VENV)/.dev
	$(PY) -m pytest

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# Every benchmark, one table of ratios (bench/__main__.py); e.g. BENCH_ARGS="--quick" or
# BENCH_ARGS="--skip bundle_size".
bench: $(VENV)/.dev
	$(PY) -m bench $(BENCH_ARGS)

build: $(VENV)/.dev
	$(PY) -m PyInstaller --noconfirm --clean build.spec

clean:
	rm -rf build dist .pytest_cache .ruff_cache
