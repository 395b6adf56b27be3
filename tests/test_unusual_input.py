"""Unusual but valid input builds, and the output shapes that keep text in its place (issue 11): edits that once
crashed the build or came out wrong are checked here against the files the build writes.

- an implemented task written `2022-22/air/03`: the same task 3 in check and build (one normalisation);
- an English letter that case folding changes (`ſ`): glossary linking does not crash, the term is linked;
- a plan id the labels do not know: the pages name it by its title;
- CRLF line ends and a byte-order mark: an editor's Windows save is read as the same data;
- Chinese numerals for any section number; calendar names escaped per RFC 5545; CSV cells neutralised (OWASP).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar

from mini_fixture import copy_mini, edit, run_in_process
from generator.opendata import _excel_safe
from generator.render import chinese_numeral

PLAN = "documents/2022-22/air.yml"


def build(tmp_path: Path) -> Path:
    status, out, err = run_in_process("check", "--data", "data", "--docs", "docs", cwd=tmp_path)
    assert (status, err) == (0, ""), err
    status, out, err = run_in_process("build", "--data", "data", "--docs", "docs", cwd=tmp_path)
    assert (status, err) == (0, ""), err
    return tmp_path / "docs"


def test_an_implemented_task_with_a_leading_zero_is_task_3(tmp_path: Path):
    data = copy_mini(tmp_path / "data")
    edit(data, PLAN, 'implements: ["2022-22/air/3"]', 'implements: ["2022-22/air/03"]')
    docs = build(tmp_path)
    items = {item["id"]: item for item in json.loads((docs / "zh/data/plan.json").read_text())["items"]}
    assert items["2022-22/air/ledger/2"]["implements"] == ["2022-22/air/3"]
    assert items["2022-22/air/3"]["implemented_by"] == ["2022-22/air/ledger/2"]
    assert "ledger/2.md" in (docs / "en/2022-22/air/3.md").read_text()


def test_a_letter_that_case_folding_changes_is_linked_not_a_crash(tmp_path: Path):
    data = copy_mini(tmp_path / "data")
    edit(data, PLAN, "en: Eliminate loose coal across", "en: Eliminate looſe coal across")  # ſ: long s
    docs = build(tmp_path)
    assert "[looſe coal](../../glossary/index.md#loose-coal" in (docs / "en/2022-22/air/index.md").read_text()


def test_a_plan_without_short_labels_is_named_by_its_title(tmp_path: Path):
    data = copy_mini(tmp_path / "data")
    (data / PLAN).rename(data / "documents/2022-22/smog.yml")
    edit(data, "documents/2022-22/smog.yml", "id: air\n", "id: smog\n")
    edit(data, "documents/2022-22/smog.yml", '"2022-22/air/3"', '"2022-22/smog/3"')
    edit(data, "documents/2022-22/document.yml", "plans: [air]", "plans: [smog]")
    docs = build(tmp_path)
    assert "[Lingchuan County 2022 Sample Action Plan](../2022-22/smog/index.md)" in \
        (docs / "en/deadlines/index.md").read_text()


def test_crlf_line_ends_and_a_byte_order_mark_read_as_the_same_data(tmp_path: Path):
    data = copy_mini(tmp_path / "data")
    reference = copy_mini(tmp_path / "reference" / "data")
    for relative in (PLAN, "units.yml"):
        text = (data / relative).read_text(encoding="utf-8")
        (data / relative).write_bytes(("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8"))
    docs = build(tmp_path)
    assert reference and (docs / "zh/data/plan.json").read_bytes() == (build(tmp_path / "reference") /
                                                                        "zh/data/plan.json").read_bytes()


@pytest.mark.parametrize("number, numeral", [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (99, "九十九"), (100, "一百"),
    (101, "一百零一"), (110, "一百一十"), (120, "一百二十"), (1001, "一千零一"), (1010, "一千零一十"),
    (10010, "一万零一十"), (100000, "十万"), (20304, "二万零三百零四"),
])
def test_chinese_numerals_for_any_section_number(number, numeral):
    assert chinese_numeral(number) == numeral


@pytest.mark.parametrize("value, shown", [
    ("=1+1", "'=1+1"), ("+86", "'+86"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tcmd", "'\tcmd"),
    ("\r=1", "'\r\n=1"), ("a\rb", "a\r\nb"), ("a\nb", "a\r\nb"), ("plain", "plain"),
])
def test_csv_cells_that_start_like_formulas_are_neutralised(value, shown):
    assert _excel_safe(value) == shown


def test_calendar_names_are_escaped_text(tmp_path: Path):
    """A unit name with RFC 5545 specials (`;`, `,`, `\\`) reads back from the feed exactly as typed."""
    data = copy_mini(tmp_path / "data")
    name = r"County Transport Bureau; roads, bridges \ tunnels"
    edit(data, "units.yml", "en: County Transport Bureau}", f"en: '{name}'}}")
    docs = build(tmp_path)
    raw = (docs / "zh/data/calendar/transport.ics").read_bytes()
    assert b"\r" not in raw.replace(b"\r\n", b"")
    assert rb"County Transport Bureau\; roads\, bridges \\ tunnels" in raw.replace(b"\r\n ", b"")  # unfolded
    assert Calendar.from_ical(raw).walk("VEVENT")  # and the feed still parses
