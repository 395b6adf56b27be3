"""Turn data text into Markdown that shows it literally: nothing in the data can become markup.

Data may contain `<script>`, HTML tags, Jinja `{{ }}` or Markdown syntax (`*`, `[x](y)`, `|`); all of it must
print as the characters typed. HTML-special characters become entities, Markdown punctuation is backslash-escaped
(Python-Markdown's escapable set), and a line cannot start a list, heading or quote.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup

# Python-Markdown's escapable characters (plus `|`, which its tables extension adds); `<`, `>` and `&` become entities.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")
LINE_START_LIST = re.compile(r"^(\s*)(\d+)\.|^(\s*)-", re.MULTILINE)
# pymdownx.details opens a collapsible block at `???`; `?` has no backslash escape, so it becomes an entity.
LINE_START_QUESTION = re.compile(r"^\?", re.MULTILINE)


def _newlines(text: str) -> str:
    """Python-Markdown reads a lone `\r` as a line break too; make every break a `\n` before handling them."""
    return str(text).replace("\r\n", "\n").replace("\r", "\n")


def escape_markdown(text: str) -> str:
    """Literal text as Markdown. Paragraph breaks (blank lines) are kept; other line breaks become spaces.
    Leading whitespace is dropped (HTML does not show it, and Markdown would read 4 spaces as code)."""
    paragraphs = [" ".join(p.split("\n")).lstrip() for p in _newlines(text).split("\n\n")]
    escaped = []
    for paragraph in paragraphs:
        value = html.escape(paragraph, quote=False)
        value = MARKDOWN_SPECIAL.sub(r"\\\1", value)
        value = LINE_START_LIST.sub(_escape_list_marker, value)
        value = LINE_START_QUESTION.sub("&#63;", value)
        escaped.append(value)
    return "\n\n".join(escaped)


def _escape_list_marker(match: re.Match) -> str:
    if match.group(2) is not None:
        return f"{match.group(1)}{match.group(2)}\\."
    return f"{match.group(3)}\\-"


def escape_cell(text: str) -> str:
    """Literal text inside a Markdown table cell: one line, pipes escaped."""
    return escape_markdown(" ".join(_newlines(text).split("\n")))


def escape_front_matter(text: str) -> str:
    """Text for a page's front-matter `title` or `description`. MkDocs treats a page title as HTML (as it does
    one taken from the page's heading) and Material prints both unescaped into the navigation, the header,
    `<title>` and `<meta content="…">`, so `&`, `<`, `>` and `"` become entities there."""
    return html.escape(str(text), quote=False).replace('"', "&quot;")


def escape_attribute(text: str) -> str:
    """Text for a quoted HTML attribute or a Markdown link title."""
    return html.escape(str(text), quote=True)


def finalize(value):
    """Jinja finalize hook: every printed value is literal text unless it is already Markup."""
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    if isinstance(value, (int, float)):
        return Markup(str(value))
    return Markup(escape_markdown(value))
