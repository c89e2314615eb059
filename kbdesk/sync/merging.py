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
    text: str | None  # the merged text; where they conflict, *theirs* (None: not text, theirs whole)
    conflicts: int  # how many places both sides changed differently


def merge_texts(base: str, mine: str, theirs: str) -> TextMerge:
    """Mine and theirs, each changed from *base*, as one text; where both
    changed the same sentence, theirs."""
    if mine == theirs or theirs == base:
        return TextMerge(mine, 0)
    if mine == base:
        return TextMerge(theirs, 0)
    merged, conflicts = [], 0
    for group in merge3.Merge3(pieces(base), pieces(mine), pieces(theirs)).merge_groups():
        kind = group[0]
        if kind == "conflict":
            text, clashes = _settle(*group[1:])
            merged.extend(text)
            conflicts += clashes
        else:
            merged.extend(group[1])
    return TextMerge("".join(merged), conflicts)


def _settle(base: list[str], mine: list[str], theirs: list[str]) -> tuple[list[str], int]:
    """A region merge3 could not merge, because no unchanged sentence stands
    between the two sides' changes: where all three have as many sentences,
    each sentence is taken from the side that changed it, and only a
    sentence both changed is a conflict (theirs wins it)."""
    if not (len(base) == len(mine) == len(theirs)):
        return theirs, 1
    out, clashes = [], 0
    for b, m, t in zip(base, mine, theirs):
        if m == t or t == b:
            out.append(m)
        elif m == b:
            out.append(t)
        else:
            out.append(t)
            clashes += 1
    return out, clashes


_STATUS = re.compile(r"^status:[ \t]*([^\n]*)$", re.MULTILINE)
_MARK = "status: \0"


def merge_articles(base: str, mine: str, theirs: str, prefer_theirs_status: bool = True) -> TextMerge:
    """Two leads' changes of one article: the wording merged by sentence,
    the status line on its own (a status change is no rewording: the side
    that changed it decides; if both did, the remote one), so that an
    approval and another lead's edit are not a conflict of words."""
    def split(text: str) -> tuple[str, str | None]:
        m = _STATUS.search(text)
        return (text[:m.start()] + _MARK + text[m.end():], m.group(1).strip()) if m else (text, None)

    (b, sb), (m, sm), (t, st) = split(base), split(mine), split(theirs)
    done = merge_texts(b, m, t)
    status = st if st != sb and (prefer_theirs_status or sm == sb) else sm
    text = done.text
    if _MARK in text:
        text = text.replace(_MARK, f"status: {status}" if status is not None else "status: draft", 1)
    return TextMerge(text, done.conflicts)
