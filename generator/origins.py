"""Where a value came from: every data object (a task, a ledger row, a unit, a plan …) mapped to its file and
line, so a failure anywhere after validation (index, render, open data) is reported at the data it happened on,
as a problem with a code, never as a traceback."""
from __future__ import annotations

import traceback
from dataclasses import dataclass

from pydantic import BaseModel

from .load import LoadedFile, Loc
from .problems import Problem

INTERNAL = "internal-error"


@dataclass(frozen=True)
class Origin:
    file: LoadedFile
    loc: Loc


class Origins:
    """id(model object) -> Origin, for every model in the corpus (walked once), plus the index's items."""

    def __init__(self, corpus):
        self._by_id: dict[int, Origin] = {}
        self._keep: list = []  # the objects themselves, so their ids stay theirs
        for name in ("units", "glossary"):
            file = corpus.files.get(name)
            if file is not None:
                self._walk(getattr(corpus, name), file, ("units",) if name == "units" else ("terms",))
        for bundle in corpus.documents:
            self._add(bundle, bundle.file, ())
            self._walk(bundle.document, bundle.file, ())
            for plan_file in bundle.plans:
                self._add(plan_file, plan_file.file, ())
                self._walk(plan_file.plan, plan_file.file, ())

    def _add(self, value, file: LoadedFile, loc: Loc) -> None:
        self._by_id.setdefault(id(value), Origin(file, loc))
        self._keep.append(value)

    def _walk(self, value, file: LoadedFile, loc: Loc) -> None:
        if isinstance(value, BaseModel):
            self._add(value, file, loc)
            for name in type(value).model_fields:
                self._walk(getattr(value, name), file, loc + (name,))
        elif isinstance(value, list):
            for i, child in enumerate(value):
                self._walk(child, file, loc + (i,))

    def of(self, value) -> Origin | None:
        """The origin of a model object, an index Item (its task or ledger row), a page (what it shows)."""
        found = self._by_id.get(id(value))
        if found:
            return found
        kind = getattr(value, "kind", None)
        if kind in ("task", "ledger") and hasattr(value, "plan"):
            return self._item(value)
        context = getattr(value, "context", None)
        if isinstance(context, dict):  # a Page: what it shows
            for key in ("item", "unit", "plan", "bundle"):
                if key in context and self.of(context[key]):
                    return self.of(context[key])
        return None

    def _item(self, item) -> Origin | None:
        plan = item.plan
        if item.kind == "task":
            rows = [task for category in plan.categories for task in category.tasks]
        else:
            rows = [row for category in plan.ledger.categories for row in category.rows] if plan.ledger else []
        for row in rows:
            if row.number == item.number:
                return self.of(row)
        return self.of(plan)

    def innermost(self, error: BaseException) -> Origin | None:
        """The data object nearest to where `error` was raised: the innermost frame's local that has an origin
        (an item, a task, a unit …)."""
        frames = [frame for frame, _ in traceback.walk_tb(error.__traceback__)]
        for frame in reversed(frames):
            for value in list(frame.f_locals.values()):
                try:
                    origin = self.of(value)
                except Exception:  # a half-built local; look further out
                    origin = None
                if origin:
                    return origin
        return None


def internal_problem(error: BaseException, origins: Origins, doing: str, fallback=None) -> Problem:
    """An unexpected error as a problem: at the data it happened on (or `fallback`'s), naming what was being
    done and the error, so an editor can find the value and a developer the bug."""
    origin = origins.innermost(error) or (origins.of(fallback) if fallback is not None else None)
    reason = f"{type(error).__name__}: {error}".rstrip(": ")
    message = f"internal error while {doing} ({reason}); the data here is probably unusual, please report it"
    if origin is None:
        return Problem("(generator)", 1, 1, "(internal)", message, INTERNAL)
    return origin.file.problem(origin.loc, message, INTERNAL)
