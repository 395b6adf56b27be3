"""Checks of the built site (site/, as `make site` leaves it): item pages in both languages, their official text
and unit links, every internal link and anchor, unit and month pages, the search index."""
from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest

from generator.index import build_index
from generator.validate import load_corpus
from site_helpers import (DATA, ITEM_PATH, ROOT, SITE, built_site, collapse, document, is_external,  # noqa: F401
                          is_ignored_scheme, item_page, name_to_unit, raw_items, resolve, source_item_paths,
                          squash, units)

LANGS = ("zh", "en")
UNRENDERED_MARKDOWN_LINK = re.compile(r"\[[^\]\n]+\]\([^)\s]+\.md(?:#[^)\s]*)?\)")


@pytest.fixture(scope="session")
def index():
    return build_index(load_corpus(DATA))


def report(problems: list[str], what: str) -> str:
    shown = "\n".join(problems[:40])
    more = f"\n… and {len(problems) - 40} more" if len(problems) > 40 else ""
    return f"{len(problems)} {what}:\n{shown}{more}"


# --- item pages ----------------------------------------------------------------------------------------------------

@pytest.mark.any_engine
def test_every_indexed_item_has_a_page_in_both_languages(built_site, index):
    assert len(index.items) > 0
    missing = [item_page(item.path, lang) for item in index.items for lang in LANGS
               if item_page(item.path, lang) not in built_site]
    assert not missing, report(missing, "item pages missing")


def test_indexed_items_are_exactly_the_items_numbered_in_the_source(index):
    """generator.index against the source as the importer's parser reads it (site_helpers.source_structure)."""
    assert {item.id for item in index.items} == source_item_paths()


def official_chinese_of(item) -> list[str]:
    return [item.task_title.zh, item.text.zh] if item.task_title else [item.text.zh]


@pytest.mark.any_engine
def test_chinese_item_pages_show_the_official_text(built_site, index):
    problems = []
    for item in index.items:
        content = squash(built_site[item_page(item.path, "zh")].article_text)
        problems += [f"{item.id}: '{text[:30]}…'" for text in official_chinese_of(item) if squash(text) not in content]
    assert not problems, report(problems, "official passages not on their zh page")


@pytest.mark.any_engine
def test_english_item_pages_show_the_translation_and_the_official_chinese(built_site, index):
    problems = []
    for item in index.items:
        page = built_site[item_page(item.path, "en")]
        english = [item.task_title.en, item.text.en] if item.task_title else [item.text.en]
        problems += [f"{item.id}: English '{text[:40]}…'" for text in english
                     if collapse(text) not in collapse(page.article_text)]
        problems += [f"{item.id}: Chinese '{text[:30]}…'" for text in official_chinese_of(item)
                     if squash(text) not in squash(page.article_text)]
    assert not problems, report(problems, "passages missing from en item pages")


def unit_links(page) -> dict[str, list[str]]:
    """unit id -> texts of the page's content links to that unit's page."""
    found = defaultdict(list)
    for link in page.article_links():
        target = resolve(page.path, link.url).path or ""
        match = re.fullmatch(r"(?:en/)?units/([a-z0-9-]+)/index\.html", target)
        if match:
            found[match.group(1)].append(collapse(link.text))
    return found


@pytest.mark.any_engine
@pytest.mark.parametrize("lang", LANGS)
def test_item_pages_link_each_responsible_unit_by_name(built_site, lang):
    names = {unit["id"]: unit["name"][lang] for unit in units()}
    by_name = name_to_unit()
    problems = []
    for item in raw_items():
        page = built_site[item_page(item.path, lang)]
        links = unit_links(page)
        for unit_name in item.responsible.split("、"):
            unit_id = by_name[unit_name]
            if names[unit_id] not in links.get(unit_id, []):
                problems.append(f"{page.path}: no link to units/{unit_id}/ reading '{names[unit_id]}' "
                                f"(found {links.get(unit_id, [])})")
    assert not problems, report(problems, "unit links missing")


