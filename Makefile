# lectern: `make` sets up .venv and builds the default lecture; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LECTURE ?= source
OUT ?= build
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := all
.PHONY: all build test lint typecheck check clean help preview readme-images bench syscheck

all: build ## Set up .venv (when missing) and build the default lecture into build/

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

syscheck: $(STAMP) ## Check the system libraries lectern needs (Pango for the booklet)
	@$(BIN)/python -m lectern.system

build: $(STAMP) syscheck ## Build the default lecture (LECTURE=dir OUT=dir to change)
	$(BIN)/lectern build $(LECTURE) --out $(OUT)

check: $(STAMP) ## Check the default lecture, warnings fatal
	$(BIN)/lectern check --strict $(LECTURE)

lint: $(STAMP) ## Lint with ruff
	$(BIN)/ruff check lectern tests bench

typecheck: $(STAMP) ## Type-check with mypy
	$(BIN)/mypy

test: $(STAMP) syscheck lint typecheck ## Run the whole test suite (ruff, mypy, pytest)
	$(BIN)/python -m pytest -n 2 -q

preview: $(STAMP) ## Render booklet pages and slides to PNG in build/preview/
	$(BIN)/python -m lectern.preview $(LECTURE) --out $(OUT)

bench: $(STAMP) ## Print build timings
	$(BIN)/python bench/run.py

clean: ## Remove build outputs and caches (keeps .venv)
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14
