"""How a date reads in a sentence: “June 14, 2022” on English pages (data/STYLE.md, dates in prose); Chinese pages keep
the ISO form they have always shown. Data (CSV, JSON, iCalendar properties) keeps ISO dates; this is for prose only."""
from __future__ import annotations

from datetime import date

from .deadlines import MONTHS_EN


def prose_date(day: date, lang: str) -> str:
    return day.isoformat() if lang == "zh" else f"{MONTHS_EN[day.month]} {day.day}, {day.year}"


def prose_month(month: str, lang: str) -> str:
    """A 'YYYY-MM' month: 'August 2022' in English."""
    if lang == "zh" or not month:
        return month
    return f"{MONTHS_EN[int(month[5:7])]} {month[:4]}"
