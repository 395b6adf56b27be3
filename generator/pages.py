"""The list of pages the site has: every path, its template and what it needs. Nothing is rendered here."""
from __future__ import annotations

from markupsafe import Markup

from .feeds import absolute, event_count, feed_path, has_feed, webcal_url
from .index import LANGUAGES, SiteIndex, soonest, url
from .prose_dates import prose_date, prose_month
from .render import LABELS, Page
from .timeline import dated_marks, matrix, plan_anchor, tally, timeline_rows, timeline_svg, undated_items


def site_pages(index: SiteIndex) -> list[Page]:
    pages = [Page("index.md", "home.md.j2"),
             Page("units/index.md", "units.md.j2", _units_context(index)),
             Page("deadlines/index.md", "deadlines.md.j2", _deadlines_context(index)),
             Page("glossary/index.md", "glossary.md.j2"),
             Page("data/index.md", "data.md.j2", {"feeds": {u.id: has_feed(index, u.id) for u in index.corpus.units}})]
    for bundle in index.corpus.documents:
        pages.append(Page(f"{bundle.document.id}/index.md", "notice.md.j2", {"bundle": bundle}))
        for plan_file in bundle.plans:
            pages.append(Page(f"{bundle.document.id}/{plan_file.plan.id}/index.md", "plan.md.j2",
                              {"bundle": bundle, "plan": plan_file.plan}))
    pages += [Page(item.path + ".md", "item.md.j2", {"item": item}) for item in index.items]
    pages += [Page(f"units/{unit_id}.md", "unit.md.j2", _unit_context(index, unit_id)) for unit_id in index.units]
    months = list(index.months)
    pages += [Page(f"deadlines/{month}.md", "month.md.j2", _month_context(index, month, months))
              for month in months]
    return pages


# --- unit pages (responsibility sheets) and the unit index --------------------------------------------------------

def _unit_context(index: SiteIndex, unit_id: str) -> dict:
    """The unit's items grouped by plan in document order, each group soonest first, with counts."""
    unique = {a.item.id: a for a in reversed(index.assignments[unit_id])}   # first assignment of each item wins
    order = {item.id: n for n, item in enumerate(index.items)}
    assignments = sorted(unique.values(), key=lambda a: (soonest(a.item), order[a.item.id]))
    plans = []
    for bundle in index.corpus.documents:
        for plan_file in bundle.plans:
            rows = [a for a in assignments if a.item.plan is plan_file.plan and a.item.bundle is bundle]
            if rows:
                plans.append({"bundle": bundle, "plan": plan_file.plan, "rows": rows, "counts": tally(rows),
                              "anchor": plan_anchor(bundle.document.id, plan_file.plan.id)})
    via_groups = list(dict.fromkeys(a.via_group for a in assignments if a.via_group))
    document = index.corpus.documents[0].document
    return {"unit": index.units[unit_id], "assignments": assignments, "plans": plans,
            "total": tally(assignments), "via_groups": via_groups,
            "via_group_names": {"zh": "、".join(f"“{index.units[g].name.zh}”" for g in via_groups),
                                "en": " and ".join(f"“{index.units[g].name.en}”" for g in via_groups)},
            "deadlines_of": {a.item.id: sorted(a.item.schedules, key=lambda s: s.sort_key()) for a in assignments},
            "feed": feed_path(unit_id).lstrip("/") if has_feed(index, unit_id) else None,
            "webcal": webcal_url(unit_id), "events": event_count(index, unit_id),
            "issued": document.issued, "document_number": {
                "zh": "、".join(b.document.number for b in index.corpus.documents),
                "en": ", ".join(f"{b.document.number_en} ({b.document.number})" if b.document.number_en
                                else b.document.number for b in index.corpus.documents)},
            "sheet_url": {lang: absolute(url(f"units/{unit_id}", lang)) for lang in LANGUAGES}}


def _units_context(index: SiteIndex) -> dict:
    rows = [{"unit": unit, "counts": tally(index.assignments[unit.id]),
             "feed": feed_path(unit.id).lstrip("/") if has_feed(index, unit.id) else None}
            for unit in index.corpus.units]
    return {"rows": rows, "groups": [u for u in index.corpus.units if u.members]}


# --- month pages and the deadline overview ------------------------------------------------------------------------

SECTIONS = {"due": "due", "window": "window", "start": "starts", "recurring": "recurs"}   # role -> section id


def _month_context(index: SiteIndex, month: str, months: list[str]) -> dict:
    """What falls due in the month, which periods cover it, what starts, what recurs, as the schedules say."""
    sections: dict[str, list] = {"due": [], "window": [], "starts": [], "recurs": []}
    for entry in index.months[month]:   # soonest first (index)
        sections[SECTIONS[entry.role.role]].append({"item": entry.item, "schedule": entry.schedule,
                                                     "deadline": entry.deadline, "role": entry.role})
    position = months.index(month)
    due = sections["due"]
    return {"month": month, "sections": sections,
            "counts": {key: len(rows) for key, rows in sections.items()},
            "all_due_before_issue": bool(due) and all(row["schedule"].before_issue for row in due),
            "previous": months[position - 1] if position else None,
            "next": months[position + 1] if position + 1 < len(months) else None,
            "issued": index.corpus.documents[0].document.issued}


def plan_short_name(plan, lang: str) -> str:
    """The plan's short name (labels.yml plan_<id>: 空气 / Air); a plan without one (a newly imported notice's)
    is named by its title, so a new plan id never breaks the build."""
    key = f"plan_{plan.id}"
    return LABELS[key][lang] if key in LABELS else getattr(plan.title, lang)


def _deadlines_context(index: SiteIndex) -> dict:
    rows = timeline_rows(index)
    marks = dated_marks(rows)
    issued = index.corpus.documents[0].document.issued
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
    return {"timeline": timeline, "marks": marks, "rows": rows, "undated": undated, "issued": issued,
            "plans": plans, "plan_names": short_names, "matrix": matrix_rows, "month_rows": month_rows,
            "before_issue": sum(m.schedule.before_issue for m in marks)}
