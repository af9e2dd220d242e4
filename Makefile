# newsflow: `make run` (set up + run on the sample corpus), `make test` (set up + tests).
# Only Python 3.11 is needed on the machine: uv (pinned) is installed into .tools/ and builds
# .venv from uv.lock, so every install is the same.
SHELL := /bin/bash
PYTHON ?= python3.11
INPUT ?= data/sample
OUT ?= data/out
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
# Prefect: local state in the repo (not ~/.prefect), no telemetry, patient server start on 2 cores.
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 60
export PREFECT_LOGGING_LEVEL ?= WARNING

.PHONY: setup run test bench bench-dedupe eval-dates clean-out help

help:
	@echo "make run [INPUT=folder OUT=folder]  set up, then run the pipeline (default: data/sample -> data/out)"
	@echo "make test                           set up, then run the test suite"
	@echo "make bench | bench-dedupe | eval-dates   measurements (need ../shared)"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==0.13.8

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --extra dev --python $(PYTHON)
	@touch $@

setup: $(VENV)/.synced

run: setup
	$(PY) -m flows.cli run $(INPUT) --out $(OUT)

test: setup
	$(PY) -m pytest -q

bench: setup
	$(PY) bench/bench_pipeline.py

bench-dedupe: setup
	$(PY) bench/bench_dedupe.py --eval

eval-dates: setup
	$(PY) bench/eval_dates.py

clean-out:
	rm -rf $(OUT)
