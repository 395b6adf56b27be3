"""Post-build: let wide tables become cards on a phone.

The ledgers, deadline and unit tables have four to six columns; at 390 px each column gets about a hundred pixels
and a measure's text runs five characters a line. For each plain table (no class, a header row of three or more
columns, no merged cells) this adds `data-stack` to the table and, to every body cell, `data-label` with its column's
header text. docs/zh/assets/site.css then shows each row as a card on narrow screens, every cell labelled by its
column (`td::before { content: attr(data-label) }`); wider screens see the table unchanged. Explicit ARIA table roles
keep the table's semantics for screen readers when the cells are displayed as blocks.
Tested by tests/test_stack_tables.py; seen in the phone screenshots of tests/browser/test_browser_pages.py.
"""
from __future__ import annotations

import html
import itertools
import re

TABLE = re.compile(r"<table(?P<attrs>[^>]*)>(?P<body>.*?)</table>", re.S)
HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
ROW = re.compile(r"<tr\b[^>]*>.*?</tr>", re.S)
MIN_COLUMNS = 3


def _text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _stack(match: re.Match) -> str:
    attrs, body = match.group("attrs"), match.group("body")
    head = re.search(r"<thead\b[^>]*>(.*?)</thead>", body, re.S)
    if ("class=" in attrs or "data-stack" in attrs or "<table" in body or head is None
            or re.search(r"<t[dh]\b[^>]*\b(?:colspan|rowspan)=", body)):
        return match.group(0)
    labels = [html.escape(_text(cell), quote=True) for cell in HEADER.findall(head.group(1))]
    if len(labels) < MIN_COLUMNS:
        return match.group(0)

    def label_row(row: re.Match) -> str:
        column = itertools.count()

        def label(cell: re.Match) -> str:
            i = next(column)
            return f'<td role="cell" data-label="{labels[i]}"' if i < len(labels) else '<td role="cell"'
        text = re.sub(r"<td\b", label, row.group(0))
        text = re.sub(r"<th\b", '<th role="columnheader"', text)
        return re.sub(r"^<tr\b", '<tr role="row"', text)

    body = ROW.sub(label_row, body)
    body = re.sub(r"<(thead|tbody)\b", r'<\1 role="rowgroup"', body)
    return f'<table{attrs} role="table" data-stack>{body}</table>'


def stack_tables(page_html: str) -> str:
    return TABLE.sub(_stack, page_html)
