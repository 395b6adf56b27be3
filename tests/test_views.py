"""The views that hold the duties, read from the built site against the raw YAML and this suite's own reading of
the deadline words (test_feeds.read_deadline), never against generator code:

- every unit page (and so its printed sheet) carries the full official text of every item it lists, with the
  translation on English pages, and the unit's part (named directly, as a group member, lead);
- a unit page lists its items month by month, each month under its own ASCII anchor (#month-2022-06), ongoing and
  undated items apart (#ongoing);
- a month page lists, per unit, exactly that unit's items of the month (also without JavaScript), each unit name
  linking to the unit page at that month, and marks the lead role on every lead unit of a row;
- the calendar feeds: SUMMARY a short title, DESCRIPTION the full text and the item's absolute links; the reminder
  feeds have the same events, each with a display alarm at 9:00 seven days before its date.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, datetime, timedelta
from html import unescape
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from site_helpers import SITE, collapse, document, plans, raw_items, resolve, squash, units
from test_feeds import CALENDARS, dated_units, expected_events, item_title_zh, item_units, readings, unit_items
from test_unit_month_pages import led, unit_name

LANGS = ["zh", "en"]
MONTH_ANCHOR = re.compile(r"month-\d{4}-\d{2}")


def prefix(lang: str) -> str:
    return "en/" if lang == "en" else ""


def html(path: str) -> str:
    file = SITE / path
    if not file.is_file():
        pytest.fail(f"{file} is missing: run `make site` first", pytrace=False)
    return file.read_text(encoding="utf-8")


def article(path: str) -> str:
    page = html(path)
    return page[page.index('<article class="md-content__inner'):page.rindex("</article>")]


def text_of(markup: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", markup))


def raw_text(item) -> dict:
    """The item's text in the YAML, {"zh": …, "en": …}."""
    plan = plans()[item.plan]
    if item.kind == "task":
        node = next(t for c in plan["categories"] for t in c["tasks"] if t["number"] == item.number)
    else:
        node = next(r for c in plan["ledger"]["categories"] for r in c["rows"] if r["number"] == item.number)
    return node["text"]


def item_links(page_path: str, markup: str) -> list[str]:
    """Item paths that the links in `markup` lead to (item pages only, in order)."""
    found = []
    for href in re.findall(r'href="([^"]+)"', markup):
        target = resolve(page_path, unescape(href)).path or ""
        match = re.fullmatch(r"(?:en/)?(\d{4}-\d+/[a-z]+/(?:ledger/)?\d+)/index\.html", target)
        if match:
            found.append(match.group(1))
    return found


def sections(markup: str, tag: str) -> dict[str, str]:
    """id -> the markup from that heading to the next heading of the same or a higher level."""
    level = int(tag[1])
    stops = "|".join(f"h{n}" for n in range(1, level + 1))
    parts = {}
    for match in re.finditer(rf'<{tag} id="([^"]+)"', markup):
        rest = markup[match.end():]
        end = re.search(rf"<(?:{stops})\b", rest)
        parts[match.group(1)] = rest[:end.start()] if end else rest
    return parts


def raw_by_path() -> dict:
    return {item.path: item for item in raw_items()}


def covered_months(item) -> set[str]:
    return {month for reading in readings(item) for month in reading.months}


def undated(item) -> bool:
    """Ongoing words, or no deadline at all: listed apart from the months."""
    rs = readings(item)
    return not rs or any(r.kind == "ongoing" for r in rs)


# --- unit pages: full texts -------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit_id", [u["id"] for u in units()])
def test_unit_page_carries_the_full_text_of_every_item_it_lists(lang, unit_id):
    """The row of each item holds its whole official text (every paragraph), and on English pages the whole
    translation too; the row also says the unit's part, with the lead role where the text gives it."""
    path = f"{prefix(lang)}units/{unit_id}/index.html"
    body = article(path)
    raw = raw_by_path()
    rows = {}
    for row in re.findall(r"<tr\b[^>]*>.*?</tr>", body, re.S):
        anchor = re.search(r'id="duty-([^"]+)"', row)
        if anchor:
            (item_path,) = set(item_links(path, row))
            rows[item_path] = row
    assert set(rows) == unit_items()[unit_id], f"{path}: the full list of items differs"
    problems = []
    for item_path, row in rows.items():
        text = raw_text(raw[item_path])
        cell = text_of(row)
        if squash(text["zh"]) not in squash(cell):
            problems.append(f"{item_path}: official text incomplete")
        if lang == "en" and collapse(text["en"]) not in collapse(cell):
            problems.append(f"{item_path}: translation incomplete")
        if ('class="badge lead"' in row) != led(raw[item_path]):
            problems.append(f"{item_path}: lead role {'missing' if led(raw[item_path]) else 'unexpected'}")
    assert not problems, f"{path}:\n" + "\n".join(problems)


