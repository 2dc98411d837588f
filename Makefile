# The two commands: `make demo` and `make test`. Both bootstrap .venv from scratch.
# `make test` runs every test (fast and slow) on two processes; `make test-fast` leaves out the
# tests marked slow (wheel build, subprocesses, process pools, clusters, stateful machines).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRAS := test,lint,docs,parallel,pandas
# --dist loadfile keeps the tests of one file on one worker: the examples of a docs page share
# one namespace and run in order, and the wheel tests share one built wheel.
PYTEST := $(BIN)/python -m pytest -q -n 2 --dist loadfile

.PHONY: demo test test-fast lint typecheck pytest docs bench clean

$(STAMP): pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/smice demo

test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples docs
	$(BIN)/ruff format --check src tests benchmarks examples docs
	$(BIN)/mypy --strict src
	$(PYTEST)
	$(BIN)/sphinx-build -W -n -q -b html docs docs/_build/html

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks examples docs
	$(BIN)/ruff format --check src tests benchmarks examples docs

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

test-fast: $(STAMP)
	$(PYTEST) -m "not slow"

pytest: $(STAMP)
	$(PYTEST)

docs: $(STAMP)
	$(BIN)/sphinx-build -W -n -q -b html docs docs/_build/html

# Each benchmark prints its rows as ratios against peers measured in the same run; sizes are
# chosen so that the whole target finishes in about 10 minutes on 2 shared cores.
BENCHMARKS := \
	"benchmarks/io.py" \
	"benchmarks/process.py 50000 10000" \
	"benchmarks/policy.py --snapshots 20000" \
	"benchmarks/assess.py" \
	"benchmarks/network.py" \
	"benchmarks/experiments.py"

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	@for b in $(BENCHMARKS); do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) docs/_build dist build out
