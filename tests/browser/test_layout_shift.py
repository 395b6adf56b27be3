"""Layout stability on a phone (issue 15, Lighthouse CLS): the site's scripts are deferred, so what they reveal (copy
and print buttons, the unit and month filters) must already hold its place at the first paint (site.css, .lc-js).
Measured with the browser's own layout-shift entries, as Lighthouse counts them, on a cold 390 px visit."""
from __future__ import annotations

import pytest

PAGES = ["units/housing-construction/", "units/", "deadlines/2022-06/", "2022-22/air/15/", "",
         "en/units/housing-construction/"]

OBSERVE = """() => { window.__shifts = [];
  new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__shifts.push(e.value) }))
    .observe({type: "layout-shift", buffered: true}) }"""


@pytest.mark.parametrize("path", PAGES)
def test_no_layout_shift_when_the_scripts_run(browser, site_url, path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.add_init_script(f"({OBSERVE})()")
    page.goto(f"{site_url}/{path}", wait_until="load")
    page.wait_for_timeout(300)  # the deferred scripts have run and revealed their buttons
    shifts = page.evaluate("window.__shifts")
    context.close()
    assert sum(shifts) < 0.01, f"/{path}: layout shifts {shifts}"
