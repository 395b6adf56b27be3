"""generator/schedule.py, table-driven: for every deadline form, in the context of notice 2022-22 (issued
2022-06-14, plan year 2022), the days it falls on, the months it is listed under and in which role, its event and
recurrence, whether it precedes the notice and what is assumed. Expected values are written out by hand."""
from __future__ import annotations

from datetime import date

import pytest

from generator import deadlines, schedule as schedule_module
from generator.deadlines import Deadline, parse_deadline
from generator.schedule import Context, MonthRole, schedule

CTX = Context(issued=date(2022, 6, 14), year=2022)
D = date


def sched(words: str, ctx: Context = CTX):
    return schedule(parse_deadline(words, ctx.year), ctx)


def roles(words: str, ctx: Context = CTX) -> list[tuple[str, str]]:
    return [(m.month, m.role) for m in sched(words, ctx).months]


# words: (first, last, days, event, rrule, before_issue, started_before, mark)
TABLE = {
    "2022年8月底前": (None, D(2022, 8, 31), (D(2022, 8, 31),), (D(2022, 8, 31), D(2022, 9, 1)), None, False, False, "point"),
    "4月底前": (None, D(2022, 4, 30), (D(2022, 4, 30),), (D(2022, 4, 30), D(2022, 5, 1)), None, True, False, "point"),
    "2022年12月15日前": (None, D(2022, 12, 15), (D(2022, 12, 15),), (D(2022, 12, 15), D(2022, 12, 16)), None, False,
                   False, "point"),
    "2022年供暖季前": (None, D(2022, 10, 31), (D(2022, 10, 31),), (D(2022, 10, 31), D(2022, 11, 1)), None, False, False,
                  "point"),
    "5-9月": (D(2022, 5, 1), D(2022, 9, 30), (D(2022, 5, 1), D(2022, 9, 30)), (D(2022, 5, 1), D(2022, 10, 1)), None,
             False, True, "span"),
    "秋冬季": (D(2022, 10, 1), D(2023, 3, 31), (D(2022, 10, 1), D(2023, 3, 31)), (D(2022, 10, 1), D(2023, 4, 1)), None,
            False, False, "span"),
    "自2022年1月1日起": (D(2022, 1, 1), None, (D(2022, 1, 1),), (D(2022, 1, 1), D(2022, 1, 2)), None, False, True, "open"),
    "2022年8月份起": (D(2022, 8, 1), None, (D(2022, 8, 1),), (D(2022, 8, 1), D(2022, 8, 2)), None, False, False, "open"),
    "每年8月底": (None, D(2022, 8, 31), (D(2022, 8, 31),), (D(2022, 8, 31), D(2022, 9, 1)), {"freq": "yearly"}, False,
              False, "ring"),
    "每月一次": (None, None, tuple(D(2022, m, d) for m, d in [(6, 30), (7, 31), (8, 31), (9, 30), (10, 31), (11, 30),
                                                           (12, 31)]),
             (D(2022, 6, 30), D(2022, 7, 1)), {"freq": "monthly", "bymonthday": -1, "until": D(2022, 12, 31)}, False,
             False, "ticks"),
    "每季度": (None, None, (D(2022, 6, 30), D(2022, 9, 30), D(2022, 12, 31)), (D(2022, 6, 30), D(2022, 7, 1)),
            {"freq": "monthly", "interval": 3, "bymonthday": -1, "until": D(2022, 12, 31)}, False, False, "ticks"),
    "长期坚持": (None, None, (), None, None, False, False, "none"),
}


@pytest.mark.parametrize("words", sorted(TABLE))
def test_days_event_and_flags(words):
    s = sched(words)
    assert (s.first, s.last, s.days, s.event, s.rrule, s.before_issue, s.started_before, s.mark) == TABLE[words]
    assert s.dated == (TABLE[words][3] is not None)


@pytest.mark.parametrize("words, expected", [
    ("2022年8月底前", [("2022-08", "due")]),
    ("4月底前", [("2022-04", "due")]),
    ("5-9月", [("2022-05", "window"), ("2022-06", "window"), ("2022-07", "window"), ("2022-08", "window"),
              ("2022-09", "window")]),
    ("秋冬季", [("2022-10", "window"), ("2022-11", "window"), ("2022-12", "window"), ("2023-01", "window"),
             ("2023-02", "window"), ("2023-03", "window")]),
    # a start date with no end: it starts in its month and then covers every month to the end of the year
    ("自2022年1月1日起", [("2022-01", "start")] + [(f"2022-{m:02d}", "window") for m in range(2, 13)]),
    ("2022年8月份起", [("2022-08", "start"), ("2022-09", "window"), ("2022-10", "window"), ("2022-11", "window"),
                   ("2022-12", "window")]),
    ("每年8月底", [("2022-08", "recurring")]),
    ("每月一次", [(f"2022-{m:02d}", "recurring") for m in range(6, 13)]),
    ("每季度", [("2022-06", "recurring"), ("2022-09", "recurring"), ("2022-12", "recurring")]),
    ("长期坚持", []),
])
def test_months_and_roles(words, expected):
    assert roles(words) == expected


def test_a_period_marks_its_first_and_last_month():
    months = sched("5-9月").months
    assert months[0] == MonthRole("2022-05", "window", starts_here=True, ends_here=False)
    assert months[-1] == MonthRole("2022-09", "window", starts_here=False, ends_here=True)
    assert not any(m.starts_here or m.ends_here for m in months[1:-1])


