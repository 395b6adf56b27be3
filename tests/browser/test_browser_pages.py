"""Every page type in both languages, in Chromium: no request leaves the site's origin, axe-core finds no serious or
critical accessibility violation, the language of the page and of its Chinese passages is declared, and screenshots
at phone and desktop sizes are saved under tests/browser/screenshots/ (gitignored) for people to look at.

axe-core is vendored (tests/browser/vendor/axe-core/, see its README) so the tests need no Node or network."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

HERE = Path(__file__).resolve().parent
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
SCREENSHOTS = HERE / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

# One page of each type, by its Chinese path; the English page is the same path under /en/.
PAGE_TYPES = {
    "home": "/",
    "notice": "/2022-22/",
    "plan": "/2022-22/air/",
    "task": "/2022-22/air/15/",
    "ledger-row": "/2022-22/air/ledger/16/",
    "unit": "/units/housing-construction/",
    "units": "/units/",
    "month": "/deadlines/2022-06/",
    "deadlines": "/deadlines/",
    "glossary": "/glossary/",
    "data": "/data/",
    "about": "/about/",
}
CASES = [pytest.param(kind, lang, id=f"{kind}-{lang}") for kind in PAGE_TYPES for lang in ("zh", "en")]

# Text nodes holding Chinese whose nearest lang attribute is not Chinese (on English pages every Chinese passage must
# carry lang="zh-Hans" so screen readers switch voice and browsers pick a Chinese font).
UNDECLARED_CHINESE = """
() => {
  const out = []
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/\\p{sc=Han}/u.test(node.textContent)) continue
    const el = node.parentElement
    // <title> (page and SVG tooltips) cannot hold markup, so its language cannot be marked
    if (el.closest("script, style, template, title, [hidden], [aria-hidden=true]")) continue
    const lang = (el.closest("[lang]") || document.documentElement).getAttribute("lang") || ""
    if (!lang.toLowerCase().startsWith("zh")) out.push(`${el.tagName.toLowerCase()}.${el.className}: ${node.textContent.trim().slice(0, 40)}`)
  }
  return out
}
"""


def test_vendored_axe_is_the_pinned_release():
    text = AXE.read_bytes()
    assert hashlib.sha256(text).hexdigest() == AXE_SHA256
    assert text.startswith(f"/*! axe v{AXE_VERSION}".encode())


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def axe_violations(page) -> list[dict]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ["violations"]})
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}))
    }""")
    return result


@pytest.mark.parametrize("kind, lang", CASES)
def test_page(context, site_url, kind, lang):
    path = PAGE_TYPES[kind] if lang == "zh" else "/en" + PAGE_TYPES[kind]
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    response = page.goto(site_url + path, wait_until="load")
    assert response and response.ok, f"{path}: HTTP {response and response.status}"
    problems = []

    # Privacy: opening the search loads the search worker and its language files too.
    if kind == "home":
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("散煤" if lang == "zh" else "heating")
        box.press("End")
        expect(page.locator("li.md-search-result__item").first).to_be_visible()
        page.keyboard.press("Escape")
    page.wait_for_load_state("networkidle")
    outside = [url for url in requests if not url.startswith(site_url + "/") and not url.startswith(("data:", "blob:"))]
    if outside:
        problems.append(f"requests outside the site's origin: {outside}")

    # Languages.
    html_lang = page.evaluate("document.documentElement.lang")
    if not html_lang.startswith(lang):
        problems.append(f'<html lang="{html_lang}">, expected {lang}')
    if lang == "en":
        undeclared = page.evaluate(UNDECLARED_CHINESE)
        if undeclared:
            problems.append(f"Chinese without lang=zh-Hans: {undeclared[:8]}")

    # Accessibility, at desktop and phone size (the header and navigation differ).
    page.screenshot(path=SCREENSHOTS / f"{kind}-{lang}-desktop.png")  # the first screen; the phone shot is whole
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    page.set_viewport_size(PHONE)
    height = min(page.evaluate("document.documentElement.scrollHeight"), 8000)  # the plans run to 46 000 px
    page.screenshot(path=SCREENSHOTS / f"{kind}-{lang}-phone.png", full_page=True,
                    clip={"x": 0, "y": 0, "width": PHONE["width"], "height": height})
    serious += [dict(v, viewport="phone") for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    if serious:
        problems.append("axe: " + json.dumps(serious, ensure_ascii=False, indent=1))
    assert not problems, f"{path}:\n" + "\n".join(problems)


@pytest.fixture(scope="session", autouse=True)
def _screenshot_folder():
    SCREENSHOTS.mkdir(exist_ok=True)


def tab_until(page, selector: str, limit: int = 40) -> list[str]:
    """Press Tab from the top of the page until `selector` has focus; returns what got focus on the way."""
    reached = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("""() => {
            const el = document.activeElement
            return [el.tagName.toLowerCase(), el.className || "", el.getAttribute("hreflang") || ""].join("|")
        }"""))
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return reached
    raise AssertionError(f"Tab never reaches {selector}: {reached}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_keyboard_reaches_search_and_language_switch(context, site_url, lang):
    here, there = "/2022-22/air/15/", "/en/2022-22/air/15/"
    if lang == "en":
        here, there = there, here
    other = "zh" if lang == "en" else "en"
    page = context.new_page()
    page.goto(site_url + here)
    tab_until(page, "input.md-search__input")
    page.goto(site_url + here)
    tab_until(page, f'a.md-select__link[hreflang="{other}"]')
    # The focused language link is shown (the menu opens on focus) and Enter follows it, keeping the page.
    expect(page.locator(f'a.md-select__link[hreflang="{other}"]')).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + there)
