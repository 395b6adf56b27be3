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
from .validate import Corpus

# Top-level entries of each language folder that the generator owns; everything else in docs/ is hand-written.
GENERATED = ("index.md", "units", "deadlines", "glossary", "data", "cite", "search")
GENERATED_MARKER = ".generated"


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
    files[GENERATED_MARKER] = "\n".join(generated_entries(corpus)) + "\n"
    (docs.parent / "generated").mkdir(exist_ok=True)
    (docs.parent / "generated" / "jieba-user.dict").write_text(jieba_dictionary(corpus), encoding="utf-8")
    return _swap_in(files, docs, generated_entries(corpus))


def _swap_in(files: dict[str, str | bytes], docs: Path, owned: list[str]) -> int:
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
        for name in owned:
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
