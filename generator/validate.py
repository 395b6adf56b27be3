"""Load every data file and validate it: shape (schema.py), fidelity to the source (fidelity.py), then the
cross-references checked here: unit names, ids, task links, deadlines.

Every problem is collected before anything is reported, so an editor sees all of them at once.
The result, a Corpus, is the only input of the later steps (index, render, write).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from . import models
from .deadlines import DeadlineError, parse_deadline
from .fidelity import check_fidelity, check_positions, read_source
from .load import LoadedFile, Loc, load_yaml
from .models import ENGLISH_PENDING
from .pending import chinese_for_missing_english, is_pending
from .problems import DataError, Problem, Problems, display_path
from .schema import parse_model
from .source import Source, Sources
from .translation import check_translation_exceptions

SOURCE_FILE = "source/lingchuan-2022-22-notice.txt"  # a document without `source:` is compared with this text
UNIT_SEPARATOR = "、"
YEAR_RANGE = 10  # deadlines and dates lie within this many years of the document's year
# unit ids that would take the path of another generated file (units/<id>/, data/calendar/<id>.ics)
# anchors the plan page itself uses (templates/plan.md.j2): a part, safeguard or annex id must not take one
PLAN_ANCHORS = {"top", "tasks", "safeguards", "ledger", "notes"}
PLAN_ANCHOR_PATTERN = re.compile(r"(task|ledger|category|ledger-category)-[0-9]+")
RESERVED_UNIT_IDS = {"index": "units/index.md is the list of all units",
                     "all": "data/calendar/all.ics is the calendar of every item"}


@dataclass
class PlanFile:
    plan: models.Plan
    file: LoadedFile


@dataclass
class DocumentBundle:
    document: models.Document
    file: LoadedFile
    plans: list[PlanFile] = field(default_factory=list)

    @property
    def year(self) -> int:
        return int(self.document.id[:4])


@dataclass
class Corpus:
    """Everything the site is built from, validated."""

    documents: list[DocumentBundle]
    units: list[models.Unit]
    glossary: list[models.Term]
    alias_to_unit: dict[str, str]  # every name and alias -> unit id
    files: dict[str, LoadedFile] = field(default_factory=dict)  # "units", "glossary": where they came from
    warnings: list[str] = field(default_factory=list)  # untranslated fields of documents with `english: pending`


def _duplicates(values: list, file: LoadedFile, locs: list[Loc], what: str, problems: Problems,
                code: str = "duplicate-id") -> None:
    seen: dict = {}
    for value, loc in zip(values, locs):
        if value in seen:
            problems.add(file.problem(loc, f"duplicate {what} {value!r} (first at line {file.position(seen[value])[0]})",
                                      code))
        else:
            seen[value] = loc


def _numbering(numbers: list[int], file: LoadedFile, locs: list[Loc], what: str, problems: Problems) -> None:
    """Official numbers are unique and run 1, 2, 3… in the order printed: a gap, a repeat or a swap is a typo
    (and would give two items one URL, or skip a number readers cite)."""
    seen: dict[int, Loc] = {}
    for position, (number, loc) in enumerate(zip(numbers, locs), 1):
        if number in seen:
            problems.add(file.problem(loc, f"duplicate {what} {number} (first at line {file.position(seen[number])[0]})",
                                      "duplicate-number"))
            continue
        seen[number] = loc
        if number != position:
            problems.add(file.problem(loc, f"{what} {number} out of order: expected {position} (numbers run 1, 2, "
                                           "3… in the order printed)", "number-order"))


# --- units and glossary --------------------------------------------------------------------------------------------

def check_units(registry: models.UnitRegistry, file: LoadedFile, problems: Problems) -> dict[str, str]:
    units = registry.units
    _duplicates([u.id for u in units], file, [("units", i, "id") for i in range(len(units))], "unit id", problems)
    for i, unit in enumerate(units):
        if unit.id in RESERVED_UNIT_IDS:
            problems.add(file.problem(("units", i, "id"), f"unit id '{unit.id}' is taken: {RESERVED_UNIT_IDS[unit.id]}",
                                      "path-collision"))
    names, locs = [], []
    for i, unit in enumerate(units):
        names.append(unit.name.zh)
        locs.append(("units", i, "name", "zh"))
        names.extend(unit.aliases)
        locs.extend(("units", i, "aliases", j) for j in range(len(unit.aliases)))
    _duplicates(names, file, locs, "unit name or alias", problems, "duplicate-name")
    for name, loc in zip(names, locs):
        if UNIT_SEPARATOR in name:
            problems.add(file.problem(loc, f"a unit name cannot contain '{UNIT_SEPARATOR}': it separates the units "
                                           "of a responsible list", "invalid-value"))
    known = {u.id for u in units}
    for i, unit in enumerate(units):
        for j, member in enumerate(unit.members):
            if member not in known:
                problems.add(file.problem(("units", i, "members", j), f"unknown unit id '{member}'",
                                          "unknown-reference"))
            elif member == unit.id:
                problems.add(file.problem(("units", i, "members", j), "a unit cannot be its own member",
                                          "invalid-reference"))
    _duplicates_in_lists([(("units", i, "members"), unit.members) for i, unit in enumerate(units)], file,
                         "member", problems)
    _membership_loops(units, file, problems)
    return {name: unit.id for unit in units for name in [unit.name.zh, *unit.aliases]}


def _membership_loops(units: list[models.Unit], file: LoadedFile, problems: Problems) -> None:
    """A group whose members include, directly or through other groups, the group itself."""
    members = {unit.id: set(unit.members) for unit in units}
    for i, unit in enumerate(units):
        seen, todo = set(), [m for m in unit.members if m != unit.id]
        while todo:
            member = todo.pop()
            if member in seen:
                continue
            seen.add(member)
            todo.extend(members.get(member, ()))
        if unit.id in seen:
            problems.add(file.problem(("units", i, "members"), f"group '{unit.id}' is its own member through "
                                      "another group: membership must not loop", "invalid-reference"))


def resolve_units(responsible: str, alias_to_unit: dict[str, str]) -> tuple[list[str], list[str]]:
    """Split a 责任单位 list into unit ids; also return the names that are not in the registry."""
    ids, unknown = [], []
    for name in responsible.split(UNIT_SEPARATOR):
        (ids if name in alias_to_unit else unknown).append(alias_to_unit.get(name, name))
    return [i for i in ids], unknown


def check_glossary(glossary: models.Glossary, file: LoadedFile, problems: Problems) -> None:
    terms = glossary.terms
    _duplicates([t.id for t in terms], file, [("terms", i, "id") for i in range(len(terms))], "term id", problems)
    for i, term in enumerate(terms):
        if term.id == "top":
            problems.add(file.problem(("terms", i, "id"), "term id 'top' is taken by the glossary page's heading",
                                      "path-collision"))
    _duplicates([t.zh for t in terms], file, [("terms", i, "zh") for i in range(len(terms))], "term", problems,
                "duplicate-name")
    _duplicates([t.en.casefold() for t in terms], file, [("terms", i, "en") for i in range(len(terms))],
                "English term", problems, "duplicate-name")


def _duplicates_in_lists(lists: list[tuple[Loc, list]], file: LoadedFile, what: str, problems: Problems) -> None:
    """A value listed twice in one list (a member, an implemented task): the page would show it twice."""
    for loc, values in lists:
        first: dict = {}
        for j, value in enumerate(values):
            if value in first:
                problems.add(file.problem(loc + (j,), f"{what} {value!r} listed twice (first as item {first[value] + 1})",
                                          "duplicate-reference"))
            else:
                first[value] = j


# --- plans -------------------------------------------------------------------------------------------------------

def check_plan(plan: models.Plan, file: LoadedFile, bundle: DocumentBundle, alias_to_unit: dict[str, str],
               problems: Problems) -> None:
    task_numbers, task_locs = [], []
    for c, category in enumerate(plan.categories):
        for t, task in enumerate(category.tasks):
            loc = ("categories", c, "tasks", t)
            task_numbers.append(task.number)
            task_locs.append(loc + ("number",))
            _check_responsible(task.responsible, loc + ("responsible",), file, alias_to_unit, problems)
            if plan.task_title_style == "sentence" and task.title.zh.endswith("。"):
                problems.add(file.problem(loc + ("title", "zh"), "a lead sentence is written without its final 。 "
                                          "(the page adds it)", "invalid-value"))
            for m, words in enumerate(task.milestones):
                _check_deadline(words, loc + ("milestones", m), file, bundle, problems)
                if words not in task.text.zh and words not in task.title.zh:
                    problems.add(file.problem(loc + ("milestones", m),
                                              f"milestone '{words}' does not occur in the task's text",
                                              "milestone-not-in-text"))
    _numbering(task_numbers, file, task_locs, "task number", problems)
    for what, key, entries in (("category number", "categories", plan.categories),
                               ("safeguard number", "safeguards", plan.safeguards),
                               ("annex number", "annexes", plan.annexes)):
        _numbering([e.number for e in entries], file, [(key, i, "number") for i in range(len(entries))], what,
                   problems)
    anchors = [(p.id, ("parts", i, "id")) for i, p in enumerate(plan.parts)]
    anchors += [(s.id, ("safeguards", i, "id")) for i, s in enumerate(plan.safeguards)]
    anchors += [(a.id, ("annexes", i, "id")) for i, a in enumerate(plan.annexes)]
    _duplicates([a for a, _ in anchors], file, [loc for _, loc in anchors], "anchor id", problems)
    for anchor, loc in anchors:
        if anchor in PLAN_ANCHORS or PLAN_ANCHOR_PATTERN.fullmatch(anchor):
            problems.add(file.problem(loc, f"anchor id '{anchor}' is taken by the plan page's own sections and "
                                           "items (#top, #tasks, #task-15, #ledger-16 …)", "path-collision"))
    for i, annex in enumerate(plan.annexes):
        for t, table in enumerate(annex.tables):
            for r, row in enumerate(table.rows):
                if len(row) != len(table.columns):
                    problems.add(file.problem(("annexes", i, "tables", t, "rows", r),
                                              f"row has {len(row)} cells, the table has {len(table.columns)} columns",
                                              "table-shape"))
    if plan.ledger:
        _check_ledger(plan, file, bundle, set(task_numbers), alias_to_unit, problems)


def _check_ledger(plan: models.Plan, file: LoadedFile, bundle: DocumentBundle, tasks: set[int],
                  alias_to_unit: dict[str, str], problems: Problems) -> None:
    numbers, locs = [], []
    categories = plan.ledger.categories
    _numbering([c.number for c in categories], file, [("ledger", "categories", i, "number")
                                                      for i in range(len(categories))], "ledger category number",
               problems)
    for c, category in enumerate(categories):
        for r, row in enumerate(category.rows):
            loc = ("ledger", "categories", c, "rows", r)
            numbers.append(row.number)
            locs.append(loc + ("number",))
            _check_deadline(row.deadline, loc + ("deadline",), file, bundle, problems)
            _check_responsible(row.responsible, loc + ("responsible",), file, alias_to_unit, problems)
            implemented: dict[int, int] = {}
            for i, ref in enumerate(row.implements):
                number = _check_implements(ref, loc + ("implements", i), plan, bundle, tasks, file, problems)
                if number in implemented:
                    problems.add(file.problem(loc + ("implements", i), f"task {number} listed twice (first as "
                                              f"item {implemented[number] + 1})", "duplicate-reference"))
                elif number is not None:
                    implemented[number] = i
    _numbering(numbers, file, locs, "ledger row number", problems)


def task_number(ref, document_id: str, plan_id: str) -> int | None:
    """A ledger row's `implements` entry as a task number of its own plan: 15, or '2022-22/air/15' (also
    '2022-22/air/015'), the one normalisation both the check and the index use. None for another plan's id."""
    if isinstance(ref, int):
        return ref
    prefix = f"{document_id}/{plan_id}/"
    return int(ref[len(prefix):]) if ref.startswith(prefix) else None


