"""Translation: every Chinese field has English, glossary terms are translated by their one English term, and the
built English pages link each term with that term."""
from __future__ import annotations

import re

import pytest

from generator.deadlines import parse_deadline
from site_helpers import (HAN, built_site, collapse, data_files, document, glossary, is_editorial,  # noqa: F401
                          raw_items, resolve, units, walk_strings, walk_texts)

LATIN_WORD = re.compile(r"[A-Za-z]{2}")
# Chinese strings without an {zh, en} pair, and where their English comes from instead.
BARE_CHINESE = {
    "responsible": "the English names of the units in units.yml",
    "deadline": "generator.deadlines (the English of the deadline words)",
    "milestones": "generator.deadlines (the English of the deadline words)",
    "aliases": "the English name of the unit",
    "number": "none: the document number 陵政办发〔2022〕22号 is an identifier, cited as printed",
}


def where(file: str, path: tuple) -> str:
    return f"{file}:{'.'.join(map(str, path))}"


def english_problem(zh: str, en, editorial: bool) -> str | None:
    if not isinstance(en, str) or not en.strip():
        return "no English"
    if HAN.search(zh) and not LATIN_WORD.search(en):
        return f"not English: {en[:40]!r}"
    if HAN.search(en) and not editorial:
        return f"Chinese characters in official English: {HAN.search(en).group()!r} in {en[:60]!r}"
    return None


def test_every_chinese_pair_has_english():
    problems = []
    for file, tree in data_files().items():
        for path, pair in walk_texts(tree):
            problem = english_problem(pair["zh"], pair.get("en"), is_editorial(path))
            if problem:
                problems.append(f"{where(file, path)}: {problem}")
    assert not problems, "\n".join(problems)


def test_every_bare_chinese_field_is_one_whose_english_comes_from_elsewhere():
    keys = set()
    for file, tree in data_files().items():
        for path, value in walk_strings(tree):
            key = [part for part in path if isinstance(part, str)][-1]
            if HAN.search(value) and key not in ("zh", "en") and not is_editorial(path):
                keys.add(key)
    assert keys <= set(BARE_CHINESE), f"Chinese fields without an English twin: {sorted(keys - set(BARE_CHINESE))}"


def test_every_unit_has_an_english_name():
    problems = [f"units.yml: {unit['id']}: {english_problem(unit['name']['zh'], unit['name'].get('en'), False)}"
                for unit in units() if english_problem(unit["name"]["zh"], unit["name"].get("en"), False)]
    assert not problems, "\n".join(problems)


def test_every_deadline_has_english_words():
    year = int(document()["id"][:4])
    problems = []
    for item in raw_items():
        for words in item.deadline_words:
            problem = english_problem(words, parse_deadline(words, year).en, False)
            if problem:
                problems.append(f"{item.path}: {words}: {problem}")
    assert not problems, "\n".join(problems)


def test_glossary_terms_are_translated_by_their_english_term():
    """Wherever an official Chinese field contains a term's zh, its English twin contains the term's en."""
    problems = []
    for file, tree in data_files().items():
        for path, pair in walk_texts(tree):
            if is_editorial(path):
                continue
            for term in glossary():
                if term["zh"] in pair["zh"] and term["en"].lower() not in pair["en"].lower():
                    problems.append(f"{where(file, path)}: term {term['zh']} -> '{term['en']}' missing from "
                                    f"{pair['en'][:80]!r}…")
    assert not problems, f"{len(problems)} untranslated terms:\n" + "\n".join(problems)


def term_links(built_site, lang: str):
    """(page, link, term id) for every glossary link in the content of the pages of `lang`, except on the glossary
    page itself: links with class 'term' and links to <glossary>/#<term id>."""
    glossary_page = ("en/" if lang == "en" else "") + "glossary/index.html"
    for path, page in built_site.items():
        if path.startswith("en/") != (lang == "en") or path == glossary_page:
            continue
        for link in page.article_links():
            target = resolve(path, link.url)
            if "term" in link.classes or (target.path == glossary_page and target.fragment):
                yield page, link, target


def reads_term(text: str, term: str) -> bool:
    """The link text is the term, in any case, or its plural / possessive (coal-ban zones, ecological flows)."""
    return re.fullmatch(re.escape(term) + r"(?:e?s|'s)?", text, re.IGNORECASE) is not None


@pytest.mark.parametrize("text, term, expected", [
    ("Contaminated plots", "contaminated plot", True), ("两高", "两高", True),
    ("plots", "contaminated plot", False), ("contaminated plot area", "contaminated plot", False),
])
def test_reads_term(text, term, expected):
    assert reads_term(text, term) is expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_built_term_links_read_the_glossary_term(built_site, lang):
    terms = {term["id"]: term[lang] for term in glossary()}
    glossary_page = ("en/" if lang == "en" else "") + "glossary/index.html"
    problems, count = [], 0
    for page, link, target in term_links(built_site, lang):
        count += 1
        if target.path != glossary_page or target.fragment not in terms:
            problems.append(f"{page.path}: term link '{link.url}' does not point to a term of {glossary_page}")
        elif not reads_term(collapse(link.text), terms[target.fragment]):
            problems.append(f"{page.path}: link to #{target.fragment} reads '{collapse(link.text)}', "
                            f"not '{terms[target.fragment]}'")
    assert count > 0, f"no glossary term links on the {lang} pages"
    assert not problems, f"{len(problems)} term links:\n" + "\n".join(problems)
