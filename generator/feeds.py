"""iCalendar feeds: one for every unit and one for everything (data/calendar/<unit-id>.ics, data/calendar/all.ics).

Every dated deadline becomes an all-day event with the days and recurrence rule of its schedule (schedule.py): a
due date on its day (DTEND the next day, as RFC 5545 wants for all-day events), a window or season across its
days, a start date on its day; "每年8月底" recurs yearly, "每月一次" monthly and "每季度" every three months on
the last day of each calendar quarter (both from the issue month to year end, the site's stated assumption).
"长期坚持" (ongoing) has no date and so no event. Events are identical in every feed they appear in, with a UID made of the item id and the
deadline's index, so a calendar that subscribes to two feeds, or reloads one, never shows an event twice. The UID
names no host (DESIGN.md, "Identifiers"): when the site moves to another address, a subscriber's calendar keeps
each event once.
DTSTAMP is the document's issue date, so two builds of the same data are byte-identical.

The site's public address comes from the SITE_URL environment variable (the same variable and default that
mkdocs.yml uses); the generator never reads MkDocs configuration.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from icalendar import Calendar, Event

from .deadlines import Deadline
from .index import Item, SiteIndex
from .prose_dates import prose_date
from .schedule import Schedule
from .site_url import DEFAULT_SITE_URL, absolute, site_url  # noqa: F401  (re-exported)

CALENDAR_DIR = "calendar"                                   # under data/
UID_SUFFIX = "@lingchuan-plans"   # fixed, not the site's host: subscribers keep their events when the address changes




def feed_path(name: str) -> str:
    """Site-root-relative path of a feed: 'all' or a unit id."""
    return f"/data/{CALENDAR_DIR}/{name}.ics"


def webcal_url(name: str) -> str:
    """The subscription address calendar programs open directly (webcal:// + host + path)."""
    return "webcal://" + absolute(feed_path(name)).split("://", 1)[1]


@dataclass(frozen=True)
class Occurrence:
    """One event: an item's dated deadline, as its schedule gives it."""

    item: Item
    index: int           # the deadline's position in item.deadlines
    schedule: Schedule

    @property
    def deadline(self) -> Deadline:
        return self.schedule.deadline

    @property
    def uid(self) -> str:
        return f"{self.item.id}#{self.index}{UID_SUFFIX}"


def occurrences(item: Item) -> list[Occurrence]:
    """The item's events, in deadline order; ongoing deadlines have none."""
    return [Occurrence(item, n, s) for n, s in enumerate(item.schedules) if s.dated]


def description(occurrence: Occurrence) -> str:
    item, d, sched = occurrence.item, occurrence.deadline, occurrence.schedule
    issued = item.bundle.document.issued
    zh = [f"原文时限：{d.words}", sched.meaning["zh"]]
    en = [f"Deadline: {d.en}", sched.meaning["en"]]
    if sched.assumption:
        zh.append(f"本站理解：{sched.assumption['zh']}")
        en.append(f"Assumed: {sched.assumption['en']}")
    if sched.before_issue:
        zh.append(f"早于通知印发日期（{issued.isoformat()}）。")
        en.append(f"This date fell before the notice was issued ({prose_date(issued, 'en')}).")
    elif sched.started_before:
        zh.append(f"开始于通知印发日期（{issued.isoformat()}）之前。")
        en.append(f"This began before the notice was issued ({prose_date(issued, 'en')}).")
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
    start, end = occurrence.schedule.event
    ev.add("dtstart", start)
    ev.add("dtend", end)
    if occurrence.schedule.rrule:
        ev.add("rrule", occurrence.schedule.rrule)
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


def event_count(index: SiteIndex, unit_id: str) -> int:
    return sum(len(occurrences(item)) for item in feed_items(index, unit_id))


def has_feed(index: SiteIndex, unit_id: str) -> bool:
    """A unit has a calendar only if at least one of its deadlines has a date. RFC 5545 requires a calendar to hold
    at least one component, and a subscription that never shows anything only misleads: a unit whose duties are all
    ongoing ("长期坚持") has no feed, and its page says why (DESIGN.md, "Open data"). Pages, the data page,
    plan.json and the files all ask here."""
    return event_count(index, unit_id) > 0


def calendar_files(index: SiteIndex) -> dict[str, bytes]:
    """File name under data/ -> iCalendar bytes."""
    numbers = "、".join(b.document.number for b in index.corpus.documents)
    files = {f"{CALENDAR_DIR}/all.ics": calendar(f"{numbers}全部事项", "every item", index.items)}
    for unit_id, unit in index.units.items():
        if has_feed(index, unit_id):
            files[f"{CALENDAR_DIR}/{unit_id}.ics"] = calendar(unit.name.zh, unit.name.en, feed_items(index, unit_id))
    return files
