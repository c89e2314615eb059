"""Three-way merges of articles that two leads changed.

Articles are Chinese prose whose paragraphs are long lines, so they are
merged by sentence, not by line: two leads who reworded different sentences
of one paragraph both keep their change. Where both changed the same
sentence the merge is a conflict, and the caller decides (the remote wording
wins in the file; the lead's own is kept as a version).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import merge3

# A sentence ends at its closing punctuation (and any closing quote), or at a line end.
_PIECES = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』）)]*|\n)|[^。！？!?；;\n]+$")


def pieces(text: str) -> list[str]:
    """*text* cut into sentences and line ends; joined they are *text*."""
    return _PIECES.findall(text)


@dataclass(frozen=True)
class TextMerge:
    text: str  # the merged text; where they conflict, *theirs*
    conflicts: int  # how many places both sides changed differently


def merge_texts(base: str, mine: str, theirs: str) -> TextMerge:
    """Mine and theirs, each changed from *base*, as one text."""
    if mine == theirs or theirs == base:
        return TextMerge(mine, 0)
    if mine == base:
        return TextMerge(theirs, 0)
    merged, conflicts = [], 0
    for group in merge3.Merge3(pieces(base), pieces(mine), pieces(theirs)).merge_groups():
        kind = group[0]
        if kind == "conflict":
            conflicts += 1
            merged.extend(group[3])  # (kind, base, a, b): the remote wording wins
        else:
            merged.extend(group[1])
    return TextMerge("".join(merged), conflicts)
