"""The site's search index, one file per language, built from the data rather than scraped from the built pages.

Readers search the plans for what the plans say, so only that is indexed: each item's title, official text, the
units as printed, its category (the topic it is filed under) and its deadline words; unit names and aliases; month pages under the ways staff write a month
(6月, 6月底, 2022年6月, June 2022, end of June); plan and notice texts; glossary entries; the titles of the other
pages. Navigation, citation blocks, timeline tables, calendar boilerplate and the about page's prose are not: they
made snippets that were breadcrumbs or tables, and were most of the index's weight.

Each document is {location, title, text, keys?, when?, months?, sections?, number?, kind}: `location` is relative to the language's
root, `text` is what a result shows as its snippet, `keys` (category, units, aliases, month words) are matched and
shown only when they hold the match, `when` are an item's deadline words (matched, and shown for month queries),
`months` (YYYY-MM) the months an item falls due in or covers, so that a month query also ranks its items; `sections`
a unit page's month sections (YYYY-MM -> anchor), which a unit and month query opens; `number`
an item's number (任务15, 台账第15项, item 15 and a bare 15 bring the items of that number first). The worker that searches it is
docs/zh/assets/javascripts/workers/site-search-engine.js; overrides/partials/lc-search-worker.html loads the file when
search is first used.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from .deadlines import MONTHS_EN
from .index import LANGUAGES, SiteIndex
from .render import LABELS
from .views import month_name, unit_view

INDEX_FILE = "search/lc-index.json"  # inside each language folder: /search/… and /en/search/…
# Material's worker configuration keys, kept so that the index has the shape Material's front end expects
CONFIG = {"separator": r"[\s\u200b\-]+", "pipeline": []}


def _month_words(month: str, lang: str) -> tuple[str, list[str]]:
    year, number = int(month[:4]), int(month[5:7])
    title = month_name(month)[lang]
    if lang == "zh":
        return title, [f"{number}月", f"{number}月底", f"{number}月份", f"{year}年{number}月底", month]
    name = MONTHS_EN[number]
    return title, [name, f"end of {name}", f"{name} {year}", f"end of {name} {year}", month]


def _items(index: SiteIndex, lang: str) -> list[dict]:
    docs = []
    for item in index.items:
        names = [getattr(index.units[u].name, lang) for u in dict.fromkeys(item.units)]
        printed = item.responsible if lang == "zh" else ""
        keys = [getattr(item.category, lang), printed, *(n for n in names if n not in printed)]
        docs.append({"location": f"{item.path}/", "title": item.title(lang), "text": getattr(item.text, lang),
                     "keys": [k for k in keys if k],
                     "when": list(dict.fromkeys(d.words if lang == "zh" else d.en for d in item.deadlines)),
                     "months": sorted({r.month for sched in item.schedules for r in sched.months}),
                     "number": item.number, "kind": "item"})
    return docs


def _unit_sections(index: SiteIndex) -> dict[str, dict[str, str]]:
    """Each unit page's month sections (YYYY-MM -> #month-YYYY-MM anchor), from the unit page's own view; the same
    in both languages, so computed once: 县住建局 6月 opens the unit's June."""
    return {unit.id: {m["month"]: m["anchor"] for m in unit_view(index, unit.id)["months"]}
            for unit in index.corpus.units if unit.id in index.assignments}


def _units(index: SiteIndex, lang: str, unit_sections: dict[str, dict[str, str]]) -> list[dict]:
    other = "en" if lang == "zh" else "zh"
    docs = []
    for unit in index.corpus.units:
        aliases = [a for a in unit.aliases if a != unit.name.zh]
        text = "、".join(aliases) if lang == "zh" else getattr(unit.name, other)
        sections = unit_sections.get(unit.id)
        docs.append({"location": f"units/{unit.id}/", "title": getattr(unit.name, lang), "text": text,
                     "keys": [getattr(unit.name, other), *aliases], **({"sections": sections} if sections else {}),
                     "kind": "unit"})
    return docs


def _months(index: SiteIndex, lang: str) -> list[dict]:
    docs = []
    for month, entries in index.months.items():
        title, words = _month_words(month, lang)
        due = sum(1 for e in entries if e.role.role == "due")
        docs.append({"location": f"deadlines/{month}/", "title": title,
                     "text": LABELS["search_month_text"][lang].format(due=due, total=len(entries)),
                     "keys": words, "months": [month], "kind": "month"})
    return docs


def _documents(index: SiteIndex, lang: str) -> list[dict]:
    docs = []
    for bundle in index.corpus.documents:
        document = bundle.document
        docs.append({"location": f"{document.id}/", "title": getattr(document.title, lang),
                     "text": document.number, "kind": "notice"})
        for plan_file in bundle.plans:
            plan = plan_file.plan
            parts = [getattr(plan.preamble, lang)] if plan.preamble else []
            parts += [getattr(part.text, lang) for part in plan.parts]
            docs.append({"location": f"{document.id}/{plan.id}/", "title": getattr(plan.title, lang),
                         "text": " ".join(parts), "kind": "plan"})
    return docs


def _glossary(index: SiteIndex, lang: str) -> list[dict]:
    return [{"location": f"glossary/#{term.id}", "title": f"{term.zh} · {term.en}",
             "text": getattr(term.explanation, lang), "kind": "term"} for term in index.corpus.glossary]


def _titles(docs_dir: Path, lang: str, generated: set[str]) -> list[dict]:
    """Generated overview pages and hand-written pages (about, performance): found by their titles only."""
    docs = [{"location": location, "title": LABELS[key][lang], "text": "", "kind": "page"}
            for location, key in (("", "home"), ("units/", "units"), ("deadlines/", "deadlines"),
                                  ("glossary/", "glossary"), ("data/", "open_data"))]
    for page in sorted((docs_dir / lang).glob("*/index.md")):
        heading = re.search(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", page.read_text(encoding="utf-8"), re.M)
        if heading and page.parent.name not in generated:
            docs.append({"location": f"{page.parent.name}/", "title": heading.group(1), "text": "", "kind": "page"})
    return docs


def search_files(index: SiteIndex, docs_dir: Path, generated: list[str]) -> dict[str, str]:
    """{"zh/search/lc-index.json": …, "en/search/lc-index.json": …}: compact JSON, UTF-8 characters unescaped
    (a Chinese character is 3 bytes instead of a 6-byte \\uXXXX escape). `generated`: the top-level folders the
    generator owns; every other folder of docs/<lang>/ with an index.md is a hand-written page."""
    files = {}
    unit_sections = _unit_sections(index)
    for lang in LANGUAGES:
        docs = (_items(index, lang) + _units(index, lang, unit_sections) + _months(index, lang)
                + _documents(index, lang) + _glossary(index, lang) + _titles(docs_dir, lang, set(generated)))
        for doc in docs:  # no empty fields on the wire
            for key in [k for k, v in doc.items() if v in ("", [])]:
                if key not in ("location", "title", "text"):
                    del doc[key]
        body = {"config": {"lang": [lang], **CONFIG}, "docs": docs}
        files[f"{lang}/{INDEX_FILE}"] = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return files
