"""Scoring a query a term at a time over Whoosh's postings.

Whoosh matches document at a time: for every candidate document it walks a
tree of matcher objects and calls a scorer, several Python calls per posting
and per tree node, again for every segment. With every word of a query
occurring in thousands of articles (as in a real knowledge base, where 退款
or 客户 is everywhere), that is where a search spends its time.

:class:`TermScorer` reads each posting list once, a whole block at a time,
scores it with the same BM25F that Whoosh uses, and combines the lists as
dictionaries (document number → score). The query objects are still
Whoosh's (``whoosh.query``), built by ``kbdesk.search``; only their
evaluation is done here, with the same meaning:

* ``Term`` — BM25F of the term in its field, times its boost;
* ``Or`` — the documents matching any part, scores added;
* ``And`` — the documents matching every part, scores added;
* ``AndMaybe`` — the first part's documents, plus the second's score where it matches;
* ``Prefix``, ``FuzzyTerm`` — the documents with any term they expand to, at a
  fixed score (their boost);
* ``FixedScore`` (kbdesk.search) — what its child matches, at a fixed score.

It reads the codec's blocks directly (whoosh-reloaded 2.7.x, codec W3) and
falls back to Whoosh's matcher interface for anything else.
"""

from __future__ import annotations

import heapq
import zlib
from array import array
from itertools import accumulate, repeat
from math import log
from pickle import loads

from whoosh import query as Q
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.reading import TermNotFound

# Whoosh's BM25F defaults (whoosh.scoring.BM25F)
B = 0.75
K1 = 1.2
# Distinct terms a prefix or typo may expand to: beyond this, a one-letter
# prefix would read half the vocabulary for a keystroke.
MAX_EXPANSION = 64


class Fixed(Q.WrappingQuery):
    """Matches what *child* matches, at a fixed score *score*."""

    def __init__(self, child: Q.Query, score: float):
        super().__init__(child)
        self.score = score

    def __repr__(self):
        return f"{type(self).__name__}({self.child!r}, {self.score})"

    def __eq__(self, other):
        return type(self) is type(other) and self.child == other.child and self.score == other.score

    def __hash__(self):
        return hash((type(self), self.child, self.score))

    def _rewrap(self, child):
        return self.__class__(child, self.score)


class _Segment:
    """One segment's reader, its first global document number and what the
    scorer needs of it."""

    def __init__(self, reader, base: int):
        self.reader = reader
        self.base = base
        self.terms = reader._terms  # raw term table: no deletion wrapper per posting
        self.deleted = frozenset(base + d for d in (reader.deleted_docs_set or ()))
        self.doc_count_all = reader.doc_count_all()

    def lengths(self, fieldname: str) -> list[int]:
        read = self.reader.doc_field_length
        return [read(d, fieldname, 1) or 1 for d in range(self.doc_count_all)]  # None: empty field


def _leaf_postings(m, base: int, docs: list, weights: list) -> None:
    """Append the global document numbers and weights of matcher *m*."""
    if type(m) is W3LeafMatcher and not m._byteids:
        while m.is_active():
            m._read_data()
            data = m._data
            block_docs = accumulate(data[0], initial=base)
            next(block_docs)  # ids are stored as gaps from the previous one
            docs.extend(block_docs)
            w = data[1]
            if w is None:
                weights.extend(repeat(1.0, m._blocklength))
            elif isinstance(w, float):
                weights.extend(repeat(w, m._blocklength))
            else:
                weights.extend(w)
            m._next_block()
        return
    while m.is_active():
        docs.append(base + m.id())
        weights.append(m.weight())
        m.next()


