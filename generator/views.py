"""View-models of the unit pages, the unit index and the month pages: every value the templates print, prepared
here from the index and the schedules (templates do no date logic, counting or string splitting)."""
from __future__ import annotations

import re

from .deadlines import MONTHS_EN
from .feeds import REMINDER_DAYS, absolute, event_count, feed_path, has_feed, webcal_url
from .index import LANGUAGES, Item, SiteIndex, soonest, url
from .render import LABELS
from .timeline import plan_anchor, tally
from .validate import UNIT_SEPARATOR

SECTIONS = {"due": "due", "window": "window", "start": "starts", "recurring": "recurs"}   # role -> month section
ROLE_LABELS = {"due": "kind_due", "window": "role_window", "start": "kind_starts", "recurring": "kind_recurs"}


DESCRIPTION_WIDTH = 150  # characters of a page's meta description (search engines show about this many)


def description(text) -> dict:
    """A page's meta description from a bilingual text: its beginning, cut at a word in English, '…' when cut."""
    out = {}
    for lang in LANGUAGES:
        value = getattr(text, lang)
        if len(value) > DESCRIPTION_WIDTH:
            cut = value[:DESCRIPTION_WIDTH]
            if lang == "en" and " " in cut:
                cut = cut.rsplit(" ", 1)[0]
            value = cut.rstrip(" ,;:，；：、") + "…"
        out[lang] = value
    return out


def month_name(month: str) -> dict:
    """'2022-06' -> {'zh': '2022年6月', 'en': 'June 2022'}."""
    number = int(month[5:7])
    return {"zh": f"{month[:4]}年{number}月", "en": f"{MONTHS_EN[number]} {month[:4]}"}


def unit_month_anchor(month: str) -> str:
    """The id of a month's section on a unit page: 'month-2022-06' (ASCII, stable)."""
    return f"month-{month}"


def _names(index: SiteIndex, unit_ids) -> list[dict]:
    return [{"id": u, "name": index.units[u].name} for u in unit_ids]


def _quoted_names(index: SiteIndex, unit_ids: list[str]) -> dict:
    return {"zh": "、".join(f"“{index.units[g].name.zh}”" for g in unit_ids),
            "en": " and ".join(f"“{index.units[g].name.en}”" for g in unit_ids)}


def _duty_anchor(item: Item) -> str:
    """The id of an item's row on a unit page: 'duty-2022-22-air-ledger-13'."""
    return "duty-" + item.id.replace("/", "-")


def _paragraphs(value: str) -> list[str]:
    return [p.strip() for p in value.split("\n\n") if p.strip()]


def _full_text(text) -> dict:
    """The blocks of an item's full text per page language: the official Chinese on Chinese pages; the translation
    and then the official Chinese, labelled, on English pages (the Chinese prevails)."""
    official = {"css": "duty-official", "lang": "zh-Hans", "paragraphs": _paragraphs(text.zh)}
    return {"zh": [{**official, "label": None}],
            "en": [{"css": "duty-translation", "lang": "en", "label": None, "paragraphs": _paragraphs(text.en)},
                   {**official, "label": "official_text"}]}


# --- unit pages ----------------------------------------------------------------------------------------------------

