"""Render every page of the site as Markdown with Jinja2. Templates only print; values are prepared here.

Each page is a (path, template, context) triple, rendered once per language. `path` is the Markdown file's path
inside the language folder (docs/zh/…, docs/en/…), so links between pages are relative Markdown links that
MkDocs checks in --strict builds; each language folder is its own project (generator/site_config.py).
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

import jinja2
import yaml
from markupsafe import Markup

from .citation import cite
from .glossary_links import TermLinker
from .index import LANGUAGES, Item, SiteIndex, url
from .markdown_text import escape_attribute, escape_cell, escape_front_matter, escape_markdown, finalize
from .pending import is_pending, with_notice
from .prose_dates import prose_date, prose_month

TEMPLATES = Path(__file__).parent / "templates"
LABELS = yaml.safe_load((Path(__file__).parent / "labels.yml").read_text(encoding="utf-8"))
DIGITS = "零一二三四五六七八九"


@dataclass
class Page:
    path: str                        # e.g. "2022-22/air/15.md"
    template: str
    context: dict = field(default_factory=dict)

    @property
    def url_path(self) -> str:
        """'2022-22/air/15.md' -> '2022-22/air/15'; 'units/index.md' -> 'units'."""
        stem = self.path[:-3]
        return "" if stem == "index" else stem.removesuffix("/index")


def _yaml_string(value: str) -> Markup:
    """A front-matter scalar: JSON strings are valid YAML, and the text stays readable."""
    return Markup(json.dumps(escape_front_matter(value), ensure_ascii=False))


def _boxed(value: str) -> Markup:
    """Literal text inside an indented block (an admonition): every paragraph indented, so none falls out of the
    box, where it would read as official text."""
    return Markup(escape_markdown(value).replace("\n", "\n    "))


def _cell(value) -> Markup:
    """A table cell's text; a value already prepared as Markdown (Markup: labels, links) is only kept on one line."""
    if isinstance(value, Markup):
        return Markup(" ".join(str(value).split("\n")))
    return Markup(escape_cell(value))


def lead_sentence(title: str, lang: str) -> str:
    """A task title printed as the lead sentence of its paragraph: 。 in Chinese; in English a period, placed
    inside a closing quotation mark (American style) and not doubled after ? or !."""
    if lang == "zh":
        return title + "。"
    if title.endswith(("”", '"')):
        return title[:-1].rstrip(".") + "." + title[-1]
    return title if title.endswith((".", "?", "!")) else title + "."


def chinese_numeral(number: int) -> str:
    """A positive whole number in Chinese numerals as documents number their sections: 十, 十一, 二十, 一百,
    一百零五, 一百一十, 一千零一十, 一万零一十 … (a leading 一十 is written 十), for any number below 10⁸."""
    if not 0 < number < 10 ** 8:
        raise ValueError(f"no Chinese numeral for {number}")
    high, low = divmod(number, 10_000)
    if not high:
        text = _below_ten_thousand(low)
        return text[1:] if text.startswith("一十") else text
    head = chinese_numeral(high) + "万"
    return head + (("零" if low < 1000 else "") + _below_ten_thousand(low) if low else "")


def _below_ten_thousand(number: int) -> str:
    text, zero = "", False
    for digit, unit in zip(map(int, f"{number:04d}"), ("千", "百", "十", "")):
        if digit == 0:
            zero = bool(text)
            continue
        text += ("零" if zero else "") + DIGITS[digit] + unit
        zero = False
    return text


@cache
def environment() -> jinja2.Environment:
    """One Jinja2 environment per process: its templates are compiled once, not on every generation (the preview
    regenerates in one long-lived process; compiling the 17 templates was a tenth of each regeneration). The
    loader still reloads a template whose file changed. Nothing in it depends on the data."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), finalize=finalize, undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=True)
    env.filters.update(cell=_cell, attr=lambda v: Markup(escape_attribute(v)),
                       numeral=chinese_numeral, yaml_string=_yaml_string, boxed=_boxed,
                       lead_sentence=lead_sentence)
    env.globals.update(cite=cite)  # an item's citation, permalinks, fingerprint and QR (citation.py)
    return env


class Renderer:
    def __init__(self, index: SiteIndex):
        self.index = index
        self.env = environment()

    @cached_property
    def linkers(self) -> dict[str, TermLinker]:
        return {lang: TermLinker(self.index.corpus.glossary, lang) for lang in LANGUAGES}

    def render(self, page: Page, lang: str) -> str:
        here = posixpath.dirname(page.path)

        def link(target: str) -> Markup:
            """Relative Markdown link from this page to a page path ('units/index.md' or an Item) or a file. Files
            (open data, citations, QR codes) exist once, in the Chinese tree: other languages link them from the site
            root ('/data/plan.json'), which the post-build step (postbuild/links.py) makes relative."""
            target = target.path + ".md" if isinstance(target, Item) else target
            if lang != LANGUAGES[0] and not target.endswith(".md"):
                return Markup("/" + target)
            return Markup(posixpath.relpath(target, here or "."))

        def tr(text) -> str:
            """A bilingual value in the page's language: a models.Text or a prepared {"zh": …, "en": …}."""
            return text[lang] if isinstance(text, dict) else getattr(text, lang)

        def official(text) -> Markup:
            """An official passage in the reader's language, glossary terms linked."""
            return self.linkers[lang].link(tr(text), link("glossary/index.md"))

        def doc_number(document) -> Markup:
            """A document's number as a reader of this language cites it: in English the form an English letter can
            cite, with the official Chinese beside it, marked as Chinese."""
            if lang == "zh" or not document.number_en:
                return Markup(escape_markdown(document.number))
            return Markup('{} (<span lang="zh-Hans">{}</span>)').format(
                Markup(escape_markdown(document.number_en)), Markup(escape_markdown(document.number)))

        def label(key: str, **values) -> str:
            text = LABELS[key][lang].format(**values)
            if text.startswith(" "):
                # English joins need a leading space (" (From August 2022)"), which printing strips from data:
                # keep it, and escape the rest as data (the values put into labels are data).
                words = text.lstrip(" ")
                return Markup(text[:len(text) - len(words)]) + finalize(words)
            return text

        def number(kind: str, n: int) -> str:
            """A heading's number as the text writes it: '三、' / '3. ', '（二）' / '(2) ', '附件1：' / 'Annex 1: '."""
            return LABELS[f"number_{kind}"][lang].format(n=n, numeral=chinese_numeral(n))

        def day(value) -> str:
            return prose_date(value, lang)

        def month_name(value: str) -> str:
            return prose_month(value, lang)

        def plan_name(plan) -> str:
            """A plan's short name (labels.yml plan_<id>); a plan without one is named by its title."""
            names = LABELS.get(f"plan_{plan.id}")
            return names[lang] if names else tr(plan.title)

        template = self.env.get_template(page.template)
        markdown = template.render(lang=lang, L=label, number=number, plan_name=plan_name, link=link, tr=tr,
                                   official=official, day=day, month_name=month_name, index=self.index,
                                   doc_number=doc_number, url=url, page=page,
                                   languages_here=[lang] + [other for other in LANGUAGES if other != lang],
                                   **page.context)
        bundle = page.context.get("bundle") or getattr(page.context.get("item"), "bundle", None)
        if lang != "zh" and bundle is not None and is_pending(bundle.document):
            markdown = with_notice(markdown, label("translation_pending"), label("translation_pending_text"))
        return markdown