def _check_implements(ref, loc: Loc, plan: models.Plan, bundle: DocumentBundle, tasks: set[int],
                      file: LoadedFile, problems: Problems) -> int | None:
    number = task_number(ref, bundle.document.id, plan.id)
    if number is None:
        own_prefix = f"{bundle.document.id}/{plan.id}/"
        problems.add(file.problem(loc, f"'{ref}' is not a task of this plan: a ledger row can only implement "
                                       f"tasks of its own plan ({own_prefix}<number>)", "invalid-reference"))
    elif number not in tasks:
        problems.add(file.problem(loc, f"broken reference: plan '{plan.id}' has no task {number}",
                                  "unknown-reference"))
        return None
    return number


def _check_responsible(text: str, loc: Loc, file: LoadedFile, alias_to_unit: dict[str, str],
                       problems: Problems) -> None:
    if alias_to_unit is None:  # units.yml is invalid and already reported
        return
    ids, unknown = resolve_units(text, alias_to_unit)
    for name in unknown:
        shown = f"unknown unit '{name}'" if name else "empty unit name (a stray 、)"
        problems.add(file.problem(loc, f"{shown} (not a name or alias in data/units.yml)", "unknown-unit"))
    known = [name for name in text.split(UNIT_SEPARATOR) if name in alias_to_unit]
    for name in dict.fromkeys(n for n in known if known.count(n) > 1):
        problems.add(file.problem(loc, f"unit '{name}' named twice", "duplicate-reference"))


