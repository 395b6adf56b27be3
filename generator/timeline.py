"""The deadline overview, drawn at build time: a timeline as inline SVG (no client-side charting), the same
facts as a table, and the unit x plan responsibility matrix.

The SVG is plain markup written here: one row per item with a dated deadline, months across, a diamond on a due
day (hollow when it fell before the notice was issued), a bar across a window or season, an open bar from a start
date, ticks for a monthly or quarterly recurrence and a ringed diamond for a yearly one; a dashed line marks the
issue date.
It carries role="img" with <title> and <desc>; the table beside it says the same in words.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from .deadlines import Deadline
from .index import Item, SiteIndex
from .schedule import Schedule, month_range

PLAN_COLOURS = ["#1565c0", "#00796b", "#8d4f2b", "#6a1b9a", "#c62828"]   # by plan order; AA on white
ROW = 18              # px per row
LABEL_WIDTH = 150     # px for row labels
WIDTH = 900
AXIS_TOP = 46         # space above the first row for the year and month labels
SEGMENT_GAP = 28      # px between axis segments separated by a long gap
LONG_GAP = 6          # months without anything that split the axis into segments


@dataclass
class Mark:
    """One dated deadline on the timeline: the days of its schedule, drawn as the schedule's mark says."""

    item: Item
    index: int
    schedule: Schedule

    @property
    def deadline(self) -> Deadline:
        return self.schedule.deadline

    @property
    def shape(self) -> str:
        return self.schedule.mark    # point | span | open | ring | ticks

    @property
    def first(self) -> date:
        """First day drawn."""
        return self.schedule.first or self.schedule.days[0]

    @property
    def last(self) -> date:
        """Last day drawn: a span's end; a start date's own day; a recurrence's last occurrence listed."""
        return self.schedule.last if self.shape == "span" else self.schedule.days[-1]

    @property
    def ticks(self) -> tuple[date, ...]:
        return self.schedule.days if self.shape == "ticks" else ()


@dataclass
class Row:
    item: Item
    marks: list[Mark]

    @property
    def first(self) -> date:
        return min(m.first for m in self.marks)


def _marks(item: Item) -> list[Mark]:
    return [Mark(item, n, s) for n, s in enumerate(item.schedules) if s.dated]


def timeline_rows(index: SiteIndex) -> list[Row]:
    """Items with at least one dated deadline, earliest first (document order breaks ties)."""
    rows = [Row(item, marks) for item in index.items if (marks := _marks(item))]
    return sorted(rows, key=lambda r: r.first)


def dated_marks(rows: list[Row]) -> list[Mark]:
    """Every mark, in the order of the table alternative: by first day, then item order."""
    return sorted((m for r in rows for m in r.marks), key=lambda m: (m.first, m.last))


def undated_items(index: SiteIndex) -> list[Item]:
    """Items with no dated deadline (ongoing only, or none stated)."""
    return [item for item in index.items if not _marks(item)]


# --- the axis --------------------------------------------------------------------------------------------------

def _segments(months: list[str]) -> list[list[str]]:
    """Runs of months to draw; a gap of more than LONG_GAP empty months starts a new run."""
    segments: list[list[str]] = []
    for month in sorted(set(months)):
        if segments:
            last = segments[-1][-1]
            span = month_range(last, month)
            if len(span) - 2 <= LONG_GAP:
                segments[-1].extend(span[1:])
                continue
        segments.append([month])
    return segments


