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

    def marked(self, before: str, after: str, escape=lambda s: s) -> str:
        out, pos = [], 0
        for s, e in self.spans:
            out.append(escape(self.text[pos:s]))
            out.append(before + escape(self.text[s:e]) + after)
            pos = e
        out.append(escape(self.text[pos:]))
        return "".join(out)

    def html(self) -> str:
        return self.marked("<mark>", "</mark>", html.escape)


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
    relaxed: bool = False  # no article matched every word; these match some


# The texts of the articles shown last, normalised: the next keystroke
# usually shows most of them again.
_normalized_text = functools.lru_cache(maxsize=256)(textforms.normalize_aligned)


def make_snippet(text: str, terms: list[str], max_chars: int = SNIPPET_CHARS) -> Snippet:
    """The sentence(s) of *text* that contain the most query terms, with the
    terms marked; the opening sentence if none does."""
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
