"""Shared helpers for the tests of the real data and the built site.

- `require_site()` / the `built_site` fixture: the parsed HTML of site/ (as `make site` built it), failing clearly
  when site/ is missing;
- `resolve()`: an href or src of a built page -> the file it points to (directory URLs, fragments, queries);
- `source_structure()`: the numbered parts of the official text, as the product's importer parses the raw
  source (independent of data/documents/);
- raw YAML readers of data/ (independent of generator.validate and generator.index).
"""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# SITE_DIR: test another build of the site, e.g. `SITE_DIR=site-zensical pytest -m any_engine` (make test does)
SITE = (ROOT / os.environ.get("SITE_DIR", "site")).resolve()
ENGINE = "zensical" if SITE.name.endswith("zensical") else "mkdocs"
DATA = ROOT / "data"
SOURCE = DATA / "source" / "lingchuan-2022-22-notice.txt"
SHARED_SOURCE = ROOT.parent / "shared" / "source" / "lingchuan-2022-22-notice.txt"
DOCUMENT_DIR = DATA / "documents" / "2022-22"

HAN = re.compile(r"[\u3400-\u9fff]")
WHITESPACE = re.compile(r"\s+")
ITEM_PATH = re.compile(r"^(?:en/)?(?P<doc>\d{4}-\d+)/(?P<plan>[a-z]+)/(?P<ledger>ledger/)?(?P<number>\d+)/index\.html$")
NON_CONTENT_SCHEMES = ("mailto", "tel", "data", "javascript")


# --- the built site ---------------------------------------------------------------------------------------------

@dataclass
class Link:
    tag: str
    attr: str          # href | src
    url: str
    rel: str           # the rel attribute, if any
    classes: tuple[str, ...]
    in_article: bool   # inside the page's main content (Material's article.md-content__inner)
    text: str = ""


@dataclass
class Page:
    path: str                                   # relative to site/, e.g. "2022-22/air/15/index.html"
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    article_text: str = ""

    def article_links(self) -> list[Link]:
        return [link for link in self.links if link.in_article and link.tag == "a"]


class PageParser(HTMLParser):
    """Collects every href/src, every id (and <a name>), and the text and links of the main content."""

    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page = page
        self.article_depth = 0
        self.open_anchors: list[Link] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in ("id",):
            if values.get(name):
                self.page.ids.add(values[name])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        if tag == "article" and (self.article_depth or "md-content__inner" in values.get("class", "")):
            self.article_depth += 1
        self._collect_links(tag, values)

    def _collect_links(self, tag: str, values: dict) -> None:
        classes = tuple(values.get("class", "").split())
        found = None
        for attr in ("href", "src"):
            if attr in values:
                found = Link(tag, attr, values[attr], values.get("rel", ""), classes, self.article_depth > 0)
                self.page.links.append(found)
        if tag == "a":
            self.open_anchors.append(found or Link(tag, "", "", "", classes, self.article_depth > 0))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.article_depth:
            self.article_depth -= 1
        if tag == "a" and self.open_anchors:
            self.open_anchors.pop()

    def handle_data(self, data: str) -> None:
        if self.article_depth:
            self.text.append(data)
        for anchor in self.open_anchors:
            anchor.text += data

    def close(self) -> None:
        super().close()
        self.page.article_text = "".join(self.text)


def parse_page(path: str) -> Page:
    page = Page(path)
    parser = PageParser(page)
    parser.feed((SITE / path).read_text(encoding="utf-8"))
    parser.close()
    return page


@lru_cache(maxsize=1)
def parse_site() -> dict[str, Page]:
    """Every built HTML file, parsed once per test process."""
    return {path: parse_page(path) for path in sorted(html_files())}


