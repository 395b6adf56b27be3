"""Fidelity by position (generator/fidelity.py check_positions), on the real data: every item's Chinese is the
source's text for that item. Each task text and ledger measure of more than one sentence is cut by its last or
its first sentence (what remains is still somewhere in the source), and neighbouring items' texts are swapped;
every such edit must be reported at the edited item's place, and the real data must pass."""
from __future__ import annotations

import copy
import re
from functools import cache

import pytest

from mini_fixture import ROOT
from generator import models
from generator.fidelity import check_positions, plan_items, read_source
from generator.load import dotted
from generator.problems import Problems
from generator.validate import load_corpus

SENTENCE = re.compile(r"[^。；]+[。；]")


@cache
def corpus():
    return load_corpus(ROOT / "data")


@cache
def source():
    return read_source(ROOT / "data" / "source" / "lingchuan-2022-22-notice.txt", Problems())


def plan_files():
    return [plan_file for bundle in corpus().documents for plan_file in bundle.plans]


def positions_after(plan_file, changes: dict[tuple, str]) -> list:
    data = copy.deepcopy(plan_file.file.data)
    for loc, value in changes.items():
        node = data
        for key in loc[:-1]:
            node = node[key]
        node[loc[-1]] = value
    problems = Problems()
    check_positions(models.Plan.model_validate(data), plan_file.file, source(), problems)
    return problems.items


def measures(plan_file):
    """(kind, number, loc, text) of each item's main passage: a task's text, a ledger row's measure."""
    for kind, number, fields in plan_items(plan_file.plan):
        loc, text = fields[1] if kind == "task" else fields[0]
        yield kind, number, loc, text


def test_the_real_data_is_at_its_places():
    for plan_file in plan_files():
        assert positions_after(plan_file, {}) == []


@pytest.mark.parametrize("end", ["last", "first"])
def test_a_text_cut_by_a_sentence_is_reported_at_its_item(end):
    tried = 0
    for plan_file in plan_files():
        for kind, number, loc, text in measures(plan_file):
            sentences = SENTENCE.findall(text)
            if len(sentences) < 2 or "".join(sentences) != text:
                continue
            cut = "".join(sentences[:-1] if end == "last" else sentences[1:])
            assert source().contains(cut)  # so only the position can tell
            found = positions_after(plan_file, {loc: cut})
            tried += 1
            item = loc[:-2] if loc[-1] == "zh" else loc[:-1]
            assert found and all(problem.field.startswith(dotted(item)) for problem in found), found
    assert tried > 40


def test_neighbouring_texts_swapped_are_reported():
    tried = 0
    for plan_file in plan_files():
        items = list(measures(plan_file))
        for (kind, number, loc, text), (kind2, _, loc2, text2) in zip(items, items[1:]):
            if kind != kind2 or text == text2:
                continue
            found = positions_after(plan_file, {loc: text2, loc2: text})
            tried += 1
            assert {problem.code for problem in found} & {"out-of-place", "text-cut"}, (plan_file.plan.id, number)
            items = {dotted(place[:-2] if place[-1] == "zh" else place[:-1]) for place in (loc, loc2)}
            assert any(problem.field.startswith(tuple(items)) for problem in found), found
    assert tried > 100

