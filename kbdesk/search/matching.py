"""Scoring a query a term at a time over Whoosh's postings.

Whoosh matches document at a time: for every candidate document it walks a
tree of matcher objects and calls a scorer, several Python calls per posting
and per tree node, again for every segment. With every word of a query
occurring in thousands of passages (as in a real knowledge base, where 退款
or 客户 is everywhere), that is where a search spends its time.

:class:`TermScorer` reads each posting list once, a whole block at a time,
scores it with the same BM25F that Whoosh uses, and combines the lists as
arrays over all documents (numpy: document number → score, 0 where a query
does not match), so that adding or intersecting two lists of 20,000 postings
is one vector operation, not 20,000 dictionary look-ups. The query objects
are still Whoosh's (``whoosh.query``), built by ``kbdesk.search.query``; only
their evaluation is done here, with the same meaning:

* ``Term`` — BM25F of the term in its field, times its boost;
* ``Or`` — the documents matching any part, scores added;
* ``And`` — the documents matching every part, scores added;
* ``AndMaybe`` — the first part's documents, plus the second's score where it matches;
* ``Prefix``, ``FuzzyTerm`` — the documents with any term they expand to, at a
  fixed score (their boost).

Every score of a matching document is above 0 (BM25F's idf is at least 1).
It reads the codec's blocks directly (whoosh-reloaded 2.7.x, codec W3) and
falls back to Whoosh's matcher interface for anything else.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import islice
from math import log

import numpy as np
from whoosh import query as Q
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from kbdesk.search import analysis
from kbdesk.search.segment_writer import read_postings, term_matchers

# Whoosh's BM25F defaults (whoosh.scoring.BM25F)
B = 0.75
K1 = 1.2
# Distinct terms a prefix or typo may expand to: beyond this, a one-letter
# prefix would read half the vocabulary for a keystroke.
MAX_EXPANSION = 64
# Scored postings kept for the next queries (as-you-type repeats the words
# of the keystroke before; 退款 comes back all day), counted in postings of
# 8 bytes: TERM_CACHE_PER_DOCUMENT per document of the index, and at least
# TERM_CACHE_POSTINGS (8 MB; 12 MB at 10,000 articles, 29 MB at 30,000, where
# reading the postings again was half of a query's time).
TERM_CACHE_POSTINGS = 1_000_000
TERM_CACHE_PER_DOCUMENT = 20

# Segments up to this many documents (the ones each edit adds) are read into
# memory whole, once: a look-up in each of 30 small segments per query term
# costs more than the term's postings in the large ones.
SMALL_SEGMENT_DOCS = 16

# Whoosh stores a length in one byte; 0 (an empty field) reads as 1, as its scorer does.
_BYTE_LENGTHS = np.array([byte_to_length(b) or 1 for b in range(256)], dtype=np.float64)
_NO_DOCS = np.zeros(0, dtype=np.int64)


def read_posting_arrays(m, base: int) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers + *base*, weights) of matcher *m* as arrays, read a
    block at a time where it is the codec's own leaf matcher."""
    if type(m) is not W3LeafMatcher or m._byteids:
        docs: list[int] = []
        weights: list[float] = []
        read_postings(m, base, docs, weights)
        return np.array(docs, dtype=np.int64), np.array(weights, dtype=np.float64)
    gaps: list[int] = []
    weights = []
    starts: list[int] = []  # where each block begins in *gaps*, and the id before it
    before: list[int] = []
    previous = base
    while m.is_active():
        m._read_data()
        data = m._data
        starts.append(len(gaps))
        before.append(previous)
        gaps.extend(data[0])  # the block's first id, then gaps from the one before
        w = data[1]
        if w is None:
            weights.extend([1.0] * m._blocklength)
        elif isinstance(w, float):
            weights.extend([w] * m._blocklength)
        else:
            weights.extend(w)
        previous = base + m._maxid
        m._next_block()
    docs = np.array(gaps, dtype=np.int64)
    if not len(docs):
        return _NO_DOCS, np.zeros(0)
    # A block's first id is absolute: as a gap from the last id of the block before.
    docs[starts] -= np.array(before, dtype=np.int64) - base
    docs[0] += base
    return np.cumsum(docs), np.array(weights, dtype=np.float64)


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

    def lengths(self, fieldname: str) -> np.ndarray:
        """Each document's length in *fieldname*, as Whoosh stores it (a byte each)."""
        try:  # the whole column at once: 10,000 look-ups cost 10 ms a field
            column = self.reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            raw = column._dbfile.get(column._basepos, column._count)
        except (AttributeError, OSError):
            column = raw = None
        if column is not None and len(raw) == column._count <= self.doc_count_all:
            lengths = np.ones(self.doc_count_all)
            lengths[:len(raw)] = _BYTE_LENGTHS[np.frombuffer(raw, dtype=np.uint8)]
            return lengths
        read = self.reader.doc_field_length
        return np.array([read(d, fieldname, 1) or 1 for d in range(self.doc_count_all)], dtype=np.float64)

    def article_firsts(self) -> np.ndarray:
        """For each document, the number (local) of its article's first
        passage: an article's passages are added together, in order."""
        try:
            numbers = np.array(list(self.reader.column_reader("pno")), dtype=np.int64)
        except Exception:  # noqa: BLE001 - an index without the column: one document per article
            numbers = np.zeros(self.doc_count_all, dtype=np.int64)
        is_first = numbers == 0
        if len(is_first):
            is_first[0] = True
        # each document's first: the last first at or before it
        return np.maximum.accumulate(np.where(is_first, np.arange(len(numbers)), 0))

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

    :meth:`scores` answers with an array over all documents (deleted ones
    included, at 0). Cheap to keep: per-field length norms are computed on
    first use. What is read of a segment (its lengths; all postings of a
    small one) is shared through *segment_cache* ((segment id, what) → data)
    across index versions, since a segment never changes; only its
    deletions do, and those are applied here.
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
        self._deleted = np.array(sorted(self.deleted), dtype=np.int64)
        self._cache = segment_cache if segment_cache is not None else {}
        self._small: dict | None = None
        self._small_terms: dict[str, list[str]] = {}
        self._norms: dict[str, np.ndarray] = {}
        self._firsts: np.ndarray | None = None
        self._ends: np.ndarray | None = None
        self._idf: dict[tuple[str, str], float] = {}
        # (field, term) → (documents, scores), oldest first
        self._term_cache: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = {}
        self._term_cache_size = 0
        self._term_cache_limit = max(TERM_CACHE_POSTINGS, TERM_CACHE_PER_DOCUMENT * self.doc_count_all)

    def _cached(self, segment: _Segment, what, make):
        key = (segment.id, what)
        value = self._cache.get(key)
        if value is None:
            value = self._cache[key] = make()
        return value

    def words_read_as(self, pinyin: str, seg, fuzzy: bool = False) -> dict[str, int]:
        """The words of the ``words`` field whose full pinyin is *pinyin*, or
        only sounds like it if *fuzzy* (see :func:`analysis.pinyin_vocabulary`),
        read once per segment: word → 0 if that is its usual reading, 1 if it
        takes the other reading of one of its characters (还车 as huanche)."""
        found: dict[str, int] = {}
        for s in self.segments:
            vocabulary = self._cached(s, "pinyin-words", lambda s=s: analysis.pinyin_vocabulary(
                (t.decode("utf-8") for t in s.reader.lexicon("words")), seg))
            if fuzzy:  # (rarely asked: read when first asked)
                readings = self._cached(s, "pinyin-fuzzy", lambda v=vocabulary: analysis.fuzzy_vocabulary(v)).get(
                    analysis.fuzzy_reading(pinyin), ())
            else:
                readings = (pinyin, pinyin + "*")
            for reading in readings:
                rank = reading.endswith("*")
                for word in vocabulary.get(reading, ()):
                    found[word] = min(rank, found.get(word, rank))
        return found

    def _small_postings(self) -> dict[tuple[str, bytes], tuple[np.ndarray, np.ndarray]]:
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
            self._small = {key: (np.array(docs, dtype=np.int64), np.array(weights, dtype=np.float64))
                           for key, (docs, weights) in merged.items()}
        return self._small

    def zeros(self) -> np.ndarray:
        """A score of 0 for every document."""
        return np.zeros(self.doc_count_all)

    # -- articles -----------------------------------------------------------------

    def article_firsts(self) -> np.ndarray:
        """Global document number → that of its article's first passage."""
        if self._firsts is None:
            parts = []
            for segment in self.segments:
                local = self._cached(segment, "firsts", segment.article_firsts)
                parts.append(local + segment.base)
            self._firsts = np.concatenate(parts) if parts else _NO_DOCS
        return self._firsts

    def article_passages(self, first: int) -> range:
        """The document numbers of the passages of the article starting at *first*."""
        if self._ends is None:
            firsts = self.article_firsts()
            starts = np.flatnonzero(firsts == np.arange(len(firsts)))
            ends = np.full(len(firsts), len(firsts), dtype=np.int64)
            ends[starts[:-1]] = starts[1:]
            self._ends = ends
        return range(first, int(self._ends[first]))

    # -- statistics ---------------------------------------------------------------

    def norms(self, fieldname: str) -> np.ndarray:
        """K1 · (1 − B + B · length / average length), per global document number."""
        norms = self._norms.get(fieldname)
        if norms is None:
            total = self.searcher.field_length(fieldname)
            average = (total / (self.doc_count_all or 1)) or 1.0
            a, b = K1 * (1 - B), K1 * B / average
            parts = [self._cached(s, ("lengths", fieldname), lambda: s.lengths(fieldname)) for s in self.segments]
            norms = a + b * np.concatenate(parts) if parts else np.zeros(0)
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

    def postings(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(global document numbers, weights) of a term, deleted documents included."""
        tbytes = text.encode("utf-8")
        fmt = self.schema[fieldname].format
        parts = []
        for segment in self.large:
            m = segment.matcher(fieldname, tbytes, fmt)
            if m is not None:
                parts.append(read_posting_arrays(m, segment.base))
        if len(self.large) < len(self.segments):
            small = self._small_postings().get((fieldname, tbytes))
            if small is not None:
                parts.append(small)
        if not parts:
            return _NO_DOCS, np.zeros(0)
        if len(parts) == 1:
            return parts[0]
        return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])

    def term(self, fieldname: str, text: str, boost: float = 1.0) -> np.ndarray:
        """Document → BM25F score of one term, times *boost* (a new array)."""
        docs, scores = self._term(fieldname, text)
        out = self.zeros()
        out[docs] = scores * boost if boost != 1.0 else scores
        if len(self._deleted):
            out[self._deleted] = 0.0
        return out

    def _term(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(documents, scores) of a term, deleted documents included, kept
        for the next queries."""
        key = (fieldname, text)
        entry = self._term_cache.pop(key, None)
        if entry is None:
            entry = self._score_term(fieldname, text)
            self._term_cache_size += len(entry[0])
            while self._term_cache_size > self._term_cache_limit and self._term_cache:
                self._term_cache_size -= len(self._term_cache.pop(next(iter(self._term_cache)))[0])
        if len(entry[0]) <= self._term_cache_limit:
            self._term_cache[key] = entry  # the most recently used last
        else:
            self._term_cache_size -= len(entry[0])
        return entry

    def _score_term(self, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(documents, scores) as int32 and float32: half the memory kept per posting."""
        docs, weights = self.postings(fieldname, text)
        if not len(docs) or not self.schema[fieldname].scorable:
            return docs.astype(np.int32), np.ones(len(docs), dtype=np.float32)
        factor = self.idf(fieldname, text, len(docs)) * (K1 + 1)
        return docs.astype(np.int32), (factor * weights / (weights + self.norms(fieldname)[docs])).astype(np.float32)

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

    def scores(self, q: Q.Query) -> np.ndarray:
        """The score of every document for *q*: 0 where it does not match (a new array)."""
        boost = getattr(q, "boost", 1.0)
        if isinstance(q, Q.Term):
            return self.term(q.fieldname, q.text, boost)
        if isinstance(q, (Q.Prefix, Q.FuzzyTerm)):
            # A guess at what is being typed (or meant) scores a fixed amount:
            # it must not outweigh the words typed in full.
            result = self.zeros()
            for word in self.expand(q):
                result[self.postings(q.fieldname, word)[0]] = boost
            if len(self._deleted):
                result[self._deleted] = 0.0
            return result
        if isinstance(q, Q.AndMaybe):
            result = self.scores(q.a)
            result += self.scores(q.b) * (result > 0)
        elif isinstance(q, Q.And):
            result = self._intersection(q.subqueries)
        elif isinstance(q, Q.Or):
            result = self._or(q.subqueries)
        elif q is Q.NullQuery or isinstance(q, Q.NullQuery.__class__):
            return self.zeros()
        else:
            raise TypeError(f"cannot evaluate {type(q).__name__} queries")
        if boost != 1.0:
            result *= boost
        return result

    def _or(self, parts) -> np.ndarray:
        """The parts' scores added up. Terms (also inside nested Ors) are
        added as postings, in one pass over all documents: at 180,000
        passages, an array per term was most of a query's time."""
        docs: list[np.ndarray] = []
        values: list[np.ndarray] = []
        dense = None
        for part in parts:
            if not self._postings_of(part, 1.0, docs, values):
                scores = self.scores(part)
                if dense is None:
                    dense = scores
                else:
                    dense += scores
        if not docs:
            return dense if dense is not None else self.zeros()
        result = np.bincount(np.concatenate(docs), weights=np.concatenate(values),
                             minlength=self.doc_count_all).astype(np.float64, copy=False)  # (int when empty)
        if len(self._deleted):
            result[self._deleted] = 0.0
        if dense is not None:
            result += dense
        return result

    def _postings_of(self, q, boost: float, docs: list, values: list) -> bool:
        """Append *q*'s (documents, scores) if it is a term or an Or of terms
        (False, and nothing appended, otherwise)."""
        boost *= getattr(q, "boost", 1.0)
        if isinstance(q, Q.Term):
            found, scores = self._term(q.fieldname, q.text)
            docs.append(found)
            values.append(scores * boost if boost != 1.0 else scores)
            return True
        if isinstance(q, Q.Or) and all(isinstance(sub, (Q.Term, Q.Or)) for sub in q.subqueries):
            start = len(docs)
            for sub in q.subqueries:
                if not self._postings_of(sub, boost, docs, values):
                    del docs[start:], values[start:]
                    return False
            return True
        return False

    def _intersection(self, parts) -> np.ndarray:
        result = None
        for part in parts:
            scores = self.scores(part)
            if result is None:
                result = scores
            else:
                result = np.where((scores > 0) & (result > 0), result + scores, 0.0)
            if not result.any():
                return self.zeros()
        return result if result is not None else self.zeros()


def as_dict(scores: np.ndarray) -> dict[int, float]:
    """The documents an array of :meth:`TermScorer.scores` matches → their score."""
    docs = np.flatnonzero(scores)
    return dict(zip(docs.tolist(), scores[docs].tolist()))


def top(scores: np.ndarray, n: int, among: np.ndarray | None = None) -> list[int]:
    """The *n* best documents (of *among*, else of all), best first; ties go to the lower number."""
    docs = np.flatnonzero(scores) if among is None else among
    if len(docs) > n:
        values = scores[docs]
        least = values[np.argpartition(-values, n - 1)[n - 1]]
        docs = docs[values >= least]  # ties at the edge all kept: the lower numbers win below
    order = np.lexsort((docs, -scores[docs]))
    return docs[order[:n]].tolist()