def html_files() -> list[str]:
    return [p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html")]


def differs_under(engine: str, reason: str):
    """A known difference of another engine's build (docs/README.md, "Zensical"): a strict xfail there, so the
    test fails once the difference is gone and the table must be updated."""
    return pytest.mark.xfail(ENGINE == engine, reason=reason, strict=True)


def require_site() -> dict[str, Page]:
    if not (SITE / "index.html").is_file() or not (SITE / "en" / "index.html").is_file():
        pytest.fail(f"{SITE} is missing or incomplete: run `make site` first (`make test` builds it)", pytrace=False)
    return parse_site()


@pytest.fixture(scope="session")
def built_site() -> dict[str, Page]:
    return require_site()


@dataclass(frozen=True)
class Target:
    path: str | None        # file relative to site/ (None: outside the site or not a file)
    fragment: str
    external: bool = False


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme in ("http", "https")


def is_ignored_scheme(url: str) -> bool:
    return urlsplit(url).scheme in NON_CONTENT_SCHEMES


def resolve(page_path: str, url: str) -> Target:
    """The file an href/src of page_path points to: relative or root-absolute, directory URLs -> index.html."""
    parts = urlsplit(url)
    if is_external(url):
        return Target(None, parts.fragment, external=True)
    path = unquote(parts.path)
    if not path:
        return Target(page_path, parts.fragment)
    base = "" if path.startswith("/") else posixpath.dirname(page_path)
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if joined == ".":
        joined = ""
    if joined.startswith(".."):
        return Target(None, parts.fragment)
    if path.endswith("/") or (SITE / joined).is_dir():
        joined = posixpath.join(joined, "index.html") if joined else "index.html"
    return Target(joined if (SITE / joined).is_file() else None, parts.fragment)


def item_page(path: str, lang: str) -> str:
    """'2022-22/air/15' -> the built file of its page in `lang`."""
    return ("en/" if lang == "en" else "") + path + "/index.html"


def squash(text: str) -> str:
    """Chinese comparison: no whitespace at all."""
    return WHITESPACE.sub("", text)


def collapse(text: str) -> str:
    """English comparison: runs of whitespace as one space."""
    return WHITESPACE.sub(" ", text).strip()


# --- raw data (independent of the generator) --------------------------------------------------------------------

def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def document() -> dict:
    return load_yaml(DOCUMENT_DIR / "document.yml")


@lru_cache(maxsize=1)
def plans() -> dict[str, dict]:
    return {plan_id: load_yaml(DOCUMENT_DIR / f"{plan_id}.yml") for plan_id in document()["plans"]}


@lru_cache(maxsize=1)
def units() -> list[dict]:
    return load_yaml(DATA / "units.yml")["units"]


@lru_cache(maxsize=1)
def glossary() -> list[dict]:
    return load_yaml(DATA / "glossary.yml")["terms"]


def data_files() -> dict[str, object]:
    """Every data file, keyed by its path relative to data/."""
    files = {"units.yml": {"units": units()}, "glossary.yml": {"terms": glossary()},
             "documents/2022-22/document.yml": document()}
    files.update({f"documents/2022-22/{plan_id}.yml": plan for plan_id, plan in plans().items()})
    return files


def name_to_unit() -> dict[str, str]:
    return {name: unit["id"] for unit in units() for name in [unit["name"]["zh"], *unit.get("aliases", [])]}


@dataclass(frozen=True)
class RawItem:
    plan: str
    kind: str                  # task | ledger
    number: int
    responsible: str
    deadline_words: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"{document()['id']}/{self.plan}/{'ledger/' if self.kind == 'ledger' else ''}{self.number}"


def raw_items() -> list[RawItem]:
    items = []
    for plan_id, plan in plans().items():
        for category in plan["categories"]:
            for task in category["tasks"]:
                items.append(RawItem(plan_id, "task", task["number"], task["responsible"],
                                     tuple(task.get("milestones", []))))
        for category in (plan.get("ledger") or {}).get("categories", []):
            for row in category["rows"]:
                items.append(RawItem(plan_id, "ledger", row["number"], row["responsible"], (row["deadline"],)))
    return items


def walk_strings(node, path: tuple = ()):
    """(path, string) for every string in a YAML tree; path holds the keys and list indexes."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk_strings(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_strings(value, path + (index,))
    elif isinstance(node, str):
        yield path, node


def walk_texts(node, path: tuple = ()):
    """(path, {zh, en}) for every bilingual pair in a YAML tree."""
    if isinstance(node, dict):
        if isinstance(node.get("zh"), str) and "en" in node:
            yield path, node
        for key, value in node.items():
            yield from walk_texts(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_texts(value, path + (index,))


EDITORIAL_KEYS = {"editor_notes", "explanation", "translation_exceptions"}


def is_editorial(path: tuple) -> bool:
    """Editor's notes and glossary explanations are the site's own words, never official text."""
    return any(key in EDITORIAL_KEYS for key in path)


# --- the official text, as the product's importer parses it ---------------------------------------------------------

PLAN_TITLES = {  # DESIGN.md's plan table: the title line of each plan in the source, without spaces
    "陵川县空气质量改善2022年行动计划": "air",
    "陵川县水环境质量巩固提升2022年行动计划": "water",
    "陵川县土壤污染防治2022年行动计划": "soil",
}


@dataclass
class PlanSource:
    plan: str
    categories: list[int] = field(default_factory=list)
    tasks: list[int] = field(default_factory=list)
    safeguards: list[int] = field(default_factory=list)
    ledger_rows: list[int] = field(default_factory=list)
    annex_rows: list[int] = field(default_factory=list)
    tasks_by_category: dict[int, list[int]] = field(default_factory=dict)
    ledger_by_category: dict[int, list[int]] = field(default_factory=dict)


@lru_cache(maxsize=1)
def source_structure() -> dict[str, PlanSource]:
    """The numbers of every part of each plan, read from the raw source by generator/importer/parse.py (the
    first step of `python -m generator import`, which never reads data/documents/)."""
    from generator.importer.parse import parse_notice
    out = {}
    for plan in parse_notice(SOURCE.read_text(encoding="utf-8")).plans:
        parsed = PlanSource(PLAN_TITLES[plan.title])
        parsed.categories = [n for n, _, _ in plan.categories]
        parsed.tasks = [t.number for t in plan.tasks]
        parsed.safeguards = [s.number for s in plan.safeguards]
        parsed.tasks_by_category = {n: [t.number for t in plan.tasks if t.category == n] for n in parsed.categories}
        rows = plan.ledger.rows if plan.ledger else []
        parsed.ledger_rows = [r.number for r in rows]
        parsed.ledger_by_category = {n: [r.number for r in rows if r.category == n]
                                     for n, _, _ in (plan.ledger.categories if plan.ledger else [])}
        parsed.annex_rows = [int(cells[0]) for a in plan.annexes for t in a.tables for _, cells in t.rows]
        out[parsed.plan] = parsed
    return out


def source_item_paths() -> set[str]:
    """Every task and ledger row the source numbers, as item paths ('2022-22/air/15', '2022-22/air/ledger/16')."""
    paths = set()
    for plan, parsed in source_structure().items():
        paths |= {f"2022-22/{plan}/{n}" for n in parsed.tasks}
        paths |= {f"2022-22/{plan}/ledger/{n}" for n in parsed.ledger_rows}
    return paths