def unit_view(index: SiteIndex, unit_id: str) -> dict:
    """A unit's responsibility sheet: its items month by month (ongoing ones apart), then every item in full,
    grouped by plan in document order, each group soonest first, with counts."""
    unique = {a.item.id: a for a in reversed(index.assignments[unit_id])}   # first assignment of each item wins
    order = {item.id: n for n, item in enumerate(index.items)}
    assignments = sorted(unique.values(), key=lambda a: (soonest(a.item), order[a.item.id]))

    def duty(a) -> dict:
        item = a.item
        return {"item": item, "anchor": _duty_anchor(item), "text": _full_text(item.text),
                "schedules": sorted(item.schedules, key=lambda s: s.sort_key()),
                "via_group": index.units[a.via_group].name if a.via_group else None, "leads": item.leads}

    plans = []
    for bundle in index.corpus.documents:
        for plan_file in bundle.plans:
            rows = [a for a in assignments if a.item.plan is plan_file.plan and a.item.bundle is bundle]
            if rows:
                plans.append({"plan": plan_file.plan, "rows": [duty(a) for a in rows], "counts": tally(rows),
                              "anchor": plan_anchor(bundle.document.id, plan_file.plan.id)})

    by_month: dict[str, list[dict]] = {}
    ongoing = []
    for a in assignments:
        for sched in a.item.schedules:
            for role in sched.months:
                by_month.setdefault(role.month, []).append(
                    {"item": a.item, "anchor": _duty_anchor(a.item), "schedule": sched, "role": role,
                     "role_label": ROLE_LABELS[role.role], "leads": a.item.leads})
        if not a.item.schedules or any(not s.months for s in a.item.schedules):
            ongoing.append({"item": a.item, "anchor": _duty_anchor(a.item), "leads": a.item.leads,
                            "schedules": [s for s in a.item.schedules if not s.months]})
    months = [{"month": month, "name": month_name(month), "anchor": unit_month_anchor(month),
               "entries": sorted(entries, key=lambda e: (e["schedule"].sort_key(), soonest(e["item"])))}
              for month, entries in sorted(by_month.items())]

    unit = index.units[unit_id]
    via_groups = list(dict.fromkeys(a.via_group for a in assignments if a.via_group))
    feed = has_feed(index, unit_id)
    return {"unit": unit, "other_name": {"zh": unit.name.en, "en": unit.name.zh},
            "other_lang": {"zh": "en", "en": "zh-Hans"},
            "aliases": "、".join(unit.aliases), "members": _names(index, unit.members),
            "member_of": _names(index, index.groups_of[unit_id]),
            "plans": plans, "months": months, "ongoing": ongoing,
            "month_nav": [{"name": m["name"], "anchor": m["anchor"]} for m in months]
                         + ([{"name": LABELS["unit_ongoing"], "anchor": "ongoing"}] if ongoing else []),
            "total": tally(assignments), "via_groups": via_groups,
            "via_group_names": _quoted_names(index, via_groups),
            # a unit whose deadlines are all ongoing has no feed, with or without reminders (feeds.has_feed)
            "feed": feed_path(unit_id).lstrip("/") if feed else None, "webcal": webcal_url(unit_id),
            "feed_reminders": feed_path(unit_id, reminders=True).lstrip("/") if feed else None,
            "webcal_reminders": webcal_url(unit_id, reminders=True), "reminder_days": REMINDER_DAYS,
            "events": event_count(index, unit_id),
            "issued": index.first_issued, "document_number": {
                "zh": "、".join(b.document.number for b in index.corpus.documents),
                "en": ", ".join(b.document.cited_number("en") for b in index.corpus.documents)},
            "sheet_url": {lang: absolute(url(f"units/{unit_id}", lang)) for lang in LANGUAGES}}


def units_view(index: SiteIndex) -> dict:
    rows = [{"unit": unit, "counts": tally(index.assignments[unit.id]),
             "other_name": {"zh": unit.name.en, "en": unit.name.zh}, "other_lang": {"zh": "en", "en": "zh-Hans"},
             "aliases": "、".join(unit.aliases) or "—", "members": _names(index, unit.members),
             "feed": feed_path(unit.id).lstrip("/") if has_feed(index, unit.id) else None}
            for unit in index.corpus.units]
    return {"rows": rows, "count": len(rows), "groups": sum(1 for u in index.corpus.units if u.members)}


# --- month pages ---------------------------------------------------------------------------------------------------

def _responsible(index: SiteIndex, item: Item) -> dict:
    """The units a row names (each with the lead role where the text gives it) and, for the unit filter, every
    unit it concerns: those named and the members of the groups named."""
    named = list(dict.fromkeys(item.units))
    concerned = list(dict.fromkeys(named + [m for u in named for m in index.units[u].members]))
    return {"units": [{"id": u, "name": index.units[u].name, "leads": item.leads} for u in named],
            "concerned": concerned}


