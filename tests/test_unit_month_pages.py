"""Unit pages, month pages and the /deadlines/ overview of the built site, against expectations computed from the
raw YAML (site_helpers) and this suite's own reading of the deadline words (test_feeds.read_deadline):

- a unit page lists exactly its items, grouped by plan, soonest first; a township's page labels what it has only as
  a member of a group; rows the text assigns to lead units carry the lead badge; the summary counts are right;
- a month page puts each item in the right section (due, window, starts, recurring) and says plainly when a due
  date fell before the notice was issued;
- /deadlines/ has the timeline as an accessible inline SVG with a table beside it, and the unit x plan matrix.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from html.parser import HTMLParser

import pytest

from site_helpers import ITEM_PATH, SITE, document, name_to_unit, plans, raw_items, resolve, units
from test_feeds import item_title_zh, item_units, readings, unit_items

LANGS = ["zh", "en"]
PLAN_IDS = list(document()["plans"])
VIA = {"zh": "作为“{group}”的成员", "en": "as a member of “{group}”"}
BEFORE_ISSUE = {"zh": "早于通知印发日期", "en": "Fell before the notice was issued"}


# --- reading the built pages ---------------------------------------------------------------------------------------

@dataclass
class Row:
    cells: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    classes: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        return " ".join(self.cells)


class Sections(HTMLParser):
    """The article's tables, body rows only, under the id of the h2/h3 heading before them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, list[Row]] = defaultdict(list)
        self.heading: str | None = None
        self.in_article = 0
        self.row: Row | None = None
        self.cell: list[str] | None = None
        self.admonitions: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        if tag == "article" and "md-content__inner" in values.get("class", ""):
            self.in_article = 1
        if not self.in_article:
            return
        if tag in ("h2", "h3") and values.get("id"):
            self.heading = values["id"]
        elif tag == "tr":
            self.row = Row()
        elif tag == "td" and self.row is not None:
            self.cell = []
        elif tag == "a" and self.row is not None:
            self.row.links.append(values.get("href", ""))
        if self.row is not None:
            self.row.classes |= set(values.get("class", "").split()) if tag == "span" else set()
        if tag == "div" and "admonition" in values.get("class", ""):
            self.admonitions.append(values["class"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = 0
        if tag == "td" and self.row is not None and self.cell is not None:
            self.row.cells.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row.cells and self.heading:
                self.sections[self.heading].append(self.row)
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def parse(path: str) -> Sections:
    file = SITE / path
    if not file.is_file():
        pytest.fail(f"{file} is missing: run `make site` first", pytrace=False)
    parser = Sections()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def items_linked(page_path: str, row: Row) -> list[str]:
    found = []
    for href in row.links:
        target = resolve(page_path, href).path or ""
        if ITEM_PATH.match(target):
            found.append(target.removeprefix("en/").removesuffix("/index.html"))
    return found


def prefix(lang: str) -> str:
    return "en/" if lang == "en" else ""


# --- expectations from the YAML ------------------------------------------------------------------------------------

def raw_by_path() -> dict:
    return {item.path: item for item in raw_items()}


def led(item) -> bool:
    """The text names the units as lead units: the ledger's responsible column reads 牵头单位."""
    if item.kind != "ledger":
        return False
    return plans()[item.plan]["ledger"]["columns"]["responsible"]["zh"] == "牵头单位"


def reached(item) -> date:
    days = [r.reached for r in readings(item) if r.reached and r.kind not in ("monthly", "quarterly")]
    return min(days) if days else date.max


def unit_name(unit_id: str, lang: str) -> str:
    return next(u["name"][lang] for u in units() if u["id"] == unit_id)


def groups_of(unit_id: str) -> list[str]:
    return [u["id"] for u in units() if unit_id in u.get("members", [])]


# --- unit pages --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit_id", [u["id"] for u in units()])
def test_unit_page_lists_exactly_its_items_grouped_by_plan_soonest_first(lang, unit_id):
    path = f"{prefix(lang)}units/{unit_id}/index.html"
    page = parse(path)
    raw = raw_by_path()
    expected = unit_items()[unit_id]
    listed: list[str] = []
    for plan_id in PLAN_IDS:
        rows = page.sections.get(f"plan-{document()['id']}-{plan_id}", [])
        paths = [p for row in rows for p in items_linked(path, row)]
        assert all(raw[p].plan == plan_id for p in paths), f"{path}: an item under the {plan_id} plan is not of it"
        days = [reached(raw[p]) for p in paths]
        assert days == sorted(days), f"{path}: {plan_id} items are not soonest first: {list(zip(paths, days))}"
        listed += paths
    assert len(listed) == len(set(listed)), f"{path}: an item is listed twice"
    assert set(listed) == expected


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit_id", [u["id"] for u in units()])
def test_unit_page_labels_group_items_and_marks_what_it_leads(lang, unit_id):
    path = f"{prefix(lang)}units/{unit_id}/index.html"
    page = parse(path)
    raw = raw_by_path()
    problems = []
    for plan_id in PLAN_IDS:
        for row in page.sections.get(f"plan-{document()['id']}-{plan_id}", []):
            (item_path,) = items_linked(path, row)
            item = raw[item_path]
            named = item_units(item)
            via = [g for g in groups_of(unit_id) if g in named] if unit_id not in named else []
            role = row.cells[-1]
            if via:
                label = VIA[lang].format(group=unit_name(via[0], lang))
                if label not in role:
                    problems.append(f"{item_path}: expected '{label}', found '{role}'")
            elif VIA[lang].split("“")[0] in role:
                problems.append(f"{item_path}: named directly but labelled '{role}'")
            if ("lead" in row.classes) != led(item):
                problems.append(f"{item_path}: lead badge {'missing' if led(item) else 'unexpected'}")
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_township_page_shows_what_its_groups_are_assigned_labelled_as_such():
    """崇文镇: its own items plus those of 各乡镇人民政府 and 各相关乡镇人民政府, each labelled with its group."""
    page = parse("units/chongwen/index.html")
    rows = [row for plan_id in PLAN_IDS for row in page.sections[f"plan-{document()['id']}-{plan_id}"]]
    labels = defaultdict(set)
    for row in rows:
        for group in ("各乡镇人民政府", "各相关乡镇人民政府"):
            if f"作为“{group}”的成员" in row.cells[-1]:
                labels[group] |= set(items_linked("units/chongwen/index.html", row))
    by_group = {g: {i.path for i in raw_items() if name_to_unit()[g] in item_units(i)} - unit_items_direct("chongwen")
                for g in ("各乡镇人民政府", "各相关乡镇人民政府")}
    assert labels["各乡镇人民政府"] == by_group["各乡镇人民政府"] and labels["各乡镇人民政府"]
    # an item named for both groups would be labelled once; none is today
    relevant = by_group["各相关乡镇人民政府"] - by_group["各乡镇人民政府"]
    assert labels["各相关乡镇人民政府"] == relevant and relevant


def unit_items_direct(unit_id: str) -> set[str]:
    return {item.path for item in raw_items() if unit_id in item_units(item)}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit_id", [u["id"] for u in units()])
def test_unit_page_summary_counts(lang, unit_id):
    page = parse(f"{prefix(lang)}units/{unit_id}/index.html")
    raw = raw_by_path()
    mine = unit_items()[unit_id]
    direct = unit_items_direct(unit_id)
    rows = page.sections["summary"]
    expected = []
    for plan_id in PLAN_IDS:
        paths = {p for p in mine if raw[p].plan == plan_id}
        if paths:
            expected.append([len(paths & direct), len(paths - direct), sum(led(raw[p]) for p in paths), len(paths)])
    expected.append([len(mine & direct), len(mine - direct), sum(led(raw[p]) for p in mine), len(mine)])
    found = [[int(cell) for cell in row.cells[1:]] for row in rows]
    assert found == expected


# --- month pages --------------------------------------------------------------------------------------------------

SECTION = {"due": "due", "window": "window", "season": "window", "from": "window", "yearly": "recurs",
           "monthly": "recurs", "quarterly": "recurs"}


def section_of(reading, month: str) -> str:
    """A start date "starts" in its own month and is a period covering each later month it is listed under."""
    return "starts" if reading.kind == "from" and month == reading.months[0] else SECTION[reading.kind]


def expected_months() -> dict[str, dict[str, set[str]]]:
    months: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for item in raw_items():
        for reading in readings(item):
            for month in reading.months:
                months[month][section_of(reading, month)].add(item.path)
    return months


@pytest.mark.parametrize("lang", LANGS)
def test_month_pages_exist_for_exactly_the_months_with_something_due_or_active(lang):
    built = {p.parent.name for p in (SITE / prefix(lang) / "deadlines").glob("*/index.html")}
    assert built == set(expected_months())


@pytest.mark.parametrize("lang", LANGS)
def test_month_pages_list_each_item_in_the_right_section(lang):
    problems = []
    for month, sections in sorted(expected_months().items()):
        path = f"{prefix(lang)}deadlines/{month}/index.html"
        page = parse(path)
        for section in ("due", "window", "starts", "recurs"):
            listed = {p for row in page.sections.get(section, []) for p in items_linked(path, row)}
            if listed != sections.get(section, set()):
                problems.append(f"{path} #{section}: missing {sorted(sections.get(section, set()) - listed)}, "
                                f"unexpected {sorted(listed - sections.get(section, set()))}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_month_pages_say_when_a_deadline_fell_before_the_notice_was_issued(lang):
    issued = document()["issued"]
    raw = raw_by_path()
    problems = []
    for month in expected_months():
        path = f"{prefix(lang)}deadlines/{month}/index.html"
        page = parse(path)
        due_rows = page.sections.get("due", [])
        early = []
        for row in due_rows:
            (item_path,) = items_linked(path, row)
            words = row.cells[2]
            reading = next(r for w, r in zip(raw[item_path].deadline_words, readings(raw[item_path])) if w in words)
            is_early = reading.last < issued
            early.append(is_early)
            if is_early != (BEFORE_ISSUE[lang] in row.text):
                problems.append(f"{path}: {item_path} {words}: before-issue note {'missing' if is_early else 'wrong'}")
        if due_rows and all(early) and not any("warning" in a for a in page.admonitions):
            problems.append(f"{path}: every due date fell before the notice, but the page does not say so")
    assert not problems, "\n".join(problems)
    assert {m for m in expected_months() if any(r.kind == "due" and r.last < issued and r.months == (m,)
                                                for i in raw_items() for r in readings(i))} == {"2022-04", "2022-05"}


@pytest.mark.parametrize("lang", LANGS)
def test_month_entries_show_the_original_words(lang):
    raw = raw_by_path()
    for month in expected_months():
        path = f"{prefix(lang)}deadlines/{month}/index.html"
        for section, rows in parse(path).sections.items():
            for row in rows if section in ("due", "window", "starts", "recurs") else []:
                (item_path,) = items_linked(path, row)
                assert any(words in row.cells[2] for words in raw[item_path].deadline_words), (path, item_path)


@pytest.mark.parametrize("lang", LANGS)
def test_the_quarterly_task_recurs_in_the_last_month_of_each_quarter_from_the_issue_month(lang):
    """每季度 (soil task 12): listed under "recurring" on the 2022-06, 2022-09 and 2022-12 pages and on no other."""
    quarterly = {i.path for i in raw_items() for r in readings(i) if r.kind == "quarterly"}
    assert quarterly == {f"{document()['id']}/soil/12"}
    listed = set()
    for page_file in sorted((SITE / prefix(lang) / "deadlines").glob("*/index.html")):
        path = f"{prefix(lang)}deadlines/{page_file.parent.name}/index.html"
        sections = parse(path).sections
        if quarterly & {p for row in sections.get("recurs", []) for p in items_linked(path, row)}:
            listed.add(page_file.parent.name)
        assert not quarterly & {p for key in ("due", "window", "starts") for row in sections.get(key, [])
                                for p in items_linked(path, row)}, path
    assert listed == {"2022-06", "2022-09", "2022-12"}


# --- the deadline overview ----------------------------------------------------------------------------------------

def dated(item) -> list:
    return [r for r in readings(item) if r.kind != "ongoing"]


@pytest.mark.parametrize("lang", LANGS)
def test_overview_timeline_is_an_accessible_inline_svg(lang):
    html = (SITE / prefix(lang) / "deadlines" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg class=\"timeline\"[^>]*>.*?</svg>", html, re.DOTALL)
    assert svg, "no inline SVG"
    svg = svg.group(0)
    opening = svg.split(">", 1)[0]
    assert 'role="img"' in opening and 'aria-labelledby="timeline-title timeline-desc"' in opening
    assert re.search(r'<title id="timeline-title">[^<]+</title>', svg)
    desc = re.search(r'<desc id="timeline-desc">([^<]+)</desc>', svg).group(1)
    items_with_dates = [i for i in raw_items() if dated(i)]
    marks = sum(len(dated(i)) for i in raw_items())
    assert str(len(items_with_dates)) in desc and str(marks) in desc
    # one labelled row per item with a dated deadline, and nothing fetched or scripted
    assert len(re.findall(r'<text [^>]*text-anchor="end"', svg)) == len(items_with_dates)
    assert "<script" not in svg and "href" not in svg


def test_timeline_draws_one_dot_per_listed_month_for_monthly_and_quarterly_deadlines():
    """Each 每月一次 / 每季度 deadline is a group of dots in the SVG, one per month the site lists it under,
    left to right."""
    html = (SITE / "deadlines" / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg class=\"timeline\"[^>]*>.*?</svg>", html, re.DOTALL).group(0)
    groups = [(unescape(tip), shapes) for tip, shapes in re.findall(r"<g><title>([^<]*)</title>(.*?)</g>", svg)]
    kinds = set()
    for item in raw_items():
        label, text = item_title_zh(item)
        for words, reading in zip(item.deadline_words, readings(item)):
            if reading.kind not in ("monthly", "quarterly"):
                continue
            kinds.add(reading.kind)
            found = [shapes for tip, shapes in groups
                     if tip.startswith(label) and f" — {words} — " in tip
                     and text.startswith(tip[len(label):].split(" — ")[0].removesuffix("…"))]
            assert len(found) == 1, (item.path, words)
            xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', found[0])]
            assert len(xs) == len(reading.months) and xs == sorted(xs), (item.path, xs)
    assert kinds == {"monthly", "quarterly"}


@pytest.mark.parametrize("lang", LANGS)
def test_overview_table_alternative_lists_every_dated_deadline(lang):
    path = f"{prefix(lang)}deadlines/index.html"
    page = parse(path)
    rows = page.sections["timeline-table"]
    listed = sorted(p for row in rows for p in items_linked(path, row))
    expected = sorted(i.path for i in raw_items() for _ in dated(i))
    assert listed == expected


@pytest.mark.parametrize("lang", LANGS)
def test_overview_matrix_counts_each_units_items_per_plan_and_links_to_them(lang):
    path = f"{prefix(lang)}deadlines/index.html"
    page = parse(path)
    raw = raw_by_path()
    rows = page.sections["matrix"]
    assert len(rows) == len(units())
    for unit, row in zip(units(), rows):
        mine = unit_items()[unit["id"]]
        unit_page = resolve(path, row.links[0]).path
        assert unit_page == f"{prefix(lang)}units/{unit['id']}/index.html"
        counts = [len({p for p in mine if raw[p].plan == plan_id}) for plan_id in PLAN_IDS]
        cells = row.cells[1:1 + len(PLAN_IDS)]
        found = [int(re.match(r"\d+", cell).group(0)) if cell != "—" else 0 for cell in cells]
        assert found == counts, unit["id"]
        assert int(row.cells[1 + len(PLAN_IDS)]) == len(mine)
        for href in row.links[1:]:
            target = resolve(path, href)
            assert target.path == unit_page and target.fragment


def test_overview_reports_dated_and_undated_figures():
    items = raw_items()
    with_dates = [i for i in items if dated(i)]
    assert (len(items), len(with_dates), sum(len(dated(i)) for i in items)) == (127, 46, 49)
