"""The structure old documents carry only as text, as Markdown: numbered
headings (一、 第三章 篇1 （二） 【标题】 ◆), short lines without final
punctuation that are really headings, numbered clauses and items as lists,
and question-and-answer pairs as a section per question.

Nothing is dropped here: a line becomes a heading, a list item or a
paragraph, with its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kbdesk.content.outline import HeadingLevels, TextTraits, classify_line, listed_again


@dataclass
class Structured:
    markdown: str
    headings: list[str]
    qa_pairs: int

    @property
    def sections(self) -> int:
        return len(self.headings)


def to_markdown(text: str) -> Structured:
    """Markdown of a cleaned plain text (a line is a paragraph)."""
    lines = [line.strip() for line in text.split("\n")]
    if any(line.startswith("#") for line in lines):  # already Markdown (a web page, a Word file)
        return Structured(text.strip(), [re.sub(r"^#+\s*", "", ln) for ln in lines if re.match(r"#{1,6}\s", ln)], 0)
    traits = TextTraits.of(lines)
    listed = listed_again(lines)
    out: list[str] = []
    headings: list[str] = []
    pairs = 0
    levels = HeadingLevels()
    group = ""  # the kind of lines that follow each other without a blank line: item, row

    def block(text: str, kind: str = "") -> None:
        nonlocal group
        if out and not (kind and kind == group):
            out.append("")
        out.append(text)
        group = kind

    for i, line in enumerate(lines):
        if not line:
            continue
        nxt = next((ln for ln in lines[i + 1:] if ln), "")
        kind = classify_line(line, nxt, traits, after_heading=bool(headings), listed=listed[i])
        if kind.kind in ("heading", "question"):
            pairs += kind.kind == "question"
            headings.append(kind.text)
            block("#" * levels.of(kind) + " " + kind.text)
            continue
        if kind.kind == "answer":
            if kind.text:
                block(kind.text)
            continue
        levels.content()
        if kind.kind == "item":
            block(kind.marker + kind.text, "item")
        elif kind.kind == "row":
            block(line, "row")
        else:
            block(line)
    return Structured("\n".join(out).strip(), headings, pairs)