class TermScorer:
    """Evaluates queries against one Whoosh searcher (one index version).

    Cheap to keep: per-field length norms are computed on first use; the
    segments' lengths are shared through *length_cache* (segment id →
    field → lengths) across index versions, since a segment never changes.
    """

    def __init__(self, searcher, length_cache: dict | None = None):
        self.searcher = searcher
        reader = searcher.reader()
        self.segments = [_Segment(r, base) for r, base in reader.leaf_readers()]
        self.doc_count_all = searcher.doc_count_all()
        self.deleted = frozenset().union(*(s.deleted for s in self.segments))
        self._length_cache = length_cache if length_cache is not None else {}
        self._norms: dict[str, list[float]] = {}
        self._idf: dict[tuple[str, str], float] = {}

    # -- statistics ---------------------------------------------------------------

    def _segment_lengths(self, segment: _Segment, fieldname: str) -> list[int]:
        key = (segment.reader.segment().segment_id(), fieldname)
        lengths = self._length_cache.get(key)
        if lengths is None:
            lengths = self._length_cache[key] = segment.lengths(fieldname)
        return lengths

    def norms(self, fieldname: str) -> list[float]:
        """K1 · (1 − B + B · length / average length), per global document number."""
        norms = self._norms.get(fieldname)
        if norms is None:
            total = self.searcher.field_length(fieldname)
            average = (total / (self.doc_count_all or 1)) or 1.0
            a, b = K1 * (1 - B), K1 * B / average
            norms = []
            for segment in self.segments:
                norms.extend([a + b * n for n in self._segment_lengths(segment, fieldname)])
            self._norms[fieldname] = norms
        return norms

    def idf(self, fieldname: str, text: str) -> float:
        key = (fieldname, text)
        value = self._idf.get(key)
        if value is None:
            df = self.searcher.doc_frequency(fieldname, text)
            value = self._idf[key] = log(self.doc_count_all / (df + 1)) + 1
        return value

    # -- postings -----------------------------------------------------------------

    def postings(self, fieldname: str, text: str) -> tuple[list[int], list[float]]:
        """(global document numbers, weights) of a term, deleted documents included."""
        tbytes = text.encode("utf-8")
        docs: list[int] = []
        weights: list[float] = []
        fieldobj = self.searcher.schema[fieldname]
        for segment in self.segments:
            try:
                m = segment.terms.matcher(fieldname, tbytes, fieldobj.format)
            except (TermNotFound, KeyError):
                continue
            _leaf_postings(m, segment.base, docs, weights)
        return docs, weights

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> dict[int, float]:
        docs, weights = self.postings(fieldname, text)
        if not docs:
            return {}
        if not self.searcher.schema[fieldname].scorable:
            return dict.fromkeys(docs, boost)
        norms = self.norms(fieldname)
        factor = self.idf(fieldname, text) * (K1 + 1) * boost
        scores = {d: factor * w / (w + norms[d]) for d, w in zip(docs, weights)}
        if self.deleted:
            for d in self.deleted.intersection(scores):
                del scores[d]
        return scores

    def expand(self, q) -> list[str]:
        reader = self.searcher.reader()
        if isinstance(q, Q.FuzzyTerm):
            words = reader.terms_within(q.fieldname, q.text, q.maxdist, prefix=q.prefixlength)
        else:
            words = reader.expand_prefix(q.fieldname, q.text)
        out = []
        for word in words:
            out.append(word.decode("utf-8") if isinstance(word, bytes) else word)
            if len(out) >= MAX_EXPANSION:
                break
        return out

    # -- evaluation ---------------------------------------------------------------

    def scores(self, q: Q.Query) -> dict[int, float]:
        """Document number → score of every document *q* matches."""
        boost = getattr(q, "boost", 1.0)
        if isinstance(q, Q.Term):
            return self.term(q.fieldname, q.text, boost)
        if isinstance(q, Fixed):
            return dict.fromkeys(self.scores(q.child), q.score)
        if isinstance(q, (Q.Prefix, Q.FuzzyTerm)):
            # A guess at what is being typed (or meant) scores a fixed amount:
            # it must not outweigh the words typed in full.
            matched: set[int] = set()
            for word in self.expand(q):
                matched.update(self.term(q.fieldname, word))
            return dict.fromkeys(matched, boost)
        elif isinstance(q, Q.AndMaybe):
            result = self.scores(q.a)
            if result:
                for d, s in self.scores(q.b).items():
                    if d in result:
                        result[d] += s
        elif isinstance(q, Q.And):
            result = self._intersection(q.subqueries)
        elif isinstance(q, Q.Or):
            result = _add_all([self.scores(sub) for sub in q.subqueries])
        elif isinstance(q, Q.NullQuery.__class__) or q is Q.NullQuery:
            return {}
        else:
            raise TypeError(f"cannot evaluate {type(q).__name__} queries")
        if boost != 1.0:
            result = {d: s * boost for d, s in result.items()}
        return result

    def _intersection(self, parts) -> dict[int, float]:
        result: dict[int, float] | None = None
        for part in parts:
            scores = self.scores(part)
            if result is None:
                result = scores
            else:
                result = {d: s + scores[d] for d, s in result.items() if d in scores}
            if not result:
                return {}
        return result or {}


def _add_all(parts: list[dict[int, float]]) -> dict[int, float]:
    parts = [p for p in parts if p]
    if not parts:
        return {}
    parts.sort(key=len, reverse=True)
    result = dict(parts[0])
    get = result.get
    for part in parts[1:]:
        for d, s in part.items():
            result[d] = get(d, 0.0) + s
    return result


def top(scores: dict[int, float], n: int) -> list[tuple[int, float]]:
    """The *n* best (document number, score), best first; ties go to the lower number."""
    return heapq.nlargest(n, scores.items(), key=lambda item: (item[1], -item[0]))
