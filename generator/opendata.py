"""Open data: /data/plan.json in the shape DESIGN.md fixes (more files join it in later steps)."""
from __future__ import annotations

import json

from .index import Item, SiteIndex, url


def _deadline(deadline) -> dict:
    record = {"kind": deadline.kind, "text": {"zh": deadline.words, "en": deadline.en}}
    for key in ("start", "end", "frequency"):
        if getattr(deadline, key):
            record[key] = getattr(deadline, key)
    if deadline.assumption:
        record["assumption"] = deadline.assumption
    return record


def item_record(item: Item) -> dict:
    record = {
        "id": item.id, "kind": item.kind, "document": item.bundle.document.id, "plan": item.plan.id,
        "number": item.number, "category": item.category.model_dump(),
        "title": {lang: getattr(item.heading, lang) for lang in ("zh", "en")},
        "text": item.text.model_dump(), "responsible": item.responsible, "units": list(dict.fromkeys(item.units)),
        "deadlines": [_deadline(d) for d in item.deadlines],
        "url": {lang: item.url(lang) for lang in ("zh", "en")},
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
            "id": b.document.id, "number": b.document.number, "title": b.document.title.model_dump(),
            "issuer": b.document.issuer.model_dump(), "issued": b.document.issued.isoformat(),
            "plans": [{"id": p.plan.id, "title": p.plan.title.model_dump(),
                       "url": {lang: url(f"{b.document.id}/{p.plan.id}", lang) for lang in ("zh", "en")}}
                      for p in b.plans],
        } for b in index.corpus.documents],
        "units": [{
            "id": u.id, "name": u.name.model_dump(), "aliases": u.aliases, "members": u.members,
            "url": {lang: url(f"units/{u.id}", lang) for lang in ("zh", "en")},
        } for u in index.corpus.units],
        "items": [item_record(item) for item in index.items],
    }


def open_data_files(index: SiteIndex) -> dict[str, str | bytes]:
    return {"plan.json": json.dumps(plan_json(index), ensure_ascii=False, indent=1) + "\n"}
