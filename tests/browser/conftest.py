"""Browser-test fixtures: the built site/ served over HTTP on localhost, compressed as real hosts serve it, and one
headless Debian Chromium per test process (driven by Playwright's sync API; never `playwright install`).

The tests build nothing themselves: `make test` builds site/ first. The language switcher's links in site/ are
relative (the post-build step, postbuild/links.py, points them at the mirror page), so they work on any origin,
including this test server; test_switcher_links_are_relative pins that down."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("SITE_DIR", ROOT / "site"))  # SITE_DIR: test another build of the site
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".ics", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it and the file is text (as GitHub Pages does)."""

    _cache: dict[tuple[str, float], bytes] = {}
    _lock = threading.Lock()

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        key = (str(path), path.stat().st_mtime)
        with self._lock:
            body = self._cache.get(key)
            if body is None:
                body = self._cache[key] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser dropping a connection is normal
            super().handle_error(request, client_address)


def start_server(directory: Path) -> tuple[QuietServer, str]:
    """Serve a folder on a free localhost port in a background thread; returns the server and its origin."""
    server = QuietServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="session")
def site_url():
    """Origin of a local server for site/, e.g. http://127.0.0.1:41234 (no trailing slash)."""
    if not (SITE / "index.html").is_file() or not (SITE / "search" / "search_index.json").is_file():
        pytest.fail("site/ is not built: run `make site` (or `make test`, which builds it first)")
    server, origin = start_server(SITE)
    yield origin
    server.shutdown()
    server.server_close()


PREFIX = "/lingchuan/"   # a project site: GitHub Pages serves https://<owner>.github.io/<repo>/


class PrefixHandler(GzipHandler):
    """Serves a folder that holds the site under PREFIX, and the site's 404.html, with status 404, for every missing
    path: what GitHub Pages does for a project site."""

    not_found: Path

    def send_error(self, code, message=None, explain=None):
        if code != 404 or self.command != "GET" or not self.not_found.is_file():
            return super().send_error(code, message, explain)
        body = self.not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@dataclass(frozen=True)
class Deployed:
    site: Path       # the built folder
    origin: str      # http://127.0.0.1:<port>
    url: str         # origin + PREFIX: the SITE_URL it was built for


def _checkout_copy(target: Path) -> None:
    """The files of this checkout (tracked, and new ones not ignored), with their times (so make sees the shared
    .venv as up to date): what a fresh clone plus uncommitted work would hold, without site/, docs' generated pages."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


@pytest.fixture(scope="session")
def deployed(tmp_path_factory) -> Deployed:
    """The deployed shape: a copy of the checkout built as the Pages workflow builds it (`make site DEPLOY=1` with
    SITE_URL set) for an origin with a path prefix, http://127.0.0.1:<port>/lingchuan/, and served under that prefix.
    Built once per test session (tests/browser/test_deployed.py runs in one xdist group)."""
    root = tmp_path_factory.mktemp("deployed")
    checkout, served = root / "checkout", root / "served"
    checkout.mkdir()
    served.mkdir()
    _checkout_copy(checkout)
    handler = type("Handler", (PrefixHandler,), {"not_found": checkout / "site" / "404.html"})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(served)))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    env = {**os.environ, "SITE_URL": origin + PREFIX}
    result = subprocess.run(["make", "--no-print-directory", "site", "DEPLOY=1", f"VENV={ROOT / '.venv'}"],
                            cwd=checkout, env=env, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        server.server_close()
        pytest.fail(f"make site DEPLOY=1 failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    (served / PREFIX.strip("/")).symlink_to(checkout / "site", target_is_directory=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Deployed(checkout / "site", origin, origin + PREFIX)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`.ci/run` does); never `playwright install`")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
