"""Search recall over the committed query set (queries.yml), measured with the site's real search code.

The measurement drives the search worker directly in Chromium (the same messages the search box sends), so a whole
query set runs in about a second. Two workers can be compared:
  material  Material's own worker on Material's index of both languages (what the site had before issue 6);
  site      assets/javascripts/workers/site-search.js on the site's index of the language (what the site uses).

    python tests/browser/search_eval.py measure [SITE_DIR]   # prints recall and precision of both workers
    python tests/browser/search_eval.py update  [SITE_DIR]   # rewrites the page lists in queries.yml from the site
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.yml"
ITEM = re.compile(r"^(en/)?\d{4}-\d+/[a-z]+/(ledger/)?\d+/$")

# Runs a list of queries through a search worker inside a page of the site; returns, per query, the page locations
# of the results in rank order (Material groups sections under their page).
RUN_QUERIES = """
async ({worker, index: indexUrl, queries}) => {
  const index = await (await fetch(indexUrl)).json()
  const w = new Worker(worker)
  let answer = null, fail = null
  w.onmessage = ev => answer(ev.data)
  w.onerror = ev => fail(new Error("search worker: " + ev.message))
  const ask = message => new Promise((resolve, reject) => {
    answer = resolve; fail = reject; w.postMessage(message)
    setTimeout(() => reject(new Error("search worker: no answer to " + JSON.stringify(message).slice(0, 80))), 20000)
  })
  const ready = await ask({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: false}}})
  if (ready.type !== 1) throw new Error("search worker not ready: " + JSON.stringify(ready))
  const out = {}
  for (const query of queries) {
    const reply = await ask({type: 2, data: query})
    out[query] = reply.data.items.map(group => group[0].location.split("#")[0])
  }
  w.terminate()
  return out
}
"""


def site_index(site: Path, lang: str) -> Path:
    """The site's search index of a language (generator/search_index.py)."""
    return site / ("en" if lang == "en" else "") / "search" / "lc-index.json"


def page_texts(site: Path) -> dict[str, str]:
    """Indexed text of each page (title, matched keys and text) of both languages, by location from the site root."""
    texts: dict[str, str] = {}
    for lang in ("zh", "en"):
        index = json.loads(site_index(site, lang).read_text(encoding="utf-8"))
        for doc in index["docs"]:
            location = ("en/" if lang == "en" else "") + doc["location"].split("#")[0]
            text = " ".join([doc['title'], *doc.get('keys', []), *doc.get('when', []), doc['text']])
            texts[location] = f"{texts[location]} {text}" if location in texts else text
    return texts


def contains(text: str, query: str, lang: str) -> bool:
    if lang == "zh":
        return query in text
    return re.search(rf"(?<!\w){re.escape(query)}(?!\w)", text, re.I) is not None


def relevant(text: str, query: str, lang: str) -> bool:
    """Whether a returned page is a right answer: it contains the Chinese query, or every English query word as the
    start of a word (search matches English words by prefix, so "permit" rightly finds "permits")."""
    if lang == "zh":
        return query in text
    return all(re.search(rf"(?<!\w){re.escape(word)}", text, re.I) for word in query.split())


def expected_pages(texts: dict[str, str], query: str, lang: str) -> list[str]:
    return sorted(location for location, text in texts.items()
                  if ITEM.match(location) and location.startswith("en/") == (lang == "en") and contains(text, query, lang))


def load_queries() -> dict[str, list[dict]]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def worker_urls(page, site: Path) -> dict[str, callable]:
    """Worker URLs for a page already open on the site, by worker name, as functions of the language."""
    configured = page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).search, location.href).href")
    folder = configured.split("?")[0].rsplit("/", 1)[0]
    material = next((site / "assets" / "javascripts" / "workers").glob("search.*.min.js")).name
    return {"material": lambda lang: f"{folder}/{material}",
            "site": lambda lang: f"{folder}/site-search.js?root={'en/' if lang == 'en' else ''}"}


def run(page, origin: str, worker: str, lang: str, queries: list[str], site: Path = HERE.parents[1] / "site"
        ) -> dict[str, list[str]]:
    page.goto(origin + ("/en/" if lang == "en" else "/"))
    url = worker_urls(page, site)[worker](lang)
    prefix = "en/" if lang == "en" else ""  # each language is its own build: Material's index is per language too
    index = origin + ("/" + prefix + "search/search_index.json" if worker == "material" else
                      "/" + site_index(Path(""), lang).as_posix())
    found = page.evaluate(RUN_QUERIES, {"worker": url, "index": index, "queries": queries})
    if worker == "material":  # its locations are relative to the language's root
        found = {query: [prefix + location for location in pages] for query, pages in found.items()}
    return found


def score(queries: dict[str, list[dict]], results: dict[str, dict[str, list[str]]], texts: dict[str, str]) -> dict:
    """Recall (share of listed pages returned), precision (share of returned item pages of the reading language that
    contain the query) and other-language results, per language."""
    report = {}
    for lang, entries in queries.items():
        wanted = found = returned = right = foreign = full = 0
        misses = []
        answers = results[lang]
        for entry in entries:
            query, pages = entry["query"], entry.get("pages") or []
            got = answers[query]
            hit = [p for p in pages if p in got]
            wanted, found = wanted + len(pages), found + len(hit)
            full += len(hit) == len(pages)
            if len(hit) < len(pages):
                misses.append(f"{query} {len(hit)}/{len(pages)}")
            own = [p for p in got if ITEM.match(p) and p.startswith("en/") == (lang == "en")]
            returned += len(own)
            right += sum(1 for p in own if relevant(texts.get(p, ""), query, lang))
            foreign += sum(1 for p in got if p.startswith("en/") != (lang == "en"))
        report[lang] = {"queries": len(entries), "full": full, "recall": found / wanted if wanted else 1.0,
                        "found": found, "wanted": wanted, "precision": right / returned if returned else 1.0,
                        "foreign": foreign, "misses": misses}
    return report


def _serve(site: Path):
    sys.path.insert(0, str(HERE))
    from conftest import start_server
    return start_server(site)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "measure"
    site = Path(argv[1]) if len(argv) > 1 else HERE.parents[1] / "site"
    texts = page_texts(site)
    queries = load_queries()
    if command == "update":
        lines = QUERIES.read_text(encoding="utf-8").split("\n")
        header = [line for line in lines if line.startswith("#")]
        out = header[:]
        for lang, entries in queries.items():
            out.append(f"{lang}:")
            for entry in entries:
                pages = expected_pages(texts, entry["query"], lang)
                out.append(f"  - query: {entry['query']}")
                out.append(f"    pages: [{', '.join(pages)}]")
        QUERIES.write_text("\n".join(out) + "\n", encoding="utf-8")
        print(f"{QUERIES}: page lists rewritten from {site}")
        return 0
    sys.path.insert(0, str(HERE))
    from conftest import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright
    server, origin = _serve(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for worker in ("material", "site"):
            results = {lang: run(page, origin, worker, lang, [e["query"] for e in entries], site)
                       for lang, entries in queries.items()}
            for lang, r in score(queries, results, texts).items():
                print(f"{worker:9} {lang}: recall {r['recall']:.1%} ({r['found']}/{r['wanted']} pages), "
                      f"{r['full']}/{r['queries']} queries complete, precision {r['precision']:.1%}, "
                      f"{r['foreign']} other-language results; misses: {', '.join(r['misses']) or 'none'}")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
