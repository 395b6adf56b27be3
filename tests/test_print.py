"""Printing (assets/print.css, overrides/partials/lc-print-*.html): item pages and unit responsibility sheets print
on A4 with citation, permalink and QR code, and without header, tabs, navigation, search, footer or buttons.
Checked in headless Chromium with print media emulated, and through a real A4 PDF."""
from __future__ import annotations

import re

import pytest

from print_browser import chromium, origin  # noqa: F401 - browser fixtures

CHROME = {  # what must not print
    "header": ".md-header", "tabs": ".md-tabs", "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary", "search": ".md-search", "footer": ".md-footer",
    "back to top": ".md-top", "print link": ".lc-print-link", "copy buttons": "button.cite-copy",
}
ITEM_PAGES = ["/2022-22/air/15/", "/en/2022-22/water/ledger/5/"]
SHEETS = ["/units/transport/", "/en/units/townships/"]


def visible(page, selector: str) -> bool:
    return any(page.locator(selector).nth(i).is_visible() for i in range(page.locator(selector).count()))


def assert_no_chrome(page, url: str) -> None:
    printed = [name for name, selector in CHROME.items() if visible(page, selector)]
    assert not printed, f"{url}: prints {printed}"


@pytest.mark.parametrize("url", ITEM_PAGES)
def test_item_page_prints_citation_permalink_and_qr_without_chrome(chromium, origin, url):
    def check(tab):
        tab.goto(origin + url)
        assert visible(tab, ".md-header") and visible(tab, "button.cite-copy"), "on screen, chrome and buttons show"
        tab.emulate_media(media="print")
        assert_no_chrome(tab, url)
        for selector in (".citation", ".citation svg[role=img]", "#cite-zh", "#cite-en", "#cite-fingerprint",
                         "#cite-url-zh", "#cite-url-en", "article h1"):
            assert tab.locator(selector).is_visible(), f"{url}: {selector} must print"
        box = tab.locator(".citation svg[role=img]").bounding_box()
        assert box["width"] >= 90 and abs(box["width"] - box["height"]) < 1, "a QR code big enough to scan (28 mm)"
        lang = "en" if url.startswith("/en/") else "zh"
        assert tab.locator(f"#cite-url-{lang}").inner_text().endswith(url), "the page's own permalink"
        assert tab.locator(".lc-print-permalink").count() == 0, "the citation block already carries the QR code"
    chromium.run(check)


@pytest.mark.parametrize("url", SHEETS)
def test_unit_sheet_prints_permalink_and_qr_without_chrome(chromium, origin, url):
    def check(tab):
        tab.goto(origin + url)
        footer = tab.locator(".lc-print-permalink")
        assert footer.count() == 1 and not footer.is_visible(), "the permalink footer is for print only"
        tab.emulate_media(media="print")
        assert_no_chrome(tab, url)
        assert footer.is_visible()
        canonical = tab.locator('link[rel="canonical"]').get_attribute("href")
        assert canonical.endswith(url)
        assert tab.locator(".lc-print-permalink .permalink").inner_text() == canonical
        image = footer.locator("img.qr")
        assert image.is_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the QR code file loads"
        assert image.get_attribute("alt").endswith(canonical)
        assert tab.locator("article table").first.is_visible(), "the responsibilities themselves print"
    chromium.run(check)


def test_a4_pdf_of_an_item_page(chromium, origin):
    def check(tab):
        tab.goto(origin + "/2022-22/air/15/")
        tab.emulate_media(media="print")
        return tab.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    pdf = chromium.run(check)
    assert pdf.startswith(b"%PDF")
    boxes = [(float(w), float(h))
             for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)]
    assert boxes, "no page in the PDF"
    wrong = [box for box in boxes if abs(box[0] - 595.3) > 1.5 or abs(box[1] - 841.9) > 1.5]
    assert not wrong, f"A4 pages are 595.3 x 841.9 pt; found {wrong}"


def test_print_link_in_the_page_header_prints(chromium, origin):
    def check(tab):
        tab.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
        tab.goto(origin + "/units/transport/")
        link = tab.locator(".md-content .lc-print-link")
        assert link.is_visible(), "JavaScript shows the print link"
        assert link.get_attribute("aria-label") == "打印本页（A4）"
        link.click()
        assert tab.evaluate("window.__printed") == 1
        tab.goto(origin + "/en/2022-22/air/15/")
        assert tab.locator(".lc-print-link").get_attribute("aria-label") == "Print this page (A4)"
    chromium.run(check)


def test_without_javascript_nothing_dead_is_shown(chromium, origin):
    def check(tab):
        tab.goto(origin + "/units/transport/")
        assert tab.locator(".lc-print-link").count() == 1 and not tab.locator(".lc-print-link").is_visible()
    chromium.run(check, java_script_enabled=False)


def test_collapsed_official_text_opens_for_printing(chromium, origin):
    def check(tab):
        tab.goto(origin + "/en/2022-22/air/15/")
        details = tab.locator("article details").first
        assert details.get_attribute("open") is None
        tab.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        assert details.get_attribute("open") is not None, "the official Chinese text prints with the translation"
        tab.evaluate("window.dispatchEvent(new Event('afterprint'))")
        assert details.get_attribute("open") is None
    chromium.run(check)
