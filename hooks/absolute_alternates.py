"""MkDocs glue: the hreflang links in each page's <head> carry absolute URLs, and an x-default.

mkdocs-static-i18n gives Material one `extra.alternate` entry per language for every page, and Material writes them into
the head as <link rel="alternate" href="…" hreflang="…"> with the href relative to the page (`./`,
`../../../en/2022-22/air/15/`). Search engines ignore relative hreflang URLs (Google asks for fully-qualified ones;
Lighthouse's SEO audit `hreflang` fails on "Relative href value"). This resolves each href against the page's
canonical URL (site_url + page path, so SITE_URL decides the origin, as for the canonical link and sitemap.xml) and
adds the x-default alternate that overrides/sitemap.xml also declares: the default language's page.

Material's bundle fetches `sitemap.xml` next to every <link rel="alternate"> at start-up (its language-switch helper
expects the links to name language roots); overrides/partials/lc-alternate-links.html keeps it from doing so, which
also keeps the now absolute, possibly other-origin URLs from being requested. Tested by tests/test_sitemap.py.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

LINK = re.compile(r'<link rel="alternate" href="(?P<href>[^"]*)" hreflang="(?P<lang>[^"]+)">')


def on_post_page(output: str, page, config) -> str:
    base = page.canonical_url
    if not base:
        return output
    default = getattr(config.plugins.get("i18n"), "default_language", None)
    head, sep, body = output.partition("</head>")

    def absolute(match: re.Match) -> str:
        href, lang = urljoin(base, match.group("href")), match.group("lang")
        link = f'<link rel="alternate" href="{href}" hreflang="{lang}">'
        if lang == default:
            link += f'\n<link rel="alternate" href="{href}" hreflang="x-default">'
        return link

    return LINK.sub(absolute, head) + sep + body
