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
from .fidelity import check_fidelity, read_source
from .load import LoadedFile, Loc, load_yaml
from .models import ENGLISH_PENDING
from .pending import chinese_for_missing_english, is_pending
from .problems import DataError, Problems, display_path
from .schema import parse_model
from .source import Source, Sources
from .translation import check_translation_exceptions

SOURCE_FILE = "source/lingchuan-2022-22-notice.txt"  # a document without `source:` is compared with this text
UNIT_SEPARATOR = "、"


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
    warnings: list[str] = field(default_factory=list)  # untranslated fields of documents with `english: pending`


def _duplicates(values: list, file: LoadedFile, locs: list[Loc], what: str, problems: Problems) -> None:
    seen: dict = {}
    for value, loc in zip(values, locs):
        if value in seen:
            problems.add(file.problem(loc, f"duplicate {what} {value!r} (first at line {file.position(seen[value])[0]})"))
        else:
            seen[value] = loc


# --- units and glossary --------------------------------------------------------------------------------------------

def check_units(registry: models.UnitRegistry, file: LoadedFile, problems: Problems) -> dict[str, str]:
    units = registry.units
    _duplicates([u.id for u in units], file, [("units", i, "id") for i in range(len(units))], "unit id", problems)
    names, locs = [], []
    for i, unit in enumerate(units):
        names.append(unit.name.zh)
        locs.append(("units", i, "name", "zh"))
        names.extend(unit.aliases)
        locs.extend(("units", i, "aliases", j) for j in range(len(unit.aliases)))
    _duplicates(names, file, locs, "unit name or alias", problems)
    known = {u.id for u in units}
    for i, unit in enumerate(units):
        for j, member in enumerate(unit.members):
            if member not in known:
                problems.add(file.problem(("units", i, "members", j), f"unknown unit id '{member}'"))
            elif member == unit.id:
                problems.add(file.problem(("units", i, "members", j), "a unit cannot be its own member"))
    return {name: unit.id for unit in units for name in [unit.name.zh, *unit.aliases]}


def resolve_units(responsible: str, alias_to_unit: dict[str, str]) -> tuple[list[str], list[str]]:
    """Split a 责任单位 list into unit ids; also return the names that are not in the registry."""
    ids, unknown = [], []
    for name in responsible.split(UNIT_SEPARATOR):
        (ids if name in alias_to_unit else unknown).append(alias_to_unit.get(name, name))
    return [i for i in ids], unknown


def check_glossary(glossary: models.Glossary, file: LoadedFile, problems: Problems) -> None:
    terms = glossary.terms
    _duplicates([t.id for t in terms], file, [("terms", i, "id") for i in range(len(terms))], "term id", problems)
    _duplicates([t.zh for t in terms], file, [("terms", i, "zh") for i in range(len(terms))], "term", problems)


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
            for m, words in enumerate(task.milestones):
                _check_deadline(words, loc + ("milestones", m), file, bundle.year, problems)
                if words not in task.text.zh and words not in task.title.zh:
                    problems.add(file.problem(loc + ("milestones", m),
                                              f"milestone '{words}' does not occur in the task's text"))
    _duplicates(task_numbers, file, task_locs, "task number", problems)
    _duplicates([c.number for c in plan.categories], file,
                [("categories", i, "number") for i in range(len(plan.categories))], "category number", problems)
    anchors = [(p.id, ("parts", i, "id")) for i, p in enumerate(plan.parts)]
    anchors += [(s.id, ("safeguards", i, "id")) for i, s in enumerate(plan.safeguards)]
    anchors += [(a.id, ("annexes", i, "id")) for i, a in enumerate(plan.annexes)]
    _duplicates([a for a, _ in anchors], file, [loc for _, loc in anchors], "anchor id", problems)
    if plan.ledger:
        _check_ledger(plan, file, bundle, set(task_numbers), alias_to_unit, problems)


