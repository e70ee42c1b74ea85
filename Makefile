# Two entry points for a fresh machine: `make demo` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test bench fuzz clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

install-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'

demo: install
	$(BIN)/shiju analyze examples/ --no-store

test: install-test
	$(BIN)/python -m pytest

# Fuzz every reader for FUZZ_SECONDS each (atheris; a random-mutation fallback without it).
FUZZ_SECONDS ?= 20
fuzz: install-test
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS)

bench: install-test
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .shiju build *.egg-info src/*.egg-info
