"""Citations of items (generator/citation.py, templates/_citation.md.j2): the formal references, permalinks from
SITE_URL, the text fingerprint, QR codes that encode the permalink, the export, and the copy buttons.

Expected values are written out here or recomputed from the raw YAML, independently of the generator."""
from __future__ import annotations

import dataclasses
import hashlib
from html.parser import HTMLParser
import json
import re
import unicodedata

import pytest
import segno

from print_browser import chromium, origin  # noqa: F401 - browser fixtures
from site_helpers import DATA, ROOT, SITE, document, plans, raw_items, require_site

NOTICE = "《陵川县人民政府办公室关于印发陵川县空气质量改善、水环境质量巩固提升和土壤污染防治2022年行动计划的通知》（陵政办发〔2022〕22号，2022年6月14日）"


@pytest.fixture(scope="module")
def index():
    from generator.index import build_index
    from generator.validate import load_corpus
    return build_index(load_corpus(DATA))


@pytest.fixture
def default_site_url(monkeypatch):
    monkeypatch.delenv("SITE_URL", raising=False)


# --- the formal citations ---------------------------------------------------------------------------------------

def test_chinese_citation_of_a_task_names_notice_plan_section_number_and_title(index):
    from generator.citation import citation_zh
    assert citation_zh(index.items_by_id["2022-22/air/15"]) == (
        NOTICE + "印发的《陵川县空气质量改善2022年行动计划》重点任务第15项“加快推进散煤清零”")
    assert citation_zh(index.items_by_id["2022-22/soil/3"]).startswith(
        NOTICE + "印发的《陵川县土壤污染防治2022年行动计划》工作任务第3项“")


def test_chinese_citation_of_a_ledger_row_names_the_ledger_and_its_attachment_number(index):
    from generator.citation import citation_zh
    assert citation_zh(index.items_by_id["2022-22/air/ledger/16"]) == (
        NOTICE + "印发的《陵川县空气质量改善2022年行动计划》所附《陵川县2022年大气污染防治重点工作任务台账》第16项")
    # the water plan lists its ledger as 附件2
    assert citation_zh(index.items_by_id["2022-22/water/ledger/5"]) == (
        NOTICE + "印发的《陵川县水环境质量巩固提升2022年行动计划》附件2《陵川县水环境质量巩固提升2022年行动计划任务台账》第5项")


def test_english_citation_carries_the_same_references(index):
    from generator.citation import citation_en
    doc, air = document(), plans()["air"]
    task = citation_en(index.items_by_id["2022-22/air/15"])
    # The number in the form an English letter cites (data/STYLE.md), the official Chinese beside it.
    assert task.startswith(f"“{doc['title']['en']}” (Ling Zheng Ban Fa [2022] No. 22, 陵政办发〔2022〕22号, June 14, 2022), "
                           f"“{air['title']['en']}”")
    assert task.endswith(", Key tasks, no. 15 (“" + next(
        t["title"]["en"] for c in air["categories"] for t in c["tasks"] if t["number"] == 15) + "”)")
    row = citation_en(index.items_by_id["2022-22/water/ledger/5"])
    assert row.endswith(f"Annex 2: “{plans()['water']['ledger']['title']['en']}”, row 5")
    assert not re.search(r"[\u3400-\u9fff]", task.replace("陵政办发〔2022〕22号", "")), "English apart from the number"


def test_every_item_has_a_distinct_citation(index):
    from generator.citation import citation_en, citation_zh
    for cite in (citation_zh, citation_en):
        texts = [cite(item) for item in index.items]
        assert len(set(texts)) == len(texts) == len(raw_items())


# --- permalinks ----------------------------------------------------------------------------------------------------

def test_site_url_is_one_setting_for_both_language_builds(default_site_url, monkeypatch, tmp_path):
    """SITE_URL (generator/site_url.py) is the only source of the origin: the generated configuration of each
    language carries it (English under en/), and mkdocs.yml names none of its own."""
    import yaml
    from generator.citation import DEFAULT_SITE_URL, site_url
    from generator.index import build_index
    from generator.site_config import site_configs
    from generator.validate import load_corpus
    assert site_url() == DEFAULT_SITE_URL
    assert not re.search(r"^site_url:", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    monkeypatch.setenv("SITE_URL", "https://plans.example.gov.cn/lingchuan")
    configs = site_configs(build_index(load_corpus(ROOT / "data")), ROOT / "docs")
    urls = {name: yaml.safe_load(text)["site_url"] for name, text in configs.items()}
    assert urls == {"mkdocs.zh.yml": "https://plans.example.gov.cn/lingchuan/",
                    "mkdocs.en.yml": "https://plans.example.gov.cn/lingchuan/en/"}


def test_permalinks_follow_the_site_url_env_var(index, monkeypatch):
    from generator.citation import cite
    monkeypatch.setenv("SITE_URL", "https://plans.example.gov.cn/lingchuan")
    c = cite(index.items_by_id["2022-22/air/ledger/16"])
    assert c.permalink == {"zh": "https://plans.example.gov.cn/lingchuan/2022-22/air/ledger/16/",
                           "en": "https://plans.example.gov.cn/lingchuan/en/2022-22/air/ledger/16/"}
    assert c.url == {"zh": "/2022-22/air/ledger/16/", "en": "/en/2022-22/air/ledger/16/"}


# --- the fingerprint -----------------------------------------------------------------------------------------------

def independent_fingerprint(fields: list[str]) -> str:
    """about/#fingerprint, re-implemented: NFC, no whitespace, joined by line feeds, SHA-256, 8 hex digits."""
    canonical = "\n".join(re.sub(r"\s+", "", unicodedata.normalize("NFC", f)) for f in fields)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:8]


