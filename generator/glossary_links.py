"""Link the first occurrence of each glossary term in a passage to its glossary entry, with its explanation as
the link title (Material shows it as a tooltip). Works on text that escape_markdown has already made literal."""
from __future__ import annotations

import re

from markupsafe import Markup

from .markdown_text import escape_attribute, escape_markdown


class TermLinker:
    def __init__(self, terms, lang: str):
        self.lang = lang
        # longest first, so 县城建成区-like compounds win over their parts; each term is its own named group, so
        # a match names its term directly (looking it up by lower-cased text fails for letters such as `ſ`,
        # which IGNORECASE matches as `s` but lower() keeps)
        self.terms = sorted(terms, key=lambda term: len(escape_markdown(self._word(term))), reverse=True)
        flags = re.IGNORECASE if lang == "en" else 0
        # English terms match whole words, plurals included ("contaminated plots" links "contaminated plot")
        boundary = (r"(?<![A-Za-z])", r"(?:e?s)?(?![A-Za-z])") if lang == "en" else ("", "")
        alternatives = "|".join(f"(?P<t{n}>{re.escape(escape_markdown(self._word(term)))})"
                                for n, term in enumerate(self.terms))
        self.pattern = re.compile(boundary[0] + "(?:" + alternatives + ")" + boundary[1], flags) if self.terms \
            else None

    def _word(self, term) -> str:
        return term.zh if self.lang == "zh" else term.en

    def link(self, text: str, glossary_href: str) -> Markup:
        """Escape `text` and link each term's first occurrence to glossary_href#<term id>."""
        escaped = escape_markdown(text)
        if not self.pattern:
            return Markup(escaped)
        done: set[str] = set()

        def replace(match: re.Match) -> str:
            term = self.terms[int(match.lastgroup[1:])]
            if term.id in done:
                return match.group(0)
            done.add(term.id)
            title = escape_attribute(getattr(term.explanation, self.lang))
            return f'[{match.group(0)}]({glossary_href}#{term.id} "{title}"){{ .term }}'

        return Markup(self.pattern.sub(replace, escaped))
