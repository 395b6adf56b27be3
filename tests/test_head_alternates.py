"""The hreflang links in every page's <head> (postbuild/links.py) and robots.txt (postbuild/sitemap.py), as
Lighthouse's SEO audits `hreflang` and `robots-txt` check them: absolute URLs, the same alternates as sitemap.xml
(zh, en, x-default), and a robots.txt that allows crawling and names the sitemap by its absolute URL."""
from __future__ import annotations

import pytest

import re

from site_helpers import SITE, require_site
from test_sitemap import content_pages, origin, sitemap  # noqa: F401 - sitemap is a fixture

ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">')


@pytest.mark.any_engine
def test_head_alternates_are_absolute_and_match_the_sitemap(sitemap):  # noqa: F811
    base = origin()
    wrong = []
    for path, text in content_pages().items():
        head = dict((lang, href) for href, lang in ALTERNATE.findall(text.split("</head>")[0]))
        if head != sitemap.get(base + path):
            wrong.append(f"{path or '/'}: head {head} / sitemap {sitemap.get(base + path)}")
    assert not wrong, "pages whose head alternates differ from sitemap.xml:\n" + "\n".join(wrong[:10])


@pytest.mark.any_engine
def test_robots_txt_allows_crawling_and_names_the_sitemap():
    require_site()
    lines = [line.strip() for line in (SITE / "robots.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[0] == "User-agent: *"
    assert not any(line.lower().startswith("disallow:") and line.split(":", 1)[1].strip() for line in lines)
    assert f"Sitemap: {origin()}sitemap.xml" in lines
