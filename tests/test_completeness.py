"""Completeness: the YAML reproduces the official text item by item, exactly.

test_fidelity-style substring checks prove that every Chinese string occurs *somewhere* in the source; they cannot see a
truncated task, a skipped sentence, text attached to the wrong task or the wrong units. This module reads the official
text (data/source/lingchuan-2022-22-notice.txt) with the product's parser (generator/importer/parse.py, the first step
of `python -m generator import`; it never looks at the YAML) into numbered items, then compares each item with the
YAML an editor keeps, character for character. The expected side is the committed YAML; test_import.py checks the
import's drafted files against the same YAML, and test_source_shape pins the counts DESIGN.md states:

- the notice: number, title, recipients, body, signature, dates, release note, copied-to line;
- per plan: title, preamble, the numbered parts (一、二、…) before the tasks, the tasks and safeguards headings;
- body categories (（一）…) and, per task, the whole printed passage from ``N.`` up to and including the
  responsibility bracket: air/water ``title + "。" + text + 〔责任单位：responsible〕`` (the title is the lead sentence),
  soil ``title`` == heading line and ``text + 〔责任单位：responsible〕`` == what follows it.  The bracket is printed
  inconsistently (``〔`` … ``〕`` / ``]`` / ``）`` / ``)``, colon ``：`` or ``:``); only those delimiters are
  canonicalised, never the units inside;
- safeguards: ``title + "。" + text`` (air/water) or heading + text (soil);
- the attachment list, annex tables (every cell) and ledger rows (category, number, text, deadline, units, remarks).

Every numbered item of the source must appear exactly once in the YAML, in the same category, and the YAML must have no
extra items. Every non-blank source line must be claimed by the parser and none left unplaced, so no text is skipped.
Chinese in the YAML holds no whitespace (data/README.md), so it is compared as stored, except that a ``text``
field may separate paragraphs with a blank line ("\\n\\n").

A failure prints where the two first differ, with a difflib listing of the differing stretches.
"""
from __future__ import annotations

import datetime as dt
import difflib
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.importer import parse  # noqa: E402  (the product's parser of the official text)

SOURCE = ROOT / "data" / "source" / "lingchuan-2022-22-notice.txt"
DOC_DIR = ROOT / "data" / "documents" / "2022-22"
UNITS = ROOT / "data" / "units.yml"

RESP_OPEN, RESP_CLOSE, RESP_COLON = "〔[（(", "〕]）)", "：:"
RESP_LABEL = "责任单位"


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --------------------------------------------------------------------------------------------------------------------
# Readable comparison


