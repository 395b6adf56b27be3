"""The reading machinery the parser's steps share: the source's lines, which of them are claimed, which could
not be placed (with their numbers), and the patterns of numbered headings."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..source import normalise

NUMERALS = "一二三四五六七八九十"
CN = f"[{NUMERALS}]+"
PART_RE = re.compile(rf"({CN})、(\S.*)")                          # 一、总体要求            (normalised)
TASK_RE = re.compile(r"(\d+)\s*[.．]\s*(\S.*)")                  # 1. …                 (raw, stripped)


def cn_number(numeral: str) -> int:
    """一 … 十, 十一 … 九十九."""
    if "十" not in numeral:
        return NUMERALS.index(numeral) + 1
    tens, _, ones = numeral.partition("十")
    return (NUMERALS.index(tens) + 1 if tens else 1) * 10 + (NUMERALS.index(ones) + 1 if ones else 0)


@dataclass
class Unplaced:
    line: int          # 1-based source line
    text: str
    reason: str


class Reader:
    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.claimed: set[int] = set()
        self.unplaced: list[Unplaced] = []

    def claim(self, i: int) -> None:
        self.claimed.add(i)

    def unplace(self, i: int, reason: str) -> None:
        self.claimed.add(i)
        self.unplaced.append(Unplaced(i + 1, self.lines[i].strip(), reason))


def paragraphs(numbered: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    out: list[list[tuple[int, str]]] = [[]]
    for i, line in numbered:
        if line.strip():
            out[-1].append((i, line))
        elif out[-1]:
            out.append([])
    return [p for p in out if p]


def joined(paragraph: list[tuple[int, str]]) -> str:
    return normalise("\n".join(line for _, line in paragraph))
