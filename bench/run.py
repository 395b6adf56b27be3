"""Benchmark of the site build: `make bench` (or `.venv/bin/python bench/run.py --help`).

Everything runs in temporary copies of the project (bench/out/ or --work); the real data/, docs/ and site/ are never
touched. For each size (the real data, then synthetic data with N times the plans, see bench/synthetic.py):

  generation   `python -m generator build` from an empty docs/: load + validate + index + render + write
  full build   generation, then `mkdocs build --strict` into a fresh site folder

Each is timed `--runs` times (median reported), with the peak memory of the child process (ru_maxrss from wait4).
Then: the weight of an item page (HTML, the CSS and JS it loads, gzip sizes) and of the search index; what the build
spends its time on at the largest size (mkdocs build with search off, jieba off, one language; a cProfile of one
build grouped by package); and the preview latency of `python -m generator serve` (edit a YAML file, poll the page
until it shows the new text). The results are printed as Markdown and written to bench/results.json.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import make_synthetic  # noqa: E402
import search as search_bench  # noqa: E402
import ratio as ratio_bench  # noqa: E402

PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results.json"
# Not copied into a work project: the real data/ is replaced by synthetic data, generated pages are made afresh.
SKIP = {".git", ".venv", "site", "site.new", "site.old", "generated", "__pycache__", ".pytest_cache", "node_modules"}
ITEM_PAGE = "2022-22/air/15"            # the item page whose weight is reported
EDIT_TASK = ("2022-22", "air", 15)      # the task whose English text the preview benchmark edits
GZIP_LEVEL = 6
QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # MkDocs 2 banners


# --- child processes -------------------------------------------------------------------------------------------

# A child's ru_maxrss starts from the RSS of the process it was forked from (Linux keeps the high-water mark
# across exec), so children are started by this small launcher, never forked from the benchmark itself.
LAUNCHER = r"""
import json, os, sys, time
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"seconds": time.perf_counter() - started, "maxrss_kb": usage.ru_maxrss,
               "cpu": usage.ru_utime + usage.ru_stime, "status": os.waitstatus_to_exitcode(status)}, out)
