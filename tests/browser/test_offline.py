"""The offline copies (postbuild/offline.py): the zips `make offline` put in site/data/offline/, unzipped once per
test session into a temporary folder and opened from there, as an office would: from file://, in Chromium.

What they must do: open from the folder with navigation, links, assets and search working and no request leaving
the folder; hold one language's pages only and none of the online-only files; every page of the published site is
in its copy, whose canonical link and printed permalink are the published permalink (the copy's file names differ);
both data pages link the two zips with their size. All tests here share the unzipped copies (one xdist group)."""
from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from conftest import SITE

pytestmark = pytest.mark.xdist_group("offline")

ZIPS = {"zh": SITE / "data" / "offline" / "lingchuan-plans-zh.zip",
        "en": SITE / "data" / "offline" / "lingchuan-plans-en.zip"}
HTML_LANG = {"zh": "zh", "en": "en"}
PERMALINKS = Path(__file__).resolve().parents[2] / "permalinks.txt"


class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str, str]] = []   # (tag, attribute, url, rel)
        self.ids: set[str] = set()
        self.lang = None
        self.canonical = None
        self.permalinks: list[str] = []   # the text of each <span class="permalink"> (print, citation blocks)
        self._in_permalink = False

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "html":
            self.lang = values.get("lang")
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href")
        if tag == "span" and "permalink" in values.get("class", "").split():
            self._in_permalink = True
            self.permalinks.append("")
        for attr in ("href", "src", "action"):
            if attr in values:
                self.links.append((tag, attr, values[attr], values.get("rel", "")))

    def handle_data(self, data):
        if self._in_permalink:
            self.permalinks[-1] += data.strip()

    def handle_endtag(self, tag):
        if tag == "span":
            self._in_permalink = False


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="session")
def copies(tmp_path_factory) -> dict[str, Path]:
    """lang -> the unzipped copy's folder (the zip's one top folder)."""
    missing = [str(z) for z in ZIPS.values() if not z.is_file()]
    if missing:
        pytest.fail(f"no offline copies {missing}: run `make offline` (`make test` does)")
    root = tmp_path_factory.mktemp("offline")
    folders = {}
    for lang, archive in ZIPS.items():
        with zipfile.ZipFile(archive) as opened:
            tops = {name.split("/")[0] for name in opened.namelist()}
            assert len(tops) == 1, f"{archive.name}: one top folder expected, found {sorted(tops)}"
            opened.extractall(root / lang)
        folders[lang] = root / lang / tops.pop()
    return folders


def pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_copy_holds_its_language_only_and_no_online_only_files(copies, lang):
    folder = copies[lang]
    assert (folder / "index.html").is_file()
    names = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert not [n for n in names if n.startswith(("en/", "zh/", "cite/qr/en/" if lang == "zh" else "cite/qr/zh/"))]
    for online_only in ("404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "search/search_index.json",
                        "search/lc-index.json", "data/offline/lingchuan-plans-zh.zip"):
        assert online_only not in names
    wrong = [p.relative_to(folder).as_posix() for p in pages(folder)
             if (parse(p).lang or "").split("-")[0] != HTML_LANG[lang]]
    assert wrong == [], f"pages of another language in the {lang} copy"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_published_page_is_in_its_copy_under_its_permalink(copies, lang):
    """Each permalink of the language (permalinks.txt) that is a page of the site is a file of the copy, whose
    canonical link is the published address, which the page also prints (its print permalink, or on item pages the
    citation block)."""
    folder, prefix = copies[lang], "/en/" if lang == "en" else "/"
    site_url = parse(SITE / "index.html").canonical
    urls = [u for u in PERMALINKS.read_text(encoding="utf-8").split()
            if u.startswith(prefix) and (lang == "en" or not u.startswith("/en/"))]
    checked, problems = 0, []
    for url in urls:
        online = SITE / url.lstrip("/") / "index.html"
        if 'http-equiv="refresh"' in online.read_text(encoding="utf-8")[:2048]:
            continue  # a redirect of an old URL: the copy has no old URLs
        inner = url.removeprefix(prefix).rstrip("/")
        candidates = [folder / "index.html"] if not inner else [folder / f"{inner}.html", folder / inner / "index.html"]
        copy = next((c for c in candidates if c.is_file()), None)
        if copy is None:
            problems.append(f"{url}: no page in the copy")
            continue
        parsed = parse(copy)
        if parsed.canonical != parse(online).canonical or not parsed.canonical.startswith(site_url):
            problems.append(f"{url}: canonical {parsed.canonical!r}, online {parse(online).canonical!r}")
        if parsed.canonical not in parsed.permalinks:
            problems.append(f"{url}: printed permalinks {parsed.permalinks!r}")
        checked += 1
    assert problems == []
    assert checked > 150


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_link_and_resource_opens_from_the_folder(copies, lang):
    """From file:// a link to a folder opens no index.html: every internal href and src names a file in the copy,
    every fragment an id of its page; nothing is loaded from elsewhere (links to the public site are allowed on <a>
    and as the canonical link only)."""
    folder = copies[lang]
    parsed = {p: parse(p) for p in pages(folder)}
    broken, outside, checked = [], [], 0
    for page, links in parsed.items():
        for tag, attr, url, rel in links.links:
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel", "data", "javascript", "webcal"):
                continue
            if parts.scheme or url.startswith("//"):
                if not (tag == "a" or (tag == "link" and rel == "canonical")):
                    outside.append(f"{page.relative_to(folder)}: <{tag} {attr}={url}>")
                continue
            if not parts.path:
                target = page
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            checked += 1
            if not target.is_file() or not target.is_relative_to(folder.resolve()):
                broken.append(f"{page.relative_to(folder)}: {url}")
            elif parts.fragment and target.suffix == ".html" and target in parsed \
                    and unquote(parts.fragment) not in parsed[target].ids:
                broken.append(f"{page.relative_to(folder)}: {url} (no id)")
    assert outside == []
    assert broken == []
    assert checked > 20 * len(parsed)


