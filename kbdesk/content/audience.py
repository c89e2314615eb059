"""What of an article is for the customer, and what for the agent only.

An agent pastes wording into a customer's chat; a reminder written for the
agent ("do not promise a refund before review") must never go with it. The
convention, the same for every kind of article:

* **An internal section**: a heading that names one of the internal sections
  (:data:`INTERNAL_NAMES`, plus the team's ``internal_sections:`` in
  ``.kbdesk/placeholders.yaml``), or that ends with ``（内部）`` or
  ``(internal)``. It is internal up to the next heading of the same or a
  higher level.
* **A note**: a block quote (``> …``).
* **A labelled paragraph or list item**: one that starts with an internal name
  and a colon, bold or not (``**适用场景**：…``, ``坐席提示：…``).

Everything else is for the customer. The preview shows the internal parts as
notes; every copy (Enter, a section's link, a selection) leaves them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kbdesk.content import markdown, yaml_text

# The internal sections and labels every knowledge base has.
INTERNAL_NAMES = (
    "注意", "注意事项", "坐席提示", "坐席须知", "坐席注意", "内部提示", "内部说明", "内部备注",
    "适用场景", "使用场景", "使用说明", "备注", "处理要点",
)
_INTERNAL_MARK_RE = re.compile(r"[（(]\s*(内部|internal|agents? only)\s*[)）]\s*$", re.I)
_LABEL_RE = re.compile(r"^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?\s*([^\s*_:：]{2,8}?)\s*(?:\*\*|__)?\s*[:：]")
_HEADING_NUMBER_RE = re.compile(r"^[\s\d.、一二三四五六七八九十（）()]*")
# What reads like a word to the agent inside customer text: a label, an
# aside about what (not) to promise, an instruction not to say something.
_NOTE_LIKE_RE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?:提示|提醒|注|注意|说明|内部|坐席提示|客服注意)(?:\*\*)?\s*[:：]"
    r"|[（(][^（）()]*(?:不承诺|勿|不要|不得|内部|坐席)[^（）()]*[)）]"
    r"|(?:不要|切勿|严禁|不得)(?:承诺|说|提|透露)"
)
_BLANK_RE = re.compile(r"\{\{[^{}\n]*\}\}")


@dataclass(frozen=True)
class Part:
    """Lines ``[start, end)`` of an article's body, for the customer or not."""

    start: int
    end: int
    internal: bool


def _lines(body: str) -> list[str]:
    return body.replace("\r\n", "\n").split("\n")


class Audience:
    """Tells internal parts from customer text, with the team's own names."""

    def __init__(self, extra_names=()):
        self.names = frozenset({*INTERNAL_NAMES, *(str(n).strip() for n in extra_names if str(n).strip())})
        self._parts: dict[str, list[Part]] = {}  # body → parts, for the bodies shown lately

    @classmethod
    def for_folder(cls, settings_dir) -> Audience:
        """With the team's ``internal_sections:`` of ``placeholders.yaml``
        (a broken file counts as none: ``kbdesk check`` reports it)."""
        try:
            data = yaml_text.read_mapping(Path(settings_dir) / "placeholders.yaml", "the placeholder list") or {}
        except ValueError:
            data = {}
        names = data.get("internal_sections")
        return cls(names if isinstance(names, list) else ())

    def is_internal_heading(self, text: str) -> bool:
        text = text.strip().strip("*_ ").rstrip("：:")
        if _INTERNAL_MARK_RE.search(text):
            return True
        return _HEADING_NUMBER_RE.sub("", text).strip() in self.names

    def is_labelled(self, line: str) -> bool:
        m = _LABEL_RE.match(line)
        return bool(m and m.group(1) in self.names)

    def parts(self, body: str) -> list[Part]:
        """The body's lines cut into customer and internal parts, in order."""
        found = self._parts.get(body)
        if found is None:
            if len(self._parts) >= 256:  # (the articles of the last searches: a few MB)
                self._parts.clear()
            found = self._parts[body] = self._cut(body)
        return list(found)

    def _cut(self, body: str) -> list[Part]:
        lines = _lines(body)
        internal = [False] * len(lines)
        section_level = 0  # inside an internal section of this heading level
        for block in markdown.top_blocks(body):
            if block.kind == "heading":
                if section_level and block.level <= section_level:
                    section_level = 0
                if not section_level and self.is_internal_heading(block.text):
                    section_level = block.level
            mark = bool(section_level) or block.kind == "blockquote" or (
                block.kind == "paragraph" and self.is_labelled(lines[block.start]))
            if mark:
                internal[block.start:block.end] = [True] * (block.end - block.start)
            elif block.kind == "list":
                for start, end in block.items:  # a labelled item alone
                    if self.is_labelled(lines[start]):
                        internal[start:end] = [True] * (end - start)
        # Blank lines between two internal blocks belong to them: one note, not two.
        previous = None
        for n, line in enumerate(lines):
            if line.strip():
                if previous is not None and internal[previous] and internal[n]:
                    internal[previous:n] = [True] * (n - previous)
                previous = n
        parts: list[Part] = []
        for n, flag in enumerate(internal):
            if parts and parts[-1].internal == flag:
                parts[-1] = Part(parts[-1].start, n + 1, flag)
            else:
                parts.append(Part(n, n + 1, flag))
        return parts

    def customer_text(self, body: str) -> str:
        """The body's Markdown without its internal parts."""
        lines = _lines(body)
        kept = [line for part in self.parts(body) if not part.internal for line in lines[part.start:part.end]]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip("\n")

    def internal_text(self, body: str) -> list[str]:
        """The internal parts' Markdown, one string each."""
        lines = _lines(body)
        texts = ("\n".join(lines[p.start:p.end]).strip() for p in self.parts(body) if p.internal)
        return [t for t in texts if t]

    def note_like_lines(self, body: str) -> list[tuple[int, str]]:
        """(line number in *body*, line) of customer text that reads like a
        note for the agent: something to mark as internal."""
        lines = _lines(body)
        return [(n, lines[n].strip()) for part in self.parts(body) if not part.internal
                for n in range(part.start, part.end) if _NOTE_LIKE_RE.search(_BLANK_RE.sub("", lines[n]))]
