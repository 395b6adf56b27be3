"""Bad-input catalogue (tests/bad_cases.py): each case is the mini data with one mistake, and the exact lines
`python -m generator check` must print for it. Every case must exit 1, print `path:line:column: field: message
[code]` lines and a summary on stderr, no traceback, and write nothing: `build` on the same data leaves the docs
folder exactly as it was.

The command runs in-process (the same main() an editor's `python -m generator` calls, from the folder holding
`data/`, so the paths in the messages are `data/...`); two cases also run as a real subprocess.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bad_cases import CASES, Case
from mini_fixture import copy_mini, edit, run_generator, run_in_process, tree_bytes

PROBLEM_LINE = re.compile(r"^data/\S+:\d+:\d+: \S.*: .+ \[[a-z0-9-]+\]$")


def make_case(case: Case, root: Path) -> Path:
    data = copy_mini(root / "data")
    for relative, old, new in case.edits:
        edit(data, relative, old, new)
    for relative in case.removed:
        target = data / relative
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for relative, content in case.files.items():
        (data / relative).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return data


def expected_stderr(case: Case) -> list[str]:
    return [*case.expected, f"{len(case.expected)} problem(s); nothing written."]


def test_the_unedited_mini_data_is_valid(tmp_path: Path):
    """The control: every failure below comes from its edit, not from the mini data."""
    copy_mini(tmp_path / "data")
    result = run_generator("check", "--data", "data", "--docs", "docs", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "data OK: 1 document(s), 1 plan(s), 4 units\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data"]  # check writes nothing


def test_the_catalogue_is_large_and_names_every_code():
    assert len(CASES) >= 60
    assert len({case.name for case in CASES}) == len(CASES)
    codes = {line.rsplit("[", 1)[1].rstrip("]") for case in CASES for line in case.expected}
    documented = set(re.findall(r"^\| `([a-z0-9-]+)` \|", (Path(__file__).parent.parent / "data" / "README.md")
                                .read_text(encoding="utf-8"), re.MULTILINE))
    assert codes <= documented, codes - documented


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_reports_every_problem_exactly(case: Case, tmp_path: Path):
    make_case(case, tmp_path)
    status, out, err = run_in_process("check", "--data", "data", "--docs", "docs", cwd=tmp_path)
    assert "Traceback" not in err
    assert err.splitlines() == expected_stderr(case)
    assert all(PROBLEM_LINE.match(line) or line.startswith("data/documents/<id>/") for line in case.expected)
    assert (status, out) == (1, "")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_build_writes_nothing(case: Case, tmp_path: Path):
    make_case(case, tmp_path)
    docs = tmp_path / "docs"
    hand_written = docs / "zh/about/index.md"
    hand_written.parent.mkdir(parents=True)
    hand_written.write_text("# 关于\n", encoding="utf-8")
    before = tree_bytes(docs)
    status, out, err = run_in_process("build", "--data", "data", "--docs", "docs", cwd=tmp_path)
    assert "Traceback" not in err
    assert (status, out) == (1, "")
    assert err.splitlines() == expected_stderr(case)
    assert tree_bytes(docs) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "docs"]


@pytest.mark.parametrize("name", ["alias-bomb", "several-cross-reference-mistakes-in-one-file"])
def test_the_command_line_reports_the_same(name: str, tmp_path: Path):
    """As an editor runs it: a real `python -m generator check` process, same lines, exit 1."""
    case = next(case for case in CASES if case.name == name)
    make_case(case, tmp_path)
    result = run_generator("check", "--data", "data", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr.splitlines()) == (1, "", expected_stderr(case))