def _check_deadline(words: str, loc: Loc, file: LoadedFile, bundle: DocumentBundle, problems: Problems) -> None:
    try:
        deadline = parse_deadline(words, bundle.year)
    except DeadlineError as error:
        problems.add(file.problem(loc, str(error), getattr(error, "code", "deadline-form")))
        return
    first, last = bundle.year - YEAR_RANGE, bundle.year + YEAR_RANGE
    for value in (deadline.start, deadline.end):
        if value and not first <= int(value[:4]) <= last:
            problems.add(file.problem(loc, f"year {int(value[:4])} is outside {first}–{last} (the document's year "
                                           f"± {YEAR_RANGE})", "date-range"))
            return


# --- the whole corpus ------------------------------------------------------------------------------------------------

def load_corpus(data_dir: Path) -> Corpus:
    """Load and validate everything under data_dir; raise DataError with every problem found."""
    problems = Problems()
    warnings: list[str] = []
    default_source = read_source(data_dir / SOURCE_FILE, problems)
    # units and glossary terms may come from any document's text
    source = Sources([default_source, *(Source(p) for p in sorted((data_dir / "source").glob("*.txt"))
                                        if p != data_dir / SOURCE_FILE)]) if default_source else None

    def parsed(path: Path, model: type[BaseModel], pending: bool = False):
        file = load_yaml(path, display_path(path), problems)
        value = parse_model(model, file, problems, {ENGLISH_PENDING: pending}) if file else None
        if value is not None and pending:
            warnings.extend(untranslated(file))
        return value, file

    registry, units_file = parsed(data_dir / "units.yml", models.UnitRegistry)
    # None when units.yml itself is invalid: unit names are then not checked, rather than all reported unknown
    alias_to_unit = check_units(registry, units_file, problems) if registry else None
    if registry:
        check_fidelity(registry, units_file, source, problems)
        check_translation_exceptions(registry, units_file, problems)
    glossary, glossary_file = parsed(data_dir / "glossary.yml", models.Glossary)
    if glossary:
        check_glossary(glossary, glossary_file, problems)
        check_fidelity(glossary, glossary_file, source, problems)
        check_translation_exceptions(glossary, glossary_file, problems)
    documents = []
    for folder in _document_folders(data_dir, problems):
        bundle = _load_document(folder / "document.yml", parsed, data_dir, default_source, alias_to_unit, problems)
        if bundle:
            documents.append(bundle)
    if problems:
        raise DataError(problems)
    return Corpus(documents, registry.units, glossary.terms, alias_to_unit,
                  files={"units": units_file, "glossary": glossary_file}, warnings=warnings)


