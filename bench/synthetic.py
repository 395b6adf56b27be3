"""Synthetic data for the benchmark: a copy of data/ with N times the plans.

`make_synthetic(data, out, factor)` copies `data` to `out` and adds `factor - 1` clones of every real document
folder (documents/<id>/: the notice and its three plans) under new document ids (`2022-22` → `2022-90222`,
`2022-90322`, …: year, then 9, the copy number, the original number), so every clone's plans and items get new ids
and URLs (`/2022-90222/air/15/`). The clones reuse the real text unchanged,
so they pass every check the real data passes, fidelity to data/source/ included: only the document id (and any
item id that names it) is rewritten. Units, glossary and source stay as they are; unit and month pages therefore
list N times the items. `factor == 1` is the real data, copied.

Command line: python bench/synthetic.py FACTOR OUT_DIR [--data data/]
"""
from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ID_LINE = re.compile(r'^id:\s*"?([^"\s#]+)"?\s*$', re.MULTILINE)


def clone_id(document_id: str, copy: int) -> str:
    """Id of the `copy`-th clone (2, 3, …) of a document, in the schema's form YYYY-<number>, year kept."""
    year, number = document_id.split("-", 1)
    return f"{year}-9{copy:02d}{number}"


def make_synthetic(data: Path, out: Path, factor: int) -> Path:
    if factor < 1:
        raise ValueError("factor must be 1 or more")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(data, out)
    originals = sorted(p for p in (out / "documents").iterdir() if (p / "document.yml").is_file())
    for folder in originals:
        document_id = _document_id(folder / "document.yml")
        for copy in range(2, factor + 1):
            new_id = clone_id(document_id, copy)
            target = folder.parent / new_id
            shutil.copytree(folder, target)
            for path in target.glob("*.yml"):
                text = path.read_text(encoding="utf-8")
                # item ids such as "2022-22/air/15" (ledger `implements`) follow their document
                text = text.replace(f"{document_id}/", f"{new_id}/")
                if path.name == "document.yml":
                    text = ID_LINE.sub(f'id: "{new_id}"', text, count=1)
                path.write_text(text, encoding="utf-8")
    return out


def _document_id(path: Path) -> str:
    match = ID_LINE.search(path.read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"{path}: no top-level `id:` line")
    return match.group(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("factor", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    make_synthetic(args.data, args.out, args.factor)
    print(f"{args.out}: {args.factor}x the documents of {args.data}")


if __name__ == "__main__":
    main()
