"""Fidelity: every official Chinese string in the data must occur in the verbatim source (after the normalisation
in source.py). Editor's notes and glossary explanations are the site's own words and are not checked."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from pydantic import BaseModel

from .load import LoadedFile, Loc
from . import models
from .models import Note, Text
from .problems import Problem, Problems, display_path
from .source import Source, normalise

OFFICIAL_STRING_FIELDS = {"responsible", "deadline", "number", "zh", "aliases", "milestones"}


def official_chinese(node, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every official Chinese string in a model, with its loc. Editor's notes and explanations are the site's own."""
    if isinstance(node, Note):
        return
    if isinstance(node, Text):
        yield loc + ("zh",), node.zh
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "explanation":
                continue
            if name in OFFICIAL_STRING_FIELDS and isinstance(value, str):
                yield loc + (name,), value
            elif name in OFFICIAL_STRING_FIELDS and isinstance(value, list) and all(isinstance(v, str) for v in value):
                yield from ((loc + (name, i), v) for i, v in enumerate(value))
            else:
                yield from official_chinese(value, loc + (name,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from official_chinese(value, loc + (i,))


def read_source(path: Path, problems: Problems) -> Source | None:
    """The verbatim source, or None (reported once) when it cannot be read: fidelity is then not checked."""
    source = Source(path)
    try:
        source.text
    except (OSError, UnicodeDecodeError) as error:
        problems.add(Problem(display_path(path), 1, 1, "(file)", f"cannot read the verbatim source: {error}",
                             "missing-file"))
        return None
    return source


def check_fidelity(model: BaseModel, file: LoadedFile, source: Source | None, problems: Problems) -> None:
    if source is None:
        return
    for loc, text in official_chinese(model):
        if any(ch.isspace() for ch in text):
            problems.add(file.problem(loc, "Chinese text must not contain whitespace (the source's spaces are "
                                           "conversion marks)", "whitespace-in-chinese"))
        elif not source.contains(text):
            problems.add(file.problem(loc, f"Chinese text not found in the source: '{_clip(text)}'",
                                      "not-in-source"))


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "…"


# --- fidelity by position ---------------------------------------------------------------------------------------
# Each item's Chinese must be the source's text for that item, not merely somewhere in the source: the fields of
# an item are found in the source in order, right after the item's own number, with nothing between them but the
# printed frame (the 。 closing a lead sentence, the 〔责任单位： bracket), so a cut text or two swapped texts fail.

FRAME = re.compile(r"[。.．]?[〔\[［【（(]?(?:责任单位|牵头单位|责任部门)?[：:]?")  # what may separate an item's fields
CLOSING = re.compile(r"[〕\]］】）)]")                                            # what follows its units


def plan_items(plan: models.Plan) -> Iterator[tuple[str, int, list[tuple[Loc, str]]]]:
    """(kind, number, [(loc, official Chinese)…]) of every task and ledger row, in the order printed."""
    for c, category in enumerate(plan.categories):
        for t, task in enumerate(category.tasks):
            loc = ("categories", c, "tasks", t)
            yield "task", task.number, [(loc + ("title", "zh"), task.title.zh), (loc + ("text", "zh"), task.text.zh),
                                        (loc + ("responsible",), task.responsible)]
    for c, category in enumerate(plan.ledger.categories if plan.ledger else []):
        for r, row in enumerate(category.rows):
            loc = ("ledger", "categories", c, "rows", r)
            yield "ledger row", row.number, [(loc + ("text", "zh"), row.text.zh), (loc + ("deadline",), row.deadline),
                                             (loc + ("responsible",), row.responsible)]


def check_positions(plan: models.Plan, file: LoadedFile, source: Source | None, problems: Problems) -> None:
    """Every item of the plan at its own place in the source (see above). Strings not in the source at all are
    reported by check_fidelity and skipped here."""
    if source is None:
        return
    text = source.text
    start = text.find(normalise(plan.preamble.zh))
    cursor = max(start, 0)
    previous = None
    for kind, number, fields in plan_items(plan):
        values = [normalise(value) for _, value in fields]
        if not all(source.contains(value) for value in values):
            continue
        (loc, _), first = fields[0], values[0]
        at = _find_after_number(text, first, number, cursor)
        if at is None:
            where = f"after {previous}" if previous else "in its plan"
            problems.add(file.problem(loc, f"not at {kind} {number}'s place in the source: the source has no "
                                           f"'{number}' followed by this text {where} (swapped or misnumbered?)",
                                      "out-of-place"))
            continue
        # a ledger prints its columns in the notice's own order (2022-22: 完成时限 before 牵头单位; others the
        # reverse): the row is in place if its fields follow one another in either order
        found = [_follow(text, kind, number, order, at + len(first), file) for order in _orders(kind, fields, values)]
        end, placed = next(((end, []) for end, placed in found if not placed), found[0])
        for problem in placed:
            problems.add(problem)
        cursor, previous = end, f"{kind} {number}"


def _orders(kind: str, fields: list, values: list[str]) -> list[list[tuple[tuple, str]]]:
    """The orders in which an item's fields (loc, value) may be printed: tasks one, ledger rows two."""
    pairs = [(loc, value) for (loc, _), value in zip(fields, values)]
    return [pairs, [pairs[0], pairs[2], pairs[1]]] if kind == "ledger row" else [pairs]


def _follow(text: str, kind: str, number: int, pairs: list, end: int, file: LoadedFile) -> tuple[int, list[Problem]]:
    """Where the item's last field ends in the source if each field follows the previous one there, separated only
    by the printed frame; and the problems found if not."""
    out: list[Problem] = []
    for (loc, _), (next_loc, value) in zip(pairs, pairs[1:]):
        found = text.find(value, end)
        gap = text[end:found] if found >= 0 else text[end:end + 40]
        if found < 0 or not FRAME.fullmatch(gap):
            frame = FRAME.match(gap).end()
            if found >= 0 and not frame:  # this field stops short of the source's text
                out.append(file.problem(loc, f"not the source's whole text for {kind} {number}: the source "
                                             f"goes on with '{_clip(gap)}'", "text-cut"))
            else:                         # the next field is not what the source has there
                out.append(file.problem(next_loc, f"not the source's text for {kind} {number}: the source "
                                                  f"has '{_clip(text[end + frame:end + frame + 40])}' here",
                                        "out-of-place"))
            return end, out
        end = found + len(value)
    if kind == "task" and not CLOSING.match(text, end):
        out.append(file.problem(pairs[-1][0], f"not the source's whole unit list for task {number}: the "
                                              f"source goes on with '{_clip(text[end:end + 40])}'", "text-cut"))
    return end, out


def _find_after_number(text: str, value: str, number: int, cursor: int) -> int | None:
    """The first place at or after `cursor` where `value` follows the item's number (`15.`, `15．`, `15、` or the
    ledger's `15` cell), with no other digit before the number."""
    digits = str(number)
    at = text.find(value, cursor)
    while at >= 0:
        for begin in (at - len(digits), at - len(digits) - 1):
            if begin >= cursor and text[begin:begin + len(digits)] == digits and \
                    text[begin + len(digits):at] in ("", ".", "．", "、") and not (begin and text[begin - 1].isdigit()):
                return at
        at = text.find(value, at + 1)
    return None
