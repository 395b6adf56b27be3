"""Post-build: the links that tie the two single-language builds into one site.

Each language is its own project (Chinese at the site root, English under en/), so no engine knows the other
language's pages. Every page has its mirror at the same path in the other language (tests/test_permalinks.py checks
the twins), and this step, working on the built HTML only, writes what needs both:

- <link rel="canonical"> and the hreflang alternates (zh, en, x-default = the Chinese page) in the <head>, absolute
  from SITE_URL, as search engines want (Google ignores relative hreflang URLs; Lighthouse's `hreflang` audit fails
  on them). The engine's own alternates (language roots from `extra.alternate`) are replaced.
- the language switch (<a hreflang="…"> in the header) leads to the mirror page, by a relative link, so it works on
  any origin and from a folder (file://);
- links written root-absolute in the generated pages (`/data/plan.json` on an English page: the open data and QR
  codes exist once, in the Chinese tree) become relative, so the site also works under a path prefix.

The 404 page is served at any depth, so its links stay root-absolute: they are made to start with SITE_URL's path.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import urlsplit

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
PREFIX = {"zh": "", "en": "en/"}

ENGINE_ALTERNATE = re.compile(r'[ \t]*<link\b(?=[^>]*\brel="alternate")(?=[^>]*\bhreflang="[^"]*")[^>]*>\n?')
CANONICAL = re.compile(r'[ \t]*<link\b(?=[^>]*\brel="canonical")[^>]*>\n?')
SWITCH = re.compile(r'<a\b(?P<before>[^>]*?)\bhref="(?P<href>[^"]*)"(?P<after>[^>]*\bhreflang="(?P<lang>[a-z]{2})"[^>]*)>')
SWITCH_AFTER = re.compile(r'<a\b(?P<before>[^>]*\bhreflang="(?P<lang>[a-z]{2})"[^>]*?)\bhref="(?P<href>[^"]*)"(?P<after>[^>]*)>')
ROOT_LINK = re.compile(r'(?P<attr>\b(?:href|src|action))="/(?!/)(?P<path>[^"]*)"')


def language_of(path: str) -> str:
    """'en/units/index.html' -> 'en'; anything else is Chinese (the root language)."""
    return next((lang for lang in LANGUAGES if PREFIX[lang] and path.startswith(PREFIX[lang])), DEFAULT)


def neutral(path: str) -> str:
    """The path inside its language: 'en/2022-22/air/15/index.html' -> '2022-22/air/15/index.html'."""
    return path.removeprefix(PREFIX[language_of(path)])


def mirror(path: str, lang: str) -> str:
    return PREFIX[lang] + neutral(path)


def url_path(path: str) -> str:
    """'en/units/index.html' -> 'en/units/'; '404.html' -> '404.html'."""
    return path.removesuffix("index.html")


def relative(from_path: str, to_path: str) -> str:
    """Relative URL from the page file from_path to the page file to_path (directory URLs end in '/')."""
    target = url_path(to_path)
    rel = posixpath.relpath(target or ".", posixpath.dirname(from_path) or ".")
    if target.endswith("/") or not target:
        rel = "./" if rel == "." else rel + "/"
    return rel


def head_links(path: str, site_url: str) -> str:
    lines = [f'<link rel="canonical" href="{site_url}{url_path(path)}">']
    for lang in LANGUAGES:
        lines.append(f'<link rel="alternate" href="{site_url}{url_path(mirror(path, lang))}" hreflang="{lang}">')
    lines.append(f'<link rel="alternate" href="{site_url}{url_path(mirror(path, DEFAULT))}" hreflang="x-default">')
    return "\n".join(lines) + "\n"


def _switch(html: str, href_for) -> str:
    def replace(match: re.Match) -> str:
        lang = match.group("lang")
        if lang not in LANGUAGES:
            return match.group(0)
        text = match.group(0)
        return text.replace(f'href="{match.group("href")}"', f'href="{href_for(lang)}"', 1)
    html = SWITCH.sub(replace, html)
    return SWITCH_AFTER.sub(replace, html)


def link_page(html: str, path: str, site_url: str) -> str:
    """A content page: canonical and alternates in the head, the language switch to the mirror, root links relative."""
    head, sep, body = html.partition("</head>")
    if not sep:
        return html
    head = CANONICAL.sub("", ENGINE_ALTERNATE.sub("", head))
    head = head.rstrip(" \t") + head_links(path, site_url) if head.endswith("\n") else head + "\n" + head_links(path, site_url)
    body = _switch(body, lambda lang: relative(path, mirror(path, lang)))
    out = head + sep + body
    up = posixpath.relpath(".", posixpath.dirname(path) or ".")
    return ROOT_LINK.sub(lambda m: f'{m.group("attr")}="{"" if up == "." else up + "/"}{m.group("path")}"'
                         if m.group("path") or up != "." else f'{m.group("attr")}="./"', out)


def link_not_found(html: str, path: str, site_url: str) -> str:
    """The 404 page: no alternates (it is no page of the site), switch and root links from SITE_URL's path."""
    base = urlsplit(site_url).path or "/"
    head, sep, body = html.partition("</head>")
    head = ENGINE_ALTERNATE.sub("", head)
    body = _switch(body, lambda lang: base + PREFIX[lang])
    out = head + sep + body
    if base != "/":
        out = ROOT_LINK.sub(lambda m: f'{m.group("attr")}="{base}{m.group("path")}"'
                            if not ("/" + m.group("path")).startswith(base) else m.group(0), out)
    return out
