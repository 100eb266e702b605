# retailkit: two commands.
#   make report  -> set up .venv, execute every notebook on the seeds, write figures/ and report/retailkit_report.html
#   make test    -> set up .venv, run lint, types, unit tests, doctests and pytest --nbval notebooks/
# Needs only python3 (3.11+), pip, venv and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Single-threaded numeric libraries so that stored notebook outputs reproduce on any machine.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help setup test unit lint nbval report lab bench clean

help:
	@echo "make report   execute all notebooks, write figures/ and report/retailkit_report.html"
	@echo "make test     lint, types, unit tests and pytest --nbval notebooks/"
	@echo "make lab      open JupyterLab on notebooks/"
	@echo "make bench    run the benchmarks (needs ../shared/data/online_shopping_10_cats.csv or RETAILKIT_REVIEWS)"

setup: $(STAMP)

# The venv is rebuilt when it is missing or when the dependency declarations change.
$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (retailkit)" >/dev/null
	@touch $(STAMP)

lint: $(STAMP)
	$(BIN)/ruff check retailkit tests benchmarks notebooks
	$(BIN)/ruff format --check retailkit tests benchmarks
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest -q tests --doctest-modules retailkit

nbval: $(STAMP)
	$(BIN)/pytest -q --nbval notebooks/ --nbval-sanitize-with notebooks/sanitize.cfg

test: lint unit nbval

report: $(STAMP)
	$(BIN)/python -m retailkit.report --notebooks notebooks --output report/retailkit_report.html

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) report .pytest_cache .mypy_cache .ruff_cache
