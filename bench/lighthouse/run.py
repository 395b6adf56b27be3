"""Lighthouse audits of the built site: `make lighthouse` (or `.venv/bin/python bench/lighthouse/run.py --help`).

Serves site/ on localhost with gzip, as real hosts do (the gzip server of the browser tests, tests/browser/conftest.py),
runs Lighthouse (the exact version pinned in bench/lighthouse/package.json, installed with `npm ci` into
bench/lighthouse/node_modules) with Debian's chromium on the home page, an item page, a unit page and the longest
page (the air plan with its ledger), mobile
(Lighthouse's default: emulated phone, simulated slow 4G and 4x CPU slowdown) and desktop (`--preset=desktop`), and
writes bench/lighthouse/scores.json: the four category scores per page and form factor, the main metrics and the ids
of the audits that did not pass. Never downloads a browser: CHROME_PATH is Debian's chromium.

Each audit is run `--runs` times (default 5); the run with the median performance score is kept, as Lighthouse's
own guidance on variability suggests. Scores are 0-100. Mobile performance depends on the machine being idle: Lighthouse
measures the page's main-thread work and slows it down 4x, so a busy CPU (a build or test run beside it) costs points.
Each entry records Lighthouse's benchmarkIndex of the kept run (higher is a faster, idler machine).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCORES = HERE / "scores.json"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync")
# The three kinds of page readers land on, and the heaviest page (a whole plan with its ledger) for comparison.
PAGES = {"home": "/", "item": "/2022-22/air/15/", "unit": "/units/housing-construction/", "plan": "/2022-22/air/"}
FORM_FACTORS = {"mobile": [], "desktop": ["--preset=desktop"]}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")
PASS = 0.9  # Lighthouse shows a numeric audit as passed from 0.9; binary audits pass at 1


def gzip_server():
    """start_server() of the browser tests' conftest, loaded by path (no pytest fixtures involved)."""
    spec = importlib.util.spec_from_file_location("lc_browser_conftest", ROOT / "tests" / "browser" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses in the conftest look their module up while it is being executed
    spec.loader.exec_module(module)
    return module.start_server


def failing(report: dict) -> list[dict]:
    """Audits that count towards a category and did not pass (sorted by category, then id)."""
    out = []
    for category_id, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            mode, score = audit.get("scoreDisplayMode"), audit.get("score")
            if mode in ("notApplicable", "informative", "manual") or ref.get("group") == "hidden":
                continue
            if mode == "error":
                out.append({"id": ref["id"], "category": category_id, "score": None, "title": audit.get("title"),
                            "error": audit.get("errorMessage")})
                continue
            if score is None:
                continue
            threshold = 1 if mode == "binary" else PASS
            if score < threshold:
                entry = {"id": ref["id"], "category": category_id, "score": score, "title": audit.get("title")}
                if audit.get("displayValue"):
                    entry["display"] = audit["displayValue"]
                out.append(entry)
    return sorted(out, key=lambda a: (CATEGORIES.index(a["category"]), a["id"]))


def summarise(report: dict) -> dict:
    return {
        "scores": {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES},
        "metrics": {m: report["audits"][m].get("displayValue") for m in METRICS if m in report["audits"]},
        "failing": failing(report),
        "warnings": report.get("runWarnings", []),
    }


def run_lighthouse(url: str, flags: list[str], out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}", *flags]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not out.is_file():
        sys.exit(f"lighthouse failed on {url} ({' '.join(flags) or 'mobile'}):\n{result.stderr[-3000:]}")
    return json.loads(out.read_text())


def table(document: dict) -> str:
    """The Markdown table of the performance pages: one row per page and form factor."""
    rows = ["| page | form factor | performance | accessibility | best practices | SEO | LCP | TBT |",
            "|---|---|---:|---:|---:|---:|---:|---:|"]
    for page in document["pages"].values():
        for form_factor, entry in page.items():
            scores, metrics = entry["scores"], entry["metrics"]
            rows.append(f"| `{entry['path']}` | {form_factor} | " + " | ".join(str(scores[c]) for c in CATEGORIES)
                        + f" | {metrics['largest-contentful-paint']} | {metrics['total-blocking-time']} |")
    return "\n".join(rows).replace("\u00a0", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="built site to audit (default site/)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page and form factor; median kept (default 5)")
    parser.add_argument("--pages", nargs="+", choices=sorted(PAGES), default=list(PAGES))
    parser.add_argument("--out", type=Path, default=SCORES, help="scores file (default bench/lighthouse/scores.json)")
    parser.add_argument("--keep-reports", type=Path, help="also keep every full Lighthouse JSON report in this folder")
    parser.add_argument("--table", action="store_true", help="print the scores file as a Markdown table; run nothing")
    args = parser.parse_args()
    if args.table:
        print(table(json.loads(args.out.read_text(encoding="utf-8"))))
        return

    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` in {HERE} (make lighthouse does)")
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: install Debian's chromium (never let Lighthouse download one)")
    if not (args.site_dir / "index.html").is_file():
        sys.exit(f"{args.site_dir} is not built: run `make site`")

    server, origin = gzip_server()(args.site_dir.resolve())
    version = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True).stdout.strip()
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    results: dict = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for page in args.pages:
                for form_factor, flags in FORM_FACTORS.items():
                    runs = []
                    for n in range(args.runs):
                        out = Path(tmp) / f"{page}-{form_factor}-{n}.json"
                        report = run_lighthouse(origin + PAGES[page], flags, out)
                        runs.append(report)
                        if args.keep_reports:
                            args.keep_reports.mkdir(parents=True, exist_ok=True)
                            shutil.copy(out, args.keep_reports / out.name)
                    perf = [r["categories"]["performance"]["score"] for r in runs]
                    median = sorted(range(len(runs)), key=lambda i: perf[i])[len(runs) // 2]
                    entry = {"path": PAGES[page], **summarise(runs[median]),
                             "performance_runs": [round(p * 100) for p in perf],
                             "benchmark_index": round(runs[median]["environment"]["benchmarkIndex"])}
                    results.setdefault(page, {})[form_factor] = entry
                    print(f"{page:5} {form_factor:7} " + "  ".join(f"{c} {entry['scores'][c]:3}" for c in CATEGORIES)
                          + (f"  failing: {', '.join(a['id'] for a in entry['failing'])}" if entry["failing"] else ""),
                          flush=True)
    finally:
        server.shutdown()
        server.server_close()

    document = {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "lighthouse": version,
        "browser": chromium,
        "served": "site/ over HTTP on localhost, text files gzip-compressed (level 6)",
        "runs": args.runs,
        "selection": "the run with the median performance score",
        "mobile": "Lighthouse default: Moto G Power emulation, simulated slow 4G, 4x CPU slowdown",
        "desktop": "--preset=desktop",
        "pages": results,
    }
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
