"""Post-build: redirect pages for old URLs, in both languages, from redirects.yml (one language-neutral entry each).

A redirect is a small HTML page at the old URL: a meta refresh (which every host serves, no server configuration), a
script that keeps the reader's own #anchor, a canonical link to the target and a plain link for readers without
either. The target is relative, so redirects work on any origin and under a path prefix.
"""
from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

import yaml

from .links import LANGUAGES, PREFIX

REDIRECTS = Path(__file__).resolve().parent.parent / "redirects.yml"

PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{absolute}">
<script>var anchor=location.hash.slice(1);location.replace({target_js}+(anchor&&{target_js}.indexOf("#")<0?"#"+anchor:""))</script>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p><a href="{target}">{text}</a></p>
</body>
</html>
"""
WORDS = {"zh": ("页面已移动", "本页已移至新的网址，请点击此处。"), "en": ("Page moved", "This page has moved: follow this link.")}


class RedirectError(Exception):
    pass


def redirect_map(path: Path = REDIRECTS) -> dict[str, str]:
    """old path -> target ('2022-22/air/ledger/' -> '2022-22/air/#ledger'), checked for shape."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    problems = []
    for old, new in entries.items():
        for value in (old, new.split("#")[0]):
            if not isinstance(value, str) or value.startswith(("/", "en/", "zh/")) or not (value == "" or value.endswith("/")):
                problems.append(f"{path.name}: {old!r}: {value!r} must be a language-neutral directory URL path "
                                f"such as '2022-22/air/15/' (no leading slash, no language prefix)")
    if problems:
        raise RedirectError("\n".join(problems))
    return dict(entries)


def write_redirects(site: Path, site_url: str, entries: dict[str, str]) -> list[str]:
    """Write every redirect in both languages; returns the files written. Fails, writing nothing, when a key is a
    page of the site or a target is not one."""
    problems, pages = [], {}
    for old, new in entries.items():
        for lang in LANGUAGES:
            source = f"{PREFIX[lang]}{old}index.html"
            path, _, fragment = new.partition("#")
            target = f"{PREFIX[lang]}{path}index.html"
            if (site / source).is_file():
                problems.append(f"redirects.yml: {old!r} is a page of the built site ({source}); a redirect would replace it")
            if not (site / target).is_file():
                problems.append(f"redirects.yml: {old!r} -> {new!r}: no page {target} in the built site")
            elif fragment and f'id="{fragment}"' not in (site / target).read_text(encoding="utf-8"):
                problems.append(f"redirects.yml: {old!r} -> {new!r}: {target} has no id {fragment!r}")
            rel = posixpath.relpath(PREFIX[lang] + path or ".", PREFIX[lang] + old) + "/"
            href = ("" if rel == "./" else rel) + (f"#{fragment}" if fragment else "")
            title, text = WORDS[lang]
            pages[source] = PAGE.format(lang="zh-Hans" if lang == "zh" else lang, title=title, text=text,
                                        absolute=html.escape(site_url + PREFIX[lang] + new),
                                        target=html.escape(href or "./"), target_js=json.dumps(href or "./"))
    if problems:
        raise RedirectError("\n".join(problems))
    for source, content in pages.items():
        (site / source).parent.mkdir(parents=True, exist_ok=True)
        (site / source).write_text(content, encoding="utf-8")
    return sorted(pages)
