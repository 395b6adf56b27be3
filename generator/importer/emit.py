"""Write draft data as YAML an editor reads and edits by hand: block style, keys in the schema's order, one short
comment where the importer wants a human decision (a proposed link, a drafted anchor id)."""
from __future__ import annotations

from dataclasses import dataclass
import re
from datetime import date

import yaml


@dataclass(frozen=True)
class Commented:
    """A value written with a trailing `# comment` for the editor."""

    value: object
    comment: str


def scalar(value) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and re.fullmatch(r"[0-9][0-9.:-]*", value):
        return f'"{value}"'  # "2022-22", "1": text, never numbers or dates
    text = yaml.safe_dump(value, allow_unicode=True, width=10**9, default_flow_style=True).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def _flow_list(values: list) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


def _is_scalar(value) -> bool:
    return not isinstance(value, (dict, list))


def _lines(node, indent: int) -> list[str]:
    pad = " " * indent
    out: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            comment = ""
            if isinstance(value, Commented):
                value, comment = value.value, f"  # {value.comment}"
            if _is_scalar(value):
                out.append(f"{pad}{key}: {scalar(value)}{comment}")
            elif isinstance(value, list) and all(_is_scalar(v) for v in value):
                out.append(f"{pad}{key}: {_flow_list(value)}{comment}")
            elif isinstance(value, dict) and set(value) == {"zh", "en"}:
                out.append(f"{pad}{key}:{comment}")
                out.extend(_lines(value, indent + 2))
            else:
                out.append(f"{pad}{key}:{comment}")
                out.extend(_lines(value, indent + 2 if isinstance(value, dict) else indent + 2))
    elif isinstance(node, list):
        for value in node:
            if isinstance(value, Commented):
                value = value.value
            if _is_scalar(value):
                out.append(f"{pad}- {scalar(value)}")
            elif isinstance(value, list):
                inner = _lines(value, indent + 2)
                out.append(f"{pad}- {inner[0].lstrip()}")
                out.extend(inner[1:])
            else:
                inner = _lines(value, indent + 2)
                out.append(f"{pad}- {inner[0].lstrip()}")
                out.extend(inner[1:])
    return out


def dump(node: dict, header: list[str]) -> str:
    """The YAML text of `node`, preceded by `header` comment lines."""
    return "".join(f"# {line}\n" for line in header) + "\n".join(_lines(node, 0)) + "\n"