def test_the_reported_clipped_duty_is_whole_on_its_unit_page():
    """The review's example: 县住建局's ledger row 13 was cut at about 30 characters."""
    raw = raw_by_path()[f"{document()['id']}/air/ledger/13"]
    assert "housing-construction" in item_units(raw)
    body = squash(text_of(article("units/housing-construction/index.html")))
    assert squash(raw_text(raw)["zh"]) in body and len(raw_text(raw)["zh"]) > 30


# --- unit pages: month by month ---------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("unit_id", [u["id"] for u in units()])
def test_unit_page_lists_its_items_month_by_month_with_ongoing_ones_apart(lang, unit_id):
    path = f"{prefix(lang)}units/{unit_id}/index.html"
    parts = sections(article(path), "h3")
    raw = raw_by_path()
    mine = unit_items()[unit_id]
    expected: dict[str, set[str]] = defaultdict(set)
    for item_path in mine:
        for month in covered_months(raw[item_path]):
            expected[f"month-{month}"].add(item_path)
    ongoing = {p for p in mine if undated(raw[p])}
    found = {key: set(item_links(path, "".join(re.findall(r"<li>.*?</li>", value, re.S))))
             for key, value in parts.items() if MONTH_ANCHOR.fullmatch(key)}
    assert found == expected
    assert set(item_links(path, parts.get("ongoing", ""))) == ongoing
    assert all(key.isascii() for key in found)


def test_a_unit_month_can_be_reached_by_its_address():
    """县住建局 in June 2022: its anchor exists and lists ledger row 13 (due) and air task 5 (in its period)."""
    parts = sections(article("units/housing-construction/index.html"), "h3")
    june = set(item_links("units/housing-construction/index.html", parts["month-2022-06"]))
    assert {f"{document()['id']}/air/ledger/13", f"{document()['id']}/air/5"} <= june


# --- month pages: per unit, lead roles ----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_month_page_lists_each_units_items_of_the_month_without_javascript(lang):
    raw = raw_by_path()
    problems = []
    months = sorted({m for item in raw_items() for m in covered_months(item)})
    for month in months:
        path = f"{prefix(lang)}deadlines/{month}/index.html"
        part = sections(article(path), "h2")["by-unit"]
        listed = {}
        for entry in re.findall(r"<li>.*?</li>", part, re.S):
            first = re.search(r'href="([^"]+)"', entry).group(1)
            target = resolve(path, unescape(first))
            unit_id = target.path.removeprefix("en/").removeprefix("units/").removesuffix("/index.html")
            if target.fragment != f"month-{month}":
                problems.append(f"{path}: {unit_id} links to #{target.fragment}")
            listed[unit_id] = set(item_links(path, entry))
        expected = {}
        for unit_id, paths in unit_items().items():
            here = {p for p in paths if month in covered_months(raw[p])}
            if here:
                expected[unit_id] = here
        if listed != expected:
            problems.append(f"{path}: per-unit lists differ: "
                            f"{ {u: sorted(listed.get(u, set()) ^ expected.get(u, set())) for u in set(listed) | set(expected) if listed.get(u) != expected.get(u)} }")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGS)
def test_month_pages_mark_the_lead_role_on_every_lead_unit(lang):
    """The badge once followed only the last unit of a row; each unit the ledger names as lead carries it."""
    raw = raw_by_path()
    problems, checked = [], 0
    for page in sorted((SITE / prefix(lang) / "deadlines").glob("*/index.html")):
        path = f"{prefix(lang)}deadlines/{page.parent.name}/index.html"
        for row in re.findall(r"<tr\b[^>]*>.*?</tr>", article(path), re.S):
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            if not cells:
                continue
            (item_path,) = set(item_links(path, cells[0]))
            item = raw[item_path]
            unit_cell = cells[-1]
            named = len(re.findall(r'href="[^"]*units/', unit_cell))
            badges = len(re.findall(r'class="badge lead"', unit_cell))
            assert named == len(item_units(item)), (path, item_path)
            if badges != (named if led(item) else 0):
                problems.append(f"{path}: {item_path}: {badges} lead badges for {named} units")
            checked += led(item)
    assert checked and not problems, "\n".join(problems)


# --- feeds: full text and reminders ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def everything() -> Calendar:
    return Calendar.from_ical((CALENDARS / "all.ics").read_bytes())


