"""The project's own post-build step: what the site needs beyond what a static-site engine writes, done on the built
HTML, so the output of any engine (MkDocs + Material, Zensical) goes through the same step.

`python -m postbuild build --engine mkdocs --out site` builds the whole site:

1. the two single-language projects (mkdocs.zh.yml at the site root, mkdocs.en.yml under en/, both written by
   `python -m generator build`) are built at the same time, each into its own staging folder;
2. each language's pages are finished (`finish_pages`, in the same parallel worker): table labels for phones
   (stack_tables), the wrappers Material's bundle would put around tables, written in the page (wrap_tables),
   lang="zh-Hans" on Chinese passages of English pages (declare_chinese), canonical, hreflang and
   language-switch links to the mirror page (links);
3. the English build is moved under en/, then the site-wide files are written (`finish_site`): redirects in both
   languages (redirects.yml), one sitemap.xml for both languages and robots.txt;
4. the finished folder replaces OUT in one rename: a failed build leaves the previous site exactly as it was.

The engines' command lines are the table ENGINES below; everything else here is engine-independent.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .declare_chinese import declare_chinese as declare
from .links import LANGUAGES, PREFIX, link_not_found, link_page
from .redirects import redirect_map, write_redirects
from .sitemap import write_sitemap
from .stack_tables import stack_tables as stack
from .wrap_tables import wrap_tables as wrap

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
class BuildError(Exception):
    pass


QUIET = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}  # MkDocs 2 / ProperDocs banners


# Material segments Chinese with jieba for its own search index whenever jieba can be imported, but no reader uses
# that index (mkdocs.yml, "search"): the import is blocked, which saves about 40 % of a language's build, also where
# an older environment still has jieba installed (it is no dependency any more).
MKDOCS_WITHOUT_JIEBA = "import sys; sys.modules['jieba'] = None; from mkdocs.__main__ import cli; cli()"


def _mkdocs(config: Path, out: Path) -> list[str]:
    return [sys.executable, "-c", MKDOCS_WITHOUT_JIEBA, "build", "--strict", "--quiet", "-f", str(config),
            "-d", str(out)]


def _zensical(config: Path, out: Path) -> list[str]:
    # Zensical takes the output folder from the configuration only, and wants it inside the project: a small
    # configuration beside the language's one inherits it and names the staging folder.
    wrapper = config.with_name(f".zensical.{config.name}")
    wrapper.write_text(f"INHERIT: {config.name}\nsite_dir: {os.path.relpath(out, config.parent)}\n", encoding="utf-8")
    return [str(BIN / "zensical"), "build", "--strict", "-f", str(wrapper)]


ENGINES = {"mkdocs": _mkdocs, "zensical": _zensical}


def site_url() -> str:
    sys.path.insert(0, str(ROOT))
    from generator.site_url import site_url as configured
    return configured()


def finish_pages(folder: Path, lang: str, url: str, since: float | None = None) -> int:
    """Finish every HTML page of one language's build (folder = that build's root), or only those written after
    `since` (a timestamp: the preview's incremental builds). Returns the pages changed."""
    changed = 0
    for file in folder.rglob("*.html"):
        if since is not None and file.stat().st_mtime < since:
            continue
        inner = file.relative_to(folder).as_posix()
        if inner.startswith(("search/", "assets/")) or any(
                PREFIX[other] and inner.startswith(PREFIX[other]) for other in LANGUAGES if other != lang):
            continue  # the other language's build, when finishing a merged site
        path = PREFIX[lang] + inner
        text = file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text[:2048]:
            continue
        if inner == "404.html":
            out = link_not_found(text, path, url)
        else:
            out = link_page(declare(wrap(stack(text))), path, url)
        if out != text:
            file.write_text(out, encoding="utf-8")
            changed += 1
    return changed


def finish_site(site: Path, url: str, project: Path = ROOT) -> dict:
    redirects = write_redirects(site, url, redirect_map(project / "redirects.yml"))
    return {"redirects": len(redirects), "sitemap": write_sitemap(site, url)}


def _build_language(engine: str, lang: str, out: Path, url: str, project: Path) -> None:
    config = project / f"mkdocs.{lang}.yml"
    if not config.is_file():
        raise BuildError(f"{config.name} is missing: run `python -m generator build` first")
    if out.exists():
        shutil.rmtree(out)
    result = subprocess.run(ENGINES[engine](config, out), cwd=project, env={**os.environ, **QUIET})
    if result.returncode != 0:
        raise BuildError(f"{engine} build of {config.name} failed (exit {result.returncode}); {out.name} left as it was")
    finish_pages(out, lang, url)


def build(engine: str, out: Path, project: Path = ROOT) -> None:
    """Build the project's two languages with `engine` and put the finished site at `out` (see the module's text)."""
    url = site_url()
    staging = {lang: out.with_name(f"{out.name}.new" + ("" if lang == "zh" else f"-{lang}")) for lang in LANGUAGES}
    with ProcessPoolExecutor(max_workers=min(len(LANGUAGES), os.cpu_count() or 1)) as pool:
        for future in [pool.submit(_build_language, engine, lang, staging[lang], url, project) for lang in LANGUAGES]:
            future.result()
    whole = staging["zh"]
    for lang in LANGUAGES:
        if PREFIX[lang]:
            target = whole / PREFIX[lang].rstrip("/")
            if target.exists():
                raise BuildError(f"the {lang} build would replace {target}: a Chinese page lives at that path")
            staging[lang].rename(target)
    finish_site(whole, url, project)
    old = out.with_name(f"{out.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    whole.rename(out)
    shutil.rmtree(old, ignore_errors=True)
