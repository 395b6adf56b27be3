"""Data text is always literal: markup typed into the data (HTML, Jinja, Markdown, table pipes, list markers)
must reach the reader as the characters typed, in both languages, never as markup.

The mini data is given such text in every kind of place a page prints data (body text, a table cell, a raw-HTML
paragraph, an editor's note admonition, a heading and link text, a link title, a unit name), its pages are
generated, and the site's own build (both MkDocs projects from the real mkdocs.yml, then postbuild/) makes them
HTML; the built HTML is read back.
"""
from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from mini_fixture import ROOT, build_into, copy_mini, edit

PAYLOAD_EN = "<script>alert(1)</script> <b>tag</b> {{ x }} {% if %} *a* [x](y) a|b"
PAYLOAD_ZH = "<script>alert(1)</script><b>tag</b>{{x}}{%if%}*a*[x](y)a|b"  # Chinese fields hold no whitespace
LITERALS_EN = ["<script>alert(1)</script>", "<b>tag</b>", "{{ x }}", "{% if %}", "*a*", "[x](y)", "a|b"]
LITERALS_ZH = ["<script>alert(1)</script>", "<b>tag</b>", "{{x}}", "{%if%}", "*a*", "[x](y)", "a|b"]
LINE_STARTS = ["1. first line", "- second line", "# not a heading", "> not a quote", "??? not details"]
UNIT_ZH = "崇文镇人民政府(试点)*[x](y)_1_"
SECOND_PARAGRAPH = "Second paragraph of the note."
PLAN = "documents/2022-22/air.yml"
SOURCE = "source/lingchuan-2022-22-notice.txt"


def quoted(text: str) -> str:
    """A YAML scalar for any text: JSON strings are valid YAML."""
    return json.dumps(text, ensure_ascii=False)


def add_markup(data: Path) -> None:
    """Put the payloads into the mini data; Chinese goes into the source copy too, so fidelity still holds."""
    task_zh = "开展重点区域巡查，发现问题立即整改。"
    for relative in (PLAN, SOURCE):  # task 2: body text
        edit(data, relative, task_zh, task_zh.replace("，", PAYLOAD_ZH + "，"))
    edit(data, PLAN, "en: Inspect key areas and rectify any problem at once.",
         "en: " + quoted(f"Inspect key areas {PAYLOAD_EN} and rectify any problem at once."))
    # ledger row 2: a table cell (the source's ledger line starts with its tab-separated number)
    edit(data, SOURCE, "\t2\t对过境货车进一步优化路线。", f"\t2\t对过境货车进一步优化路线{PAYLOAD_ZH}。")
    edit(data, PLAN, "            zh: 对过境货车进一步优化路线。", f"            zh: {quoted('对过境货车进一步优化路线' + PAYLOAD_ZH + '。')}")
    edit(data, PLAN, "            en: Further optimize the routes of transit trucks.",
         "            en: " + quoted(f"Further optimize {PAYLOAD_EN} routes."))
    safeguard_zh = "各单位要落实责任，确保各项任务按期完成。"  # a safeguard: printed inside a raw-HTML paragraph
    for relative in (PLAN, SOURCE):
        edit(data, relative, safeguard_zh, safeguard_zh.replace("，", PAYLOAD_ZH + "，"))
    edit(data, PLAN, "ensure that every task is completed on time.", f"ensure {PAYLOAD_EN} on time.")
    edit(data, PLAN, "en: Optimize vehicle routes}", "en: " + quoted(f"Optimize routes {PAYLOAD_EN}") + "}")
    edit(data, PLAN, "- zh: 台账写“各镇人民政府”，正文写“各乡镇人民政府”。", "- zh: " + quoted("编者注" + PAYLOAD_ZH))
    edit(data, PLAN, "en: The ledger writes “各镇人民政府” where the body writes “各乡镇人民政府”.",
         "en: " + quoted("Note " + PAYLOAD_EN))
    edit(data, PLAN, "en: Eliminate loose coal across the county and keep improving air quality in autumn and winter.",
         "en: " + quoted("Eliminate loose coal.\n\n" + "\n\n".join(LINE_STARTS)))
    edit(data, "glossary.yml", "en: Coal burned in small quantities without washing or processing.",
         "en: " + quoted(f'Coal "burned" {PAYLOAD_EN}'))
    edit(data, "units.yml", "en: County Transport Bureau}", "en: " + quoted(f"County Transport Bureau {PAYLOAD_EN}") + "}")
    # a unit name with Markdown punctuation, printed in the raw-HTML "as printed" line of task 3
    for relative, old, new in ((PLAN, "responsible: 县交通局、崇文镇人民政府", "responsible: " + quoted(f"县交通局、{UNIT_ZH}")),
                               (SOURCE, "县交通局、崇文镇人民政府", f"县交通局、{UNIT_ZH}"),
                               ("units.yml", "zh: 崇文镇人民政府,", f"zh: {quoted(UNIT_ZH)},")):
        edit(data, relative, old, new)
    # an editor's note of two paragraphs: both stay inside the note's box
    edit(data, PLAN, "- zh: 台账中没有与本项对应的行。\n            en: The ledger has no row corresponding to this task.",
         "- zh: " + quoted("台账中没有与本项对应的行。\n\n第二段。") + "\n            en: " +
         quoted(f"The ledger has no row for this task.\n\n{SECOND_PARAGRAPH}"))
    edit(data, "documents/2022-22/document.yml", "en: General Office of the County Party Committee; County People's "
         "Procuratorate}", "en: " + quoted(f"County People's Procuratorate {PAYLOAD_EN}") + "}")  # notice: raw HTML


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """Built once per test session: xdist workers share the session's temporary root, and a lock makes the
    first one build while the others wait for it."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    project = shared / "escaping-site"
    with open(shared / "escaping-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (project / "built").exists():
            shutil.rmtree(project, ignore_errors=True)
            _build_site(project)
            (project / "built").touch()
    return project / "site"


def _build_site(project: Path) -> None:
    """The real configuration, theme overrides and assets around the mini data, built as `make site` builds."""
    data = copy_mini(project / "data")
    add_markup(data)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "docs" / "zh" / "assets", project / "docs" / "zh" / "assets")
    (project / "redirects.yml").write_text("{}\n", encoding="utf-8")
    build_into(data, project)
    result = subprocess.run([sys.executable, "-m", "postbuild", "build", "--project", str(project),
                             "--out", str(project / "site")], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)
    assert result.returncode == 0, result.stderr


class Page(HTMLParser):
    """The article of a built page: its text as a reader sees it, its elements, and every script's code."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.depth = 0           # > 0 inside <article>
        self.in_script = False
        self.text: list[str] = []
        self.tags: list[str] = []
        self.scripts: list[str] = []
        self.titles: list[str] = []  # title attributes of links in the article (glossary tooltips)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        if tag == "article":
            self.depth += 1
        elif self.depth:
            self.tags.append(tag)
            self.titles += [value for name, value in attrs if tag == "a" and name == "title"]

    def handle_endtag(self, tag):
        self.in_script = False
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.in_script:
            self.scripts.append(data)
        elif self.depth:
            self.text.append(data)

    @property
    def article_text(self) -> str:
        return " ".join("".join(self.text).split())