def _clip(s: str, width: int = 40) -> str:
    return s if len(s) <= width else s[: width // 2] + "…" + s[-width // 2 :]


def diff_message(label: str, source: str, data: str) -> str:
    """Where `data` (YAML) first departs from `source` (official text), and the differing stretches."""
    prefix = 0
    for a, b in zip(source, data):
        if a != b:
            break
        prefix += 1
    ctx = 20
    lines = [
        f"{label}: YAML differs from the official text",
        f"  lengths: source {len(source)}, YAML {len(data)}; first difference at character {prefix}",
        f"  source: …{source[max(0, prefix - ctx):prefix]}⟦{source[prefix:prefix + ctx]}⟧",
        f"  YAML:   …{data[max(0, prefix - ctx):prefix]}⟦{data[prefix:prefix + ctx]}⟧",
        "  differing stretches (difflib, source → YAML):",
    ]
    shown = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, source, data, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        before = source[max(0, i1 - 8):i1]
        after = source[i2:i2 + 8]
        lines.append(
            f"    {op:7} source[{i1}:{i2}] {_clip(source[i1:i2])!r} → YAML[{j1}:{j2}] {_clip(data[j1:j2])!r}"
            f"   (in …{before}⟦…⟧{after}…)"
        )
        shown += 1
        if shown == 8:
            lines.append("    …")
            break
    return "\n".join(lines)


def check(label: str, source: str | None, data: str | None, problems: list[str]) -> None:
    if source is None:
        problems.append(f"{label}: in the YAML but not in the official text: {data!r}")
    elif data is None:
        problems.append(f"{label}: in the official text but missing from the YAML: {_clip(source, 80)!r}")
    elif source != data:
        problems.append(diff_message(label, source, data))


# --------------------------------------------------------------------------------------------------------------------
# The official text, as the product's importer parses it (generator/importer/parse.py), in the shape compared below


@dataclass
class Plan:
    title: str
    preamble: str
    parts: list[tuple[int, str, str]]            # (number, heading, text) before the tasks
    tasks_part: tuple[int, str] | None
    safeguards_part: tuple[int, str] | None
    categories: list[tuple[int, str]]
    tasks: list[parse.Item]
    safeguards: list[parse.Item]
    attachments: list[tuple[int, str]]
    annexes: list[dict]
    ledger_titles: list[str] = field(default_factory=list)
    ledger_headers: list[list[str]] = field(default_factory=list)
    ledger_categories: list[tuple[int, str]] = field(default_factory=list)
    ledger_rows: list[dict] = field(default_factory=list)


def _plan(p: parse.Plan) -> Plan:
    plan = Plan(
        p.title, p.preamble, [(part.number, part.heading, part.text) for part in p.parts],
        p.tasks_part and (p.tasks_part.number, p.tasks_part.heading),
        p.safeguards_part and (p.safeguards_part.number, p.safeguards_part.heading),
        [(n, title) for n, title, _ in p.categories], p.tasks, p.safeguards,
        [(n, title) for n, title, _ in p.attachments],
        [{"number": a.number, "title": a.title,
          "tables": [{"columns": t.columns, "rows": [cells for _, cells in t.rows]} for t in a.tables]}
         for a in p.annexes])
    if p.ledger:
        plan.ledger_titles = [p.ledger.title]
        plan.ledger_headers = [[p.ledger.columns.get(key, "") for key in LEDGER_COLUMNS]]
        plan.ledger_categories = [(n, title) for n, title, _ in p.ledger.categories]
        plan.ledger_rows = [{"line": r.line, "category": r.category, "number": r.number,
                             **{key: r.cells.get(key, "") for key in LEDGER_COLUMNS[2:]}} for r in p.ledger.rows]
    return plan


@dataclass
class Notice:
    fields: dict[str, str]
    plans: list[Plan]
    parsed: parse.Notice


@lru_cache(maxsize=None)
def parse_source() -> Notice:
    notice = parse.parse_notice(SOURCE.read_text(encoding="utf-8"))
    return Notice({name: text for name, (text, _) in notice.fields.items()}, [_plan(p) for p in notice.plans], notice)


# --------------------------------------------------------------------------------------------------------------------
# The YAML side


@lru_cache(maxsize=None)
def load_yaml(name: str) -> dict:
    return yaml.safe_load((DOC_DIR / f"{name}.yml").read_text(encoding="utf-8"))


def zh(node, *, paragraphs: bool = False) -> str | None:
    """The Chinese of a {zh, en} node (or a plain string), as stored; `text` may separate paragraphs with \\n\\n."""
    if node is None:
        return None
    value = node.get("zh") if isinstance(node, dict) else node
    if value is None:
        return None
    value = str(value)
    return "".join(value.split("\n\n")) if paragraphs else value


def plan_ids() -> list[str]:
    return list(load_yaml("document")["plans"])


def by_number(items, label: str, problems: list[str]) -> dict[int, dict]:
    out: dict[int, dict] = {}
    for it in items or []:
        n = it.get("number")
        if n in out:
            problems.append(f"{label} {n}: appears more than once in the YAML")
        out[n] = it
    return out


def resp_bracket(responsible: str | None) -> str:
    return "" if responsible is None else f"〔{RESP_LABEL}：{responsible}〕"


def split_responsibility(passage: str) -> tuple[str, str | None, str]:
    """(text before the bracket, units inside it, the passage with the bracket delimiters made canonical)."""
    k = passage.rfind(RESP_LABEL)
    if k < 1:
        return passage, None, passage
    opener, colon, closer = passage[k - 1], passage[k + len(RESP_LABEL)], passage[-1]
    if opener not in RESP_OPEN or colon not in RESP_COLON or closer not in RESP_CLOSE:
        return passage, None, passage
    before, units = passage[: k - 1], passage[k + len(RESP_LABEL) + 1 : -1]
    return before, units, before + resp_bracket(units)


# --------------------------------------------------------------------------------------------------------------------
# Comparisons, one list of problems per group of items


def compare_notice() -> tuple[int, list[str]]:
    src, doc = parse_source(), load_yaml("document")
    problems: list[str] = []
    f = src.fields
    pairs = [
        ("notice number", f.get("number"), zh(doc.get("number"))),
        ("notice title", f.get("title"), zh(doc.get("title"))),
        ("notice recipients (without the closing ：)", f.get("recipients"), zh(doc.get("recipients"))),
        ("notice body", f.get("body"), zh(doc.get("body"), paragraphs=True)),
        ("notice signature", f.get("issuer"), zh(doc.get("issuer"))),
        ("notice date", f.get("issued"), cn_date(doc["issued"]) if isinstance(doc.get("issued"), dt.date) else None),
        ("notice release note (without its brackets)", f.get("release"), zh(doc.get("release"))),
        ("notice copied-to line (抄送：… without the final 。)", f.get("copied_to"), zh(doc.get("copied_to"))),
        ("notice issuer at the foot", f.get("issuer_at_foot"), zh(doc.get("issuer"))),
        ("notice printed date (…印发)", f.get("printed"),
         cn_date(doc["printed"]) if isinstance(doc.get("printed"), dt.date) else None),
    ]
    for label, s, d in pairs:
        check(label, s, d, problems)
    ids = plan_ids()
    if len(ids) != len(src.plans):
        problems.append(f"notice: the source has {len(src.plans)} plans, document.yml lists {len(ids)}: {ids}")
    return len(pairs), problems


def compare_plan_frame(index: int) -> tuple[int, list[str]]:
    """Title, preamble, parts, the tasks and safeguards headings, body categories."""
    plan, data = parse_source().plans[index], load_yaml(plan_ids()[index])
    pid = data.get("id")
    problems: list[str] = []
    n = 0

    def c(label, s, d):
        nonlocal n
        n += 1
        check(f"{pid} {label}", s, d, problems)

    c("title", plan.title, zh(data.get("title")))
    c("preamble", plan.preamble, zh(data.get("preamble"), paragraphs=True))
    parts = data.get("parts") or []
    for k in range(max(len(plan.parts), len(parts))):
        s = plan.parts[k] if k < len(plan.parts) else None
        d = parts[k] if k < len(parts) else None
        label = f"part {s[0] if s else '(extra)'} ({s[1] if s else zh(d.get('heading'))})"
        if s and s[0] != k + 1:
            problems.append(f"{pid} {label}: printed as part {s[0]}, expected part {k + 1}")
        c(f"{label} heading", s and s[1], d and zh(d.get("heading")))
        c(f"{label} text", s and s[2], d and zh(d.get("text"), paragraphs=True))
    assert plan.tasks_part and plan.safeguards_part
    c(f"tasks heading (part {plan.tasks_part[0]})", plan.tasks_part[1], zh(data.get("tasks_heading")))
    c(f"safeguards heading (part {plan.safeguards_part[0]})", plan.safeguards_part[1],
      zh(data.get("safeguards_heading")))
    yaml_cats = by_number(data.get("categories"), f"{pid} category", problems)
    src_cats = dict(plan.categories)
    if len(src_cats) != len(plan.categories):
        problems.append(f"{pid}: a body category number is printed twice: {[k for k, _ in plan.categories]}")
    if [k for k, _ in plan.categories] != list(range(1, len(plan.categories) + 1)):
        problems.append(f"{pid}: body categories are not numbered 1…n: {[k for k, _ in plan.categories]}")
    for k in sorted(set(src_cats) | set(yaml_cats)):
        c(f"category {k} title", src_cats.get(k), zh((yaml_cats.get(k) or {}).get("title")) if k in yaml_cats else None)
    return n, problems


def compare_tasks(index: int) -> tuple[int, list[str]]:
    plan, data = parse_source().plans[index], load_yaml(plan_ids()[index])
    pid = data.get("id")
    problems: list[str] = []
    numbers = [t.number for t in plan.tasks]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"{pid}: source tasks are not numbered 1…n (parser or source problem): {numbers}")
    yaml_tasks: dict[int, dict] = {}
    yaml_category: dict[int, int] = {}
    for cat in data.get("categories") or []:
        for t in cat.get("tasks") or []:
            if t.get("number") in yaml_tasks:
                problems.append(f"{pid} task {t.get('number')}: appears more than once in the YAML")
            yaml_tasks[t.get("number")] = t
            yaml_category[t.get("number")] = cat.get("number")
    src_tasks = {t.number: t for t in plan.tasks}
    for extra in sorted(set(yaml_tasks) - set(src_tasks), key=str):
        problems.append(f"{pid} task {extra}: in the YAML but not in the official text")
    for num, item in src_tasks.items():
        label = f"{pid} task {num}"
        t = yaml_tasks.get(num)
        if t is None:
            problems.append(f"{label}: in the official text but missing from the YAML: {_clip(item.passage, 60)!r}")
            continue
        if yaml_category[num] != item.category:
            problems.append(f"{label}: printed under category {item.category}, YAML has it under {yaml_category[num]}")
        title, text, responsible = zh(t.get("title")), zh(t.get("text"), paragraphs=True), t.get("responsible")
        if item.heading_style:
            check(f"{label} heading", item.heading, title, problems)
            _, _, canonical = split_responsibility(item.body)
            check(f"{label} text + responsibility bracket", canonical, f"{text}{resp_bracket(responsible)}", problems)
        else:
            if title is not None and "。" in title:
                problems.append(f"{label}: the title holds more than the lead sentence: {title!r}")
            _, _, canonical = split_responsibility(item.passage)
            check(f"{label} title。text〔责任单位：…〕", canonical,
                  f"{title}。{text}{resp_bracket(responsible)}", problems)
        for milestone in t.get("milestones") or []:
            if str(milestone) not in item.passage:
                problems.append(f"{label}: milestone {milestone!r} is not in the printed task")
    return len(src_tasks), problems