def _document_folders(data_dir: Path, problems: Problems) -> list[Path]:
    """Every folder under documents/ holding a document.yml; a folder without one, or no document at all, is a
    problem (the site would silently lose its plans, or have no home page content)."""
    root = data_dir / "documents"
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    found = []
    for folder in folders:
        if (folder / "document.yml").is_file():
            found.append(folder)
        elif any(folder.glob("*.yml")):
            problems.add(Problem(display_path(folder / "document.yml"), 1, 1, "(file)", "missing: every folder "
                                 "under documents/ needs a document.yml naming its plans", "missing-file"))
    if not folders:
        problems.add(Problem(display_path(root / "<id>" / "document.yml"), 1, 1, "(file)", "no document: the site "
                             "needs at least one documents/<id>/document.yml", "missing-file"))
    return found


def untranslated(file: LoadedFile) -> list[str]:
    """`path:line:column: field: …` for every empty English field of a file."""
    found = []

    def walk(node, loc: Loc) -> None:
        if isinstance(node, dict):
            if "zh" in node and "en" in node and not str(node["en"] or "").strip():
                found.append(str(file.problem(loc + ("en",), "not translated yet (english: pending)", "untranslated")))
            for key, value in node.items():
                walk(value, loc + (key,))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, loc + (i,))
    walk(file.data, ())
    return found


def _pending(path: Path) -> bool:
    """Whether document.yml says `english: pending` (read before validation: it decides how English is checked)."""
    file = load_yaml(path, display_path(path), Problems())
    return bool(file) and isinstance(file.data, dict) and file.data.get("english") == "pending"


