"""Write the generated pages and open data. Only generated folders are touched; every page is rendered before
any file is written, so invalid data or a template error never leaves half a site."""
from __future__ import annotations

import tempfile
from pathlib import Path

from .citation import citation_files
from .index import LANGUAGES, build_index
from .opendata import open_data_files
from .pages import site_pages
from .permalinks import published_urls
from .render import Renderer
from .search_dict import jieba_dictionary
from .search_index import search_files
from .site_config import site_configs
from .validate import Corpus

# Top-level entries of each language folder that the generator owns; everything else in docs/ is hand-written.
GENERATED = ("index.md", "units", "deadlines", "glossary", "data", "cite", "search")
GENERATED_MARKER = ".generated"
# The hand-written assets (docs/zh/assets: CSS, scripts, the search worker) are copied into the other languages'
# folders: each language is its own project and serves its own copy (/en/assets/…).
SHARED_ASSETS = "assets"


def generated_entries(corpus: Corpus) -> list[str]:
    return [*GENERATED, *(bundle.document.id for bundle in corpus.documents)]


def build_pages(corpus: Corpus, docs: Path, data_dir: Path) -> int:
    index = build_index(corpus)
    renderer = Renderer(index)
    files: dict[str, str | bytes] = {}
    for page in site_pages(index):
        for lang in LANGUAGES:
            files[f"{lang}/{page.path}"] = renderer.render(page, lang)
    for name, content in open_data_files(index).items():
        files[f"zh/data/{name}"] = content
    for name, content in citation_files(index, published_urls(index, docs, generated_entries(corpus))).items():
        files[f"zh/{name}"] = content  # QR codes of every page and citations.json, served at /cite/
    files.update(search_files(index, docs, generated_entries(corpus)))  # per-language search index, fetched when search is first used
    shared = docs / LANGUAGES[0] / SHARED_ASSETS
    for path in sorted(shared.rglob("*")) if shared.is_dir() else []:
        if path.is_file() and not path.name.startswith("."):
            for lang in LANGUAGES[1:]:
                files[f"{lang}/{path.relative_to(docs / LANGUAGES[0]).as_posix()}"] = path.read_bytes()
    files[GENERATED_MARKER] = "\n".join(generated_entries(corpus)) + "\n"
    owned = {lang: generated_entries(corpus) + ([SHARED_ASSETS] if lang != LANGUAGES[0] else [])
             for lang in LANGUAGES}
    changed = _swap_in(files, docs, owned)
    (docs.parent / "generated").mkdir(exist_ok=True)
    beside = {"generated/jieba-user.dict": jieba_dictionary(corpus), **site_configs(index, docs)}
    for name, content in beside.items():
        target = docs.parent / name
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            target.write_text(content, encoding="utf-8")
            changed += 1
    return changed


def _swap_in(files: dict[str, str | bytes], docs: Path, owned: dict[str, list[str]]) -> int:
    """Everything is rendered in memory before docs/ is touched; then only files whose bytes changed are
    replaced (atomically, by rename) and stale generated files removed. Unchanged files keep their mtime, so
    `mkdocs serve --dirty` rebuilds only what an edit affected. Returns the number of files changed."""
    docs.mkdir(parents=True, exist_ok=True)
    wanted = {relative: content.encode("utf-8") if isinstance(content, str) else content
              for relative, content in files.items()}
    changed = 0
    for relative, content in sorted(wanted.items()):
        target = docs / relative
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".staging-", delete=False) as staged:
            staged.write(content)
        Path(staged.name).replace(target)
        changed += 1
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
