"""No page shows its front matter as text. MkDocs reads a page's front matter only when YAML accepts it, and otherwise
prints it silently as the page's first paragraph (Zensical refuses the page instead). So every page under docs/, the
hand-written ones and the generated ones (`make test` generates them first), and every golden page, must open with
front matter that a YAML parser accepts, as a mapping of strings; and the built page must carry its description."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SITE = ROOT / "site"
GOLDEN_DOCS = ROOT / "tests/fixtures/mini/expected/docs"
# MkDocs' own rule (mkdocs.utils.meta): a first line of ---, then YAML, then a line of --- or ...
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(?P<yaml>.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def pages(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.md") if path.name != "README.md")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---"), f"{path}: no front matter (title and description)"
    match = FRONT_MATTER.match(text)
    assert match, f"{path}: front matter is not closed by a line of ---"
    try:
        meta = yaml.safe_load(match.group("yaml"))
    except yaml.YAMLError as error:
        pytest.fail(f"{path}: front matter is not valid YAML (MkDocs would print it as text): {error}")
    assert isinstance(meta, dict), f"{path}: front matter is a {type(meta).__name__}, not a mapping"
    for key in ("title", "description"):
        assert isinstance(meta.get(key), str) and meta[key].strip(), f"{path}: `{key}` is missing or not text"
    return meta


def test_there_are_pages_to_check():
    assert len(pages(DOCS)) > 300 and len(pages(GOLDEN_DOCS)) > 20
    assert {DOCS / lang / "about/index.md" for lang in ("zh", "en")} <= set(pages(DOCS))


@pytest.mark.parametrize("root", [DOCS, GOLDEN_DOCS], ids=["docs", "golden"])
def test_every_page_has_front_matter_that_yaml_accepts(root):
    for path in pages(root):
        front_matter(path)


def built_page(source: Path) -> Path:
    """docs/zh/units/x.md -> site/units/x/index.html; docs/en/about/index.md -> site/en/about/index.html."""
    lang, *parts = source.relative_to(DOCS).with_suffix("").parts
    if parts[-1] == "index":
        parts = parts[:-1]
    return SITE.joinpath(*([] if lang == "zh" else [lang]), *parts, "index.html")


def test_built_pages_carry_their_front_matter_not_print_it():
    """The description is in <meta name=description>, and the page body does not start with `title:`."""
    for source in pages(DOCS):
        meta, page = front_matter(source), built_page(source)
        built = page.read_text(encoding="utf-8")
        described = re.search(r'<meta name="description" content="([^"]*)">', built)
        assert described and html.unescape(described.group(1)).strip() == meta["description"].strip(), page
        article = built.split('<article', 1)[-1]
        assert not re.search(r">\s*title:\s", article), f"{page}: front matter printed as text"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_long_texts_description_is_its_beginning_cut_at_a_word(lang):
    """The meta description of a page with a long text (the air plan's preamble, task 15's text) is the text's
    beginning, cut at a whole word in English and marked as cut (…), not a word broken off at character 150."""
    data = yaml.safe_load((ROOT / "data/documents/2022-22/air.yml").read_text(encoding="utf-8"))
    task = next(t for c in data["categories"] for t in c["tasks"] if t["number"] == 15)
    prefix = "" if lang == "zh" else "en/"
    for page, text in (("2022-22/air", data["preamble"][lang]), ("2022-22/air/15", task["text"][lang])):
        built = (SITE / prefix / page / "index.html").read_text(encoding="utf-8")
        description = html.unescape(re.search(r'<meta name="description" content="([^"]*)"', built).group(1))
        if len(text) <= 150:
            assert description == text, page
            continue
        assert description.endswith("…") and text.startswith(description[:-1]), (page, description)
        assert len(description) <= 151
        if lang == "en":
            assert text[len(description) - 1] == " " or not text[len(description) - 1].isalnum(), description