def _load_document(path: Path, parsed, data_dir: Path, default_source: Source | None, alias_to_unit,
                   problems: Problems) -> DocumentBundle | None:
    pending = _pending(path)
    document, file = parsed(path, models.Document, pending)
    source = default_source
    if document and document.source:
        source = read_source(data_dir / "source" / document.source, problems)
    if not document:
        # still check the plan files, so one slip in document.yml does not hide their problems
        stand_in = _stand_in_bundle(path, file, pending)
        if stand_in:
            _load_plans(stand_in, path, parsed, source, alias_to_unit, problems)
        return None
    check_fidelity(document, file, source, problems)
    check_translation_exceptions(document, file, problems)
    if document.id != path.parent.name:
        problems.add(file.problem(("id",), f"document id '{document.id}' differs from its folder '{path.parent.name}'",
                                  "id-mismatch"))
    _check_number_en(document, file, problems)
    bundle = DocumentBundle(document, file)
    if document.issued.year != bundle.year:
        problems.add(file.problem(("issued",), f"issued in {document.issued.year}, but the document id "
                                  f"'{document.id}' names the year {bundle.year}", "date-range"))
    if not 0 <= (document.printed - document.issued).days <= 366:
        problems.add(file.problem(("printed",), f"printed {document.printed}, issued {document.issued}: a notice is "
                                  "printed on or after its issue date, within a year", "date-range"))
    _duplicates(document.plans, file, [("plans", i) for i in range(len(document.plans))], "plan", problems,
                "duplicate-reference")
    listed = set(document.plans)
    for plan_path in sorted(path.parent.glob("*.yml")):
        if plan_path.name != "document.yml" and plan_path.stem not in listed:
            problems.add(Problem(display_path(plan_path), 1, 1, "(file)", f"plan file not listed in "
                                 f"{display_path(path)} (plans:), so it would not be published", "unlisted-file"))
    _load_plans(bundle, path, parsed, source, alias_to_unit, problems)
    if is_pending(document):  # published in Chinese first (pending.py)
        bundle.document = chinese_for_missing_english(document)
        for plan_file in bundle.plans:
            plan_file.plan = chinese_for_missing_english(plan_file.plan)
    return bundle


def _check_number_en(document: models.Document, file: LoadedFile, problems: Problems) -> None:
    """The English form names the same year and serial number as the Chinese one (〔2022〕22号 -> [2022] No. 22)."""
    zh = re.search(r"〔([0-9]{4})〕([0-9]+)号$", document.number)
    en = re.search(r"\[([0-9]{4})\] No\. ([0-9]+)$", document.number_en or "")
    if not zh:
        problems.add(file.problem(("number",), f"'{document.number}' does not end in 〔year〕serial号",
                                  "number-form"))
    elif en and en.groups() != zh.groups():
        problems.add(file.problem(("number_en",), f"'{document.number_en}' names another year or serial number than "
                                                  f"'{document.number}' ([{zh.group(1)}] No. {zh.group(2)} expected)",
                                  "number-mismatch"))


def _stand_in_bundle(path: Path, file: LoadedFile | None, pending: bool) -> DocumentBundle | None:
    """For an invalid document.yml: a bundle with only the folder's id and every plan file beside it, used to
    check those plans and never published."""
    folder = path.parent.name
    if not re.fullmatch(r"[0-9]{4}-[0-9]+", folder):
        return None
    plans = sorted(p.stem for p in path.parent.glob("*.yml") if p.name != "document.yml")
    return DocumentBundle(models.Document.model_construct(id=folder, plans=plans,
                                                          english="pending" if pending else None), file)


def _load_plans(bundle: DocumentBundle, path: Path, parsed, source: Source, alias_to_unit,
                problems: Problems) -> None:
    file = bundle.file
    for i, plan_id in enumerate(dict.fromkeys(bundle.document.plans)):
        plan_path = path.parent / f"{plan_id}.yml"
        if not plan_path.exists():
            problems.add(file.problem(("plans", bundle.document.plans.index(plan_id)),
                                      f"broken reference: no plan file {display_path(plan_path)}", "missing-file"))
            continue
        plan, plan_file = parsed(plan_path, models.Plan, bundle.document.english == "pending")
        if not plan:
            continue
        if plan.id != plan_id:
            problems.add(plan_file.problem(("id",), f"plan id '{plan.id}' differs from its file name '{plan_id}'",
                                           "id-mismatch"))
        check_fidelity(plan, plan_file, source, problems)
        check_translation_exceptions(plan, plan_file, problems)
        check_positions(plan, plan_file, source, problems)
        check_plan(plan, plan_file, bundle, alias_to_unit, problems)
        bundle.plans.append(PlanFile(plan, plan_file))
