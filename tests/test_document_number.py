"""The document number in the form an English letter can cite (data/STYLE.md: 陵政办发〔2022〕22号 -> Ling Zheng Ban
Fa [2022] No. 22), kept in the data beside the Chinese (`number_en`), checked against it, and shown on English pages
with the official Chinese beside it, marked as Chinese. Chinese pages keep the Chinese number alone."""
from __future__ import annotations

import re

import pytest

from mini_fixture import edit, run_generator
from site_helpers import SITE

DOC = "documents/2022-22/document.yml"
LINE = 17  # number_en is the mini document's last line


@pytest.mark.parametrize("value, message", [
    ("Ling Zheng Ban Fa [2022] No. 23", "names another year or serial number than '陵政办发〔2022〕22号' "
                                         "([2022] No. 22 expected)"),
    ("Ling Zheng Ban Fa [2021] No. 22", "names another year or serial number"),
    ("陵政办发〔2022〕22号", "must match"),
    ("Ling Zheng Ban Fa (2022) 22", "must match"),
])
def test_check_refuses_an_english_number_that_is_not_the_chinese_one(tmp_path, mini_copy, value, message):
    edit(mini_copy, DOC, "number_en: Ling Zheng Ban Fa [2022] No. 22", f"number_en: {value}")
    result = run_generator("check", "--data", str(mini_copy), cwd=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "number_en" in line]
    assert len(lines) == 1 and f"document.yml:{LINE}:" in lines[0] and message in lines[0], result.stderr


def test_english_pages_cite_the_english_number_with_the_chinese_beside_it():
    for page in ("en/2022-22/index.html", "en/2022-22/air/15/index.html", "en/index.html", "en/2022-22/water/index.html"):
        html = (SITE / page).read_text(encoding="utf-8")
        assert re.search(r'Ling Zheng Ban Fa \[2022\] No\. 22 \(<span lang="zh-Hans">陵政办发〔2022〕22号</span>\)', html), page
    html = (SITE / "en/2022-22/air/15/index.html").read_text(encoding="utf-8")
    citation = re.search(r'id="cite-en"[^>]*>(.*?)</span>\s*<button', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", citation).startswith("“Notice of the General Office")
    assert "(Ling Zheng Ban Fa [2022] No. 22, 陵政办发〔2022〕22号, June 14, 2022)" in re.sub(r"<[^>]+>", "", citation)


def test_chinese_pages_keep_the_chinese_number_and_the_chinese_citation_has_the_issue_date():
    for page in ("2022-22/index.html", "2022-22/air/15/index.html", "index.html"):
        html = (SITE / page).read_text(encoding="utf-8")
        assert "陵政办发〔2022〕22号" in html and "Ling Zheng Ban Fa" not in html.split("<article", 1)[1].split("cite-en")[0], page
    html = (SITE / "2022-22/air/15/index.html").read_text(encoding="utf-8")
    assert "（陵政办发〔2022〕22号，2022年6月14日）印发的《陵川县空气质量改善2022年行动计划》" in html
