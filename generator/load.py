"""Load YAML files keeping where every value came from (line and column), for error messages.

The reader is safe and bounded, because the files are edited by hand and a build must never hang or crash on
them: it accepts plain YAML (mappings, lists, text, numbers) and refuses, each at its line and column,
- anchors and aliases (`&x`, `*x`): they let a few lines expand to gigabytes (an "alias bomb") or loop
  forever, and the data has nothing to share; write each value out;
- tags (`!!python/object`, `!x`, even `!!str`): the data needs none, and unknown ones are unsafe;
- merge keys (`<<:`): they only make sense with aliases;
- keys that are not plain text (`? [a, b]`, `1:`, `yes:`);
- control and invisible format characters (NUL, ESC, U+2028, U+200B, bidi marks …), raw or as escapes: they are
  invisible in an editor and break HTML, feeds and spreadsheets; a tab or CR inside a value is refused too;
- nesting deeper than MAX_DEPTH and files larger than MAX_BYTES.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, Problems

Loc = tuple  # a path into the loaded data, e.g. ("categories", 0, "tasks", 3, "title", "zh")
MAX_BYTES = 2_000_000   # the largest real file (air.yml) is about 80 kB
MAX_DEPTH = 40          # the deepest real value (an annex table cell) is 8 levels down
MAX_REFUSED = 5         # refused constructs reported one by one per file; the rest are counted


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

    def problem(self, loc: Loc, message: str, code: str, field_name: str | None = None) -> Problem:
        line, column = self.position(loc)
        return Problem(self.path, line, column, field_name or dotted(loc), message, code)


def dotted(loc: Loc) -> str:
    """("categories", 0, "tasks", 3, "title") -> "categories[0].tasks[3].title"."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def bad_character(ch: str, allowed: str = "") -> bool:
    """A control character (Cc), an invisible format character (Cf: zero-width, bidi marks, soft hyphen …) or a
    line/paragraph separator (U+2028, U+2029)."""
    return ch not in allowed and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")


def character_name(ch: str) -> str:
    return f"U+{ord(ch):04X}" + (f" ({unicodedata.name(ch)})" if unicodedata.name(ch, "") else "")


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings: the models decide what a date is, so errors name the field."""


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml's parser when PyYAML has it (about 10x faster: it is most of `check` and of the
    preview's regeneration). Same nodes and marks; invalid files are parsed again with _Loader for its messages."""


