"""The offline copies: one zip per language for office networks without the internet, opened from a folder (file://)
with navigation and search working. `python -m postbuild offline --site site` (`make offline`, after `make site`).

Each language's project is built once more with Material's `offline` plugin, in a configuration written here beside
mkdocs.<lang>.yml (`.offline.mkdocs.<lang>.yml`: it inherits the language's settings and adds the plugin to
mkdocs.yml's own list, so the published build never runs it). The plugin sets use_directory_urls: false, because a
browser opens no folder's index.html from file://: the files are named `units/transport.html` instead of
`units/transport/index.html`. The published addresses do not change: canonical links, citations, printed permalinks
and QR codes name the site's permalinks (permalinks.txt), not the copy's file names.

What the copy needs beyond that build, done here on its output:

- the WebWorker shim the plugin would load from unpkg.com is vendored (postbuild/vendor/iframe-worker.js), so no
  request leaves the folder;
- search: from file://, Material reads `search/search_index.js` (a script, as no JSON can be fetched there) and hands
  it to the search worker. The copy's search_index.js holds the site's own index of the language
  (search/lc-index.json, generator/search_index.py) with its locations turned into the copy's file names, so the
  site's search engine (docs/zh/assets/javascripts/workers/) answers from it as online;
- each page is finished as online (table labels, lang spans; postbuild/__init__.py) except the links: a canonical
  link to the page's permalink, no hreflang alternates and no language switch (the other language is the other zip),
  root-absolute links made relative;
- the English copy gets the files its pages link to in the Chinese tree (open data, feeds, QR codes), at the same
  paths under its own root; the Chinese copy drops the English QR codes;
- online-only files are left out: 404.html (a folder has no 404), sitemaps, the JSON search indexes.

The zips go into the site at data/offline/ and both languages' data pages link them with their size (the generator
writes that paragraph hidden and without links; it is shown only once the zips exist).
"""
from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import yaml

from .declare_chinese import declare_chinese as declare
from .links import CANONICAL, ENGINE_ALTERNATE, LANGUAGES, PREFIX, ROOT_LINK, url_path
from .stack_tables import stack_tables as stack

FOLDER = "data/offline"                      # in the site, beside the open data
SHIM = "assets/javascripts/iframe-worker.js"  # the name must hold "iframe-worker": the plugin then adds no unpkg.com URL
VENDORED_SHIM = Path(__file__).resolve().parent / "vendor" / "iframe-worker.js"
LEFT_OUT = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "search/lc-index.json")
SECTION = re.compile(r'<(?P<tag>p|div)\b[^>]*\bdata-lc-offline-copies\b[^>]*>.*?</(?P=tag)>\s*', re.S)
SECTION_OPEN = re.compile(r'(<(?:p|div)\b[^>]*\bdata-lc-offline-copies\b[^>]*?)\s+hidden(?=[\s>])')
ZIP_LINK = re.compile(r'<a data-lc-offline="(?P<lang>[a-z]{2})">(?P<text>.*?)</a>', re.S)
# Entries dated 1980-01-01 (zip's epoch): the same pages make the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class OfflineError(Exception):
    pass


def zip_name(lang: str) -> str:
    return f"lingchuan-plans-{lang}"


def published(path: str) -> str:
    """The copy's file name -> the published page: 'units/transport.html' -> 'units/transport/index.html'."""
    if path == "index.html" or path.endswith("/index.html"):
        return path
    return path.removesuffix(".html") + "/index.html"


