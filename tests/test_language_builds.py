"""The site as two single-language builds (issue 14): no i18n plugin, one search index per language, the language
switch of every page leading to its mirror, one 404 page that is right in both languages. Read from site/ as
`make site` built it, and from the dependency list."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from site_helpers import ENGINE, ROOT, SITE, html_files, require_site, resolve

LANGS = {"zh": "", "en": "en/"}
HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]+)"')
SWITCH = re.compile(r'<a href="([^"]*)" hreflang="(zh|en)" class="md-select__link"')
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def requirement_names(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[=<>!~\[ ]", line)[0].lower())
    return names


def test_no_i18n_or_redirect_plugin_is_a_dependency():
    names = requirement_names(ROOT / "requirements.txt") | requirement_names(ROOT / "requirements-dev.txt")
    assert {"mkdocs", "mkdocs-material"} <= names
    assert not names & {"mkdocs-static-i18n", "mkdocs-redirects"}, names
    assert not (ROOT / "hooks").exists(), "hooks/ is gone: its work is done by postbuild/"
    base = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^(hooks|nav):|^\s+- (i18n|redirects)\b", base, re.M)


def page_lang(path: str) -> str:
    return HTML_LANG.search((SITE / path).read_text(encoding="utf-8")).group(1).split("-")[0]


# The site's index (generator/search_index.py, what the search box uses), and the engine's own (Material's is what
# the offline copy searches; Zensical writes its own format).
ENGINE_INDEX = {"mkdocs": ("search/search_index.json", "docs"), "zensical": ("search.json", "items")}


@pytest.fixture(scope="module", params=["site", "engine"])
def indexes(request) -> dict[str, list[dict]]:
    require_site()
    name, key = ("search/lc-index.json", "docs") if request.param == "site" else ENGINE_INDEX[ENGINE]
    return {lang: json.loads((SITE / prefix / name).read_text(encoding="utf-8"))[key] for lang, prefix in LANGS.items()}


@pytest.mark.any_engine
def test_each_language_has_its_own_search_index(indexes):
    pages = {}
    for lang, docs in indexes.items():
        locations = {doc["location"].split("#")[0] for doc in docs}
        files = {LANGS[lang] + (loc + "index.html" if loc.endswith("/") or not loc else loc) for loc in locations}
        missing = sorted(f for f in files if not (SITE / f).is_file())
        assert not missing, f"{lang} index names pages that do not exist: {missing[:5]}"
        wrong = sorted(f for f in files if page_lang(f) != lang)
        assert not wrong, f"{lang} index holds pages in another language: {wrong[:5]}"
        pages[lang] = locations
    assert pages["zh"] == pages["en"], "the same pages are searchable in both languages, at the same paths"
    assert len(pages["zh"]) > 100


@pytest.mark.any_engine
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_searches_the_index_of_its_own_language(lang):
    """The search box fetches <base>/search/lc-index.json (overrides/partials/lc-search-worker.html); base (in
    __config) must lead to the language's root."""
    require_site()
    wrong = []
    for path in html_files():
        if not path.startswith(LANGS[lang]) or (lang == "zh" and path.startswith("en/")) or path.endswith("404.html"):
            continue
        text = (SITE / path).read_text(encoding="utf-8")
        config = CONFIG.search(text)
        if not config or 'http-equiv="refresh"' in text:
            continue
        base = json.loads(config.group(1))["base"]
        target = resolve(path, base.rstrip("/") + "/search/lc-index.json")
        if target.path != LANGS[lang] + "search/lc-index.json":
            wrong.append(f"{path}: {base} -> {target.path}")
    assert not wrong, "pages reading another language's index:\n" + "\n".join(wrong[:10])


@pytest.mark.any_engine
def test_the_language_switch_of_every_page_leads_to_its_mirror():
    require_site()
    wrong = []
    for path in html_files():
        if path.startswith(("assets/", "search/", "en/assets/", "en/search/")) or path.endswith("404.html"):
            continue
        text = (SITE / path).read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue
        inner = path.removeprefix("en/")
        links = {lang: resolve(path, href).path for href, lang in SWITCH.findall(text)}
        if links != {lang: prefix + inner for lang, prefix in LANGS.items()}:
            wrong.append(f"{path}: {links}")
    assert not wrong, "switch links that do not keep the page:\n" + "\n".join(wrong[:10])


@pytest.mark.any_engine
def test_the_404_page_is_chinese_first_with_an_english_part():
    """Hosts serve /404.html for any missing path: the Chinese build's page, declared Chinese, its English part
    declared English and searching the English index (its form submits to /en/)."""
    require_site()
    text = (SITE / "404.html").read_text(encoding="utf-8")
    assert page_lang("404.html") == "zh"
    assert text.index('<section lang="zh-Hans"') < text.index('<section lang="en"')
    assert not re.search(r'<link rel="alternate"[^>]*hreflang', text), "a 404 is no page to offer in other languages"
    switch = dict((lang, href) for href, lang in SWITCH.findall(text))
    assert switch == {"zh": "/", "en": "/en/"}, "on the 404 page (any depth) the switch goes to the home pages"
