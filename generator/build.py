"""Write the generated pages and open data. Only generated folders are touched, and they are replaced whole:
pages are written into a staging folder first and swapped in, so a failure never leaves half a site."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .index import LANGUAGES, build_index
from .opendata import open_data_files
from .pages import site_pages
from .render import Renderer
from .search_dict import jieba_dictionary
from .validate import Corpus

# Top-level entries of each language folder that the generator owns; everything else in docs/ is hand-written.
GENERATED = ("index.md", "units", "deadlines", "glossary", "data")
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
    files[GENERATED_MARKER] = "\n".join(generated_entries(corpus)) + "\n"
    (docs.parent / "generated").mkdir(exist_ok=True)
    (docs.parent / "generated" / "jieba-user.dict").write_text(jieba_dictionary(corpus), encoding="utf-8")
    _swap_in(files, docs, generated_entries(corpus))
    return len(files)


def _swap_in(files: dict[str, str | bytes], docs: Path, owned: list[str]) -> None:
    docs.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=docs.parent, prefix=".staging-") as staging_name:
        staging = Path(staging_name)
        for relative, content in sorted(files.items()):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(content, encoding="utf-8", newline="\n")
        for lang in LANGUAGES:
            for name in owned:
                old = docs / lang / name
                if old.is_dir():
                    shutil.rmtree(old)
                elif old.exists():
                    old.unlink()
                new = staging / lang / name
                if new.exists():
                    (docs / lang).mkdir(exist_ok=True)
                    new.rename(old)
        (staging / GENERATED_MARKER).replace(docs / GENERATED_MARKER)
