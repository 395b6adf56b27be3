"""`python -m generator import SOURCE.txt --id 2023-5`: draft data/documents/<id>/ from a converted notice text.

parse.py reads the text into numbered parts with their source lines; draft.py turns them into the schema's shape
(units matched against units.yml, milestones found by the deadline parser, ledger links proposed by links.py);
emit.py writes the YAML. This module checks the command's inputs, writes everything or nothing, and prints what
the editor must complete: English (empty, the document marked `english: pending`), unknown units (drafted into
data/units.draft-<id>.yml), unknown deadline forms, proposed links, drafted anchor ids, and every source line
it could not place.
"""
from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TextIO

import yaml

from .draft import Findings, PlanDrafter, draft_document, number_matches_id, plan_ids
from .emit import Commented, dump
from .parse import Notice, SourceFormatError, parse_notice

ID_PATTERN = re.compile(r"[0-9]{4}-[0-9]+")


class ImportFailed(Exception):
    """The command cannot run (bad arguments, unreadable text, data in the way); nothing was written."""


def known_units(data_dir: Path) -> dict[str, str]:
    """Every unit name and alias in units.yml -> unit id (read as plain YAML: a draft may precede a valid one)."""
    path = data_dir / "units.yml"
    if not path.exists():
        return {}
    units = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("units") or []
    return {name: unit.get("id") for unit in units
            for name in [(unit.get("name") or {}).get("zh"), *(unit.get("aliases") or [])] if name}


def draft_files(notice: Notice, doc_id: str, source_name: str, data_dir: Path, given_plan_ids: list[str] | None,
                findings: Findings) -> dict[str, str]:
    """Relative path under data_dir -> YAML text of every file the import writes."""
    ids = plan_ids(notice.plans, given_plan_ids)
    if len(ids) != len(notice.plans):
        raise ImportFailed(f"--plans names {len(ids)} plan id(s), the text has {len(notice.plans)} plans: "
                           + "; ".join(p.title for p in notice.plans))
    for plan_id in ids:
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", plan_id):
            raise ImportFailed(f"plan id '{plan_id}': use lowercase ASCII letters, digits and hyphens")
    for line in notice.unplaced:
        findings.unplaced.append((line.line, f"{line.text[:40]} — {line.reason}"))
    year = int(doc_id[:4])
    alias_to_unit = known_units(data_dir)
    header = [f"Drafted by `python -m generator import` from data/source/{source_name}.",
              "Chinese: the official wording, joined as `check` joins it. English: empty, to be translated.",
              "Review every line marked `# proposed` or `# drafted`, then delete the mark."]
    files = {f"documents/{doc_id}/document.yml":
             dump(draft_document(notice, doc_id, source_name, ids, findings),
                  [f"The notice {notice.fields.get('number', ('?', 0))[0]}.", *header])}
    for plan, plan_id in zip(notice.plans, ids):
        drafted = PlanDrafter(plan, plan_id, year, alias_to_unit, findings).draft()
        files[f"documents/{doc_id}/{plan_id}.yml"] = dump(
            drafted, [f"{plan.title} (source lines {plan.line}-{plan.last_line}).", *header])
    if findings.unknown_units:
        entries = [{"id": Commented("", f"choose an ASCII id: it is the unit's URL /units/<id>/ (first printed on "
                                        f"line {lines[0]})"),
                    "name": {"zh": name, "en": ""}} for name, lines in findings.unknown_units.items()]
        files[f"units.draft-{doc_id}.yml"] = dump(
            {"units": entries}, [f"Units that {doc_id} names and data/units.yml does not know.",
                                 "Give each an id and an English name (or make it an alias of a known unit), "
                                 "move it into units.yml, then delete this file."])
    return files


def run_import(source: Path, doc_id: str, data_dir: Path, *, force: bool = False,
               given_plan_ids: list[str] | None = None, out: TextIO = sys.stdout) -> Findings:
    """Draft the document; raise ImportFailed (nothing written) when it cannot."""
    if not ID_PATTERN.fullmatch(doc_id):
        raise ImportFailed(f"--id '{doc_id}': a document id is the year and number of 〔YYYY〕N号, such as 2022-22")
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFailed(f"{source}: cannot read the notice text: {error}") from None
    try:
        notice = parse_notice(text)
    except SourceFormatError as error:
        raise ImportFailed(f"{source}: {error}") from None
    if not number_matches_id(notice, doc_id):
        raise ImportFailed(f"--id '{doc_id}' does not match the document number "
                           f"{notice.fields['number'][0]} (line {notice.fields['number'][1]})")
    findings = Findings()
    source_dir = data_dir / "source"
    source_copy = source_dir / source.name
    files = draft_files(notice, doc_id, source.name, data_dir, given_plan_ids, findings)
    in_the_way = [name for name in files if (data_dir / name).exists()]
    if (data_dir / "documents" / doc_id).exists() and not force:
        in_the_way.append(f"documents/{doc_id}/")
    if source_copy.exists() and source_copy.resolve() != source.resolve() \
            and source_copy.read_bytes() != source.read_bytes():
        in_the_way.append(f"source/{source.name} (a different text of the same name)")
    if in_the_way and not force:
        raise ImportFailed("existing data would be overwritten (use --force to replace it): "
                           + ", ".join(sorted(set(in_the_way))))
    _write_all(data_dir, files, source, source_copy)
    report(notice, doc_id, source, files, findings, out)
    return findings


