"""`python -m postbuild build [--engine mkdocs|zensical] [--out site]`: build and finish the whole site (see
postbuild/__init__.py). `python -m postbuild finish SITE`: only the finishing steps, on an already merged site.
`python -m postbuild offline [--out site] [--keep DIR]`: the offline copies of a built site (postbuild/offline.py)."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import ENGINES, LANGUAGES, ROOT, PREFIX, BuildError, build, finish_pages, finish_site, site_url
from .offline import OfflineError, build_offline, human_size
from .redirects import RedirectError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m postbuild", description=__doc__)
    parser.add_argument("command", choices=["build", "finish", "offline"])
    parser.add_argument("site", nargs="?", type=Path, help="finish: the built site folder")
    parser.add_argument("--engine", choices=sorted(ENGINES), default="mkdocs")
    parser.add_argument("--out", type=Path, default=Path("site"), help="build: the site folder to (re)place")
    parser.add_argument("--keep", type=Path, help="offline: keep the unzipped copies in this folder")
    parser.add_argument("--project", type=Path, default=ROOT, help="folder of mkdocs.yml and redirects.yml")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        if args.command == "build":
            build(args.engine, args.out.resolve(), args.project.resolve())
            print(f"postbuild: {args.engine} site in {args.out}/ in {time.perf_counter() - started:.1f} s")
        elif args.command == "offline":
            sizes = build_offline(args.out.resolve(), args.project.resolve(), site_url(), ENGINES["mkdocs"],
                                  args.keep.resolve() if args.keep else None)
            print(f"postbuild: offline copies in {args.out}/data/offline/ ("
                  + ", ".join(f"{lang} {human_size(size)}" for lang, size in sizes.items())
                  + f") in {time.perf_counter() - started:.1f} s")
        else:
            url = site_url()
            for lang in LANGUAGES:
                folder = args.site / PREFIX[lang] if PREFIX[lang] else args.site
                finish_pages(folder, lang, url)
            finish_site(args.site, url, args.project.resolve())
    except (BuildError, OfflineError, RedirectError) as error:
        print(f"postbuild: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