@pytest.fixture(scope="module")
def reminder_feeds() -> dict[str, Calendar]:
    folder = CALENDARS / "reminders"
    if not folder.is_dir():
        pytest.fail(f"{folder} is missing", pytrace=False)
    return {p.stem: Calendar.from_ical(p.read_bytes()) for p in sorted(folder.glob("*.ics"))}


def origin() -> str:
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html("index.html"))
    return match.group(1)


def test_events_have_a_short_summary_and_the_full_text_with_links(everything):
    raw = {item.path: item for item in raw_items()}
    problems = []
    events = list(everything.walk("VEVENT"))
    assert events
    for event in events:
        item_path = str(event["UID"]).split("#")[0]
        item = raw[item_path]
        label, heading = item_title_zh(item)
        summary = str(event["SUMMARY"])
        if not summary.startswith(label) or len(summary) > len(label) + 40:
            problems.append(f"{item_path}: SUMMARY {summary!r} is not a short title")
        description = str(event["DESCRIPTION"])
        text = raw_text(item)
        if squash(text["zh"]) not in squash(description) or collapse(text["en"]) not in collapse(description):
            problems.append(f"{item_path}: DESCRIPTION lacks the full text")
        for link in (f"{origin()}{item_path}/", f"{origin()}en/{item_path}/"):
            if link not in description:
                problems.append(f"{item_path}: DESCRIPTION lacks {link}")
    assert not problems, "\n".join(problems[:20])


def test_there_is_a_reminder_feed_for_every_feed_and_no_other(reminder_feeds):
    """A reminder feed beside each feed: everything and each unit with a dated deadline (test_feeds.dated_units);
    a unit whose duties are all ongoing has neither (no empty calendar)."""
    assert set(reminder_feeds) == {"all"} | set(dated_units())
    assert set(reminder_feeds) == {path.stem for path in CALENDARS.glob("*.ics")}


def alarm_moment(expected, event) -> datetime:
    """When the alarm goes off, from the event's own DTSTART/DTEND and the alarm's TRIGGER (as a client reads it)."""
    (alarm,) = event.walk("VALARM")
    trigger = alarm.decoded("TRIGGER")
    related = alarm["TRIGGER"].params.get("RELATED", "START")
    anchor = event.decoded("DTEND" if related == "END" else "DTSTART")
    return datetime(anchor.year, anchor.month, anchor.day) + trigger