_Loader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _at(mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _raw_characters(display: str, text: str, problems: Problems) -> bool:
    """Refuse control characters in the file itself (outside values too), at their line and column."""
    found = False
    for line_number, line in enumerate(text.split("\n"), 1):
        for column, ch in enumerate(line, 1):
            if bad_character(ch, "\t\r") and not (line_number == column == 1 and ch == "\ufeff"):
                problems.add(Problem(display, line_number, column, "(yaml)",
                                     f"control character {character_name(ch)} is not allowed",
                                     "control-character"))
                found = True
    return found


def _events(display: str, text: str, problems: Problems) -> bool | None:
    """One pass over the parser's events: refuse anchors, aliases, tags and deep nesting before anything is
    built from them (so an alias bomb costs one pass over its few lines). The first MAX_REFUSED are reported
    one by one, the rest counted. None when the YAML is invalid (reported later with the pure-Python parser's
    message)."""
    depth, refused, extra = 0, 0, None

    def refuse(mark, message: str, code: str) -> None:
        nonlocal refused, extra
        refused += 1
        if refused <= MAX_REFUSED:
            problems.add(Problem(display, *_at(mark), "(yaml)", message, code))
        elif extra is None:
            extra = (mark, code)

    try:
        for event in yaml.parse(text, Loader=_FastLoader):
            if isinstance(event, yaml.AliasEvent):
                refuse(event.start_mark, f"alias *{event.anchor} is not allowed: write the value out",
                       "yaml-alias")
                continue
            if getattr(event, "anchor", None):
                refuse(event.start_mark, f"anchor &{event.anchor} is not allowed: write each value out",
                       "yaml-alias")
            if getattr(event, "tag", None) is not None:
                refuse(event.start_mark, f"tag {event.tag} is not allowed: the data needs no tags", "yaml-tag")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    refuse(event.start_mark, f"nested more than {MAX_DEPTH} levels deep", "yaml-too-deep")
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        if not refused:
            return None
    if extra:
        problems.add(Problem(display, *_at(extra[0]), "(yaml)", f"{refused - MAX_REFUSED} more anchors, aliases or "
                             "tags in this file", extra[1]))
    return not refused


def _construct(node: yaml.Node, loc: Loc, file: LoadedFile, loader: _Loader, problems: Problems):
    file.positions[loc] = _at(node.start_mark)
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            at = _at(key_node.start_mark)
            if key_node.tag == "tag:yaml.org,2002:merge":
                problems.add(Problem(file.path, *at, "(yaml)", "merge keys (<<) are not allowed: write the "
                                     "fields out", "yaml-merge-key"))
                continue
            key = loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if not isinstance(key, str):
                shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "a list or mapping"
                problems.add(Problem(file.path, *at, "(yaml)", f"a key must be a field name, got {shown!r}",
                                     "yaml-key"))
                continue
            if key in result:
                file.positions[loc + (key,)] = at
                problems.add(file.problem(loc + (key,), "duplicate key", "duplicate-key"))
                continue
            result[key] = _construct(value_node, loc + (key,), file, loader, problems)
            file.positions[loc + (key,)] = at  # point a field's errors at its key, where the reader looks
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(child, loc + (i,), file, loader, problems) for i, child in enumerate(node.value)]
    value = loader.construct_object(node)
    if isinstance(value, str):
        for ch in dict.fromkeys(ch for ch in value if bad_character(ch, "\n")):
            name = {"\r": "a carriage return (CR)", "\t": "a tab"}.get(ch, f"control character {character_name(ch)}")
            problems.add(file.problem(loc, f"{name} is not allowed in text", "control-character"))
    return value


def _yaml_reason(error: yaml.YAMLError) -> str:
    """PyYAML's problem, plus where the construct it was reading began: the mistake (an unclosed `{`, a
    missing quote) is usually there, while the reported line is where the parser gave up."""
    reason = getattr(error, "problem", None) or str(error)
    context, mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and mark:
        return f"{reason} ({context} at line {mark.line + 1}, column {mark.column + 1})"
    return f"{reason} ({context})" if context else reason


def load_yaml(path: Path, display: str, problems: Problems) -> LoadedFile | None:
    """Parse one file; every refused construct becomes a problem and returns None."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.add(Problem(display, 1, 1, "(file)", f"file too large ({size} bytes; the limit is "
                                 f"{MAX_BYTES})", "file-too-large"))
            return None
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.add(Problem(display, 1, 1, "(file)", f"cannot read: {error}", "file-unreadable"))
        return None
    if _raw_characters(display, text, problems):
        return None
    safe = _events(display, text, problems)
    if safe is False:
        return None
    node = _compose(display, text, problems, fast=safe is True)
    if node is False:
        return None
    loaded = LoadedFile(display, None)
    if node is None:
        loaded.data = {}
        return loaded
    before = len(problems.items)
    loaded.data = _construct(node, (), loaded, _Loader(""), problems)
    return loaded if len(problems.items) == before or _only_duplicates(problems.items[before:]) else None


def _only_duplicates(found: list[Problem]) -> bool:
    """A duplicate key still leaves a usable file (the first value counts), so its other problems are reported."""
    return all(problem.code == "duplicate-key" for problem in found)


def _compose(display: str, text: str, problems: Problems, fast: bool):
    """The node tree; libyaml's parser when the event pass accepted the file, otherwise the pure-Python parser,
    whose messages the problem list uses. False when the YAML is invalid."""
    loader = _FastLoader(text) if fast else _Loader(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError as error:
        if fast:
            return _compose(display, text, problems, fast=False)
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line, column = _at(mark) if mark else (1, 1)
        problems.add(Problem(display, line, column, "(yaml)", f"invalid YAML: {_yaml_reason(error)}", "yaml-syntax"))
        return False
    finally:
        loader.dispose()
