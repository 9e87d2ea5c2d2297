# Every install step lives here: `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo simulate test lint typecheck check bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/growatt demo

simulate: $(STAMP)
	$(BIN)/growatt simulate

test: $(STAMP)
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check src tests

typecheck: $(STAMP)
	$(BIN)/mypy

check: lint typecheck test

bench: $(STAMP)
	$(BIN)/python benchmarks/simulator_throughput.py
	$(BIN)/python benchmarks/snapshot_vs_growattserver.py
	$(BIN)/python benchmarks/history_export_memory.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
