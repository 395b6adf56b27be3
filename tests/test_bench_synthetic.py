"""The benchmark's synthetic data (bench/synthetic.py) is valid data with N times the items of the real data."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.index import build_index  # noqa: E402
from generator.validate import load_corpus  # noqa: E402


def _synthetic():
    spec = importlib.util.spec_from_file_location("bench_synthetic", ROOT / "bench" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_synthetic_2x_validates_and_doubles_the_items(tmp_path):
    real = build_index(load_corpus(ROOT / "data"))
    data = _synthetic().make_synthetic(ROOT / "data", tmp_path / "data", 2)
    corpus = load_corpus(data)  # raises DataError on any problem, fidelity to the source included
    index = build_index(corpus)
    assert len(corpus.documents) == 2 * len(real.corpus.documents)
    assert sum(len(b.plans) for b in corpus.documents) == 2 * sum(len(b.plans) for b in real.corpus.documents)
    assert len(index.items) == 2 * len(real.items)
    assert len(set(index.items_by_id)) == len(index.items)  # clones have ids of their own
    for kind in ("task", "ledger"):
        assert sum(i.kind == kind for i in index.items) == 2 * sum(i.kind == kind for i in real.items)


def test_synthetic_1x_is_the_real_data(tmp_path):
    data = _synthetic().make_synthetic(ROOT / "data", tmp_path / "data", 1)
    real = sorted(p.relative_to(ROOT / "data") for p in (ROOT / "data").rglob("*") if p.is_file())
    copy = sorted(p.relative_to(data) for p in data.rglob("*") if p.is_file())
    assert copy == real
    assert all((data / p).read_bytes() == (ROOT / "data" / p).read_bytes() for p in real)