def test_both_data_pages_link_both_zips_with_their_size():
    for page in (SITE / "data" / "index.html", SITE / "en" / "data" / "index.html"):
        text = page.read_text(encoding="utf-8")
        paragraph = re.search(r"<p\b[^>]*data-lc-offline-copies[^>]*>.*?</p>", text, re.S)
        assert paragraph and " hidden" not in paragraph.group(0).split(">")[0]
        for lang, archive in ZIPS.items():
            link = re.search(rf'<a data-lc-offline="{lang}" href="([^"]+)"[^>]*>[^<]*</a>\s*<span[^>]*>\D*([\d.]+) MB',
                             paragraph.group(0))
            assert link, f"{page}: no link to the {lang} zip with its size"
            assert (page.parent / link.group(1)).resolve() == archive.resolve()
            assert abs(float(link.group(2)) * 1e6 - archive.stat().st_size) <= 0.05e6


# --- in the browser, from file:// ---------------------------------------------------------------------------------

def watch(page) -> list[str]:
    """Requests that leave file:// and page errors, collected while the test runs."""
    problems: list[str] = []
    page.on("request", lambda request: problems.append(f"request {request.url}")
            if not request.url.startswith(("file://", "data:", "about:", "blob:")) else None)
    page.on("pageerror", lambda error: problems.append(f"error {error}"))
    # a load cut short because the reader moved on (ERR_ABORTED) is not a missing file (ERR_FILE_NOT_FOUND)
    page.on("requestfailed", lambda request: problems.append(f"failed {request.url}: {request.failure}")
            if "ERR_ABORTED" not in (request.failure or "") else None)
    return problems


def search(page, query: str):
    box = page.locator("input.md-search__input").first
    box.click() if box.is_visible() else page.locator("label.md-search__icon, [for=__search]").first.click()
    box.fill(query)
    box.press("End")
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    return results


def test_chinese_copy_navigates_and_searches_from_the_folder(copies, page):
    problems = watch(page)
    page.goto(copies["zh"].as_uri() + "/index.html")
    expect(page.locator("h1").first).to_be_visible()
    page.locator(".md-tabs__link", has_text="责任单位").first.click()
    assert page.url.endswith("/units/index.html")
    page.locator("article a", has_text="县交通运输局").first.click()
    assert page.url.endswith("/units/transport.html")
    page.wait_for_load_state("load")  # the new page's images, not the old page's or none
    images = page.evaluate("Array.from(document.images).map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])")
    assert images and all(ok for _, ok in images), images  # the printed QR code among them
    results = search(page, "住建")
    first = results.first.get_attribute("href")
    assert "units/housing-construction.html" in first
    results.first.click()
    expect(page.locator("h1").first).to_contain_text("县住建局")
    assert page.url.split("?")[0].endswith("/units/housing-construction.html")
    assert problems == []


def test_english_copy_navigates_and_searches_from_the_folder(copies, page):
    problems = watch(page)
    page.goto(copies["en"].as_uri() + "/2022-22/air/15.html")
    expect(page.locator("h1").first).to_be_visible()
    assert page.locator("[hreflang]").count() == 0  # no switch to a language this copy lacks
    results = search(page, "clean heating")
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("glossary/index.html" in h and "#clean-heating" in h for h in hrefs), hrefs
    results.first.click()
    expect(page.locator("article")).to_contain_text("heating")
    page.go_back()
    page.locator(".md-tabs__link", has_text="Open data").first.click()
    assert page.url.endswith("/data/index.html")
    assert problems == []
