"""Scoring a query a term at a time over Whoosh's postings.

Whoosh matches document at a time: for every candidate document it walks a
tree of matcher objects and calls a scorer, several Python calls per posting
and per tree node, again for every segment. With every word of a query
occurring in thousands of articles (as in a real knowledge base, where 退款
or 客户 is everywhere), that is where a search spends its time.

:class:`TermScorer` reads each posting list once, a whole block at a time,
scores it with the same BM25F that Whoosh uses, and combines the lists as
dictionaries (document number → score). The query objects are still
Whoosh's (``whoosh.query``), built by ``kbdesk.search.query``; only their
evaluation is done here, with the same meaning:

* ``Term`` — BM25F of the term in its field, times its boost;
* ``Or`` — the documents matching any part, scores added;
* ``And`` — the documents matching every part, scores added;
* ``AndMaybe`` — the first part's documents, plus the second's score where it matches;
* ``Prefix``, ``FuzzyTerm`` — the documents with any term they expand to, at a
  fixed score (their boost).

It reads the codec's blocks directly (whoosh-reloaded 2.7.x, codec W3) and
falls back to Whoosh's matcher interface for anything else.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from itertools import islice
from math import log

from whoosh import query as Q
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from kbdesk.search.segment_writer import read_postings, term_matchers

# Whoosh's BM25F defaults (whoosh.scoring.BM25F)
B = 0.75
K1 = 1.2
# Distinct terms a prefix or typo may expand to: beyond this, a one-letter
# prefix would read half the vocabulary for a keystroke.
MAX_EXPANSION = 64
# Scored postings kept for the next query (as-you-type repeats the words of
# the keystroke before), counted in postings: about 15 MB at most.
TERM_CACHE_POSTINGS = 150_000


# Segments up to this many documents (the ones each edit adds) are read into
# memory whole, once: a look-up in each of 30 small segments per query term
# costs more than the term's postings in the large ones.
SMALL_SEGMENT_DOCS = 16

# Whoosh stores a length in one byte; 0 (an empty field) reads as 1, as its scorer does.
_BYTE_LENGTHS = [byte_to_length(b) or 1 for b in range(256)]


class _Segment:
    """One segment's reader, its first global document number and what the
    scorer needs of it."""

    def __init__(self, reader, base: int):
        self.reader = reader
        self.base = base
        self.id = reader.segment().segment_id()
        self.terms = reader._terms  # raw term table: no deletion wrapper per posting
        self.deleted = frozenset(base + d for d in (reader.deleted_docs_set or ()))
        self.doc_count_all = reader.doc_count_all()
        self.small = self.doc_count_all <= SMALL_SEGMENT_DOCS

    def lengths(self, fieldname: str) -> list[int]:
        """Each document's length in *fieldname*, as Whoosh stores it (a byte each)."""
        try:  # the whole column at once: 10,000 look-ups cost 10 ms a field
            column = self.reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            raw = column._dbfile.get(column._basepos, column._count)
        except (AttributeError, OSError):
            column = raw = None
        if column is not None and len(raw) == column._count <= self.doc_count_all:
            lengths = [_BYTE_LENGTHS[b] for b in raw]
            lengths.extend([1] * (self.doc_count_all - len(lengths)))
            return lengths
        read = self.reader.doc_field_length
        return [read(d, fieldname, 1) or 1 for d in range(self.doc_count_all)]  # None: empty field

    def article_firsts(self) -> list[int]:
        """For each document, the number (local) of its article's first
        passage: an article's passages are added together, in order."""
        firsts: list[int] = []
        try:
            numbers = list(self.reader.column_reader("pno"))
        except Exception:  # noqa: BLE001 - an index without the column: one document per article
            numbers = [0] * self.doc_count_all
        first = 0
        for docnum, pno in enumerate(numbers):
            if pno == 0:
                first = docnum
            firsts.append(first)
        return firsts

    def matcher(self, fieldname: str, tbytes: bytes, fmt):
        try:
            return self.terms.matcher(fieldname, tbytes, fmt)
        except (TermNotFound, KeyError):
            return None

    def all_postings(self, schema) -> dict[tuple[str, bytes], tuple[list[int], list[float]]]:
        """Every posting, by term, with document numbers local to the segment."""
        out = {}
        for fieldname, tbytes, matcher in term_matchers(self.reader, schema):
            docs: list[int] = []
            weights: list[float] = []
            read_postings(matcher, 0, docs, weights)
            out[fieldname, tbytes] = (docs, weights)
        return out


