"""iCalendar feeds: one for every unit and one for everything (data/calendar/<unit-id>.ics, data/calendar/all.ics),
and the same feeds with a reminder (VALARM) a week ahead of each event (data/calendar/reminders/<name>.ics): a
reminder is a reader's choice, so it is a second feed to subscribe to rather than forced on every subscriber.
SUMMARY is the item's short title; DESCRIPTION its full text in both languages, the deadline's words and this
site's reading of them, and the item's absolute links.

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
from datetime import datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event, vText

from .deadlines import Deadline
from .index import Item, SiteIndex
from .prose_dates import prose_date
from .schedule import Schedule
from .site_url import DEFAULT_SITE_URL, absolute, site_url  # noqa: F401  (re-exported)

CALENDAR_DIR = "calendar"                                   # under data/
UID_SUFFIX = "@lingchuan-plans"   # fixed, not the site's host: subscribers keep their events when the address changes
REMINDERS_DIR = "reminders"                                 # under data/calendar/: the same feeds with alarms
REMINDER_DAYS = 7                                           # the alarm goes off this many days ahead, at 09:00
# All-day events start (and end) at midnight, local time: 9:00 seven days before a start is 6 days 15 hours before
# it; a period's alarm is taken from its DTEND (the day after its last day), so it needs one day more.
REMINDER_BEFORE_START = -timedelta(days=REMINDER_DAYS - 1, hours=15)
REMINDER_BEFORE_END = -timedelta(days=REMINDER_DAYS, hours=15)


def feed_path(name: str, reminders: bool = False) -> str:
    """Site-root-relative path of a feed: 'all' or a unit id; `reminders`: its variant with an alarm per event."""
    return f"/data/{CALENDAR_DIR}/{REMINDERS_DIR + '/' if reminders else ''}{name}.ics"


def webcal_url(name: str, reminders: bool = False) -> str:
    """The subscription address calendar programs open directly (webcal:// + host + path)."""
    return "webcal://" + absolute(feed_path(name, reminders)).split("://", 1)[1]


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
        item.title("zh"), item.plan.title.zh, absolute(item.url("zh")), "", "原文：", item.text.zh, "", *zh, "",
        item.title("en"), item.plan.title.en, absolute(item.url("en")), "", "Text (translation):", item.text.en, "",
        *en,
    ])


def alarm(occurrence: Occurrence) -> Alarm:
    """A display alarm REMINDER_DAYS ahead of the day the deadline is reached (a period's last day)."""
    item, sched = occurrence.item, occurrence.schedule
    al = Alarm()
    al.add("action", "DISPLAY")
    if sched.mark == "span":
        al.add("trigger", REMINDER_BEFORE_END, parameters={"RELATED": "END"})
    else:
        al.add("trigger", REMINDER_BEFORE_START)
    al.add("description", f"{REMINDER_DAYS}天后：{item.title('zh')}（{occurrence.deadline.words}）")
    return al


def event(occurrence: Occurrence, reminders: bool = False) -> Event:
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
    if reminders:
        ev.add_component(alarm(occurrence))
    return ev


def calendar(name_zh: str, name_en: str, items: list[Item], reminders: bool = False) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Lingchuan plan site//generator//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    # X- properties have no registered type, so icalendar would print them raw: as TEXT they are escaped
    # (RFC 5545 3.3.11: backslash, comma, semicolon, line breaks) like SUMMARY and DESCRIPTION
    cal.add("x-wr-calname", vText(f"{name_zh}：时限" + ("（提前提醒）" if reminders else "")))
    cal.add("x-wr-caldesc", vText(f"{name_zh} · {name_en}: deadlines / 时限 ({site_url()})"
                                  + (f"; a reminder {REMINDER_DAYS} days ahead / 提前{REMINDER_DAYS}天提醒"
                                     if reminders else "")))
    for item in items:
        for occurrence in occurrences(item):
            cal.add_component(event(occurrence, reminders))
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
    feeds = {"all": (f"{numbers}全部事项", "every item", index.items)}
    for unit_id, unit in index.units.items():
        if has_feed(index, unit_id):   # no empty calendar, with or without reminders
            feeds[unit_id] = (unit.name.zh, unit.name.en, feed_items(index, unit_id))
    files = {}
    for reminders in (False, True):
        for name, (name_zh, name_en, items) in feeds.items():
            files[feed_path(name, reminders).removeprefix("/data/")] = calendar(name_zh, name_en, items, reminders)
    return files
