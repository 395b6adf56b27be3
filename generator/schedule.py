"""A deadline's schedule: the calendar facts every view reads, computed once per deadline by the index.

The parser (deadlines.py) turns the words into a form and its dates as written (`2022-08`, `2022-01-01`). Here each
form has one rule that reads those dates in the notice's context (issue date, plan year) and returns a Schedule:
the days it falls on, the months it is listed under and in which role (due, window, start, recurring), its
iCalendar event and recurrence rule, whether it fell or started before the notice, and what the site assumed.
Unit pages, month pages, the timeline, the feeds and the open data print these values and compute none of them.

A new deadline form is one parser entry (deadlines.PATTERNS) and one rule in RULES below.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable

from .deadlines import MONTHS_EN, Deadline

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Context:
    """What the words are read against: the notice's issue date and the plan's year."""

    issued: date
    year: int

    @property
    def listing_end(self) -> str:
        """The last month recurring and open-ended deadlines are listed under: the end of the issue year."""
        return f"{self.issued.year:04d}-12"


@dataclass(frozen=True)
class MonthRole:
    """One month a deadline is listed under, and how."""

    month: str                 # YYYY-MM
    role: str                  # due | window (a period covers the month) | start | recurring
    starts_here: bool = False  # a period's first month
    ends_here: bool = False    # a period's last month


@dataclass(frozen=True)
class Schedule:
    deadline: Deadline
    first: date | None                 # first day of a period or a start date
    last: date | None                  # due day, a period's last day, a yearly recurrence's first occurrence
    days: tuple[date, ...]             # the days it falls on: due day, start day, each occurrence
    months: tuple[MonthRole, ...]      # the months it is listed under, in order
    meaning: dict                      # {"zh", "en"}: this site's reading, with ISO dates
    assumption: dict                   # {"zh", "en"} where the words are less precise than the reading; else {}
    mark: str                          # how the timeline draws it: point | span | open | ring | ticks | none
    event: tuple[date, date] | None = None   # DTSTART and (exclusive) DTEND of its all-day event
    rrule: dict | None = None                # the event's recurrence (icalendar vRecur keys)
    before_issue: bool = False               # a due date that fell before the notice was issued
    started_before: bool = False             # a period or start date that began before the notice was issued
    reached: date | None = None              # the day it is reached, for "soonest first"; None: undated
    issued: date | None = None               # the issue date of the item's own notice, which it was read against

    @property
    def dated(self) -> bool:
        return self.event is not None

    def sort_key(self) -> tuple:
        """Soonest first by the day it is reached; monthly, quarterly and ongoing ones after every dated one."""
        return (0, self.reached.isoformat()) if self.reached else (1, self.deadline.kind)

    def role_in(self, month: str) -> MonthRole | None:
        return next((m for m in self.months if m.month == month), None)


# --- calendar arithmetic -----------------------------------------------------------------------------------------

def first_day(value: str) -> date:
    """'2022-08' -> 2022-08-01; '2022-01-05' -> itself."""
    return date(int(value[:4]), int(value[5:7]), int(value[8:10]) if len(value) > 7 else 1)


def last_day(value: str) -> date:
    """'2022-02' -> 2022-02-28; '2022-12-15' -> itself."""
    year, month = int(value[:4]), int(value[5:7])
    if len(value) > 7:
        return date(year, month, int(value[8:10]))
    return date(year, month, calendar.monthrange(year, month)[1])


def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_range(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last inclusive (compared as numbers: '10000-01' sorts before '9999-12' as text)."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _merge(*assumptions: dict) -> dict:
    present = [a for a in assumptions if a]
    if not present:
        return {}
    return {"zh": "".join(a["zh"] for a in present), "en": " ".join(a["en"] for a in present)}


def _month_list(months: list[str]) -> dict:
    """{'zh': '2022年6月、9月、12月', 'en': 'June, September and December 2022'}, years grouped."""
    by_year: dict[str, list[int]] = {}
    for month in months:
        by_year.setdefault(month[:4], []).append(int(month[5:7]))
    zh = "、".join(f"{year}年" + "、".join(f"{n}月" for n in numbers) for year, numbers in by_year.items())
    en = []
    for year, numbers in by_year.items():
        names = [MONTHS_EN[n] for n in numbers]
        en.append((names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]) + f" {year}")
    return {"zh": zh, "en": "; ".join(en)}


# --- one rule per form -----------------------------------------------------------------------------------------------

def _due(d: Deadline, ctx: Context) -> Schedule:
    day = last_day(d.end)
    return Schedule(d, None, day, (day,), (MonthRole(month_of(day), "due"),),
                    {"zh": f"截止：{day.isoformat()}", "en": f"Due: {day.isoformat()}"}, d.assumption, "point",
                    event=(day, day + ONE_DAY), before_issue=day < ctx.issued, reached=day)


def _period(d: Deadline, ctx: Context) -> Schedule:
    first, last = first_day(d.start), last_day(d.end)
    months = month_range(d.start[:7], d.end[:7])
    roles = tuple(MonthRole(m, "window", starts_here=m == months[0], ends_here=m == months[-1]) for m in months)
    return Schedule(d, first, last, (first, last), roles,
                    {"zh": f"期间：{d.start} 至 {d.end}", "en": f"Period: {d.start} to {d.end}"}, d.assumption, "span",
                    event=(first, last + ONE_DAY), started_before=first < ctx.issued, reached=last)


def _from(d: Deadline, ctx: Context) -> Schedule:
    """A start date with no end: it starts in its month and is in force, a period covering each month after it,
    to the end of the issue year (as far as the site lists recurrences)."""
    first = first_day(d.start)
    start_month = d.start[:7]
    following = month_range(start_month, ctx.listing_end)[1:]
    roles = (MonthRole(start_month, "start"), *(MonthRole(m, "window") for m in following))
    listed = {}
    if following:
        listed = {"zh": f"原文未写结束日期；本站把它列在开始当月及其后至{ctx.listing_end[:4]}年底的每个月（期间覆盖本月）。",
                  "en": f"No end is given; listed in its first month and as a period covering every month after it "
                        f"to the end of {ctx.listing_end[:4]}."}
    return Schedule(d, first, None, (first,), roles,
                    {"zh": f"起始：{d.start}", "en": f"Starts: {d.start}"}, _merge(d.assumption, listed), "open",
                    event=(first, first + ONE_DAY), started_before=first < ctx.issued, reached=first)


def _yearly(d: Deadline, ctx: Context) -> Schedule:
    """Every year at the end of a month: listed under its first occurrence on or after the issue date."""
    month = int(d.start[5:7])
    day = last_day(f"{ctx.issued.year:04d}-{month:02d}")
    if day < ctx.issued:
        day = last_day(f"{ctx.issued.year + 1:04d}-{month:02d}")
    listed = {"zh": f"每年重复；本站列在{day.year}年{month}月（通知印发后的第一次）。",
              "en": f"Recurs every year; listed here under {MONTHS_EN[month]} {day.year}, the first time after "
                    f"the notice was issued."}
    return Schedule(d, None, day, (day,), (MonthRole(month_of(day), "recurring"),),
                    {"zh": f"每年{month}月", "en": f"Every year in {MONTHS_EN[month]}"}, _merge(d.assumption, listed),
                    "ring", event=(day, day + ONE_DAY), rrule={"freq": "yearly"}, reached=day)


def _every_months(step: int, meaning: dict, listed_as: dict) -> Callable[[Deadline, Context], Schedule]:
    """A recurrence on the last day of every `step`-th calendar month (months that `step` divides: every month,
    March/June/September/December for 3), listed from the notice's issue month to the end of its year."""
    def rule(d: Deadline, ctx: Context) -> Schedule:
        months = [m for m in month_range(month_of(ctx.issued), ctx.listing_end) if int(m[5:7]) % step == 0]
        days = tuple(last_day(m) for m in months)
        if not days:
            return Schedule(d, None, None, (), (), meaning, d.assumption, "none")
        named = _month_list(months)
        listed = {"zh": listed_as["zh"].format(months=named["zh"]), "en": listed_as["en"].format(months=named["en"])}
        rrule = {"freq": "monthly", **({"interval": step} if step > 1 else {}), "bymonthday": -1,
                 "until": date(ctx.issued.year, 12, 31)}
        return Schedule(d, None, None, days, tuple(MonthRole(m, "recurring") for m in months), meaning,
                        _merge(d.assumption, listed), "ticks", event=(days[0], days[0] + ONE_DAY), rrule=rrule)
    return rule


def _ongoing(d: Deadline, ctx: Context) -> Schedule:
    return Schedule(d, None, None, (), (), {"zh": "长期，无截止日期", "en": "Ongoing, no end date"}, d.assumption, "none")


RULES: dict[str, Callable[[Deadline, Context], Schedule]] = {
    "due": _due,
    "window": _period,
    "season": _period,
    "from": _from,
    "yearly": _yearly,
    "monthly": _every_months(1, {"zh": "每月", "en": "Every month"},
                             {"zh": "本站列在通知印发当月起的每个月（{months}），按每月最后一天计。",
                              "en": "Listed in every month from the notice's issue month ({months}), on each "
                                    "month's last day."}),
    "quarterly": _every_months(3, {"zh": "每季度", "en": "Every quarter"},
                               {"zh": "本站列在通知印发后各季度的最后一个月（{months}），按该月最后一天计。",
                                "en": "Listed in the last month of each calendar quarter after the notice was "
                                      "issued ({months}), on that month's last day."}),
    "ongoing": _ongoing,
}


def schedule(deadline: Deadline, ctx: Context) -> Schedule:
    return replace(RULES[deadline.form](deadline, ctx), issued=ctx.issued)