def offline_config(project: Path, lang: str) -> Path:
    """`.offline.mkdocs.<lang>.yml`: the language's project with Material's offline plugin. mkdocs.yml's plugin list
    is copied, not restated (an inherited list is replaced, not extended)."""
    shared = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    settings = {
        "INHERIT": f"mkdocs.{lang}.yml",
        "plugins": [*(shared.get("plugins") or []), "offline"],
        # no language switch (the other language is not in this copy); the shim from the folder, not unpkg.com
        "extra": {"alternate": [], "polyfills": [SHIM]},
    }
    config = project / f".offline.mkdocs.{lang}.yml"
    config.write_text("# Written by postbuild/offline.py for `make offline`; do not edit.\n"
                      + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config


def finish_offline_page(html: str, path: str, lang: str, url: str) -> tuple[str, set[str]]:
    """One page of a copy (path: its file name in the copy). Returns the page and the root-absolute targets it
    links to (paths from the site root: the English copy needs those of the Chinese tree)."""
    html = declare(stack(html))
    head, sep, body = html.partition("</head>")
    if not sep:
        return html, set()
    permalink = url + url_path(PREFIX[lang] + published(path))
    head = CANONICAL.sub("", ENGINE_ALTERNATE.sub("", head))
    head = head.rstrip() + f'\n<link rel="canonical" href="{permalink}">\n'
    body = SECTION.sub("", body)  # the zips are not in the zip
    targets: set[str] = set()

    def local(match: re.Match) -> str:
        target = match.group("path")
        file = target.split("#")[0].split("?")[0]
        if not file or file.endswith("/"):  # a folder: from file:// only its index.html opens
            target, file = target.replace(file, file + "index.html", 1) if file else "index.html" + target, file + "index.html"
        targets.add(file)
        return f'{match.group("attr")}="{posixpath.relpath(target, posixpath.dirname(path) or ".")}"'
    return head + sep + ROOT_LINK.sub(local, body), targets


def _search_script(folder: Path) -> None:
    """search/search_index.js from the site's own index, its locations (directory URLs) as the copy's files."""
    index = json.loads((folder / "search" / "lc-index.json").read_text(encoding="utf-8"))
    missing = []
    for doc in index["docs"]:
        page, _, fragment = doc["location"].partition("#")
        candidates = ["index.html"] if not page else [page.rstrip("/") + ".html", page + "index.html"]
        found = next((c for c in candidates if (folder / c).is_file()), None)
        if found is None:
            missing.append(doc["location"])
            continue
        doc["location"] = found + (f"#{fragment}" if fragment else "")
    if missing:
        raise OfflineError(f"the search index names pages the offline copy lacks: {', '.join(missing[:5])}")
    (folder / "search" / "search_index.js").write_text(
        "var __index = " + json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _build_copy(lang: str, folder: Path, url: str, project: Path, command) -> list[str]:
    """Build and finish one language's copy in `folder`; returns the root-absolute targets its pages link to."""
    if folder.exists():
        shutil.rmtree(folder)
    config = offline_config(project, lang)
    result = subprocess.run(command(config, folder), cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                                                        "DISABLE_MKDOCS_2_WARNING": "true"})
    if result.returncode != 0:
        raise OfflineError(f"offline build of {config.name} failed (exit {result.returncode})")
    targets: set[str] = set()
    for file in sorted(folder.rglob("*.html")):
        path = file.relative_to(folder).as_posix()
        if path.startswith(("search/", "assets/")) or path in LEFT_OUT:
            continue
        text = file.read_text(encoding="utf-8")
        out, linked = finish_offline_page(text, path, lang, url)
        targets |= linked
        if out != text:
            file.write_text(out, encoding="utf-8")
    _search_script(folder)
    for name in LEFT_OUT:
        (folder / name).unlink(missing_ok=True)
    (folder / SHIM).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(VENDORED_SHIM, folder / SHIM)
    return sorted(targets)


def _add_linked_files(copies: dict[str, Path], targets: dict[str, list[str]]) -> None:
    """The files a copy's pages link to root-absolutely that live in another language's tree (the open data, the
    feeds and QR codes exist once, in the Chinese tree): copied to the same path under the copy's root. Files of
    another language's folder (the Chinese copy's cite/qr/en/) are left out."""
    default = next(lang for lang in LANGUAGES if not PREFIX[lang])
    for lang, folder in copies.items():
        missing = []
        for target in targets[lang]:
            if not target or (folder / target).is_file() or target.endswith("/"):
                continue
            source = copies[default] / target
            if not source.is_file():
                missing.append(target)
                continue
            (folder / target).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, folder / target)
        if missing:
            raise OfflineError(f"the {lang} copy links to files no copy has: {', '.join(missing[:5])}")
    for lang, folder in copies.items():
        for other in LANGUAGES:
            if PREFIX[other] and other != lang:
                shutil.rmtree(folder / "cite" / "qr" / PREFIX[other], ignore_errors=True)


def _zip(folder: Path, top: str, target: Path) -> int:
    staged = target.with_name(f".{target.name}.new")
    with zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(f"{top}/{file.relative_to(folder).as_posix()}", ZIP_DATE)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(entry, file.read_bytes())
    staged.replace(target)
    return target.stat().st_size


def human_size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{max(1, round(size / 1e3))} KB"


def link_copies(site: Path, sizes: dict[str, int]) -> int:
    """Show the paragraph of the data pages that lists the zips: links (relative) and sizes. Returns pages changed."""
    changed = 0
    for lang in LANGUAGES:
        page = site / PREFIX[lang] / "data" / "index.html"
        path = f"{PREFIX[lang]}data/index.html"
        text = page.read_text(encoding="utf-8")

        def link(match: re.Match) -> str:
            zipped = f"{FOLDER}/{zip_name(match.group('lang'))}.zip"
            href = posixpath.relpath(zipped, posixpath.dirname(path))
            size = human_size(sizes[match.group("lang")])
            return (f'<a data-lc-offline="{match.group("lang")}" href="{href}" download>{match.group("text")}</a>'
                    + (f'<span class="lc-size">（zip，{size}）</span>' if lang == "zh" else
                       f' <span class="lc-size">(zip, {size})</span>'))
        out = SECTION_OPEN.sub(r"\1", ZIP_LINK.sub(link, text))
        if out == text:
            raise OfflineError(f"{path} has no offline-copies paragraph to show (data-lc-offline-copies)")
        page.write_text(out, encoding="utf-8")
        changed += 1
    return changed


def build_offline(site: Path, project: Path, url: str, command, work: Path | None = None) -> dict[str, int]:
    """Build both copies (in parallel), zip them into site/data/offline/ and link them from the data pages.
    `work` keeps the unzipped copies (default: removed). Returns the zip sizes."""
    if not (site / "data" / "index.html").is_file():
        raise OfflineError(f"{site} is not a built site: run `make site` first")
    scratch = work or site.with_name(f"{site.name}.offline")
    copies = {lang: scratch / zip_name(lang) for lang in LANGUAGES}
    with ProcessPoolExecutor(max_workers=min(len(LANGUAGES), os.cpu_count() or 1)) as pool:
        futures = {lang: pool.submit(_build_copy, lang, copies[lang], url, project, command) for lang in LANGUAGES}
        targets = {lang: future.result() for lang, future in futures.items()}
    _add_linked_files(copies, targets)
    (site / FOLDER).mkdir(parents=True, exist_ok=True)
    sizes = {lang: _zip(copies[lang], zip_name(lang), site / FOLDER / f"{zip_name(lang)}.zip") for lang in LANGUAGES}
    link_copies(site, sizes)
    if work is None:
        shutil.rmtree(scratch, ignore_errors=True)
    return sizes
