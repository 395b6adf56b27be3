"""Search and first-visit measures of a built site (issue 15), for `make bench` or on their own:

    .venv/bin/python bench/search.py [SITE_DIR]      # default site/; prints JSON

- first visit: bytes a cold-cache browser receives, compressed, for the home page, an item, a unit and the air plan
  in both languages, without interaction (everything fetched within 5 s), counted at the server;
- first results: from the first keystroke in the search box, and from the tap on the search button before it
  (neither Material's script, which that tap starts, nor the index loaded yet, as on a first visit), to the first
  result shown, under Lighthouse's mobile throttling (slow 4G: 150 ms, 1.6 Mbit/s down; 4x CPU slowdown),
  median of 3 per language;
- recall and precision of the site's search on tests/browser/queries.yml (tests/browser/search_eval.py);
- the size of each language's index (also reported per data size by bench/run.py).
"""
from __future__ import annotations

import functools
import gzip
import json
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import search_eval  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, GzipHandler, QuietServer  # noqa: E402

PAGES = ["", "2022-22/air/15/", "units/housing-construction/", "2022-22/air/"]
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}
FIRST_KEYS = {"zh": "住建", "en": "heating"}


def index_sizes(site: Path) -> dict:
    out = {}
    for lang in ("zh", "en"):
        path = search_eval.site_index(site, lang)
        if path.is_file():
            body = path.read_bytes()
            out[lang] = {"bytes": len(body), "gzip": len(gzip.compress(body, 6)),
                         "docs": len(json.loads(body)["docs"])}
    return out


def _server(site: Path):
    log: list[tuple[str, int]] = []

    class Counting(GzipHandler):
        def end_headers(self):
            self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends
            super().end_headers()

        def send_header(self, keyword, value):
            if keyword.lower() == "content-length":
                log.append((self.path.split("?")[0], int(value)))
            super().send_header(keyword, value)

    server = QuietServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", log


def first_visits(browser, origin: str, log: list) -> dict:
    out = {}
    for lang in ("zh", "en"):
        for path in PAGES:
            page_path = ("en/" if lang == "en" else "") + path
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            start = len(log)
            try:
                page.goto(f"{origin}/{page_path}", wait_until="networkidle", timeout=5000)
            except Exception:  # noqa: BLE001 - count what arrived within 5 s
                pass
            sent = log[start:]
            out["/" + page_path] = {"bytes": sum(n for _, n in sent), "requests": len(sent)}
            context.close()
    return out


def first_results(browser, origin: str, runs: int = 3) -> dict:
    out = {}
    for lang, query in FIRST_KEYS.items():
        seconds, from_tap = [], []
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 412, "height": 823})
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")  # a new context is a new profile: the cache starts empty, as on a first visit
            page.goto(f"{origin}/{'en/' if lang == 'en' else ''}2022-22/air/15/", wait_until="networkidle")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            # Also timed from the tap on the search button: that first interaction loads and starts Material's
            # bundle (overrides/partials/lc-scripts-on-use.html), which has to run before any result can show.
            tapped = time.perf_counter()
            page.locator("label.md-header__button[for=__search]").click()
            box = page.locator("input.md-search__input")
            started = time.perf_counter()
            box.fill(query[0])  # what the first keystroke (or IME commit) puts in the box; Material reacts on key-up
            box.press("End")
            page.locator("li.md-search-result__item").first.wait_for(state="visible", timeout=30_000)
            seconds.append(time.perf_counter() - started)
            from_tap.append(time.perf_counter() - tapped)
            context.close()
        out[lang] = {"query_key": query[0], "seconds_median": statistics.median(seconds), "seconds_all": seconds,
                     "from_tap_seconds_median": statistics.median(from_tap), "from_tap_seconds_all": from_tap}
    return out


def recall(browser, origin: str, site: Path) -> dict:
    queries = search_eval.load_queries()
    texts = search_eval.page_texts(site)
    context = browser.new_context()
    results = {lang: search_eval.run(context.new_page(), origin, "site", lang, [e["query"] for e in entries], site)
               for lang, entries in queries.items()}
    context.close()
    return {lang: {k: v for k, v in r.items() if k != "misses"} | {"misses": r["misses"]}
            for lang, r in search_eval.score(queries, results, texts).items()}


def measure(site: Path) -> dict:
    from playwright.sync_api import sync_playwright
    server, origin, log = _server(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            result = {"index": index_sizes(site), "first_visit": first_visits(browser, origin, log),
                      "first_results": first_results(browser, origin), "recall": recall(browser, origin, site)}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return result


def report(result: dict) -> list[str]:
    lines = ["", "Search and first visits (1×; bench/search.py): bytes received by a cold-cache browser, compressed, "
                 "counted at the server, no interaction:", "", "| page | KB | requests |", "|---|---:|---:|"]
    for path, v in result["first_visit"].items():
        lines.append(f"| `{path}` | {v['bytes'] / 1024:.1f} | {v['requests']} |")
    fr = result["first_results"]
    lines += ["", "First results after the first keystroke, index not loaded yet, slow 4G and 4× CPU slowdown: " +
              ", ".join(f"{lang} “{v['query_key']}” {v['seconds_median']:.2f} s (median of "
                        f"{len(v['seconds_all'])}: {', '.join(f'{s:.2f}' for s in v['seconds_all'])}; "
                        f"{v['from_tap_seconds_median']:.2f} s from the tap on the search button, which starts "
                        f"Material's script)" for lang, v in fr.items()),
              "", "Search index per language: " + ", ".join(
                  f"{lang} {v['docs']} documents, {v['bytes'] / 1024:.0f} KB ({v['gzip'] / 1024:.1f} KB gzip)"
                  for lang, v in result["index"].items()),
              "", "Recall and precision on tests/browser/queries.yml: " + ", ".join(
                  f"{lang} recall {r['recall']:.1%} ({r['found']}/{r['wanted']}), precision {r['precision']:.1%}, "
                  f"{r['foreign']} other-language results" for lang, r in result["recall"].items())]
    return lines


if __name__ == "__main__":
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    measured = measure(site)
    print(json.dumps(measured, ensure_ascii=False, indent=2))
    print("\n".join(report(measured)))