def _write_all(data_dir: Path, files: dict[str, str], source: Path, source_copy: Path) -> None:
    """Every file or none: each is written beside its target first, then all are moved into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for name, text in files.items():
            target = data_dir / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=target.parent, delete=False,
                                             prefix=".import-", suffix=".tmp") as handle:
                handle.write(text)
            staged.append((Path(handle.name), target))
        if source_copy.resolve() != source.resolve():
            source_copy.parent.mkdir(parents=True, exist_ok=True)
            temp = source_copy.with_name(f".import-{source_copy.name}.tmp")
            shutil.copyfile(source, temp)
            staged.append((temp, source_copy))
    except OSError:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    for temp, target in staged:
        temp.replace(target)


def report(notice: Notice, doc_id: str, source: Path, files: dict[str, str], f: Findings, out: TextIO) -> None:
    def say(line: str = "") -> None:
        print(line, file=out)

    plans = notice.plans
    say(f"imported {doc_id} from {source}: {len(plans)} plan(s), {sum(len(p.tasks) for p in plans)} tasks, "
        f"{sum(len(p.ledger.rows) for p in plans if p.ledger)} ledger rows, "
        f"{sum(len(p.safeguards) for p in plans)} safeguards, "
        f"{sum(len(t.rows) for p in plans for a in p.annexes for t in a.tables)} annex rows")
    for name in files:
        say(f"  wrote data/{name}")
    say(f"  copied the text to data/source/{source.name} (the source `check` compares this document against)")
    say(f"untranslated: {f.untranslated} English field(s) left empty; document.yml says `english: pending`, so "
        f"`check` lists them as warnings and the English pages show the Chinese with a notice until translated")
    if f.unknown_units:
        say(f"unknown units ({len(f.unknown_units)}; not in data/units.yml, drafted in data/units.draft-{doc_id}.yml):")
        for name, lines in f.unknown_units.items():
            say(f"  {name} (source lines {', '.join(map(str, sorted(set(lines))))})")
    if f.unknown_deadlines:
        say("deadline words the deadline parser does not know (`check` rejects them until generator/deadlines.py "
            "learns the form):")
        for line, words, where in f.unknown_deadlines:
            say(f"  line {line}: {words} ({where})")
    if f.possible_deadlines:
        say("words in task texts that look like time limits but are no known deadline form (not made milestones):")
        for line, words, where in f.possible_deadlines:
            say(f"  line {line}: {words} ({where})")
    if f.proposals:
        say(f"ledger links proposed ({len(f.proposals)}; confirm each `implements`, weakest first):")
        for plan_id, row, tasks, score in sorted(f.proposals, key=lambda p: p[3])[:10]:
            say(f"  {plan_id} ledger row {row} -> task {', '.join(map(str, tasks)) or '?'} (similarity {score:.2f})")
        if len(f.proposals) > 10:
            say(f"  … and {len(f.proposals) - 10} more with higher similarity")
    if f.drafted_ids:
        say("anchor ids drafted (they become URL anchors such as #goals; rename before publishing):")
        for plan_id in dict.fromkeys(p for p, _, _ in f.drafted_ids):
            say(f"  {plan_id}: " + ", ".join(f"{a} ({h[:12]})" for p, a, h in f.drafted_ids if p == plan_id))
    if f.unplaced:
        say(f"could not place ({len(f.unplaced)}):")
        for line, message in sorted(f.unplaced):
            say(f"  line {line}: {message}" if line else f"  {message}")
    else:
        say("every line of the text was placed")


def command(argv_source: list[str], doc_id: str | None, data_dir: Path, force: bool, plans: str | None) -> int:
    if len(argv_source) != 1 or not doc_id:
        print("usage: python -m generator import SOURCE.txt --id YYYY-N [--force] [--data DIR] [--plans a,b]",
              file=sys.stderr)
        return 2
    try:
        run_import(Path(argv_source[0]), doc_id, data_dir, force=force,
                   given_plan_ids=plans.split(",") if plans else None)
    except ImportFailed as error:
        print(f"import: {error}; nothing written.", file=sys.stderr)
        return 1
    return 0
