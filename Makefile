# Two commands on a fresh machine with Python 3.11: `make site` builds site/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# properdocs (a dependency of mkdocs-redirects) prints a banner unless this is exactly `true`
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site site-zensical pages check serve test bench lighthouse clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt $(VENV)/.site-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

check: $(VENV)/.site-deps
	$(BIN)/python -m generator check

pages: $(VENV)/.site-deps
	$(BIN)/python -m generator build

# Both languages built at once (mkdocs.zh.yml, mkdocs.en.yml), finished by the project's post-build step, then
# swapped in: a failed build leaves the previous site/ exactly as it was (postbuild/__init__.py).
site: pages
	$(BIN)/python -m postbuild build --engine mkdocs --out site

# The same pages from the next engine (docs/README.md, "Zensical"), into its own folder; not published.
site-zensical: $(VENV)/.dev-deps pages
	$(BIN)/python -m postbuild build --engine zensical --out site-zensical

# Checks of the built site that apply to any engine (marked any_engine), run again on the Zensical build.
ANY_ENGINE_TESTS := tests/test_built_site.py tests/test_permalinks.py tests/test_sitemap.py tests/test_language_builds.py tests/test_head_alternates.py

serve: pages
	$(BIN)/python -m generator serve

test: $(VENV)/.dev-deps site site-zensical
	$(BIN)/python -m pytest -n 2 tests
	SITE_DIR=site-zensical $(BIN)/python -m pytest -n 2 -q -m any_engine $(ANY_ENGINE_TESTS)

bench: $(VENV)/.dev-deps
	$(BIN)/python bench/run.py

# Lighthouse on the built site (not part of `make test`): the pinned npm package, Debian's chromium, gzip-serving
# localhost; writes bench/lighthouse/scores.json. Needs Node 20 and npm; never downloads a browser.
bench/lighthouse/node_modules/.package-lock.json: bench/lighthouse/package-lock.json
	cd bench/lighthouse && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund

lighthouse: $(VENV)/.dev-deps site bench/lighthouse/node_modules/.package-lock.json
	$(BIN)/python bench/lighthouse/run.py

clean:
	rm -rf site site.new site.new-en site.old site-zensical site-zensical.new site-zensical.new-en generated mkdocs.zh.yml mkdocs.en.yml .zensical.*.yml docs/en/assets docs/.generated $(addprefix docs/zh/,index.md 2022-22 units deadlines glossary data cite search) $(addprefix docs/en/,index.md 2022-22 units deadlines glossary data search)
