"""Permalinks: every URL in permalinks.txt is still served by the built site, as a page or as a redirect whose
target exists; every page the build serves is in the manifest; the redirects of redirects.yml work in both
languages (written by the post-build step, postbuild/redirects.py, whatever engine built the pages).

The checks read site/ as `make site` built it (`make test` builds it first)."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from site_helpers import DATA, ROOT, SITE, require_site

MANIFEST = ROOT / "permalinks.txt"
REFRESH = re.compile(r'<meta\s+http-equiv="refresh"\s+content="0;\s*url=([^"]+)"', re.I)
MAX_HOPS = 5


# --- the checker --------------------------------------------------------------------------------------------------

def page_file(site: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    return site / path / "index.html" if not path or path.endswith("/") or (site / path).is_dir() else site / path


def redirect_target(file: Path) -> str | None:
    """The URL a redirect page (its meta refresh) sends readers to, or None for a normal page."""
    match = REFRESH.search(file.read_text(encoding="utf-8"))
    return html.unescape(match.group(1)) if match else None


def unserved(url: str, site: Path, hops: int = 0) -> str | None:
    """None when `site` serves `url`: a page, or redirects ending at a page that has the target's anchor.
    Otherwise the reason, for the failure message."""
    file = page_file(site, url)
    if not file.is_file():
        return f"{url}: no file {file.relative_to(site).as_posix()}"
    target = redirect_target(file)
    if target is None:
        return None
    if hops >= MAX_HOPS:
        return f"{url}: more than {MAX_HOPS} redirects"
    resolved = urlsplit(urljoin("http://site.invalid" + url, target))
    if resolved.netloc != "site.invalid":
        return f"{url}: redirects off the site, to {target}"
    problem = unserved(resolved.path, site, hops + 1)
    if problem:
        return f"{url} -> {problem}"
    if resolved.fragment:
        final = page_file(site, resolved.path)
        while (next_target := redirect_target(final)) is not None:  # the anchor is on the final page
            final = page_file(site, urlsplit(urljoin("http://site.invalid/" + final.relative_to(site).as_posix(),
                                                     next_target)).path)
        if f'id="{resolved.fragment}"' not in final.read_text(encoding="utf-8"):
            return f"{url}: redirects to {resolved.path}#{resolved.fragment}, which has no such anchor"
    return None


def manifest_urls() -> list[str]:
    assert MANIFEST.is_file(), "permalinks.txt is missing: run `python -m generator manifest`"
    return MANIFEST.read_text(encoding="utf-8").splitlines()


def built_pages(site: Path) -> set[str]:
    """URLs of the real pages in site/ (not redirects, not the search folder)."""
    urls = set()
    for file in site.rglob("index.html"):
        relative = file.parent.relative_to(site).as_posix()
        if relative.split("/")[0] in ("search", "assets", "cite") or redirect_target(file) is not None:
            continue
        urls.add("/" if relative == "." else f"/{relative}/")
    return urls


# --- the manifest --------------------------------------------------------------------------------------------------

def test_manifest_is_sorted_unique_ascii_and_root_relative():
    urls = manifest_urls()
    assert urls == sorted(set(urls)), "permalinks.txt must be sorted, one URL a line, without duplicates"
    assert len(urls) > 300, f"only {len(urls)} URLs: the manifest should list every page in both languages"
    bad = [u for u in urls if not (u.startswith("/") and u.endswith("/") and u.isascii() and "//" not in u
                                   and " " not in u)]
    assert not bad, f"not root-relative ASCII directory URLs: {bad}"
    assert {"/", "/en/", "/2022-22/", "/2022-22/air/", "/2022-22/air/15/", "/2022-22/air/ledger/16/",
            "/en/2022-22/air/ledger/16/", "/units/", "/deadlines/", "/glossary/", "/data/", "/about/",
            "/en/about/"} <= set(urls)
    chinese = [u for u in urls if not u.startswith("/en/")]
    lonely = [u for u in chinese if "/en" + u not in urls]
    assert not lonely, f"Chinese URLs without an English twin: {lonely}"


@pytest.mark.any_engine
def test_every_manifest_url_is_served_by_the_built_site():
    require_site()
    problems = [problem for url in manifest_urls() if (problem := unserved(url, SITE))]
    assert not problems, ("URLs in permalinks.txt that the build no longer serves (restore the page, or add a "
                          "redirect to redirects.yml):\n" + "\n".join(problems))


@pytest.mark.any_engine
def test_every_built_page_is_in_the_manifest():
    require_site()
    missing = sorted(built_pages(SITE) - set(manifest_urls()))
    assert not missing, ("pages the build serves that permalinks.txt does not list: run `python -m generator "
                         "manifest` and commit permalinks.txt:\n" + "\n".join(missing))


def test_manifest_lists_what_the_generator_publishes():
    """The same completeness check without a build, on the generator's own page list (what `manifest --check` does)."""
    from generator.build import generated_entries
    from generator.index import build_index
    from generator.permalinks import published_urls, update_manifest
    from generator.validate import load_corpus

    corpus = load_corpus(DATA)
    current = published_urls(build_index(corpus), ROOT / "docs", generated_entries(corpus))
    code, new, _ = update_manifest(MANIFEST, current, check=True)
    assert code == 0 and not new, f"not in permalinks.txt yet (run `python -m generator manifest`): {new}"


