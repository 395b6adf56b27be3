"""The conventions of data/STYLE.md, checked on every passage of the real data/ (official text, editor's notes and
glossary explanations): numbers, 以上/以下/以内/不少于, obligation words, 整治/整改/修复, dates and annexes in
prose, complete glossary explanations.

What each passage must contain is read from its Chinese by this file alone (its own numeral parser and word lists),
never from the generator. A justified departure is recorded on the passage's object as `translation_exceptions`
({zh, en, reason}); an exception excuses a finding only when its `zh` covers the Chinese that raised it and its `en`
occurs in the same passage's English.
"""
from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser

import pytest

from site_helpers import SITE, built_site, data_files, glossary, is_editorial  # noqa: F401

# --- passages and their exceptions -----------------------------------------------------------------------------------


def passages(node, path: tuple = (), exceptions: tuple = ()):
    """(path, zh, en, exceptions in force) for every bilingual pair. The exceptions are those recorded on the pair's
    enclosing objects (the schema check confines each to its own object's passages)."""
    if isinstance(node, dict):
        exceptions = exceptions + tuple(node.get("translation_exceptions") or ())
        if isinstance(node.get("zh"), str) and isinstance(node.get("en"), str) and "reason" not in node:
            yield path, node["zh"], node["en"], exceptions
        for key, value in node.items():
            if key != "translation_exceptions":
                yield from passages(value, path + (key,), exceptions)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from passages(value, path + (index,), exceptions)


def all_passages():
    for file, tree in data_files().items():
        for path, zh, en, exceptions in passages(tree):
            yield f"{file}:{'.'.join(map(str, path))}", path, zh, en, exceptions


def excused(exceptions, zh_words: str, en: str) -> bool:
    """A recorded exception covers these Chinese words (its zh contains them, or they contain its zh) and its English
    occurs in the passage."""
    return any((zh_words in e["zh"] or e["zh"] in zh_words) and e["en"] in en for e in exceptions)


# --- numbers: the Chinese side ----------------------------------------------------------------------------------------

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
POWERS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMBER = "[〇零一二三四五六七八九两十百千万]+"
# Counted things: a Chinese numeral is a number only before one of these (so 统一, 进一步, 三线一单 are not).
CLASSIFIERS = ("个", "类", "项", "次", "家", "座", "条", "处", "台", "辆", "年", "月", "日", "天", "批", "种", "级", "大",
               "轮", "套", "张", "位", "名", "人", "户", "道", "遍", "周", "倍", "阶段", "方面", "侧", "岸", "者", "字",
               "句", "环节", "小时", "公里", "米", "吨")
# Fixed expressions whose numeral is not a count in English (the reason in the comment).
IDIOMS = ("第一时间",  # "immediately"
          "二次污染")  # "secondary pollution"
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
ROMAN = {"Ⅰ": 1, "Ⅱ": 2, "Ⅲ": 3, "Ⅳ": 4, "Ⅴ": 5, "Ⅵ": 6}
ROMAN_WORDS = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


def cn_value(numeral: str) -> int:
    """一 1, 十 10, 十四 14, 二十 20, 两 2, 千 1000, 一百二十 120 (the forms a plan uses)."""
    total, current = 0, 0
    for ch in numeral:
        if ch in DIGITS:
            current = DIGITS[ch]
        else:
            total += (current or 1) * POWERS[ch]
            current = 0
    return total + current


@pytest.mark.parametrize("numeral, value", [("一", 1), ("十", 10), ("十四", 14), ("二十", 20), ("两", 2),
                                            ("千", 1000), ("一百二十", 120), ("九", 9)])
def test_cn_value(numeral, value):
    assert cn_value(numeral) == value


def number_token(text: str) -> str:
    """'1,000' and '1000' alike; '1.50' stays '1.50' (a figure is compared as written)."""
    return text.replace(",", "")