def page(site: Path, lang: str, path: str) -> Page:
    prefix = "en/" if lang == "en" else ""
    return Page((site / prefix / path / "index.html").read_text(encoding="utf-8"))


# (page path, language, literals the page must show)
SHOWN = [
    ("2022-22/air/2", "zh", LITERALS_ZH),
    ("2022-22/air/2", "en", LITERALS_EN + LITERALS_ZH),  # translation and the official Chinese
    ("2022-22/air", "zh", LITERALS_ZH),
    ("2022-22/air", "en", LITERALS_EN + LINE_STARTS),
    ("2022-22/air/ledger/1", "zh", LITERALS_ZH),
    ("2022-22/air/ledger/1", "en", LITERALS_EN),
    ("2022-22/air/ledger/2", "zh", LITERALS_ZH),
    ("2022-22/air/ledger/2", "en", LITERALS_EN),
    ("2022-22/air/3", "en", LITERALS_EN),
    ("units/transport", "zh", LITERALS_EN),
    ("units/transport", "en", LITERALS_EN),
    ("2022-22", "en", LITERALS_EN),
    ("2022-22/air/3", "zh", [f"县交通局、{UNIT_ZH}"]),   # the as-printed unit line (raw HTML)
    ("2022-22/air/3", "en", [f"县交通局、{UNIT_ZH}"]),
]


@pytest.mark.parametrize("path, lang, literals", SHOWN, ids=[f"{lang}:{path}" for path, lang, _ in SHOWN])
def test_markup_in_data_is_shown_literally(site: Path, path: str, lang: str, literals: list[str]):
    built = page(site, lang, path)
    text = built.article_text
    for literal in literals:
        assert literal in text, f"{literal!r} not shown literally on {lang}:{path}"
    assert "\\" not in text, "a Markdown backslash escape is visible"
    assert "b" not in built.tags and "script" not in built.tags
    assert "ol" not in built.tags and "blockquote" not in built.tags


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_ledger_cell_with_a_pipe_stays_one_cell(site: Path, lang: str):
    source = (site / ("en/" if lang == "en" else "") / "2022-22/air/index.html").read_text(encoding="utf-8")
    rows = [row for row in re.split(r"<tr\b", source) if 'id="ledger-2"' in row]
    assert len(rows) == 1
    assert rows[0].count("<td") == 4


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_line_start_markers_stay_text(site: Path, lang: str):
    """A paragraph of the data starting with `1.`, `- `, `#`, `>` or `???` is not a list, heading, quote or
    collapsible block."""
    built = page(site, lang, "2022-22/air")
    if lang == "en":
        assert all(marker in built.article_text for marker in LINE_STARTS)
    assert built.tags.count("h2") == 5  # the glance, targets, key tasks, safeguards, ledger: no extra heading
    assert "details" not in built.tags


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_paragraph_of_a_note_stays_in_its_box(site: Path, lang: str):
    """An editor's note is never official text: its second paragraph must not fall out of the admonition."""
    html = (site / ("en/" if lang == "en" else "") / "2022-22/air/2/index.html").read_text(encoding="utf-8")
    second = SECOND_PARAGRAPH if lang == "en" else "第二段。"
    boxes = re.findall(r'<div class="admonition note">(.*?)</div>', html, re.DOTALL)
    assert len(boxes) == 1 and second in boxes[0] and boxes[0].count("<p>") == 2, boxes
    assert html.count(second) == 1


def test_glossary_tooltip_is_the_explanation_verbatim(site: Path):
    titles = page(site, "en", "2022-22/air").titles
    assert f'Coal "burned" {PAYLOAD_EN}' in titles


def test_no_page_runs_the_script(site: Path):
    """No HTML file of the site, in either language, contains the data's script as an element."""
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        source = path.read_text(encoding="utf-8")
        assert "<script>alert" not in source, path
        assert "<b>tag</b>" not in source, path
        assert not [code for code in Page(source).scripts if "alert(1)" in code], path
