"""Browser fixtures for tests/test_print.py and tests/test_citation.py: site/ served on localhost and one headless
Debian Chromium per test process (Playwright's sync API with executable_path; never `playwright install`)."""
from __future__ import annotations

import functools
import http.server
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("SITE_DIR", ROOT / "site"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="module")
def origin():
    """http://127.0.0.1:<port> serving site/."""
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run `make site` (or `make test`, which builds it first)")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(SITE)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class BrowserThread:
    """Headless Chromium driven from a thread of its own. Playwright's sync API allows one instance per thread, and
    tests/browser/conftest.py keeps a session-long one in the main thread of the same pytest worker, so these tests
    run their browser work in this thread: `run(check, **context_options)` calls check(page) there on a fresh page
    and re-raises its assertion errors here."""

    def __init__(self):
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chromium")
        self.executor.submit(self._start).result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    def _with_page(self, check, options: dict):
        context = self.browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        try:
            page = context.new_page()
            page.set_default_timeout(10_000)
            return check(page)
        finally:
            context.close()

    def run(self, check, **context_options):
        return self.executor.submit(self._with_page, check, context_options).result()

    def close(self) -> None:
        def stop():
            self.browser.close()
            self.playwright.stop()
        self.executor.submit(stop).result()
        self.executor.shutdown()


@pytest.fixture(scope="module")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`.ci/run` does); never `playwright install`")
    browser = BrowserThread()
    yield browser
    browser.close()
