"""What a search returns: hits with their snippet (the best sentence, with the
matched words marked), filter counts, and whether the words had to be relaxed.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from dataclasses import dataclass, field

from kbdesk import textforms

SNIPPET_CHARS = 140
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")


@dataclass
class Snippet:
    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)  # matched ranges
    blanks: list[tuple[int, int]] = field(default_factory=list)  # a script's blanks, shown as default or name

    def marked(self, before: str, after: str, escape=lambda s: s,
               blank_before: str = "", blank_after: str = "") -> str:
        marks = [(s, 0, before) for s, _ in self.spans] + [(e, 0, after) for _, e in self.spans]
        if blank_before or blank_after:
            marks += [(s, 1, blank_before) for s, _ in self.blanks] + [(e, -1, blank_after) for _, e in self.blanks]
        out, pos = [], 0
        for at, _order, tag in sorted(marks, key=lambda m: (m[0], m[1])):
            out.append(escape(self.text[pos:at]) + tag)
            pos = at
        out.append(escape(self.text[pos:]))
        return "".join(out)

    def html(self) -> str:
        """Matched words in ``<mark>``, blanks in ``<ins>``."""
        return self.marked("<mark>", "</mark>", html.escape, "<ins>", "</ins>")


@dataclass
class SearchHit:
    id: str
    title: str
    kind: str
    category: str
    status: str
    path: str
    score: float
    snippet: Snippet
    tags: list[str]
    updated: str
    review_by: str
    section: list[str] = field(default_factory=list)  # heading path of the passage found
    line: int = 0  # where that passage starts in the body
    matched: float = 1.0  # share of the query's concepts matched

    @property
    def where(self) -> str:
        """``title › section › subsection``: where the answer is."""
        return " › ".join([self.title, *self.section])

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "kind": self.kind,
            "category": self.category,
            "status": self.status,
            "tags": self.tags,
            "path": self.path,
            "score": round(self.score, 4),
            "snippet": self.snippet.html(),
            "snippet_text": self.snippet.text,
            "highlights": [list(s) for s in self.snippet.spans],
            "updated": self.updated,
            "review_by": self.review_by,
            "section": self.section,
            "line": self.line,
            "matched": round(self.matched, 3),
        }


@dataclass
class FilterCounts:
    """Matches per kind, category and tag."""

    kinds: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)
    tags: Counter = field(default_factory=Counter)
    total: int = 0


@dataclass
class SearchResults:
    query: str
    hits: list[SearchHit]
    total: int
    relaxed: bool = False  # no article matched every word (these match some), or a word was read as another
    terms: list[str] = field(default_factory=list)  # what to mark: the words typed and those they were read as (zhongda → 重大)


# The texts of the articles shown last, normalised: the next keystroke
# usually shows most of them again.
_normalized_text = functools.lru_cache(maxsize=256)(textforms.normalize_aligned)


_BLANK_OPEN, _BLANK_CLOSE = "\ue010", "\ue011"  # private use: never in an article's text
_SNIPPET_BLANK_RE = re.compile(r"\{\{\s*([^{}|\n]+?)\s*(?:\|([^{}\n]*))?\}\}")


def make_snippet(text: str, terms: list[str], max_chars: int = SNIPPET_CHARS) -> Snippet:
    """The sentence(s) of *text* that contain the most query terms, with the
    terms marked; the opening sentence if none does. A blank (``{{客户称呼|您}}``)
    reads as its default, else its name, and is marked as a blank: raw
    placeholder syntax is never shown."""
    if "{{" in text:
        text = _SNIPPET_BLANK_RE.sub(lambda m: _BLANK_OPEN + (m.group(2) or m.group(1)) + _BLANK_CLOSE, text)
        return _blanks_marked(_make_snippet(text, terms, max_chars))
    return _make_snippet(text, terms, max_chars)


def _blanks_marked(snippet: Snippet) -> Snippet:
    """*snippet* without the blank markers, their ranges as :attr:`Snippet.blanks`."""
    out, blanks, shift, opened = [], [], [], None
    removed = 0
    for i, ch in enumerate(snippet.text):
        if ch in (_BLANK_OPEN, _BLANK_CLOSE):
            if ch == _BLANK_OPEN:
                opened = i - removed
            else:
                blanks.append((0 if opened is None else opened, i - removed))  # (cut at its start)
                opened = None
            removed += 1
        else:
            out.append(ch)
        shift.append(removed)
    if opened is not None:  # cut at its end
        blanks.append((opened, len(out)))
    shift.append(removed)

    def moved(pos: int) -> int:
        return pos - shift[min(pos, len(shift) - 1)] if pos < len(shift) else pos - removed

    spans = [(moved(s), moved(e)) for s, e in snippet.spans]
    return Snippet("".join(out), [(s, e) for s, e in spans if e > s], [(s, e) for s, e in blanks if e > s])


def _make_snippet(text: str, terms: list[str], max_chars: int = SNIPPET_CHARS) -> Snippet:
    sentences = [(m.start(), m.group()) for m in _SENTENCE_RE.finditer(text) if m.group().strip()]
    if not sentences:
        return Snippet("")
    # One normalisation of the whole text; offsets match the original's.
    norm_text = _normalized_text(text)
    pattern = re.compile("|".join(map(re.escape, terms))) if terms else None
    scored = []
    for index, (start, sentence) in enumerate(sentences):
        spans, found = [], set()
        if pattern is not None:
            for m in pattern.finditer(norm_text, start, start + len(sentence)):
                spans.append((m.start() - start, m.end() - start))
                found.add(m.group())
        scored.append((len(found), sum(len(t) for t in found), -index, sentence, textforms.merge_spans(spans)))
    best = max(scored)
    if best[0] == 0:
        first = sentences[0][1].strip()
        return Snippet(first[:max_chars] + ("…" if len(first) > max_chars else ""))

    chosen = [best]
    # A second sentence is worth showing if it matches something the first does not.
    for candidate in sorted(scored, reverse=True)[1:]:
        if candidate[0] and len(best[3]) + len(candidate[3]) <= max_chars:
            chosen.append(candidate)
            break
    chosen.sort(key=lambda c: -c[2])
    parts_text, parts_spans, offset = [], [], 0
    for i, (_, _, _, sentence, spans) in enumerate(chosen):
        lead = len(sentence) - len(sentence.lstrip())
        sentence_text = sentence.strip()
        spans = [(s - lead, e - lead) for s, e in spans if s >= lead]
        budget = max_chars if len(chosen) == 1 else max_chars // len(chosen)
        if len(sentence_text) > budget:
            first_match = spans[0][0] if spans else 0
            cut_start = max(0, min(first_match - budget // 4, len(sentence_text) - budget))
            sentence_text = ("…" if cut_start else "") + sentence_text[cut_start : cut_start + budget] + "…"
            shift = cut_start - (1 if cut_start else 0)
            spans = [(s - shift, e - shift) for s, e in spans if s >= cut_start and e <= cut_start + budget]
        if i:
            parts_text.append(" … ")
            offset += 3
        parts_spans.extend((s + offset, e + offset) for s, e in spans)
        parts_text.append(sentence_text)
        offset += len(sentence_text)
    return Snippet("".join(parts_text), parts_spans)
