"""Index the validated corpus: every item with its id, URLs and page path, and the views over them
(by unit, by deadline month, back-links) and each deadline's schedule (schedule.py), computed once here. Everything is gathered here before anything is rendered."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from . import models
from .deadlines import Deadline, parse_deadline
from .schedule import Context, MonthRole, Schedule, schedule
from .validate import Corpus, DocumentBundle, resolve_units, task_number

LANGUAGES = ("zh", "en")
LEDGER_LEAD = "牵头单位"  # the air ledger's column: units it names lead the row


def url(path: str, lang: str) -> str:
    """Site-root-relative URL of a page path such as '2022-22/air/15' ('' is the home page)."""
    prefix = "/en/" if lang == "en" else "/"
    return prefix + (path + "/" if path else "")


def short(text: str, width: int) -> str:
    """The first sentence of an official passage, clipped with an ellipsis: a label, never a rewording."""
    for stop in "。；;":
        text = text.split(stop)[0]
    text = text.rstrip(".")  # an English first sentence keeps no period, like the Chinese one
    if len(text) <= width:
        return text
    clipped = text[:width]
    if " " in clipped:  # English: end on a whole word
        clipped = clipped.rsplit(" ", 1)[0]
    return clipped.rstrip(" ,") + "…"


@dataclass
class Item:
    """A task or a ledger row: the unit of citation, with a page of its own."""

    kind: str                   # "task" | "ledger"
    bundle: DocumentBundle
    plan: models.Plan
    number: int
    category: models.Text
    text: models.Text
    heading: models.Text        # the task's own title; for a ledger row, its first sentence
    responsible: str            # the unit list exactly as printed
    responsible_column: models.Text
    units: list[str]
    deadlines: list[Deadline]
    editor_notes: list[models.Note]
    implements: list[str] = field(default_factory=list)      # ledger row -> task ids
    implemented_by: list[str] = field(default_factory=list)  # task -> ledger row ids
    task_title: models.Text | None = None  # tasks only: the lead sentence printed before the text
    schedules: list[Schedule] = field(default_factory=list)  # one per deadline, same order (build_index)

    @property
    def path(self) -> str:
        middle = "ledger/" if self.kind == "ledger" else ""
        return f"{self.bundle.document.id}/{self.plan.id}/{middle}{self.number}"

    @property
    def id(self) -> str:
        return self.path

    def label(self, lang: str) -> str:
        """'任务 15' / 'Task 15', '台账第 16 项' / 'Ledger row 16'."""
        if lang == "zh":
            return f"任务{self.number}" if self.kind == "task" else f"台账第{self.number}项"
        return f"Task {self.number}" if self.kind == "task" else f"Ledger row {self.number}"

    def title(self, lang: str) -> str:
        return f"{self.label(lang)}{'：' if lang == 'zh' else ': '}{getattr(self.heading, lang)}"

    @property
    def leads(self) -> bool:
        """True when the document marks the named units as leading this item (the air ledger's 牵头单位)."""
        return self.responsible_column.zh == LEDGER_LEAD

    def url(self, lang: str) -> str:
        return url(self.path, lang)

    @property
    def dated(self) -> list[Schedule]:
        """The schedules that have a day on the calendar (not ongoing ones)."""
        return [s for s in self.schedules if s.dated]


@dataclass
class Assignment:
    """An item on a unit's page: directly named, or assigned to a group the unit belongs to."""

    item: Item
    via_group: str | None = None


@dataclass
class MonthEntry:
    item: Item
    schedule: Schedule
    role: MonthRole

    @property
    def deadline(self) -> Deadline:
        return self.schedule.deadline


@dataclass
class SiteIndex:
    corpus: Corpus
    items: list[Item]
    items_by_id: dict[str, Item]
    units: dict[str, models.Unit]
    groups_of: dict[str, list[str]]             # unit id -> ids of groups it is a member of
    assignments: dict[str, list[Assignment]]    # unit id -> items, soonest first
    months: dict[str, list[MonthEntry]]         # YYYY-MM -> entries

    @property
    def first_issued(self) -> date:
        """The issue date of the earliest notice: where the site's lists and timeline of deadlines start. What is
        said of one item (a date before its notice) uses its own notice's date (Schedule.issued)."""
        return min(bundle.document.issued for bundle in self.corpus.documents)

    def plan_items(self, bundle: DocumentBundle, plan: models.Plan, kind: str) -> list[Item]:
        return [i for i in self.items if i.bundle is bundle and i.plan is plan and i.kind == kind]


def _tasks(bundle: DocumentBundle, plan: models.Plan, corpus: Corpus) -> list[Item]:
    tasks_column = models.Text(zh="责任单位", en="Responsible units")
    items = []
    for category in plan.categories:
        for task in category.tasks:
            items.append(Item(
                kind="task", bundle=bundle, plan=plan, number=task.number, category=category.title,
                text=task.text, heading=task.title, task_title=task.title, responsible=task.responsible,
                responsible_column=tasks_column, units=resolve_units(task.responsible, corpus.alias_to_unit)[0],
                deadlines=[parse_deadline(words, bundle.year) for words in task.milestones],
                editor_notes=task.editor_notes))
    return items


def _ledger_rows(bundle: DocumentBundle, plan: models.Plan, corpus: Corpus) -> list[Item]:
    if not plan.ledger:
        return []
    items = []
    for category in plan.ledger.categories:
        for row in category.rows:
            heading = models.Text.model_construct(zh=short(row.text.zh, 24), en=short(row.text.en, 70))  # parts of validated text (and of a pending document, Chinese)
            items.append(Item(
                kind="ledger", bundle=bundle, plan=plan, number=row.number, category=category.title,
                text=row.text, heading=heading, responsible=row.responsible,
                responsible_column=plan.ledger.columns.responsible,
                units=resolve_units(row.responsible, corpus.alias_to_unit)[0],
                deadlines=[parse_deadline(row.deadline, bundle.year)], editor_notes=row.editor_notes,
                implements=[_task_id(bundle, plan, ref) for ref in row.implements]))
    return items


def _task_id(bundle: DocumentBundle, plan: models.Plan, ref) -> str:
    return f"{bundle.document.id}/{plan.id}/{task_number(ref, bundle.document.id, plan.id)}"


def _assignments(items: list[Item], units: dict[str, models.Unit],
                 groups_of: dict[str, list[str]]) -> dict[str, list[Assignment]]:
    by_unit: dict[str, list[Assignment]] = {unit_id: [] for unit_id in units}
    for item in items:
        for unit_id in dict.fromkeys(item.units):
            by_unit[unit_id].append(Assignment(item))
            for member in units[unit_id].members:
                if unit_id in groups_of[member] and member not in item.units:
                    by_unit[member].append(Assignment(item, via_group=unit_id))
    for assignments in by_unit.values():
        assignments.sort(key=lambda a: soonest(a.item))
    return by_unit


def soonest(item: Item) -> tuple:
    """Sort key: the item's earliest dated deadline first, undated ones last, then document order."""
    keys = [s.sort_key() for s in item.schedules] or [(2, "")]
    return (min(keys), item.bundle.document.id, item.plan.id, item.kind != "task", item.number)


def _months(items: list[Item]) -> dict[str, list[MonthEntry]]:
    """YYYY-MM -> what each item's schedules list under it, soonest first."""
    months: dict[str, list[MonthEntry]] = defaultdict(list)
    for item in items:
        for sched in item.schedules:
            for role in sched.months:
                months[role.month].append(MonthEntry(item, sched, role))
    return {month: sorted(entries, key=lambda e: (e.schedule.sort_key(), soonest(e.item)))
            for month, entries in sorted(months.items())}


def build_index(corpus: Corpus) -> SiteIndex:
    items: list[Item] = []
    for bundle in corpus.documents:
        for plan_file in bundle.plans:
            items += _tasks(bundle, plan_file.plan, corpus) + _ledger_rows(bundle, plan_file.plan, corpus)
    for item in items:
        context = Context(item.bundle.document.issued, item.bundle.year)
        item.schedules = [schedule(d, context) for d in item.deadlines]
    by_id = {item.id: item for item in items}
    for item in items:
        for task_id in item.implements:
            by_id[task_id].implemented_by.append(item.id)
    units = {unit.id: unit for unit in corpus.units}
    groups_of: dict[str, list[str]] = {unit_id: [] for unit_id in units}
    for unit in corpus.units:
        for member in unit.members:
            groups_of[member].append(unit.id)
    return SiteIndex(corpus, items, by_id, units, groups_of, _assignments(items, units, groups_of), _months(items))
