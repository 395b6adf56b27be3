"""`python -m generator serve`: MkDocs' live-reloading server, with pages regenerated when data/ changes.

MkDocs watches docs/ and reloads the browser; this loop watches data/ and the generator's templates and rewrites
the generated pages (only those whose content changed), which MkDocs then picks up.

The preview runs MkDocs with --dirty (only changed pages are rebuilt) and without the search plugin: under --dirty,
mkdocs-static-i18n 1.3 adds the whole search index to its list again on every rebuild, so the index doubles with
each edit (3.9 MB, then 7.5, 14.6, 28.9, 57 MB) and every rebuild is slower than the last.
The preview's configuration is mkdocs.yml minus that plugin, written to PREVIEW_CONFIG beside it while serving;
restart the preview after editing mkdocs.yml. `make site` builds the real site, search included."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from .problems import DataError
from .validate import load_corpus


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


POLL_SECONDS = 0.1  # a snapshot of data/ and the templates is a few dozen stat calls
PREVIEW_CONFIG = ".mkdocs-preview.yml"
PREVIEW_WITHOUT = {"search"}


def _preview_config(config: Path) -> Path:
    """mkdocs.yml without the plugins the preview leaves out, beside it (relative paths keep their meaning)."""
    import yaml
    from mkdocs.utils.yaml import yaml_load
    with open(config, encoding="utf-8") as handle:
        settings = yaml_load(handle)
    settings["plugins"] = [entry for entry in settings.get("plugins", [])
                           if not PREVIEW_WITHOUT & set([entry] if isinstance(entry, str) else entry)]
    preview = config.parent / PREVIEW_CONFIG
    preview.write_text("# Written by `python -m generator serve` for the preview; not the site's configuration.\n"
                       + yaml.dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return preview


def serve(data: Path, docs: Path, watched: list[Path], address: str = "127.0.0.1:8000") -> int:
    from .build import build_pages
    # --dirty: MkDocs rebuilds only the pages whose files changed; it warns that a dirty build's navigation may be
    # stale, which --strict (mkdocs.yml) would turn into an abort, hence --no-strict for the preview only.
    preview = _preview_config(Path("mkdocs.yml").resolve())
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--no-strict", "-a", address,
                               "-f", str(preview)])
    seen = _snapshot(watched)
    try:
        while server.poll() is None:
            time.sleep(POLL_SECONDS)
            now = _snapshot(watched)
            if now == seen:
                continue
            seen = now
            started = time.perf_counter()
            try:
                written = build_pages(load_corpus(data), docs, data)
                print(f"generator: {written} pages rewritten in {time.perf_counter() - started:.2f}s", flush=True)
            except DataError as error:
                print("\n".join(error.problems.lines()), file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        server.terminate()
    finally:
        status = server.wait()
        preview.unlink(missing_ok=True)
    return status
