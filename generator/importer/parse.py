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
from .tables import Annex, Ledger, Row, Table, is_ledger_title, parse_tail  # noqa: F401 (the parsed shapes)
from .text import CN, PART_RE, TASK_RE, Reader, Unplaced, cn_number, joined, paragraphs

CATEGORY_RE = re.compile(rf"[（(]\s*({CN})\s*[）)]\s*(.*)")       # （一）… / (九) …      (raw, stripped)
NUMBER_RE = re.compile(r".*〔(\d{4})〕(\d+)号")                    # 陵政办发〔2022〕22号
DATE_RE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
TITLE_IN_BODY = re.compile(r"《([^《》]+)》")
RESPONSIBILITY = re.compile(r"(责任单位|牵头单位|责任部门)")
OPENERS, CLOSERS, COLONS = "〔[（(", "〕]）)", "：:"


class SourceFormatError(ValueError):
    """The text is not a notice in the expected format at all (no plan found, no document number)."""


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


def parse_notice(text: str) -> Notice:
    reader = Reader(text)
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
        found = TITLE_IN_BODY.findall(joined(paragraph))
        if found:
            return set(found)
    return {normalise(line) for _, line in numbered
            if re.fullmatch(r".+\d{4}年(行动计划|工作方案|实施方案)", normalise(line))}


def _front(reader: Reader, paras: list[list[tuple[int, str]]], fields: dict) -> None:
    """number, title (ends with 通知), recipients (ends with ：), body, issuer, date, release note （…）."""
    expected = ["number", "title", "recipients", "body", "issuer", "issued", "release"]
    remaining = list(paras)
    for para in remaining:
        for i, _ in para:
            reader.claim(i)
    texts = [(joined(p), p[0][0] + 1) for p in remaining]
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


def _back(reader: Reader, paras: list[list[tuple[int, str]]], fields: dict) -> None:
    """抄送：… 。 / issuer / YYYY年M月D日印发."""
    for para in paras:
        for i, _ in para:
            reader.claim(i)
        text, line = joined(para), para[0][0] + 1
        if text.startswith(("抄送：", "抄送:")):
            fields["copied_to"] = (text[3:].removesuffix("。"), line)
        elif text.endswith("印发") and DATE_RE.fullmatch(text[:-2]):
            fields["printed"] = (text[:-2], line)
        elif "issuer" in fields and text == fields["issuer"][0]:
            fields["issuer_at_foot"] = (text, line)
        else:
            reader.unplaced.append(Unplaced(line, text[:40], "notice foot: not the copied-to line, the issuer or "
                                                             "the printing date"))


def _plan(reader: Reader, title: str, start: int, numbered: list[tuple[int, str]]) -> Plan:
    plan = Plan(title, start + 1, max((i + 1 for i, line in numbered if line.strip()), default=start + 1))
    tail = next((k for k, (_, line) in enumerate(numbered)
                 if line.strip().startswith("附件") or is_ledger_title(numbered, k)), len(numbered))
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
    plan.preamble = joined(preamble)

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
        part.text = joined(content)
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
    parse_tail(reader, plan, rest)
    return plan


def _tasks(reader: Reader, plan: Plan, numbered: list[tuple[int, str]]) -> None:
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


def _safeguards(reader: Reader, plan: Plan, numbered: list[tuple[int, str]]) -> None:
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
