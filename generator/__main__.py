"""Command line: `check` validates the data; `build` validates and writes the pages; `serve` previews with live reload;
`manifest` adds the published URLs to permalinks.txt (`--check`: only report); `cite ID…` prints items' citations;
`import SOURCE.txt --id YYYY-N` drafts data/documents/<id>/ from a converted notice text (generator/importer/)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .problems import DataError

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("command", choices=["check", "build", "serve", "manifest", "cite", "import"])
    parser.add_argument("ids", nargs="*", help="cite: item ids such as 2022-22/air/15; import: the notice text")
    parser.add_argument("--check", action="store_true", help="manifest: report URLs not listed yet, write nothing")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="data folder (default: data/)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="MkDocs docs folder to write into")
    parser.add_argument("--deploy", action="store_true",
                        help="build: refuse the placeholder SITE_URL (a build meant for publishing; make site DEPLOY=1)")
    parser.add_argument("--dev-addr", default="127.0.0.1:8000", help="serve: address of the preview server")
    parser.add_argument("--id", help="import: the document id, year and number of 〔YYYY〕N号 (2023-5)")
    parser.add_argument("--force", action="store_true", help="import: replace existing data")
    parser.add_argument("--plans", help="import: plan ids in the text's order, comma-separated (default: guessed)")
    args = parser.parse_args(argv)
    if args.command == "import":  # before validation: the data may not be complete while a notice is imported
        from .importer import command
        return command(args.ids, args.id, args.data, args.force, args.plans)
    from .site_url import SiteUrlError, check_deployable, site_url
    try:
        check_deployable() if args.deploy else site_url()
    except SiteUrlError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    from .validate import load_corpus
    try:
        corpus = load_corpus(args.data)
    except DataError as error:
        for line in error.problems.lines():
            print(line, file=sys.stderr)
        print(f"{len(error.problems.lines())} problem(s); nothing written.", file=sys.stderr)
        return 1
    for line in corpus.warnings:  # English of documents marked `english: pending`: allowed, but not done
        print(f"warning: {line}", file=sys.stderr)
    pending = f"; {len(corpus.warnings)} English field(s) not translated yet (english: pending)" \
        if corpus.warnings else ""
    if args.command == "check":
        count = sum(len(b.plans) for b in corpus.documents)
        print(f"data OK: {len(corpus.documents)} document(s), {count} plan(s), {len(corpus.units)} units{pending}")
        return 0
    if args.command in ("manifest", "cite"):
        from .permalinks import command
        return command(args.command, corpus, args.docs, ROOT / "permalinks.txt", args.ids, args.check)
    if args.command == "serve":
        from .serve import serve
        from .build import build_pages
        build_pages(corpus, args.docs, args.data)
        return serve(args.data, args.docs, [args.data, Path(__file__).parent / "templates"], args.dev_addr)
    from .build import build_pages
    written = build_pages(corpus, args.docs, args.data)
    print(f"pages up to date under {args.docs} ({written} files changed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
