"""The site's public address, for absolute links (permalinks, QR codes, feeds, citations). It comes from the SITE_URL
environment variable, with the same default as `site_url` in mkdocs.yml (a test keeps them equal), so the generator
never reads MkDocs configuration. The default is a placeholder: fine for previews and tests, refused by a deployment
build (`make site DEPLOY=1`, `python -m generator build --deploy`; DESIGN.md, "Deployment").

Nothing a reader stores may depend on this address (calendar UIDs, fingerprints, anchors): only links do."""
from __future__ import annotations

import os
from urllib.parse import urlsplit

PLACEHOLDER_SITE_URL = "https://lingchuan-plans.example.org/"
DEFAULT_SITE_URL = PLACEHOLDER_SITE_URL


class SiteUrlError(ValueError):
    """SITE_URL is not an address the site can be published at."""


def site_url() -> str:
    """The public origin (with any path prefix), ending in '/'."""
    value = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise SiteUrlError(f"SITE_URL={value!r}: not an http(s) address such as https://owner.github.io/repo/")
    return value if value.endswith("/") else value + "/"


def check_deployable() -> str:
    """The origin of a build meant for publishing; refuses the placeholder (a site whose permalinks, QR codes and
    feeds all name a host that does not exist) with the reason and the fix."""
    origin = site_url()
    if urlsplit(origin).hostname == urlsplit(PLACEHOLDER_SITE_URL).hostname:
        raise SiteUrlError(
            f"SITE_URL is {'unset' if not os.environ.get('SITE_URL') else repr(os.environ['SITE_URL'])}: a deployment "
            f"build needs the site's public address, not the placeholder {PLACEHOLDER_SITE_URL}; every permalink, QR "
            "code and feed would name it. Set SITE_URL, e.g. SITE_URL=https://<owner>.github.io/<repo>/ (the Pages "
            "workflow takes it from actions/configure-pages, or from the repository variable SITE_URL).")
    return origin


def absolute(root_relative: str) -> str:
    """'/2022-22/air/15/' -> 'https://…/2022-22/air/15/'."""
    return site_url() + root_relative.lstrip("/")
