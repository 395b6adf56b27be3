"""Post-build: declare the language of Chinese passages on pages in other languages.

English pages quote the official Chinese everywhere: document numbers (陵政办发〔2022〕22号), deadline words, unit names,
glossary terms in headings and the table of contents, the language switch's "中文". Templates mark the passages they
know of with lang="zh-Hans"; text that mixes both languages comes from the data and from Material (TOC entries,
navigation) and cannot be marked in Markdown. So, in every built page, every run of Chinese whose nearest lang
attribute is not Chinese is wrapped in <span lang="zh-Hans"> (<tspan> inside SVG text): screen readers then switch
voice and browsers choose a Chinese font. Pages whose <html lang> is Chinese are returned unchanged. Text inside
<title>, <script>, <style>, <textarea> and attributes is left alone (no markup is allowed there).
Checked in the browser by tests/browser/test_browser_pages.py; the transformation itself by tests/test_declare_chinese.py.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

LANG = "zh-Hans"
HAN = "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3001-\u3004\u3008-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
CHINESE = f"[{HAN}{CJK_PUNCT}]"
# A Chinese run: Han characters and Chinese punctuation, with digits inside (陵政办发〔2022〕22号, 2022年8月底前).
RUN = re.compile(rf"(?:\d+(?:\.\d+)?(?={CHINESE}))?{CHINESE}+(?:[\d.\-]+{CHINESE}+)*(?:[\d.\-]*\d)?")
HAS_HAN = re.compile(f"[{HAN}]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
RAW = {"script", "style", "title", "textarea", "desc"}


def is_chinese(lang: str | None) -> bool:
    return bool(lang) and lang.lower().split("-")[0] == "zh"


class _Declarer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang in effect)
        self._end: int | None = None

    def _lang(self) -> str | None:
        return self.stack[-1][1] if self.stack else None

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        if tag not in VOID:
            lang = dict(attrs).get("lang") or dict(attrs).get("xml:lang") or self._lang()
            self.stack.append((tag, lang))

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def parse_endtag(self, i):
        self._end = None
        j = super().parse_endtag(i)
        if self._end is not None and j > i:
            self.out[self._end] = self.rawdata[i:j]  # the end tag as written (SVG keeps its case)
        return j

    def handle_endtag(self, tag):
        self._end = len(self.out)
        self.out.append(f"</{tag}>")
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        tag = self.stack[-1][0] if self.stack else ""
        if tag in RAW or is_chinese(self._lang()) or not HAS_HAN.search(data):
            self.out.append(data)
            return
        in_svg = any(t == "svg" for t, _ in self.stack)
        if in_svg and tag not in ("text", "tspan"):
            self.out.append(data)
            return
        wrapper = "tspan" if in_svg else "span"
        self.out.append(RUN.sub(lambda m: f'<{wrapper} lang="{LANG}">{m.group(0)}</{wrapper}>'
                                if HAS_HAN.search(m.group(0)) else m.group(0), data))

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.out.append(f"<![{data}]>")


def declare_chinese(html: str) -> str:
    """The page with each undeclared Chinese run wrapped in lang="zh-Hans"; unchanged if the page is Chinese."""
    match = re.search(r"<html\b[^>]*\blang=\"([^\"]*)\"", html)
    if match and is_chinese(match.group(1)):
        return html
    parser = _Declarer()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
