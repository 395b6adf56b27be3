"""`python -m generator serve`: MkDocs' live-reloading server, with pages regenerated when data/ changes.

MkDocs watches docs/ and reloads the browser; this loop watches data/ and the generator's templates and rewrites
the generated pages (only those whose content changed), which MkDocs then picks up."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from .problems import DataError
from .validate import load_corpus


def _snapshot(folders: list[Path]) -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in folders for p in folder.rglob("*") if p.is_file()}


def serve(data: Path, docs: Path, watched: list[Path], address: str = "127.0.0.1:8000") -> int:
    from .build import build_pages
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", address])
    seen = _snapshot(watched)
    try:
        while server.poll() is None:
            time.sleep(0.25)
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
    return server.wait()
