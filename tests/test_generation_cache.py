"""Generation that skips unchanged work: QR codes are kept between builds in generated/qr-cache.json (beside docs/,
never published; generator/citation.py). A build from the cache writes exactly the pages a build without it writes,
encodes no code whose permalink is unchanged, encodes again what changed, and survives a damaged cache file."""
from __future__ import annotations

import os
from unittest import mock

import pytest

from mini_fixture import MINI_DATA, build_into, tree_bytes
from generator import citation


def forget_codes_in_memory() -> None:
    """The process keeps codes too (the preview builds again and again): forget them, so only the file can help."""
    citation._CACHE.svg.clear()
    citation._qr_code.cache_clear()


@pytest.fixture
def first_build(tmp_path):
    forget_codes_in_memory()
    build_into(MINI_DATA, tmp_path / "first")
    return tmp_path / "first"


def test_a_build_from_the_cache_encodes_nothing_and_writes_the_same_pages(first_build, tmp_path):
    cache = first_build / "generated" / "qr-cache.json"
    assert cache.is_file() and cache.stat().st_size > 1000
    second = tmp_path / "second"
    (second / "generated").mkdir(parents=True)
    (second / "generated" / "qr-cache.json").write_bytes(cache.read_bytes())
    forget_codes_in_memory()
    with mock.patch("segno.make", side_effect=AssertionError("a cached QR code was encoded again")):
        build_into(MINI_DATA, second)
    assert tree_bytes(second / "docs") == tree_bytes(first_build / "docs")
    assert (second / "generated" / "qr-cache.json").read_bytes() == cache.read_bytes()


def test_a_new_origin_is_encoded_again_and_old_codes_leave_the_cache(first_build):
    cache = first_build / "generated" / "qr-cache.json"
    old = cache.read_text(encoding="utf-8")
    forget_codes_in_memory()
    from generator.build import build_pages
    from generator.validate import load_corpus
    with mock.patch.dict(os.environ, {"SITE_URL": "https://moved.example.net/plans/"}):
        build_pages(load_corpus(MINI_DATA), first_build / "docs", MINI_DATA)
    new = cache.read_text(encoding="utf-8")
    assert "lingchuan-plans.example.org" in old and "lingchuan-plans.example.org" not in new
    assert "https://moved.example.net/plans/" in new
    svg = next((first_build / "docs" / "zh" / "cite" / "qr").rglob("qr.svg")).read_text(encoding="utf-8")
    assert "https://moved.example.net/plans/" in svg  # the file's <title> names the new permalink


def test_a_damaged_cache_is_rebuilt_not_an_error(first_build, tmp_path):
    second = tmp_path / "second"
    (second / "generated").mkdir(parents=True)
    (second / "generated" / "qr-cache.json").write_text('{"truncated": ', encoding="utf-8")
    forget_codes_in_memory()
    build_into(MINI_DATA, second)
    assert tree_bytes(second / "docs") == tree_bytes(first_build / "docs")
    assert (second / "generated" / "qr-cache.json").read_bytes() == \
        (first_build / "generated" / "qr-cache.json").read_bytes()
