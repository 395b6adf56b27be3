"""Search costs nothing until used (issue 15): first visits in a real browser, counted in bytes at the server.

The server compresses as GitHub Pages does and records every response it sends, from the page and from its
workers alike; the browser starts with a cold cache and nobody touches the page."""
from __future__ import annotations

import functools
import gzip
import re
import threading
import time
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

import search_eval
from conftest import SITE, GzipHandler, QuietServer

FIRST_VISIT_LIMIT = 100 * 1024   # bytes on the wire, compressed
INDEX_LIMIT = 40 * 1024          # one language's index at 1x the data, compressed (28-31 KB when written)
PAGES = ["", "2022-22/air/15/", "units/housing-construction/", "2022-22/air/"]


class CountingHandler(GzipHandler):
    """GzipHandler that logs (path, bytes sent) and can hold the search index back for a while."""

    log: list[tuple[str, int]]
    index_delay = 0.0

    def send_header(self, keyword, value):
        if keyword.lower() == "content-length":
            self.log.append((self.path.split("?")[0], int(value)))
        super().send_header(keyword, value)

    def send_head(self):
        if "lc-index.json" in self.path and self.index_delay:
            time.sleep(self.index_delay)
        return super().send_head()


@pytest.fixture(scope="module")
def counting_site():
    log: list[tuple[str, int]] = []
    handler = type("Handler", (CountingHandler,), {"log": log})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(SITE)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", log, handler
    server.shutdown()
    server.server_close()


def visit(browser, origin: str, log: list, path: str, width: int = 390) -> tuple[object, list[tuple[str, int]]]:
    """Open a page in a fresh context (cold cache) and let it settle: no request for 0.5 s, or 5 s at most."""
    ctx = browser.new_context(viewport={"width": width, "height": 844})
    page = ctx.new_page()
    start = len(log)
    try:
        page.goto(origin + "/" + path, wait_until="networkidle", timeout=5000)
    except Exception:  # noqa: BLE001 - still loading after 5 s: count what arrived
        pass
    return page, log[start:]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_first_visit_is_under_100_kb_and_fetches_no_index(browser, counting_site, path, lang):
    origin, log, _ = counting_site
    page, sent = visit(browser, origin, log, ("en/" if lang == "en" else "") + path)
    total = sum(size for _, size in sent)
    assert total <= FIRST_VISIT_LIMIT, f"/{path} ({lang}): {total / 1024:.1f} KB: {sorted(sent, key=lambda s: -s[1])[:6]}"
    assert not [p for p, _ in sent if "search" in p and p.endswith(".json")], f"index fetched without use: {sent}"
    assert not [p for p, _ in sent if "site-search-engine" in p], f"search engine fetched without use: {sent}"
    page.context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_focus_fetches_only_the_readers_index_with_a_loading_state(browser, counting_site, lang):
    origin, log, handler = counting_site
    handler.index_delay = 1.5  # a slow network: the reader must see that search is loading
    try:
        page, _ = visit(browser, origin, log, "en/2022-22/air/15/" if lang == "en" else "2022-22/air/15/")
        start = len(log)
        page.locator("input.md-search__input").focus()
        meta = page.locator(".md-search-result__meta")
        expect(meta).to_be_visible()
        initializing = {"zh": "正在初始化搜索引擎", "en": "Initializing search"}[lang]
        expect(meta).to_have_text(initializing)  # Material's own text, shown until the index has arrived
        page.locator("input.md-search__input").fill("住建" if lang == "zh" else "housing")
        page.locator("input.md-search__input").press("End")
        expect(page.locator("li.md-search-result__item").first).to_be_visible(timeout=10_000)
        fetched = [p for p, _ in log[start:] if p.endswith(".json")]
        expected = "/en/search/lc-index.json" if lang == "en" else "/search/lc-index.json"
        assert fetched == [expected], fetched
    finally:
        handler.index_delay = 0.0
    page.context.close()


def test_query_in_the_address_loads_search_and_answers(browser, counting_site):
    origin, log, _ = counting_site
    page, sent = visit(browser, origin, log, "?q=%E4%BD%8F%E5%BB%BA")  # ?q=住建
    assert "/search/lc-index.json" in [p for p, _ in sent]
    first = page.locator("li.md-search-result__item a.md-search-result__link").first
    expect(first).to_have_attribute("href", f"{origin}/units/housing-construction/?h=%E4%BD%8F%E5%BB%BA")
    page.context.close()


