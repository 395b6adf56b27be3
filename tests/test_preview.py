"""The preview (`make serve`, generator/serve.py): a YAML edit shows first on the edited item's page, then on every
page once the whole site is generated again, search index included.

The first step renders only the pages of items whose own data changed (generator/build.py, item_pages); they must be
byte for byte the pages the whole generation writes, or the preview would show one thing and then another. The
end-to-end test runs the real preview server in a copy of the project and reads its pages over HTTP, as an editor's
browser does. Neither measures time: `bench/run.py --preview-only` does (seconds from saving to the page)."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from unittest import mock

import pytest
import yaml

from mini_fixture import ROOT, TEST_SITE_URL

EDITED = ("2022-22", "air", 15)      # a task of the real data (document, plan, number)


def _edit_task_text(data: Path, marker: str) -> str:
    """Add `marker` to the English text of task EDITED in its YAML file, as an editor would (after the text's first
    words, found by reading the file); returns the item's id."""
    document, plan, number = EDITED
    path = data / "documents" / document / f"{plan}.yml"
    text = path.read_text(encoding="utf-8")
    tasks = [t for c in yaml.safe_load(text)["categories"] for t in c["tasks"] if t["number"] == number]
    anchor = " ".join(tasks[0]["text"]["en"].split(" ")[:3])
    assert text.count(anchor) >= 1, anchor
    path.write_text(text.replace(anchor, f"{anchor} {marker}", 1), encoding="utf-8")
    return f"{document}/{plan}/{number}"


@pytest.fixture
def data_copy(tmp_path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def test_the_first_step_finds_the_edited_item_and_renders_what_the_whole_generation_renders(data_copy, tmp_path):
    from generator.build import generate, item_pages
    from generator.index import build_index
    from generator.serve import _own_data
    from generator.validate import load_corpus

    before = _own_data(build_index(load_corpus(data_copy)))
    item_id = _edit_task_text(data_copy, "(preview test edit)")
    corpus = load_corpus(data_copy)
    after = _own_data(build_index(corpus))
    assert {i for i, values in after.items() if before.get(i) != values} == {item_id}

    docs = tmp_path / "docs"
    with mock.patch.dict(os.environ, {"SITE_URL": TEST_SITE_URL}):
        first = item_pages(build_index(corpus), docs, {item_id})
        whole = generate(corpus, docs).files
    assert sorted(first) == [f"en/{item_id}.md", f"zh/{item_id}.md"]
    assert "(preview test edit)" in first[f"en/{item_id}.md"].decode("utf-8")
    for path, content in first.items():
        assert content == whole[path], path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def _wait_for(url: str, text: str, server: subprocess.Popen, log: Path, timeout: float = 240) -> None:
    """Until the page at `url` holds `text`; a generous timeout, this is not a measurement."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in _page(url):
            return
        if server.poll() is not None:
            pytest.fail(f"the preview stopped:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
        time.sleep(0.2)
    pytest.fail(f"{url} never showed {text!r}:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")


@pytest.mark.xdist_group("preview")
def test_the_preview_shows_an_edit_on_its_page_then_everywhere_search_included(tmp_path):
    if not (ROOT / "docs" / "zh" / "2022-22" / "air" / "15.md").is_file():
        pytest.skip("docs/ is not generated: run `make pages` (make test does)")
    project = tmp_path / "project"
    skipped = {".git", ".venv", "site", "site.new", "site.old", "site-zensical", "__pycache__", ".pytest_cache",
               "node_modules", "bench", "tests", ".build.lock"}
    shutil.copytree(ROOT, project, ignore=lambda folder, names: {n for n in names if n in skipped
                                                                 or n.startswith((".staging-", "site."))})
    port = _free_port()
    origin = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                  env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"})
    try:
        item = "/en/{}/{}/{}/".format(*EDITED)
        _wait_for(origin + item, "Task 15", server, log)
        marker = f"previewedit{int(time.time())}"
        _edit_task_text(project / "data", marker)
        _wait_for(origin + item, marker, server, log)
        _wait_for(origin + "/en/{}/{}/".format(*EDITED[:2]), marker, server, log)   # the plan page shows every task
        _wait_for(origin + "/en/search/lc-index.json", marker, server, log)        # and search finds it
        assert marker not in _page(origin + item.replace("/en/", "/", 1))           # the Chinese text is untouched
        assert "Task 15" in _page(origin + item)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
