"""Golden tests: the mini data set (tests/fixtures/mini/data) built into pages must equal, byte for byte, the
reviewed output in tests/fixtures/mini/expected/ (both languages, plan.json and the engine configurations).

After an intended change, regenerate with `UPDATE_GOLDEN=1 make test` (or this file alone) and review the diff:
the expected files are the spec.
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from mini_fixture import MINI_DATA, MINI_EXPECTED, build_into, edit, tree_bytes

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
# The build writes docs/ and, beside it, generated/. The repository ignores every folder named `generated`,
# so its golden copy is kept under another name.
RENAMES = {"generated/": "generated-files/"}
# Caches the build keeps beside docs/ for the next build (generator/citation.py): not output, so not golden.
CACHES = {"generated/qr-cache.json"}


def golden_name(built: str) -> str:
    for old, new in RENAMES.items():
        if built.startswith(old):
            return new + built[len(old):]
    return built


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    """The mini build, keyed by golden name; with UPDATE_GOLDEN=1 it first becomes the expected tree."""
    out = tmp_path_factory.mktemp("mini-build")
    build_into(MINI_DATA, out)
    files = {golden_name(name): content for name, content in tree_bytes(out).items() if name not in CACHES}
    if UPDATE:
        _rewrite_expected(files)
    return files


def _rewrite_expected(files: dict[str, bytes]) -> None:
    """Write only what differs and delete what is gone, so concurrent test workers cannot clash."""
    for name, content in files.items():
        target = MINI_EXPECTED / name
        if not target.is_file() or target.read_bytes() != content:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    for name in tree_bytes(MINI_EXPECTED):
        if name not in files:
            (MINI_EXPECTED / name).unlink(missing_ok=True)


def expected_names() -> list[str]:
    return sorted(tree_bytes(MINI_EXPECTED)) if MINI_EXPECTED.is_dir() else []


def test_built_tree_has_exactly_the_expected_files(built):
    assert sorted(built) == expected_names()


def test_tree_covers_both_languages_and_open_data():
    """Guards the golden tree itself: an accidental deletion of expected/ must not pass silently."""
    names = expected_names()
    for lang in ("zh", "en"):
        for page in ("index.md", "2022-22/air/index.md", "2022-22/air/1.md", "2022-22/air/ledger/2.md",
                     "units/chongwen.md", "deadlines/2022-10.md", "glossary/index.md"):
            assert f"docs/{lang}/{page}" in names
    assert "docs/zh/data/plan.json" in names


@pytest.mark.parametrize("name", expected_names())
def test_file_matches_golden(built, name):
    expected = (MINI_EXPECTED / name).read_bytes()
    actual = built.get(name)
    assert actual is not None, f"{name} was not generated"
    if actual != expected:
        pytest.fail(f"{name} differs from the golden file (UPDATE_GOLDEN=1 to accept):\n" + _diff(expected, actual))


def _diff(expected: bytes, actual: bytes) -> str:
    lines = difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                 actual.decode("utf-8", "replace").splitlines(),
                                 "expected", "built", lineterm="")
    return "\n".join(list(lines)[:80])


def test_two_builds_are_byte_identical(tmp_path: Path):
    build_into(MINI_DATA, tmp_path / "first")
    build_into(MINI_DATA, tmp_path / "second")
    first, second = tree_bytes(tmp_path / "first"), tree_bytes(tmp_path / "second")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_rebuild_with_unchanged_data_changes_nothing(tmp_path: Path):
    assert build_into(MINI_DATA, tmp_path) > 0
    before = {path: path.stat().st_mtime_ns for path in (tmp_path / "docs").rglob("*") if path.is_file()}
    assert build_into(MINI_DATA, tmp_path) == 0
    after = {path: path.stat().st_mtime_ns for path in (tmp_path / "docs").rglob("*") if path.is_file()}
    assert after == before


def test_rebuild_after_an_edit_changes_only_affected_files(tmp_path: Path, mini_copy: Path):
    """Words changed in a safeguard's English: exactly the files that show them are rewritten, no Chinese page."""
    out = tmp_path / "out"
    build_into(mini_copy, out)
    edit(mini_copy, "documents/2022-22/air.yml", "completed on time", "finished on time")
    before = tree_bytes(out)
    changed_count = build_into(mini_copy, out)
    after = tree_bytes(out)
    changed = sorted(name for name in after if after[name] != before.get(name))
    showing_edit = sorted(name for name in after if b"finished on time" in after[name])
    assert changed == showing_edit
    assert "docs/en/2022-22/air/index.md" in changed
    assert changed_count == len(changed)
    assert not [name for name in changed if name.startswith("docs/zh/") and name.endswith(".md")]


def test_stale_generated_page_is_removed(tmp_path: Path, mini_copy: Path):
    """A page left from earlier data (a task since deleted) disappears; hand-written pages stay."""
    build_into(mini_copy, tmp_path)
    stale = tmp_path / "docs/zh/2022-22/air/99.md"
    stale.write_text("old task\n", encoding="utf-8")
    hand_written = tmp_path / "docs/zh/about/index.md"
    hand_written.parent.mkdir(parents=True)
    hand_written.write_text("# About\n", encoding="utf-8")
    assert build_into(mini_copy, tmp_path) >= 1  # the removal counts as a change
    assert not stale.exists()
    assert hand_written.read_text(encoding="utf-8") == "# About\n"
