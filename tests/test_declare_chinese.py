"""postbuild/declare_chinese.py: Chinese runs on non-Chinese pages get lang="zh-Hans"; nothing else changes."""
from __future__ import annotations

from postbuild import declare_chinese as declare


def page(body: str, lang: str = "en") -> str:
    return f'<!doctype html>\n<html lang="{lang}" class="no-js"><head><title>T 陵川</title></head><body>{body}</body></html>'


def test_wraps_runs_with_their_digits_and_punctuation():
    out = declare.declare_chinese(page("<p>Notice 陵政办发〔2022〕22号 of 2022, due 2022年8月底前 (end of August).</p>"))
    assert '<p>Notice <span lang="zh-Hans">陵政办发〔2022〕22号</span> of 2022, due ' in out
    assert '<span lang="zh-Hans">2022年8月底前</span> (end of August).</p>' in out


def test_english_between_two_terms_stays_english():
    out = declare.declare_chinese(page("<p>refers to “九大任务” (nine major tasks) and 三水统筹</p>"))
    assert out.count('lang="zh-Hans"') == 2 and "“<span lang=\"zh-Hans\">九大任务</span>” (nine major tasks)" in out


def test_declared_passages_raw_text_and_chinese_pages_are_left_alone():
    body = ('<div lang="zh-Hans"><p>县住建局<b>、县财政局</b></p></div><script>var s = "中文 <b>";</script>'
            '<textarea>中文</textarea><a title="中文" href="/x/">x</a><br><img alt="图">')
    assert declare.declare_chinese(page(body)) == page(body)
    zh = page("<p>县住建局</p>", lang="zh")
    assert declare.declare_chinese(zh) == zh


def test_svg_text_gets_tspan_and_tooltips_are_untouched():
    body = '<svg viewBox="0 0 1 1"><linearGradient id="g"></linearGradient><title>Row 1 (8月底)</title><text>8月底</text></svg>'
    out = declare.declare_chinese(page(body))
    assert '<text><tspan lang="zh-Hans">8月底</tspan></text>' in out
    assert "<title>Row 1 (8月底)</title>" in out and "</linearGradient>" in out


def test_markup_is_preserved_byte_for_byte_apart_from_the_wrappers():
    body = '<p class="a">A &amp; B &#169; <a href="?q=1&amp;h=2">县住建局</a><!-- note 注 --></p><br/>'
    out = declare.declare_chinese(page(body))
    assert out.replace('<span lang="zh-Hans">', "").replace("</span>", "") == page(body)
    assert '<a href="?q=1&amp;h=2"><span lang="zh-Hans">县住建局</span></a>' in out and "<!-- note 注 -->" in out