def month_view(index: SiteIndex, month: str, months: list[str]) -> dict:
    """What falls due in the month, which periods cover it, what starts, what recurs, as the schedules say; and
    the same entries per unit, for readers who look for one unit's month."""
    sections: dict[str, list] = {"due": [], "window": [], "starts": [], "recurs": []}
    per_unit: dict[str, dict[str, Item]] = {}
    for entry in index.months[month]:   # soonest first (index)
        responsible = _responsible(index, entry.item)
        sections[SECTIONS[entry.role.role]].append({"item": entry.item, "schedule": entry.schedule,
                                                     "deadline": entry.deadline, "role": entry.role,
                                                     **responsible})
        for unit_id in responsible["concerned"]:
            per_unit.setdefault(unit_id, {})[entry.item.id] = entry.item
    by_unit = [{"unit": unit, "listed": list(per_unit[unit.id].values()), "count": len(per_unit[unit.id]),
                "anchor": unit_month_anchor(month)}
               for unit in index.corpus.units if unit.id in per_unit]
    position = months.index(month)
    due = sections["due"]
    issued = index.first_issued
    return {"month": month, "name": month_name(month), "sections": sections,
            "section_list": [{"key": key, "heading": f"kind_{key}", "rows": rows}
                             for key, rows in sections.items() if rows],
            "counts": {key: len(rows) for key, rows in sections.items()},
            "by_unit": by_unit,
            "all_due_before_issue": bool(due) and all(row["schedule"].before_issue for row in due),
            "previous": months[position - 1] if position else None,
            "next": months[position + 1] if position + 1 < len(months) else None,
            "issued": issued}


# --- the deadline overview: a list by month for phones -----------------------------------------------------------

def month_list(index: SiteIndex) -> dict:
    """The overview's list by month, from the notice's issue month on (earlier months apart, at the end): in each
    month what falls due, starts or recurs, and the periods that begin or end in it; periods that merely continue
    through the month are counted, and the month's own page lists them."""
    issued = index.first_issued
    first = f"{issued:%Y-%m}"

    def month(month: str, entries) -> dict:
        shown, continuing = [], 0
        for e in entries:
            if e.role.role == "window" and not (e.role.starts_here or e.role.ends_here):
                continuing += 1
                continue
            shown.append({"item": e.item, "schedule": e.schedule, "role": e.role,
                          "role_label": ROLE_LABELS[e.role.role]})
        return {"month": month, "name": month_name(month), "anchor": f"list-{month}", "entries": shown,
                "continuing": continuing}

    months = [month(m, entries) for m, entries in index.months.items()]
    return {"from_notice": [m for m in months if m["month"] >= first],
            "before_notice": [m for m in months if m["month"] < first]}



# --- the plan at a glance ------------------------------------------------------------------------------------------

GOALS_PART = "goals"   # the part of a plan that states its targets (主要目标 / 工作目标), by its id in the data
# Figures in a goal: numbers with their unit or rank words, and water-quality classes (Ⅲ类); emphasised, not changed.
FIGURE = re.compile(r"(?:\d+(?:\.\d+)?\s?(?:微克/立方米|μg/m³|%|个|位|micrograms per cubic meter)?|[ⅠⅡⅢⅣⅤ]+类|Class [IV]+|"
                    r"前十位|top ten)")
KEY_DEADLINES = 6      # due months shown on a plan's glance


def _figures(text: str) -> list[dict]:
    """The text cut into runs, each marked as a figure or not: the template prints figures in bold. A bare
    four-digit number is a year, not a target. A run never starts with a space (printed values are stripped on the
    left), so a space after a figure stays with the figure."""
    runs, last = [], 0
    for match in FIGURE.finditer(text):
        if re.fullmatch(r"\d{4}", match.group(0)):
            continue
        if match.start() > last:
            runs.append({"text": text[last:match.start()], "figure": False})
        runs.append({"text": match.group(0), "figure": True})
        last = match.end()
    if last < len(text):
        runs.append({"text": text[last:], "figure": False})
    for before, run in zip(runs, runs[1:]):
        stripped = run["text"].lstrip()
        before["text"] += run["text"][:len(run["text"]) - len(stripped)]
        run["text"] = stripped
    return runs


