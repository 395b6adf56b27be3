"""The views in headless Chromium (tests/print_browser.py): the lead role never wraps (1366 px and print), month
pages narrow to one unit, the calendar address copies, /deadlines/ and the plan glance fit a 390 px phone without
sideways scrolling, a short item prints on one A4 page with its citation and QR code, and the glance prints on one."""
from __future__ import annotations

import re

import pytest

from print_browser import chromium, origin  # noqa: F401 - browser fixtures

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
WIDE = {"viewport": {"width": 1366, "height": 900}}
A4_CONTENT_PX = (297 - 15 - 17) / 25.4 * 96     # print.css: @page A4, margins 15 mm top, 17 mm bottom
A4_WIDTH_PX = (210 - 30) / 25.4 * 96


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


BADGES_ON_ONE_LINE = """() => Array.from(document.querySelectorAll('article .badge.lead')).map(b => {
  const rects = b.getClientRects();
  const size = parseFloat(getComputedStyle(b).fontSize);
  return {lines: rects.length, height: b.getBoundingClientRect().height, size: size, text: b.textContent};
})"""


@pytest.mark.parametrize("url", ["/deadlines/2022-06/", "/en/deadlines/2022-06/", "/units/housing-construction/"])
def test_the_lead_badge_never_wraps_at_1366_px_or_in_print(chromium, origin, url):
    def check(tab):
        tab.goto(origin + url)
        for media in ("screen", "print"):
            tab.emulate_media(media=media)
            badges = tab.evaluate(BADGES_ON_ONE_LINE)
            assert badges, f"{url}: no lead badge"
            wrapped = [b for b in badges if b["lines"] != 1 or b["height"] > 2 * b["size"]]
            assert not wrapped, f"{url} ({media}): wrapped badges {wrapped[:3]}"
    chromium.run(check, **WIDE)


def test_month_page_narrows_to_one_unit_and_remembers_it_in_the_address(chromium, origin):
    def check(tab):
        tab.goto(origin + "/deadlines/2022-06/")
        select = tab.locator("#month-filter-unit")
        assert select.is_visible(), "JavaScript shows the unit filter"
        by_unit = tab.locator("#by-unit ~ ul li").filter(has=tab.locator('a[href*="units/housing-construction/"]'))
        expected = by_unit.first.locator('a[href*="2022-22/"]').count()
        select.select_option("housing-construction")
        rows = tab.locator("article tbody tr:visible")
        assert rows.count() == expected > 0
        for i in range(rows.count()):
            units = rows.nth(i).locator(".row-units").get_attribute("data-units").split()
            assert "housing-construction" in units
        assert "unit=housing-construction" in tab.url
        tab.goto(origin + "/deadlines/2022-06/?unit=housing-construction")
        assert tab.locator("#month-filter-unit").input_value() == "housing-construction"
        assert tab.locator("article tbody tr:visible").count() == expected
        # a township sees what its group is assigned
        tab.goto(origin + "/deadlines/2022-06/?unit=chongwen")
        assert tab.locator("article tbody tr:visible").count() > 0
    chromium.run(check, **WIDE)


def test_month_page_without_javascript_lists_each_units_items(chromium, origin):
    def check(tab):
        tab.goto(origin + "/deadlines/2022-06/")
        assert not tab.locator(".month-filter").is_visible()
        assert tab.locator("#by-unit ~ ul li").count() > 3
        assert tab.locator("article tbody tr:visible").count() == tab.locator("article tbody tr").count()
    chromium.run(check, java_script_enabled=False, **WIDE)


def test_calendar_address_is_a_tappable_link_and_copies(chromium, origin):
    def check(tab):
        tab.goto(origin + "/units/housing-construction/")
        link = tab.locator("a.webcal").first
        assert link.get_attribute("href").startswith("webcal://") and link.is_visible()
        button = tab.locator("button.copy-address").first
        assert button.is_visible()
        button.click()
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied == link.get_attribute("href")
    chromium.run(check, permissions=["clipboard-read", "clipboard-write"], **WIDE)