def compare_safeguards(index: int) -> tuple[int, list[str]]:
    plan, data = parse_source().plans[index], load_yaml(plan_ids()[index])
    pid = data.get("id")
    problems: list[str] = []
    numbers = [s.number for s in plan.safeguards]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"{pid}: source safeguards are not numbered 1…n: {numbers}")
    yaml_sg = by_number(data.get("safeguards"), f"{pid} safeguard", problems)
    src_sg = {s.number: s for s in plan.safeguards}
    for extra in sorted(set(yaml_sg) - set(src_sg), key=str):
        problems.append(f"{pid} safeguard {extra}: in the YAML but not in the official text")
    for num, item in src_sg.items():
        label = f"{pid} safeguard {num}"
        s = yaml_sg.get(num)
        if s is None:
            problems.append(f"{label}: in the official text but missing from the YAML")
            continue
        title, text = zh(s.get("title")), zh(s.get("text"), paragraphs=True)
        if item.heading_style:
            check(f"{label} heading", item.heading, title, problems)
            check(f"{label} text", item.body, text, problems)
        else:
            if title is not None and "。" in title:
                problems.append(f"{label}: the title holds more than the lead sentence: {title!r}")
            check(f"{label} title。text", item.passage, f"{title}。{text}", problems)
    return len(src_sg), problems


