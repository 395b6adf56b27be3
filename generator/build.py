"""Generate the whole site in memory, then write it. `check` runs generate() and writes nothing; `build` runs the
same generate() and then writes: so if check passes, the build does. Every page is rendered before any file is
written, so invalid data or a template error never leaves half a site; any unexpected error becomes a problem at
the data it happened on (origins.py), not a traceback. Only generated folders are touched."""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from icalendar import Calendar

from .citation import citation_files, qr_cache
from .index import LANGUAGES, SiteIndex, build_index
from .opendata import open_data_files
from .origins import Origins, internal_problem
from .pages import site_pages
from .permalinks import published_urls
from .problems import DataError, Problem, Problems
from .render import Renderer
from .search_index import search_files
from .site_config import site_configs
from .validate import Corpus

# Top-level entries of each language folder that the generator owns; everything else in docs/ is hand-written.
GENERATED = ("index.md", "units", "deadlines", "glossary", "data", "cite", "search")
GENERATED_MARKER = ".generated"
# The hand-written assets (docs/zh/assets: CSS, scripts, the search worker) are copied into the other languages'
# folders: each language is its own project and serves its own copy (/en/assets/…).
SHARED_ASSETS = "assets"
QR_CACHE = "qr-cache.json"  # in generated/, beside docs/: made by the build, read by the next one


def generated_entries(corpus: Corpus) -> list[str]:
    return [*GENERATED, *(bundle.document.id for bundle in corpus.documents)]


@dataclass
class Output:
    files: dict[str, bytes]    # path under docs/ -> bytes
    beside: dict[str, str]     # path beside docs/ (the engine configurations) -> text


def generate(corpus: Corpus, docs: Path) -> Output:
    """Index, render every page in both languages, the open data, feeds, citations, QR codes and search index, all
    in memory. Raises DataError with every problem found (an unexpected error is reported at the data it came
    from)."""
    origins, problems = Origins(corpus), Problems()
    files: dict[str, bytes] = {}

    def put(relative: str, content: str | bytes, made_from) -> None:
        if relative in files:  # a page would silently overwrite another one
            message, place = f"two generated files would have the path docs/{relative}", origins.of(made_from)
            problems.add(place.file.problem(place.loc, message, "path-collision") if place else
                         Problem("(generator)", 1, 1, "(internal)", message, "path-collision"))
            return
        files[relative] = content.encode("utf-8") if isinstance(content, str) else content

    try:
        index = build_index(corpus)
        renderer = Renderer(index)
        pages = site_pages(index)
    except Exception as error:  # noqa: BLE001 (any failure is reported, never a traceback)
        problems.add(internal_problem(error, origins, "indexing the data"))
        raise DataError(problems) from None
    for page in pages:
        for lang in LANGUAGES:
            try:
                put(f"{lang}/{page.path}", _checked_page(renderer.render(page, lang)), page)
            except Exception as error:  # noqa: BLE001
                problems.add(internal_problem(error, origins, f"rendering {lang}/{page.path}", page))
    owned = generated_entries(corpus)
    beside: dict[str, str] = {}
    for name, prefix, make in (
            ("open data", "zh/data/", lambda: open_data_files(index)),
            ("citations", "zh/", lambda: citation_files(index, published_urls(index, docs, owned))),  # /cite/
            ("search index", "", lambda: search_files(index, docs, owned)),  # fetched when search is first used
            ("site configuration", None, lambda: site_configs(index, docs))):
        try:
            for relative, content in make().items():
                if prefix is None:
                    beside[relative] = content
                else:
                    put(prefix + relative, _checked_file(relative, content), None)
        except Exception as error:  # noqa: BLE001
            problems.add(internal_problem(error, origins, f"writing the {name}"))
    shared = docs / LANGUAGES[0] / SHARED_ASSETS
    for path in sorted(shared.rglob("*")) if shared.is_dir() else []:
        if path.is_file() and not path.name.startswith("."):
            for lang in LANGUAGES[1:]:
                put(f"{lang}/{path.relative_to(docs / LANGUAGES[0]).as_posix()}", path.read_bytes(), None)
    put(GENERATED_MARKER, "\n".join(owned) + "\n", None)
    if problems:
        raise DataError(problems)
    return Output(files, beside)


