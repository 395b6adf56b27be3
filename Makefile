# Two commands on a fresh machine with Python 3.11: `make site` builds site/, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
# properdocs (a dependency of mkdocs-redirects) prints a banner unless this is exactly `true`
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site offline site-zensical pages check serve test bench lighthouse clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt $(VENV)/.site-deps
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# One build at a time: a second `make site` (a watcher and a terminal) waits for the first instead of deleting
# the folder it is building into. flock(1) holds the lock for exactly one command and releases it when that
# command ends, however it ends.
LOCK := flock $(CURDIR)/.build.lock

check: $(VENV)/.site-deps
	$(BIN)/python -m generator check

# `make site DEPLOY=1` (the Pages workflow) refuses to build without the public address in SITE_URL: the default is
# a placeholder that every permalink, QR code and feed would name (DESIGN.md, "Deployment").
pages: $(VENV)/.site-deps
	$(LOCK) $(BIN)/python -m generator build $(if $(DEPLOY),--deploy)

# Both languages built at once (mkdocs.zh.yml, mkdocs.en.yml), finished by the project's post-build step, then
# swapped in: a failed build leaves the previous site/ exactly as it was (postbuild/__init__.py). One build at a
# time (the lock); a build interrupted between the swap's two renames left the previous site in site.old/: put back.
site: pages
	$(LOCK) sh -c '[ -d site ] || [ ! -d site.old ] || mv site.old site; \
	  $(BIN)/python -m postbuild build --engine mkdocs --out site'

# The offline copies (postbuild/offline.py): a zip per language in site/data/offline/, linked from both data pages;
# each language's project built again with Material's offline plugin. Not part of `make site` (its own two builds);
# the Pages workflow runs both.
offline: site
	$(LOCK) $(BIN)/python -m postbuild offline --out site

# The same pages from the next engine (docs/README.md, "Zensical"), into its own folder; not published.
site-zensical: $(VENV)/.dev-deps pages
	$(BIN)/python -m postbuild build --engine zensical --out site-zensical

# Checks of the built site that apply to any engine (marked any_engine), run again on the Zensical build.
ANY_ENGINE_TESTS := tests/test_built_site.py tests/test_permalinks.py tests/test_sitemap.py tests/test_language_builds.py tests/test_head_alternates.py

serve: pages
	$(BIN)/python -m generator serve

# --dist loadgroup: the tests of the deployed shape (one xdist group) share one extra build of the site.
test: $(VENV)/.dev-deps site offline site-zensical
	$(BIN)/python -m pytest -n 2 --dist loadgroup tests
	SITE_DIR=site-zensical $(BIN)/python -m pytest -n 2 -q -m any_engine $(ANY_ENGINE_TESTS)

bench: $(VENV)/.dev-deps
	$(BIN)/python bench/run.py

# Lighthouse on the built site (not part of `make test`): the pinned npm package, Debian's chromium, gzip-serving
# localhost; writes bench/lighthouse/scores.json. Needs Node 20 and npm; never downloads a browser.
# package.json's `overrides` reads @paulirish/trace_engine's dependency `third-party-web: latest` as lighthouse's
# ^0.27.0: npm install records "latest" as met by the hoisted 0.27.0, and `npm ci` then refused the lock file
# ("Missing: third-party-web@0.30.0"). After changing package.json: `npm install` there, then check `npm ci` in a
# fresh copy of the folder.
bench/lighthouse/node_modules/.package-lock.json: bench/lighthouse/package-lock.json
	cd bench/lighthouse && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund

lighthouse: $(VENV)/.dev-deps site bench/lighthouse/node_modules/.package-lock.json
	$(BIN)/python bench/lighthouse/run.py

clean:
	rm -rf site site.new site.new-en site.old site.offline .offline.mkdocs.*.yml .build.lock site-zensical site-zensical.new site-zensical.new-en generated mkdocs.zh.yml mkdocs.en.yml .zensical.*.yml docs/en/assets docs/.generated $(addprefix docs/zh/,index.md 2022-22 units deadlines glossary data cite search) $(addprefix docs/en/,index.md 2022-22 units deadlines glossary data search)
