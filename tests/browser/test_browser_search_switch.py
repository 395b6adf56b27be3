"""Through the real user interface: searching the Chinese and English sites, and the language switch.

The search box reacts to key-up only, so every query is `fill(text)` then `press("End")`."""
from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import expect

from conftest import SITE

ZWSP = "\u200b"  # Material writes jieba's word breaks into titles as zero-width spaces


def page_h1(path: str) -> str:
    """The <h1> of a built page, as a reader sees it."""
    text = (SITE / path / "index.html").read_text(encoding="utf-8")
    match = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)
    assert match, f"no <h1> in site/{path}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def item_pages_containing(word: str, english: bool) -> set[str]:
    """Item pages (tasks and ledger rows) of one language whose article text contains `word`."""
    root = SITE / "en" if english else SITE
    found = set()
    for file in root.glob("2022-22/*/**/index.html"):
        relative = file.parent.relative_to(SITE).as_posix() + "/"
        if not re.search(r"2022-22/[a-z]+/(ledger/)?\d+/$", relative):
            continue
        article = re.search(r"<article.*?</article>", file.read_text(encoding="utf-8"), re.S)
        body = html.unescape(re.sub(r"<[^>]+>", "", article.group(0)))
        if (re.search(rf"\b{re.escape(word)}\b", body, re.I) if english else word in body):
            found.add(relative)
    return found


def search(page, query: str) -> tuple[int, list[tuple[str, str]]]:
    """Type a query; return the number of pages found and the rendered results as (site path, title) of each
    page-level result (Material renders the first ten and more on scrolling)."""
    box = page.locator("input.md-search__input")
    box.click()  # at 1280 px the box sits in the header; clicking it opens the search dialog
    box.fill(query)
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text(re.compile(r"\d|没有|No matching"))
    expect(page.locator("li.md-search-result__item").first).to_be_visible()
    links = page.locator("li.md-search-result__item > a.md-search-result__link:first-child")  # the pages, not sections
    origin = page.evaluate("location.origin")
    results = []
    for href, title in links.evaluate_all(
            "els => els.map(a => [a.href, a.querySelector('h1').innerText])"):
        assert href.startswith(origin + "/"), f"result outside the site: {href}"
        results.append((href[len(origin) + 1:].split("?")[0].split("#")[0], title.replace(ZWSP, "").strip()))
    count = re.search(r"\d+", meta.inner_text())
    return int(count.group(0)) if count else len(results), results


def item_results(page, query: str, english: bool) -> tuple[list, list]:
    """Search from the page already open; every item containing the query is counted, and the first item results
    are pages that contain it, titled by their own <h1>. Returns (all results, item results)."""
    count, results = search(page, query)
    expected = item_pages_containing(query, english=english)
    assert expected, f"no item contains {query}: the query set is stale"
    assert count >= len(expected), f"{query}: {count} pages found, but {len(expected)} items contain it"
    item_path = r"en/2022-22/[a-z]+/(ledger/)?\d+/$" if english else r"2022-22/[a-z]+/(ledger/)?\d+/$"
    items = [(path, title) for path, title in results if re.match(item_path, path)]
    assert items, f"{query}: no item page among {results}"
    for path, title in items[:5]:
        assert path in expected, f"{query}: {path} does not contain the query"
        assert title == page_h1(path), f"{query}: result title {title!r} is not the page's title"
    return results, items


@pytest.mark.parametrize("query, expected_top", [
    ("散煤", "2022-22/air/15/"),   # 加快推进散煤清零: the word is in its title
    ("住建局", None),               # part of the unit name 县住建局, which jieba keeps as one word
    ("环境局", None),               # middle of 市生态环境局陵川分局
])
def test_chinese_search_finds_items(page, site_url, query, expected_top):
    page.goto(site_url + "/2022-22/")
    results, items = item_results(page, query, english=False)
    assert not [path for path, _ in results if path.startswith("en/")], f"{query}: English pages in {results}"
    if expected_top:
        assert expected_top in [path for path, _ in items], f"{query}: {expected_top} missing from {items}"


@pytest.mark.parametrize("query", ["heating", "emissions"])
def test_english_search_finds_items_by_whole_word(page, site_url, query):
    page.goto(site_url + "/en/2022-22/")
    results, _ = item_results(page, query, english=True)
    assert all(path.startswith("en/") for path, _ in results), f"{query}: Chinese pages in {results}"


def test_switcher_links_are_relative():
    """The switcher's links must work on any origin (this test server, a preview host, production): they are relative
    because postbuild/links.py points each at the same page in the other language (its mirror path)."""
    for path, other in [("2022-22/air/15", "../../../en/2022-22/air/15/"), ("en/2022-22/air/15", "../../../../2022-22/air/15/")]:
        text = (SITE / path / "index.html").read_text(encoding="utf-8")
        links = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', text))
        assert other in links.values(), f"{path}: switcher links {links}"
        assert not any(re.match(r"[a-z]+:", href) or href.startswith("/") for href in links.values()), links


def test_language_switch_keeps_the_page(page, site_url):
    page.goto(site_url + "/2022-22/air/15/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="en"]').click()
    expect(page).to_have_url(site_url + "/en/2022-22/air/15/")
    expect(page.locator("h1")).to_have_text(page_h1("en/2022-22/air/15"))
    assert page.evaluate("document.documentElement.lang") == "en"

    page.locator(".md-header__option .md-select").hover()
    page.locator('a.md-select__link[hreflang="zh"]').click()
    expect(page).to_have_url(site_url + "/2022-22/air/15/")
    expect(page.locator("h1")).to_have_text(page_h1("2022-22/air/15"))
    assert page.evaluate("document.documentElement.lang").startswith("zh")
