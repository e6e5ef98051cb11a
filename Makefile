# Riposte: two commands on a fresh machine.
#   make run   creates .venv, installs everything, builds the sample corpus, shows what it found
#   make test  same set-up, then the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= out/store
OUT    ?= out
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install browser bench eval serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed when pyproject.toml changes; the French model is a pinned dependency.
# After the npm packages: the wheel (even an editable one) carries cytoscape's file.
$(VENV)/.installed: pyproject.toml web/node_modules/.package-lock.json | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Front-end packages from the npm registry (the page's graph library, and the GEXF
# reader the tests use); installed exactly as locked, never fetched at run time.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed web/node_modules/.package-lock.json

# Debian's Chromium for the browser tests (tests/test_page.py drives it with Playwright,
# which is never asked to download a browser of its own).  Installed with apt-get when
# missing: as root, or through sudo when it needs no password.
browser:
	@if [ -x "$(CHROMIUM)" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "make browser: $(CHROMIUM) is missing and apt-get needs root; run 'sudo apt-get install chromium' (Debian's package) and then 'make test' again" >&2; exit 1; fi; \
	echo "Installing Debian's chromium for the browser tests"; \
	$$SUDO apt-get update -q && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
	  || { echo "make browser: apt-get could not install chromium" >&2; exit 1; }; \
	[ -x "$(CHROMIUM)" ] || { echo "make browser: chromium is installed but $(CHROMIUM) is not there; set CHROMIUM=/path/to/chromium (and RIPOSTE_CHROMIUM for the tests)" >&2; exit 1; }

run: install
	rm -rf $(STORE)
	$(BIN)/riposte build corpus --store $(STORE)
	$(BIN)/riposte stats --store $(STORE)
	@echo; echo "== Which groups are backed by Iran?"
	$(BIN)/riposte query groups_backed_by --param backer=ripid:iran --store $(STORE)
	@echo; echo "== Which attacks did the Islamic Resistance in Iraq claim?"
	$(BIN)/riposte query claims --param claimant=ripid:islamic-resistance-in-iraq --store $(STORE)
	@echo; echo "== Which strikes retaliated for which attack?"
	$(BIN)/riposte query retaliation --store $(STORE)
	@echo; echo "== Strikes and what they struck"
	$(BIN)/riposte query strikes --store $(STORE)
	@echo; echo "== Casualties"
	$(BIN)/riposte query casualties --store $(STORE)
	$(BIN)/riposte export --store $(STORE) --format gexf --out $(OUT)/riposte.gexf

test: install browser
	RIPOSTE_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/endpoint.py

# the SPARQL endpoint and page over the store `make run` built
serve: install
	$(BIN)/riposte serve --store $(STORE)

# accuracy: the development articles per theatre (EVAL holds score-dev), the samples, the fixtures
EVAL ?= ../shared/eval
eval: install
	$(BIN)/python bench/accuracy.py --eval $(EVAL)

clean:
	rm -rf $(VENV) out .pytest_cache
