"""`python -m generator serve`: a live-reloading preview of both languages, search included, regenerated when data/
changes.

The site is two MkDocs projects (mkdocs.zh.yml at /, mkdocs.en.yml at /en/), so the preview is MkDocs' own
live-reload server (mkdocs.livereload) over one folder, with one build worker per language:

- each worker is a separate process (MkDocs caches plugin instances per process, so two languages in one process
  would share one search index) that builds its language with --dirty semantics: only pages whose Markdown changed
  are rendered again, and Material's search plugin keeps the index of the others (search works in the preview);
  then it finishes the pages it wrote with the project's post-build step (postbuild/), as `make site` does;
- the server watches docs/, overrides/ and the configuration and asks both workers to rebuild, in parallel;
- this process polls data/ and the generator's templates every POLL_SECONDS and rewrites the generated pages that
  changed, which the server then sees; in two steps, so that an edit shows in about a second, although
  generating (and checking) the whole site takes a few: first the pages of the items whose own data changed, and
  once the workers have built those, the whole site as `make site` generates it (plan, unit and month pages, feeds,
  search index), which the workers then build too.

Restart the preview after editing mkdocs.yml's plugins or theme. `make site` builds the real site."""
from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import fields
from pathlib import Path

from .problems import DataError
from .validate import load_corpus

POLL_SECONDS = 0.1  # a snapshot of data/ and the templates is a few dozen stat calls
WATCH_SECONDS = 0.2  # how often the server looks for changed pages under docs/
LANGUAGES = {"zh": "", "en": "en"}
ROOT = Path(__file__).resolve().parent.parent


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


# --- one language's build worker (a child process) ------------------------------------------------------------------

def worker(lang: str, site_dir: str) -> int:
    """Build `lang` into site_dir each time a line arrives on stdin; answer "ok <seconds>" or "error"."""
    sys.modules["jieba"] = None  # as in `make site` (postbuild/__init__.py): no segmenting for an index nobody reads
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    sys.path.insert(0, str(ROOT))
    from postbuild import finish_pages, site_url

    logging.basicConfig(level=logging.WARNING, format=f"{lang}: %(levelname)s %(message)s")
    # Dirty builds are the point of the preview: MkDocs' warning about them on every rebuild is noise.
    logging.getLogger("mkdocs").addFilter(lambda record: "'dirty' build" not in record.getMessage())
    started_up = False
    for _ in sys.stdin:
        started = time.time()
        try:
            config = load_config(config_file=str(ROOT / f"mkdocs.{lang}.yml"), site_dir=site_dir, strict=False)
            if not started_up:  # plugins with on_startup (Material's search) live as long as this process
                config.plugins.on_startup(command="serve", dirty=True)
                started_up = True
            build(config, dirty=True)
            finish_pages(Path(site_dir), lang, site_url(), since=started - 1)
            print(f"ok {time.time() - started:.2f}", flush=True)
        except Exception as error:  # noqa: BLE001 - reported, and the preview keeps running
            print(f"{lang}: {error}", file=sys.stderr, flush=True)
            print("error", flush=True)
    return 0


# --- the server --------------------------------------------------------------------------------------------------

