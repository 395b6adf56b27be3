"""Parse a converted notice text (the format of data/source/) into numbered parts, each with its source line.

The text is read by line patterns only: the notice's front matter, each plan (found by the titles the notice body
names in 《》), its numbered parts (一、…), body categories (（一）…) and tasks (N. …), safeguards, the attachment
list, annex tables and the ledger (tab-separated rows, repeated title and heading row on every printed page).
Every non-blank line is claimed by exactly one parsed part; a line that fits nowhere is kept in `unplaced` with
its line number and the reason, never dropped silently. Chinese is joined with `source.normalise`, the same rule
`check` compares against (page breaks joined, conversion marks undone, nothing else changed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..source import normalise

NUMERALS = "一二三四五六七八九十"
CN = f"[{NUMERALS}]+"
PART_RE = re.compile(rf"({CN})、(\S.*)")                          # 一、总体要求            (normalised)
CATEGORY_RE = re.compile(rf"[（(]\s*({CN})\s*[）)]\s*(.*)")       # （一）… / (九) …      (raw, stripped)
TASK_RE = re.compile(r"(\d+)\s*[.．]\s*(\S.*)")                  # 1. …                 (raw, stripped)
ATTACHMENT_RE = re.compile(r"附件[：:]\s*(\d+)\s*[.．]\s*(.*)")   # 附件：1. …
ANNEX_RE = re.compile(r"附件\s*(\d+)")                            # 附件 1
NUMBER_RE = re.compile(r".*〔(\d{4})〕(\d+)号")                    # 陵政办发〔2022〕22号
DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
TITLE_IN_BODY = re.compile(r"《([^《》]+)》")
RESPONSIBILITY = re.compile(r"(责任单位|牵头单位|责任部门)")
OPENERS, CLOSERS, COLONS = "〔[（(", "〕]）)", "：:"


def cn_number(numeral: str) -> int:
    """一 … 十, 十一 … 九十九."""
    if "十" not in numeral:
        return NUMERALS.index(numeral) + 1
    tens, _, ones = numeral.partition("十")
    return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0)


class SourceFormatError(ValueError):
    """The text is not a notice in the expected format at all (no plan found, no document number)."""


@dataclass
class Unplaced:
    line: int          # 1-based source line
    text: str
    reason: str


@dataclass
class Item:
    """A numbered passage (task or safeguard): its first line after the marker and its continuation lines."""

    number: int
    line: int
    first: str
    more: list[str] = field(default_factory=list)
    category: int | None = None

    @property
    def heading_style(self) -> bool:
        """A heading line of its own (no 。), the text in the lines below (the soil plan's style)."""
        return bool(self.more) and "。" not in normalise(self.first)

    @property
    def passage(self) -> str:
        return normalise("\n".join([self.first, *self.more]))

    @property
    def heading(self) -> str:
        return normalise(self.first)

    @property
    def body(self) -> str:
        return normalise("\n".join(self.more))

    def split(self) -> tuple[str, str, str | None]:
        """(title, text, responsible units as printed or None). The title is the heading line or the lead
        sentence (without its 。); the responsibility bracket at the end is taken out of the text."""
        if self.heading_style:
            title, rest = self.heading, self.body
        else:
            title, _, rest = self.passage.partition("。")
        text, units = split_responsibility(rest)
        return title, text, units


def split_responsibility(passage: str) -> tuple[str, str | None]:
    """(text before the bracket, units inside it). The bracket is printed inconsistently: 〔责任单位：…〕 with
    [ ] （ ） ( ) and ： or : in any mix; only a bracket that closes the passage counts."""
    for match in reversed(list(RESPONSIBILITY.finditer(passage))):
        k, end = match.start(), match.end()
        if k < 1 or end >= len(passage) - 1:
            continue
        if passage[k - 1] in OPENERS and passage[end] in COLONS and passage[-1] in CLOSERS:
            return passage[:k - 1], passage[end + 1:-1]
    return passage, None


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


@dataclass
class Part:
    number: int
    heading: str
    line: int
    text: str = ""


@dataclass
class Plan:
    title: str
    line: int
    last_line: int = 0
    preamble: str = ""
    parts: list[Part] = field(default_factory=list)         # the numbered parts before the tasks
    tasks_part: Part | None = None
    safeguards_part: Part | None = None
    categories: list[tuple[int, str, int]] = field(default_factory=list)
    tasks: list[Item] = field(default_factory=list)
    safeguards: list[Item] = field(default_factory=list)
    attachments: list[tuple[int, str, int]] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    ledger: Ledger | None = None


@dataclass
class Notice:
    lines: list[str]
    fields: dict[str, tuple[str, int]]      # number, title, recipients, body, issuer, issued, release, copied_to,
    plans: list[Plan]                       # printed: (normalised text, source line)
    unplaced: list[Unplaced]
    claimed: set[int]                       # 0-based indexes of the non-blank lines some part owns

    @property
    def year_and_number(self) -> tuple[int, int] | None:
        match = NUMBER_RE.fullmatch(self.fields.get("number", ("", 0))[0])
        return (int(match[1]), int(match[2])) if match else None


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


class _Reader:
    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.claimed: set[int] = set()
        self.unplaced: list[Unplaced] = []

    def claim(self, i: int) -> None:
        self.claimed.add(i)

    def unplace(self, i: int, reason: str) -> None:
        self.claimed.add(i)
        self.unplaced.append(Unplaced(i + 1, self.lines[i].strip(), reason))


def paragraphs(numbered: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    out: list[list[tuple[int, str]]] = [[]]
    for i, line in numbered:
        if line.strip():
            out[-1].append((i, line))
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def _joined(paragraph: list[tuple[int, str]]) -> str:
    return normalise("\n".join(line for _, line in paragraph))


def parse_notice(text: str) -> Notice:
    reader = _Reader(text)
    lines = reader.lines
    numbered = list(enumerate(lines))
    front_end = next((i for i, line in numbered if normalise(line).startswith("抄送")), len(lines))
    titles = _plan_titles(numbered[:front_end])
    starts = [i for i, line in numbered[:front_end] if "\t" not in line and normalise(line) in titles]
    if not starts:
        raise SourceFormatError("no plan title found: the notice body should name its plans in 《…》 and each plan "
                                "should begin with its title on a line of its own")
    fields: dict[str, tuple[str, int]] = {}
    _front(reader, paragraphs(numbered[:starts[0]]), fields)
    _back(reader, paragraphs(numbered[front_end:]), fields)
    plans = []
    for start, end in zip(starts, [*starts[1:], front_end]):
        reader.claim(start)
        plans.append(_plan(reader, normalise(lines[start]), start, numbered[start + 1:end]))
    if "number" not in fields:
        raise SourceFormatError("no document number (such as 陵政办发〔2022〕22号) in the lines before the first plan")
    return Notice(lines, fields, plans, sorted(reader.unplaced, key=lambda u: u.line), reader.claimed)


def _plan_titles(numbered: list[tuple[int, str]]) -> set[str]:
    """The plan titles the notice names in 《》 (its first paragraph that names any: the title or the body); a
    notice naming none falls back to lines that read like a plan title."""
    for paragraph in paragraphs(numbered):
        found = TITLE_IN_BODY.findall(_joined(paragraph))
        if found:
            return set(found)
    return {normalise(line) for _, line in numbered
            if re.fullmatch(r".+\d{4}年(行动计划|工作方案|实施方案)", normalise(line))}


def _front(reader: _Reader, paras: list[list[tuple[int, str]]], fields: dict) -> None:
    """number, title (ends with 通知), recipients (ends with ：), body, issuer, date, release note （…）."""
    expected = ["number", "title", "recipients", "body", "issuer", "issued", "release"]
    remaining = list(paras)
    for para in remaining:
        for i, _ in para:
            reader.claim(i)
    texts = [(_joined(p), p[0][0] + 1) for p in remaining]
    slots: dict[str, tuple[str, int]] = {}
    k = 0
    if k < len(texts) and NUMBER_RE.fullmatch(texts[k][0]):
        slots["number"] = texts[k]
        k += 1
    if k < len(texts) and texts[k][0].endswith("通知"):
        slots["title"] = texts[k]
        k += 1
    if k < len(texts) and texts[k][0].endswith(("：", ":")):
        slots["recipients"] = (texts[k][0][:-1], texts[k][1])
        k += 1
    # the date closes the signed part: issuer just before it, body between recipients and issuer
    date_at = next((j for j in range(k, len(texts)) if DATE_RE.fullmatch(texts[j][0])), None)
    if date_at is not None and date_at - 1 > k:
        body = texts[k:date_at - 1]
        slots["body"] = ("\n\n".join(t for t, _ in body), body[0][1])
        slots["issuer"] = texts[date_at - 1]
        slots["issued"] = texts[date_at]
        k = date_at + 1
    if k < len(texts) and texts[k][0][:1] in "（(" and texts[k][0][-1:] in "）)":
        slots["release"] = (texts[k][0][1:-1], texts[k][1])
        k += 1
    for text, line in texts[k:]:
        reader.unplaced.append(Unplaced(line, text[:40], "notice front matter: not a number, title, recipients, "
                                                         "body, signature, date or release note"))
    for name in expected:
        if name in slots:
            fields[name] = slots[name]


def _back(reader: _Reader, paras: list[list[tuple[int, str]]], fields: dict) -> None:
    """抄送：… 。 / issuer / YYYY年M月D日印发."""
    for para in paras:
        for i, _ in para:
            reader.claim(i)
        text, line = _joined(para), para[0][0] + 1
        if text.startswith(("抄送：", "抄送:")):
            fields["copied_to"] = (text[3:].removesuffix("。"), line)
        elif text.endswith("印发") and DATE_RE.fullmatch(text[:-2]):
            fields["printed"] = (text[:-2], line)
        elif "issuer" in fields and text == fields["issuer"][0]:
            fields["issuer_at_foot"] = (text, line)
        else:
            reader.unplaced.append(Unplaced(line, text[:40], "notice foot: not the copied-to line, the issuer or "
                                                             "the printing date"))


def _is_ledger_title(numbered: list[tuple[int, str]], k: int) -> bool:
    """A line of its own ending in 台账 followed by a tab-separated table."""
    i, line = numbered[k]
    if "\t" in line or not normalise(line).endswith("台账") or TASK_RE.fullmatch(line.strip()):
        return False
    following = next((l for _, l in numbered[k + 1:] if l.strip()), "")
    return "\t" in following


def _plan(reader: _Reader, title: str, start: int, numbered: list[tuple[int, str]]) -> Plan:
    plan = Plan(title, start + 1, max((i + 1 for i, line in numbered if line.strip()), default=start + 1))
    tail = next((k for k, (_, line) in enumerate(numbered)
                 if line.strip().startswith("附件") or _is_ledger_title(numbered, k)), len(numbered))
    body, rest = numbered[:tail], numbered[tail:]

    sections: list[tuple[Part, list[tuple[int, str]]]] = []
    preamble: list[tuple[int, str]] = []
    for i, line in body:
        match = PART_RE.fullmatch(normalise(line)) if "\t" not in line else None
        if match:
            reader.claim(i)
            sections.append((Part(cn_number(match[1]), match[2], i + 1), []))
        elif sections:
            sections[-1][1].append((i, line))
        elif line.strip():
            reader.claim(i)
            preamble.append((i, line))
    plan.preamble = _joined(preamble)

    def opens_with_category(content):
        first = next((line.strip() for _, line in content if line.strip()), "")
        return bool(CATEGORY_RE.match(first)) and "。" not in normalise(first)

    tasks_at = next((k for k, (_, content) in enumerate(sections) if opens_with_category(content)), None)
    if tasks_at is None:
        for i, line in body:
            if i not in reader.claimed and line.strip():
                reader.unplace(i, "no part of this plan opens with a category line such as （一）…, so its tasks "
                                  "cannot be found")
        return plan
    for part, content in sections[:tasks_at]:
        for i, line in content:
            if line.strip():
                reader.claim(i)
        part.text = _joined(content)
        plan.parts.append(part)
    plan.tasks_part, task_lines = sections[tasks_at]
    _tasks(reader, plan, task_lines)
    if tasks_at + 1 < len(sections):
        plan.safeguards_part, safeguard_lines = sections[tasks_at + 1]
        _safeguards(reader, plan, safeguard_lines)
    for part, content in sections[tasks_at + 2:]:
        reader.unplace(part.line - 1, f"a part after the safeguards ({part.heading}) has no place in a plan")
        for i, line in content:
            if line.strip():
                reader.unplace(i, f"inside part {part.number} ({part.heading}), after the safeguards")
    _tail(reader, plan, rest)
    return plan


def _tasks(reader: _Reader, plan: Plan, numbered: list[tuple[int, str]]) -> None:
    """（一） category lines, then N. tasks numbered through the plan; other lines continue the current task."""
    current: Item | None = None
    category: int | None = None
    for i, line in numbered:
        stripped = line.strip()
        if not stripped:
            continue
        reader.claim(i)
        category_match = CATEGORY_RE.fullmatch(stripped)
        task_match = TASK_RE.fullmatch(stripped)
        expected = plan.tasks[-1].number + 1 if plan.tasks else 1
        if category_match and "。" not in stripped:
            category = cn_number(category_match[1])
            plan.categories.append((category, normalise(category_match[2]), i + 1))
            current = None
        elif task_match and int(task_match[1]) == expected:
            current = Item(expected, i + 1, task_match[2], category=category)
            plan.tasks.append(current)
        elif current is None:
            reader.unplace(i, "text before the first task of its category")
        else:
            current.more.append(line)


def _safeguards(reader: _Reader, plan: Plan, numbered: list[tuple[int, str]]) -> None:
    current: Item | None = None
    for i, line in numbered:
        stripped = line.strip()
        if not stripped:
            continue
        reader.claim(i)
        match = CATEGORY_RE.fullmatch(stripped)
        expected = plan.safeguards[-1].number + 1 if plan.safeguards else 1
        if match and cn_number(match[1]) == expected:
            current = Item(expected, i + 1, match[2])
            plan.safeguards.append(current)
        elif current is None:
            reader.unplace(i, "text before the first safeguard")
        else:
            current.more.append(line)


def _tail(reader: _Reader, plan: Plan, numbered: list[tuple[int, str]]) -> None:
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
        elif _is_ledger_title(numbered, k):
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
                    plan.ledger = Ledger(i + 1, normalise(_previous_title(numbered, k)), columns)
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


def _previous_title(numbered, k: int) -> str:
    return next(line for _, line in reversed(numbered[:k]) if line.strip())


def _annex_row(reader: _Reader, annex: Annex, i: int, cells: list[str]) -> None:
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


def _ledger_row(reader: _Reader, ledger: Ledger, keys: list[str | None], category: int | None, i: int,
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
