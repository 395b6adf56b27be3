"""Quick fidelity check for data authors: every Chinese string in a YAML file must occur in the normalised source.

Usage: python tools/check_zh.py data/documents/2022-22/air.yml
(The generator's own test does the same; this is a stand-alone aid while writing data.)
"""
import re
import sys
from pathlib import Path

import yaml

SOURCE = Path(__file__).resolve().parent.parent / "data/source/lingchuan-2022-22-notice.txt"


def normalise(text: str) -> str:
    text = text.replace("**", "").replace("_{2.5}", "₂.₅")
    return re.sub(r"\s+", "", text)


def zh_strings(node, path=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("editor_notes", "explanation"):
                continue
            if key == "zh" and isinstance(value, str):
                yield path + ".zh", value
            elif key in ("responsible", "deadline") and isinstance(value, str):
                yield path + "." + key, value
            elif key == "milestones" and isinstance(value, list):
                for i, words in enumerate(value):
                    yield f"{path}.milestones[{i}]", words
            else:
                yield from zh_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from zh_strings(value, f"{path}[{i}]")


source = normalise(SOURCE.read_text(encoding="utf-8"))
bad = 0
for file in sys.argv[1:]:
    for where, text in zh_strings(yaml.safe_load(Path(file).read_text(encoding="utf-8"))):
        if re.search(r"\s", text) or normalise(text) not in source:
            bad += 1
            print(f"{file}: {where}: not in source (or has whitespace): {text[:60]}")
print("OK" if not bad else f"{bad} problem(s)")
sys.exit(1 if bad else 0)
