"""Problems found in the data, reported all at once as `path:line:column: field: message [code]`.

Errors are data (as in frictionless): each problem has a place (file, line, column, field), a message in plain
words and a stable code naming its kind, so editors and scripts can tell kinds apart. data/README.md lists the codes.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    field: str
    message: str
    code: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message} [{self.code}]"


@dataclass
class Problems:
    """Collects problems so every check can run before anything is reported."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def __bool__(self) -> bool:
        return bool(self.items)

    def lines(self) -> list[str]:
        return [str(problem) for problem in sorted(set(self.items))]


class DataError(Exception):
    """Raised with every problem found; the CLI prints them and exits 1."""

    def __init__(self, problems: Problems):
        super().__init__("\n".join(problems.lines()))
        self.problems = problems


def display_path(path: Path) -> str:
    """A path as an editor would type it: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