def _checked_page(markdown: str) -> str:
    """A page whose front matter is not the mapping MkDocs expects would build wrongly: refuse it here."""
    if markdown.startswith("---\n"):
        front = yaml.load(markdown[4:markdown.index("\n---\n", 3)], Loader=getattr(yaml, "CSafeLoader",
                                                                                    yaml.SafeLoader))
        if not isinstance(front, dict):
            raise ValueError(f"front matter is not a mapping: {front!r}")
    return markdown


def _checked_file(relative: str, content: str | bytes) -> str | bytes:
    """Feeds must read back with a real parser; a malformed one would be published silently otherwise."""
    if relative.endswith(".ics"):
        _parsed_feed(content)
    return content


@lru_cache(maxsize=512)
def _parsed_feed(content: bytes) -> None:
    """The same bytes parse the same way: a feed that has not changed since the last generation in this process
    (the preview regenerates on every save) is not parsed again. A feed that fails raises, and is not cached."""
    Calendar.from_ical(content)


def build_pages(corpus: Corpus, docs: Path, data_dir: Path) -> int:
    """generate(), then write: returns the number of files changed. QR codes come from the cache beside docs/
    (generated/qr-cache.json) when their permalink is unchanged."""
    with qr_cache(docs.parent / "generated" / QR_CACHE):
        output = generate(corpus, docs)
    owned = {lang: generated_entries(corpus) + ([SHARED_ASSETS] if lang != LANGUAGES[0] else [])
             for lang in LANGUAGES}
    changed = _swap_in(output.files, docs, owned)
    (docs.parent / "generated").mkdir(exist_ok=True)
    for name, content in output.beside.items():
        target = docs.parent / name
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            target.write_text(content, encoding="utf-8")
            changed += 1
    return changed


def write_changed(files: dict[str, bytes], docs: Path) -> int:
    """Replace the files under docs/ whose bytes differ, each atomically (by rename); returns how many."""
    docs.mkdir(parents=True, exist_ok=True)
    changed = 0
    for relative, content in sorted(files.items()):
        target = docs / relative
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".staging-", delete=False) as staged:
            staged.write(content)
        Path(staged.name).replace(target)
        changed += 1
    return changed


def item_pages(index: SiteIndex, docs: Path, ids: set[str]) -> dict[str, bytes]:
    """The pages of the items `ids` in every language, rendered exactly as generate() renders them, and nothing
    else. The preview (serve.py) writes these first, so an edited item shows at once, then regenerates the whole
    site with generate(), which also checks it."""
    with qr_cache(docs.parent / "generated" / QR_CACHE):
        renderer = Renderer(index)
        return {f"{lang}/{page.path}": renderer.render(page, lang).encode("utf-8")
                for page in site_pages(index) if getattr(page.context.get("item"), "id", None) in ids
                for lang in LANGUAGES}


def _swap_in(files: dict[str, str | bytes], docs: Path, owned: dict[str, list[str]]) -> int:
    """Everything is rendered in memory before docs/ is touched; then only files whose bytes changed are
    replaced (atomically, by rename) and stale generated files removed. Unchanged files keep their mtime, so
    `mkdocs serve --dirty` rebuilds only what an edit affected. Returns the number of files changed."""
    wanted = {relative: content.encode("utf-8") if isinstance(content, str) else content
              for relative, content in files.items()}
    changed = write_changed(wanted, docs)
    for lang in LANGUAGES:
        for name in owned[lang]:
            root = docs / lang / name
            stale = [root] if root.is_file() else sorted(root.rglob("*"), reverse=True) if root.is_dir() else []
            for path in stale:
                relative = path.relative_to(docs).as_posix()
                if path.is_file() and relative not in wanted:
                    path.unlink()
                    changed += 1
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
    return changed