"""
CPU_SECONDS: list[float] = []  # CPU seconds of each child, in order; the machine is shared, CPU time is steadier


def run(cmd: list[str], cwd: Path, log: Path, env: dict | None = None) -> tuple[float, int]:
    """Run a child to completion; return (wall seconds, peak resident memory in MB of that child)."""
    environment = {**os.environ, **QUIET, **(env or {})}
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        report_file = handle.name
    try:
        with open(log, "ab") as out:
            subprocess.run([PYTHON, "-c", LAUNCHER, report_file, *map(str, cmd)], cwd=cwd, stdout=out,
                           stderr=subprocess.STDOUT, env=environment, check=True)
        measured = json.loads(Path(report_file).read_text())
    finally:
        os.unlink(report_file)
    if measured["status"] != 0:
        raise SystemExit(f"failed ({measured['status']}): {' '.join(map(str, cmd))} in {cwd}; see {log}")
    CPU_SECONDS.append(measured["cpu"])
    return measured["seconds"], measured["maxrss_kb"] // 1024


# --- work projects ---------------------------------------------------------------------------------------------

SOURCE = ROOT  # the tree benchmarked: the working tree, or a commit extracted by --commit


def hand_written_docs() -> list[str]:
    """Files under docs/ that are not generated: what git tracks (or would track) there. Generated pages are ignored."""
    if SOURCE != ROOT:  # an extracted commit holds tracked files only
        return sorted(p.relative_to(SOURCE).as_posix() for p in (SOURCE / "docs").rglob("*") if p.is_file())
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "--", "docs"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\n")
    return sorted(p for p in listed if p and (ROOT / p).is_file())


def extract_commit(commit: str, target: Path) -> Path:
    """The tree of a commit, so teammates' unfinished edits in the working tree do not break the benchmark."""
    target.mkdir(parents=True)
    archive = subprocess.Popen(["git", "archive", commit, "--", ".", ":(exclude).venv"], cwd=ROOT,
                               stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", str(target)], stdin=archive.stdout, check=True)
    archive.stdout.close()
    if archive.wait() != 0:
        raise SystemExit(f"git archive {commit} failed")
    # git keeps no empty folders; MkDocs refuses a theme custom_dir that does not exist
    custom_dir = re.search(r"^\s*custom_dir:\s*(\S+)", (target / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    if custom_dir:
        (target / custom_dir.group(1)).mkdir(parents=True, exist_ok=True)
    return target


def make_project(target: Path, factor: int) -> Path:
    """A copy of the repository (SOURCE) with hand-written docs only and `factor` times the data."""
    if target.exists():
        shutil.rmtree(target)
    source = SOURCE.resolve()

    def ignore(folder: str, names: list[str]) -> set[str]:
        skipped = {n for n in names if n in SKIP or n.startswith(".staging-")}
        if Path(folder).resolve() == source:
            skipped |= {"data", "docs", "bench"} & set(names)
        return skipped

    shutil.copytree(source, target, ignore=ignore, symlinks=True)
    for relative in hand_written_docs():
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, target / relative)
    make_synthetic(source / "data", target / "data", factor)
    return target


def fresh_docs(project: Path) -> None:
    """Remove every generated page, so the generator writes all of them again."""
    keep = set(hand_written_docs())
    docs = project / "docs"
    for path in sorted(docs.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(project).as_posix() not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def generate(project: Path, log: Path) -> tuple[float, int]:
    return run([PYTHON, "-m", "generator", "build", "--data", "data", "--docs", "docs"], project, log)


def mkdocs_build(project: Path, site: Path, log: Path, config: str | None = None,
               block_jieba: bool = False) -> tuple[float, int]:
    """Without `config`: the whole site as `make site` builds it (both language projects in parallel, then the
    post-build step, postbuild/). With one: that single MkDocs project only."""
    if site.exists():
        shutil.rmtree(site)
    if config is None:
        return run([PYTHON, "-m", "postbuild", "build", "--project", ".", "--out", str(site)], project, log)
    args = ["build", "--strict", "--quiet", "-f", config, "-d", str(site)]
    # as the site's build runs MkDocs (postbuild/__init__.py): jieba blocked, Material's unread index unsegmented
    code = ("import sys; sys.modules['jieba'] = None; from mkdocs.__main__ import cli; "
            f"sys.argv = ['mkdocs', *{args!r}]; cli()")
    return run([PYTHON, "-c", code], project, log)


# --- measures of a built site -----------------------------------------------------------------------------------

class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.css, self.js = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") == "stylesheet" and attrs.get("href"):
            self.css.append(attrs["href"])
        elif tag == "script" and attrs.get("src"):
            self.js.append(attrs["src"])


def sizes(data: bytes) -> dict:
    return {"bytes": len(data), "gzip": len(gzip.compress(data, GZIP_LEVEL))}


def page_weight(site: Path, path: str) -> dict:
    page = site / path / "index.html"
    html = page.read_bytes()
    assets = Assets()
    assets.feed(html.decode("utf-8"))
    weight = {"html": sizes(html)}
    for kind, refs in (("css", assets.css), ("js", assets.js)):
        files = []
        for ref in refs:
            ref = ref.split("?")[0].split("#")[0]
            if re.match(r"^[a-z]+:|^//", ref):
                files.append({"url": ref, "external": True})
                continue
            target = (page.parent / ref).resolve()
            files.append({"url": ref, **sizes(target.read_bytes())})
        weight[kind] = {"files": files, "bytes": sum(f.get("bytes", 0) for f in files),
                        "gzip": sum(f.get("gzip", 0) for f in files)}
    weight["total"] = {k: weight["html"][k] + weight["css"][k] + weight["js"][k] for k in ("bytes", "gzip")}
    return weight


def site_measures(site: Path) -> dict:
    pages = [p for p in site.rglob("*.html")]
    item_pages = [p for p in pages if re.search(r"/\d{4}-\d+/[a-z0-9-]+/(ledger/)?\d+/index\.html$", p.as_posix())]
    item_bytes = [p.stat().st_size for p in item_pages]
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = (site / "search" / "search_index.json").read_bytes()
    return {
        "html_pages": len(pages),
        "item_pages": len(item_pages),
        "item_page_html_bytes": {"median": int(statistics.median(item_bytes)), "max": max(item_bytes)},
        "item_page": {lang: page_weight(site, ("en/" if lang == "en" else "") + ITEM_PAGE) for lang in ("zh", "en")},
        "largest_page": {"path": largest.relative_to(site).as_posix(), "bytes": largest.stat().st_size},
        "search_index": {**sizes(index), "entries": len(json.loads(index)["docs"])},
        "site_search_index": search_bench.index_sizes(site),  # what readers fetch, per language (issue 15)
        "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
    }


def markdown_pages(project: Path) -> int:
    return sum(1 for lang in ("zh", "en") for _ in (project / "docs" / lang).rglob("*.md"))


# --- the benchmark ----------------------------------------------------------------------------------------------

def bench_size(work: Path, factor: int, runs: int) -> dict:
    project = make_project(work / f"x{factor}", factor)
    log = work / f"x{factor}.log"
    gen, full, memory = [], [], {"generation": [], "mkdocs": []}
    cpu_gen, cpu_full = [], []
    load = [os.getloadavg()[0]]
    for attempt in range(runs):
        fresh_docs(project)
        seconds, mb = generate(project, log)
        build, build_mb = mkdocs_build(project, project / "site-bench", log)
        gen.append(seconds)
        full.append(seconds + build)
        cpu_gen.append(CPU_SECONDS[-2])
        cpu_full.append(CPU_SECONDS[-2] + CPU_SECONDS[-1])
        load.append(os.getloadavg()[0])
        memory["generation"].append(mb)
        memory["mkdocs"].append(build_mb)
        print(f"  {factor}x run {attempt + 1}: generation {seconds:.2f}s, mkdocs {build:.2f}s "
              f"({mb} MB, {build_mb} MB)", flush=True)
    measures = site_measures(project / "site-bench")
    result = {
        "factor": factor,
        "data": "real" if factor == 1 else f"synthetic {factor}x",
        "runs": runs,
        "markdown_pages": markdown_pages(project),
        "pages": measures["html_pages"],
        "seconds_generation": statistics.median(gen),
        "seconds_full_build": statistics.median(full),
        "seconds_generation_all": gen,
        "seconds_full_build_all": full,
        "cpu_seconds_generation": statistics.median(cpu_gen),
        "cpu_seconds_full_build": statistics.median(cpu_full),
        "load_average_1min": load,
        "peak_mb_generation": max(memory["generation"]),
        "peak_mb_mkdocs": max(memory["mkdocs"]),
        "stages": generation_stages(project),
        **{k: v for k, v in measures.items() if k != "html_pages"},
    }
    result["ms_per_page"] = 1000 * result["seconds_full_build"] / result["pages"]
    result["ms_per_page_generation"] = 1000 * result["seconds_generation"] / result["pages"]
    result["cpu_ms_per_page"] = 1000 * result["cpu_seconds_full_build"] / result["pages"]
    return result


STAGES = r"""
import json, sys, time, tempfile
from pathlib import Path
t0 = time.perf_counter()
from generator.validate import load_corpus
from generator.index import build_index, LANGUAGES
from generator.pages import site_pages
from generator.render import Renderer
from generator.build import build_pages
t1 = time.perf_counter()
corpus = load_corpus(Path("data"))
t2 = time.perf_counter()
if sys.argv[1] == "stages":
    index = build_index(corpus)
    t3 = time.perf_counter()
    renderer = Renderer(index)
    pages = [renderer.render(p, lang) for p in site_pages(index) for lang in LANGUAGES]
    t4 = time.perf_counter()
    print(json.dumps({"import": t1 - t0, "load_validate": t2 - t1, "index": t3 - t2, "render": t4 - t3}))
else:
    with tempfile.TemporaryDirectory() as scratch:
        (Path(scratch) / "docs").mkdir()
        t5 = time.perf_counter()
        build_pages(corpus, Path(scratch) / "docs", Path("data"))
        print(json.dumps({"build_pages": time.perf_counter() - t5}))
"""


def generation_stages(project: Path) -> dict:
    """Seconds per generator stage: import, load+validate, index, render (every page in both languages, in memory),
    then, in a fresh process (nothing cached), the whole of build_pages (index + render + write) into an empty folder."""
    stages = {}
    for mode in ("stages", "build_pages"):
        out = subprocess.run([PYTHON, "-c", STAGES, mode], cwd=project, capture_output=True, text=True, check=True)
        stages.update(json.loads(out.stdout.strip().splitlines()[-1]))
    return stages


# --- what dominates ---------------------------------------------------------------------------------------------

def variant_config(project: Path, name: str, change) -> str:
    """The Chinese project (mkdocs.zh.yml) with the shared plugin list changed: a file that INHERITs it and
    replaces `plugins` (MkDocs replaces inherited lists)."""
    from mkdocs.utils.yaml import yaml_load
    import yaml
    with open(project / "mkdocs.yml", encoding="utf-8") as f:
        config = {"plugins": yaml_load(f).get("plugins", [])}
    change(config)
    path = project / f"mkdocs.bench-{name}.yml"
    path.write_text(yaml.dump({"INHERIT": "mkdocs.zh.yml", **config}, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path.name


def _plugins(config) -> list:
    return config.setdefault("plugins", [])


def _plugin(config, name):
    for entry in _plugins(config):
        if entry == name or (isinstance(entry, dict) and name in entry):
            return entry
    return None


def _without(name):
    def change(config):
        config["plugins"] = [e for e in _plugins(config) if e is not _plugin(config, name)]
    return change


def breakdown(work: Path, factor: int, runs: int) -> dict:
    """mkdocs build alone (pages already generated) with parts switched off, and a cProfile of one build."""
    project = work / f"x{factor}"
    if not (project / "docs" / ".generated").exists():
        make_project(project, factor)
        generate(project, work / "breakdown.log")
    log = work / "breakdown.log"
    # Each language is its own project since issue 14: the variants are of the Chinese one (mkdocs.zh.yml)
    variants = {
        "baseline (zh project)": ("mkdocs.zh.yml", False),
        "English project": ("mkdocs.en.yml", False),
        "search off": (variant_config(project, "nosearch", _without("search")), False),
    }
    results = {}
    for name, (config, block) in variants.items():
        times, memory, cpu = [], [], []
        for _ in range(runs):
            seconds, mb = mkdocs_build(project, project / "site-variant", log, config, block)
            times.append(seconds)
            memory.append(mb)
            cpu.append(CPU_SECONDS[-1])
        pages = sum(1 for _ in (project / "site-variant").rglob("*.html"))
        results[name] = {"seconds": statistics.median(times), "cpu_seconds": statistics.median(cpu), "pages": pages,
                         "peak_mb": max(memory), "ms_per_page": 1000 * statistics.median(times) / pages,
                         "search_index_bytes": (project / "site-variant" / "search" / "search_index.json").stat()
                         .st_size if (project / "site-variant" / "search" / "search_index.json").exists() else 0}
        print(f"  {name}: {results[name]['seconds']:.2f}s, {pages} pages, {max(memory)} MB", flush=True)
    base = results["baseline (zh project)"]
    for name, entry in results.items():
        entry["share_of_baseline"] = entry["seconds"] / base["seconds"]
        entry["cpu_share_of_baseline"] = entry["cpu_seconds"] / base["cpu_seconds"]
    small = work / "x1"
    if not (small / "docs" / ".generated").exists():
        make_project(small, 1)
        generate(small, log)
    return {"factor": factor, "runs": runs, "variants": results, "profile": profile(project, work),
            "profile_1x": profile(small, work)}


PACKAGE_GROUPS = [  # (group, substring of the file name); first match wins
    ("jieba (Chinese word segmentation)", "/jieba/"),
    ("search plugin (Material)", "/material/plugins/search/"),
    ("HTML parsing (search plugin's section parser)", "/html/parser"),
    ("Material theme templates", "/material/templates/"),
    ("Material (other)", "/material/"),
    ("mkdocs-static-i18n", "/mkdocs_static_i18n/"),
    ("mkdocs-redirects", "/mkdocs_redirects/"),
    ("Markdown (Python-Markdown, pymdownx)", "/markdown/"),
    ("Markdown (Python-Markdown, pymdownx)", "/pymdownx/"),
    ("Jinja2 runtime", "/jinja2/"),
    ("MkDocs core", "/mkdocs/"),
    ("YAML", "/yaml/"),
    ("JSON", "/json/"),
    ("regular expressions", "/re/"),
    ("file system", "/shutil.py"),
    ("file system", "posixpath"),
    ("file system", "genericpath"),
    ("file system", "<frozen os>"),
    ("file system", "/pathlib.py"),
    ("HTML parsing (search plugin's section parser)", "/_markupbase.py"),
    ("imports", "importlib"),
    ("project theme overrides", "/overrides/"),
    ("post-build step", "/postbuild/"),
]


def _group(filename: str, name: str) -> str | None:
    return next((g for g, key in PACKAGE_GROUPS if key in filename or key == name), None)


def profile(project: Path, work: Path) -> dict:
    """cProfile of one in-process `mkdocs build --strict` of the Chinese project (mkdocs.zh.yml). Own time (tottime) summed by package; the time of
    built-in functions (str.join, re, dict…) is charged to the package of the Python function that called them."""
    out = work / f"mkdocs-build-{project.name}.prof"
    code = (f"import cProfile, sys; from mkdocs.__main__ import cli; "
            f"sys.argv = ['mkdocs', 'build', '--strict', '--quiet', '-f', 'mkdocs.zh.yml', '-d', 'site-profile']; "
            f"cProfile.run('try:\\n    cli()\\nexcept SystemExit:\\n    pass', {str(out)!r})")
    seconds, _ = run([PYTHON, "-c", code], project, work / "profile.log")
    shutil.rmtree(project / "site-profile", ignore_errors=True)
    stats = pstats.Stats(str(out))
    groups: dict[str, float] = {}
    other: dict[str, float] = {}
    functions = []
    total = 0.0

    def charge(filename: str, name: str, seconds_: float) -> None:
        group = _group(filename, name)
        if group is None:
            group = "other"
            key = f"{Path(filename).parent.name}/{Path(filename).name}"
            other[key] = other.get(key, 0.0) + seconds_
        groups[group] = groups.get(group, 0.0) + seconds_

    for (filename, line, name), (cc, nc, tottime, cumtime, callers) in stats.stats.items():
        total += tottime
        functions.append((cumtime, f"{Path(filename).parent.name}/{Path(filename).name}:{name}", tottime))
        if filename == "~" and callers and _group(filename, name) is None:
            for (caller_file, _, caller_name), edge in callers.items():
                charge(caller_file, caller_name, edge[2])  # edge = (calls, primitive calls, tottime, cumtime)
        else:
            charge(filename, name, tottime)
    pages = sum(1 for _ in (project / "docs" / "zh").rglob("*.md"))
    top = sorted(functions, reverse=True)[:25]
    return {
        "pages_markdown": pages,
        "wall_seconds_with_profiler": seconds,
        "profiled_seconds": total,
        "by_package": dict(sorted(((g, round(s, 3)) for g, s in groups.items()), key=lambda kv: -kv[1])),
        "other_files": dict(sorted(((g, round(s, 3)) for g, s in other.items()), key=lambda kv: -kv[1])[:15]),
        "top_cumulative": [{"function": f, "cumulative": round(c, 2), "own": round(o, 2)} for c, f, o in top],
    }


# --- preview latency --------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:
        return None


def wait_for(url: str, text: str, timeout: float, poll: float = 0.05) -> float | None:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - started
        time.sleep(poll)
    return None


def serve_latency(work: Path, edits: int, factor: int = 1) -> dict:
    """`python -m generator serve` in a work copy: seconds from saving a YAML edit to the page showing it."""
    project = make_project(work / f"serve-x{factor}", factor)
    document, plan, number = EDIT_TASK
    plan_file = project / "data" / "documents" / document / f"{plan}.yml"
    import yaml
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    task = next(t for c in data["categories"] for t in c["tasks"] if t["number"] == number)
    words = task["text"]["en"].split(" ")
    anchor = " ".join(words[:3])
    port = free_port()
    url = f"http://127.0.0.1:{port}/en/{document}/{plan}/{number}/"
    plan_url = f"http://127.0.0.1:{port}/en/{document}/{plan}/"  # shows every task's text: regenerated second
    log = work / "serve.log"
    with open(log, "wb") as out:
        started = time.perf_counter()
        server = subprocess.Popen([PYTHON, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=project, stdout=out, stderr=subprocess.STDOUT,
                                  env={**os.environ, **QUIET}, start_new_session=True)
        try:
            ready = wait_for(url, anchor, timeout=600, poll=0.2)
            if ready is None:
                raise SystemExit(f"preview server did not come up; see {log}")
            startup = time.perf_counter() - started
            time.sleep(2)  # let the first build settle
            latencies, everywhere = [], []
            for edit in range(1, edits + 1):
                marker = f"bench edit {edit} {int(time.time())}"
                text = plan_file.read_text(encoding="utf-8")
                if anchor not in text:
                    raise SystemExit(f"cannot find {anchor!r} in {plan_file}")
                text = text.replace(anchor, f"{anchor} ({marker})", 1)
                started = time.perf_counter()
                plan_file.write_text(text, encoding="utf-8")
                seconds = wait_for(url, marker, timeout=300)
                if seconds is None:
                    raise SystemExit(f"edit {edit} never reached {url}; see {log}")
                latencies.append(time.perf_counter() - started)
                if wait_for(plan_url, marker, timeout=300) is None:
                    raise SystemExit(f"edit {edit} never reached {plan_url}; see {log}")
                everywhere.append(time.perf_counter() - started)
                print(f"  preview edit {edit}: {latencies[-1]:.2f}s on its page, {everywhere[-1]:.2f}s on the plan's",
                      flush=True)
                time.sleep(2)
        finally:
            os.killpg(server.pid, 15)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, 9)
                server.wait()
    text = log.read_text(encoding="utf-8", errors="replace")
    first = [float(x) for x in re.findall(r"generator: \d+ pages of edited items rewritten in ([\d.]+)s", text)]
    regenerate = [float(x) for x in re.findall(r"generator: \d+ pages rewritten in ([\d.]+)s", text)]
    # each worker's seconds per build ("preview: zh ok 0.52, en ok 0.61"); the first build is the start-up
    rebuilds = [max(map(float, pair)) for pair in re.findall(r"preview: zh ok ([\d.]+), en ok ([\d.]+)", text)]
    return {"factor": factor, "startup_seconds": startup, "edits": edits,
            "seconds_all": latencies, "seconds_median": statistics.median(latencies), "url": url.split(str(port))[1],
            "everywhere_seconds_all": everywhere, "everywhere_seconds_median": statistics.median(everywhere),
            "everywhere_url": plan_url.split(str(port))[1],
            "edited_pages_seconds": first, "generator_seconds": regenerate, "mkdocs_rebuild_seconds": rebuilds[1:]}


# --- report -----------------------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        memory = f"{kb / 1024 / 1024:.0f} GB"
    except (OSError, StopIteration):
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "memory": memory, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}"}


def tree(commit: str | None) -> str:
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    if commit:
        return f"commit {git('rev-parse', '--short', commit)}"
    dirty = " with uncommitted changes" if git("status", "--porcelain", "--", "generator", "data", "mkdocs.yml",
                                                "overrides", "docs") else ""
    return f"working tree at {git('rev-parse', '--short', 'HEAD')}{dirty}"


def versions() -> dict:
    from importlib.metadata import version
    return {name: version(name) for name in ("mkdocs", "mkdocs-material", "Jinja2",
                                             "Markdown", "pydantic")}


def kb(n: int) -> str:
    return f"{n / 1024:,.0f} KB" if n < 1024 * 1024 * 10 else f"{n / 1024 / 1024:,.1f} MB"


def build_ratio(work: Path, runs: int, commit: str | None, compare: str | None) -> dict:
    """bench/ratio.py at 1x for the tree benchmarked and, with `compare`, for that commit too, alternating rounds."""
    global SOURCE
    projects = {tree(commit): make_project(work / "ratio", 1)}
    if compare:
        benchmarked = SOURCE
        SOURCE = extract_commit(compare, work / "source-compare")
        try:
            projects[tree(compare)] = make_project(work / "ratio-compare", 1)
        finally:
            SOURCE = benchmarked
    rounds: dict[str, list] = {name: [] for name in projects}
    for attempt in range(runs):
        for name, project in projects.items():
            rounds[name].append(ratio_bench.one_round(project, work, work / "ratio.log", run, generate, fresh_docs,
                                                      mkdocs_build, CPU_SECONDS, PYTHON))
            measured = rounds[name][-1]
            print(f"  {name} round {attempt + 1}: " + ", ".join(f"{k} {v[0]:.2f}s" for k, v in measured.items()),
                  flush=True)
    return {name: ratio_bench.summary(projects[name], rounds[name]) for name in projects}


def report(results: dict) -> str:
    if not results["sizes"]:  # --ratio-only
        return "\n".join([f"Benchmark {results['date']}, {results['tree']}, load average "
                          f"{os.getloadavg()[0]:.1f}", *ratio_bench.report(results["ratio"])])
    sizes_ = results["sizes"]
    base = sizes_[0]
    m = results["machine"]
    loads = [x for s in sizes_ for x in s["load_average_1min"]]
    lines = [f"Benchmark {results['date']}, {results['tree']} · {m['cores']} cores ({m['cpu']}), {m['memory']} · "
             f"Python {m['python']} · medians of {base['runs']} runs · load average during the runs "
             f"{min(loads):.1f}–{max(loads):.1f}", "",
             "| data | pages | generation s | full build s | ms/page | CPU s (full) | CPU ms/page "
             "| peak MB generator / mkdocs | item page HTML | Material's search index (gzip) "
             "| site search index zh / en (gzip) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in sizes_:
        lines.append(
            f"| {s['data']} | {s['pages']} | {s['seconds_generation']:.2f} | {s['seconds_full_build']:.2f} | "
            f"{s['ms_per_page']:.1f} | {s['cpu_seconds_full_build']:.1f} | {s['cpu_ms_per_page']:.1f} | "
            f"{s['peak_mb_generation']} / {s['peak_mb_mkdocs']} | {kb(s['item_page_html_bytes']['median'])} | "
            f"{kb(s['search_index']['bytes'])} ({kb(s['search_index']['gzip'])}) | "
            + " / ".join(f"{kb(v['bytes'])} ({kb(v['gzip'])})" for v in s.get("site_search_index", {}).values())
            + " |")
    lines += ["", "Ratios to the real data (1×), from this run:", "",
              "| size | pages | full build (wall) | wall ms/page | CPU ms/page | generation ms/page |",
              "|---|---:|---:|---:|---:|---:|"]
    for s in sizes_[1:]:
        lines.append(f"| {s['factor']}×/1× | {s['pages'] / base['pages']:.2f} | "
                     f"{s['seconds_full_build'] / base['seconds_full_build']:.2f} | "
                     f"{s['ms_per_page'] / base['ms_per_page']:.2f} | {s['cpu_ms_per_page'] / base['cpu_ms_per_page']:.2f} | "
                     f"{s['ms_per_page_generation'] / base['ms_per_page_generation']:.2f} |")
    lines += ["", "Generator stages, seconds (one process; build_pages = index + render + write):", "",
              "| size | import | load + validate | index | render | build_pages |", "|---|---:|---:|---:|---:|---:|"]
    for s in sizes_:
        st = s["stages"]
        lines.append(f"| {s['factor']}× | {st['import']:.2f} | {st['load_validate']:.2f} | {st['index']:.2f} | "
                     f"{st['render']:.2f} | {st['build_pages']:.2f} |")
    w = base["item_page"]
    lines += ["", f"Item page `/{ITEM_PAGE}/` at 1× (gzip level {GZIP_LEVEL}):", "",
              "| | zh raw | zh gzip | en raw | en gzip |", "|---|---:|---:|---:|---:|"]
    for part in ("html", "css", "js", "total"):
        lines.append(f"| {part.upper() if part != 'total' else 'page + assets'} | {kb(w['zh'][part]['bytes'])} | "
                     f"{kb(w['zh'][part]['gzip'])} | {kb(w['en'][part]['bytes'])} | {kb(w['en'][part]['gzip'])} |")
    si = base["search_index"]
    lines.append(f"| Material's search index (built, not fetched online) | {kb(si['bytes'])} | {kb(si['gzip'])} | same | same |")
    lines += ["", "Largest page per size: " + ", ".join(
        f"{s['factor']}× `{s['largest_page']['path']}` {kb(s['largest_page']['bytes'])}" for s in sizes_)]
    if results.get("breakdown"):
        b = results["breakdown"]
        lines += ["", f"What the build spends at {b['factor']}× (mkdocs build alone, pages already generated):", "",
                  "| variant | wall s | CPU s | pages | wall ms/page | CPU vs baseline | peak MB | search index |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for name, v in b["variants"].items():
            lines.append(f"| {name} | {v['seconds']:.1f} | {v['cpu_seconds']:.1f} | {v['pages']} | "
                         f"{v['ms_per_page']:.1f} | {v['cpu_share_of_baseline']:.2f} | {v['peak_mb']} | "
                         f"{kb(v['search_index_bytes']) if v['search_index_bytes'] else '—'} |")
        p, p1 = b["profile"], b["profile_1x"]
        lines += ["", f"cProfile of one mkdocs build, own time by package (built-ins charged to their caller), "
                      f"at 1× ({p1['pages_markdown']} Markdown pages) and {b['factor']}× ({p['pages_markdown']}):", "",
                  f"| package | 1× s | 1× ms/page | {b['factor']}× s | {b['factor']}× ms/page | share at {b['factor']}× "
                  f"| per-page growth |", "|---|---:|---:|---:|---:|---:|---:|"]
        for g, sec in p["by_package"].items():
            small = p1["by_package"].get(g, 0.0)
            per_small = 1000 * small / p1["pages_markdown"]
            per_big = 1000 * sec / p["pages_markdown"]
            lines.append(f"| {g} | {small:.2f} | {per_small:.2f} | {sec:.1f} | {per_big:.2f} | "
                         f"{100 * sec / p['profiled_seconds']:.0f} % | "
                         f"{(per_big / per_small) if per_small else float('nan'):.2f} |")
        lines.append(f"| total (profiled) | {p1['profiled_seconds']:.2f} | "
                     f"{1000 * p1['profiled_seconds'] / p1['pages_markdown']:.2f} | {p['profiled_seconds']:.1f} | "
                     f"{1000 * p['profiled_seconds'] / p['pages_markdown']:.2f} | 100 % | "
                     f"{(p['profiled_seconds'] / p['pages_markdown']) / (p1['profiled_seconds'] / p1['pages_markdown']):.2f} |")
    if results.get("ratio"):
        lines += ratio_bench.report(results["ratio"])
    if results.get("search"):
        lines += search_bench.report(results["search"])
    if results.get("preview"):
        p = results["preview"]
        lines += ["", f"Preview (`python -m generator serve`, {p['factor']}×): saving a YAML edit → the page serves "
                      f"it, median {p['seconds_median']:.2f} s of {p['edits']} "
                      f"({', '.join(f'{s:.2f}' for s in p['seconds_all'])}); the plan page, regenerated with the "
                      f"whole site after it, median {p['everywhere_seconds_median']:.2f} s; server start to first "
                      f"page {p['startup_seconds']:.1f} s"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 20], help="data sizes (1 = the real data)")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median reported)")
    parser.add_argument("--breakdown-runs", type=int, default=1, help="runs per variant in the breakdown")
    parser.add_argument("--no-breakdown", action="store_true", help="skip the variants and profile at the largest size")
    parser.add_argument("--no-preview", action="store_true", help="skip the preview-latency measurement")
    parser.add_argument("--no-search", action="store_true", help="skip the search and first-visit measures (bench/search.py)")
    parser.add_argument("--edits", type=int, default=3, help="edits timed in the preview measurement")
    parser.add_argument("--preview-only", action="store_true", help="measure the preview latency only")
    parser.add_argument("--preview-size", type=int, default=1, help="data size for the preview measurement")
    parser.add_argument("--work", type=Path, default=None, help="work folder (default: a temporary folder, removed)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--commit", help="benchmark this commit (e.g. HEAD) instead of the working tree")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--no-ratio", action="store_true", help="skip the build against a bare render (bench/ratio.py)")
    parser.add_argument("--ratio-only", action="store_true", help="only the build against a bare render")
    parser.add_argument("--compare", metavar="COMMIT",
                        help="measure the build against a bare render for this commit too, in the same run")
    args = parser.parse_args()
    if args.ratio_only and args.output == RESULTS:  # the full run's results (the performance page's) stay
        args.output = ROOT / "bench" / "ratio.json"

    global SOURCE
    work = args.work or Path(tempfile.mkdtemp(prefix="lingchuan-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"work folder {work}", flush=True)
    try:
        if args.commit:
            SOURCE = extract_commit(args.commit, work / "source")
        results = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d"), "machine": machine(),
                   "versions": versions(), "gzip_level": GZIP_LEVEL, "tree": tree(args.commit), "sizes": []}
        if args.preview_only:
            args.sizes, args.no_breakdown, args.no_ratio = [], True, True
        elif args.ratio_only:
            args.sizes, args.no_breakdown, args.no_preview = [], True, True
        if not args.preview_only:
            # warm-up: jieba builds its prefix-dictionary cache on the very first run on a machine
            warm = make_project(work / "warmup", 1)
            generate(warm, work / "warmup.log")
            mkdocs_build(warm, warm / "site-bench", work / "warmup.log")
            shutil.rmtree(warm)
        if not args.no_ratio:
            print("build against a bare render at 1x", flush=True)
            results["ratio"] = build_ratio(work, args.runs, args.commit, args.compare)
        for factor in sorted(args.sizes):
            print(f"size {factor}x", flush=True)
            results["sizes"].append(bench_size(work, factor, args.runs))
        if 1 in args.sizes and not args.no_search:
            print("search and first visits at 1x", flush=True)
            results["search"] = search_bench.measure(work / "x1" / "site-bench")
        if not args.no_breakdown:
            print(f"breakdown at {max(args.sizes)}x", flush=True)
            results["breakdown"] = breakdown(work, max(args.sizes), args.breakdown_runs)
        if not args.no_preview:
            print("preview latency", flush=True)
            results["preview"] = serve_latency(work, args.edits, args.preview_size)
        if args.preview_only:
            print(json.dumps(results["preview"], indent=2))
            return
        results["report"] = report(results)
        args.output.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print()
        print(results["report"])
        print(f"\nwritten: {args.output}")
    finally:
        if not args.keep and args.work is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
