"""Bad-input catalogue: each case is the mini data (tests/fixtures/mini/data) with one mistake made by a small
text edit, and the exact lines `python -m generator check` must print for it.

The command is run as an editor runs it (a subprocess, from the folder holding `data/`), so the paths in the
messages are `data/...`. Every case must exit 1, print `path:line:column: field: message` lines and a summary on
stderr, no traceback, and write nothing: `build` on the same data leaves the docs folder exactly as it was.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mini_fixture import copy_mini, edit, run_generator, tree_bytes

PLAN = "documents/2022-22/air.yml"
UNITS = "units.yml"
SOURCE = "source/lingchuan-2022-22-notice.txt"
AIR = "data/documents/2022-22/air.yml"


@dataclass
class Case:
    name: str
    edits: list[tuple[str, str, str]]        # (file under data/, old text, new text)
    expected: list[str]                       # stderr lines before the summary, in the order printed
    removed: list[str] = field(default_factory=list)  # files under data/ to delete


CASES = [
    Case("broken-yaml",
         [(PLAN, "en: Controlling vehicles}\n    tasks:", "en: Controlling vehicles\n    tasks:")],
         [f"{AIR}:37:10: (yaml): invalid YAML: expected ',' or '}}', but got ':' "
          "(while parsing a flow mapping at line 36, column 12)"]),
    Case("wrong-type",
         [(PLAN, "      - number: 2\n        title:", "      - number: two\n        title:")],
         [f"{AIR}:26:9: categories[0].tasks[1].number: expected a whole number, got 'two'"]),
    Case("unknown-field",
         [(PLAN, "        milestones: [2022年10月底前]", "        milestone: [2022年10月底前]")],
         [f"{AIR}:25:9: categories[0].tasks[0].milestone: unknown field"]),
    Case("unknown-unit-in-responsible-list",
         [(UNITS, "  - id: ecology-environment\n    name: {zh: 市生态环境局陵川分局, en: Lingchuan Branch of the "
                  "Jincheng Municipal Ecology and Environment Bureau}\n", "")],
         [f"{AIR}:31:9: categories[0].tasks[1].responsible: unknown unit '市生态环境局陵川分局' "
          "(not a name or alias in data/units.yml)"]),
    Case("unknown-unit-id-in-group-members",
         [(UNITS, "members: [chongwen]", "members: [chongwen, liyi]")],
         ["data/units.yml:11:25: units[2].members[1]: unknown unit id 'liyi'"]),
    Case("duplicate-task-number",
         [(PLAN, "      - number: 2\n        title:", "      - number: 1\n        title:")],
         [f"{AIR}:26:9: categories[0].tasks[1].number: duplicate task number 1 (first at line 19)"]),
    Case("duplicate-unit-id",
         [(UNITS, "  - id: ecology-environment", "  - id: transport")],
         ["data/units.yml:5:5: units[1].id: duplicate unit id 'transport' (first at line 3)"]),
    Case("implements-a-task-of-another-plan",
         [(PLAN, 'implements: ["2022-22/air/3"]', 'implements: ["2022-22/other/1"]')],
         [f"{AIR}:84:24: ledger.categories[1].rows[0].implements[0]: '2022-22/other/1' is not a task of this "
          "plan: a ledger row can only implement tasks of its own plan (2022-22/air/<number>)"]),
    Case("implements-a-missing-task",
         [(PLAN, "implements: [1]", "implements: [9]")],
         [f"{AIR}:71:24: ledger.categories[0].rows[0].implements[0]: broken reference: plan 'air' has no task 9"]),
    Case("unparseable-deadline",
         # words that are in the source, so the only mistake is the deadline form
         [(PLAN, "deadline: 2022年8月份起", "deadline: 按期完成")],
         [f"{AIR}:82:11: ledger.categories[1].rows[0].deadline: unknown deadline form '按期完成'"]),
    Case("impossible-date",
         # the source says it too, so the only mistake is the date itself
         [(PLAN, "deadline: 2022年10月底前", "deadline: 2022年2月30日前"),
          (SOURCE, "2022 年 10 月底前", "2022 年 2 月 30 日前")],
         [f"{AIR}:69:11: ledger.categories[0].rows[0].deadline: impossible date 2022-2-30: "
          "day is out of range for month"]),
    Case("empty-english",
         [(PLAN, "en: Targets}", 'en: ""}')],
         [f"{AIR}:10:25: parts[0].heading.en: missing English text"]),
    Case("missing-en-key",
         [(PLAN, "heading: {zh: 工作目标, en: Targets}", "heading: {zh: 工作目标}")],
         [f"{AIR}:10:5: parts[0].heading.en: required field is missing"]),
    Case("chinese-not-in-source",
         [(PLAN, "制定本行动计划", "制订本行动计划")],
         [f"{AIR}:6:3: preamble.zh: Chinese text not found in the source: "
          "'为改善空气质量，坚持PM₂.₅协同控制，制订本行动计划。'"]),
    Case("several-cross-reference-mistakes-in-one-file",
         [(PLAN, "responsible: 市生态环境局陵川分局", "responsible: 县检察院"),
          (PLAN, "deadline: 2022年8月份起", "deadline: 按期完成"),
          (PLAN, "implements: [1]", "implements: [1, 9]"),
          (PLAN, 'implements: ["2022-22/air/3"]', 'implements: ["2022-22/other/1"]'),
          (PLAN, "确保各项任务按期完成。", "确保各项任务如期完成。"),
          (PLAN, "        - number: 2\n", "        - number: 1\n")],
         [f"{AIR}:31:9: categories[0].tasks[1].responsible: unknown unit '县检察院' "
          "(not a name or alias in data/units.yml)",
          f"{AIR}:50:7: safeguards[0].text.zh: Chinese text not found in the source: "
          "'各单位要落实责任，确保各项任务如期完成。'",
          f"{AIR}:71:27: ledger.categories[0].rows[0].implements[1]: broken reference: plan 'air' has no task 9",
          f"{AIR}:78:11: ledger.categories[1].rows[0].number: duplicate ledger row number 1 (first at line 65)",
          f"{AIR}:82:11: ledger.categories[1].rows[0].deadline: unknown deadline form '按期完成'",
          f"{AIR}:84:24: ledger.categories[1].rows[0].implements[0]: '2022-22/other/1' is not a task of this "
          "plan: a ledger row can only implement tasks of its own plan (2022-22/air/<number>)"]),
    Case("several-shape-mistakes-in-one-file",
         [(PLAN, "      - number: 2\n        title:", "      - number: two\n        title:"),
          (PLAN, "        milestones: [2022年10月底前]", "        milestone: [2022年10月底前]"),
          (PLAN, "en: Targets}", 'en: ""}'),
          (PLAN, "title: {zh: 强化组织领导, en: Strengthen leadership}", "title: {zh: 强化组织领导}")],
         [f"{AIR}:10:25: parts[0].heading.en: missing English text",
          f"{AIR}:25:9: categories[0].tasks[0].milestone: unknown field",
          f"{AIR}:26:9: categories[0].tasks[1].number: expected a whole number, got 'two'",
          f"{AIR}:48:5: safeguards[0].title.en: required field is missing"]),
    Case("mistakes-in-every-file",
         # an invalid document.yml must not hide the plan's own problem
         [(UNITS, "members: [chongwen]", "members: [chongwen, liyi]"),
          ("glossary.yml", "  - id: autumn-winter", "  - id: Autumn_Winter"),
          ("documents/2022-22/document.yml", "issued: 2022-06-14", "issued: 2022-06-31"),
          (PLAN, "implements: [1]", "implements: [9]")],
         [f"{AIR}:71:24: ledger.categories[0].rows[0].implements[0]: broken reference: plan 'air' has no task 9",
          "data/documents/2022-22/document.yml:8:1: issued: expected a date YYYY-MM-DD, got '2022-06-31'",
          "data/glossary.yml:9:5: terms[1].id: invalid id 'Autumn_Winter': use lowercase ASCII letters, digits "
          "and hyphens",
          "data/units.yml:11:25: units[2].members[1]: unknown unit id 'liyi'"]),
    Case("invalid-units-file-does-not-flood-the-plans",
         # every unit name in the plan would be "unknown": only the real mistake is reported
         [(UNITS, "aliases: [县交通局]", "aliases: 县交通局")],
         ["data/units.yml:7:5: units[1].aliases: expected a list, got '县交通局'"]),
    Case("missing-source-file",
         [], ["data/source/lingchuan-2022-22-notice.txt:1:1: (file): cannot read the verbatim source: "
              "[Errno 2] No such file or directory: 'data/source/lingchuan-2022-22-notice.txt'"],
         removed=[SOURCE]),
]


def make_case(case: Case, root: Path) -> Path:
    data = copy_mini(root / "data")
    for relative, old, new in case.edits:
        edit(data, relative, old, new)
    for relative in case.removed:
        (data / relative).unlink()
    return data


def expected_stderr(case: Case) -> list[str]:
    return [*case.expected, f"{len(case.expected)} problem(s); nothing written."]


def test_the_unedited_mini_data_is_valid(tmp_path: Path):
    """The control: every failure below comes from its edit, not from the mini data."""
    copy_mini(tmp_path / "data")
    result = run_generator("check", "--data", "data", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "data OK: 1 document(s), 1 plan(s), 4 units\n"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_reports_every_problem_exactly(case: Case, tmp_path: Path):
    make_case(case, tmp_path)
    result = run_generator("check", "--data", "data", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == expected_stderr(case)
    assert (result.returncode, result.stdout) == (1, "")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_writes_nothing(case: Case, tmp_path: Path):
    make_case(case, tmp_path)
    docs = tmp_path / "docs"
    hand_written = docs / "zh/about/index.md"
    hand_written.parent.mkdir(parents=True)
    hand_written.write_text("# 关于\n", encoding="utf-8")
    before = tree_bytes(docs)
    result = run_generator("build", "--data", "data", "--docs", "docs", cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == expected_stderr(case)
    assert tree_bytes(docs) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "docs"]
