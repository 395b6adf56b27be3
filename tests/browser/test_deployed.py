"""The deployed shape: the site built as the Pages workflow builds it (`make site DEPLOY=1`, SITE_URL with a path
prefix, like https://<owner>.github.io/<repo>/) and served under that prefix, 404 page for missing paths included
(the `deployed` fixture). No placeholder left in any file; every internal link and asset resolves under the prefix;
the QR codes decode, with an independent reader (zxing-cpp), to the real permalinks; the language switch, search and
the 404 page work there; and what readers store (calendar UIDs, fingerprints, anchors) is the same as in the build
for another origin (site/)."""
from __future__ import annotations

import gzip
import html
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from conftest import PREFIX, SITE

pytestmark = pytest.mark.xdist_group("deployed")

PLACEHOLDER_HOST = b"lingchuan-plans.example.org"   # mkdocs.yml's and the generator's default, written out here
URL_ATTRIBUTE = re.compile(r'\s(?:href|src|action)="([^"]*)"')
REFRESH = re.compile(r'http-equiv="refresh" content="\d+;\s*url=([^"]+)"', re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
ID = re.compile(r'\s(?:id|name)="([^"]+)"')


def files(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*") if path.is_file())


def text_of(path: Path) -> bytes:
    """A file's bytes as a reader of its format sees them: .gz unpacked, iCalendar lines unfolded (RFC 5545 folds
    lines at 75 octets, inside URLs too)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        return gzip.decompress(data)
    return data.replace(b"\r\n ", b"") if path.suffix == ".ics" else data


def test_no_placeholder_and_no_address_outside_the_prefix(deployed):
    """Not one file names the placeholder origin; every absolute address of the origin carries the prefix."""
    host = urlsplit(deployed.origin).netloc.encode()
    outside, placeholder = [], []
    for path in files(deployed.site):
        data = text_of(path)
        if PLACEHOLDER_HOST in data:
            placeholder.append(path.relative_to(deployed.site).as_posix())
        for match in re.finditer(re.escape(host) + rb"([^\"'<>\s)\\]*)", data):
            if not match.group(1).startswith(PREFIX.encode()):
                outside.append(f"{path.relative_to(deployed.site)}: {match.group(0)[:80]!r}")
    assert placeholder == []
    assert outside == []
    # The addresses really are in the output: permalinks, feeds, sitemap, open data.
    for name in ("sitemap.xml", "cite/citations.json", "data/calendar/all.ics", "2022-22/air/15/index.html"):
        assert (deployed.url + "2022-22/").encode() in text_of(deployed.site / name), name


def page_url(deployed, path: Path) -> str:
    relative = path.relative_to(deployed.site).as_posix()
    return deployed.url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def served_file(deployed, url: str) -> Path | None:
    """The file the prefix server answers for a same-origin URL, or None."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path.startswith(PREFIX):
        return None
    target = deployed.site / path[len(PREFIX):]
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def test_every_internal_link_and_asset_resolves_under_the_prefix(deployed):
    """Every href, src, form action and redirect of every page, and every url() of the site's CSS, resolved as a
    browser resolves it against the page's address under the prefix, names a file the host serves; a fragment
    names an id on the target page."""
    pages = [path for path in files(deployed.site) if path.suffix == ".html"]
    ids = {path: set(ID.findall(path.read_text(encoding="utf-8"))) for path in pages}
    broken, checked = [], 0
    for path in pages:
        source = path.read_text(encoding="utf-8")
        base = page_url(deployed, path)
        if path.name == "404.html":
            base = deployed.url + "no/such/page/"   # served at any missing address: its links must not be relative
        for url in URL_ATTRIBUTE.findall(source) + REFRESH.findall(source):
            url = html.unescape(url)
            absolute = urljoin(base, url)
            if urlsplit(absolute).netloc != urlsplit(deployed.origin).netloc:
                continue
            checked += 1
            target = served_file(deployed, absolute)
            fragment = urlsplit(absolute).fragment
            if target is None:
                broken.append(f"{path.relative_to(deployed.site)}: {url}")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in ids[target]:
                broken.append(f"{path.relative_to(deployed.site)}: {url} (no such anchor)")
    for path in files(deployed.site):
        if path.suffix == ".css" and "assets" in path.parts:
            for url in CSS_URL.findall(path.read_text(encoding="utf-8")):
                if not url.startswith(("data:", "#")) and served_file(deployed, urljoin(page_url(deployed, path), url)) is None:
                    broken.append(f"{path.relative_to(deployed.site)}: url({url})")
    assert checked > 10_000
    assert broken == []


def decode_qr(element) -> list[str]:
    """The text of the QR code(s) in a rendered element, read from its screenshot by zxing-cpp."""
    import zxingcpp
    from PIL import Image

    image = Image.open(io.BytesIO(element.screenshot())).convert("L")
    return [result.text for result in zxingcpp.read_barcodes(image)]


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN", device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.mark.parametrize("path, selector", [
    ("2022-22/air/15/", ".citation svg.qr"),            # an item's citation block, inline SVG
    ("en/2022-22/water/ledger/3/", ".citation svg.qr"),
    ("units/chongwen/", "img.qr"),                        # every page's printed permalink: cite/qr/…/qr.svg
    ("en/deadlines/", "img.qr"),
])
def test_qr_codes_decode_to_the_real_permalink(deployed, tab, path, selector):
    tab.emulate_media(media="print")                      # the printed QR code is shown in print only
    response = tab.goto(deployed.url + path)
    assert response.status == 200
    canonical = tab.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical == deployed.url + path
    # Scrolling to the code is the reader's first interaction: it loads Material's bundle, which opens every
    # <details> for print and so moves the code down. Let that happen before the screenshot is taken.
    tab.dispatch_event("body", "pointerdown")
    tab.wait_for_function("document.documentElement.classList.contains('js')")
    codes = tab.locator(selector)
    expect(codes.first).to_be_visible()
    assert decode_qr(codes.first) == [canonical]