def test_recurrences_list_only_months_from_the_notice_on():
    """Issued mid-quarter or late in the year, a recurrence starts at the notice, never before it."""
    late = Context(issued=date(2022, 11, 2), year=2022)
    assert roles("每季度", late) == [("2022-12", "recurring")]
    assert roles("每月一次", late) == [("2022-11", "recurring"), ("2022-12", "recurring")]
    # a yearly recurrence whose month has passed in the issue year is listed under the next year's
    assert roles("每年3月底") == [("2023-03", "recurring")]
    assert sched("每年3月底").event == (D(2023, 3, 31), D(2023, 4, 1))


@pytest.mark.parametrize("words, zh, en", [
    ("每季度", "2022年6月、9月、12月", "June, September and December 2022"),
    ("每月一次", "2022年6月、7月、8月、9月、10月、11月、12月", "June, July, August, September, October, November and "
                                                    "December 2022"),
])
def test_the_stated_assumption_names_the_months_listed(words, zh, en):
    """The quarterly wording once named March, before the June notice; it now names what the pages list."""
    assumption = sched(words).assumption
    assert zh in assumption["zh"] and en in assumption["en"]
    assert "3月" not in assumption["zh"] and "March" not in assumption["en"]


@pytest.mark.parametrize("words", ["2022年8月底前", "8月底前", "秋冬季", "2022年供暖季前", "每年8月底", "每月一次", "每季度",
                                   "2022年8月份起"])
def test_imprecise_readings_state_their_assumption(words):
    assumption = sched(words).assumption
    assert assumption["zh"] and assumption["en"]


@pytest.mark.parametrize("words", ["2022年12月15日前", "2022年5-9月份", "长期坚持"])
def test_exact_readings_assume_nothing(words):
    assert sched(words).assumption == {}


@pytest.mark.parametrize("words, zh, en", [
    ("2022年8月底前", "截止：2022-08-31", "Due: 2022-08-31"),
    ("2022年5-9月份", "期间：2022-05 至 2022-09", "Period: 2022-05 to 2022-09"),
    ("2022年8月份起", "起始：2022-08", "Starts: 2022-08"),
    ("每年8月底", "每年8月", "Every year in August"),
    ("每月一次", "每月", "Every month"),
    ("每季度", "每季度", "Every quarter"),
    ("长期坚持", "长期，无截止日期", "Ongoing, no end date")])
def test_meaning(words, zh, en):
    assert sched(words).meaning == {"zh": zh, "en": en}


def test_dated_deadlines_sort_before_open_ended_ones():
    words = ["长期坚持", "每月一次", "每季度", "2022年10月底前", "2022年5-9月份", "2022年8月份起", "2022年12月底",
             "2022年12月15日前"]
    ordered = sorted(words, key=lambda w: sched(w).sort_key())
    assert ordered[:5] == ["2022年8月份起", "2022年5-9月份", "2022年10月底前", "2022年12月15日前", "2022年12月底"]
    assert set(ordered[5:]) == {"每月一次", "每季度", "长期坚持"}


def test_a_new_form_is_one_parser_entry_and_one_schedule_rule(monkeypatch):
    """每半年 (every half year), a form the data does not use: one pattern, one rule, and its schedule has the
    months (June and December), days, event and RRULE that every view reads."""
    import re

    def half_yearly(m, words, context_year):
        return Deadline(words, "recurring", "Every half year", frequency="half-yearly", assumption=deadlines.NO_SPAN)

    monkeypatch.setattr(deadlines, "PATTERNS", [(re.compile(r"每半年"), half_yearly), *deadlines.PATTERNS])
    monkeypatch.setitem(schedule_module.RULES, "half-yearly", schedule_module._every_months(
        6, {"zh": "每半年", "en": "Every half year"},
        {"zh": "本站列在{months}。", "en": "Listed in {months}."}))
    s = sched("每半年")
    assert [(m.month, m.role) for m in s.months] == [("2022-06", "recurring"), ("2022-12", "recurring")]
    assert s.days == (D(2022, 6, 30), D(2022, 12, 31))
    assert s.rrule == {"freq": "monthly", "interval": 6, "bymonthday": -1, "until": D(2022, 12, 31)}
    assert s.mark == "ticks" and s.dated
    assert "2022年6月、12月" in s.assumption["zh"] and "June and December 2022" in s.assumption["en"]


def test_a_schedule_is_read_against_its_own_notice_and_carries_that_date():
    """With a second notice, what is said of one item (began before the notice was issued, on which date) is said
    against the item's own notice: the same words read for a notice of 2022-06-14 and of 2022-09-01."""
    early, late = sched("2022年8月份起"), sched("2022年8月份起", Context(issued=date(2022, 9, 1), year=2022))
    assert (early.issued, early.started_before) == (date(2022, 6, 14), False)
    assert (late.issued, late.started_before) == (date(2022, 9, 1), True)


def test_the_site_lists_deadlines_from_the_earliest_notice():
    """SiteIndex.first_issued: where the deadline overview and the timeline start, whatever order the notices
    are in."""
    from pathlib import Path
    from dataclasses import replace
    from generator.index import build_index
    from generator.validate import load_corpus

    index = build_index(load_corpus(Path(__file__).resolve().parent.parent / "data"))
    bundle = index.corpus.documents[0]
    earlier = replace(bundle, document=bundle.document.model_copy(update={"issued": date(2021, 12, 1)}))
    later = replace(bundle, document=bundle.document.model_copy(update={"issued": date(2023, 3, 8)}))
    assert index.first_issued == date(2022, 6, 14)
    for documents in ([later, bundle, earlier], [bundle, earlier]):
        assert replace(index, corpus=replace(index.corpus, documents=documents)).first_issued == date(2021, 12, 1)
