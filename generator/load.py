"""Load YAML files keeping where every value came from (line and column), for error messages."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, Problems

Loc = tuple  # a path into the loaded data, e.g. ("categories", 0, "tasks", 3, "title", "zh")


@dataclass
class LoadedFile:
    """One YAML file: its plain data and a map from data paths to (line, column), both 1-based."""

    path: str
    data: object
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc) -> tuple[int, int]:
        """The position of `loc`, or of its nearest ancestor that has one (a missing field points at its parent)."""
        loc = tuple(loc)
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def problem(self, loc: Loc, message: str, field_name: str | None = None) -> Problem:
        line, column = self.position(loc)
        return Problem(self.path, line, column, field_name or dotted(loc), message)


def dotted(loc: Loc) -> str:
    """("categories", 0, "tasks", 3, "title") -> "categories[0].tasks[3].title"."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings: the models decide what a date is, so errors name the field."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml's parser when PyYAML has it (about 10x faster: it is most of `check` and of the
    preview's regeneration). Same nodes and marks; invalid files are parsed again with _Loader for its messages."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct(node: yaml.Node, loc: Loc, positions: dict, loader: _Loader, problems: list[tuple[Loc, str]]):
    positions[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in result:
                positions[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                problems.append((loc + (key,), "duplicate key"))
                continue
            result[key] = _construct(value_node, loc + (key,), positions, loader, problems)
            # point a field's errors at its key, where the reader looks
            positions[loc + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, loc + (i,), positions, loader, problems) for i, child in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def _yaml_reason(error: yaml.YAMLError) -> str:
    """PyYAML's problem, plus where the construct it was reading began: the mistake (an unclosed `{`, a
    missing quote) is usually there, while the reported line is where the parser gave up."""
    reason = getattr(error, "problem", None) or str(error)
    context, mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and mark:
        return f"{reason} ({context} at line {mark.line + 1}, column {mark.column + 1})"
    return f"{reason} ({context})" if context else reason


def load_yaml(path: Path, display: str, problems: Problems) -> LoadedFile | None:
    """Parse one file; syntax errors become problems and return None."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.add(Problem(display, 1, 1, "(file)", f"cannot read: {error}"))
        return None
    try:
        fast = _FastLoader(text)
        try:
            node = fast.get_single_node()
        finally:
            fast.dispose()
    except yaml.YAMLError:
        node = _compose(display, text, problems)
        if node is False:
            return None
    loaded = LoadedFile(display, None)
    if node is None:
        loaded.data = {}
        return loaded
    duplicate_keys: list[tuple[Loc, str]] = []
    loaded.data = _construct(node, (), loaded.positions, _Loader(""), duplicate_keys)
    for loc, message in duplicate_keys:
        problems.add(loaded.problem(loc, message))
    return loaded


def _compose(display: str, text: str, problems: Problems):
    """The pure-Python parser, whose messages the problem list uses; False when the YAML is invalid."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problems.add(Problem(display, line, column, "(yaml)", f"invalid YAML: {_yaml_reason(error)}"))
        return False
    finally:
        loader.dispose()
