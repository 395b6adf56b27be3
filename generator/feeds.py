"""iCalendar feeds: one for every unit and one for everything (data/calendar/<unit-id>.ics, data/calendar/all.ics).

Every dated deadline becomes an all-day event: a due date on its day (DTEND the next day, as RFC 5545 wants for
all-day events), a window or season across its days, a start date on its day; "每年8月底" recurs yearly and
"每月一次" monthly and "每季度" every three months on the last day of each calendar quarter (both from the issue
month to year end, the site's stated assumption). "长期坚持" (ongoing) has no
date and so no event. Events are identical in every feed they appear in, with a UID made of the item id and the
deadline's index, so a calendar that subscribes to two feeds, or reloads one, never shows an event twice.
DTSTAMP is the document's issue date, so two builds of the same data are byte-identical.

The site's public address comes from the SITE_URL environment variable (the same variable and default that
mkdocs.yml uses); the generator never reads MkDocs configuration.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from .deadlines import Deadline, _last_day
from .index import Item, SiteIndex
from .site_url import DEFAULT_SITE_URL, absolute, site_url  # noqa: F401  (re-exported)

CALENDAR_DIR = "calendar"                                   # under data/




def feed_path(name: str) -> str:
    """Site-root-relative path of a feed: 'all' or a unit id."""
    return f"/data/{CALENDAR_DIR}/{name}.ics"


def webcal_url(name: str) -> str:
    """The subscription address calendar programs open directly (webcal:// + host + path)."""
    return "webcal://" + absolute(feed_path(name)).split("://", 1)[1]


def first_day(value: str) -> date:
    return date(int(value[:4]), int(value[5:7]), int(value[8:10]) if len(value) > 7 else 1)


def calendar_days(deadline: Deadline, issued: date) -> tuple[date | None, date | None]:
    """The calendar days a deadline is read as (first, last); None where the kind has no such day.

    due: (None, the last allowed day); window/season: (first day, last day); from: (the start day, None);
    yearly: (None, the first occurrence's day); monthly, quarterly and ongoing: (None, None)."""
    if deadline.kind == "due":
        return None, deadline.last_day
    if deadline.kind in ("window", "season"):
        return first_day(deadline.start), deadline.last_day
    if deadline.kind == "from":
        return first_day(deadline.start), None
    if deadline.kind == "recurring" and deadline.frequency == "yearly":
        return None, _last_day(deadline.start)
    return None, None


def fell_before_issue(deadline: Deadline, issued: date) -> bool:
    """A due date before the notice was issued."""
    return deadline.kind == "due" and deadline.last_day < issued


def started_before_issue(deadline: Deadline, issued: date) -> bool:
    """A window, season or start date that began before the notice was issued."""
    return deadline.kind in ("window", "season", "from") and first_day(deadline.start) < issued


@dataclass(frozen=True)
class Occurrence:
    """One event: an item's dated deadline."""

    item: Item
    index: int           # the deadline's position in item.deadlines
    deadline: Deadline
    start: date          # DTSTART (all day)
    end: date            # DTEND: the day after the last day
    rrule: dict | None = None

    @property
    def uid(self) -> str:
        return f"{self.item.id}#{self.index}@{urlsplit(site_url()).hostname}"


def occurrences(item: Item) -> list[Occurrence]:
    """The item's events, in deadline order; ongoing deadlines have none."""
    issued = item.bundle.document.issued
    events = []
    for n, deadline in enumerate(item.deadlines):
        first, last = calendar_days(deadline, issued)
        rrule = None
        if deadline.kind == "recurring" and deadline.frequency == "monthly":
            # Listed in every month from the issue month to year end (see Deadline.months): the last day of each.
            first = last = _last_day(f"{issued:%Y-%m}")
            rrule = {"freq": "monthly", "bymonthday": -1, "until": date(issued.year, 12, 31)}
        elif deadline.kind == "recurring" and deadline.frequency == "quarterly":
            # Listed in the last month of each quarter from the issue month to year end: the last day of each.
            first = last = _last_day(item.months_of(deadline)[0])
            rrule = {"freq": "monthly", "interval": 3, "bymonthday": -1, "until": date(issued.year, 12, 31)}
        elif deadline.kind == "recurring":
            first, rrule = last, {"freq": "yearly"}
        elif deadline.kind == "due":
            first = last
        elif deadline.kind == "from":
            last = first
        if first is None or last is None:
            continue
        events.append(Occurrence(item, n, deadline, first, last + timedelta(days=1), rrule))
    return events


def description(occurrence: Occurrence) -> str:
    item, d = occurrence.item, occurrence.deadline
    issued = item.bundle.document.issued
    zh = [f"原文时限：{d.words}", d.meaning("zh")]
    en = [f"Deadline: {d.en}", d.meaning("en")]
    if d.assumption:
        zh.append(f"本站理解：{d.assumption['zh']}")
        en.append(f"Assumed: {d.assumption['en']}")
    if fell_before_issue(d, issued):
        zh.append(f"早于通知印发日期（{issued.isoformat()}）。")
        en.append(f"This date fell before the notice was issued ({issued.isoformat()}).")
    elif started_before_issue(d, issued):
        zh.append(f"开始于通知印发日期（{issued.isoformat()}）之前。")
        en.append(f"This began before the notice was issued ({issued.isoformat()}).")
    zh.append(f"{item.responsible_column.zh}：{item.responsible}")
    return "\n".join([
        item.title("zh"), item.plan.title.zh, *zh, absolute(item.url("zh")), "",
        item.title("en"), *en, absolute(item.url("en")),
    ])


def event(occurrence: Occurrence) -> Event:
    item = occurrence.item
    issued = item.bundle.document.issued
    ev = Event()
    ev.add("uid", occurrence.uid)
    ev.add("dtstamp", datetime(issued.year, issued.month, issued.day, tzinfo=timezone.utc))
    ev.add("dtstart", occurrence.start)
    ev.add("dtend", occurrence.end)
    if occurrence.rrule:
        ev.add("rrule", occurrence.rrule)
    ev.add("summary", item.title("zh"))
    ev.add("description", description(occurrence))
    ev.add("url", absolute(item.url("zh")))
    ev.add("categories", [item.plan.title.zh])
    ev.add("transp", "TRANSPARENT")   # a deadline does not make anyone busy
    return ev


def calendar(name_zh: str, name_en: str, items: list[Item]) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Lingchuan plan site//generator//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{name_zh}：时限")
    cal.add("x-wr-caldesc", f"{name_zh} · {name_en}: deadlines / 时限 ({site_url()})")
    for item in items:
        for occurrence in occurrences(item):
            cal.add_component(event(occurrence))
    return cal.to_ical()


def feed_items(index: SiteIndex, unit_id: str) -> list[Item]:
    """Everything on the unit's page: named directly or through a group it belongs to, soonest first."""
    return list({a.item.id: a.item for a in index.assignments[unit_id]}.values())


def calendar_files(index: SiteIndex) -> dict[str, bytes]:
    """File name under data/ -> iCalendar bytes."""
    numbers = "、".join(b.document.number for b in index.corpus.documents)
    files = {f"{CALENDAR_DIR}/all.ics": calendar(f"{numbers}全部事项", "every item", index.items)}
    for unit_id, unit in index.units.items():
        files[f"{CALENDAR_DIR}/{unit_id}.ics"] = calendar(unit.name.zh, unit.name.en, feed_items(index, unit_id))
    return files
