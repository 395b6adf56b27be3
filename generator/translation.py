"""Translation exceptions (models.TranslationException): each must name text of its own object, so an exception
cannot drift away from the passage it excuses when that passage is edited."""
from __future__ import annotations

from typing import Iterator

from pydantic import BaseModel

from .load import LoadedFile, Loc
from .models import Note, Text, Translated, TranslationException
from .problems import Problems


def own_passages(node, loc: Loc = ()) -> Iterator[tuple[Loc, str, str]]:
    """(loc, zh, en) of every passage of an object, not descending into nested objects that carry their own
    exceptions (a task's passages are the task's, not its category's)."""
    if isinstance(node, (Text, Note)):
        yield loc, node.zh, node.en
    elif isinstance(node, BaseModel) and not isinstance(node, TranslationException):
        if isinstance(getattr(node, "zh", None), str) and isinstance(getattr(node, "en", None), str):
            yield loc, node.zh, node.en  # a glossary term: its own zh/en fields
        for name in type(node).model_fields:
            value = getattr(node, name)
            if not isinstance(value, Translated):
                yield from own_passages(value, loc + (name,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            if not isinstance(value, Translated):
                yield from own_passages(value, loc + (i,))


def translated_objects(node, loc: Loc = ()) -> Iterator[tuple[Loc, Translated]]:
    if isinstance(node, Translated):
        yield loc, node
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from translated_objects(getattr(node, name), loc + (name,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from translated_objects(value, loc + (i,))


def exceptions_for(obj: Translated, zh: str) -> list[TranslationException]:
    return [e for e in obj.translation_exceptions if e.zh in zh]


def check_translation_exceptions(model: BaseModel, file: LoadedFile, problems: Problems) -> None:
    for loc, obj in translated_objects(model):
        passages = list(own_passages(obj))
        for i, exception in enumerate(obj.translation_exceptions):
            here = loc + ("translation_exceptions", i)
            with_zh = [(zh, en) for _, zh, en in passages if exception.zh in zh]
            if not with_zh:
                problems.add(file.problem(here + ("zh",), f"'{exception.zh}' does not occur in the Chinese of this "
                                                          "object (an exception must name its own passage)",
                                          "exception-not-in-passage"))
            elif not any(exception.en in en for _, en in with_zh):
                problems.add(file.problem(here + ("en",), f"'{exception.en}' does not occur in the English of the "
                                                          f"passage containing '{exception.zh}'",
                                          "exception-not-in-passage"))
