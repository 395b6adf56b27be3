"""Fidelity: every official Chinese string in the data must occur in the verbatim source (after the normalisation
in source.py). Editor's notes and glossary explanations are the site's own words and are not checked."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pydantic import BaseModel

from .load import LoadedFile, Loc
from .models import Note, Text
from .problems import Problem, Problems, display_path
from .source import Source

OFFICIAL_STRING_FIELDS = {"responsible", "deadline", "number", "zh", "aliases", "milestones"}


def official_chinese(node, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Every official Chinese string in a model, with its loc. Editor's notes and explanations are the site's own."""
    if isinstance(node, Note):
        return
    if isinstance(node, Text):
        yield loc + ("zh",), node.zh
        return
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            value = getattr(node, name)
            if name == "explanation":
                continue
            if name in OFFICIAL_STRING_FIELDS and isinstance(value, str):
                yield loc + (name,), value
            elif name in OFFICIAL_STRING_FIELDS and isinstance(value, list) and all(isinstance(v, str) for v in value):
                yield from ((loc + (name, i), v) for i, v in enumerate(value))
            else:
                yield from official_chinese(value, loc + (name,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from official_chinese(value, loc + (i,))


def read_source(path: Path, problems: Problems) -> Source | None:
    """The verbatim source, or None (reported once) when it cannot be read: fidelity is then not checked."""
    source = Source(path)
    try:
        source.text
    except (OSError, UnicodeDecodeError) as error:
        problems.add(Problem(display_path(path), 1, 1, "(file)", f"cannot read the verbatim source: {error}",
                             "missing-file"))
        return None
    return source


def check_fidelity(model: BaseModel, file: LoadedFile, source: Source | None, problems: Problems) -> None:
    if source is None:
        return
    for loc, text in official_chinese(model):
        if any(ch.isspace() for ch in text):
            problems.add(file.problem(loc, "Chinese text must not contain whitespace (the source's spaces are "
                                           "conversion marks)", "whitespace-in-chinese"))
        elif not source.contains(text):
            problems.add(file.problem(loc, f"Chinese text not found in the source: '{_clip(text)}'",
                                      "not-in-source"))


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "…"
