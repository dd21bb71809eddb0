# The two commands of the README. Each sets up what it needs first (.venv, Graphviz).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: demo test setup graphviz clean

demo: $(READY) graphviz
	$(BIN)/argmap check debates/

# Every gate: formatting, lint, types, the whole test suite. CI runs exactly this.
test: $(READY) graphviz
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

setup: $(READY)

$(READY): pyproject.toml scripts/setup
	sh scripts/setup "$(PYTHON)" "$(VENV)"
	touch $(READY)

graphviz:
	@sh scripts/ensure-graphviz

clean:
	rm -rf $(VENV) out .mypy_cache .pytest_cache .ruff_cache