class TermScorer:
    """Evaluates queries against one Whoosh searcher (one index version).

    Cheap to keep: per-field length norms are computed on first use. What is
    read of a segment (its lengths; all postings of a small one) is shared
    through *segment_cache* ((segment id, what) → data) across index
    versions, since a segment never changes; only its deletions do, and those
    are applied here.
    """

    def __init__(self, searcher, segment_cache: dict | None = None):
        self.searcher = searcher
        self.schema = searcher.schema
        reader = searcher.reader()
        # (an index without segments has one empty reader, with no segment)
        segments = [_Segment(r, base) for r, base in reader.leaf_readers() if r.segment() is not None]
        self.segments = segments
        self.large = [s for s in segments if not s.small]
        self.doc_count_all = searcher.doc_count_all()
        self.deleted = frozenset().union(*(s.deleted for s in segments))
        self._cache = segment_cache if segment_cache is not None else {}
        self._small: dict | None = None
        self._small_terms: dict[str, list[str]] = {}
        self._norms: dict[str, list[float]] = {}
        self._firsts: list[int] | None = None
        self._idf: dict[tuple[str, str], float] = {}
        self._term_cache: dict[tuple[str, str], dict[int, float]] = {}  # oldest first
        self._term_cache_size = 0

    def _cached(self, segment: _Segment, what, make):
        key = (segment.id, what)
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = make()
        return value

    def _small_postings(self) -> dict[tuple[str, bytes], tuple[list[int], list[float]]]:
        """The postings of all small segments together, global document numbers."""
        if self._small is None:
            merged: dict = {}
            for segment in self.segments:
                if not segment.small:
                    continue
                local = self._cached(segment, "postings", lambda: segment.all_postings(self.schema))
                base = segment.base
                for key, (docs, weights) in local.items():
                    entry = merged.get(key)
                    if entry is None:
                        entry = merged[key] = ([], [])
                    entry[0].extend(d + base for d in docs)
                    entry[1].extend(weights)
            self._small = merged
        return self._small

    # -- articles -----------------------------------------------------------------

    def article_firsts(self) -> list[int]:
        """Global document number → that of its article's first passage."""
        if self._firsts is None:
            firsts: list[int] = []
            for segment in self.segments:
                local = self._cached(segment, "firsts", segment.article_firsts)
                base = segment.base
                firsts.extend([f + base for f in local] if base else local)
            self._firsts = firsts
        return self._firsts

    def article_passages(self, first: int) -> range:
        """The document numbers of the passages of the article starting at *first*."""
        firsts = self.article_firsts()
        end = first + 1
        while end < len(firsts) and firsts[end] == first:
            end += 1
        return range(first, end)

    # -- statistics ---------------------------------------------------------------

    def norms(self, fieldname: str) -> list[float]:
        """K1 · (1 − B + B · length / average length), per global document number."""
        norms = self._norms.get(fieldname)
        if norms is None:
            total = self.searcher.field_length(fieldname)
            average = (total / (self.doc_count_all or 1)) or 1.0
            a, b = K1 * (1 - B), K1 * B / average
            norms = []
            for segment in self.segments:
                lengths = self._cached(segment, ("lengths", fieldname), lambda: segment.lengths(fieldname))
                norms.extend([a + b * n for n in lengths])
            self._norms[fieldname] = norms
        return norms

    def idf(self, fieldname: str, text: str, postings_count: int) -> float:
        """Whoosh's idf. Document frequencies count deleted documents too, as
        Whoosh's do: *postings_count* is exactly that."""
        key = (fieldname, text)
        value = self._idf.get(key)
        if value is None:
            value = self._idf[key] = log(self.doc_count_all / (postings_count + 1)) + 1
        return value

    # -- postings -----------------------------------------------------------------

    def postings(self, fieldname: str, text: str) -> tuple[list[int], list[float]]:
        """(global document numbers, weights) of a term, deleted documents included."""
        tbytes = text.encode("utf-8")
        docs: list[int] = []
        weights: list[float] = []
        fmt = self.schema[fieldname].format
        for segment in self.large:
            m = segment.matcher(fieldname, tbytes, fmt)
            if m is not None:
                read_postings(m, segment.base, docs, weights)
        if len(self.large) < len(self.segments):
            small = self._small_postings().get((fieldname, tbytes))
            if small is not None:
                docs.extend(small[0])
                weights.extend(small[1])
        return docs, weights

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> dict[int, float]:
        """Document → BM25F score of one term (a new dict: callers may change it)."""
        scores = self._term(fieldname, text, boost)
        return dict(scores) if boost == 1.0 else scores

    def _term(self, fieldname: str, text: str, boost: float = 1.0) -> dict[int, float]:
        """:meth:`term`, unboosted as the cached dict itself: read it, never change it."""
        key = (fieldname, text)
        scores = self._term_cache.pop(key, None)
        if scores is None:
            scores = self._score_term(fieldname, text)
            self._term_cache_size += len(scores)
            while self._term_cache_size > TERM_CACHE_POSTINGS and self._term_cache:
                self._term_cache_size -= len(self._term_cache.pop(next(iter(self._term_cache))))
        if len(scores) <= TERM_CACHE_POSTINGS:
            self._term_cache[key] = scores  # the most recently used last
        else:
            self._term_cache_size -= len(scores)
        if boost == 1.0:
            return scores
        return {d: s * boost for d, s in scores.items()}

    def _score_term(self, fieldname: str, text: str) -> dict[int, float]:
        docs, weights = self.postings(fieldname, text)
        if not docs:
            return {}
        if not self.searcher.schema[fieldname].scorable:
            return dict.fromkeys(set(docs) - self.deleted, 1.0)
        norms = self.norms(fieldname)
        factor = self.idf(fieldname, text, len(docs)) * (K1 + 1)
        scores = {d: factor * w / (w + norms[d]) for d, w in zip(docs, weights)}
        if self.deleted:
            # (the few deleted documents are looked up, not the many postings walked)
            pop = scores.pop
            for d in self.deleted if len(self.deleted) < len(scores) else self.deleted.intersection(scores):
                pop(d, None)
        return scores

    def expand(self, q) -> list[str]:
        if isinstance(q, Q.FuzzyTerm):
            words = self.searcher.reader().terms_within(q.fieldname, q.text, q.maxdist, prefix=q.prefixlength)
            return sorted(words)[:MAX_EXPANSION]
        found: set[str] = set()
        for segment in self.large:
            for word in segment.reader.expand_prefix(q.fieldname, q.text):
                found.add(word.decode("utf-8") if isinstance(word, bytes) else word)
                if len(found) >= MAX_EXPANSION:
                    return sorted(found)
        if len(self.large) < len(self.segments):
            terms = self._small_field_terms(q.fieldname)
            for word in islice(terms, bisect_left(terms, q.text), None):
                if not word.startswith(q.text) or len(found) >= MAX_EXPANSION:
                    break
                found.add(word)
        return sorted(found)

    def _small_field_terms(self, fieldname: str) -> list[str]:
        terms = self._small_terms.get(fieldname)
        if terms is None:
            terms = self._small_terms[fieldname] = sorted(
                t.decode("utf-8") for f, t in self._small_postings() if f == fieldname)
        return terms

    # -- evaluation ---------------------------------------------------------------

    def scores(self, q: Q.Query) -> dict[int, float]:
        """Document number → score of every document *q* matches. The dict
        may be one the scorer keeps (a term's scores): read it, never change it."""
        boost = getattr(q, "boost", 1.0)
        if isinstance(q, Q.Term):
            return self._term(q.fieldname, q.text, boost)
        if isinstance(q, (Q.Prefix, Q.FuzzyTerm)):
            # A guess at what is being typed (or meant) scores a fixed amount:
            # it must not outweigh the words typed in full.
            matched: set[int] = set()
            for word in self.expand(q):
                matched.update(self.postings(q.fieldname, word)[0])
            return dict.fromkeys(matched - self.deleted, boost)
        elif isinstance(q, Q.AndMaybe):
            result = self.scores(q.a)
            if result:
                result = dict(result)
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
            elif len(scores) < len(result):
                result = {d: s + result[d] for d, s in scores.items() if d in result}
            else:
                result = {d: s + scores[d] for d, s in result.items() if d in scores}
            if not result:
                return {}
        return result or {}


def _add_all(parts: list[dict[int, float]]) -> dict[int, float]:
    parts = [p for p in parts if p]
    if not parts:
        return {}
    if len(parts) == 1:
        return parts[0]
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
