"""generator/deadlines.py, table-driven: every deadline phrase of the real data (and every form data/README.md
lists) with its expected kind, start, end and English; the table must cover all phrases the data uses."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from mini_fixture import ROOT
from generator.deadlines import DeadlineError, parse_deadline

YEAR = 2022  # the year of notice 2022-22, the context of every phrase without a year

# words: (kind, start, end, English)
TABLE = {
    "长期坚持": ("ongoing", None, None, "Ongoing"),
    "每月一次": ("recurring", None, None, "Once a month"),
    "每季度": ("recurring", None, None, "Every quarter"),
    "每年8月底": ("recurring", "2022-08", None, "End of August every year"),
    "秋冬季": ("season", "2022-10", "2023-03", "Autumn and winter"),
    "2022年供暖季前": ("due", None, "2022-10", "Before the 2022 heating season"),
    "2022年底前": ("due", None, "2022-12", "By the end of 2022"),
    "2022年4月底前": ("due", None, "2022-04", "By the end of April 2022"),
    "2022年5月底前": ("due", None, "2022-05", "By the end of May 2022"),
    "2022年6月底前": ("due", None, "2022-06", "By the end of June 2022"),
    "2022年8月底前": ("due", None, "2022-08", "By the end of August 2022"),
    "2022年9月底前": ("due", None, "2022-09", "By the end of September 2022"),
    "2022年10月底前": ("due", None, "2022-10", "By the end of October 2022"),
    "2022年6月底": ("due", None, "2022-06", "End of June 2022"),
    "2022年8月底": ("due", None, "2022-08", "End of August 2022"),
    "2022年12月底": ("due", None, "2022-12", "End of December 2022"),
    "2025年12月底": ("due", None, "2025-12", "End of December 2025"),
    "4月底前": ("due", None, "2022-04", "By the end of April 2022"),
    "6月底前": ("due", None, "2022-06", "By the end of June 2022"),
    "8月底前": ("due", None, "2022-08", "By the end of August 2022"),
    "10月底前": ("due", None, "2022-10", "By the end of October 2022"),
    "2022年12月15日前": ("due", None, "2022-12-15", "Before December 15, 2022"),
    "2022年5-9月份": ("window", "2022-05", "2022-09", "May–September 2022"),
    "5-9月": ("window", "2022-05", "2022-09", "May–September 2022"),
    "5月—9月": ("window", "2022-05", "2022-09", "May–September 2022"),
    "2022年8月份起": ("from", "2022-08", None, "From August 2022"),
    "自2022年1月1日起": ("from", "2022-01-01", None, "From January 1, 2022"),
}

# Forms data/README.md promises the parser knows (kept in step with that list by test_readme_forms_are_in_table).
README_FORMS = ["长期坚持", "2022年8月底前", "2022年8月底", "8月底前", "2022年底前", "2022年12月15日前", "2022年5-9月份",
                "5-9月", "5月—9月", "每月一次", "每季度", "秋冬季", "2022年供暖季前", "2022年8月份起", "自2022年1月1日起", "每年8月底",
                "2022年12月底", "6月底前", "4月底前", "10月底前"]


def phrases_in_data() -> set[str]:
    """Every ledger `deadline` and task `milestones` entry of the real plans."""
    phrases = set()
    for path in sorted((ROOT / "data/documents").glob("*/*.yml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        for category in plan.get("categories", []):
            for task in category["tasks"]:
                phrases.update(task.get("milestones", []))
        for category in (plan.get("ledger") or {}).get("categories", []):
            phrases.update(row["deadline"] for row in category["rows"])
    return phrases


def test_table_covers_every_phrase_in_the_data():
    phrases = phrases_in_data()
    assert len(phrases) > 10  # the walk found the data
    assert sorted(phrases - TABLE.keys()) == []


def test_readme_forms_are_in_table():
    readme = (ROOT / "data/README.md").read_text(encoding="utf-8")
    for form in README_FORMS:
        assert f"`{form}`" in readme
        assert form in TABLE


@pytest.mark.parametrize("words", sorted(TABLE))
def test_phrase(words: str):
    kind, start, end, english = TABLE[words]
    deadline = parse_deadline(words, YEAR)
    assert (deadline.kind, deadline.start, deadline.end, deadline.en) == (kind, start, end, english)
    assert deadline.words == words


@pytest.mark.parametrize("words", ["8月底前", "5-9月", "5月—9月", "4月底前"])
def test_missing_year_is_taken_from_context_and_said(words: str):
    deadline = parse_deadline(words, 2023)
    assert "2023" in (deadline.end or deadline.start)
    assert "2023" in deadline.assumption["en"] and "2023" in deadline.assumption["zh"]


@pytest.mark.parametrize("words", ["2022年8月底前", "2022年底前", "8月底前", "秋冬季", "2022年供暖季前", "每年8月底",
                                   "每月一次", "每季度"])
def test_imprecise_forms_state_their_assumption(words: str):
    assumption = parse_deadline(words, YEAR).assumption
    assert assumption["zh"] and assumption["en"]


@pytest.mark.parametrize("words", ["2022年12月15日前", "自2022年1月1日起", "2022年8月份起", "2022年5-9月份", "长期坚持"])
def test_exact_forms_assume_nothing(words: str):
    assert parse_deadline(words, YEAR).assumption == {}


def test_frequencies():
    assert [parse_deadline(words, YEAR).frequency for words in ("每月一次", "每季度", "每年8月底", "2022年底前")] == \
        ["monthly", "quarterly", "yearly", None]


def test_form_names_the_schedule_rule():
    assert [parse_deadline(words, YEAR).form for words in ("每月一次", "每季度", "每年8月底", "2022年底前", "秋冬季",
                                                              "5-9月", "2022年8月份起", "长期坚持")] == \
        ["monthly", "quarterly", "yearly", "due", "season", "window", "from", "ongoing"]


@pytest.mark.parametrize("words, message", [
    ("2022年2月30日前", "impossible date 2022-2-30: day is out of range for month"),
    ("自2022年2月29日起", "impossible date 2022-2-29: day is out of range for month"),
    ("2022年13月底前", "month 13 does not exist"),
    ("0月底前", "month 0 does not exist"),
    ("0000年1月底前", "year 0 does not exist"),
    ("0000年底前", "year 0 does not exist"),
    ("2022年9-5月", "window runs backwards (9 to 5)"),
    ("尽快", "unknown deadline form '尽快'"),
    ("2022 年 8 月底前", "unknown deadline form '2022 年 8 月底前'"),  # data holds no spaces (data/README.md)
    ("", "unknown deadline form ''"),
])
def test_rejected(words: str, message: str):
    with pytest.raises(DeadlineError) as raised:
        parse_deadline(words, YEAR)
    assert str(raised.value) == message
