"""Property tests (hypothesis): deadline wording round-trips for any valid date and fails only with
DeadlineError otherwise; ids follow their rule; any text escaped by markdown_text renders back to itself
through Python-Markdown with the site's extensions."""
from __future__ import annotations

import calendar
import html
import os
import re
import string
from datetime import date, timedelta

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from mini_fixture import ROOT
from generator.deadlines import DeadlineError, parse_deadline
from generator.schedule import Context, schedule
from generator.markdown_text import escape_cell, escape_markdown
from generator.models import AsciiId

# Deterministic and writes no .hypothesis/ folder into the shared checkout; no per-example deadline (no timing).
# HYPOTHESIS_PROFILE=explore searches far longer with fresh random examples, for hunting new bugs by hand.
settings.register_profile("generator", derandomize=True, database=None, deadline=None, max_examples=150,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", parent=settings.get_profile("generator"), derandomize=False,
                          max_examples=5000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "generator"))

YEARS = st.integers(min_value=1000, max_value=9999)
MONTHS = st.integers(min_value=1, max_value=12)
CONTEXT = Context(date(2022, 6, 14), 2022)


# --- deadlines -----------------------------------------------------------------------------------------------------

@given(YEARS, MONTHS, st.sampled_from(["", "前"]))
def test_end_of_month_round_trips(year, month, before):
    deadline = parse_deadline(f"{year}年{month}月底{before}", 2022)
    assert (deadline.kind, deadline.end) == ("due", f"{year:04d}-{month:02d}")
    assert schedule(deadline, CONTEXT).last == date(year, month, calendar.monthrange(year, month)[1])


@given(MONTHS, st.integers(min_value=1000, max_value=9998))
def test_end_of_month_without_year_takes_the_context_year(month, context_year):
    assert parse_deadline(f"{month}月底前", context_year).end == f"{context_year:04d}-{month:02d}"


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_day_round_trips(day):
    words = f"{day.year}年{day.month}月{day.day}日前"
    deadline = parse_deadline(words, 2022)
    assert (deadline.kind, deadline.end, schedule(deadline, CONTEXT).last) == ("due", day.isoformat(), day)
    start = parse_deadline(f"自{day.year}年{day.month}月{day.day}日起", 2022)
    assert (start.kind, start.start) == ("from", day.isoformat())


@given(YEARS, MONTHS, MONTHS)
def test_window_round_trips_or_is_rejected_when_backwards(year, first, last):
    words = f"{year}年{first}-{last}月份"
    if first > last:
        with pytest.raises(DeadlineError):
            parse_deadline(words, 2022)
    else:
        deadline = parse_deadline(words, 2022)
        assert (deadline.start, deadline.end) == (f"{year:04d}-{first:02d}", f"{year:04d}-{last:02d}")
        assert len(schedule(deadline, CONTEXT).months) == last - first + 1


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9998, 12, 31)))
def test_recurrences_are_listed_from_the_issue_month_to_year_end(issued):
    """Whatever the issue date, 每月一次 is listed in every month from the issue month to December, 每季度 in those
    of them that end a calendar quarter, each on the month's last day, and never before the notice."""
    context = Context(issued, issued.year)
    every = [f"{issued.year:04d}-{m:02d}" for m in range(issued.month, 13)]
    monthly = schedule(parse_deadline("每月一次", issued.year), context)
    quarterly = schedule(parse_deadline("每季度", issued.year), context)
    assert [m.month for m in monthly.months] == every
    assert [m.month for m in quarterly.months] == [m for m in every if m[5:] in ("03", "06", "09", "12")]
    for s in (monthly, quarterly):
        assert all(day >= issued for day in s.days)
        assert [f"{day:%Y-%m}" for day in s.days] == [m.month for m in s.months]
        assert all(day.month != (day + timedelta(days=1)).month for day in s.days)


@st.composite
def impossible_days(draw) -> tuple[int, int, int]:
    year, month = draw(YEARS), draw(MONTHS)
    day = draw(st.integers(min_value=calendar.monthrange(year, month)[1] + 1, max_value=99) | st.just(0))
    return year, month, day


@given(impossible_days())
def test_impossible_day_raises_deadline_error(ymd):
    year, month, day = ymd
    with pytest.raises(DeadlineError):
        parse_deadline(f"{year}年{month}月{day}日前", 2022)


