"""Counts: the source, as the importer's parser reads it (site_helpers.source_structure), has the parts DESIGN.md
lists; the YAML has exactly those parts, in the same categories; every numbered part is on the site."""
from __future__ import annotations

import json

import pytest

from site_helpers import SITE, built_site, item_page, plans, source_structure  # noqa: F401

# DESIGN.md's plan table (and the annex of the water plan).
EXPECTED = {
    "air": {"categories": 10, "tasks": 27, "ledger_rows": 36, "safeguards": 10, "annex_rows": 0},
    "water": {"categories": 7, "tasks": 23, "ledger_rows": 22, "safeguards": 4, "annex_rows": 4},
    "soil": {"categories": 7, "tasks": 19, "ledger_rows": 0, "safeguards": 5, "annex_rows": 0},
}
PLANS = sorted(EXPECTED)


def numbered(count: int) -> list[int]:
    return list(range(1, count + 1))


def test_the_source_has_exactly_the_three_plans():
    assert sorted(source_structure()) == PLANS


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("part", ["categories", "tasks", "ledger_rows", "safeguards", "annex_rows"])
def test_source_parts_are_numbered_one_to_the_expected_count(plan, part):
    assert getattr(source_structure()[plan], part) == numbered(EXPECTED[plan][part])


def data_tasks_by_category(plan: dict) -> dict[int, list[int]]:
    return {c["number"]: [t["number"] for t in c["tasks"]] for c in plan["categories"]}


def data_ledger_by_category(plan: dict) -> dict[int, list[int]]:
    categories = (plan.get("ledger") or {}).get("categories", [])
    return {c["number"]: [r["number"] for r in c["rows"]] for c in categories}


@pytest.mark.parametrize("plan", PLANS)
def test_data_has_the_source_tasks_in_the_source_categories(plan):
    assert data_tasks_by_category(plans()[plan]) == source_structure()[plan].tasks_by_category


@pytest.mark.parametrize("plan", PLANS)
def test_data_has_the_source_ledger_rows_in_the_source_categories(plan):
    assert data_ledger_by_category(plans()[plan]) == source_structure()[plan].ledger_by_category


@pytest.mark.parametrize("plan", PLANS)
def test_data_has_the_source_safeguards(plan):
    assert [s["number"] for s in plans()[plan].get("safeguards", [])] == source_structure()[plan].safeguards


@pytest.mark.parametrize("plan", PLANS)
def test_data_has_the_source_annex_rows(plan):
    rows = [row for annex in plans()[plan].get("annexes", []) for table in annex["tables"] for row in table["rows"]]
    assert [int(row[0]["zh"]) for row in rows] == source_structure()[plan].annex_rows


@pytest.mark.parametrize("plan", PLANS)
def test_every_numbered_task_and_ledger_row_has_its_pages(built_site, plan):
    parsed = source_structure()[plan]
    paths = [f"2022-22/{plan}/{n}" for n in parsed.tasks] + [f"2022-22/{plan}/ledger/{n}" for n in parsed.ledger_rows]
    missing = [item_page(path, lang) for path in paths for lang in ("zh", "en")
               if item_page(path, lang) not in built_site]
    assert not missing, f"pages missing: {missing}"


@pytest.mark.parametrize("plan", PLANS)
def test_every_safeguard_and_annex_has_its_anchor_on_the_plan_page(built_site, plan):
    data = plans()[plan]
    anchors = [s["id"] for s in data.get("safeguards", [])] + [a["id"] for a in data.get("annexes", [])]
    assert len(anchors) == EXPECTED[plan]["safeguards"] + (1 if EXPECTED[plan]["annex_rows"] else 0)
    for lang_prefix in ("", "en/"):
        ids = built_site[f"{lang_prefix}2022-22/{plan}/index.html"].ids
        assert [a for a in anchors if a not in ids] == [], f"{lang_prefix}2022-22/{plan}/ lacks anchors"


def test_open_data_lists_every_numbered_item_once(built_site):
    items = json.loads((SITE / "data" / "plan.json").read_text(encoding="utf-8"))["items"]
    listed = sorted((item["plan"], item["kind"] == "task", item["number"]) for item in items)
    expected = sorted([(plan, True, n) for plan in PLANS for n in source_structure()[plan].tasks]
                      + [(plan, False, n) for plan in PLANS for n in source_structure()[plan].ledger_rows])
    assert listed == expected
