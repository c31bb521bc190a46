# Service KPI Portal — the two commands: `make run` and `make test`. Both install what they need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8501
# what the browser tests launch and the scorecard PDF embeds (Debian's packages chromium and fonts-wqy-microhei)
CHROMIUM_BIN  := /usr/bin/chromium
CJK_FONT_FILE := /usr/share/fonts/truetype/wqy/wqy-microhei.ttc
PORTAL_UPLOAD_LIMIT_MB ?= 200
export PORTAL_UPLOAD_LIMIT_MB
# Python may cache the portal's and the tests' compiled modules (__pycache__, git-ignored) even where the
# environment says not to (PYTHONDONTWRITEBYTECODE=1 on this team's machines): every test worker, portal server
# and command-line process otherwise compiles them again (~1-1.5 s each; the unit + AppTest tier 421 -> 394 s).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint unit apptest unit-and-apptest browser chromium cjkfont debian-packages bench soak soak-short clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# --no-compile: pip does not byte-compile every module of every package at install (plotly alone has thousands);
# the modules a process imports are compiled then, once (~4 s for the stack), and cached beside them. A fresh
# `make test` installs in ~17 s instead of ~37 s.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --no-compile -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --no-compile -r requirements-dev.txt
	touch $@

## cjkfont: Debian's WenQuanYi Micro Hei, embedded in the printable scorecard PDF (or set PORTAL_CJK_FONT)
cjkfont:
	@if [ -n "$$PORTAL_CJK_FONT" ] || [ -f $(CJK_FONT_FILE) ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's fonts-wqy-microhei for the scorecard PDF…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null; \
	else \
		echo "No CJK font for the scorecard PDF. Run:  sudo apt-get install -y fonts-wqy-microhei  (or set PORTAL_CJK_FONT)"; \
	fi

## run: install, prepare the database (demo data when it is empty) and serve http://localhost:$(PORT)
# Streamlit's --server.maxUploadSize is the limit the portal reads (`python -m portal upload-limit`): a setting
# that is no positive whole number (abc, 0, 1.5) is 200 or 1 there, where Streamlit as given refused to start.
run: $(VENV)/.runtime-installed cjkfont
	$(BIN)/python -m portal prepare --demo-if-empty
	limit=$$($(BIN)/python -m portal upload-limit) && \
	$(BIN)/python -m streamlit run app.py --server.port $(PORT) --server.headless true \
		--server.maxUploadSize $$limit --browser.gatherUsageStats false

## debian-packages: what `chromium` and `cjkfont` install, in one apt-get (one index update) when both are missing;
## `make test` runs it beside pip's install. Not root: nothing here; the two targets then say what to run.
debian-packages:
	@missing=""; \
	[ -x $(CHROMIUM_BIN) ] || missing="chromium"; \
	if [ -z "$$PORTAL_CJK_FONT" ] && [ ! -f $(CJK_FONT_FILE) ]; then \
		missing="$$missing fonts-wqy-microhei"; fi; \
	if [ -n "$$missing" ] && [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's$$(printf ' %s' $$missing)…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

## chromium: Debian's Chromium for the browser tests (installed when missing and we are root)
chromium:
	@if [ -x $(CHROMIUM_BIN) ]; then :; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's chromium for the browser tests…"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Chromium is missing. Run:  sudo apt-get install -y chromium"; exit 1; \
	fi

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Test workers: one per CPU this machine lets the tests use (its container's quota, its memory), at least 2, at
# most 8 (unit) and 6 (browser): every tier keeps all its CPUs busy. `make test UNIT_WORKERS=2` to set them.
UNIT_WORKERS    ?= $(shell $(PYTHON) tests/workers.py unit)
BROWSER_WORKERS ?= $(shell $(PYTHON) tests/workers.py browser)

unit: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -q -m "not apptest and not browser" -n $(UNIT_WORKERS)

apptest: $(VENV)/.dev-installed
	$(BIN)/python -m pytest -q -m apptest -n $(UNIT_WORKERS)

## unit-and-apptest: the first two tiers in one run (one start of the workers, no idle worker between them)
unit-and-apptest: $(VENV)/.dev-installed
	@echo "unit + AppTest tier: $(UNIT_WORKERS) workers ($$(nproc) CPUs online, load $$(cut -d' ' -f1-3 /proc/loadavg))"
	$(BIN)/python -m pytest -q -m "not browser" -n $(UNIT_WORKERS) --durations=15

## browser: collects tests/browser only (collecting the whole tree costs each worker ~12 s). The 60-second soak is
## one of its modules: a worker runs it while the others go on with theirs (a soak lasts its 60 s of load whatever
## else runs; alone after the tier it added 1m20s-1m30s to `make test`). Its report: test-results/soak.json.
browser: $(VENV)/.dev-installed chromium
	@echo "browser tier: $(BROWSER_WORKERS) workers ($$(nproc) CPUs online, load $$(cut -d' ' -f1-3 /proc/loadavg))"
	$(BIN)/python -m pytest -q -m browser -n $(BROWSER_WORKERS) --dist loadfile --no-loadscope-reorder \
		--durations=15 tests/browser
	@echo "soak (beside the browser tier's other modules):" && cat test-results/soak.json && echo

## test: install everything the tests need (Python's packages and Debian's at the same time), then lint, the
## unit + AppTest tier and the browser tier with its 60-second soak
test:
	$(MAKE) --no-print-directory -j2 $(VENV)/.dev-installed debian-packages
	$(MAKE) --no-print-directory chromium cjkfont
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory unit-and-apptest
	$(MAKE) --no-print-directory browser

## soak: 20 sessions of every role reading for 5 minutes while 2 users upload and undo (on demand); results in
## test-results/soak.json. `make soak-short`: the 60-second version with 4 readers alone (`make browser` runs it too).
soak: $(VENV)/.dev-installed chromium
	SOAK_SECONDS=300 SOAK_READERS=20 $(BIN)/python -m pytest -q -s -m soak tests/browser/test_soak_browser.py

soak-short: $(VENV)/.dev-installed chromium
	$(BIN)/python -m pytest -q -s -m soak tests/browser/test_soak_browser.py

## bench: the benchmark at scale 1 (SCALES="1 10" for both)
SCALES ?= 1
bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench --scales $(SCALES)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