def compare_annexes(index: int) -> tuple[int, list[str]]:
    plan, data = parse_source().plans[index], load_yaml(plan_ids()[index])
    pid = data.get("id")
    problems: list[str] = []
    n = 0
    yaml_att = [zh(a) for a in data.get("attachments") or []]
    src_att = [t for _, t in plan.attachments]
    if [k for k, _ in plan.attachments] != list(range(1, len(src_att) + 1)):
        problems.append(f"{pid}: attachments are not numbered 1…n: {plan.attachments}")
    for k in range(max(len(src_att), len(yaml_att))):
        n += 1
        check(f"{pid} attachment {k + 1}", src_att[k] if k < len(src_att) else None,
              yaml_att[k] if k < len(yaml_att) else None, problems)
    yaml_annex = by_number(data.get("annexes"), f"{pid} annex", problems)
    src_annex = {a["number"]: a for a in plan.annexes}
    for num in sorted(set(src_annex) | set(yaml_annex), key=str):
        s, d = src_annex.get(num), yaml_annex.get(num)
        n += 1
        check(f"{pid} annex {num} title", s and s["title"], d and zh(d.get("title")), problems)
        if not (s and d):
            continue
        s_tables, d_tables = s["tables"], d.get("tables") or []
        if len(s_tables) != len(d_tables):
            problems.append(f"{pid} annex {num}: source has {len(s_tables)} tables, YAML {len(d_tables)}")
        for t, (st, dt_) in enumerate(zip(s_tables, d_tables), 1):
            n += 1
            check(f"{pid} annex {num} table {t} columns", "|".join(st["columns"]),
                  "|".join(zh(c) or "" for c in dt_.get("columns") or []), problems)
            d_rows = dt_.get("rows") or []
            if len(st["rows"]) != len(d_rows):
                problems.append(f"{pid} annex {num} table {t}: source has {len(st['rows'])} rows, YAML {len(d_rows)}")
            for r, (srow, drow) in enumerate(zip(st["rows"], d_rows), 1):
                n += 1
                check(f"{pid} annex {num} table {t} row {r} (cells joined by |)", "|".join(srow),
                      "|".join(zh(c) or "" for c in drow), problems)
    return n, problems


