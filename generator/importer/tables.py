"""What follows a plan's safeguards: the attachment list, the annex tables and the ledger, whose tab-separated rows
repeat the ledger's title and heading row on every printed page. Ledger columns are known by their headings, which
vary between plans (LEDGER_HEADINGS), not by their order."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..source import normalise
from .text import PART_RE, TASK_RE, Reader, Unplaced, cn_number

ATTACHMENT_RE = re.compile(r"附件[：:]\s*(\d+)\s*[.．]\s*(.*)")   # 附件：1. …
ANNEX_RE = re.compile(r"附件\s*(\d+)")                            # 附件 1


@dataclass
class Row:
    """A ledger row: its cells by meaning (category, number, text, deadline, responsible, remarks)."""

    line: int
    category: int | None
    number: int
    cells: dict[str, str]


@dataclass
class Table:
    line: int
    columns: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass
class Annex:
    number: int
    line: int
    title: str = ""
    tables: list[Table] = field(default_factory=list)


@dataclass
class Ledger:
    line: int
    title: str
    columns: dict[str, str]                       # meaning -> heading as printed
    categories: list[tuple[int, str, int]] = field(default_factory=list)  # (number, title, line)
    rows: list[Row] = field(default_factory=list)


# Ledger heading rows name their columns in words that vary between plans; each meaning has its usual headings.
LEDGER_HEADINGS = {
    "category": ("任务类别", "类别", "工作类别", "重点任务", "项目类别"),
    "number": ("序号", "编号"),
    "text": ("具体措施", "工作任务", "任务内容", "工作内容", "主要任务", "具体任务", "工作措施", "重点工作"),
    "deadline": ("完成时限", "完成时间", "时间节点", "时限要求", "完成期限", "时限"),
    "responsible": ("牵头单位", "责任单位", "责任部门", "牵头部门", "责任主体"),
    "remarks": ("备注",),
}


def ledger_meaning(heading: str) -> str | None:
    return next((key for key, words in LEDGER_HEADINGS.items() if heading in words), None)


def is_ledger_title(numbered: list[tuple[int, str]], k: int) -> bool:
    """A line of its own ending in 台账 followed by a tab-separated table."""
    i, line = numbered[k]
    if "\t" in line or not normalise(line).endswith("台账") or TASK_RE.fullmatch(line.strip()):
        return False
    following = next((l for _, l in numbered[k + 1:] if l.strip()), "")
    return "\t" in following


def parse_tail(reader: Reader, plan, numbered: list[tuple[int, str]]) -> None:
    """附件：1. … 2. …; 附件 N + title + tab tables; ledger title + tab tables (title and heading row repeated on
    every printed page)."""
    mode = None
    annex: Annex | None = None
    ledger_category: int | None = None
    ledger_keys: list[str | None] = []
    for k, (i, line) in enumerate(numbered):
        stripped = line.strip()
        if not stripped:
            continue
        reader.claim(i)
        if match := ATTACHMENT_RE.fullmatch(stripped):
            mode = "attachments"
            plan.attachments.append((int(match[1]), normalise(match[2]), i + 1))
        elif normalise(stripped) in ("附件：", "附件:"):  # the list's items on the lines below
            mode = "attachments"
        elif mode == "attachments" and (match := TASK_RE.fullmatch(stripped)) and "\t" not in line:
            plan.attachments.append((int(match[1]), normalise(match[2]), i + 1))
        elif match := ANNEX_RE.fullmatch(stripped):
            mode = "annex-title"
            annex = Annex(int(match[1]), i + 1)
            plan.annexes.append(annex)
        elif mode == "annex-title" and "\t" not in line:
            annex.title = normalise(stripped)
            mode = "annex"
        elif is_ledger_title(numbered, k):
            title = normalise(line)
            if plan.ledger and title != plan.ledger.title:
                reader.unplaced.append(Unplaced(i + 1, stripped, f"ledger title differs from the one on line "
                                                                 f"{plan.ledger.line}: {plan.ledger.title}"))
            mode = "ledger-heading"
        elif "\t" in line:
            cells = [normalise(c) for c in line.split("\t")]
            if mode == "annex":
                _annex_row(reader, annex, i, cells)
            elif mode == "ledger-heading":
                keys = [ledger_meaning(c) for c in cells]
                columns = {key: c for key, c in zip(keys, cells) if key}
                if plan.ledger is None:
                    plan.ledger = Ledger(i + 1, normalise(previous_title(numbered, k)), columns)
                    for c, key in zip(cells, keys):
                        if key is None and c:
                            reader.unplaced.append(Unplaced(i + 1, c, "ledger column heading not understood: its "
                                                                      "cells are not imported"))
                elif columns != plan.ledger.columns:
                    reader.unplaced.append(Unplaced(i + 1, stripped, f"ledger heading row differs from the one "
                                                                     f"on line {plan.ledger.line}"))
                ledger_keys = keys
                mode = "ledger"
            elif mode == "ledger":
                ledger_category = _ledger_row(reader, plan.ledger, ledger_keys, ledger_category, i, cells)
            else:
                reader.unplace(i, "table row outside an annex or a ledger")
        else:
            reader.unplace(i, "after the safeguards: not an attachment, annex or ledger line")


def previous_title(numbered, k: int) -> str:
    return next(line for _, line in reversed(numbered[:k]) if line.strip())


def _annex_row(reader: Reader, annex: Annex, i: int, cells: list[str]) -> None:
    if cells[0] in LEDGER_HEADINGS["number"]:
        while cells and not cells[-1]:
            cells.pop()
        annex.tables.append(Table(i + 1, cells))
        return
    if not annex.tables:
        reader.unplace(i, "annex row before the table's heading row (序号 …)")
        return
    width = len(annex.tables[-1].columns)
    if any(cells[width:]):
        reader.unplaced.append(Unplaced(i + 1, "\t".join(cells[width:]), "annex row has more cells than headings"))
    annex.tables[-1].rows.append((i + 1, (cells + [""] * width)[:width]))


def _ledger_row(reader: Reader, ledger: Ledger, keys: list[str | None], category: int | None, i: int,
                cells: list[str]) -> int | None:
    values = {key: cell for key, cell in zip(keys, cells) if key}
    if not values.get("number", "").isdigit():
        reader.unplace(i, "ledger row without a number in its 序号 column")
        return category
    if not values.get("category") and category is None:
        reader.unplace(i, "ledger row before any row naming its category (the 任务类别 column)")
        return category
    if values.get("category"):
        match = PART_RE.fullmatch(values["category"])
        if match:
            category = cn_number(match[1])
            ledger.categories.append((category, match[2], i + 1))
        else:
            category = len(ledger.categories) + 1
            ledger.categories.append((category, values["category"], i + 1))
    if any(cells[len(keys):]):
        reader.unplaced.append(Unplaced(i + 1, "\t".join(cells[len(keys):]), "ledger row has more cells than the "
                                                                             "heading row"))
    ledger.rows.append(Row(i + 1, category, int(values["number"]), values))
    return category
