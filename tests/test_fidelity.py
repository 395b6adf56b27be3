"""Every official Chinese string in data/ comes from the verbatim source, after undoing only the conversion marks
listed in generator/source.py (CONVERSION_MARKS) and whitespace; and that list is exactly what is needed."""
from __future__ import annotations

import re

import pytest

from generator.source import CONVERSION_MARKS
from site_helpers import (HAN, SHARED_SOURCE, SOURCE, data_files, is_editorial, plans, walk_strings)

# Fields whose Chinese is official wording (DESIGN.md / data/README.md); editor's notes and explanations are not.
OFFICIAL_KEYS = {"zh", "responsible", "deadline", "milestones", "aliases", "number"}
CELL = "\x00"  # table cells (tab-separated in the source) stay apart: a passage never spans two cells
LEFTOVER_MARKS = re.compile(r"\*\*|_\{|\^\{|</?su[bp]>|\\\(|\$")


def undo(raw: str, marks: dict = CONVERSION_MARKS, spaces: bool = True, line_breaks: bool = True) -> str:
    """The raw source with the given conversion marks undone and (optionally) spaces and line breaks dropped."""
    text = raw.replace("\t", CELL)
    for old, new in marks.values():
        text = text.replace(old, new)
    if spaces:
        text = re.sub(r"[^\S\n]+", "", text)
    if line_breaks:
        text = re.sub(r"\n+", "", text)
    return text


@pytest.fixture(scope="module")
def raw_source() -> str:
    return SOURCE.read_text(encoding="utf-8")


def key_of(path: tuple) -> str:
    return [part for part in path if isinstance(part, str)][-1]


def official_fields() -> list[tuple[str, tuple, str]]:
    """(file, path, string) for every Chinese string of data/ outside editor's notes and explanations."""
    return [(file, path, value) for file, tree in data_files().items() for path, value in walk_strings(tree)
            if HAN.search(value) and key_of(path) != "en" and not is_editorial(path)]


def official_strings() -> list[tuple[str, str]]:
    """(where, string): where is 'file:path.to.field'."""
    return [(f"{file}:{'.'.join(map(str, path))}", value) for file, path, value in official_fields()]


def printed_tasks() -> list[tuple[str, str]]:
    """Each task as the source prints it: the lead sentence and its text, one after the other."""
    found = []
    for plan_id, plan in plans().items():
        joint = "" if plan.get("task_title_style") == "heading" else "。"
        for category in plan["categories"]:
            for task in category["tasks"]:
                found.append((f"{plan_id} task {task['number']}", task["title"]["zh"] + joint + task["text"]["zh"]))
    return found


def test_official_strings_cover_every_official_field():
    keys = {key_of(path) for _, path, _ in official_fields()}
    assert keys == OFFICIAL_KEYS, f"unexpected fields hold Chinese: {sorted(keys - OFFICIAL_KEYS)}"


def test_every_official_chinese_string_occurs_in_the_source(raw_source):
    source = undo(raw_source)
    missing = [f"{where}: '{value[:40]}'" for where, value in official_strings() if value not in source]
    assert not missing, "not found in the source after undoing the listed marks:\n" + "\n".join(missing)


def test_task_titles_and_texts_are_contiguous_in_the_source(raw_source):
    source = undo(raw_source)
    missing = [f"{where}: '{value[:40]}'" for where, value in printed_tasks() if value not in source]
    assert not missing, "title + text not printed together in the source:\n" + "\n".join(missing)


def test_official_chinese_holds_no_whitespace_and_no_conversion_marks():
    marks = [old for old, _ in CONVERSION_MARKS.values()]
    bad = [f"{where}: {value[:40]!r}" for where, value in official_strings()
           if re.search(r"\s", value) or any(mark in value for mark in marks)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("kind", sorted(CONVERSION_MARKS))
def test_each_listed_conversion_mark_occurs_in_the_raw_source(raw_source, kind):
    old, _ = CONVERSION_MARKS[kind]
    assert old in raw_source, f"'{kind}' ({old!r}) is listed but never occurs in the source"


@pytest.mark.parametrize("kind", sorted(CONVERSION_MARKS))
def test_each_listed_conversion_mark_is_needed(raw_source, kind):
    others = {name: mark for name, mark in CONVERSION_MARKS.items() if name != kind}
    source = undo(raw_source, marks=others)
    passages = official_strings() + printed_tasks()
    assert any(value not in source for _, value in passages), \
        f"every official passage is found without undoing '{kind}': the mark is not needed"


def test_joining_page_and_line_breaks_is_needed(raw_source):
    source = undo(raw_source, line_breaks=False)
    split = [where for where, value in official_strings() if value not in source]
    assert any(".tasks." in where for where in split), \
        "no task text spans a line break of the source: joining page breaks is not needed"


def test_dropping_spaces_is_needed(raw_source):
    source = undo(raw_source, spaces=False)
    assert any(value not in source for _, value in official_strings()), \
        "no official string spans a space of the source: dropping spaces is not needed"


def test_no_conversion_mark_is_left_after_undoing_the_listed_ones(raw_source):
    leftovers = LEFTOVER_MARKS.findall(undo(raw_source))
    assert not leftovers, f"conversion marks not in CONVERSION_MARKS: {sorted(set(leftovers))}"


def test_verbatim_copy_is_byte_identical_to_the_shared_source():
    if not SHARED_SOURCE.is_file():
        pytest.skip(f"{SHARED_SOURCE} is not present here")
    assert SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()