def _check_ledger(plan: models.Plan, file: LoadedFile, bundle: DocumentBundle, tasks: set[int],
                  alias_to_unit: dict[str, str], problems: Problems) -> None:
    numbers, locs = [], []
    for c, category in enumerate(plan.ledger.categories):
        for r, row in enumerate(category.rows):
            loc = ("ledger", "categories", c, "rows", r)
            numbers.append(row.number)
            locs.append(loc + ("number",))
            _check_deadline(row.deadline, loc + ("deadline",), file, bundle.year, problems)
            _check_responsible(row.responsible, loc + ("responsible",), file, alias_to_unit, problems)
            for i, ref in enumerate(row.implements):
                _check_implements(ref, loc + ("implements", i), plan, bundle, tasks, file, problems)
    _duplicates(numbers, file, locs, "ledger row number", problems)


def _check_implements(ref, loc: Loc, plan: models.Plan, bundle: DocumentBundle, tasks: set[int],
                      file: LoadedFile, problems: Problems) -> None:
    if isinstance(ref, str):
        own_prefix = f"{bundle.document.id}/{plan.id}/"
        if not ref.startswith(own_prefix):
            problems.add(file.problem(loc, f"'{ref}' is not a task of this plan: a ledger row can only implement "
                                           f"tasks of its own plan ({own_prefix}<number>)"))
            return
        ref = int(ref[len(own_prefix):])
    if ref not in tasks:
        problems.add(file.problem(loc, f"broken reference: plan '{plan.id}' has no task {ref}"))


def _check_responsible(text: str, loc: Loc, file: LoadedFile, alias_to_unit: dict[str, str],
                       problems: Problems) -> None:
    if alias_to_unit is None:  # units.yml is invalid and already reported
        return
    _, unknown = resolve_units(text, alias_to_unit)
    for name in unknown:
        problems.add(file.problem(loc, f"unknown unit '{name}' (not a name or alias in data/units.yml)"))


def _check_deadline(words: str, loc: Loc, file: LoadedFile, year: int, problems: Problems) -> None:
    try:
        parse_deadline(words, year)
    except DeadlineError as error:
        problems.add(file.problem(loc, str(error)))


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
    for document_path in sorted((data_dir / "documents").glob("*/document.yml")):
        bundle = _load_document(document_path, parsed, data_dir, default_source, alias_to_unit, problems)
        if bundle:
            documents.append(bundle)
    if problems:
        raise DataError(problems)
    return Corpus(documents, registry.units, glossary.terms, alias_to_unit, warnings)


def untranslated(file: LoadedFile) -> list[str]:
    """`path:line:column: field: …` for every empty English field of a file."""
    found = []

    def walk(node, loc: Loc) -> None:
        if isinstance(node, dict):
            if "zh" in node and "en" in node and not str(node["en"] or "").strip():
                found.append(str(file.problem(loc + ("en",), "not translated yet (english: pending)")))
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
        problems.add(file.problem(("id",), f"document id '{document.id}' differs from its folder '{path.parent.name}'"))
    _check_number_en(document, file, problems)
    bundle = DocumentBundle(document, file)
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
        problems.add(file.problem(("number",), f"'{document.number}' does not end in 〔year〕serial号"))
    elif en and en.groups() != zh.groups():
        problems.add(file.problem(("number_en",), f"'{document.number_en}' names another year or serial number than "
                                                  f"'{document.number}' ([{zh.group(1)}] No. {zh.group(2)} expected)"))


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
    for i, plan_id in enumerate(bundle.document.plans):
        plan_path = path.parent / f"{plan_id}.yml"
        if not plan_path.exists():
            problems.add(file.problem(("plans", i), f"broken reference: no plan file {display_path(plan_path)}"))
            continue
        plan, plan_file = parsed(plan_path, models.Plan, bundle.document.english == "pending")
        if not plan:
            continue
        if plan.id != plan_id:
            problems.add(plan_file.problem(("id",), f"plan id '{plan.id}' differs from its file name '{plan_id}'"))
        check_fidelity(plan, plan_file, source, problems)
        check_translation_exceptions(plan, plan_file, problems)
        check_plan(plan, plan_file, bundle, alias_to_unit, problems)
        bundle.plans.append(PlanFile(plan, plan_file))