class Axis:
    def __init__(self, months: list[str]):
        self.segments = _segments(months)
        count = sum(len(s) for s in self.segments)
        usable = WIDTH - LABEL_WIDTH - 10 - SEGMENT_GAP * (len(self.segments) - 1)
        self.month_width = usable / count
        self.starts: dict[str, float] = {}
        x = LABEL_WIDTH
        self.segment_bounds = []
        for segment in self.segments:
            left = x
            for month in segment:
                self.starts[month] = x
                x += self.month_width
            self.segment_bounds.append((left, x))
            x += SEGMENT_GAP

    def x(self, day: date, end_of_day: bool = False) -> float:
        month = f"{day:%Y-%m}"
        days = calendar.monthrange(day.year, day.month)[1]
        fraction = (day.day - (0 if end_of_day else 1)) / days
        return self.starts[month] + fraction * self.month_width

    def segment_end(self, day: date) -> float:
        x = self.x(day)
        return next(right for left, right in self.segment_bounds if left <= x <= right)


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


MONTH_SHORT_EN = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _month_label(month: str, lang: str) -> str:
    number = int(month[5:7])
    return f"{number}月" if lang == "zh" else MONTH_SHORT_EN[number]


def _year_label(month: str, lang: str) -> str:
    return f"{month[:4]}年" if lang == "zh" else month[:4]


# --- the drawing -----------------------------------------------------------------------------------------------

def timeline_svg(index: SiteIndex, lang: str, text: dict[str, str], plan_names: dict[str, str]) -> str:
    """The SVG markup (one line per element, no blank lines, so Markdown passes it through untouched).

    `text` holds the interface words: title, desc, issued, legend_* keys; `plan_names` maps plan id -> short name."""
    rows = timeline_rows(index)
    if not rows:
        return ""
    issued = index.first_issued
    months = [f"{issued:%Y-%m}"]
    for row in rows:
        for mark in row.marks:
            months += [f"{d:%Y-%m}" for d in (mark.first, mark.last, *mark.ticks)]
    axis = Axis(months)
    plan_ids = list(dict.fromkeys(p.plan.id for b in index.corpus.documents for p in b.plans))
    colour = {plan_id: PLAN_COLOURS[n % len(PLAN_COLOURS)] for n, plan_id in enumerate(plan_ids)}
    body_top = AXIS_TOP
    body_bottom = body_top + ROW * len(rows)
    legend_top = body_bottom + 16
    height = legend_top + 44
    out = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="timeline-title timeline-desc" font-size="11" '
        f'font-family="system-ui, -apple-system, \'Segoe UI\', \'Noto Sans CJK SC\', \'PingFang SC\', sans-serif">',
        f'<title id="timeline-title">{escape(text["title"])}</title>',
        f'<desc id="timeline-desc">{escape(text["desc"])}</desc>',
    ]
    # Month grid, month and year labels, segment breaks.
    for n, segment in enumerate(axis.segments):
        left, right = axis.segment_bounds[n]
        for month in segment:
            x = axis.starts[month]
            out.append(f'<line x1="{_fmt(x)}" y1="{AXIS_TOP - 14}" x2="{_fmt(x)}" y2="{body_bottom}" '
                       f'stroke="currentColor" stroke-opacity=".15"/>')
            out.append(f'<text x="{_fmt(x + axis.month_width / 2)}" y="{AXIS_TOP - 4}" text-anchor="middle" '
                       f'fill="currentColor">{escape(_month_label(month, lang))}</text>')
            if month == segment[0] or month.endswith("-01"):
                out.append(f'<text x="{_fmt(x + 2)}" y="{AXIS_TOP - 22}" font-weight="bold" '
                           f'fill="currentColor">{escape(_year_label(month, lang))}</text>')
        out.append(f'<line x1="{_fmt(right)}" y1="{AXIS_TOP - 14}" x2="{_fmt(right)}" y2="{body_bottom}" '
                   f'stroke="currentColor" stroke-opacity=".15"/>')
        if n:  # a break in the axis: "//" at its top and bottom
            gap = left - SEGMENT_GAP / 2
            for y in (AXIS_TOP - 8, body_bottom):
                for dx in (-3, 3):
                    out.append(f'<line x1="{_fmt(gap + dx - 3)}" y1="{y + 6}" x2="{_fmt(gap + dx + 3)}" '
                               f'y2="{y - 6}" stroke="currentColor" stroke-width="1.5"/>')
    # Rows.
    for r, row in enumerate(rows):
        y = body_top + r * ROW
        mid = y + ROW / 2
        item = row.item
        if r % 2 == 0:
            out.append(f'<rect x="0" y="{y}" width="{WIDTH}" height="{ROW}" fill="currentColor" '
                       f'fill-opacity=".04"/>')
        label = f"{plan_names.get(item.plan.id, item.plan.id)} · {item.label(lang)}"
        out.append(f'<text x="{LABEL_WIDTH - 8}" y="{_fmt(mid + 4)}" text-anchor="end" '
                   f'fill="currentColor">{escape(label)}</text>')
        c = colour[item.plan.id]
        for mark in row.marks:
            tip = escape(f"{item.title(lang)} — {mark.deadline.words}"
                         + (f" ({mark.deadline.en})" if lang == "en" else "")
                         + f" — {mark.schedule.meaning[lang]}")
            out.append(f"<g><title>{tip}</title>{_shape(mark, axis, mid, c)}</g>")
    # The issue date.
    x = axis.x(issued)
    out.append(f'<line x1="{_fmt(x)}" y1="{AXIS_TOP - 14}" x2="{_fmt(x)}" y2="{body_bottom}" stroke="#c62828" '
               f'stroke-width="1.5" stroke-dasharray="4 3"/>')
    out.append(f'<text x="{_fmt(x + 3)}" y="{body_bottom + 12}" fill="#c62828">{escape(text["issued"])}</text>')
    # Legend.
    lx, ly = LABEL_WIDTH, legend_top + 14
    for plan_id in plan_ids:
        out.append(f'<rect x="{lx}" y="{ly - 9}" width="10" height="10" fill="{colour[plan_id]}"/>')
        name = escape(plan_names.get(plan_id, plan_id))
        out.append(f'<text x="{lx + 14}" y="{ly}" fill="currentColor">{name}</text>')
        lx += 70
    lx += 10
    legend = [("due", text["legend_due"]), ("before", text["legend_before"]), ("bar", text["legend_bar"]),
              ("open", text["legend_open"]), ("monthly", text["legend_monthly"]), ("yearly", text["legend_yearly"])]
    ly2 = ly + 18
    lx2 = LABEL_WIDTH
    for n, (shape, words) in enumerate(legend):
        x0, y0 = (lx, ly) if n < 2 else (lx2, ly2)
        out.append(_legend_shape(shape, x0 + 5, y0 - 4))
        out.append(f'<text x="{x0 + 14}" y="{y0}" fill="currentColor">{escape(words)}</text>')
        width = 14 + 12 * len(words) if lang == "zh" else 14 + 6.2 * len(words)
        if n < 2:
            lx += width + 16
        else:
            lx2 += width + 16
    out.append("</svg>")
    return "\n".join(out)