@pytest.mark.parametrize("url", ["/deadlines/", "/en/deadlines/", "/2022-22/air/", "/en/2022-22/water/", "/", "/en/2022-22/air/15/",
                                 "/units/housing-construction/", "/en/deadlines/2022-06/"])
def test_no_sideways_scrolling_on_a_390_px_phone(chromium, origin, url):
    def check(tab):
        tab.goto(origin + url)
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url}: the page is {width} px wide on a 390 px phone"
    chromium.run(check, **PHONE)


def test_deadlines_on_a_phone_are_a_list_by_month_from_the_notice_and_the_svg_on_wide_screens(chromium, origin):
    def check_phone(tab):
        tab.goto(origin + "/deadlines/")
        assert not tab.locator("svg.timeline").is_visible()
        first = tab.locator('#list ~ h3[id^="list-"]').first
        assert first.get_attribute("id") == "list-2022-06", "the list starts in the notice's month"
        assert first.is_visible()
        assert not tab.locator("#list-2022-04").is_visible(), "months before the notice are folded away"
        tab.emulate_media(media="print")
        assert tab.locator("svg.timeline").is_visible(), "the timeline prints"

    def check_wide(tab):
        tab.goto(origin + "/deadlines/")
        assert tab.locator("svg.timeline").is_visible()
    chromium.run(check_phone, **PHONE)
    chromium.run(check_wide, **WIDE)


@pytest.mark.parametrize("url", ["/2022-22/soil/12/", "/en/2022-22/air/ledger/13/"])
def test_a_short_item_prints_on_one_a4_page_with_its_citation_and_qr_code(chromium, origin, url):
    def check(tab):
        tab.goto(origin + url)
        tab.emulate_media(media="print")
        assert tab.locator(".citation svg[role=img]").is_visible() and tab.locator("#cite-zh").is_visible()
        return tab.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    pdf = chromium.run(check)
    assert pdf_pages(pdf) == 1, f"{url}: {pdf_pages(pdf)} A4 pages"


@pytest.mark.parametrize("url", ["/units/housing-construction/", "/en/units/chongwen/"])
def test_a_unit_sheet_prints_every_duty_in_full_with_its_role(chromium, origin, url):
    def check(tab):
        tab.goto(origin + url)
        tab.emulate_media(media="print")
        assert not tab.locator(".unit-actions").is_visible()
        rows = tab.locator("article tr:has(span[id^=duty-])")
        assert rows.count() > 5
        for i in range(rows.count()):
            row = rows.nth(i)
            text = row.locator(".duty-official")
            assert text.is_visible() and len(text.inner_text()) > 10
            assert row.locator("td").last.inner_text().strip(), "the unit's part prints"
    chromium.run(check)


@pytest.mark.parametrize("url", ["/2022-22/air/", "/en/2022-22/water/"])
def test_the_glance_fits_one_a4_page_in_print_and_is_legible_on_a_phone(chromium, origin, url):
    def check_print(tab):
        tab.set_viewport_size({"width": round(A4_WIDTH_PX), "height": 1100})
        tab.goto(origin + url)
        tab.emulate_media(media="print")
        heading = tab.locator("h2#glance")
        assert tab.evaluate("el => getComputedStyle(el).breakBefore", heading.element_handle()) == "page"
        top = heading.bounding_box()["y"]
        bottom = tab.locator(".glance").bounding_box()
        height = bottom["y"] + bottom["height"] - top
        assert height <= A4_CONTENT_PX, f"{url}: the glance is {height:.0f} px tall in print, a page holds {A4_CONTENT_PX:.0f}"

    def check_phone(tab):
        tab.goto(origin + url + "#glance")
        goals = tab.locator(".glance-goal")
        assert goals.is_visible()
        size = tab.evaluate("el => parseFloat(getComputedStyle(el).fontSize)", goals.element_handle())
        assert size >= 14, "legible on a phone"
        for section in tab.locator(".glance > section").all():
            box = section.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    chromium.run(check_print)
    chromium.run(check_phone, **PHONE)
