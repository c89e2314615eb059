"""Word-level differences between two versions of Chinese text.

Chinese has no spaces, so a line diff would mark a whole paragraph for one
changed word. Text is cut into rjieba words (Latin words, spaces and
punctuation as their own tokens) and the token sequences are compared.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kbdesk.search.analysis import Segmenter, segmenter

_TOKEN_RE = re.compile(r"\n|[ \t]+|[A-Za-z0-9_]+|[\u3400-\u9fff\uf900-\ufaff]+|.", re.S)


@dataclass(frozen=True)
class DiffOp:
    op: str  # "equal" | "insert" | "delete" | "replace"
    old: str
    new: str

    def to_json(self) -> dict:
        return {"op": self.op, "old": self.old, "new": self.new}


def tokens(text: str, seg: Segmenter) -> list[str]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        piece = m.group()
        if "\u3400" <= piece[0] <= "\ufaff" and len(piece) > 1:
            out.extend(seg.words(piece))
        else:
            out.append(piece)
    return out


def word_diff(old: str, new: str, seg: Segmenter | None = None) -> list[DiffOp]:
    seg = seg or segmenter(None)
    a, b = tokens(old, seg), tokens(new, seg)
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        ops.append(DiffOp(tag, "".join(a[i1:i2]), "".join(b[j1:j2])))
    return ops


def render_inline(ops: list[DiffOp], color: bool = False) -> str:
    """One text with deletions as [-…-] and insertions as {+…+} (or colours)."""
    if color:
        dele, ins, end = "\033[9;31m", "\033[32m", "\033[0m"
        mark_del = lambda s: f"{dele}{s}{end}"  # noqa: E731
        mark_ins = lambda s: f"{ins}{s}{end}"  # noqa: E731
    else:
        mark_del = lambda s: f"[-{s}-]"  # noqa: E731
        mark_ins = lambda s: f"{{+{s}+}}"  # noqa: E731
    out = []
    for op in ops:
        if op.op == "equal":
            out.append(op.old)
        if op.op in ("delete", "replace"):
            out.append(mark_del(op.old))
        if op.op in ("insert", "replace"):
            out.append(mark_ins(op.new))
    return "".join(out)


def changed(ops: list[DiffOp]) -> bool:
    return any(op.op != "equal" for op in ops)
