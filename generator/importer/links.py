"""Propose which body task each ledger row carries out, from the two texts.

A ledger row usually restates part of one task (often word for word), under a ledger category that mirrors the
task's body category. The score is the share of the row's character pairs found in the task (title and text),
plus a small bonus when the row's ledger category has the same title as the task's category. The best task is
proposed; the editor confirms every proposal (the draft marks each one), since the link is an editorial judgement.
"""
from __future__ import annotations

from .parse import Ledger, Plan

CATEGORY_BONUS = 0.1


def pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def containment(row: str, task: str) -> float:
    """Share of the row's character pairs that occur in the task."""
    wanted = pairs(row)
    return len(wanted & pairs(task)) / len(wanted) if wanted else 0.0


def propose_links(plan: Plan, ledger: Ledger) -> dict[int, tuple[list[int], float]]:
    """Ledger row number -> ([proposed task number], share of the row's character pairs found in that task)."""
    category_titles = {number: title for number, title, _ in plan.categories}
    ledger_titles = {number: title for number, title, _ in ledger.categories}
    tasks = [(task.number, task.passage, category_titles.get(task.category, "")) for task in plan.tasks]
    out = {}
    for row in ledger.rows:
        text = row.cells.get("text", "")
        row_category = ledger_titles.get(row.category, "")
        scored = [(containment(text, passage) + (CATEGORY_BONUS if title == row_category else 0.0),
                   containment(text, passage), number) for number, passage, title in tasks]
        if scored:
            _, share, number = max(scored)
            out[row.number] = ([number], round(share, 2))
    return out
