"""The same pages from the next engine (issue 14): `make site-zensical` builds both languages with Zensical into
site-zensical/, through the same post-build step. The checks marked any_engine run again on that build (make test);
this compares the two builds page by page. What still differs is the table in docs/README.md ("Zensical")."""
from __future__ import annotations

import html
import re

import pytest

from site_helpers import ROOT

MKDOCS, ZENSICAL = ROOT / "site", ROOT / "site-zensical"
ARTICLE = re.compile(r"<article\b[^>]*>(.*?)</article>", re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
# The data pages' paragraph on the offline copies is shown, with links and sizes, by `make offline`, which only the
# published (MkDocs) build goes through; Zensical's keeps it hidden (docs/README.md, "Zensical").
OFFLINE_COPIES = re.compile(r"<p\b[^>]*data-lc-offline-copies[^>]*>.*?</p>", re.S)


def text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture(scope="module")
def builds() -> tuple[dict[str, str], dict[str, str]]:
    for site in (MKDOCS, ZENSICAL):
        if not (site / "index.html").is_file():
            pytest.fail(f"{site.name}/ is missing: run `make site site-zensical` (make test builds both)", pytrace=False)
    return tuple({p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(("assets/", "en/assets/"))}
                 for site in (MKDOCS, ZENSICAL))


def test_both_engines_write_the_same_pages(builds):
    mkdocs, zensical = builds
    assert sorted(mkdocs) == sorted(zensical)


def test_every_page_has_the_same_title_and_article_text(builds):
    mkdocs, zensical = builds
    different = []
    for path, page in mkdocs.items():
        ours, theirs = OFFLINE_COPIES.sub("", page), OFFLINE_COPIES.sub("", zensical[path])
        for pattern in (TITLE, ARTICLE):
            a, b = pattern.search(ours), pattern.search(theirs)
            if (text(a.group(1)) if a else None) != (text(b.group(1)) if b else None):
                different.append(f"{path}: {pattern.pattern[:10]}")
    assert not different, "pages that read differently under Zensical:\n" + "\n".join(different[:20])