def raw_official_wording() -> dict[str, list[str]]:
    wording = {}
    for plan_id, plan in plans().items():
        for category in plan["categories"]:
            for task in category["tasks"]:
                wording[f"2022-22/{plan_id}/{task['number']}"] = [task["title"]["zh"], task["text"]["zh"],
                                                                   task["responsible"]]
        for category in (plan.get("ledger") or {}).get("categories", []):
            for row in category["rows"]:
                wording[f"2022-22/{plan_id}/ledger/{row['number']}"] = [
                    row["text"]["zh"], re.sub(r"\s+", "", row["deadline"]), row["responsible"]]
    return wording


def test_fingerprint_is_sha256_of_the_official_chinese_wording(index):
    from generator.citation import fingerprint
    wording = raw_official_wording()
    assert set(wording) == set(index.items_by_id)
    for item_id, fields in wording.items():
        assert fingerprint(index.items_by_id[item_id]) == independent_fingerprint(fields), item_id


def test_fingerprints_are_distinct_and_short(index):
    from generator.citation import fingerprint
    prints = [fingerprint(item) for item in index.items]
    assert all(re.fullmatch(r"[0-9a-f]{8}", p) for p in prints)
    assert len(set(prints)) == len(prints)


def test_fingerprint_changes_with_one_official_character_and_nothing_else(index):
    from generator.citation import fingerprint
    from generator.models import Note, Text
    item = index.items_by_id["2022-22/air/15"]
    original = fingerprint(item)
    one_character = dataclasses.replace(item, text=Text(zh=item.text.zh.replace("散煤", "散炭", 1), en=item.text.en))
    responsible = dataclasses.replace(item, responsible=item.responsible.replace("县住建局", "县住房和城乡建设局"))
    assert fingerprint(one_character) != original
    assert fingerprint(responsible) != original
    spaced = dataclasses.replace(item, text=Text(zh=item.text.zh.replace("，", "， \n", 1), en=item.text.en))
    translated = dataclasses.replace(item, text=Text(zh=item.text.zh, en="A different translation."),
                                     editor_notes=[Note(zh="新的编者注。", en="A new editor's note.")])
    assert fingerprint(spaced) == original, "whitespace is not part of the wording"
    assert fingerprint(translated) == original, "translation and editor's notes are not official text"


# --- export --------------------------------------------------------------------------------------------------------

