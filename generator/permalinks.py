"""The list of published URLs and the permalink manifest (permalinks.txt at the repository root).

Published URLs are computed, not scraped from site/: every generated page (pages.site_pages) in both languages, plus
every hand-written Markdown page under docs/<lang>/ (each language is its own build, so a hand-written page needs its
twin in the other language; tests/test_permalinks.py checks that every Chinese URL has one). So the manifest can be updated without building the site and without
MkDocs.

The manifest only grows: `python -m generator manifest` writes the union of the manifest and the current URLs, sorted,
one root-relative URL a line. A URL that is no longer generated stays listed and must be kept alive by a redirect
(redirects.yml); tests/test_permalinks.py checks every listed URL against the built site.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .index import LANGUAGES, SiteIndex, url
from .pages import site_pages

MANIFEST = "permalinks.txt"
SKIPPED = {"README.md"}  # notes for editors, never pages


def handwritten_pages(docs: Path, generated: list[str]) -> dict[str, set[str]]:
    """Page paths ('about', 'about/team') of the Markdown files under docs/<lang>/ that the generator does not own."""
    found: dict[str, set[str]] = {lang: set() for lang in LANGUAGES}
    for lang in LANGUAGES:
        root = docs / lang
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*.md")):
            relative = path.relative_to(root)
            if relative.parts[0] in generated or path.name in SKIPPED or any(p.startswith(".") for p in relative.parts):
                continue
            stem = relative.with_suffix("").as_posix()
            found[lang].add("" if stem == "index" else stem.removesuffix("/index"))
    return found


def published_urls(index: SiteIndex, docs: Path, generated: list[str]) -> list[str]:
    """Every page URL the build serves, root-relative ('/', '/en/2022-22/air/15/'), sorted."""
    paths = {page.url_path for page in site_pages(index)}
    handwritten = handwritten_pages(docs, generated)
    urls = {url(path, lang) for path in paths for lang in LANGUAGES}
    urls |= {url(path, lang) for lang in LANGUAGES for path in handwritten[lang]}
    return sorted(urls)


def read_manifest(path: Path) -> list[str]:
    if not path.is_file():
        return []
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def format_manifest(urls) -> str:
    return "".join(f"{u}\n" for u in sorted(set(urls)))


def update_manifest(path: Path, current: list[str], check: bool = False) -> tuple[int, list[str], list[str]]:
    """Add the current URLs to the manifest (never removing any). Returns (exit code, URLs added or missing,
    URLs listed but no longer generated: each needs a redirect). With `check`, nothing is written and the exit
    code is 1 when a current URL is not listed yet."""
    listed = read_manifest(path)
    new = sorted(set(current) - set(listed))
    gone = sorted(set(listed) - set(current))
    if check:
        return (1 if new else 0), new, gone
    content = format_manifest([*listed, *current])
    if not path.is_file() or path.read_text(encoding="utf-8") != content:
        path.write_text(content, encoding="utf-8")
    return 0, new, gone


def command(name: str, corpus, docs: Path, manifest: Path, ids: list[str], check: bool) -> int:
    """`python -m generator manifest [--check]` and `python -m generator cite ID…`."""
    from .build import generated_entries
    from .citation import cite
    from .index import build_index

    index = build_index(corpus)
    if name == "cite":
        unknown = [item_id for item_id in ids if item_id not in index.items_by_id]
        for item_id in unknown:
            print(f"unknown item id: {item_id}", file=sys.stderr)
        for item_id in ids:
            if item_id in index.items_by_id:
                c = cite(index.items_by_id[item_id])
                print(f"{c.id}\n  zh: {c.citation['zh']}\n  en: {c.citation['en']}\n"
                      f"  permalink: {c.permalink['zh']}  {c.permalink['en']}\n  fingerprint: {c.fingerprint}")
        return 1 if unknown or not ids else 0
    code, new, gone = update_manifest(manifest, published_urls(index, docs, generated_entries(corpus)), check)
    label = "not listed yet" if check else "added"
    for u in new:
        print(f"{label}: {u}")
    for u in gone:
        print(f"listed but no longer generated (needs a redirect in redirects.yml): {u}")
    total = len(read_manifest(manifest))
    print(f"{manifest.name}: {total} URLs; {len(new)} {label}; {len(gone)} kept alive only by redirects"
          + ("; run `python -m generator manifest` and commit permalinks.txt" if check and new else ""))
    return code
