"""`make site` never damages site/ (issue 11): the Makefile's own recipe is run in a scratch folder with a stand-in
for the Python steps (a fake `python -m postbuild build --out site` that stages 50 files slowly in site.new/ and
swaps them in, as postbuild/__init__.py does with its fixed staging names), so the lock and the repair are tested
for real and in seconds:

- two builds at once both succeed and leave one whole site (before the lock, the second deleted the folder the
  first was building into: 143 of 789 files);
- a build killed half way leaves the previous site exactly as it was;
- a build interrupted between its two renames is repaired by the next one.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from mini_fixture import ROOT

FAKE_PYTHON = """#!/bin/sh
# `python -m generator build`: nothing to do; `python -m postbuild build --engine E --out DIR`: a slow build staged
# in DIR.new (a fixed name, like the real step's), then swapped in by two renames
[ "$2" = postbuild ] || exit 0
while [ "$1" != "--out" ]; do shift; done
out="$2"
rm -rf "$out.new" && mkdir -p "$out.new"
for i in $(seq 1 50); do echo "page $i of run $RUN" > "$out.new/page$i.html"; sleep 0.02; done
rm -rf "$out.old"; [ ! -d "$out" ] || mv "$out" "$out.old"; mv "$out.new" "$out"; rm -rf "$out.old"
"""


def project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "requirements.txt").write_text("")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text(FAKE_PYTHON)
    (bin_dir / "python").chmod(0o755)
    time.sleep(0.01)
    (tmp_path / ".venv" / ".site-deps").touch()  # newer than requirements.txt: nothing to install
    return tmp_path


def make_site(folder: Path, run: str) -> subprocess.Popen:
    return subprocess.Popen(["make", "--no-print-directory", "site"], cwd=folder, env={**os.environ, "RUN": run},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def site_of(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((folder / "site").iterdir())}


def whole(site: dict[str, str]) -> set[str]:
    """The runs a site's pages come from: one run for a whole site."""
    assert sorted(site) == sorted(f"page{i}.html" for i in range(1, 51)), sorted(site)
    return {text.rsplit(" ", 1)[1].strip() for text in site.values()}


def test_two_builds_at_once_leave_one_whole_site(tmp_path: Path):
    folder = project(tmp_path)
    first, second = make_site(folder, "A"), make_site(folder, "B")
    assert [first.wait(60), second.wait(60)] == [0, 0], (first.stderr.read(), second.stderr.read())
    assert len(whole(site_of(folder))) == 1
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith("site")) == ["site"]


def test_a_killed_build_leaves_the_previous_site(tmp_path: Path):
    folder = project(tmp_path)
    assert make_site(folder, "A").wait(60) == 0
    before = site_of(folder)
    build = make_site(folder, "B")
    deadline = time.monotonic() + 30
    while not (folder / "site.new" / "page10.html").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait(60)
    assert site_of(folder) == before and whole(before) == {"A"}


def test_a_build_interrupted_between_its_renames_is_repaired_by_the_next(tmp_path: Path):
    folder = project(tmp_path)
    assert make_site(folder, "A").wait(60) == 0
    (folder / "site").rename(folder / "site.old")  # the state after `mv site site.old`, before `mv site.new site`
    build = make_site(folder, "B")
    deadline = time.monotonic() + 30
    while not (folder / "site").is_dir() and time.monotonic() < deadline:
        time.sleep(0.005)
    assert whole(site_of(folder)) == {"A"}     # the previous site is back before the new build replaces it
    assert build.wait(60) == 0 and whole(site_of(folder)) == {"B"}
