"""The list of pages the site has: every path, its template and what it needs. Nothing is rendered here."""
from __future__ import annotations

from markupsafe import Markup

from .index import LANGUAGES, SiteIndex
from .prose_dates import prose_date, prose_month
from .render import LABELS, Page
from .timeline import dated_marks, matrix, timeline_rows, timeline_svg, undated_items
from .feeds import REMINDER_DAYS, feed_path, has_feed, webcal_url
from .views import (SECTIONS, description, glance_view, home_view, ledger_cells, month_list, month_view, responsible_links,
                    unit_view, units_view)


def site_pages(index: SiteIndex) -> list[Page]:
    pages = [Page("index.md", "home.md.j2", home_view(index)),
             Page("units/index.md", "units.md.j2", units_view(index)),
             Page("deadlines/index.md", "deadlines.md.j2", _deadlines_context(index)),
             Page("glossary/index.md", "glossary.md.j2"),
             Page("data/index.md", "data.md.j2", {"feeds": {u.id: has_feed(index, u.id) for u in index.corpus.units},
                                                  "item_count": len(index.items)})]
    for bundle in index.corpus.documents:
        document = bundle.document
        pages.append(Page(f"{document.id}/index.md", "notice.md.j2", {"bundle": bundle, "description": {
            lang: f"{document.cited_number(lang)} {getattr(document.title, lang)}" for lang in LANGUAGES}}))
        for plan_file in bundle.plans:
            pages.append(Page(f"{bundle.document.id}/{plan_file.plan.id}/index.md", "plan.md.j2",
                              {"bundle": bundle, "plan": plan_file.plan,
                               "description": description(plan_file.plan.preamble),
                               "tasks_part": len(plan_file.plan.parts) + 1,   # the tasks, then the safeguards, follow the parts
                               "g": glance_view(index, bundle, plan_file.plan),
                               "responsible_of": responsible_links(index, bundle, plan_file.plan),
                               "ledger_cells": ledger_cells(index, bundle, plan_file.plan)}))
    pages += [Page(item.path + ".md", "item.md.j2", {"item": item, "description": description(item.text)})
              for item in index.items]
    pages += [Page(f"units/{unit_id}.md", "unit.md.j2", unit_view(index, unit_id)) for unit_id in index.units]
    months = list(index.months)
    pages += [Page(f"deadlines/{month}.md", "month.md.j2", month_view(index, month, months))
              for month in months]
    return pages


# --- the deadline overview ---------------------------------------------------------------------------------------

def plan_short_name(plan, lang: str) -> str:
    """The plan's short name (labels.yml plan_<id>: 空气 / Air); a plan without one (a newly imported notice's)
    is named by its title, so a new plan id never breaks the build."""
    key = f"plan_{plan.id}"
    return LABELS[key][lang] if key in LABELS else getattr(plan.title, lang)


def _deadlines_context(index: SiteIndex) -> dict:
    rows = timeline_rows(index)
    marks = dated_marks(rows)
    issued = index.first_issued
    plans, matrix_rows = matrix(index)
    undated = undated_items(index)
    timeline = {}
    short_names = {lang: {plan.id: plan_short_name(plan, lang) for _, plan in plans} for lang in LANGUAGES}
    for lang in LANGUAGES:
        def label(key: str, **values) -> str:
            return LABELS[key][lang].format(**values)
        plan_names = short_names[lang]
        months = sorted({f"{m.first:%Y-%m}" for m in marks} | {f"{m.last:%Y-%m}" for m in marks})
        text = {key: label(f"timeline_{key}") for key in
                ("title", "legend_due", "legend_before", "legend_bar", "legend_open", "legend_monthly",
                 "legend_yearly")}
        text["issued"] = label("timeline_issued", date=prose_date(issued, lang))
        first, last = (prose_month(months[0], lang), prose_month(months[-1], lang)) if months else ("", "")
        text["desc"] = label("timeline_desc", rows=len(rows), marks=len(marks), first=first, last=last,
                             date=prose_date(issued, lang),
                             before=sum(m.schedule.before_issue for m in marks), undated=len(undated))
        timeline[lang] = Markup(timeline_svg(index, lang, text, plan_names))  # built markup, escaped in timeline.py
    month_rows = [{"month": month, "counts": {section: sum(SECTIONS[e.role.role] == section for e in entries)
                                              for section in SECTIONS.values()}}
                  for month, entries in index.months.items()]
    return {"timeline": timeline, "marks": marks, "rows": rows, "undated": undated, "undated_count": len(undated),
            "issued": issued, "plans": plans, "plan_names": short_names, "matrix": matrix_rows,
            "month_rows": month_rows, "month_list": month_list(index),
            "webcal": webcal_url("all"), "webcal_reminders": webcal_url("all", True), "reminder_days": REMINDER_DAYS,
            "feed": feed_path("all").lstrip("/"), "feed_reminders": feed_path("all", True).lstrip("/"),
            "before_issue": sum(m.schedule.before_issue for m in marks)}