class Workers:
    def __init__(self, root: Path):
        self.processes = {
            lang: subprocess.Popen([sys.executable, "-m", "generator.serve", lang, str(root / prefix)], cwd=ROOT,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            for lang, prefix in LANGUAGES.items()}
        self.builds = threading.Condition()
        self.started = self.finished = 0

    def build(self) -> None:
        with self.builds:
            self.started += 1
        try:
            for process in self.processes.values():
                process.stdin.write("build\n")
                process.stdin.flush()
            answers = {lang: process.stdout.readline().strip() for lang, process in self.processes.items()}
            print("preview: " + ", ".join(f"{lang} {answer}" for lang, answer in answers.items()), flush=True)
            if any(not answer.startswith("ok") for answer in answers.values()):
                raise RuntimeError("a language failed to build; fix the error above and save again")
        finally:
            with self.builds:
                self.finished += 1
                self.builds.notify_all()

    def wait_for_next_build(self, timeout: float) -> None:
        """Until a build that starts after this call has finished (a build under way when it is called saw older
        files), or `timeout` seconds."""
        with self.builds:
            target = self.started + 1
            self.builds.wait_for(lambda: self.finished >= target, timeout)

    def stop(self) -> None:
        for process in self.processes.values():
            process.stdin.close()
        for process in self.processes.values():
            process.wait(timeout=10)


def _own_data(index) -> dict[str, tuple]:
    """Each item's own fields (its text, units, deadlines, notes …), without the plan and document it belongs to:
    comparing these between two loads is quick, comparing whole plans is not."""
    return {item.id: tuple(getattr(item, f.name) for f in fields(item) if f.name not in ("bundle", "plan"))
            for item in index.items}


def _watch_data(data: Path, docs: Path, watched: list[Path], workers: Workers, stop: threading.Event) -> None:
    from .build import build_pages, item_pages, write_changed
    from .index import build_index
    seen = _snapshot(watched)
    try:
        before = _own_data(build_index(load_corpus(data)))
    except DataError:  # reported by the first build; every item then counts as edited at the next save
        before = {}
    while not stop.wait(POLL_SECONDS):
        now = _snapshot(watched)
        if now == seen:
            continue
        seen = now
        started = time.perf_counter()
        try:
            corpus = load_corpus(data)
        except DataError as error:
            print("\n".join(error.problems.lines()), file=sys.stderr, flush=True)
            continue
        index = build_index(corpus)  # for the comparison and the first step; generate() indexes on its own
        own = _own_data(index)
        edited = {item_id for item_id, values in own.items() if before.get(item_id) != values}
        before = own
        try:
            first = write_changed(item_pages(index, docs, edited), docs) if edited else 0
        except Exception as error:  # noqa: BLE001 - the whole generation below reports it at its data
            print(f"generator: the edited items' pages could not be rendered first ({error})", flush=True)
            first = 0
        if first:
            print(f"generator: {first} pages of edited items rewritten in {time.perf_counter() - started:.2f}s",
                  flush=True)
            workers.wait_for_next_build(timeout=10)  # show them before taking the CPU for the rest
        started = time.perf_counter()
        try:
            written = build_pages(corpus, docs, data)
            print(f"generator: {written} pages rewritten in {time.perf_counter() - started:.2f}s", flush=True)
        except DataError as error:
            print("\n".join(error.problems.lines()), file=sys.stderr, flush=True)


def serve(data: Path, docs: Path, watched: list[Path], address: str = "127.0.0.1:8000") -> int:
    from mkdocs.livereload import LiveReloadServer

    sys.path.insert(0, str(ROOT))
    from postbuild import finish_site, site_url

    host, port = address.rsplit(":", 1)
    root = Path(tempfile.mkdtemp(prefix="lc-preview-"))
    workers = Workers(root)
    stop = threading.Event()
    try:
        workers.build()
        finish_site(root, site_url())  # redirects and the sitemap, once
        server = LiveReloadServer(builder=workers.build, host=host, port=int(port), root=str(root),
                                  polling_interval=WATCH_SECONDS)
        server.error_handler = lambda code: (root / "404.html").read_bytes() if code == 404 else None
        for path in (docs / "zh", docs / "en", ROOT / "overrides", ROOT / "mkdocs.yml", ROOT / "mkdocs.zh.yml",
                     ROOT / "mkdocs.en.yml"):
            server.watch(str(path))
        threading.Thread(target=_watch_data, args=(data, docs, watched, workers, stop), daemon=True).start()
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        stop.set()
        workers.stop()
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    sys.exit(worker(sys.argv[1], sys.argv[2]))