LEDGER_COLUMNS = ("category", "number", "text", "deadline", "responsible", "remarks")


def compare_ledger(index: int) -> tuple[int, list[str]]:
    plan, data = parse_source().plans[index], load_yaml(plan_ids()[index])
    pid = data.get("id")
    problems: list[str] = []
    ledger = data.get("ledger")
    if not plan.ledger_rows:
        if ledger:
            problems.append(f"{pid}: the YAML has a ledger, the official text has none")
        return 0, problems
    if not ledger:
        return 0, [f"{pid}: the official text has a ledger ({len(plan.ledger_rows)} rows), the YAML has none"]
    n = 1
    if len(set(plan.ledger_titles)) != 1:
        problems.append(f"{pid}: the ledger title differs between printed pages: {sorted(set(plan.ledger_titles))}")
    check(f"{pid} ledger title", plan.ledger_titles[0], zh(ledger.get("title")), problems)
    headers = {tuple(h) for h in plan.ledger_headers}
    if len(headers) != 1:
        problems.append(f"{pid}: the ledger header row differs between printed pages: {sorted(headers)}")
    cols = ledger.get("columns") or {}
    for key, s in zip(LEDGER_COLUMNS, plan.ledger_headers[0]):
        n += 1
        check(f"{pid} ledger column {key}", s, zh(cols.get(key)), problems)

    src_cats = dict(plan.ledger_categories)
    if [k for k, _ in plan.ledger_categories] != list(range(1, len(plan.ledger_categories) + 1)):
        problems.append(f"{pid}: ledger categories are not numbered 1…n: {[k for k, _ in plan.ledger_categories]}")
    yaml_cats = by_number(ledger.get("categories"), f"{pid} ledger category", problems)
    for k in sorted(set(src_cats) | set(yaml_cats), key=str):
        n += 1
        check(f"{pid} ledger category {k} title", src_cats.get(k),
              zh((yaml_cats.get(k) or {}).get("title")) if k in yaml_cats else None, problems)

    numbers = [r["number"] for r in plan.ledger_rows]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"{pid}: source ledger rows are not numbered 1…n: {numbers}")
    yaml_rows: dict[int, dict] = {}
    yaml_row_cat: dict[int, int] = {}
    for cat in ledger.get("categories") or []:
        for row in cat.get("rows") or []:
            if row.get("number") in yaml_rows:
                problems.append(f"{pid} ledger row {row.get('number')}: appears more than once in the YAML")
            yaml_rows[row.get("number")] = row
            yaml_row_cat[row.get("number")] = cat.get("number")
    src_rows = {r["number"]: r for r in plan.ledger_rows}
    for extra in sorted(set(yaml_rows) - set(src_rows), key=str):
        problems.append(f"{pid} ledger row {extra}: in the YAML but not in the official text")
    for num, s in src_rows.items():
        label = f"{pid} ledger row {num} (source line {s['line']})"
        d = yaml_rows.get(num)
        n += 1
        if d is None:
            problems.append(f"{label}: in the official text but missing from the YAML: {_clip(s['text'], 60)!r}")
            continue
        if yaml_row_cat[num] != s["category"]:
            problems.append(f"{label}: printed under ledger category {s['category']}, YAML has {yaml_row_cat[num]}")
        check(f"{label} text", s["text"], zh(d.get("text"), paragraphs=True), problems)
        check(f"{label} deadline", s["deadline"], None if d.get("deadline") is None else str(d["deadline"]), problems)
        check(f"{label} units", s["responsible"], d.get("responsible"), problems)
        check(f"{label} remarks", s["remarks"], zh(d.get("remarks")) or "", problems)
    return n, problems


