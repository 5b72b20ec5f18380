# Two commands do everything on a fresh machine with Python 3.11:
#   make run    set up .venv, run the pipeline on data/raw, execute the notebooks into reports/<name of OUT>/
#   make test   set up .venv, run ruff (lint and format), the unit tests, the seed checks, every notebook (nbval) and the browser tests
# Your own folder: make run RAW=/path/to/articles OUT=data/processed/mine

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RAW ?= data/raw
OUT ?= data/processed
PYTEST_ARGS ?=

.PHONY: setup run test lab dashboard benchmark clean chromium

# The editable install points at the folder it was made in: after the checkout moves, point it here again.
setup: chromium $(STAMP)
	@$(BIN)/python -P -c "import sys, toolkit; from pathlib import Path; sys.exit(Path(toolkit.__file__).parent != Path('toolkit').resolve())" 2>/dev/null \
	  || { echo "re-linking the editable install to $(CURDIR)"; $(BIN)/python -m pip install --quiet --no-deps -e .; }

# Debian's chromium: kaleido's static chart images and the browser tests use it (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "please install chromium (sudo apt-get install chromium): static chart images and browser tests need it"; exit 1; fi; }

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	$(BIN)/python -m toolkit check-model
	touch $(STAMP)

run: setup
	$(BIN)/python -m toolkit run $(RAW) --out $(OUT) --notebooks reports

test: setup
	$(BIN)/ruff check toolkit tests benchmarks
	$(BIN)/ruff format --check toolkit tests benchmarks
	$(BIN)/python -m pytest --nbval-lax --nbval-current-env $(PYTEST_ARGS)

lab: setup
	$(BIN)/jupyter lab --ip=127.0.0.1 $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/

dashboard: setup
	$(BIN)/python -m toolkit run $(RAW) --out $(OUT) --quiet
	TOOLKIT_RAW_DIR=$(RAW) TOOLKIT_OUT_DIR=$(OUT) $(BIN)/voila notebooks/dashboard.ipynb --Voila.ip=127.0.0.1 --no-browser

benchmark: setup
	$(BIN)/python benchmarks/cleaning_f1.py
	$(BIN)/python benchmarks/metadata.py

clean:
	rm -rf $(OUT) reports/$(notdir $(abspath $(OUT))) data/cache
