"""The iCalendar feeds of the built site (site/data/calendar/*.ics), event by event against the YAML.

Expected events are computed here from the raw YAML with a reading of the deadline words written for this test
(`read_deadline`), not with generator.deadlines: a due date is an all-day event on its day, a window spans its days,
a start date is its day, "每年8月底" recurs yearly, "每月一次" monthly from the issue month to year end, "每季度"
on the last day of each calendar quarter from the issue month to year end, and "长期坚持" has no event. Each file is parsed with icalendar.Calendar.from_ical.
"""
from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from site_helpers import ROOT, SITE, document, name_to_unit, plans, raw_items, units

CALENDARS = SITE / "data" / "calendar"


# --- an independent reading of the deadline words ---------------------------------------------------------------

@dataclass(frozen=True)
class Reading:
    kind: str                 # due | window | season | from | yearly | monthly | quarterly | ongoing
    first: date | None        # first day (windows, seasons, start dates)
    last: date | None         # last day (due dates, windows, seasons, yearly); first occurrence (monthly, quarterly)
    months: tuple[str, ...]   # YYYY-MM months the site lists it under

    @property
    def reached(self) -> date | None:
        """The day the deadline is reached, for 'soonest first'."""
        return self.last or self.first


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def months_between(first: date, last: date) -> tuple[str, ...]:
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def read_deadline(words: str, year: int, issued: date) -> Reading:
    """What the site promises for each form DESIGN.md lists (its stated assumptions included)."""
    def y(text):
        return int(text) if text else year

    def due(day: date) -> Reading:
        return Reading("due", None, day, (f"{day:%Y-%m}",))

    if words == "长期坚持":
        return Reading("ongoing", None, None, ())
    if words == "每月一次":   # no start or end: listed from the issue month to year end, on each month's last day
        return Reading("monthly", None, month_end(issued.year, issued.month),
                       months_between(issued, date(issued.year, 12, 31)))
    if words == "每季度":     # no start or end: each calendar quarter's last month from the issue month to year end
        quarter_ends = tuple(f"{issued.year:04d}-{month:02d}"
                             for month in range(-(-issued.month // 3) * 3, 13, 3))   # 3 * ceil(month / 3), then every 3
        first = quarter_ends[0]
        return Reading("quarterly", None, month_end(issued.year, int(first[5:])), quarter_ends)
    if words == "秋冬季":     # assumed: October to March
        first, last = date(year, 10, 1), date(year + 1, 3, 31)
        return Reading("season", first, last, months_between(first, last))
    if m := re.fullmatch(r"(\d{4})年供暖季前", words):   # assumed: heating starts in November
        return due(date(int(m[1]), 10, 31))
    if m := re.fullmatch(r"每年(\d{1,2})月底", words):
        day = month_end(year, int(m[1]))
        return Reading("yearly", None, day, (f"{day:%Y-%m}",))
    if m := re.fullmatch(r"(\d{4})年底前?", words):
        return due(date(int(m[1]), 12, 31))
    if m := re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月底前?", words):
        return due(month_end(y(m[1]), int(m[2])))
    if m := re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日前", words):
        return due(date(y(m[1]), int(m[2]), int(m[3])))
    if m := re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月?[-—–](\d{1,2})月份?", words):
        first, last = date(y(m[1]), int(m[2]), 1), month_end(y(m[1]), int(m[3]))
        return Reading("window", first, last, months_between(first, last))
    # a start with no end: listed in its month (starts) and in every later month to the end of the issue year
    if m := re.fullmatch(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起", words):
        first = date(int(m[1]), int(m[2]), int(m[3]))
        return Reading("from", first, None, months_between(first, max(first, date(issued.year, 12, 31))))
    if m := re.fullmatch(r"(?:(\d{4})年)?(\d{1,2})月份?起", words):
        first = date(y(m[1]), int(m[2]), 1)
        return Reading("from", first, None, months_between(first, max(first, date(issued.year, 12, 31))))
    raise AssertionError(f"the test does not know the deadline form {words!r}")


def issued() -> date:
    return document()["issued"]


def plan_year() -> int:
    return int(document()["id"][:4])


def readings(item) -> list[Reading]:
    return [read_deadline(words, plan_year(), issued()) for words in item.deadline_words]


def item_units(item) -> set[str]:
    by_name = name_to_unit()
    return {by_name[name] for name in item.responsible.split("、")}


def unit_items() -> dict[str, set[str]]:
    """unit id -> item paths: named directly, or through a group the unit is a member of."""
    direct = {unit["id"]: set() for unit in units()}
    for item in raw_items():
        for unit_id in item_units(item):
            direct[unit_id].add(item.path)
    expected = {unit_id: set(paths) for unit_id, paths in direct.items()}
    for group in units():
        for member in group.get("members", []):
            expected[member] |= direct[group["id"]]
    return expected


def dated_units() -> list[str]:
    """Units with at least one dated deadline among their items (read independently of the generator): the units
    that have a calendar. The others' duties are all ongoing: an iCalendar file needs at least one event."""
    items = {item.path: item for item in raw_items()}
    return [unit["id"] for unit in units()
            if any(expected_events(items[path]) for path in unit_items()[unit["id"]])]


def item_title_zh(item) -> tuple[str, str]:
    """(label, heading or text): '任务15：' + the task title; '台账第16项：' + the start of the row's text."""
    plan = plans()[item.plan]
    if item.kind == "task":
        task = next(t for c in plan["categories"] for t in c["tasks"] if t["number"] == item.number)
        return f"任务{item.number}：", task["title"]["zh"]
    row = next(r for c in plan["ledger"]["categories"] for r in c["rows"] if r["number"] == item.number)
    return f"台账第{item.number}项：", row["text"]["zh"]


# --- the expected events ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Expected:
    item: object
    index: int
    words: str
    start: date
    end: date                 # exclusive, as DTEND of an all-day event
    rrule: dict | None


def expected_events(item) -> list[Expected]:
    events = []
    for n, (words, reading) in enumerate(zip(item.deadline_words, readings(item))):
        one_day = timedelta(days=1)
        if reading.kind in ("due",):
            events.append(Expected(item, n, words, reading.last, reading.last + one_day, None))
        elif reading.kind in ("window", "season"):
            events.append(Expected(item, n, words, reading.first, reading.last + one_day, None))
        elif reading.kind == "from":
            events.append(Expected(item, n, words, reading.first, reading.first + one_day, None))
        elif reading.kind == "yearly":
            events.append(Expected(item, n, words, reading.last, reading.last + one_day, {"FREQ": ["YEARLY"]}))
        elif reading.kind == "monthly":
            until = date(issued().year, 12, 31)
            events.append(Expected(item, n, words, reading.last, reading.last + one_day,
                                   {"FREQ": ["MONTHLY"], "BYMONTHDAY": [-1], "UNTIL": [until]}))
        elif reading.kind == "quarterly":
            until = date(issued().year, 12, 31)
            events.append(Expected(item, n, words, reading.last, reading.last + one_day,
                                   {"FREQ": ["MONTHLY"], "INTERVAL": [3], "BYMONTHDAY": [-1], "UNTIL": [until]}))
    return events


@pytest.fixture(scope="module")
def feeds() -> dict[str, Calendar]:
    if not CALENDARS.is_dir():
        pytest.fail(f"{CALENDARS} is missing: run `make site` first", pytrace=False)
    return {path.stem: Calendar.from_ical(path.read_bytes()) for path in sorted(CALENDARS.glob("*.ics"))}


@pytest.fixture(scope="module")
def origin() -> str:
    """The site's public origin, as the built home page's canonical link gives it."""
    html = (SITE / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert match, "the home page has no canonical link"
    return match.group(1)


def events_of(cal: Calendar) -> dict[str, object]:
    found: dict[str, object] = {}
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in found, f"UID {uid} appears twice in one feed"
        found[uid] = event
    return found


def uid(expected: Expected, origin: str) -> str:
    return f"{expected.item.path}#{expected.index}@lingchuan-plans"


def site_file(url: str, origin: str) -> Path:
    assert url.startswith(origin), f"{url} is not on the site ({origin})"
    path = url[len(origin):]
    assert path.endswith("/"), url
    return SITE / path / "index.html"


# --- tests ------------------------------------------------------------------------------------------------------

def test_there_is_one_feed_per_unit_with_a_dated_deadline_and_one_for_everything(feeds):
    assert set(feeds) == {"all"} | set(dated_units())
    # The data today: two units whose duties are all ongoing (长期坚持) have none.
    assert sorted({unit["id"] for unit in units()} - set(dated_units())) == ["emergency-management", "highway-section"]


def test_every_calendar_file_is_valid_with_at_least_one_event():
    """RFC 5545: a VCALENDAR holds at least one component. Every .ics the site publishes, parsed by icalendar."""
    paths = sorted(SITE.rglob("*.ics"))
    # every feed twice: as it is and with reminders (calendar/reminders/), neither for a unit without a date
    assert sorted(p.relative_to(CALENDARS).as_posix() for p in paths) == sorted(
        f"{folder}{name}.ics" for folder in ("", "reminders/") for name in ["all", *dated_units()])
    for path in paths:
        calendar = Calendar.from_ical(path.read_bytes())
        assert calendar.name == "VCALENDAR" and str(calendar["VERSION"]) == "2.0", path
        assert len(calendar.walk("VEVENT")) >= 1, f"{path}: a calendar without any event"


def test_the_everything_feed_has_exactly_one_event_per_dated_deadline(feeds, origin):
    wanted = {uid(e, origin): e for item in raw_items() for e in expected_events(item)}
    found = events_of(feeds["all"])
    assert sorted(found) == sorted(wanted)
    assert len(found) == 49   # the figure the data gives today: 37 due, 4 windows, 3 seasons, 2 from, 3 recurring


@pytest.mark.parametrize("name", ["all", *dated_units()])
def test_each_event_has_the_expected_days_text_and_links(feeds, origin, name):
    """DTSTART;VALUE=DATE on the day, DTEND the next day (windows: after the last day), RRULE where it recurs,
    SUMMARY the item's title, DESCRIPTION the original words and the page, URL the page, DTSTAMP the issue date."""
    wanted = {uid(e, origin): e for item in raw_items() for e in expected_events(item)}
    problems = []
    for key, event in events_of(feeds[name]).items():
        expected = wanted[key]
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        if isinstance(start, datetime) or isinstance(end, datetime):
            problems.append(f"{key}: not an all-day event")
        if (start, end) != (expected.start, expected.end):
            problems.append(f"{key}: {start}..{end}, expected {expected.start}..{expected.end}")
        rrule = {k: list(v) for k, v in event["RRULE"].items()} if "RRULE" in event else None
        if rrule != expected.rrule:
            problems.append(f"{key}: RRULE {rrule}, expected {expected.rrule}")
        label, text = item_title_zh(expected.item)
        summary = str(event["SUMMARY"])
        heading = summary.removeprefix(label).removesuffix("…")
        if not summary.startswith(label) or not heading or not text.startswith(heading):
            problems.append(f"{key}: SUMMARY {summary!r} is not the title of {expected.item.path}")
        page_url = f"{origin}{expected.item.path}/"
        if str(event["URL"]) != page_url:
            problems.append(f"{key}: URL {event['URL']}, expected {page_url}")
        if not site_file(str(event["URL"]), origin).is_file():
            problems.append(f"{key}: URL {event['URL']} has no page in site/")
        description = str(event["DESCRIPTION"])
        for needed in (expected.words, page_url, f"{origin}en/{expected.item.path}/"):
            if needed not in description:
                problems.append(f"{key}: DESCRIPTION lacks {needed!r}")
        reading = read_deadline(expected.words, plan_year(), issued())
        assumed = (reading.kind in ("season", "monthly", "quarterly", "yearly") or not re.match(r"自?\d{4}年", expected.words)
                   or any(words in expected.words for words in ("月底", "年底", "供暖季")))
        if assumed and "本站理解" not in description:
            problems.append(f"{key}: DESCRIPTION does not say what was assumed for {expected.words!r}")
        if reading.kind == "due" and reading.last < issued() and "早于通知印发日期" not in description:
            problems.append(f"{key}: DESCRIPTION does not say the date fell before the notice was issued")
        stamp = event.decoded("DTSTAMP")
        if stamp != datetime(issued().year, issued().month, issued().day, tzinfo=timezone.utc):
            problems.append(f"{key}: DTSTAMP {stamp}, expected the issue date")
    assert not problems, "\n".join(problems[:30])


def test_monthly_and_quarterly_events_expand_to_the_months_the_site_lists(feeds, origin):
    """A calendar program expanding the RRULE (dateutil, as many do) gets one occurrence on the last day of each
    month the site lists the deadline under: every month for 每月一次, each quarter's last month for 每季度."""
    from dateutil.rrule import rrulestr

    events = events_of(feeds["all"])
    kinds = set()
    for item in raw_items():
        for n, reading in enumerate(readings(item)):
            if reading.kind not in ("monthly", "quarterly"):
                continue
            kinds.add(reading.kind)
            event = events[f"{item.path}#{n}@lingchuan-plans"]
            start = event.decoded("DTSTART")
            rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=datetime(start.year, start.month, start.day))
            days = [day.date() for day in rule]
            assert days == [month_end(int(m[:4]), int(m[5:])) for m in reading.months], (item.path, days)
    assert kinds == {"monthly", "quarterly"}   # both forms occur in the data today


def test_all_day_events_are_written_as_dates(feeds):
    raw = (CALENDARS / "all.ics").read_text(encoding="utf-8")
    starts = re.findall(r"^DTSTART[^:]*:.*$", raw, re.MULTILINE)
    ends = re.findall(r"^DTEND[^:]*:.*$", raw, re.MULTILINE)
    assert starts and all(re.fullmatch(r"DTSTART;VALUE=DATE:\d{8}", line.strip()) for line in starts)
    assert ends and all(re.fullmatch(r"DTEND;VALUE=DATE:\d{8}", line.strip()) for line in ends)


@pytest.mark.parametrize("unit_id", [unit["id"] for unit in units()])
def test_a_unit_feed_holds_the_events_of_exactly_its_items_identical_to_the_everything_feed(feeds, origin, unit_id):
    items = [item for item in raw_items() if item.path in unit_items()[unit_id]]
    wanted = {uid(e, origin) for item in items for e in expected_events(item)}
    if not wanted:  # every deadline of the unit is ongoing: no calendar at all, rather than an empty one
        assert unit_id not in feeds
        return
    found = events_of(feeds[unit_id])
    assert set(found) == wanted
    everything = events_of(feeds["all"])
    assert [key for key, event in found.items() if event.to_ical() != everything[key].to_ical()] == []


def test_township_feed_includes_what_its_groups_are_assigned(feeds, origin):
    """崇文镇 is named directly on few items; its feed also carries the dated items of 各乡镇人民政府."""
    township_group = {item.path for item in raw_items() if "townships" in item_units(item)}
    dated = {uid(e, origin) for item in raw_items() if item.path in township_group for e in expected_events(item)}
    assert dated and dated <= set(events_of(feeds["chongwen"]))


def test_uids_are_stable_ids_not_content(feeds, origin):
    """A UID is the item id, the deadline's position and a fixed suffix, never the site's host: rewording a deadline
    or moving the site keeps it (tests/test_deployed.py compares two builds for two origins)."""
    for key in events_of(feeds["all"]):
        assert re.fullmatch(r"\d{4}-\d+/[a-z]+/(ledger/)?\d+#\d+@lingchuan-plans", key), key


def test_feeds_are_byte_identical_when_built_again(origin, monkeypatch):
    """DTSTAMP is the issue date, not the build time: the generator gives the same bytes as the built files."""
    from generator.feeds import calendar_files
    from generator.index import build_index
    from generator.validate import load_corpus

    monkeypatch.setenv("SITE_URL", origin)
    index = build_index(load_corpus(ROOT / "data"))
    first, second = calendar_files(index), calendar_files(index)
    assert first == second
    for name, content in first.items():
        assert (SITE / "data" / name).read_bytes() == content, name


def test_feed_urls_follow_site_url(monkeypatch):
    from generator import feeds

    monkeypatch.setenv("SITE_URL", "https://plans.example.gov.cn/lingchuan")
    assert feeds.absolute("/2022-22/air/15/") == "https://plans.example.gov.cn/lingchuan/2022-22/air/15/"
    assert feeds.webcal_url("chongwen") == "webcal://plans.example.gov.cn/lingchuan/data/calendar/chongwen.ics"


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_each_unit_page_offers_its_feed_or_says_why_it_has_none(prefix):
    dated = set(dated_units())
    for unit in units():
        html = (SITE / prefix / "units" / unit["id"] / "index.html").read_text(encoding="utf-8")
        hrefs = [h for h in re.findall(r'href="([^"]*\.ics)"', html) if not h.startswith("webcal:")]
        targets = {(SITE / prefix / "units" / unit["id"] / href).resolve() for href in hrefs}
        if unit["id"] in dated:
            assert targets == {(CALENDARS / f"{unit['id']}.ics").resolve(),
                               (CALENDARS / "reminders" / f"{unit['id']}.ics").resolve()}, unit["id"]
            assert all(target.is_file() for target in targets)
            assert "webcal://" in html and f"/data/calendar/{unit['id']}.ics</code>" in html
            assert f"/data/calendar/reminders/{unit['id']}.ics</code>" in html
        else:
            assert not targets and "webcal://" not in html, unit["id"]
            reason = re.search(r'<p class="no-feed">(.*?)</p>', html, re.S)
            assert reason and ("长期坚持" in reason.group(1)), unit["id"]
            assert ("no calendar file" if prefix else "没有日历文件") in reason.group(1)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_units_table_data_page_and_plan_json_agree_on_which_units_have_a_calendar(prefix):
    dated = set(dated_units())
    plan = json.loads((SITE / "data/plan.json").read_text(encoding="utf-8"))
    assert {u["id"] for u in plan["units"] if u["calendar"]} == dated
    assert all(u["calendar"] == f"/data/calendar/{u['id']}.ics" for u in plan["units"] if u["calendar"])
    for page in ("units/index.html", "data/index.html"):
        html = (SITE / prefix / page).read_text(encoding="utf-8")
        assert set(re.findall(r'href="[^"]*calendar/([^"/]+)\.ics"', html)) - {"all"} == dated, page
    html = (SITE / prefix / "data/index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="[^"]*calendar/reminders/([^"/]+)\.ics"', html)) - {"all"} == dated
