"""Open data, written under /data/: plan.json in the shape DESIGN.md fixes, items.csv for spreadsheets and the
iCalendar feeds (feeds.py). Every file is a pure function of the data, so two builds give identical bytes."""
from __future__ import annotations

import csv
import io
import json

from .feeds import absolute, calendar_files, feed_path, has_feed
from .index import LANGUAGES, Item, SiteIndex, url
from .pending import is_pending

CSV_COLUMNS = [
    "id", "kind", "document", "plan", "number", "title_zh", "title_en", "text_zh", "text_en",
    "units", "responsible_zh", "responsible_column_zh", "deadline_words", "deadline_en", "deadline_kind",
    "deadline_start", "deadline_end", "deadline_assumption_zh", "deadline_assumption_en", "implements",
    "url_zh", "url_en",
]
MULTI = " | "      # separates the parallel values of an item's several deadlines
LIST = "; "        # separates unit ids and item ids


def _deadline(sched) -> dict:
    deadline = sched.deadline
    record = {"kind": deadline.kind}
    for key in ("start", "end", "frequency"):
        if getattr(deadline, key):
            record[key] = getattr(deadline, key)
    record["text"] = {"zh": deadline.words, "en": deadline.en}
    record["meaning"] = sched.meaning
    if sched.assumption:
        record["assumption"] = sched.assumption
    if sched.first:
        record["first_day"] = sched.first.isoformat()
    if sched.last:
        record["last_day"] = sched.last.isoformat()
    if sched.before_issue:
        record["before_issue"] = True
    record["months"] = [{"month": m.month, "role": m.role} for m in sched.months]
    return record


def item_record(item: Item) -> dict:
    record = {
        "id": item.id, "kind": item.kind, "document": item.bundle.document.id, "plan": item.plan.id,
        "number": item.number, "category": item.category.model_dump(),
        "title": {lang: getattr(item.heading, lang) for lang in LANGUAGES},
        "text": item.text.model_dump(), "responsible": item.responsible,
        "responsible_column": item.responsible_column.model_dump(), "leads": item.leads,
        "units": list(dict.fromkeys(item.units)),
        "deadlines": [_deadline(s) for s in item.schedules],
        "url": {lang: item.url(lang) for lang in LANGUAGES},
    }
    if item.kind == "ledger":
        record["implements"] = item.implements
    else:
        record["implemented_by"] = item.implemented_by
    if item.editor_notes:
        record["editor_notes"] = [n.model_dump() for n in item.editor_notes]
    return record


def plan_json(index: SiteIndex) -> dict:
    return {
        "documents": [{
            "id": b.document.id, "number": b.document.number, "number_en": b.document.number_en, "title": b.document.title.model_dump(),
            "issuer": b.document.issuer.model_dump(), "issued": b.document.issued.isoformat(),
            **({"english": "pending"} if is_pending(b.document) else {}),  # its `en` fields hold the Chinese
            "url": {lang: url(b.document.id, lang) for lang in LANGUAGES},
            "plans": [{"id": p.plan.id, "title": p.plan.title.model_dump(),
                       "url": {lang: url(f"{b.document.id}/{p.plan.id}", lang) for lang in LANGUAGES}}
                      for p in b.plans],
        } for b in index.corpus.documents],
        "units": [{
            "id": u.id, "name": u.name.model_dump(), "aliases": u.aliases, "members": u.members,
            "member_of": index.groups_of[u.id],
            "url": {lang: url(f"units/{u.id}", lang) for lang in LANGUAGES},
            "calendar": feed_path(u.id) if has_feed(index, u.id) else None,
        } for u in index.corpus.units],
        "items": [item_record(item) for item in index.items],
    }


def _excel_safe(value) -> str:
    """A cell Excel shows as typed: text that starts like a formula gets a leading apostrophe."""
    text = str(value).replace("\r\n", "\n").replace("\n", "\r\n")
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def csv_row(item: Item) -> dict:
    days = [(s.first, s.last) for s in item.schedules]

    def per_deadline(values) -> str:
        return MULTI.join(v or "" for v in values) if any(values) else ""

    return {
        "id": item.id, "kind": item.kind, "document": item.bundle.document.id, "plan": item.plan.id,
        "number": item.number, "title_zh": item.heading.zh, "title_en": item.heading.en,
        "text_zh": item.text.zh, "text_en": item.text.en, "units": LIST.join(dict.fromkeys(item.units)),
        "responsible_zh": item.responsible, "responsible_column_zh": item.responsible_column.zh,
        "deadline_words": MULTI.join(d.words for d in item.deadlines),
        "deadline_en": MULTI.join(d.en for d in item.deadlines),
        "deadline_kind": MULTI.join(d.kind for d in item.deadlines),
        "deadline_start": per_deadline([first.isoformat() if first else "" for first, _ in days]),
        "deadline_end": per_deadline([last.isoformat() if last else "" for _, last in days]),
        "deadline_assumption_zh": per_deadline([d.assumption.get("zh", "") for d in item.deadlines]),
        "deadline_assumption_en": per_deadline([d.assumption.get("en", "") for d in item.deadlines]),
        "implements": LIST.join(item.implements),
        "url_zh": absolute(item.url("zh")), "url_en": absolute(item.url("en")),
    }


def items_csv(index: SiteIndex) -> bytes:
    """One row per item; UTF-8 with a byte-order mark and CRLF line ends, which Excel opens correctly."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, CSV_COLUMNS, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for item in index.items:
        writer.writerow({key: _excel_safe(value) for key, value in csv_row(item).items()})
    # Line breaks inside a cell (paragraphs of an official text) are CRLF too, as Excel writes them.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def open_data_files(index: SiteIndex) -> dict[str, str | bytes]:
    """File name under data/ -> content."""
    files: dict[str, str | bytes] = {
        "plan.json": json.dumps(plan_json(index), ensure_ascii=False, indent=1) + "\n",
        "items.csv": items_csv(index),
    }
    files.update(calendar_files(index))
    return files
