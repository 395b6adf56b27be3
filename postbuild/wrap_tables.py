"""Post-build: each plain table in the two wrappers Material's bundle puts it in (div.md-typeset__scrollwrap >
div.md-typeset__table), written into the page.

The bundle runs only at the reader's first interaction (overrides/partials/lc-scripts-on-use.html). Until then a
table was unwrapped, and wrapping it when the bundle came moved everything below it (the wrapper has margins of its
own) just as the reader began to scroll. Written in the page, the wrappers are there from the first paint; the bundle
still wraps each plain table once more (it selects `table:not([class])`), and docs/zh/assets/site.css makes that
inner pair take no room. Plain tables are the ones Material styles and wraps: no class attribute.
"""
from __future__ import annotations

import re

PLAIN_TABLE = re.compile(r"<table(?![^>]*\bclass=)[^>]*>.*?</table>", re.S)
OPEN = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
CLOSE = "</div></div>"


def wrap_tables(page_html: str) -> str:
    return PLAIN_TABLE.sub(lambda m: OPEN + m.group(0) + CLOSE, page_html)
