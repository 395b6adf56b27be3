"""MkDocs glue: make mkdocs-redirects' `redirect_maps` work with mkdocs-static-i18n's folder structure.

Out of the box the two do not fit (mkdocs-redirects issue #63): the redirect plugin looks pages up by their source
path (`zh/2022-22/air/15.md`) and links to the URL that path would have without i18n (`/zh/2022-22/air/15/`), and
it writes each redirect once, at the path of its key, although every page exists in both languages.

This hook runs after the i18n plugin has rebuilt the file list of the language being built and hands the redirect
plugin (a) the pages of that language keyed by their language-neutral path, and (b) the redirect map with the
language prefix added for non-default languages. So one entry in mkdocs.yml, written like a nav entry,

    redirect_maps:
      "2022-22/air/99.md": "2022-22/air/15.md"

serves /2022-22/air/99/ -> /2022-22/air/15/ and /en/2022-22/air/99/ -> /en/2022-22/air/15/. The redirect plugin
must be listed before i18n, so that it writes the default language's redirects before i18n builds the others.
Tested by tests/test_permalinks.py against the built site.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority


@event_priority(-200)  # after mkdocs-static-i18n's on_files (-100)
def on_files(files, config):
    redirects = config.plugins.get("redirects")
    i18n = config.plugins.get("i18n")
    if redirects is None or i18n is None:
        return files
    language = i18n.current_language
    prefix = "" if language == i18n.default_language else f"{language}/"
    redirects.redirects = {prefix + old: new for old, new in (redirects.config.get("redirect_maps") or {}).items()}
    redirects.doc_pages = {getattr(file, "norm_src_uri", file.src_uri): file for file in files.documentation_pages()}
    return files
