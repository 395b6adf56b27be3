"""Helpers for the generator tests: where the fixtures live, building a data folder into pages,
copying the mini data for a test to change, and running the command line the way an editor does."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from unittest import mock
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `pytest tests/` from anywhere can import the generator
    sys.path.insert(0, str(ROOT))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini"
MINI_DATA = MINI / "data"
MINI_EXPECTED = MINI / "expected"
# The origin every generator test builds for, whatever SITE_URL the shell that runs the tests has: the golden files
# name it. (The built site/ is checked against the origin it was built for, read from the site itself.)
TEST_SITE_URL = "https://lingchuan-plans.example.org/"


def build_into(data_dir: Path, out: Path) -> int:
    """Validate `data_dir` and write its pages to out/docs (the generator also writes out/generated/).
    Returns the number of files the build changed."""
    from generator.build import build_pages
    from generator.validate import load_corpus

    out.mkdir(parents=True, exist_ok=True)
    with mock.patch.dict(os.environ, {"SITE_URL": TEST_SITE_URL}):
        return build_pages(load_corpus(data_dir), out / "docs", data_dir)


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root` (hidden ones included), by POSIX path relative to `root`."""
    return {path.relative_to(root).as_posix(): path.read_bytes()
            for path in sorted(root.rglob("*")) if path.is_file()}


def copy_mini(target: Path) -> Path:
    """A private copy of the mini data that a test may change."""
    shutil.copytree(MINI_DATA, target)
    return target


def edit(data_dir: Path, relative: str, old: str, new: str) -> None:
    """Replace the one occurrence of `old` in a data file: a case fails loudly when the mini data drifts."""
    path = data_dir / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{relative}: expected exactly one {old!r}, found {text.count(old)}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run_generator(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """`python -m generator <args>` as an editor runs it, from `cwd` (paths in messages are relative to it)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", "SITE_URL": TEST_SITE_URL}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    return copy_mini(tmp_path / "data")
