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


# --- Material's bundle on first use (overrides/partials/lc-scripts-on-use.html) ---------------------------------

# The elements shown before the bundle came (it adds some of its own; the content of a closed <details> is not
# shown), where they are on the page
POSITIONS = """() => (window.__lcElements = window.__lcElements
    || [...document.querySelectorAll('article *, .md-footer')].filter(e => e.checkVisibility()))
  .map(e => { const r = e.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top + scrollY)] })"""
BUNDLE = "[...document.scripts].some(s => /javascripts\\/bundle\\.[^/]*\\.js$/.test(s.src))"


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["2022-22/air/", "deadlines/", "en/data/", "en/units/housing-construction/"])
def test_nothing_moves_when_materials_bundle_arrives_at_the_first_interaction(browser, site_url, path, width):
    """Pages with tables: Material's bundle wraps every table; the wrappers are in the page already
    (postbuild/wrap_tables.py), so the reader's first touch, which loads the bundle, moves nothing."""
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/{path}", wait_until="load")
    page.wait_for_timeout(300)
    assert not page.evaluate(BUNDLE), "the bundle is loaded before any interaction"
    before = page.evaluate(POSITIONS)
    page.dispatch_event("article", "pointerdown")
    page.wait_for_function("document.documentElement.classList.contains('js')")  # the bundle has started
    page.wait_for_timeout(200)
    after = page.evaluate(POSITIONS)
    context.close()
    moved = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert not moved, f"/{path} at {width} px: {len(moved)} of {len(before)} elements moved"


def test_search_works_from_the_first_touch_of_the_search_box(browser, site_url):
    """The search box shows before the bundle has run (Material's no-js class hides it), and a tap on it loads the
    bundle; what was typed meanwhile is searched."""
    context = browser.new_context(viewport={"width": 1280, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}/2022-22/", wait_until="load")
    assert not page.evaluate(BUNDLE)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("散煤")  # typed at once, before the bundle has run; then a key, as the other search tests do (a
    box.press("End")  # Chinese character typed through Playwright fires no keyup, an input method's does)
    result = page.locator("li.md-search-result__item a[href*='2022-22/air/15/']").first
    result.wait_for(state="visible")
    assert page.evaluate(BUNDLE)
    context.close()
