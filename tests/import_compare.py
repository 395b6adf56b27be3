"""The Chinese side of a data file, for comparing an import's draft with data an editor keeps: English, editor's
notes, anchor ids, ledger links (compared on their own) and the draft's own markers are left out."""
from __future__ import annotations

# number_en: the document number in English (pinyin), which an editor adds like every other English text.
EDITORIAL = {"en", "number_en", "editor_notes", "translation_exceptions", "implements", "english", "source"}


def chinese_side(node, depth: int = 0):
    if isinstance(node, dict):
        return {key: chinese_side(value, depth + 1) for key, value in node.items()
                if key not in EDITORIAL and not (key == "id" and depth > 0)}
    if isinstance(node, list):
        return [chinese_side(value, depth + 1) for value in node]
    return node


def differences(draft, kept, path: str = "") -> list[str]:
    """Every place where the two trees differ, as 'path: draft … / kept …'."""
    if isinstance(draft, dict) and isinstance(kept, dict):
        out = []
        for key in list(dict.fromkeys([*kept, *draft])):
            if key not in draft:
                out.append(f"{path}.{key}: missing from the import, kept data has {str(kept[key])[:60]!r}")
            elif key not in kept:
                out.append(f"{path}.{key}: only in the import: {str(draft[key])[:60]!r}")
            else:
                out.extend(differences(draft[key], kept[key], f"{path}.{key}"))
        return out
    if isinstance(draft, list) and isinstance(kept, list):
        out = [f"{path}: the import has {len(draft)} entries, kept data {len(kept)}"] if len(draft) != len(kept) else []
        for i, (a, b) in enumerate(zip(draft, kept)):
            out.extend(differences(a, b, f"{path}[{i}]"))
        return out
    return [] if draft == kept else [f"{path}: import {str(draft)[:70]!r} / kept {str(kept)[:70]!r}"]


def links(plan: dict) -> dict[int, list]:
    return {row["number"]: row["implements"] for category in (plan.get("ledger") or {}).get("categories", [])
            for row in category["rows"]}
