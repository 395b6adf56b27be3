"""A document whose English is pending (`english: pending` in document.yml, as `import` drafts it) is published in
Chinese first: every empty English field shows the official Chinese, and its English pages carry a notice saying
the translation is pending (render.py). `check` lists each untranslated field as a warning (validate.untranslated).
"""
from __future__ import annotations

from pydantic import BaseModel

from .models import Text


def is_pending(document) -> bool:
    return getattr(document, "english", None) == "pending"


def chinese_for_missing_english(node):
    """A copy of a model in which every empty English field holds the Chinese (models are frozen)."""
    if isinstance(node, Text):
        return node if node.en.strip() else Text.model_construct(zh=node.zh, en=node.zh)
    if isinstance(node, BaseModel):
        updates = {}
        for name in type(node).model_fields:
            value = getattr(node, name)
            filled = chinese_for_missing_english(value)
            if filled is not value:
                updates[name] = filled
        return node.model_copy(update=updates) if updates else node
    if isinstance(node, list):
        filled = [chinese_for_missing_english(value) for value in node]
        return filled if any(a is not b for a, b in zip(filled, node)) else node
    return node


def with_notice(markdown: str, title: str, text: str) -> str:
    """The page's Markdown with the pending-translation notice (a Markdown admonition) below its first heading."""
    lines = markdown.split("\n")
    at = next((i + 1 for i, line in enumerate(lines) if line.startswith("# ")), 0)
    block = ["", f'!!! warning "{title}"', "", f"    {text}", ""]
    return "\n".join(lines[:at] + block + lines[at:])
