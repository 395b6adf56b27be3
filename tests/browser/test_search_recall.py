"""Search recall over the committed query set (queries.yml), through the site's search worker in Chromium.

`python tests/browser/search_eval.py measure` prints the same figures next to Material's own worker's."""
from __future__ import annotations

import pytest

import search_eval
from conftest import SITE


@pytest.fixture(scope="module")
def texts():
    return search_eval.page_texts(SITE)


@pytest.fixture(scope="module")
def queries():
    return search_eval.load_queries()


class Results(dict):
    """Result lists per language, each language run once per test process, when first needed (so that with
    pytest-xdist each process runs only the languages of its tests)."""

    def __init__(self, browser, site_url, queries):
        super().__init__()
        self.browser, self.site_url, self.queries = browser, site_url, queries

    def __missing__(self, lang):
        extra = ["煤", "散煤清零工作"] if lang == "zh" else []  # a single character; a phrase not in the text
        context = self.browser.new_context()
        try:
            self[lang] = search_eval.run(context.new_page(), self.site_url, "site", lang,
                                         [e["query"] for e in self.queries[lang]] + extra)
        finally:
            context.close()
        return self[lang]


@pytest.fixture(scope="module")
def results(browser, site_url, queries):
    return Results(browser, site_url, queries)


def test_query_set_is_big_enough_and_current(queries, texts):
    assert len(queries["zh"]) + len(queries["en"]) >= 25 and len(queries["zh"]) >= 10 and len(queries["en"]) >= 10
    assert all(2 <= len(e["query"]) <= 6 for e in queries["zh"])
    stale = [f"{lang} {e['query']}" for lang, entries in queries.items() for e in entries
             if sorted(e.get("pages") or []) != search_eval.expected_pages(texts, e["query"], lang)]
    assert not stale, (f"queries.yml no longer matches the site for {stale}: run "
                       "`python tests/browser/search_eval.py update` and review the diff")
    assert all(e.get("pages") for entries in queries.values() for e in entries), "a query that finds no item tests nothing"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_listed_page_is_found(queries, results, texts, lang):
    report = search_eval.score({lang: queries[lang]}, results, texts)[lang]
    assert report["recall"] == 1.0, f"{lang}: recall {report['recall']:.1%}, missing: {report['misses']}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_results_are_in_the_language_being_read(queries, results, lang):
    for query, pages in results[lang].items():
        assert pages, f"{lang} {query}: nothing found"
        other = [p for p in pages if p.startswith("en/") != (lang == "en")]
        assert not other, f"{lang} {query}: results in the other language: {other[:5]}"


def test_chinese_results_contain_the_query(queries, results, texts):
    """Chinese queries match as substrings, not as any of their characters: returned items contain the query."""
    report = search_eval.score({"zh": queries["zh"]}, results, texts)["zh"]
    assert report["precision"] >= 0.95, f"zh precision {report['precision']:.1%}"


def test_single_character_finds_every_item_containing_it(results, texts):
    expected = search_eval.expected_pages(texts, "煤", "zh")
    missing = sorted(set(expected) - set(results["zh"]["煤"]))
    assert expected and not missing, f"煤: {len(missing)} of {len(expected)} items missing, e.g. {missing[:5]}"


def test_phrase_not_in_the_text_still_finds_the_closest_items(results):
    """散煤清零工作 is not in the text; the items about 散煤清零 still come first (Material marks the phrase missing)."""
    items = [p for p in results["zh"]["散煤清零工作"] if search_eval.ITEM.match(p)]
    assert items[:3] and all(p.startswith("2022-22/air/") for p in items[:3]), results["zh"]["散煤清零工作"][:5]
