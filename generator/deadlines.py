"""Deadline wording -> a normalised deadline that keeps the original words and says what was assumed.

The text states deadlines in a dozen forms (see DESIGN.md). Each pattern below turns one form into a kind
(due, window, from, recurring, ongoing, season) with start/end as YYYY-MM or YYYY-MM-DD, as written. Where the
words carry less precision than a calendar date, `assumption` says in both languages what the site assumed.
What the dates mean on a calendar (days, months listed, recurrences) is the schedule's job (schedule.py): a new
form is one entry in PATTERNS here and one rule in schedule.RULES.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

MONTHS_EN = [None, "January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]


class DeadlineError(ValueError):
    """The words are not a deadline form the parser knows (code deadline-form), or name an impossible date
    (invalid-date)."""

    def __init__(self, message: str, code: str = "invalid-date"):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Deadline:
    words: str                     # the original Chinese words, exactly as printed (without spaces)
    kind: str                      # due | window | from | recurring | ongoing | season
    en: str                        # English rendering of the words
    start: str | None = None       # YYYY-MM or YYYY-MM-DD
    end: str | None = None
    frequency: str | None = None   # monthly | quarterly | yearly, for recurring
    assumption: dict = field(default_factory=dict)  # {"zh": ..., "en": ...} where precision was assumed

    @property
    def form(self) -> str:
        """The key of the schedule rule that reads this deadline (schedule.RULES): the frequency of a recurrence,
        else the kind."""
        return self.frequency or self.kind


def _month(year: int, month: int) -> str:
    if year < 1:  # "0000年" matches the patterns, but no calendar day (last_day) exists in year 0
        raise DeadlineError(f"year {year} does not exist")
    if not 1 <= month <= 12:
        raise DeadlineError(f"month {month} does not exist")
    return f"{year:04d}-{month:02d}"


def _day(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError as error:
        raise DeadlineError(f"impossible date {year}-{month}-{day}: {error}") from None


def _year_assumed(year: str | None, context_year: int) -> tuple[int, dict]:
    if year:
        return int(year), {}
    return context_year, {"zh": f"原文未写年份，按本计划年份{context_year}年理解。",
                          "en": f"The words give no year; the plan's year, {context_year}, is assumed."}


def _merge(*assumptions: dict) -> dict:
    present = [a for a in assumptions if a]
    if not present:
        return {}
    return {"zh": "".join(a["zh"] for a in present), "en": " ".join(a["en"] for a in present)}


END_OF_MONTH = {"zh": "“月底”按该月最后一天计。", "en": "“End of the month” is taken as the month's last day."}
YEAR = r"(?:(?P<year>\d{4})年)?"


def _due_month(m: re.Match, words: str, context_year: int) -> Deadline:
    year, assumed = _year_assumed(m["year"], context_year)
    month = int(m["month"])
    end = _month(year, month)
    prefix = "By the end of" if m["before"] else "End of"
    return Deadline(words, "due", f"{prefix} {MONTHS_EN[month]} {year}", end=end,
                    assumption=_merge(assumed, END_OF_MONTH))


def _due_year_end(m: re.Match, words: str, context_year: int) -> Deadline:
    year = int(m["year"])
    return Deadline(words, "due", f"By the end of {year}", end=_month(year, 12),
                    assumption={"zh": "“年底”按12月31日计。", "en": "“The end of the year” is taken as December 31."})


def _due_day(m: re.Match, words: str, context_year: int) -> Deadline:
    year, assumed = _year_assumed(m["year"], context_year)
    month, day = int(m["month"]), int(m["day"])
    end = _day(year, month, day)
    return Deadline(words, "due", f"Before {MONTHS_EN[month]} {day}, {year}", end=end, assumption=assumed)


def _window(m: re.Match, words: str, context_year: int) -> Deadline:
    year, assumed = _year_assumed(m["year"], context_year)
    first, last = int(m["first"]), int(m["last"])
    start, end = _month(year, first), _month(year, last)
    if start > end:
        raise DeadlineError(f"window runs backwards ({first} to {last})")
    return Deadline(words, "window", f"{MONTHS_EN[first]}–{MONTHS_EN[last]} {year}", start=start, end=end,
                    assumption=assumed)


def _from_month(m: re.Match, words: str, context_year: int) -> Deadline:
    year, assumed = _year_assumed(m["year"], context_year)
    month = int(m["month"])
    return Deadline(words, "from", f"From {MONTHS_EN[month]} {year}", start=_month(year, month), assumption=assumed)


def _from_day(m: re.Match, words: str, context_year: int) -> Deadline:
    year, month, day = int(m["year"]), int(m["month"]), int(m["day"])
    return Deadline(words, "from", f"From {MONTHS_EN[month]} {day}, {year}", start=_day(year, month, day))


def _yearly(m: re.Match, words: str, context_year: int) -> Deadline:
    month = int(m["month"])
    return Deadline(words, "recurring", f"End of {MONTHS_EN[month]} every year", start=_month(context_year, month),
                    frequency="yearly", assumption=END_OF_MONTH)


NO_SPAN = {"zh": "原文未写起止和具体日期。", "en": "No start, end or day is given."}


def _monthly(m: re.Match, words: str, context_year: int) -> Deadline:
    return Deadline(words, "recurring", "Once a month", frequency="monthly", assumption=NO_SPAN)


def _quarterly(m: re.Match, words: str, context_year: int) -> Deadline:
    return Deadline(words, "recurring", "Every quarter", frequency="quarterly", assumption=NO_SPAN)


def _ongoing(m: re.Match, words: str, context_year: int) -> Deadline:
    return Deadline(words, "ongoing", "Ongoing")


def _season(m: re.Match, words: str, context_year: int) -> Deadline:
    return Deadline(words, "season", "Autumn and winter", start=_month(context_year, 10),
                    end=_month(context_year + 1, 3),
                    assumption={"zh": f"原文未写月份；按秋冬季大气污染防治攻坚期理解为{context_year}年10月至"
                                      f"{context_year + 1}年3月。",
                                "en": f"No months are given; taken as the autumn-winter air-pollution campaign "
                                      f"period, October {context_year} to March {context_year + 1}."})


def _heating(m: re.Match, words: str, context_year: int) -> Deadline:
    year = int(m["year"])
    return Deadline(words, "due", f"Before the {year} heating season", end=_month(year, 10),
                    assumption={"zh": f"原文未写日期；按供暖季于{year}年11月开始理解，即10月底前。",
                                "en": f"No date is given; the heating season is assumed to start in November "
                                      f"{year}, so the deadline is taken as the end of October."})


RANGE_DASH = r"[-—–~至]"
PATTERNS = [
    (re.compile(r"长期坚持"), _ongoing),
    (re.compile(r"每月一次"), _monthly),
    (re.compile(r"每季度"), _quarterly),
    (re.compile(r"秋冬季"), _season),
    (re.compile(r"(?P<year>\d{4})年供暖季前"), _heating),
    (re.compile(r"每年(?P<month>\d{1,2})月底"), _yearly),
    (re.compile(r"(?P<year>\d{4})年底前?"), _due_year_end),
    (re.compile(YEAR + r"(?P<month>\d{1,2})月底(?P<before>前)?"), _due_month),
    (re.compile(YEAR + r"(?P<month>\d{1,2})月(?P<day>\d{1,2})日前"), _due_day),
    (re.compile(YEAR + rf"(?P<first>\d{{1,2}})月?{RANGE_DASH}(?P<last>\d{{1,2}})月份?"), _window),
    (re.compile(r"自(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日起"), _from_day),
    (re.compile(YEAR + r"(?P<month>\d{1,2})月份?起"), _from_month),
]


def parse_deadline(words: str, context_year: int) -> Deadline:
    """Parse the whole of `words`; raise DeadlineError naming the problem when it is not a known form."""
    for pattern, build in PATTERNS:
        match = pattern.fullmatch(words)
        if match:
            return build(match, words, context_year)
    raise DeadlineError(f"unknown deadline form '{words}'", "deadline-form")