def test_snippets_are_the_matching_official_text_marked_and_no_missing_line(browser, counting_site):
    origin, log, _ = counting_site
    page, _ = visit(browser, origin, log, "2022-22/", width=1280)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("供暖季")
    box.press("End")
    items = page.locator("li.md-search-result__item")
    expect(items.first).to_be_visible()
    first = items.first.inner_html()
    assert "<mark>供暖季</mark>" in first, first
    assert page.locator(".md-search-result__terms").count() == 0, "a result that matches shows a 'missing' line"
    page.context.close()


MONTH_QUERIES = {"zh": ["6月", "6月底", "2022年6月", "2022年10月", "10月底前", "2022年底", "年底前"],
                 "en": ["June 2022", "end of June", "June", "October 2022", "end of August", "end of 2022",
                        "by the end of the year"]}
# how a letter or a colleague names an item: its number, alone or as the citation prints it
NUMBER_QUERIES = {"zh": [("第15项", "2022-22/air/15/"), ("任务15", "2022-22/air/15/"), ("台账第15项", "2022-22/air/ledger/15/")],
                  "en": [("item 15", "en/2022-22/air/15/"), ("task 15", "en/2022-22/air/15/"),
                         ("ledger row 15", "en/2022-22/air/ledger/15/")]}
UNIT_QUERIES = {"zh": [("住建", "units/housing-construction/"), ("县住建局", "units/housing-construction/"),
                       ("交警", "units/traffic-police/"), ("水务", "units/water-affairs/"),
                       ("陵川分局", "units/ecology-environment/")],
                "en": [("housing", "en/units/housing-construction/"), ("traffic police", "en/units/traffic-police/"),
                       ("Water Affairs", "en/units/water-affairs/")]}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_month_unit_and_number_queries_give_their_page_first(browser, site_url, lang):
    month_of = {"6月": "2022-06", "6月底": "2022-06", "2022年6月": "2022-06", "2022年10月": "2022-10",
                "10月底前": "2022-10", "June 2022": "2022-06", "end of June": "2022-06", "June": "2022-06",
                "October 2022": "2022-10", "end of August": "2022-08", "2022年底": "2022-12", "年底前": "2022-12",
                "end of 2022": "2022-12", "by the end of the year": "2022-12"}
    queries = MONTH_QUERIES[lang] + [q for q, _ in UNIT_QUERIES[lang] + NUMBER_QUERIES[lang]] + ["VOCs"]
    context = browser.new_context()
    try:
        results = search_eval.run(context.new_page(), site_url, "site", lang, queries)
    finally:
        context.close()
    prefix = "en/" if lang == "en" else ""
    for query in MONTH_QUERIES[lang]:
        assert results[query][:1] == [f"{prefix}deadlines/{month_of[query]}/"], (query, results[query][:3])
        # and the items due then follow: every later result is an item or unit page, not a stray page
        assert len(results[query]) > 1, query
    for query, unit in UNIT_QUERIES[lang]:
        assert results[query][:1] == [unit], (query, results[query][:3])
    for query, item in NUMBER_QUERIES[lang]:  # the items numbered 15 first, the air plan's (the first plan) first
        assert results[query][:1] == [item], (query, results[query][:3])
        assert all("/15/" in location for location in results[query][:2]), (query, results[query][:3])
    # a Latin word right after a Han character (涉VOCs) is a word: the air plan's items, not only the glossary
    assert results["VOCs"][:1] and results["VOCs"][0].startswith(f"{prefix}2022-22/air/"), results["VOCs"][:3]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_index_is_small(lang):
    body = search_eval.site_index(SITE, lang).read_bytes()
    size = len(gzip.compress(body, 6))
    assert size <= INDEX_LIMIT, f"{lang} index {size / 1024:.1f} KB compressed (limit {INDEX_LIMIT / 1024:.0f} KB)"


@pytest.mark.parametrize("lang, query, unit", [("zh", "县住建局 6月", "units/housing-construction/"),
                                               ("en", "housing June", "en/units/housing-construction/")])
def test_a_unit_and_a_month_open_the_units_month(browser, counting_site, lang, query, unit):
    """Staff asking what is due for their unit in June land on their unit page's June section, in a real browser."""
    origin, log, _ = counting_site
    page, _ = visit(browser, origin, log, ("en/" if lang == "en" else "") + "?q=" + quote(query))
    first = page.locator("li.md-search-result__item a.md-search-result__link").first
    expect(first).to_have_attribute("href", re.compile(re.escape(f"{origin}/{unit}") + r"(\?h=[^#]*)?#month-2022-06$"))
    expect(first).to_contain_text("2022年6月" if lang == "zh" else "June 2022")
    first.click()
    page.wait_for_url(re.compile(r"#month-2022-06$"))
    expect(page.locator("[id='month-2022-06']")).to_be_in_viewport()
    page.context.close()