def chinese_numbers(zh: str) -> Counter:
    """What the English must contain: 'num:70', 'month:8' (8月: spelled out), 'time:16' (16时: 4 p.m.)."""
    for idiom in IDIOMS:
        zh = zh.replace(idiom, "　")
    zh = zh.translate(FULL_WIDTH_DIGITS)
    found = Counter()
    for match in re.finditer(r"(?<!\d)(\d{1,2})[:：](\d{2})(?!\d)", zh):  # 10:00 is a time, like 10时
        found[f"time:{int(match.group(1))}"] += 1
        zh = zh[:match.start()] + "　" * len(match.group(0)) + zh[match.end():]
    # 8月 is a month (spelled out in English), 16时 a time (4 p.m.); in 5-9月 and 10—16时 both ends are;
    # 1.5万 is 15,000
    for match in re.finditer(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", zh):
        after = zh[match.end():]
        kind, value = "num", number_token(match.group(0))
        if re.match(r"月|\s*[-—–～~至到]\s*\d+月", after):
            kind = "month"
        elif re.match(r"时|\s*[-—–～~至到]\s*\d+时", after):
            kind = "time"
        elif after.startswith("万"):
            value = number_token(f"{Decimal(value) * 10000:f}".rstrip("0").rstrip("."))
        found[f"{kind}:{value}"] += 1
    for match in re.finditer(f"(?<![\\d.])(第)?({CN_NUMBER})(?=({'|'.join(CLASSIFIERS)}))", zh):  # not 1.5万
        value = cn_value(match.group(2))
        if value != 1 or match.group(1):  # 一 before a classifier is mostly "a"/"once"; ordinals are checked
            found[f"num:{value}"] += 1
    for match in re.finditer(f"百分之({CN_NUMBER})", zh):
        found[f"num:{cn_value(match.group(1))}"] += 1
    for match in re.finditer(r"国([一二三四五六])", zh):  # emission standards: China III
        found[f"num:{cn_value(match.group(1))}"] += 1
    for ch, value in ROMAN.items():
        found[f"num:{value}"] += zh.count(ch)
    return +found


# --- numbers: the English side ----------------------------------------------------------------------------------------

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
ORDINALS = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
MONTHS = ["", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
EXTRA_WORDS = {"once": 1, "single": 1, "twice": 2, "both": 2, "hundred": 100, "thousand": 1000}


def english_numbers(en: str) -> set[str]:
    found = set()
    for match in re.finditer(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?: (thousand|million))?", en):
        value = number_token(match.group(1)).rstrip(",")
        found.add(f"num:{value}")
        if match.group(2):  # 15 thousand, 1.5 million
            scaled = Decimal(value) * (1000 if match.group(2) == "thousand" else 1000000)
            found.add(f"num:{scaled:f}".rstrip("0").rstrip(".") if "." in f"{scaled:f}" else f"num:{scaled:f}")
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", en)}
    for value, word in enumerate(WORDS):
        if word in words:
            found.add(f"num:{value}")
    for value, word in enumerate(ORDINALS):
        if word and word in words:
            found.add(f"num:{value}")
    for word, value in EXTRA_WORDS.items():
        if word in words:
            found.add(f"num:{value}")
    for token in re.findall(r"\b[IVX]+\b", en):
        if token in ROMAN_WORDS:
            found.add(f"num:{ROMAN_WORDS[token]}")
    for value, month in enumerate(MONTHS):
        if month and re.search(rf"\b{month}\b", en):
            found.add(f"month:{value}")
    for match in re.finditer(r"\b(\d{1,2})(?::00)?\s*([ap])\.m\.", en):
        hour = int(match.group(1)) % 12 + (12 if match.group(2) == "p" else 0)
        found.add(f"time:{hour}")
    for match in re.finditer(r"\b(\d{1,2}):00\b", en):
        found.add(f"time:{int(match.group(1))}")
    return found


@pytest.mark.parametrize("zh, en", [
    ("2022年8月底前完成70%以上", "complete 70% or more by the end of August 2022"),
    ("每两月清洗一次", "wash once every two months"),
    ("5-9月份，10时—16时", "May–September, 10 a.m.–4 p.m."),
    ("国三以下", "below China III"),
    ("开展2021年度", "for 2021"),
    ("对违建拆除等五类围挡", "five types of hoarding"),
    ("“六个百分之百”", "the “Six 100 Percents”"),
    ("Ⅲ类", "Class III"),
    ("１０时—１６时", "10 a.m.–4 p.m."),
    ("每日10:00-16:00", "10 a.m.–4 p.m. each day"),
    ("削减1.5万吨", "cut 15,000 tons"),
    ("削减1.5万吨", "cut 15 thousand tons"),
    ("服务10,000人", "serving 10,000 people"),
])
def test_numbers_found_in_good_translations(zh, en):
    assert set(chinese_numbers(zh)) <= english_numbers(en)


@pytest.mark.parametrize("zh, en", [
    ("2022年8月底前", "by the end of July 2022"),
    ("2022年8月底前", "by the end of 08 2022"),  # months are spelled out
    ("70%以上", "most"),
    ("每两月清洗一次", "wash regularly"),
    ("10时—16时", "10 a.m.–6 p.m."),
    ("等五类围挡", "four types of hoarding"),
    ("国三以下", "below China II"),
    ("削减1.5万吨", "cut 1.5 tons"),
    ("每日10:00-16:00", "10 a.m.–5 p.m. each day"),
])
def test_numbers_missed_by_bad_translations(zh, en):
    assert not set(chinese_numbers(zh)) <= english_numbers(en)


def test_every_number_of_a_chinese_passage_appears_in_its_english():
    problems, checked = [], 0
    for where, _, zh, en, exceptions in all_passages():
        expected = chinese_numbers(zh)
        checked += sum(expected.values())
        missing = sorted(set(expected) - english_numbers(en))
        missing = [m for m in missing if not any(m in chinese_numbers(e["zh"]) and e["en"] in en for e in exceptions)]
        if missing:
            problems.append(f"{where}: {', '.join(missing)} not in {en[:100]!r}")
    assert checked > 200, f"only {checked} numbers found: the Chinese parser is broken"
    assert not problems, f"{len(problems)} passages:\n" + "\n".join(problems)


# --- 以上 / 以下 / 以内 / 不少于 -----------------------------------------------------------------------------------------

FIGURE = rf"(?:\d+(?:\.\d+)?|{CN_NUMBER}|国[一二三四五六])"
# the figure, then at most a unit (微克/立方米, 蒸吨/小时, %, 座, 人, 级…) before the word
INCLUSIVE = re.compile(rf"({FIGURE})([^\d，。；、：（）“”\s]{{0,8}}?)(及)?(以上|以下|以内)")
AT_LEAST = re.compile(rf"(不少于)({FIGURE})")
RENDERINGS = {
    "以上": r"or more|or above|or higher|or over|at least|no less than|no fewer than|and above|and more",
    "以下": r"or less|or below|or lower|or fewer|at most|no more than|and below|up to",
    "以内": r"within|no more than|or less|at most|up to",
    "不少于": r"at least|no fewer than|no less than|or more",
}
WINDOW = 60  # characters of English around the figure in which the rendering must occur


def figure_spellings(figure: str) -> list[str]:
    if figure.startswith("国"):
        value = cn_value(figure[1])
        return [f"China {[k for k, v in ROMAN_WORDS.items() if v == value][0]}"] if value > 1 else ["China I"]
    value = figure if figure[0].isdigit() else str(cn_value(figure))
    spellings = [value, f"{int(float(value)):,}"] if "." not in value else [value]
    if value.isdigit() and int(value) < len(WORDS):
        spellings.append(WORDS[int(value)])
    if value.isdigit() and int(value) in ROMAN_WORDS.values():
        spellings += [k for k, v in ROMAN_WORDS.items() if v == int(value)]
    if value == "1000":
        spellings.append("thousand")
    return spellings


def range_findings(zh: str, en: str) -> list[tuple[str, str]]:
    """(Chinese words, problem) for every 以上/以下/以内/不少于 after (or before) a figure not rendered inclusively
    near that figure in the English."""
    findings = []
    hits = [(m.group(0), m.group(1), m.group(4)) for m in INCLUSIVE.finditer(zh)]
    hits += [(m.group(0), m.group(2), m.group(1)) for m in AT_LEAST.finditer(zh)]
    for words, figure, word in hits:
        rendering = re.compile(RENDERINGS[word], re.IGNORECASE)
        places = [m.start() for s in figure_spellings(figure)
                  for m in re.finditer(rf"(?<![\w.]){re.escape(s)}(?![\d])", en)]
        if not places:
            findings.append((words, f"figure {figure} not found in the English"))
        elif not any(rendering.search(en[max(0, p - WINDOW):p + WINDOW]) for p in places):
            findings.append((words, f"not rendered inclusively ({RENDERINGS[word].replace('|', ' / ')}) near "
                                    f"{figure}"))
    return findings


@pytest.mark.parametrize("zh, en, ok", [
    ("100座以上餐饮单位", "restaurants with 100 seats or more", True),
    ("100座以上餐饮单位", "restaurants with more than 100 seats", False),
    ("力争降到14微克/立方米以下", "strive to bring it down to 14 μg/m³ or below", True),
    ("力争降到14微克/立方米以下", "strive to bring it below 14 μg/m³", False),
    ("二级及以上医疗机构", "medical institutions of Grade II or higher", True),
    ("原则上不少于1个", "in principle at least 1", True),
    ("原则上不少于1个", "in principle one", False),
    ("国三以下排放标准", "below China III emission standards", False),  # passes only with a recorded exception
])
def test_range_findings(zh, en, ok):
    assert (not range_findings(zh, en)) is ok


def test_every_inclusive_range_word_follows_the_convention_or_is_a_recorded_exception():
    problems, checked = [], 0
    for where, _, zh, en, exceptions in all_passages():
        for words, problem in range_findings(zh, en):
            checked += 1
            if not excused(exceptions, words, en):
                problems.append(f"{where}: {words}: {problem}: {en[:120]!r}")
    assert not problems, f"{len(problems)} passages (STYLE.md, 以上 / 以下):\n" + "\n".join(problems)


def test_the_range_check_sees_the_data():
    count = sum(len(INCLUSIVE.findall(zh)) + len(AT_LEAST.findall(zh)) for _, _, zh, _, _ in all_passages())
    assert count >= 10, f"only {count} 以上/以下/以内/不少于 after a figure found: the pattern is broken"


# --- obligation words, 整治 / 整改 / 修复 -----------------------------------------------------------------------------

# Chinese word -> the English it must be rendered by (counted: n occurrences need n renderings).
# Obligation words are checked in the official text; an editor's note or explanation describes, it does not order.
OBLIGATIONS = {
    "必须": r"\bmust\b",
    "严禁": r"\bstrictly prohibit(?:s|ed|ing)?\b",
    "鼓励": r"\bencourag(?:e|es|ed|ing|ement)\b",
    "力争": r"\bstriv(?:e|es|ing)\b",
    "不得": r"\bshall not\b",
}
# One term for one thing everywhere, notes and explanations included.
CLEAN_UP_WORDS = {
    "整治": r"\bclean(?:s|ed|ing)?[ -]ups?\b",
    "整改": r"\brectif(?:y|ies|ied|ying|ication|ications)\b",
    "修复": r"\bremedia(?:te|tes|ted|ting|tion)\b|\brestor(?:e|es|ed|ing|ation)\b",
}
# 附件 is “Annex” (STYLE.md, document numbers and annexes)
CLEAN_UP_WORDS["附件"] = r"\bAnnex(?:es)?\b"
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{2,}[〔\[［(（](\d{4})[〕\]］)）](\d+)号")


def document_number_findings(zh: str, en: str) -> list[tuple[str, str]]:
    """陵政办发〔2022〕22号 → “Ling Zheng Ban Fa [2022] No. 22”: the English has “[year] No. n” for each number."""
    return [(m.group(0), f"{m.group(0)} not rendered “… [{m.group(1)}] No. {m.group(2)}”")
            for m in DOCUMENT_NUMBER.finditer(zh) if f"[{m.group(1)}] No. {m.group(2)}" not in en]


@pytest.mark.parametrize("zh, en, ok", [
    ("（晋市环发〔2022〕40号）", "(Jin Shi Huan Fa [2022] No. 40)", True),
    ("（晋市环发〔2022〕40号）", "(Jin Shi Huan Fa 2022 No. 40)", False),
    ("（晋市环发〔2022〕40号）", "(No. 40 of 2022)", False),
])
def test_document_number_findings(zh, en, ok):
    assert (not document_number_findings(zh, en)) is ok


def test_document_numbers_are_rendered_per_style():
    seen = sum(len(DOCUMENT_NUMBER.findall(zh)) for _, _, zh, _, _ in all_passages())
    assert seen >= 2, "the soil plan cites 晋市环发〔2022〕40号 and 晋市环函〔2022〕42号: the pattern is broken"
    problems = [f"{where}: {problem}" for where, path, zh, en, exceptions in all_passages()
                for words, problem in document_number_findings(zh, en) if not excused(exceptions, words, en)]
    assert not problems, f"{len(problems)} passages:\n" + "\n".join(problems)


# Chinese words that contain a key above but are another word
NOT_THE_WORD = {"不得": ("不得不",)}


def rendering_findings(zh: str, en: str, words: dict[str, str], exceptions=()) -> list[tuple[str, str]]:
    """Each occurrence of a word needs its rendering, unless a recorded exception covers that occurrence."""
    findings = []
    for word, pattern in words.items():
        count = zh.count(word) - sum(zh.count(other) for other in NOT_THE_WORD.get(word, ()))
        count -= sum(e["zh"].count(word) for e in exceptions if word in e["zh"] and e["en"] in en)
        rendered = len(re.findall(pattern, en, re.IGNORECASE))
        if count > rendered:
            findings.append((word, f"{word} ×{count} but /{pattern}/ ×{rendered}"))
    return findings


def obligation_findings(zh: str, en: str, exceptions=()) -> list[tuple[str, str]]:
    findings = rendering_findings(zh, en, OBLIGATIONS | CLEAN_UP_WORDS, exceptions)
    if re.search(r"\bshould\b", en, re.IGNORECASE):
        findings.append(("should", "“should” (要/应 are “shall”; STYLE.md)"))
    return findings


@pytest.mark.parametrize("zh, en, ok", [
    ("必须安装视频监控", "must be fitted with video surveillance", True),
    ("必须安装视频监控", "shall be fitted with video surveillance", False),
    ("严禁集中煤改气擅自恢复燃煤取暖", "strictly prohibit reverting to coal heating", True),
    ("严禁集中煤改气擅自恢复燃煤取暖", "prevent reverting to coal heating", False),
    ("开展围挡专项整治行动", "launch a special clean-up campaign on hoardings", True),
    ("开展围挡专项整治行动", "launch a special campaign on hoardings", False),
    ("要向县城周边村庄辐射", "which should extend to the villages", False),
    ("要向县城周边村庄辐射", "which shall extend to the villages", True),
    ("鼓励钢铁行业", "encourage the steel industry", True),
    ("力争达到", "aim to reach", False),
    ("不得使用", "may not be used", False),
])
def test_obligation_findings(zh, en, ok):
    assert (not obligation_findings(zh, en)) is ok


@pytest.mark.parametrize("en, ok", [("repair damaged pipes and restore the ecology", True),
                                     ("repair damaged pipes and improve the ecology", False)])
def test_an_exception_covers_only_its_own_occurrence(en, ok):
    exception = {"zh": "破损修复改造", "en": "repair", "reason": "pipes, not soil or ecosystems"}
    findings = rendering_findings("管网破损修复改造，修复河湖生态", en, CLEAN_UP_WORDS, [exception])
    assert (not findings) is ok


def test_every_obligation_word_is_rendered_per_style():
    problems = []
    for where, path, zh, en, exceptions in all_passages():
        if is_editorial(path):  # an explanation describes; only the terms and "should" are checked
            findings = rendering_findings(zh, en, CLEAN_UP_WORDS, exceptions)
            findings += [("should", "“should”")] if re.search(r"\bshould\b", en, re.IGNORECASE) else []
        else:
            findings = obligation_findings(zh, en, exceptions)
        problems += [f"{where}: {problem}: {en[:120]!r}" for _, problem in findings]
    assert not problems, f"{len(problems)} passages (STYLE.md, obligation words / 整治):\n" + "\n".join(problems)


# The other way round: an English obligation word needs a Chinese word that carries it (no "must" for 要, no
# "encourage" the plan does not say).
RENDERINGS_OF = {
    r"\bmust\b": ("必须", "需", "务必"),
    r"\bstriv(?:e|es|ing)\b": ("力争", "努力"),
    r"\bencourag(?:e|es|ed|ing|ement)\b": ("鼓励",),
    r"\bstrictly prohibit": ("严禁",),
    r"\bin principle\b": ("原则上",),
}


def stronger_findings(zh: str, en: str) -> list[str]:
    return [f"/{pattern}/ ×{len(re.findall(pattern, en, re.IGNORECASE))} but {'/'.join(words)} ×"
            f"{sum(zh.count(w) for w in words)}" for pattern, words in RENDERINGS_OF.items()
            if len(re.findall(pattern, en, re.IGNORECASE)) > sum(zh.count(w) for w in words)]


@pytest.mark.parametrize("zh, en, ok", [("要及时清理", "shall be cleared promptly", True),
                                        ("要及时清理", "must be cleared promptly", False),
                                        ("积极推进", "encourage and actively promote", False)])
def test_stronger_findings(zh, en, ok):
    assert (not stronger_findings(zh, en)) is ok


def test_no_obligation_word_the_chinese_does_not_carry():
    problems = [f"{where}: {problem}: {en[:120]!r}" for where, path, zh, en, _ in all_passages()
                if not is_editorial(path) for problem in stronger_findings(zh, en)]
    assert not problems, f"{len(problems)} passages:\n" + "\n".join(problems)


# --- dates, ranges and annexes in English prose -----------------------------------------------------------------------

PROSE_FORMS = {
    r"\b\d{4}-\d{2}-\d{2}\b": "an ISO date in prose (write June 14, 2022)",
    rf"\bfrom ({'|'.join(MONTHS[1:])})( \d{{4}})? (to|until|through) ({'|'.join(MONTHS[1:])})\b":
        "a month range in words (write May–September)",
    rf"\b({'|'.join(MONTHS[1:])})-({'|'.join(MONTHS[1:])})\b": "a hyphen in a month range (use an en dash)",
    r"\bAttachments?\b": "“Attachment” (附件 is “Annex”)",
}


def test_english_prose_writes_dates_ranges_and_annexes_per_style():
    problems = []
    for where, _, _, en, _ in all_passages():
        for pattern, problem in PROSE_FORMS.items():
            match = re.search(pattern, en)
            if match:
                problems.append(f"{where}: {problem}: {match.group(0)!r}")
    assert not problems, f"{len(problems)} passages:\n" + "\n".join(problems)


# --- glossary explanations and editor's notes: sentence for sentence --------------------------------------------------

ABBREVIATIONS = r"(?:No|Nos|e\.g|i\.e|etc|a\.m|p\.m|art|Art|vs|St|Dr|Mr|Ms|approx|cf)"


def chinese_sentences(zh: str) -> int:
    # a 。！？ closes a sentence; one inside quotation marks (“…。”) closes the quoted sentence with it
    return len(re.findall(r"[。！？]+[”」』）)]*(?=[^”」』）)]|$)", zh.strip())) or 1


def english_sentences(en: str) -> int:
    text = re.sub(rf"\b{ABBREVIATIONS}\.", "ABBR", en.strip())
    return len(re.findall(r"[.!?]+[”’\")]*(?=\s+[A-Z“\"(0-9]|$)", text)) or 1


@pytest.mark.parametrize("text, lang, count", [
    ("指……。这一原则写入了……。", "zh", 2),
    ("即“管发展必须管环保。”本通知……。", "zh", 2),
    ("It means this. The principle was written in 2015.", "en", 2),
    ("It applies from 10 a.m. to 4 p.m. on No. 3 roads.", "en", 1),
])
def test_sentence_counts(text, lang, count):
    assert (chinese_sentences(text) if lang == "zh" else english_sentences(text)) == count


def clauses(text: str) -> int:
    return len(re.findall(r"[；;]", text))


def test_glossary_explanations_say_everything_sentence_for_sentence():
    """The same number of sentences, and no fewer semicolon clauses: a sentence folded into another, or a clause
    left out, shows up (English may add a semicolon where the Chinese has a comma)."""
    problems = []
    for term in glossary():
        zh, en = term["explanation"]["zh"], term["explanation"]["en"]
        shape_zh, shape_en = (chinese_sentences(zh), clauses(zh)), (english_sentences(en), clauses(en))
        if shape_zh[0] != shape_en[0] or sum(shape_en) < sum(shape_zh):
            problems.append(f"glossary.yml: {term['id']}: (sentences, semicolons) Chinese {shape_zh}, English "
                            f"{shape_en}")
    assert not problems, f"{len(problems)} explanations (STYLE.md: sentence for sentence):\n" + "\n".join(problems)


def test_editor_notes_say_everything_sentence_for_sentence():
    problems = []
    for where, path, zh, en, _ in all_passages():
        if "editor_notes" in path and chinese_sentences(zh) != english_sentences(en):
            problems.append(f"{where}: {chinese_sentences(zh)} Chinese sentences, {english_sentences(en)} English")
    assert not problems, f"{len(problems)} notes:\n" + "\n".join(problems)


def test_passages_are_found():
    official = [p for p in all_passages() if not is_editorial(p[1])]
    assert len(official) > 250, f"only {len(official)} official passages found"


# --- the built English pages: dates in prose ---------------------------------------------------------------------------

class ProseText(HTMLParser):
    """The text of a page's main content outside tables and code (where ISO dates are data, not prose)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.article, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article" and (self.article or "md-content__inner" in (dict(attrs).get("class") or "")):
            self.article += 1
        elif self.article and tag in ("table", "code", "pre"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article" and self.article:
            self.article -= 1
        elif self.article and tag in ("table", "code", "pre") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.article and not self.skip:
            self.parts.append(data)


ISO_DATE = re.compile(r"\b20\d{2}-(?:0[1-9]|1[0-2])(?:-\d{2})?\b")
# a deadline's normalized reading ("Due: 2022-08-31", "Period: 2022-05 to 2022-09") is ISO by design (deadlines.py)
NORMALIZED_READING = re.compile(r"\b(?:Due|Starts|Period): 20\d{2}-\d{2}(?:-\d{2})?(?: to 20\d{2}-\d{2}(?:-\d{2})?)?")


def test_english_pages_write_dates_in_prose_as_month_day_year(built_site):
    problems, pages = [], 0
    for path in built_site:
        if not path.startswith("en/"):
            continue
        pages += 1
        parser = ProseText()
        parser.feed((SITE / path).read_text(encoding="utf-8"))
        text = NORMALIZED_READING.sub("", re.sub(r"https?://\S+", "", "".join(parser.parts)))
        problems += [f"{path}: …{text[max(0, m.start() - 50):m.end()]!r}" for m in ISO_DATE.finditer(text)]
    assert pages > 100
    assert not problems, f"{len(problems)} ISO dates in English prose (write June 14, 2022):\n" + "\n".join(problems[:40])