def _diamond(x: float, y: float, colour: str, hollow: bool, size: float = 5) -> str:
    corners = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)]
    points = " ".join(f"{_fmt(cx)},{_fmt(cy)}" for cx, cy in corners)
    if hollow:
        return f'<polygon points="{points}" fill="none" stroke="{colour}" stroke-width="1.5"/>'
    return f'<polygon points="{points}" fill="{colour}"/>'


def _shape(mark: Mark, axis: Axis, y: float, colour: str) -> str:
    if mark.shape == "point":
        return _diamond(axis.x(mark.last, end_of_day=True), y, colour, mark.schedule.before_issue)
    if mark.shape == "span":
        x1, x2 = axis.x(mark.first), axis.x(mark.last, end_of_day=True)
        return (f'<rect x="{_fmt(x1)}" y="{_fmt(y - 4)}" width="{_fmt(x2 - x1)}" height="8" rx="2" '
                f'fill="{colour}" fill-opacity=".75"/>')
    if mark.shape == "open":
        x1 = axis.x(mark.first)
        x2 = axis.segment_end(mark.first)
        return (f'<rect x="{_fmt(x1)}" y="{_fmt(y - 4)}" width="{_fmt(x2 - x1 - 6)}" height="8" fill="{colour}" '
                f'fill-opacity=".3"/><polygon points="{_fmt(x2 - 6)},{_fmt(y - 6)} {_fmt(x2)},{_fmt(y)} '
                f'{_fmt(x2 - 6)},{_fmt(y + 6)}" fill="{colour}"/><line x1="{_fmt(x1)}" y1="{_fmt(y - 6)}" '
                f'x2="{_fmt(x1)}" y2="{_fmt(y + 6)}" stroke="{colour}" stroke-width="2"/>')
    if mark.shape == "ticks":
        return "".join(f'<circle cx="{_fmt(axis.x(day, end_of_day=True))}" cy="{_fmt(y)}" r="3" fill="{colour}"/>'
                       for day in mark.ticks)
    # ring: a yearly recurrence
    x = axis.x(mark.last, end_of_day=True)
    return (_diamond(x, y, colour, False) +
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="7.5" fill="none" stroke="{colour}" stroke-width="1"/>')


def _legend_shape(shape: str, x: float, y: float) -> str:
    grey = "#546e7a"
    if shape == "due":
        return _diamond(x, y, grey, False)
    if shape == "before":
        return _diamond(x, y, grey, True)
    if shape == "bar":
        return f'<rect x="{_fmt(x - 6)}" y="{_fmt(y - 4)}" width="12" height="8" rx="2" fill="{grey}"/>'
    if shape == "open":
        return (f'<rect x="{_fmt(x - 6)}" y="{_fmt(y - 4)}" width="8" height="8" fill="{grey}" fill-opacity=".3"/>'
                f'<polygon points="{_fmt(x + 2)},{_fmt(y - 6)} {_fmt(x + 8)},{_fmt(y)} {_fmt(x + 2)},{_fmt(y + 6)}" '
                f'fill="{grey}"/>')
    if shape == "monthly":
        return (f'<circle cx="{_fmt(x - 3)}" cy="{_fmt(y)}" r="3" fill="{grey}"/>'
                f'<circle cx="{_fmt(x + 5)}" cy="{_fmt(y)}" r="3" fill="{grey}"/>')
    return (_diamond(x, y, grey, False) +
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="7.5" fill="none" stroke="{grey}" stroke-width="1"/>')


# --- the responsibility matrix ------------------------------------------------------------------------------------

@dataclass
class Cell:
    total: int
    via_group: int
    led: int
    anchor: str

    @property
    def direct(self) -> int:
        return self.total - self.via_group


def matrix(index: SiteIndex) -> tuple[list, list]:
    """([(document, plan)], [(unit, [Cell per plan], Cell for all)]): counts of what each unit's page lists."""
    plans = [(b, p.plan) for b in index.corpus.documents for p in b.plans]
    rows = []
    for unit in index.corpus.units:
        assignments = index.assignments[unit.id]
        cells = []
        for bundle, plan in plans:
            mine = [a for a in assignments if a.item.plan is plan and a.item.bundle is bundle]
            cells.append(tally(mine, plan_anchor(bundle.document.id, plan.id)))
        rows.append((unit, cells, tally(assignments, "summary")))
    return plans, rows


def tally(assignments, anchor: str = "") -> Cell:
    """Counts over a unit's assignments: items (each once), those it has only through a group, those led."""
    items = {a.item.id: a for a in assignments if not a.via_group}
    via = {a.item.id for a in assignments if a.via_group and a.item.id not in items}
    led = {a.item.id for a in assignments if a.item.leads}
    return Cell(len(items) + len(via), len(via), len(led), anchor)


def plan_anchor(document_id: str, plan_id: str) -> str:
    """The id of a plan's section on a unit page."""
    return f"plan-{document_id}-{plan_id}"
