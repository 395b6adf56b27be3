"""A jieba user dictionary from unit names, aliases and glossary terms, so Chinese search finds them whole
(default jieba splits 县住建局 into 县住|建局). Parts staff type (住建局, 交警大队, 陵川分局) are added too."""
from __future__ import annotations

import re

from .validate import Corpus

# Suffix-led parts of unit names worth indexing as words of their own: "县住建局" -> "住建局", "住建".
PREFIXES = ("县公安局", "市生态环境局", "县", "市", "各相关", "各")
FREQUENCY = 100000  # high, so jieba prefers these words over its own splits


def name_parts(name: str) -> list[str]:
    parts = [name]
    for prefix in PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            parts.append(name[len(prefix):])
    for match in re.finditer(r"(..)(局|队|段|院|中心|大队|分局)$", name):
        parts.append(match.group(0))
    return parts


def jieba_dictionary(corpus: Corpus) -> str:
    words: dict[str, None] = {}
    for unit in corpus.units:
        for name in [unit.name.zh, *unit.aliases]:
            for part in name_parts(name):
                words[part] = None
    for term in corpus.glossary:
        words[term.zh] = None
    return "".join(f"{word} {FREQUENCY}\n" for word in words)