@given(YEARS, st.integers(min_value=13, max_value=99) | st.just(0))
def test_impossible_month_raises_deadline_error(year, month):
    with pytest.raises(DeadlineError):
        parse_deadline(f"{year}年{month}月底前", 2022)


# Near misses: the characters the deadline forms are made of, so generated strings often almost match.
DEADLINE_ALPHABET = "0123456789年月日底前起自份每一次长期坚持秋冬季度供暖-—~至 "


@given(st.text(alphabet=DEADLINE_ALPHABET, max_size=14) | st.text(max_size=20),
       st.integers(min_value=1000, max_value=9998))
def test_garbage_raises_only_deadline_error_and_what_parses_is_usable(words, context_year):
    try:
        deadline = parse_deadline(words, context_year)
    except DeadlineError:
        return
    # a parsed deadline must work everywhere the site uses it
    assert deadline.words == words
    s = schedule(deadline, Context(date(context_year, 6, 14), context_year))
    for lang in ("zh", "en"):
        assert s.meaning[lang]
    s.sort_key()
    assert [m.month for m in s.months] == sorted(m.month for m in s.months)


# --- ids ---------------------------------------------------------------------------------------------------------

ID_ADAPTER = TypeAdapter(AsciiId)


def is_valid_id(text: str) -> bool:
    """The rule, stated independently of the regex: lowercase ASCII letters and digits in hyphen-joined runs."""
    allowed = set(string.ascii_lowercase + string.digits)
    return all(part and set(part) <= allowed for part in text.split("-"))


@given(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True))
def test_well_formed_ids_are_accepted(text):
    assert ID_ADAPTER.validate_python(text) == text


@given(st.text(alphabet="abz09-_A. /\n", max_size=12) | st.text(max_size=12))
def test_ids_accepted_exactly_when_the_rule_allows(text):
    try:
        ID_ADAPTER.validate_python(text)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted == is_valid_id(text)


# --- escaping ------------------------------------------------------------------------------------------------------

def site_markdown() -> markdown.Markdown:
    """Python-Markdown configured with mkdocs.yml's markdown_extensions (the site's parser, minus MkDocs)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends: not needed here
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            configs[name] = options
    return markdown.Markdown(extensions=names, extension_configs=configs)


MD = site_markdown()
TAG = re.compile(r"<[^>]*>")


def rendered_text(markdown_source: str) -> str:
    MD.reset()
    return html.unescape(TAG.sub(" ", MD.convert(markdown_source)))


def words(text: str) -> str:
    """Text as a reader sees it in HTML: runs of whitespace are one space."""
    return " ".join(text.split())


# Markdown's, HTML's and Jinja's special characters, list and heading markers, and line breaks, mixed with any
# printable character. Control characters are left out: HTML cannot show them (Python-Markdown even uses \x02 and
# \x03 internally), so "renders back to itself" does not apply to them.
MARKUP_ALPHABET = "\\`*_{}[]()#+-.!|<>&;:\"'=~?^$@%/ \n\t\r1aZ中文"
PRINTABLE = st.characters(exclude_categories=("Cc", "Cs"))
TEXT = st.text(alphabet=MARKUP_ALPHABET, max_size=40) | st.text(alphabet=PRINTABLE, max_size=40)


@given(TEXT)
def test_escaped_text_renders_back_to_itself(text):
    assert words(rendered_text(escape_markdown(text))) == words(text)


@given(TEXT)
def test_escaped_cell_renders_back_to_itself_inside_a_table(text):
    table = f"| head |\n|---|\n| {escape_cell(text)} |\n"
    rendered = MD.reset().convert(table)
    cell = re.search(r"<td>(.*?)</td>", rendered, re.S)
    assert cell, rendered
    assert words(html.unescape(TAG.sub(" ", cell.group(1)))) == words(text)


@pytest.mark.parametrize("text", ["<script>alert(1)</script>", "{{ x }} {% if %}", "*a* [x](y) a|b", "1. one",
                                  "- item", "# heading", "> quote", "!!! note", "??? note", "    code", "a\n\nb",
                                  "a\n---", "a\r\r1. b", "&amp; &lt;", "\\*"])
def test_known_markup_renders_back_to_itself(text):
    """Named examples of the property above, so a regression names the construct that leaked."""
    assert words(rendered_text(escape_markdown(text))) == words(text)
