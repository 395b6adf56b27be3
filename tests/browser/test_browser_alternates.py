"""Material's bundle fetches sitemap.xml beside every <link rel="alternate"> at start-up; with per-page links (as
postbuild/links.py writes them) that would be /<page>/sitemap.xml and /en/<page>/sitemap.xml, two 404s in the console
of every page (and a request to another origin, as the links are absolute). overrides/partials/lc-alternate-links.html hides the links
from it while it reads them: no such request, a clean console, and the links back in the head afterwards."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/", "/2022-22/air/15/", "/en/units/housing-construction/"])
def test_no_sitemap_requests_and_no_console_errors(page, site_url, path):
    requests, errors = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert not [url for url in requests if "sitemap" in url]
    assert not errors
    langs = page.eval_on_selector_all("link[rel=alternate][hreflang]", "links => links.map(l => l.hreflang).sort()")
    assert langs == ["en", "x-default", "zh"]
