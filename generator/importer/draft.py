"""Turn a parsed notice into draft data files (plain dicts in the schema's shape), and say what needs an editor.

Chinese fields hold the joined official wording; English fields are left empty for the translator; anchor ids
come from a short table of usual headings (else part-N, safeguard-N) and ledger-row links are proposals
(links.py). Everything an editor must decide or complete is collected in a `Findings`, with source line numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..deadlines import DeadlineError, parse_deadline
from ..source import normalise
from .emit import Commented
from .links import propose_links
from .parse import DATE_RE, NUMBER_RE, Item, Notice, Plan

UNIT_SEPARATOR = "、"


@dataclass
class Findings:
    """What the import could not decide or place; printed for the editor, each with its source line."""

    unplaced: list[tuple[int, str]] = field(default_factory=list)            # (line, message)
    unknown_units: dict[str, list[int]] = field(default_factory=dict)        # name -> lines
    unknown_deadlines: list[tuple[int, str, str]] = field(default_factory=list)   # (line, words, where)
    possible_deadlines: list[tuple[int, str, str]] = field(default_factory=list)  # (line, words, where)
    proposals: list[tuple[str, int, list[int], float]] = field(default_factory=list)  # (plan, row, tasks, score)
    drafted_ids: list[tuple[str, str, str]] = field(default_factory=list)   # (plan, anchor id, heading)
    untranslated: int = 0


def T(zh: str, findings: Findings) -> dict:
    """A bilingual field: the official Chinese, English left for the translator."""
    findings.untranslated += 1
    return {"zh": zh, "en": ""}


# Anchor ids of the usual headings (these ids are in URLs: #goals); anything else gets part-N / safeguard-N.
PART_IDS = {"总体要求": "requirements", "主要目标": "goals", "工作目标": "goals", "目标任务": "goals",
            "指导思想": "guiding-thought", "基本原则": "principles", "工作原则": "principles"}
SAFEGUARD_IDS = [("组织领导", "organization"), ("有奖举报", "reward-reporting"), ("部门联动", "coordination"),
                 ("信息化", "information-control"), ("源头管控", "source-control"), ("承诺", "commitment"),
                 ("督查", "inspection"), ("督导", "inspection"), ("经费", "funding"), ("资金", "funding"),
                 ("融资", "financing"), ("执法", "enforcement"), ("宣传", "publicity"), ("追责", "accountability"),
                 ("问责", "accountability"), ("信息公开", "disclosure"), ("考核", "assessment")]
PLAN_IDS = [("空气", "air"), ("大气", "air"), ("土壤", "soil"), ("噪声", "noise"), ("固体废物", "solid-waste"),
            ("水", "water"), ("农村", "rural"), ("生态", "ecology"), ("碳", "carbon")]

# Words that look like a time limit; a stretch of task text matching this that no known deadline form covers is
# reported, so a new form ("2023年第三季度末", "每半年") is not silently left out of the milestones.
DEADLINE_HINT = re.compile(r"(?:\d{4}年)?(?:第?[一二三四1-4]季度|[上下]半年|\d{1,2}月(?:[上中下]旬|\d{1,2}日)?|年底|年内|"
                           r"每(?:半年|年|季|月|周|旬)|一年内)[前底末内起]?")


def plan_ids(plans: list[Plan], given: list[str] | None) -> list[str]:
    if given:
        return given
    ids: list[str] = []
    for n, plan in enumerate(plans, 1):
        guess = next((pid for word, pid in PLAN_IDS if word in plan.title), f"plan-{n}")
        ids.append(guess if guess not in ids else f"{guess}-{n}")
    return ids


def document_id(notice: Notice) -> str | None:
    found = notice.year_and_number
    return f"{found[0]}-{found[1]}" if found else None


def _date(words: str) -> date | str:
    match = DATE_RE.fullmatch(words)
    try:
        return date(int(match[1]), int(match[2]), int(match[3])) if match else words
    except ValueError:
        return words


def draft_document(notice: Notice, doc_id: str, source_name: str, ids: list[str], findings: Findings) -> dict:
    f = notice.fields

    def zh(name: str) -> str:
        if name not in f:
            findings.unplaced.append((0, f"the notice's {name} was not found: fill it in document.yml"))
        return f.get(name, ("", 0))[0]

    return {
        "id": doc_id,
        "number": zh("number"),
        "english": Commented("pending", "delete this line when every English field is filled in"),
        "source": source_name,
        "issuer": T(zh("issuer"), findings),
        "title": T(zh("title"), findings),
        "issued": _date(zh("issued")),
        "printed": _date(zh("printed")),
        "release": T(zh("release"), findings),
        "recipients": T(zh("recipients"), findings),
        "body": T(zh("body"), findings),
        "copied_to": T(zh("copied_to"), findings),
        "plans": ids,
    }


class PlanDrafter:
    def __init__(self, plan: Plan, plan_id: str, year: int, alias_to_unit: dict[str, str], findings: Findings):
        self.plan, self.plan_id, self.year = plan, plan_id, year
        self.alias_to_unit, self.findings = alias_to_unit, findings

    def t(self, zh: str) -> dict:
        return T(zh, self.findings)

    def units(self, responsible: str | None, line: int, where: str) -> str:
        if responsible is None:
            self.findings.unplaced.append((line, f"{self.plan_id} {where}: no responsibility bracket "
                                                 f"(〔责任单位：…〕) at its end; fill in `responsible`"))
            return ""
        for name in responsible.split(UNIT_SEPARATOR):
            if name not in self.alias_to_unit:
                self.findings.unknown_units.setdefault(name, []).append(line)
        return responsible

    def deadline(self, words: str, line: int, where: str) -> str:
        try:
            parse_deadline(words, self.year)
        except DeadlineError as error:
            self.findings.unknown_deadlines.append((line, words, f"{self.plan_id} {where}: {error}"))
        return words

    def milestones(self, text: str, line: int, where: str) -> list[str]:
        found, covered = milestones_in(text, self.year)
        for match in DEADLINE_HINT.finditer(text):
            if not any(start <= match.start() < end for start, end in covered):
                self.findings.possible_deadlines.append((line, match.group(), f"{self.plan_id} {where}"))
        return found

    def part_id(self, heading: str, n: int, used: set[str]) -> str:
        anchor = PART_IDS.get(heading, f"part-{n}")
        anchor = anchor if anchor not in used else f"part-{n}"
        used.add(anchor)
        self.findings.drafted_ids.append((self.plan_id, anchor, heading))
        return anchor

    def safeguard_id(self, title: str, n: int, used: set[str]) -> str:
        anchor = next((a for word, a in SAFEGUARD_IDS if word in title), f"safeguard-{n}")
        anchor = anchor if anchor not in used else f"safeguard-{n}"
        used.add(anchor)
        self.findings.drafted_ids.append((self.plan_id, anchor, title))
        return anchor

    def draft(self) -> dict:
        plan = self.plan
        used: set[str] = set()
        out: dict = {"id": self.plan_id, "title": self.t(plan.title), "preamble": self.t(plan.preamble)}
        out["parts"] = [{"id": self.part_id(p.heading, p.number, used), "heading": self.t(p.heading),
                         "text": self.t(p.text)} for p in plan.parts]
        if not out["parts"]:
            del out["parts"]
        out["tasks_heading"] = self.t(plan.tasks_part.heading if plan.tasks_part else "")
        styles = {task.heading_style for task in plan.tasks}
        if styles == {True}:
            out["task_title_style"] = "heading"
        elif styles == {True, False}:
            mixed = [t.number for t in plan.tasks if t.heading_style]
            self.findings.unplaced.append((plan.line, f"{self.plan_id}: tasks {mixed} print their title on a line of "
                                                      f"its own, the others as a lead sentence; all were drafted as "
                                                      f"lead sentences (task_title_style: sentence): check them"))
        out["categories"] = self.categories()
        out["safeguards_heading"] = self.t(plan.safeguards_part.heading if plan.safeguards_part else "")
        out["safeguards"] = [self.safeguard(s, used) for s in plan.safeguards]
        if plan.attachments:
            out["attachments"] = [self.t(title) for _, title, _ in plan.attachments]
        if plan.annexes:
            out["annexes"] = [self.annex(a) for a in plan.annexes]
        if plan.ledger:
            out["ledger"] = self.ledger()
        return out

    def categories(self) -> list[dict]:
        out = []
        for number, title, line in self.plan.categories:
            tasks = [self.task(t) for t in self.plan.tasks if t.category == number]
            if not tasks:
                self.findings.unplaced.append((line, f"{self.plan_id} category {number} has no tasks"))
            out.append({"number": number, "title": self.t(title), "tasks": tasks})
        return out

    def task(self, item: Item) -> dict:
        title, text, responsible = item.split()
        where = f"task {item.number}"
        out = {"number": item.number, "title": self.t(title), "text": self.t(text),
               "responsible": self.units(responsible, item.line, where)}
        milestones = self.milestones(title + "。" + text, item.line, where)
        if milestones:
            out["milestones"] = milestones
        return out

    def safeguard(self, item: Item, used: set[str]) -> dict:
        if item.heading_style:
            title, text = normalise(item.first), normalise("\n".join(item.more))
        else:
            title, _, text = item.passage.partition("。")
        return {"number": item.number, "id": self.safeguard_id(title, item.number, used), "title": self.t(title),
                "text": self.t(text)}

    def annex(self, annex) -> dict:
        self.findings.drafted_ids.append((self.plan_id, f"annex-{annex.number}", annex.title))
        return {"number": annex.number, "id": f"annex-{annex.number}", "title": self.t(annex.title),
                "tables": [{"columns": [self.t(c) for c in table.columns],
                            "rows": [[self.t(cell) for cell in cells] for _, cells in table.rows]}
                           for table in annex.tables]}

    def ledger(self) -> dict:
        ledger = self.plan.ledger
        columns = {}
        for key in ("category", "number", "text", "deadline", "responsible", "remarks"):
            if key == "remarks" and key not in ledger.columns:
                continue  # a ledger may print no remarks column
            if key not in ledger.columns:
                self.findings.unplaced.append((ledger.line, f"{self.plan_id} ledger: no {key} column was recognised "
                                                            f"in the heading row; fill in ledger.columns.{key}"))
            columns[key] = self.t(ledger.columns.get(key, ""))
        links = propose_links(self.plan, ledger)
        categories = []
        for number, title, _ in ledger.categories:
            rows = []
            for row in (r for r in ledger.rows if r.category == number):
                where = f"ledger row {row.number}"
                tasks, score = links.get(row.number, ([], 0.0))
                self.findings.proposals.append((self.plan_id, row.number, tasks, score))
                out = {"number": row.number, "text": self.t(row.cells.get("text", "")),
                       "deadline": self.deadline(row.cells.get("deadline", ""), row.line, where),
                       "responsible": self.units(row.cells.get("responsible"), row.line, where),
                       "implements": Commented(tasks, f"proposed by import (similarity {score:.2f}): confirm")}
                if row.cells.get("remarks"):
                    out["remarks"] = self.t(row.cells["remarks"])
                rows.append(out)
            categories.append({"number": number, "title": self.t(title), "rows": rows})
        return {"title": self.t(ledger.title), "columns": columns, "categories": categories}


def milestones_in(text: str, year: int) -> tuple[list[str], list[tuple[int, int]]]:
    """The deadline words in a task's text, in order: at each place where a deadline may begin, the longest
    stretch the deadline parser accepts (so 2022年8月底前, not 8月底前 inside it)."""
    found, covered = [], []
    i = 0
    while i < len(text):
        if text[i] in "0123456789长每秋自" and not (i and text[i - 1].isdigit()):
            for end in range(min(len(text), i + 16), i, -1):
                try:
                    parse_deadline(text[i:end], year)
                except DeadlineError:
                    continue
                if text[i:end] not in found:  # the same words twice are one milestone
                    found.append(text[i:end])
                covered.append((i, end))
                i = end - 1
                break
        i += 1
    return found, covered


def number_matches_id(notice: Notice, doc_id: str) -> bool:
    match = NUMBER_RE.fullmatch(notice.fields.get("number", ("", 0))[0])
    return bool(match) and doc_id == f"{match[1]}-{match[2]}"
