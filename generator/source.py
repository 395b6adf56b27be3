"""The verbatim official text and the one normalisation that data is compared against.

Conversion marks undone (each kind is listed, and tested, in tests/test_fidelity.py):
- page breaks and line breaks inside sentences: all whitespace is dropped (Chinese needs none);
- `**` bold markers of the conversion;
- `_{2.5}` subscript notation, written `₂.₅` (so `PM_{2.5}` becomes `PM₂.₅`).
Nothing else is changed: punctuation, brackets and wording stay as printed.
"""
from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path

CONVERSION_MARKS = {
    "bold markers": ("**", ""),
    "subscript 2.5": ("_{2.5}", "₂.₅"),
}
WHITESPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    for old, new in CONVERSION_MARKS.values():
        text = text.replace(old, new)
    return WHITESPACE.sub("", text)


class Source:
    def __init__(self, path: Path):
        self.path = path

    @cached_property
    def text(self) -> str:
        return normalise(self.path.read_text(encoding="utf-8"))

    def contains(self, chinese: str) -> bool:
        return normalise(chinese) in self.text


class Sources:
    """Several verbatim texts (one per document): a string is official when any of them contains it. Units and
    glossary terms are shared by every document, so they are checked against all texts."""

    def __init__(self, sources: list[Source]):
        self.sources = sources

    def contains(self, chinese: str) -> bool:
        return any(source.contains(chinese) for source in self.sources)
