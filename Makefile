# Riposte: two commands on a fresh machine.
#   make run   creates .venv, installs everything, builds the sample corpus, shows what it found
#   make test  same set-up, then the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STORE  ?= out/store
OUT    ?= out

.PHONY: run test install bench eval serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed when pyproject.toml changes; the French model is a pinned dependency.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Front-end packages from the npm registry (the page's graph library, and the GEXF
# reader the tests use); installed exactly as locked, never fetched at run time.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error

install: $(VENV)/.installed web/node_modules/.package-lock.json

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

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/endpoint.py

# the SPARQL endpoint and page over the store `make run` built
serve: install
	$(BIN)/riposte serve --store $(STORE)

# accuracy on the sample gold and the fixture suite, with and without coreference
eval: install
	$(BIN)/python bench/accuracy.py

clean:
	rm -rf $(VENV) out .pytest_cache