def test_citations_json_exports_every_item():
    require_site()
    exported = json.loads((SITE / "cite" / "citations.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in exported["items"]}
    wording = raw_official_wording()
    assert set(records) == set(wording)
    origin = exported["site_url"]
    for item_id, record in records.items():
        assert record["fingerprint"] == independent_fingerprint(wording[item_id])
        assert record["url"] == {"zh": f"/{item_id}/", "en": f"/en/{item_id}/"}
        assert record["permalink"] == {lang: origin + record["url"][lang].lstrip("/") for lang in ("zh", "en")}
        assert record["citation"]["zh"].startswith(NOTICE)


# --- the block on the built pages ---------------------------------------------------------------------------------

def qr_modules(svg: str) -> set[tuple[int, int]]:
    """Dark modules of a segno SVG path ('M2 2.5h7m2 0h1…', border 2): (row, column) from the top-left module."""
    d = re.search(r'\sd="([^"]+)"', svg).group(1)
    x = y = 0.0
    dark = set()
    for command, a, b in re.findall(r"([Mmh])\s*(-?[\d.]+)(?:\s+(-?[\d.]+))?", d):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            dark |= {(int(y - 2.5), int(x) + i - 2) for i in range(int(float(a)))}
            x += float(a)
    return dark


def expected_modules(target: str) -> set[tuple[int, int]]:
    matrix = segno.make(target, error="m", micro=False).matrix
    return {(r, c) for r, row in enumerate(matrix) for c, value in enumerate(row) if value}


def test_qr_reader_reads_segno_output():
    """Guards qr_modules itself: a code drawn by segno reads back as segno's own matrix."""
    svg = segno.make("https://example.org/x/", error="m").svg_inline(border=2)
    assert qr_modules(svg) == expected_modules("https://example.org/x/")
    assert qr_modules(svg) != expected_modules("https://example.org/y/")


def block(page_html: str) -> str:
    match = re.search(r'<div class="citation".*?</dl>\s*</div>', page_html, re.S)
    assert match, "no citation block"
    return match.group(0)


class _ElementText(HTMLParser):
    """Text content of the element with a given id, nested markup included (English pages wrap Chinese runs
    in <span lang="zh-Hans">)."""

    def __init__(self, element_id: str):
        super().__init__()
        self.element_id, self.depth, self.parts, self.found = element_id, 0, [], False

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.depth, self.found = 1, True

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(fragment: str, element_id: str) -> str:
    parser = _ElementText(element_id)
    parser.feed(fragment)
    assert parser.found, f"no #{element_id}"
    return "".join(parser.parts).strip()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_item_page_has_the_citation_block(lang):
    require_site()
    exported = {r["id"]: r for r in json.loads((SITE / "cite" / "citations.json").read_text("utf-8"))["items"]}
    for item_id, record in exported.items():
        page = (SITE / ("en/" if lang == "en" else "") / item_id / "index.html").read_text(encoding="utf-8")
        assert 'id="cite"' in page, f"{item_id} ({lang}): no 'cite' heading"
        fragment = block(page)
        assert f'data-fingerprint="{record["fingerprint"]}"' in fragment
        assert text_of(fragment, "cite-zh") == record["citation"]["zh"]
        assert text_of(fragment, "cite-en") == record["citation"]["en"]
        assert text_of(fragment, "cite-url-zh") == record["permalink"]["zh"]
        assert text_of(fragment, "cite-url-en") == record["permalink"]["en"]
        assert text_of(fragment, "cite-fingerprint") == record["fingerprint"]
        assert ("文本指纹" if lang == "zh" else "Text fingerprint") in fragment
        assert re.search(r'<abbr title="[^"]{40,}">', fragment), "the fingerprint label explains itself"
        assert "about/#fingerprint" in page, "and links to the explanation on the about page"
        buttons = re.findall(r"<button[^>]*>", fragment)
        assert len(buttons) == 5 and all("hidden" in b for b in buttons), "copy buttons wait for JavaScript"
        svg = re.search(r"<svg[^>]*>.*?</svg>", fragment, re.S).group(0)
        assert 'role="img"' in svg and f"<title>{'二维码：' if lang == 'zh' else 'QR code: '}{record['permalink'][lang]}" in svg
        assert qr_modules(svg) == expected_modules(record["permalink"][lang]), f"{item_id} ({lang}): QR code"


def test_every_page_has_a_qr_file_of_its_own_permalink():
    require_site()
    exported = json.loads((SITE / "cite" / "citations.json").read_text("utf-8"))
    urls = (ROOT / "permalinks.txt").read_text(encoding="utf-8").split()
    pages = [u for u in urls if (SITE / u.lstrip("/") / "index.html").is_file()
             and 'http-equiv="refresh"' not in (SITE / u.lstrip("/") / "index.html").read_text("utf-8")]
    assert len(pages) > 300
    for url in pages:
        svg = (SITE / "cite" / "qr" / url.lstrip("/") / "qr.svg").read_text(encoding="utf-8")
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"'), url
        assert qr_modules(svg) == expected_modules(exported["site_url"] + url.lstrip("/")), url


# --- copy buttons in the browser ---------------------------------------------------------------------------------

RECORD_LABELS = """(target) => {
  window.__labels = []; window.__status = [];
  const button = document.querySelector(`button[data-copy="${target}"]`);
  const status = button.closest(".citation").querySelector(".cite-status");
  const watch = (node, into) => new MutationObserver(() => into.push(node.textContent))
    .observe(node, {childList: true, characterData: true, subtree: true});
  watch(button, window.__labels); watch(status, window.__status);
}"""


def test_copy_buttons_copy_the_exact_values(chromium, origin):
    record = next(r for r in json.loads((SITE / "cite" / "citations.json").read_text("utf-8"))["items"]
                  if r["id"] == "2022-22/air/15")

    def check(tab):
        tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
        tab.goto(origin + "/2022-22/air/15/")
        for target, expected in [("cite-zh", record["citation"]["zh"]), ("cite-en", record["citation"]["en"]),
                                 ("cite-url-zh", record["permalink"]["zh"]),
                                 ("cite-fingerprint", record["fingerprint"])]:
            button = tab.locator(f'button[data-copy="{target}"]')
            assert button.is_visible(), f"{target}: the copy button is shown once JavaScript runs"
            tab.evaluate(RECORD_LABELS, target)
            button.click()
            assert tab.evaluate("navigator.clipboard.readText()") == expected
            # the confirmation is transient: wait for it to have been shown (and announced), whatever the timing
            tab.wait_for_function("window.__labels.includes('已复制') && window.__status.includes('已复制')")
    chromium.run(check)


def test_without_javascript_the_citation_is_plain_text_and_no_button_shows(chromium, origin):
    def check(page):
        page.goto(origin + "/en/2022-22/air/ledger/16/")
        assert page.locator("#cite-zh").is_visible()
        assert page.locator("#cite-zh").inner_text().startswith(NOTICE)
        assert page.locator("button.cite-copy:visible").count() == 0
        assert page.locator(".citation svg[role=img]").is_visible()
    chromium.run(check, java_script_enabled=False)
