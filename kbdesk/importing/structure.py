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

_NUM = "一二三四五六七八九十百零〇"
H2_RES = [
    re.compile(rf"^[{_NUM}]+\s*[、.．]\s*(?P<text>.+)$"),
    re.compile(rf"^(?P<text>第[{_NUM}\d]+\s*[章部篇节](?:\s*.*)?)$"),
    re.compile(r"^篇\s*\d+\s*[:：、.．]?\s*(?P<text>.*)$"),
]
H3_RES = [
    re.compile(rf"^[（(]\s*[{_NUM}]+\s*[)）]\s*(?P<text>.+)$"),
    re.compile(r"^【(?P<text>[^】]{1,30})】$"),
]
BULLET_RE = re.compile(r"^[◆◇■□●○▪•★☆►▶※·\-*]\s*(?P<text>.+)$")
CLAUSE_RE = re.compile(rf"^(?P<text>第[{_NUM}\d]+\s*条\s*.+)$")
NUMBERED_RE = re.compile(r"^(?P<n>\d{1,3})\s*(?:[、．]|\.(?!\d))\s*(?P<text>.+)$")
SUB_NUMBERED_RE = re.compile(r"^[（(]\s*(?P<n>\d{1,3})\s*[)）]\s*(?P<text>.+)$")
QUESTION_RE = re.compile(r"^(?:问|問|Q|q|提问|提問)\s*\d*\s*[:：]\s*(?P<text>.+)$")
ANSWER_RE = re.compile(r"^(?:答|A|a|回答|解答)\s*\d*\s*[:：]\s*(?P<text>.*)$")
FINAL_PUNCT = "。！？；：，、.!?;:,…）)」』”"
MAX_HEADING_CHARS = 20


@dataclass
class Structured:
    markdown: str
    headings: list[str]
    qa_pairs: int

    @property
    def sections(self) -> int:
        return len(self.headings)


def _reads_as_heading(text: str) -> bool:
    """A numbered line that is a heading, not a point: short, no sentence end."""
    text = text.strip()
    return len(text) <= MAX_HEADING_CHARS + 12 and not text.endswith(tuple("。！？；.!?;"))


def _is_question(line: str) -> bool:
    return line.endswith(("？", "?")) and len(line) <= 60


def to_markdown(text: str) -> Structured:
    """Markdown of a cleaned plain text (a line is a paragraph)."""
    lines = [line.strip() for line in text.split("\n")]
    if any(line.startswith("#") for line in lines):  # already Markdown (a web page, a Word file)
        return Structured(text.strip(), [re.sub(r"^#+\s*", "", ln) for ln in lines if re.match(r"#{1,6}\s", ln)], 0)
    questions = sum(1 for line in lines if QUESTION_RE.match(line))
    bare_questions = sum(1 for line in lines if _is_question(line))
    qa_doc = questions >= 2 or bare_questions >= 3
    numbered_headings = any(r.match(line) for line in lines for r in H2_RES)
    out: list[str] = []
    headings: list[str] = []
    pairs = 0
    in_list = False

    def block(text: str, list_item: bool = False) -> None:
        nonlocal in_list
        if out and not (list_item and in_list):
            out.append("")
        out.append(text)
        in_list = list_item

    def heading(level: int, text: str) -> None:
        headings.append(text)
        block("#" * level + " " + text)

    for i, line in enumerate(lines):
        if not line:
            continue
        nxt = next((ln for ln in lines[i + 1:] if ln), "")
        if m := QUESTION_RE.match(line):
            pairs += 1
            heading(2, m.group("text"))
        elif (m := ANSWER_RE.match(line)) and headings:
            if m.group("text"):
                block(m.group("text"))
        elif qa_doc and _is_question(line) and not _is_question(nxt) and nxt:
            pairs += 1
            heading(2, line)
        elif any(m := r.match(line) for r in H2_RES + H3_RES) and not _reads_as_heading(m.group("text")):
            block(f"- {line}", list_item=True)  # a numbered point, not a heading: its marker stays
        elif any(m := r.match(line) for r in H2_RES):
            heading(2, m.group("text").strip() or line)
        elif any(m := r.match(line) for r in H3_RES):
            heading(3, m.group("text").strip())
        elif m := CLAUSE_RE.match(line):
            block(f"- {m.group('text')}", list_item=True)
        elif m := NUMBERED_RE.match(line):
            block(f"{m.group('n')}. {m.group('text')}", list_item=True)
        elif m := SUB_NUMBERED_RE.match(line):
            block(f"- ({m.group('n')}) {m.group('text')}", list_item=True)
        elif m := BULLET_RE.match(line):
            text_ = m.group("text")
            if len(text_) <= MAX_HEADING_CHARS and not text_.endswith(tuple(FINAL_PUNCT)) and nxt \
                    and not BULLET_RE.match(nxt):
                heading(3, text_)
            else:
                block(f"- {text_}", list_item=True)
        elif (len(line) <= MAX_HEADING_CHARS and not line.endswith(tuple(FINAL_PUNCT)) and nxt
              and len(nxt) > len(line) and not re.search(r"\d{4}", line)):
            heading(3 if numbered_headings else 2, line)
        else:
            block(line)
    return Structured("\n".join(out).strip(), headings, pairs)
