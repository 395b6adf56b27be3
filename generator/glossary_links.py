"""Link the first occurrence of each glossary term in a passage to its glossary entry, with its explanation as
the link title (Material shows it as a tooltip). Works on text that escape_markdown has already made literal."""
from __future__ import annotations

import re

from markupsafe import Markup

from .markdown_text import escape_attribute, escape_markdown


class TermLinker:
    def __init__(self, terms, lang: str):
        self.lang = lang
        self.terms = {}
        for term in terms:
            word = term.zh if lang == "zh" else term.en
            self.terms[escape_markdown(word).lower()] = term
        # longest first, so 县城建成区-like compounds win over their parts
        words = sorted(self.terms, key=len, reverse=True)
        flags = re.IGNORECASE if lang == "en" else 0
        # English terms match whole words, plurals included ("contaminated plots" links "contaminated plot")
        boundary = (r"(?<![A-Za-z])", r"(?:e?s)?(?![A-Za-z])") if lang == "en" else ("", "")
        self.pattern = re.compile(boundary[0] + "(" + "|".join(map(re.escape, words)) + ")" + boundary[1],
                                  flags) if words else None

    def link(self, text: str, glossary_href: str) -> Markup:
        """Escape `text` and link each term's first occurrence to glossary_href#<term id>."""
        escaped = escape_markdown(text)
        if not self.pattern:
            return Markup(escaped)
        done: set[str] = set()

        def replace(match: re.Match) -> str:
            term = self.terms[match.group(1).lower()]
            if term.id in done:
                return match.group(0)
            done.add(term.id)
            title = escape_attribute(getattr(term.explanation, self.lang))
            return f'[{match.group(0)}]({glossary_href}#{term.id} "{title}"){{ .term }}'

        return Markup(self.pattern.sub(replace, escaped))