# --- links -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("page, url, expected", [
    ("2022-22/air/15/index.html", "../../../glossary/#clean-heating", ("glossary/index.html", "clean-heating")),
    ("2022-22/air/15/index.html", "../ledger/16/", ("2022-22/air/ledger/16/index.html", "")),
    ("2022-22/air/15/index.html", "#units", ("2022-22/air/15/index.html", "units")),
    ("en/units/transport/index.html", "../../../data/plan.json?v=1", ("data/plan.json", "")),
    ("404.html", "/en/", ("en/index.html", "")),
    ("index.html", "2022-22", ("2022-22/index.html", "")),
    ("index.html", "2022-22/air/99/", (None, "")),
    ("index.html", "../outside/", (None, "")),
])
def test_links_resolve_like_a_static_web_server(built_site, page, url, expected):
    target = resolve(page, url)
    assert (target.path, target.fragment) == expected


@pytest.mark.any_engine
def test_every_internal_link_and_resource_resolves(built_site):
    broken, checked = [], 0
    for page in built_site.values():
        for link in page.links:
            if is_ignored_scheme(link.url) or is_external(link.url):
                continue
            checked += 1
            if resolve(page.path, link.url).path is None:
                broken.append(f"{page.path}: <{link.tag} {link.attr}='{link.url}'> points to no file")
    assert checked > 10 * len(built_site), f"only {checked} internal links found: is the parser reading the pages?"
    assert not broken, report(broken, "broken internal links")


@pytest.mark.any_engine
def test_every_link_fragment_names_an_id_in_its_target(built_site):
    broken = []
    for page in built_site.values():
        for link in page.links:
            if is_ignored_scheme(link.url) or is_external(link.url):
                continue
            target = resolve(page.path, link.url)
            if target.path in built_site and target.fragment and target.fragment not in built_site[target.path].ids:
                broken.append(f"{page.path}: '{link.url}' -> {target.path} has no id '{target.fragment}'")
    assert not broken, report(broken, "links to missing anchors")


def site_url(built_site) -> str:
    canonical = [link.url for link in built_site["index.html"].links if link.rel == "canonical"]
    assert len(canonical) == 1 and is_external(canonical[0]), "the home page needs one absolute canonical link"
    return canonical[0]


@pytest.mark.any_engine
def test_no_link_or_resource_leaves_the_site_except_canonical_and_alternate_urls(built_site):
    origin = site_url(built_site)
    outside = []
    for page in built_site.values():
        for link in page.links:
            if not is_external(link.url):
                continue
            allowed = link.tag == "link" and link.rel in ("canonical", "alternate") and link.url.startswith(origin)
            # a calendar subscription: webcal:// is the site's own feed, opened by the reader's calendar program
            subscribes = link.tag == "a" and link.url.startswith("webcal://") and \
                link.url.removeprefix("webcal://").startswith(origin.split("://", 1)[1]) and link.url.endswith(".ics")
            if not (allowed or subscribes):
                outside.append(f"{page.path}: <{link.tag} {link.attr}='{link.url}'>")
    assert not outside, report(outside, "external links or resources")


@pytest.mark.any_engine
def test_no_markdown_link_is_left_unrendered(built_site):
    leftovers = [f"{page.path}: {match.group(0)}" for page in built_site.values()
                 for match in UNRENDERED_MARKDOWN_LINK.finditer(page.article_text)]
    assert not leftovers, report(leftovers, "Markdown links printed as text instead of rendered")


# --- unit and month pages ----------------------------------------------------------------------------------------

def linked_items(built_site, page_path: str) -> set[str]:
    """Item paths ('2022-22/air/15') the content of a page links to; every one must be in the page's language."""
    page = built_site[page_path]
    english = page_path.startswith("en/")
    items = set()
    for link in page.article_links():
        target = resolve(page_path, link.url).path or ""
        match = ITEM_PATH.match(target)
        if match:
            assert target.startswith("en/") == english, f"{page_path} links to {target} in the other language"
            items.add(target.removeprefix("en/").removesuffix("/index.html"))
    return items


