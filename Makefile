# The two commands of the README. Each sets up what it needs first (.venv, Graphviz).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: demo test setup lock bounds graphviz node browser neovim emacs diagrams bench fuzz clean

# Check every debate, summarise one in the terminal, and draw it as SVG under out/.
demo: $(READY) graphviz
	$(BIN)/argmap check debates/
	$(BIN)/argmap summary debates/retrieval-or-concepts.yaml
	@mkdir -p out
	$(BIN)/argmap render debates/retrieval-or-concepts.yaml -o out/retrieval-or-concepts.svg

# Every gate: formatting, lint, types, the whole test suite. CI runs exactly this.
test: $(READY) graphviz node browser neovim emacs
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

setup: $(READY)

# Speed and memory, each command a fresh process (see bench/run.py).
bench: $(READY) graphviz
	$(BIN)/python bench/run.py

# Damaged debates through the loader and every command, longer than the test suite does
# (tests/fuzz.py; SEED=n for another run). Failing inputs are saved under out/fuzz/.
fuzz: $(READY)
	$(BIN)/python -m tests.fuzz --iterations 20000 --seed $(or $(SEED),1)

# The diagram shown in the README; a test checks that the DOT beside it is today's output.
diagrams: $(READY) graphviz
	$(BIN)/argmap render debates/lossy-compression.yaml -o docs/lossy-compression.dot
	$(BIN)/argmap render debates/lossy-compression.yaml -o docs/lossy-compression.svg

$(READY): pyproject.toml requirements-dev.lock scripts/setup
	sh scripts/setup "$(PYTHON)" "$(VENV)"
	touch $(READY)

# Write requirements-dev.lock again with the newest versions pyproject.toml allows.
lock: $(READY)
	sh scripts/lock

# The test suite on the lowest and on the newest dependency versions pyproject.toml allows.
bounds: $(READY) graphviz node browser neovim emacs
	sh scripts/bounds

graphviz:
	@sh scripts/ensure-graphviz

# Node.js and Mermaid's parser (tests/js), which the tests check Mermaid output with.
node:
	@sh scripts/ensure-node

# Headless Chromium and chromedriver, which the tests open the HTML map in.
browser:
	@sh scripts/ensure-browser

# Headless Neovim, the editor the tests of `argmap lsp` run the server in (docs/editors.md).
neovim:
	@sh scripts/ensure-neovim

# Emacs with eglot and yaml-mode, the other editor those tests run the server in.
emacs:
	@sh scripts/ensure-emacs

clean:
	rm -rf $(VENV) $(VENV)-lowest $(VENV)-newest out .mypy_cache .pytest_cache .ruff_cache
