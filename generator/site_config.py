"""The settings of the two single-language projects, Chinese at the site root and English under /en/, written as
mkdocs.zh.yml and mkdocs.en.yml beside mkdocs.yml (MkDocs and Zensical both read the format).

Each file INHERITs mkdocs.yml, which holds everything the languages share (theme, Markdown extensions, search
settings), and adds only what differs: the docs folder, the public address, site name and description, the theme
language, the navigation (titles from labels.yml) and the language switch. Nothing here is a list in mkdocs.yml too
(Zensical appends inherited lists, MkDocs replaces them), so both engines read the same settings. The generator
writes, never reads, engine configuration.
"""
from __future__ import annotations

from pathlib import Path

import yaml

from .index import LANGUAGES, SiteIndex
from .render import LABELS
from .site_url import site_url

PREFIX = {"zh": "", "en": "en/"}
HEADER = ("# Written by `python -m generator build` (generator/site_config.py); do not edit: shared settings live in\n"
          "# mkdocs.yml, names and navigation titles in generator/labels.yml.\n")
HAND_WRITTEN_NAV = (("nav_about", "about/index.md"), ("nav_performance", "performance/index.md"))


def config_name(lang: str) -> str:
    return f"mkdocs.{lang}.yml"


def _nav(index: SiteIndex, lang: str, docs: Path) -> list[dict]:
    label = lambda key: LABELS[key][lang]  # noqa: E731
    nav = [{label("home"): "index.md"}]
    for n, bundle in enumerate(index.corpus.documents):
        doc = bundle.document.id
        entries = [{label("notice") if n == 0 else bundle.document.number: f"{doc}/index.md"}]
        for plan_file in bundle.plans:
            plan = plan_file.plan
            title = LABELS.get(f"plan_{plan.id}", {}).get(lang) or getattr(plan.title, lang)
            entries.append({title: f"{doc}/{plan.id}/index.md"})
        nav += entries if n == 0 else [{bundle.document.number: entries}]
    nav += [{label("nav_units"): "units/index.md"}, {label("deadlines"): "deadlines/index.md"},
            {label("glossary"): "glossary/index.md"}, {label("open_data"): "data/index.md"}]
    nav += [{label(key): path} for key, path in HAND_WRITTEN_NAV if (docs / lang / path).is_file()]
    return nav


def site_config(index: SiteIndex, lang: str, docs: Path) -> str:
    root = docs.parent
    settings = {
        "INHERIT": "mkdocs.yml",
        "site_name": LABELS["site_name"][lang],
        "site_description": LABELS["site_description"][lang],
        "site_url": site_url() + PREFIX[lang],
        "docs_dir": (docs / lang).relative_to(root).as_posix() if docs.is_relative_to(root) else str(docs / lang),
        "site_dir": f"site/{PREFIX[lang]}".rstrip("/"),
        "theme": {"language": lang},
        "nav": _nav(index, lang, docs),
        "extra": {
            # Root-absolute: postbuild/links.py points each at the page's mirror in that language.
            "alternate": [{"name": LABELS["lang_name"][other], "link": "/" + PREFIX[other], "lang": other}
                          for other in LANGUAGES],
            "lc_prefix": PREFIX[lang],  # overrides/: where this language's pages sit under the site root
        },
    }
    return HEADER + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=120)


def site_configs(index: SiteIndex, docs: Path) -> dict[str, str]:
    """File name (beside mkdocs.yml, that is docs/..) -> contents."""
    return {config_name(lang): site_config(index, lang, docs) for lang in LANGUAGES}
