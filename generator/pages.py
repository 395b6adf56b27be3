"""The list of pages the site has: every path, its template and what it needs. Nothing is rendered here."""
from __future__ import annotations

from .index import SiteIndex
from .render import Page


def site_pages(index: SiteIndex) -> list[Page]:
    pages = [Page("index.md", "home.md.j2"),
             Page("units/index.md", "units.md.j2"),
             Page("deadlines/index.md", "deadlines.md.j2"),
             Page("glossary/index.md", "glossary.md.j2"),
             Page("data/index.md", "data.md.j2")]
    for bundle in index.corpus.documents:
        pages.append(Page(f"{bundle.document.id}/index.md", "notice.md.j2", {"bundle": bundle}))
        for plan_file in bundle.plans:
            pages.append(Page(f"{bundle.document.id}/{plan_file.plan.id}/index.md", "plan.md.j2",
                              {"bundle": bundle, "plan": plan_file.plan}))
    pages += [Page(item.path + ".md", "item.md.j2", {"item": item}) for item in index.items]
    for unit_id, unit in index.units.items():
        assignments = index.assignments[unit_id]
        pages.append(Page(f"units/{unit_id}.md", "unit.md.j2",
                          {"unit": unit, "assignments": assignments, "by_plan": _by_plan(assignments)}))
    pages += [Page(f"deadlines/{month}.md", "month.md.j2", {"month": month, "entries": entries})
              for month, entries in index.months.items()]
    return pages


def _by_plan(assignments) -> list:
    """[(plan title, assignments)] in document order, each group keeping its soonest-first order."""
    groups: dict = {}
    for assignment in assignments:
        groups.setdefault(id(assignment.item.plan), (assignment.item.plan.title, []))[1].append(assignment)
    return list(groups.values())