# --------------------------------------------------------------------------------------------------------------------
# Tests

PLAN_INDEXES = [0, 1, 2]
COMPARISONS = {
    "frame": compare_plan_frame,
    "tasks": compare_tasks,
    "safeguards": compare_safeguards,
    "annexes": compare_annexes,
    "ledger": compare_ledger,
}


def _report(problems: list[str]) -> None:
    if problems:
        pytest.fail(f"{len(problems)} difference(s):\n\n" + "\n\n".join(problems), pytrace=False)


def test_source_parse_claims_every_line():
    """The parser owns every non-blank line of the official text: nothing is silently skipped or left unplaced."""
    src = parse_source().parsed
    unclaimed = [i + 1 for i, line in enumerate(src.lines) if line.strip() and i not in src.claimed]
    assert not unclaimed, f"source lines not attributed to any item: {unclaimed}"
    assert not src.unplaced, f"source lines the parser could not place: {src.unplaced}"
    assert len(src.plans) == 3


def test_source_shape():
    """Guards the parser against silently mis-reading the text (counts as printed)."""
    plans = parse_source().plans
    assert [len(p.tasks) for p in plans] == [27, 23, 19]
    assert [len(p.categories) for p in plans] == [10, 7, 7]
    assert [len(p.safeguards) for p in plans] == [10, 4, 5]
    assert [len(p.ledger_rows) for p in plans] == [36, 22, 0]
    assert [len(p.parts) for p in plans] == [2, 2, 1]
    assert [sum(len(t["rows"]) for a in p.annexes for t in a["tables"]) for p in plans] == [0, 4, 0]
    # Soil prints its task and safeguard titles as heading lines; air and water run them into the text.
    assert [{i.heading_style for i in (*p.tasks, *p.safeguards)} for p in plans] == [{False}, {False}, {True}]
    for p in plans:
        for t in p.tasks:
            _, units, _ = split_responsibility(t.body if t.heading_style else t.passage)
            assert units, f"{p.title} task {t.number}: no responsibility bracket found at the end"


def test_notice():
    _, problems = compare_notice()
    _report(problems)


@pytest.mark.parametrize("kind", list(COMPARISONS))
@pytest.mark.parametrize("index", PLAN_INDEXES, ids=["air", "water", "soil"])
def test_plan(index: int, kind: str):
    assert plan_ids()[index] == ["air", "water", "soil"][index], "document.yml plans are not [air, water, soil]"
    _, problems = COMPARISONS[kind](index)
    _report(problems)


def test_units_are_registered():
    """Every unit the text names (brackets and ledger unit column) is a name or alias in units.yml."""
    registry = yaml.safe_load(UNITS.read_text(encoding="utf-8"))["units"]
    known = {u["name"]["zh"] for u in registry} | {a for u in registry for a in u.get("aliases") or []}
    missing = set()
    for p in parse_source().plans:
        groups = [r["responsible"] for r in p.ledger_rows]
        for t in p.tasks:
            groups.append(split_responsibility(t.body if t.heading_style else t.passage)[1] or "")
        for g in groups:
            missing |= {u for u in g.split("、") if u and u not in known}
    assert not missing, f"units printed in the text but not in units.yml: {sorted(missing)}"


def test_item_count():
    """Reports how many items are compared (see it with -s); fails if a comparison group compared nothing."""
    counts = {"notice": compare_notice()[0]}
    for index, pid in zip(PLAN_INDEXES, ["air", "water", "soil"]):
        for kind, fn in COMPARISONS.items():
            counts[f"{pid} {kind}"] = fn(index)[0]
    print(f"\ncompleteness: {sum(counts.values())} items compared: {counts}")
    expected_empty = {"air annexes", "soil annexes", "soil ledger"}
    assert {k for k, v in counts.items() if not v} == expected_empty
