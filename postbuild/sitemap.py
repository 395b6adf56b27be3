"""Post-build: one sitemap.xml for both languages, and robots.txt naming it.

Each single-language build writes a sitemap of its own pages only (and Material's would sit at /en/sitemap.xml,
which no crawler looks for). This one lists every page of both builds, each with its zh, en and x-default
alternates (the same as the <head> of the page, postbuild/links.py), absolute from SITE_URL. robots.txt allows
everything and names the sitemap by its absolute URL, as the robots.txt standard asks (Lighthouse: robots-txt).
"""
from __future__ import annotations

import gzip
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .links import DEFAULT, LANGUAGES, PREFIX, mirror, url_path

NOT_PAGES = ("search/", "assets/", "cite/")
REFRESH = 'http-equiv="refresh"'


def content_pages(site: Path) -> list[str]:
    """Every built page ('index.html', 'en/2022-22/air/15/index.html'): no redirects, no 404, no assets."""
    pages = []
    for file in sorted(site.rglob("index.html")):
        path = file.relative_to(site).as_posix()
        if path.removeprefix(PREFIX["en"]).startswith(NOT_PAGES):
            continue
        with open(file, encoding="utf-8") as handle:
            if REFRESH in handle.read(2048):
                continue
        pages.append(path)
    return pages


def sitemap(pages: list[str], site_url: str) -> str:
    present = set(pages)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for path in pages:
        lines += ["  <url>", f"    <loc>{escape(site_url + url_path(path))}</loc>"]
        for lang in (*LANGUAGES, "x-default"):
            twin = mirror(path, DEFAULT if lang == "x-default" else lang)
            if twin in present:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{lang}" '
                             f'href={quoteattr(site_url + url_path(twin))}/>')
        lines.append("  </url>")
    return "\n".join([*lines, "</urlset>", ""])


def write_sitemap(site: Path, site_url: str) -> int:
    for lang in LANGUAGES:  # the engines' own, one language each
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / PREFIX[lang] / name).unlink(missing_ok=True)
    pages = content_pages(site)
    data = sitemap(pages, site_url).encode("utf-8")
    (site / "sitemap.xml").write_bytes(data)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n", encoding="utf-8")
    return len(pages)
