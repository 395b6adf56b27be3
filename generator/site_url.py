"""The site's public address, for absolute links (permalinks, feeds). It comes from the SITE_URL environment
variable, with the same default as `site_url` in mkdocs.yml (a test keeps them equal), so the generator never
reads MkDocs configuration."""
from __future__ import annotations

import os

DEFAULT_SITE_URL = "https://lingchuan-plans.example.org/"


def site_url() -> str:
    """The public origin (with any path prefix), ending in '/'."""
    value = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return value if value.endswith("/") else value + "/"


def absolute(root_relative: str) -> str:
    """'/2022-22/air/15/' -> 'https://…/2022-22/air/15/'."""
    return site_url() + root_relative.lstrip("/")