@pytest.mark.parametrize("name", ["all", "housing-construction", "chongwen"])
def test_reminder_feeds_hold_the_same_events_each_with_a_reminder_a_week_ahead_at_nine(reminder_feeds, name):
    plain = {str(e["UID"]): e for e in Calendar.from_ical((CALENDARS / f"{name}.ics").read_bytes()).walk("VEVENT")}
    with_alarms = {str(e["UID"]): e for e in reminder_feeds[name].walk("VEVENT")}
    assert set(with_alarms) == set(plain) and plain
    raw = {item.path: item for item in raw_items()}
    wanted = {f"{e.item.path}#{e.index}": e for item in raw_items() for e in expected_events(item)}
    problems = []
    for key, event in with_alarms.items():
        for field in ("DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "RRULE"):
            if event.get(field) != plain[key].get(field):
                problems.append(f"{key}: {field} differs from the plain feed")
        (alarm,) = event.walk("VALARM")
        if str(alarm["ACTION"]) != "DISPLAY" or not str(alarm["DESCRIPTION"]):
            problems.append(f"{key}: not a display alarm with a text")
        expected = wanted[key.split("@")[0]]
        # the day the deadline is reached: a due day, a period's last day, a start day, a first occurrence
        reached = expected.end - timedelta(days=1)
        if alarm_moment(expected, event) != datetime(reached.year, reached.month, reached.day, 9) - timedelta(days=7):
            problems.append(f"{key}: alarm at {alarm_moment(expected, event)}, expected 09:00 seven days before "
                            f"{reached}")
        assert raw[expected.item.path]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("lang", LANGS)
def test_unit_pages_offer_tappable_subscriptions_with_and_without_reminders(lang):
    host = urlsplit(origin()).netloc + urlsplit(origin()).path
    dated = set(dated_units())
    for unit in units():
        page = html(f"{prefix(lang)}units/{unit['id']}/index.html")
        links = set(re.findall(r'<a class="webcal[^"]*"[^>]* href="([^"]+)"|<a[^>]* class="webcal[^"]*" href="([^"]+)"', page))
        hrefs = {a or b for a, b in links}
        if unit["id"] not in dated:   # no feed, so no reminder feed either: neither link nor copy button
            assert not hrefs and "data-copy-text=" not in page and "reminders/" not in page, unit["id"]
            continue
        assert hrefs == {f"webcal://{host}data/calendar/{unit['id']}.ics",
                         f"webcal://{host}data/calendar/reminders/{unit['id']}.ics"}, unit["id"]
        assert page.count("data-copy-text=") == 2
        assert "9" in text_of(page) and "7" in text_of(page)   # the reminder is explained: 9:00, 7 days ahead


# --- the plan at a glance and the home page --------------------------------------------------------------------------

def ledger_rows_of_category(plan_id: str, category: dict) -> int:
    """Ledger rows that implement a task of the body category (by the rows' `implements` in the YAML)."""
    plan = plans()[plan_id]
    numbers = {t["number"] for t in category["tasks"]}
    count = 0
    for c in (plan.get("ledger") or {}).get("categories", []):
        for row in c["rows"]:
            refs = [r if isinstance(r, int) else int(str(r).rsplit("/", 1)[1]) for r in row.get("implements", [])
                    if isinstance(r, int) or f"/{plan_id}/" in str(r)]
            count += any(r in numbers for r in refs)
    return count


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("plan_id", list(plans()))
def test_plan_glance_has_goals_topics_units_and_key_deadlines_from_the_data(lang, plan_id):
    path = f"{prefix(lang)}{document()['id']}/{plan_id}/index.html"
    body = article(path)
    assert 'id="glance"' in body
    glance = sections(body, "h2")["glance"]
    parts = sections(glance, "h3")
    plan = plans()[plan_id]
    goals = next((p for p in plan.get("parts", []) if p["id"] == "goals"), None)
    if goals:
        goal_text = text_of(parts["glance-goals"])
        assert (squash(goals["text"]["zh"]) in squash(goal_text) if lang == "zh"
                else collapse(goals["text"]["en"]) in collapse(goal_text))
    # every category is an entry, with its number of tasks and of ledger rows
    topics = re.findall(r'<li>(.*?)</li>', parts["glance-topics"], re.S)
    assert len(topics) == len(plan["categories"])
    for category, entry in zip(plan["categories"], topics):
        assert f'href="#category-{category["number"]}"' in entry
        numbers = [int(n) for n in re.findall(r"\d+", text_of(entry).split(category["title"][lang])[-1])]
        assert numbers == [len(category["tasks"]), ledger_rows_of_category(plan_id, category)], (category["number"], numbers)
    # units: each with the number of this plan's items that name it
    raw = [i for i in raw_items() if i.plan == plan_id]
    for entry in re.findall(r'<li>(.*?)</li>', parts["glance-units"], re.S):
        unit_id = re.search(r'units/([^/"]+)/', entry).group(1)
        named = [i for i in raw if unit_id in item_units(i)]
        figures = [int(n) for n in re.findall(r"\d+", text_of(entry).split(unit_name(unit_id, lang))[-1])]
        assert figures[0] == len(named), (unit_id, figures)
        assert figures[1:] == ([sum(led(i) for i in named)] if any(led(i) for i in named) else []), unit_id
    # key due months: due dates from the notice on, with their counts
    issued = document()["issued"]
    due: dict[str, int] = defaultdict(int)
    for item in raw:
        for reading in readings(item):
            if reading.kind == "due" and reading.last >= issued:
                due[reading.months[0]] += 1
    listed = {}
    for entry in re.findall(r'<li>(.*?)</li>', parts["glance-deadlines"], re.S):
        month = re.search(r'deadlines/(\d{4}-\d{2})/', entry).group(1)
        listed[month] = int(re.findall(r"\d+", text_of(entry))[-1])
    assert listed and all(due[m] == n for m, n in listed.items())
    assert list(listed) == sorted(due)[:len(listed)]


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_sums_up_each_plan_with_entries_by_topic(lang):
    path = f"{prefix(lang)}index.html"
    body = article(path)
    for plan_id, plan in plans().items():
        base = f"{document()['id']}/{plan_id}/"
        hrefs = [resolve(path, unescape(h)) for h in re.findall(r'href="([^"]+)"', body)]
        mine = [t for t in hrefs if (t.path or "").removeprefix("en/") == base + "index.html"]
        assert "glance" in {t.fragment for t in mine}, plan_id
        assert {f"category-{c['number']}" for c in plan["categories"]} <= {t.fragment for t in mine}, plan_id
    assert "14" in text_of(body)   # the air plan's sulfur dioxide target, a figure of the goals