def glance_view(index: SiteIndex, bundle, plan) -> dict:
    """A plan on one screen: its goals with their figures, its categories as entries by topic with the number of
    tasks and ledger rows in each, the units with most items (and the lead role), its due dates by month."""
    tasks = index.plan_items(bundle, plan, "task")
    rows = index.plan_items(bundle, plan, "ledger")
    task_category = {t.id: t.category for t in tasks}
    goals = next((p for p in plan.parts if p.id == GOALS_PART), None)
    topics = []
    for category in plan.categories:
        mine = [t for t in tasks if t.category is category.title]
        ledger = [r for r in rows if any(task_category.get(t) is category.title for t in r.implements)]
        topics.append({"number": category.number, "title": category.title, "anchor": f"category-{category.number}",
                       "tasks": len(mine), "rows": len(ledger)})
    counts: dict[str, dict] = {}
    for item in tasks + rows:
        for unit_id in dict.fromkeys(item.units):
            entry = counts.setdefault(unit_id, {"unit": index.units[unit_id], "total": 0, "led": 0})
            entry["total"] += 1
            entry["led"] += item.leads
    units = sorted(counts.values(), key=lambda e: (-e["led"], -e["total"]))[:8]
    issued = bundle.document.issued
    due: dict[str, list] = {}
    for item in tasks + rows:
        for sched in item.schedules:
            if sched.deadline.kind == "due" and not sched.before_issue:
                due.setdefault(sched.months[0].month, []).append(item)
    key = [{"month": m, "name": month_name(m), "count": len(items)} for m, items in sorted(due.items())]
    return {"goals": {lang: _figures(getattr(goals.text, lang)) for lang in LANGUAGES} if goals else None,
            "goals_anchor": goals.id if goals else None,
            "topics": topics, "tasks": len(tasks), "rows": len(rows), "categories": len(plan.categories),
            "units": units, "any_lead": any(e["led"] for e in units),
            "key_deadlines": key[:KEY_DEADLINES], "more_deadlines": len(key) > KEY_DEADLINES,
            "annexes": [{"title": a.title, "anchor": a.id, "rows": sum(len(t.rows) for t in a.tables)}
                        for a in plan.annexes],
            "issued": issued.isoformat()}


def home_view(index: SiteIndex) -> dict:
    """The home page: each document with its plans, each plan summed up from its glance."""
    documents = []
    for bundle in index.corpus.documents:
        plans = []
        for plan_file in bundle.plans:
            plan = plan_file.plan
            glance = glance_view(index, bundle, plan)
            plans.append({"plan": plan, "path": f"{bundle.document.id}/{plan.id}/index.md", "glance": glance})
        documents.append({"bundle": bundle, "document": bundle.document, "plans": plans})
    return {"documents": documents}


def responsible_links(index: SiteIndex, bundle, plan) -> dict:
    """Task id -> its responsible units, each with the name as printed in the task (zh) and the unit's English
    name, for the plan page's 〔责任单位：…〕 line."""
    links = {}
    for item in index.plan_items(bundle, plan, "task"):
        printed = item.responsible.split(UNIT_SEPARATOR)
        links[item.id] = [{"id": unit_id, "name": {"zh": printed[n], "en": index.units[unit_id].name.en}}
                          for n, unit_id in enumerate(item.units)]
    return links


def ledger_cells(index: SiteIndex, bundle, plan) -> dict:
    """Ledger row id -> its deadline and responsible cells: the words and the units as printed on Chinese pages,
    their English and the units' English names on English pages."""
    return {item.id: {"deadline": {"zh": item.deadlines[0].words, "en": item.deadlines[0].en},
                      "responsible": {"zh": item.responsible,
                                      "en": "; ".join(index.units[u].name.en for u in item.units)}}
            for item in index.plan_items(bundle, plan, "ledger")}