def expected_unit_items() -> dict[str, set[str]]:
    """From the YAML: a unit's items are those naming it, plus those naming a group it is a member of."""
    by_name = name_to_unit()
    direct: dict[str, set[str]] = {unit["id"]: set() for unit in units()}
    for item in raw_items():
        for name in item.responsible.split("、"):
            direct[by_name[name]].add(item.path)
    expected = {unit_id: set(paths) for unit_id, paths in direct.items()}
    for group in units():
        for member in group.get("members", []):
            expected[member] |= direct[group["id"]]
    return expected


@pytest.mark.any_engine
@pytest.mark.parametrize("lang", LANGS)
def test_each_unit_page_lists_exactly_the_items_assigned_to_it(built_site, lang):
    prefix = "en/" if lang == "en" else ""
    problems = []
    for unit_id, expected in expected_unit_items().items():
        path = f"{prefix}units/{unit_id}/index.html"
        if path not in built_site:
            problems.append(f"{path}: missing")
            continue
        listed = linked_items(built_site, path)
        if listed != expected:
            problems.append(f"{path}: missing {sorted(expected - listed)}, unexpected {sorted(listed - expected)}")
    assert not problems, report(problems, "unit pages with the wrong items")


def expected_month_items() -> dict[str, set[str]]:
    """From the YAML and this suite's own reading of the deadline words (test_feeds.read_deadline): month -> items
    due, starting, covered or recurring in it."""
    from test_feeds import readings

    months: dict[str, set[str]] = defaultdict(set)
    for item in raw_items():
        for reading in readings(item):
            for month in reading.months:
                months[month].add(item.path)
    return months


def month_pages(built_site, lang: str) -> set[str]:
    pattern = re.compile(("en/" if lang == "en" else "") + r"deadlines/(\d{4}-\d{2})/index\.html")
    return {match.group(1) for path in built_site if (match := pattern.fullmatch(path))}


@pytest.mark.any_engine
@pytest.mark.parametrize("lang", LANGS)
def test_there_is_a_month_page_for_exactly_the_months_with_deadlines(built_site, lang):
    assert month_pages(built_site, lang) == set(expected_month_items())


@pytest.mark.any_engine
@pytest.mark.parametrize("lang", LANGS)
def test_each_month_page_lists_exactly_the_items_with_a_deadline_in_that_month(built_site, lang):
    prefix = "en/" if lang == "en" else ""
    problems = []
    for month, expected in sorted(expected_month_items().items()):
        path = f"{prefix}deadlines/{month}/index.html"
        listed = linked_items(built_site, path) if path in built_site else set()
        if listed != expected:
            problems.append(f"{path}: missing {sorted(expected - listed)}, unexpected {sorted(listed - expected)}")
    assert not problems, report(problems, "month pages with the wrong items")


# --- search ------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def search_index(built_site) -> dict:
    path = SITE / "search" / "search_index.json"
    assert path.is_file(), f"{path} is missing"
    return json.loads(path.read_text(encoding="utf-8"))


def test_material_index_is_not_what_readers_search(search_index):
    """Material's plugin still writes search/search_index.json (its search box needs the plugin), but no reader
    fetches it (the site's own lc-index.json is searched, online and offline), so nothing is spent on it: no jieba
    word breaks (U+200B) in it, and jieba is no dependency of the build."""
    texts = [doc["text"] for doc in search_index["docs"] if re.search(r"[\u4e00-\u9fff]{2}", doc["text"])]
    assert texts and not any("\u200b" in text for text in texts)
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert not re.search(r"^jieba\b", requirements, re.M | re.I)


# Parts of names (住建局 inside 县住建局, 环境局, 交警) are found by the site's search worker, which matches Chinese
# by substring: tests/browser/test_search_recall.py runs those queries in
# the browser against tests/browser/queries.yml.
