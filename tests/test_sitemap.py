"""Findability of the permalinks in the built site: sitemap.xml with both languages and hreflang alternates
(zh, en, x-default), one canonical link per page, ASCII ids everywhere, the stable anchors of plan pages, and the
bilingual 404 page."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from site_helpers import SITE, html_files, plans, require_site

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
REDIRECT = re.compile(r'http-equiv="refresh"', re.I)
CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"', re.I)
ID_ATTRIBUTE = re.compile(r'\sid="([^"]*)"')


def origin() -> str:
    """The site_url the build used: the home page's canonical link."""
    found = CANONICAL.findall((SITE / "index.html").read_text(encoding="utf-8"))
    assert len(found) == 1, "the home page needs one canonical link"
    return found[0]


def content_pages() -> dict[str, str]:
    """site-relative URL path ('', '2022-22/air/15/', 'en/units/') -> HTML of every real page (no redirects,
    no 404, no search)."""
    require_site()
    pages = {}
    for path in html_files():
        if not path.endswith("index.html") or path.startswith(("search/", "assets/", "cite/")):
            continue
        text = (SITE / path).read_text(encoding="utf-8")
        if not REDIRECT.search(text):
            pages[path.removesuffix("index.html")] = text
    return pages


@pytest.fixture(scope="module")
def sitemap() -> dict[str, dict[str, str]]:
    """<loc> -> {hreflang: href}."""
    require_site()
    root = ET.parse(SITE / "sitemap.xml").getroot()
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.find("s:loc", NS).text
        assert loc not in entries, f"{loc} is listed twice"
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
                        if link.get("rel") == "alternate"}
    return entries


@pytest.mark.any_engine
def test_sitemap_lists_every_page_in_both_languages(sitemap):
    base = origin()
    expected = {base + path for path in content_pages()}
    assert set(sitemap) == expected
    assert sum(loc.startswith(base + "en/") for loc in sitemap) * 2 == len(sitemap), "as many English as Chinese"


@pytest.mark.any_engine
def test_every_sitemap_entry_has_zh_en_and_x_default_alternates(sitemap):
    base = origin()
    for loc, alternates in sitemap.items():
        path = loc.removeprefix(base).removeprefix("en/")
        assert alternates == {"zh": base + path, "en": base + "en/" + path, "x-default": base + path}, loc


@pytest.mark.any_engine
def test_the_sitemap_alternates_are_reciprocal(sitemap):
    for loc, alternates in sitemap.items():
        for href in alternates.values():
            assert sitemap.get(href) == alternates, f"{href} (alternate of {loc}) must list the same alternates"


@pytest.mark.any_engine
def test_every_page_has_one_canonical_link_to_its_own_permalink():
    base = origin()
    wrong = []
    for path, text in content_pages().items():
        found = CANONICAL.findall(text)
        if found != [base + path]:
            wrong.append(f"{path or '/'}: {found}")
    assert not wrong, "pages whose canonical link is missing, repeated or not their own URL:\n" + "\n".join(wrong)


@pytest.mark.any_engine
def test_every_page_names_its_other_language_in_the_head():
    missing = []
    for path, text in content_pages().items():
        head = text.split("</head>")[0]
        languages = set(re.findall(r'<link rel="alternate" href="[^"]+" hreflang="(zh|en)">', head))
        if languages != {"zh", "en"}:
            missing.append(path or "/")
    assert not missing, f"pages without zh and en alternate links: {missing[:10]}"


@pytest.mark.any_engine
def test_every_id_in_every_built_page_is_ascii():
    require_site()
    bad = []
    for path in html_files():
        for value in ID_ATTRIBUTE.findall((SITE / path).read_text(encoding="utf-8")):
            if not value.isascii() or not value or " " in value:
                bad.append(f"{path}: id={value!r}")
    assert not bad, "non-ASCII or empty ids:\n" + "\n".join(bad[:20])


def expected_plan_anchors(plan: dict) -> set[str]:
    """From the YAML alone: parts, tasks (with categories), safeguards, annexes, the ledger and its rows."""
    anchors = {"top", "tasks", "safeguards", "glance"}
    anchors |= {part["id"] for part in plan.get("parts", [])}
    for category in plan["categories"]:
        anchors.add(f"category-{category['number']}")
        anchors |= {f"task-{task['number']}" for task in category["tasks"]}
    anchors |= {safeguard["id"] for safeguard in plan.get("safeguards", [])}
    anchors |= {annex["id"] for annex in plan.get("annexes", [])}
    if plan.get("ledger"):
        anchors.add("ledger")
        for category in plan["ledger"]["categories"]:
            anchors.add(f"ledger-category-{category['number']}")
            anchors |= {f"ledger-{row['number']}" for row in category["rows"]}
    return anchors


@pytest.mark.any_engine
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("plan_id", ["air", "water", "soil"])
def test_plan_pages_carry_their_stable_anchors(plan_id, lang):
    require_site()
    plan = plans()[plan_id]
    text = (SITE / ("en/" if lang == "en" else "") / "2022-22" / plan_id / "index.html").read_text(encoding="utf-8")
    ids = set(ID_ATTRIBUTE.findall(text))
    missing = expected_plan_anchors(plan) - ids
    assert not missing, f"{plan_id} ({lang}) lacks anchors {sorted(missing)}"
    assert ("goals" in ids) == any(part["id"] == "goals" for part in plan.get("parts", []))
    assert len([i for i in ids if re.fullmatch(r"task-\d+", i)]) == sum(len(c["tasks"]) for c in plan["categories"])


@pytest.mark.any_engine
def test_the_air_and_water_anchor_examples_of_the_design_exist():
    require_site()
    air = set(ID_ATTRIBUTE.findall((SITE / "2022-22/air/index.html").read_text(encoding="utf-8")))
    assert {"goals", "task-15", "ledger-16", "safeguards", "ledger"} <= air
    water = set(ID_ATTRIBUTE.findall((SITE / "en/2022-22/water/index.html").read_text(encoding="utf-8")))
    assert {"goals", "task-23", "ledger-22", "surface-water-targets"} <= water


# --- 404 -----------------------------------------------------------------------------------------------------------

@pytest.mark.any_engine
def test_the_404_page_is_bilingual_and_offers_search_and_both_home_pages():
    require_site()
    text = (SITE / "404.html").read_text(encoding="utf-8")
    article = re.search(r'<div class="lc-not-found">.*?</div>\s*</article>', text, re.S) or \
        re.search(r'<div class="lc-not-found">.*', text, re.S)
    assert article, "the 404 page should carry the project's bilingual content"
    body = article.group(0)
    assert "页面不存在" in body and "Page not found" in body
    assert re.search(r'<section lang="zh-Hans"', body) and re.search(r'<section lang="en"', body)
    root = urlsplit(origin()).path  # "/" unless SITE_URL has a path
    forms = re.findall(r'<form[^>]*action="([^"]+)"[^>]*role="search"', body)
    assert forms == [root, root + "en/"], "search forms submit ?q= to each home page, which opens Material's search"
    assert len(re.findall(r'<input[^>]*name="q"', body)) == 2
    assert f'<a href="{root}">' in body and f'<a href="{root}en/">' in body
    assert all(href.startswith("/") for href in re.findall(r'href="([^"#]+)"', body)), "links must be root-absolute"