def test_language_switch_keeps_the_page_under_the_prefix(deployed, tab):
    tab.goto(deployed.url + "2022-22/air/15/")
    tab.locator(".md-header__option .md-select").hover()
    tab.locator('a.md-select__link[hreflang="en"]').click()
    expect(tab).to_have_url(deployed.url + "en/2022-22/air/15/")
    tab.locator(".md-header__option .md-select").hover()
    tab.locator('a.md-select__link[hreflang="zh"]').click()
    expect(tab).to_have_url(deployed.url + "2022-22/air/15/")


@pytest.mark.parametrize("start, query, found", [
    ("2022-22/", "散煤", "2022-22/air/15/"),
    ("en/2022-22/", "loose coal", "en/2022-22/air/15/"),
])
def test_search_answers_under_the_prefix(deployed, tab, start, query, found):
    tab.goto(deployed.url + start)
    box = tab.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    results = tab.locator("li.md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("els => els.map(a => a.href)")
    assert deployed.url + found in [href.split("#")[0].split("?")[0] for href in hrefs]
    assert all(href.startswith(deployed.url) for href in hrefs)


@pytest.mark.parametrize("missing", ["no/such/page/", "en/2022-22/air/99/", "2022-22/air/ledger/999/"])
def test_404_page_is_styled_chinese_first_and_works_under_the_prefix(deployed, tab, missing):
    failed = []
    tab.on("requestfailed", lambda request: failed.append(request.url))
    tab.on("response", lambda response: failed.append(response.url) if response.status >= 400
           and response.url != deployed.url + missing else None)
    response = tab.goto(deployed.url + missing)
    assert response.status == 404
    assert tab.locator("html").get_attribute("lang") == "zh"
    heading = tab.locator(".lc-not-found h1")
    assert heading.inner_text().startswith("页面不存在")
    sections = tab.locator(".lc-not-found section")
    assert sections.nth(0).get_attribute("lang") in (None, "zh", "zh-Hans")
    assert sections.nth(1).get_attribute("lang") == "en"
    # Styled: Material's stylesheet and the site's are loaded from under the prefix (the header is coloured).
    sheets = tab.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
    assert any("/assets/stylesheets/main." in sheet for sheet in sheets) and all(s.startswith(deployed.url) for s in sheets)
    assert tab.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor") not in ("", "rgba(0, 0, 0, 0)")
    # No language link or hreflang to some unrelated page (a switch may lead to each language's home page only);
    # the Chinese tabs of the default language.
    switch = tab.locator("a.md-select__link").evaluate_all("els => els.map(a => a.href)")
    assert set(switch) <= {deployed.url, deployed.url + "en/"}
    assert tab.locator('link[rel="alternate"][hreflang]').count() == 0
    expect(tab.locator(".md-tabs__link").first).to_have_text(re.compile("首页"))
    assert failed == []
    # Its search form leads to search results on the site.
    tab.locator("#lc-q-zh").fill("散煤")
    tab.locator("#lc-q-zh").press("Enter")
    expect(tab).to_have_url(re.compile(re.escape(deployed.url) + r"\?q="))
    # Material opens its search with ?q= once the whole index has loaded (about 2 MB, slow on a busy machine).
    expect(tab.locator("li.md-search-result__item").first).to_be_visible(timeout=20_000)


# --- what readers store does not depend on the origin -------------------------------------------------------------

def calendar_uids(site: Path) -> dict[str, list[str]]:
    return {path.name: sorted(str(event["UID"]) for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
            for path in sorted((site / "data/calendar").glob("*.ics"))}


def fingerprints(site: Path) -> dict[str, str]:
    records = json.loads((site / "cite/citations.json").read_text(encoding="utf-8"))["items"]
    return {record["id"]: record["fingerprint"] for record in records}


def anchors(site: Path) -> dict[str, set[str]]:
    return {path.relative_to(site).as_posix(): set(ID.findall(path.read_text(encoding="utf-8")))
            for path in sorted(site.rglob("index.html"))}


def test_two_origins_give_the_same_identifiers(deployed):
    """site/ (built for the default or the shell's SITE_URL) and the deployed build (another origin, with a prefix)."""
    origin = json.loads((SITE / "cite/citations.json").read_text(encoding="utf-8"))["site_url"]
    assert origin != deployed.url
    uids = calendar_uids(SITE)
    assert uids and sum(map(len, uids.values())) > 100
    assert calendar_uids(deployed.site) == uids
    assert fingerprints(deployed.site) == fingerprints(SITE) and len(fingerprints(SITE)) > 100
    assert anchors(deployed.site) == anchors(SITE)