def test_the_manifest_only_grows(tmp_path):
    from generator.permalinks import read_manifest, update_manifest

    manifest = tmp_path / "permalinks.txt"
    manifest.write_text("/2022-22/air/99/\n/\n", encoding="utf-8")
    code, new, gone = update_manifest(manifest, ["/", "/en/"], check=True)
    assert (code, new, gone) == (1, ["/en/"], ["/2022-22/air/99/"])
    assert manifest.read_text(encoding="utf-8") == "/2022-22/air/99/\n/\n", "--check must write nothing"
    code, new, gone = update_manifest(manifest, ["/", "/en/"])
    assert (code, new, gone) == (0, ["/en/"], ["/2022-22/air/99/"])
    assert read_manifest(manifest) == ["/", "/2022-22/air/99/", "/en/"], "a URL no longer generated stays listed"


def test_the_checker_fails_for_a_lost_page_and_a_broken_redirect(tmp_path):
    """Guards the checker itself, on a small fake site."""
    site = tmp_path / "site"
    (site / "a" / "15").mkdir(parents=True)
    (site / "a" / "15" / "index.html").write_text('<h2 id="ledger">x</h2>', encoding="utf-8")
    for name, target in [("99", "../15/"), ("98", "../15/#ledger"), ("97", "../14/"), ("96", "../15/#nowhere"),
                         ("95", "https://elsewhere.example/")]:
        (site / "a" / name).mkdir()
        (site / "a" / name / "index.html").write_text(
            f'<meta http-equiv="refresh" content="0; url={target}">', encoding="utf-8")
    assert unserved("/a/15/", site) is None
    assert unserved("/a/99/", site) is None
    assert unserved("/a/98/", site) is None
    assert "no file a/14/index.html" in unserved("/a/97/", site)
    assert "no such anchor" in unserved("/a/96/", site)
    assert "off the site" in unserved("/a/95/", site)
    assert "no file" in unserved("/a/16/", site)


# --- redirects (redirects.yml, written by postbuild/redirects.py) --------------------------------------------------

def redirect_maps() -> dict[str, str]:
    return yaml.safe_load((ROOT / "redirects.yml").read_text(encoding="utf-8")) or {}


def neutral_url(path: str, lang: str) -> str:
    """'2022-22/air/ledger/' -> '/2022-22/air/ledger/' (or under /en/)."""
    return ("/en/" if lang == "en" else "/") + path


def test_redirects_are_listed_in_language_neutral_form():
    maps = redirect_maps()
    assert maps, "expected at least the ledger shortcuts in redirects.yml"
    for old, new in maps.items():
        for path in (old, new.partition("#")[0]):
            assert not path.startswith(("/", "zh/", "en/")) and path.endswith("/"), (old, new)


@pytest.mark.any_engine
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_redirect_serves_both_languages_and_lands_in_the_same_language(lang):
    require_site()
    for old, new in redirect_maps().items():
        source = neutral_url(old, lang)
        file = page_file(SITE, source)
        assert file.is_file(), f"redirect {old} was not written at {source}"
        target = redirect_target(file)
        assert target is not None, f"{source} is a page, not a redirect"
        path, _, fragment = new.partition("#")
        expected = neutral_url(path, lang) + (f"#{fragment}" if fragment else "")
        resolved = urlsplit(urljoin("http://site.invalid" + source, target))
        assert resolved.path + (f"#{resolved.fragment}" if resolved.fragment else "") == expected
        assert unserved(source, SITE) is None


def test_no_redirect_shadows_a_page():
    from generator.build import generated_entries
    from generator.index import build_index
    from generator.permalinks import published_urls
    from generator.validate import load_corpus

    corpus = load_corpus(DATA)
    pages = set(published_urls(build_index(corpus), ROOT / "docs", generated_entries(corpus)))
    shadowed = [old for old in redirect_maps() if neutral_url(old, "zh") in pages or neutral_url(old, "en") in pages]
    assert not shadowed, f"redirects.yml keys that are pages (the redirect would overwrite them): {shadowed}"


def test_a_redirect_over_a_page_or_to_nowhere_fails_the_build(tmp_path):
    """postbuild/redirects.py refuses, writing nothing, a redirect that would replace a page or lead nowhere."""
    from postbuild.redirects import RedirectError, write_redirects
    for lang_root in ("", "en/"):
        (tmp_path / lang_root / "a" / "15").mkdir(parents=True)
        (tmp_path / lang_root / "a" / "15" / "index.html").write_text('<h2 id="x">x</h2>', encoding="utf-8")
    for entries, problem in [({"a/15/": "a/15/"}, "is a page"), ({"a/99/": "a/14/"}, "no page"),
                             ({"a/98/": "a/15/#y"}, "has no id")]:
        with pytest.raises(RedirectError, match=problem):
            write_redirects(tmp_path, "https://example.org/", entries)
        assert not (tmp_path / next(iter(entries))).joinpath("index.html").exists() or next(iter(entries)) == "a/15/"
    assert write_redirects(tmp_path, "https://example.org/", {"a/98/": "a/15/#x"}) == ["a/98/index.html",
                                                                                       "en/a/98/index.html"]
    assert unserved("/en/a/98/", tmp_path) is None
