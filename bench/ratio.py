"""The build against a bare render of the same pages, side by side in one run (`make bench`; `bench/run.py
--ratio-only [--compare COMMIT]` for this part alone).

- **bare render**: every Markdown page the generator wrote (docs/zh, docs/en), front matter dropped, through
  Python-Markdown with the site's own markdown_extensions (read from mkdocs.yml), through one Jinja2 template, written
  to disk: what any static-site tool must at least do with these pages. One process, one page after the other.
- **generation**: `python -m generator build`, cold (fresh docs/ and no generated/ caches, as in a fresh clone) and
  warm (again, data unchanged: what `make site` does after the previous build or a small edit).
- **make site**: generation, then `python -m postbuild build` (both language projects in parallel, the post-build
  step) into a fresh site folder, cold and warm.

Ratio = make site / bare render (target: at most 3). With --compare, the same is measured for another commit (e.g.
the base of a change) in the same run, the two trees alternating, so the machine's load affects both alike.
"""
from __future__ import annotations

import shutil
import statistics
from pathlib import Path

BARE = r'''
import sys
from pathlib import Path

import jinja2
import markdown
import yaml

settings = yaml.safe_load(Path("mkdocs.yml").read_text(encoding="utf-8"))
names, options = [], {}
for entry in settings.get("markdown_extensions") or []:
    name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
    names.append(name)
    options[name] = config or {}
page = jinja2.Template("<!doctype html>\n<html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\">"
                       "<title>{{ title }}</title></head>\n<body><article>{{ content }}</article></body></html>\n")
md = markdown.Markdown(extensions=names, extension_configs=options)
out, count = Path(sys.argv[1]), 0
for lang in ("zh", "en"):
    root = Path("docs") / lang
    for source in sorted(root.rglob("*.md")):
        text, title = source.read_text(encoding="utf-8"), ""
        if text.startswith("---\n"):
            end = text.index("\n---\n", 3)
            title = (yaml.load(text[4:end], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}).get("title", "")
            text = text[end + 5:]
        target = out / lang / source.relative_to(root).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.render(lang=lang, title=title, content=md.reset().convert(text)), encoding="utf-8")
        count += 1
print(count)
'''


STEPS = ("generation_cold", "bare", "engine_cold", "generation_warm", "engine_warm")


def one_round(project: Path, work: Path, log: Path, run, generate, fresh_docs, site_build, cpu_seconds: list,
              python: str) -> dict[str, tuple[float, float]]:
    """One round: cold generation (no generated pages, no caches), bare render, cold site build, warm generation,
    warm site build. Returns step -> (wall s, CPU s). `run`, `generate`, `fresh_docs`, `site_build` and
    `cpu_seconds` are bench/run.py's (child processes timed by its launcher)."""
    fresh_docs(project)
    shutil.rmtree(project / "generated", ignore_errors=True)
    steps = {"generation_cold": lambda: generate(project, log),
             "bare": lambda: _bare(project, work, log, run, python),
             "engine_cold": lambda: site_build(project, project / "site-bench", log),
             "generation_warm": lambda: generate(project, log),
             "engine_warm": lambda: site_build(project, project / "site-bench", log)}
    measured = {}
    for key in STEPS:
        seconds, _ = steps[key]()
        measured[key] = (seconds, cpu_seconds[-1])
    return measured


def summary(project: Path, rounds: list[dict[str, tuple[float, float]]]) -> dict:
    times = {k: [r[k][0] for r in rounds] for k in STEPS}
    cpu = {k: statistics.median(r[k][1] for r in rounds) for k in STEPS}
    med = {k: statistics.median(v) for k, v in times.items()}
    result = {"runs": len(rounds), "seconds": med, "seconds_all": times, "cpu_seconds": cpu,
              "pages_markdown": sum(1 for lang in ("zh", "en") for _ in (project / "docs" / lang).rglob("*.md"))}
    for state in ("cold", "warm"):
        result[f"make_site_{state}"] = med[f"generation_{state}"] + med[f"engine_{state}"]
        result[f"ratio_{state}"] = result[f"make_site_{state}"] / med["bare"]
        result[f"cpu_ratio_{state}"] = (cpu[f"generation_{state}"] + cpu[f"engine_{state}"]) / cpu["bare"]
    return result


def _bare(project: Path, work: Path, log: Path, run, python: str) -> tuple[float, int]:
    out = work / "bare"
    shutil.rmtree(out, ignore_errors=True)
    return run([python, "-c", BARE, str(out)], project, log)


def report(results: dict[str, dict]) -> list[str]:
    """results: tree name -> measure()."""
    lines = ["", "Whole build against a bare render of the same pages (seconds, medians; ratio = make site / bare "
                 "render, target ≤ 3):", "",
             "| tree | pages | bare render | generation cold / warm | engine + post-build cold / warm "
             "| make site cold / warm | ratio cold / warm | CPU ratio cold / warm |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, r in results.items():
        s = r["seconds"]
        lines.append(f"| {name} | {r['pages_markdown']} | {s['bare']:.2f} | {s['generation_cold']:.2f} / "
                     f"{s['generation_warm']:.2f} | {s['engine_cold']:.2f} / {s['engine_warm']:.2f} | "
                     f"{r['make_site_cold']:.2f} / {r['make_site_warm']:.2f} | {r['ratio_cold']:.2f} / "
                     f"{r['ratio_warm']:.2f} | {r['cpu_ratio_cold']:.2f} / {r['cpu_ratio_warm']:.2f} |")
    return lines
